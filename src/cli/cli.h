/* SPDX-License-Identifier: MIT */
/* What the subcommands share: the command table, input options, and the one place that prints
 * diagnostics. */
#pragma once

#include <circa.h>
#include <stdio.h>

/* Exit codes, documented in --help and the README. */
enum {
    CIRCA_EXIT_OK = 0,
    CIRCA_EXIT_POLICY = 1, /* a --fail-on policy tripped */
    CIRCA_EXIT_ERROR = 2,  /* usage or input error */
};

typedef struct {
    const char *name;
    const char *parameters;  /* after the options in the usage line */
    const char *summary;     /* one line, for `circa --help` */
    const char *description; /* shown after the options in `circa NAME --help` */
    int (*run)(int argc, char **argv);
} CircaCommand;

extern const CircaCommand circa_commands[];
extern const guint circa_n_commands;

/* Options every command that reads deals takes. */
typedef struct {
    char *entities;
    gboolean no_entities_beside;
    int max_errors;
    char *color;
} CircaInputOptions;

#define CIRCA_INPUT_OPTIONS_INIT                                                                   \
    {                                                                                              \
        NULL, FALSE, 100, NULL                                                                     \
    }

void circa_input_options_clear(CircaInputOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CircaInputOptions, circa_input_options_clear)

/* --entities, --no-entities-beside, --max-errors and --color, writing into @options (with the
 * terminating entry). */
#define CIRCA_INPUT_N_ENTRIES 5
void circa_input_option_entries(CircaInputOptions *options,
                                GOptionEntry entries[CIRCA_INPUT_N_ENTRIES]);

/* Parses the command's options: its own @entries, then each table of @more (a NULL-terminated
 * list, nullable), and the input options when @input is not NULL. FALSE after printing a usage
 * error; --help prints to stdout and exits 0. */
gboolean circa_cli_parse(const CircaCommand *command, const GOptionEntry *entries,
                         const GOptionEntry *const *more, CircaInputOptions *input, int *argc,
                         char ***argv);

/* Loads @paths, printing every diagnostic to stderr. NULL when loading failed (after printing
 * why): the command then exits with CIRCA_EXIT_ERROR. *@n_warnings (nullable) receives the
 * number of warnings. */
CircaDealSet *circa_cli_load(char **paths, const CircaInputOptions *options, guint *n_warnings);

/* circa_cli_load() in three steps, so that two loads can run at once: prepare (checks the
 * options; FALSE after printing a usage error), run (reads, prints nothing: safe in a thread),
 * report (prints the diagnostics and returns the set, NULL when loading failed). Between prepare
 * and run a caller may set the loader's display mapping and the entity table. */
typedef struct {
    char **paths;
    const CircaInputOptions *options;
    const char *display_root; /* nullable: see CircaLoadOptions */
    const char *display_prefix;
    const char *entities; /* nullable: the entity table to use (--entities by default) */
    gboolean color;
    CircaDiagnostics *diagnostics;
    CircaDealSet *set;
    GError *error;
} CircaCliLoad;

gboolean circa_cli_load_prepare(CircaCliLoad *job, char **paths, const CircaInputOptions *options);
void circa_cli_load_run(CircaCliLoad *job);
CircaDealSet *circa_cli_load_report(CircaCliLoad *job, guint *n_warnings);
/* --color as asked; FALSE after printing a usage error. */
gboolean circa_cli_use_color(const CircaInputOptions *options, gboolean *color);
/* Every diagnostic on stderr, then what was left out. */
void circa_cli_print_diagnostics(const CircaDiagnostics *diagnostics, gboolean color,
                                 int max_errors);

/* Loads @paths like circa_cli_load() and builds their graph; NULL after printing why. *@set
 * receives the deals, which the graph borrows: free the graph first. */
CircaGraph *circa_cli_load_graph(char **paths, const CircaInputOptions *options,
                                 CircaDealSet **set);

