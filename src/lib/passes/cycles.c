/* SPDX-License-Identifier: MIT */
/* From search paths to cycles: the passes' rules, the filters on whole cycles, per-deal
 * expansion, and the streaming and counting entry points. */

#include "circa/cycles.h"
#include "circa/error.h"
#include "passes/cycles-private.h"

#include <string.h>

typedef struct {
    const CircaGraph *graph;
    const CircaHopGraph *hops;
    const CircaCycleOptions *options;
    CircaCycleFunc func; /* NULL when only counting */
    gpointer user_data;
    guint64 count;
    gboolean check_cycle; /* --window or --ordered: a cycle must be looked at to be counted */
    guint8 *through;      /* vertex → 1 when every cycle must pass it */

    /* Scratch for the cycle handed to func, sized for the longest possible cycle. */
    guint32 *entities;
    CircaHop *hop_buffer;
    guint32 *hop_index; /* rotated path hops */
    guint32 *choice;    /* per-deal mode: which edge of each hop */
} Emitter;

void circa_cycle_options_init(CircaCycleOptions *options)
{
    memset(options, 0, sizeof *options);
    options->pass = CIRCA_PASS_MONEY;
    options->min_status = CIRCA_STATUS_RUMORED;
}

static guint64 saturating_multiply(guint64 a, guint64 b)
{
    guint64 product;
    return __builtin_mul_overflow(a, b, &product) ? G_MAXUINT64 : product;
}

