/* SPDX-License-Identifier: MIT */
/* The diagram: a libcgraph graph built from the deal graph in a fixed order, styled so that kinds,
 * amounts, certainty and loops read at a glance, then laid out and drawn by libgvc.
 *
 * Graphviz 2.42 (Debian 12) takes char * where it means const char *: every string goes in
 * through set() and friends, which hold the one cast. Plain labels are escString: a backslash
 * starts an escape (\N is the node name) and HTML entities are decoded, so names are escaped for
 * both. Graphviz is not thread-safe: one context per process, used from one thread. */

#include "circa/error.h"
#include "circa/render.h"
#include "write/style-private.h"
#include "text-private.h"
#include "write/escape-private.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gvc.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Graphviz's context and messages ---- */

static GVC_t *context;
static GString *messages; /* what Graphviz said since the last render, as full lines */

/* cgraph hands its messages over in fragments ("Error", ": ", the text…). */
static int collect_message(char *text)
{
    g_string_append(messages, text);
    return 0;
}

static GVC_t *graphviz(void)
{
    if (context == NULL) {
        messages = g_string_new(NULL);
        agseterrf(collect_message);
        context = gvContext();
    }
    g_string_truncate(messages, 0);
    return context;
}

/* Graphviz's last words, tidied into one line for a GError. */
static const char *graphviz_messages(void)
{
    g_strstrip(messages->str);
    for (char *p = messages->str; *p != '\0'; p++) {
        if (*p == '\n') {
            *p = ' ';
        }
    }
    return messages->len > 0 ? messages->str : "no message";
}

gboolean circa_render_available(void)
{
    return TRUE;
}

static void set(void *object, const char *name, const char *value)
{
    agsafeset(object, (char *) name, (char *) value, (char *) "");
}

static void set_html(Agraph_t *graph, void *object, const char *name, const char *html)
{
    char *value = agstrdup_html(graph, (char *) html);
    agsafeset(object, (char *) name, value, (char *) "");
    agstrfree(graph, value);
}

static void set_default(Agraph_t *graph, int kind, const char *name, const char *value)
{
    agattr(graph, kind, (char *) name, (char *) value);
}

/* ---- style ---- */

#define LOOP_COLOUR "#d62728"
#define FONT "Liberation Sans"
#define MAX_LABELLED_EDGES 400

/* Fills by entity type, in the order of circa_entity_types(). */
static const char *const type_fills[CIRCA_N_ENTITY_TYPES] = {
    "#fde0dd", "#dbe9f6", "#e3f4dd", "#fff3b8", "#ece7f5", "#eeeeee", "#fde3c8", "#ffffff",
};

/* The index of @type among circa_entity_types(), or -1 for a type the legend does not know. */
static int type_index(const char *type)
{
    for (guint i = 0; i < CIRCA_N_ENTITY_TYPES; i++) {
        if (strcmp(type, circa_entity_types()[i]) == 0) {
            return (int) i;
        }
    }
    return -1;
}

/* Width grows with the log of the amount: 1 at $1M or less, about 5 at $100B. */
static char *pen_width(gint64 amount, gboolean loop)
{
    double width = 1.0;
    if (amount > 1000000) {
        width += 0.8 * log10((double) amount / 1e6);
    }
    width = MIN(width, 6.0) + (loop ? 1.0 : 0.0);
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup(g_ascii_formatd(buffer, sizeof buffer, "%.2f", width));
}

/* "$10.0B equity", "undisclosed chips", "$2.0B compute (hardware)", "… rumored". */
static char *edge_label(const CircaDeal *deal, CircaFlow flow)
{
    char amount[16];
    GString *label = g_string_new(circa_amount_format(deal->amount_usd, amount));
    g_string_append_printf(label, " %s", circa_kind_to_string(deal->kind));
    if (flow == CIRCA_FLOW_HARDWARE) {
        g_string_append(label, " (hardware)");
    }
    if (deal->status == CIRCA_STATUS_RUMORED) {
        g_string_append(label, " (rumored)");
    }
    return g_string_free(label, FALSE);
}

/* ---- what to draw ---- */

typedef struct {
    CircaGraph *graph;
    const CircaRenderOptions *options;
    guint8 *edge_drawn;   /* edge → drawn */
    guint8 *edge_on_loop; /* edge → on a highlighted loop */
    guint8 *node_drawn;   /* entity → drawn */
    guint8 *node_on_loop;
    gboolean any_loop;
} Selection;

