/* SPDX-License-Identifier: MIT */
/* Stopping when asked: one guard per command holds the deadline, the cancel flag and the work
 * budget, and every loop that can run long (the search, the per-deal expansion, collecting,
 * writing, the layout) asks it whether to go on. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why work stopped early. */
typedef enum {
    CIRCA_STOP_NONE,      /* it did not */
    CIRCA_STOP_TIMEOUT,   /* the deadline passed (--timeout) */
    CIRCA_STOP_CANCELLED, /* *cancel became non-zero (Ctrl-C, SIGTERM) */
    CIRCA_STOP_BUDGET,    /* the work budget ran out (--max-steps) */
} CircaStop;

/* The default work budget of a search: about a minute on this project's machine (some 200
 * million steps a second). A search that would run for ever (every cycle of a dense web of 30
 * companies) ends here and says how to lift it. */
#define CIRCA_DEFAULT_MAX_STEPS G_GUINT64_CONSTANT(12000000000)

/* What a cycle handed on to be kept or written costs, per hop, in steps: building, keeping and
 * writing it takes some twenty times what finding it does. */
#define CIRCA_STEPS_PER_HOP_DELIVERED 40
/* And what each byte written of it costs. */
#define CIRCA_STEPS_PER_BYTE_WRITTEN 4

typedef struct {
    gint64 deadline;             /* g_get_monotonic_time() µs; 0: none */
    const volatile gint *cancel; /* nullable */
    guint64 max_steps;           /* 0: no budget */
    guint64 steps;               /* spent so far */
    CircaStop stop;              /* set once, by the first reason to stop */
    guint countdown;             /* steps until the clock is looked at again */
} CircaGuard;

/* A guard with @timeout_seconds (0: none, else finite and positive) from now, @cancel (nullable)
 * and a budget of @max_steps (0: none). */
void circa_guard_init(CircaGuard *guard, gdouble timeout_seconds, const volatile gint *cancel,
                      guint64 max_steps);

/* Looks at the cancel flag, the clock and the budget; FALSE (with guard->stop set) when work must
 * end. Cheap enough to call a few thousand times a second. */
gboolean circa_guard_check(CircaGuard *guard);

/* Counts @steps of work and checks the guard once per few thousand: FALSE when work must end.
 * A NULL guard never stops. */
static inline gboolean circa_guard_step(CircaGuard *guard, guint steps)
{
    if (guard == NULL) {
        return TRUE;
    }
    if (guard->stop != CIRCA_STOP_NONE) {
        return FALSE;
    }
    guard->steps += steps;
    if (guard->countdown > steps) {
        guard->countdown -= steps;
        return TRUE;
    }
    return circa_guard_check(guard);
}

/* Brings the deadline forward to @share (0 to 1) of the time left, for a first part of the work
 * that must leave time to the rest; without a deadline, nothing changes. */
void circa_guard_keep_share(CircaGuard *guard, gdouble share);

/* The microseconds left before the deadline (G_MAXINT64 without one, 0 once it passed). */
gint64 circa_guard_time_left(const CircaGuard *guard);

/* "timeout", "interrupted", "step budget", or "" for CIRCA_STOP_NONE. */
const char *circa_stop_to_string(CircaStop stop);

G_END_DECLS
