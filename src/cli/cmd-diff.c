/* SPDX-License-Identifier: MIT */
/* circa diff: what a change to the deal files does to the round trips — for a pull request, in
 * the formats CI systems read, with an exit code a pipeline can gate on. */

#include "cli.h"

#include <string.h>
#include <unistd.h>

/* Bounded by default: a pull request must not be able to make CI run for hours. */
#define DIFF_DEFAULT_MAX_LENGTH 6
#define DIFF_DEFAULT_TIMEOUT 120.0

typedef enum { FAIL_NEVER, FAIL_NEW, FAIL_CHANGED, FAIL_ANY } FailOn;

/* One side of the diff: its files (from a revision, or as they are), deals and graph. */
typedef struct {
    char *label;                 /* "HEAD~1", "working tree", "old/" */
    CircaRevisionFiles *written; /* nullable: a revision's files in a temporary folder */
    GPtrArray *found;            /* nullable: the paths to read (NULL-terminated) */
    CircaCliLoad job;            /* the load, once prepared */
    gboolean to_load;            /* FALSE: the set is already there (a side with no deals) */
    CircaDealSet *set;
    CircaGraph *graph;
} Side;

static void side_clear(Side *side)
{
    g_clear_pointer(&side->graph, circa_graph_free);
    g_clear_pointer(&side->set, circa_deal_set_free);
    g_clear_pointer(&side->written, circa_revision_files_free);
    if (side->found != NULL) {
        g_ptr_array_free(side->found, TRUE);
    }
    g_clear_pointer(&side->label, g_free);
}

/* Prepares to read @paths as they are now. */
static gboolean prepare_paths(Side *side, char **paths, const CircaInputOptions *input)
{
    side->found = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; paths[i] != NULL; i++) {
        g_ptr_array_add(side->found, g_strdup(paths[i]));
    }
    g_ptr_array_add(side->found, NULL);
    side->to_load = TRUE;
    return circa_cli_load_prepare(&side->job, (char **) side->found->pdata, input);
}

/* Writes out @paths (and --entities) as they were at @revision, and prepares to read them,
 * named "REV:PATH" in every message. */
static gboolean prepare_revision(Side *side, const char *revision, char **paths,
                                 const CircaInputOptions *input)
{
    g_autoptr(GPtrArray) asked = g_ptr_array_new();
    for (guint i = 0; paths[i] != NULL; i++) {
        g_ptr_array_add(asked, paths[i]);
    }
    if (input->entities != NULL) {
        g_ptr_array_add(asked, input->entities);
    }
    g_ptr_array_add(asked, NULL);
    g_autoptr(GError) error = NULL;
    side->written =
        circa_revision_files_new(revision, (const char *const *) asked->pdata, 0, &error);
    if (side->written == NULL) {
        circa_cli_error("%s", error->message);
        return FALSE;
    }
    guint n_paths = g_strv_length(paths);
    side->found = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < n_paths; i++) {
        if (side->written->paths[i] != NULL) {
            g_ptr_array_add(side->found, g_strdup(side->written->paths[i]));
        }
    }
    g_ptr_array_add(side->found, NULL);
    if (side->found->len == 1) {
        /* None of the paths existed then: this side has no deals yet. */
        side->set = circa_deal_set_new_empty();
        return TRUE;
    }
    side->to_load = TRUE;
    if (!circa_cli_load_prepare(&side->job, (char **) side->found->pdata, input)) {
        return FALSE;
    }
    side->job.display_root = side->written->root;
    side->job.display_prefix = side->written->prefix;
    side->job.entities = input->entities != NULL ? side->written->paths[n_paths] : NULL;
    return TRUE;
}

static gpointer run_load(gpointer job)
{
    circa_cli_load_run(job);
    return NULL;
}

/* Reads both sides at once (two files of a million deals take two cores' worth of parsing),
 * then reports each side's problems, base first. */
