/* SPDX-License-Identifier: MIT */
/* A diff as SARIF 2.1.0 for GitHub code scanning: one run, a result per loop change, located at
 * the CSV line of the deal that explains it, with a fingerprint made from the loop's key. */

#include "write/diff-writers-private.h"
#include "write/json-private.h"
#include "write/labels-private.h"

#define SARIF_SCHEMA                                                                               \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
/* GitHub's limits ("SARIF results exceed one or more limits"): results per run and locations per
 * result. */
#define MAX_RESULTS 25000
#define MAX_RELATED 1000

/* The rules: a known loop is a new loop a team accepted, so it is reported under the rule of new
 * loops with a suppression, as SARIF means suppressions to be used. */
typedef enum {
    RULE_NEW,
    RULE_CHANGED,
    RULE_BROKEN,
    N_RULES,
} Rule;

static const struct {
    const char *id;
    const char *name;
    const char *level;
    const char *short_text;
    const char *full_text;
    const char *help;
} rules[N_RULES] = {
    {"circa/new-round-trip", "NewRoundTrip", "warning", "A new deal closes a round trip of money.",
     "Money can leave a company and come back to it through the deals of this loop, and the loop "
     "did not exist before: a deal added or changed here closes it.",
     "Each deal of the loop is listed with its file and line; the result points at the deal that "
     "closes it. If the loop is expected, accept it with `circa diff --write-baseline` (or add its "
     "key and a reason to .circa-baseline) so it is reported as known from then on."},
    {"circa/changed-round-trip", "ChangedRoundTrip", "note",
     "A round trip's bottleneck or certainty changed.",
     "The loop existed before and still does, but how much money can go all the way round (its "
     "bottleneck) or how certain its deals are (its certainty) changed.",
     "The message gives the old and the new bottleneck and certainty, and the deals whose change "
     "explains it."},
    {"circa/broken-round-trip", "BrokenRoundTrip", "note", "A round trip no longer exists.",
     "The loop existed before, and a deal removed or changed here broke it.",
     "The result points at the deal that broke the loop; the loop's other deals are related "
     "locations."},
};

static Rule rule_of(CircaLoopChangeKind kind)
{
    return kind == CIRCA_LOOP_CHANGED  ? RULE_CHANGED
           : kind == CIRCA_LOOP_BROKEN ? RULE_BROKEN
                                       : RULE_NEW;
}

static const char *baseline_state(CircaLoopChangeKind kind)
{
    switch (kind) {
    case CIRCA_LOOP_NEW:
        return "new";
    case CIRCA_LOOP_KNOWN:
        return "unchanged";
    case CIRCA_LOOP_CHANGED:
        return "updated";
    case CIRCA_LOOP_BROKEN:
        break;
    }
    return "absent";
}

static void add_string(JsonBuilder *builder, const char *name, const char *value)
{
    json_builder_set_member_name(builder, name);
    json_builder_add_string_value(builder, value);
}

static void add_int(JsonBuilder *builder, const char *name, gint64 value)
{
    json_builder_set_member_name(builder, name);
    json_builder_add_int_value(builder, value);
}

/* {"text": TEXT} under @name. */
static void add_message(JsonBuilder *builder, const char *name, const char *text)
{
    json_builder_set_member_name(builder, name);
    json_builder_begin_object(builder);
    add_string(builder, "text", text);
    json_builder_end_object(builder);
}

static void add_driver(JsonBuilder *builder)
{
    json_builder_set_member_name(builder, "driver");
    json_builder_begin_object(builder);
    add_string(builder, "name", "circa");
#ifdef CIRCA_INFORMATION_URI
    add_string(builder, "informationUri", CIRCA_INFORMATION_URI);
#endif
    add_string(builder, "semanticVersion", CIRCA_VERSION);
    json_builder_set_member_name(builder, "rules");
    json_builder_begin_array(builder);
    for (guint r = 0; r < N_RULES; r++) {
        json_builder_begin_object(builder);
        add_string(builder, "id", rules[r].id);
        add_string(builder, "name", rules[r].name);
        add_message(builder, "shortDescription", rules[r].short_text);
        add_message(builder, "fullDescription", rules[r].full_text);
        add_message(builder, "help", rules[r].help);
        json_builder_set_member_name(builder, "defaultConfiguration");
        json_builder_begin_object(builder);
        add_string(builder, "level", rules[r].level);
        json_builder_end_object(builder);
        json_builder_end_object(builder);
    }
    json_builder_end_array(builder);
    json_builder_end_object(builder);
}

/* A location at a deal's line. circa knows the line a record starts on, not its length, so the
 * region is the line's first character: GitHub marks the line, and the PR check shows the result
 * when that line is one the pull request added or changed. */
