/* SPDX-License-Identifier: MIT */
/* Keeping cycles: owned copies, canonical keys, the orders, and a bounded heap so that "the best
 * N" never holds more than N cycles whatever the search finds. */

#include "circa/cycles.h"
#include "passes/cycles-private.h"

#include <string.h>

gboolean circa_cycle_sort_from_string(const char *text, CircaCycleSort *sort)
{
    static const char *const names[] = {"key", "amount", "length", "date", "none"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_strcmp0(text, names[i]) == 0) {
            *sort = (CircaCycleSort) i;
            return TRUE;
        }
    }
    return FALSE;
}

static const char *deal_id(const CircaGraph *graph, guint32 edge)
{
    return circa_deal_set_deal(graph->deals, graph->edge_deal[edge])->id;
}

char *circa_cycle_key(const CircaCycle *cycle, const CircaGraph *graph, gboolean per_deal)
{
    GString *key = g_string_new(NULL);
    for (guint i = 0; i < cycle->length; i++) {
        if (i > 0) {
            g_string_append(key, " → ");
        }
        if (per_deal) {
            guint32 edge = cycle->hops[i].edges[0];
            if (graph->edge_flow[edge] == CIRCA_FLOW_HARDWARE) {
                g_string_append(key, "hardware:");
            }
            g_string_append(key, deal_id(graph, edge));
        } else {
            g_string_append(key, circa_deal_set_entity(graph->deals, cycle->entities[i])->name);
        }
    }
    return g_string_free(key, FALSE);
}

/* One block per kept cycle, its arrays after it: a sorted result of half a million long cycles
 * would otherwise be tens of millions of small allocations, slow to make and to free. */
static CircaOwnedCycle *own(const CircaCycle *cycle, gsize *bytes)
{
    gsize n_edges = 0;
    for (guint i = 0; i < cycle->length; i++) {
        n_edges += cycle->hops[i].n_edges;
    }
    gsize hops_at = sizeof(CircaOwnedCycle);
    gsize entities_at = hops_at + sizeof(CircaHop) * cycle->length;
    gsize edges_at = entities_at + sizeof(guint32) * cycle->length;
    gsize size = edges_at + sizeof(guint32) * n_edges;
    *bytes += size;
    char *block = g_malloc(size);
    CircaOwnedCycle *owned = (CircaOwnedCycle *) block;
    CircaHop *hops = (CircaHop *) (block + hops_at);
    guint32 *entities = (guint32 *) (block + entities_at);
    guint32 *edges = (guint32 *) (block + edges_at);
    memcpy(hops, cycle->hops, sizeof(CircaHop) * cycle->length);
    memcpy(entities, cycle->entities, sizeof(guint32) * cycle->length);
    for (guint i = 0; i < cycle->length; i++) {
        memcpy(edges, cycle->hops[i].edges, sizeof(guint32) * cycle->hops[i].n_edges);
        hops[i].edges = edges;
        edges += cycle->hops[i].n_edges;
    }
    owned->cycle = *cycle;
    owned->cycle.hops = hops;
    owned->cycle.entities = entities;
    owned->key = NULL;
    return owned;
}

static void owned_cycle_free(gpointer data)
{
    CircaOwnedCycle *owned = data;
    g_free(owned->key);
    g_free(owned);
}

void circa_cycle_set_free(CircaCycleSet *set)
{
    if (set == NULL) {
        return;
    }
    g_ptr_array_free(set->cycles, TRUE);
    g_free(set);
}

const char *circa_cycle_set_key(CircaCycleSet *set, guint index)
{
    g_return_val_if_fail(set != NULL && index < set->cycles->len, NULL);
    CircaOwnedCycle *owned = g_ptr_array_index(set->cycles, index);
    if (owned->key == NULL) {
        owned->key = circa_cycle_key(&owned->cycle, set->graph, set->per_deal);
    }
    return owned->key;
}

/* ---- orders ---- */

typedef struct {
    const CircaGraph *graph;
    CircaCycleSort sort;
    gboolean per_deal;
} Order;

/* The key order without building keys: entity names compare as their indices (entities are
 * numbered in name order), then a shorter cycle first, then deal ids. */
static int compare_keys(const Order *order, const CircaCycle *a, const CircaCycle *b)
{
    guint n = MIN(a->length, b->length);
    for (guint i = 0; i < n; i++) {
        if (a->entities[i] != b->entities[i]) {
            return a->entities[i] < b->entities[i] ? -1 : 1;
        }
    }
    if (a->length != b->length) {
        return a->length < b->length ? -1 : 1;
    }
    if (!order->per_deal) {
        return 0;
    }
    for (guint i = 0; i < n; i++) {
        guint32 ea = a->hops[i].edges[0], eb = b->hops[i].edges[0];
        int c = strcmp(deal_id(order->graph, ea), deal_id(order->graph, eb));
        if (c != 0) {
            return c;
        }
        if (order->graph->edge_flow[ea] != order->graph->edge_flow[eb]) {
            return order->graph->edge_flow[ea] < order->graph->edge_flow[eb] ? -1 : 1;
        }
    }
    return 0;
}

