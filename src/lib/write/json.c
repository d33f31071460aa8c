/* SPDX-License-Identifier: MIT */
/* Shared JSON pieces: one way to write dates, amounts and the document. */

#include "write/json-private.h"
#include "write/labels-private.h"

void circa_i_json_add_date(JsonBuilder *builder, const char *name, CircaDate date)
{
    char text[11];
    json_builder_set_member_name(builder, name);
    if (date.precision == CIRCA_DATE_NONE) {
        json_builder_add_null_value(builder);
    } else {
        json_builder_add_string_value(builder, circa_date_format(date, text));
    }
}

void circa_i_json_add_amount(JsonBuilder *builder, gint64 amount)
{
    if (amount == CIRCA_AMOUNT_UNKNOWN) {
        json_builder_add_null_value(builder);
    } else {
        json_builder_add_int_value(builder, amount);
    }
}

void circa_i_json_add_entities(JsonBuilder *builder, const CircaGraph *graph,
                               const CircaCycle *cycle)
{
    json_builder_set_member_name(builder, "length");
    json_builder_add_int_value(builder, cycle->length);
    json_builder_set_member_name(builder, "entities");
    json_builder_begin_array(builder);
    for (guint i = 0; i < cycle->length; i++) {
        json_builder_add_string_value(builder, circa_i_entity_name(graph, cycle->entities[i]));
    }
    json_builder_end_array(builder);
}

char *circa_i_json_to_string(JsonBuilder *builder)
{
    g_autoptr(JsonGenerator) generator = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(builder);
    json_generator_set_root(generator, root);
    json_generator_set_pretty(generator, TRUE);
    json_generator_set_indent(generator, 2);
    g_autofree char *text = json_generator_to_data(generator, NULL);
    return g_strconcat(text, "\n", NULL);
}
