/* SPDX-License-Identifier: MIT */
/* The cycle passes: closed-form counts, both passes, entity level and per deal, every filter,
 * the guards, and the collecting wrapper's orders. */

#include "deal-fixture.h"

#define HEADER "id,date,payer,payee,amount_usd,kind,status\n"

static gboolean count_one(const CircaCycle *cycle, gpointer data)
{
    (*(guint64 *) data)++;
    return TRUE;
}

/* The count from circa_cycles_count, checked against streaming every cycle. */
static guint64 count(GraphFixture *c, const CircaCycleOptions *options)
{
    guint64 counted = 0, streamed = 0;
    CircaSearchEnd end;
    g_autoptr(GError) error = NULL;
    g_assert_true(circa_cycles_count(c->graph, options, &counted, &end, &error));
    g_assert_no_error(error);
    g_assert_cmpint(end, ==, CIRCA_SEARCH_COMPLETE);
    g_assert_true(circa_cycles_foreach(c->graph, options, count_one, &streamed, &end, &error));
    g_assert_cmpuint(streamed, ==, counted);
    return counted;
}

static guint64 count_default(GraphFixture *c)
{
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    return count(c, &options);
}

/* Every cycle's key, one per line, in key order. */
static char *keys(GraphFixture *c, const CircaCycleOptions *options)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(CircaCycleSet) set =
        circa_cycles_collect(c->graph, options, CIRCA_CYCLE_SORT_KEY, 0, &error);
    g_assert_no_error(error);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < set->cycles->len; i++) {
        g_string_append_printf(out, "%s\n", circa_cycle_set_key(set, i));
    }
    return g_string_free(out, FALSE);
}

static char *keys_default(GraphFixture *c)
{
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    return keys(c, &options);
}

static GString *ring_csv(guint n)
{
    GString *csv = g_string_new(HEADER);
    for (guint i = 0; i < n; i++) {
        g_string_append_printf(csv, "r%u,2025,v%02u,v%02u,1M,equity,closed\n", i, i, (i + 1) % n);
    }
    return csv;
}

static GString *complete_csv(guint n)
{
    GString *csv = g_string_new(HEADER);
    for (guint i = 0; i < n; i++) {
        for (guint j = 0; j < n; j++) {
            if (i != j) {
                g_string_append_printf(csv, "k%u-%u,2025,v%02u,v%02u,1M,loan,closed\n", i, j, i, j);
            }
        }
    }
    return csv;
}

/* C(n, k) (k − 1)!: the simple cycles of length k in the complete digraph on n vertices. */
static guint64 complete_cycles_of_length(guint n, guint k)
{
    guint64 choose = 1;
    for (guint i = 0; i < k; i++) {
        choose = choose * (n - i) / (i + 1);
    }
    guint64 rotations = 1;
    for (guint i = 2; i < k; i++) {
        rotations *= i;
    }
    return choose * rotations;
}

/* v00 → v01 → … → v(n-1) → v00: one cycle, of length n. */
static void test_ring(void)
{
    for (guint n = 2; n <= 9; n++) {
        g_autoptr(GString) csv = ring_csv(n);
        GraphFixture c;
        graph_fixture_init(&c, csv->str);
        g_assert_cmpuint(count_default(&c), ==, 1);
        CircaCycleOptions options;
        circa_cycle_options_init(&options);
        options.max_length = n - 1;
        g_assert_cmpuint(count(&c, &options), ==, 0);
        options.max_length = n;
        g_assert_cmpuint(count(&c, &options), ==, 1);
        options.max_length = 0;
        options.min_length = n + 1;
        g_assert_cmpuint(count(&c, &options), ==, 0);
        graph_fixture_clear(&c);
    }
}

/*   A → B → D,  A → C → D,  A → D: no way back, no cycle. */
static void test_dag(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER
                       "d1,2025,A,B,1M,equity,\nd2,2025,A,C,1M,equity,\nd3,2025,B,D,1M,loan,\n"
                       "d4,2025,C,D,1M,loan,\nd5,2025,A,D,1M,loan,\n");
    g_assert_cmpuint(count_default(&c), ==, 0);
    graph_fixture_clear(&c);
}

