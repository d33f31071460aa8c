/* SPDX-License-Identifier: MIT */
/* One deal, one hop: in the mixed pass a chips or compute deal between A and B gives a money edge
 * A → B and a hardware edge B → A, so it lies on both hops of the 2-cycle A → B → A. That pair is
 * an exchange, not a round trip, and the deal's amount can carry only one of the two hops. Only a
 * 2-cycle can hold both edges of a deal (a longer simple cycle has no pair of opposite hops), so
 * this is the one place the rule needs more than the per-hop merge.
 *
 * Each shared deal goes wholly to one hop, the split that gives the larger bottleneck: a split
 * where both hops have something disclosed beats one that leaves a hop undisclosed, then the
 * larger smaller-hop sum wins, then fewer hops with undisclosed deals, then the first split in
 * enumeration order (deal order), so the answer is deterministic. Up to EXACT_LIMIT shared deals
 * every split is tried (a Gray code, one deal moved per step: 16 million at most); past it,
 * largest first to the lighter hop and then single moves while they help, which is within 7/6 of
 * the best, and the cycle says its bottleneck is estimated. */

#include "circa/cycles.h"
#include "passes/cycles-private.h"

#include <stdlib.h>
#include <string.h>

#define EXACT_LIMIT 24

typedef struct {
    gint64 sum[2];   /* disclosed amounts on each hop, saturating */
    guint known[2];  /* deals with a disclosed amount */
    guint hidden[2]; /* deals without one */
} Split;

typedef struct {
    guint32 deal;
    gint64 amount; /* CIRCA_AMOUNT_UNKNOWN when undisclosed */
} Shared;

static void split_add(Split *split, int hop, gint64 amount, int sign)
{
    if (amount == CIRCA_AMOUNT_UNKNOWN) {
        split->hidden[hop] += (guint) sign;
    } else {
        split->known[hop] += (guint) sign;
        /* Sums stay exact below the saturation point, and removing undoes adding there. */
        split->sum[hop] =
            sign > 0 ? circa_amount_add(split->sum[hop], amount) : split->sum[hop] - amount;
    }
}

/* Negative when @a is the better split. Both must leave each hop a deal. */
static int compare_splits(const Split *a, const Split *b)
{
    gboolean a_known = a->known[0] > 0 && a->known[1] > 0;
    gboolean b_known = b->known[0] > 0 && b->known[1] > 0;
    if (a_known != b_known) {
        return a_known ? -1 : 1;
    }
    gint64 a_min = MIN(a->sum[0], a->sum[1]), b_min = MIN(b->sum[0], b->sum[1]);
    if (a_known && a_min != b_min) {
        return a_min > b_min ? -1 : 1;
    }
    guint a_partial = (a->hidden[0] > 0) + (a->hidden[1] > 0);
    guint b_partial = (b->hidden[0] > 0) + (b->hidden[1] > 0);
    return a_partial < b_partial ? -1 : a_partial > b_partial;
}

static gboolean feasible(const Split *split)
{
    return split->known[0] + split->hidden[0] > 0 && split->known[1] + split->hidden[1] > 0;
}

static int by_deal(const void *a, const void *b)
{
    guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
    return x < y ? -1 : x > y;
}

static int by_amount(const void *a, const void *b)
{
    const Shared *x = a, *y = b;
    if (x->amount != y->amount) {
        return x->amount > y->amount ? -1 : 1; /* undisclosed (-1) last */
    }
    return x->deal < y->deal ? -1 : x->deal > y->deal;
}

/* Every split, one deal moved per step; @side[k] says which hop shared deal k goes to. */
static void best_exact(Split start, const Shared *shared, guint n, guint8 *side)
{
    /* Start with every shared deal on hop 0: @start already counts them there. */
    Split current = start, best = start;
    gboolean have_best = feasible(&start);
    guint32 best_mask = 0, mask = 0;
    for (guint32 step = 1; step < (1u << n); step++) {
        guint k = (guint) __builtin_ctz(step); /* Gray code: flip deal k */
        int from = (mask >> k) & 1;
        split_add(&current, from, shared[k].amount, -1);
        split_add(&current, 1 - from, shared[k].amount, +1);
        mask ^= 1u << k;
        if (feasible(&current) && (!have_best || compare_splits(&current, &best) < 0)) {
            best = current;
            best_mask = mask;
            have_best = TRUE;
        }
    }
    for (guint k = 0; k < n; k++) {
        side[k] = (best_mask >> k) & 1;
    }
}

