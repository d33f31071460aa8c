/* SPDX-License-Identifier: MIT */
/* circa render: the deal graph as a diagram, its round trips highlighted. */

#include "cli.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* Writes @bytes to @path whole or not at all (the previous file stays as it was on any
 * failure), or to stdout for "-". */
static gboolean write_output(const char *path, GBytes *bytes)
{
    gsize length;
    const char *data = g_bytes_get_data(bytes, &length);
    if (strcmp(path, "-") == 0) {
        return circa_cli_write_stdout(data, length);
    }
    g_autoptr(GError) error = NULL;
    if (!circa_output_write_file(path, data, length, &error)) {
        circa_cli_error("%s", error->message);
        return FALSE;
    }
    return TRUE;
}

/* A file name for a loop: its number on the map (zero-padded to @width digits, so a folder lists
 * them in the map's order), its key in lower-case ASCII with dashes, and 8 hex digits of its hash
 * so that keys differing only in other characters stay apart. */
static char *cycle_file_name(guint number, int width, const char *key, const char *extension)
{
    GString *name = g_string_new(NULL);
    g_string_append_printf(name, "%0*u-", width, number);
    for (const char *p = key; *p != '\0' && name->len < 80; p++) {
        if (g_ascii_isalnum(*p)) {
            g_string_append_c(name, g_ascii_tolower(*p));
        } else if (name->len > 0 && name->str[name->len - 1] != '-') {
            g_string_append_c(name, '-');
        }
    }
    g_autofree char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, key, -1);
    g_string_append_printf(name, "%s%.8s.%s",
                           name->len > 0 && name->str[name->len - 1] != '-' ? "-" : "", hash,
                           extension);
    return g_string_free(name, FALSE);
}

/* @path relative to the current folder ("graphs", "../data/deals.csv"): a footnote must not
 * carry the absolute paths of the machine it was drawn on. */
static char *relative_path(const char *path)
{
    g_autofree char *here = g_get_current_dir();
    g_autofree char *full = g_canonicalize_filename(path, here);
    g_auto(GStrv) from = g_strsplit(here, "/", -1);
    g_auto(GStrv) to = g_strsplit(full, "/", -1);
    guint common = 0;
    while (from[common] != NULL && to[common] != NULL && strcmp(from[common], to[common]) == 0) {
        common++;
    }
    GString *relative = g_string_new(NULL);
    for (guint i = common; from[i] != NULL; i++) {
        g_string_append(relative, from[i][0] != '\0' ? "../" : "");
    }
    for (guint i = common; to[i] != NULL; i++) {
        g_string_append_printf(relative, "%s%s", to[i], to[i + 1] != NULL ? "/" : "");
    }
    if (relative->len == 0) {
        g_string_append_c(relative, '.');
    } else if (relative->str[relative->len - 1] == '/') {
        g_string_truncate(relative, relative->len - 1);
    }
    return g_string_free(relative, FALSE);
}

/* "circa render graphs --min-amount 1B -o map.svg": what was asked, for the diagram's footnote,
 * to be pasted back into a shell: absolute paths made relative, words quoted where a shell would
 * split them. */
static char *command_line(int argc, char **argv)
{
    GString *line = g_string_new("circa");
    for (int i = 0; i < argc; i++) {
        const char *value = argv[i];
        g_autofree char *prefix = NULL;
        const char *equals = strchr(value, '=');
        if (value[0] == '-' && equals != NULL) {
            prefix = g_strndup(value, (gsize) (equals - value) + 1);
            value = equals + 1;
        }
        g_autofree char *relative = g_path_is_absolute(value) ? relative_path(value) : NULL;
        g_autofree char *shown = g_filename_display_name(relative != NULL ? relative : value);
        gboolean plain = shown[0] != '\0';
        for (const char *p = shown; *p != '\0'; p++) {
            plain &= g_ascii_isalnum(*p) || (*p != '\0' && strchr("-_./:=,+@%", *p) != NULL) ||
                     (guchar) *p >= 0x80;
        }
        g_autofree char *quoted = plain ? g_strdup(shown) : g_shell_quote(shown);
        g_string_append_printf(line, " %s%s", prefix != NULL ? prefix : "", quoted);
    }
    return g_string_free(line, FALSE);
}

