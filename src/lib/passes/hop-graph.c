/* SPDX-License-Identifier: MIT */
/* The graph the cycle search walks: the deal filters applied to every edge, parallel deals merged
 * into one hop per pair of entities, strong components of the hops, and the search's own
 * numbering of vertices (most connected first) with adjacency in that numbering. */

#include "circa/cycles.h"
#include "circa/error.h"
#include "igraph-private.h"
#include "passes/cycles-private.h"

#include <string.h>

static gboolean edge_kept(const CircaGraph *graph, guint edge, const CircaCycleOptions *options)
{
    if (graph->edge_flow[edge] == CIRCA_FLOW_HARDWARE && options->pass != CIRCA_PASS_MIXED) {
        return FALSE;
    }
    const CircaDeal *deal = circa_deal_set_deal(graph->deals, graph->edge_deal[edge]);
    /* At entity level the amount bound is a hop's, applied once the hops are built. */
    return options->per_deal ? circa_deal_filter_keeps(&options->deals, deal)
                             : circa_deal_filter_keeps_terms(&options->deals, deal);
}

/* An edge that counts as financing: a money edge of an equity, loan, … deal. */
gboolean circa_i_edge_is_financing(const CircaGraph *graph, guint32 edge)
{
    return graph->edge_flow[edge] == CIRCA_FLOW_MONEY &&
           circa_kind_is_financing(circa_deal_set_deal(graph->deals, graph->edge_deal[edge])->kind);
}

void circa_i_hop_init_from_edges(CircaHop *hop, const CircaGraph *graph, const guint32 *edges,
                                 guint n_edges)
{
    hop->edges = edges;
    hop->n_edges = n_edges;
    hop->amount_usd = CIRCA_AMOUNT_UNKNOWN;
    hop->partial = FALSE;
    hop->first_date = (CircaDate){0};
    hop->last_date = (CircaDate){0};
    hop->certainty = CIRCA_STATUS_RUMORED;
    hop->n_undated = 0;
    for (guint i = 0; i < n_edges; i++) {
        const CircaDeal *deal = circa_deal_set_deal(graph->deals, graph->edge_deal[edges[i]]);
        if (deal->amount_usd == CIRCA_AMOUNT_UNKNOWN) {
            hop->partial = TRUE;
        } else {
            hop->amount_usd = circa_amount_add(MAX(hop->amount_usd, 0), deal->amount_usd);
        }
        hop->certainty = MAX(hop->certainty, deal->status);
        if (deal->date.precision == CIRCA_DATE_NONE) {
            hop->n_undated = (guint8) MIN(hop->n_undated + 1, 255);
            continue;
        }
        if (hop->first_date.precision == CIRCA_DATE_NONE ||
            circa_date_first_day(deal->date) < circa_date_first_day(hop->first_date)) {
            hop->first_date = deal->date;
        }
        if (hop->last_date.precision == CIRCA_DATE_NONE ||
            circa_date_last_day(deal->date) > circa_date_last_day(hop->last_date)) {
            hop->last_date = deal->date;
        }
    }
}

void circa_i_hop_graph_free(CircaHopGraph *hops)
{
    if (hops == NULL) {
        return;
    }
    g_free(hops->hop_to);
    g_free(hops->hop_start);
    g_free(hops->hop_edges);
    g_free(hops->hops);
    g_free(hops->n_financing);
    g_free(hops->out_start);
    g_free(hops->out_to);
    g_free(hops->out_hop);
    g_free(hops->order);
    g_free(hops->rank);
    g_free(hops->component_size);
    g_free(hops->in_start);
    g_free(hops->in_from);
    g_free(hops->component);
    g_free(hops);
}

/* Groups the kept edges by (from, to) with two counting-sort passes (stable, so each hop keeps its
 * edges in ascending id order), then drops hops under the entity-level amount bound. */
