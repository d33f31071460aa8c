/* SPDX-License-Identifier: MIT */
/* Writing a diff: the format table, the headline every format opens with, the repository paths
 * CI formats point at, the text listing for people, and the baseline file. */

#include "circa/diff.h"
#include "text-private.h"
#include "write/diff-writers-private.h"
#include "write/labels-private.h"

#include <string.h>

static const char *const format_names[CIRCA_N_DIFF_FORMATS] = {
    "text", "json", "markdown", "sarif", "github", "gitlab", "junit",
};

gboolean circa_diff_format_from_string(const char *text, CircaDiffFormat *format)
{
    for (guint i = 0; i < CIRCA_N_DIFF_FORMATS; i++) {
        if (g_ascii_strcasecmp(text, format_names[i]) == 0) {
            *format = (CircaDiffFormat) i;
            return TRUE;
        }
    }
    return FALSE;
}

const char *circa_diff_format_to_string(CircaDiffFormat format)
{
    return (guint) format < CIRCA_N_DIFF_FORMATS ? format_names[format] : "?";
}

char *circa_diff_headline(const CircaDiff *diff)
{
    GString *out = g_string_new(NULL);
    guint n_new = diff->n_loops[CIRCA_LOOP_NEW];
    gboolean cut = circa_diff_truncated(diff);
    if (cut) {
        /* Never "no new round trips" of a search that did not finish: it cannot know. */
        CircaSearchEnd end = circa_diff_cut_by(diff);
        g_string_append_printf(
            out, "Incomplete, the search stopped early (%s): ", circa_search_end_to_string(end));
    }
    if (n_new == 0 && !cut) {
        g_string_append(out, "No new round trips");
    } else {
        g_string_append_printf(out, "%u new round trip%s%s", n_new, n_new == 1 ? "" : "s",
                               cut ? " found" : "");
    }
    if (diff->n_loops[CIRCA_LOOP_KNOWN] > 0) {
        g_string_append_printf(out, " (%u %saccepted in the baseline)",
                               diff->n_loops[CIRCA_LOOP_KNOWN], n_new > 0 ? "more " : "");
    }
    if (diff->n_loops[CIRCA_LOOP_CHANGED] > 0) {
        g_string_append_printf(out, ", %u changed", diff->n_loops[CIRCA_LOOP_CHANGED]);
    }
    if (diff->n_loops[CIRCA_LOOP_BROKEN] > 0) {
        g_string_append_printf(out, ", %u broken", diff->n_loops[CIRCA_LOOP_BROKEN]);
    }
    if (diff->n_not_compared > 0) {
        g_string_append_printf(out,
                               ", %u not compared (found on one side only, and the other "
                               "side's search may not have reached them)",
                               diff->n_not_compared);
    }
    gint64 before = diff->base_circular_usd, after = diff->head_circular_usd;
    char amount[16], other[16];
    if (cut) {
        /* The sums are of what each search reached: their difference means nothing. */
    } else if (before == after) {
        g_string_append(out, "; circular money unchanged");
    } else if (before == CIRCA_AMOUNT_SATURATED || after == CIRCA_AMOUNT_SATURATED) {
        g_string_append_printf(out, "; circular money %s → %s", circa_amount_format(before, amount),
                               circa_amount_format(after, other));
    } else {
        g_string_append_printf(
            out, "; circular money %s%s", after > before ? "+" : "−",
            circa_amount_format(after > before ? after - before : before - after, amount));
    }
    return g_string_free(out, FALSE);
}

char *circa_diff_repository_path(const CircaDiff *diff, const CircaDealSet *side, guint file,
                                 const CircaDiffWriteOptions *options)
{
    const char *name = g_ptr_array_index(side->files, file);
    const char *prefix = side == diff->head ? options->head_prefix : options->base_prefix;
    if (prefix != NULL && g_str_has_prefix(name, prefix)) {
        name += strlen(prefix);
    } else if (g_path_is_absolute(name)) {
        g_autofree char *here = g_get_current_dir();
        gsize length = strlen(here);
        if (strncmp(name, here, length) != 0 || name[length] != G_DIR_SEPARATOR) {
            return g_strdup(name); /* outside the current folder: as named */
        }
        name += length + 1;
    }
    while (g_str_has_prefix(name, "./")) {
        name += 2;
    }
    const char *top = options->repository_prefix != NULL ? options->repository_prefix : "";
    return g_strconcat(top, name, NULL);
}

/* ---- shared by the formats ---- */

const char *circa_i_deal_change_verb(CircaDealChangeKind kind)
{
    return kind == CIRCA_DEAL_ADDED ? "added" : kind == CIRCA_DEAL_REMOVED ? "removed" : "changed";
}