/* A ⇄ B */
static void test_two_cycle(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "d1,2025,A,B,1M,equity,\nd2,2025,B,A,2M,compute,\n");
    g_autofree char *found = keys_default(&c);
    g_assert_cmpstr(found, ==, "A → B\n");
    graph_fixture_clear(&c);
}

/*
 *   A ══▶ B      the hop A → B has two deals
 *   ▲     │
 *   │     ▼
 *   D ◀── C      entity level: 1 cycle; per deal: 2
 */
static void test_doubled_edge(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER
                       "d1,2025,A,B,1M,equity,\nd2,2025,A,B,3M,loan,\n"
                       "d3,2025,B,C,1M,equity,\nd4,2025,C,D,1M,equity,\nd5,2025,D,A,1M,equity,\n");
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    g_assert_cmpuint(count(&c, &options), ==, 1);
    options.per_deal = TRUE;
    g_assert_cmpuint(count(&c, &options), ==, 2);
    g_autofree char *per_deal = keys(&c, &options);
    g_assert_cmpstr(per_deal, ==, "d1 → d3 → d4 → d5\nd2 → d3 → d4 → d5\n");

    /* Entity level, the hop merges both deals and sums them. */
    options.per_deal = FALSE;
    g_autoptr(CircaCycleSet) set =
        circa_cycles_collect(c.graph, &options, CIRCA_CYCLE_SORT_KEY, 0, NULL);
    const CircaCycle *cycle = &((CircaOwnedCycle *) g_ptr_array_index(set->cycles, 0))->cycle;
    g_assert_cmpuint(cycle->hops[0].n_edges, ==, 2);
    g_assert_cmpint(cycle->hops[0].amount_usd, ==, 4000000);
    g_assert_cmpint(cycle->bottleneck_usd, ==, 1000000);
    graph_fixture_clear(&c);
}

/* Complete digraphs: Σ_{k=2..n} C(n,k)(k−1)! cycles, and the same sum cut at every bound. */
static void test_complete_digraph(void)
{
    for (guint n = 2; n <= 7; n++) {
        g_autoptr(GString) csv = complete_csv(n);
        GraphFixture c;
        graph_fixture_init(&c, csv->str);
        guint64 total = 0;
        for (guint k = 2; k <= n; k++) {
            total += complete_cycles_of_length(n, k);
        }
        g_assert_cmpuint(count_default(&c), ==, total);
        for (guint max = 2; max <= n + 1; max++) {
            for (guint min = 0; min <= max; min++) {
                guint64 expected = 0;
                for (guint k = MAX(2, min); k <= MIN(max, n); k++) {
                    expected += complete_cycles_of_length(n, k);
                }
                CircaCycleOptions options;
                circa_cycle_options_init(&options);
                options.min_length = min;
                options.max_length = max;
                g_assert_cmpuint(count(&c, &options), ==, expected);
            }
        }
        graph_fixture_clear(&c);
    }
}

/* K8 has 16,064 cycles through 8 vertices: the count path agrees with streaming (count()). */
static void test_complete_k8(void)
{
    g_autoptr(GString) csv = complete_csv(8);
    GraphFixture c;
    graph_fixture_init(&c, csv->str);
    guint64 total = 0;
    for (guint k = 2; k <= 8; k++) {
        total += complete_cycles_of_length(8, k);
    }
    g_assert_cmpuint(total, ==, 16064);
    g_assert_cmpuint(count_default(&c), ==, total);
    graph_fixture_clear(&c);
}

/* A chain of diamonds with no edge back: zero cycles at any bound, at once. */
static void test_diamonds(void)
{
    GString *csv = g_string_new(HEADER);
    for (guint i = 0; i < 200; i++) {
        guint top = 3 * i, left = top + 1, right = top + 2, bottom = top + 3;
        g_string_append_printf(csv,
                               "a%u,2025,v%u,v%u,1M,loan,\nb%u,2025,v%u,v%u,1M,loan,\n"
                               "c%u,2025,v%u,v%u,1M,loan,\nd%u,2025,v%u,v%u,1M,loan,\n",
                               i, top, left, i, top, right, i, left, bottom, i, right, bottom);
    }
    GraphFixture c;
    graph_fixture_init(&c, csv->str);
    g_string_free(csv, TRUE);
    for (guint max = 0; max <= 12; max += 4) {
        CircaCycleOptions options;
        circa_cycle_options_init(&options);
        options.max_length = max;
        g_assert_cmpuint(count(&c, &options), ==, 0);
    }
    graph_fixture_clear(&c);
}

