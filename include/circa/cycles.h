/* SPDX-License-Identifier: MIT */
/* The cycle passes: every round trip of money (or of money and hardware), streamed to a callback
 * that can stop the search, with filters, length bounds, a time budget and cancellation. */
#pragma once

#include <glib.h>

#include "circa/graph.h"
#include "circa/guard.h"

G_BEGIN_DECLS

typedef enum {
    CIRCA_PASS_MONEY, /* simple cycles of money edges: round-trip financing */
    CIRCA_PASS_MIXED, /* money and hardware edges, never two edges of one deal, at least one
                       * financing edge (OpenAI → CoreWeave → Nvidia →(hardware) OpenAI) */
} CircaPass;

/* One hop of a cycle: entity @from pays (or ships to) entity @to. At entity level a hop merges
 * every parallel deal on it; in per-deal mode it holds exactly one edge. */
typedef struct {
    guint32 from;
    guint32 to;
    const guint32 *edges; /* graph edge ids, ascending; see CircaGraph.edge_deal / edge_flow */
    guint n_edges;
    gint64 amount_usd;    /* sum of the known amounts of its deals (circa_amount_add);
                           * CIRCA_AMOUNT_UNKNOWN when none is known */
    gboolean partial;     /* some deal on the hop has no disclosed amount */
    CircaDate first_date; /* earliest and latest deal dates; CIRCA_DATE_NONE when none is dated */
    CircaDate last_date;
    guint8 certainty; /* CircaStatus: the most certain deal on the hop; one signed deal makes the
                       * hop real */
    guint8 n_undated; /* deals on the hop without a date (saturates at 255) */
} CircaHop;

typedef struct _CircaCycle {
    guint length;                  /* number of hops (= number of entities) */
    const guint32 *entities;       /* rotated to start at the smallest entity (name order) */
    const CircaHop *hops;          /* hops[i] runs entities[i] → entities[(i + 1) % length] */
    gint64 bottleneck_usd;         /* smallest hop amount; CIRCA_AMOUNT_UNKNOWN when a hop has
                                    * nothing disclosed */
    gboolean bottleneck_partial;   /* a lower bound: every hop with the smallest amount has an
                                    * undisclosed deal on it */
    gboolean bottleneck_estimated; /* the split of shared deals (mixed pass, more than 24 of them
                                    * between two companies) was found greedily, not proven best */
    CircaDate first_date;          /* date span over every deal of every hop */
    CircaDate last_date;
    gboolean has_undated; /* some deal on the cycle has no date */
    /* The strongest --status that still finds this loop, the other filters unchanged: a loop is
     * as certain as its least certain hop. Found by --status certainty, not by the next one. */
    CircaStatus certainty;
} CircaCycle;

/* Why a search ended. */
typedef enum {
    CIRCA_SEARCH_COMPLETE,  /* every cycle was found */
    CIRCA_SEARCH_STOPPED,   /* the callback asked to stop (for example a --limit was reached) */
    CIRCA_SEARCH_TIMED_OUT, /* the time budget ran out */
    CIRCA_SEARCH_CANCELLED, /* *cancel became non-zero (Ctrl-C) */
    CIRCA_SEARCH_BUDGET,    /* the work budget ran out (CIRCA_DEFAULT_MAX_STEPS, --max-steps) */
    CIRCA_SEARCH_MEMORY,    /* a kept result without a limit reached CIRCA_MAX_KEPT_BYTES */
} CircaSearchEnd;

/* The most memory the cycles of a result kept without a limit take (a sort, a diagram): past it
 * the search stops and says how to ask for more (a --limit, or a format that streams in search
 * order). Some 2.5 million three-hop cycles, or 300,000 of thirty hops. */
#define CIRCA_MAX_KEPT_BYTES ((gsize) 512 << 20)

/* The end a guard's reason to stop means. */
CircaSearchEnd circa_search_end_from_stop(CircaStop stop);

/* Progress, reported about ten times a second when a progress callback is given. */
typedef struct {
    guint components_done;
    guint n_components;
    guint64 starts_done;
    guint64 n_starts;
    guint64 cycles;
} CircaSearchProgress;

typedef void (*CircaProgressFunc)(const CircaSearchProgress *progress, gpointer user_data);

