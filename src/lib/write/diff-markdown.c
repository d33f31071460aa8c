/* SPDX-License-Identifier: MIT */
/* A diff as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY or a pull-request comment: the
 * headline, a Mermaid diagram of the new loops, a table per kind of change, under a size cap. */

#include "write/diff-writers-private.h"
#include "write/labels-private.h"

#include <string.h>

/* A table longer than this is folded in <details>, so the headline and the first tables stay in
 * view. */
#define FOLD_ROWS 10
/* What one Mermaid diagram may hold: mermaid's maxTextSize is 50,000 characters and its maxEdges
 * 500, both fixed by GitHub's secure configuration; 200 edges keep a diagram readable. */
#define DIAGRAM_MAX_EDGES 200
#define DIAGRAM_MAX_CHARS 50000
/* Room kept for closing a table and for the final note saying what the cap cut. */
#define CLOSING_BYTES 256
#define FINAL_NOTE_BYTES 1024
/* How many deals a cell lists before "and N more". */
#define CELL_DEALS 5
/* How many characters of a loop's path a cell keeps. */
#define CELL_PATH_CHARS 1000

typedef enum {
    PART_DIAGRAM,
    PART_NEW,
    PART_KNOWN,
    PART_CHANGED,
    PART_BROKEN,
    PART_DEALS,
    N_PARTS,
} Part;

static const char *const part_names[N_PARTS] = {
    "the diagram",         "new round trips",    "known round trips",
    "changed round trips", "broken round trips", "deal changes",
};

typedef struct {
    const CircaDiff *diff;
    const CircaDiffWriteOptions *options;
    GString *doc;
    gsize limit;   /* the most bytes the document may take before its final note */
    gboolean full; /* a row did not fit: nothing more is added, so what is shown is a prefix */
    guint n_rows[N_PARTS];
    guint n_cut[N_PARTS];
} Markdown;

typedef void (*RowFunc)(Markdown *md, guint item, GString *row);

/* ---- cells ---- */

static void append_code(GString *out, const char *text)
{
    circa_i_append_markdown_code(out, text, TRUE);
}

static void append_amount(GString *out, gint64 amount)
{
    char text[16];
    append_code(out, circa_amount_format(amount, text));
}

static void append_bottleneck(GString *out, const CircaCycle *cycle)
{
    g_autoptr(GString) text = g_string_new(NULL);
    circa_i_append_bottleneck(text, cycle);
    append_code(out, text->str);
}

static void append_path(GString *out, const CircaDiff *diff, const CircaLoopChange *loop)
{
    g_autoptr(GString) text = g_string_new(NULL);
    circa_i_diff_append_loop_path(text, diff, loop, CELL_PATH_CHARS);
    circa_i_append_markdown_text(out, text->str);
}

static void append_place(Markdown *md, GString *out, const CircaDealSet *side,
                         const CircaDeal *deal)
{
    g_autoptr(GString) place = g_string_new(NULL);
    circa_i_diff_append_place(place, md->diff, side, deal, md->options);
    append_code(out, place->str);
}

/* "`x` (added, `deals.csv:4`), …": the deals that explain a loop. */
static void append_because(Markdown *md, GString *out, const CircaLoopChange *loop)
{
    if (loop->n_because == 0) {
        g_string_append(out, "no deal on it changed: the entity table or the search bounds did");
        return;
    }
    for (guint i = 0; i < loop->n_because && i < CELL_DEALS; i++) {
        const CircaDealChange *change = circa_diff_deal(md->diff, loop->because[i]);
        const CircaDealSet *side;
        const CircaDeal *deal = circa_i_diff_because_deal(md->diff, loop, change, &side);
        g_string_append(out, i > 0 ? ", " : "");
        append_code(out, change->id);
        g_string_append_printf(out, " (%s, ", circa_i_deal_change_verb(change->kind));
        append_place(md, out, side, deal);
        g_string_append_c(out, ')');
    }
    if (loop->n_because > CELL_DEALS) {
        g_string_append_printf(out, " and %u more", loop->n_because - CELL_DEALS);
    }
}

static void append_entity(GString *out, const CircaDealSet *set, guint32 entity)
{
    circa_i_append_markdown_text(out, circa_deal_set_entity(set, entity)->name);
}

