/* SPDX-License-Identifier: MIT */
/* Deal value types: amounts, dates, kinds and statuses. */

#include <circa.h>
#include <string.h>

/* ---- amounts ---- */

/* Parses @text, which must succeed with @expected whole dollars and the given rounding flag. */
static void expect_amount(const char *text, gint64 expected, gboolean expected_rounded)
{
    g_autoptr(GError) error = NULL;
    gint64 amount = 12345;
    gboolean rounded = !expected_rounded; /* must be overwritten either way */
    gboolean ok = circa_amount_parse(text, &amount, &rounded, &error);
    if (!ok || amount != expected || rounded != expected_rounded) {
        g_test_message("amount \"%s\"", text); /* name the failing input */
    }
    g_assert_true(ok);
    g_assert_no_error(error);
    g_assert_cmpint(amount, ==, expected);
    g_assert_cmpint(rounded, ==, expected_rounded);
}

/* Parsing @text must fail with a CIRCA_ERROR_INPUT error that quotes @text. */
static void expect_amount_error(const char *text)
{
    g_autoptr(GError) error = NULL;
    gint64 amount = 0;
    gboolean ok = circa_amount_parse(text, &amount, NULL, &error);
    g_autofree char *found = g_strdup_printf("(found \"%s\")", text);
    if (ok || error == NULL || strstr(error->message, found) == NULL) {
        g_test_message("amount \"%s\" gave %" G_GINT64_FORMAT ", message: %s", text, amount,
                       error ? error->message : "(none)");
    }
    g_assert_false(ok);
    g_assert_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT);
    g_assert_nonnull(strstr(error->message, found));

    /* A NULL error is allowed and the result is the same. */
    g_assert_false(circa_amount_parse(text, &amount, NULL, NULL));
}

static void test_amount_suffixes(void)
{
    gint64 amount;
    g_assert_true(circa_amount_parse("$10B", &amount, NULL, NULL));
    g_assert_cmpint(amount, ==, G_GINT64_CONSTANT(10000000000));
    g_assert_true(circa_amount_parse("2.5k", &amount, NULL, NULL));
    g_assert_cmpint(amount, ==, 2500);
}

static void test_amount_plain(void)
{
    expect_amount("0", 0, FALSE);
    expect_amount("7", 7, FALSE);
    expect_amount("950", 950, FALSE);
    expect_amount("10000000000", G_GINT64_CONSTANT(10000000000), FALSE);
    expect_amount("007", 7, FALSE); /* leading zeros are harmless */
    expect_amount("+5M", 5000000, FALSE);
    expect_amount("$950", 950, FALSE);
}

static void test_amount_exponent(void)
{
    expect_amount("10e9", G_GINT64_CONSTANT(10000000000), FALSE);
    expect_amount("10E9", G_GINT64_CONSTANT(10000000000), FALSE);
    expect_amount("1.5e3", 1500, FALSE);
    expect_amount("2e+3", 2000, FALSE);
    expect_amount("25e-1", 3, TRUE); /* 2.5, rounded half up */
    expect_amount("1e0", 1, FALSE);
}

/* k, M, B and T in either case; "m" is a million, never a thousandth. */
static void test_amount_suffix_cases(void)
{
    expect_amount("$10B", G_GINT64_CONSTANT(10000000000), FALSE);
    expect_amount("10b", G_GINT64_CONSTANT(10000000000), FALSE);
    expect_amount("350M", 350000000, FALSE);
    expect_amount("350m", 350000000, FALSE);
    expect_amount("1.4T", G_GINT64_CONSTANT(1400000000000), FALSE);
    expect_amount("1.4t", G_GINT64_CONSTANT(1400000000000), FALSE);
    expect_amount("2.5k", 2500, FALSE);
    expect_amount("2.5K", 2500, FALSE);
    expect_amount("$6.6B", G_GINT64_CONSTANT(6600000000), FALSE);
    expect_amount("0.35B", 350000000, FALSE);
}

