/* SPDX-License-Identifier: MIT */
/* The filters on single deals that stats, cycles and render share, and naming an entity on the
 * command line. */

#include "cli.h"

#include <string.h>

void circa_filter_arguments_entries(CircaFilterArguments *arguments, gboolean hops,
                                    GOptionEntry entries[CIRCA_FILTER_N_ENTRIES])
{
    const GOptionEntry all[CIRCA_FILTER_N_ENTRIES] = {
        {"kinds", 0, 0, G_OPTION_ARG_STRING, &arguments->kinds,
         "Only deals of these kinds (comma-separated; financing, purchases)", "LIST"},
        {"status", 0, 0, G_OPTION_ARG_STRING, &arguments->status,
         "Only deals at least this certain (rumored < announced < signed < closed)", "STATUS"},
        {"since", 0, 0, G_OPTION_ARG_STRING, &arguments->since, "Only deals dated from DATE on",
         "DATE"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &arguments->until, "Only deals dated up to DATE",
         "DATE"},
        {"min-amount", 0, 0, G_OPTION_ARG_STRING, &arguments->min_amount,
         hops ? "Only hops (deals, with --per-deal) of at least AMOUNT, e.g. 1B"
              : "Only the deals from a payer to a payee that total at least AMOUNT, e.g. 1B",
         "AMOUNT"},
        G_OPTION_ENTRY_NULL,
    };
    memcpy(entries, all, sizeof all);
}

void circa_filter_arguments_clear(CircaFilterArguments *arguments)
{
    g_free(arguments->min_amount);
    g_free(arguments->kinds);
    g_free(arguments->status);
    g_free(arguments->since);
    g_free(arguments->until);
}

static gboolean parse_kinds(const char *text, guint *kinds)
{
    g_auto(GStrv) names = g_strsplit(text, ",", -1);
    *kinds = 0;
    for (guint i = 0; names[i] != NULL; i++) {
        const char *name = g_strstrip(names[i]);
        CircaKind kind;
        if (g_ascii_strcasecmp(name, "financing") == 0 ||
            g_ascii_strcasecmp(name, "purchases") == 0) {
            gboolean financing = g_ascii_strcasecmp(name, "financing") == 0;
            for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
                if (circa_kind_is_financing((CircaKind) k) == financing) {
                    *kinds |= 1u << k;
                }
            }
        } else if (circa_kind_from_string(name, &kind)) {
            *kinds |= 1u << kind;
        } else {
            circa_cli_error("--kinds: unknown kind \"%s\"; expected a comma-separated list of %s, "
                            "financing or purchases",
                            name, circa_kind_list());
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean parse_date(const char *option, const char *text, CircaDate *date)
{
    g_autoptr(GError) error = NULL;
    if (text != NULL &&
        (!circa_date_parse(text, date, &error) || date->precision == CIRCA_DATE_NONE)) {
        circa_cli_error("%s: %s", option, error ? error->message : "expected a date");
        return FALSE;
    }
    return TRUE;
}

gboolean circa_filter_arguments_apply(const CircaFilterArguments *arguments,
                                      CircaDealFilter *filter)
{
    circa_deal_filter_init(filter);
    if (arguments->min_amount != NULL) {
        g_autoptr(GError) error = NULL;
        const char *text = arguments->min_amount;
        if (text[0] == '-' || (text[0] == '$' && text[1] == '-')) {
            circa_cli_error("--min-amount: expected an amount of 0 or more, found \"%s\"", text);
            return FALSE;
        }
        if (!circa_amount_parse(text, &filter->min_amount_usd, NULL, &error) ||
            filter->min_amount_usd < 0) {
            circa_cli_error("--min-amount: %s", error ? error->message : "expected an amount");
            return FALSE;
        }
    }
    if (arguments->kinds != NULL && !parse_kinds(arguments->kinds, &filter->kinds)) {
        return FALSE;
    }
    if (arguments->status != NULL) {
        CircaStatus status;
        if (!circa_status_from_string(arguments->status, &status)) {
            circa_cli_error("--status: expected one of %s, found \"%s\"", circa_status_list(),
                            arguments->status);
            return FALSE;
        }
        filter->min_status = status;
    }
    if (!parse_date("--since", arguments->since, &filter->since) ||
        !parse_date("--until", arguments->until, &filter->until)) {
        return FALSE;
    }
    g_autoptr(GError) error = NULL;
    if (!circa_deal_filter_check(filter, &error)) {
        circa_cli_error("--since, --until: %s", error->message);
        return FALSE;
    }
    return TRUE;
}

gboolean circa_cli_find_entity(const CircaDealSet *set, const char *option, const char *name,
                               GArray *entities)
{
    guint32 entity;
    if (!circa_deal_set_find_entity(set, name, &entity)) {
        g_autofree char *guess = circa_deal_set_suggest_entity(set, name);
        if (guess != NULL) {
            circa_cli_error("%s: no deal involves \"%s\"; did you mean %s?", option, name, guess);
        } else {
            circa_cli_error("%s: no deal involves \"%s\" (not a name or alias of the data)", option,
                            name);
        }
        return FALSE;
    }
    for (guint i = 0; i < entities->len; i++) {
        if (g_array_index(entities, guint32, i) == entity) {
            return TRUE; /* named twice, or by a name and its alias: one entity */
        }
    }
    g_array_append_val(entities, entity);
    return TRUE;
}
