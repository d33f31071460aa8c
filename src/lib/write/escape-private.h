/* SPDX-License-Identifier: MIT */
/* Escaping per target syntax: the one place each output format makes untrusted text safe. */
#pragma once

#include <glib.h>

/* A CSV field, quoted when it must be (RFC 4180) when @delimiter is ','; with '\t' (TSV) the text
 * as it is: names and ids hold no tabs or line breaks. */
void circa_i_append_delimited_field(GString *out, const char *text, char delimiter);

/* Text inside a quoted Mermaid label, with Mermaid's entity codes for # " ` < > & | $. */
void circa_i_append_mermaid_text(GString *out, const char *text);

/* A plain Graphviz (escString) label: backslashes doubled and & as &amp;. Free it. */
char *circa_i_dot_plain_label(const char *text);
/* Text for a Graphviz HTML-like label: control characters dropped, markup escaped. Free it. */
char *circa_i_dot_html_text(const char *text);
