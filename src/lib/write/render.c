/* SPDX-License-Identifier: MIT */
/* Drawing the diagram (render-diagram.c builds it): the layout chosen by what is drawn, the page
 * fitted, and libgvc run in a child process that a timeout or Ctrl-C can end.
 *
 * Graphviz 2.42 (Debian 12) takes char * where it means const char *: strings go in through
 * circa_i_gv_set(), which holds the one cast. Graphviz is not thread-safe: one context per
 * process, used from one thread. */

#include "circa/error.h"
#include "write/output-private.h"
#include "write/render-private.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gvc.h>
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

/* ---- fitting the page ---- */

#define NATURAL_DPI 96.0
#define PNG_WIDTH_PX 1920.0
#define MIN_LEGIBLE_PT 6.0 /* the smallest text circa writes is 11 pt: warn below this */
#define SMALLEST_FONT_PT 11.0

typedef struct {
    double width_pt, height_pt; /* 0: the drawing's own size */
    const char *name;
} Page;

static Page page_of(CircaRenderSize size)
{
    switch (size) {
    case CIRCA_RENDER_SIZE_16_9:
        return (Page){960.0, 540.0, "16:9"};
    case CIRCA_RENDER_SIZE_4_3:
        return (Page){720.0, 540.0, "4:3"};
    case CIRCA_RENDER_SIZE_A4:
        return (Page){841.89, 595.28, "a4"};
    case CIRCA_RENDER_SIZE_NATURAL:
    default:
        return (Page){0.0, 0.0, NULL};
    }
}

/* Before the layout: the resolution that makes a page's PNG 1920 pixels wide. (Graphviz's
 * ratio attribute, which stretches a layout to an aspect, pulls dot's ranks far apart and leaves
 * the text smaller, not the page fuller: the drawing is scaled whole instead.) */
static void prepare_page(Agraph_t *g, CircaRenderSize size, CircaRenderFormat format)
{
    Page page = page_of(size);
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];
    if (format == CIRCA_RENDER_PNG) {
        double dpi = page.name != NULL ? PNG_WIDTH_PX / (page.width_pt / 72.0) : NATURAL_DPI;
        circa_i_gv_set(g, "dpi", g_ascii_formatd(buffer, sizeof buffer, "%.3f", dpi));
    }
}

/* After the layout: the viewport (read when drawing) that scales the drawing to fill the page,
 * centred, or that draws a small PNG 1920 pixels wide. Says so in @notes when a page shrinks the
 * text below legibility. */
static void fit_page(Agraph_t *g, CircaRenderSize size, CircaRenderFormat format, GString *notes)
{
    Page page = page_of(size);
    boxf bb = GD_bb(g);
    double pad = 2 * 0.3 * 72.0; /* the graph's pad on both sides */
    double width = bb.UR.x - bb.LL.x + pad, height = bb.UR.y - bb.LL.y + pad;
    if (width <= 0 || height <= 0) {
        return;
    }
    double zoom;
    if (page.name != NULL) {
        zoom = MIN(page.width_pt / width, page.height_pt / height);
        if (zoom * SMALLEST_FONT_PT < MIN_LEGIBLE_PT) {
            g_string_append_printf(notes,
                                   "at %s the smallest text is %.1f pt on the page, too small "
                                   "to read; --cycles-only, --focus or a lower --limit draw "
                                   "less\n",
                                   page.name, zoom * SMALLEST_FONT_PT);
        }
    } else if (format == CIRCA_RENDER_PNG) {
        zoom = CLAMP(PNG_WIDTH_PX / (width / 72.0 * NATURAL_DPI), 1.0, 4.0);
        page.width_pt = width * zoom;
        page.height_pt = height * zoom;
        if (zoom == 1.0) {
            return;
        }
    } else {
        return;
    }
    /* "W,H,Z,X,Y" in points, with a '.' whatever the locale's decimal mark */
    /* Centred across, and from the top down: a title belongs at the top of a slide. */
    double centre_y = bb.UR.y + pad / 2 - page.height_pt / zoom / 2;
    const double values[] = {page.width_pt, page.height_pt, zoom, (bb.LL.x + bb.UR.x) / 2,
                             centre_y};
    g_autoptr(GString) viewport = g_string_new(NULL);
    for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf(viewport, "%s%s", i == 0 ? "" : ",",
                               g_ascii_formatd(buffer, sizeof buffer, "%.5f", values[i]));
    }
    circa_i_gv_set(g, "viewport", viewport->str);
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

/* The child's notes, one per line, into @notes (nullable). */
static void add_notes(GPtrArray *notes, const char *text, gsize length)
{
    g_autofree char *copy = g_strndup(text, length);
    g_auto(GStrv) lines = g_strsplit(copy, "\n", -1);
    for (guint i = 0; notes != NULL && lines[i] != NULL; i++) {
        if (lines[i][0] != '\0') {
            g_ptr_array_add(notes, g_strdup(lines[i]));
        }
    }
}

