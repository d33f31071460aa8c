/* SPDX-License-Identifier: MIT */
/* circa's entry point: set up the process, then dispatch to the subcommand named in the table. */

#include "cli.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#define COLOUR "Colour: auto colours diagnostics on a terminal unless NO_COLOR is set.\n"
/* Each command names only the exit codes it can return. */
#define EXIT_CODES COLOUR "Exit status: 0 success, 2 usage or input error."
#define EXIT_CODES_SEARCH                                                                          \
    COLOUR "Exit status: 0 success, 2 usage or input error, 130 or 143 interrupted (Ctrl-C,\n"     \
           "SIGTERM)."
#define EXIT_CODES_DIFF                                                                            \
    COLOUR "Exit status: 0 no --fail-on policy tripped, 1 one did, 2 usage or input error (bad\n"  \
           "input on either side fails), 130 or 143 interrupted (Ctrl-C, SIGTERM)."
#define EXIT_CODES_ALL                                                                             \
    COLOUR "Exit status: 0 success, 1 a circa diff --fail-on policy tripped, 2 usage or input\n"   \
           "error, 130 or 143 interrupted (Ctrl-C, SIGTERM)."

const CircaCommand circa_commands[] = {
    {"check", "FILE|DIR…", "Validate deal files and summarise them",
     "Reads every deal file (CSV or TSV; a folder gives its *.csv and *.tsv, and its entities.csv\n"
     "as the entity table; - reads standard input) and reports every problem as\n"
     "FILE:LINE:COLUMN: error: COLUMN: what is wrong, like a compiler. Prints\n"
     "\"N deals, M entities from K files: OK\" when nothing is wrong.\n\n" EXIT_CODES,
     circa_cmd_check},
    {"stats", "FILE|DIR…", "Summarise a deal graph: kinds, statuses, money, circular clusters",
     "Counts deals by kind and status, sums the disclosed money, gives the date range, the strong\n"
     "components of the money graph that hold loops (with their members and the money inside)\n"
     "and the entities that pay and receive the most. --format json gives exact integer "
     "amounts.\n\n" EXIT_CODES,
     circa_cmd_stats},
    {"cycles", "FILE|DIR…", "List, count or export the round trips of money",
     "Finds every simple cycle of money between entities: money that leaves a company and comes\n"
     "back to it. --flows money,hardware also follows chips and compute back from seller to\n"
     "buyer, never uses two edges of one deal, and needs a financing deal in each cycle.\n\n"
     "Counting: by default a cycle is a loop of entities, and parallel deals on a hop are merged\n"
     "into it (the hop lists them and sums their amounts), so Microsoft → OpenAI → Microsoft is\n"
     "one cycle however many deals join them. --per-deal counts one cycle per choice of one deal\n"
     "on each hop, as igraph does on a multigraph: two deals one way and three back are six.\n\n"
     "Filters on single deals (--kinds, --status, --since, --until, and --min-amount) remove\n"
     "them before the search; undated deals are dropped once --since or --until is given, and\n"
     "undisclosed amounts count as zero. --through, the lengths, --window and --ordered prune\n"
     "or filter inside it. The bottleneck is the smallest hop amount: (partial) when\n"
     "some deal on the loop is undisclosed, undisclosed when a whole hop is.\n\n"
     "A result cut short by --limit, --timeout (0: none), the step budget or the memory guard\n"
     "exits 0: text and JSON say it is truncated; with --count, csv, tsv, dot or mermaid a\n"
     "note goes to stderr. Ctrl-C prints what was found and exits 130 (SIGTERM: "
     "143).\n\n" EXIT_CODES_SEARCH,
     circa_cmd_cycles},
    {"render", "FILE|DIR… -o OUT", "Draw the deal graph with its round trips highlighted",
     "Draws the deals as a flow diagram through Graphviz: one arrow per direction, as wide as\n"
     "the log of its total and labelled like \"$13.8B equity ×4\" (--per-deal: one per deal);\n"
     "the kind is the coloured word, certainty the opacity (rumored faintest); with --flows\n"
     "money,hardware, hardware going back dashed. The round trips chosen by the cycle filters\n"
     "(as in circa cycles; by default the 6 with the largest bottleneck, one per colour) are\n"
     "numbered, each in its colour, and listed in the key under the title; other arrows are grey. Entities are\n"
     "filled by their type from entities.csv and grouped by circular cluster. One loop alone\n"
     "(--each-cycle, --cycles-only --limit 1) is titled by its key and drawn as a ring.\n"
     "--size fits a slide or page. The format comes from -o's extension unless --format says;\n"
     "-o - writes to stdout. A footnote with the command line says what was drawn.\n\n"
     "The search may use half of --timeout, and what it found is drawn; a layout still running\n"
     "at the deadline is an error (exit 2) and nothing is written. Ctrl-C exits "
     "130.\n\n" EXIT_CODES_SEARCH,
     circa_cmd_render},
    {"diff", "BASE HEAD | --git REV [PATH…]",
     "What a change to the deal files does to the round trips, for CI",
     "Compares two versions of the deals: BASE and HEAD (files or folders), or with --git REV\n"
     "the deal files of revision REV (read through git) and the working tree; REV may be A..B\n"
     "(two revisions) or A...B (B against its merge base with A). PATHs default to the current\n"
     "folder. Deals are matched by id: added, removed, changed (and which fields). Loops are\n"
     "matched by their canonical key: new loops with the deals that close them (FILE:LINE in\n"
     "HEAD), broken loops with the deals that broke them, and loops whose bottleneck or\n"
     "certainty changed. The cycle filters of circa cycles apply; the search is bounded by\n"
     "--max-length 6 and --timeout 120 unless told otherwise, and every output says when a\n"
     "bound cut it short.\n\n"
     "A baseline (.circa-baseline, or --baseline FILE) lists reviewed loops as KEY<TAB>REASON;\n"
     "a new loop it lists is reported as known, not new. --write-baseline accepts every loop\n"
     "of HEAD. Formats: text, json, markdown (GitHub step summary, under 900 KiB), sarif\n"
     "(2.1.0, code scanning), github (workflow annotations), gitlab (Code Quality), junit;\n"
     "--format for stdout, --output FORMAT=PATH for files, several at once.\n\n" EXIT_CODES_DIFF,
     circa_cmd_diff},
};
const guint circa_n_commands = G_N_ELEMENTS(circa_commands);

