/* SPDX-License-Identifier: MIT */
/* RFC 4180 reader: one pass over a byte buffer, fields unescaped into a per-record buffer, every
 * field and problem located by line and character column. We write our own rather than use
 * libcsv (Debian's libcsv3) because libcsv reports no positions. */

#include "circa/csv.h"

#include <string.h>

struct _CircaCsvReader {
    const char *pos;
    const char *end;
    char delimiter;

    guint32 line;           /* line of *pos */
    const char *line_start; /* first byte of that line */
    /* Column cache: columns grow along a line, so counting resumes where it stopped. */
    const char *column_mark;
    guint32 column_at_mark;

    guint32 record_line;
    GString *values;  /* the record's unescaped values, each NUL-terminated */
    GArray *fields;   /* CircaCsvField; text holds an offset into values until the record ends */
    GString *message; /* the first problem of the record */
    CircaCsvProblem problem;
    gboolean has_problem;
};

CircaCsvReader *circa_csv_reader_new(const char *data, gsize length, char delimiter)
{
    g_return_val_if_fail(data != NULL || length == 0, NULL);

    CircaCsvReader *reader = g_new0(CircaCsvReader, 1);
    reader->pos = data;
    reader->end = data + length;
    if (length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        reader->pos += 3;
    }
    reader->delimiter = delimiter;
    reader->line = 1;
    reader->line_start = reader->pos;
    reader->column_mark = reader->pos;
    reader->column_at_mark = 1;
    reader->values = g_string_sized_new(256);
    reader->fields = g_array_sized_new(FALSE, FALSE, sizeof(CircaCsvField), 16);
    reader->message = g_string_new(NULL);
    return reader;
}

void circa_csv_reader_free(CircaCsvReader *reader)
{
    if (reader == NULL) {
        return;
    }
    g_string_free(reader->values, TRUE);
    g_array_free(reader->fields, TRUE);
    g_string_free(reader->message, TRUE);
    g_free(reader);
}

guint32 circa_csv_reader_record_line(const CircaCsvReader *reader)
{
    return reader->record_line;
}

/* Character column of @p, which lies on the current line at or after the last field start. */
static guint32 column_of(CircaCsvReader *reader, const char *p)
{
    if (p < reader->column_mark) {
        reader->column_mark = reader->line_start;
        reader->column_at_mark = 1;
    }
    guint32 column = reader->column_at_mark;
    for (const char *q = reader->column_mark; q < p; q++) {
        /* Count every byte that does not continue a UTF-8 sequence. */
        if (((guchar) *q & 0xC0) != 0x80) {
            column++;
        }
    }
    reader->column_mark = p;
    reader->column_at_mark = column;
    return column;
}

/* Moves past the line break at pos (CRLF, LF or a lone CR), appending it to the value when
 * @keep (a break inside quotes is data). */
static void take_newline(CircaCsvReader *reader, gboolean keep)
{
    const char *start = reader->pos;
    if (*reader->pos == '\r' && reader->pos + 1 < reader->end && reader->pos[1] == '\n') {
        reader->pos += 2;
    } else {
        reader->pos += 1;
    }
    if (keep) {
        g_string_append_len(reader->values, start, reader->pos - start);
    }
    reader->line++;
    reader->line_start = reader->pos;
    reader->column_mark = reader->pos;
    reader->column_at_mark = 1;
}

static void G_GNUC_PRINTF(5, 6) note_problem(CircaCsvReader *reader, guint32 line, guint32 column,
                                             guint field, const char *format, ...)
{
    if (reader->has_problem) {
        return; /* the first problem of a record is the one worth reading */
    }
    va_list args;
    va_start(args, format);
    g_string_vprintf(reader->message, format, args);
    va_end(args);
    reader->problem.line = line;
    reader->problem.column = column;
    reader->problem.field = field;
    reader->has_problem = TRUE;
}

static gboolean is_break(char c)
{
    return c == '\n' || c == '\r';
}

/* Checks the raw bytes of a field for UTF-8. Quoting only adds ASCII quotes, so a bad byte in
 * the raw span is a bad byte in the value, and its position in the file is exact. */
static void check_utf8(CircaCsvReader *reader, const char *raw, const char *raw_end, guint32 line,
                       guint32 column, guint field)
{
    const char *bad = NULL;
    if (g_utf8_validate(raw, raw_end - raw, &bad)) {
        return;
    }
    for (const char *q = raw; q < bad; q++) {
        if (*q == '\n' || (*q == '\r' && !(q + 1 < bad && q[1] == '\n'))) {
            line++;
            column = 1;
        } else if (((guchar) *q & 0xC0) != 0x80) {
            column++;
        }
    }
    note_problem(reader, line, column, field,
                 "invalid UTF-8 (byte 0x%02X); is the file Latin-1 or Windows-1252? save it as "
                 "UTF-8",
                 (guchar) *bad);
}