/*
 * The seed article's loop needs the hardware flow:
 *   OpenAI ──equity──▶ CoreWeave ──chips──▶ Nvidia
 *   OpenAI ──chips──▶ Nvidia, so Nvidia ──hardware──▶ OpenAI
 * Money alone has no cycle; money and hardware have OpenAI → CoreWeave → Nvidia → OpenAI.
 */
static void test_mixed_pass(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "o1,2025-03,OpenAI,CoreWeave,350M,equity,closed\n"
                                  "c1,2025,CoreWeave,Nvidia,,chips,closed\n"
                                  "o2,2025-09,OpenAI,Nvidia,,chips,announced\n");
    g_assert_cmpuint(count_default(&c), ==, 0);
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    options.pass = CIRCA_PASS_MIXED;
    g_autofree char *found = keys(&c, &options);
    g_assert_cmpstr(found, ==, "CoreWeave → Nvidia → OpenAI\n");
    options.per_deal = TRUE;
    g_autofree char *per_deal = keys(&c, &options);
    g_assert_cmpstr(per_deal, ==, "c1 → hardware:o2 → o1\n");
    graph_fixture_clear(&c);
}

/*
 * A deal's money and hardware edges form a 2-cycle with no financing edge: never a round trip.
 *   A ──chips──▶ B   (and B ──hardware──▶ A)
 * With an equity deal B → A as well, the loop A → B → A closes with financing, but only through
 * the equity deal: per deal, 1 choice of the 2 × 2 the hops offer (chips money or none; equity
 * money or the chips hardware back).
 */
static void test_mixed_needs_financing(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "d1,2025,A,B,1M,chips,\n");
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    options.pass = CIRCA_PASS_MIXED;
    g_assert_cmpuint(count(&c, &options), ==, 0);
    graph_fixture_clear(&c);

    graph_fixture_init(&c, HEADER "d1,2025,A,B,1M,chips,\nd2,2025,B,A,5M,equity,\n");
    g_assert_cmpuint(count(&c, &options), ==, 1);
    options.per_deal = TRUE;
    /* Hop A → B: d1 money. Hop B → A: d2 money (financing) or d1 hardware. Choices: 2; the one
     * using d1 twice has no financing edge. */
    g_assert_cmpuint(count(&c, &options), ==, 1);
    g_autofree char *found = keys(&c, &options);
    g_assert_cmpstr(found, ==, "d1 → d2\n");
    graph_fixture_clear(&c);
}

/* Per-deal counts in the mixed pass subtract the choices without financing, per cycle. */
static void test_mixed_per_deal_product(void)
{
    /* A → B: 2 equity + 1 chips; B → C: 2 services; C → A: 1 loan. Mixed adds B → A hardware
     * (from the chips deal), which closes no other loop here. */
    GraphFixture c;
    graph_fixture_init(
        &c, HEADER "e1,2025,A,B,1M,equity,\ne2,2025,A,B,1M,equity,\nx1,2025,A,B,1M,chips,\n"
                   "s1,2025,B,C,1M,services,\ns2,2025,B,C,1M,services,\nl1,2025,C,A,1M,loan,\n");
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    options.per_deal = TRUE;
    g_assert_cmpuint(count(&c, &options), ==, 3 * 2 * 1);
    options.pass = CIRCA_PASS_MIXED;
    /* A → B → C → A: 3 × 2 × 1 choices, all with the loan; A → B → A: 3 × 1 via hardware back,
     * financing only when the A → B deal is equity: 2. */
    g_assert_cmpuint(count(&c, &options), ==, 6 + 2);
    graph_fixture_clear(&c);
}

