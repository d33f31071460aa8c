/* SPDX-License-Identifier: MIT */
/* The diff pass: deals matched by id, loops matched by canonical key, and for every loop that
 * appeared, changed or broke, the deal changes on it that explain why. Keys are the identity a
 * CI report keeps across revisions, so nothing here depends on line numbers or file names. */

#include "circa/diff.h"
#include "circa/error.h"
#include "igraph-private.h"

#include <string.h>

const char *circa_deal_field_to_string(CircaDealField field)
{
    switch (field) {
    case CIRCA_FIELD_PAYER:
        return "payer";
    case CIRCA_FIELD_PAYEE:
        return "payee";
    case CIRCA_FIELD_AMOUNT:
        return "amount_usd";
    case CIRCA_FIELD_DATE:
        return "date";
    case CIRCA_FIELD_KIND:
        return "kind";
    case CIRCA_FIELD_STATUS:
        return "status";
    case CIRCA_FIELD_SOURCE:
        return "source";
    case CIRCA_FIELD_NOTE:
        return "note";
    }
    return "?";
}

const char *circa_loop_change_kind_to_string(CircaLoopChangeKind kind)
{
    static const char *const names[CIRCA_N_LOOP_CHANGE_KINDS] = {"new", "known", "changed",
                                                                 "broken"};
    return (guint) kind < CIRCA_N_LOOP_CHANGE_KINDS ? names[kind] : "?";
}

/* ---- deals ---- */

static const char *entity_name(const CircaDealSet *set, guint32 entity)
{
    return circa_deal_set_entity(set, entity)->name;
}

static guint changed_fields(const CircaDealSet *base, const CircaDeal *a, const CircaDealSet *head,
                            const CircaDeal *b)
{
    guint fields = 0;
    if (strcmp(entity_name(base, a->payer), entity_name(head, b->payer)) != 0) {
        fields |= CIRCA_FIELD_PAYER;
    }
    if (strcmp(entity_name(base, a->payee), entity_name(head, b->payee)) != 0) {
        fields |= CIRCA_FIELD_PAYEE;
    }
    if (a->amount_usd != b->amount_usd) {
        fields |= CIRCA_FIELD_AMOUNT;
    }
    if (a->date.precision != b->date.precision || circa_date_compare(a->date, b->date) != 0) {
        fields |= CIRCA_FIELD_DATE;
    }
    if (a->kind != b->kind) {
        fields |= CIRCA_FIELD_KIND;
    }
    if (a->status != b->status) {
        fields |= CIRCA_FIELD_STATUS;
    }
    if (strcmp(a->source, b->source) != 0) {
        fields |= CIRCA_FIELD_SOURCE;
    }
    if (strcmp(a->note, b->note) != 0) {
        fields |= CIRCA_FIELD_NOTE;
    }
    return fields;
}

static int compare_deal_changes(gconstpointer a, gconstpointer b)
{
    return strcmp(((const CircaDealChange *) a)->id, ((const CircaDealChange *) b)->id);
}

/* Every deal change, sorted by id; *@base_change and *@head_change map each side's deal index to
 * its change's index, or -1 when the deal is the same on both sides. */
