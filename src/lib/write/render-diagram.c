/* SPDX-License-Identifier: MIT */
/* The diagram: what is drawn (one arrow per direction, or per deal), which loops each arrow is
 * on, and the libcgraph graph that shows it, built in a fixed order so the DOT and the pictures
 * are the same from run to run.
 *
 * How it reads:
 * - a highlighted loop is a number and a colour from the Okabe–Ito palette, which stays apart
 *   for the common colour blindnesses; an arrow on several loops draws one stroke per loop
 *   (a Graphviz colour list) and names their numbers in its label;
 * - the kind of deal is a word in every label, written in the kind's colour, because the stroke
 *   colour belongs to the loops; with no loop highlighted the stroke is the kind's colour too;
 * - certainty is opacity everywhere: signed and closed deals solid, announced ones fainter,
 *   rumored ones faintest, and the label names any certainty below signed;
 * - width follows the log of an arrow's disclosed total; hardware flowing back is dashed.
 * The key sits in the graph's own label, under the title, so no layout can place it over the
 * drawing, and it lists only what is drawn.
 *
 * Plain labels are escString: a backslash starts an escape (\N is the node name) and HTML
 * entities are decoded, so names are escaped for both; node names are the entities' names, which
 * SVG shows as each shape's <title>. */

#include "circa/error.h"
#include "write/labels-private.h"
#include "write/render-private.h"
#include "write/escape-private.h"
#include "write/style-private.h"

#include <math.h>
#include <string.h>

#define FONT "Liberation Sans"
/* Past a few hundred edges labels cannot be read, and dot lays each out as a node of its own;
 * curved splines routed around every node cost as much again. Both take minutes on a large
 * graph: the amounts move to the tooltips and the edges become straight lines. */
#define MAX_LABELLED_ARROWS 400
/* Loops named one by one in the key; more are numbered on the arrows only. */
#define MAX_KEYED_LOOPS 24
/* More loops than this are drawn in one colour, without numbers: a number means nothing among
 * thousands, and the labels, ids and key would grow with every loop. */
#define MAX_NUMBERED_LOOPS 99
/* An arrow on many loops draws a stroke for each of the first few and names the first several;
 * its tooltip names them all. */
#define MAX_STROKES 6
#define MAX_LABEL_NUMBERS 8
/* Deals listed in one arrow's tooltip. */
#define MAX_TOOLTIP_DEALS 40

/* Okabe & Ito (2008), "Color Universal Design", without its yellow, which white hides, and its
 * black, which faded for an uncertain loop reads as the grey of the arrows off every loop. */
static const char *const loop_colours[] = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
};
G_STATIC_ASSERT(G_N_ELEMENTS(loop_colours) == CIRCA_RENDER_DEFAULT_LOOPS);
#define OFF_LOOP_COLOUR "#8a8a8a"

/* Fills by entity type, in the order of circa_entity_types(). */
static const char *const type_fills[CIRCA_N_ENTITY_TYPES] = {
    "#f7bcb6", "#b3d1f0", "#bfe3b0", "#ffe38a", "#d3c6ec", "#d6d6d6", "#fbc99a", "#ffffff",
};

/* Opacity by certainty, as two hex digits: on a loop (or with none highlighted), and off one. */
static const char *const strong_alpha[CIRCA_STATUS_COUNT] = {"59", "99", "", ""};
static const char *const muted_alpha[CIRCA_STATUS_COUNT] = {"38", "60", "99", "99"};
static const char *const certainty_words[CIRCA_STATUS_COUNT] = {
    "rumored (faintest)", "announced (fainter)", "signed or closed", "closed"};

/* The @c-th loop drawn is loop options->first_loop + c of its listing (0-based): one loop
 * drawn alone by --each-cycle keeps its number and colour from the map. */
static guint loop_number(const CircaDiagram *diagram, guint c)
{
    return diagram->options->first_loop + c + 1;
}

static const char *loop_colour(const CircaDiagram *diagram, guint c)
{
    return loop_colours[(loop_number(diagram, c) - 1) % G_N_ELEMENTS(loop_colours)];
}

static int type_index(const char *type)
{
    for (guint i = 0; i < CIRCA_N_ENTITY_TYPES; i++) {
        if (strcmp(type, circa_entity_types()[i]) == 0) {
            return (int) i;
        }
    }
    return -1;
}

/* ---- what is drawn ---- */

static gboolean cycle_through(const CircaCycle *cycle, gint64 entity)
{
    for (guint i = 0; i < cycle->length; i++) {
        if ((gint64) cycle->entities[i] == entity) {
            return TRUE;
        }
    }
    return FALSE;
}

/* The highlighted loops the picture shows (with --focus, only those through it), numbered in
 * the highlight's order; marks their entities and edges. */
static void choose_loops(CircaDiagram *diagram, guint8 *edge_on_loop)
{
    const CircaRenderOptions *options = diagram->options;
    const CircaCycleSet *highlight = options->highlight;
    for (guint c = 0; highlight != NULL && c < highlight->cycles->len; c++) {
        const CircaCycle *cycle =
            &((const CircaOwnedCycle *) g_ptr_array_index(highlight->cycles, c))->cycle;
        if (options->focus >= 0 && !cycle_through(cycle, options->focus)) {
            continue;
        }
        /* Keys only for the loops the key names, however many are drawn. */
        CircaDiagramLoop loop = {.cycle = cycle,
                                 .key = diagram->loops->len < MAX_KEYED_LOOPS
                                            ? circa_cycle_key(cycle, diagram->graph, FALSE)
                                            : NULL};
        g_array_append_val(diagram->loops, loop);
        for (guint i = 0; i < cycle->length; i++) {
            diagram->node_on_loop[cycle->entities[i]] = TRUE;
            for (guint k = 0; k < cycle->hops[i].n_edges; k++) {
                edge_on_loop[cycle->hops[i].edges[k]] = TRUE;
            }
        }
    }
}

static gboolean edge_is_drawn(const CircaDiagram *diagram, guint e, const guint8 *edge_on_loop,
                              const guint8 *kept)
{
    const CircaRenderOptions *options = diagram->options;
    CircaGraph *graph = diagram->graph;
    if (edge_on_loop[e]) {
        return TRUE;
    }
    if (options->cycles_only ||
        (graph->edge_flow[e] == CIRCA_FLOW_HARDWARE && options->pass != CIRCA_PASS_MIXED) ||
        (kept != NULL && !kept[graph->edge_deal[e]])) {
        return FALSE;
    }
    if (options->focus < 0) {
        return TRUE;
    }
    igraph_integer_t from, to;
    igraph_edge(&graph->graph, (igraph_integer_t) e, &from, &to);
    return from == options->focus || to == options->focus;
}

