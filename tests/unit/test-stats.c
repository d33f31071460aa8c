/* SPDX-License-Identifier: MIT */
/* The stats pass and its JSON writer, on a small graph whose numbers are worked out by hand. */

#include "deal-fixture.h"

#include <json-glib/json-glib.h>

/*
 *   Microsoft ══equity $1B, $10B══▶ OpenAI ──compute (undisclosed)──▶ Microsoft
 *   Nvidia ────equity $100B──────▶ OpenAI ──chips (undisclosed)────▶ Nvidia
 *   Amazon ────equity $4B (undated)──▶ Anthropic
 *
 * One circular cluster {Microsoft, Nvidia, OpenAI} with 5 deals and $111B inside; Amazon and
 * Anthropic are components of their own.
 */
static const char deals_csv[] = "id,date,payer,payee,amount_usd,kind,status\n"
                                "m1,2019-07,Microsoft,OpenAI,1B,equity,closed\n"
                                "m2,2023-01,Microsoft,OpenAI,10B,equity,closed\n"
                                "o1,2024,OpenAI,Microsoft,,compute,signed\n"
                                "n1,2025-09-22,Nvidia,OpenAI,100B,equity,announced\n"
                                "o2,2025-10,OpenAI,Nvidia,,chips,announced\n"
                                "x1,,Amazon,Anthropic,4B,equity,rumored\n";

typedef struct {
    DealFixture fixture;
    CircaDealSet *set;
    CircaGraph *graph;
    CircaStats *stats;
} StatsCase;

static void stats_case_init(StatsCase *c, guint top_n)
{
    deal_fixture_init(&c->fixture);
    c->set = deal_fixture_load_text(&c->fixture, deals_csv);
    c->graph = circa_graph_new_from_deals(c->set, NULL);
    g_assert_nonnull(c->graph);
    c->stats = circa_stats_new(c->graph, NULL, top_n, NULL);
    g_assert_nonnull(c->stats);
}

static void stats_case_clear(StatsCase *c)
{
    circa_stats_free(c->stats);
    circa_graph_free(c->graph);
    circa_deal_set_free(c->set);
    deal_fixture_clear(&c->fixture);
}

static const char *name_of(const StatsCase *c, guint32 entity)
{
    return circa_deal_set_entity(c->set, entity)->name;
}

static void test_totals(void)
{
    StatsCase c;
    stats_case_init(&c, 10);
    const CircaStats *s = c.stats;
    g_assert_cmpuint(s->n_entities, ==, 5);
    g_assert_cmpuint(s->total.n_deals, ==, 6);
    g_assert_cmpint(s->total.disclosed_usd, ==, G_GINT64_CONSTANT(115000000000));
    g_assert_cmpuint(s->total.n_undisclosed, ==, 2);
    g_assert_cmpuint(s->by_kind[CIRCA_KIND_EQUITY].n_deals, ==, 4);
    g_assert_cmpint(s->by_kind[CIRCA_KIND_EQUITY].disclosed_usd, ==,
                    G_GINT64_CONSTANT(115000000000));
    g_assert_cmpuint(s->by_kind[CIRCA_KIND_COMPUTE].n_undisclosed, ==, 1);
    g_assert_cmpuint(s->by_kind[CIRCA_KIND_CHIPS].n_deals, ==, 1);
    g_assert_cmpuint(s->by_kind[CIRCA_KIND_LOAN].n_deals, ==, 0);
    g_assert_cmpuint(s->by_status[CIRCA_STATUS_RUMORED], ==, 1);
    g_assert_cmpuint(s->by_status[CIRCA_STATUS_ANNOUNCED], ==, 2);
    g_assert_cmpuint(s->by_status[CIRCA_STATUS_SIGNED], ==, 1);
    g_assert_cmpuint(s->by_status[CIRCA_STATUS_CLOSED], ==, 2);
    stats_case_clear(&c);
}

/* Partial dates span their whole period: 2025-10 ends after 2025-09-22. */
static void test_date_range(void)
{
    StatsCase c;
    stats_case_init(&c, 10);
    char first[11], last[11];
    g_assert_cmpstr(circa_date_format(c.stats->first_date, first), ==, "2019-07");
    g_assert_cmpstr(circa_date_format(c.stats->last_date, last), ==, "2025-10");
    g_assert_cmpuint(c.stats->n_undated, ==, 1);
    stats_case_clear(&c);
}