static guint64 saturating_add(guint64 a, guint64 b)
{
    return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* Bottleneck, date span and weakest status from the hops. The bottleneck is the smallest hop
 * amount. A hop with nothing disclosed makes it unknown; a hop with some deals undisclosed makes
 * it partial, as that hop's real amount is only known to be at least its disclosed part. */
static void summarise(CircaCycle *cycle)
{
    cycle->bottleneck_usd = CIRCA_AMOUNT_UNKNOWN;
    cycle->bottleneck_partial = FALSE;
    cycle->first_date = (CircaDate){0};
    cycle->last_date = (CircaDate){0};
    cycle->has_undated = FALSE;
    cycle->weakest_status = CIRCA_STATUS_CLOSED;
    for (guint i = 0; i < cycle->length; i++) {
        const CircaHop *hop = &cycle->hops[i];
        if (i == 0 || (cycle->bottleneck_usd != CIRCA_AMOUNT_UNKNOWN &&
                       (hop->amount_usd == CIRCA_AMOUNT_UNKNOWN ||
                        hop->amount_usd < cycle->bottleneck_usd))) {
            cycle->bottleneck_usd = hop->amount_usd;
        }
        cycle->bottleneck_partial |= hop->partial;
        cycle->weakest_status = MIN(cycle->weakest_status, (CircaStatus) hop->weakest_status);
        cycle->has_undated |= hop->n_undated > 0;
        if (hop->first_date.precision != CIRCA_DATE_NONE &&
            (cycle->first_date.precision == CIRCA_DATE_NONE ||
             circa_date_first_day(hop->first_date) < circa_date_first_day(cycle->first_date))) {
            cycle->first_date = hop->first_date;
        }
        if (hop->last_date.precision != CIRCA_DATE_NONE &&
            (cycle->last_date.precision == CIRCA_DATE_NONE ||
             circa_date_last_day(hop->last_date) > circa_date_last_day(cycle->last_date))) {
            cycle->last_date = hop->last_date;
        }
    }
}

/* Every deal on the cycle is dated and the whole span, read as widely as partial dates allow,
 * fits in @days. */
static gboolean within_window(const CircaCycle *cycle, guint days)
{
    if (cycle->has_undated || cycle->first_date.precision == CIRCA_DATE_NONE) {
        return FALSE;
    }
    return circa_date_last_day(cycle->last_date) - circa_date_first_day(cycle->first_date) <= days;
}

/* Some rotation of the cycle, with one deal chosen per hop, has days that never go back. Partial
 * dates are intervals; greedily taking, hop after hop, the deal that can happen earliest is
 * optimal for a fixed rotation. Undated deals cannot be placed. */
static gboolean is_ordered(const CircaCycle *cycle, const CircaGraph *graph)
{
    for (guint r = 0; r < cycle->length; r++) {
        guint32 now = 0;
        gboolean placed = TRUE;
        for (guint i = 0; i < cycle->length && placed; i++) {
            const CircaHop *hop = &cycle->hops[(r + i) % cycle->length];
            guint32 best = G_MAXUINT32;
            for (guint k = 0; k < hop->n_edges; k++) {
                CircaDate date =
                    circa_deal_set_deal(graph->deals, graph->edge_deal[hop->edges[k]])->date;
                if (date.precision == CIRCA_DATE_NONE || circa_date_last_day(date) < now) {
                    continue;
                }
                best = MIN(best, MAX(now, circa_date_first_day(date)));
            }
            placed = best != G_MAXUINT32;
            now = best;
        }
        if (placed) {
            return TRUE;
        }
    }
    return FALSE;
}

static gboolean cycle_passes(const Emitter *emitter, const CircaCycle *cycle)
{
    const CircaCycleOptions *options = emitter->options;
    if (options->window_days > 0 && !within_window(cycle, options->window_days)) {
        return FALSE;
    }
    return !options->ordered || is_ordered(cycle, emitter->graph);
}

/* Hands one cycle on: counts it, and calls func. FALSE when func asks to stop. */
static gboolean deliver(Emitter *emitter, CircaCycle *cycle)
{
    summarise(cycle);
    if (emitter->check_cycle && !cycle_passes(emitter, cycle)) {
        return TRUE;
    }
    emitter->count = saturating_add(emitter->count, 1);
    return emitter->func == NULL || emitter->func(cycle, emitter->user_data);
}

/* Per-deal mode: every choice of one edge per hop that the pass allows. A choice in the mixed
 * pass needs a financing edge; it can never use two edges of one deal, because both edges of a
 * deal join the same two entities and so could only meet in a 2-cycle, where they would be the
 * money and hardware edges of a chips or compute deal: no financing edge, already excluded. */
static gboolean deliver_choices(Emitter *emitter, CircaCycle *cycle)
{
    const CircaGraph *graph = emitter->graph;
    guint length = cycle->length;
    CircaHop *hops = emitter->hop_buffer;
    const CircaHop *merged = emitter->hops->hops;
    memset(emitter->choice, 0, sizeof(guint32) * length);
    for (;;) {
        gboolean financing = emitter->options->pass != CIRCA_PASS_MIXED;
        for (guint i = 0; i < length; i++) {
            const CircaHop *from = &merged[emitter->hop_index[i]];
            const guint32 *edge = &from->edges[emitter->choice[i]];
            circa_i_hop_init_from_edges(&hops[i], graph, edge, 1);
            hops[i].from = from->from;
            hops[i].to = from->to;
            financing |= circa_i_edge_is_financing(graph, *edge);
        }
        if (financing && !deliver(emitter, cycle)) {
            return FALSE;
        }
        /* Next choice, like an odometer. */
        guint i = 0;
        for (; i < length; i++) {
            if (++emitter->choice[i] < merged[emitter->hop_index[i]].n_edges) {
                break;
            }
            emitter->choice[i] = 0;
        }
        if (i == length) {
            return TRUE;
        }
    }
}

static gboolean emit_path(CircaSearch *search, guint length, gpointer data)
{
    Emitter *emitter = data;
    const CircaHopGraph *hops = emitter->hops;
    const CircaCycleOptions *options = emitter->options;
    const guint32 *path = circa_i_search_path(search);
    const guint32 *path_hops = circa_i_search_path_hops(search);

    if (options->n_through > 1) {
        guint n_marked = 0;
        for (guint i = 0; i < length; i++) {
            n_marked += emitter->through[path[i]];
        }
        if (n_marked < options->n_through) {
            return TRUE;
        }
    }
    guint64 all = 1, without_financing = 1;
    for (guint i = 0; i < length; i++) {
        guint32 h = path_hops[i];
        all = saturating_multiply(all, hops->hops[h].n_edges);
        without_financing =
            saturating_multiply(without_financing, hops->hops[h].n_edges - hops->n_financing[h]);
    }
    if (options->pass == CIRCA_PASS_MIXED && without_financing == all) {
        return TRUE; /* no hop has a financing edge */
    }

    if (emitter->func == NULL && !emitter->check_cycle) {
        /* Counting only: no cycle needs building. */
        guint64 n = 1;
        if (options->per_deal) {
            n = options->pass == CIRCA_PASS_MIXED ? all - without_financing : all;
        }
        emitter->count = saturating_add(emitter->count, n);
        circa_i_search_count(search, n);
        return TRUE;
    }

    /* The canonical rotation starts at the smallest entity; the search already starts there
     * unless --through chose the start. */
    guint rotation = 0;
    for (guint i = 1; i < length; i++) {
        if (path[i] < path[rotation]) {
            rotation = i;
        }
    }
    CircaCycle cycle = {
        .length = length, .entities = emitter->entities, .hops = emitter->hop_buffer};
    for (guint i = 0; i < length; i++) {
        emitter->entities[i] = path[(rotation + i) % length];
        emitter->hop_index[i] = path_hops[(rotation + i) % length];
        emitter->hop_buffer[i] = hops->hops[emitter->hop_index[i]];
    }
    guint64 before = emitter->count;
    gboolean go_on =
        options->per_deal ? deliver_choices(emitter, &cycle) : deliver(emitter, &cycle);
    circa_i_search_count(search, emitter->count - before);
    return go_on;
}

static gboolean check_options(const CircaGraph *graph, const CircaCycleOptions *options,
                              GError **error)
{
    if (options->max_length > 0 && options->min_length > options->max_length) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "the minimum length (%u) is above the maximum length (%u)", options->min_length,
                    options->max_length);
        return FALSE;
    }
    if (options->since.precision != CIRCA_DATE_NONE &&
        options->until.precision != CIRCA_DATE_NONE &&
        circa_date_first_day(options->since) > circa_date_last_day(options->until)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "the since date is after the until date");
        return FALSE;
    }
    for (guint i = 0; i < options->n_through; i++) {
        if (options->through[i] >= circa_graph_n_vertices(graph)) {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE, "through: no entity %u",
                        options->through[i]);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean run(CircaGraph *graph, const CircaCycleOptions *options, CircaCycleFunc func,
                    gpointer user_data, guint64 *count, CircaSearchEnd *end, GError **error)
{
    g_return_val_if_fail(graph != NULL && options != NULL, FALSE);
    CircaSearchEnd ignored;
    end = end != NULL ? end : &ignored;
    *end = CIRCA_SEARCH_COMPLETE;
    if (!check_options(graph, options, error)) {
        return FALSE;
    }
    CircaHopGraph *hops = circa_i_hop_graph_new(graph, options, error);
    if (hops == NULL) {
        return FALSE;
    }
    guint n = hops->n_vertices + 1;
    Emitter emitter = {
        .graph = graph,
        .hops = hops,
        .options = options,
        .func = func,
        .user_data = user_data,
        .check_cycle = options->window_days > 0 || options->ordered,
        .through = g_new0(guint8, n),
        .entities = g_new(guint32, n),
        .hop_buffer = g_new(CircaHop, n),
        .hop_index = g_new(guint32, n),
        .choice = g_new(guint32, n),
    };
    for (guint i = 0; i < options->n_through; i++) {
        emitter.through[options->through[i]] = 1;
    }
    gboolean ok = circa_i_search_run(graph, hops, options, emit_path, &emitter, end);
    if (count != NULL) {
        *count = emitter.count;
    }
    g_free(emitter.through);
    g_free(emitter.entities);
    g_free(emitter.hop_buffer);
    g_free(emitter.hop_index);
    g_free(emitter.choice);
    circa_i_hop_graph_free(hops);
    return ok;
}

gboolean circa_cycles_foreach(CircaGraph *graph, const CircaCycleOptions *options,
                              CircaCycleFunc func, gpointer user_data, CircaSearchEnd *end,
                              GError **error)
{
    g_return_val_if_fail(func != NULL, FALSE);
    return run(graph, options, func, user_data, NULL, end, error);
}

gboolean circa_cycles_count(CircaGraph *graph, const CircaCycleOptions *options, guint64 *count,
                            CircaSearchEnd *end, GError **error)
{
    g_return_val_if_fail(count != NULL, FALSE);
    return run(graph, options, NULL, NULL, count, end, error);
}
