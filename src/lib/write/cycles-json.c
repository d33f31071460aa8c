/* SPDX-License-Identifier: MIT */
/* Cycles as one JSON document for scripts: amounts are exact integers of dollars. */

#include "circa/cycles.h"
#include "write/json-private.h"
#include "write/labels-private.h"

static void add_cycle(JsonBuilder *builder, const CircaGraph *graph, const CircaOwnedCycle *owned)
{
    const CircaCycle *cycle = &owned->cycle;
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "key");
    json_builder_add_string_value(builder, owned->key);
    json_builder_set_member_name(builder, "length");
    json_builder_add_int_value(builder, cycle->length);
    json_builder_set_member_name(builder, "entities");
    json_builder_begin_array(builder);
    for (guint i = 0; i < cycle->length; i++) {
        json_builder_add_string_value(builder, circa_i_entity_name(graph, cycle->entities[i]));
    }
    json_builder_end_array(builder);
    json_builder_set_member_name(builder, "bottleneck_usd");
    circa_i_json_add_amount(builder, cycle->bottleneck_usd);
    json_builder_set_member_name(builder, "bottleneck_partial");
    json_builder_add_boolean_value(builder, cycle->bottleneck_partial);
    circa_i_json_add_date(builder, "first_date", cycle->first_date);
    circa_i_json_add_date(builder, "last_date", cycle->last_date);
    json_builder_set_member_name(builder, "has_undated");
    json_builder_add_boolean_value(builder, cycle->has_undated);
    json_builder_set_member_name(builder, "certainty");
    json_builder_add_string_value(builder, circa_status_to_string(cycle->certainty));
    json_builder_set_member_name(builder, "hops");
    json_builder_begin_array(builder);
    for (guint i = 0; i < cycle->length; i++) {
        const CircaHop *hop = &cycle->hops[i];
        json_builder_begin_object(builder);
        json_builder_set_member_name(builder, "from");
        json_builder_add_string_value(builder, circa_i_entity_name(graph, hop->from));
        json_builder_set_member_name(builder, "to");
        json_builder_add_string_value(builder, circa_i_entity_name(graph, hop->to));
        json_builder_set_member_name(builder, "amount_usd");
        circa_i_json_add_amount(builder, hop->amount_usd);
        json_builder_set_member_name(builder, "partial");
        json_builder_add_boolean_value(builder, hop->partial);
        circa_i_json_add_date(builder, "first_date", hop->first_date);
        circa_i_json_add_date(builder, "last_date", hop->last_date);
        json_builder_set_member_name(builder, "certainty");
        json_builder_add_string_value(builder, circa_status_to_string(hop->certainty));
        json_builder_set_member_name(builder, "deals");
        json_builder_begin_array(builder);
        for (guint k = 0; k < hop->n_edges; k++) {
            const CircaDeal *deal = circa_i_edge_deal(graph, hop->edges[k]);
            char date[11];
            json_builder_begin_object(builder);
            json_builder_set_member_name(builder, "id");
            json_builder_add_string_value(builder, deal->id);
            json_builder_set_member_name(builder, "flow");
            json_builder_add_string_value(
                builder,
                graph->edge_flow[hop->edges[k]] == CIRCA_FLOW_MONEY ? "money" : "hardware");
            json_builder_set_member_name(builder, "kind");
            json_builder_add_string_value(builder, circa_kind_to_string(deal->kind));
            json_builder_set_member_name(builder, "amount_usd");
            circa_i_json_add_amount(builder, deal->amount_usd);
            json_builder_set_member_name(builder, "date");
            if (deal->date.precision == CIRCA_DATE_NONE) {
                json_builder_add_null_value(builder);
            } else {
                json_builder_add_string_value(builder, circa_date_format(deal->date, date));
            }
            json_builder_set_member_name(builder, "status");
            json_builder_add_string_value(builder, circa_status_to_string(deal->status));
            json_builder_end_object(builder);
        }
        json_builder_end_array(builder);
        json_builder_end_object(builder);
    }
    json_builder_end_array(builder);
    json_builder_end_object(builder);
}

char *circa_cycles_to_json(const CircaCycleSet *set, const CircaGraph *graph,
                           const CircaCycleOptions *options)
{
    g_autoptr(JsonBuilder) builder = json_builder_new();
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "pass");
    json_builder_add_string_value(builder, circa_pass_to_string(options->pass));
    json_builder_set_member_name(builder, "per_deal");
    json_builder_add_boolean_value(builder, options->per_deal);
    json_builder_set_member_name(builder, "found");
    json_builder_add_int_value(builder, (gint64) MIN(set->n_found, (guint64) G_MAXINT64));
    json_builder_set_member_name(builder, "truncated");
    json_builder_add_boolean_value(builder, set->truncated);
    json_builder_set_member_name(builder, "end");
    json_builder_add_string_value(builder, circa_search_end_to_string(set->end));
    json_builder_set_member_name(builder, "cycles");
    json_builder_begin_array(builder);
    for (guint c = 0; c < set->cycles->len; c++) {
        add_cycle(builder, graph, g_ptr_array_index(set->cycles, c));
    }
    json_builder_end_array(builder);
    json_builder_end_object(builder);

    return circa_i_json_to_string(builder);
}
