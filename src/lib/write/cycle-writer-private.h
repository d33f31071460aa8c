/* SPDX-License-Identifier: MIT */
/* Between the cycle writer (cycle-writer.c) and its formats (cycles-text.c, cycles-json.c,
 * cycles-delimited.c): each format is a class of three steps. */
#pragma once

#include "circa/cycles.h"

typedef struct {
    void (*start)(CircaCycleWriter *writer);
    void (*add)(CircaCycleWriter *writer, const CircaCycle *cycle, const char *key);
    void (*finish)(CircaCycleWriter *writer, guint64 n_found, CircaSearchEnd end);
} CircaCycleWriterClass;

struct _CircaCycleWriter {
    const CircaCycleWriterClass *klass;
    const CircaGraph *graph;
    const CircaCycleOptions *options;
    GString *out;
    char delimiter;    /* CSV ',' or TSV '\t' */
    guint64 n_written; /* cycles added so far */
    CircaGuard *guard; /* the options' guard, or the grace below */
    CircaGuard grace;  /* what writing may still take once the search stopped early */
};

extern const CircaCycleWriterClass circa_i_text_writer;
extern const CircaCycleWriterClass circa_i_json_writer;
extern const CircaCycleWriterClass circa_i_delimited_writer;

/* Whether the result is less than every cycle there is. */
static inline gboolean circa_i_writer_truncated(const CircaCycleWriter *writer, guint64 n_found,
                                                CircaSearchEnd end)
{
    return end != CIRCA_SEARCH_COMPLETE || n_found > writer->n_written;
}
