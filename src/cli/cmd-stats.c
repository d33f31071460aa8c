/* SPDX-License-Identifier: MIT */
/* circa stats: the summary of a deal graph, for people (text) or scripts (JSON). */

#include "cli.h"

#include <string.h>

int circa_cmd_stats(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(GStrv) paths = NULL;
    g_autofree char *format = NULL;
    int top = 10;
    g_auto(CircaFilterArguments) filter_arguments = {0};
    const GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format, "Output format: text (default) or json",
         "FORMAT"},
        {"top", 0, 0, G_OPTION_ARG_INT, &top,
         "How many top payers and payees to list (default 10; 0: all)", "N"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL},
        G_OPTION_ENTRY_NULL,
    };
    GOptionEntry filters[CIRCA_FILTER_N_ENTRIES];
    circa_filter_arguments_entries(&filter_arguments, FALSE, filters);
    const GOptionEntry *const more[] = {filters, NULL};
    if (!circa_cli_parse(&circa_commands[1], entries, more, &input, &argc, &argv)) {
        return CIRCA_EXIT_ERROR;
    }
    gboolean json = FALSE;
    if (format != NULL && strcmp(format, "json") == 0) {
        json = TRUE;
    } else if (format != NULL && strcmp(format, "text") != 0) {
        circa_cli_error("--format: expected text or json, found \"%s\"", format);
        return CIRCA_EXIT_ERROR;
    }
    if (!circa_cli_check_count("--top", top)) {
        return CIRCA_EXIT_ERROR;
    }
    CircaDealFilter filter;
    if (!circa_filter_arguments_apply(&filter_arguments, &filter)) {
        return CIRCA_EXIT_ERROR;
    }

    g_autoptr(CircaDealSet) set = NULL;
    g_autoptr(CircaGraph) graph = circa_cli_load_graph(paths, &input, &set);
    if (graph == NULL) {
        return CIRCA_EXIT_ERROR;
    }
    g_autoptr(GError) error = NULL;
    g_autoptr(CircaStats) stats = circa_stats_new(graph, &filter, (guint) top, &error);
    if (stats == NULL) {
        circa_cli_error("%s", error->message);
        return CIRCA_EXIT_ERROR;
    }
    if (json) {
        g_autofree char *text = circa_stats_to_json(stats, graph);
        return circa_cli_write_stdout(text, strlen(text)) ? CIRCA_EXIT_OK : CIRCA_EXIT_ERROR;
    }
    g_autoptr(GString) text = g_string_new(NULL);
    circa_stats_write_text(stats, graph, text);
    return circa_cli_write_stdout(text->str, text->len) ? CIRCA_EXIT_OK : CIRCA_EXIT_ERROR;
}