/* Largest first to the lighter hop, then single moves while one makes the split better. */
static void best_greedy(Split base, Shared *shared, guint n, guint8 *side)
{
    qsort(shared, n, sizeof *shared, by_amount);
    Split split = base;
    for (guint k = 0; k < n; k++) {
        int hop = split.sum[1] < split.sum[0] ? 1 : 0;
        side[k] = (guint8) hop;
        split_add(&split, hop, shared[k].amount, +1);
    }
    for (gboolean moved = TRUE; moved;) {
        moved = FALSE;
        for (guint k = 0; k < n; k++) {
            Split trial = split;
            split_add(&trial, side[k], shared[k].amount, -1);
            split_add(&trial, 1 - side[k], shared[k].amount, +1);
            if (feasible(&trial) && (!feasible(&split) || compare_splits(&trial, &split) < 0)) {
                split = trial;
                side[k] = (guint8) (1 - side[k]);
                moved = TRUE;
            }
        }
    }
}

/* Removes from @edges the edges whose deal is marked in @drop (sorted deal indices). */
static void remove_edges(const CircaGraph *graph, guint32 *edges, guint *n, const guint32 *drop,
                         guint n_drop)
{
    guint kept = 0;
    for (guint i = 0; i < *n; i++) {
        guint32 deal = graph->edge_deal[edges[i]];
        if (bsearch(&deal, drop, n_drop, sizeof *drop, by_deal) == NULL) {
            edges[kept++] = edges[i];
        }
    }
    *n = kept;
}

gboolean circa_i_split_shared_deals(const CircaGraph *graph, guint32 *edges0, guint *n0,
                                    guint32 *edges1, guint *n1, gboolean *estimated)
{
    *estimated = FALSE;
    /* The deals of hop 1, sorted, to find which deals of hop 0 are on both. */
    g_autofree guint32 *deals1 = g_new(guint32, *n1 + 1);
    for (guint i = 0; i < *n1; i++) {
        deals1[i] = graph->edge_deal[edges1[i]];
    }
    qsort(deals1, *n1, sizeof *deals1, by_deal);

    g_autofree Shared *shared = g_new(Shared, MIN(*n0, *n1) + 1);
    guint n_shared = 0;
    Split base = {{0, 0}, {0, 0}, {0, 0}};
    for (guint i = 0; i < *n0; i++) {
        guint32 deal = graph->edge_deal[edges0[i]];
        gint64 amount = circa_deal_set_deal(graph->deals, deal)->amount_usd;
        if (bsearch(&deal, deals1, *n1, sizeof *deals1, by_deal) != NULL) {
            shared[n_shared++] = (Shared){deal, amount};
        }
        split_add(&base, 0, amount, +1); /* shared deals start on hop 0 */
    }
    if (n_shared == 0) {
        return TRUE;
    }
    g_autofree guint32 *shared_deals = g_new(guint32, n_shared);
    for (guint k = 0; k < n_shared; k++) {
        shared_deals[k] = shared[k].deal;
    }
    qsort(shared_deals, n_shared, sizeof *shared_deals, by_deal);
    for (guint i = 0; i < *n1; i++) {
        guint32 deal = graph->edge_deal[edges1[i]];
        if (bsearch(&deal, shared_deals, n_shared, sizeof *shared_deals, by_deal) == NULL) {
            split_add(&base, 1, circa_deal_set_deal(graph->deals, deal)->amount_usd, +1);
        }
    }

    g_autofree guint8 *side = g_new0(guint8, n_shared);
    if (n_shared <= EXACT_LIMIT) {
        best_exact(base, shared, n_shared, side);
    } else {
        Split without = base;
        for (guint k = 0; k < n_shared; k++) {
            split_add(&without, 0, shared[k].amount, -1);
        }
        best_greedy(without, shared, n_shared, side);
        *estimated = TRUE;
    }

    /* A deal kept on hop 0 leaves hop 1, and the other way round. */
    g_autofree guint32 *leave0 = g_new(guint32, n_shared);
    g_autofree guint32 *leave1 = g_new(guint32, n_shared);
    guint n_leave0 = 0, n_leave1 = 0;
    for (guint k = 0; k < n_shared; k++) {
        if (side[k] == 0) {
            leave1[n_leave1++] = shared[k].deal;
        } else {
            leave0[n_leave0++] = shared[k].deal;
        }
    }
    qsort(leave0, n_leave0, sizeof *leave0, by_deal);
    qsort(leave1, n_leave1, sizeof *leave1, by_deal);
    remove_edges(graph, edges0, n0, leave0, n_leave0);
    remove_edges(graph, edges1, n1, leave1, n_leave1);
    return *n0 > 0 && *n1 > 0;
}
