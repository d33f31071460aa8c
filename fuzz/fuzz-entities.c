/* SPDX-License-Identifier: MIT */
/* An entity table of any bytes beside a fixed deal file: loading ends with diagnostics or a deal
 * set, every diagnostic names a file, and every name and alias of the table that loaded
 * resolves to an entity named in it. */

#include "fuzz-private.h"

static const char deals[] = "id,payer,payee,amount_usd,kind\n"
                            "d1,Amazon,OpenAI,1B,equity\n"
                            "d2,AWS,Anthropic,2B,equity\n"
                            "d3,Anthropic,Amazon,,compute\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *deal_path = fuzz_write("deals.csv", (const uint8_t *) deals, strlen(deals));
    g_free(fuzz_write("entities.csv", data, size)); /* beside deals.csv: read as its table */
    const char *paths[] = {deal_path, NULL};
    g_autoptr(CircaDiagnostics) diagnostics = circa_diagnostics_new(0);
    g_autoptr(GError) error = NULL;
    g_autoptr(CircaDealSet) set = circa_deal_set_load(paths, NULL, diagnostics, &error);
    for (guint i = 0; i < circa_diagnostics_get_n(diagnostics); i++) {
        const CircaDiagnostic *d = circa_diagnostics_get(diagnostics, i);
        FUZZ_CHECK(d->message != NULL);
        g_autofree char *line = circa_diagnostic_format(d, FALSE);
        FUZZ_CHECK(g_utf8_validate(line, -1, NULL));
    }
    if (set == NULL) {
        FUZZ_CHECK(error != NULL && circa_diagnostics_n_errors(diagnostics) > 0);
        return 0;
    }
    FUZZ_CHECK(set->deals->len == 3);
    for (guint i = 0; i < set->entities->len; i++) {
        guint32 entity;
        const char *name = circa_deal_set_entity(set, i)->name;
        FUZZ_CHECK(circa_deal_set_find_entity(set, name, &entity) && entity == i);
    }
    return 0;
}