typedef struct {
    CircaPass pass;
    gboolean per_deal; /* one cycle per choice of parallel deals instead of one per entity loop */
    guint min_length;  /* hops; 0 or 1: no lower bound */
    guint max_length;  /* hops; 0: no bound. Prunes the search, not just its output */
    const guint32 *through; /* entities every cycle must pass through (all of them) */
    guint n_through;
    /* Filters on single deals, applied before the search. The amount bound applies to whole hops
     * at entity level (a hop's disclosed sum) and to single deals with per_deal. */
    CircaDealFilter deals;
    /* nullable: vertex → non-zero for the entities the search may visit; edges to or from any
     * other are left out. A diff searches only around the deals that changed. */
    const guint8 *region;
    /* Filters on whole cycles, applied inside the search: */
    guint window_days; /* some choice of one deal per hop spans at most this many days (every
                        * deal dated); 0: no window */
    gboolean ordered;  /* some rotation of the cycle has non-decreasing deal dates */
    /* nullable: a last filter on whole cycles, before they are counted or kept (TRUE keeps);
     * a diff keeps only the loops through a deal that changed */
    gboolean (*accept)(const struct _CircaCycle *cycle, gpointer data);
    gpointer accept_data;
    /* Guards: the deadline, the cancel flag and the work budget of the whole command (nullable:
     * none). The search, the per-deal expansion and the writers all stop when it says so. */
    CircaGuard *guard;
    CircaProgressFunc progress; /* nullable */
    gpointer progress_data;
} CircaCycleOptions;

/* Default options: the money pass, entity level, no bounds or filters. */
void circa_cycle_options_init(CircaCycleOptions *options);

/* Called for every cycle found; the cycle and its arrays are valid only during the call. Return
 * FALSE to stop the search. */
typedef gboolean (*CircaCycleFunc)(const CircaCycle *cycle, gpointer user_data);

/* Streams every simple cycle of the pass that passes the filters to @func, in a deterministic
 * order. Johnson's algorithm (1975) inside the strong components of the filtered graph, without
 * recursion; with a maximum length, each start vertex's search is bounded by every vertex's
 * distance back to the start, so dead ends cost nothing. *@end (nullable) says why it ended.
 * FALSE with an error only for bad options (CIRCA_ERROR_USAGE) or an igraph failure. */
gboolean circa_cycles_foreach(CircaGraph *graph, const CircaCycleOptions *options,
                              CircaCycleFunc func, gpointer user_data, CircaSearchEnd *end,
                              GError **error);

/* Counts the cycles circa_cycles_foreach() would stream, without building any of them where the
 * filters allow (per-deal counts multiply the parallel deals of each hop). */
gboolean circa_cycles_count(CircaGraph *graph, const CircaCycleOptions *options, guint64 *count,
                            CircaSearchEnd *end, GError **error);

/* ---- Keeping cycles ---- */

typedef enum {
    CIRCA_CYCLE_SORT_KEY,    /* canonical key, ascending */
    CIRCA_CYCLE_SORT_AMOUNT, /* bottleneck, largest first */
    CIRCA_CYCLE_SORT_LENGTH, /* fewest hops first */
    CIRCA_CYCLE_SORT_DATE,   /* most recent last deal first */
    CIRCA_CYCLE_SORT_NONE,   /* search order */
} CircaCycleSort;

/* "key", "amount", "length", "date" or "none"; FALSE for anything else. */
gboolean circa_cycle_sort_from_string(const char *text, CircaCycleSort *sort);

/* A cycle that owns its arrays: what the collecting wrapper returns. */
typedef struct {
    CircaCycle cycle;
    char *key; /* its canonical key once circa_cycle_set_key() made it (owned), else NULL */
} CircaOwnedCycle;

typedef struct {
    GPtrArray *cycles; /* CircaOwnedCycle *, in the requested order */
    guint64 n_found;   /* every cycle that passed the filters, kept or not */
    CircaSearchEnd end;
    gboolean truncated;      /* fewer cycles kept than exist: the limit, time or a cancel */
    const CircaGraph *graph; /* what the cycles are of, for their keys */
    gboolean per_deal;
} CircaCycleSet;

/* Runs the search and keeps at most @limit cycles in @sort order. With an order, a bounded heap
 * keeps only the best @limit, so memory stays flat however many cycles exist; an order without a
 * limit (0) keeps at most CIRCA_MAX_KEPT_BYTES of them and then ends with CIRCA_SEARCH_MEMORY. In
 * search order the search stops at the limit, and without one at CIRCA_MAX_KEPT_BYTES too
 * (stream with circa_cycles_foreach() and a writer instead to keep memory flat). */
