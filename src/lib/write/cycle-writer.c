/* SPDX-License-Identifier: MIT */
/* Writing cycles as they come: one writer, a class per format, and the whole-set wrapper. */

#include "circa/cycles.h"
#include "write/cycle-writer-private.h"

CircaCycleWriter *circa_cycle_writer_new(CircaCycleFormat format, const CircaGraph *graph,
                                         const CircaCycleOptions *options, GString *out)
{
    static const CircaCycleWriterClass *const classes[] = {
        [CIRCA_CYCLES_TEXT] = &circa_i_text_writer,
        [CIRCA_CYCLES_JSON] = &circa_i_json_writer,
        [CIRCA_CYCLES_CSV] = &circa_i_delimited_writer,
        [CIRCA_CYCLES_TSV] = &circa_i_delimited_writer,
    };
    g_return_val_if_fail((guint) format < G_N_ELEMENTS(classes), NULL);
    CircaCycleWriter *writer = g_new0(CircaCycleWriter, 1);
    writer->klass = classes[format];
    writer->graph = graph;
    writer->options = options;
    writer->out = out;
    writer->delimiter = format == CIRCA_CYCLES_TSV ? '\t' : ',';
    /* Writing a large result takes time too: the command's deadline and Ctrl-C hold here. What a
     * search stopped early found is still written: after Ctrl-C all of it (a second one ends
     * circa at once), after the deadline until half a second past it (a tenth at least, for
     * what sorting took), after the step budget or the memory guard under the same deadline and
     * Ctrl-C. */
    writer->guard = options->guard;
    const CircaGuard *guard = options->guard;
    if (guard != NULL && guard->stop != CIRCA_STOP_NONE) {
        switch (guard->stop) {
        case CIRCA_STOP_CANCELLED:
            circa_guard_init(&writer->grace, 0, NULL, 0);
            break;
        case CIRCA_STOP_TIMEOUT:
            circa_guard_init(&writer->grace, 0.1, NULL, 0);
            writer->grace.deadline =
                MAX(writer->grace.deadline, guard->deadline + G_USEC_PER_SEC / 2);
            break;
        case CIRCA_STOP_BUDGET:
        case CIRCA_STOP_NONE:
            writer->grace =
                (CircaGuard){.deadline = guard->deadline, .cancel = guard->cancel, .countdown = 1};
            break;
        }
        writer->guard = &writer->grace;
    }
    writer->klass->start(writer);
    return writer;
}

/* Adds one cycle under its @key; FALSE, writing nothing, once the guard says to stop. */
static gboolean add(CircaCycleWriter *writer, const CircaCycle *cycle, const char *key)
{
    if (!circa_guard_step(writer->guard, 64)) {
        return FALSE;
    }
    gsize before = writer->out->len;
    writer->klass->add(writer, cycle, key);
    writer->n_written++;
    /* Bytes cost time too (a long cycle is kilobytes of JSON, written at some 60 MB/s): the step
     * budget counts them, so that it lasts about a minute in every format. The next add sees the
     * guard stop. */
    gsize bytes = writer->out->len - before;
    circa_guard_step(writer->guard, (guint) MIN(bytes * CIRCA_STEPS_PER_BYTE_WRITTEN, G_MAXUINT));
    return TRUE;
}

gboolean circa_cycle_writer_add(CircaCycleWriter *writer, const CircaCycle *cycle)
{
    g_autofree char *key = circa_cycle_key(cycle, writer->graph, writer->options->per_deal);
    return add(writer, cycle, key);
}

gboolean circa_cycle_writer_add_owned(CircaCycleWriter *writer, const CircaOwnedCycle *owned)
{
    if (owned->key == NULL) {
        return circa_cycle_writer_add(writer, &owned->cycle); /* named as it is written */
    }
    return add(writer, &owned->cycle, owned->key);
}

CircaSearchEnd circa_cycle_writer_stopped(const CircaCycleWriter *writer)
{
    if (writer->guard == NULL || writer->guard->stop == CIRCA_STOP_NONE) {
        return CIRCA_SEARCH_COMPLETE;
    }
    return circa_search_end_from_stop(writer->guard->stop);
}

void circa_cycle_writer_finish(CircaCycleWriter *writer, guint64 n_found, CircaSearchEnd end)
{
    writer->klass->finish(writer, n_found, end);
}

void circa_cycle_writer_free(CircaCycleWriter *writer)
{
    g_free(writer);
}

void circa_cycles_write(const CircaCycleSet *set, const CircaGraph *graph,
                        const CircaCycleOptions *options, CircaCycleFormat format, GString *out)
{
    g_autoptr(CircaCycleWriter) writer = circa_cycle_writer_new(format, graph, options, out);
    CircaSearchEnd end = set->end;
    for (guint c = 0; c < set->cycles->len; c++) {
        if (!circa_cycle_writer_add_owned(writer, g_ptr_array_index(set->cycles, c))) {
            end = circa_cycle_writer_stopped(writer);
            break;
        }
    }
    circa_cycle_writer_finish(writer, set->n_found, end);
}
