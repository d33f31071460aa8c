/* SPDX-License-Identifier: MIT */
/* The diagrams' colours. */

#include "write/style-private.h"

static const char *const kind_colours[CIRCA_KIND_COUNT] = {
    [CIRCA_KIND_EQUITY] = "#1f5fa8",    [CIRCA_KIND_LOAN] = "#2a9db5",
    [CIRCA_KIND_WARRANT] = "#7b4fb3",   [CIRCA_KIND_BACKSTOP] = "#5b6fd6",
    [CIRCA_KIND_SECONDARY] = "#8c8fb0", [CIRCA_KIND_COMPUTE] = "#2e8b3a",
    [CIRCA_KIND_CHIPS] = "#d9731a",     [CIRCA_KIND_SERVICES] = "#9a9a24",
};

const char *circa_i_kind_colour(CircaKind kind)
{
    g_return_val_if_fail((guint) kind < CIRCA_KIND_COUNT, "#000000");
    return kind_colours[kind];
}

const char *circa_i_hardware_colour(void)
{
    return "#777777";
}