static GArray *diff_deals(const CircaDealSet *base, const CircaDealSet *head, gint **base_change,
                          gint **head_change, GHashTable *head_ids)
{
    GArray *changes = g_array_new(FALSE, FALSE, sizeof(CircaDealChange));
    for (guint i = 0; i < head->deals->len; i++) {
        g_hash_table_insert(head_ids, (gpointer) circa_deal_set_deal(head, i)->id,
                            GUINT_TO_POINTER(i + 1));
    }
    g_autofree gboolean *in_base = g_new0(gboolean, head->deals->len + 1);
    for (guint i = 0; i < base->deals->len; i++) {
        const CircaDeal *deal = circa_deal_set_deal(base, i);
        guint found = GPOINTER_TO_UINT(g_hash_table_lookup(head_ids, deal->id));
        CircaDealChange change = {.id = deal->id, .base = (gint) i, .head = -1};
        if (found == 0) {
            change.kind = CIRCA_DEAL_REMOVED;
        } else {
            in_base[found - 1] = TRUE;
            change.kind = CIRCA_DEAL_CHANGED;
            change.head = (gint) (found - 1);
            change.fields = changed_fields(base, deal, head, circa_deal_set_deal(head, found - 1));
            if (change.fields == 0) {
                continue;
            }
        }
        g_array_append_val(changes, change);
    }
    for (guint i = 0; i < head->deals->len; i++) {
        if (!in_base[i]) {
            CircaDealChange change = {.kind = CIRCA_DEAL_ADDED,
                                      .id = circa_deal_set_deal(head, i)->id,
                                      .base = -1,
                                      .head = (gint) i};
            g_array_append_val(changes, change);
        }
    }
    g_array_sort(changes, compare_deal_changes);

    *base_change = g_new(gint, base->deals->len + 1);
    *head_change = g_new(gint, head->deals->len + 1);
    memset(*base_change, 0xff, sizeof(gint) * (base->deals->len + 1));
    memset(*head_change, 0xff, sizeof(gint) * (head->deals->len + 1));
    for (guint i = 0; i < changes->len; i++) {
        const CircaDealChange *change = &g_array_index(changes, CircaDealChange, i);
        if (change->base >= 0) {
            (*base_change)[change->base] = (gint) i;
        }
        if (change->head >= 0) {
            (*head_change)[change->head] = (gint) i;
        }
    }
    return changes;
}

/* ---- loops ---- */

/* Whether a search ended before it found every loop. */
static gboolean cut_short(CircaSearchEnd end)
{
    return end != CIRCA_SEARCH_COMPLETE && end != CIRCA_SEARCH_STOPPED;
}

/* ---- where loops can have changed ---- */

/* A loop that no changed deal touches is the same on both sides: its hops hold the same deals.
 * So each side searches only loops through a touched hop — a pair of entities, by name, that a
 * deal added, removed or changed joins (either way for chips and compute, whose hardware flows
 * back) — and only in the region such loops can reach. */
/* Adds @deal's hops to @touched, a set of "payer\x1fpayee" (names). */
static void touch(GHashTable *touched, const CircaDealSet *set, const CircaDeal *deal)
{
    const char *payer = entity_name(set, deal->payer), *payee = entity_name(set, deal->payee);
    g_hash_table_add(touched, g_strconcat(payer, "\x1f", payee, NULL));
    if (circa_kind_has_hardware_flow(deal->kind)) {
        g_hash_table_add(touched, g_strconcat(payee, "\x1f", payer, NULL));
    }
}

/* The touched hops in one side's entity numbering: from << 32 | to. */
static GHashTable *side_hops(GHashTable *touched, const CircaDealSet *set)
{
    GHashTable *hops = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init(&iter, touched);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        g_auto(GStrv) names = g_strsplit(key, "\x1f", 2);
        guint32 from, to;
        if (circa_deal_set_find_entity(set, names[0], &from) &&
            circa_deal_set_find_entity(set, names[1], &to)) {
            gint64 *pair = g_new(gint64, 1);
            *pair = (gint64) ((guint64) from << 32 | to);
            g_hash_table_add(hops, pair);
        }
    }
    return hops;
}

