/* SPDX-License-Identifier: MIT */
/* The listing of cycles for people: each loop on a line with its hops and deals below it, then a
 * count and, when the result is cut short, why. */

#include "circa/cycles.h"
#include "text-private.h"
#include "write/labels-private.h"

const char *circa_pass_to_string(CircaPass pass)
{
    return pass == CIRCA_PASS_MIXED ? "money,hardware" : "money";
}

static void append_path(GString *out, const CircaGraph *graph, const CircaCycle *cycle)
{
    for (guint i = 0; i <= cycle->length; i++) {
        if (i > 0) {
            g_string_append(out, " → ");
        }
        circa_i_append_printable(out,
                                 circa_i_entity_name(graph, cycle->entities[i % cycle->length]));
    }
}

void circa_cycles_write_text(const CircaCycleSet *set, const CircaGraph *graph,
                             const CircaCycleOptions *options, GString *out)
{
    for (guint c = 0; c < set->cycles->len; c++) {
        const CircaCycle *cycle =
            &((const CircaOwnedCycle *) g_ptr_array_index(set->cycles, c))->cycle;
        append_path(out, graph, cycle);
        g_string_append_printf(out, "  %u hops  bottleneck ", cycle->length);
        circa_i_append_bottleneck(out, cycle);
        g_string_append(out, "  ");
        circa_i_append_span(out, cycle->first_date, cycle->last_date);
        if (cycle->has_undated && cycle->first_date.precision != CIRCA_DATE_NONE) {
            g_string_append(out, " (some undated)");
        }
        g_string_append_printf(out, "  certainty %s\n", circa_status_to_string(cycle->certainty));
        for (guint i = 0; i < cycle->length; i++) {
            const CircaHop *hop = &cycle->hops[i];
            g_string_append(out, "    ");
            circa_i_append_printable(out, circa_i_entity_name(graph, hop->from));
            g_string_append(out, " → ");
            circa_i_append_printable(out, circa_i_entity_name(graph, hop->to));
            g_string_append(out, "  ");
            circa_i_append_hop_amount(out, hop);
            g_string_append(out, "  ");
            circa_i_append_hop_kinds(out, graph, hop);
            g_string_append(out, "  ");
            for (guint k = 0; k < hop->n_edges; k++) {
                g_string_append_printf(out, "%s%s", k ? ", " : "",
                                       circa_i_edge_deal(graph, hop->edges[k])->id);
            }
            g_string_append_c(out, '\n');
        }
    }
    const char *mode = options->per_deal ? "per deal" : "entity level";
    if (set->cycles->len == 0) {
        g_string_append_printf(out, "No round trips (%s pass, %s).\n",
                               circa_pass_to_string(options->pass), mode);
    } else {
        g_string_append_printf(out, "%" G_GUINT64_FORMAT " cycle%s (%s pass, %s)", set->n_found,
                               set->n_found == 1 ? "" : "s", circa_pass_to_string(options->pass),
                               mode);
        if (set->cycles->len < set->n_found) {
            g_string_append_printf(out, ", %u shown (--limit)", set->cycles->len);
        }
        g_string_append(out, ".\n");
    }
    switch (set->end) {
    case CIRCA_SEARCH_COMPLETE:
        break;
    case CIRCA_SEARCH_STOPPED:
        g_string_append(out,
                        "Truncated at the limit: more cycles may exist (--limit 0 lists all).\n");
        break;
    case CIRCA_SEARCH_TIMED_OUT:
        g_string_append(out,
                        "Truncated: the time budget ran out (--timeout); more cycles may exist.\n");
        break;
    case CIRCA_SEARCH_CANCELLED:
        g_string_append(out, "Truncated: interrupted; more cycles may exist.\n");
        break;
    }
}

const char *circa_search_end_to_string(CircaSearchEnd end)
{
    switch (end) {
    case CIRCA_SEARCH_COMPLETE:
        return "complete";
    case CIRCA_SEARCH_STOPPED:
        return "limit";
    case CIRCA_SEARCH_TIMED_OUT:
        return "timeout";
    case CIRCA_SEARCH_CANCELLED:
        return "interrupted";
    }
    return "?";
}
