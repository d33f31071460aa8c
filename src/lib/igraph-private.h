/* SPDX-License-Identifier: MIT */
/* One way to call igraph: clear the saved reason, call, turn a failure into a GError. */
#pragma once

#include <glib.h>
#include <igraph.h>

void circa_i_igraph_begin(void);
gboolean circa_i_igraph_check(igraph_error_t code, const char *what, GError **error);

/* CIRCA_IGRAPH_CALL(igraph_create(...), "building the graph", error) evaluates to a gboolean. */
#define CIRCA_IGRAPH_CALL(call, what, error)                                                       \
    (circa_i_igraph_begin(), circa_i_igraph_check((call), (what), (error)))
