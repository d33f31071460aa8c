/* SPDX-License-Identifier: MIT */
/* Building the igraph multigraph from a deal set, and its strong components per flow set. */

#include "circa/graph.h"
#include "circa/error.h"
#include "igraph-private.h"

void circa_components_clear(CircaComponents *components)
{
    g_clear_pointer(&components->membership, g_free);
    g_clear_pointer(&components->size, g_free);
    components->n_components = 0;
}

/* Strong components of @graph, renumbered in order of each component's smallest vertex. */
static gboolean compute_components(const igraph_t *graph, CircaComponents *out, GError **error)
{
    igraph_vector_int_t membership;
    igraph_integer_t count = 0;
    if (!CIRCA_IGRAPH_CALL(igraph_vector_int_init(&membership, 0), "allocating components",
                           error)) {
        return FALSE;
    }
    if (!CIRCA_IGRAPH_CALL(
            igraph_connected_components(graph, &membership, NULL, &count, IGRAPH_STRONG),
            "finding strong components", error)) {
        igraph_vector_int_destroy(&membership);
        return FALSE;
    }
    guint n = (guint) igraph_vcount(graph);
    g_autofree guint32 *canonical = g_new(guint32, count > 0 ? count : 1);
    for (igraph_integer_t c = 0; c < count; c++) {
        canonical[c] = G_MAXUINT32;
    }
    out->membership = g_new(guint32, n > 0 ? n : 1);
    out->size = g_new0(guint32, count > 0 ? count : 1);
    out->n_components = 0;
    for (guint v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(membership)[v];
        if (canonical[c] == G_MAXUINT32) {
            canonical[c] = out->n_components++;
        }
        out->membership[v] = canonical[c];
        out->size[canonical[c]]++;
    }
    igraph_vector_int_destroy(&membership);
    return TRUE;
}

void circa_graph_free(CircaGraph *graph)
{
    if (graph == NULL) {
        return;
    }
    igraph_destroy(&graph->graph);
    g_free(graph->edge_deal);
    g_free(graph->edge_flow);
    circa_components_clear(&graph->money);
    circa_components_clear(&graph->all);
    g_free(graph);
}

CircaGraph *circa_graph_new_from_deals(const CircaDealSet *deals, GError **error)
{
    g_return_val_if_fail(deals != NULL, NULL);
    circa_igraph_init();

    guint n_deals = deals->deals->len;
    guint n_edges = n_deals;
    for (guint i = 0; i < n_deals; i++) {
        n_edges += circa_kind_has_hardware_flow(circa_deal_set_deal(deals, i)->kind);
    }

    g_autofree igraph_integer_t *ends = g_new(igraph_integer_t, 2 * (gsize) n_edges + 1);
    g_autofree guint32 *edge_deal = g_new(guint32, n_edges + 1);
    g_autofree guint8 *edge_flow = g_new(guint8, n_edges + 1);
    guint e = 0;
    for (guint i = 0; i < n_deals; i++, e++) {
        const CircaDeal *deal = circa_deal_set_deal(deals, i);
        ends[2 * e] = deal->payer;
        ends[2 * e + 1] = deal->payee;
        edge_deal[e] = i;
        edge_flow[e] = CIRCA_FLOW_MONEY;
    }
    for (guint i = 0; i < n_deals; i++) {
        const CircaDeal *deal = circa_deal_set_deal(deals, i);
        if (circa_kind_has_hardware_flow(deal->kind)) {
            ends[2 * e] = deal->payee;
            ends[2 * e + 1] = deal->payer;
            edge_deal[e] = i;
            edge_flow[e] = CIRCA_FLOW_HARDWARE;
            e++;
        }
    }

    g_autoptr(CircaGraph) graph = g_new0(CircaGraph, 1);
    igraph_vector_int_t all_view;
    igraph_vector_int_view(&all_view, ends, 2 * (igraph_integer_t) n_edges);
    if (!CIRCA_IGRAPH_CALL(
            igraph_create(&graph->graph, &all_view, deals->entities->len, IGRAPH_DIRECTED),
            "building the deal graph", error)) {
        g_free(g_steal_pointer(&graph));
        return NULL;
    }
    graph->deals = deals;
    graph->n_money_edges = n_deals;
    graph->edge_deal = g_steal_pointer(&edge_deal);
    graph->edge_flow = g_steal_pointer(&edge_flow);

    return g_steal_pointer(&graph);
}

