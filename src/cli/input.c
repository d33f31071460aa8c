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

gboolean circa_cli_use_color(const CircaInputOptions *options, gboolean *color)
{
    return use_color(options->color, color);
}

void circa_cli_print_diagnostics(const CircaDiagnostics *diagnostics, gboolean color,
                                 int max_errors)
{
    fflush(stdout);
    for (guint i = 0; i < circa_diagnostics_get_n(diagnostics); i++) {
        g_autofree char *line =
            circa_diagnostic_format(circa_diagnostics_get(diagnostics, i), color);
        fprintf(stderr, "%s\n", line);
    }
    guint dropped = circa_diagnostics_n_dropped(diagnostics);
    if (circa_diagnostics_is_full(diagnostics)) {
        circa_cli_error("stopped after %d errors; --max-errors raises the limit", max_errors);
    } else if (dropped > 0) {
        circa_cli_error("%u more warning%s not shown", dropped, dropped == 1 ? "" : "s");
    }
}

gboolean circa_cli_load_prepare(CircaCliLoad *job, char **paths, const CircaInputOptions *options)
{
    memset(job, 0, sizeof *job);
    job->paths = paths;
    job->options = options;
    job->entities = options->entities;
    if (!use_color(options->color, &job->color) ||
        !circa_cli_check_count("--max-errors", options->max_errors)) {
        return FALSE;
    }
    if (paths == NULL || paths[0] == NULL) {
        circa_cli_error("no deal files given\nTry '%s --help'.", g_get_prgname());
        return FALSE;
    }
    return TRUE;
}

/* Prints nothing and touches nothing shared: two loads may run at once, in two threads. */
void circa_cli_load_run(CircaCliLoad *job)
{
    job->diagnostics = circa_diagnostics_new((guint) job->options->max_errors);
    CircaLoadOptions load = {.entities_path = job->entities,
                             .no_tables_beside = job->options->no_entities_beside,
                             .display_root = job->display_root,
                             .display_prefix = job->display_prefix};
    job->set =
        circa_deal_set_load((const char *const *) job->paths, &load, job->diagnostics, &job->error);
}

CircaDealSet *circa_cli_load_report(CircaCliLoad *job, guint *n_warnings)
{
    circa_cli_print_diagnostics(job->diagnostics, job->color, job->options->max_errors);
    guint warnings = circa_diagnostics_n_warnings(job->diagnostics);
    if (n_warnings != NULL) {
        *n_warnings = warnings;
    }
    if (job->set == NULL) {
        if (warnings > 0) {
            circa_cli_error("%s, %u warning%s", job->error->message, warnings,
                            warnings == 1 ? "" : "s");
        } else {
            circa_cli_error("%s", job->error->message);
        }
    }
    g_clear_pointer(&job->diagnostics, circa_diagnostics_free);
    g_clear_error(&job->error);
    return g_steal_pointer(&job->set);
}

CircaDealSet *circa_cli_load(char **paths, const CircaInputOptions *options, guint *n_warnings)
{
    CircaCliLoad job;
    if (!circa_cli_load_prepare(&job, paths, options)) {
        return NULL;
    }
    circa_cli_load_run(&job);
    return circa_cli_load_report(&job, n_warnings);
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