/* Names as Markdown text, amounts as code spans (GitHub's maths cannot take a `$` in one). */
static const CircaTextStyle markdown_style = {circa_i_append_markdown_text, append_amount};

/* ---- rows, one function per table ---- */

static void new_row(Markdown *md, guint item, GString *row)
{
    const CircaLoopChange *loop = circa_diff_loop(md->diff, item);
    g_string_append(row, "| ");
    append_path(row, md->diff, loop);
    g_string_append_printf(row, " | %u | ", loop->head->length);
    append_bottleneck(row, loop->head);
    g_string_append_printf(row, " | %s | ", circa_status_to_string(loop->head->certainty));
    circa_i_append_span(row, loop->head->first_date, loop->head->last_date);
    g_string_append(row, " | ");
    append_because(md, row, loop);
    g_string_append(row, " |\n");
}

static void known_row(Markdown *md, guint item, GString *row)
{
    const CircaLoopChange *loop = circa_diff_loop(md->diff, item);
    g_string_append(row, "| ");
    append_path(row, md->diff, loop);
    g_string_append(row, " | ");
    append_bottleneck(row, loop->head);
    g_string_append_printf(row, " | %s | ", circa_status_to_string(loop->head->certainty));
    if (loop->reason != NULL && loop->reason[0] != '\0') {
        circa_i_append_markdown_text(row, loop->reason);
    } else {
        g_string_append(row, "(no reason given)");
    }
    g_string_append(row, " |\n");
}

static void changed_row(Markdown *md, guint item, GString *row)
{
    const CircaLoopChange *loop = circa_diff_loop(md->diff, item);
    const CircaCycle *a = loop->base, *b = loop->head;
    g_string_append(row, "| ");
    append_path(row, md->diff, loop);
    g_string_append(row, " | ");
    append_bottleneck(row, a);
    if (a->bottleneck_usd != b->bottleneck_usd || a->bottleneck_partial != b->bottleneck_partial ||
        a->bottleneck_estimated != b->bottleneck_estimated) {
        g_string_append(row, " → ");
        append_bottleneck(row, b);
    }
    g_string_append_printf(row, " | %s", circa_status_to_string(a->certainty));
    if (a->certainty != b->certainty) {
        g_string_append_printf(row, " → %s", circa_status_to_string(b->certainty));
    }
    g_string_append(row, " | ");
    append_because(md, row, loop);
    g_string_append(row, " |\n");
}

static void broken_row(Markdown *md, guint item, GString *row)
{
    const CircaLoopChange *loop = circa_diff_loop(md->diff, item);
    g_string_append(row, "| ");
    append_path(row, md->diff, loop);
    g_string_append_printf(row, " | %u | ", loop->base->length);
    append_bottleneck(row, loop->base);
    g_string_append_printf(row, " | %s | ", circa_status_to_string(loop->base->certainty));
    append_because(md, row, loop);
    g_string_append(row, " |\n");
}

static void deal_row(Markdown *md, guint item, GString *row)
{
    const CircaDealChange *change = circa_diff_deal(md->diff, item);
    const CircaDealSet *side;
    const CircaDeal *deal = circa_diff_deal_record(md->diff, change, &side);
    char date[11];
    g_string_append(row, "| ");
    append_code(row, change->id);
    g_string_append_printf(row, " | %s", circa_i_deal_change_verb(change->kind));
    if (change->kind == CIRCA_DEAL_CHANGED) {
        g_string_append(row, ": ");
        circa_i_append_deal_fields(row, md->diff, change, &markdown_style);
    }
    g_string_append(row, " | ");
    append_entity(row, side, deal->payer);
    g_string_append(row, " → ");
    append_entity(row, side, deal->payee);
    g_string_append(row, " | ");
    append_amount(row, deal->amount_usd);
    circa_date_format(deal->date, date);
    g_string_append_printf(row, " | %s | %s | %s | ", circa_kind_to_string(deal->kind),
                           circa_status_to_string(deal->status), date[0] ? date : "undated");
    append_place(md, row, side, deal);
    g_string_append(row, " |\n");
}

/* ---- the document ---- */