/* Where a loop points, the same in every format: see diff-writers-private.h. */
const CircaDeal *circa_i_diff_loop_anchor(const CircaDiff *diff, const CircaLoopChange *loop,
                                          const CircaDealSet **side)
{
    if (loop->kind == CIRCA_LOOP_BROKEN) {
        /* A line of head, which is what a reviewer and a CI annotation see: a deal of the loop
         * that changed, else one that is still there; only when every deal of it was removed,
         * the removed one, at its line in base. */
        for (guint i = 0; i < loop->n_because; i++) {
            const CircaDealChange *change = circa_diff_deal(diff, loop->because[i]);
            if (change->head >= 0) {
                *side = diff->head;
                return circa_deal_set_deal(diff->head, (guint) change->head);
            }
        }
        const CircaCycle *cycle = loop->base;
        for (guint h = 0; h < cycle->length; h++) {
            for (guint e = 0; e < cycle->hops[h].n_edges; e++) {
                const CircaDeal *kept = circa_diff_head_deal(
                    diff, circa_i_edge_deal(diff->base_graph, cycle->hops[h].edges[e])->id);
                if (kept != NULL) {
                    *side = diff->head;
                    return kept;
                }
            }
        }
    }
    if (loop->n_because > 0) {
        const CircaDeal *deal =
            circa_diff_deal_record(diff, circa_diff_deal(diff, loop->because[0]), side);
        if (loop->head == NULL || *side == diff->head) {
            return deal;
        }
    }
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    *side = where.side;
    return circa_i_edge_deal(where.graph, where.cycle->hops[0].edges[0]);
}

static void append_plain_amount(GString *out, gint64 amount)
{
    char text[16];
    g_string_append(out, circa_amount_format(amount, text));
}

const CircaTextStyle circa_i_plain_style = {circa_i_append_printable, append_plain_amount};

void circa_i_append_deal_fields(GString *out, const CircaDiff *diff, const CircaDealChange *change,
                                const CircaTextStyle *style)
{
    const CircaDeal *a = circa_deal_set_deal(diff->base, (guint) change->base);
    const CircaDeal *b = circa_deal_set_deal(diff->head, (guint) change->head);
    gboolean first = TRUE;
    for (guint bit = 0; bit < CIRCA_N_DEAL_FIELDS; bit++) {
        CircaDealField field = (CircaDealField) (1u << bit);
        if ((change->fields & field) == 0) {
            continue;
        }
        g_string_append_printf(out, "%s%s ", first ? "" : ", ", circa_deal_field_to_string(field));
        first = FALSE;
        switch (field) {
        case CIRCA_FIELD_PAYER:
        case CIRCA_FIELD_PAYEE: {
            gboolean payer = field == CIRCA_FIELD_PAYER;
            style->text(out, circa_deal_set_entity(diff->base, payer ? a->payer : a->payee)->name);
            g_string_append(out, " → ");
            style->text(out, circa_deal_set_entity(diff->head, payer ? b->payer : b->payee)->name);
            break;
        }
        case CIRCA_FIELD_AMOUNT:
            style->amount(out, a->amount_usd);
            g_string_append(out, " → ");
            style->amount(out, b->amount_usd);
            break;
        case CIRCA_FIELD_DATE: {
            char x[11], y[11];
            circa_date_format(a->date, x);
            circa_date_format(b->date, y);
            g_string_append_printf(out, "%s → %s", x[0] ? x : "none", y[0] ? y : "none");
            break;
        }
        case CIRCA_FIELD_KIND:
            g_string_append_printf(out, "%s → %s", circa_kind_to_string(a->kind),
                                   circa_kind_to_string(b->kind));
            break;
        case CIRCA_FIELD_STATUS:
            g_string_append_printf(out, "%s → %s", circa_status_to_string(a->status),
                                   circa_status_to_string(b->status));
            break;
        case CIRCA_FIELD_SOURCE:
        case CIRCA_FIELD_NOTE:
            g_string_append(out,
                            "edited"); /* free text: a line or a table cell would not hold it */
            break;
        }
    }
}

/* "bottleneck $1.0B → $2.0B, certainty announced → signed" for a changed loop. */
void circa_i_append_loop_change(GString *out, const CircaLoopChange *loop)
{
    const CircaCycle *a = loop->base, *b = loop->head;
    gboolean amount =
        a->bottleneck_usd != b->bottleneck_usd || a->bottleneck_partial != b->bottleneck_partial;
    if (amount) {
        g_string_append(out, "bottleneck ");
        circa_i_append_bottleneck(out, a);
        g_string_append(out, " → ");
        circa_i_append_bottleneck(out, b);
    }
    if (a->certainty != b->certainty) {
        g_string_append_printf(out, "%scertainty %s → %s", amount ? ", " : "",
                               circa_status_to_string(a->certainty),
                               circa_status_to_string(b->certainty));
    }
}

