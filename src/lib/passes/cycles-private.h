/* SPDX-License-Identifier: MIT */
/* Between the cycle search (cycles-search.c) and what it finds (cycles.c, cycles-collect.c). */
#pragma once

#include "circa/cycles.h"

#define CIRCA_NO_COMPONENT G_MAXUINT32

/* The graph the search walks: one hop per (from, to) pair of entities with kept edges, and, in
 * the search's own numbering (ranks), compressed sparse rows of the hops inside strong
 * components, out and in. */
typedef struct {
    guint n_vertices;
    guint n_hops;
    CircaHop *hops;     /* aggregates; edges point into hop_edges */
    guint32 *hop_to;    /* hop → target */
    guint32 *hop_start; /* (before amount filtering) hop → first of its edges in hop_edges */
    guint32 *hop_edges;
    guint32 *n_financing; /* hop → money edges of financing kinds on it */
    guint32 *out_start;   /* rank → its first out slot */
    guint32 *out_to;      /* out slot → target rank, each vertex's slots falling */
    guint32 *out_hop;     /* out slot → hop */
    guint32 *in_start;    /* rank → first entry of in_from */
    guint32 *in_from;     /* ranks of the sources of the hops into each rank, falling */
    guint32 *component;   /* vertex → strong component, or CIRCA_NO_COMPONENT */
    guint32 *component_size;
    guint32 *order;     /* search rank → vertex: most connected first */
    guint32 *rank;      /* vertex → search rank */
    guint n_components; /* components with two or more vertices */
    guint64 n_starts;   /* vertices in those components */
} CircaHopGraph;

CircaHopGraph *circa_i_hop_graph_new(const CircaGraph *graph, const CircaCycleOptions *options,
                                     GError **error);
void circa_i_hop_graph_free(CircaHopGraph *hops);

/* Fills @hop's aggregates (amount, dates, certainty) from @edges. */
void circa_i_hop_init_from_edges(CircaHop *hop, const CircaGraph *graph, const guint32 *edges,
                                 guint n_edges);
gboolean circa_i_edge_is_financing(const CircaGraph *graph, guint32 edge);

/* One deal, one hop (shared-deals.c): for the two opposite hops of a mixed-pass 2-cycle, gives
 * each deal with an edge on both wholly to one of them, the split with the larger bottleneck, by
 * removing its edge from the other list (both ascending, edited in place). *@estimated says the
 * split was found greedily (too many shared deals to try every split). FALSE when a hop is left
 * empty, which a hop graph's 2-cycle never allows. */
gboolean circa_i_split_shared_deals(const CircaGraph *graph, guint32 *edges0, guint *n0,
                                    guint32 *edges1, guint *n1, gboolean *estimated);

typedef struct _CircaSearch CircaSearch;

/* Called for each cycle of @length hops on the search path; FALSE stops the search. */
typedef gboolean (*CircaEmitFunc)(CircaSearch *search, guint length, gpointer data);

/* The current path: vertices path[0..length) and the hops between them (path_hops[i] leaves
 * path[i]; the last returns to path[0]). */
const guint32 *circa_i_search_path(const CircaSearch *search);
const guint32 *circa_i_search_path_hops(const CircaSearch *search);
/* Adds to the cycle count shown by progress reports. */
void circa_i_search_count(CircaSearch *search, guint64 cycles);

gboolean circa_i_search_run(const CircaGraph *graph, const CircaHopGraph *hops,
                            const CircaCycleOptions *options, CircaEmitFunc emit,
                            gpointer emit_data, CircaSearchEnd *end);