/* Groups the drawn edges into arrows: one per payer, payee and flow, or one per edge. */
static void group_arrows(CircaDiagram *diagram, const guint8 *edge_on_loop, const guint8 *kept,
                         guint32 *edge_arrow)
{
    CircaGraph *graph = diagram->graph;
    guint n_edges = circa_graph_n_edges(graph);
    g_autoptr(GHashTable) by_direction = g_hash_table_new(g_int64_hash, g_int64_equal);
    g_autofree gint64 *keys = g_new(gint64, n_edges + 1);
    for (guint e = 0; e < n_edges; e++) {
        edge_arrow[e] = G_MAXUINT32;
        if (!edge_is_drawn(diagram, e, edge_on_loop, kept)) {
            continue;
        }
        igraph_integer_t from, to;
        igraph_edge(&graph->graph, (igraph_integer_t) e, &from, &to);
        keys[e] = ((gint64) from << 33) | ((gint64) to << 1) | graph->edge_flow[e];
        gpointer found =
            diagram->options->per_deal ? NULL : g_hash_table_lookup(by_direction, &keys[e]);
        if (found != NULL) {
            edge_arrow[e] = GPOINTER_TO_UINT(found) - 1;
        } else {
            CircaDiagramArrow arrow = {
                .from = (guint32) from, .to = (guint32) to, .flow = graph->edge_flow[e]};
            g_array_append_val(diagram->arrows, arrow);
            edge_arrow[e] = diagram->arrows->len - 1;
            g_hash_table_insert(by_direction, &keys[e], GUINT_TO_POINTER(diagram->arrows->len));
        }
        diagram->node_drawn[from] = diagram->node_drawn[to] = TRUE;
        g_array_index(diagram->arrows, CircaDiagramArrow, edge_arrow[e]).n_edges++;
    }
    /* Each arrow's edges in one run of diagram->edges, in edge order. */
    guint offset = 0;
    for (guint a = 0; a < diagram->arrows->len; a++) {
        CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
        arrow->first_edge = offset;
        offset += arrow->n_edges;
        arrow->n_edges = 0;
    }
    diagram->edges = g_new(guint32, offset + 1);
    for (guint e = 0; e < n_edges; e++) {
        if (edge_arrow[e] == G_MAXUINT32) {
            continue;
        }
        CircaDiagramArrow *arrow =
            &g_array_index(diagram->arrows, CircaDiagramArrow, edge_arrow[e]);
        diagram->edges[arrow->first_edge + arrow->n_edges++] = e;
    }
}

/* Totals, certainty and main kind of each arrow. */
static void sum_arrows(CircaDiagram *diagram)
{
    for (guint a = 0; a < diagram->arrows->len; a++) {
        CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
        gint64 by_kind[CIRCA_KIND_COUNT] = {0};
        guint8 first_kind = CIRCA_KIND_COUNT;
        for (guint i = 0; i < arrow->n_edges; i++) {
            const CircaDeal *deal =
                circa_i_edge_deal(diagram->graph, diagram->edges[arrow->first_edge + i]);
            arrow->certainty = i == 0 ? deal->status : MAX(arrow->certainty, deal->status);
            first_kind = MIN(first_kind, deal->kind);
            if (deal->amount_usd == CIRCA_AMOUNT_UNKNOWN) {
                arrow->n_undisclosed++;
            } else {
                arrow->known_usd = circa_amount_add(arrow->known_usd, deal->amount_usd);
                by_kind[deal->kind] = circa_amount_add(by_kind[deal->kind], deal->amount_usd);
            }
        }
        arrow->kind = first_kind;
        for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
            if (by_kind[k] > by_kind[arrow->kind]) {
                arrow->kind = (guint8) k;
            }
        }
    }
}

/* Which loops each arrow is on, in loop order, each once; past MAX_NUMBERED_LOOPS, only whether
 * it is on one (as "loop 0"). */
static void mark_loops(CircaDiagram *diagram, const guint32 *edge_arrow, const guint8 *edge_on_loop)
{
    guint n_arrows = diagram->arrows->len;
    if (!diagram->numbered) {
        diagram->loop_numbers = g_new0(guint, 1);
        for (guint a = 0; a < n_arrows; a++) {
            CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
            for (guint i = 0; i < arrow->n_edges && arrow->n_loops == 0; i++) {
                arrow->n_loops = edge_on_loop[diagram->edges[arrow->first_edge + i]] ? 1 : 0;
            }
        }
        return;
    }
    g_autofree guint *last = g_new(guint, n_arrows + 1);
    for (int pass = 0; pass < 2; pass++) {
        guint offset = 0;
        for (guint a = 0; a < n_arrows; a++) {
            CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
            if (pass == 1) {
                arrow->first_loop = offset;
                offset += arrow->n_loops;
                arrow->n_loops = 0;
            }
            last[a] = G_MAXUINT;
        }
        if (pass == 1) {
            diagram->loop_numbers = g_new(guint, offset + 1);
        }
        for (guint c = 0; c < diagram->loops->len; c++) {
            const CircaCycle *cycle = g_array_index(diagram->loops, CircaDiagramLoop, c).cycle;
            for (guint i = 0; i < cycle->length; i++) {
                for (guint k = 0; k < cycle->hops[i].n_edges; k++) {
                    guint a = edge_arrow[cycle->hops[i].edges[k]];
                    if (last[a] == c) {
                        continue;
                    }
                    last[a] = c;
                    CircaDiagramArrow *arrow =
                        &g_array_index(diagram->arrows, CircaDiagramArrow, a);
                    if (pass == 1) {
                        diagram->loop_numbers[arrow->first_loop + arrow->n_loops] = c;
                    }
                    arrow->n_loops++;
                }
            }
        }
    }
}