/* What circa_render() said about a picture, each thing once. */
static void tell_notes(GPtrArray *notes, GHashTable *told)
{
    for (guint i = 0; i < notes->len; i++) {
        char *note = g_ptr_array_index(notes, i);
        if (g_hash_table_add(told, g_strdup(note))) {
            circa_cli_error("note: %s", note);
        }
    }
    g_ptr_array_set_size(notes, 0);
}

int circa_cmd_render(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(CircaCycleArguments) arguments =
        CIRCA_CYCLE_ARGUMENTS_INIT(CIRCA_RENDER_DEFAULT_LOOPS, CIRCA_CYCLE_SORT_AMOUNT);
    g_auto(GStrv) paths = NULL;
    g_autofree char *output = NULL, *format_name = NULL, *layout = NULL, *focus = NULL;
    g_autofree char *each_cycle = NULL, *title = NULL, *size_name = NULL;
    gboolean cycles_only = FALSE;
    const GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
         "Write the diagram to FILE (- for stdout)", "FILE"},
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
         "svg, png, pdf or dot (default: from the file's extension; svg)", "FORMAT"},
        {"layout", 0, 0, G_OPTION_ARG_STRING, &layout,
         "Graphviz layout: dot (default; circo for one loop, sfdp past 1000 arrows), circo, "
         "neato, fdp, sfdp, twopi, osage or patchwork",
         "LAYOUT"},
        {"focus", 0, 0, G_OPTION_ARG_STRING, &focus,
         "Only ENTITY, its round trips and its direct deals", "ENTITY"},
        {"cycles-only", 0, 0, G_OPTION_ARG_NONE, &cycles_only, "Only what lies on a round trip",
         NULL},
        {"each-cycle", 0, 0, G_OPTION_ARG_FILENAME, &each_cycle,
         "Also one small picture per round trip in DIR, named by its key", "DIR"},
        {"title", 0, 0, G_OPTION_ARG_STRING, &title,
         "Title (default: Deal map, or the loop's key for one loop)", "TEXT"},
        {"size", 0, 0, G_OPTION_ARG_STRING, &size_name,
         "Fit the picture to a page: 16:9, 4:3 or a4 (PNG: 1920 pixels wide)", "PAGE"},
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL},
        G_OPTION_ENTRY_NULL,
    };
    GOptionEntry filters[CIRCA_CYCLE_N_ENTRIES], deal_filters[CIRCA_FILTER_N_ENTRIES];
    circa_cycle_arguments_entries(&arguments, filters);
    circa_filter_arguments_entries(&arguments.deals, TRUE, deal_filters);
    const GOptionEntry *const more[] = {filters, deal_filters, NULL};
    g_autofree char *asked = command_line(argc, argv);
    if (!circa_cli_parse(&circa_commands[3], entries, more, &input, &argc, &argv)) {
        return CIRCA_EXIT_ERROR;
    }
    if (output == NULL && each_cycle == NULL) {
        circa_cli_error("no output: give -o FILE (or -o - for stdout), or --each-cycle DIR\n"
                        "Try 'circa render --help'.");
        return CIRCA_EXIT_ERROR;
    }
    CircaRenderFormat format = CIRCA_RENDER_SVG;
    if (format_name != NULL) {
        if (!circa_render_format_from_string(format_name, &format)) {
            circa_cli_error("--format: expected svg, png, pdf or dot, found \"%s\"", format_name);
            return CIRCA_EXIT_ERROR;
        }
        CircaRenderFormat named;
        if (output != NULL && strcmp(output, "-") != 0 &&
            circa_render_format_from_path(output, &named) && named != format) {
            g_autofree char *shown = g_filename_display_name(output);
            circa_cli_error("warning: writing %s to %s, whose name says %s (--format wins)",
                            circa_render_format_extension(format), shown,
                            circa_render_format_extension(named));
        }
    } else if (output != NULL && strcmp(output, "-") != 0 &&
               !circa_render_format_from_path(output, &format)) {
        g_autofree char *shown = g_filename_display_name(output);
        circa_cli_error("cannot tell the format from \"%s\"; name it .svg, .png, .pdf or .dot, "
                        "or give --format",
                        shown);
        return CIRCA_EXIT_ERROR;
    }

    CircaRenderSize size = CIRCA_RENDER_SIZE_NATURAL;
    if (size_name != NULL && !circa_render_size_from_string(size_name, &size)) {
        /* 16x9, 16/9, 4-3: the aspect with another separator */
        g_autofree char *colon = g_strdelimit(g_strdup(size_name), "xX/-_ ", ':');
        CircaRenderSize meant;
        gboolean near = circa_render_size_from_string(colon, &meant);
        circa_cli_error("--size: expected 16:9, 4:3 or a4, found \"%s\"%s%s%s", size_name,
                        near ? " (did you mean " : "", near ? colon : "", near ? "?)" : "");
        return CIRCA_EXIT_ERROR;
    }

    circa_cli_catch_signals();
    g_autoptr(CircaDealSet) set = NULL;
    g_autoptr(CircaGraph) graph = circa_cli_load_graph(paths, &input, &set);
    if (graph == NULL) {
        return circa_cli_exit_code(CIRCA_EXIT_ERROR);
    }
    CircaCycleOptions options;
    CircaCycleSort sort;
    CircaGuard guard;
    g_autoptr(GArray) through = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (!circa_cycle_arguments_apply(&arguments, set, &options, through, &sort, &guard)) {
        return CIRCA_EXIT_ERROR;
    }
    /* The layout needs time of its own: it obeys the deadline and Ctrl-C but not the step budget,
     * which bounds the search, and the search may use at most half of --timeout, so that what
     * it found is drawn. */
    CircaGuard layout_guard = guard;
    layout_guard.max_steps = 0;
    circa_guard_keep_share(&guard, 0.5);
    CircaRenderOptions render;
    circa_render_options_init(&render);
    if (focus != NULL) {
        g_autoptr(GArray) focused = g_array_new(FALSE, FALSE, sizeof(guint32));
        if (!circa_cli_find_entity(set, "--focus", focus, focused)) {
            return CIRCA_EXIT_ERROR;
        }
        guint32 entity = g_array_index(focused, guint32, 0);
        render.focus = entity;
        if (options.n_through == 0) {
            /* The loops worth highlighting are the focus's own. */
            g_array_append_val(through, entity);
            options.through = (const guint32 *) through->data;
            options.n_through = through->len;
        }
    }

    g_autoptr(GError) error = NULL;
    gboolean progress = circa_cli_show_progress(&options);
    g_autoptr(CircaCycleSet) cycles =
        circa_cycles_collect(graph, &options, sort, (guint) arguments.limit, &error);
    circa_cli_end_progress(progress);
    if (cycles == NULL) {
        circa_cli_error("%s", error->message);
        return circa_cli_exit_code(CIRCA_EXIT_ERROR);
    }
    if (cycles->end == CIRCA_SEARCH_CANCELLED) {
        /* Interrupted before anything was drawn: nothing is written, the old file stays. */
        circa_cli_error("interrupted while looking for round trips; nothing was drawn");
        return circa_cli_exit_code(CIRCA_EXIT_ERROR);
    }
    gboolean early = cycles->end == CIRCA_SEARCH_TIMED_OUT || cycles->end == CIRCA_SEARCH_BUDGET ||
                     cycles->end == CIRCA_SEARCH_MEMORY;
    if (early) {
        circa_cli_error("the search for round trips stopped early (%s): %u highlighted, more "
                        "may exist",
                        circa_search_end_to_string(cycles->end), cycles->cycles->len);
        if (cycles->end == CIRCA_SEARCH_BUDGET) {
            circa_cli_error("--max-length N bounds the search; --max-steps 0 lifts the step "
                            "budget");
        }
    }

    g_autofree char *footnote =
        cycles->n_found == 0 && !early
            ? g_strdup_printf("no round trip matches · %s", asked)
            : g_strdup_printf("%u of %s%" G_GUINT64_FORMAT " round trips highlighted%s%s%s · %s",
                              cycles->cycles->len, early ? "at least " : "", cycles->n_found,
                              early ? " (the search stopped early: " : "",
                              early ? circa_search_end_to_string(cycles->end) : "",
                              early ? ")" : "", asked);
    g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func(g_free);
    render.pass = options.pass;
    render.deals = &options.deals;
    render.size = size;
    render.notes = notes;
    render.highlight = cycles;
    render.per_deal = options.per_deal;
    render.cycles_only = cycles_only;
    render.title = title;
    render.footnote = footnote;
    if (layout != NULL) {
        /* "Dot" is dot */
        g_autofree char *lower = g_ascii_strdown(layout, -1);
        g_free(layout);
        layout = g_steal_pointer(&lower);
    }
    render.layout = layout;
    render.guard = &layout_guard;
    if (layout != NULL && strcmp(layout, "patchwork") == 0) {
        circa_cli_error("note: patchwork draws the companies as a treemap, without arrows");
    } else if (layout != NULL &&
               g_strv_contains(
                   (const char *const[]){"neato", "fdp", "sfdp", "twopi", "osage", NULL}, layout)) {
        circa_cli_error("note: %s places the arrows' labels without keeping them apart; dot (the "
                        "default) and circo do",
                        layout);
    }
    if (layout == NULL && format != CIRCA_RENDER_DOT) {
        const char *chosen = circa_render_layout_for(graph, &render);
        if (strcmp(chosen, "sfdp") == 0) {
            circa_cli_error("more than %u arrows to draw: laid out by %s, as dot would take "
                            "tens of minutes (--layout dot asks for it anyway; --cycles-only or "
                            "--focus draw less)",
                            CIRCA_RENDER_MAX_DOT_ARROWS, chosen);
        }
        render.layout = chosen;
    }

    g_autoptr(GHashTable) told = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (output != NULL) {
        g_autoptr(GBytes) bytes = circa_render(graph, &render, format, &error);
        tell_notes(notes, told);
        if (bytes == NULL) {
            circa_cli_error("%s", error->message);
            return circa_cli_exit_code(CIRCA_EXIT_ERROR);
        }
        if (!write_output(output, bytes)) {
            return CIRCA_EXIT_ERROR;
        }
    }
    if (each_cycle == NULL) {
        return circa_cli_exit_code(CIRCA_EXIT_OK);
    }
    if (g_mkdir_with_parents(each_cycle, 0755) != 0) {
        int saved = errno;
        g_autofree char *shown = g_filename_display_name(each_cycle);
        circa_cli_error("cannot make the folder %s: %s", shown, g_strerror(saved));
        return CIRCA_EXIT_ERROR;
    }
    /* One loop at a time: a set that shares the cycle, owning nothing. */
    g_autoptr(GPtrArray) one = g_ptr_array_new();
    CircaCycleSet single = {.cycles = one,
                            .n_found = 1,
                            .end = CIRCA_SEARCH_COMPLETE,
                            .graph = graph,
                            .per_deal = options.per_deal};
    render.highlight = &single;
    render.cycles_only = TRUE;
    render.focus = -1;
    render.layout = layout; /* a ring, unless asked otherwise */
    render.n_listed = cycles->cycles->len;
    int width = 2; /* "01-": the same names in a deck however many loops there are */
    for (guint n = cycles->cycles->len; n >= 100; n /= 10) {
        width++;
    }
    render.title = title; /* the loop's key, unless asked otherwise */
    render.footnote = asked;
    for (guint i = 0; i < cycles->cycles->len; i++) {
        CircaOwnedCycle *owned = g_ptr_array_index(cycles->cycles, i);
        const char *key = circa_cycle_set_key(cycles, i);
        g_ptr_array_set_size(one, 0);
        g_ptr_array_add(one, owned);
        render.first_loop = i; /* its number and colour on the map */
        g_autoptr(GBytes) bytes = circa_render(graph, &render, format, &error);
        tell_notes(notes, told);
        if (bytes == NULL) {
            circa_cli_error("%s", error->message);
            return circa_cli_exit_code(CIRCA_EXIT_ERROR);
        }
        g_autofree char *name =
            cycle_file_name(i + 1, width, key, circa_render_format_extension(format));
        g_autofree char *path = g_build_filename(each_cycle, name, NULL);
        if (!write_output(path, bytes)) {
            return CIRCA_EXIT_ERROR;
        }
        if (output == NULL || strcmp(output, "-") != 0) {
            g_autofree char *line = g_strdup_printf("%s\n", path);
            circa_cli_write_stdout(line, strlen(line));
        }
    }
    return circa_cli_exit_code(CIRCA_EXIT_OK);
}
