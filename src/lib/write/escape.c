/* SPDX-License-Identifier: MIT */
/* Untrusted text made safe for each target syntax, one function per syntax: every name, id,
 * note and source reaches an output through here. */

#include "write/escape-private.h"

#include <string.h>

/* ---- CSV and TSV ---- */

/* A field of CSV (',') or TSV ('\t'), in quotes (RFC 4180, doubled inside) when it holds the
 * delimiter, a quote or a line break, so both read back with circa's own reader. A cell a
 * spreadsheet would run as a formula (it starts with = + - @, a tab or a CR: OWASP's list), or a
 * line a CI runner would obey as a command (it starts with ::), is written with a leading ' and
 * quoted, as OWASP advises; so is a cell that starts with ' itself, so that taking one leading '
 * from every cell that has one gives back exactly what was written. */
void circa_i_append_delimited_field(GString *out, const char *text, char delimiter)
{
    gboolean guard = (text[0] != '\0' && strchr("=+-@\t\r'", text[0]) != NULL) ||
                     (text[0] == ':' && text[1] == ':');
    gboolean quote = guard || strchr(text, delimiter) != NULL || strpbrk(text, "\"\r\n") != NULL;
    if (!quote) {
        g_string_append(out, text);
        return;
    }
    g_string_append(out, guard ? "\"'" : "\"");
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '"') {
            g_string_append_c(out, '"');
        }
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

/* ---- Mermaid ---- */

/* Mermaid's entity codes for every character that can end a quoted label, start markup or a
 * directive; '#' first, as it is the escape itself. There is no backslash escape inside Mermaid
 * quotes. */
void circa_i_append_mermaid_text(GString *out, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        switch (*p) {
        case '#':
            g_string_append(out, "#35;");
            break;
        case '"':
            g_string_append(out, "#quot;");
            break;
        case '`':
            g_string_append(out, "#96;");
            break;
        case '<':
            g_string_append(out, "#60;");
            break;
        case '>':
            g_string_append(out, "#62;");
            break;
        case '&':
            g_string_append(out, "#38;");
            break;
        case '|':
            g_string_append(out, "#124;");
            break;
        case '$':
            g_string_append(out, "#36;"); /* Mermaid ≥ 10.9 would read $$…$$ as maths */
            break;
        case '%':
            g_string_append(out, "#37;"); /* %%{init: …}%% anywhere is a directive, %% a comment */
            break;
        case '*':
        case '_':
        case '~':
        case '[':
        case ']':
            /* Mermaid 11 renders Markdown inside labels: **bold**, _em_, [links](…). */
            g_string_append_printf(out, "#%d;", *p);
            break;
        default:
            g_string_append_c(out, *p);
        }
    }
}

/* ---- Graphviz ---- */

/* A plain (escString) label: backslashes doubled, so \N or \L in a name stay text; & written as
 * &amp;, since Graphviz decodes entities in plain labels; control characters never reach here
 * (the loader rejects them in names). */
char *circa_i_dot_plain_label(const char *text)
{
    GString *out = g_string_new(NULL);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\\') {
            g_string_append(out, "\\\\");
        } else if (*p == '&') {
            g_string_append(out, "&amp;");
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

/* Text for an HTML-like label: controls dropped (they are invalid in XML 1.0), then escaped. */
char *circa_i_dot_html_text(const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    GString *clean = g_string_new(NULL);
    for (const char *p = valid; *p != '\0'; p++) {
        if (*p == '\\') {
            g_string_append(clean, "\\\\"); /* Graphviz expands \G, \N… in HTML labels too */
        } else if ((guchar) *p >= 0x20 || *p == '\t') {
            g_string_append_c(clean, *p);
        }
    }
    char *escaped = g_markup_escape_text(clean->str, -1);
    g_string_free(clean, TRUE);
    return escaped;
}

char *circa_i_dot_tooltip(const char *text)
{
    GString *out = g_string_new(NULL);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\\') {
            g_string_append(out, "\\\\\\\\"); /* Graphviz 2.42 unescapes tooltips twice */
        } else if (*p == '&') {
            g_string_append(out, "&amp;");
        } else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

char *circa_i_dot_id(const char *name)
{
    gsize trailing = 0, length = strlen(name);
    while (trailing < length && name[length - 1 - trailing] == '\\') {
        trailing++;
    }
    return trailing % 2 == 1 ? g_strconcat(name, " ", NULL) : g_strdup(name);
}