void circa_i_diagram_init(CircaDiagram *diagram, CircaGraph *graph,
                          const CircaRenderOptions *options)
{
    guint n = circa_graph_n_vertices(graph) + 1, m = circa_graph_n_edges(graph) + 1;
    *diagram = (CircaDiagram){
        .graph = graph,
        .options = options,
        .node_drawn = g_new0(guint8, n),
        .node_on_loop = g_new0(guint8, n),
        .loops = g_array_new(FALSE, FALSE, sizeof(CircaDiagramLoop)),
        .arrows = g_array_new(FALSE, TRUE, sizeof(CircaDiagramArrow)),
    };
    g_autofree guint8 *edge_on_loop = g_new0(guint8, m);
    g_autofree guint32 *edge_arrow = g_new(guint32, m);
    g_autofree guint8 *kept =
        options->deals != NULL ? circa_graph_kept_deals(graph, options->deals) : NULL;
    choose_loops(diagram, edge_on_loop);
    diagram->numbered = diagram->loops->len <= MAX_NUMBERED_LOOPS;
    group_arrows(diagram, edge_on_loop, kept, edge_arrow);
    sum_arrows(diagram);
    mark_loops(diagram, edge_arrow, edge_on_loop);
    if (options->focus >= 0 && !options->cycles_only) {
        diagram->node_drawn[options->focus] = TRUE;
    }
    for (guint v = 0; v + 1 < n; v++) {
        diagram->n_nodes_drawn += diagram->node_drawn[v];
    }
}

void circa_i_diagram_clear(CircaDiagram *diagram)
{
    for (guint c = 0; c < diagram->loops->len; c++) {
        g_free(g_array_index(diagram->loops, CircaDiagramLoop, c).key);
    }
    g_array_unref(diagram->loops);
    g_array_unref(diagram->arrows);
    g_free(diagram->edges);
    g_free(diagram->loop_numbers);
    g_free(diagram->node_drawn);
    g_free(diagram->node_on_loop);
}

gboolean circa_i_diagram_is_single_loop(const CircaDiagram *diagram)
{
    return diagram->options->cycles_only && diagram->loops->len == 1;
}

gboolean circa_i_diagram_is_ring(const CircaDiagram *diagram)
{
    if (!circa_i_diagram_is_single_loop(diagram) ||
        g_array_index(diagram->loops, CircaDiagramLoop, 0).cycle->length < 3) {
        return FALSE;
    }
    for (guint a = 1; a < diagram->arrows->len; a++) {
        const CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
        for (guint b = 0; b < a; b++) {
            const CircaDiagramArrow *other = &g_array_index(diagram->arrows, CircaDiagramArrow, b);
            if (arrow->from == other->from && arrow->to == other->to) {
                return FALSE;
            }
        }
    }
    return TRUE;
}

/* ---- labels ---- */

/* A browser drops the spaces at either end of an SVG <text>, and Graphviz writes each run of an
 * HTML label as one: the spaces beside a tag, and runs of them, become no-break spaces, which
 * every renderer keeps. @html is markup circa wrote, names escaped, so a raw '<' or '>' is a
 * tag. */