static gboolean load_both(Side *base, Side *head)
{
    GThread *thread = NULL;
    if (base->to_load && head->to_load) {
        thread = g_thread_new("circa-load", run_load, &base->job);
    } else if (base->to_load) {
        circa_cli_load_run(&base->job);
    }
    if (head->to_load) {
        circa_cli_load_run(&head->job);
    }
    if (thread != NULL) {
        g_thread_join(thread);
    }
    gboolean ok = TRUE;
    if (base->to_load) {
        base->set = circa_cli_load_report(&base->job, NULL);
        ok &= base->set != NULL;
    }
    if (head->to_load) {
        head->set = circa_cli_load_report(&head->job, NULL);
        ok &= head->set != NULL;
    }
    return ok;
}

static gboolean build_graph(Side *side)
{
    g_autoptr(GError) error = NULL;
    side->graph = circa_graph_new_from_deals(side->set, &error);
    if (side->graph == NULL) {
        circa_cli_error("%s", error->message);
    }
    return side->graph != NULL;
}

/* "--output FORMAT=PATH" */
typedef struct {
    CircaDiffFormat format;
    const char *path; /* "-": stdout */
} Output;

static gboolean parse_format(const char *option, const char *text, CircaDiffFormat *format)
{
    if (circa_diff_format_from_string(text, format)) {
        return TRUE;
    }
    circa_cli_error("%s: expected text, json, markdown, sarif, github, gitlab or junit, found "
                    "\"%s\"",
                    option, text);
    return FALSE;
}

static gboolean parse_outputs(char **outputs, const char *format_name, GArray *list)
{
    for (guint i = 0; outputs != NULL && outputs[i] != NULL; i++) {
        const char *equals = strchr(outputs[i], '=');
        if (equals == NULL || equals == outputs[i] || equals[1] == '\0') {
            circa_cli_error("--output: expected FORMAT=PATH (markdown=summary.md, sarif=-), found "
                            "\"%s\"",
                            outputs[i]);
            return FALSE;
        }
        g_autofree char *name = g_strndup(outputs[i], (gsize) (equals - outputs[i]));
        Output output = {.path = equals + 1};
        if (!parse_format("--output", name, &output.format)) {
            return FALSE;
        }
        g_array_append_val(list, output);
    }
    /* --format goes to stdout; without any option, text does. */
    if (format_name != NULL || list->len == 0) {
        Output output = {.format = CIRCA_DIFF_TEXT, .path = "-"};
        if (format_name != NULL && !parse_format("--format", format_name, &output.format)) {
            return FALSE;
        }
        g_array_append_val(list, output);
    }
    guint to_stdout = 0;
    for (guint i = 0; i < list->len; i++) {
        to_stdout += strcmp(g_array_index(list, Output, i).path, "-") == 0;
    }
    if (to_stdout > 1) {
        circa_cli_error("--output: only one format can go to standard output (-)");
        return FALSE;
    }
    return TRUE;
}

static gboolean parse_fail_on(const char *text, FailOn *fail_on)
{
    static const struct {
        const char *name;
        FailOn value;
    } policies[] = {{"never", FAIL_NEVER},
                    {"none", FAIL_NEVER},
                    {"new-loops", FAIL_NEW},
                    {"changed-loops", FAIL_CHANGED},
                    {"any", FAIL_ANY}};
    *fail_on = FAIL_NEVER;
    if (text == NULL) {
        return TRUE;
    }
    for (guint i = 0; i < G_N_ELEMENTS(policies); i++) {
        if (strcmp(text, policies[i].name) == 0) {
            *fail_on = policies[i].value;
            return TRUE;
        }
    }
    circa_cli_error("--fail-on: expected new-loops, changed-loops, any or never, found \"%s\"",
                    text);
    return FALSE;
}

