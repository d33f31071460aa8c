/* SPDX-License-Identifier: MIT */
/* Tables, deal or entity alike: the header row mapped onto known columns, and the checks every
 * record gets before a row reader sees it (syntax, empty rows, a repeated header, field count). */

#include "read/loader-private.h"
#include "text-private.h"

#include <string.h>

static void report_csv_problem(Loader *loader, const Header *header, const CircaCsvProblem *problem)
{
    const char *column =
        header != NULL && problem->field < header->n_fields ? header->names[problem->field] : NULL;
    circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, problem->line, problem->column, column,
                          "%s", problem->message);
}

/* Letters and digits of @text in lower case: "Amount (USD)" and "amount_usd" are "amountusd". */
static char *column_key(const char *text)
{
    GString *key = g_string_new(NULL);
    for (const char *p = text; *p != '\0'; p++) {
        if (g_ascii_isalnum(*p)) {
            g_string_append_c(key, g_ascii_tolower(*p));
        }
    }
    return g_string_free(key, FALSE);
}

/* The column the header lacks that @name most likely means, or -1: the same letters and digits
 * ("Amount (USD)"), one the start of the other ("amount", "source_url"), a name ending in it
 * ("deal_id"), or a slip of two letters ("ammount_usd"). */
static int near_column(const Header *header, const char *name, const gboolean *present)
{
    g_autofree char *key = column_key(name);
    gsize length = strlen(key);
    int best = -1, best_rank = 4;
    for (guint c = 0; c < header->n_specs; c++) {
        if (present[c] || length == 0) {
            continue;
        }
        g_autofree char *wanted = column_key(header->specs[c].name);
        gsize wanted_length = strlen(wanted);
        int rank = 4;
        if (strcmp(key, wanted) == 0) {
            rank = 0;
        } else if ((length >= 3 && g_str_has_prefix(wanted, key)) ||
                   (wanted_length >= 3 && g_str_has_prefix(key, wanted))) {
            rank = 1;
        } else if (wanted_length >= 2 && g_str_has_suffix(key, wanted)) {
            rank = 2;
        } else if (length >= 4 && circa_i_edit_distance(key, wanted, 2) <= 2) {
            rank = 3;
        }
        if (rank < best_rank) {
            best = (int) c;
            best_rank = rank;
        }
    }
    return best;
}

/* Reads the header record and maps its names onto @header's columns. FALSE (after reporting)
 * when the file cannot be read as this kind of table. */
