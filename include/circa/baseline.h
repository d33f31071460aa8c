/* SPDX-License-Identifier: MIT */
/* The baseline of `circa diff`: the loops a team has reviewed and accepted, each with its reason,
 * so that adopting the check on an existing repository does not report every old loop as new. */
#pragma once

#include <glib.h>

#include "circa/diagnostics.h"

G_BEGIN_DECLS

/* The file `circa diff` reads when --baseline does not name one. */
#define CIRCA_BASELINE_DEFAULT_PATH ".circa-baseline"

typedef struct {
    GHashTable *reasons; /* canonical key → reason (both owned) */
    GPtrArray *keys;     /* char *: the keys in file order (borrowed from reasons) */
    GArray *lines;       /* guint32: the line of each key, for messages */
    char *path;          /* as named to the user */
} CircaBaseline;

/* Reads a baseline: UTF-8 text, one reviewed loop per line as KEY, a tab, and a reason (which may
 * be empty); blank lines and lines starting with '#' are comments. A key listed twice, a line
 * without a tab, or bytes that are not UTF-8 are errors in @diagnostics at their line and
 * column. NULL with a CIRCA_ERROR_INPUT error when there was any error, CIRCA_ERROR_IO when the
 * file cannot be read. */
CircaBaseline *circa_baseline_load(const char *path, CircaDiagnostics *diagnostics, GError **error);
/* An empty baseline (no file). */
CircaBaseline *circa_baseline_new(void);
/* The reason @key was accepted, or NULL when the baseline does not list it. */
const char *circa_baseline_lookup(const CircaBaseline *baseline, const char *key);
void circa_baseline_free(CircaBaseline *baseline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaBaseline, circa_baseline_free)

G_END_DECLS
