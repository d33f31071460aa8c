/* SPDX-License-Identifier: MIT */
/* Value types of a deal: kinds, statuses, partial dates and exact dollar amounts. */

#include "circa/deal.h"
#include "circa/error.h"
#include "read/hints-private.h"
#include "text-private.h"

#include <string.h>

static const char *const kind_names[CIRCA_KIND_COUNT] = {
    "equity", "loan", "warrant", "backstop", "secondary", "compute", "chips", "services",
};

static const char *const status_names[CIRCA_STATUS_COUNT] = {
    "rumored",
    "announced",
    "signed",
    "closed",
};

const char *circa_kind_to_string(CircaKind kind)
{
    g_return_val_if_fail((guint) kind < CIRCA_KIND_COUNT, "?");
    return kind_names[kind];
}

gboolean circa_kind_from_string(const char *text, CircaKind *kind)
{
    for (guint i = 0; i < CIRCA_KIND_COUNT; i++) {
        /* The first letter rules out most names before the full comparison. */
        if (g_ascii_tolower(text[0]) == kind_names[i][0] &&
            g_ascii_strcasecmp(text, kind_names[i]) == 0) {
            *kind = (CircaKind) i;
            return TRUE;
        }
    }
    return FALSE;
}

gboolean circa_kind_is_financing(CircaKind kind)
{
    return kind <= CIRCA_KIND_SECONDARY;
}

gboolean circa_kind_has_hardware_flow(CircaKind kind)
{
    return kind == CIRCA_KIND_CHIPS || kind == CIRCA_KIND_COMPUTE;
}

const char *circa_kind_list(void)
{
    return "equity, loan, warrant, backstop, secondary, compute, chips, services";
}

const char *circa_status_to_string(CircaStatus status)
{
    g_return_val_if_fail((guint) status < CIRCA_STATUS_COUNT, "?");
    return status_names[status];
}

gboolean circa_status_from_string(const char *text, CircaStatus *status)
{
    for (guint i = 0; i < CIRCA_STATUS_COUNT; i++) {
        if (g_ascii_tolower(text[0]) == status_names[i][0] &&
            g_ascii_strcasecmp(text, status_names[i]) == 0) {
            *status = (CircaStatus) i;
            return TRUE;
        }
    }
    return FALSE;
}

const char *circa_status_list(void)
{
    return "rumored, announced, signed, closed";
}

/* ---- dates ---- */

static gboolean G_GNUC_PRINTF(3, 4)
    fail_with_found(GError **error, const char *found, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_autofree char *what = g_strdup_vprintf(format, args);
    va_end(args);
    g_autoptr(GString) message = g_string_new(what);
    g_string_append(message, " (found ");
    circa_i_append_excerpt(message, found);
    g_string_append_c(message, ')');
    g_set_error_literal(error, CIRCA_ERROR, CIRCA_ERROR_INPUT, message->str);
    return FALSE;
}

/* Reads exactly @n decimal digits at @p. */
static gboolean read_digits(const char *p, int n, guint *value)
{
    guint v = 0;
    for (int i = 0; i < n; i++) {
        if (!g_ascii_isdigit(p[i])) {
            return FALSE;
        }
        v = v * 10 + (guint) (p[i] - '0');
    }
    *value = v;
    return TRUE;
}

gboolean circa_date_parse(const char *text, CircaDate *date, GError **error)
{
    static const char expected[] = "expected a date as YYYY, YYYY-MM or YYYY-MM-DD";
    CircaDate result = {0};
    gsize length = strlen(text);
    guint year = 0, month = 0, day = 0;

    if (length == 0) {
        *date = result;
        return TRUE;
    }
    gboolean shaped = (length == 4 || length == 7 || length == 10) && read_digits(text, 4, &year);
    if (shaped && length >= 7) {
        shaped = text[4] == '-' && read_digits(text + 5, 2, &month);
    }
    if (shaped && length == 10) {
        shaped = text[7] == '-' && read_digits(text + 8, 2, &day);
    }
    if (!shaped) {
        g_autofree char *hint = circa_i_date_hint(text);
        if (hint != NULL) {
            return fail_with_found(error, text, "%s: %s", expected, hint);
        }
        return fail_with_found(error, text, "%s", expected);
    }
    if (year < 1000) {
        return fail_with_found(error, text, "year %04u is out of range (1000–9999)", year);
    }
    if (length >= 7 && (month < 1 || month > 12)) {
        return fail_with_found(error, text, "month %02u does not exist", month);
    }
    if (length == 10) {
        guint8 days = g_date_get_days_in_month((GDateMonth) month, (GDateYear) year);
        if (day < 1 || day > days) {
            return fail_with_found(error, text,
                                   "day %02u does not exist in %04u-%02u, which has %u days", day,
                                   year, month, days);
        }
    }
    result.year = (guint16) year;
    result.month = (guint8) month;
    result.day = (guint8) day;
    result.precision = length == 4   ? CIRCA_DATE_YEAR
                       : length == 7 ? CIRCA_DATE_MONTH
                                     : CIRCA_DATE_DAY;
    *date = result;
    return TRUE;
}

