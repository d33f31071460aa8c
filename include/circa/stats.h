/* SPDX-License-Identifier: MIT */
/* The summary of a deal graph (`circa stats`): a pass that counts, and writers that show it. */
#pragma once

#include <glib.h>

#include "circa/graph.h"

G_BEGIN_DECLS

/* Gross money of a group of deals: known amounts summed, undisclosed ones counted. */
typedef struct {
    guint n_deals;
    guint n_undisclosed;
    gint64 disclosed_usd; /* saturates at CIRCA_AMOUNT_SATURATED (circa_amount_add) */
} CircaMoney;

typedef struct {
    guint32 entity;
    CircaMoney money;
} CircaEntityMoney;

/* A non-trivial strong component of the money graph: money can go round inside it. */
typedef struct {
    guint32 *members; /* entity indices, ascending (so names are sorted) */
    guint n_members;
    CircaMoney inside; /* money deals between members */
} CircaCluster;

typedef struct {
    CircaDealFilter filter; /* the deals counted; open when all are */
    guint n_left_out;       /* deals the filter left out */
    guint n_entities;       /* entities with a deal counted */
    CircaMoney total;
    CircaMoney by_kind[CIRCA_KIND_COUNT];
    guint by_status[CIRCA_STATUS_COUNT];
    CircaDate first_date; /* CIRCA_DATE_NONE when no deal is dated */
    CircaDate last_date;
    guint n_undated;
    guint n_money_components;
    GArray *clusters; /* CircaCluster, largest money inside first */
    GArray *top_out;  /* CircaEntityMoney, most money paid first; at most top_n */
    GArray *top_in;   /* CircaEntityMoney, most money received first */
} CircaStats;

/* The summary of the deals @filter keeps (nullable: every deal), their circular clusters being
 * the strong components of those deals alone. O(V + E + V log V). Ties in every ranking break by
 * entity name, so output is stable. NULL with an error only for a filter no deal can pass
 * (CIRCA_ERROR_USAGE) or when igraph fails. */
CircaStats *circa_stats_new(CircaGraph *graph, const CircaDealFilter *filter, guint top_n,
                            GError **error);
void circa_stats_free(CircaStats *stats);

/* Writers: people get a text report, scripts one JSON document with exact integer amounts. */
void circa_stats_write_text(const CircaStats *stats, const CircaGraph *graph, GString *out);
char *circa_stats_to_json(const CircaStats *stats, const CircaGraph *graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaStats, circa_stats_free)

G_END_DECLS