static char *keep_spaces(const char *html)
{
    GString *out = g_string_new(NULL);
    for (const char *p = html; *p != '\0'; p++) {
        gboolean beside_tag =
            (p > html && p[-1] == '>') || p[1] == '<' || (p > html && p[-1] == ' ') || p[1] == ' ';
        if (*p == ' ' && beside_tag) {
            g_string_append(out, "&#160;");
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

static void set_html_label(Agraph_t *g, void *object, const char *html)
{
    g_autofree char *kept = keep_spaces(html);
    char *value = agstrdup_html(g, kept);
    agsafeset(object, (char *) "label", value, (char *) "");
    agstrfree(g, value);
}

static const CircaDeal *arrow_deal(const CircaDiagram *diagram, const CircaDiagramArrow *arrow,
                                   guint i)
{
    return circa_i_edge_deal(diagram->graph, diagram->edges[arrow->first_edge + i]);
}

/* "$13.8B equity ×4", "$250.0B compute, +1 undisclosed", "undisclosed chips ×2": a line per kind,
 * the kind's word in its colour (HTML); @plain gets the same without markup. */
static void append_amounts(GString *html, GString *plain, const CircaDiagram *diagram,
                           const CircaDiagramArrow *arrow, const char *amount_colour)
{
    gint64 known[CIRCA_KIND_COUNT] = {0};
    guint n_known[CIRCA_KIND_COUNT] = {0}, n_undisclosed[CIRCA_KIND_COUNT] = {0};
    for (guint i = 0; i < arrow->n_edges; i++) {
        const CircaDeal *deal = arrow_deal(diagram, arrow, i);
        if (deal->amount_usd == CIRCA_AMOUNT_UNKNOWN) {
            n_undisclosed[deal->kind]++;
        } else {
            known[deal->kind] = circa_amount_add(known[deal->kind], deal->amount_usd);
            n_known[deal->kind]++;
        }
    }
    gboolean first = TRUE;
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        if (n_known[k] + n_undisclosed[k] == 0) {
            continue;
        }
        const char *kind = circa_kind_to_string((CircaKind) k);
        char amount[16];
        g_autofree char *count = NULL;
        g_autofree char *more = NULL;
        if (n_known[k] > 0) {
            circa_amount_format(known[k], amount);
            count = n_known[k] > 1 ? g_strdup_printf(" ×%u", n_known[k]) : g_strdup("");
            more = n_undisclosed[k] > 0 ? g_strdup_printf(", +%u undisclosed", n_undisclosed[k])
                                        : g_strdup("");
        } else {
            g_strlcpy(amount, "undisclosed", sizeof amount);
            count = n_undisclosed[k] > 1 ? g_strdup_printf(" ×%u", n_undisclosed[k]) : g_strdup("");
            more = g_strdup("");
        }
        const char *hardware = arrow->flow == CIRCA_FLOW_HARDWARE ? " (hardware)" : "";
        g_autofree char *tail = g_strconcat(count, more, hardware, NULL);
        /* Graphviz rejects an empty <FONT></FONT>. */
        /* Beside numbered loops the kind's colour would read as another loop's. */
        const char *kind_colour =
            diagram->loops->len > 0 ? amount_colour : circa_i_kind_colour((CircaKind) k);
        g_string_append_printf(html,
                               "%s<FONT COLOR=\"%s\">%s </FONT><FONT COLOR=\"%s\"><B>%s</B></FONT>",
                               first ? "" : "<BR/>", amount_colour, amount, kind_colour, kind);
        if (tail[0] != '\0') {
            g_string_append_printf(html, "<FONT COLOR=\"%s\">%s</FONT>", amount_colour, tail);
        }
        g_string_append_printf(plain, "%s%s %s%s%s%s", first ? "" : ", ", amount, kind, count, more,
                               hardware);
        first = FALSE;
    }
    /* An arrow is as certain as its surest deal: say how much of it is less certain. */
    gint64 unsure[CIRCA_STATUS_COUNT] = {0};
    guint n_unsure[CIRCA_STATUS_COUNT] = {0};
    for (guint i = 0; i < arrow->n_edges; i++) {
        const CircaDeal *deal = arrow_deal(diagram, arrow, i);
        if (deal->status < arrow->certainty && deal->status < CIRCA_STATUS_SIGNED) {
            n_unsure[deal->status]++;
            if (deal->amount_usd != CIRCA_AMOUNT_UNKNOWN) {
                unsure[deal->status] = circa_amount_add(unsure[deal->status], deal->amount_usd);
            }
        }
    }
    for (int status = CIRCA_STATUS_ANNOUNCED; status >= CIRCA_STATUS_RUMORED; status--) {
        if (n_unsure[status] == 0) {
            continue;
        }
        char amount[16];
        g_autofree char *part =
            unsure[status] > 0
                ? g_strdup_printf(" · incl. %s %s", circa_amount_format(unsure[status], amount),
                                  circa_status_to_string((CircaStatus) status))
                : g_strdup_printf(" · incl. %u %s", n_unsure[status],
                                  circa_status_to_string((CircaStatus) status));
        g_string_append_printf(html, "<FONT COLOR=\"%s\"><I>%s</I></FONT>", amount_colour, part);
        g_string_append(plain, part);
    }
    if (arrow->certainty < CIRCA_STATUS_SIGNED) {
        const char *word = circa_status_to_string((CircaStatus) arrow->certainty);
        g_string_append_printf(html, "<FONT COLOR=\"%s\"><I> · %s</I></FONT>", amount_colour, word);
        g_string_append_printf(plain, " · %s", word);
    }
}

/* The loop numbers of @arrow, each in its loop's colour: "1 3 ". */
static void append_loop_numbers(GString *html, const CircaDiagram *diagram,
                                const CircaDiagramArrow *arrow)
{
    if (circa_i_diagram_is_single_loop(diagram) || !diagram->numbered) {
        return; /* the title names it, or there are too many */
    }
    for (guint i = 0; i < arrow->n_loops && i < MAX_LABEL_NUMBERS; i++) {
        guint c = diagram->loop_numbers[arrow->first_loop + i];
        g_string_append_printf(html, "<FONT COLOR=\"%s\"><B>%u</B></FONT> ",
                               loop_colour(diagram, c), loop_number(diagram, c));
    }
    if (arrow->n_loops > MAX_LABEL_NUMBERS) {
        g_string_append_printf(html, "(and %u more loops) ", arrow->n_loops - MAX_LABEL_NUMBERS);
    }
}

/* Whether the @c-th loop drawn takes graph edge @edge. */
static gboolean loop_takes_edge(const CircaDiagram *diagram, guint c, guint32 edge)
{
    const CircaCycle *cycle = g_array_index(diagram->loops, CircaDiagramLoop, c).cycle;
    for (guint i = 0; i < cycle->length; i++) {
        for (guint k = 0; k < cycle->hops[i].n_edges; k++) {
            if (cycle->hops[i].edges[k] == edge) {
                return TRUE;
            }
        }
    }
    return FALSE;
}

/* "Microsoft → OpenAI: $13.8B equity ×4" and a line per deal: id, amount, kind, status, date. */
static char *arrow_tooltip(const CircaDiagram *diagram, const CircaDiagramArrow *arrow,
                           const char *summary)
{
    GString *out = g_string_new(NULL);
    g_autofree char *head =
        g_strdup_printf("%s → %s: %s", circa_i_entity_name(diagram->graph, arrow->from),
                        circa_i_entity_name(diagram->graph, arrow->to), summary);
    g_autofree char *escaped_head = circa_i_dot_tooltip(head);
    g_string_append(out, escaped_head);
    /* In the mixed pass a loop may take only some of an arrow's deals (each deal counts once,
     * on one side): then each deal says which loops it is on. */
    gboolean partial = FALSE;
    for (guint i = 0; i < arrow->n_edges && diagram->numbered && !partial; i++) {
        for (guint k = 0; k < arrow->n_loops && !partial; k++) {
            partial = !loop_takes_edge(diagram, diagram->loop_numbers[arrow->first_loop + k],
                                       diagram->edges[arrow->first_edge + i]);
        }
    }
    for (guint i = 0; i < arrow->n_edges && i < MAX_TOOLTIP_DEALS; i++) {
        const CircaDeal *deal = arrow_deal(diagram, arrow, i);
        char amount[16], date[11];
        g_autoptr(GString) line = g_string_new(NULL);
        g_string_append_printf(line, "%s: %s %s, %s%s%s", deal->id,
                               circa_amount_format(deal->amount_usd, amount),
                               circa_kind_to_string((CircaKind) deal->kind),
                               circa_status_to_string((CircaStatus) deal->status),
                               deal->date.precision != CIRCA_DATE_NONE ? ", " : "",
                               circa_date_format(deal->date, date));
        guint n_on = 0;
        g_autoptr(GString) on = g_string_new(NULL);
        for (guint k = 0; partial && k < arrow->n_loops; k++) {
            guint c = diagram->loop_numbers[arrow->first_loop + k];
            if (loop_takes_edge(diagram, c, diagram->edges[arrow->first_edge + i])) {
                g_string_append_printf(on, "%s%u", n_on++ == 0 ? "" : ", ",
                                       loop_number(diagram, c));
            }
        }
        if (partial) {
            g_string_append_printf(line, "; on %s%s",
                                   n_on == 0   ? "no highlighted loop"
                                   : n_on == 1 ? "loop "
                                               : "loops ",
                                   on->str);
        }
        g_autofree char *escaped = circa_i_dot_tooltip(line->str);
        g_string_append_printf(out, "\\n%s", escaped);
    }
    if (arrow->n_edges > MAX_TOOLTIP_DEALS) {
        g_string_append_printf(out, "\\n… and %u more deals", arrow->n_edges - MAX_TOOLTIP_DEALS);
    }
    for (guint i = 0; i < arrow->n_loops; i++) {
        if (diagram->numbered) {
            g_string_append_printf(
                out, "%s%u",
                i > 0                ? ", "
                : arrow->n_loops > 1 ? "\\non round trips "
                                     : "\\non round trip ",
                loop_number(diagram, diagram->loop_numbers[arrow->first_loop + i]));
        } else {
            g_string_append(out, "\\non a highlighted round trip");
        }
    }
    return g_string_free(out, FALSE);
}

/* Width grows with the log of the disclosed total, on one scale for every arrow: 1 at $1M or
 * less, 4 at $1B, 7 at $1T. An arrow on several loops shares its width between their strokes. */
static char *pen_width(const CircaDiagramArrow *arrow)
{
    double width = 1.0;
    if (arrow->known_usd > 1000000) {
        width += log10((double) arrow->known_usd / 1e6);
    }
    width = MIN(width, 7.0);
    if (arrow->n_loops > 1) {
        width = MAX(1.0, width / MIN(arrow->n_loops, MAX_STROKES));
    }
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buffer, sizeof buffer, "%.2f", width));
}