/* Prints "circa NAME: MESSAGE" on stderr; the only way commands report failures. */
void circa_cli_error(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* FALSE, after saying so, when the count given to @option is negative. */
gboolean circa_cli_check_count(const char *option, int value);

/* Writes @text to stdout; reports a write failure (full disk, closed pipe) as an error. */
gboolean circa_cli_write_stdout(const char *text, gsize length);

/* The filters on single deals that `circa stats`, `cycles` and `render` share. */
typedef struct {
    char *min_amount;
    char *kinds;
    char *status;
    char *since;
    char *until;
} CircaFilterArguments;

#define CIRCA_FILTER_N_ENTRIES 6
/* @hops: --min-amount bounds whole hops (the cycle commands) rather than single deals. */
void circa_filter_arguments_entries(CircaFilterArguments *arguments, gboolean hops,
                                    GOptionEntry entries[CIRCA_FILTER_N_ENTRIES]);
void circa_filter_arguments_clear(CircaFilterArguments *arguments);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CircaFilterArguments, circa_filter_arguments_clear)
/* Turns the arguments into @filter; FALSE after printing a usage error. */
gboolean circa_filter_arguments_apply(const CircaFilterArguments *arguments,
                                      CircaDealFilter *filter);

/* The entity @name (a name or alias, in any normalisation) stands for, into @entities unless it
 * is there already; FALSE after printing "OPTION: no deal involves …; did you mean …?". */
gboolean circa_cli_find_entity(const CircaDealSet *set, const char *option, const char *name,
                               GArray *entities);

/* The cycle filters and guards of `circa cycles` and `circa render`, with the deal filters. */
typedef struct {
    char *flows;
    gboolean per_deal;
    char **through;
    int min_length;
    int max_length;
    int window;
    gboolean ordered;
    int limit;
    char *sort;
    CircaCycleSort default_sort;
    gdouble timeout;
    gint64 max_steps;
    CircaFilterArguments deals;
} CircaCycleArguments;

#define CIRCA_CYCLE_ARGUMENTS_INIT(limit_, sort_)                                                  \
    {                                                                                              \
        .limit = (limit_), .default_sort = (sort_), .max_steps = (gint64) CIRCA_DEFAULT_MAX_STEPS  \
    }

#define CIRCA_CYCLE_N_ENTRIES 12
void circa_cycle_arguments_entries(CircaCycleArguments *arguments,
                                   GOptionEntry entries[CIRCA_CYCLE_N_ENTRIES]);
void circa_cycle_arguments_clear(CircaCycleArguments *arguments);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CircaCycleArguments, circa_cycle_arguments_clear)
/* Turns the arguments into search options (resolving --through names, each once), the order,
 * and the command's @guard (its deadline, the signal flag, the step budget), which the options
 * point to; FALSE after printing a usage error. */
gboolean circa_cycle_arguments_apply(const CircaCycleArguments *arguments, const CircaDealSet *set,
                                     CircaCycleOptions *options, GArray *through,
                                     CircaCycleSort *sort, CircaGuard *guard);

/* SIGINT and SIGTERM stop long work through the command's guard instead of killing the
 * process; a second signal kills it at once. */
void circa_cli_catch_signals(void);
const volatile gint *circa_cli_interrupted(void);
/* @code, or 130 (SIGINT) or 143 (SIGTERM) when a signal cut the work short. */
int circa_cli_exit_code(int code);
/* Progress on stderr when it is a terminal; TRUE when shown. */
gboolean circa_cli_show_progress(CircaCycleOptions *options);
void circa_cli_end_progress(gboolean shown);

int circa_cmd_check(int argc, char **argv);
int circa_cmd_stats(int argc, char **argv);
int circa_cmd_cycles(int argc, char **argv);
int circa_cmd_render(int argc, char **argv);
int circa_cmd_diff(int argc, char **argv);
