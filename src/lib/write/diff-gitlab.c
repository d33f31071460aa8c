/* SPDX-License-Identifier: MIT */
/* A diff as a GitLab Code Quality report (the Code Climate subset GitLab reads): a JSON array
 * with a finding per new, changed and broken loop, so a merge request shows what it introduced. */

#include "write/diff-writers-private.h"
#include "write/json-private.h"

/* The most characters of a description: the merge-request widget shows one line of it. */
#define DESCRIPTION_CHARS 4000

static void add_string(JsonBuilder *builder, const char *name, const char *value)
{
    json_builder_set_member_name(builder, name);
    json_builder_add_string_value(builder, value);
}

static void add_finding(JsonBuilder *builder, const CircaDiff *diff,
                        const CircaDiffWriteOptions *options, const CircaLoopChange *loop)
{
    const char *check, *severity, *what;
    switch (loop->kind) {
    case CIRCA_LOOP_CHANGED:
        check = "circa/changed-round-trip";
        severity = "minor";
        what = "Round trip changed: ";
        break;
    default:
        check = "circa/new-round-trip";
        severity = "major";
        what = "New round trip ";
        break;
    }
    g_autoptr(GString) description = g_string_new(what);
    circa_i_diff_append_loop_summary(description, diff, loop);
    if (loop->kind == CIRCA_LOOP_CHANGED) {
        g_string_append(description, "; ");
        circa_i_append_loop_change(description, loop);
    }
    if (loop->n_because > 0) {
        g_string_append(description, "; ");
        circa_i_diff_append_because(description, diff, loop, options, 10);
    }
    circa_i_cap_chars(description, 0, DESCRIPTION_CHARS);

    /* GitLab matches findings across the target branch and the merge request by fingerprint and
     * merges equal ones: the key alone names the loop, and the kind of change keeps a loop that
     * breaks apart from the same loop when it was new. */
    g_autofree char *identity =
        g_strconcat(circa_loop_change_kind_to_string(loop->kind), "\n", loop->key, NULL);
    g_autofree char *fingerprint = circa_i_diff_hash(identity, 64);

    const CircaDealSet *side;
    const CircaDeal *anchor = circa_i_diff_loop_anchor(diff, loop, &side);
    g_autofree char *path = circa_diff_repository_path(diff, side, anchor->file, options);

    json_builder_begin_object(builder);
    add_string(builder, "description", description->str);
    add_string(builder, "check_name", check);
    add_string(builder, "fingerprint", fingerprint);
    add_string(builder, "severity", severity);
    json_builder_set_member_name(builder, "location");
    json_builder_begin_object(builder);
    add_string(builder, "path", path);
    json_builder_set_member_name(builder, "lines");
    json_builder_begin_object(builder);
    json_builder_set_member_name(builder, "begin");
    json_builder_add_int_value(builder, anchor->line);
    json_builder_end_object(builder);
    json_builder_end_object(builder);
    json_builder_end_object(builder);
}

/* Findings are what the merge request introduces: new and changed loops. Known loops are left
 * out (a team accepted them, and GitLab cannot suppress a finding), and so are broken ones: a
 * loop that is gone is not an issue, and the widget would list it as introduced. The report is
 * UTF-8 without a BOM, as GitLab requires. */
void circa_i_diff_write_gitlab(const CircaDiff *diff, const CircaDiffWriteOptions *options,
                               GString *out)
{
    g_autoptr(JsonBuilder) builder = json_builder_new();
    json_builder_begin_array(builder);
    for (guint i = 0; i < diff->loops->len; i++) {
        const CircaLoopChange *loop = circa_diff_loop(diff, i);
        if (loop->kind == CIRCA_LOOP_NEW || loop->kind == CIRCA_LOOP_CHANGED) {
            add_finding(builder, diff, options, loop);
        }
    }
    json_builder_end_array(builder);
    g_autofree char *text = circa_i_json_to_string(builder);
    g_string_append(out, text);
}
