/* SPDX-License-Identifier: MIT */
/* Choosing deals: the filters on single deals, one meaning for every command that takes them. */

#include "circa/deal.h"
#include "circa/error.h"

#include <string.h>

void circa_deal_filter_init(CircaDealFilter *filter)
{
    memset(filter, 0, sizeof *filter);
    filter->min_status = CIRCA_STATUS_RUMORED;
}

static gboolean dated(CircaDate date)
{
    return date.precision != CIRCA_DATE_NONE;
}

gboolean circa_deal_filter_is_open(const CircaDealFilter *filter)
{
    return filter->kinds == 0 && filter->min_status == CIRCA_STATUS_RUMORED &&
           !dated(filter->since) && !dated(filter->until) && filter->min_amount_usd <= 0;
}

gboolean circa_deal_filter_keeps_terms(const CircaDealFilter *filter, const CircaDeal *deal)
{
    if (filter->kinds != 0 && !(filter->kinds & (1u << deal->kind))) {
        return FALSE;
    }
    if (deal->status < filter->min_status) {
        return FALSE;
    }
    if (!dated(filter->since) && !dated(filter->until)) {
        return TRUE;
    }
    /* A partial date is a span of days: kept when some day of it can fall in the range. */
    if (!dated(deal->date)) {
        return FALSE;
    }
    if (dated(filter->since) &&
        circa_date_last_day(deal->date) < circa_date_first_day(filter->since)) {
        return FALSE;
    }
    return !dated(filter->until) ||
           circa_date_first_day(deal->date) <= circa_date_last_day(filter->until);
}

gboolean circa_deal_filter_keeps(const CircaDealFilter *filter, const CircaDeal *deal)
{
    /* An undisclosed amount (-1) counts as zero. */
    if (filter->min_amount_usd > 0 && deal->amount_usd < filter->min_amount_usd) {
        return FALSE;
    }
    return circa_deal_filter_keeps_terms(filter, deal);
}

gboolean circa_deal_filter_check(const CircaDealFilter *filter, GError **error)
{
    if (dated(filter->since) && dated(filter->until) &&
        circa_date_first_day(filter->since) > circa_date_last_day(filter->until)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "the since date is after the until date");
        return FALSE;
    }
    return TRUE;
}

char *circa_deal_filter_describe(const CircaDealFilter *filter)
{
    if (circa_deal_filter_is_open(filter)) {
        return NULL;
    }
    GString *text = g_string_new(NULL);
    if (filter->min_status > CIRCA_STATUS_RUMORED) {
        g_string_append_printf(text, ", status %s%s", circa_status_to_string(filter->min_status),
                               filter->min_status < CIRCA_STATUS_CLOSED ? " or more" : "");
    }
    guint financing = 0, purchases = 0;
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        *(circa_kind_is_financing((CircaKind) k) ? &financing : &purchases) |= 1u << k;
    }
    if (filter->kinds == financing || filter->kinds == purchases) {
        g_string_append_printf(text, ", %s deals",
                               filter->kinds == financing ? "financing" : "purchase");
    } else if (filter->kinds != 0) {
        g_string_append(text, ", kinds ");
        guint n = 0, total = (guint) __builtin_popcount(filter->kinds);
        for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
            if (filter->kinds & (1u << k)) {
                n++;
                g_string_append_printf(text, "%s%s",
                                       n == 1       ? ""
                                       : n == total ? " and "
                                                    : ", ",
                                       circa_kind_to_string((CircaKind) k));
            }
        }
    }
    char date[11];
    if (dated(filter->since)) {
        g_string_append_printf(text, ", since %s", circa_date_format(filter->since, date));
    }
    if (dated(filter->until)) {
        g_string_append_printf(text, ", until %s", circa_date_format(filter->until, date));
    }
    if (filter->min_amount_usd > 0) {
        char amount[16];
        g_string_append_printf(text, ", payer-to-payee totals of at least %s",
                               circa_amount_format(filter->min_amount_usd, amount));
    }
    g_string_erase(text, 0, 2);
    return g_string_free(text, FALSE);
}