/* The stroke: one colour per loop, else the kind's colour or, beside highlighted loops, grey;
 * its opacity says how certain the arrow is. */
static char *arrow_colour(const CircaDiagram *diagram, const CircaDiagramArrow *arrow,
                          gboolean labels)
{
    GString *colour = g_string_new(NULL);
    for (guint i = 0; i < arrow->n_loops && i < MAX_STROKES; i++) {
        g_string_append_printf(colour, "%s%s%s", i == 0 ? "" : ":",
                               loop_colour(diagram, diagram->loop_numbers[arrow->first_loop + i]),
                               strong_alpha[arrow->certainty]);
    }
    if (arrow->n_loops == 0) {
        const char *base = arrow->flow == CIRCA_FLOW_HARDWARE
                               ? circa_i_hardware_colour()
                               : circa_i_kind_colour((CircaKind) arrow->kind);
        gboolean muted = diagram->loops->len > 0;
        if (muted && labels) {
            base = OFF_LOOP_COLOUR; /* the kind is in the label */
        }
        g_string_append_printf(colour, "%s%s", base,
                               (muted ? muted_alpha : strong_alpha)[arrow->certainty]);
    }
    return g_string_free(colour, FALSE);
}

/* ---- the key ---- */

/* The key is one table of two columns, so that the loops' keys and facts line up; every other
 * row spans both. (Rows of one nested table each would not do: Graphviz 2.42
 * stretches a nested table's columns to the width of its cell.) */
#define WHOLE_ROW "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"2\">"

/* A coloured square and its text, inline in a row of the key. */
static void append_swatch(GString *html, const char *colour, const char *text)
{
    g_string_append_printf(html, "<FONT COLOR=\"%s\" POINT-SIZE=\"16\">■</FONT> %s     ", colour,
                           text);
}

/* A row of the key; a single loop's compact key is set smaller. */
static void begin_row(GString *html, const char *heading, gboolean compact)
{
    g_string_append_printf(html, WHOLE_ROW "<FONT POINT-SIZE=\"%s\"><B>%s</B>     ",
                           compact ? "12" : "14", heading);
}

static void end_row(GString *html)
{
    g_string_append(html, "</FONT></TD></TR>");
}

/* "Nvidia → OpenAI → Oracle → Nvidia": a loop's key, closed, as a reader follows it. */
static char *closed_key(const CircaDiagram *diagram, const CircaDiagramLoop *loop)
{
    return g_strdup_printf("%s → %s", loop->key,
                           circa_i_entity_name(diagram->graph, loop->cycle->entities[0]));
}

/* "$10.0B bottleneck · 2024-10 … 2025-09 · signed", and the deals of a per-deal loop. */
static void append_loop_facts(GString *out, const CircaDiagram *diagram, const CircaCycle *cycle)
{
    circa_i_append_bottleneck(out, cycle);
    g_string_append(out, " bottleneck · ");
    circa_i_append_span(out, cycle->first_date, cycle->last_date);
    g_string_append_printf(out, " · %s", circa_status_to_string(cycle->certainty));
    if (diagram->options->per_deal) {
        g_autofree char *deals = circa_cycle_key(cycle, diagram->graph, TRUE);
        g_string_append_printf(out, " · deals %s", deals);
    }
}

static void append_loop_rows(GString *html, const CircaDiagram *diagram)
{
    guint n = diagram->loops->len, keyed = MIN(n, MAX_KEYED_LOOPS);
    if (!diagram->numbered) {
        g_autofree char *text =
            g_strdup_printf("%u round trips highlighted (more than " G_STRINGIFY(
                                MAX_NUMBERED_LOOPS) ", so not numbered)",
                            n);
        begin_row(html, "Round trips", FALSE);
        append_swatch(html, loop_colour(diagram, 0), text);
        end_row(html);
        return;
    }
    g_autofree char *repeat =
        loop_number(diagram, n - 1) > G_N_ELEMENTS(loop_colours)
            ? g_strdup_printf("; after %u the colours repeat, the numbers do not",
                              (guint) G_N_ELEMENTS(loop_colours))
            : g_strdup("");
    g_string_append_printf(html,
                           WHOLE_ROW "<B>Round trips highlighted (numbered on their arrows%s)</B>"
                                     "</TD></TR>",
                           repeat);
    for (guint c = 0; c < keyed; c++) {
        const CircaDiagramLoop *loop = &g_array_index(diagram->loops, CircaDiagramLoop, c);
        g_autoptr(GString) facts = g_string_new(NULL);
        append_loop_facts(facts, diagram, loop->cycle);
        g_autofree char *closed = closed_key(diagram, loop);
        g_autofree char *key = circa_i_dot_html_text(closed);
        g_autofree char *text = circa_i_dot_html_text(facts->str);
        g_string_append_printf(
            html,
            "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\" POINT-SIZE=\"16\">■</FONT>"
            " <FONT COLOR=\"%s\"><B>%u</B></FONT>  %s      </TD><TD ALIGN=\"LEFT\">"
            "<FONT COLOR=\"#555555\">%s</FONT></TD></TR>",
            loop_colour(diagram, c), loop_colour(diagram, c), loop_number(diagram, c), key, text);
    }
    if (n > keyed) {
        g_string_append_printf(html,
                               WHOLE_ROW "… and %u more, numbered on their arrows (%u to %u)"
                                         "</TD></TR>",
                               n - keyed, loop_number(diagram, keyed), loop_number(diagram, n - 1));
    }
}

