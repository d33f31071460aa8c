/* SPDX-License-Identifier: MIT */
/* Reading deals for a command: the shared input options, and printing what the loader found. */

#include "cli.h"

#include <string.h>
#include <unistd.h>

void circa_input_options_clear(CircaInputOptions *options)
{
    g_clear_pointer(&options->entities, g_free);
    g_clear_pointer(&options->color, g_free);
}

void circa_input_option_entries(CircaInputOptions *options,
                                GOptionEntry entries[CIRCA_INPUT_N_ENTRIES])
{
    const GOptionEntry input_entries[CIRCA_INPUT_N_ENTRIES] = {
        {"entities", 'e', 0, G_OPTION_ARG_FILENAME, &options->entities,
         "Entity table (name,aliases,type) to use instead of the entities.csv of folders", "FILE"},
        {"no-entities-beside", 0, 0, G_OPTION_ARG_NONE, &options->no_entities_beside,
         "Do not read the entities.csv beside a deal file named alone", NULL},
        {"max-errors", 0, 0, G_OPTION_ARG_INT, &options->max_errors,
         "Stop after N errors (default 100; 0: no limit)", "N"},
        {"color", 0, 0, G_OPTION_ARG_STRING, &options->color,
         "Colour diagnostics: auto (default), always or never", "WHEN"},
        G_OPTION_ENTRY_NULL,
    };
    memcpy(entries, input_entries, sizeof input_entries);
}

static gboolean use_color(const char *when, gboolean *color)
{
    if (when == NULL || strcmp(when, "auto") == 0) {
        const char *no_color = g_getenv("NO_COLOR");
        const char *term = g_getenv("TERM");
        *color = isatty(STDERR_FILENO) && (no_color == NULL || no_color[0] == '\0') &&
                 g_strcmp0(term, "dumb") != 0;
        return TRUE;
    }
    if (strcmp(when, "always") == 0 || strcmp(when, "never") == 0) {
        *color = strcmp(when, "always") == 0;
        return TRUE;
    }
    circa_cli_error("--color: expected auto, always or never, found \"%s\"", when);
    return FALSE;
}

CircaDealSet *circa_cli_load(char **paths, const CircaInputOptions *options, guint *n_warnings)
{
    gboolean color;
    if (!use_color(options->color, &color)) {
        return NULL;
    }
    if (!circa_cli_check_count("--max-errors", options->max_errors)) {
        return NULL;
    }
    if (paths == NULL || paths[0] == NULL) {
        circa_cli_error("no deal files given\nTry '%s --help'.", g_get_prgname());
        return NULL;
    }

    g_autoptr(CircaDiagnostics) diagnostics = circa_diagnostics_new((guint) options->max_errors);
    CircaLoadOptions load = {.entities_path = options->entities,
                             .no_tables_beside = options->no_entities_beside};
    g_autoptr(GError) error = NULL;
    g_autoptr(CircaDealSet) set =
        circa_deal_set_load((const char *const *) paths, &load, diagnostics, &error);

    fflush(stdout);
    for (guint i = 0; i < circa_diagnostics_get_n(diagnostics); i++) {
        g_autofree char *line =
            circa_diagnostic_format(circa_diagnostics_get(diagnostics, i), color);
        fprintf(stderr, "%s\n", line);
    }
    guint dropped = circa_diagnostics_n_dropped(diagnostics);
    if (circa_diagnostics_is_full(diagnostics)) {
        circa_cli_error("stopped after %d errors; --max-errors raises the limit",
                        options->max_errors);
    } else if (dropped > 0) {
        circa_cli_error("%u more warning%s not shown", dropped, dropped == 1 ? "" : "s");
    }
    if (n_warnings != NULL) {
        *n_warnings = circa_diagnostics_n_warnings(diagnostics);
    }
    if (set == NULL) {
        guint warnings = circa_diagnostics_n_warnings(diagnostics);
        if (warnings > 0) {
            circa_cli_error("%s, %u warning%s", error->message, warnings, warnings == 1 ? "" : "s");
        } else {
            circa_cli_error("%s", error->message);
        }
        return NULL;
    }
    return g_steal_pointer(&set);
}

CircaGraph *circa_cli_load_graph(char **paths, const CircaInputOptions *options, CircaDealSet **set)
{
    *set = circa_cli_load(paths, options, NULL);
    if (*set == NULL) {
        return NULL;
    }
    g_autoptr(GError) error = NULL;
    CircaGraph *graph = circa_graph_new_from_deals(*set, &error);
    if (graph == NULL) {
        circa_cli_error("%s", error->message);
    }
    return graph;
}