void circa_i_append_search_note(GString *out, const CircaDiff *diff)
{
    if (diff->max_length > 0) {
        g_string_append_printf(out, "loops of at most %u hops", diff->max_length);
    } else {
        g_string_append(out, "loops of any length");
    }
    if (circa_diff_truncated(diff)) {
        CircaSearchEnd end = circa_diff_cut_by(diff);
        g_string_append_printf(out, "; the search stopped early (%s), so more loops may exist",
                               circa_search_end_to_string(end));
        if (diff->n_not_compared > 0) {
            g_string_append_printf(out,
                                   " and %u found on one side could not be looked for on the "
                                   "other",
                                   diff->n_not_compared);
        }
    }
}

/* ---- text ---- */

/* "graphs/deals.csv:42", or "main:graphs/deals.csv:4" for a line of base, as the CI formats
 * name it, but printable. */
static void append_place(GString *out, const CircaDiff *diff, const CircaDealSet *side,
                         const CircaDeal *deal, const CircaDiffWriteOptions *options)
{
    g_autoptr(GString) place = g_string_new(NULL);
    circa_i_diff_append_place(place, diff, side, deal, options);
    circa_i_append_printable(out, place->str);
}

static void text_deals(GString *out, const CircaDiff *diff, const CircaDiffWriteOptions *options)
{
    guint counts[3] = {0};
    for (guint i = 0; i < diff->deals->len; i++) {
        counts[circa_diff_deal(diff, i)->kind]++;
    }
    g_string_append_printf(out, "\nDeals: %u added, %u removed, %u changed\n",
                           counts[CIRCA_DEAL_ADDED], counts[CIRCA_DEAL_REMOVED],
                           counts[CIRCA_DEAL_CHANGED]);
    static const char marks[] = {'+', '-', '~'};
    for (guint i = 0; i < diff->deals->len; i++) {
        const CircaDealChange *change = circa_diff_deal(diff, i);
        const CircaDealSet *side;
        const CircaDeal *deal = circa_diff_deal_record(diff, change, &side);
        g_string_append_printf(out, "  %c ", marks[change->kind]);
        circa_i_append_printable(out, change->id);
        g_string_append(out, "  ");
        if (change->kind == CIRCA_DEAL_CHANGED) {
            circa_i_append_deal_fields(out, diff, change, &circa_i_plain_style);
        } else {
            char amount[16];
            circa_i_append_printable(out, circa_deal_set_entity(side, deal->payer)->name);
            g_string_append(out, " → ");
            circa_i_append_printable(out, circa_deal_set_entity(side, deal->payee)->name);
            g_string_append_printf(out, "  %s %s", circa_amount_format(deal->amount_usd, amount),
                                   circa_kind_to_string(deal->kind));
        }
        g_string_append(out, "  ");
        append_place(out, diff, side, deal, options);
        g_string_append_c(out, '\n');
    }
}

static void text_because(GString *out, const CircaDiff *diff, const CircaLoopChange *loop,
                         const CircaDiffWriteOptions *options)
{
    if (loop->n_because == 0) {
        g_string_append(out, "      no deal on it changed: the entity table or the search bounds "
                             "did\n");
        return;
    }
    const char *verb = loop->kind == CIRCA_LOOP_BROKEN    ? "broken by"
                       : loop->kind == CIRCA_LOOP_CHANGED ? "because of"
                                                          : "closed by";
    for (guint i = 0; i < loop->n_because; i++) {
        const CircaDealChange *change = circa_diff_deal(diff, loop->because[i]);
        const CircaDealSet *side;
        const CircaDeal *deal = circa_diff_deal_record(diff, change, &side);
        g_string_append_printf(out, "      %s ", i == 0 ? verb : "         ");
        circa_i_append_printable(out, change->id);
        g_string_append_printf(out, " (%s, ", circa_i_deal_change_verb(change->kind));
        append_place(out, diff, side, deal, options);
        g_string_append(out, ")\n");
    }
}

