/* SPDX-License-Identifier: MIT */
/* Flow diagrams: the deal graph with its loops highlighted, built with libcgraph and drawn with
 * libgvc (Graphviz) as SVG, PNG or PDF, or written as DOT. */
#pragma once

#include <glib.h>

#include "circa/cycles.h"

G_BEGIN_DECLS

typedef enum {
    CIRCA_RENDER_SVG,
    CIRCA_RENDER_PNG,
    CIRCA_RENDER_PDF,
    CIRCA_RENDER_DOT, /* the graph before layout: deterministic, font-independent text */
} CircaRenderFormat;

/* "svg", "png", "pdf", "dot" (or "gv"); FALSE for anything else. */
gboolean circa_render_format_from_string(const char *text, CircaRenderFormat *format);
/* The format a file name asks for by its extension; FALSE when it names none. */
gboolean circa_render_format_from_path(const char *path, CircaRenderFormat *format);
/* The extension of @format, without the dot. */
const char *circa_render_format_extension(CircaRenderFormat format);

/* A page to fit the drawing to; the PNG is 1920 pixels wide. */
typedef enum {
    CIRCA_RENDER_SIZE_NATURAL, /* the drawing's own size; a small PNG is drawn 1920 pixels wide */
    CIRCA_RENDER_SIZE_16_9,    /* 13.33 × 7.5 in, a widescreen slide: 1920 × 1080 */
    CIRCA_RENDER_SIZE_4_3,     /* 10 × 7.5 in, a classic slide: 1920 × 1440 */
    CIRCA_RENDER_SIZE_A4,      /* 297 × 210 mm, landscape: 1920 × 1358 */
} CircaRenderSize;

/* "16:9", "4:3", "a4"; FALSE for anything else. */
gboolean circa_render_size_from_string(const char *text, CircaRenderSize *size);

typedef struct {
    CircaPass pass;                 /* CIRCA_PASS_MIXED also draws hardware edges, dashed */
    const CircaCycleSet *highlight; /* nullable: loops drawn each in its colour and number */
    gboolean per_deal;              /* the highlighted cycles are per-deal cycles, and each deal
                                     * is an arrow of its own (else one arrow per direction) */
    gboolean cycles_only;           /* draw only what lies on a highlighted loop; one loop alone
                                     * is titled by its key, and of three hops or more laid out
                                     * as a ring (circo) */
    const CircaDealFilter *deals;   /* nullable: the deals drawn beside the loops */
    CircaRenderSize size;           /* the page to fit */
    gint64 focus;         /* an entity: only it, its loops and its direct deals; -1: all */
    const char *title;    /* nullable: "Deal map", or a single loop's key; "" for none */
    const char *footnote; /* nullable: the data files and filters used, say */
    const char *layout;   /* nullable: chosen by what is drawn (circa_render_layout_for()); also
                           * dot, circo, neato, fdp, sfdp, twopi, osage, patchwork */
    CircaGuard *guard;    /* nullable: the deadline and signal flag the layout obeys */
    guint first_loop;     /* the highlighted loops are loops first_loop + 1, … of a listing: one
                           * loop drawn alone keeps its number and colour from the map */
    guint n_listed;       /* that listing's size, for "round trip 3 of 10"; 0: no listing */
    GPtrArray *notes;     /* nullable: circa_render() adds what a reader should be told about the
                           * picture (char *; the array must free its elements) */
} CircaRenderOptions;

void circa_render_options_init(CircaRenderOptions *options);

/* Whether this build has Graphviz (meson option -Dgraphviz). Without it circa_render() fails with
 * a message that says so. */
gboolean circa_render_available(void);

/* The loops a render highlights unless told: as many as the palette has colours, so no two
 * look alike. */
#define CIRCA_RENDER_DEFAULT_LOOPS 6

/* Without a layout asked for, drawings of more than this many arrows are laid out by sfdp: dot
 * does not finish a 20,000-deal graph in 20 minutes. */
#define CIRCA_RENDER_MAX_DOT_ARROWS 1000
/* The layout circa_render() will use: @options' own, else circo for a ring (a single loop of three
 * hops or more), dot, or sfdp past CIRCA_RENDER_MAX_DOT_ARROWS arrows drawn. */
const char *circa_render_layout_for(CircaGraph *graph, const CircaRenderOptions *options);

/* Draws @graph. The layout runs in a child process (fork), because Graphviz cannot be
 * interrupted: when the guard stops (a timeout, a signal) the child is killed and the result is
 * a CIRCA_ERROR_INTERRUPTED error; a crash inside Graphviz is an error too. DOT needs no layout
 * and is written in this process. Node and edge order follow entity and edge ids, so DOT output
 * is identical from run to run. Entities are grouped by the strong components of the money
 * drawn, filled by their entity type; each direction's deals are one arrow, as wide as the log of
 * their total, labelled like "$13.8B equity ×4"; each loop has its colour and number. Errors:
 * CIRCA_ERROR_USAGE for an unknown layout or nothing to draw, CIRCA_ERROR_FAILED for whatever
 * Graphviz reports. */
GBytes *circa_render(CircaGraph *graph, const CircaRenderOptions *options, CircaRenderFormat format,
                     GError **error);

G_END_DECLS
