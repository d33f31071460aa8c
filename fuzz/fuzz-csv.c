/* SPDX-License-Identifier: MIT */
/* The RFC 4180 reader on any bytes: it ends, never reads out of bounds, places every field and
 * problem inside the input, and gives valid UTF-8 for every record it accepts. The first byte
 * chooses CSV or TSV. */

#include "fuzz-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    char delimiter = data[0] & 1 ? '\t' : ',';
    g_autoptr(CircaCsvReader) reader =
        circa_csv_reader_new((const char *) data + 1, size - 1, delimiter);
    const CircaCsvField *fields;
    guint n_fields;
    CircaCsvProblem problem;
    CircaCsvResult result;
    guint32 last_line = 0;
    guint records = 0;
    while ((result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) !=
           CIRCA_CSV_END) {
        FUZZ_CHECK(++records <= size + 1); /* every record consumes input */
        guint32 line = circa_csv_reader_record_line(reader);
        FUZZ_CHECK(line >= last_line && line <= size + 1);
        last_line = line;
        for (guint f = 0; f < n_fields; f++) {
            FUZZ_CHECK(fields[f].length >= strlen(fields[f].text)); /* NUL bytes end it early */
            FUZZ_CHECK(fields[f].line >= line && fields[f].column >= 1);
            if (result == CIRCA_CSV_RECORD) {
                FUZZ_CHECK(g_utf8_validate(fields[f].text, (gssize) fields[f].length, NULL));
            }
        }
        if (result == CIRCA_CSV_PROBLEM) {
            FUZZ_CHECK(problem.message != NULL && problem.line >= 1 && problem.column >= 1);
        }
    }
    return 0;
}