static void text_loops(GString *out, const CircaDiff *diff, const CircaDiffWriteOptions *options,
                       CircaLoopChangeKind kind, const char *heading)
{
    if (diff->n_loops[kind] == 0) {
        return;
    }
    g_string_append_printf(out, "\n%s (%u):\n", heading, diff->n_loops[kind]);
    for (guint i = 0; i < diff->loops->len; i++) {
        const CircaLoopChange *loop = circa_diff_loop(diff, i);
        if (loop->kind != kind) {
            continue;
        }
        g_autoptr(GString) path = g_string_new(NULL);
        circa_i_diff_append_loop_path(path, diff, loop, G_MAXINT);
        g_string_append(out, "  ");
        circa_i_append_printable(out, path->str);
        g_string_append(out, "  ");
        if (kind == CIRCA_LOOP_CHANGED) {
            circa_i_append_loop_change(out, loop);
        } else {
            const CircaCycle *cycle = circa_i_diff_loop_side(diff, loop).cycle;
            g_string_append(out, "bottleneck ");
            circa_i_append_bottleneck(out, cycle);
            g_string_append_printf(out, "  certainty %s", circa_status_to_string(cycle->certainty));
        }
        g_string_append_c(out, '\n');
        if (kind == CIRCA_LOOP_KNOWN) {
            g_string_append(out, "      accepted: ");
            circa_i_append_printable(out, loop->reason[0] != '\0' ? loop->reason : "(no reason)");
            g_string_append_c(out, '\n');
        } else {
            text_because(out, diff, loop, options);
        }
    }
}

static void write_text(const CircaDiff *diff, const CircaDiffWriteOptions *options, GString *out)
{
    g_autofree char *headline = circa_diff_headline(diff);
    g_string_append(out, "circa diff: ");
    circa_i_append_printable(out, options->base_label);
    g_string_append(out, " → ");
    circa_i_append_printable(out, options->head_label);
    g_string_append_printf(out, "\n%s.\n", headline);
    text_loops(out, diff, options, CIRCA_LOOP_NEW, "New round trips");
    text_loops(out, diff, options, CIRCA_LOOP_KNOWN, "New round trips accepted in the baseline");
    text_loops(out, diff, options, CIRCA_LOOP_CHANGED, "Changed round trips");
    text_loops(out, diff, options, CIRCA_LOOP_BROKEN, "Broken round trips");
    text_deals(out, diff, options);
    g_string_append_printf(out,
                           "\nThrough the changed deals: %u round trip%s before, %u after, %u of "
                           "them unchanged; every other loop is the same on both sides; ",
                           diff->n_base_loops, diff->n_base_loops == 1 ? "" : "s",
                           diff->n_head_loops, diff->n_unchanged);
    circa_i_append_search_note(out, diff);
    g_string_append(out, ".\n");
}

void circa_diff_write(const CircaDiff *diff, CircaDiffFormat format,
                      const CircaDiffWriteOptions *options, GString *out)
{
    switch (format) {
    case CIRCA_DIFF_TEXT:
        write_text(diff, options, out);
        break;
    case CIRCA_DIFF_JSON:
        circa_i_diff_write_json(diff, options, out);
        break;
    case CIRCA_DIFF_MARKDOWN:
        circa_i_diff_write_markdown(diff, options, out);
        break;
    case CIRCA_DIFF_SARIF:
        circa_i_diff_write_sarif(diff, options, out);
        break;
    case CIRCA_DIFF_GITHUB:
        circa_i_diff_write_github(diff, options, out);
        break;
    case CIRCA_DIFF_GITLAB:
        circa_i_diff_write_gitlab(diff, options, out);
        break;
    case CIRCA_DIFF_JUNIT:
        circa_i_diff_write_junit(diff, options, out);
        break;
    }
}

/* ---- the baseline ---- */

static int compare_keys(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

void circa_baseline_write(CircaCycleSet *head, const CircaBaseline *previous, GString *out)
{
    g_string_append(out, "# circa baseline: round trips reviewed and accepted, one per line as\n"
                         "# KEY<TAB>REASON. `circa diff` reports a loop listed here as known, not "
                         "new.\n# Edit the reasons; `circa diff --write-baseline` keeps them.\n");
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    for (guint i = 0; i < head->cycles->len; i++) {
        g_ptr_array_add(keys, (gpointer) circa_cycle_set_key(head, i));
    }
    g_ptr_array_sort(keys, compare_keys);
    for (guint i = 0; i < keys->len; i++) {
        const char *key = g_ptr_array_index(keys, i);
        const char *reason = circa_baseline_lookup(previous, key);
        /* Keys and reasons are one line each: a name cannot hold a tab or a line break (they
         * are folded into spaces as it is read), and a reason was read from one line. */
        g_string_append(out, key);
        g_string_append_c(out, '\t');
        g_string_append(out, reason != NULL ? reason : "accepted when the baseline was written");
        g_string_append_c(out, '\n');
    }
}
