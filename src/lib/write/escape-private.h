/* SPDX-License-Identifier: MIT */
/* Escaping per target syntax: the one place each output format makes untrusted text safe. */
#pragma once

#include <glib.h>

/* A field of CSV (',') or TSV ('\t'), quoted (RFC 4180) when it holds the delimiter, a quote or a
 * line break; a cell starting with = + - @, a tab, a CR or :: gets a leading ' (spreadsheet
 * formulas, CI workflow commands), quoted. */
void circa_i_append_delimited_field(GString *out, const char *text, char delimiter);

/* Text inside a quoted Mermaid label, with Mermaid's entity codes for # " ` < > & | $ %, and
 * for the Markdown Mermaid 11 renders in labels (* _ ~ [ ]). */
void circa_i_append_mermaid_text(GString *out, const char *text);

/* A plain Graphviz (escString) label: backslashes doubled and & as &amp;. Free it. */
char *circa_i_dot_plain_label(const char *text);
/* A Graphviz tooltip: Graphviz 2.42 expands escapes in a tooltip twice (once as an escString, once
 * when it writes it), so each backslash is written four times, and & as &amp;, to show the text
 * as written ("\\N Node" stays itself rather than becoming the node's id). Free it. */
char *circa_i_dot_tooltip(const char *text);
/* Text for a Graphviz HTML-like label: control characters dropped, markup escaped, backslashes
 * doubled (Graphviz expands \G, \N and the like in HTML labels as well). Free it. */
char *circa_i_dot_html_text(const char *text);
/* A name as a Graphviz node's id (which SVG shows as its <title>): Graphviz 2.42 writes ids
 * quoted but does not double backslashes, so a name ending in an odd number of them would escape
 * its closing quote; such a name gets a space after it (names are trimmed, so none clashes). Free
 * it. */
char *circa_i_dot_id(const char *name);