static gboolean read_header(Loader *loader, CircaCsvReader *reader, Header *header,
                            const char *what, char delimiter)
{
    const CircaCsvField *fields;
    guint n_fields;
    CircaCsvProblem problem;

    for (guint c = 0; c < header->n_specs; c++) {
        header->field_of[c] = -1;
    }
    switch (circa_csv_reader_next(reader, &fields, &n_fields, &problem)) {
    case CIRCA_CSV_END:
        circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
                              "empty file: expected a header row naming the %s columns", what);
        return FALSE;
    case CIRCA_CSV_PROBLEM:
        circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, problem.line, problem.column, "header",
                              "%s", problem.message);
        return FALSE;
    case CIRCA_CSV_RECORD:
        break;
    }

    /* Which spec each field names, before saying anything: a file that names none of them is
     * not this kind of table at all, and one message says so instead of a warning per field. */
    g_autofree int *spec_of = g_new(int, n_fields);
    guint n_known = 0;
    for (guint f = 0; f < n_fields; f++) {
        /* Names compare as entity names do ("payer" with a no-break space is payer). */
        g_autofree char *name =
            circa_i_normalize_name(circa_i_trim_len(fields[f].text, fields[f].length));
        spec_of[f] = -1;
        for (guint c = 0; c < header->n_specs; c++) {
            if (g_ascii_strcasecmp(name, header->specs[c].name) == 0) {
                spec_of[f] = (int) c;
                n_known++;
                break;
            }
        }
    }
    g_autoptr(GString) example = g_string_new(NULL);
    for (guint c = 0; c < header->n_specs; c++) {
        g_string_append_printf(example, "%s%s", c ? "," : "", header->specs[c].name);
    }
    if (n_known == 0) {
        g_autoptr(GString) row = g_string_new(NULL);
        for (guint f = 0; f < n_fields; f++) {
            if (f > 0) {
                g_string_append_c(row, delimiter);
            }
            g_string_append(row, fields[f].text);
        }
        g_autofree char *shown = circa_i_excerpt(row->str);
        const char *other = delimiter == ',' ? ";" : ",";
        if (n_fields == 1 && strstr(row->str, other) != NULL) {
            circa_i_loader_report(
                loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
                "the first row names none of the %s columns; it looks separated by '%s', but a "
                "%s file separates fields with %s (found %s)",
                what, other, delimiter == ',' ? ".csv" : ".tsv",
                delimiter == ',' ? "commas" : "tabs", shown);
        } else {
            circa_i_loader_report(
                loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
                "the first row names none of the %s columns; a %s file starts with a header "
                "row such as %s (found %s)",
                what, what, example->str, shown);
        }
        return FALSE;
    }
    if (n_fields > G_N_ELEMENTS(header->names)) {
        circa_i_loader_report(
            loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
            "%u columns is more than the %u a %s file can have; is this the right file?", n_fields,
            (guint) G_N_ELEMENTS(header->names), what);
        return FALSE;
    }

    /* A column the header lacks, and an unknown column that is probably it ("Amount (USD)" for
     * amount_usd): an error at the unknown one, or every value of the column would be lost. */
    gboolean present[MAX_COLUMNS] = {FALSE};
    for (guint f = 0; f < n_fields; f++) {
        if (spec_of[f] >= 0) {
            present[spec_of[f]] = TRUE;
        }
    }
    g_autofree int *near = g_new(int, n_fields);
    gboolean meant[MAX_COLUMNS] = {FALSE};
    for (guint f = 0; f < n_fields; f++) {
        near[f] = spec_of[f] < 0 ? near_column(header, fields[f].text, present) : -1;
        if (near[f] >= 0) {
            meant[near[f]] = TRUE;
        }
    }

    gboolean ok = TRUE;
    g_autoptr(GString) missing = g_string_new(NULL);
    g_autoptr(GString) required = g_string_new(NULL);
    guint n_missing = 0;
    for (guint c = 0, k = 0; c < header->n_specs; c++) {
        if (header->specs[c].required) {
            g_string_append_printf(required, "%s%s", k++ ? ", " : "", header->specs[c].name);
            if (!present[c] && !meant[c]) {
                g_string_append_printf(missing, "%s\"%s\"", n_missing++ ? ", " : "",
                                       header->specs[c].name);
            }
        }
    }
    if (n_missing > 0) {
        circa_i_loader_report(
            loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
            "missing required column%s %s; the first row of a %s file must name its columns "
            "(at least %s)",
            n_missing > 1 ? "s" : "", missing->str, what, required->str);
        ok = FALSE;
    }

    header->n_fields = n_fields;
    header->delimiter = delimiter;
    for (guint f = 0; f < n_fields; f++) {
        header->names[f] = g_ascii_strdown(circa_i_trim(fields[f].text), -1);
        int c = spec_of[f];
        if (c < 0 && header->names[f][0] == '\0') {
            circa_i_field_warning(loader, &fields[f], "header",
                                  "a column without a name is ignored (a trailing %s?)",
                                  delimiter == ',' ? "comma" : "tab");
        } else if (c < 0 && near[f] >= 0) {
            g_autofree char *shown = circa_i_excerpt(circa_i_trim(fields[f].text));
            const char *wanted = header->specs[near[f]].name;
            circa_i_field_error(loader, &fields[f], "header",
                                "unknown column %s, and the %s column is missing: name it %s "
                                "(columns are found by name)",
                                shown, wanted, wanted);
            ok = FALSE;
        } else if (c < 0) {
            g_autofree char *shown = circa_i_excerpt(header->names[f]);
            g_autoptr(GString) known = g_string_new(NULL);
            for (guint k = 0; k < header->n_specs; k++) {
                g_string_append_printf(known, "%s%s", k ? ", " : "", header->specs[k].name);
            }
            circa_i_field_warning(loader, &fields[f], "header",
                                  "unknown column %s is ignored (known columns: %s)", shown,
                                  known->str);
        } else if (header->field_of[c] >= 0) {
            circa_i_field_error(loader, &fields[f], "header",
                                "column \"%s\" appears twice (first at column %u)",
                                header->specs[c].name, fields[header->field_of[c]].column);
            ok = FALSE;
        } else {
            header->field_of[c] = (int) f;
        }
    }
    return ok;
}

