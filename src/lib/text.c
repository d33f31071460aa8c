/* SPDX-License-Identifier: MIT */
/* Text helpers every layer uses: excerpts and trimming for messages, text safe for a terminal. */

#include "text-private.h"

#include <string.h>

#define EXCERPT_CHARS 40

void circa_i_append_excerpt(GString *out, const char *text)
{
    g_string_append_c(out, '"');
    const char *p = text;
    for (int i = 0; i < EXCERPT_CHARS && *p != '\0'; i++) {
        p = g_utf8_find_next_char(p, NULL);
        if (p == NULL) {
            p = text + strlen(text);
        }
    }
    g_string_append_len(out, text, p - text);
    if (*p != '\0') {
        g_string_append(out, "…");
    }
    g_string_append_c(out, '"');
}

char *circa_i_excerpt(const char *text)
{
    GString *out = g_string_new(NULL);
    circa_i_append_excerpt(out, text);
    return g_string_free(out, FALSE);
}

char *circa_i_trim_len(char *text, gsize length)
{
    char *end = text + length;
    while (text < end && (*text == ' ' || *text == '\t')) {
        text++;
    }
    while (end > text && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    *end = '\0';
    return text;
}

char *circa_i_trim(char *text)
{
    return circa_i_trim_len(text, strlen(text));
}

void circa_i_append_printable(GString *out, const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeType type = g_unichar_type(c);
        if (c == '\n') {
            g_string_append(out, "\\n");
        } else if (c == '\r') {
            g_string_append(out, "\\r");
        } else if (c == '\t') {
            g_string_append(out, "\\t");
        } else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
            g_string_append_printf(out, "\\x%02X", (guint) c);
        } else if (type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR ||
                   type == G_UNICODE_PARAGRAPH_SEPARATOR) {
            /* Invisible or direction-changing: shown, never obeyed. */
            g_string_append_printf(out, "\\u%04X", (guint) c);
        } else {
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
        }
    }
}

void circa_i_append_printable_line(GString *out, const char *text)
{
    if (text[0] == ':' && text[1] == ':') {
        g_string_append(out, "\\x3A");
        text++;
    }
    circa_i_append_printable(out, text);
}

void circa_i_append_padded(GString *out, const char *text, int width)
{
    gsize start = out->len;
    circa_i_append_printable(out, text);
    glong shown = g_utf8_strlen(out->str + start, (gssize) (out->len - start));
    glong pad = (width < 0 ? -width : width) - shown;
    if (pad <= 0) {
        return;
    }
    if (width < 0) {
        g_autofree char *spaces = g_strnfill((gsize) pad, ' ');
        g_string_insert(out, (gssize) start, spaces);
    } else {
        for (glong i = 0; i < pad; i++) {
            g_string_append_c(out, ' ');
        }
    }
}