static void test_amount_grouped(void)
{
    expect_amount("1,000,000", 1000000, FALSE);
    expect_amount("12,345", 12345, FALSE);
    expect_amount("$1,000", 1000, FALSE);
    expect_amount("100,000.5", 100001, TRUE);
    expect_amount("10,000,000,000", G_GINT64_CONSTANT(10000000000), FALSE);
}

static void test_amount_empty(void)
{
    gint64 amount = 0;
    gboolean rounded = TRUE;
    g_autoptr(GError) error = NULL;
    g_assert_true(circa_amount_parse("", &amount, &rounded, &error));
    g_assert_no_error(error);
    g_assert_cmpint(amount, ==, CIRCA_AMOUNT_UNKNOWN);
    g_assert_false(rounded);
}

static void test_amount_negative(void)
{
    expect_amount_error("-5M");
    expect_amount_error("$-5M");
    expect_amount_error("-0");
    expect_amount_error("-1e9");
}

static void test_amount_malformed(void)
{
    expect_amount_error("abc");
    expect_amount_error("12,5");     /* a group of one digit */
    expect_amount_error("1,00,000"); /* Indian grouping */
    expect_amount_error("1000,000"); /* a first group of four */
    expect_amount_error(",000");
    expect_amount_error("1,000,");
    expect_amount_error("10BB");
    expect_amount_error("10 B");
    expect_amount_error(" 10B");
    expect_amount_error("10B ");
    expect_amount_error("e9");
    expect_amount_error("1e");
    expect_amount_error("1e+");
    expect_amount_error("$");
    expect_amount_error(".");
    expect_amount_error("$.");
    expect_amount_error("1.2.3");
    expect_amount_error("10X");
    expect_amount_error("10$");
    expect_amount_error("USD 10");
    expect_amount_error("0x10");
}

/* The limit is 10^15 dollars, inclusive. */
static void test_amount_range(void)
{
    expect_amount("1e15", G_GINT64_CONSTANT(1000000000000000), FALSE);
    expect_amount("1000T", G_GINT64_CONSTANT(1000000000000000), FALSE);
    expect_amount("1000000000000000", G_GINT64_CONSTANT(1000000000000000), FALSE);
    expect_amount_error("2e15");
    expect_amount_error("1001T");
    expect_amount_error("1000000000000001");
    expect_amount_error("1.000000000000001e15");
    expect_amount_error("1000000000000000.6"); /* rounds to 10^15 + 1 */
    expect_amount_error("99999999999999999999999999");
    expect_amount_error("1e999999999");
    expect_amount_error("9223372036854775807");
    expect_amount_error("18446744073709551617");
}

/* Fractions of a dollar are rounded half up, and the caller learns it. */
static void test_amount_rounding(void)
{
    expect_amount("0.5", 1, TRUE);
    expect_amount("0.49", 0, TRUE);
    expect_amount("1.4", 1, TRUE);
    expect_amount("1.5", 2, TRUE);
    expect_amount("2.5", 3, TRUE); /* half up, not to even */
    expect_amount("0.05", 0, TRUE);
    expect_amount("1e-30", 0, TRUE);
    expect_amount("2.5k", 2500, FALSE);
    expect_amount("1.50", 2, TRUE);
    expect_amount("3.0", 3, FALSE);
    expect_amount("0.0", 0, FALSE);

    /* rounded may be NULL. */
    gint64 amount = 0;
    g_assert_true(circa_amount_parse("0.5", &amount, NULL, NULL));
    g_assert_cmpint(amount, ==, 1);
}

static void test_amount_many_digits(void)
{
    expect_amount("123456789012345", G_GINT64_CONSTANT(123456789012345), FALSE);
    expect_amount("999999999999999", G_GINT64_CONSTANT(999999999999999), FALSE);
    expect_amount("123,456,789,012,345", G_GINT64_CONSTANT(123456789012345), FALSE);
    expect_amount("1234567890.12345", G_GINT64_CONSTANT(1234567890), TRUE);
    expect_amount("0.000000000000000000000001e24", 1, FALSE);
}

