/* SPDX-License-Identifier: MIT */
/* A diff as one JSON document for scripts: every deal change and loop change, exact integer
 * dollars, and FILE:LINE locations as the loader named the files. */

#include "write/diff-writers-private.h"
#include "write/json-private.h"
#include "write/labels-private.h"

static void add_location(JsonBuilder *builder, const CircaDealSet *side, const CircaDeal *deal)
{
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "file");
    json_builder_add_string_value(builder, g_ptr_array_index(side->files, deal->file));
    json_builder_set_member_name(builder, "line");
    json_builder_add_int_value(builder, deal->line);
    json_builder_end_object(builder);
}

static void add_side(JsonBuilder *builder, const char *name, const char *label,
                     const CircaDealSet *set, guint n_loops, gint64 circular, CircaSearchEnd end)
{
    json_builder_set_member_name(builder, name);
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "label");
    json_builder_add_string_value(builder, label);
    json_builder_set_member_name(builder, "deals");
    json_builder_add_int_value(builder, set->deals->len);
    json_builder_set_member_name(builder, "loops");
    json_builder_add_int_value(builder, n_loops);
    json_builder_set_member_name(builder, "circular_usd");
    json_builder_add_int_value(builder, circular);
    json_builder_set_member_name(builder, "end");
    json_builder_add_string_value(builder, circa_search_end_to_string(end));
    json_builder_end_object(builder);
}

static void add_deal_change(JsonBuilder *builder, const CircaDiff *diff,
                            const CircaDealChange *change)
{
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "id");
    json_builder_add_string_value(builder, change->id);
    json_builder_set_member_name(builder, "change");
    json_builder_add_string_value(builder, circa_i_deal_change_verb(change->kind));
    if (change->kind == CIRCA_DEAL_CHANGED) {
        json_builder_set_member_name(builder, "fields");
        json_builder_begin_array(builder);
        for (guint bit = 0; bit < CIRCA_N_DEAL_FIELDS; bit++) {
            if (change->fields & (1u << bit)) {
                json_builder_add_string_value(
                    builder, circa_deal_field_to_string((CircaDealField) (1u << bit)));
            }
        }
        json_builder_end_array(builder);
    }
    if (change->base >= 0) {
        json_builder_set_member_name(builder, "base");
        add_location(builder, diff->base, circa_deal_set_deal(diff->base, (guint) change->base));
    }
    if (change->head >= 0) {
        json_builder_set_member_name(builder, "head");
        add_location(builder, diff->head, circa_deal_set_deal(diff->head, (guint) change->head));
    }
    json_builder_end_object(builder);
}

static void add_cycle(JsonBuilder *builder, const char *name, const CircaCycle *cycle)
{
    json_builder_set_member_name(builder, name);
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "bottleneck_usd");
    circa_i_json_add_amount(builder, cycle->bottleneck_usd);
    json_builder_set_member_name(builder, "bottleneck_partial");
    json_builder_add_boolean_value(builder, cycle->bottleneck_partial);
    json_builder_set_member_name(builder, "certainty");
    json_builder_add_string_value(builder, circa_status_to_string(cycle->certainty));
    circa_i_json_add_date(builder, "first_date", cycle->first_date);
    circa_i_json_add_date(builder, "last_date", cycle->last_date);
    json_builder_end_object(builder);
}

static void add_loop_change(JsonBuilder *builder, const CircaDiff *diff,
                            const CircaLoopChange *loop)
{
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    const CircaCycle *cycle = where.cycle;
    const CircaGraph *graph = where.graph;
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "key");
    json_builder_add_string_value(builder, loop->key);
    json_builder_set_member_name(builder, "change");
    json_builder_add_string_value(builder, circa_loop_change_kind_to_string(loop->kind));
    circa_i_json_add_entities(builder, graph, cycle);
    if (loop->base != NULL) {
        add_cycle(builder, "base", loop->base);
    }
    if (loop->head != NULL) {
        add_cycle(builder, "head", loop->head);
    }
    if (loop->kind == CIRCA_LOOP_KNOWN) {
        json_builder_set_member_name(builder, "reason");
        json_builder_add_string_value(builder, loop->reason);
    }
    json_builder_set_member_name(builder, "because");
    json_builder_begin_array(builder);
    for (guint i = 0; i < loop->n_because; i++) {
        add_deal_change(builder, diff, circa_diff_deal(diff, loop->because[i]));
    }
    json_builder_end_array(builder);
    json_builder_end_object(builder);
}

void circa_i_diff_write_json(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                             GString *out)
{
    g_autoptr(JsonBuilder) builder = json_builder_new();
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "headline");
    g_autofree char *headline = circa_diff_headline(diff);
    json_builder_add_string_value(builder, headline);
    add_side(builder, "base", options->base_label, diff->base, diff->n_base_loops,
             diff->base_circular_usd, diff->base_end);
    add_side(builder, "head", options->head_label, diff->head, diff->n_head_loops,
             diff->head_circular_usd, diff->head_end);
    json_builder_set_member_name(builder, "max_length");
    json_builder_add_int_value(builder, diff->max_length);
    json_builder_set_member_name(builder, "truncated");
    json_builder_add_boolean_value(builder, circa_diff_truncated(diff));
    json_builder_set_member_name(builder, "counts");
    json_builder_begin_object(builder);
    for (guint kind = 0; kind < CIRCA_N_LOOP_CHANGE_KINDS; kind++) {
        json_builder_set_member_name(builder, circa_loop_change_kind_to_string(kind));
        json_builder_add_int_value(builder, diff->n_loops[kind]);
    }
    json_builder_set_member_name(builder, "unchanged");
    json_builder_add_int_value(builder, diff->n_unchanged);
    json_builder_end_object(builder);
    json_builder_set_member_name(builder, "not_compared");
    json_builder_add_int_value(builder, diff->n_not_compared);
    json_builder_set_member_name(builder, "loops");
    json_builder_begin_array(builder);
    for (guint i = 0; i < diff->loops->len; i++) {
        add_loop_change(builder, diff, circa_diff_loop(diff, i));
    }
    json_builder_end_array(builder);
    json_builder_set_member_name(builder, "deals");
    json_builder_begin_array(builder);
    for (guint i = 0; i < diff->deals->len; i++) {
        add_deal_change(builder, diff, circa_diff_deal(diff, i));
    }
    json_builder_end_array(builder);
    json_builder_end_object(builder);
    g_autofree char *text = circa_i_json_to_string(builder);
    g_string_append(out, text);
}
