/* SPDX-License-Identifier: MIT */
/* From search paths to cycles: the passes' rules, the filters on whole cycles, per-deal
 * expansion, and the streaming and counting entry points. */

#include "circa/cycles.h"
#include "circa/error.h"
#include "passes/cycles-private.h"

#include <string.h>

/* A cycle being looked at, with room for hops whose deals are a subset of the hop graph's. */
typedef struct {
    CircaCycle cycle;
    CircaHop *hops;
    guint32 *edges; /* the hops' edges, one run per hop */
    gsize edge_capacity;
} View;

typedef struct {
    const CircaGraph *graph;
    const CircaHopGraph *hops;
    const CircaCycleOptions *options;
    CircaCycleFunc func; /* NULL when only counting */
    gpointer user_data;
    guint64 count;
    gboolean check_cycle; /* --window or --ordered: a cycle must be looked at to be counted */
    guint8 *through;      /* vertex → 1 when every cycle must pass it */

    /* Scratch, sized for the longest possible cycle. */
    guint32 *entities;
    guint32 *hop_index; /* rotated path hops */
    guint32 *choice;    /* per-deal mode: which edge of each hop */
    View found;         /* the cycle handed to func */
    View probe;         /* the same loop at a stronger --status, to find its certainty */
} Emitter;

void circa_cycle_options_init(CircaCycleOptions *options)
{
    memset(options, 0, sizeof *options);
    options->pass = CIRCA_PASS_MONEY;
    circa_deal_filter_init(&options->deals);
}