static void append_key(GString *html, const CircaDiagram *diagram, gboolean labels)
{
    guint kinds = 0, certainties = 0, types = 0;
    gboolean hardware = FALSE, shared = FALSE, untyped = FALSE, mixed = FALSE;
    for (guint a = 0; a < diagram->arrows->len; a++) {
        const CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
        for (guint i = 0; i < arrow->n_edges; i++) {
            kinds |= 1u << arrow_deal(diagram, arrow, i)->kind;
        }
        certainties |= 1u << arrow->certainty;
        hardware |= arrow->flow == CIRCA_FLOW_HARDWARE;
        shared |= arrow->n_loops > 1;
        for (guint i = 0; i < arrow->n_edges; i++) {
            guint8 status = arrow_deal(diagram, arrow, i)->status;
            mixed |= status < arrow->certainty && status < CIRCA_STATUS_SIGNED;
        }
    }
    for (guint v = 0; v < circa_graph_n_vertices(diagram->graph); v++) {
        if (diagram->node_drawn[v]) {
            int type = type_index(circa_deal_set_entity(diagram->graph->deals, v)->type);
            types |= type >= 0 ? 1u << type : 0;
            untyped |= type < 0;
        }
    }
    /* A single loop's key is compact: what its title does not say, in two or three short rows. */
    gboolean compact = circa_i_diagram_is_single_loop(diagram);
    gboolean loops = diagram->loops->len > 0;
    if (loops && !compact) {
        append_loop_rows(html, diagram);
    }
    /* Beside loops the kinds are words on the arrows, in no colour of their own. */
    begin_row(html, loops ? "Kinds (named on each arrow)" : "Kinds", compact);
    for (int family = 0; family < 2; family++) {
        guint listed = 0;
        for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
            if (!(kinds & (1u << k)) || circa_kind_is_financing((CircaKind) k) != (family == 0)) {
                continue;
            }
            const char *kind = circa_kind_to_string((CircaKind) k);
            if (loops) {
                g_string_append_printf(html, "%s%s", listed > 0 ? ", " : "", kind);
            } else {
                g_autofree char *text = g_strdup_printf("<FONT COLOR=\"%s\">%s</FONT>",
                                                        circa_i_kind_colour((CircaKind) k), kind);
                append_swatch(html, circa_i_kind_colour((CircaKind) k), text);
            }
            listed++;
        }
        if (listed > 0 && !compact) {
            g_string_append_printf(html, " (%s)     ", family == 0 ? "financing" : "purchases");
        } else if (listed > 0) {
            g_string_append(html, "     ");
        }
    }
    if (compact) {
        g_string_append(html, "  <B>Certainty</B>     ");
    } else {
        end_row(html);
        begin_row(html, "Certainty", compact);
    }
    if (certainties & (1u << CIRCA_STATUS_CLOSED)) {
        certainties = (certainties | (1u << CIRCA_STATUS_SIGNED)) & ~(1u << CIRCA_STATUS_CLOSED);
    }
    for (int s = CIRCA_STATUS_SIGNED; s >= 0; s--) {
        if (certainties & (1u << s)) {
            g_autofree char *fill = g_strconcat("#444444", strong_alpha[s], NULL);
            append_swatch(html, fill, certainty_words[s]);
        }
    }
    end_row(html);
    g_autoptr(GString) notes = g_string_new(NULL);
    if (!compact) {
        g_string_append(notes, " · width: the arrow's disclosed total");
    }
    if (!diagram->options->per_deal && !compact) {
        g_string_append(notes, " · one arrow per direction (×N: deals)");
    }
    if (hardware) {
        g_string_append(notes, " · dashed: hardware back to the buyer");
    }
    if (loops && !compact) {
        g_string_append(notes, " · bold border: on a highlighted round trip");
    }
    if (shared) {
        g_string_append(notes, " · several strokes: on several round trips (their widths add up)");
    }
    if (!labels) {
        g_string_append(
            notes, " · amounts in the tooltips (over " G_STRINGIFY(MAX_LABELLED_ARROWS) " arrows)");
    } else if (mixed) {
        g_string_append(notes, " · incl.: the part of an arrow less certain than its surest deal");
    }
    if (notes->len > 0) {
        /* Two notes a line: one long line would set the picture's width. */
        begin_row(html, "Reading", compact);
        g_auto(GStrv) parts = g_strsplit(notes->str + strlen(" · "), " · ", -1);
        for (guint i = 0; parts[i] != NULL; i++) {
            g_string_append_printf(html, "%s%s",
                                   i == 0       ? ""
                                   : i % 2 == 0 ? "<BR ALIGN=\"LEFT\"/>"
                                                : " · ",
                                   parts[i]);
        }
        g_string_append(html, "<BR ALIGN=\"LEFT\"/>");
        end_row(html);
    }
    if (types != 0 || untyped) {
        begin_row(html, "Companies", compact);
        for (guint t = 0; t < CIRCA_N_ENTITY_TYPES; t++) {
            gboolean white = strcmp(type_fills[t], "#ffffff") == 0;
            if (!(types & (1u << t)) && !(white && untyped)) {
                continue;
            }
            /* White would not show: an outline instead. A type the table does not know is
             * drawn like "other". */
            const char *name = circa_entity_types()[t];
            g_autofree char *text =
                white && untyped ? g_strdup_printf("%s or none", name) : g_strdup(name);
            if (white) {
                g_string_append_printf(
                    html, "<FONT COLOR=\"#777777\" POINT-SIZE=\"16\">□</FONT> %s     ", text);
            } else {
                append_swatch(html, type_fills[t], text);
            }
        }
        end_row(html);
    }
}

/* Title, the loop's facts for a single loop, the key and the footnote: the graph's label. */
static void add_heading(Agraph_t *g, const CircaDiagram *diagram, const char *title,
                        gboolean labels)
{
    const CircaRenderOptions *options = diagram->options;
    g_autoptr(GString) html =
        g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">");
    if (title[0] != '\0') { /* Graphviz rejects an empty <B></B> */
        g_autofree char *escaped_title = circa_i_dot_html_text(title);
        g_string_append_printf(html, WHOLE_ROW "<FONT POINT-SIZE=\"24\"><B>%s</B></FONT></TD></TR>",
                               escaped_title);
    }
    if (circa_i_diagram_is_single_loop(diagram)) {
        const CircaDiagramLoop *loop = &g_array_index(diagram->loops, CircaDiagramLoop, 0);
        g_autoptr(GString) facts = g_string_new(NULL);
        g_autofree char *closed = closed_key(diagram, loop);
        if (options->n_listed > 1) {
            g_string_append_printf(facts, "round trip %u of %u · ", loop_number(diagram, 0),
                                   options->n_listed);
        }
        if (strcmp(title, closed) != 0) {
            g_string_append_printf(facts, "%s · ", closed);
        }
        g_string_append_printf(facts, "%u hops · ", loop->cycle->length);
        append_loop_facts(facts, diagram, loop->cycle);
        g_autofree char *text = circa_i_dot_html_text(facts->str);
        g_string_append_printf(html, WHOLE_ROW "<FONT POINT-SIZE=\"16\">%s</FONT></TD></TR>", text);
    }
    append_key(html, diagram, labels);
    if (options->footnote != NULL) {
        g_autofree char *footnote = circa_i_dot_html_text(options->footnote);
        g_string_append_printf(html,
                               WHOLE_ROW "<FONT POINT-SIZE=\"11\" COLOR=\"#555555\">%s</FONT>"
                                         "</TD></TR>",
                               footnote);
    }
    g_string_append(html, "</TABLE>");
    set_html_label(g, g, html->str);
    circa_i_gv_set(g, "labelloc", "t");
    circa_i_gv_set(g, "labeljust", "l");
}

