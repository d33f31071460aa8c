/* SPDX-License-Identifier: MIT */
/* What changed between two deal sets (a base and a head: two revisions of a repository, two
 * folders): deals by id, round trips by canonical key, and the deals that explain each change.
 * A baseline lists the loops a team has reviewed, so an old loop is not reported as new. */
#pragma once

#include <glib.h>

#include "circa/baseline.h"
#include "circa/cycles.h"
#include "circa/dealset.h"
#include "circa/diagnostics.h"
#include "circa/graph.h"

G_BEGIN_DECLS

/* ---- the diff ---- */

/* The fields of a deal, as bits of CircaDealChange.fields. */
typedef enum {
    CIRCA_FIELD_PAYER = 1 << 0,
    CIRCA_FIELD_PAYEE = 1 << 1,
    CIRCA_FIELD_AMOUNT = 1 << 2,
    CIRCA_FIELD_DATE = 1 << 3,
    CIRCA_FIELD_KIND = 1 << 4,
    CIRCA_FIELD_STATUS = 1 << 5,
    CIRCA_FIELD_SOURCE = 1 << 6,
    CIRCA_FIELD_NOTE = 1 << 7,
} CircaDealField;
#define CIRCA_N_DEAL_FIELDS 8
/* "payer", "payee", "amount_usd", "date", "kind", "status", "source", "note": the column names. */
const char *circa_deal_field_to_string(CircaDealField field);

typedef enum {
    CIRCA_DEAL_ADDED,   /* its id is in head only */
    CIRCA_DEAL_REMOVED, /* in base only */
    CIRCA_DEAL_CHANGED, /* in both, some field differs (payer and payee compared by name) */
} CircaDealChangeKind;

typedef struct {
    CircaDealChangeKind kind;
    const char *id;
    gint base;    /* the deal's index in the base set; -1 when added */
    gint head;    /* in the head set; -1 when removed */
    guint fields; /* CIRCA_DEAL_CHANGED: the CircaDealField bits that differ */
} CircaDealChange;

typedef enum {
    CIRCA_LOOP_NEW,     /* in head, not in base, not in the baseline */
    CIRCA_LOOP_KNOWN,   /* in head, not in base, accepted in the baseline */
    CIRCA_LOOP_CHANGED, /* in both, its bottleneck or certainty differ */
    CIRCA_LOOP_BROKEN,  /* in base, no longer in head */
} CircaLoopChangeKind;
#define CIRCA_N_LOOP_CHANGE_KINDS 4
/* "new", "known", "changed", "broken". */
const char *circa_loop_change_kind_to_string(CircaLoopChangeKind kind);

typedef struct {
    CircaLoopChangeKind kind;
    const char *key;        /* canonical key (borrowed from the diff's cycle sets) */
    const CircaCycle *base; /* the loop in base; NULL when new or known */
    const CircaCycle *head; /* the loop in head; NULL when broken */
    /* Indexes into CircaDiff.deals of the deal changes on this loop: for a new loop the deals
     * that close it (added or changed in head), for a broken one those that broke it (removed or
     * changed), for a changed one both. Added deals first, then removed, then changed; by id
     * within each. Empty when no deal on the loop changed:
     * the entity table (an alias) or the search bounds explain it instead. */
    const guint *because;
    guint n_because;
    const char *reason; /* CIRCA_LOOP_KNOWN: the baseline's reason for accepting it */
} CircaLoopChange;

/* What a diff may search, on each side. */
typedef struct {
    CircaCycleOptions cycles; /* the cycle filters and the guard; through[] is ignored (see
                               * through_names) */
    /* nullable, NULL-terminated: entity names every loop must pass through, resolved on each side
     * (a name one side does not know means that side has no such loop) */
    const char *const *through_names;
    const CircaBaseline *baseline; /* nullable: nothing accepted */
} CircaDiffOptions;

typedef struct {
    const CircaDealSet *base; /* borrowed, as are the graphs */
    const CircaDealSet *head;
    const CircaGraph *base_graph;
    const CircaGraph *head_graph;
    GArray *deals; /* CircaDealChange, sorted by id */
    GArray *loops; /* CircaLoopChange: new, then known, changed and broken; within a kind by
                    * bottleneck, largest first, then by key */
    guint n_loops[CIRCA_N_LOOP_CHANGE_KINDS];
    /* The loops compared are those through a touched hop: two entities joined by a deal that
     * was added, removed or changed. Every other loop holds the same deals on both sides, so it
     * is the same, and is neither searched for nor counted. */
    guint n_unchanged; /* loops compared, in both and the same */
    /* Loops one side found that the other side's search, cut short, may not have reached: they
     * are neither new nor broken as far as anyone can tell, and are not listed. */
    guint n_not_compared;
    guint n_base_loops;       /* loops compared in base */
    guint n_head_loops;       /* and in head */
    gint64 base_circular_usd; /* sum of the disclosed bottlenecks of the base loops compared
                               * (saturating) */
    gint64 head_circular_usd; /* the same in head: circular money (the sum over every loop)
                               * moves by their difference, as the other loops cancel */
    CircaSearchEnd base_end;  /* why each search ended: anything but COMPLETE means loops may */
    CircaSearchEnd head_end;  /* be missing, and every output says so */
    guint max_length;         /* the length bound the searches used; 0: none */
    /* private */
    CircaCycleSet *base_cycles;
    CircaCycleSet *head_cycles;
    GArray *because;      /* guint storage for CircaLoopChange.because */
    GHashTable *head_ids; /* deal id → index in head + 1 */
} CircaDiff;

