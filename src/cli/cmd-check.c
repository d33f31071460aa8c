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
    guint n_files = set->files->len + set->entity_files->len;
    g_autofree char *summary =
        g_strdup_printf("%u deal%s, %u entit%s from %u file%s: OK%s\n", set->deals->len,
                        set->deals->len == 1 ? "" : "s", set->entities->len,
                        set->entities->len == 1 ? "y" : "ies", n_files, n_files == 1 ? "" : "s",
                        n_warnings == 0   ? ""
                        : n_warnings == 1 ? " (1 warning)"
                                          : " (with warnings)");
    if (n_warnings > 1) {
        g_free(summary);
        summary = g_strdup_printf("%u deal%s, %u entit%s from %u file%s: OK (%u warnings)\n",
                                  set->deals->len, set->deals->len == 1 ? "" : "s",
                                  set->entities->len, set->entities->len == 1 ? "y" : "ies",
                                  n_files, n_files == 1 ? "" : "s", n_warnings);
    }
    return circa_cli_write_stdout(summary, strlen(summary)) ? CIRCA_EXIT_OK : CIRCA_EXIT_ERROR;
}