static void group_edges(CircaHopGraph *hops, const CircaGraph *graph,
                        const CircaCycleOptions *options)
{
    guint n = hops->n_vertices;
    guint n_edges = circa_graph_n_edges(graph);
    g_autofree guint32 *kept = g_new(guint32, n_edges + 1);
    g_autofree guint32 *kept_from = g_new(guint32, n_edges + 1);
    g_autofree guint32 *kept_to = g_new(guint32, n_edges + 1);
    guint n_kept = 0;
    for (guint e = 0; e < n_edges; e++) {
        if (edge_kept(graph, e, options)) {
            igraph_integer_t from, to;
            igraph_edge(&graph->graph, (igraph_integer_t) e, &from, &to);
            if (options->region != NULL && (!options->region[from] || !options->region[to])) {
                continue;
            }
            kept[n_kept] = e;
            kept_from[n_kept] = (guint32) from;
            kept_to[n_kept] = (guint32) to;
            n_kept++;
        }
    }

    /* Counting sort by target, then stably by source: the result is ordered by (from, to, id). */
    g_autofree guint32 *count = g_new0(guint32, n + 1);
    g_autofree guint32 *by_to = g_new(guint32, n_kept + 1);
    g_autofree guint32 *order = g_new(guint32, n_kept + 1);
    for (guint i = 0; i < n_kept; i++) {
        count[kept_to[i] + 1]++;
    }
    for (guint v = 0; v < n; v++) {
        count[v + 1] += count[v];
    }
    for (guint i = 0; i < n_kept; i++) {
        by_to[count[kept_to[i]]++] = i;
    }
    memset(count, 0, sizeof(guint32) * (n + 1));
    for (guint i = 0; i < n_kept; i++) {
        count[kept_from[i] + 1]++;
    }
    for (guint v = 0; v < n; v++) {
        count[v + 1] += count[v];
    }
    for (guint k = 0; k < n_kept; k++) {
        guint i = by_to[k];
        order[count[kept_from[i]]++] = i;
    }

    hops->hop_edges = g_new(guint32, n_kept + 1);
    hops->hop_start = g_new(guint32, n_kept + 2);
    hops->hop_to = g_new(guint32, n_kept + 1);
    g_autofree guint32 *hop_from = g_new(guint32, n_kept + 1);
    guint n_hops = 0, n_hop_edges = 0;
    for (guint k = 0; k < n_kept;) {
        guint i = order[k];
        guint32 from = kept_from[i], to = kept_to[i];
        guint first = n_hop_edges;
        for (; k < n_kept && kept_from[order[k]] == from && kept_to[order[k]] == to; k++) {
            hops->hop_edges[n_hop_edges++] = kept[order[k]];
        }
        hop_from[n_hops] = from;
        hops->hop_to[n_hops] = to;
        hops->hop_start[n_hops] = first;
        n_hops++;
    }
    hops->hop_start[n_hops] = n_hop_edges;

    hops->hops = g_new(CircaHop, n_hops + 1);
    hops->n_financing = g_new0(guint32, n_hops + 1);
    guint n_final = 0;
    for (guint h = 0; h < n_hops; h++) {
        CircaHop hop = {.from = hop_from[h], .to = hops->hop_to[h]};
        guint start = hops->hop_start[h], end = hops->hop_start[h + 1];
        circa_i_hop_init_from_edges(&hop, graph, hops->hop_edges + start, end - start);
        if (!options->per_deal && options->deals.min_amount_usd > 0 &&
            hop.amount_usd < options->deals.min_amount_usd) {
            continue;
        }
        guint32 financing = 0;
        for (guint j = start; j < end; j++) {
            financing += circa_i_edge_is_financing(graph, hops->hop_edges[j]);
        }
        hops->hops[n_final] = hop;
        hops->hop_to[n_final] = hop.to;
        hops->n_financing[n_final] = financing;
        n_final++;
    }
    hops->n_hops = n_final;
}

/* Strong components of the hop graph (igraph_connected_components), renumbered by smallest
 * vertex; vertices alone in theirs get CIRCA_NO_COMPONENT, as no cycle passes through them. */
static gboolean find_components(CircaHopGraph *hops, GError **error)
{
    guint n = hops->n_vertices;
    g_autofree igraph_integer_t *ends = g_new(igraph_integer_t, 2 * (gsize) hops->n_hops + 1);
    for (guint h = 0; h < hops->n_hops; h++) {
        ends[2 * h] = hops->hops[h].from;
        ends[2 * h + 1] = hops->hop_to[h];
    }
    igraph_vector_int_t view, membership;
    igraph_vector_int_view(&view, ends, 2 * (igraph_integer_t) hops->n_hops);
    igraph_t graph;
    if (!CIRCA_IGRAPH_CALL(igraph_create(&graph, &view, n, IGRAPH_DIRECTED),
                           "building the hop graph", error)) {
        return FALSE;
    }
    igraph_integer_t n_found = 0;
    gboolean ok =
        CIRCA_IGRAPH_CALL(igraph_vector_int_init(&membership, 0), "allocating components", error) &&
        CIRCA_IGRAPH_CALL(
            igraph_connected_components(&graph, &membership, NULL, &n_found, IGRAPH_STRONG),
            "finding strong components", error);
    igraph_destroy(&graph);
    if (!ok) {
        igraph_vector_int_destroy(&membership);
        return FALSE;
    }
    g_autofree guint32 *size = g_new0(guint32, n_found + 1);
    g_autofree guint32 *renumber = g_new(guint32, n_found + 1);
    for (guint v = 0; v < n; v++) {
        size[VECTOR(membership)[v]]++;
    }
    for (igraph_integer_t c = 0; c < n_found; c++) {
        renumber[c] = CIRCA_NO_COMPONENT;
    }
    hops->component = g_new(guint32, n + 1);
    hops->component_size = g_new0(guint32, n + 1);
    hops->n_components = 0;
    hops->n_starts = 0;
    for (guint v = 0; v < n; v++) {
        igraph_integer_t c = VECTOR(membership)[v];
        if (size[c] < 2) {
            hops->component[v] = CIRCA_NO_COMPONENT;
            continue;
        }
        if (renumber[c] == CIRCA_NO_COMPONENT) {
            renumber[c] = hops->n_components++;
        }
        hops->component[v] = renumber[c];
        hops->component_size[renumber[c]]++;
        hops->n_starts++;
    }
    igraph_vector_int_destroy(&membership);
    return TRUE;
}

