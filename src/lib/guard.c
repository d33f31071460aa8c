/* SPDX-License-Identifier: MIT */
/* The one place that decides whether long work goes on: the cancel flag, the deadline, the work
 * budget. */

#include "circa/guard.h"

/* Steps between looks at the clock and the flag: a few microseconds of search each. */
#define CHECK_EVERY 4096

void circa_guard_init(CircaGuard *guard, gdouble timeout_seconds, const volatile gint *cancel,
                      guint64 max_steps)
{
    *guard = (CircaGuard){.cancel = cancel, .max_steps = max_steps, .countdown = CHECK_EVERY};
    if (timeout_seconds > 0) {
        gdouble us = timeout_seconds * G_USEC_PER_SEC;
        guard->deadline = g_get_monotonic_time() +
                          (us < (gdouble) (G_MAXINT64 / 2) ? (gint64) us : G_MAXINT64 / 2);
    }
}

gboolean circa_guard_check(CircaGuard *guard)
{
    guard->countdown = CHECK_EVERY;
    if (guard->stop != CIRCA_STOP_NONE) {
        return FALSE;
    }
    if (guard->cancel != NULL && *guard->cancel) {
        guard->stop = CIRCA_STOP_CANCELLED;
    } else if (guard->deadline != 0 && g_get_monotonic_time() >= guard->deadline) {
        guard->stop = CIRCA_STOP_TIMEOUT;
    } else if (guard->max_steps != 0 && guard->steps >= guard->max_steps) {
        guard->stop = CIRCA_STOP_BUDGET;
    }
    return guard->stop == CIRCA_STOP_NONE;
}

void circa_guard_keep_share(CircaGuard *guard, gdouble share)
{
    if (guard->deadline == 0) {
        return;
    }
    gint64 now = g_get_monotonic_time();
    guard->deadline = now + (gint64) ((gdouble) MAX(guard->deadline - now, 0) * CLAMP(share, 0, 1));
    guard->deadline = MAX(guard->deadline, 1); /* 0 would mean none */
}

gint64 circa_guard_time_left(const CircaGuard *guard)
{
    if (guard == NULL || guard->deadline == 0) {
        return G_MAXINT64;
    }
    return MAX(guard->deadline - g_get_monotonic_time(), 0);
}

const char *circa_stop_to_string(CircaStop stop)
{
    switch (stop) {
    case CIRCA_STOP_NONE:
        return "";
    case CIRCA_STOP_TIMEOUT:
        return "timeout";
    case CIRCA_STOP_CANCELLED:
        return "interrupted";
    case CIRCA_STOP_BUDGET:
        return "step budget";
    }
    return "?";
}
