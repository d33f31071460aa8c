/* SPDX-License-Identifier: MIT */
/* Amounts and dates on any text: a parse either fails with a message or gives a value that reads
 * back the same; amounts are never negative or above 10^15 dollars, dates are real days and
 * format to the text they came from (up to leading zeros). Every line of the input is one value,
 * tried as both. */

#include "fuzz-private.h"

static void check_amount(const char *text)
{
    gint64 amount = 0;
    gboolean rounded = FALSE;
    g_autoptr(GError) error = NULL;
    if (!circa_amount_parse(text, &amount, &rounded, &error)) {
        FUZZ_CHECK(error != NULL && error->message[0] != '\0');
        return;
    }
    FUZZ_CHECK(amount == CIRCA_AMOUNT_UNKNOWN || (amount >= 0 && amount <= 1000000000000000LL));
    if (amount >= 0) {
        /* The plain number reads back to itself. */
        char plain[32];
        g_snprintf(plain, sizeof plain, "%" G_GINT64_FORMAT, amount);
        gint64 again = -2;
        FUZZ_CHECK(circa_amount_parse(plain, &again, NULL, NULL) && again == amount);
        char shown[16];
        FUZZ_CHECK(circa_amount_format(amount, shown)[0] == '$');
    }
}

static void check_date(const char *text)
{
    CircaDate date;
    g_autoptr(GError) error = NULL;
    if (!circa_date_parse(text, &date, &error)) {
        FUZZ_CHECK(error != NULL && error->message[0] != '\0');
        return;
    }
    char shown[11];
    circa_date_format(date, shown);
    CircaDate again;
    FUZZ_CHECK(circa_date_parse(shown, &again, NULL));
    FUZZ_CHECK(circa_date_compare(date, again) == 0);
    if (date.precision != CIRCA_DATE_NONE) {
        FUZZ_CHECK(circa_date_first_day(date) <= circa_date_last_day(date));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *text = g_strndup((const char *) data, size);
    g_auto(GStrv) lines = g_strsplit(text, "\n", 64);
    for (guint i = 0; lines[i] != NULL; i++) {
        check_amount(lines[i]);
        check_date(lines[i]);
    }
    return 0;
}
