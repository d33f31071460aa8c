/* SPDX-License-Identifier: MIT */
/* circa cycles: list, count or export the round trips of a deal graph. */

#include "cli.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

/* Set by SIGINT: the search stops soon after and what was found is still printed. */
static volatile gint interrupted;

static void on_interrupt(int signal_number)
{
    interrupted = 1;
}

typedef struct {
    char *flows;
    gboolean per_deal;
    char **through;
    int min_length;
    int max_length;
    char *min_amount;
    char *kinds;
    char *status;
    char *since;
    char *until;
    int window;
    gboolean ordered;
    int limit;
    char *sort;
    char *format;
    gboolean count;
    gdouble timeout;
} CyclesArguments;

static void cycles_arguments_clear(CyclesArguments *arguments)
{
    g_free(arguments->flows);
    g_strfreev(arguments->through);
    g_free(arguments->min_amount);
    g_free(arguments->kinds);
    g_free(arguments->status);
    g_free(arguments->since);
    g_free(arguments->until);
    g_free(arguments->sort);
    g_free(arguments->format);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CyclesArguments, cycles_arguments_clear)

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

static gboolean non_negative(const char *option, int value)
{
    if (value < 0) {
        circa_cli_error("%s: expected a count of 0 or more, found %d", option, value);
        return FALSE;
    }
    return TRUE;
}

/* Turns the command line into search options; FALSE after printing a usage error. */
static gboolean build_options(const CyclesArguments *arguments, const CircaDealSet *set,
                              CircaCycleOptions *options, GArray *through)
{
    circa_cycle_options_init(options);
    if (arguments->flows == NULL || strcmp(arguments->flows, "money") == 0) {
        options->pass = CIRCA_PASS_MONEY;
    } else if (strcmp(arguments->flows, "money,hardware") == 0 ||
               strcmp(arguments->flows, "hardware,money") == 0) {
        options->pass = CIRCA_PASS_MIXED;
    } else {
        circa_cli_error("--flows: expected money or money,hardware, found \"%s\"",
                        arguments->flows);
        return FALSE;
    }
    options->per_deal = arguments->per_deal;
    if (!non_negative("--min-length", arguments->min_length) ||
        !non_negative("--max-length", arguments->max_length) ||
        !non_negative("--window", arguments->window) ||
        !non_negative("--limit", arguments->limit)) {
        return FALSE;
    }
    options->min_length = (guint) arguments->min_length;
    options->max_length = (guint) arguments->max_length;
    options->window_days = (guint) arguments->window;
    options->ordered = arguments->ordered;
    if (arguments->timeout < 0) {
        circa_cli_error("--timeout: expected seconds, 0 or more, found %g", arguments->timeout);
        return FALSE;
    }
    options->timeout_seconds = arguments->timeout;
    if (arguments->min_amount != NULL) {
        g_autoptr(GError) error = NULL;
        if (!circa_amount_parse(arguments->min_amount, &options->min_amount_usd, NULL, &error) ||
            options->min_amount_usd < 0) {
            circa_cli_error("--min-amount: %s", error ? error->message : "expected an amount");
            return FALSE;
        }
    }
    if (arguments->kinds != NULL && !parse_kinds(arguments->kinds, &options->kinds)) {
        return FALSE;
    }
    if (arguments->status != NULL) {
        CircaStatus status;
        if (!circa_status_from_string(arguments->status, &status)) {
            circa_cli_error("--status: expected one of %s, found \"%s\"", circa_status_list(),
                            arguments->status);
            return FALSE;
        }
        options->min_status = status;
    }
    if (!parse_date("--since", arguments->since, &options->since) ||
        !parse_date("--until", arguments->until, &options->until)) {
        return FALSE;
    }
    for (guint i = 0; arguments->through != NULL && arguments->through[i] != NULL; i++) {
        guint32 entity;
        if (!circa_deal_set_find_entity(set, g_strstrip(arguments->through[i]), &entity)) {
            circa_cli_error("--through: no deal involves \"%s\" (names and aliases match exactly)",
                            arguments->through[i]);
            return FALSE;
        }
        g_array_append_val(through, entity);
    }
    options->through = (const guint32 *) through->data;
    options->n_through = through->len;
    options->cancel = &interrupted;
    return TRUE;
}

static void show_progress(const CircaSearchProgress *progress, gpointer user_data)
{
    fprintf(stderr,
            "\r\033[Kcirca cycles: start vertices %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
            ", components %u/%u, %" G_GUINT64_FORMAT " cycles",
            progress->starts_done, progress->n_starts, progress->components_done,
            progress->n_components, progress->cycles);
    fflush(stderr);
}