/* ---- the graph ---- */

static void set_default(Agraph_t *graph, int kind, const char *name, const char *value)
{
    agattr(graph, kind, (char *) name, (char *) value);
}

/* Graph attributes for @layout: spacing that keeps labels apart (measured by the tests'
 * label-overlap check), and the layout named so that the DOT lays out alike. */
static void set_layout(Agraph_t *g, const char *layout, gboolean labels)
{
    circa_i_gv_set(g, "layout", layout);
    circa_i_gv_set(g, "fontname", FONT);
    circa_i_gv_set(g, "bgcolor", "white");
    circa_i_gv_set(g, "pad", "0.3");
    circa_i_gv_set(g, "margin", "0"); /* the PDF page is the drawing, or the --size page */
    circa_i_gv_set(g, "outputorder", "edgesfirst");
    if (strcmp(layout, "dot") == 0) {
        circa_i_gv_set(g, "rankdir", "LR");
        circa_i_gv_set(g, "nodesep", "0.4");
        circa_i_gv_set(g, "ranksep", "0.7");
        circa_i_gv_set(g, "splines", labels ? "true" : "line");
    } else if (strcmp(layout, "circo") == 0) {
        circa_i_gv_set(g, "mindist", "2.2");
        circa_i_gv_set(g, "splines", "curved");
    } else {
        circa_i_gv_set(g, "overlap", "prism");
        circa_i_gv_set(g, "sep", "+12");
        circa_i_gv_set(g, "esep", "+8");
        circa_i_gv_set(g, "splines", labels ? "true" : "line");
    }
}

/* The strong components of the money arrows drawn (Tarjan's algorithm, without recursion):
 * entity → component, and their number. The whole graph's components would box companies
 * together through deals the filters left out. */
static guint drawn_components(const CircaDiagram *diagram, guint32 *membership)
{
    guint n = circa_graph_n_vertices(diagram->graph), n_arrows = diagram->arrows->len;
    g_autofree guint *first = g_new0(guint, n + 1);
    g_autofree guint32 *targets = g_new(guint32, n_arrows + 1);
    for (guint a = 0; a < n_arrows; a++) {
        const CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
        first[arrow->from + 1] += arrow->flow == CIRCA_FLOW_MONEY;
    }
    for (guint v = 0; v < n; v++) {
        first[v + 1] += first[v];
    }
    g_autofree guint *fill = g_memdup2(first, (n + 1) * sizeof *first);
    for (guint a = 0; a < n_arrows; a++) {
        const CircaDiagramArrow *arrow = &g_array_index(diagram->arrows, CircaDiagramArrow, a);
        if (arrow->flow == CIRCA_FLOW_MONEY) {
            targets[fill[arrow->from]++] = arrow->to;
        }
    }
    g_autofree guint *order = g_new(guint, n + 1), *low = g_new(guint, n + 1);
    g_autofree guint *next = g_new(guint, n + 1);
    g_autofree guint32 *stack = g_new(guint32, n + 1), *trail = g_new(guint32, n + 1);
    g_autofree guint8 *on_stack = g_new0(guint8, n + 1);
    for (guint v = 0; v < n; v++) {
        order[v] = G_MAXUINT;
    }
    guint counter = 0, n_stack = 0, n_components = 0;
    for (guint root = 0; root < n; root++) {
        if (order[root] != G_MAXUINT) {
            continue;
        }
        guint depth = 0;
        trail[depth++] = root;
        order[root] = low[root] = counter++;
        next[root] = first[root];
        stack[n_stack++] = root;
        on_stack[root] = TRUE;
        while (depth > 0) {
            guint32 v = trail[depth - 1];
            if (next[v] < first[v + 1]) {
                guint32 w = targets[next[v]++];
                if (order[w] == G_MAXUINT) {
                    order[w] = low[w] = counter++;
                    next[w] = first[w];
                    stack[n_stack++] = w;
                    on_stack[w] = TRUE;
                    trail[depth++] = w;
                } else if (on_stack[w]) {
                    low[v] = MIN(low[v], order[w]);
                }
                continue;
            }
            depth--;
            if (depth > 0) {
                low[trail[depth - 1]] = MIN(low[trail[depth - 1]], low[v]);
            }
            if (low[v] == order[v]) {
                guint32 w;
                do {
                    w = stack[--n_stack];
                    on_stack[w] = FALSE;
                    membership[w] = n_components;
                } while (w != v);
                n_components++;
            }
        }
    }
    return n_components;
}

/* A cluster per strong component of the money drawn with two or more members: the map's
 * circular clusters. Not around loops alone, where the box says nothing, and only for dot,
 * which honours them. Fills @membership (entity → component). */
static Agraph_t **make_clusters(Agraph_t *g, const CircaDiagram *diagram, guint32 *membership,
                                const char *layout)
{
    guint n_components = drawn_components(diagram, membership);
    Agraph_t **clusters = g_new0(Agraph_t *, n_components + 1);
    if (diagram->options->cycles_only || strcmp(layout, "dot") != 0) {
        return clusters;
    }
    guint n = diagram->graph->deals->entities->len;
    g_autofree guint32 *drawn_in = g_new0(guint32, n_components + 1);
    for (guint v = 0; v < n; v++) {
        drawn_in[membership[v]] += diagram->node_drawn[v];
    }
    guint n_clusters = 0;
    for (guint v = 0; v < n; v++) {
        guint32 c = membership[v];
        if (!diagram->node_drawn[v] || drawn_in[c] < 2 || clusters[c] != NULL) {
            continue;
        }
        g_autofree char *name = g_strdup_printf("cluster_%u", ++n_clusters);
        /* Not numbered: the order of the boxes means nothing, and circa stats numbers its
         * clusters by size over every deal. */
        const char *label = "circular cluster";
        clusters[c] = agsubg(g, name, 1);
        circa_i_gv_set(clusters[c], "label", label);
        circa_i_gv_set(clusters[c], "style", "rounded,filled");
        circa_i_gv_set(clusters[c], "fillcolor", "#f7f7f7");
        circa_i_gv_set(clusters[c], "color", "#bbbbbb");
        circa_i_gv_set(clusters[c], "fontcolor", "#777777");
    }
    return clusters;
}