static void read_quoted(CircaCsvReader *reader, guint field, guint32 line, guint32 column)
{
    reader->pos++; /* the opening quote */
    for (;;) {
        const char *run = reader->pos;
        while (reader->pos < reader->end && *reader->pos != '"' && !is_break(*reader->pos)) {
            reader->pos++;
        }
        g_string_append_len(reader->values, run, reader->pos - run);
        if (reader->pos == reader->end) {
            note_problem(reader, line, column, field,
                         "unterminated quoted field: the quote opened here is never closed, so "
                         "the rest of the file was read as this one field");
            return;
        }
        if (is_break(*reader->pos)) {
            take_newline(reader, TRUE);
            continue;
        }
        /* A quote: doubled means a literal quote, single closes the field. */
        if (reader->pos + 1 < reader->end && reader->pos[1] == '"') {
            g_string_append_c(reader->values, '"');
            reader->pos += 2;
            continue;
        }
        reader->pos++;
        break;
    }
    if (reader->pos < reader->end && *reader->pos != reader->delimiter && !is_break(*reader->pos)) {
        note_problem(reader, reader->line, column_of(reader, reader->pos), field,
                     "unexpected text after the closing quote; a field that holds quotes must be "
                     "quoted whole, with each inner quote doubled");
        const char *run = reader->pos;
        while (reader->pos < reader->end && *reader->pos != reader->delimiter &&
               !is_break(*reader->pos)) {
            reader->pos++;
        }
        g_string_append_len(reader->values, run, reader->pos - run);
    }
}

static void read_plain(CircaCsvReader *reader, guint field)
{
    const char *run = reader->pos;
    while (reader->pos < reader->end && *reader->pos != reader->delimiter &&
           !is_break(*reader->pos)) {
        if (*reader->pos == '"') {
            note_problem(reader, reader->line, column_of(reader, reader->pos), field,
                         "stray quote inside an unquoted field; quote the whole field and double "
                         "each inner quote");
        }
        reader->pos++;
    }
    g_string_append_len(reader->values, run, reader->pos - run);
}

CircaCsvResult circa_csv_reader_next(CircaCsvReader *reader, const CircaCsvField **fields,
                                     guint *n_fields, CircaCsvProblem *problem)
{
    g_return_val_if_fail(reader != NULL && fields != NULL && n_fields != NULL, CIRCA_CSV_END);

    /* Blank lines between records carry no data. */
    while (reader->pos < reader->end && is_break(*reader->pos)) {
        take_newline(reader, FALSE);
    }
    if (reader->pos >= reader->end) {
        *fields = NULL;
        *n_fields = 0;
        return CIRCA_CSV_END;
    }

    reader->record_line = reader->line;
    g_string_truncate(reader->values, 0);
    g_array_set_size(reader->fields, 0);
    reader->has_problem = FALSE;

    for (guint index = 0;; index++) {
        CircaCsvField field = {0};
        field.line = reader->line;
        field.column = column_of(reader, reader->pos);
        field.quoted = reader->pos < reader->end && *reader->pos == '"';
        gsize offset = reader->values->len;
        const char *raw = reader->pos;
        if (field.quoted) {
            read_quoted(reader, index, field.line, field.column);
        } else {
            read_plain(reader, index);
        }
        check_utf8(reader, raw, reader->pos, field.line, field.column, index);
        field.length = reader->values->len - offset;
        field.text = GSIZE_TO_POINTER(offset);
        g_string_append_c(reader->values, '\0');
        g_array_append_val(reader->fields, field);

        if (reader->pos < reader->end && *reader->pos == reader->delimiter) {
            reader->pos++;
            continue; /* a delimiter always opens one more field, even at the end of a line */
        }
        if (reader->pos < reader->end) {
            take_newline(reader, FALSE);
        }
        break;
    }

    /* values may have moved while growing: turn offsets into pointers only now. */
    for (guint i = 0; i < reader->fields->len; i++) {
        CircaCsvField *field = &g_array_index(reader->fields, CircaCsvField, i);
        field->text = reader->values->str + GPOINTER_TO_SIZE(field->text);
    }
    *fields = (const CircaCsvField *) reader->fields->data;
    *n_fields = reader->fields->len;
    if (reader->has_problem) {
        if (problem != NULL) {
            *problem = reader->problem;
            problem->message = reader->message->str;
        }
        return CIRCA_CSV_PROBLEM;
    }
    return CIRCA_CSV_RECORD;
}
