/* SPDX-License-Identifier: MIT */
/* The listing of cycles for people: each loop on a line with its hops and deals below it, then a
 * count and, when the result is cut short, why. */

#include "circa/cycles.h"
#include "text-private.h"
#include "write/cycle-writer-private.h"
#include "write/labels-private.h"

const char *circa_pass_to_string(CircaPass pass)
{
    return pass == CIRCA_PASS_MIXED ? "money,hardware" : "money";
}

static void append_path(GString *out, const CircaGraph *graph, const CircaCycle *cycle)
{
    for (guint i = 0; i <= cycle->length; i++) {
        const char *name = circa_i_entity_name(graph, cycle->entities[i % cycle->length]);
        if (i == 0) {
            circa_i_append_printable_line(out, name); /* it starts the line */
        } else {
            g_string_append(out, " → ");
            circa_i_append_printable(out, name);
        }
    }
}

static void text_start(CircaCycleWriter *writer)
{
}

static void text_add(CircaCycleWriter *writer, const CircaCycle *cycle, const char *key)
{
    GString *out = writer->out;
    const CircaGraph *graph = writer->graph;
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
            g_string_append(out, k ? ", " : "");
            circa_i_append_printable(out, circa_i_edge_deal(graph, hop->edges[k])->id);
        }
        g_string_append_c(out, '\n');
    }
}

static void text_finish(CircaCycleWriter *writer, guint64 n_found, CircaSearchEnd end)
{
    GString *out = writer->out;
    const CircaCycleOptions *options = writer->options;
    const char *mode = options->per_deal ? "per deal" : "entity level";
    if (writer->n_written == 0 && n_found == 0) {
        g_string_append_printf(out, "No round trips (%s pass, %s).\n",
                               circa_pass_to_string(options->pass), mode);
    } else {
        g_string_append_printf(out, "%" G_GUINT64_FORMAT " cycle%s (%s pass, %s)", n_found,
                               n_found == 1 ? "" : "s", circa_pass_to_string(options->pass), mode);
        if (writer->n_written < n_found) {
            g_string_append_printf(out, ", %" G_GUINT64_FORMAT " shown", writer->n_written);
            if (end == CIRCA_SEARCH_COMPLETE || end == CIRCA_SEARCH_STOPPED) {
                g_string_append(out, " (--limit)");
            }
        }
        g_string_append(out, ".\n");
    }
    switch (end) {
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
    case CIRCA_SEARCH_BUDGET:
        g_string_append(out, "Truncated: the search used its step budget; more cycles may exist "
                             "(--max-length N bounds the search; --max-steps 0 lifts the "
                             "budget).\n");
        break;
    case CIRCA_SEARCH_MEMORY:
        g_string_append_printf(out,
                               "Truncated: a result without a limit holds at most %u MB of cycles "
                               "in memory; more may exist (--sort none streams them all; --limit N "
                               "keeps the best N).\n",
                               (guint) (CIRCA_MAX_KEPT_BYTES >> 20));
        break;
    }
}

const CircaCycleWriterClass circa_i_text_writer = {text_start, text_add, text_finish};

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
    case CIRCA_SEARCH_BUDGET:
        return "step budget";
    case CIRCA_SEARCH_MEMORY:
        return "memory guard";
    }
    return "?";
}
