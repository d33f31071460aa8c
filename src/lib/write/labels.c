/* SPDX-License-Identifier: MIT */
/* How amounts, spans and kinds read in every output meant for people, so that a hop says the
 * same in a listing, a diagram and a report. */

#include "write/labels-private.h"

const CircaDeal *circa_i_edge_deal(const CircaGraph *graph, guint32 edge)
{
    return circa_deal_set_deal(graph->deals, graph->edge_deal[edge]);
}

const char *circa_i_entity_name(const CircaGraph *graph, guint32 entity)
{
    return circa_deal_set_entity(graph->deals, entity)->name;
}

/* "$13.8B", "$350.0M + undisclosed" when some deals are undisclosed, "undisclosed" when all are. */
void circa_i_append_hop_amount(GString *out, const CircaHop *hop)
{
    char text[16];
    if (hop->amount_usd == CIRCA_AMOUNT_UNKNOWN) {
        g_string_append(out, "undisclosed");
        return;
    }
    g_string_append(out, circa_amount_format(hop->amount_usd, text));
    if (hop->partial) {
        g_string_append(out, " + undisclosed");
    }
}

/* "$13.8B", "$11.0B (partial)" when a hop is partly undisclosed, "undisclosed" when a hop is
 * wholly undisclosed. */
void circa_i_append_bottleneck(GString *out, const CircaCycle *cycle)
{
    char text[16];
    if (cycle->bottleneck_usd == CIRCA_AMOUNT_UNKNOWN) {
        g_string_append(out, "undisclosed");
        return;
    }
    g_string_append(out, circa_amount_format(cycle->bottleneck_usd, text));
    if (cycle->bottleneck_estimated) {
        g_string_append(out, " (estimated)");
    }
    if (cycle->bottleneck_partial) {
        g_string_append(out, " (partial)");
    }
}

void circa_i_append_span(GString *out, CircaDate first, CircaDate last)
{
    char a[11], b[11];
    if (first.precision == CIRCA_DATE_NONE) {
        g_string_append(out, "undated");
    } else if (circa_date_compare(first, last) == 0) {
        g_string_append(out, circa_date_format(first, a));
    } else {
        g_string_append_printf(out, "%s … %s", circa_date_format(first, a),
                               circa_date_format(last, b));
    }
}

/* The kinds on a hop, in kind order, with "(hardware)" for hardware edges. */
void circa_i_append_hop_kinds(GString *out, const CircaGraph *graph, const CircaHop *hop)
{
    guint seen = 0;
    gboolean hardware = FALSE;
    for (guint i = 0; i < hop->n_edges; i++) {
        seen |= 1u << circa_i_edge_deal(graph, hop->edges[i])->kind;
        hardware |= graph->edge_flow[hop->edges[i]] == CIRCA_FLOW_HARDWARE;
    }
    gboolean first = TRUE;
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        if (seen & (1u << k)) {
            g_string_append_printf(out, "%s%s", first ? "" : ", ",
                                   circa_kind_to_string((CircaKind) k));
            first = FALSE;
        }
    }
    if (hardware) {
        g_string_append(out, " (hardware back)");
    }
}
