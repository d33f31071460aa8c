/* SPDX-License-Identifier: MIT */
/* What the CI writers of a diff share: which side a loop change is seen on, where it points,
 * its deals, and how it reads in one line, so every report says the same of one loop. */

#include "write/diff-writers-private.h"
#include "write/labels-private.h"

/* How many characters of a loop's path a one-line summary keeps: six hops of long names fit,
 * a loop of hundreds of hops (no --max-length) does not flood a message. */
#define SUMMARY_PATH_CHARS 1000

CircaDiffLoopSide circa_i_diff_loop_side(const CircaDiff *diff, const CircaLoopChange *loop)
{
    CircaDiffLoopSide side;
    if (loop->head != NULL) {
        side.cycle = loop->head;
        side.graph = diff->head_graph;
        side.side = diff->head;
    } else {
        side.cycle = loop->base;
        side.graph = diff->base_graph;
        side.side = diff->base;
    }
    return side;
}

GArray *circa_i_diff_loop_deals(const CircaDiff *diff, const CircaLoopChange *loop)
{
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    GArray *deals = g_array_new(FALSE, FALSE, sizeof(guint));
    /* A deal is on one hop only (one deal, one hop), but its money and hardware edges are two
     * edges; a set keeps each deal once whatever the pass. */
    g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
    for (guint i = 0; i < where.cycle->length; i++) {
        const CircaHop *hop = &where.cycle->hops[i];
        for (guint k = 0; k < hop->n_edges; k++) {
            guint deal = where.graph->edge_deal[hop->edges[k]];
            if (g_hash_table_add(seen, GUINT_TO_POINTER(deal + 1))) {
                g_array_append_val(deals, deal);
            }
        }
    }
    return deals;
}

void circa_i_cap_chars(GString *out, gsize start, glong max_chars)
{
    const char *text = out->str + start;
    if (g_utf8_strlen(text, (gssize) (out->len - start)) <= max_chars) {
        return;
    }
    const char *end = g_utf8_offset_to_pointer(text, max_chars - 1);
    g_string_truncate(out, (gsize) (end - out->str));
    g_string_append(out, "…");
}

void circa_i_diff_append_loop_path(GString *out, const CircaDiff *diff, const CircaLoopChange *loop,
                                   glong max_chars)
{
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    gsize start = out->len;
    for (guint i = 0; i <= where.cycle->length; i++) {
        g_string_append(out, i > 0 ? " → " : "");
        g_string_append(
            out, circa_i_entity_name(where.graph, where.cycle->entities[i % where.cycle->length]));
        if (out->len - start > (gsize) max_chars * 4) {
            break; /* far past the cap in any encoding: stop building */
        }
    }
    circa_i_cap_chars(out, start, max_chars);
}

void circa_i_diff_append_loop_summary(GString *out, const CircaDiff *diff,
                                      const CircaLoopChange *loop)
{
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    circa_i_diff_append_loop_path(out, diff, loop, SUMMARY_PATH_CHARS);
    g_string_append_printf(out, ", %u hop%s, bottleneck ", where.cycle->length,
                           where.cycle->length == 1 ? "" : "s");
    circa_i_append_bottleneck(out, where.cycle);
    g_string_append_printf(out, ", certainty %s", circa_status_to_string(where.cycle->certainty));
}

void circa_i_diff_append_place(GString *out, const CircaDiff *diff, const CircaDealSet *side,
                               const CircaDeal *deal, const CircaDiffWriteOptions *options)
{
    /* A line of base is named as the loader named it ("main:graphs/deals.csv:4"): its line
     * numbers are not head's, and a reader must not look for it in the file as it is now. */
    g_autofree char *path = side == diff->head
                                ? circa_diff_repository_path(diff, side, deal->file, options)
                                : g_strdup(g_ptr_array_index(side->files, deal->file));
    g_string_append_printf(out, "%s:%u", path, deal->line);
}

const CircaDeal *circa_i_diff_because_deal(const CircaDiff *diff, const CircaLoopChange *loop,
                                           const CircaDealChange *change, const CircaDealSet **side)
{
    /* A deal is shown where head has it; only a removed one where base had it. */
    return circa_diff_deal_record(diff, change, side);
}

void circa_i_diff_append_because(GString *out, const CircaDiff *diff, const CircaLoopChange *loop,
                                 const CircaDiffWriteOptions *options, guint max)
{
    if (loop->n_because == 0) {
        return;
    }
    g_string_append(out, loop->kind == CIRCA_LOOP_BROKEN    ? "broken by "
                         : loop->kind == CIRCA_LOOP_CHANGED ? "because of "
                                                            : "closed by ");
    for (guint i = 0; i < loop->n_because && i < max; i++) {
        const CircaDealChange *change = circa_diff_deal(diff, loop->because[i]);
        const CircaDealSet *side;
        const CircaDeal *deal = circa_i_diff_because_deal(diff, loop, change, &side);
        g_string_append_printf(out, "%s%s (%s, ", i > 0 ? ", " : "", change->id,
                               circa_i_deal_change_verb(change->kind));
        circa_i_diff_append_place(out, diff, side, deal, options);
        g_string_append_c(out, ')');
    }
    if (loop->n_because > max) {
        g_string_append_printf(out, " and %u more", loop->n_because - max);
    }
}

char *circa_i_diff_search_note(const CircaDiff *diff, const CircaDiffWriteOptions *options)
{
    if (!circa_diff_truncated(diff)) {
        return NULL;
    }
    GString *out = g_string_new("The loop search of ");
    const char *base = options->base_label != NULL ? options->base_label : "base";
    const char *head = options->head_label != NULL ? options->head_label : "head";
    if (diff->base_end != CIRCA_SEARCH_COMPLETE && diff->head_end != CIRCA_SEARCH_COMPLETE) {
        g_string_append_printf(out, "%s stopped early (%s) and that of %s too (%s)", base,
                               circa_search_end_to_string(diff->base_end), head,
                               circa_search_end_to_string(diff->head_end));
    } else if (diff->base_end != CIRCA_SEARCH_COMPLETE) {
        g_string_append_printf(out, "%s stopped early (%s)", base,
                               circa_search_end_to_string(diff->base_end));
    } else {
        g_string_append_printf(out, "%s stopped early (%s)", head,
                               circa_search_end_to_string(diff->head_end));
    }
    g_string_append(out, ": the round trips it did not reach are not compared, so there may be "
                         "more changes than listed.");
    return g_string_free(out, FALSE);
}

char *circa_i_diff_hash(const char *text, guint n_hex)
{
    char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    if (n_hex < 64) {
        hex[n_hex] = '\0';
    }
    return hex;
}
