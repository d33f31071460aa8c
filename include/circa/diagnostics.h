/* SPDX-License-Identifier: MIT */
/* Compiler-style problem reports (FILE:LINE:COLUMN: error: …), collected so callers decide how to
 * show them; the library never prints. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
    CIRCA_SEVERITY_WARNING,
    CIRCA_SEVERITY_ERROR,
} CircaSeverity;

typedef struct {
    CircaSeverity severity;
    char *file;   /* nullable: a problem with no file */
    guint32 line; /* 0 when the problem concerns the whole file */
    guint32 column;
    char *message; /* "amount_usd: expected a number, found \"12,5x\"" */
} CircaDiagnostic;

typedef struct _CircaDiagnostics CircaDiagnostics;

/* Keeps at most @max_errors errors and as many warnings (0: no limit). Once the error limit is
 * reached, circa_diagnostics_is_full() tells producers to stop. */
CircaDiagnostics *circa_diagnostics_new(guint max_errors);
void circa_diagnostics_free(CircaDiagnostics *diagnostics);

void circa_diagnostics_add(CircaDiagnostics *diagnostics, CircaSeverity severity, const char *file,
                           guint32 line, guint32 column, const char *format, ...)
    G_GNUC_PRINTF(6, 7);

gboolean circa_diagnostics_is_full(const CircaDiagnostics *diagnostics);
/* Whether a warning added now would be kept, not only counted: a producer may spare the work of
 * a detail no one will read. */
gboolean circa_diagnostics_keeps_warning(const CircaDiagnostics *diagnostics);
/* Counts include problems beyond the limit, which are counted but not kept. */
guint circa_diagnostics_n_errors(const CircaDiagnostics *diagnostics);
guint circa_diagnostics_n_warnings(const CircaDiagnostics *diagnostics);
guint circa_diagnostics_n_dropped(const CircaDiagnostics *diagnostics);
guint circa_diagnostics_get_n(const CircaDiagnostics *diagnostics);
const CircaDiagnostic *circa_diagnostics_get(const CircaDiagnostics *diagnostics, guint index);

/* "FILE:LINE:COLUMN: error: MESSAGE" with ANSI colour on "error"/"warning" when @color.
 * Control characters in the message are shown as escapes so no input can drive a terminal. */
char *circa_diagnostic_format(const CircaDiagnostic *diagnostic, gboolean color);

/* @text as diagnostics show it: controls and invisible characters as escapes, invalid UTF-8
 * replaced, so a file or entity name cannot drive a terminal. Free it. */
char *circa_printable(const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaDiagnostics, circa_diagnostics_free)

G_END_DECLS
