/* SPDX-License-Identifier: MIT */
/* Collected problem reports with an error cap, and their one textual form. */

#include "circa/diagnostics.h"
#include "text-private.h"

struct _CircaDiagnostics {
    GArray *items; /* CircaDiagnostic, owning file and message */
    guint max_errors;
    guint n_errors;
    guint n_warnings;
    guint n_kept_warnings;
    guint n_dropped;
};

static void diagnostic_clear(gpointer data)
{
    CircaDiagnostic *diagnostic = data;
    g_free(diagnostic->file);
    g_free(diagnostic->message);
}

CircaDiagnostics *circa_diagnostics_new(guint max_errors)
{
    CircaDiagnostics *diagnostics = g_new0(CircaDiagnostics, 1);
    diagnostics->items = g_array_new(FALSE, FALSE, sizeof(CircaDiagnostic));
    g_array_set_clear_func(diagnostics->items, diagnostic_clear);
    diagnostics->max_errors = max_errors;
    return diagnostics;
}

void circa_diagnostics_free(CircaDiagnostics *diagnostics)
{
    if (diagnostics == NULL) {
        return;
    }
    g_array_free(diagnostics->items, TRUE);
    g_free(diagnostics);
}

void circa_diagnostics_add(CircaDiagnostics *diagnostics, CircaSeverity severity, const char *file,
                           guint32 line, guint32 column, const char *format, ...)
{
    g_return_if_fail(diagnostics != NULL && format != NULL);

    gboolean keep;
    if (severity == CIRCA_SEVERITY_ERROR) {
        diagnostics->n_errors++;
        keep = diagnostics->max_errors == 0 || diagnostics->n_errors <= diagnostics->max_errors;
    } else {
        diagnostics->n_warnings++;
        keep = circa_diagnostics_keeps_warning(diagnostics);
        diagnostics->n_kept_warnings += keep;
    }
    if (!keep) {
        diagnostics->n_dropped++;
        return;
    }
    va_list args;
    va_start(args, format);
    CircaDiagnostic diagnostic = {
        .severity = severity,
        .file = g_strdup(file),
        .line = line,
        .column = column,
        .message = g_strdup_vprintf(format, args),
    };
    va_end(args);
    g_array_append_val(diagnostics->items, diagnostic);
}

gboolean circa_diagnostics_is_full(const CircaDiagnostics *diagnostics)
{
    return diagnostics->max_errors != 0 && diagnostics->n_errors >= diagnostics->max_errors;
}

gboolean circa_diagnostics_keeps_warning(const CircaDiagnostics *diagnostics)
{
    return diagnostics->max_errors == 0 || diagnostics->n_kept_warnings < diagnostics->max_errors;
}

guint circa_diagnostics_n_errors(const CircaDiagnostics *diagnostics)
{
    return diagnostics->n_errors;
}

guint circa_diagnostics_n_warnings(const CircaDiagnostics *diagnostics)
{
    return diagnostics->n_warnings;
}

guint circa_diagnostics_n_dropped(const CircaDiagnostics *diagnostics)
{
    return diagnostics->n_dropped;
}

guint circa_diagnostics_get_n(const CircaDiagnostics *diagnostics)
{
    return diagnostics->items->len;
}

const CircaDiagnostic *circa_diagnostics_get(const CircaDiagnostics *diagnostics, guint index)
{
    g_return_val_if_fail(index < diagnostics->items->len, NULL);
    return &g_array_index(diagnostics->items, CircaDiagnostic, index);
}

char *circa_diagnostic_format(const CircaDiagnostic *diagnostic, gboolean color)
{
    GString *out = g_string_new(NULL);
    if (diagnostic->file != NULL) {
        circa_i_append_printable_line(out, diagnostic->file); /* it starts the line */
        if (diagnostic->line > 0) {
            g_string_append_printf(out, ":%u:%u", diagnostic->line, diagnostic->column);
        }
        g_string_append(out, ": ");
    }
    gboolean error = diagnostic->severity == CIRCA_SEVERITY_ERROR;
    const char *label = error ? "error" : "warning";
    if (color) {
        g_string_append_printf(out, "\033[1;%sm%s:\033[0m ", error ? "31" : "35", label);
    } else {
        g_string_append_printf(out, "%s: ", label);
    }
    circa_i_append_printable(out, diagnostic->message);
    return g_string_free(out, FALSE);
}

char *circa_printable(const char *text)
{
    GString *out = g_string_new(NULL);
    circa_i_append_printable(out, text);
    return g_string_free(out, FALSE);
}
