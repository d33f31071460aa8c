/* SPDX-License-Identifier: MIT */
/* draw-dot FILE.dot FORMAT: lays out a DOT file with Graphviz's dot layout and writes it to
 * stdout as FORMAT (svg, png, pdf) through libgvc, the library circa draws with. It draws the
 * project's own diagrams (docs/architecture.dot) on a machine without Graphviz's programs.
 * FORMAT "parse" only reads the file: exit 0 when it is a DOT graph, as tests check circa's DOT. */

#include <gvc.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: draw-dot FILE.dot svg|png|pdf|parse > OUT\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (in == NULL) {
        perror(argv[1]);
        return 2;
    }
    GVC_t *context = gvContext();
    Agraph_t *graph = agread(in, NULL);
    fclose(in);
    if (graph == NULL) {
        fprintf(stderr, "draw-dot: %s is not a DOT graph\n", argv[1]);
        return 2;
    }
    if (strcmp(argv[2], "parse") == 0) {
        agclose(graph);
        gvFreeContext(context);
        return 0;
    }
    int failed = gvLayout(context, graph, "dot") != 0 || gvRender(context, graph, argv[2], stdout);
    gvFreeLayout(context, graph);
    agclose(graph);
    gvFreeContext(context);
    return failed ? 1 : 0;
}
