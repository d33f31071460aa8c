/* SPDX-License-Identifier: MIT */
/* The baseline of `circa diff`: the loops a team has reviewed, one per line with its reason. It
 * is edited by hand and kept in a repository, so it is plain text and every problem is named by
 * line and column like a deal file's. */

#include "circa/baseline.h"
#include "circa/error.h"
#include "text-private.h"

#include <string.h>

/* A baseline is a list of keys, not data: a few megabytes is already millions of loops. */
#define CIRCA_MAX_BASELINE_BYTES ((gsize) 64 << 20)

CircaBaseline *circa_baseline_new(void)
{
    CircaBaseline *baseline = g_new0(CircaBaseline, 1);
    baseline->reasons = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    baseline->keys = g_ptr_array_new();
    baseline->lines = g_array_new(FALSE, FALSE, sizeof(guint32));
    return baseline;
}

void circa_baseline_free(CircaBaseline *baseline)
{
    if (baseline == NULL) {
        return;
    }
    g_hash_table_destroy(baseline->reasons);
    g_ptr_array_free(baseline->keys, TRUE);
    g_array_free(baseline->lines, TRUE);
    g_free(baseline->path);
    g_free(baseline);
}

const char *circa_baseline_lookup(const CircaBaseline *baseline, const char *key)
{
    return baseline != NULL ? g_hash_table_lookup(baseline->reasons, key) : NULL;
}

/* circa writes a loop from its smallest name (byte order), so "OpenAI → Microsoft" matches
 * nothing: say how it is written. Only a warning, as a --per-deal key (deal ids) starts where its
 * loop's smallest entity does, not at its smallest id. */
static void check_rotation(CircaDiagnostics *diagnostics, const char *file, guint32 number,
                           const char *key)
{
    g_auto(GStrv) names = g_strsplit(key, " → ", -1);
    guint n = g_strv_length(names), smallest = 0;
    for (guint i = 1; i < n; i++) {
        if (strcmp(names[i], names[smallest]) < 0) {
            smallest = i;
        }
    }
    if (smallest == 0) {
        return;
    }
    GString *canonical = g_string_new(NULL);
    for (guint i = 0; i < n; i++) {
        g_string_append(canonical, i > 0 ? " → " : "");
        g_string_append(canonical, names[(smallest + i) % n]);
    }
    g_autofree char *shown = circa_printable(canonical->str);
    g_string_free(canonical, TRUE);
    circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_WARNING, file, number, 1,
                          "a loop key starts at its smallest name: circa writes this loop "
                          "\"%s\", and this line matches no loop (unless it is a --per-deal key)",
                          shown);
}

/* One line, without its end: a comment, a blank, or KEY TAB REASON. */
static void read_line(CircaBaseline *baseline, CircaDiagnostics *diagnostics, const char *file,
                      guint32 number, char *line)
{
    if (!g_utf8_validate(line, -1, NULL)) {
        const char *end;
        g_utf8_validate(line, -1, &end);
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, file, number,
                              (guint32) g_utf8_strlen(line, end - line) + 1,
                              "invalid UTF-8; a baseline is UTF-8 text");
        return;
    }
    char *start = line;
    while (*start == ' ') {
        start++;
    }
    if (*start == '\0' || *start == '#') {
        return;
    }
    char *tab = strchr(line, '\t');
    if (tab == NULL) {
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, file, number,
                              (guint32) g_utf8_strlen(line, -1) + 1,
                              "expected a tab after the loop's key, then the reason it was "
                              "accepted (KEY<TAB>REASON); circa diff --write-baseline writes one");
        return;
    }
    *tab = '\0';
    /* Keys are compared as circa writes them: NFC, no surrounding space. */
    g_autofree char *key = g_utf8_normalize(circa_i_trim(line), -1, G_NORMALIZE_NFC);
    if (key == NULL || key[0] == '\0') {
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, file, number, 1,
                              "expected a loop key (\"Microsoft → OpenAI\") before the tab");
        return;
    }
    if (strstr(key, "->") != NULL && strstr(key, " → ") == NULL) {
        g_autofree char *shown = circa_printable(key);
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, file, number,
                              (guint32) g_utf8_strlen(key, strstr(key, "->") - key) + 1,
                              "loop keys join names with \" → \" (U+2192), as circa writes them; "
                              "found \"%s\"",
                              shown);
        return;
    }
    check_rotation(diagnostics, file, number, key);
    if (g_hash_table_contains(baseline->reasons, key)) {
        guint first = 0;
        for (guint i = 0; i < baseline->keys->len; i++) {
            if (strcmp(g_ptr_array_index(baseline->keys, i), key) == 0) {
                first = g_array_index(baseline->lines, guint32, i);
            }
        }
        g_autofree char *shown = circa_printable(key);
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, file, number, 1,
                              "the loop \"%s\" is listed already, on line %u; keep one line", shown,
                              first);
        return;
    }
    char *reason = g_strdup(circa_i_trim(tab + 1));
    char *owned_key = g_steal_pointer(&key);
    g_hash_table_insert(baseline->reasons, owned_key, reason);
    g_ptr_array_add(baseline->keys, owned_key);
    g_array_append_val(baseline->lines, number);
}

CircaBaseline *circa_baseline_load(const char *path, CircaDiagnostics *diagnostics, GError **error)
{
    g_return_val_if_fail(path != NULL && diagnostics != NULL, NULL);
    g_autofree char *file = g_filename_display_name(path);
    g_autofree char *contents = NULL;
    gsize length = 0;
    g_autoptr(GError) read_error = NULL;
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR) && g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "%s: not a regular file", file);
        return NULL;
    }
    if (!g_file_get_contents(path, &contents, &length, &read_error)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "%s", read_error->message);
        return NULL;
    }
    if (length > CIRCA_MAX_BASELINE_BYTES) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT,
                    "%s: %" G_GSIZE_FORMAT " MB is too large for a baseline (at most %u MB)", file,
                    length >> 20, (guint) (CIRCA_MAX_BASELINE_BYTES >> 20));
        return NULL;
    }
    if (memchr(contents, '\0', length) != NULL) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT,
                    "%s: holds a NUL byte; a baseline is UTF-8 text", file);
        return NULL;
    }

    g_autoptr(CircaBaseline) baseline = circa_baseline_new();
    baseline->path = g_strdup(file);
    guint errors_before = circa_diagnostics_n_errors(diagnostics);
    char *line = contents;
    if (length >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
    }
    for (guint32 number = 1;
         line != NULL && *line != '\0' && !circa_diagnostics_is_full(diagnostics); number++) {
        char *end = strchr(line, '\n');
        char *next = end != NULL ? end + 1 : NULL;
        if (end != NULL) {
            *end = '\0';
            if (end > line && end[-1] == '\r') {
                end[-1] = '\0';
            }
        }
        read_line(baseline, diagnostics, file, number, line);
        line = next;
    }
    if (circa_diagnostics_n_errors(diagnostics) > errors_before) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT, "%s: not a valid baseline", file);
        return NULL;
    }
    return g_steal_pointer(&baseline);
}
