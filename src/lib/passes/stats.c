/* SPDX-License-Identifier: MIT */
/* The stats pass: counts and sums over deals, strong money components, top payers and payees. */

#include "circa/stats.h"

#include <string.h>

static void money_add(CircaMoney *money, gint64 amount)
{
    money->n_deals++;
    if (amount == CIRCA_AMOUNT_UNKNOWN) {
        money->n_undisclosed++;
    } else {
        money->disclosed_usd = circa_amount_add(money->disclosed_usd, amount);
    }
}

static void cluster_clear(gpointer data)
{
    g_free(((CircaCluster *) data)->members);
}

void circa_stats_free(CircaStats *stats)
{
    if (stats == NULL) {
        return;
    }
    g_array_free(stats->clusters, TRUE);
    g_array_free(stats->top_out, TRUE);
    g_array_free(stats->top_in, TRUE);
    g_free(stats);
}

/* More money first; then more deals; then entity order (names). */
static int compare_entity_money(gconstpointer a, gconstpointer b)
{
    const CircaEntityMoney *x = a, *y = b;
    if (x->money.disclosed_usd != y->money.disclosed_usd) {
        return x->money.disclosed_usd > y->money.disclosed_usd ? -1 : 1;
    }
    if (x->money.n_deals != y->money.n_deals) {
        return x->money.n_deals > y->money.n_deals ? -1 : 1;
    }
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static int compare_clusters(gconstpointer a, gconstpointer b)
{
    const CircaCluster *x = a, *y = b;
    if (x->inside.disclosed_usd != y->inside.disclosed_usd) {
        return x->inside.disclosed_usd > y->inside.disclosed_usd ? -1 : 1;
    }
    if (x->n_members != y->n_members) {
        return x->n_members > y->n_members ? -1 : 1;
    }
    return x->members[0] < y->members[0] ? -1 : x->members[0] > y->members[0];
}

/* Sorts all @n entries and keeps the best @top_n (0: all) with some money. */
static GArray *top_entities(CircaEntityMoney *flows, guint n, guint top_n)
{
    qsort(flows, n, sizeof *flows, compare_entity_money);
    GArray *top = g_array_new(FALSE, FALSE, sizeof(CircaEntityMoney));
    for (guint i = 0; i < n && (top_n == 0 || top->len < top_n); i++) {
        if (flows[i].money.n_deals > 0) {
            g_array_append_val(top, flows[i]);
        }
    }
    return top;
}

CircaStats *circa_stats_new(CircaGraph *graph, const CircaDealFilter *filter, guint top_n,
                            GError **error)
{
    g_return_val_if_fail(graph != NULL, NULL);
    if (filter != NULL && circa_deal_filter_is_open(filter)) {
        filter = NULL;
    }
    if (filter != NULL && !circa_deal_filter_check(filter, error)) {
        return NULL;
    }
    /* The clusters of the deals kept: with a filter, of a graph of those deals alone. */
    g_auto(CircaComponents) filtered = {0};
    g_autofree guint8 *kept = filter != NULL ? circa_graph_kept_deals(graph, filter) : NULL;
    const CircaComponents *components = &filtered;
    if (filter == NULL) {
        components = circa_graph_components(graph, CIRCA_FLOWS_MONEY, error);
    } else if (!circa_graph_money_components_of(graph, kept, &filtered, error)) {
        components = NULL;
    }
    if (components == NULL) {
        return NULL;
    }
    const CircaDealSet *set = graph->deals;
    guint n_entities = set->entities->len;
    CircaStats *stats = g_new0(CircaStats, 1);
    circa_deal_filter_init(&stats->filter);
    if (filter != NULL) {
        stats->filter = *filter;
    }

    g_autofree CircaEntityMoney *out = g_new0(CircaEntityMoney, n_entities + 1);
    g_autofree CircaEntityMoney *in = g_new0(CircaEntityMoney, n_entities + 1);
    for (guint v = 0; v < n_entities; v++) {
        out[v].entity = in[v].entity = v;
    }

    stats->n_money_components = components->n_components; /* recounted below with a filter */
    /* Component → cluster index + 1, for components with more than one member. */
    g_autofree guint32 *cluster_of = g_new0(guint32, components->n_components + 1);
    stats->clusters = g_array_new(FALSE, TRUE, sizeof(CircaCluster));
    g_array_set_clear_func(stats->clusters, cluster_clear);
    for (guint c = 0; c < components->n_components; c++) {
        if (components->size[c] > 1) {
            CircaCluster cluster = {.members = g_new(guint32, components->size[c])};
            g_array_append_val(stats->clusters, cluster);
            cluster_of[c] = stats->clusters->len;
        }
    }
    for (guint v = 0; v < n_entities; v++) {
        guint32 k = cluster_of[components->membership[v]];
        if (k != 0) {
            CircaCluster *cluster = &g_array_index(stats->clusters, CircaCluster, k - 1);
            cluster->members[cluster->n_members++] = v;
        }
    }

    for (guint i = 0; i < set->deals->len; i++) {
        const CircaDeal *deal = circa_deal_set_deal(set, i);
        if (kept != NULL && !kept[i]) {
            stats->n_left_out++;
            continue;
        }
        money_add(&stats->total, deal->amount_usd);
        money_add(&stats->by_kind[deal->kind], deal->amount_usd);
        stats->by_status[deal->status]++;
        money_add(&out[deal->payer].money, deal->amount_usd);
        money_add(&in[deal->payee].money, deal->amount_usd);
        if (deal->date.precision == CIRCA_DATE_NONE) {
            stats->n_undated++;
        } else {
            if (stats->first_date.precision == CIRCA_DATE_NONE ||
                circa_date_first_day(deal->date) < circa_date_first_day(stats->first_date)) {
                stats->first_date = deal->date;
            }
            if (stats->last_date.precision == CIRCA_DATE_NONE ||
                circa_date_last_day(deal->date) > circa_date_last_day(stats->last_date)) {
                stats->last_date = deal->date;
            }
        }
        guint32 component = components->membership[deal->payer];
        if (component == components->membership[deal->payee] && cluster_of[component] != 0) {
            money_add(
                &g_array_index(stats->clusters, CircaCluster, cluster_of[component] - 1).inside,
                deal->amount_usd);
        }
    }
    /* With a filter, an entity none of whose deals is kept is no part of the picture: neither
     * counted nor a component of its own. */
    g_autofree guint8 *seen = g_new0(guint8, components->n_components + 1);
    guint n_seen = 0;
    for (guint v = 0; v < n_entities; v++) {
        gboolean involved = out[v].money.n_deals > 0 || in[v].money.n_deals > 0;
        stats->n_entities += involved;
        if (involved && !seen[components->membership[v]]) {
            seen[components->membership[v]] = TRUE;
            n_seen++;
        }
    }
    if (filter != NULL) {
        stats->n_money_components = n_seen;
    }
    g_array_sort(stats->clusters, compare_clusters);
    stats->top_out = top_entities(out, n_entities, top_n);
    stats->top_in = top_entities(in, n_entities, top_n);
    return stats;
}
