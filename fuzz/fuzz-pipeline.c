/* SPDX-License-Identifier: MIT */
/* The whole path on a deal file of any bytes: load → graph → cycles → every writer, with the
 * promises each output makes checked inside: the count equals what collecting finds, JSON parses
 * with as many cycles as were kept, CSV and TSV read back row for row with nine fields, DOT reads
 * back into Graphviz with one node per entity drawn, stats JSON parses. The first byte chooses
 * the pass, per-deal mode and a length bound; a step budget keeps every input quick. */

#include "fuzz-private.h"

#include <json-glib/json-glib.h>
#if CIRCA_FUZZ_GRAPHVIZ
#include <cgraph.h>
#endif

static void check_json(const char *text, guint n_cycles, gboolean stats)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) error = NULL;
    FUZZ_CHECK(json_parser_load_from_data(parser, text, -1, &error));
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    FUZZ_CHECK(root != NULL);
    if (!stats) {
        FUZZ_CHECK(json_array_get_length(json_object_get_array_member(root, "cycles")) == n_cycles);
    }
}

static void check_delimited(const GString *out, char delimiter, guint n_cycles)
{
    g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(out->str, out->len, delimiter);
    const CircaCsvField *fields;
    guint n_fields, rows = 0;
    CircaCsvProblem problem;
    CircaCsvResult result;
    while ((result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) !=
           CIRCA_CSV_END) {
        FUZZ_CHECK(result == CIRCA_CSV_RECORD && n_fields == 9);
        rows++;
    }
    FUZZ_CHECK(rows == n_cycles + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    guint8 flags = data[0];
    g_autofree char *path = fuzz_write("deals.csv", data + 1, size - 1);
    const char *paths[] = {path, NULL};
    g_autoptr(CircaDiagnostics) diagnostics = circa_diagnostics_new(0);
    g_autoptr(CircaDealSet) set = circa_deal_set_load(paths, NULL, diagnostics, NULL);
    if (set == NULL) {
        return 0;
    }
    g_autoptr(CircaGraph) graph = circa_graph_new_from_deals(set, NULL);
    FUZZ_CHECK(graph != NULL);

    CircaGuard guard;
    circa_guard_init(&guard, 0, NULL, 2000000);
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    options.pass = flags & 1 ? CIRCA_PASS_MIXED : CIRCA_PASS_MONEY;
    options.per_deal = (flags & 2) != 0;
    options.max_length = 2 + (flags >> 2 & 3);
    options.guard = &guard;

    guint64 counted = 0;
    CircaSearchEnd count_end;
    FUZZ_CHECK(circa_cycles_count(graph, &options, &counted, &count_end, NULL));
    circa_guard_init(&guard, 0, NULL, 2000000);
    g_autoptr(CircaCycleSet) cycles =
        circa_cycles_collect(graph, &options, CIRCA_CYCLE_SORT_NONE, 0, NULL);
    FUZZ_CHECK(cycles != NULL);
    if (count_end == CIRCA_SEARCH_COMPLETE && cycles->end == CIRCA_SEARCH_COMPLETE) {
        FUZZ_CHECK(counted == cycles->n_found && counted == cycles->cycles->len);
    }
    for (guint c = 0; c < cycles->cycles->len; c++) {
        const CircaOwnedCycle *owned = g_ptr_array_index(cycles->cycles, c);
        FUZZ_CHECK(owned->cycle.certainty >= options.deals.min_status);
        FUZZ_CHECK(owned->cycle.length >= 2 && owned->cycle.length <= options.max_length);
    }

    guint n = cycles->cycles->len;
    circa_guard_init(&guard, 0, NULL, 0);
    for (CircaCycleFormat format = CIRCA_CYCLES_TEXT; format <= CIRCA_CYCLES_TSV; format++) {
        g_autoptr(GString) out = g_string_new(NULL);
        circa_cycles_write(cycles, graph, &options, format, out);
        FUZZ_CHECK(g_utf8_validate(out->str, (gssize) out->len, NULL));
        if (format == CIRCA_CYCLES_JSON) {
            check_json(out->str, n, FALSE);
        } else if (format == CIRCA_CYCLES_CSV || format == CIRCA_CYCLES_TSV) {
            check_delimited(out, format == CIRCA_CYCLES_CSV ? ',' : '\t', n);
        }
    }
    g_autoptr(GString) mermaid = g_string_new(NULL);
    circa_cycles_write_mermaid(cycles, graph, mermaid);
    FUZZ_CHECK(g_str_has_prefix(mermaid->str, "flowchart LR\n"));

#if CIRCA_FUZZ_GRAPHVIZ
    CircaRenderOptions render;
    circa_render_options_init(&render);
    render.pass = options.pass;
    render.highlight = cycles;
    render.per_deal = options.per_deal;
    g_autoptr(GBytes) dot = circa_render(graph, &render, CIRCA_RENDER_DOT, NULL);
    if (dot != NULL) {
        gsize length;
        g_autofree char *text = g_strndup(g_bytes_get_data(dot, &length), g_bytes_get_size(dot));
        Agraph_t *g = agmemread(text);
        FUZZ_CHECK(g != NULL);
        guint nodes = 0;
        for (Agnode_t *node = agfstnode(g); node != NULL; node = agnxtnode(g, node)) {
            nodes++;
        }
        FUZZ_CHECK(nodes == set->entities->len); /* every entity, each under its own name */
        agclose(g);
    }
#endif

    g_autoptr(CircaStats) stats = circa_stats_new(graph, NULL, 5, NULL);
    FUZZ_CHECK(stats != NULL);
    g_autofree char *stats_json = circa_stats_to_json(stats, graph);
    check_json(stats_json, 0, TRUE);
    return 0;
}