static void add_location(JsonBuilder *builder, const CircaDiff *diff,
                         const CircaDiffWriteOptions *options, const CircaDealSet *side,
                         const CircaDeal *deal, gint id, const char *message)
{
    g_autofree char *path = circa_diff_repository_path(diff, side, deal->file, options);
    /* A URI reference: "deals, 2025 #1.csv" would end at its '#' and "pr: x.csv" start with a
     * scheme, so everything but the path's slashes and unreserved characters is escaped. */
    g_autofree char *uri = g_uri_escape_string(path, "/", FALSE);
    json_builder_begin_object(builder);
    if (id >= 0) {
        add_int(builder, "id", id);
    }
    json_builder_set_member_name(builder, "physicalLocation");
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "artifactLocation");
    json_builder_begin_object(builder);
    add_string(builder, "uri", uri);
    add_string(builder, "uriBaseId", "%SRCROOT%");
    json_builder_end_object(builder);
    json_builder_set_member_name(builder, "region");
    json_builder_begin_object(builder);
    add_int(builder, "startLine", deal->line);
    add_int(builder, "startColumn", 1);
    add_int(builder, "endLine", deal->line);
    add_int(builder, "endColumn", 2);
    json_builder_end_object(builder);
    json_builder_end_object(builder);
    add_message(builder, "message", message);
    json_builder_end_object(builder);
}

/* "x: A → B, $1.0B equity, signed" for a related location. */
static char *deal_message(const CircaDealSet *side, const CircaDeal *deal)
{
    char amount[16];
    return g_strdup_printf("%s: %s → %s, %s %s, %s", deal->id,
                           circa_deal_set_entity(side, deal->payer)->name,
                           circa_deal_set_entity(side, deal->payee)->name,
                           circa_amount_format(deal->amount_usd, amount),
                           circa_kind_to_string(deal->kind), circa_status_to_string(deal->status));
}

static char *result_message(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                            const CircaLoopChange *loop)
{
    GString *text = g_string_new(NULL);
    switch (loop->kind) {
    case CIRCA_LOOP_NEW:
        g_string_append(text, "New round trip ");
        break;
    case CIRCA_LOOP_KNOWN:
        g_string_append(text, "New round trip, accepted in the baseline: ");
        break;
    case CIRCA_LOOP_CHANGED:
        g_string_append(text, "Round trip changed: ");
        break;
    case CIRCA_LOOP_BROKEN:
        g_string_append(text, "Round trip broken: ");
        break;
    }
    circa_i_diff_append_loop_summary(text, diff, loop);
    if (loop->kind == CIRCA_LOOP_CHANGED) {
        g_string_append(text, "; ");
        circa_i_append_loop_change(text, loop);
    }
    g_string_append(text, ". ");
    if (loop->n_because > 0) {
        gsize start = text->len;
        circa_i_diff_append_because(text, diff, loop, options, 20);
        text->str[start] = g_ascii_toupper(text->str[start]);
        g_string_append(text, ".");
    } else {
        g_string_append(text, "No deal on it changed: the entity table or the search bounds "
                              "explain it.");
    }
    return g_string_free(text, FALSE);
}