/* Whether @bytes more fit under the cap, with room to close what is open. */
static gboolean fits(const Markdown *md, gsize bytes)
{
    return !md->full && md->doc->len + bytes + CLOSING_BYTES <= md->limit;
}

/* A heading (unless NULL) and a table of @items (indices for @row), folded when long. A row that
 * does not fit ends the table and the document: everything after it is counted as cut. */
static void write_table(Markdown *md, Part part, const char *heading, const char *header,
                        GArray *items, RowFunc row_func)
{
    md->n_rows[part] = items->len;
    if (items->len == 0) {
        return;
    }
    g_autoptr(GString) head = g_string_new(NULL);
    if (heading != NULL) {
        g_string_append_printf(head, "\n#### %s (%u)\n", heading, items->len);
    }
    g_string_append_c(head, '\n');
    gboolean fold = items->len > FOLD_ROWS;
    if (fold) {
        g_string_append_printf(head, "<details><summary>%u rows</summary>\n\n", items->len);
    }
    g_string_append(head, header);
    if (!fits(md, head->len)) {
        md->full = TRUE;
        md->n_cut[part] = items->len;
        return;
    }
    g_string_append_len(md->doc, head->str, (gssize) head->len);
    g_autoptr(GString) row = g_string_new(NULL);
    guint shown = 0;
    for (; shown < items->len; shown++) {
        g_string_truncate(row, 0);
        row_func(md, g_array_index(items, guint, shown), row);
        if (!fits(md, row->len)) {
            md->full = TRUE;
            break;
        }
        g_string_append_len(md->doc, row->str, (gssize) row->len);
    }
    if (shown < items->len) {
        md->n_cut[part] = items->len - shown;
        g_string_append_printf(md->doc, "\n%u more not shown: see the note at the end.\n",
                               items->len - shown);
    }
    if (fold) {
        g_string_append(md->doc, "\n</details>\n");
    }
}

static GArray *loops_of(const CircaDiff *diff, CircaLoopChangeKind kind)
{
    GArray *items = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < diff->loops->len; i++) {
        if (circa_diff_loop(diff, i)->kind == kind) {
            g_array_append_val(items, i);
        }
    }
    return items;
}

/* Added, then removed, then changed deals, each by id. */
static GArray *deal_items(const CircaDiff *diff)
{
    GArray *items = g_array_new(FALSE, FALSE, sizeof(guint));
    static const CircaDealChangeKind order[] = {CIRCA_DEAL_ADDED, CIRCA_DEAL_REMOVED,
                                                CIRCA_DEAL_CHANGED};
    for (guint k = 0; k < G_N_ELEMENTS(order); k++) {
        for (guint i = 0; i < diff->deals->len; i++) {
            if (circa_diff_deal(diff, i)->kind == order[k]) {
                g_array_append_val(items, i);
            }
        }
    }
    return items;
}

/* The Mermaid text of the first @n new loops, through the cycles' own Mermaid writer: it takes a
 * cycle set, so one is lent the loops (shallow copies: the writer only reads them). */
static void render_diagram(const CircaDiff *diff, GArray *items, guint n, GString *out)
{
    g_autofree CircaOwnedCycle *owned = g_new0(CircaOwnedCycle, n);
    CircaCycleSet set = {0};
    set.cycles = g_ptr_array_sized_new(n);
    set.graph = diff->head_graph;
    for (guint i = 0; i < n; i++) {
        owned[i].cycle = *circa_diff_loop(diff, g_array_index(items, guint, i))->head;
        g_ptr_array_add(set.cycles, &owned[i]);
    }
    circa_cycles_write_mermaid(&set, diff->head_graph, out);
    g_ptr_array_free(set.cycles, TRUE);
}

/* Whole loops only, largest first, while their arrows stay under DIAGRAM_MAX_EDGES (the Mermaid
 * writer draws one arrow per direction between two entities); then fewer until the text fits in
 * DIAGRAM_MAX_CHARS. */
