/* SPDX-License-Identifier: MIT */
/* The stats report for people. It only formats what circa_stats_new() computed. */

#include "circa/stats.h"
#include "text-private.h"
#include "write/labels-private.h"

#define WRAP_COLUMN 100
#define MAX_LISTED_MEMBERS 40

/* The disclosed sum, or "-" rather than a misleading "$0" when nothing of it is disclosed. */
static const char *disclosed_text(const CircaMoney *money, char buffer[16])
{
    if (money->n_deals > 0 && money->n_undisclosed == money->n_deals) {
        return "-";
    }
    return circa_amount_format(money->disclosed_usd, buffer);
}

static void append_money_row(GString *out, const char *label, const CircaMoney *money)
{
    char amount[16];
    g_string_append(out, "  ");
    circa_i_append_padded(out, label, 14);
    g_string_append_printf(out, "%7u  %9s", money->n_deals, disclosed_text(money, amount));
    if (money->n_undisclosed > 0) {
        g_string_append_printf(out, "  (%u undisclosed)", money->n_undisclosed);
    }
    g_string_append_c(out, '\n');
}

static void append_files(GString *out, const GPtrArray *files)
{
    for (guint i = 0; i < files->len; i++) {
        g_string_append(out, i ? ", " : "");
        circa_i_append_printable(out, g_ptr_array_index(files, i));
    }
}

static void append_top(GString *out, const CircaGraph *graph, const char *title, const GArray *top)
{
    g_string_append_printf(out, "\n%s\n", title);
    if (top->len == 0) {
        g_string_append(out, "  (none)\n");
    }
    int width = 0;
    for (guint i = 0; i < top->len; i++) {
        const char *name =
            circa_i_entity_name(graph, g_array_index(top, CircaEntityMoney, i).entity);
        width = MAX(width, (int) g_utf8_strlen(name, -1));
    }
    for (guint i = 0; i < top->len; i++) {
        const CircaEntityMoney *row = &g_array_index(top, CircaEntityMoney, i);
        char amount[16];
        g_string_append_printf(out, "  %2u. ", i + 1);
        circa_i_append_padded(out, circa_i_entity_name(graph, row->entity), width);
        g_string_append_printf(out, "  %9s  %u deal%s", disclosed_text(&row->money, amount),
                               row->money.n_deals, row->money.n_deals == 1 ? "" : "s");
        if (row->money.n_undisclosed > 0) {
            g_string_append_printf(out, " (%u undisclosed)", row->money.n_undisclosed);
        }
        g_string_append_c(out, '\n');
    }
}

void circa_stats_write_text(const CircaStats *stats, const CircaGraph *graph, GString *out)
{
    const CircaDealSet *set = graph->deals;
    char amount[16], first[11], last[11];

    g_string_append_printf(out, "%u deal%s", stats->total.n_deals,
                           stats->total.n_deals == 1 ? "" : "s");
    g_autofree char *filter = circa_deal_filter_describe(&stats->filter);
    if (filter != NULL) {
        g_string_append_printf(out, " (%s; %u other%s left out)", filter, stats->n_left_out,
                               stats->n_left_out == 1 ? "" : "s");
    }
    g_string_append_printf(out, " between %u entit%s from ", stats->n_entities,
                           stats->n_entities == 1 ? "y" : "ies");
    append_files(out, set->files);
    if (set->entity_files->len > 0) {
        g_string_append(out, " (entities: ");
        append_files(out, set->entity_files);
        g_string_append_c(out, ')');
    }
    g_string_append_c(out, '\n');
    if (stats->first_date.precision != CIRCA_DATE_NONE) {
        g_string_append_printf(out, "Dates: %s … %s", circa_date_format(stats->first_date, first),
                               circa_date_format(stats->last_date, last));
        if (stats->n_undated > 0) {
            g_string_append_printf(out, " (%u undated)", stats->n_undated);
        }
        g_string_append_c(out, '\n');
    } else if (stats->total.n_deals > 0) {
        g_string_append(out, "Dates: none given\n");
    }
    g_string_append_printf(out, "Gross disclosed money: %s",
                           circa_amount_format(stats->total.disclosed_usd, amount));
    if (stats->total.n_undisclosed > 0) {
        g_string_append_printf(out, " (%u deal%s undisclosed)", stats->total.n_undisclosed,
                               stats->total.n_undisclosed == 1 ? "" : "s");
    }
    g_string_append_c(out, '\n');

    g_string_append_printf(out, "\n%-16s%7s  %9s\n", "Deals by kind", "deals", "disclosed");
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        if (stats->by_kind[k].n_deals > 0) {
            append_money_row(out, circa_kind_to_string((CircaKind) k), &stats->by_kind[k]);
        }
    }
    append_money_row(out, "total", &stats->total);

    g_string_append_printf(out, "\n%-16s%7s\n", "Deals by status", "deals");
    for (guint s = 0; s < CIRCA_STATUS_COUNT; s++) {
        g_string_append(out, "  ");
        circa_i_append_padded(out, circa_status_to_string((CircaStatus) s), 14);
        g_string_append_printf(out, "%7u\n", stats->by_status[s]);
    }

    g_string_append_printf(out,
                           "\nCircular clusters (strong components of the money graph): %u of %u "
                           "component%s\n",
                           stats->clusters->len, stats->n_money_components,
                           stats->n_money_components == 1 ? "" : "s");
    if (stats->clusters->len == 0) {
        g_string_append(out, "  (none: no money can come back to where it started)\n");
    }
    for (guint i = 0; i < stats->clusters->len; i++) {
        const CircaCluster *cluster = &g_array_index(stats->clusters, CircaCluster, i);
        g_string_append_printf(out, "  %u. %u entities, %u deals inside, %s disclosed", i + 1,
                               cluster->n_members, cluster->inside.n_deals,
                               circa_amount_format(cluster->inside.disclosed_usd, amount));
        if (cluster->inside.n_undisclosed > 0) {
            g_string_append_printf(out, " (%u undisclosed)", cluster->inside.n_undisclosed);
        }
        g_string_append(out, "\n    ");
        gsize line_start = out->len - 4;
        /* People read a few dozen names; JSON carries them all. */
        guint shown =
            cluster->n_members <= MAX_LISTED_MEMBERS + 5 ? cluster->n_members : MAX_LISTED_MEMBERS;
        for (guint m = 0; m < shown; m++) {
            const char *name = circa_i_entity_name(graph, cluster->members[m]);
            if (m > 0) {
                g_string_append_c(out, ',');
                if (out->len - line_start + g_utf8_strlen(name, -1) + 2 > WRAP_COLUMN) {
                    g_string_append(out, "\n    ");
                    line_start = out->len - 4;
                } else {
                    g_string_append_c(out, ' ');
                }
            }
            circa_i_append_printable(out, name);
        }
        if (shown < cluster->n_members) {
            g_string_append_printf(out, " … and %u more (--format json lists them all)",
                                   cluster->n_members - shown);
        }
        g_string_append_c(out, '\n');
    }

    append_top(out, graph, "Top payers (money out)", stats->top_out);
    append_top(out, graph, "Top payees (money in)", stats->top_in);
}
