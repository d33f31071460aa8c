/* SPDX-License-Identifier: MIT */
/* A diff as GitHub workflow commands: a ::warning annotation on the CSV line that closes each new
 * loop and a ::notice for each changed or broken one, for pull requests where SARIF cannot go. */

#include "text-private.h"
#include "write/diff-writers-private.h"

/* GitHub shows at most ten annotations of each severity per step (actions/toolkit
 * docs/problem-matchers.md, "Limitations"); the rest are dropped without a word. */
#define PER_SEVERITY 10
/* The most characters of one message: a loop of hundreds of hops must not make a megabyte line. */
#define MESSAGE_CHARS 4000

typedef enum {
    SEVERITY_WARNING,
    SEVERITY_NOTICE,
} Severity;

static void write_command(GString *out, Severity severity, const char *path, guint line,
                          const char *title, const char *message)
{
    g_string_append(out, severity == SEVERITY_WARNING ? "::warning " : "::notice ");
    if (path != NULL) {
        g_string_append(out, "file=");
        circa_i_append_workflow_property(out, path);
        g_string_append_printf(out, ",line=%u,endLine=%u,", line, line);
    }
    g_string_append(out, "title=");
    circa_i_append_workflow_property(out, title);
    g_string_append(out, "::");
    circa_i_append_workflow_data(out, message);
    g_string_append_c(out, '\n');
}

static void write_loop(GString *out, const CircaDiff *diff, const CircaDiffWriteOptions *options,
                       const CircaLoopChange *loop)
{
    const CircaDealSet *side;
    const CircaDeal *anchor = circa_i_diff_loop_anchor(diff, loop, &side);
    g_autofree char *path = circa_diff_repository_path(diff, side, anchor->file, options);

    g_autoptr(GString) message = g_string_new(NULL);
    circa_i_diff_append_loop_summary(message, diff, loop);
    if (loop->kind == CIRCA_LOOP_CHANGED) {
        g_string_append(message, "\n");
        circa_i_append_loop_change(message, loop);
    }
    if (loop->n_because > 0) {
        g_string_append(message, "\n");
        circa_i_diff_append_because(message, diff, loop, options, 10);
    }
    circa_i_cap_chars(message, 0, MESSAGE_CHARS);

    const char *title = loop->kind == CIRCA_LOOP_NEW       ? "New round trip"
                        : loop->kind == CIRCA_LOOP_CHANGED ? "Round trip changed"
                                                           : "Round trip broken";
    write_command(out, loop->kind == CIRCA_LOOP_NEW ? SEVERITY_WARNING : SEVERITY_NOTICE, path,
                  anchor->line, title, message->str);
}

void circa_i_diff_write_github(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                               GString *out)
{
    /* One plain line for whoever reads the log. It starts with "circa", so it is no command (the
     * runner also takes a command after leading spaces), and is printable: no line break, no
     * terminal escape. */
    g_autofree char *headline = circa_diff_headline(diff);
    g_string_append(out, "circa diff: ");
    circa_i_append_printable(out, headline);
    g_string_append_c(out, '\n');

    /* A search cut short is the first warning: without it a reader would take "no new loops" at
     * its word. */
    guint warnings = 0;
    g_autofree char *search = circa_i_diff_search_note(diff, options);
    if (search != NULL) {
        write_command(out, SEVERITY_WARNING, NULL, 0, "Round-trip search cut short", search);
        warnings++;
    }

    guint n_new = diff->n_loops[CIRCA_LOOP_NEW];
    guint n_notices = diff->n_loops[CIRCA_LOOP_CHANGED] + diff->n_loops[CIRCA_LOOP_BROKEN];
    guint new_shown = MIN(n_new, PER_SEVERITY - warnings);
    /* The notice saying what was left out is itself a notice: keep a place for it. */
    gboolean overflow = new_shown < n_new || n_notices > PER_SEVERITY;
    guint notices_shown = MIN(n_notices, overflow ? PER_SEVERITY - 1 : PER_SEVERITY);

    guint new_done = 0, notices_done = 0;
    for (guint i = 0; i < diff->loops->len; i++) {
        const CircaLoopChange *loop = circa_diff_loop(diff, i);
        if (loop->kind == CIRCA_LOOP_NEW && new_done < new_shown) {
            write_loop(out, diff, options, loop);
            new_done++;
        } else if ((loop->kind == CIRCA_LOOP_CHANGED || loop->kind == CIRCA_LOOP_BROKEN) &&
                   notices_done < notices_shown) {
            write_loop(out, diff, options, loop);
            notices_done++;
        }
    }
    if (overflow) {
        g_autofree char *text = g_strdup_printf(
            "%u new and %u changed or broken round trips are not annotated here: GitHub shows at "
            "most %u annotations of each kind per step. The job summary (circa diff --format "
            "markdown) lists them all.",
            n_new - new_shown, n_notices - notices_shown, PER_SEVERITY);
        write_command(out, SEVERITY_NOTICE, NULL, 0, "More round-trip changes", text);
    }
}