static gboolean cycle_through(const CircaCycle *cycle, gint64 entity)
{
    for (guint i = 0; i < cycle->length; i++) {
        if ((gint64) cycle->entities[i] == entity) {
            return TRUE;
        }
    }
    return FALSE;
}

static void select_elements(Selection *selection)
{
    CircaGraph *graph = selection->graph;
    const CircaRenderOptions *options = selection->options;
    guint n_edges = circa_graph_n_edges(graph);
    const CircaCycleSet *highlight = options->highlight;
    for (guint c = 0; highlight != NULL && c < highlight->cycles->len; c++) {
        const CircaCycle *cycle =
            &((const CircaOwnedCycle *) g_ptr_array_index(highlight->cycles, c))->cycle;
        if (options->focus >= 0 && !cycle_through(cycle, options->focus)) {
            continue;
        }
        for (guint i = 0; i < cycle->length; i++) {
            selection->node_on_loop[cycle->entities[i]] = TRUE;
            for (guint k = 0; k < cycle->hops[i].n_edges; k++) {
                selection->edge_on_loop[cycle->hops[i].edges[k]] = TRUE;
                selection->any_loop = TRUE;
            }
        }
    }
    for (guint e = 0; e < n_edges; e++) {
        if (graph->edge_flow[e] == CIRCA_FLOW_HARDWARE && options->pass != CIRCA_PASS_MIXED &&
            !selection->edge_on_loop[e]) {
            continue;
        }
        igraph_integer_t from, to;
        igraph_edge(&graph->graph, (igraph_integer_t) e, &from, &to);
        gboolean drawn = selection->edge_on_loop[e];
        if (!options->cycles_only && !drawn) {
            drawn = options->focus < 0 || from == options->focus || to == options->focus;
        }
        if (drawn) {
            selection->edge_drawn[e] = TRUE;
            selection->node_drawn[from] = selection->node_drawn[to] = TRUE;
        }
    }
    if (options->focus >= 0 && !options->cycles_only) {
        selection->node_drawn[options->focus] = TRUE;
    }
}

/* ---- building the cgraph graph ---- */

static void add_title(Agraph_t *g, const CircaRenderOptions *options)
{
    g_autofree char *title = circa_i_dot_html_text(options->title ? options->title : "Deal map");
    g_autoptr(GString) html = g_string_new(NULL);
    g_string_append_printf(html, "<FONT POINT-SIZE=\"22\"><B>%s</B></FONT>", title);
    if (options->footnote != NULL) {
        g_autofree char *footnote = circa_i_dot_html_text(options->footnote);
        g_string_append_printf(html, "<BR/><FONT POINT-SIZE=\"11\" COLOR=\"#555555\">%s</FONT>",
                               footnote);
    }
    set_html(g, g, "label", html->str);
    set(g, "labelloc", "t");
    set(g, "labeljust", "l");
}

/* The legend: one HTML table, the kinds drawn, hardware and loops. */
static void add_legend(Agraph_t *g, const Selection *selection, guint kinds_drawn,
                       gboolean hardware_drawn, guint types_drawn, gboolean labels)
{
    g_autoptr(GString) html =
        g_string_new("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">"
                     "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>");
    for (guint k = 0; k < CIRCA_KIND_COUNT; k++) {
        if (kinds_drawn & (1u << k)) {
            g_string_append_printf(
                html,
                "<TR><TD BGCOLOR=\"%s\" WIDTH=\"24\"> </TD>"
                "<TD ALIGN=\"LEFT\">%s (%s)</TD></TR>",
                circa_i_kind_colour((CircaKind) k), circa_kind_to_string((CircaKind) k),
                circa_kind_is_financing((CircaKind) k) ? "financing" : "purchase");
        }
    }
    if (hardware_drawn) {
        g_string_append(html, "<TR><TD>- - -</TD><TD ALIGN=\"LEFT\">hardware back to the buyer"
                              "</TD></TR>");
    }
    if (selection->any_loop) {
        g_string_append_printf(html,
                               "<TR><TD BGCOLOR=\"%s\" WIDTH=\"24\"> </TD>"
                               "<TD ALIGN=\"LEFT\">on a round trip</TD></TR>",
                               LOOP_COLOUR);
    }
    g_string_append_printf(
        html,
        "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">width: log of the amount; "
        "faint: rumored%s</TD></TR>",
        labels ? "" : "; amounts in the tooltips (over " G_STRINGIFY(MAX_LABELLED_EDGES) " edges)");
    for (guint t = 0; t < CIRCA_N_ENTITY_TYPES; t++) {
        if (types_drawn & (1u << t)) {
            g_string_append_printf(html,
                                   "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"24\"> </TD>"
                                   "<TD ALIGN=\"LEFT\">%s</TD></TR>",
                                   type_fills[t], circa_entity_types()[t]);
        }
    }
    g_string_append(html, "</TABLE>");
    Agnode_t *legend = agnode(g, (char *) "legend", 1);
    set(legend, "shape", "plain");
    set(legend, "style", "");
    set_html(g, legend, "label", html->str);
}