char *circa_date_format(CircaDate date, char buffer[11])
{
    switch (date.precision) {
    case CIRCA_DATE_YEAR:
        g_snprintf(buffer, 11, "%04u", date.year);
        break;
    case CIRCA_DATE_MONTH:
        g_snprintf(buffer, 11, "%04u-%02u", date.year, date.month);
        break;
    case CIRCA_DATE_DAY:
        g_snprintf(buffer, 11, "%04u-%02u-%02u", date.year, date.month, date.day);
        break;
    default:
        buffer[0] = '\0';
        break;
    }
    return buffer;
}

/* Days since 0001-01-01 (that day is 1), as GDate counts them, by the civil-calendar arithmetic
 * of era and day-of-era rather than through GDate: stats compute it for every deal. */
static guint32 julian(guint year, guint month, guint day)
{
    guint y = month <= 2 ? year - 1 : year;
    guint era = y / 400;
    guint year_of_era = y - era * 400;
    guint day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    guint day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    /* era * 146097 + day_of_era counts from 0000-03-01; 0001-01-01 is day 306 of that count. */
    return era * 146097 + day_of_era - 305;
}

guint32 circa_date_first_day(CircaDate date)
{
    if (date.precision == CIRCA_DATE_NONE) {
        return 0;
    }
    return julian(date.year, date.month ? date.month : 1, date.day ? date.day : 1);
}

guint32 circa_date_last_day(CircaDate date)
{
    switch (date.precision) {
    case CIRCA_DATE_YEAR:
        return julian(date.year, 12, 31);
    case CIRCA_DATE_MONTH:
        return julian(date.year, date.month,
                      g_date_get_days_in_month((GDateMonth) date.month, (GDateYear) date.year));
    case CIRCA_DATE_DAY:
        return julian(date.year, date.month, date.day);
    default:
        return 0;
    }
}

int circa_date_compare(CircaDate a, CircaDate b)
{
    guint32 fa = circa_date_first_day(a), fb = circa_date_first_day(b);
    if (fa != fb) {
        return fa < fb ? -1 : 1;
    }
    return (int) a.precision - (int) b.precision;
}

/* ---- amounts ---- */

#define AMOUNT_MAX G_GINT64_CONSTANT(1000000000000000) /* 10^15 dollars */

static const guint64 powers_of_ten[] = {
    1ULL,
    10ULL,
    100ULL,
    1000ULL,
    10000ULL,
    100000ULL,
    1000000ULL,
    10000000ULL,
    100000000ULL,
    1000000000ULL,
    10000000000ULL,
    100000000000ULL,
    1000000000000ULL,
    10000000000000ULL,
    100000000000000ULL,
    1000000000000000ULL,
    10000000000000000ULL,
    100000000000000000ULL,
    1000000000000000000ULL,
};
#define MAX_POWER 18

static int suffix_exponent(char c)
{
    switch (c) {
    case 'k':
    case 'K':
        return 3;
    case 'm':
    case 'M':
        return 6;
    case 'b':
    case 'B':
        return 9;
    case 't':
    case 'T':
        return 12;
    default:
        return -1;
    }
}

static gboolean parse_amount(const char *text, gint64 *amount, gboolean *rounded, GError **error);

gboolean circa_amount_parse(const char *text, gint64 *amount, gboolean *rounded, GError **error)
{
    if (rounded != NULL) {
        *rounded = FALSE;
    }
    if (*text == '\0') {
        *amount = CIRCA_AMOUNT_UNKNOWN;
        return TRUE;
    }
    /* "-" is a spreadsheet's placeholder, not a negative amount; other habits ("1.5bn", "€3B")
     * fail to parse and get a hint instead of the general form. */
    GError *local = NULL;
    if (!circa_i_is_placeholder(text) && parse_amount(text, amount, rounded, &local)) {
        return TRUE;
    }
    g_autofree char *hint = circa_i_amount_hint(text);
    if (hint != NULL) {
        g_clear_error(&local);
        return fail_with_found(error, text, "%s", hint);
    }
    g_propagate_error(error, local);
    return FALSE;
}

