/* SPDX-License-Identifier: MIT */
/* A diff as JUnit XML for Jenkins and GitLab's test reports: a test case per new loop (failing),
 * known loop (skipped) and changed loop (passing), named by the loop's key so that both tools'
 * history tracks a loop from run to run. */

#include "write/diff-writers-private.h"

static void append_attribute(GString *out, const char *name, const char *value)
{
    g_string_append_printf(out, " %s=\"", name);
    circa_i_append_xml_text(out, value, TRUE);
    g_string_append_c(out, '"');
}

/* The body of a failure: what the loop is, the deals that close it, and every deal on it. */
static void append_details(GString *text, const CircaDiff *diff,
                           const CircaDiffWriteOptions *options, const CircaLoopChange *loop)
{
    circa_i_diff_append_loop_summary(text, diff, loop);
    g_string_append_c(text, '\n');
    if (loop->kind == CIRCA_LOOP_CHANGED) {
        circa_i_append_loop_change(text, loop);
        g_string_append_c(text, '\n');
    }
    if (loop->n_because > 0) {
        circa_i_diff_append_because(text, diff, loop, options, G_MAXUINT);
        g_string_append_c(text, '\n');
    }
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    g_autoptr(GArray) deals = circa_i_diff_loop_deals(diff, loop);
    g_string_append(text, "deals on the loop:\n");
    for (guint i = 0; i < deals->len; i++) {
        const CircaDeal *deal = circa_deal_set_deal(where.side, g_array_index(deals, guint, i));
        char amount[16];
        g_string_append_printf(text, "  %s  %s → %s  %s %s  %s  ", deal->id,
                               circa_deal_set_entity(where.side, deal->payer)->name,
                               circa_deal_set_entity(where.side, deal->payee)->name,
                               circa_amount_format(deal->amount_usd, amount),
                               circa_kind_to_string(deal->kind),
                               circa_status_to_string(deal->status));
        circa_i_diff_append_place(text, diff, where.side, deal, options);
        g_string_append_c(text, '\n');
    }
}

static void write_case(GString *out, const CircaDiff *diff, const CircaDiffWriteOptions *options,
                       const CircaLoopChange *loop)
{
    const CircaDealSet *side;
    const CircaDeal *anchor = circa_i_diff_loop_anchor(diff, loop, &side);
    g_autofree char *path = circa_diff_repository_path(diff, side, anchor->file, options);

    g_string_append(out, "    <testcase classname=\"circa.round-trips\"");
    append_attribute(out, "name", loop->key);
    append_attribute(out, "file", path);
    g_string_append(out, " time=\"0\">\n");
    g_autoptr(GString) body = g_string_new(NULL);
    switch (loop->kind) {
    case CIRCA_LOOP_NEW:
        append_details(body, diff, options, loop);
        /* GitLab shows the element's text, not its message attribute. */
        g_string_append(out, "      <failure message=\"new round trip\" type=\"new\">");
        circa_i_append_xml_text(out, body->str, FALSE);
        g_string_append(out, "</failure>\n");
        break;
    case CIRCA_LOOP_KNOWN:
        g_string_append(out, "      <skipped message=\"accepted in the baseline\">");
        circa_i_append_xml_text(out,
                                loop->reason != NULL && loop->reason[0] != '\0'
                                    ? loop->reason
                                    : "accepted in the baseline",
                                FALSE);
        g_string_append(out, "</skipped>\n");
        break;
    default:
        append_details(body, diff, options, loop);
        g_string_append(out, "      <system-out>");
        circa_i_append_xml_text(out, body->str, FALSE);
        g_string_append(out, "</system-out>\n");
        break;
    }
    g_string_append(out, "    </testcase>\n");
}

void circa_i_diff_write_junit(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                              GString *out)
{
    guint failures = diff->n_loops[CIRCA_LOOP_NEW];
    guint skipped = diff->n_loops[CIRCA_LOOP_KNOWN];
    guint tests = failures + skipped + diff->n_loops[CIRCA_LOOP_CHANGED];
    /* An empty report fails Jenkins' junit step (unless allowEmptyResults): with nothing to
     * report, one passing case says the check ran. */
    gboolean placeholder = tests == 0;
    tests += placeholder;
    /* time="0" everywhere and no timestamp: the same diff gives the same bytes. */
    g_autofree char *counts =
        g_strdup_printf("tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\" time=\"0\"",
                        tests, failures, skipped);
    g_string_append_printf(out,
                           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<testsuites name=\"circa diff\" %s>\n"
                           "  <testsuite name=\"circa diff\" %s>\n",
                           counts, counts);
    for (guint i = 0; i < diff->loops->len; i++) {
        const CircaLoopChange *loop = circa_diff_loop(diff, i);
        if (loop->kind != CIRCA_LOOP_BROKEN) {
            write_case(out, diff, options, loop);
        }
    }
    if (placeholder) {
        g_string_append(out, "    <testcase classname=\"circa.round-trips\" name=\"no new round "
                             "trips\" time=\"0\"/>\n");
    }
    /* The headline, and a search cut short, for the tools that show a suite's output. */
    g_autofree char *headline = circa_diff_headline(diff);
    g_autofree char *search = circa_i_diff_search_note(diff, options);
    g_autofree char *text =
        g_strconcat(headline, "\n", search != NULL ? search : "", search != NULL ? "\n" : "", NULL);
    g_string_append(out, "    <system-out>");
    circa_i_append_xml_text(out, text, FALSE);
    g_string_append(out, "</system-out>\n  </testsuite>\n</testsuites>\n");
}