guint8 *circa_graph_kept_deals(const CircaGraph *graph, const CircaDealFilter *filter)
{
    const CircaDealSet *set = graph->deals;
    guint n = set->deals->len;
    guint8 *kept = g_new(guint8, n + 1);
    for (guint i = 0; i < n; i++) {
        kept[i] =
            filter == NULL || circa_deal_filter_keeps_terms(filter, circa_deal_set_deal(set, i));
    }
    if (filter == NULL || filter->min_amount_usd <= 0) {
        return kept;
    }
    /* The amount bound is a hop's, as in the money pass: the disclosed sum of the deals kept
     * from one payer to one payee. */
    g_autoptr(GHashTable) sums = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    for (guint i = 0; i < n; i++) {
        const CircaDeal *deal = circa_deal_set_deal(set, i);
        if (!kept[i] || deal->amount_usd == CIRCA_AMOUNT_UNKNOWN) {
            continue;
        }
        gint64 pair = (gint64) deal->payer << 32 | deal->payee;
        gint64 *sum = g_hash_table_lookup(sums, &pair);
        if (sum == NULL) {
            sum = g_new0(gint64, 1);
            g_hash_table_insert(sums, g_memdup2(&pair, sizeof pair), sum);
        }
        *sum = circa_amount_add(*sum, deal->amount_usd);
    }
    for (guint i = 0; i < n; i++) {
        const CircaDeal *deal = circa_deal_set_deal(set, i);
        gint64 pair = (gint64) deal->payer << 32 | deal->payee;
        gint64 *sum = kept[i] ? g_hash_table_lookup(sums, &pair) : NULL;
        kept[i] = sum != NULL && *sum >= filter->min_amount_usd;
    }
    return kept;
}

/* Money edges are a prefix of the edge list: a graph over that prefix (or the deals of it that
 * @kept marks) gives their components. It costs a second igraph index build, so it is made only
 * when asked for, and dropped after. */
static gboolean compute_money_components(CircaGraph *graph, const guint8 *kept,
                                         CircaComponents *out, GError **error)
{
    guint n = 0;
    g_autofree igraph_integer_t *ends =
        g_new(igraph_integer_t, 2 * (gsize) graph->n_money_edges + 1);
    for (guint i = 0; i < graph->n_money_edges; i++) {
        const CircaDeal *deal = circa_deal_set_deal(graph->deals, i);
        if (kept == NULL || kept[i]) {
            ends[2 * n] = deal->payer;
            ends[2 * n + 1] = deal->payee;
            n++;
        }
    }
    igraph_vector_int_t view;
    igraph_vector_int_view(&view, ends, 2 * (igraph_integer_t) n);
    igraph_t money;
    if (!CIRCA_IGRAPH_CALL(
            igraph_create(&money, &view, igraph_vcount(&graph->graph), IGRAPH_DIRECTED),
            "building the money graph", error)) {
        return FALSE;
    }
    gboolean ok = compute_components(&money, out, error);
    igraph_destroy(&money);
    return ok;
}

gboolean circa_graph_money_components_of(CircaGraph *graph, const guint8 *kept,
                                         CircaComponents *components, GError **error)
{
    g_return_val_if_fail(graph != NULL && components != NULL, FALSE);
    *components = (CircaComponents){0};
    return compute_money_components(graph, kept, components, error);
}

const CircaComponents *circa_graph_components(CircaGraph *graph, CircaFlowSet flows, GError **error)
{
    g_return_val_if_fail(graph != NULL, NULL);
    if (flows == CIRCA_FLOWS_MONEY) {
        if (graph->money.membership == NULL &&
            !compute_money_components(graph, NULL, &graph->money, error)) {
            return NULL;
        }
        return &graph->money;
    }
    if (graph->all.membership == NULL && !compute_components(&graph->graph, &graph->all, error)) {
        return NULL;
    }
    return &graph->all;
}
