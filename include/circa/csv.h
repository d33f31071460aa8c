/* SPDX-License-Identifier: MIT */
/* A streaming RFC 4180 reader that knows where every field starts, for compiler-style messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *text;     /* unescaped value, NUL-terminated; the caller may edit it in place (trim it);
                     * valid until the next record is read */
    gsize length;   /* in bytes; the value may hold NUL-free embedded newlines */
    guint32 line;   /* 1-based physical line where the field starts (its quote, if quoted) */
    guint32 column; /* 1-based column in characters (UTF-8 code points) */
    gboolean quoted;
} CircaCsvField;

/* A problem in the record just read. field is the 0-based field it lies in. */
typedef struct {
    guint32 line;
    guint32 column;
    guint field;
    const char *message; /* valid until the next record is read */
} CircaCsvProblem;

typedef enum {
    CIRCA_CSV_RECORD,  /* a well-formed record */
    CIRCA_CSV_PROBLEM, /* a record with a syntax or encoding problem; its fields are still set */
    CIRCA_CSV_END,     /* no more records */
} CircaCsvResult;

typedef struct _CircaCsvReader CircaCsvReader;

/* Reads @length bytes at @data (borrowed: keep it alive while reading), fields separated by
 * @delimiter (',' for CSV, '\t' for TSV; quoting works the same in both). A leading UTF-8 BOM
 * is skipped. Records end at CRLF, LF or a lone CR; blank lines between records are skipped. */
CircaCsvReader *circa_csv_reader_new(const char *data, gsize length, char delimiter);
void circa_csv_reader_free(CircaCsvReader *reader);

/* Reads the next record. On CIRCA_CSV_PROBLEM the first problem of the record is in *@problem
 * and the reader has already moved past the record, so reading can go on. */
CircaCsvResult circa_csv_reader_next(CircaCsvReader *reader, const CircaCsvField **fields,
                                     guint *n_fields, CircaCsvProblem *problem);

/* The physical line the last record read starts on. */
guint32 circa_csv_reader_record_line(const CircaCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaCsvReader, circa_csv_reader_free)

G_END_DECLS