static void expect_format(gint64 amount, const char *expected)
{
    char buffer[16];
    memset(buffer, 'X', sizeof buffer);
    g_assert_cmpstr(circa_amount_format(amount, buffer), ==, expected);
}

static void test_amount_format(void)
{
    expect_format(G_GINT64_CONSTANT(10000000000), "$10.0B");
    expect_format(350000000, "$350.0M");
    expect_format(2500, "$2.5k");
    expect_format(950, "$950");
    expect_format(0, "$0");
    expect_format(999, "$999");
    expect_format(1000, "$1.0k");
    expect_format(CIRCA_AMOUNT_UNKNOWN, "undisclosed");
    expect_format(G_GINT64_CONSTANT(1400000000000), "$1.4T");
    expect_format(G_GINT64_CONSTANT(6600000000), "$6.6B");
    expect_format(G_GINT64_CONSTANT(1000000000000000), "$1000.0T"); /* the largest amount */
}

/* Rounding to tenths can carry into the next unit: 999.96M is $1.0B, not $1000.0M. */
static void test_amount_format_carry(void)
{
    expect_format(999960000, "$1.0B");
    expect_format(999950000, "$1.0B");
    expect_format(999940000, "$999.9M");
    expect_format(999999, "$1.0M");
    expect_format(G_GINT64_CONSTANT(999960000000), "$1.0T");
    expect_format(1050, "$1.1k"); /* half up */
}

/* What the formatter writes, the parser reads back to the rounded value. */
static void test_amount_format_round_trip(void)
{
    static const gint64 amounts[] = {
        0,
        1,
        950,
        2500,
        350000000,
        G_GINT64_CONSTANT(10000000000),
        G_GINT64_CONSTANT(1400000000000),
        G_GINT64_CONSTANT(1000000000000000),
    };
    for (guint i = 0; i < G_N_ELEMENTS(amounts); i++) {
        char buffer[16];
        gint64 back = -2;
        circa_amount_format(amounts[i], buffer);
        g_assert_true(circa_amount_parse(buffer, &back, NULL, NULL));
        g_assert_cmpint(back, ==, amounts[i]);
    }
}

/* ---- dates ---- */

static CircaDate parse_date(const char *text)
{
    CircaDate date;
    g_autoptr(GError) error = NULL;
    gboolean ok = circa_date_parse(text, &date, &error);
    if (!ok) {
        g_test_message("date \"%s\": %s", text, error->message);
    }
    g_assert_true(ok);
    g_assert_no_error(error);
    return date;
}

static void expect_date_error(const char *text)
{
    CircaDate date;
    g_autoptr(GError) error = NULL;
    gboolean ok = circa_date_parse(text, &date, &error);
    g_autofree char *found = g_strdup_printf("(found \"%s\")", text);
    if (ok || error == NULL || strstr(error->message, found) == NULL) {
        g_test_message("date \"%s\": %s", text, error ? error->message : "accepted");
    }
    g_assert_false(ok);
    g_assert_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT);
    g_assert_nonnull(strstr(error->message, found));
    g_assert_false(circa_date_parse(text, &date, NULL));
}

static void test_date_precision(void)
{
    CircaDate date;
    char text[11];
    g_assert_true(circa_date_parse("2025-09", &date, NULL));
    g_assert_cmpint(date.precision, ==, CIRCA_DATE_MONTH);
    g_assert_cmpstr(circa_date_format(date, text), ==, "2025-09");
}

static void test_date_parts(void)
{
    CircaDate year = parse_date("2025");
    g_assert_cmpint(year.precision, ==, CIRCA_DATE_YEAR);
    g_assert_cmpuint(year.year, ==, 2025);
    g_assert_cmpuint(year.month, ==, 0);
    g_assert_cmpuint(year.day, ==, 0);

    CircaDate month = parse_date("2025-09");
    g_assert_cmpint(month.precision, ==, CIRCA_DATE_MONTH);
    g_assert_cmpuint(month.year, ==, 2025);
    g_assert_cmpuint(month.month, ==, 9);
    g_assert_cmpuint(month.day, ==, 0);

    CircaDate day = parse_date("2025-09-22");
    g_assert_cmpint(day.precision, ==, CIRCA_DATE_DAY);
    g_assert_cmpuint(day.year, ==, 2025);
    g_assert_cmpuint(day.month, ==, 9);
    g_assert_cmpuint(day.day, ==, 22);
}

