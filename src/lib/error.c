/* SPDX-License-Identifier: MIT */
/* The error domain, and the bridge that keeps igraph from aborting or printing. */

#include "circa/error.h"
#include "igraph-private.h"

#include <igraph.h>

G_DEFINE_QUARK(circa - error - quark, circa_error)

/* igraph 0.10 calls the handler once per level as an error climbs, later calls with an empty
 * reason; the first non-empty reason is the one that explains the failure. The Debian build is
 * not thread-safe anyway (IGRAPH_THREAD_SAFE 0), so one buffer serves. */
static char first_reason[512];

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    if (first_reason[0] == '\0' && reason != NULL && reason[0] != '\0') {
        g_strlcpy(first_reason, reason, sizeof first_reason);
    }
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line)
{
    g_debug("igraph warning: %s (%s:%d)", reason, file, line);
}

static void on_igraph_fatal(const char *reason, const char *file, int line)
{
    /* igraph's own invariant failed: nothing can be trusted after this, but say what happened. */
    g_error("igraph fatal error: %s (%s:%d)", reason, file, line);
}

void circa_igraph_init(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        igraph_set_error_handler(on_igraph_error);
        igraph_set_warning_handler(on_igraph_warning);
        igraph_set_fatal_handler(on_igraph_fatal);
        g_once_init_leave(&done, 1);
    }
}

void circa_i_igraph_begin(void)
{
    first_reason[0] = '\0';
}

gboolean circa_i_igraph_check(igraph_error_t code, const char *what, GError **error)
{
    if (code == IGRAPH_SUCCESS) {
        return TRUE;
    }
    g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IGRAPH, "%s: %s (%s)", what,
                first_reason[0] ? first_reason : "failed", igraph_strerror(code));
    first_reason[0] = '\0';
    return FALSE;
}