static int by_degree(gconstpointer a, gconstpointer b, gpointer data)
{
    const guint32 *degree = data;
    guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
    if (degree[x] != degree[y]) {
        return degree[x] > degree[y] ? -1 : 1;
    }
    return x < y ? -1 : x > y;
}

static int descending(gconstpointer a, gconstpointer b)
{
    guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
    return x > y ? -1 : x < y;
}

static int descending_pairs(gconstpointer a, gconstpointer b)
{
    guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
    return x > y ? -1 : x < y;
}

/* Sorts a vertex's out slots by falling target rank, keeping targets and hops together. */
static void sort_out_slots(guint32 *to, guint32 *hop, guint n)
{
    g_autofree guint64 *pairs = g_new(guint64, n + 1);
    for (guint i = 0; i < n; i++) {
        pairs[i] = (guint64) to[i] << 32 | hop[i];
    }
    qsort(pairs, n, sizeof(guint64), descending_pairs);
    for (guint i = 0; i < n; i++) {
        to[i] = (guint32) (pairs[i] >> 32);
        hop[i] = (guint32) pairs[i];
    }
}

/* The search's own numbering. Johnson's method works for any order of start vertices (each start
 * finds the cycles in which it comes first); taking the most connected vertices first removes the
 * hubs early, so the later, bounded searches run in a much thinner graph. The search works on
 * ranks, so "later than the start" is a comparison of numbers; each vertex's neighbours are
 * sorted by falling rank, so a scan stops at the first one ranked before the start. Only hops
 * inside a strong component are kept: no cycle uses the others. */
static void rank_vertices(CircaHopGraph *hops)
{
    guint n = hops->n_vertices;
    g_autofree guint32 *degree = g_new0(guint32, n + 1);
    g_autofree guint32 *in_degree = g_new0(guint32, n + 1);
    for (guint h = 0; h < hops->n_hops; h++) {
        guint32 from = hops->hops[h].from, to = hops->hop_to[h];
        if (hops->component[from] != CIRCA_NO_COMPONENT &&
            hops->component[from] == hops->component[to]) {
            degree[from]++;
            degree[to]++;
            in_degree[to]++;
        }
    }
    hops->order = g_new(guint32, n + 1);
    hops->rank = g_new(guint32, n + 1);
    for (guint v = 0; v < n; v++) {
        hops->order[v] = v;
    }
    g_qsort_with_data(hops->order, (gint) n, sizeof(guint32), by_degree, degree);
    for (guint r = 0; r < n; r++) {
        hops->rank[hops->order[r]] = r;
    }

    /* Adjacency in rank space: out_start and in_start are indexed by rank. */
    hops->out_start = g_new0(guint32, n + 2);
    hops->in_start = g_new0(guint32, n + 2);
    for (guint r = 0; r < n; r++) {
        guint32 v = hops->order[r];
        hops->out_start[r + 1] = hops->out_start[r] + (degree[v] - in_degree[v]);
        hops->in_start[r + 1] = hops->in_start[r] + in_degree[v];
    }
    guint32 n_slots = hops->out_start[n];
    hops->out_to = g_new(guint32, n_slots + 1);
    hops->out_hop = g_new(guint32, n_slots + 1);
    hops->in_from = g_new(guint32, n_slots + 1);
    g_autofree guint32 *out_fill = g_memdup2(hops->out_start, sizeof(guint32) * (n + 1));
    g_autofree guint32 *in_fill = g_memdup2(hops->in_start, sizeof(guint32) * (n + 1));
    for (guint h = 0; h < hops->n_hops; h++) {
        guint32 from = hops->hops[h].from, to = hops->hop_to[h];
        if (hops->component[from] == CIRCA_NO_COMPONENT ||
            hops->component[from] != hops->component[to]) {
            continue;
        }
        guint32 rf = hops->rank[from], rt = hops->rank[to];
        hops->out_to[out_fill[rf]] = rt;
        hops->out_hop[out_fill[rf]++] = h;
        hops->in_from[in_fill[rt]++] = rf;
    }
    for (guint r = 0; r < n; r++) {
        sort_out_slots(hops->out_to + hops->out_start[r], hops->out_hop + hops->out_start[r],
                       hops->out_start[r + 1] - hops->out_start[r]);
        qsort(hops->in_from + hops->in_start[r], hops->in_start[r + 1] - hops->in_start[r],
              sizeof(guint32), descending);
    }
}

CircaHopGraph *circa_i_hop_graph_new(const CircaGraph *graph, const CircaCycleOptions *options,
                                     GError **error)
{
    CircaHopGraph *hops = g_new0(CircaHopGraph, 1);
    hops->n_vertices = circa_graph_n_vertices(graph);
    group_edges(hops, graph, options);
    if (!find_components(hops, error)) {
        circa_i_hop_graph_free(hops);
        return NULL;
    }
    rank_vertices(hops);
    return hops;
}