static gboolean tripped(const CircaDiff *diff, FailOn fail_on)
{
    guint n_new = diff->n_loops[CIRCA_LOOP_NEW];
    guint n_changed = diff->n_loops[CIRCA_LOOP_CHANGED];
    switch (fail_on) {
    case FAIL_NEVER:
        return FALSE;
    case FAIL_NEW:
        return n_new > 0;
    case FAIL_CHANGED:
        return n_new + n_changed > 0;
    case FAIL_ANY:
        return n_new + n_changed + diff->n_loops[CIRCA_LOOP_BROKEN] > 0;
    }
    return FALSE;
}

/* A baseline edited by hand may name a loop by an alias or a misspelt name, which matches
 * nothing: warn at its line, with the name to write. */
static void check_baseline_names(const CircaBaseline *baseline, const Side *base, const Side *head,
                                 const CircaInputOptions *input)
{
    gboolean color = FALSE;
    circa_cli_use_color(input, &color);
    g_autoptr(CircaDiagnostics) diagnostics = circa_diagnostics_new((guint) input->max_errors);
    for (guint i = 0; i < baseline->keys->len; i++) {
        g_auto(GStrv) names = g_strsplit(g_ptr_array_index(baseline->keys, i), " → ", -1);
        guint32 line = g_array_index(baseline->lines, guint32, i);
        for (guint k = 0; names[k] != NULL; k++) {
            guint32 entity;
            const CircaDealSet *set =
                circa_deal_set_find_entity(head->set, names[k], &entity)   ? head->set
                : circa_deal_set_find_entity(base->set, names[k], &entity) ? base->set
                                                                           : NULL;
            g_autofree char *shown = circa_printable(names[k]);
            if (set == NULL) {
                g_autofree char *guess = circa_deal_set_suggest_entity(head->set, names[k]);
                circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_WARNING, baseline->path, line, 1,
                                      "no deal on either side involves \"%s\"%s%s%s", shown,
                                      guess != NULL ? "; did you mean " : "",
                                      guess != NULL ? guess : "", guess != NULL ? "?" : "");
            } else if (strcmp(circa_deal_set_entity(set, entity)->name, names[k]) != 0) {
                g_autofree char *name = circa_printable(circa_deal_set_entity(set, entity)->name);
                circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_WARNING, baseline->path, line, 1,
                                      "\"%s\" is an alias of %s: loop keys use the names of the "
                                      "entity table, so write %s",
                                      shown, name, name);
            }
        }
    }
    circa_cli_print_diagnostics(diagnostics, color, input->max_errors);
}

/* .circa-baseline of the current folder, else with --git (@in_repository) of the repository's
 * top: a diff run from a subfolder of a repository uses the repository's baseline. */
static const char *default_baseline(gboolean in_repository)
{
    static char *found;
    if (found == NULL) {
        g_autofree char *top = NULL;
        if (in_repository && !g_file_test(CIRCA_BASELINE_DEFAULT_PATH, G_FILE_TEST_EXISTS) &&
            (top = circa_revision_top(NULL)) != NULL && top[0] != '\0') {
            found = g_build_filename(top, CIRCA_BASELINE_DEFAULT_PATH, NULL);
        } else {
            found = g_strdup(CIRCA_BASELINE_DEFAULT_PATH);
        }
    }
    return found;
}

/* The baseline to use: --baseline FILE (which must exist), else .circa-baseline when there is
 * one; NULL with *@ok FALSE after printing why it cannot be read. */
static CircaBaseline *load_baseline(const char *path, gboolean none, gboolean writing,
                                    gboolean in_repository, const CircaInputOptions *input,
                                    gboolean *ok)
{
    *ok = TRUE;
    /* Writing one keeps the reasons of the file there is, and needs none. */
    const char *file = path != NULL ? path : default_baseline(in_repository);
    if (none || ((path == NULL || writing) && !g_file_test(file, G_FILE_TEST_EXISTS))) {
        return NULL;
    }
    gboolean color = FALSE;
    circa_cli_use_color(input, &color);
    g_autoptr(CircaDiagnostics) diagnostics = circa_diagnostics_new((guint) input->max_errors);
    g_autoptr(GError) error = NULL;
    CircaBaseline *baseline = circa_baseline_load(file, diagnostics, &error);
    circa_cli_print_diagnostics(diagnostics, color, input->max_errors);
    if (baseline == NULL) {
        circa_cli_error("--baseline: %s", error->message);
        *ok = FALSE;
    }
    return baseline;
}