static gboolean has_touched_hop(const CircaCycle *cycle, gpointer data)
{
    GHashTable *hops = data;
    for (guint i = 0; i < cycle->length; i++) {
        gint64 pair = (gint64) ((guint64) cycle->hops[i].from << 32 | cycle->hops[i].to);
        if (g_hash_table_contains(hops, &pair)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Breadth-first distances from @sources over the arcs @start/@next (CSR), up to @bound hops;
 * G_MAXUINT32 beyond. */
static guint32 *distances(guint n, const guint32 *start, const guint32 *next, GArray *sources,
                          guint bound)
{
    guint32 *dist = g_new(guint32, n + 1);
    memset(dist, 0xff, sizeof(guint32) * (n + 1));
    g_autofree guint32 *queue = g_new(guint32, n + 1);
    guint head = 0, tail = 0;
    for (guint i = 0; i < sources->len; i++) {
        guint32 v = g_array_index(sources, guint32, i);
        if (dist[v] != 0) {
            dist[v] = 0;
            queue[tail++] = v;
        }
    }
    while (head < tail) {
        guint32 v = queue[head++];
        if (bound > 0 && dist[v] >= bound) {
            continue;
        }
        for (guint32 k = start[v]; k < start[v + 1]; k++) {
            guint32 w = next[k];
            if (dist[w] == G_MAXUINT32) {
                dist[w] = dist[v] + 1;
                queue[tail++] = w;
            }
        }
    }
    return dist;
}

/* The entities a loop through a touched hop (u → v) can visit: w with d(v, w) + d(w, u) at most
 * the loop's length less one, with the distances from every v and to every u taken at once (a
 * region that holds more is still right: loops are checked for a touched hop afterwards). Every
 * edge counts, hardware too, and no deal filter: again only more. */
static guint8 *side_region(const CircaGraph *graph, GHashTable *hops, guint max_length)
{
    guint n = circa_graph_n_vertices(graph), m = circa_graph_n_edges(graph);
    g_autofree guint32 *from = g_new(guint32, m + 1), *to = g_new(guint32, m + 1);
    g_autofree guint32 *out_start = g_new0(guint32, n + 2), *in_start = g_new0(guint32, n + 2);
    for (guint e = 0; e < m; e++) {
        igraph_integer_t a, b;
        igraph_edge(&graph->graph, (igraph_integer_t) e, &a, &b);
        from[e] = (guint32) a;
        to[e] = (guint32) b;
        out_start[a + 1]++;
        in_start[b + 1]++;
    }
    for (guint v = 0; v < n; v++) {
        out_start[v + 1] += out_start[v];
        in_start[v + 1] += in_start[v];
    }
    g_autofree guint32 *out_next = g_new(guint32, m + 1), *in_next = g_new(guint32, m + 1);
    g_autofree guint32 *out_fill = g_memdup2(out_start, sizeof(guint32) * (n + 1));
    g_autofree guint32 *in_fill = g_memdup2(in_start, sizeof(guint32) * (n + 1));
    for (guint e = 0; e < m; e++) {
        out_next[out_fill[from[e]]++] = to[e];
        in_next[in_fill[to[e]]++] = from[e];
    }

    g_autoptr(GArray) heads = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_autoptr(GArray) tails = g_array_new(FALSE, FALSE, sizeof(guint32));
    GHashTableIter iter;
    gpointer key;
    g_hash_table_iter_init(&iter, hops);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        guint64 pair = (guint64) * (gint64 *) key;
        guint32 u = (guint32) (pair >> 32), v = (guint32) pair;
        g_array_append_val(tails, u);
        g_array_append_val(heads, v);
    }
    guint bound = max_length > 0 ? max_length - 1 : 0;
    g_autofree guint32 *from_heads = distances(n, out_start, out_next, heads, bound);
    g_autofree guint32 *to_tails = distances(n, in_start, in_next, tails, bound);
    guint8 *region = g_new0(guint8, n + 1);
    for (guint w = 0; w < n; w++) {
        if (from_heads[w] != G_MAXUINT32 && to_tails[w] != G_MAXUINT32) {
            region[w] = bound == 0 || from_heads[w] + to_tails[w] <= bound;
        }
    }
    return region;
}

/* One side's loops: the search under the options in @region (nullable: everywhere), with
 * --through resolved in this side's entities. A name the side does not know means it has no
 * loop through it: an empty set. */
static CircaCycleSet *side_loops(const CircaDealSet *set, CircaGraph *graph,
                                 const CircaDiffOptions *options, const guint8 *region,
                                 GHashTable *hops, CircaGuard *guard, GError **error)
{
    CircaCycleOptions cycles = options->cycles;
    cycles.guard = guard;
    cycles.region = region;
    cycles.accept = has_touched_hop; /* a loop through no touched hop is the same on both sides */
    cycles.accept_data = hops;
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    gboolean known = TRUE;
    for (guint i = 0; options->through_names != NULL && options->through_names[i] != NULL; i++) {
        guint32 entity;
        if (!circa_deal_set_find_entity(set, options->through_names[i], &entity)) {
            known = FALSE;
            continue;
        }
        gboolean repeated = FALSE;
        for (guint j = 0; j < through->len; j++) {
            repeated |= g_array_index(through, guint32, j) == entity;
        }
        if (!repeated) {
            g_array_append_val(through, entity);
        }
    }
    cycles.through = (const guint32 *) through->data;
    cycles.n_through = through->len;
    g_autofree guint8 *nowhere = NULL;
    if (!known) {
        /* No loop of this side passes through an entity it does not have: an empty region. */
        nowhere = g_new0(guint8, circa_graph_n_vertices(graph) + 1);
        cycles.region = nowhere;
    }
    /* Search order: loops are matched by key through a hash, so sorting them buys nothing. */
    return circa_cycles_collect(graph, &cycles, CIRCA_CYCLE_SORT_NONE, 0, error);
}

typedef struct {
    GArray *because;     /* guint storage */
    const GArray *deals; /* CircaDealChange */
} Explain;

/* Appends to explain->because the changes of the deals on @cycle that count on this side (on
 * head a deal added or changed, on base one removed or changed), each once from @start on. */
static void explain(Explain *explain, guint start, const CircaCycle *cycle, const CircaGraph *graph,
                    const gint *change_of, CircaDealChangeKind also)
{
    for (guint h = 0; h < cycle->length; h++) {
        const CircaHop *hop = &cycle->hops[h];
        for (guint e = 0; e < hop->n_edges; e++) {
            gint change = change_of[graph->edge_deal[hop->edges[e]]];
            if (change < 0) {
                continue;
            }
            CircaDealChangeKind kind = g_array_index(explain->deals, CircaDealChange, change).kind;
            if (kind != CIRCA_DEAL_CHANGED && kind != also) {
                continue;
            }
            gboolean seen = FALSE;
            for (guint i = start; i < explain->because->len && !seen; i++) {
                seen = g_array_index(explain->because, guint, i) == (guint) change;
            }
            if (!seen) {
                guint value = (guint) change;
                g_array_append_val(explain->because, value);
            }
        }
    }
}

/* Deals that explain a loop: added ones first (they are what closes a new loop, and where a
 * report points), then removed, then changed ones; by id within each (changes are in id
 * order). */
static int compare_because(gconstpointer a, gconstpointer b, gpointer deals)
{
    static const int rank[] = {
        [CIRCA_DEAL_ADDED] = 0, [CIRCA_DEAL_REMOVED] = 1, [CIRCA_DEAL_CHANGED] = 2};
    guint x = *(const guint *) a, y = *(const guint *) b;
    int rx = rank[g_array_index((GArray *) deals, CircaDealChange, x).kind];
    int ry = rank[g_array_index((GArray *) deals, CircaDealChange, y).kind];
    if (rx != ry) {
        return rx < ry ? -1 : 1;
    }
    return x < y ? -1 : x > y;
}

static gint64 disclosed(const CircaCycle *cycle)
{
    return cycle->bottleneck_usd == CIRCA_AMOUNT_UNKNOWN ? 0 : cycle->bottleneck_usd;
}

static gint64 circular_sum(const CircaCycleSet *set)
{
    gint64 sum = 0;
    for (guint i = 0; i < set->cycles->len; i++) {
        const CircaOwnedCycle *owned = g_ptr_array_index(set->cycles, i);
        sum = circa_amount_add(sum, disclosed(&owned->cycle));
    }
    return sum;
}

static int compare_loops(gconstpointer a, gconstpointer b)
{
    const CircaLoopChange *x = a, *y = b;
    if (x->kind != y->kind) {
        return x->kind < y->kind ? -1 : 1;
    }
    const CircaCycle *cx = x->head != NULL ? x->head : x->base;
    const CircaCycle *cy = y->head != NULL ? y->head : y->base;
    gint64 bx = disclosed(cx), by = disclosed(cy);
    if (bx != by) {
        return bx > by ? -1 : 1;
    }
    return strcmp(x->key, y->key);
}

/* Records a loop change whose explaining deals start at @start in the because storage; their
 * pointer is set once the storage stops growing. */
static void add_loop(CircaDiff *diff, CircaLoopChangeKind kind, const char *key,
                     const CircaCycle *base, const CircaCycle *head, guint start,
                     const char *reason)
{
    CircaLoopChange change = {.kind = kind,
                              .key = key,
                              .base = base,
                              .head = head,
                              .because = (const guint *) GUINT_TO_POINTER(start),
                              .n_because = diff->because->len - start,
                              .reason = reason};
    g_array_append_val(diff->loops, change);
    diff->n_loops[kind]++;
}

CircaDiff *circa_diff_new(const CircaDealSet *base, CircaGraph *base_graph,
                          const CircaDealSet *head, CircaGraph *head_graph,
                          const CircaDiffOptions *options, GError **error)
{
    g_return_val_if_fail(base != NULL && head != NULL && options != NULL, NULL);
    g_return_val_if_fail(base_graph->deals == base && head_graph->deals == head, NULL);

    g_autoptr(CircaDiff) diff = g_new0(CircaDiff, 1);
    diff->base = base;
    diff->head = head;
    diff->base_graph = base_graph;
    diff->head_graph = head_graph;
    diff->loops = g_array_new(FALSE, FALSE, sizeof(CircaLoopChange));
    diff->because = g_array_new(FALSE, FALSE, sizeof(guint));
    diff->max_length = options->cycles.max_length;

    g_autofree gint *base_change = NULL;
    g_autofree gint *head_change = NULL;
    diff->head_ids = g_hash_table_new(g_str_hash, g_str_equal);
    diff->deals = diff_deals(base, head, &base_change, &head_change, diff->head_ids);

    /* Each side searches on equal terms: the whole step budget, and half the time left for the
     * base so that the head has as much. A loop one side did not reach cannot be called new or
     * broken, so a lopsided cut would report false changes. */
    CircaGuard base_guard = {0}, head_guard = {0};
    CircaGuard *command = options->cycles.guard;
    if (command != NULL) {
        base_guard = *command;
        circa_guard_keep_share(&base_guard, 0.5);
    }
    g_autoptr(GHashTable) touched = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < diff->deals->len; i++) {
        const CircaDealChange *change = &g_array_index(diff->deals, CircaDealChange, i);
        if (change->base >= 0) {
            touch(touched, base, circa_deal_set_deal(base, (guint) change->base));
        }
        if (change->head >= 0) {
            touch(touched, head, circa_deal_set_deal(head, (guint) change->head));
        }
    }
    g_autoptr(GHashTable) base_hops = side_hops(touched, base);
    g_autoptr(GHashTable) head_hops = side_hops(touched, head);
    guint max_length = options->cycles.max_length;
    g_autofree guint8 *base_region = side_region(base_graph, base_hops, max_length);
    g_autofree guint8 *head_region = side_region(head_graph, head_hops, max_length);

    diff->base_cycles = side_loops(base, base_graph, options, base_region, base_hops,
                                   command != NULL ? &base_guard : NULL, error);
    if (diff->base_cycles == NULL) {
        return NULL;
    }
    if (command != NULL) {
        head_guard = *command;
    }
    diff->head_cycles = side_loops(head, head_graph, options, head_region, head_hops,
                                   command != NULL ? &head_guard : NULL, error);
    if (diff->head_cycles == NULL) {
        return NULL;
    }
    if (command != NULL && command->stop == CIRCA_STOP_NONE) {
        /* The command's guard says why the work stopped, for the writers after it. */
        command->stop = head_guard.stop != CIRCA_STOP_NONE ? head_guard.stop : base_guard.stop;
        command->steps = base_guard.steps + head_guard.steps;
    }
    gboolean base_cut = cut_short(diff->base_cycles->end);
    gboolean head_cut = cut_short(diff->head_cycles->end);
    diff->base_end = diff->base_cycles->end;
    diff->head_end = diff->head_cycles->end;
    diff->n_base_loops = diff->base_cycles->cycles->len;
    diff->n_head_loops = diff->head_cycles->cycles->len;
    diff->base_circular_usd = circular_sum(diff->base_cycles);
    diff->head_circular_usd = circular_sum(diff->head_cycles);

    g_autoptr(GHashTable) base_keys = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < diff->base_cycles->cycles->len; i++) {
        g_hash_table_insert(base_keys, (gpointer) circa_cycle_set_key(diff->base_cycles, i),
                            GUINT_TO_POINTER(i + 1));
    }
    g_autoptr(GHashTable) head_keys = g_hash_table_new(g_str_hash, g_str_equal);
    Explain because = {.because = diff->because, .deals = diff->deals};
    for (guint i = 0; i < diff->head_cycles->cycles->len; i++) {
        const char *key = circa_cycle_set_key(diff->head_cycles, i);
        const CircaCycle *now =
            &((CircaOwnedCycle *) g_ptr_array_index(diff->head_cycles->cycles, i))->cycle;
        g_hash_table_add(head_keys, (gpointer) key);
        guint found = GPOINTER_TO_UINT(g_hash_table_lookup(base_keys, key));
        guint start = diff->because->len;
        if (found == 0 && base_cut) {
            diff->n_not_compared++; /* the base search may not have reached it */
            continue;
        }
        if (found == 0) {
            explain(&because, start, now, head_graph, head_change, CIRCA_DEAL_ADDED);
            const char *reason = circa_baseline_lookup(options->baseline, key);
            add_loop(diff, reason != NULL ? CIRCA_LOOP_KNOWN : CIRCA_LOOP_NEW, key, NULL, now,
                     start, reason);
            continue;
        }
        const CircaCycle *before =
            &((CircaOwnedCycle *) g_ptr_array_index(diff->base_cycles->cycles, found - 1))->cycle;
        if (before->bottleneck_usd == now->bottleneck_usd &&
            before->bottleneck_partial == now->bottleneck_partial &&
            before->certainty == now->certainty) {
            diff->n_unchanged++;
            continue;
        }
        explain(&because, start, now, head_graph, head_change, CIRCA_DEAL_ADDED);
        explain(&because, start, before, base_graph, base_change, CIRCA_DEAL_REMOVED);
        add_loop(diff, CIRCA_LOOP_CHANGED, key, before, now, start, NULL);
    }
    for (guint i = 0; i < diff->base_cycles->cycles->len; i++) {
        const char *key = circa_cycle_set_key(diff->base_cycles, i);
        if (g_hash_table_contains(head_keys, key)) {
            continue;
        }
        if (head_cut) {
            diff->n_not_compared++;
            continue;
        }
        const CircaCycle *before =
            &((CircaOwnedCycle *) g_ptr_array_index(diff->base_cycles->cycles, i))->cycle;
        guint start = diff->because->len;
        explain(&because, start, before, base_graph, base_change, CIRCA_DEAL_REMOVED);
        add_loop(diff, CIRCA_LOOP_BROKEN, key, before, NULL, start, NULL);
    }

    /* The explaining deals of each loop, sorted (so by deal id: changes are in id order), then
     * pointed to now that the storage no longer moves. */
    for (guint i = 0; i < diff->loops->len; i++) {
        CircaLoopChange *change = &g_array_index(diff->loops, CircaLoopChange, i);
        guint *first =
            &g_array_index(diff->because, guint, GPOINTER_TO_UINT((gconstpointer) change->because));
        g_qsort_with_data(first, (gint) change->n_because, sizeof(guint), compare_because,
                          diff->deals);
        change->because = change->n_because > 0 ? first : NULL;
    }
    g_array_sort(diff->loops, compare_loops);

    return g_steal_pointer(&diff);
}

