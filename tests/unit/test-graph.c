/* SPDX-License-Identifier: MIT */
/* The graph builder: money and hardware edges, parallel deals, strong components per flow set. */

#include "deal-fixture.h"
#include "igraph-private.h"

#define HEADER "id,payer,payee,amount_usd,kind\n"

static guint vertex(const GraphFixture *c, const char *name)
{
    int v = deal_fixture_entity(c->set, name);
    g_assert_cmpint(v, >=, 0);
    return (guint) v;
}

/* "FROM>TO:flow" for edge @e, with entity names. */
static char *edge_text(const GraphFixture *c, guint e)
{
    igraph_integer_t from, to;
    igraph_edge(&c->graph->graph, (igraph_integer_t) e, &from, &to);
    return g_strdup_printf("%s>%s:%s", circa_deal_set_entity(c->set, (guint) from)->name,
                           circa_deal_set_entity(c->set, (guint) to)->name,
                           c->graph->edge_flow[e] == CIRCA_FLOW_MONEY ? "money" : "hardware");
}

/*
 *   OpenAI ──equity──▶ CoreWeave ──chips──▶ Nvidia ──compute──▶ OpenAI
 *
 * Money follows the arrows; chips and compute send hardware back, payee → payer.
 */
static void test_edges_per_flow(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "o1,OpenAI,CoreWeave,350M,equity\n"
                                  "c1,CoreWeave,Nvidia,,chips\n"
                                  "n1,Nvidia,OpenAI,1B,compute\n");
    g_assert_cmpuint(circa_graph_n_vertices(c.graph), ==, 3);
    g_assert_cmpuint(circa_graph_n_edges(c.graph), ==, 5);
    g_assert_cmpuint(c.graph->n_money_edges, ==, 3);
    const char *expected[] = {
        "OpenAI>CoreWeave:money",    "CoreWeave>Nvidia:money", "Nvidia>OpenAI:money",
        "Nvidia>CoreWeave:hardware", "OpenAI>Nvidia:hardware",
    };
    const guint expected_deal[] = {0, 1, 2, 1, 2};
    for (guint e = 0; e < 5; e++) {
        g_autofree char *text = edge_text(&c, e);
        g_assert_cmpstr(text, ==, expected[e]);
        g_assert_cmpuint(c.graph->edge_deal[e], ==, expected_deal[e]);
    }
    graph_fixture_clear(&c);
}

/*
 *   A ══equity══▶ B      two deals on one hop stay two edges
 *   A ──loan────▶ B
 */
static void test_parallel_deals_kept(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "d1,A,B,1M,equity\n"
                                  "d2,A,B,1M,equity\n"
                                  "d3,A,B,,loan\n");
    g_assert_cmpuint(circa_graph_n_edges(c.graph), ==, 3);
    igraph_bool_t multi = FALSE;
    igraph_has_multiple(&c.graph->graph, &multi);
    g_assert_true(multi);
    graph_fixture_clear(&c);
}

/*
 *   A ──▶ B ──▶ C ──▶ A      a money ring: one component of three
 *   D ──▶ E                  a money chain: singletons
 *   E ──chips──▶ F           the hardware edge F → E closes a loop only with hardware
 */
static void test_components_per_flow(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER "r1,A,B,1M,equity\n"
                                  "r2,B,C,2M,loan\n"
                                  "r3,C,A,,services\n"
                                  "s1,D,E,1M,equity\n"
                                  "s2,E,F,5M,chips\n");
    const CircaComponents *money = circa_graph_components(c.graph, CIRCA_FLOWS_MONEY, NULL);
    const CircaComponents *all = circa_graph_components(c.graph, CIRCA_FLOWS_ALL, NULL);
    guint a = vertex(&c, "A"), b = vertex(&c, "B"), cc = vertex(&c, "C");
    guint e = vertex(&c, "E"), f = vertex(&c, "F"), d = vertex(&c, "D");

    g_assert_cmpuint(money->n_components, ==, 4); /* {A,B,C} {D} {E} {F} */
    g_assert_cmpuint(money->membership[a], ==, money->membership[b]);
    g_assert_cmpuint(money->membership[a], ==, money->membership[cc]);
    g_assert_cmpuint(money->size[money->membership[a]], ==, 3);
    g_assert_cmpuint(money->membership[e], !=, money->membership[f]);

    g_assert_cmpuint(all->n_components, ==, 3); /* {A,B,C} {D} {E,F} */
    g_assert_cmpuint(all->membership[e], ==, all->membership[f]);
    g_assert_cmpuint(all->size[all->membership[e]], ==, 2);
    g_assert_cmpuint(all->membership[d], !=, all->membership[e]);

    /* Canonical numbering: components are numbered by their smallest vertex. */
    g_assert_cmpuint(money->membership[0], ==, 0);
    guint next = 0;
    for (guint v = 0; v < circa_graph_n_vertices(c.graph); v++) {
        g_assert_cmpuint(money->membership[v], <=, next);
        if (money->membership[v] == next) {
            next++;
        }
    }
    graph_fixture_clear(&c);
}