static Agraph_t *build(const Selection *selection, GError **error)
{
    CircaGraph *graph = selection->graph;
    const CircaDealSet *deals = graph->deals;
    const CircaComponents *components = circa_graph_components(graph, CIRCA_FLOWS_MONEY, error);
    if (components == NULL) {
        return NULL;
    }
    /* Past a few hundred edges labels cannot be read, and dot lays each out as a node of its own;
     * curved splines routed around every node cost as much again. Both take minutes on a large
     * graph: the amounts move to the tooltips and the edges become straight lines. */
    guint n_drawn = 0;
    for (guint e = 0; e < circa_graph_n_edges(graph); e++) {
        n_drawn += selection->edge_drawn[e];
    }
    gboolean labels = n_drawn <= MAX_LABELLED_EDGES;

    Agraph_t *g = agopen((char *) "deals", Agdirected, NULL);
    set(g, "rankdir", "LR");
    set(g, "fontname", FONT);
    set(g, "bgcolor", "white");
    set(g, "pad", "0.3");
    set(g, "nodesep", "0.35");
    set(g, "ranksep", "0.9");
    set(g, "overlap", "false");
    set(g, "splines", labels ? "true" : "line");
    set(g, "outputorder", "edgesfirst");
    add_title(g, selection->options);
    set_default(g, AGNODE, "fontname", FONT);
    set_default(g, AGNODE, "shape", "box");
    set_default(g, AGNODE, "style", "rounded,filled");
    set_default(g, AGEDGE, "fontname", FONT);
    set_default(g, AGEDGE, "fontsize", "9");

    /* A cluster per strong money component with two or more drawn members. */
    guint n = deals->entities->len;
    g_autofree guint32 *drawn_in_component = g_new0(guint32, components->n_components + 1);
    for (guint v = 0; v < n; v++) {
        drawn_in_component[components->membership[v]] += selection->node_drawn[v];
    }
    g_autofree Agraph_t **clusters = g_new0(Agraph_t *, components->n_components + 1);
    guint n_clusters = 0;

    g_autofree Agnode_t **nodes = g_new0(Agnode_t *, n + 1);
    guint types_drawn = 0;
    /* Cluster members first, then the rest: the order agwrite writes them in, so the graph
     * laid out here is the same problem as its DOT read back by Graphviz's own tools. */
    for (guint step = 0; step < 2 * n; step++) {
        guint v = step % n;
        if (!selection->node_drawn[v] ||
            (step < n) != (drawn_in_component[components->membership[v]] > 1)) {
            continue;
        }
        const CircaEntity *entity = circa_deal_set_entity(deals, v);
        guint32 c = components->membership[v];
        Agraph_t *parent = g;
        if (drawn_in_component[c] > 1) {
            if (clusters[c] == NULL) {
                g_autofree char *name = g_strdup_printf("cluster_%u", ++n_clusters);
                g_autofree char *label = g_strdup_printf("circular cluster %u", n_clusters);
                clusters[c] = agsubg(g, name, 1);
                set(clusters[c], "label", label);
                set(clusters[c], "style", "rounded,filled");
                set(clusters[c], "fillcolor", "#f7f7f7");
                set(clusters[c], "color", "#bbbbbb");
                set(clusters[c], "fontcolor", "#777777");
            }
            parent = clusters[c];
        }
        g_autofree char *name = g_strdup_printf("n%u", v);
        Agnode_t *node = agnode(parent, name, 1);
        nodes[v] = node;
        g_autofree char *label = circa_i_dot_plain_label(entity->name);
        g_autofree char *tooltip = circa_i_dot_tooltip(entity->name);
        set(node, "label", label);
        set(node, "tooltip", tooltip);
        int type = type_index(entity->type);
        set(node, "fillcolor", type >= 0 ? type_fills[type] : "#ffffff");
        if (type >= 0) {
            types_drawn |= 1u << type;
        }
        if (selection->node_on_loop[v]) {
            set(node, "color", LOOP_COLOUR);
            set(node, "penwidth", "2");
        }
    }

    guint kinds_drawn = 0;
    gboolean hardware_drawn = FALSE;
    guint n_edges = circa_graph_n_edges(graph);

    for (guint e = 0; e < n_edges; e++) {
        if (!selection->edge_drawn[e]) {
            continue;
        }
        igraph_integer_t from, to;
        igraph_edge(&graph->graph, (igraph_integer_t) e, &from, &to);
        const CircaDeal *deal = circa_deal_set_deal(deals, graph->edge_deal[e]);
        CircaFlow flow = graph->edge_flow[e];
        gboolean loop = selection->edge_on_loop[e];
        Agedge_t *edge = agedge(g, nodes[from], nodes[to], NULL, 1);
        /* SVG keeps ids (Graphviz 2.42 drops class), so loop edges say so in theirs. */
        g_autofree char *id = g_strdup_printf("%se%u", loop ? "loop-" : "", e);
        g_autofree char *label = edge_label(deal, flow);
        g_autofree char *plain_tooltip = g_strdup_printf("%s: %s", deal->id, label);
        g_autofree char *tooltip = circa_i_dot_tooltip(plain_tooltip);
        g_autofree char *width = pen_width(deal->amount_usd, loop);
        set(edge, "id", id);
        if (labels) {
            set(edge, "label", label);
        }
        set(edge, "tooltip", tooltip);
        set(edge, "penwidth", width);
        /* Muted when loops stand out; fainter when only rumored. */
        const char *base = flow == CIRCA_FLOW_HARDWARE ? circa_i_hardware_colour()
                                                       : circa_i_kind_colour(deal->kind);
        const char *alpha = deal->status == CIRCA_STATUS_RUMORED ? "66" : "";
        if (selection->any_loop && !loop) {
            alpha = deal->status == CIRCA_STATUS_RUMORED ? "30" : "55";
        }
        g_autofree char *colour = g_strconcat(loop ? LOOP_COLOUR : base, loop ? "" : alpha, NULL);
        set(edge, "color", colour);
        set(edge, "fontcolor", loop ? LOOP_COLOUR : selection->any_loop ? "#888888" : "#333333");

        if (flow == CIRCA_FLOW_HARDWARE) {
            set(edge, "style", "dashed");
            set(edge, "arrowhead", "empty");
            hardware_drawn = TRUE;
        } else {
            kinds_drawn |= 1u << deal->kind;
        }
    }
    add_legend(g, selection, kinds_drawn, hardware_drawn, types_drawn, labels);
    return g;
}