/* Three separate loops:
 *   A ⇄ B:          equity out 2024-01-10, compute back 2024-03
 *   C → D → E → C:  a loan (rumored), chips (undisclosed), equity, from 2025-01 to 2025-06-30
 *   F ⇄ G:          undated */
static const char filter_deals[] = HEADER "ab,2024-01-10,A,B,10B,equity,closed\n"
                                          "ba,2024-03,B,A,2B,compute,signed\n"
                                          "cd,2025-02,C,D,500M,loan,rumored\n"
                                          "de,2025-01,D,E,,chips,announced\n"
                                          "ec,2025-06-30,E,C,1B,equity,signed\n"
                                          "fg,,F,G,3B,equity,closed\n"
                                          "gf,,G,F,4B,services,closed\n";

static char *filtered(GraphFixture *c, void (*set)(CircaCycleOptions *))
{
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    set(&options);
    return keys(c, &options);
}

static void only_closed_or_signed(CircaCycleOptions *o)
{
    o->deals.min_status = CIRCA_STATUS_SIGNED;
}
static void only_financing(CircaCycleOptions *o)
{
    o->deals.kinds = (1u << CIRCA_KIND_EQUITY) | (1u << CIRCA_KIND_LOAN);
}
static void since_2025(CircaCycleOptions *o)
{
    circa_date_parse("2025", &o->deals.since, NULL);
}
static void until_2024(CircaCycleOptions *o)
{
    circa_date_parse("2024-12", &o->deals.until, NULL);
}
static void at_least_3b(CircaCycleOptions *o)
{
    o->deals.min_amount_usd = 3000000000;
}
static void window_90(CircaCycleOptions *o)
{
    o->window_days = 90;
}
static void window_200(CircaCycleOptions *o)
{
    o->window_days = 200;
}
static void ordered(CircaCycleOptions *o)
{
    o->ordered = TRUE;
}
static void length_3(CircaCycleOptions *o)
{
    o->min_length = 3;
}

static void test_deal_filters(void)
{
    GraphFixture c;
    graph_fixture_init(&c, filter_deals);
    g_autofree char *all = keys_default(&c);
    g_assert_cmpstr(all, ==, "A → B\nC → D → E\nF → G\n");
    g_autofree char *status = filtered(&c, only_closed_or_signed);
    g_assert_cmpstr(status, ==, "A → B\nF → G\n");
    /* Each loop has a purchase on it. */
    g_autofree char *kinds = filtered(&c, only_financing);
    g_assert_cmpstr(kinds, ==, "");
    /* Undated deals go once a date bound is set. */
    g_autofree char *since = filtered(&c, since_2025);
    g_assert_cmpstr(since, ==, "C → D → E\n");
    g_autofree char *until = filtered(&c, until_2024);
    g_assert_cmpstr(until, ==, "A → B\n");
    /* Entity level: B → A is 2B; the D → E hop is wholly undisclosed, so it counts as zero. */
    g_autofree char *amount = filtered(&c, at_least_3b);
    g_assert_cmpstr(amount, ==, "F → G\n");
    g_autofree char *length = filtered(&c, length_3);
    g_assert_cmpstr(length, ==, "C → D → E\n");
    graph_fixture_clear(&c);
}

/* Windows read partial dates at their widest and drop undated cycles; ordering asks for some
 * rotation whose dates never go back. */
static void test_cycle_filters(void)
{
    GraphFixture c;
    graph_fixture_init(&c, filter_deals);
    /* A → B: 2024-01-10 … 2024-03-31 is 81 days. C → D → E: 2025-01-01 … 2025-06-30, 180. */
    g_autofree char *w90 = filtered(&c, window_90);
    g_assert_cmpstr(w90, ==, "A → B\n");
    g_autofree char *w200 = filtered(&c, window_200);
    g_assert_cmpstr(w200, ==, "A → B\nC → D → E\n");
    /* A → B → A is ordered: January, then March. C → D → E → C is not: from C → D (February)
     * D → E (January) goes back; from D → E, E → C (June) then C → D (February) goes back; from
     * E → C (June), C → D (February) goes back. F → G is undated. */
    g_autofree char *in_order = filtered(&c, ordered);
    g_assert_cmpstr(in_order, ==, "A → B\n");
    graph_fixture_clear(&c);
}

