/* SPDX-License-Identifier: MIT */
/* What rendering needs with or without Graphviz: formats and default options. */

#include "circa/render.h"

#include <string.h>

static const char *const format_names[] = {"svg", "png", "pdf", "dot"};

gboolean circa_render_format_from_string(const char *text, CircaRenderFormat *format)
{
    for (guint i = 0; i < G_N_ELEMENTS(format_names); i++) {
        if (g_ascii_strcasecmp(text, format_names[i]) == 0) {
            *format = (CircaRenderFormat) i;
            return TRUE;
        }
    }
    if (g_ascii_strcasecmp(text, "gv") == 0) {
        *format = CIRCA_RENDER_DOT;
        return TRUE;
    }
    return FALSE;
}

gboolean circa_render_format_from_path(const char *path, CircaRenderFormat *format)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash)) {
        return FALSE;
    }
    return circa_render_format_from_string(dot + 1, format);
}

const char *circa_render_format_extension(CircaRenderFormat format)
{
    g_return_val_if_fail((guint) format < G_N_ELEMENTS(format_names), "dot");
    return format_names[format];
}

gboolean circa_render_size_from_string(const char *text, CircaRenderSize *size)
{
    static const char *const names[] = {"16:9", "4:3", "a4"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_ascii_strcasecmp(text, names[i]) == 0) {
            *size = (CircaRenderSize) (i + 1);
            return TRUE;
        }
    }
    return FALSE;
}

void circa_render_options_init(CircaRenderOptions *options)
{
    memset(options, 0, sizeof *options);
    options->pass = CIRCA_PASS_MONEY;
    options->focus = -1;
}
