/* SPDX-License-Identifier: MIT */
/* What the diagram's two halves share: render-diagram.c decides what is drawn and builds the
 * libcgraph graph; render.c lays it out and draws it with libgvc in a child process. */
#pragma once

#include "circa/render.h"

#include <gvc.h>

/* One arrow of the diagram: the drawn deals of one direction and flow (one deal each with
 * --per-deal). */
typedef struct {
    guint32 from, to;
    guint8 flow;      /* CircaFlow */
    guint8 certainty; /* CircaStatus of its most certain deal: a hop's certainty */
    guint8 kind;      /* CircaKind holding most of its disclosed money (the first, if none) */
    guint n_edges;    /* its graph edges are edges[first_edge … first_edge + n_edges - 1] */
    guint first_edge;
    gint64 known_usd; /* disclosed amounts summed (saturating); 0 when none is disclosed */
    guint n_undisclosed;
    guint first_loop; /* its loops (0-based numbers) are loops[first_loop … + n_loops - 1] */
    guint n_loops;
} CircaDiagramArrow;

/* A highlighted loop as drawn: its number (index + 1) and colour. */
typedef struct {
    const CircaCycle *cycle;
    char *key; /* entity names: "Microsoft → OpenAI"; only for the loops the key lists */
} CircaDiagramLoop;

typedef struct {
    CircaGraph *graph;
    const CircaRenderOptions *options;
    guint8 *node_drawn;   /* entity → drawn */
    guint8 *node_on_loop; /* entity → on a drawn loop */
    GArray *loops;        /* CircaDiagramLoop: the highlighted loops drawn, in highlight order */
    GArray *arrows;       /* CircaDiagramArrow, by first edge id */
    guint32 *edges;       /* graph edge ids, grouped by arrow, ascending within one */
    guint *loop_numbers;  /* 0-based loop indices, grouped by arrow, ascending within one */
    guint n_nodes_drawn;
    gboolean numbered; /* few enough loops to number; else each arrow on one is on "loop 0" */
} CircaDiagram;

/* What @options draw of @graph: the entities, the arrows and which loops each is on. */
void circa_i_diagram_init(CircaDiagram *diagram, CircaGraph *graph,
                          const CircaRenderOptions *options);
void circa_i_diagram_clear(CircaDiagram *diagram);
/* Only one loop and nothing else is drawn: titled by the loop. */
gboolean circa_i_diagram_is_single_loop(const CircaDiagram *diagram);
/* A single loop of three or more hops, one arrow each (no hardware beside money on a hop): laid
 * out as a ring by circo, where two arrows between the same companies would draw their labels
 * over each other. Two hops are two arcs, which dot draws apart. */
gboolean circa_i_diagram_is_ring(const CircaDiagram *diagram);
/* The libcgraph graph of @diagram, styled for @layout (the graph attribute "layout" says it, so
 * its DOT lays out the same with Graphviz's own tools). */
Agraph_t *circa_i_diagram_build(const CircaDiagram *diagram, const char *layout);

/* Graphviz 2.42 takes char * where it means const char *: the one cast. */
static inline void circa_i_gv_set(void *object, const char *name, const char *value)
{
    agsafeset(object, (char *) name, (char *) value, (char *) "");
}