/* Each date is written back exactly as it was given. */
static void test_date_format_round_trip(void)
{
    static const char *const dates[] = {
        "2025", "2025-09", "2025-09-22", "1000", "9999-12-31", "2024-02-29", "2000-01-01", "",
    };
    for (guint i = 0; i < G_N_ELEMENTS(dates); i++) {
        char text[11];
        CircaDate date = parse_date(dates[i]);
        g_assert_cmpstr(circa_date_format(date, text), ==, dates[i]);
    }
}

static void test_date_empty(void)
{
    CircaDate date = {.year = 1, .month = 1, .day = 1, .precision = CIRCA_DATE_DAY};
    char text[11];
    g_assert_true(circa_date_parse("", &date, NULL));
    g_assert_cmpint(date.precision, ==, CIRCA_DATE_NONE);
    g_assert_cmpuint(date.year, ==, 0);
    g_assert_cmpstr(circa_date_format(date, text), ==, "");
}

/* Dates that are shaped right but do not exist in the calendar. */
static void test_date_impossible(void)
{
    expect_date_error("2025-02-30");
    expect_date_error("2023-02-29"); /* not a leap year */
    expect_date_error("1900-02-29"); /* divisible by 100, not by 400 */
    expect_date_error("2025-04-31");
    expect_date_error("2025-13");
    expect_date_error("2025-00");
    expect_date_error("2025-09-00");
    expect_date_error("2025-09-32");
    expect_date_error("2025-13-01");
    expect_date_error("0999");
    expect_date_error("0000");

    g_assert_cmpuint(parse_date("2024-02-29").day, ==, 29);
    g_assert_cmpuint(parse_date("2000-02-29").day, ==, 29); /* divisible by 400 */
}

/* Anything but YYYY, YYYY-MM or YYYY-MM-DD. The loader trims cells before parsing, so the
 * parser itself rejects surrounding spaces rather than guessing. */
static void test_date_malformed(void)
{
    expect_date_error("25-09");
    expect_date_error("2025/09/01");
    expect_date_error("2025-9-1");
    expect_date_error("2025-9");
    expect_date_error("2025-09-1");
    expect_date_error("2025-09-22T10:00");
    expect_date_error(" 2025");
    expect_date_error("2025 ");
    expect_date_error("10000");
    expect_date_error("20250922");
    expect_date_error("2025-");
    expect_date_error("2025-09-");
    expect_date_error("Sept");
    expect_date_error("-2025");
    expect_date_error("+202");
    expect_date_error("2025-0a");
    expect_date_error("２０２５"); /* full-width digits */
}

static CircaDate date_none(void)
{
    CircaDate none = {0};
    none.precision = CIRCA_DATE_NONE;
    return none;
}

/* compare(a, b) and compare(b, a) agree: @a sorts strictly first. */
static void expect_before(CircaDate a, CircaDate b)
{
    g_assert_cmpint(circa_date_compare(a, b), <, 0);
    g_assert_cmpint(circa_date_compare(b, a), >, 0);
}