static void print_usage(FILE *out)
{
    int width = 0;
    for (guint i = 0; i < circa_n_commands; i++) {
        width = MAX(width, (int) strlen(circa_commands[i].name));
    }
    fprintf(out, "Usage:\n  circa COMMAND [OPTION…] FILE|DIR…\n\n"
                 "Find round-trip financing in graphs of deals between companies.\n\nCommands:\n");
    for (guint i = 0; i < circa_n_commands; i++) {
        fprintf(out, "  %-*s  %s\n", width, circa_commands[i].name, circa_commands[i].summary);
    }
    fprintf(out, "\n'circa COMMAND --help' describes a command and its options.\n"
                 "Other options: --help, --version.\n" EXIT_CODES_ALL "\n");
}

static const CircaCommand *find_command(const char *name)
{
    for (guint i = 0; i < circa_n_commands; i++) {
        if (strcmp(circa_commands[i].name, name) == 0) {
            return &circa_commands[i];
        }
    }
    return NULL;
}

/* The command a mistyped name most likely meant, or NULL. */
static const CircaCommand *closest_command(const char *name)
{
    const CircaCommand *best = NULL;
    guint best_distance = 3;
    for (guint i = 0; i < circa_n_commands; i++) {
        const char *candidate = circa_commands[i].name;
        guint n = (guint) strlen(name), m = (guint) strlen(candidate);
        if (n > 32 || m > 32) {
            continue;
        }
        guint row[33];
        for (guint j = 0; j <= m; j++) {
            row[j] = j;
        }
        for (guint a = 1; a <= n; a++) {
            guint diagonal = row[0];
            row[0] = a;
            for (guint b = 1; b <= m; b++) {
                guint up = row[b];
                guint cost = name[a - 1] == candidate[b - 1] ? 0 : 1;
                row[b] = MIN(MIN(row[b] + 1, row[b - 1] + 1), diagonal + cost);
                diagonal = up;
            }
        }
        if (row[m] < best_distance) {
            best_distance = row[m];
            best = &circa_commands[i];
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* In a C/POSIX locale GLib would print non-ASCII names as '?' and reject them as options. */
    if (!g_get_charset(NULL)) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
    g_log_writer_default_set_use_stderr(TRUE);
    /* Past a file-size limit (ulimit -f) a write fails with EFBIG rather than killing circa, so
     * a file being written is removed and the previous one stays. */
    signal(SIGXFSZ, SIG_IGN);
    g_set_prgname("circa");
    circa_igraph_init();

    if (argc < 2) {
        print_usage(stderr);
        return CIRCA_EXIT_ERROR;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        (strcmp(name, "help") == 0 && argc == 2)) {
        print_usage(stdout);
        return CIRCA_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("circa %s\n", CIRCA_VERSION);
        return CIRCA_EXIT_OK;
    }
    gboolean help = strcmp(name, "help") == 0;
    if (help) {
        name = argv[2];
    }
    const CircaCommand *command = find_command(name);
    if (command == NULL) {
        const CircaCommand *guess = closest_command(name);
        if (guess != NULL) {
            circa_cli_error("unknown command '%s'; did you mean '%s'?\nSee 'circa --help'.", name,
                            guess->name);
        } else {
            circa_cli_error("unknown command '%s'\nSee 'circa --help'.", name);
        }
        return CIRCA_EXIT_ERROR;
    }

    g_autofree char *prgname = g_strdup_printf("circa %s", command->name);
    g_set_prgname(prgname);
    if (help) {
        char *help_argv[] = {argv[0], "--help", NULL};
        return command->run(2, help_argv);
    }
    /* The command sees its own name as argv[0]. */
    return command->run(argc - 1, argv + 1);
}