static gboolean write_output(const Output *output, const CircaDiff *diff,
                             const CircaDiffWriteOptions *options)
{
    g_autoptr(GString) out = g_string_new(NULL);
    circa_diff_write(diff, output->format, options, out);
    if (strcmp(output->path, "-") == 0) {
        return circa_cli_write_stdout(out->str, out->len);
    }
    g_autoptr(GError) error = NULL;
    if (!circa_output_write_file(output->path, out->str, out->len, &error)) {
        circa_cli_error("%s", error->message);
        return FALSE;
    }
    return TRUE;
}

/* "circa diff --git main graphs": for the tool's record in SARIF. */
static char *command_line(int argc, char **argv)
{
    GString *line = g_string_new("circa diff");
    for (int i = 1; i < argc; i++) {
        g_autofree char *quoted = g_shell_quote(argv[i]);
        g_string_append_printf(line, " %s", quoted);
    }
    return g_string_free(line, FALSE);
}

/* What the command line asked for, once parsed. */
typedef struct {
    CircaInputOptions *input;
    CircaCycleArguments *arguments;
    char **paths;
    guint n_paths;
    const char *revision;
    const char *baseline_path;
    gboolean no_baseline;
    gboolean write_baseline;
    GArray *outputs; /* Output */
    FailOn fail_on;
    const char *fail_on_name;
    const char *command;
} Request;

/* Reads both sides as asked: two paths, or a revision (or two) and paths. */
/* --write-baseline accepts the loops of head alone: base is not read at all. */
static gboolean skip_base(const Request *request, Side *base)
{
    if (!request->write_baseline) {
        return FALSE;
    }
    base->set = circa_deal_set_new_empty();
    return TRUE;
}

static gboolean load_sides(const Request *request, Side *base, Side *head)
{
    char *current[] = {(char *) ".", NULL};
    char **in_tree = request->n_paths > 0 ? request->paths : current;
    const char *revision = request->revision;
    if (revision == NULL) {
        base->label = g_strdup(request->paths[0]);
        head->label = g_strdup(request->paths[1]);
        char *one[] = {request->paths[0], NULL}, *other[] = {request->paths[1], NULL};
        return (skip_base(request, base) || prepare_paths(base, one, request->input)) &&
               prepare_paths(head, other, request->input) && load_both(base, head);
    }
    /* REV, A..B or A...B; the revision text goes to git as one argument, never to a shell. */
    g_autofree char *from = NULL;
    g_autofree char *to = NULL;
    const char *dots = strstr(revision, "..");
    gboolean three = dots != NULL && dots[2] == '.';
    if (dots != NULL) {
        from = g_strndup(revision, (gsize) (dots - revision));
        to = g_strdup(dots + (three ? 3 : 2));
        if (from[0] == '\0' || to[0] == '\0') {
            circa_cli_error("--git: expected A..B with both revisions named, found \"%s\"",
                            revision);
            return FALSE;
        }
        if (three) {
            g_autoptr(GError) error = NULL;
            char *merge_base = circa_revision_merge_base(from, to, &error);
            if (merge_base == NULL) {
                circa_cli_error("%s", error->message);
                return FALSE;
            }
            g_free(from);
            from = merge_base;
        }
    } else {
        from = g_strdup(revision);
    }
    base->label = three ? g_strdup_printf("merge base of %s", revision) : g_strdup(from);
    head->label = g_strdup(to != NULL ? to : "working tree");
    return (skip_base(request, base) || prepare_revision(base, from, in_tree, request->input)) &&
           (to != NULL ? prepare_revision(head, to, in_tree, request->input)
                       : prepare_paths(head, in_tree, request->input)) &&
           load_both(base, head);
}