static gboolean known_layout(const char *layout)
{
    static const char *const layouts[] = {"dot",   "neato", "fdp",   "sfdp",
                                          "circo", "twopi", "osage", "patchwork"};
    for (guint i = 0; i < G_N_ELEMENTS(layouts); i++) {
        if (strcmp(layout, layouts[i]) == 0) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Writes @g into memory as @renderer ("dot" through agwrite, before any layout; else through
 * libgvc). A memory stream rather than gvRenderData: 2.42 grows that buffer a page at a time. */
static GBytes *draw(GVC_t *gvc, Agraph_t *g, const char *renderer, GError **error)
{
    char *buffer = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&buffer, &length);
    if (stream == NULL) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED, "cannot draw %s: %s", renderer,
                    g_strerror(errno));
        return NULL;
    }
    int failed =
        strcmp(renderer, "dot") == 0 ? agwrite(g, stream) : gvRender(gvc, g, renderer, stream);
    if (fclose(stream) != 0 || failed) {
        free(buffer);
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED, "Graphviz could not draw %s: %s",
                    renderer, graphviz_messages());
        return NULL;
    }
    GBytes *bytes = g_bytes_new(buffer, length);
    free(buffer);
    return bytes;
}

/* ---- laying out in a child process ---- */

static gboolean write_all(int fd, const void *data, gsize length)
{
    const char *p = data;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return FALSE;
        }
        p += n;
        length -= (gsize) n;
    }
    return TRUE;
}

