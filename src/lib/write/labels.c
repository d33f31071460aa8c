/* SPDX-License-Identifier: MIT */
/* Writers for collected cycles: a readable listing, one JSON document, CSV or TSV rows. They
 * format what the search found and compute nothing. */

#include "circa/cycles.h"
#include "write/style-private.h"
#include "text-private.h"

#include "write/json-private.h"
#include <string.h>

static const CircaDeal *edge_deal(const CircaGraph *graph, guint32 edge)
{
    return circa_deal_set_deal(graph->deals, graph->edge_deal[edge]);
}

static const char *entity_name(const CircaGraph *graph, guint32 entity)
{
    return circa_deal_set_entity(graph->deals, entity)->name;
}

const char *circa_pass_to_string(CircaPass pass)
{
    return pass == CIRCA_PASS_MIXED ? "money,hardware" : "money";
}

/* "$13.8B", "$350.0M + undisclosed" when some deals are undisclosed, "undisclosed" when all are. */
static void append_hop_amount(GString *out, const CircaHop *hop)
{
    char text[16];
    if (hop->amount_usd == CIRCA_AMOUNT_UNKNOWN) {
        g_string_append(out, "undisclosed");
        return;
    }
    g_string_append(out, circa_amount_format(hop->amount_usd, text));
    if (hop->partial) {
        g_string_append(out, " + undisclosed");
    }
}

/* "$13.8B", "$11.0B (partial)" when a hop is partly undisclosed, "undisclosed" when a hop is
 * wholly undisclosed. */
static void append_bottleneck(GString *out, const CircaCycle *cycle)
{
    char text[16];
    if (cycle->bottleneck_usd == CIRCA_AMOUNT_UNKNOWN) {
        g_string_append(out, "undisclosed");
        return;
    }
    g_string_append(out, circa_amount_format(cycle->bottleneck_usd, text));
    if (cycle->bottleneck_partial) {
        g_string_append(out, " (partial)");
    }
}

static void append_span(GString *out, CircaDate first, CircaDate last)
{
    char a[11], b[11];
    if (first.precision == CIRCA_DATE_NONE) {
        g_string_append(out, "undated");
    } else if (circa_date_compare(first, last) == 0) {
        g_string_append(out, circa_date_format(first, a));
    } else {
        g_string_append_printf(out, "%s … %s", circa_date_format(first, a),
                               circa_date_format(last, b));
    }
}

/* The kinds on a hop, in kind order, with "(hardware)" for hardware edges. */
static void append_kinds(GString *out, const CircaGraph *graph, const CircaHop *hop)
{
    guint seen = 0;
    gboolean hardware = FALSE;
    for (guint i = 0; i < hop->n_edges; i++) {
        seen |= 1u << edge_deal(graph, hop->edges[i])->kind;
        hardware |= graph->edge_flow[hop->edges[i]] == CIRCA_FLOW_HARDWARE;
    }
    gboolean first = TRUE;
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        if (seen & (1u << k)) {
            g_string_append_printf(out, "%s%s", first ? "" : ", ",
                                   circa_kind_to_string((CircaKind) k));
            first = FALSE;
        }
    }
    if (hardware) {
        g_string_append(out, " (hardware back)");
    }
}