/* A complete digraph on n vertices is one strong component, whatever n. */
static void test_complete_digraph(void)
{
    for (guint n = 2; n <= 6; n++) {
        GString *csv = g_string_new(HEADER);
        for (guint i = 0; i < n; i++) {
            for (guint j = 0; j < n; j++) {
                if (i != j) {
                    g_string_append_printf(csv, "d%u-%u,e%u,e%u,1k,loan\n", i, j, i, j);
                }
            }
        }
        GraphFixture c;
        graph_fixture_init(&c, csv->str);
        g_string_free(csv, TRUE);
        g_assert_cmpuint(circa_graph_n_edges(c.graph), ==, n * (n - 1));
        g_assert_cmpuint(circa_graph_components(c.graph, CIRCA_FLOWS_MONEY, NULL)->n_components, ==,
                         1);
        graph_fixture_clear(&c);
    }
}

/* A DAG of money: every vertex is its own component. */
static void test_dag(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER
                       "d1,A,B,1M,equity\nd2,A,C,1M,equity\nd3,B,D,1M,loan\nd4,C,D,1M,loan\n");
    const CircaComponents *money = circa_graph_components(c.graph, CIRCA_FLOWS_MONEY, NULL);
    g_assert_cmpuint(money->n_components, ==, 4);
    for (guint k = 0; k < money->n_components; k++) {
        g_assert_cmpuint(money->size[k], ==, 1);
    }
    graph_fixture_clear(&c);
}

static void test_empty(void)
{
    GraphFixture c;
    graph_fixture_init(&c, HEADER);
    g_assert_cmpuint(circa_graph_n_vertices(c.graph), ==, 0);
    g_assert_cmpuint(circa_graph_n_edges(c.graph), ==, 0);
    g_assert_cmpuint(circa_graph_components(c.graph, CIRCA_FLOWS_ALL, NULL)->n_components, ==, 0);
    graph_fixture_clear(&c);
}

/* igraph's errors come back as GError instead of aborting the process. */
static void test_igraph_errors_are_gerrors(void)
{
    circa_igraph_init();
    igraph_t graph;
    igraph_vector_int_t edges;
    igraph_integer_t ends[] = {0, 1, 2};
    /* An edge list of odd length names half an edge. */
    igraph_vector_int_view(&edges, ends, 3);
    g_autoptr(GError) error = NULL;
    g_assert_false(CIRCA_IGRAPH_CALL(igraph_create(&graph, &edges, 2, IGRAPH_DIRECTED),
                                     "building a test graph", &error));
    g_assert_error(error, CIRCA_ERROR, CIRCA_ERROR_IGRAPH);
    g_test_message("%s", error->message);
    g_assert_true(g_str_has_prefix(error->message, "building a test graph: "));
    g_assert_nonnull(strstr(error->message, "odd"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/graph/edges-per-flow", test_edges_per_flow);
    g_test_add_func("/graph/parallel-deals-kept", test_parallel_deals_kept);
    g_test_add_func("/graph/components-per-flow", test_components_per_flow);
    g_test_add_func("/graph/complete-digraph", test_complete_digraph);
    g_test_add_func("/graph/dag", test_dag);
    g_test_add_func("/graph/empty", test_empty);
    g_test_add_func("/graph/igraph-errors-are-gerrors", test_igraph_errors_are_gerrors);
    return g_test_run();
}