/* The child: lays out and draws, sends "1" and the bytes, or "0" and the message, and exits
 * without freeing anything: Graphviz's cleanup after a layout is where 2.42 has its bugs (a
 * double free after labelled flat edges; leaks), and the process ends anyway. */
G_GNUC_NORETURN static void draw_in_child(int fd, pid_t parent, const Selection *selection,
                                          const char *layout, CircaRenderFormat format)
{
    signal(SIGINT, SIG_DFL); /* the parent decides; a Ctrl-C reaches both */
    signal(SIGTERM, SIG_DFL);
    /* A parent killed outright (SIGKILL, the OOM killer) cannot kill its child: the kernel
     * does, and a parent already gone before this line is noticed here. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
        _exit(1);
    }
    g_autoptr(GError) error = NULL;
    GBytes *bytes = NULL;
    GVC_t *gvc = graphviz();
    Agraph_t *g = build(selection, &error);
    if (g != NULL && gvLayout(gvc, g, layout) != 0) {
        g_set_error(&error, CIRCA_ERROR, CIRCA_ERROR_FAILED,
                    "Graphviz could not lay out the graph with %s: %s", layout,
                    graphviz_messages());
    } else if (g != NULL) {
        bytes = draw(gvc, g, circa_render_format_extension(format), &error);
    }
    gsize length = 0;
    const void *data = bytes != NULL ? g_bytes_get_data(bytes, &length) : error->message;
    if (bytes == NULL) {
        length = strlen(error->message);
    }
    gboolean sent = write_all(fd, bytes != NULL ? "1" : "0", 1) && write_all(fd, data, length);
    _exit(sent ? 0 : 1);
}

/* Cairo 1.16 dates every PDF with the clock: with SOURCE_DATE_EPOCH set (the reproducible-builds
 * convention) the date is that time instead, written over the clock's digits so that no offset
 * in the file moves. */
static GBytes *pdf_with_source_date(GBytes *pdf)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    gint64 seconds = epoch != NULL ? g_ascii_strtoll(epoch, &end, 10) : -1;
    if (epoch == NULL || *epoch == '\0' || *end != '\0' || seconds < 0) {
        return pdf;
    }
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc(seconds);
    g_autofree char *digits = when != NULL ? g_date_time_format(when, "%Y%m%d%H%M%S") : NULL;
    gsize length;
    const char *data = g_bytes_get_data(pdf, &length);
    static const char field[] = "/CreationDate (D:";
    const gsize n = sizeof field - 1;
    const char *at = NULL;
    for (gsize i = 0; digits != NULL && strlen(digits) == 14 && i + n + 14 <= length; i++) {
        if (data[i] == '/' && memcmp(data + i, field, n) == 0) {
            at = data + i;
            break;
        }
    }
    if (at == NULL) {
        return pdf;
    }
    char *copy = g_memdup2(data, length);
    memcpy(copy + (at - data) + n, digits, 14);
    g_bytes_unref(pdf);
    return g_bytes_new_take(copy, length);
}

/* Graphviz cannot be interrupted and can run for many minutes, so the layout runs in a child
 * process that the parent waits for while it watches the guard: on a timeout or a signal the
 * child is killed and nothing is drawn. A crash inside Graphviz becomes an error, not an end. */
static GBytes *draw_guarded(const Selection *selection, const char *layout,
                            CircaRenderFormat format, CircaGuard *guard, GError **error)
{
    int fds[2];
    if (pipe(fds) != 0) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED, "cannot draw: %s", g_strerror(errno));
        return NULL;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(fds[0]);
        close(fds[1]);
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED, "cannot draw: %s", g_strerror(saved));
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        draw_in_child(fds[1], parent, selection, layout, format);
    }
    close(fds[1]);

    GByteArray *received = g_byte_array_new();
    gboolean stopped = FALSE;
    for (;;) {
        struct pollfd ready = {.fd = fds[0], .events = POLLIN};
        gint64 left = circa_guard_time_left(guard);
        int wait_ms = (int) MIN(left / 1000 + 1, 100); /* a look at the guard ten times a second */
        int n = poll(&ready, 1, wait_ms);
        if (n < 0 && errno != EINTR) {
            break;
        }
        if (guard != NULL && !circa_guard_check(guard)) {
            stopped = TRUE;
            break;
        }
        if (n <= 0) {
            continue;
        }
        guint8 chunk[65536];
        ssize_t got = read(fds[0], chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        g_byte_array_append(received, chunk, (guint) got);
    }
    close(fds[0]);
    if (stopped) {
        kill(pid, SIGKILL);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }

    GBytes *result = NULL;
    if (stopped) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_INTERRUPTED,
                    "the drawing was stopped before Graphviz finished (%s)",
                    circa_stop_to_string(guard->stop));
    } else if (WIFSIGNALED(status)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED,
                    "Graphviz crashed while drawing with %s (signal %d, %s)", layout,
                    WTERMSIG(status), g_strsignal(WTERMSIG(status)));
    } else if (received->len == 0 || (received->data[0] != '0' && received->data[0] != '1')) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED,
                    "Graphviz ended without drawing (exit status %d)", WEXITSTATUS(status));
    } else if (received->data[0] == '0') {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED, "%.*s", (int) received->len - 1,
                    (const char *) received->data + 1);
    } else {
        result = g_bytes_new(received->data + 1, received->len - 1);
    }
    g_byte_array_unref(received);
    return result;
}