/*   A ⇄ B ⇄ C: --through starts at the entity and keeps cycles through all of those named. */
static void test_through(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "ab,2025,A,B,1M,equity,\nba,2025,B,A,1M,equity,\n"
                                  "bc,2025,B,C,1M,equity,\ncb,2025,C,B,1M,equity,\n");
    guint32 a = (guint32) deal_fixture_entity(c.set, "A");
    guint32 b = (guint32) deal_fixture_entity(c.set, "B");
    guint32 cc = (guint32) deal_fixture_entity(c.set, "C");
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    guint32 through_b[] = {b};
    options.through = through_b;
    options.n_through = 1;
    g_autofree char *via_b = keys(&c, &options);
    g_assert_cmpstr(via_b, ==, "A → B\nB → C\n");
    /* C is not the smallest entity of B → C: the key still starts at B. */
    guint32 through_cb[] = {cc, b};
    options.through = through_cb;
    options.n_through = 2;
    g_autofree char *via_cb = keys(&c, &options);
    g_assert_cmpstr(via_cb, ==, "B → C\n");
    guint32 through_ac[] = {a, cc};
    options.through = through_ac;
    g_autofree char *via_ac = keys(&c, &options);
    g_assert_cmpstr(via_ac, ==, "");
    graph_fixture_clear(&c);
}

/* The bottleneck is the smallest hop amount: unknown when a hop has nothing disclosed, partial (a
 * lower bound) when every hop with the smallest amount has an undisclosed deal:
 *   A → B: 3B + undisclosed, B → A: 2B        → 2B, exact (A → B is at least 3B anyway)
 *   A → B: 3B + undisclosed, B → A: 5B        → 3B, partial
 *   A → B: 3B, B → A: undisclosed             → unknown
 *   A → B: undisclosed, B → A: undisclosed    → unknown
 *   A → B: 3B, B → A: 2B + 4B                 → 3B, exact */
static void test_bottleneck(void)
{
    static const struct {
        const char *deals;
        gint64 bottleneck;
        gboolean partial;
    } cases[] = {
        {"x,2025,A,B,3B,equity,\ny,2025,A,B,,equity,\nz,2025,B,A,2B,compute,\n", 2000000000, FALSE},
        {"x,2025,A,B,3B,equity,\ny,2025,A,B,,equity,\nz,2025,B,A,5B,compute,\n", 3000000000, TRUE},
        {"x,2025,A,B,3B,equity,\nz,2025,B,A,,compute,\n", CIRCA_AMOUNT_UNKNOWN, TRUE},
        {"x,2025,A,B,,equity,\nz,2025,B,A,,compute,\n", CIRCA_AMOUNT_UNKNOWN, TRUE},
        {"x,2025,A,B,3B,equity,\ny,2025,B,A,2B,equity,\nz,2025,B,A,4B,compute,\n", 3000000000,
         FALSE},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *csv = g_strconcat(HEADER, cases[i].deals, NULL);
        GraphFixture c;
        graph_fixture_init(&c, csv);
        CircaCycleOptions options;
        circa_cycle_options_init(&options);
        g_autoptr(CircaCycleSet) set =
            circa_cycles_collect(c.graph, &options, CIRCA_CYCLE_SORT_KEY, 0, NULL);
        g_assert_cmpuint(set->cycles->len, ==, 1);
        const CircaCycle *cycle = &((CircaOwnedCycle *) g_ptr_array_index(set->cycles, 0))->cycle;
        g_assert_cmpint(cycle->bottleneck_usd, ==, cases[i].bottleneck);
        g_assert_cmpint(cycle->bottleneck_partial, ==, cases[i].partial);
        graph_fixture_clear(&c);
    }
}

static gboolean stop_after_three(const CircaCycle *cycle, gpointer data)
{
    return ++*(guint *) data < 3;
}

static void test_callback_stops(void)
{
    g_autoptr(GString) csv = complete_csv(6);
    GraphFixture c;
    graph_fixture_init(&c, csv->str);
    guint seen = 0;
    CircaSearchEnd end;
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    g_assert_true(circa_cycles_foreach(c.graph, &options, stop_after_three, &seen, &end, NULL));
    g_assert_cmpuint(seen, ==, 3);
    g_assert_cmpint(end, ==, CIRCA_SEARCH_STOPPED);
    graph_fixture_clear(&c);
}

