/* SPDX-License-Identifier: MIT */
/* Rendering in a build without Graphviz (meson -Dgraphviz=disabled): it says so. */

#include "circa/error.h"
#include "circa/render.h"

gboolean circa_render_available(void)
{
    return FALSE;
}

GBytes *circa_render(CircaGraph *graph, const CircaRenderOptions *options, CircaRenderFormat format,
                     GError **error)
{
    g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                "this circa was built without Graphviz, so it cannot draw; rebuild with "
                "libgraphviz-dev installed (meson setup -Dgraphviz=enabled)");
    return NULL;
}

const char *circa_render_layout_for(CircaGraph *graph, const CircaRenderOptions *options)
{
    return options->layout != NULL ? options->layout : "dot";
}