/* What @options draw of @graph: the edges and entities, and which lie on a highlighted loop. */
static void selection_init(Selection *selection, CircaGraph *graph,
                           const CircaRenderOptions *options)
{
    guint n = circa_graph_n_vertices(graph) + 1, m = circa_graph_n_edges(graph) + 1;
    *selection = (Selection){
        .graph = graph,
        .options = options,
        .edge_drawn = g_new0(guint8, m),
        .edge_on_loop = g_new0(guint8, m),
        .node_drawn = g_new0(guint8, n),
        .node_on_loop = g_new0(guint8, n),
    };
    select_elements(selection);
}

static void selection_clear(Selection *selection)
{
    g_free(selection->edge_drawn);
    g_free(selection->edge_on_loop);
    g_free(selection->node_drawn);
    g_free(selection->node_on_loop);
}

const char *circa_render_layout_for(CircaGraph *graph, const CircaRenderOptions *options)
{
    if (options->layout != NULL) {
        return options->layout;
    }
    Selection selection;
    selection_init(&selection, graph, options);
    guint n_drawn = 0;
    for (guint e = 0; e < circa_graph_n_edges(graph); e++) {
        n_drawn += selection.edge_drawn[e];
    }
    selection_clear(&selection);
    /* dot's ranking and crossing minimisation grow far faster than the graph: past this size it
     * runs for tens of minutes, where sfdp's multilevel force layout takes seconds. */
    return n_drawn > CIRCA_RENDER_MAX_DOT_EDGES ? "sfdp" : "dot";
}

GBytes *circa_render(CircaGraph *graph, const CircaRenderOptions *options, CircaRenderFormat format,
                     GError **error)
{
    g_return_val_if_fail(graph != NULL && options != NULL, NULL);
    const char *layout = circa_render_layout_for(graph, options);
    if (!known_layout(layout)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "unknown layout \"%s\"; expected dot, neato, fdp, sfdp, circo, twopi, osage "
                    "or patchwork",
                    layout);
        return NULL;
    }
    Selection selection;
    selection_init(&selection, graph, options);
    GBytes *result = NULL;
    gboolean anything = FALSE;
    for (guint v = 0; v < circa_graph_n_vertices(graph); v++) {
        anything |= selection.node_drawn[v];
    }
    if (!anything) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE, "nothing to draw: %s",
                    circa_graph_n_edges(graph) == 0 ? "the files hold no deals"
                    : options->cycles_only          ? "no round trip matches"
                                                    : "no deal matches");
    } else if (format == CIRCA_RENDER_DOT) {
        /* No layout: quick, and in this process. The context first: it declares the
         * attribute defaults (label="\N") of every graph made after it. */
        GVC_t *gvc = graphviz();
        Agraph_t *g = build(&selection, error);
        if (g != NULL) {
            result = draw(gvc, g, "dot", error);
            agclose(g);
        }
    } else {
        /* The components the child needs, computed here so a later render reuses them. */
        if (circa_graph_components(graph, CIRCA_FLOWS_MONEY, error) != NULL) {
            result = draw_guarded(&selection, layout, format, options->guard, error);
        }
        if (result != NULL && format == CIRCA_RENDER_PDF) {
            result = pdf_with_source_date(result);
        }
    }
    selection_clear(&selection);
    return result;
}