int circa_cmd_cycles(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(CyclesArguments) arguments = {.limit = 1000};
    g_auto(GStrv) paths = NULL;
    const GOptionEntry entries[] = {
        {"flows", 0, 0, G_OPTION_ARG_STRING, &arguments.flows,
         "Flows to follow: money (default) or money,hardware", "FLOWS"},
        {"per-deal", 0, 0, G_OPTION_ARG_NONE, &arguments.per_deal,
         "One cycle per choice of parallel deals, not per entity loop", NULL},
        {"through", 't', 0, G_OPTION_ARG_STRING_ARRAY, &arguments.through,
         "Only cycles through ENTITY (repeatable: through all of them)", "ENTITY"},
        {"min-length", 0, 0, G_OPTION_ARG_INT, &arguments.min_length, "At least N hops", "N"},
        {"max-length", 0, 0, G_OPTION_ARG_INT, &arguments.max_length,
         "At most N hops (prunes the search)", "N"},
        {"min-amount", 0, 0, G_OPTION_ARG_STRING, &arguments.min_amount,
         "Only hops (deals, with --per-deal) of at least AMOUNT, e.g. 1B", "AMOUNT"},
        {"kinds", 0, 0, G_OPTION_ARG_STRING, &arguments.kinds,
         "Only deals of these kinds (comma-separated; financing, purchases)", "LIST"},
        {"status", 0, 0, G_OPTION_ARG_STRING, &arguments.status,
         "Only deals at least this certain (rumored < announced < signed < closed)", "STATUS"},
        {"since", 0, 0, G_OPTION_ARG_STRING, &arguments.since, "Only deals dated from DATE on",
         "DATE"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &arguments.until, "Only deals dated up to DATE",
         "DATE"},
        {"window", 0, 0, G_OPTION_ARG_INT, &arguments.window,
         "Only cycles whose deals all fall within DAYS days", "DAYS"},
        {"ordered", 0, 0, G_OPTION_ARG_NONE, &arguments.ordered,
         "Only cycles whose deal dates never go backwards around the loop", NULL},
        {"limit", 'n', 0, G_OPTION_ARG_INT, &arguments.limit,
         "Show at most N cycles (default 1000; 0: all)", "N"},
        {"sort", 0, 0, G_OPTION_ARG_STRING, &arguments.sort,
         "Order: key (default), amount, length, date or none (search order)", "ORDER"},
        {"format", 'f', 0, G_OPTION_ARG_STRING, &arguments.format,
         "Output: text (default), json, csv or tsv", "FORMAT"},
        {"count", 'c', 0, G_OPTION_ARG_NONE, &arguments.count, "Print only the number of cycles",
         NULL},
        {"timeout", 0, 0, G_OPTION_ARG_DOUBLE, &arguments.timeout,
         "Stop searching after SECONDS and report what was found", "SECONDS"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL},
        G_OPTION_ENTRY_NULL,
    };
    if (!circa_cli_parse(&circa_commands[2], entries, &input, &argc, &argv)) {
        return CIRCA_EXIT_ERROR;
    }
    CircaCycleSort sort = CIRCA_CYCLE_SORT_KEY;
    if (arguments.sort != NULL && !circa_cycle_sort_from_string(arguments.sort, &sort)) {
        circa_cli_error("--sort: expected key, amount, length, date or none, found \"%s\"",
                        arguments.sort);
        return CIRCA_EXIT_ERROR;
    }
    const char *format = arguments.format != NULL ? arguments.format : "text";
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
        strcmp(format, "tsv") != 0) {
        circa_cli_error("--format: expected text, json, csv or tsv, found \"%s\"", format);
        return CIRCA_EXIT_ERROR;
    }

    g_autoptr(CircaDealSet) set = NULL;
    g_autoptr(CircaGraph) graph = circa_cli_load_graph(paths, &input, &set);
    if (graph == NULL) {
        return CIRCA_EXIT_ERROR;
    }
    g_autoptr(GError) error = NULL;
    CircaCycleOptions options;
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (!build_options(&arguments, set, &options, through)) {
        return CIRCA_EXIT_ERROR;
    }
    gboolean progress = isatty(STDERR_FILENO) && g_strcmp0(g_getenv("TERM"), "dumb") != 0;
    if (progress) {
        options.progress = show_progress;
    }
    struct sigaction action = {.sa_handler = on_interrupt}, previous;
    sigaction(SIGINT, &action, &previous);

    gboolean ok;
    g_autoptr(GString) out = g_string_new(NULL);
    CircaSearchEnd end = CIRCA_SEARCH_COMPLETE;
    if (arguments.count) {
        guint64 count = 0;
        ok = circa_cycles_count(graph, &options, &count, &end, &error);
        g_string_append_printf(out, "%" G_GUINT64_FORMAT "\n", count);
    } else {
        g_autoptr(CircaCycleSet) cycles =
            circa_cycles_collect(graph, &options, sort, (guint) arguments.limit, &error);
        ok = cycles != NULL;
        if (ok) {
            end = cycles->end;
            if (strcmp(format, "json") == 0) {
                g_autofree char *json = circa_cycles_to_json(cycles, graph, &options);
                g_string_append(out, json);
            } else if (strcmp(format, "text") == 0) {
                circa_cycles_write_text(cycles, graph, &options, out);
            } else {
                circa_cycles_write_delimited(cycles, graph, format[0] == 'c' ? ',' : '\t', out);
                if (cycles->truncated) {
                    end = end == CIRCA_SEARCH_COMPLETE ? CIRCA_SEARCH_STOPPED : end;
                }
            }
        }
    }
    sigaction(SIGINT, &previous, NULL);
    if (progress) {
        fprintf(stderr, "\r\033[K");
    }
    if (!ok) {
        circa_cli_error("%s", error->message);
        return CIRCA_EXIT_ERROR;
    }
    /* Text and JSON say it themselves; a bare count or rows need a word on stderr. */
    if ((arguments.count || strcmp(format, "csv") == 0 || strcmp(format, "tsv") == 0) &&
        end != CIRCA_SEARCH_COMPLETE) {
        circa_cli_error("the result is truncated (%s); more cycles may exist",
                        circa_search_end_to_string(end));
    }
    return circa_cli_write_stdout(out->str, out->len) ? CIRCA_EXIT_OK : CIRCA_EXIT_ERROR;
}