static gboolean parse_amount(const char *text, gint64 *amount, gboolean *rounded, GError **error)
{
    static const char expected[] =
        "expected an amount in US dollars such as 10000000000, 10e9, $10B, 350M or 2.5k";
    const char *p = text;
    guint64 mantissa = 0;
    int significant = 0; /* digits kept in mantissa, after leading zeros */
    int scale = 0;       /* the value is mantissa × 10^scale */
    gboolean any_digit = FALSE;

    if (rounded != NULL) {
        *rounded = FALSE;
    }
    if (*p == '\0') {
        *amount = CIRCA_AMOUNT_UNKNOWN;
        return TRUE;
    }
    if (*p == '-' || (p[0] == '$' && p[1] == '-')) {
        return fail_with_found(error, text,
                               "negative amount; the payer sends the money, so a flow the other "
                               "way needs payer and payee swapped");
    }
    if (*p == '+') {
        p++;
    }
    if (*p == '$') {
        p++;
    }

    /* Integer part, optionally grouped by commas in threes (1,000,000). */
    const char *integer_start = p;
    int group = 0;
    gboolean grouped = FALSE;
    for (;; p++) {
        if (g_ascii_isdigit(*p)) {
            any_digit = TRUE;
            group++;
            if (mantissa == 0 && *p == '0') {
                continue;
            }
            if (significant < MAX_POWER) {
                mantissa = mantissa * 10 + (guint64) (*p - '0');
                significant++;
            } else {
                scale++; /* digits past 18 only matter as magnitude; the range check rejects them */
            }
        } else if (*p == ',' && p > integer_start && (grouped ? group == 3 : group <= 3)) {
            grouped = TRUE;
            group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3) {
        return fail_with_found(error, text,
                               "%s; commas may only group digits in threes, and decimals take '.'",
                               expected);
    }
    if (*p == '.') {
        p++;
        for (; g_ascii_isdigit(*p); p++) {
            any_digit = TRUE;
            if (mantissa == 0 && *p == '0') {
                scale--;
                continue;
            }
            if (significant < MAX_POWER) {
                mantissa = mantissa * 10 + (guint64) (*p - '0');
                significant++;
                scale--;
            }
        }
    }
    if (!any_digit) {
        return fail_with_found(error, text, "%s", expected);
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        int sign = 1;
        if (*p == '+' || *p == '-') {
            sign = *p == '-' ? -1 : 1;
            p++;
        }
        if (!g_ascii_isdigit(*p)) {
            return fail_with_found(error, text, "%s; an exponent needs digits", expected);
        }
        int exponent = 0;
        for (; g_ascii_isdigit(*p); p++) {
            if (exponent < 1000) {
                exponent = exponent * 10 + (*p - '0');
            }
        }
        scale += sign * exponent;
    }
    int suffix = suffix_exponent(*p);
    if (suffix >= 0) {
        scale += suffix;
        p++;
    }
    if (*p != '\0') {
        return fail_with_found(error, text, "%s", expected);
    }

    if (mantissa == 0) {
        *amount = 0;
        return TRUE;
    }
    guint64 value;
    if (scale >= 0) {
        if (scale > MAX_POWER || mantissa > (guint64) AMOUNT_MAX / powers_of_ten[scale]) {
            return fail_with_found(error, text, "amount is too large; the limit is $1000T");
        }
        value = mantissa * powers_of_ten[scale];
    } else if (-scale > MAX_POWER) {
        value = 0; /* far below one dollar */
        if (rounded != NULL) {
            *rounded = TRUE;
        }
    } else {
        guint64 divisor = powers_of_ten[-scale];
        value = mantissa / divisor;
        guint64 remainder = mantissa % divisor;
        if (remainder != 0) {
            if (remainder * 2 >= divisor) {
                value++;
            }
            if (rounded != NULL) {
                *rounded = TRUE;
            }
        }
    }
    if (value > (guint64) AMOUNT_MAX) {
        return fail_with_found(error, text, "amount is too large; the limit is $1000T");
    }
    *amount = (gint64) value;
    return TRUE;
}

char *circa_amount_format(gint64 amount, char buffer[16])
{
    static const struct {
        gint64 unit;
        char suffix;
    } units[] = {
        {G_GINT64_CONSTANT(1000000000000), 'T'},
        {G_GINT64_CONSTANT(1000000000), 'B'},
        {G_GINT64_CONSTANT(1000000), 'M'},
        {G_GINT64_CONSTANT(1000), 'k'},
    };
    if (amount < 0) {
        g_strlcpy(buffer, "undisclosed", 16);
        return buffer;
    }
    if (amount == CIRCA_AMOUNT_SATURATED) {
        g_strlcpy(buffer, "> $9223372.0T", 16); /* 2^63 - 1 dollars, and counting stopped */
        return buffer;
    }
    for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
        if (amount >= units[i].unit || (i + 1 == G_N_ELEMENTS(units) && amount >= 1000)) {
            /* Unsigned, and by tenths of the unit, so that no sum near 2^63 overflows. */
            guint64 tenth = (guint64) units[i].unit / 10;
            guint64 tenths = ((guint64) amount + tenth / 2) / tenth;
            if (tenths >= 10000 && i > 0) {
                i -= 1; /* 999.96B reads better as 1.0T */
                tenth = (guint64) units[i].unit / 10;
                tenths = ((guint64) amount + tenth / 2) / tenth;
            }
            g_snprintf(buffer, 16, "$%" G_GUINT64_FORMAT ".%d%c", tenths / 10, (int) (tenths % 10),
                       units[i].suffix);
            return buffer;
        }
    }
    g_snprintf(buffer, 16, "$%" G_GINT64_FORMAT, amount);
    return buffer;
}