static void write_diagram(Markdown *md, GArray *items)
{
    if (items->len == 0) {
        return;
    }
    g_autoptr(GHashTable) arrows = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    guint n = 0;
    for (; n < items->len; n++) {
        const CircaCycle *cycle = circa_diff_loop(md->diff, g_array_index(items, guint, n))->head;
        guint more = 0;
        for (guint i = 0; i < cycle->length; i++) {
            gint64 key = (gint64) cycle->hops[i].from << 32 | cycle->hops[i].to;
            more += !g_hash_table_contains(arrows, &key);
        }
        if (g_hash_table_size(arrows) + more > DIAGRAM_MAX_EDGES) {
            break;
        }
        for (guint i = 0; i < cycle->length; i++) {
            gint64 key = (gint64) cycle->hops[i].from << 32 | cycle->hops[i].to;
            g_hash_table_add(arrows, g_memdup2(&key, sizeof key));
        }
    }
    g_autoptr(GString) text = g_string_new(NULL);
    for (; n > 0; n /= 2) {
        g_string_truncate(text, 0);
        render_diagram(md->diff, items, n, text);
        if (g_utf8_strlen(text->str, (gssize) text->len) <= DIAGRAM_MAX_CHARS) {
            break;
        }
    }
    g_autoptr(GString) block = g_string_new(NULL);
    if (n == 0) {
        g_string_append(block, "\nNo diagram: the largest new round trip alone is more than one "
                               "diagram holds (200 arrows, 50,000 characters).\n");
    } else {
        gboolean fold = n > FOLD_ROWS;
        if (fold) {
            g_string_append_printf(block,
                                   "\n<details><summary>Diagram of %u new round trips"
                                   "</summary>\n",
                                   n);
        }
        g_string_append_printf(block, "\n```mermaid\n%s```\n", text->str);
        if (fold) {
            g_string_append(block, "\n</details>\n");
        }
        if (n < items->len) {
            g_string_append_printf(block,
                                   "\nThe diagram shows the first %u of the %u new round trips, "
                                   "largest first: one diagram holds at most 200 arrows and "
                                   "50,000 characters (GitHub draws no more than 500 and "
                                   "50,000).\n",
                                   n, items->len);
        }
    }
    if (!fits(md, block->len)) {
        md->n_cut[PART_DIAGRAM] = 1;
        return; /* a table row is worth more than the picture: go on without it */
    }
    g_string_append_len(md->doc, block->str, (gssize) block->len);
}

/* The headline with its amounts ("+$4.2B") in code spans, so GitHub's maths cannot take a pair of
 * dollar signs, and every other word escaped; punctuation around an amount stays outside. */
static void append_headline(GString *out, const char *headline)
{
    g_auto(GStrv) words = g_strsplit(headline, " ", -1);
    for (guint i = 0; words[i] != NULL; i++) {
        char *word = words[i];
        g_string_append(out, i > 0 ? " " : "");
        if (strchr(word, '$') == NULL) {
            circa_i_append_markdown_text(out, word);
            continue;
        }
        gsize length = strlen(word);
        gsize start = strspn(word, "(");
        while (length > start && strchr(";,.:)", word[length - 1]) != NULL) {
            length--;
        }
        g_autofree char *before = g_strndup(word, start);
        g_autofree char *amount = g_strndup(word + start, length - start);
        circa_i_append_markdown_text(out, before);
        circa_i_append_markdown_code(out, amount, FALSE);
        circa_i_append_markdown_text(out, word + length);
    }
}

static const char *label(const char *text, const char *fallback)
{
    return text != NULL && text[0] != '\0' ? text : fallback;
}

static void write_opening(Markdown *md)
{
    const CircaDiff *diff = md->diff;
    GString *doc = md->doc;
    g_autofree char *headline = circa_diff_headline(diff);
    g_string_append(doc, "### circa diff: ");
    append_headline(doc, headline);
    g_string_append(doc, "\n\n");
    circa_i_append_markdown_text(doc, label(md->options->base_label, "base"));
    g_string_append(doc, " → ");
    circa_i_append_markdown_text(doc, label(md->options->head_label, "head"));
    g_string_append_printf(doc,
                           ": through the changed deals, %u round trip%s before and %u after, "
                           "%u of them unchanged",
                           diff->n_base_loops, diff->n_base_loops == 1 ? "" : "s",
                           diff->n_head_loops, diff->n_unchanged);
    if (diff->max_length > 0) {
        g_string_append_printf(doc, " (loops of at most %u hops)", diff->max_length);
    }
    g_string_append(doc, ".\n");
    g_autofree char *note = circa_i_diff_search_note(diff, md->options);
    if (note != NULL) {
        g_string_append(doc, "\n> **Warning:** ");
        circa_i_append_markdown_text(doc, note);
        g_string_append_c(doc, '\n');
    }
}

