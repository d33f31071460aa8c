/* SPDX-License-Identifier: MIT */
/* circa cycles: list, count or export the round trips of a deal graph. */

#include "cli.h"

#include <string.h>

/* Output goes to stdout in pieces of about this size, so memory stays flat while streaming. */
#define FLUSH_AT (1 << 20)

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
    render.guard = options->guard;
    g_autoptr(GBytes) dot = circa_render(graph, &render, CIRCA_RENDER_DOT, error);
    if (dot == NULL) {
        return FALSE;
    }
    gsize length;
    const char *data = g_bytes_get_data(dot, &length);
    g_string_append_len(out, data, (gssize) length);
    return TRUE;
}

static gboolean write_mermaid(const CircaCycleSet *cycles, CircaGraph *graph,
                              const CircaCycleOptions *options, GString *out, GError **error)
{
    circa_cycles_write_mermaid(cycles, graph, out);
    return TRUE;
}

/* --format: a new format is a writer in the library and a row here. Formats with a cycle writer
 * stream in search order; diagrams need the loops collected. */
static const struct {
    const char *name;
    gboolean streams;        /* a CircaCycleWriter format … */
    CircaCycleFormat format; /* … this one */
    gboolean (*write)(const CircaCycleSet *cycles, CircaGraph *graph,
                      const CircaCycleOptions *options, GString *out, GError **error);
    gboolean says_truncation; /* the output itself tells a truncated result */
} formats[] = {
    {"text", TRUE, CIRCA_CYCLES_TEXT, NULL, TRUE}, {"json", TRUE, CIRCA_CYCLES_JSON, NULL, TRUE},
    {"csv", TRUE, CIRCA_CYCLES_CSV, NULL, FALSE},  {"tsv", TRUE, CIRCA_CYCLES_TSV, NULL, FALSE},
    {"dot", FALSE, 0, write_dot, FALSE},           {"mermaid", FALSE, 0, write_mermaid, FALSE},
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

/* Search order: each cycle is written as it is found and the output goes out in pieces. */
typedef struct {
    CircaCycleWriter *writer;
    GString *out;
    guint limit; /* 0: none */
    guint64 n_seen;
    guint64 n_written;
    gboolean write_failed;
} Stream;

static gboolean flush(Stream *stream)
{
    if (!stream->write_failed && !circa_cli_write_stdout(stream->out->str, stream->out->len)) {
        stream->write_failed = TRUE;
    }
    g_string_truncate(stream->out, 0);
    return !stream->write_failed;
}

static gboolean stream_one(const CircaCycle *cycle, gpointer data)
{
    Stream *stream = data;
    stream->n_seen++;
    if (stream->limit != 0 && stream->n_written == stream->limit) {
        return FALSE; /* one more than the limit exists: the result is truncated */
    }
    if (!circa_cycle_writer_add(stream->writer, cycle)) {
        /* The guard stopped the writing, and the search with it: this one is not counted, so
         * that what is said to be found is what was shown. */
        stream->n_seen--;
        return FALSE;
    }
    stream->n_written++;
    return stream->out->len < FLUSH_AT || flush(stream);
}

int circa_cmd_cycles(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(CircaCycleArguments) arguments = CIRCA_CYCLE_ARGUMENTS_INIT(1000, CIRCA_CYCLE_SORT_KEY);
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

    circa_cli_catch_signals();
    g_autoptr(CircaDealSet) set = NULL;
    g_autoptr(CircaGraph) graph = circa_cli_load_graph(paths, &input, &set);
    if (graph == NULL) {
        return circa_cli_exit_code(CIRCA_EXIT_ERROR);
    }
    g_autoptr(GError) error = NULL;
    CircaCycleOptions options;
    CircaCycleSort sort;
    CircaGuard guard;
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (!circa_cycle_arguments_apply(&arguments, set, &options, through, &sort, &guard)) {
        return CIRCA_EXIT_ERROR;
    }
    gboolean progress = circa_cli_show_progress(&options);

    gboolean ok;
    g_autoptr(GString) out = g_string_new(NULL);
    CircaSearchEnd end = CIRCA_SEARCH_COMPLETE;
    gboolean says_truncation = FALSE; /* text and JSON tell it in the output itself */
    gboolean write_failed = FALSE;
    if (count_only) {
        guint64 count = 0;
        ok = circa_cycles_count(graph, &options, &count, &end, &error);
        if (formats[format].streams && formats[format].format == CIRCA_CYCLES_JSON) {
            g_string_append_printf(
                out,
                "{\n  \"pass\" : \"%s\",\n  \"per_deal\" : %s,\n  \"found\" : "
                "%" G_GUINT64_FORMAT ",\n  \"truncated\" : %s,\n  \"end\" : \"%s\"\n}\n",
                circa_pass_to_string(options.pass), options.per_deal ? "true" : "false", count,
                end != CIRCA_SEARCH_COMPLETE ? "true" : "false", circa_search_end_to_string(end));
            says_truncation = TRUE;
        } else {
            g_string_append_printf(out, "%" G_GUINT64_FORMAT "\n", count);
        }
        if (ok && count == G_MAXUINT64) {
            /* Per-deal counts multiply parallel deals and stop at the largest count there is. */
            circa_cli_error("the count reached 2^64 - 1 and stopped there: there are at least "
                            "that many cycles");
        }
    } else if (formats[format].streams && sort == CIRCA_CYCLE_SORT_NONE) {
        /* Search order: written as found, in constant memory. */
        g_autoptr(CircaCycleWriter) writer =
            circa_cycle_writer_new(formats[format].format, graph, &options, out);
        Stream stream = {writer, out, (guint) arguments.limit, 0, 0, FALSE};
        ok = circa_cycles_foreach(graph, &options, stream_one, &stream, &end, &error);
        if (ok) {
            guint64 found = end == CIRCA_SEARCH_STOPPED && !stream.write_failed ? stream.n_seen - 1
                                                                                : stream.n_seen;
            circa_cycle_writer_finish(writer, found, end);
        }
        write_failed = stream.write_failed;
        says_truncation = formats[format].says_truncation;
    } else {
        g_autoptr(CircaCycleSet) cycles =
            circa_cycles_collect(graph, &options, sort, (guint) arguments.limit, &error);
        ok = cycles != NULL;
        if (ok) {
            end = cycles->truncated && cycles->end == CIRCA_SEARCH_COMPLETE ? CIRCA_SEARCH_STOPPED
                                                                            : cycles->end;
            if (formats[format].streams) {
                /* Written in pieces: a large sorted result need not sit in memory twice. */
                g_autoptr(CircaCycleWriter) writer =
                    circa_cycle_writer_new(formats[format].format, graph, &options, out);
                Stream stream = {writer, out, 0, 0, 0, FALSE};
                CircaSearchEnd written = cycles->end;
                for (guint c = 0; c < cycles->cycles->len && !stream.write_failed; c++) {
                    if (!circa_cycle_writer_add_owned(writer,
                                                      g_ptr_array_index(cycles->cycles, c))) {
                        written = end = circa_cycle_writer_stopped(writer);
                        break;
                    }
                    if (out->len >= FLUSH_AT) {
                        flush(&stream);
                    }
                }
                circa_cycle_writer_finish(writer, cycles->n_found, written);
                write_failed = stream.write_failed;
            } else {
                ok = formats[format].write(cycles, graph, &options, out, &error);
            }
            says_truncation = formats[format].says_truncation;
        }
    }
    circa_cli_end_progress(progress);
    if (!ok) {
        circa_cli_error("%s", error->message);
        return circa_cli_exit_code(CIRCA_EXIT_ERROR);
    }
    if (!says_truncation && end != CIRCA_SEARCH_COMPLETE) {
        circa_cli_error("the result is truncated (%s); more cycles may exist",
                        circa_search_end_to_string(end));
    }
    if (end == CIRCA_SEARCH_BUDGET && !says_truncation) {
        circa_cli_error("--max-length N bounds the search; --max-steps 0 lifts the step budget");
    }
    if (end == CIRCA_SEARCH_MEMORY && !says_truncation) {
        circa_cli_error("a result without a limit holds at most %u MB of cycles in memory: "
                        "--limit N keeps the best N, and text, JSON, CSV and TSV with --sort none "
                        "stream every cycle",
                        (guint) (CIRCA_MAX_KEPT_BYTES >> 20));
    }
    if (write_failed || !circa_cli_write_stdout(out->str, out->len)) {
        return CIRCA_EXIT_ERROR;
    }
    return circa_cli_exit_code(CIRCA_EXIT_OK);
}