/* A row whose fields are all empty, as spreadsheets export: nothing to read, said once. */
static gboolean skip_empty_row(Loader *loader, const CircaCsvField *fields, guint n_fields)
{
    for (guint f = 0; f < n_fields; f++) {
        if (circa_i_trim_len(fields[f].text, fields[f].length)[0] != '\0') {
            return FALSE;
        }
    }
    circa_i_loader_report(loader, CIRCA_SEVERITY_WARNING, fields[0].line, fields[0].column, NULL,
                          "the row holds only empty fields; it is ignored");
    return TRUE;
}

/* The header again, as when two files are joined: one error rather than one per field. */
static gboolean reject_repeated_header(Loader *loader, const Header *header,
                                       const CircaCsvField *fields, guint n_fields)
{
    if (n_fields != header->n_fields) {
        return FALSE;
    }
    for (guint f = 0; f < n_fields; f++) {
        if (g_ascii_strcasecmp(circa_i_trim_len(fields[f].text, fields[f].length),
                               header->names[f]) != 0) {
            return FALSE;
        }
    }
    circa_i_loader_report(
        loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, NULL,
        "the header row is repeated here; a file has one header row, at the top (were two "
        "files joined?)");
    return TRUE;
}

static void header_clear(Header *header)
{
    for (guint f = 0; f < header->n_fields; f++) {
        g_free(header->names[f]);
    }
    header->n_fields = 0;
}

/* Checks the field count of a record against the header. */
static gboolean check_field_count(Loader *loader, const Header *header, const CircaCsvField *fields,
                                  guint n_fields)
{
    if (n_fields == header->n_fields) {
        return TRUE;
    }
    const CircaCsvField *at = n_fields > header->n_fields ? &fields[header->n_fields] : &fields[0];
    const char *hint = "";
    if (n_fields == header->n_fields + 1 && fields[n_fields - 1].length == 0 &&
        !fields[n_fields - 1].quoted) {
        hint = header->delimiter == ',' ? " (the row ends with an extra comma)"
                                        : " (the row ends with an extra tab)";
    } else if (n_fields > header->n_fields) {
        hint = " (a field with a comma in it must be quoted)";
    }
    circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, at->line, at->column, NULL,
                          "expected %u fields as in the header, found %u%s", header->n_fields,
                          n_fields, hint);
    return FALSE;
}

/* The field of @column in this record, or NULL when the header has no such column. */
const CircaCsvField *circa_i_field_for(const Header *header, const CircaCsvField *fields,
                                       guint column)
{
    int f = header->field_of[column];
    return f < 0 ? NULL : &fields[f];
}

void circa_i_read_table(Loader *loader, const FileContents *contents, gboolean tsv,
                        const ColumnSpec *specs, guint n_specs, const char *what,
                        RowReader read_row)
{
    char delimiter = tsv ? '\t' : ',';
    g_autoptr(CircaCsvReader) reader =
        circa_csv_reader_new(contents->data, contents->length, delimiter);
    Header header = {.specs = specs, .n_specs = n_specs};
    if (read_header(loader, reader, &header, what, delimiter)) {
        const CircaCsvField *fields;
        guint n_fields;
        CircaCsvProblem problem;
        CircaCsvResult result;
        guint n_rows = 0;
        while (!circa_diagnostics_is_full(loader->diagnostics) &&
               (result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) !=
                   CIRCA_CSV_END) {
            n_rows++;
            if (result == CIRCA_CSV_PROBLEM) {
                report_csv_problem(loader, &header, &problem);
            } else if (!skip_empty_row(loader, fields, n_fields) &&
                       !reject_repeated_header(loader, &header, fields, n_fields) &&
                       check_field_count(loader, &header, fields, n_fields)) {
                read_row(loader, &header, fields, circa_csv_reader_record_line(reader));
            }
        }
        if (n_rows == 0) {
            circa_i_loader_report(loader, CIRCA_SEVERITY_WARNING, 0, 0, NULL,
                                  "no rows after the header row");
        }
    }
    header_clear(&header);
}