static void append_path(GString *out, const CircaGraph *graph, const CircaCycle *cycle)
{
    for (guint i = 0; i <= cycle->length; i++) {
        if (i > 0) {
            g_string_append(out, " → ");
        }
        circa_i_append_printable(out, entity_name(graph, cycle->entities[i % cycle->length]));
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
        append_bottleneck(out, cycle);
        g_string_append(out, "  ");
        append_span(out, cycle->first_date, cycle->last_date);
        if (cycle->has_undated && cycle->first_date.precision != CIRCA_DATE_NONE) {
            g_string_append(out, " (some undated)");
        }
        g_string_append_printf(out, "  %s\n", circa_status_to_string(cycle->weakest_status));
        for (guint i = 0; i < cycle->length; i++) {
            const CircaHop *hop = &cycle->hops[i];
            g_string_append(out, "    ");
            circa_i_append_printable(out, entity_name(graph, hop->from));
            g_string_append(out, " → ");
            circa_i_append_printable(out, entity_name(graph, hop->to));
            g_string_append(out, "  ");
            append_hop_amount(out, hop);
            g_string_append(out, "  ");
            append_kinds(out, graph, hop);
            g_string_append(out, "  ");
            for (guint k = 0; k < hop->n_edges; k++) {
                g_string_append_printf(out, "%s%s", k ? ", " : "",
                                       edge_deal(graph, hop->edges[k])->id);
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
        json_builder_add_string_value(builder, entity_name(graph, cycle->entities[i]));
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
    json_builder_set_member_name(builder, "weakest_status");
    json_builder_add_string_value(builder, circa_status_to_string(cycle->weakest_status));
    json_builder_set_member_name(builder, "hops");
    json_builder_begin_array(builder);
    for (guint i = 0; i < cycle->length; i++) {
        const CircaHop *hop = &cycle->hops[i];
        json_builder_begin_object(builder);
        json_builder_set_member_name(builder, "from");
        json_builder_add_string_value(builder, entity_name(graph, hop->from));
        json_builder_set_member_name(builder, "to");
        json_builder_add_string_value(builder, entity_name(graph, hop->to));
        json_builder_set_member_name(builder, "amount_usd");
        circa_i_json_add_amount(builder, hop->amount_usd);
        json_builder_set_member_name(builder, "partial");
        json_builder_add_boolean_value(builder, hop->partial);
        circa_i_json_add_date(builder, "first_date", hop->first_date);
        circa_i_json_add_date(builder, "last_date", hop->last_date);
        json_builder_set_member_name(builder, "weakest_status");
        json_builder_add_string_value(builder, circa_status_to_string(hop->weakest_status));
        json_builder_set_member_name(builder, "deals");
        json_builder_begin_array(builder);
        for (guint k = 0; k < hop->n_edges; k++) {
            const CircaDeal *deal = edge_deal(graph, hop->edges[k]);
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

/* A CSV field, quoted when it must be (RFC 4180); TSV fields never hold tabs or line breaks:
 * names and ids cannot. */
static void append_field(GString *out, const char *text, char delimiter)
{
    if (delimiter == ',' && strpbrk(text, ",\"\r\n") != NULL) {
        g_string_append_c(out, '"');
        for (const char *p = text; *p != '\0'; p++) {
            if (*p == '"') {
                g_string_append_c(out, '"');
            }
            g_string_append_c(out, *p);
        }
        g_string_append_c(out, '"');
    } else {
        g_string_append(out, text);
    }
}

void circa_cycles_write_delimited(const CircaCycleSet *set, const CircaGraph *graph, char delimiter,
                                  GString *out)
{
    static const char *const columns[] = {
        "key",        "length",    "entities",       "bottleneck_usd", "bottleneck_partial",
        "first_date", "last_date", "weakest_status", "deals",
    };
    for (guint i = 0; i < G_N_ELEMENTS(columns); i++) {
        if (i > 0) {
            g_string_append_c(out, delimiter);
        }
        g_string_append(out, columns[i]);
    }
    g_string_append_c(out, '\n');
    for (guint c = 0; c < set->cycles->len; c++) {
        const CircaOwnedCycle *owned = g_ptr_array_index(set->cycles, c);
        const CircaCycle *cycle = &owned->cycle;
        g_autoptr(GString) entities = g_string_new(NULL);
        g_autoptr(GString) deals = g_string_new(NULL);
        for (guint i = 0; i < cycle->length; i++) {
            g_string_append(entities, i ? " → " : "");
            g_string_append(entities, entity_name(graph, cycle->entities[i]));
            g_string_append(deals, i ? " → " : "");
            for (guint k = 0; k < cycle->hops[i].n_edges; k++) {
                guint32 edge = cycle->hops[i].edges[k];
                g_string_append(deals, k ? ";" : "");
                g_string_append(deals,
                                graph->edge_flow[edge] == CIRCA_FLOW_HARDWARE ? "hardware:" : "");
                g_string_append(deals, edge_deal(graph, edge)->id);
            }
        }
        char first[11], last[11];
        char *fields[] = {
            g_strdup(owned->key),
            g_strdup_printf("%u", cycle->length),
            g_strdup(entities->str),
            cycle->bottleneck_usd == CIRCA_AMOUNT_UNKNOWN
                ? g_strdup("")
                : g_strdup_printf("%" G_GINT64_FORMAT, cycle->bottleneck_usd),
            g_strdup(cycle->bottleneck_partial ? "true" : "false"),
            g_strdup(circa_date_format(cycle->first_date, first)),
            g_strdup(circa_date_format(cycle->last_date, last)),
            g_strdup(circa_status_to_string(cycle->weakest_status)),
            g_strdup(deals->str),
        };
        for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (i > 0) {
                g_string_append_c(out, delimiter);
            }
            append_field(out, fields[i], delimiter);
            g_free(fields[i]);
        }
        g_string_append_c(out, '\n');
    }
}

/* Mermaid's entity codes for every character that can end a quoted label or start markup; '#'
 * first, as it is the escape itself. There is no backslash escape inside Mermaid quotes. */
static void append_mermaid_text(GString *out, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        switch (*p) {
        case '#':
            g_string_append(out, "#35;");
            break;
        case '"':
            g_string_append(out, "#quot;");
            break;
        case '`':
            g_string_append(out, "#96;");
            break;
        case '<':
            g_string_append(out, "#60;");
            break;
        case '>':
            g_string_append(out, "#62;");
            break;
        case '&':
            g_string_append(out, "#38;");
            break;
        case '|':
            g_string_append(out, "#124;");
            break;
        case '$':
            g_string_append(out, "#36;"); /* Mermaid ≥ 10.9 would read $$…$$ as maths */
            break;
        default:
            g_string_append_c(out, *p);
        }
    }
}

#define MERMAID_MAX_EDGES 200

void circa_cycles_write_mermaid(const CircaCycleSet *set, const CircaGraph *graph, GString *out)
{
    guint n = circa_graph_n_vertices(graph);
    g_autofree guint8 *on_loop = g_new0(guint8, n + 1);
    g_autoptr(GHashTable) drawn = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GArray) hops = g_array_new(FALSE, FALSE, sizeof(const CircaHop *));

    guint n_left_out = 0;
    for (guint c = 0; c < set->cycles->len; c++) {
        const CircaCycle *cycle =
            &((const CircaOwnedCycle *) g_ptr_array_index(set->cycles, c))->cycle;
        for (guint i = 0; i < cycle->length; i++) {
            const CircaHop *hop = &cycle->hops[i];
            /* One edge per hop; in per-deal mode hops with other deals are other edges. */
            gint64 key = (gint64) hop->from << 32 | hop->to;
            if (hop->n_edges == 1) {
                key = ((gint64) 1 << 62) | hop->edges[0];
            }
            if (g_hash_table_contains(drawn, &key)) {
                continue;
            }
            if (hops->len == MERMAID_MAX_EDGES) {
                n_left_out++;
                continue;
            }
            g_hash_table_add(drawn, g_memdup2(&key, sizeof key));
            g_array_append_val(hops, hop);
            on_loop[hop->from] = on_loop[hop->to] = TRUE;
        }
    }

    g_string_append(out, "flowchart LR\n");
    for (guint v = 0; v < n; v++) {
        if (on_loop[v]) {
            g_string_append_printf(out, "  n%u[\"", v);
            append_mermaid_text(out, circa_deal_set_entity(graph->deals, v)->name);
            g_string_append(out, "\"]\n");
        }
    }
    for (guint i = 0; i < hops->len; i++) {
        const CircaHop *hop = g_array_index(hops, const CircaHop *, i);
        g_autoptr(GString) label = g_string_new(NULL);
        append_hop_amount(label, hop);
        g_string_append_c(label, ' ');
        append_kinds(label, graph, hop);
        g_string_append_printf(out, "  n%u -->|\"", hop->from);
        append_mermaid_text(out, label->str);
        g_string_append_printf(out, "\"| n%u\n", hop->to);
    }
    for (guint i = 0; i < hops->len; i++) {
        const CircaHop *hop = g_array_index(hops, const CircaHop *, i);
        const CircaDeal *deal = edge_deal(graph, hop->edges[0]);
        gboolean hardware = graph->edge_flow[hop->edges[0]] == CIRCA_FLOW_HARDWARE;
        g_string_append_printf(out, "  linkStyle %u stroke:%s,stroke-width:2px%s\n", i,
                               hardware ? circa_i_hardware_colour()
                                        : circa_i_kind_colour(deal->kind),
                               hardware ? ",stroke-dasharray:4" : "");
    }
    if (n_left_out > 0) {
        g_string_append_printf(
            out, "  %%%% %u more hops left out: GitHub draws at most 500 edges\n", n_left_out);
    }
}