CircaSearchEnd circa_search_end_from_stop(CircaStop stop)
{
    switch (stop) {
    case CIRCA_STOP_NONE:
        return CIRCA_SEARCH_COMPLETE;
    case CIRCA_STOP_TIMEOUT:
        return CIRCA_SEARCH_TIMED_OUT;
    case CIRCA_STOP_CANCELLED:
        return CIRCA_SEARCH_CANCELLED;
    case CIRCA_STOP_BUDGET:
        return CIRCA_SEARCH_BUDGET;
    }
    return CIRCA_SEARCH_COMPLETE;
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

/* Bottleneck and date span from the hops. The bottleneck is the smallest hop amount. A hop with
 * nothing disclosed makes it unknown. A hop with some deals undisclosed is only known to be at
 * least its disclosed part, so the bottleneck is partial (a lower bound) unless a hop wholly
 * disclosed has the smallest amount: then no undisclosed deal can make it smaller. */
static void summarise(CircaCycle *cycle)
{
    cycle->bottleneck_usd = CIRCA_AMOUNT_UNKNOWN;
    cycle->bottleneck_partial = FALSE;
    cycle->first_date = (CircaDate){0};
    cycle->last_date = (CircaDate){0};
    cycle->has_undated = FALSE;
    for (guint i = 0; i < cycle->length; i++) {
        const CircaHop *hop = &cycle->hops[i];
        if (i == 0 || (cycle->bottleneck_usd != CIRCA_AMOUNT_UNKNOWN &&
                       (hop->amount_usd == CIRCA_AMOUNT_UNKNOWN ||
                        hop->amount_usd < cycle->bottleneck_usd))) {
            cycle->bottleneck_usd = hop->amount_usd;
        }
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
    cycle->bottleneck_partial = TRUE; /* unknown is not exact either */
    if (cycle->bottleneck_usd != CIRCA_AMOUNT_UNKNOWN) {
        gboolean exact = FALSE;
        for (guint i = 0; i < cycle->length; i++) {
            exact |= !cycle->hops[i].partial && cycle->hops[i].amount_usd == cycle->bottleneck_usd;
        }
        cycle->bottleneck_partial = !exact;
    }
}

typedef struct {
    guint32 first, last; /* the days a deal's date can mean */
    gboolean financing;  /* a financing edge */
} Span;

static int by_first_day(const void *a, const void *b)
{
    const Span *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Some choice of one dated deal per hop spans at most @days, its dates read as widely as partial
 * dates allow (at entity level a loop is there when some choice of its deals is; per deal each
 * hop has one), with a financing deal among them in the mixed pass. For each candidate first day
 * s, every hop takes its deal starting on or after s that ends soonest; the best s gives the
 * smallest span. */
static gboolean within_window(const CircaCycle *cycle, const CircaGraph *graph, guint days,
                              gboolean mixed)
{
    guint length = cycle->length, total = 0;
    for (guint i = 0; i < length; i++) {
        total += cycle->hops[i].n_edges;
    }
    g_autofree Span *spans = g_new(Span, total + 1);
    g_autofree guint32 *soonest = g_new(guint32, total + 1); /* suffix minima of last days */
    g_autofree guint *start = g_new(guint, length + 1);
    guint n = 0;
    for (guint i = 0; i < length; i++) {
        start[i] = n;
        const CircaHop *hop = &cycle->hops[i];
        for (guint k = 0; k < hop->n_edges; k++) {
            CircaDate date =
                circa_deal_set_deal(graph->deals, graph->edge_deal[hop->edges[k]])->date;
            if (date.precision != CIRCA_DATE_NONE) {
                spans[n++] = (Span){circa_date_first_day(date), circa_date_last_day(date),
                                    circa_i_edge_is_financing(graph, hop->edges[k])};
            }
        }
        if (n == start[i]) {
            return FALSE; /* a hop without a dated deal cannot be placed */
        }
        qsort(spans + start[i], n - start[i], sizeof(Span), by_first_day);
        soonest[n - 1] = spans[n - 1].last;
        for (guint k = n - 1; k > start[i]; k--) {
            soonest[k - 1] = MIN(spans[k - 1].last, soonest[k]);
        }
    }
    start[length] = n;
    for (guint c = 0; c < n; c++) {
        guint32 s = spans[c].first, end = s;
        for (guint i = 0; i < length; i++) {
            /* The hop's first deal starting on or after s. */
            guint lo = start[i], hi = start[i + 1];
            while (lo < hi) {
                guint mid = lo + (hi - lo) / 2;
                if (spans[mid].first < s) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo == start[i + 1]) {
                end = G_MAXUINT32;
                break;
            }
            end = MAX(end, soonest[lo]);
        }
        if (end == G_MAXUINT32 || end - s > days) {
            continue;
        }
        /* The mixed pass needs a financing deal in the choice: one in the window will do, in
         * place of its hop's soonest deal. */
        gboolean financing = !mixed;
        for (guint k = 0; k < n && !financing; k++) {
            financing = spans[k].financing && spans[k].first >= s && spans[k].last <= s + days;
        }
        if (financing) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Some rotation of the cycle, with one deal chosen per hop, has days that never go back. Partial
 * dates are intervals; greedily taking, hop after hop, the deal that can happen earliest is
 * optimal for a fixed rotation. Undated deals cannot be placed. */
/* Rotation @r, hop after hop, each taking the deal that can happen earliest (greedy is optimal
 * for a fixed rotation); hop @financing_hop (or none: G_MAXUINT) may take only a financing
 * edge. */
static gboolean ordered_from(const CircaCycle *cycle, const CircaGraph *graph, guint r,
                             guint financing_hop)
{
    guint32 now = 0;
    for (guint i = 0; i < cycle->length; i++) {
        guint h = (r + i) % cycle->length;
        const CircaHop *hop = &cycle->hops[h];
        guint32 best = G_MAXUINT32;
        for (guint k = 0; k < hop->n_edges; k++) {
            CircaDate date =
                circa_deal_set_deal(graph->deals, graph->edge_deal[hop->edges[k]])->date;
            if (date.precision == CIRCA_DATE_NONE || circa_date_last_day(date) < now ||
                (h == financing_hop && !circa_i_edge_is_financing(graph, hop->edges[k]))) {
                continue;
            }
            best = MIN(best, MAX(now, circa_date_first_day(date)));
        }
        if (best == G_MAXUINT32) {
            return FALSE;
        }
        now = best;
    }
    return TRUE;
}

/* Some rotation of the cycle, with one deal chosen per hop, has days that never go back. Partial
 * dates are intervals; undated deals cannot be placed. In the mixed pass the choice needs a
 * financing deal too, so some hop is made to take one. */
static gboolean is_ordered(const CircaCycle *cycle, const CircaGraph *graph, gboolean mixed)
{
    for (guint r = 0; r < cycle->length; r++) {
        if (!mixed) {
            if (ordered_from(cycle, graph, r, G_MAXUINT)) {
                return TRUE;
            }
            continue;
        }
        for (guint h = 0; h < cycle->length; h++) {
            if (ordered_from(cycle, graph, r, h)) {
                return TRUE;
            }
        }
    }
    return FALSE;
}

static gboolean cycle_passes(const Emitter *emitter, const CircaCycle *cycle)
{
    const CircaCycleOptions *options = emitter->options;
    if (options->window_days > 0 && !within_window(cycle, emitter->graph, options->window_days,
                                                   options->pass == CIRCA_PASS_MIXED)) {
        return FALSE;
    }
    return !options->ordered ||
           is_ordered(cycle, emitter->graph, options->pass == CIRCA_PASS_MIXED);
}

static void view_reserve(View *view, gsize n_edges)
{
    if (n_edges > view->edge_capacity) {
        view->edge_capacity = MAX(n_edges, 2 * view->edge_capacity);
        view->edges = g_renew(guint32, view->edges, view->edge_capacity);
    }
}

/* The loop on the emitter's rotated path, as the filters see it when only deals at least as
 * certain as @level count: each hop keeps its deals of that status, a mixed-pass 2-cycle gives
 * each shared deal to one hop, and the rules of the pass (a financing edge in the mixed pass,
 * the entity-level amount bound, --window, --ordered) are checked. At the options' own status
 * this is the loop as reported; FALSE when the loop does not exist at @level. */
static gboolean view_loop(Emitter *emitter, guint length, CircaStatus level, View *view)
{
    const CircaGraph *graph = emitter->graph;
    const CircaCycleOptions *options = emitter->options;
    const CircaHop *merged = emitter->hops->hops;
    gsize total = 0;
    for (guint i = 0; i < length; i++) {
        total += merged[emitter->hop_index[i]].n_edges;
    }
    view_reserve(view, total);

    g_autofree guint *counts = g_new(guint, length);
    g_autofree gsize *starts = g_new(gsize, length);
    gsize used = 0;
    gboolean financing = options->pass != CIRCA_PASS_MIXED;
    for (guint i = 0; i < length; i++) {
        const CircaHop *hop = &merged[emitter->hop_index[i]];
        starts[i] = used;
        for (guint k = 0; k < hop->n_edges; k++) {
            guint32 edge = hop->edges[k];
            if (circa_deal_set_deal(graph->deals, graph->edge_deal[edge])->status >= level) {
                view->edges[used++] = edge;
                financing |= circa_i_edge_is_financing(graph, edge);
            }
        }
        counts[i] = (guint) (used - starts[i]);
        if (counts[i] == 0) {
            return FALSE;
        }
    }
    if (!financing) {
        return FALSE;
    }
    view->cycle.length = length;
    view->cycle.entities = emitter->entities;
    view->cycle.hops = view->hops;
    if (emitter->check_cycle) {
        /* --window and --ordered ask whether some choice of one deal per hop fits, before any
         * split: the exchange rule is about amounts, and a choice never uses a deal twice. */
        for (guint i = 0; i < length; i++) {
            view->hops[i].edges = view->edges + starts[i];
            view->hops[i].n_edges = counts[i];
        }
        if (!cycle_passes(emitter, &view->cycle)) {
            return FALSE;
        }
    }
    gboolean estimated = FALSE;
    if (options->pass == CIRCA_PASS_MIXED && !options->per_deal && length == 2 &&
        !circa_i_split_shared_deals(graph, view->edges + starts[0], &counts[0],
                                    view->edges + starts[1], &counts[1], &estimated)) {
        return FALSE;
    }
    for (guint i = 0; i < length; i++) {
        const CircaHop *hop = &merged[emitter->hop_index[i]];
        circa_i_hop_init_from_edges(&view->hops[i], graph, view->edges + starts[i], counts[i]);
        view->hops[i].from = hop->from;
        view->hops[i].to = hop->to;
        if (!options->per_deal && options->deals.min_amount_usd > 0 &&
            view->hops[i].amount_usd < options->deals.min_amount_usd) {
            return FALSE; /* a shared deal went to the other hop, and this one fell below */
        }
    }
    summarise(&view->cycle);
    view->cycle.bottleneck_estimated = estimated;
    return TRUE;
}

/* The strongest --status that still finds the loop: no stronger than its least certain hop's
 * most certain deal, and, where other filters depend on which deals remain, the first level from
 * there down at which the loop is still found. */
static CircaStatus certainty(Emitter *emitter, const CircaCycle *cycle)
{
    CircaStatus floor = emitter->options->deals.min_status;
    CircaStatus ceiling = CIRCA_STATUS_CLOSED;
    for (guint i = 0; i < cycle->length; i++) {
        ceiling = MIN(ceiling, (CircaStatus) emitter->hops->hops[emitter->hop_index[i]].certainty);
    }
    for (CircaStatus level = ceiling; level > floor; level--) {
        if (view_loop(emitter, cycle->length, level, &emitter->probe)) {
            return level;
        }
    }
    return floor;
}

/* Hands one cycle on: counts it, and calls func. FALSE when func asks to stop. */
static gboolean deliver(Emitter *emitter, const CircaCycle *cycle)
{
    const CircaCycleOptions *options = emitter->options;
    if (options->accept != NULL && !options->accept(cycle, options->accept_data)) {
        return TRUE; /* not one the caller asked for: neither counted nor kept */
    }
    emitter->count = saturating_add(emitter->count, 1);
    if (emitter->func == NULL) {
        return TRUE; /* counting */
    }
    /* Keeping or writing a cycle costs some twenty times what counting it does: charged to the
     * step budget, so the default budget is about a minute whatever is done with the cycles. */
    if (!circa_guard_step(emitter->options->guard, CIRCA_STEPS_PER_HOP_DELIVERED * cycle->length)) {
        return FALSE;
    }
    return emitter->func(cycle, emitter->user_data);
}

/* Per-deal mode: every choice of one edge per hop that the pass allows. A choice in the mixed
 * pass needs a financing edge; it can never use two edges of one deal, because both edges of a
 * deal join the same two entities and so could only meet in a 2-cycle, where they would be the
 * money and hardware edges of a chips or compute deal: no financing edge, already excluded. A
 * choice is as certain as its least certain deal: each hop holds that one deal. */
static gboolean deliver_choices(Emitter *emitter, guint length)
{
    const CircaGraph *graph = emitter->graph;
    CircaHop *hops = emitter->found.hops;
    const CircaHop *merged = emitter->hops->hops;
    CircaCycle *cycle = &emitter->found.cycle;
    *cycle = (CircaCycle){.length = length, .entities = emitter->entities, .hops = hops};
    memset(emitter->choice, 0, sizeof(guint32) * length);
    for (;;) {
        gboolean financing = emitter->options->pass != CIRCA_PASS_MIXED;
        cycle->certainty = CIRCA_STATUS_CLOSED;
        for (guint i = 0; i < length; i++) {
            const CircaHop *from = &merged[emitter->hop_index[i]];
            const guint32 *edge = &from->edges[emitter->choice[i]];
            circa_i_hop_init_from_edges(&hops[i], graph, edge, 1);
            hops[i].from = from->from;
            hops[i].to = from->to;
            financing |= circa_i_edge_is_financing(graph, *edge);
            cycle->certainty = MIN(cycle->certainty, (CircaStatus) hops[i].certainty);
        }
        /* Parallel deals multiply: a few entity loops can hold billions of choices. */
        if (!circa_guard_step(emitter->options->guard, 1)) {
            return FALSE;
        }
        if (financing) {
            summarise(cycle);
            if ((!emitter->check_cycle || cycle_passes(emitter, cycle)) &&
                !deliver(emitter, cycle)) {
                return FALSE;
            }
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

    /* Counting only: no cycle needs building, unless splitting a 2-cycle's shared deals can
     * take a hop below the amount bound. */
    gboolean split_matters = options->pass == CIRCA_PASS_MIXED && !options->per_deal &&
                             length == 2 && options->deals.min_amount_usd > 0;
    if (emitter->func == NULL && !emitter->check_cycle && !split_matters &&
        options->accept == NULL) {
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
    for (guint i = 0; i < length; i++) {
        emitter->entities[i] = path[(rotation + i) % length];
        emitter->hop_index[i] = path_hops[(rotation + i) % length];
    }
    guint64 before = emitter->count;
    gboolean go_on = TRUE;
    if (options->per_deal) {
        go_on = deliver_choices(emitter, length);
    } else if (view_loop(emitter, length, options->deals.min_status, &emitter->found)) {
        CircaCycle *cycle = &emitter->found.cycle;
        cycle->certainty =
            emitter->func != NULL ? certainty(emitter, cycle) : options->deals.min_status;
        go_on = deliver(emitter, cycle);
    }
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
    if (!circa_deal_filter_check(&options->deals, error)) {
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
        .hop_index = g_new(guint32, n),
        .choice = g_new(guint32, n),
        .found.hops = g_new(CircaHop, n),
        .probe.hops = g_new(CircaHop, n),
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
    g_free(emitter.hop_index);
    g_free(emitter.found.hops);
    g_free(emitter.found.edges);
    g_free(emitter.probe.hops);
    g_free(emitter.probe.edges);
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