static void test_date_compare(void)
{
    CircaDate none = date_none();
    CircaDate y2025 = parse_date("2025");
    CircaDate m2025_01 = parse_date("2025-01");
    CircaDate d2025_01_01 = parse_date("2025-01-01");
    CircaDate m2025_06 = parse_date("2025-06");
    CircaDate d2025_06_15 = parse_date("2025-06-15");
    CircaDate d2024_12_31 = parse_date("2024-12-31");

    /* Same first day: the coarser date comes first. */
    expect_before(y2025, m2025_01);
    expect_before(y2025, d2025_01_01);
    expect_before(m2025_01, d2025_01_01);
    /* Otherwise the first day decides. */
    expect_before(d2024_12_31, y2025);
    expect_before(d2025_01_01, m2025_06);
    expect_before(y2025, d2025_06_15);
    expect_before(m2025_06, d2025_06_15);
    expect_before(d2025_06_15, parse_date("2025-07"));
    expect_before(parse_date("2024"), d2024_12_31);
    expect_before(d2024_12_31, parse_date("2025-01-02"));
    /* A missing date sorts before every real one. */
    expect_before(none, parse_date("1000-01-01"));
    expect_before(none, y2025);

    g_assert_cmpint(circa_date_compare(none, none), ==, 0);
    g_assert_cmpint(circa_date_compare(y2025, parse_date("2025")), ==, 0);
    g_assert_cmpint(circa_date_compare(d2025_06_15, parse_date("2025-06-15")), ==, 0);
}

/* Days since 0001-01-01 counted from 1, as GDate and Python's date.toordinal() count them. */
static void test_date_days(void)
{
    CircaDate y2024 = parse_date("2024");
    g_assert_cmpuint(circa_date_first_day(y2024), ==, 738886); /* 2024-01-01 */
    g_assert_cmpuint(circa_date_last_day(y2024), ==, 739251);  /* 2024-12-31 */
    /* A leap year: 366 days, first and last included. */
    g_assert_cmpuint(circa_date_last_day(y2024) - circa_date_first_day(y2024) + 1, ==, 366);
    CircaDate y2025 = parse_date("2025");
    g_assert_cmpuint(circa_date_last_day(y2025) - circa_date_first_day(y2025) + 1, ==, 365);
    g_assert_cmpuint(circa_date_first_day(y2025), ==, circa_date_last_day(y2024) + 1);

    CircaDate feb2024 = parse_date("2024-02");
    g_assert_cmpuint(circa_date_first_day(feb2024), ==, 738917); /* 2024-02-01 */
    g_assert_cmpuint(circa_date_last_day(feb2024), ==, 738945);  /* 2024-02-29 */
    g_assert_cmpuint(circa_date_last_day(feb2024), ==,
                     circa_date_first_day(parse_date("2024-02-29")));
    CircaDate feb2025 = parse_date("2025-02");
    g_assert_cmpuint(circa_date_last_day(feb2025) - circa_date_first_day(feb2025) + 1, ==, 28);
    CircaDate dec = parse_date("2025-12");
    g_assert_cmpuint(circa_date_last_day(dec) - circa_date_first_day(dec) + 1, ==, 31);

    CircaDate day = parse_date("2025-09-22");
    g_assert_cmpuint(circa_date_first_day(day), ==, 739516);
    g_assert_cmpuint(circa_date_last_day(day), ==, 739516);

    g_assert_cmpuint(circa_date_first_day(parse_date("1000")), ==, 364878);
    g_assert_cmpuint(circa_date_last_day(parse_date("9999")), ==, 3652059);
    g_assert_cmpuint(circa_date_first_day(parse_date("2000-01-01")), ==, 730120);
}

/* ---- kinds and statuses ---- */

/* NULL-terminated for g_strjoinv(). */
static const char *const kind_names[CIRCA_KIND_COUNT + 1] = {
    "equity", "loan", "warrant", "backstop", "secondary", "compute", "chips", "services",
};

static void test_kind_names(void)
{
    for (guint i = 0; i < CIRCA_KIND_COUNT; i++) {
        CircaKind kind = (CircaKind) 99;
        g_assert_cmpstr(circa_kind_to_string((CircaKind) i), ==, kind_names[i]);
        g_assert_true(circa_kind_from_string(kind_names[i], &kind));
        g_assert_cmpint(kind, ==, (CircaKind) i);
    }
    /* The list for messages names every kind, in order. */
    g_autofree char *joined = g_strjoinv(", ", (char **) kind_names);
    g_assert_cmpstr(circa_kind_list(), ==, joined);
}