/* What the cap left out, in one paragraph of bounded length. */
static void write_final_note(Markdown *md)
{
    gboolean any = FALSE;
    for (guint p = 0; p < N_PARTS; p++) {
        any |= md->n_cut[p] > 0;
    }
    if (!any) {
        return;
    }
    g_string_append_printf(md->doc,
                           "\n---\n\n**Cut short** to stay under %" G_GSIZE_FORMAT
                           " KiB (GitHub takes at most 1 MiB of summary per step). Not shown:",
                           CIRCA_DIFF_MARKDOWN_MAX / 1024);
    gboolean first = TRUE;
    for (guint p = 0; p < N_PARTS; p++) {
        if (md->n_cut[p] == 0) {
            continue;
        }
        if (p == PART_DIAGRAM) {
            g_string_append_printf(md->doc, "%s the diagram", first ? "" : ";");
        } else if (md->n_cut[p] == md->n_rows[p]) {
            g_string_append_printf(md->doc, "%s all %u %s", first ? "" : ";", md->n_cut[p],
                                   part_names[p]);
        } else {
            g_string_append_printf(md->doc, "%s %u of %u %s", first ? "" : ";", md->n_cut[p],
                                   md->n_rows[p], part_names[p]);
        }
        first = FALSE;
    }
    g_string_append(md->doc, ". Run `circa diff --format json` (or `text`) for every change.\n");
}

void circa_i_diff_write_markdown(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                                 GString *out)
{
    g_autoptr(GString) doc = g_string_new(NULL);
    Markdown md = {
        .diff = diff,
        .options = options,
        .doc = doc,
        .limit = CIRCA_DIFF_MARKDOWN_MAX - FINAL_NOTE_BYTES,
    };
    write_opening(&md);

    g_autoptr(GArray) new_loops = loops_of(diff, CIRCA_LOOP_NEW);
    g_autoptr(GArray) known = loops_of(diff, CIRCA_LOOP_KNOWN);
    g_autoptr(GArray) changed = loops_of(diff, CIRCA_LOOP_CHANGED);
    g_autoptr(GArray) broken = loops_of(diff, CIRCA_LOOP_BROKEN);
    g_autoptr(GArray) deals = deal_items(diff);

    if (new_loops->len > 0) {
        g_string_append_printf(doc, "\n#### New round trips (%u)\n", new_loops->len);
        write_diagram(&md, new_loops);
    }
    write_table(&md, PART_NEW, NULL,
                "| Round trip | Hops | Bottleneck | Certainty | Dates | Closed by |\n"
                "|---|--:|--:|---|---|---|\n",
                new_loops, new_row);
    write_table(&md, PART_KNOWN, "Known round trips, accepted in the baseline",
                "| Round trip | Bottleneck | Certainty | Accepted because |\n|---|--:|---|---|\n",
                known, known_row);
    write_table(&md, PART_CHANGED, "Changed round trips",
                "| Round trip | Bottleneck | Certainty | Because of |\n|---|--:|---|---|\n",
                changed, changed_row);
    write_table(
        &md, PART_BROKEN, "Broken round trips",
        "| Round trip | Hops | Bottleneck | Certainty | Broken by |\n|---|--:|--:|---|---|\n",
        broken, broken_row);
    write_table(&md, PART_DEALS, "Deals added, removed or changed",
                "| Deal | Change | Payer → payee | Amount | Kind | Status | Date | Where |\n"
                "|---|---|---|--:|---|---|---|---|\n",
                deals, deal_row);
    if (diff->loops->len == 0 && diff->deals->len == 0) {
        g_string_append(doc, "\nNo deal and no round trip changed.\n");
    }
    write_final_note(&md);
    g_assert(doc->len <= CIRCA_DIFF_MARKDOWN_MAX);
    g_string_append_len(out, doc->str, (gssize) doc->len);
}
