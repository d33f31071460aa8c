/* SPDX-License-Identifier: MIT */
/* draw-dot FILE.dot FORMAT: lays out a DOT file with the layout its graph names (dot when it
 * names none) and writes it to stdout as FORMAT (svg, png, pdf, json) through libgvc, the library
 * circa draws with. It draws the project's own diagrams (docs/architecture.dot) and measures
 * circa's labels (json) on a machine without Graphviz's programs. FORMAT "parse" only reads the
 * file: exit 0 when it is a DOT graph, as tests check circa's DOT. "-" reads stdin. */

#include <gvc.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: draw-dot FILE.dot svg|png|pdf|parse > OUT\n");
        return 2;
    }
    FILE *in = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
    if (in == NULL) {
        perror(argv[1]);
        return 2;
    }
    GVC_t *context = gvContext();
    Agraph_t *graph = agread(in, NULL);
    if (in != stdin) {
        fclose(in);
    }
    if (graph == NULL) {
        fprintf(stderr, "draw-dot: %s is not a DOT graph\n", argv[1]);
        return 2;
    }
    if (strcmp(argv[2], "parse") == 0) {
        agclose(graph);
        gvFreeContext(context);
        return 0;
    }
    const char *layout = agget(graph, (char *) "layout");
    if (layout == NULL || layout[0] == '\0') {
        layout = "dot";
    }
    int failed = gvLayout(context, graph, layout) != 0 || gvRender(context, graph, argv[2], stdout);
    gvFreeLayout(context, graph);
    agclose(graph);
    gvFreeContext(context);
    return failed ? 1 : 0;
}