/* --write-baseline: every loop of head, found by one whole search (a diff looks only around the
 * deals that changed), accepted with the reasons the baseline had. */
static int write_baseline(const Request *request, const Side *head, const CircaBaseline *previous,
                          CircaCycleOptions *options, char **through_names)
{
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint i = 0; through_names != NULL && through_names[i] != NULL; i++) {
        if (!circa_cli_find_entity(head->set, "--through", through_names[i], through)) {
            return CIRCA_EXIT_ERROR;
        }
    }
    options->through = (const guint32 *) through->data;
    options->n_through = through->len;
    gboolean progress = circa_cli_show_progress(options);
    g_autoptr(GError) error = NULL;
    g_autoptr(CircaCycleSet) loops =
        circa_cycles_collect(head->graph, options, CIRCA_CYCLE_SORT_NONE, 0, &error);
    circa_cli_end_progress(progress);
    if (loops == NULL) {
        circa_cli_error("%s", error->message);
        return CIRCA_EXIT_ERROR;
    }
    if (loops->end != CIRCA_SEARCH_COMPLETE) {
        circa_cli_error("the search stopped early (%s), so loops it did not reach would not be "
                        "accepted; nothing written (--max-length, --timeout and --max-steps set "
                        "the bounds)",
                        circa_search_end_to_string(loops->end));
        return CIRCA_EXIT_ERROR;
    }
    const char *path = request->baseline_path != NULL ? request->baseline_path
                                                      : default_baseline(request->revision != NULL);
    g_autoptr(GString) text = g_string_new(NULL);
    circa_baseline_write(loops, previous, text);
    g_autoptr(GError) write_error = NULL;
    if (!circa_output_write_file(path, text->str, text->len, &write_error)) {
        circa_cli_error("%s", write_error->message);
        return CIRCA_EXIT_ERROR;
    }
    circa_cli_error("accepted %u loop%s of %s in %s", loops->cycles->len,
                    loops->cycles->len == 1 ? "" : "s", head->label, path);
    return CIRCA_EXIT_OK;
}