static Agnode_t *add_node(Agraph_t *parent, const CircaDiagram *diagram, guint v)
{
    const CircaEntity *entity = circa_deal_set_entity(diagram->graph->deals, v);
    /* The name is the node's: SVG shows it as the shape's <title>. */
    g_autofree char *name = circa_i_dot_id(entity->name);
    Agnode_t *node = agnode(parent, name, 1);
    g_autofree char *label = circa_i_dot_plain_label(entity->name);
    g_autofree char *plain_tooltip = g_strdup_printf(
        "%s%s%s%s%s", entity->name, entity->type[0] != '\0' ? " (" : "", entity->type,
        entity->type[0] != '\0' ? ")" : "", diagram->node_on_loop[v] ? ", on a round trip" : "");
    g_autofree char *tooltip = circa_i_dot_tooltip(plain_tooltip);
    /* Like the arrows' ids: "loop-2-n7" is on loop 2. */
    g_autoptr(GString) id = g_string_new(NULL);
    if (diagram->node_on_loop[v] && !diagram->numbered) {
        g_string_append(id, "loop-");
    }
    for (guint c = 0; diagram->node_on_loop[v] && diagram->numbered && c < diagram->loops->len;
         c++) {
        if (cycle_through(g_array_index(diagram->loops, CircaDiagramLoop, c).cycle, v)) {
            g_string_append_printf(id, "loop-%u-", c + 1);
        }
    }
    g_string_append_printf(id, "n%u", v);
    circa_i_gv_set(node, "id", id->str);
    circa_i_gv_set(node, "label", label);
    circa_i_gv_set(node, "tooltip", tooltip);
    int type = type_index(entity->type);
    circa_i_gv_set(node, "fillcolor", type >= 0 ? type_fills[type] : "#ffffff");
    if (diagram->node_on_loop[v]) {
        circa_i_gv_set(node, "color", "#222222");
        circa_i_gv_set(node, "penwidth", "2.5");
    }
    return node;
}

static void add_arrow(Agraph_t *g, const CircaDiagram *diagram, const CircaDiagramArrow *arrow,
                      Agnode_t *const *nodes, gboolean labels)
{
    Agedge_t *edge = agedge(g, nodes[arrow->from], nodes[arrow->to], NULL, 1);
    /* SVG keeps ids (Graphviz 2.42 drops class): "loop-1-loop-3-e12" is on loops 1 and 3, so a
     * page finds loop 3's arrows with [id^="loop-3-"], [id*="-loop-3-"]. */
    g_autoptr(GString) id = g_string_new(NULL);
    for (guint i = 0; i < arrow->n_loops; i++) {
        if (diagram->numbered) {
            g_string_append_printf(id, "loop-%u-",
                                   diagram->loop_numbers[arrow->first_loop + i] + 1);
        } else {
            g_string_append(id, "loop-");
        }
    }
    g_string_append_printf(id, "e%u", diagram->edges[arrow->first_edge]);
    const char *amount_colour =
        arrow->n_loops == 0 && diagram->loops->len > 0 ? "#777777" : "#222222";
    g_autoptr(GString) html = g_string_new(NULL);
    g_autoptr(GString) plain = g_string_new(NULL);
    append_loop_numbers(html, diagram, arrow);
    append_amounts(html, plain, diagram, arrow, amount_colour);
    g_autofree char *tooltip = arrow_tooltip(diagram, arrow, plain->str);
    g_autofree char *width = pen_width(arrow);
    g_autofree char *colour = arrow_colour(diagram, arrow, labels);
    circa_i_gv_set(edge, "id", id->str);
    if (labels) {
        set_html_label(g, edge, html->str);
    }
    circa_i_gv_set(edge, "tooltip", tooltip);
    circa_i_gv_set(edge, "labeltooltip", tooltip); /* hovering the label shows the deals too */
    circa_i_gv_set(edge, "penwidth", width);
    circa_i_gv_set(edge, "color", colour);
    if (arrow->flow == CIRCA_FLOW_HARDWARE) {
        circa_i_gv_set(edge, "style", "dashed");
        circa_i_gv_set(edge, "arrowhead", "empty");
    }
}

Agraph_t *circa_i_diagram_build(const CircaDiagram *diagram, const char *layout)
{
    CircaGraph *graph = diagram->graph;
    const CircaRenderOptions *options = diagram->options;
    gboolean labels = diagram->arrows->len <= MAX_LABELLED_ARROWS;
    g_autofree char *loop_title =
        circa_i_diagram_is_single_loop(diagram)
            ? closed_key(diagram, &g_array_index(diagram->loops, CircaDiagramLoop, 0))
            : NULL;
    const char *title = options->title != NULL ? options->title
                        : loop_title != NULL   ? loop_title
                                               : "Deal map";
    /* The graph's name is the SVG's <title>. */
    Agraph_t *g = agopen((char *) title, Agdirected, NULL);
    set_layout(g, layout, labels);
    add_heading(g, diagram, title, labels);
    set_default(g, AGNODE, "fontname", FONT);
    set_default(g, AGNODE, "fontsize", "14");
    set_default(g, AGNODE, "shape", "box");
    set_default(g, AGNODE, "style", "rounded,filled");
    set_default(g, AGNODE, "color", "#777777");
    set_default(g, AGEDGE, "fontname", FONT);
    set_default(g, AGEDGE, "fontsize", "11");

    guint n = graph->deals->entities->len;
    g_autofree guint32 *membership = g_new0(guint32, n + 1);
    g_autofree Agraph_t **clusters = make_clusters(g, diagram, membership, layout);
    g_autofree Agnode_t **nodes = g_new0(Agnode_t *, n + 1);
    /* Cluster members first, then the rest: the order agwrite writes them in, so the graph
     * laid out here is the same problem as its DOT read back by Graphviz's own tools. */
    for (guint step = 0; step < 2 * n; step++) {
        guint v = step % n;
        Agraph_t *cluster = clusters[membership[v]];
        if (diagram->node_drawn[v] && (step < n) == (cluster != NULL)) {
            nodes[v] = add_node(cluster != NULL ? cluster : g, diagram, v);
        }
    }
    for (guint a = 0; a < diagram->arrows->len; a++) {
        add_arrow(g, diagram, &g_array_index(diagram->arrows, CircaDiagramArrow, a), nodes, labels);
    }
    return g;
}