static void test_kind_case_insensitive(void)
{
    static const struct {
        const char *text;
        CircaKind kind;
    } cases[] = {
        {"EQUITY", CIRCA_KIND_EQUITY},       {"Loan", CIRCA_KIND_LOAN},
        {"cOmPuTe", CIRCA_KIND_COMPUTE},     {"Chips", CIRCA_KIND_CHIPS},
        {"SECONDARY", CIRCA_KIND_SECONDARY}, {"Services", CIRCA_KIND_SERVICES},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        CircaKind kind = (CircaKind) 99;
        g_assert_true(circa_kind_from_string(cases[i].text, &kind));
        g_assert_cmpint(kind, ==, cases[i].kind);
    }
}

static void test_kind_unknown(void)
{
    static const char *const unknown[] = {
        "", "chip", "equities", "equity ", " loan", "investment", "compute,chips", "ÉQUITY",
    };
    for (guint i = 0; i < G_N_ELEMENTS(unknown); i++) {
        CircaKind kind = CIRCA_KIND_LOAN;
        gboolean found = circa_kind_from_string(unknown[i], &kind);
        if (found) {
            g_test_message("kind \"%s\" was accepted", unknown[i]);
        }
        g_assert_false(found);
    }
}

/* Financing moves money for a stake or a promise; purchases buy things. */
static void test_kind_financing(void)
{
    g_assert_true(circa_kind_is_financing(CIRCA_KIND_EQUITY));
    g_assert_true(circa_kind_is_financing(CIRCA_KIND_LOAN));
    g_assert_true(circa_kind_is_financing(CIRCA_KIND_WARRANT));
    g_assert_true(circa_kind_is_financing(CIRCA_KIND_BACKSTOP));
    g_assert_true(circa_kind_is_financing(CIRCA_KIND_SECONDARY));
    g_assert_false(circa_kind_is_financing(CIRCA_KIND_COMPUTE));
    g_assert_false(circa_kind_is_financing(CIRCA_KIND_CHIPS));
    g_assert_false(circa_kind_is_financing(CIRCA_KIND_SERVICES));
}

/* Only chips and compute send hardware back from payee to payer. */
static void test_kind_hardware_flow(void)
{
    g_assert_true(circa_kind_has_hardware_flow(CIRCA_KIND_CHIPS));
    g_assert_true(circa_kind_has_hardware_flow(CIRCA_KIND_COMPUTE));
    g_assert_false(circa_kind_has_hardware_flow(CIRCA_KIND_SERVICES));
    g_assert_false(circa_kind_has_hardware_flow(CIRCA_KIND_EQUITY));
    g_assert_false(circa_kind_has_hardware_flow(CIRCA_KIND_LOAN));
    g_assert_false(circa_kind_has_hardware_flow(CIRCA_KIND_WARRANT));
    g_assert_false(circa_kind_has_hardware_flow(CIRCA_KIND_BACKSTOP));
    g_assert_false(circa_kind_has_hardware_flow(CIRCA_KIND_SECONDARY));
}

static const char *const status_names[CIRCA_STATUS_COUNT + 1] = {
    "rumored",
    "announced",
    "signed",
    "closed",
};

static void test_status_names(void)
{
    for (guint i = 0; i < CIRCA_STATUS_COUNT; i++) {
        CircaStatus status = (CircaStatus) 99;
        g_assert_cmpstr(circa_status_to_string((CircaStatus) i), ==, status_names[i]);
        g_assert_true(circa_status_from_string(status_names[i], &status));
        g_assert_cmpint(status, ==, (CircaStatus) i);
    }
    g_autofree char *joined = g_strjoinv(", ", (char **) status_names);
    g_assert_cmpstr(circa_status_list(), ==, joined);
}