CircaCycleSet *circa_cycles_collect(CircaGraph *graph, const CircaCycleOptions *options,
                                    CircaCycleSort sort, guint limit, GError **error);
void circa_cycle_set_free(CircaCycleSet *set);
/* The canonical key of the @index-th cycle (circa_cycle_key()), made when first asked: half a
 * million kept cycles need not all be named when only some are written. */
const char *circa_cycle_set_key(CircaCycleSet *set, guint index);

/* The canonical key of @cycle: "Microsoft → OpenAI" for the loop Microsoft → OpenAI →
 * Microsoft, or its deal ids in per-deal mode. Stable across files and revisions. */
char *circa_cycle_key(const CircaCycle *cycle, const CircaGraph *graph, gboolean per_deal);

/* ---- Writers ---- */

/* "money" or "money,hardware", as --flows takes them. */
const char *circa_pass_to_string(CircaPass pass);
/* "complete", "limit", "timeout", "interrupted", "step budget" or "memory guard". */
const char *circa_search_end_to_string(CircaSearchEnd end);

/* Formats for cycles as they are found. */
typedef enum {
    CIRCA_CYCLES_TEXT, /* for people: each loop on a line (path, hops, bottleneck, date span,
                        * certainty) with its hops and deals below it, then a count and, when the
                        * result is cut short, why */
    CIRCA_CYCLES_JSON, /* one document: pass, mode, the cycles with their hops and deals (exact
                        * integer dollars), then found, truncated and end */
    CIRCA_CYCLES_CSV,  /* RFC 4180: a header row, then key, length, entities, bottleneck_usd,
                        * bottleneck_partial, first_date, last_date, certainty, deals (a hop's
                        * deals joined by ';', hops by " → ") */
    CIRCA_CYCLES_TSV,  /* the same, tab-separated */
} CircaCycleFormat;

/* A writer that streams cycles as they come, so memory stays flat however many there are: its
 * start is written at once, each cycle by circa_cycle_writer_add(), and its end (the count and
 * why the search ended) by circa_cycle_writer_finish(). Output is appended to @out, which the
 * caller may empty between calls. */
typedef struct _CircaCycleWriter CircaCycleWriter;

CircaCycleWriter *circa_cycle_writer_new(CircaCycleFormat format, const CircaGraph *graph,
                                         const CircaCycleOptions *options, GString *out);
/* Adds one cycle; FALSE, adding nothing, once the options' guard says to stop. After a search
 * that stopped early the writer still writes what was found: all of it after Ctrl-C, for half a
 * second after the deadline, under the same deadline and Ctrl-C after the step budget. */
gboolean circa_cycle_writer_add(CircaCycleWriter *writer, const CircaCycle *cycle);
gboolean circa_cycle_writer_add_owned(CircaCycleWriter *writer, const CircaOwnedCycle *owned);
/* Why the writer stopped adding: CIRCA_SEARCH_COMPLETE while it has not. */
CircaSearchEnd circa_cycle_writer_stopped(const CircaCycleWriter *writer);
/* @n_found: every cycle that passed the filters, written or not. */
void circa_cycle_writer_finish(CircaCycleWriter *writer, guint64 n_found, CircaSearchEnd end);
void circa_cycle_writer_free(CircaCycleWriter *writer);

/* A whole collected set in @format, through the same writer; it stops early (and says the result
 * is truncated) when the options' guard does. */
void circa_cycles_write(const CircaCycleSet *set, const CircaGraph *graph,
                        const CircaCycleOptions *options, CircaCycleFormat format, GString *out);

/* A Mermaid flowchart of the loops, to paste into GitHub Markdown: one node per entity, one
 * edge per hop labelled like the diagram's ("$10.0B equity"), coloured by kind with the loops'
 * edges in the loop colour. Names are escaped with Mermaid's entity codes. At most 200 edges are
 * drawn (GitHub's limit is 500); a comment says what was left out. */
void circa_cycles_write_mermaid(const CircaCycleSet *set, const CircaGraph *graph, GString *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaCycleSet, circa_cycle_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaCycleWriter, circa_cycle_writer_free)

G_END_DECLS