/* Compares @base with @head: every deal by id, and the loops through a touched hop each side has
 * under @options (one search per side, around the touched hops only, each with the whole step
 * budget and the base with half the time left; each stops at the guard, its budget or the memory
 * guard, and the ends say so). The graphs must be of the sets. FALSE-like NULL with an
 * error only for bad options or an igraph failure. */
CircaDiff *circa_diff_new(const CircaDealSet *base, CircaGraph *base_graph,
                          const CircaDealSet *head, CircaGraph *head_graph,
                          const CircaDiffOptions *options, GError **error);
void circa_diff_free(CircaDiff *diff);

/* The loop change at @index, and the deal of a deal change on the side that has it (head when
 * it exists there, else base) with that side's set. */
static inline const CircaLoopChange *circa_diff_loop(const CircaDiff *diff, guint index)
{
    return &g_array_index(diff->loops, CircaLoopChange, index);
}
static inline const CircaDealChange *circa_diff_deal(const CircaDiff *diff, guint index)
{
    return &g_array_index(diff->deals, CircaDealChange, index);
}
const CircaDeal *circa_diff_deal_record(const CircaDiff *diff, const CircaDealChange *change,
                                        const CircaDealSet **side);
/* The deal @id in head, or NULL when head has none. */
const CircaDeal *circa_diff_head_deal(const CircaDiff *diff, const char *id);
/* Whether any loop search was cut short (time, step budget, memory guard, Ctrl-C). */
gboolean circa_diff_truncated(const CircaDiff *diff);
/* Why a search was cut short (head's reason first), for messages; CIRCA_SEARCH_COMPLETE when
 * none was. */
CircaSearchEnd circa_diff_cut_by(const CircaDiff *diff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaDiff, circa_diff_free)

/* ---- writing a diff ---- */

typedef enum {
    CIRCA_DIFF_TEXT,     /* for people: the headline, then deals and loops by kind */
    CIRCA_DIFF_JSON,     /* every change, with exact integer dollars and FILE:LINE locations */
    CIRCA_DIFF_MARKDOWN, /* GitHub step summary / pull-request comment: headline, Mermaid of the
                          * new loops, tables folded when long, under CIRCA_DIFF_MARKDOWN_MAX */
    CIRCA_DIFF_SARIF,    /* SARIF 2.1.0: a result per new, known, changed and broken loop */
    CIRCA_DIFF_GITHUB,   /* GitHub workflow-command annotations, at most 10 of a kind */
    CIRCA_DIFF_GITLAB,   /* GitLab Code Quality report (a JSON array) */
    CIRCA_DIFF_JUNIT,    /* JUnit XML: a test case per new (failing), known (skipped) and
                          * changed loop */
} CircaDiffFormat;
#define CIRCA_N_DIFF_FORMATS 7

/* "text", "json", "markdown", "sarif", "github", "gitlab", "junit"; FALSE for anything else. */
gboolean circa_diff_format_from_string(const char *text, CircaDiffFormat *format);
const char *circa_diff_format_to_string(CircaDiffFormat format);

/* The most bytes of Markdown written: below GitHub's 1 MiB step-summary limit, with room for
 * what other steps add. */
#define CIRCA_DIFF_MARKDOWN_MAX ((gsize) 900 * 1024)

/* How a diff is written: what the sides are called and how a deal's file becomes a path in the
 * repository. */
typedef struct {
    const char *base_label; /* "main", "HEAD~1", "old/": for headings */
    const char *head_label; /* "working tree", "HEAD", "new/" */
    /* nullable: a file name prefix ("HEAD~1:") the loader put before paths of a revision, removed
     * to give the path in the repository (SARIF, GitLab, annotations) */
    const char *base_prefix;
    const char *head_prefix;
    const char *command; /* the command line, for the tool's invocation record; nullable */
    /* nullable: where the current folder is in the repository ("graphs/"), put before relative
     * paths so that CI formats name files from the repository's top, wherever circa ran */
    const char *repository_prefix;
} CircaDiffWriteOptions;

/* The headline: "2 new round trips, 1 broken; circular money +$4.2B". Free it. */
char *circa_diff_headline(const CircaDiff *diff);
/* The path in the repository of file @file (an index into the set's file list). Free it. */
char *circa_diff_repository_path(const CircaDiff *diff, const CircaDealSet *side, guint file,
                                 const CircaDiffWriteOptions *options);

/* Appends the whole diff in @format to @out. */
void circa_diff_write(const CircaDiff *diff, CircaDiffFormat format,
                      const CircaDiffWriteOptions *options, GString *out);

/* A baseline accepting every loop of @loops (a whole search of head), in key order: the reasons
 * of @previous (nullable) kept, the others "accepted when the baseline was written". */
void circa_baseline_write(CircaCycleSet *loops, const CircaBaseline *previous, GString *out);

G_END_DECLS