/* The child: lays out and draws, sends "1", the notes' length (4 bytes), the notes and the
 * bytes, or "0" and the message, and exits without freeing anything: Graphviz's cleanup after a
 * layout is where 2.42 has its bugs (a double free after labelled flat edges; leaks), and the
 * process ends anyway. */
G_GNUC_NORETURN static void draw_in_child(int fd, pid_t parent, const CircaDiagram *diagram,
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
    GString *notes = g_string_new(NULL);
    GVC_t *gvc = graphviz();
    Agraph_t *g = circa_i_diagram_build(diagram, layout);
    prepare_page(g, diagram->options->size, format);
    if (gvLayout(gvc, g, layout) != 0) {
        g_set_error(&error, CIRCA_ERROR, CIRCA_ERROR_FAILED,
                    "Graphviz could not lay out the graph with %s: %s", layout,
                    graphviz_messages());
    } else {
        fit_page(g, diagram->options->size, format, notes);
        bytes = draw(gvc, g, circa_render_format_extension(format), &error);
    }
    gsize length = 0;
    const void *data = bytes != NULL ? g_bytes_get_data(bytes, &length) : error->message;
    gboolean sent;
    if (bytes != NULL) {
        guint32 n_notes = GUINT32_TO_LE((guint32) notes->len);
        sent = circa_i_write_all(fd, "1", 1) == 0 &&
               circa_i_write_all(fd, &n_notes, sizeof n_notes) == 0 &&
               circa_i_write_all(fd, notes->str, notes->len) == 0 &&
               circa_i_write_all(fd, data, length) == 0;
    } else {
        sent = circa_i_write_all(fd, "0", 1) == 0 &&
               circa_i_write_all(fd, data, strlen(error->message)) == 0;
    }
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
static GBytes *draw_guarded(const CircaDiagram *diagram, const char *layout,
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
        draw_in_child(fds[1], parent, diagram, layout, format);
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
        guint32 n_notes = 0;
        if (received->len >= 1 + sizeof n_notes) {
            memcpy(&n_notes, received->data + 1, sizeof n_notes);
            n_notes = GUINT32_FROM_LE(n_notes);
        }
        gsize start = 1 + sizeof n_notes + (gsize) n_notes;
        if (start > received->len) {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_FAILED,
                        "Graphviz's drawing was cut short (exit status %d)", WEXITSTATUS(status));
        } else {
            add_notes(diagram->options->notes, (const char *) received->data + 1 + sizeof n_notes,
                      n_notes);
            result = g_bytes_new(received->data + start, received->len - start);
        }
    }
    g_byte_array_unref(received);
    return result;
}

/* The layout for @diagram: its options' own, else by what it draws. A loop alone reads as a
 * ring. dot's ranking and crossing minimisation grow far faster than the graph: past this size it
 * runs for tens of minutes, where sfdp's multilevel force layout takes seconds. */
static const char *layout_of(const CircaDiagram *diagram)
{
    if (diagram->options->layout != NULL) {
        return diagram->options->layout;
    }
    return circa_i_diagram_is_ring(diagram)                     ? "circo"
           : diagram->arrows->len > CIRCA_RENDER_MAX_DOT_ARROWS ? "sfdp"
                                                                : "dot";
}

const char *circa_render_layout_for(CircaGraph *graph, const CircaRenderOptions *options)
{
    if (options->layout != NULL) {
        return options->layout;
    }
    CircaDiagram diagram;
    circa_i_diagram_init(&diagram, graph, options);
    const char *layout = layout_of(&diagram);
    circa_i_diagram_clear(&diagram);
    return layout;
}

GBytes *circa_render(CircaGraph *graph, const CircaRenderOptions *options, CircaRenderFormat format,
                     GError **error)
{
    g_return_val_if_fail(graph != NULL && options != NULL, NULL);
    if (options->layout != NULL && !known_layout(options->layout)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "unknown layout \"%s\"; expected dot, neato, fdp, sfdp, circo, twopi, osage "
                    "or patchwork",
                    options->layout);
        return NULL;
    }
    CircaDiagram diagram; /* built once: what is drawn also chooses the layout */
    circa_i_diagram_init(&diagram, graph, options);
    const char *layout = layout_of(&diagram);
    GBytes *result = NULL;
    if (diagram.n_nodes_drawn == 0) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE, "nothing to draw: %s",
                    circa_graph_n_edges(graph) == 0 ? "the files hold no deals"
                    : options->cycles_only          ? "no round trip matches"
                                                    : "no deal matches");
    } else if (format == CIRCA_RENDER_DOT) {
        /* No layout: quick, and in this process. The context first: it declares the
         * attribute defaults (label="\N") of every graph made after it. */
        GVC_t *gvc = graphviz();
        Agraph_t *g = circa_i_diagram_build(&diagram, layout);
        result = draw(gvc, g, "dot", error);
        agclose(g);
    } else {
        result = draw_guarded(&diagram, layout, format, options->guard, error);
        if (result != NULL && format == CIRCA_RENDER_PDF) {
            result = pdf_with_source_date(result);
        }
    }
    circa_i_diagram_clear(&diagram);
    return result;
}
