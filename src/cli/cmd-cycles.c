/* SPDX-License-Identifier: MIT */
/* circa cycles: list, count or export the round trips of a deal graph. */

#include "cli.h"

#include <string.h>

/* The loops as a diagram: the render module's DOT with only what lies on them. */
static gboolean write_dot(const CircaCycleSet *cycles, CircaGraph *graph,
                          const CircaCycleOptions *options, GString *out, GError **error)
{
    if (cycles->cycles->len == 0) {
        return TRUE;
    }
    CircaRenderOptions render;
    circa_render_options_init(&render);
    render.pass = options->pass;
    render.highlight = cycles;
    render.per_deal = options->per_deal;
    render.cycles_only = TRUE;
    render.title = "Round trips";
    g_autoptr(GBytes) dot = circa_render(graph, &render, CIRCA_RENDER_DOT, error);
    if (dot == NULL) {
        return FALSE;
    }
    gsize length;
    const char *data = g_bytes_get_data(dot, &length);
    g_string_append_len(out, data, (gssize) length);
    return TRUE;
}

static gboolean write_text(const CircaCycleSet *cycles, CircaGraph *graph,
                           const CircaCycleOptions *options, GString *out, GError **error)
{
    circa_cycles_write_text(cycles, graph, options, out);
    return TRUE;
}

static gboolean write_json(const CircaCycleSet *cycles, CircaGraph *graph,
                           const CircaCycleOptions *options, GString *out, GError **error)
{
    g_autofree char *json = circa_cycles_to_json(cycles, graph, options);
    g_string_append(out, json);
    return TRUE;
}

static gboolean write_csv(const CircaCycleSet *cycles, CircaGraph *graph,
                          const CircaCycleOptions *options, GString *out, GError **error)
{
    circa_cycles_write_delimited(cycles, graph, ',', out);
    return TRUE;
}

static gboolean write_tsv(const CircaCycleSet *cycles, CircaGraph *graph,
                          const CircaCycleOptions *options, GString *out, GError **error)
{
    circa_cycles_write_delimited(cycles, graph, '\t', out);
    return TRUE;
}

static gboolean write_mermaid(const CircaCycleSet *cycles, CircaGraph *graph,
                              const CircaCycleOptions *options, GString *out, GError **error)
{
    circa_cycles_write_mermaid(cycles, graph, out);
    return TRUE;
}

/* --format: a new format is a writer in the library and a row here. */
static const struct {
    const char *name;
    gboolean (*write)(const CircaCycleSet *cycles, CircaGraph *graph,
                      const CircaCycleOptions *options, GString *out, GError **error);
    gboolean says_truncation; /* the output itself tells a truncated result */
} formats[] = {
    {"text", write_text, TRUE}, {"json", write_json, TRUE}, {"csv", write_csv, FALSE},
    {"tsv", write_tsv, FALSE},  {"dot", write_dot, FALSE},  {"mermaid", write_mermaid, FALSE},
};

/* "text, json, …, dot or mermaid" from the table, for the help (with "(default)" after the
 * first) and the error message. */
static char *format_list(gboolean mark_default)
{
    GString *list = g_string_new(NULL);
    for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
        const char *separator = i == 0 ? "" : i + 1 == G_N_ELEMENTS(formats) ? " or " : ", ";
        g_string_append_printf(list, "%s%s%s", separator, formats[i].name,
                               i == 0 && mark_default ? " (default)" : "");
    }
    return g_string_free(list, FALSE);
}

int circa_cmd_cycles(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(CircaCycleArguments) arguments = {.limit = 1000, .default_sort = CIRCA_CYCLE_SORT_KEY};
    g_auto(GStrv) paths = NULL;
    g_autofree char *format_name = NULL;
    gboolean count_only = FALSE;
    g_autofree char *formats_known = format_list(FALSE);
    g_autofree char *formats_marked = format_list(TRUE);
    g_autofree char *format_help = g_strdup_printf("Output: %s", formats_marked);
    const GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name, format_help, "FORMAT"},
        {"count", 'c', 0, G_OPTION_ARG_NONE, &count_only, "Print only the number of cycles", NULL},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL},
        G_OPTION_ENTRY_NULL,
    };
    GOptionEntry filters[CIRCA_CYCLE_N_ENTRIES], deal_filters[CIRCA_FILTER_N_ENTRIES];
    circa_cycle_arguments_entries(&arguments, filters);
    circa_filter_arguments_entries(&arguments.deals, TRUE, deal_filters);
    const GOptionEntry *const more[] = {filters, deal_filters, NULL};
    if (!circa_cli_parse(&circa_commands[2], entries, more, &input, &argc, &argv)) {
        return CIRCA_EXIT_ERROR;
    }
    guint format = 0;
    while (format < G_N_ELEMENTS(formats) && format_name != NULL &&
           strcmp(format_name, formats[format].name) != 0) {
        format++;
    }
    if (format == G_N_ELEMENTS(formats)) {
        circa_cli_error("--format: expected %s, found \"%s\"", formats_known, format_name);
        return CIRCA_EXIT_ERROR;
    }

    g_autoptr(CircaDealSet) set = NULL;
    g_autoptr(CircaGraph) graph = circa_cli_load_graph(paths, &input, &set);
    if (graph == NULL) {
        return CIRCA_EXIT_ERROR;
    }
    g_autoptr(GError) error = NULL;
    CircaCycleOptions options;
    CircaCycleSort sort;
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (!circa_cycle_arguments_apply(&arguments, set, &options, through, &sort)) {
        return CIRCA_EXIT_ERROR;
    }
    gboolean progress = circa_cli_show_progress(&options);
    circa_cli_catch_interrupt(TRUE);

    gboolean ok;
    g_autoptr(GString) out = g_string_new(NULL);
    CircaSearchEnd end = CIRCA_SEARCH_COMPLETE;
    gboolean says_truncation = FALSE; /* text and JSON tell it in the output itself */
    if (count_only) {
        guint64 count = 0;
        ok = circa_cycles_count(graph, &options, &count, &end, &error);
        g_string_append_printf(out, "%" G_GUINT64_FORMAT "\n", count);
        if (ok && count == G_MAXUINT64) {
            /* Per-deal counts multiply parallel deals and stop at the largest count there is. */
            circa_cli_error("the count reached 2^64 - 1 and stopped there: there are at least "
                            "that many cycles");
        }
    } else {
        g_autoptr(CircaCycleSet) cycles =
            circa_cycles_collect(graph, &options, sort, (guint) arguments.limit, &error);
        ok = cycles != NULL;
        if (ok) {
            end = cycles->truncated && cycles->end == CIRCA_SEARCH_COMPLETE ? CIRCA_SEARCH_STOPPED
                                                                            : cycles->end;
            ok = formats[format].write(cycles, graph, &options, out, &error);
            says_truncation = formats[format].says_truncation;
        }
    }
    circa_cli_catch_interrupt(FALSE);
    circa_cli_end_progress(progress);
    if (!ok) {
        circa_cli_error("%s", error->message);
        return CIRCA_EXIT_ERROR;
    }
    if (!says_truncation && end != CIRCA_SEARCH_COMPLETE) {
        circa_cli_error("the result is truncated (%s); more cycles may exist",
                        circa_search_end_to_string(end));
    }
    return circa_cli_write_stdout(out->str, out->len) ? CIRCA_EXIT_OK : CIRCA_EXIT_ERROR;
}
