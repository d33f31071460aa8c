/* SPDX-License-Identifier: MIT */
/* The circa error domain: every failure the library reports travels as a GError in it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIRCA_ERROR (circa_error_quark())

typedef enum {
    CIRCA_ERROR_FAILED,      /* anything not covered below */
    CIRCA_ERROR_IO,          /* a file or directory could not be read or written */
    CIRCA_ERROR_INPUT,       /* the input data is wrong; details are in the diagnostics */
    CIRCA_ERROR_USAGE,       /* the caller asked for something meaningless (bad option value) */
    CIRCA_ERROR_IGRAPH,      /* igraph reported an error */
    CIRCA_ERROR_INTERRUPTED, /* the command's guard stopped the work (a timeout, a signal) */
} CircaError;

GQuark circa_error_quark(void);

/* Route igraph's error, warning and fatal handlers away from abort() and stderr. Call once
 * before any other igraph use; circa_graph_new_from_deals() calls it for you. */
void circa_igraph_init(void);

G_END_DECLS
