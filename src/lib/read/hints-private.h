/* SPDX-License-Identifier: MIT */
/* Hints for amounts and dates written out of spreadsheet habit (hints.c), for deal.c's errors. */
#pragma once

#include <glib.h>

/* "-", "TBD", "n/a", "undisclosed"…: what spreadsheets hold where an amount is not known. */
gboolean circa_i_is_placeholder(const char *text);
/* What to write instead of @text, an amount circa cannot read ("leave the field empty…",
 * "write 1.5B…"), or NULL when nothing better than the general form can be said. Free it. */
char *circa_i_amount_hint(const char *text);
/* The same for a date ("write 2025-09", "it is ambiguous: write …"). Free it. */
char *circa_i_date_hint(const char *text);