/* Negative when @a comes first. Every order ends on the key, so it is total and stable. */
static int compare_cycles(const Order *order, const CircaCycle *a, const CircaCycle *b)
{
    switch (order->sort) {
    case CIRCA_CYCLE_SORT_AMOUNT:
        if (a->bottleneck_usd != b->bottleneck_usd) {
            return a->bottleneck_usd > b->bottleneck_usd ? -1 : 1;
        }
        if (a->bottleneck_partial != b->bottleneck_partial) {
            return a->bottleneck_partial ? 1 : -1; /* exact before lower bound */
        }
        break;
    case CIRCA_CYCLE_SORT_LENGTH:
        if (a->length != b->length) {
            return a->length < b->length ? -1 : 1;
        }
        break;
    case CIRCA_CYCLE_SORT_DATE: {
        guint32 da = a->last_date.precision ? circa_date_last_day(a->last_date) : 0;
        guint32 db = b->last_date.precision ? circa_date_last_day(b->last_date) : 0;
        if (da != db) {
            return da > db ? -1 : 1;
        }
        break;
    }
    case CIRCA_CYCLE_SORT_KEY:
    case CIRCA_CYCLE_SORT_NONE:
        break;
    }
    return compare_keys(order, a, b);
}

static int compare_owned(gconstpointer a, gconstpointer b, gpointer data)
{
    const CircaOwnedCycle *x = *(CircaOwnedCycle *const *) a, *y = *(CircaOwnedCycle *const *) b;
    return compare_cycles(data, &x->cycle, &y->cycle);
}

/* ---- collecting ---- */

typedef struct {
    Order order;
    guint limit;
    gboolean out_of_room; /* a result without a limit reached CIRCA_MAX_KEPT_BYTES */
    gsize kept_bytes;     /* what the kept cycles take */
    GPtrArray *kept; /* in search order, or a max-heap on the order (the worst kept at the top) */
    guint64 n_found;
} Collector;

static gboolean worse(const Collector *c, guint i, guint j)
{
    const CircaOwnedCycle *a = g_ptr_array_index(c->kept, i), *b = g_ptr_array_index(c->kept, j);
    return compare_cycles(&c->order, &a->cycle, &b->cycle) > 0;
}

static void swap(GPtrArray *array, guint i, guint j)
{
    gpointer t = array->pdata[i];
    array->pdata[i] = array->pdata[j];
    array->pdata[j] = t;
}

static void sift_up(Collector *c, guint i)
{
    while (i > 0 && worse(c, i, (i - 1) / 2)) {
        swap(c->kept, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static void sift_down(Collector *c, guint i)
{
    for (;;) {
        guint largest = i, l = 2 * i + 1, r = 2 * i + 2;
        if (l < c->kept->len && worse(c, l, largest)) {
            largest = l;
        }
        if (r < c->kept->len && worse(c, r, largest)) {
            largest = r;
        }
        if (largest == i) {
            return;
        }
        swap(c->kept, i, largest);
        i = largest;
    }
}

static gboolean collect_one(const CircaCycle *cycle, gpointer data)
{
    Collector *c = data;
    c->n_found++;
    if (c->order.sort == CIRCA_CYCLE_SORT_NONE || c->limit == 0) {
        if (c->limit != 0 && c->kept->len == c->limit) {
            return FALSE; /* one more than the limit exists: the result is truncated */
        }
        if (c->limit == 0 && c->kept_bytes >= CIRCA_MAX_KEPT_BYTES) {
            c->out_of_room = TRUE; /* all of them would be in memory: stop, and say so */
            return FALSE;
        }
        g_ptr_array_add(c->kept, own(cycle, &c->kept_bytes));
        return TRUE;
    }
    if (c->kept->len < c->limit) {
        g_ptr_array_add(c->kept, own(cycle, &c->kept_bytes));
        sift_up(c, c->kept->len - 1);
        return TRUE;
    }
    const CircaOwnedCycle *top = g_ptr_array_index(c->kept, 0);
    if (compare_cycles(&c->order, cycle, &top->cycle) < 0) {
        owned_cycle_free(c->kept->pdata[0]);
        c->kept->pdata[0] = own(cycle, &c->kept_bytes);
        sift_down(c, 0);
    }
    return TRUE;
}

CircaCycleSet *circa_cycles_collect(CircaGraph *graph, const CircaCycleOptions *options,
                                    CircaCycleSort sort, guint limit, GError **error)
{
    Collector collector = {
        .order = {.graph = graph, .sort = sort, .per_deal = options->per_deal},
        .limit = limit,
        .kept = g_ptr_array_new_with_free_func(owned_cycle_free),
    };
    CircaSearchEnd end;
    if (!circa_cycles_foreach(graph, options, collect_one, &collector, &end, error)) {
        g_ptr_array_free(collector.kept, TRUE);
        return NULL;
    }
    if (collector.out_of_room) {
        end = CIRCA_SEARCH_MEMORY;
    }
    if (sort != CIRCA_CYCLE_SORT_NONE) {
        g_ptr_array_sort_with_data(collector.kept, compare_owned, &collector.order);
    }
    CircaCycleSet *set = g_new0(CircaCycleSet, 1);
    set->cycles = collector.kept;
    set->graph = graph;
    set->per_deal = options->per_deal;
    set->end = end;
    /* Stopped at the limit (or the memory guard): one cycle more was seen than kept. */
    set->n_found = end == CIRCA_SEARCH_STOPPED || end == CIRCA_SEARCH_MEMORY ? collector.n_found - 1
                                                                             : collector.n_found;
    set->truncated = end != CIRCA_SEARCH_COMPLETE || set->n_found > collector.kept->len;
    return set;
}