static void test_clusters(void)
{
    StatsCase c;
    stats_case_init(&c, 10);
    g_assert_cmpuint(c.stats->n_money_components, ==, 3);
    g_assert_cmpuint(c.stats->clusters->len, ==, 1);
    const CircaCluster *cluster = &g_array_index(c.stats->clusters, CircaCluster, 0);
    g_assert_cmpuint(cluster->n_members, ==, 3);
    g_assert_cmpstr(name_of(&c, cluster->members[0]), ==, "Microsoft");
    g_assert_cmpstr(name_of(&c, cluster->members[1]), ==, "Nvidia");
    g_assert_cmpstr(name_of(&c, cluster->members[2]), ==, "OpenAI");
    g_assert_cmpuint(cluster->inside.n_deals, ==, 5);
    g_assert_cmpint(cluster->inside.disclosed_usd, ==, G_GINT64_CONSTANT(111000000000));
    g_assert_cmpuint(cluster->inside.n_undisclosed, ==, 2);
    stats_case_clear(&c);
}

/* Rankings: money, then deal count, then name; top_n cuts the list; zero-deal entities never
 * appear. */
static void test_top_entities(void)
{
    StatsCase c;
    stats_case_init(&c, 3);
    const char *out[] = {"Nvidia", "Microsoft", "Amazon"};
    g_assert_cmpuint(c.stats->top_out->len, ==, 3);
    for (guint i = 0; i < 3; i++) {
        g_assert_cmpstr(name_of(&c, g_array_index(c.stats->top_out, CircaEntityMoney, i).entity),
                        ==, out[i]);
    }
    const char *in[] = {"OpenAI", "Anthropic", "Microsoft"};
    for (guint i = 0; i < 3; i++) {
        g_assert_cmpstr(name_of(&c, g_array_index(c.stats->top_in, CircaEntityMoney, i).entity), ==,
                        in[i]);
    }
    stats_case_clear(&c);

    stats_case_init(&c, 0);
    /* Everyone who pays: Amazon, Microsoft, Nvidia, OpenAI (OpenAI's deals are undisclosed). */
    g_assert_cmpuint(c.stats->top_out->len, ==, 4);
    const CircaEntityMoney *last = &g_array_index(c.stats->top_out, CircaEntityMoney, 3);
    g_assert_cmpstr(name_of(&c, last->entity), ==, "OpenAI");
    g_assert_cmpuint(last->money.n_deals, ==, 2);
    g_assert_cmpuint(last->money.n_undisclosed, ==, 2);
    /* Microsoft and Nvidia each receive one undisclosed deal: the tie breaks by name. */
    g_assert_cmpstr(name_of(&c, g_array_index(c.stats->top_in, CircaEntityMoney, 2).entity), ==,
                    "Microsoft");
    g_assert_cmpstr(name_of(&c, g_array_index(c.stats->top_in, CircaEntityMoney, 3).entity), ==,
                    "Nvidia");
    stats_case_clear(&c);
}

static void test_json(void)
{
    StatsCase c;
    stats_case_init(&c, 2);
    g_autofree char *text = circa_stats_to_json(c.stats, c.graph);
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) error = NULL;
    g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
    g_assert_no_error(error);
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    g_assert_cmpint(json_object_get_int_member(root, "deals"), ==, 6);
    /* Exact integers, never floating point. */
    g_assert_cmpint(json_object_get_int_member(root, "disclosed_usd"), ==,
                    G_GINT64_CONSTANT(115000000000));
    JsonObject *dates = json_object_get_object_member(root, "dates");
    g_assert_cmpstr(json_object_get_string_member(dates, "first"), ==, "2019-07");
    JsonObject *equity =
        json_object_get_object_member(json_object_get_object_member(root, "by_kind"), "equity");
    g_assert_true(json_object_get_boolean_member(equity, "financing"));
    JsonArray *clusters = json_object_get_array_member(root, "circular_clusters");
    g_assert_cmpuint(json_array_get_length(clusters), ==, 1);
    JsonArray *members =
        json_object_get_array_member(json_array_get_object_element(clusters, 0), "members");
    g_assert_cmpstr(json_array_get_string_element(members, 2), ==, "OpenAI");
    g_assert_cmpuint(json_array_get_length(json_object_get_array_member(root, "top_money_out")), ==,
                     2);
    stats_case_clear(&c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/stats/totals", test_totals);
    g_test_add_func("/stats/date-range", test_date_range);
    g_test_add_func("/stats/clusters", test_clusters);
    g_test_add_func("/stats/top-entities", test_top_entities);
    g_test_add_func("/stats/json", test_json);
    return g_test_run();
}
