/* SPDX-License-Identifier: MIT */
/* The deal graph: an igraph directed multigraph of money and hardware flows, with per-edge data
 * in our own arrays and the strong components of each flow set. */
#pragma once

#include <glib.h>
#include <igraph.h>

#include "circa/dealset.h"

G_BEGIN_DECLS

typedef enum {
    CIRCA_FLOW_MONEY,    /* payer → payee, for every deal */
    CIRCA_FLOW_HARDWARE, /* payee → payer, for chips and compute deals */
} CircaFlow;

/* Which flows a pass looks at. */
typedef enum {
    CIRCA_FLOWS_MONEY = 1 << CIRCA_FLOW_MONEY,
    CIRCA_FLOWS_ALL = (1 << CIRCA_FLOW_MONEY) | (1 << CIRCA_FLOW_HARDWARE),
} CircaFlowSet;

/* Strong components of one flow set, numbered canonically: component 0 holds the vertex with the
 * smallest id, and so on, so numbering never depends on igraph's internal order. */
typedef struct {
    guint n_components;
    guint32 *membership; /* vertex → component */
    guint32 *size;       /* component → number of vertices */
} CircaComponents;

typedef struct {
    igraph_t graph;            /* vertices are entity indices of the deal set */
    const CircaDealSet *deals; /* borrowed: must outlive the graph */
    guint n_money_edges;       /* edges 0 … n_money_edges-1 are money, deal i is edge i */
    guint32 *edge_deal;        /* edge → deal index */
    guint8 *edge_flow;         /* edge → CircaFlow */
    /* Strong components, computed on first use: see circa_graph_components(). */
    CircaComponents money; /* over money edges */
    CircaComponents all;   /* over money and hardware edges */
} CircaGraph;

/* Builds the graph with one igraph_create() call: a money edge payer→payee per deal, in deal
 * order, then a hardware edge payee→payer per chips or compute deal. O(V + E). */
CircaGraph *circa_graph_new_from_deals(const CircaDealSet *deals, GError **error);
void circa_graph_free(CircaGraph *graph);

/* The strong components of @flows (igraph_connected_components, IGRAPH_STRONG), computed on the
 * first call and kept. NULL with an error only when igraph fails (out of memory). */
const CircaComponents *circa_graph_components(CircaGraph *graph, CircaFlowSet flows,
                                              GError **error);

/* Which deals @filter (nullable: all) keeps, deal index → 1, with its amount bound applied as the
 * money pass applies it: to the disclosed sum of the deals kept from one payer to one payee (a
 * hop). Free it. */
guint8 *circa_graph_kept_deals(const CircaGraph *graph, const CircaDealFilter *filter);
/* The strong components of the money edges of the deals @kept marks (all when NULL), computed
 * anew into @components: clear them with circa_components_clear(). */
gboolean circa_graph_money_components_of(CircaGraph *graph, const guint8 *kept,
                                         CircaComponents *components, GError **error);
void circa_components_clear(CircaComponents *components);

static inline guint circa_graph_n_vertices(const CircaGraph *graph)
{
    return (guint) igraph_vcount(&graph->graph);
}

static inline guint circa_graph_n_edges(const CircaGraph *graph)
{
    return (guint) igraph_ecount(&graph->graph);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaGraph, circa_graph_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CircaComponents, circa_components_clear)

G_END_DECLS