static int compare(const Request *request, Side *base, Side *head)
{
    if (!load_sides(request, base, head) || !build_graph(base) || !build_graph(head)) {
        return CIRCA_EXIT_ERROR;
    }
    gboolean baseline_ok;
    g_autoptr(CircaBaseline) baseline =
        load_baseline(request->baseline_path, request->no_baseline, request->write_baseline,
                      request->revision != NULL, request->input, &baseline_ok);
    if (!baseline_ok) {
        return CIRCA_EXIT_ERROR;
    }
    if (baseline != NULL && !request->arguments->per_deal) {
        check_baseline_names(baseline, base, head, request->input);
    }

    /* The filters, resolved on head for the messages; each side resolves --through itself. */
    CircaCycleArguments *arguments = request->arguments;
    CircaDiffOptions options = {.through_names = (const char *const *) arguments->through,
                                .baseline = baseline};
    CircaGuard guard;
    CircaCycleSort sort;
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    char **through_names = arguments->through;
    arguments->through = NULL;
    gboolean applied =
        circa_cycle_arguments_apply(arguments, head->set, &options.cycles, through, &sort, &guard);
    arguments->through = through_names;
    if (!applied) {
        return CIRCA_EXIT_ERROR;
    }
    if (request->write_baseline) {
        return write_baseline(request, head, baseline, &options.cycles, through_names);
    }
    for (guint i = 0; through_names != NULL && through_names[i] != NULL; i++) {
        guint32 entity;
        if (!circa_deal_set_find_entity(base->set, through_names[i], &entity) &&
            !circa_cli_find_entity(head->set, "--through", through_names[i], through)) {
            return CIRCA_EXIT_ERROR;
        }
    }
    gboolean progress = circa_cli_show_progress(&options.cycles);
    g_autoptr(GError) error = NULL;
    g_autoptr(CircaDiff) diff =
        circa_diff_new(base->set, base->graph, head->set, head->graph, &options, &error);
    circa_cli_end_progress(progress);
    if (diff == NULL) {
        circa_cli_error("%s", error->message);
        return CIRCA_EXIT_ERROR;
    }

    /* With --git, CI formats name files from the repository's top wherever circa ran. */
    g_autofree char *repository_prefix =
        request->revision != NULL ? circa_revision_folder_prefix(NULL) : NULL;
    CircaDiffWriteOptions write = {
        .repository_prefix = repository_prefix,
        .base_label = base->label,
        .head_label = head->label,
        .base_prefix = base->written != NULL ? base->written->prefix : NULL,
        .head_prefix = head->written != NULL ? head->written->prefix : NULL,
        .command = request->command,
    };
    gboolean written = TRUE;
    for (guint i = 0; i < request->outputs->len; i++) {
        written &= write_output(&g_array_index(request->outputs, Output, i), diff, &write);
    }
    if (!written) {
        return CIRCA_EXIT_ERROR;
    }
    if (circa_diff_truncated(diff)) {
        CircaSearchEnd end = circa_diff_cut_by(diff);
        circa_cli_error("the search stopped early (%s): loops it did not reach are not compared; "
                        "--max-length, --timeout and --max-steps set the bounds",
                        circa_search_end_to_string(end));
    }
    if (request->fail_on != FAIL_NEVER && circa_diff_truncated(diff)) {
        /* A stranger's deals could make the search stop before the loop they close: a gate
         * that cannot tell fails rather than passes. */
        circa_cli_error("--fail-on %s: the search stopped early, so it cannot tell that no "
                        "round trip changed; failing",
                        request->fail_on_name);
        return CIRCA_EXIT_POLICY;
    }
    if (!tripped(diff, request->fail_on)) {
        return CIRCA_EXIT_OK;
    }
    circa_cli_error("--fail-on %s: %u new, %u changed, %u broken round trip%s",
                    request->fail_on_name, diff->n_loops[CIRCA_LOOP_NEW],
                    diff->n_loops[CIRCA_LOOP_CHANGED], diff->n_loops[CIRCA_LOOP_BROKEN],
                    diff->n_loops[CIRCA_LOOP_BROKEN] == 1 ? "" : "s");
    return CIRCA_EXIT_POLICY;
}