static void add_result(JsonBuilder *builder, const CircaDiff *diff,
                       const CircaDiffWriteOptions *options, const CircaLoopChange *loop)
{
    Rule rule = rule_of(loop->kind);
    const CircaDealSet *anchor_side;
    const CircaDeal *anchor = circa_i_diff_loop_anchor(diff, loop, &anchor_side);
    CircaDiffLoopSide where = circa_i_diff_loop_side(diff, loop);
    const CircaCycle *cycle = where.cycle;

    json_builder_begin_object(builder);
    add_string(builder, "ruleId", rules[rule].id);
    add_int(builder, "ruleIndex", rule);
    add_string(builder, "level", loop->kind == CIRCA_LOOP_KNOWN ? "warning" : rules[rule].level);
    g_autofree char *message = result_message(diff, options, loop);
    add_message(builder, "message", message);

    json_builder_set_member_name(builder, "locations");
    json_builder_begin_array(builder);
    g_autofree char *anchor_text = deal_message(anchor_side, anchor);
    add_location(builder, diff, options, anchor_side, anchor, -1, anchor_text);
    json_builder_end_array(builder);

    /* The loop's other deals, on its side; the anchor is named by id, as a changed deal's anchor
     * may be its head record while a broken loop's deals are in base. */
    g_autoptr(GArray) deals = circa_i_diff_loop_deals(diff, loop);
    guint n_related = 0;
    for (guint i = 0; i < deals->len && n_related < MAX_RELATED; i++) {
        const CircaDealSet *side = where.side;
        const CircaDeal *deal = circa_deal_set_deal(side, g_array_index(deals, guint, i));
        if (side == diff->base) {
            /* A broken loop's deals, at their lines of head; a removed one has none (the
             * message names it). */
            deal = circa_diff_head_deal(diff, deal->id);
            side = diff->head;
            if (deal == NULL) {
                continue;
            }
        }
        if (g_strcmp0(deal->id, anchor->id) == 0) {
            continue;
        }
        if (n_related == 0) {
            json_builder_set_member_name(builder, "relatedLocations");
            json_builder_begin_array(builder);
        }
        g_autofree char *text = deal_message(side, deal);
        add_location(builder, diff, options, side, deal, (gint) n_related, text);
        n_related++;
    }
    if (n_related > 0) {
        json_builder_end_array(builder);
    }

    /* The key names the loop in every run, whatever lines its deals move to. */
    g_autofree char *fingerprint = circa_i_diff_hash(loop->key, 32);
    json_builder_set_member_name(builder, "partialFingerprints");
    json_builder_begin_object(builder);
    add_string(builder, "circaLoopKey/v1", fingerprint);
    json_builder_end_object(builder);
    add_string(builder, "baselineState", baseline_state(loop->kind));
    if (loop->kind == CIRCA_LOOP_KNOWN) {
        json_builder_set_member_name(builder, "suppressions");
        json_builder_begin_array(builder);
        json_builder_begin_object(builder);
        add_string(builder, "kind", "external");
        add_string(builder, "justification",
                   loop->reason != NULL && loop->reason[0] != '\0' ? loop->reason
                                                                   : "accepted in the baseline");
        json_builder_end_object(builder);
        json_builder_end_array(builder);
    }

    json_builder_set_member_name(builder, "properties");
    json_builder_begin_object(builder);
    add_string(builder, "key", loop->key);
    add_string(builder, "change", circa_loop_change_kind_to_string(loop->kind));
    add_int(builder, "hops", cycle->length);
    json_builder_set_member_name(builder, "bottleneck_usd");
    circa_i_json_add_amount(builder, cycle->bottleneck_usd);
    add_string(builder, "certainty", circa_status_to_string(cycle->certainty));
    json_builder_end_object(builder);
    json_builder_end_object(builder);
}

/* Why a run may not say everything: a search cut short, results over GitHub's limit. */
static void add_invocation(JsonBuilder *builder, const CircaDiff *diff,
                           const CircaDiffWriteOptions *options, guint n_left_out)
{
    json_builder_set_member_name(builder, "invocations");
    json_builder_begin_array(builder);
    json_builder_begin_object(builder);
    if (options->command != NULL) {
        add_string(builder, "commandLine", options->command);
    }
    json_builder_set_member_name(builder, "executionSuccessful");
    json_builder_add_boolean_value(builder, TRUE);
    g_autofree char *search = circa_i_diff_search_note(diff, options);
    if (search != NULL || n_left_out > 0) {
        json_builder_set_member_name(builder, "toolExecutionNotifications");
        json_builder_begin_array(builder);
        if (search != NULL) {
            json_builder_begin_object(builder);
            add_string(builder, "level", "warning");
            add_message(builder, "message", search);
            json_builder_end_object(builder);
        }
        if (n_left_out > 0) {
            g_autofree char *text = g_strdup_printf(
                "%u more loop changes are not reported: GitHub takes at most %u results per "
                "run. `circa diff --format json` lists them all.",
                n_left_out, MAX_RESULTS);
            json_builder_begin_object(builder);
            add_string(builder, "level", "warning");
            add_message(builder, "message", text);
            json_builder_end_object(builder);
        }
        json_builder_end_array(builder);
    }
    json_builder_end_object(builder);
    json_builder_end_array(builder);
}

void circa_i_diff_write_sarif(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                              GString *out)
{
    g_autoptr(JsonBuilder) builder = json_builder_new();
    json_builder_begin_object(builder);
    add_string(builder, "$schema", SARIF_SCHEMA);
    add_string(builder, "version", "2.1.0");
    json_builder_set_member_name(builder, "runs");
    json_builder_begin_array(builder);
    json_builder_begin_object(builder);

    json_builder_set_member_name(builder, "tool");
    json_builder_begin_object(builder);
    add_driver(builder);
    json_builder_end_object(builder);

    /* Loops come new first, then known, changed and broken, each largest first: the cap keeps
     * what matters most. */
    guint n_results = MIN(diff->loops->len, MAX_RESULTS);
    add_invocation(builder, diff, options, diff->loops->len - n_results);
    json_builder_set_member_name(builder, "results");
    json_builder_begin_array(builder);
    for (guint i = 0; i < n_results; i++) {
        add_result(builder, diff, options, circa_diff_loop(diff, i));
    }
    json_builder_end_array(builder);
    add_string(builder, "columnKind", "utf16CodeUnits");

    json_builder_end_object(builder);
    json_builder_end_array(builder);
    json_builder_end_object(builder);
    g_autofree char *text = circa_i_json_to_string(builder);
    g_string_append(out, text);
}