static void test_cancel_and_timeout(void)
{
    g_autoptr(GString) csv = complete_csv(11);
    GraphFixture c;
    graph_fixture_init(&c, csv->str);
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    volatile gint cancel = 1;
    CircaGuard guard;
    circa_guard_init(&guard, 0, &cancel, 0);
    options.guard = &guard;
    guint64 n = 0;
    CircaSearchEnd end;
    g_assert_true(circa_cycles_count(c.graph, &options, &n, &end, NULL));
    g_assert_cmpint(end, ==, CIRCA_SEARCH_CANCELLED);
    g_assert_cmpuint(n, <, 10976173);

    circa_guard_init(&guard, 0.001, NULL, 0);
    g_assert_true(circa_cycles_count(c.graph, &options, &n, &end, NULL));
    g_assert_cmpint(end, ==, CIRCA_SEARCH_TIMED_OUT);
    g_assert_cmpuint(n, <, 10976173);

    /* The work budget: a search of K11 takes far more than a million steps. */
    circa_guard_init(&guard, 0, NULL, 1000000);
    g_assert_true(circa_cycles_count(c.graph, &options, &n, &end, NULL));
    g_assert_cmpint(end, ==, CIRCA_SEARCH_BUDGET);
    g_assert_cmpuint(n, <, 10976173);
    graph_fixture_clear(&c);
}

/* The bounded heap keeps exactly the best N of a full sort, in order. */
static void test_heap_keeps_best(void)
{
    GString *csv = g_string_new(HEADER);
    guint id = 0;
    for (guint i = 0; i < 7; i++) {
        for (guint j = 0; j < 7; j++) {
            if (i != j) {
                g_string_append_printf(csv, "k%u,2025-%02u,v%u,v%u,%uM,loan,closed\n", id++,
                                       1 + (i * 7 + j) % 12, i, j, 1 + (i * 13 + j * 7) % 29);
            }
        }
    }
    GraphFixture c;
    graph_fixture_init(&c, csv->str);
    g_string_free(csv, TRUE);
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    for (CircaCycleSort sort = CIRCA_CYCLE_SORT_KEY; sort <= CIRCA_CYCLE_SORT_DATE; sort++) {
        g_autoptr(CircaCycleSet) all = circa_cycles_collect(c.graph, &options, sort, 0, NULL);
        g_autoptr(CircaCycleSet) best = circa_cycles_collect(c.graph, &options, sort, 25, NULL);
        g_assert_cmpuint(best->cycles->len, ==, 25);
        g_assert_cmpuint(best->n_found, ==, all->n_found);
        g_assert_true(best->truncated);
        g_assert_false(all->truncated);
        for (guint i = 0; i < 25; i++) {
            g_assert_cmpstr(circa_cycle_set_key(best, i), ==, circa_cycle_set_key(all, i));
        }
    }
    /* In search order the search stops one past the limit, and says so. */
    g_autoptr(CircaCycleSet) first =
        circa_cycles_collect(c.graph, &options, CIRCA_CYCLE_SORT_NONE, 10, NULL);
    g_assert_cmpuint(first->cycles->len, ==, 10);
    g_assert_true(first->truncated);
    graph_fixture_clear(&c);
}

static void test_bad_options(void)
{
    g_autoptr(GString) csv = ring_csv(3);
    GraphFixture c;
    graph_fixture_init(&c, csv->str);
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    options.min_length = 4;
    options.max_length = 3;
    g_autoptr(GError) error = NULL;
    guint64 n;
    g_assert_false(circa_cycles_count(c.graph, &options, &n, NULL, &error));
    g_assert_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE);
    graph_fixture_clear(&c);
}

/* CSV and TSV read back with circa's own reader, field for field, whatever the names hold; cells
 * a spreadsheet would run as formulas, or a CI runner as commands, start with a quote:
 *   "Q"uote → =SUM(A1) → "Q"uote, and ::warning ::x → a,b → ::warning ::x; a cell that starts
 * with ' gets one more, so taking one leading ' from each gives back every key exactly. */
