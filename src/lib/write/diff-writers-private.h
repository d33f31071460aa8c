/* SPDX-License-Identifier: MIT */
/* The formats of a diff (JSON and the CI ones: Markdown, SARIF, GitHub annotations, GitLab Code
 * Quality, JUnit; text lives with the dispatcher in diff-write.c), what they share about a loop
 * change, and the escaping each CI syntax needs. */
#pragma once

#include <glib.h>

#include "circa/diff.h"

/* ---- the writers, called by circa_diff_write() ---- */

/* Every change, exact integer dollars, FILE:LINE as the loader named the files. */
void circa_i_diff_write_json(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                             GString *out);

/* GitHub-flavoured Markdown for $GITHUB_STEP_SUMMARY or a pull-request comment: the headline, a
 * Mermaid diagram of the new loops, a table per kind of change (folded when long), never more
 * than CIRCA_DIFF_MARKDOWN_MAX bytes. */
void circa_i_diff_write_markdown(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                                 GString *out);
/* SARIF 2.1.0: one run, a result per new, known (suppressed), changed and broken loop. */
void circa_i_diff_write_sarif(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                              GString *out);
/* GitHub workflow commands: ::warning per new loop, ::notice per changed or broken one, at most
 * ten of each severity. */
void circa_i_diff_write_github(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                               GString *out);
/* GitLab Code Quality: a JSON array of findings for new, changed and broken loops. */
void circa_i_diff_write_gitlab(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                               GString *out);
/* JUnit XML: a test case per new (failing), known (skipped) and changed (passing) loop. */
void circa_i_diff_write_junit(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                              GString *out);

/* ---- what the writers share (diff-write.c) ---- */

/* "added", "removed", "changed". */
const char *circa_i_deal_change_verb(CircaDealChangeKind kind);
/* How a format writes the untrusted names and the amounts inside a phrase. */
typedef struct {
    void (*text)(GString *out, const char *text);
    void (*amount)(GString *out, gint64 amount);
} CircaTextStyle;
/* Names printable, amounts as "$1.0B": for text. */
extern const CircaTextStyle circa_i_plain_style;
/* "amount_usd $1.0B → $2.0B, status announced → signed, note edited" for a changed deal. */
void circa_i_append_deal_fields(GString *out, const CircaDiff *diff, const CircaDealChange *change,
                                const CircaTextStyle *style);
/* "bottleneck $1.0B → $2.0B, certainty announced → signed" for a changed loop. */
void circa_i_append_loop_change(GString *out, const CircaLoopChange *loop);
/* "loops of at most 6 hops; the search stopped early (timeout), so more loops may exist". */
void circa_i_append_search_note(GString *out, const CircaDiff *diff);

/* ---- what the CI writers share (diff-report.c) ---- */

/* The side a loop change is seen on (head, or base for a broken loop), its cycle and graph. */
typedef struct {
    const CircaCycle *cycle;
    const CircaGraph *graph;
    const CircaDealSet *side;
} CircaDiffLoopSide;

CircaDiffLoopSide circa_i_diff_loop_side(const CircaDiff *diff, const CircaLoopChange *loop);

/* The deal every format points at for @loop (diff-write.c): the first deal change that explains
 * it (added ones first), on head when the loop is in head; for a broken loop a deal of it head
 * still has (changed, else unchanged), so CI formats point at a line of head; else the first
 * deal of its first hop. */
const CircaDeal *circa_i_diff_loop_anchor(const CircaDiff *diff, const CircaLoopChange *loop,
                                          const CircaDealSet **side);
/* Every deal of the loop on its side, each once, in hop order: indices into the side's deals. */
GArray *circa_i_diff_loop_deals(const CircaDiff *diff, const CircaLoopChange *loop);

/* "A → B → A, 2 hops, bottleneck $1.0B, certainty closed", the path cut to 1,000 characters.
 * Plain text, like every helper here: escape it for the target. */
void circa_i_diff_append_loop_summary(GString *out, const CircaDiff *diff,
                                      const CircaLoopChange *loop);
/* The loop's path "A → B → A", cut to about @max_chars characters with "…". */
void circa_i_diff_append_loop_path(GString *out, const CircaDiff *diff, const CircaLoopChange *loop,
                                   glong max_chars);
/* The record of a deal change @loop names as its cause, and its side: for a broken loop the
 * deal as it was in base, else as it is on the side that has it (head when it is there). */
const CircaDeal *circa_i_diff_because_deal(const CircaDiff *diff, const CircaLoopChange *loop,
                                           const CircaDealChange *change,
                                           const CircaDealSet **side);
/* "closed by x (added, deals.csv:4), y (changed, deals.csv:9)", with at most @max deals and
 * "and N more"; repository paths. Nothing when no deal explains the loop. */
void circa_i_diff_append_because(GString *out, const CircaDiff *diff, const CircaLoopChange *loop,
                                 const CircaDiffWriteOptions *options, guint max);
/* "deals.csv:4": the deal's path in the repository and its line. */
void circa_i_diff_append_place(GString *out, const CircaDiff *diff, const CircaDealSet *side,
                               const CircaDeal *deal, const CircaDiffWriteOptions *options);
/* "the search of head stopped early (timeout)…", or NULL when both searches were complete. Free
 * it. */
char *circa_i_diff_search_note(const CircaDiff *diff, const CircaDiffWriteOptions *options);
/* The lower-case hex SHA-256 of @text, cut to @n_hex digits (at most 64). Free it. */
char *circa_i_diff_hash(const char *text, guint n_hex);
/* Cuts @out back to at most @max_chars characters from byte @start, on a character boundary,
 * ending in "…" when it cut. */
void circa_i_cap_chars(GString *out, gsize start, glong max_chars);

/* ---- escaping for CI syntaxes (escape-ci.c) ---- */

/* Untrusted text inline in GitHub Markdown, safe in a table cell: markup, HTML, '|', '$' (maths),
 * @mentions, #123 and GH-123 references and bare URLs neutralised, line breaks and controls
 * made spaces, invisible format characters replaced. */
void circa_i_append_markdown_text(GString *out, const char *text);
/* @text as a Markdown code span (a fence longer than any run of backticks in it); with
 * @in_table, '|' escaped as a GFM table needs. Controls and line breaks become spaces. */
void circa_i_append_markdown_code(GString *out, const char *text, gboolean in_table);
/* A workflow command's message: % CR LF escaped as actions/toolkit's command.ts does; other
 * control characters dropped. */
void circa_i_append_workflow_data(GString *out, const char *text);
/* A workflow command's property value: the same, and ':' and ',' too. */
void circa_i_append_workflow_property(GString *out, const char *text);
/* XML 1.0 character data (@attribute FALSE) or a double-quoted attribute value: invalid UTF-8
 * replaced, controls XML 1.0 cannot hold dropped (in attributes tabs and line breaks become
 * spaces), then markup escaped. */
void circa_i_append_xml_text(GString *out, const char *text, gboolean attribute);