static void test_status_case_insensitive(void)
{
    CircaStatus status = CIRCA_STATUS_RUMORED;
    g_assert_true(circa_status_from_string("CLOSED", &status));
    g_assert_cmpint(status, ==, CIRCA_STATUS_CLOSED);
    g_assert_true(circa_status_from_string("Signed", &status));
    g_assert_cmpint(status, ==, CIRCA_STATUS_SIGNED);
    g_assert_true(circa_status_from_string("RuMoReD", &status));
    g_assert_cmpint(status, ==, CIRCA_STATUS_RUMORED);
    g_assert_true(circa_status_from_string("Announced", &status));
    g_assert_cmpint(status, ==, CIRCA_STATUS_ANNOUNCED);
}

static void test_status_unknown(void)
{
    static const char *const unknown[] = {"", "rumoured", "done", "open", "closed ", "sign"};
    for (guint i = 0; i < G_N_ELEMENTS(unknown); i++) {
        CircaStatus status = CIRCA_STATUS_SIGNED;
        gboolean found = circa_status_from_string(unknown[i], &status);
        if (found) {
            g_test_message("status \"%s\" was accepted", unknown[i]);
        }
        g_assert_false(found);
    }
}

/* rumored < announced < signed < closed, so "--status signed" can compare. */
static void test_status_order(void)
{
    CircaStatus parsed[CIRCA_STATUS_COUNT];
    for (guint i = 0; i < CIRCA_STATUS_COUNT; i++) {
        g_assert_true(circa_status_from_string(status_names[i], &parsed[i]));
    }
    g_assert_cmpint(parsed[0], <, parsed[1]);
    g_assert_cmpint(parsed[1], <, parsed[2]);
    g_assert_cmpint(parsed[2], <, parsed[3]);
    g_assert_cmpint(CIRCA_STATUS_RUMORED, <, CIRCA_STATUS_ANNOUNCED);
    g_assert_cmpint(CIRCA_STATUS_ANNOUNCED, <, CIRCA_STATUS_SIGNED);
    g_assert_cmpint(CIRCA_STATUS_SIGNED, <, CIRCA_STATUS_CLOSED);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/amount/suffixes", test_amount_suffixes);
    g_test_add_func("/amount/plain", test_amount_plain);
    g_test_add_func("/amount/exponent", test_amount_exponent);
    g_test_add_func("/amount/suffix-cases", test_amount_suffix_cases);
    g_test_add_func("/amount/grouped", test_amount_grouped);
    g_test_add_func("/amount/empty", test_amount_empty);
    g_test_add_func("/amount/negative", test_amount_negative);
    g_test_add_func("/amount/malformed", test_amount_malformed);
    g_test_add_func("/amount/range", test_amount_range);
    g_test_add_func("/amount/rounding", test_amount_rounding);
    g_test_add_func("/amount/many-digits", test_amount_many_digits);
    g_test_add_func("/amount/format", test_amount_format);
    g_test_add_func("/amount/format-carry", test_amount_format_carry);
    g_test_add_func("/amount/format-round-trip", test_amount_format_round_trip);
    g_test_add_func("/date/precision", test_date_precision);
    g_test_add_func("/date/parts", test_date_parts);
    g_test_add_func("/date/format-round-trip", test_date_format_round_trip);
    g_test_add_func("/date/empty", test_date_empty);
    g_test_add_func("/date/impossible", test_date_impossible);
    g_test_add_func("/date/malformed", test_date_malformed);
    g_test_add_func("/date/compare", test_date_compare);
    g_test_add_func("/date/days", test_date_days);
    g_test_add_func("/kind/names", test_kind_names);
    g_test_add_func("/kind/case-insensitive", test_kind_case_insensitive);
    g_test_add_func("/kind/unknown", test_kind_unknown);
    g_test_add_func("/kind/financing", test_kind_financing);
    g_test_add_func("/kind/hardware-flow", test_kind_hardware_flow);
    g_test_add_func("/status/names", test_status_names);
    g_test_add_func("/status/case-insensitive", test_status_case_insensitive);
    g_test_add_func("/status/unknown", test_status_unknown);
    g_test_add_func("/status/order", test_status_order);
    return g_test_run();
}
