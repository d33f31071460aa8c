/* SPDX-License-Identifier: MIT */
/* circa check: validate deal files and say how much was read. */

#include "cli.h"

int circa_cmd_check(int argc, char **argv)
{
    g_auto(CircaInputOptions) input = CIRCA_INPUT_OPTIONS_INIT;
    g_auto(GStrv) paths = NULL;
    const GOptionEntry entries[] = {
        {G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, NULL},
        G_OPTION_ENTRY_NULL,
    };
    if (!circa_cli_parse(&circa_commands[0], entries, NULL, &input, &argc, &argv)) {
        return CIRCA_EXIT_ERROR;
    }
    guint n_warnings = 0;
    g_autoptr(CircaDealSet) set = circa_cli_load(paths, &input, &n_warnings);
    if (set == NULL) {
        return CIRCA_EXIT_ERROR;
    }
    guint n_files = set->files->len;
    g_autoptr(GString) summary = g_string_new(NULL);
    g_string_append_printf(summary, "%u deal%s, %u entit%s from %u deal file%s", set->deals->len,
                           set->deals->len == 1 ? "" : "s", set->entities->len,
                           set->entities->len == 1 ? "y" : "ies", n_files, n_files == 1 ? "" : "s");
    /* Which entity tables named the entities, or that none did. */
    for (guint i = 0; i < set->entity_files->len; i++) {
        g_autofree char *shown = circa_printable(g_ptr_array_index(set->entity_files, i));
        g_string_append_printf(summary, "%s%s", i == 0 ? " (entities: " : ", ", shown);
    }
    g_string_append(summary, set->entity_files->len > 0 ? "): OK" : ", no entity table: OK");
    if (n_warnings == 1) {
        g_string_append(summary, " (1 warning)");
    } else if (n_warnings > 1) {
        g_string_append_printf(summary, " (%u warnings)", n_warnings);
    }
    g_string_append_c(summary, '\n');
    return circa_cli_write_stdout(summary->str, summary->len) ? CIRCA_EXIT_OK : CIRCA_EXIT_ERROR;
}