static void test_delimited_reads_back(void)
{
    g_autofree char *csv = g_strconcat(HEADER,
                                       "d1,2025,\"\"\"Q\"\"uote\",=SUM(A1),1B,equity,\n"
                                       "d2,2025,=SUM(A1),\"\"\"Q\"\"uote\",1B,chips,\n"
                                       "d3,2025,::warning ::x,\"a,b\",1B,loan,\n"
                                       "d4,2025,\"a,b\",::warning ::x,1B,loan,\n"
                                       "d5,2025,'Tick,Zed,1B,loan,\n"
                                       "d6,2025,Zed,'Tick,1B,equity,\n",
                                       NULL);
    GraphFixture c;
    graph_fixture_init(&c, csv);
    CircaCycleOptions options;
    circa_cycle_options_init(&options);
    g_autoptr(CircaCycleSet) set =
        circa_cycles_collect(c.graph, &options, CIRCA_CYCLE_SORT_KEY, 0, NULL);
    g_assert_cmpuint(set->cycles->len, ==, 3);
    static const char *const entities[] = {"\"Q\"uote → =SUM(A1)", "''Tick → Zed",
                                           "'::warning ::x → a,b"};
    for (guint f = 0; f < 2; f++) {
        CircaCycleFormat format = f == 0 ? CIRCA_CYCLES_CSV : CIRCA_CYCLES_TSV;
        char delimiter = f == 0 ? ',' : '\t';
        g_autoptr(GString) out = g_string_new(NULL);
        circa_cycles_write(set, c.graph, &options, format, out);
        g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(out->str, out->len, delimiter);
        const CircaCsvField *fields;
        guint n_fields;
        CircaCsvProblem problem;
        g_assert_cmpint(circa_csv_reader_next(reader, &fields, &n_fields, &problem), ==,
                        CIRCA_CSV_RECORD);
        g_assert_cmpuint(n_fields, ==, 9);
        for (guint row = 0; row < 3; row++) {
            g_assert_cmpint(circa_csv_reader_next(reader, &fields, &n_fields, &problem), ==,
                            CIRCA_CSV_RECORD);
            g_assert_cmpuint(n_fields, ==, 9);
            g_assert_cmpstr(fields[2].text, ==, entities[row]);
            const char *unguarded = fields[2].text + (fields[2].text[0] == '\'');
            g_assert_cmpstr(unguarded, ==, circa_cycle_set_key(set, row));
        }
        g_assert_cmpint(circa_csv_reader_next(reader, &fields, &n_fields, &problem), ==,
                        CIRCA_CSV_END);
    }
    graph_fixture_clear(&c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cycles/ring", test_ring);
    g_test_add_func("/cycles/dag", test_dag);
    g_test_add_func("/cycles/two-cycle", test_two_cycle);
    g_test_add_func("/cycles/doubled-edge", test_doubled_edge);
    g_test_add_func("/cycles/complete-digraph", test_complete_digraph);
    g_test_add_func("/cycles/complete-k8", test_complete_k8);
    g_test_add_func("/cycles/diamonds", test_diamonds);
    g_test_add_func("/cycles/mixed-pass", test_mixed_pass);
    g_test_add_func("/cycles/mixed-needs-financing", test_mixed_needs_financing);
    g_test_add_func("/cycles/mixed-per-deal-product", test_mixed_per_deal_product);
    g_test_add_func("/cycles/deal-filters", test_deal_filters);
    g_test_add_func("/cycles/cycle-filters", test_cycle_filters);
    g_test_add_func("/cycles/through", test_through);
    g_test_add_func("/cycles/bottleneck", test_bottleneck);
    g_test_add_func("/cycles/callback-stops", test_callback_stops);
    g_test_add_func("/cycles/cancel-and-timeout", test_cancel_and_timeout);
    g_test_add_func("/cycles/heap-keeps-best", test_heap_keeps_best);
    g_test_add_func("/cycles/bad-options", test_bad_options);
    g_test_add_func("/cycles/delimited-reads-back", test_delimited_reads_back);
    return g_test_run();
}
