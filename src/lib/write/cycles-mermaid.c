/* SPDX-License-Identifier: MIT */
/* Cycles as a Mermaid flowchart, to paste into GitHub Markdown. */

#include "circa/cycles.h"
#include "write/escape-private.h"
#include "write/labels-private.h"
#include "write/style-private.h"

#define MERMAID_MAX_EDGES 200

void circa_cycles_write_mermaid(const CircaCycleSet *set, const CircaGraph *graph, GString *out)
{
    guint n = circa_graph_n_vertices(graph);
    g_autofree guint8 *on_loop = g_new0(guint8, n + 1);
    g_autoptr(GHashTable) drawn = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GArray) hops = g_array_new(FALSE, FALSE, sizeof(const CircaHop *));

    guint n_left_out = 0;
    for (guint c = 0; c < set->cycles->len; c++) {
        const CircaCycle *cycle =
            &((const CircaOwnedCycle *) g_ptr_array_index(set->cycles, c))->cycle;
        for (guint i = 0; i < cycle->length; i++) {
            const CircaHop *hop = &cycle->hops[i];
            /* One arrow per direction between two entities, however many loops use it; where
             * loops show it with different deals (a shared deal given to the other hop, or one
             * deal per loop with --per-deal), the arrow shows the fullest. */
            gint64 key = (gint64) hop->from << 32 | hop->to;
            gpointer index = g_hash_table_lookup(drawn, &key);
            if (index != NULL) {
                const CircaHop **shown =
                    &g_array_index(hops, const CircaHop *, GPOINTER_TO_UINT(index) - 1);
                if (hop->n_edges > (*shown)->n_edges) {
                    *shown = hop;
                }
                continue;
            }
            if (hops->len == MERMAID_MAX_EDGES) {
                n_left_out++;
                continue;
            }
            g_array_append_val(hops, hop);
            g_hash_table_insert(drawn, g_memdup2(&key, sizeof key), GUINT_TO_POINTER(hops->len));
            on_loop[hop->from] = on_loop[hop->to] = TRUE;
        }
    }

    g_string_append(out, "flowchart LR\n");
    for (guint v = 0; v < n; v++) {
        if (on_loop[v]) {
            g_string_append_printf(out, "  n%u[\"", v);
            circa_i_append_mermaid_text(out, circa_deal_set_entity(graph->deals, v)->name);
            g_string_append(out, "\"]\n");
        }
    }
    for (guint i = 0; i < hops->len; i++) {
        const CircaHop *hop = g_array_index(hops, const CircaHop *, i);
        g_autoptr(GString) label = g_string_new(NULL);
        circa_i_append_hop_amount(label, hop);
        g_string_append_c(label, ' ');
        circa_i_append_hop_kinds(label, graph, hop);
        g_string_append_printf(out, "  n%u -->|\"", hop->from);
        circa_i_append_mermaid_text(out, label->str);
        g_string_append_printf(out, "\"| n%u\n", hop->to);
    }
    for (guint i = 0; i < hops->len; i++) {
        const CircaHop *hop = g_array_index(hops, const CircaHop *, i);
        const CircaDeal *deal = circa_i_edge_deal(graph, hop->edges[0]);
        gboolean hardware = graph->edge_flow[hop->edges[0]] == CIRCA_FLOW_HARDWARE;
        g_string_append_printf(out, "  linkStyle %u stroke:%s,stroke-width:2px%s\n", i,
                               hardware ? circa_i_hardware_colour()
                                        : circa_i_kind_colour(deal->kind),
                               hardware ? ",stroke-dasharray:4" : "");
    }
    if (n_left_out > 0) {
        g_string_append_printf(
            out, "  %%%% %u more hops left out: GitHub draws at most 500 edges\n", n_left_out);
    }
}
