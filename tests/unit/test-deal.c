/* SPDX-License-Identifier: MIT */
/* Deal value types: amounts, dates, kinds and statuses. */

#include <circa.h>

static void test_amount_suffixes(void)
{
    gint64 amount;
    g_assert_true(circa_amount_parse("$10B", &amount, NULL, NULL));
    g_assert_cmpint(amount, ==, G_GINT64_CONSTANT(10000000000));
    g_assert_true(circa_amount_parse("2.5k", &amount, NULL, NULL));
    g_assert_cmpint(amount, ==, 2500);
}

static void test_date_precision(void)
{
    CircaDate date;
    char text[11];
    g_assert_true(circa_date_parse("2025-09", &date, NULL));
    g_assert_cmpint(date.precision, ==, CIRCA_DATE_MONTH);
    g_assert_cmpstr(circa_date_format(date, text), ==, "2025-09");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/amount/suffixes", test_amount_suffixes);
    g_test_add_func("/date/precision", test_date_precision);
    return g_test_run();
}
