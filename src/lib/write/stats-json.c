/* SPDX-License-Identifier: MIT */
/* The stats as one JSON document for scripts, with exact integer amounts. */

#include "circa/stats.h"
#include "write/json-private.h"
#include "write/labels-private.h"

static void add_money(JsonBuilder *builder, const CircaMoney *money)
{
    json_builder_set_member_name(builder, "deals");
    json_builder_add_int_value(builder, money->n_deals);
    json_builder_set_member_name(builder, "disclosed_usd");
    json_builder_add_int_value(builder, money->disclosed_usd);
    json_builder_set_member_name(builder, "disclosed_saturated");
    json_builder_add_boolean_value(builder, money->disclosed_usd == CIRCA_AMOUNT_SATURATED);
    json_builder_set_member_name(builder, "undisclosed_deals");
    json_builder_add_int_value(builder, money->n_undisclosed);
}

static void add_strings(JsonBuilder *builder, const char *name, const GPtrArray *strings)
{
    json_builder_set_member_name(builder, name);
    json_builder_begin_array(builder);
    for (guint i = 0; i < strings->len; i++) {
        json_builder_add_string_value(builder, g_ptr_array_index(strings, i));
    }
    json_builder_end_array(builder);
}

static void add_top(JsonBuilder *builder, const CircaGraph *graph, const char *name,
                    const GArray *top)
{
    json_builder_set_member_name(builder, name);
    json_builder_begin_array(builder);
    for (guint i = 0; i < top->len; i++) {
        const CircaEntityMoney *row = &g_array_index(top, CircaEntityMoney, i);
        json_builder_begin_object(builder);
        json_builder_set_member_name(builder, "entity");
        json_builder_add_string_value(builder, circa_i_entity_name(graph, row->entity));
        add_money(builder, &row->money);
        json_builder_end_object(builder);
    }
    json_builder_end_array(builder);
}

char *circa_stats_to_json(const CircaStats *stats, const CircaGraph *graph)
{
    const CircaDealSet *set = graph->deals;
    g_autoptr(JsonBuilder) builder = json_builder_new();
    json_builder_begin_object(builder);
    add_strings(builder, "files", set->files);
    add_strings(builder, "entity_files", set->entity_files);
    json_builder_set_member_name(builder, "filter");
    g_autofree char *filter = circa_deal_filter_describe(&stats->filter);
    if (filter == NULL) {
        json_builder_add_null_value(builder);
    } else {
        json_builder_begin_object(builder);
        json_builder_set_member_name(builder, "keeps");
        json_builder_add_string_value(builder, filter);
        json_builder_set_member_name(builder, "left_out_deals");
        json_builder_add_int_value(builder, stats->n_left_out);
        json_builder_end_object(builder);
    }
    json_builder_set_member_name(builder, "entities");
    json_builder_add_int_value(builder, stats->n_entities);
    add_money(builder, &stats->total);

    json_builder_set_member_name(builder, "dates");
    json_builder_begin_object(builder);
    circa_i_json_add_date(builder, "first", stats->first_date);
    circa_i_json_add_date(builder, "last", stats->last_date);
    json_builder_set_member_name(builder, "undated_deals");
    json_builder_add_int_value(builder, stats->n_undated);
    json_builder_end_object(builder);

    json_builder_set_member_name(builder, "by_kind");
    json_builder_begin_object(builder);
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        json_builder_set_member_name(builder, circa_kind_to_string((CircaKind) k));
        json_builder_begin_object(builder);
        add_money(builder, &stats->by_kind[k]);
        json_builder_set_member_name(builder, "financing");
        json_builder_add_boolean_value(builder, circa_kind_is_financing((CircaKind) k));
        json_builder_end_object(builder);
    }
    json_builder_end_object(builder);

    json_builder_set_member_name(builder, "by_status");
    json_builder_begin_object(builder);
    for (guint s = 0; s < CIRCA_STATUS_COUNT; s++) {
        json_builder_set_member_name(builder, circa_status_to_string((CircaStatus) s));
        json_builder_add_int_value(builder, stats->by_status[s]);
    }
    json_builder_end_object(builder);

    json_builder_set_member_name(builder, "money_components");
    json_builder_add_int_value(builder, stats->n_money_components);
    json_builder_set_member_name(builder, "circular_clusters");
    json_builder_begin_array(builder);
    for (guint i = 0; i < stats->clusters->len; i++) {
        const CircaCluster *cluster = &g_array_index(stats->clusters, CircaCluster, i);
        json_builder_begin_object(builder);
        json_builder_set_member_name(builder, "members");
        json_builder_begin_array(builder);
        for (guint m = 0; m < cluster->n_members; m++) {
            json_builder_add_string_value(builder, circa_i_entity_name(graph, cluster->members[m]));
        }
        json_builder_end_array(builder);
        json_builder_set_member_name(builder, "inside");
        json_builder_begin_object(builder);
        add_money(builder, &cluster->inside);
        json_builder_end_object(builder);
        json_builder_end_object(builder);
    }
    json_builder_end_array(builder);

    add_top(builder, graph, "top_money_out", stats->top_out);
    add_top(builder, graph, "top_money_in", stats->top_in);
    json_builder_end_object(builder);

    return circa_i_json_to_string(builder);
}
