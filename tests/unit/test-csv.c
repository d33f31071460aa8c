/* SPDX-License-Identifier: MIT */
/* The RFC 4180 reader: quoting, line breaks, BOM, positions and problems. */

#include <circa.h>
#include <string.h>

/* Reads every record of @text into "a|b|c" lines, one per record, "!" marking a problem. */
static char *read_all(const char *text, gsize length, char delimiter)
{
    g_autoptr(CircaCsvReader) reader = circa_csv_reader_new(text, length, delimiter);
    GString *out = g_string_new(NULL);
    const CircaCsvField *fields;
    guint n_fields;
    CircaCsvProblem problem;
    CircaCsvResult result;
    while ((result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) != CIRCA_CSV_END) {
        for (guint i = 0; i < n_fields; i++) {
            g_string_append_printf(out, "%s%s", i ? "|" : "", fields[i].text);
        }
        if (result == CIRCA_CSV_PROBLEM) {
            g_string_append_printf(out, "!%u:%u", problem.line, problem.column);
        }
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

static void test_plain(void)
{
    g_autofree char *out = read_all("a,b,c\n1,2,3\n", 12, ',');
    g_assert_cmpstr(out, ==, "a|b|c\n1|2|3\n");
}

static void test_quoted(void)
{
    const char *text = "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n";
    g_autofree char *out = read_all(text, strlen(text), ',');
    g_assert_cmpstr(out, ==, "x,y|say \"hi\"|two\nlines\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/csv/plain", test_plain);
    g_test_add_func("/csv/quoted", test_quoted);
    return g_test_run();
}
