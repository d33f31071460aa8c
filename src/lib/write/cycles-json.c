/* SPDX-License-Identifier: MIT */
/* Cycles as one JSON document for scripts: amounts are exact integers of dollars. */

#include "circa/cycles.h"
#include "write/cycle-writer-private.h"
#include "write/json-private.h"
#include "write/labels-private.h"

static void add_cycle(JsonBuilder *builder, const CircaGraph *graph, const CircaCycle *cycle,
                      const char *key)
{
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "key");
    json_builder_add_string_value(builder, key);
    circa_i_json_add_entities(builder, graph, cycle);
    json_builder_set_member_name(builder, "bottleneck_usd");
    circa_i_json_add_amount(builder, cycle->bottleneck_usd);
    json_builder_set_member_name(builder, "bottleneck_partial");
    json_builder_add_boolean_value(builder, cycle->bottleneck_partial);
    json_builder_set_member_name(builder, "bottleneck_estimated");
    json_builder_add_boolean_value(builder, cycle->bottleneck_estimated);
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

/* The document is streamed: its head, each cycle as json-glib writes it (indented to its place
 * in the array), then the counts, which only the end of the search knows. */
static void json_start(CircaCycleWriter *writer)
{
    g_string_append_printf(
        writer->out, "{\n  \"pass\" : \"%s\",\n  \"per_deal\" : %s,\n  \"cycles\" : [",
        circa_pass_to_string(writer->options->pass), writer->options->per_deal ? "true" : "false");
}

static void json_add(CircaCycleWriter *writer, const CircaCycle *cycle, const char *key)
{
    g_autoptr(JsonBuilder) builder = json_builder_new();
    add_cycle(builder, writer->graph, cycle, key);
    g_autofree char *text = circa_i_json_to_string(builder);
    g_string_append(writer->out, writer->n_written == 0 ? "\n    " : ",\n    ");
    /* Every line of the object four spaces in, the final newline dropped. */
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n') {
            if (p[1] == '\0') {
                break;
            }
            g_string_append(writer->out, "\n    ");
        } else {
            g_string_append_c(writer->out, *p);
        }
    }
}

static void json_finish(CircaCycleWriter *writer, guint64 n_found, CircaSearchEnd end)
{
    g_string_append_printf(writer->out,
                           "%s],\n  \"found\" : %" G_GUINT64_FORMAT
                           ",\n  \"truncated\" : %s,\n  \"end\" : \"%s\"\n}\n",
                           writer->n_written > 0 ? "\n  " : "", n_found,
                           circa_i_writer_truncated(writer, n_found, end) ? "true" : "false",
                           circa_search_end_to_string(end));
}

const CircaCycleWriterClass circa_i_json_writer = {json_start, json_add, json_finish};
