/* SPDX-License-Identifier: MIT */
/* Untrusted text made safe for the syntaxes CI reads: GitHub Markdown, workflow commands and the
 * XML of JUnit reports. SARIF and GitLab reports are JSON, which json-glib escapes. */

#include "write/diff-writers-private.h"

#include <string.h>

/* U+2060 WORD JOINER: invisible, and it ends the run of characters GitHub's autolinkers match,
 * so "@user" or "#123" stays text without looking different. */
#define WORD_JOINER "\xe2\x81\xa0"

/* Whether @c is text every syntax may carry as it is; controls and line breaks are not. */
static gboolean is_control(gunichar c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0);
}

/* Invisible or direction-changing characters (BOM, zero-width, bidi overrides), and line and
 * paragraph separators: a reader cannot see them, and bidi overrides can make one loop read as
 * another ("Trojan Source"). */
static gboolean is_invisible(gunichar c)
{
    GUnicodeType type = g_unichar_type(c);
    return type == G_UNICODE_FORMAT || type == G_UNICODE_LINE_SEPARATOR ||
           type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

/* ---- GitHub Markdown ---- */

static gboolean is_word_byte(char c)
{
    return g_ascii_isalnum(c) || c == '_';
}

void circa_i_append_markdown_text(GString *out, const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (is_control(c)) {
            /* A line break would end the table row or the paragraph. */
            g_string_append_c(out, ' ');
            continue;
        }
        if (is_invisible(c)) {
            g_string_append(out, "\xef\xbf\xbd"); /* U+FFFD: shown, never obeyed */
            continue;
        }
        switch (c) {
        case '&':
            g_string_append(out, "&amp;");
            break;
        case '<':
            g_string_append(out, "&lt;");
            break;
        case '>':
            g_string_append(out, "&gt;");
            break;
        case '$':
            /* GitHub reads $…$ as maths; its documentation's escape outside maths is a span
             * (a backslash renders differently across renderers). */
            g_string_append(out, "<span>$</span>");
            break;
        case '@':
            /* @user and @org/team notify people; user@example.com becomes a link. */
            g_string_append(out, "@" WORD_JOINER);
            break;
        case '#':
            /* #123 and owner/repo#123 link an issue or pull request. */
            g_string_append(out, "#" WORD_JOINER);
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '~':
        case '!':
            /* CommonMark backslash escapes: emphasis, code, links, images, strikethrough; and
             * '|', which GFM tables split cells on before anything else. */
            g_string_append_c(out, '\\');
            g_string_append_c(out, (char) c);
            break;
        case ':':
            g_string_append_c(out, ':');
            if (strncmp(p + 1, "//", 2) == 0) {
                g_string_append(out, WORD_JOINER); /* https://… would become a link */
            }
            break;
        case '-':
            g_string_append_c(out, '-');
            /* GH-123 is GitHub's other issue reference. */
            if (p - valid >= 2 && g_ascii_strncasecmp(p - 2, "gh", 2) == 0 &&
                (p - valid == 2 || !is_word_byte(p[-3]))) {
                g_string_append(out, WORD_JOINER);
            }
            break;
        case 'w':
        case 'W':
            /* www.example.com becomes a link too. */
            if (g_ascii_strncasecmp(p, "www.", 4) == 0 && (p == valid || !is_word_byte(p[-1]))) {
                g_string_append_len(out, p, 3);
                g_string_append(out, WORD_JOINER);
                p += 2;
            } else {
                g_string_append_c(out, (char) c);
            }
            break;
        default:
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
        }
    }
}

void circa_i_append_markdown_code(GString *out, const char *text, gboolean in_table)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    GString *content = g_string_new(NULL);
    guint run = 0, longest = 0;
    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        run = c == '`' ? run + 1 : 0;
        longest = MAX(longest, run);
        if (is_control(c)) {
            g_string_append_c(content, ' ');
        } else if (is_invisible(c)) {
            g_string_append(content, "\xef\xbf\xbd");
        } else if (c == '|' && in_table) {
            /* GFM splits a row on every '|' not escaped, even inside code, and then removes the
             * backslash. A backslash just before it would pair with ours instead, so a word
             * joiner keeps them apart. */
            if (content->len > 0 && content->str[content->len - 1] == '\\') {
                g_string_append(content, WORD_JOINER);
            }
            g_string_append(content, "\\|");
        } else {
            g_string_append_len(content, p, g_utf8_next_char(p) - p);
        }
    }
    if (content->len == 0) {
        g_string_free(content, TRUE);
        return;
    }
    /* A fence longer than any run of backticks inside; a space inside the fence when the text
     * starts or ends with a backtick or a space, since CommonMark strips one space each side. */
    gboolean pad = content->str[0] == '`' || content->str[0] == ' ' ||
                   content->str[content->len - 1] == '`' || content->str[content->len - 1] == ' ';
    for (guint i = 0; i <= longest; i++) {
        g_string_append_c(out, '`');
    }
    g_string_append(out, pad ? " " : "");
    g_string_append_len(out, content->str, (gssize) content->len);
    g_string_append(out, pad ? " " : "");
    for (guint i = 0; i <= longest; i++) {
        g_string_append_c(out, '`');
    }
    g_string_free(content, TRUE);
}

/* ---- GitHub workflow commands ---- */

/* actions/toolkit packages/core/src/command.ts: escapeData() replaces % CR LF, escapeProperty()
 * also : and ,. Other controls (an ANSI escape recolouring the log) are dropped. */
static void append_workflow(GString *out, const char *text, gboolean property)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '%') {
            g_string_append(out, "%25");
        } else if (c == '\r') {
            g_string_append(out, "%0D");
        } else if (c == '\n') {
            g_string_append(out, "%0A");
        } else if (property && c == ':') {
            g_string_append(out, "%3A");
        } else if (property && c == ',') {
            g_string_append(out, "%2C");
        } else if (c == '\t') {
            g_string_append_c(out, ' ');
        } else if (!is_control(c)) {
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
        }
    }
}

void circa_i_append_workflow_data(GString *out, const char *text)
{
    append_workflow(out, text, FALSE);
}

void circa_i_append_workflow_property(GString *out, const char *text)
{
    append_workflow(out, text, TRUE);
}

/* ---- XML ---- */

/* XML 1.0 has no way to write C0 controls other than TAB, LF and CR, nor U+FFFE and U+FFFF, not
 * even as character references (g_markup_escape_text() writes &#x1;, which readers reject), so
 * they are dropped before escaping. */
void circa_i_append_xml_text(GString *out, const char *text, gboolean attribute)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);
    GString *clean = g_string_new(NULL);
    for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\t' || c == '\n' || c == '\r') {
            /* An attribute's line breaks would be read back as spaces anyway. */
            g_string_append_c(clean, attribute ? ' ' : (char) c);
        } else if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
            g_string_append_len(clean, p, g_utf8_next_char(p) - p);
        }
    }
    g_autofree char *escaped = g_markup_escape_text(clean->str, (gssize) clean->len);
    g_string_append(out, escaped);
    g_string_free(clean, TRUE);
}