int circa_cmd_diff(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(CircaCycleArguments) arguments = CIRCA_CYCLE_ARGUMENTS_INIT(0, CIRCA_CYCLE_SORT_KEY);
    arguments.max_length = DIFF_DEFAULT_MAX_LENGTH;
    arguments.timeout = DIFF_DEFAULT_TIMEOUT;
    g_auto(GStrv) paths = NULL;
    g_auto(GStrv) outputs = NULL;
    g_autofree char *revision = NULL;
    g_autofree char *format_name = NULL;
    g_autofree char *baseline_path = NULL;
    g_autofree char *fail_on_name = NULL;
    gboolean no_baseline = FALSE, write_baseline = FALSE;
    g_autofree char *asked = command_line(argc, argv);
    const GOptionEntry entries[] = {
        {"git", 'g', 0, G_OPTION_ARG_STRING, &revision,
         "Compare REV's deal files with the working tree (A..B: two revisions; A...B: B with its "
         "merge base with A)",
         "REV"},
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
         "Output on stdout: text (default), json, markdown, sarif, github, gitlab or junit",
         "FORMAT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME_ARRAY, &outputs,
         "Write FORMAT to PATH, atomically (repeatable; PATH - is stdout); with --output, stdout "
         "gets only what --format asks",
         "FORMAT=PATH"},
        {"baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_path,
         "Loops accepted as known (default: " CIRCA_BASELINE_DEFAULT_PATH " when present)", "FILE"},
        {"no-baseline", 0, 0, G_OPTION_ARG_NONE, &no_baseline,
         "Report every new loop as new, whatever a baseline accepts", NULL},
        {"write-baseline", 0, 0, G_OPTION_ARG_NONE, &write_baseline,
         "Accept every loop of HEAD: write them to the baseline file, keeping its reasons", NULL},
        {"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_name,
         "Exit 1 on new-loops, changed-loops (new or changed) or any (broken too); default never "
         "(or none)",
         "POLICY"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL},
        G_OPTION_ENTRY_NULL,
    };
    /* The cycle filters of `circa cycles`, but --limit and --sort: a diff compares every loop. */
    GOptionEntry all_filters[CIRCA_CYCLE_N_ENTRIES], filters[CIRCA_CYCLE_N_ENTRIES];
    GOptionEntry deal_filters[CIRCA_FILTER_N_ENTRIES];
    circa_cycle_arguments_entries(&arguments, all_filters);
    guint n_filters = 0;
    for (guint i = 0; i < CIRCA_CYCLE_N_ENTRIES; i++) {
        const char *name = all_filters[i].long_name;
        if (name != NULL && (strcmp(name, "limit") == 0 || strcmp(name, "sort") == 0)) {
            continue;
        }
        if (name != NULL && strcmp(name, "max-length") == 0) {
            all_filters[i].description = "At most N hops (default 6; 0: no bound)";
        }
        if (name != NULL && strcmp(name, "timeout") == 0) {
            all_filters[i].description = "Stop both searches after SECONDS (default 120; 0: none)";
        }
        filters[n_filters++] = all_filters[i];
    }
    circa_filter_arguments_entries(&arguments.deals, TRUE, deal_filters);
    const GOptionEntry *const more[] = {filters, deal_filters, NULL};
    if (!circa_cli_parse(&circa_commands[4], entries, more, &input, &argc, &argv)) {
        return CIRCA_EXIT_ERROR;
    }
    g_autoptr(GArray) output_list = g_array_new(FALSE, FALSE, sizeof(Output));
    FailOn fail_on;
    if (!parse_outputs(outputs, format_name, output_list) ||
        !parse_fail_on(fail_on_name, &fail_on)) {
        return CIRCA_EXIT_ERROR;
    }
    guint n_paths = paths != NULL ? g_strv_length(paths) : 0;
    if (no_baseline && (write_baseline || baseline_path != NULL)) {
        circa_cli_error("--no-baseline ignores the baseline; it cannot go with %s",
                        write_baseline ? "--write-baseline" : "--baseline");
        return CIRCA_EXIT_ERROR;
    }
    if (revision == NULL && n_paths != 2) {
        circa_cli_error("expected BASE and HEAD (two files or folders), or --git REV [PATHS…]; "
                        "found %u path%s\nTry 'circa diff --help'.",
                        n_paths, n_paths == 1 ? "" : "s");
        return CIRCA_EXIT_ERROR;
    }

    Request request = {.input = &input,
                       .arguments = &arguments,
                       .paths = paths,
                       .n_paths = n_paths,
                       .revision = revision,
                       .baseline_path = baseline_path,
                       .no_baseline = no_baseline,
                       .write_baseline = write_baseline,
                       .outputs = output_list,
                       .fail_on = fail_on,
                       .fail_on_name = fail_on_name,
                       .command = asked};
    circa_cli_catch_signals();
    Side base = {0}, head = {0};
    int status = compare(&request, &base, &head);
    /* The graphs borrow the sets: they go first. */
    side_clear(&head);
    side_clear(&base);
    return circa_cli_exit_code(status);
}
