/* SPDX-License-Identifier: MIT */
/* The cycle filters `circa cycles` and `circa render` share, Ctrl-C, and search progress. */

#include "cli.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The signal that asked circa to stop (SIGINT, SIGTERM), or 0. Long work watches it through the
 * command's guard and stops soon after; what was found is still shown. A second one ends the
 * process at once. */
static volatile gint interrupted;

static void on_signal(int signal_number)
{
    if (interrupted != 0) {
        signal(signal_number, SIG_DFL); /* asked twice: go now */
        raise(signal_number);
        return;
    }
    interrupted = signal_number;
}

void circa_cli_catch_signals(void)
{
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

const volatile gint *circa_cli_interrupted(void)
{
    return &interrupted;
}

int circa_cli_exit_code(int code)
{
    /* By the shell's convention: 130 after Ctrl-C, 143 after SIGTERM. */
    return interrupted != 0 ? 128 + interrupted : code;
}

static void show_progress(const CircaSearchProgress *progress, gpointer user_data)
{
    fprintf(stderr,
            "\r\033[Kcirca: start vertices %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
            ", components %u/%u, %" G_GUINT64_FORMAT " cycles",
            progress->starts_done, progress->n_starts, progress->components_done,
            progress->n_components, progress->cycles);
    fflush(stderr);
}

gboolean circa_cli_show_progress(CircaCycleOptions *options)
{
    if (!isatty(STDERR_FILENO) || g_strcmp0(g_getenv("TERM"), "dumb") == 0) {
        return FALSE;
    }
    options->progress = show_progress;
    return TRUE;
}

void circa_cli_end_progress(gboolean shown)
{
    if (shown) {
        fprintf(stderr, "\r\033[K");
    }
}

void circa_cycle_arguments_entries(CircaCycleArguments *arguments,
                                   GOptionEntry entries[CIRCA_CYCLE_N_ENTRIES])
{
    const GOptionEntry all[CIRCA_CYCLE_N_ENTRIES] = {
        {"flows", 0, 0, G_OPTION_ARG_STRING, &arguments->flows,
         "Flows to follow: money (default) or money,hardware", "FLOWS"},
        {"per-deal", 0, 0, G_OPTION_ARG_NONE, &arguments->per_deal,
         "One cycle per choice of parallel deals, not per entity loop", NULL},
        {"through", 't', 0, G_OPTION_ARG_STRING_ARRAY, &arguments->through,
         "Only cycles through ENTITY, a name or alias (repeatable: through all of them)", "ENTITY"},
        {"min-length", 0, 0, G_OPTION_ARG_INT, &arguments->min_length, "At least N hops", "N"},
        {"max-length", 0, 0, G_OPTION_ARG_INT, &arguments->max_length,
         "At most N hops (prunes the search)", "N"},
        {"window", 0, 0, G_OPTION_ARG_INT, &arguments->window,
         "Only cycles with one deal per hop within DAYS days (0: no window)", "DAYS"},
        {"ordered", 0, 0, G_OPTION_ARG_NONE, &arguments->ordered,
         "Only cycles whose deal dates never go backwards around the loop", NULL},
        {"limit", 'n', 0, G_OPTION_ARG_INT, &arguments->limit,
         "At most N cycles (0: all; default: cycles 1000, render " G_STRINGIFY(CIRCA_RENDER_DEFAULT_LOOPS) ")", "N"},
        {"sort", 0, 0, G_OPTION_ARG_STRING, &arguments->sort,
         "Order: key (cycles' default), amount (render's: largest first), length (shortest "
         "first), date (latest first) or none (search order, streamed)",
         "ORDER"},
        {"timeout", 0, 0, G_OPTION_ARG_DOUBLE, &arguments->timeout,
         "Stop after SECONDS, output included, and report what was found", "SECONDS"},
        {"max-steps", 0, 0, G_OPTION_ARG_INT64, &arguments->max_steps,
         "Stop the search after N steps (default 12000000000, about a minute; 0: no budget)", "N"},
        G_OPTION_ENTRY_NULL,
    };
    memcpy(entries, all, sizeof all);
}

void circa_cycle_arguments_clear(CircaCycleArguments *arguments)
{
    g_free(arguments->flows);
    g_strfreev(arguments->through);
    g_free(arguments->sort);
    circa_filter_arguments_clear(&arguments->deals);
}

/* Turns the command line into search options; FALSE after printing a usage error. */
gboolean circa_cycle_arguments_apply(const CircaCycleArguments *arguments, const CircaDealSet *set,
                                     CircaCycleOptions *options, GArray *through,
                                     CircaCycleSort *sort, CircaGuard *guard)
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
    if (!circa_cli_check_count("--min-length", arguments->min_length) ||
        !circa_cli_check_count("--max-length", arguments->max_length) ||
        !circa_cli_check_count("--window", arguments->window) ||
        !circa_cli_check_count("--limit", arguments->limit)) {
        return FALSE;
    }
    options->min_length = (guint) arguments->min_length;
    options->max_length = (guint) arguments->max_length;
    options->window_days = (guint) arguments->window;
    options->ordered = arguments->ordered;
    if (!isfinite(arguments->timeout) || arguments->timeout < 0) {
        circa_cli_error("--timeout: expected seconds, a number of 0 or more, found %g",
                        arguments->timeout);
        return FALSE;
    }
    if (arguments->max_steps < 0) {
        circa_cli_error("--max-steps: expected a count of 0 or more, found %" G_GINT64_FORMAT,
                        arguments->max_steps);
        return FALSE;
    }
    circa_guard_init(guard, arguments->timeout, &interrupted, (guint64) arguments->max_steps);
    options->guard = guard;
    if (!circa_filter_arguments_apply(&arguments->deals, &options->deals)) {
        return FALSE;
    }
    gboolean found_all = TRUE; /* every unknown name is said, not only the first */
    for (guint i = 0; arguments->through != NULL && arguments->through[i] != NULL; i++) {
        found_all &= circa_cli_find_entity(set, "--through", arguments->through[i], through);
    }
    if (!found_all) {
        return FALSE;
    }
    options->through = (const guint32 *) through->data;
    options->n_through = through->len;
    *sort = arguments->default_sort;
    if (arguments->sort != NULL && !circa_cycle_sort_from_string(arguments->sort, sort)) {
        circa_cli_error("--sort: expected key, amount, length, date or none, found \"%s\"",
                        arguments->sort);
        return FALSE;
    }
    return TRUE;
}
