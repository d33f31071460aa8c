/* SPDX-License-Identifier: MIT */
/* Cycles as CSV (RFC 4180) or TSV rows, a header row first. */

#include "circa/cycles.h"
#include "write/cycle-writer-private.h"
#include "write/escape-private.h"
#include "write/labels-private.h"

static const char *const columns[] = {
    "key",        "length",    "entities",  "bottleneck_usd", "bottleneck_partial",
    "first_date", "last_date", "certainty", "deals",
};

static void delimited_start(CircaCycleWriter *writer)
{
    for (guint i = 0; i < G_N_ELEMENTS(columns); i++) {
        if (i > 0) {
            g_string_append_c(writer->out, writer->delimiter);
        }
        g_string_append(writer->out, columns[i]);
    }
    g_string_append_c(writer->out, '\n');
}

static void delimited_add(CircaCycleWriter *writer, const CircaCycle *cycle, const char *key)
{
    const CircaGraph *graph = writer->graph;
    GString *out = writer->out;
    char delimiter = writer->delimiter;
    g_autoptr(GString) entities = g_string_new(NULL);
    g_autoptr(GString) deals = g_string_new(NULL);
    for (guint i = 0; i < cycle->length; i++) {
        g_string_append(entities, i ? " → " : "");
        g_string_append(entities, circa_i_entity_name(graph, cycle->entities[i]));
        g_string_append(deals, i ? " → " : "");
        for (guint k = 0; k < cycle->hops[i].n_edges; k++) {
            guint32 edge = cycle->hops[i].edges[k];
            g_string_append(deals, k ? ";" : "");
            g_string_append(deals,
                            graph->edge_flow[edge] == CIRCA_FLOW_HARDWARE ? "hardware:" : "");
            g_string_append(deals, circa_i_edge_deal(graph, edge)->id);
        }
    }
    char first[11], last[11];
    char *fields[] = {
        g_strdup(key),
        g_strdup_printf("%u", cycle->length),
        g_strdup(entities->str),
        cycle->bottleneck_usd == CIRCA_AMOUNT_UNKNOWN
            ? g_strdup("")
            : g_strdup_printf("%" G_GINT64_FORMAT, cycle->bottleneck_usd),
        g_strdup(cycle->bottleneck_partial ? "true" : "false"),
        g_strdup(circa_date_format(cycle->first_date, first)),
        g_strdup(circa_date_format(cycle->last_date, last)),
        g_strdup(circa_status_to_string(cycle->certainty)),
        g_strdup(deals->str),
    };
    for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
        if (i > 0) {
            g_string_append_c(out, delimiter);
        }
        circa_i_append_delimited_field(out, fields[i], delimiter);
        g_free(fields[i]);
    }
    g_string_append_c(out, '\n');
}

/* Rows alone: the count and any truncation go to stderr, said by the caller. */
static void delimited_finish(CircaCycleWriter *writer, guint64 n_found, CircaSearchEnd end)
{
}

const CircaCycleWriterClass circa_i_delimited_writer = {delimited_start, delimited_add,
                                                        delimited_finish};
