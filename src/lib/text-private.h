/* SPDX-License-Identifier: MIT */
/* Text helpers every layer uses: excerpts and trimming for messages, and text made safe for a
 * terminal (diagnostics and the text outputs alike). */
#pragma once

#include <glib.h>

/* Appends "\"TEXT\"" with at most 40 characters of @text (then "…"), so one odd field cannot
 * flood a message. */
void circa_i_append_excerpt(GString *out, const char *text);
/* The same excerpt as a new string; free it. */
char *circa_i_excerpt(const char *text);

/* Removes leading and trailing spaces and tabs in place; returns the trimmed start, which lies
 * inside @text. circa_i_trim_len() is the same for a string whose length is known. */
char *circa_i_trim(char *text);
char *circa_i_trim_len(char *text, gsize length);

/* Appends @text for a terminal: line breaks and tabs as \n \r \t, other C0/C1 controls and DEL
 * as \xNN, invisible format characters (BOM, zero-width, bidi overrides) as \uXXXX, invalid
 * UTF-8 replaced, so no data can hide, move the cursor or recolour the screen. */
void circa_i_append_printable(GString *out, const char *text);
/* The same for text that starts a line: a leading "::" (a CI runner's workflow command, such as
 * "::warning ::x") is shown as "\x3A:", so no data can issue one. */
void circa_i_append_printable_line(GString *out, const char *text);

/* Appends @text made printable and padded with spaces to @width characters (left-aligned; right-
 * aligned when @width is negative). */
void circa_i_append_padded(GString *out, const char *text, int width);
