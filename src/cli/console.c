/* SPDX-License-Identifier: MIT */
/* The CLI's contact with the terminal: option parsing, error lines and stdout. */

#include "cli.h"

#include <errno.h>
#include <string.h>

gboolean circa_cli_parse(const CircaCommand *command, const GOptionEntry *entries,
                         const GOptionEntry *const *more, CircaInputOptions *input, int *argc,
                         char ***argv)
{
    g_autoptr(GOptionContext) context = g_option_context_new(command->parameters);
    g_option_context_set_summary(context, command->summary);
    g_option_context_set_description(context, command->description);
    g_option_context_add_main_entries(context, entries, NULL);
    for (guint i = 0; more != NULL && more[i] != NULL; i++) {
        g_option_context_add_main_entries(context, more[i], NULL);
    }
    GOptionEntry input_entries[CIRCA_INPUT_N_ENTRIES];
    if (input != NULL) {
        circa_input_option_entries(input, input_entries);
        g_option_context_add_main_entries(context, input_entries, NULL);
    }
    g_autoptr(GError) error = NULL;
    if (!g_option_context_parse(context, argc, argv, &error)) {
        circa_cli_error("%s\nTry 'circa %s --help'.", error->message, command->name);
        return FALSE;
    }
    return TRUE;
}

void circa_cli_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_autofree char *message = g_strdup_vprintf(format, args);
    va_end(args);
    fflush(stdout);
    fprintf(stderr, "%s: %s\n", g_get_prgname(), message);
}

gboolean circa_cli_write_stdout(const char *text, gsize length)
{
    if (fwrite(text, 1, length, stdout) != length || fflush(stdout) != 0) {
        int saved = errno;
        circa_cli_error("cannot write the output: %s", g_strerror(saved));
        return FALSE;
    }
    return TRUE;
}

gboolean circa_cli_check_count(const char *option, int value)
{
    if (value < 0) {
        circa_cli_error("%s: expected a count of 0 or more, found %d", option, value);
        return FALSE;
    }
    return TRUE;
}