void circa_diff_free(CircaDiff *diff)
{
    if (diff == NULL) {
        return;
    }
    if (diff->deals != NULL) {
        g_array_free(diff->deals, TRUE);
    }
    g_array_free(diff->loops, TRUE);
    g_array_free(diff->because, TRUE);
    g_clear_pointer(&diff->head_ids, g_hash_table_destroy);
    g_clear_pointer(&diff->base_cycles, circa_cycle_set_free);
    g_clear_pointer(&diff->head_cycles, circa_cycle_set_free);
    g_free(diff);
}

const CircaDeal *circa_diff_deal_record(const CircaDiff *diff, const CircaDealChange *change,
                                        const CircaDealSet **side)
{
    const CircaDealSet *set = change->head >= 0 ? diff->head : diff->base;
    if (side != NULL) {
        *side = set;
    }
    return circa_deal_set_deal(set, (guint) (change->head >= 0 ? change->head : change->base));
}

const CircaDeal *circa_diff_head_deal(const CircaDiff *diff, const char *id)
{
    guint found = GPOINTER_TO_UINT(g_hash_table_lookup(diff->head_ids, id));
    return found > 0 ? circa_deal_set_deal(diff->head, found - 1) : NULL;
}

gboolean circa_diff_truncated(const CircaDiff *diff)
{
    return cut_short(diff->base_end) || cut_short(diff->head_end);
}

CircaSearchEnd circa_diff_cut_by(const CircaDiff *diff)
{
    return cut_short(diff->head_end) ? diff->head_end : diff->base_end;
}
