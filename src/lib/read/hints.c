/* SPDX-License-Identifier: MIT */
/* What people type into amount and date cells out of spreadsheet habit ("TBD", "1.5bn",
 * "€10B", "Sept 2025", "12/03/2025"), and what to write instead: the hint an error carries. */

#include "read/hints-private.h"

#include <string.h>

/* ---- amounts ---- */

static const char *const placeholders[] = {
    "-",  "–",    "—",    "?",    "??",  "tbd",     "tba",         "tbc",           "n/a",
    "na", "n.a.", "none", "null", "nil", "unknown", "undisclosed", "not disclosed", "confidential",
    "x",  "…",    "...",
};

gboolean circa_i_is_placeholder(const char *text)
{
    if (g_ascii_isdigit(text[0]) || text[0] == '$') {
        return FALSE; /* an amount, as nearly every cell is: no placeholder starts so */
    }
    for (guint i = 0; i < G_N_ELEMENTS(placeholders); i++) {
        if (g_ascii_strcasecmp(text, placeholders[i]) == 0) {
            return TRUE;
        }
    }
    return FALSE;
}

static gboolean names_currency(const char *text)
{
    static const char *const signs[] = {"€",   "£",   "¥",   "₹",   "₩",  "CHF",
                                        "EUR", "GBP", "JPY", "CNY", "RMB"};
    g_autofree char *upper = g_ascii_strup(text, -1);
    for (guint i = 0; i < G_N_ELEMENTS(signs); i++) {
        if (strstr(upper, signs[i]) != NULL) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Scale words and the suffix circa writes for them. */
static const struct {
    const char *word;
    char suffix;
} scales[] = {
    {"thousand", 'k'}, {"th", 'k'},       {"k", 'k'},  {"million", 'M'}, {"mil", 'M'}, {"mln", 'M'},
    {"mn", 'M'},       {"mm", 'M'},       {"m", 'M'},  {"billion", 'B'}, {"bln", 'B'}, {"bn", 'B'},
    {"b", 'B'},        {"trillion", 'T'}, {"tn", 'T'}, {"t", 'T'},
};

/* "1.5bn", "$1.5 billion", "USD 2 million", "3 B": a number and a scale word, as "1.5B". */
static char *scaled_number(const char *text)
{
    const char *p = text;
    if (g_ascii_strncasecmp(p, "usd", 3) == 0 || g_ascii_strncasecmp(p, "us$", 3) == 0) {
        p += 3;
    }
    while (*p == '$' || *p == ' ') {
        p++;
    }
    const char *number = p;
    while (g_ascii_isdigit(*p) || *p == '.' || *p == ',') {
        p++;
    }
    if (p == number || !g_ascii_isdigit(*number)) {
        return NULL;
    }
    g_autofree char *digits = g_strndup(number, (gsize) (p - number));
    while (*p == ' ') {
        p++;
    }
    for (guint i = 0; i < G_N_ELEMENTS(scales); i++) {
        gsize length = strlen(scales[i].word);
        if (g_ascii_strncasecmp(p, scales[i].word, length) != 0) {
            continue;
        }
        const char *rest = p + length;
        if (*rest == '.') {
            rest++; /* "1.5 bn." */
        }
        while (*rest == ' ') {
            rest++;
        }
        if (g_ascii_strcasecmp(rest, "") == 0 || g_ascii_strcasecmp(rest, "usd") == 0 ||
            g_ascii_strcasecmp(rest, "dollars") == 0) {
            /* Commas in "1,5bn" are a decimal comma. */
            for (char *c = digits; *c != '\0'; c++) {
                if (*c == ',' && strchr(digits, '.') == NULL && strlen(c + 1) != 3) {
                    *c = '.';
                }
            }
            return g_strdup_printf("%s%c", digits, scales[i].suffix);
        }
    }
    return NULL;
}

/* Words and signs of an approximate amount, and how the note should say it. */
static const struct {
    const char *written;
    const char *said;
} approximations[] = {
    {"approximately ", "about"},
    {"approx. ", "about"},
    {"approx ", "about"},
    {"about ", "about"},
    {"around ", "about"},
    {"roughly ", "about"},
    {"up to ", "up to"},
    {"over ", "over"},
    {"more than ", "more than"},
    {"at least ", "at least"},
    {"~", "about"},
    {"≈", "about"},
    {">", "more than"},
    {"<", "less than"},
    {"≥", "at least"},
    {"≤", "at most"},
};

char *circa_i_amount_hint(const char *text)
{
    if (circa_i_is_placeholder(text)) {
        return g_strdup("leave the field empty when the amount is undisclosed");
    }
    if (names_currency(text)) {
        return g_strdup("amounts are US dollars: convert it and write the dollar amount, such as "
                        "10B");
    }
    for (guint i = 0; i < G_N_ELEMENTS(approximations); i++) {
        gsize length = strlen(approximations[i].written);
        if (g_ascii_strncasecmp(text, approximations[i].written, length) == 0) {
            g_autofree char *scaled = scaled_number(text + length);
            return g_strdup_printf("write %s and say \"%s\" in the note: the amount is one number",
                                   scaled != NULL ? scaled : text + length, approximations[i].said);
        }
    }
    gsize length = strlen(text);
    if (length > 1 && text[length - 1] == '+') {
        g_autofree char *bare = g_strndup(text, length - 1);
        g_autofree char *scaled = scaled_number(bare);
        return g_strdup_printf("write %s and say \"or more\" in the note: the amount is one number",
                               scaled != NULL ? scaled : bare);
    }
    g_autofree char *scaled = scaled_number(text);
    g_autofree char *bare = g_strdup(text);
    char *end = bare;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p != '$' && *p != ' ') {
            *end++ = *p;
        }
    }
    *end = '\0';
    /* "2000T" is already written as circa reads it: the problem is elsewhere (its size). */
    if (scaled != NULL && strcmp(scaled, bare) != 0) {
        return g_strdup_printf("write %s: amounts take the suffixes k, M, B and T", scaled);
    }
    return NULL;
}

/* ---- dates ---- */

static const char *const months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

/* 1–12 for a month name or its abbreviation of three letters or more ("Sept", "Sep."), else 0. */
static guint month_of(const char *word)
{
    gsize length = strlen(word);
    if (length > 0 && word[length - 1] == '.') {
        length--;
    }
    if (length < 3) {
        return 0;
    }
    for (guint m = 0; m < 12; m++) {
        if (length <= strlen(months[m]) && g_ascii_strncasecmp(word, months[m], length) == 0) {
            return m + 1;
        }
    }
    return 0;
}

static gboolean number_of(const char *word, guint *value, gsize *digits)
{
    *digits = strlen(word);
    if (*digits == 0 || *digits > 4) {
        return FALSE;
    }
    guint v = 0;
    for (const char *p = word; *p != '\0'; p++) {
        if (!g_ascii_isdigit(*p)) {
            return FALSE;
        }
        v = v * 10 + (guint) (*p - '0');
    }
    *value = v;
    return TRUE;
}

static gboolean real_day(guint year, guint month, guint day)
{
    return month >= 1 && month <= 12 && day >= 1 &&
           day <= g_date_get_days_in_month((GDateMonth) month, (GDateYear) year);
}

/* "Sept 2025", "September 22, 2025", "22 Sep 2025". */
static char *named_month(char **words, guint n)
{
    guint month = 0, year = 0, day = 0;
    for (guint i = 0; i < n; i++) {
        guint value;
        gsize digits;
        guint m = month_of(words[i]);
        if (m != 0 && month == 0) {
            month = m;
        } else if (number_of(words[i], &value, &digits) && digits == 4 && year == 0) {
            year = value;
        } else if (number_of(words[i], &value, &digits) && digits <= 2 && day == 0) {
            day = value;
        } else {
            return NULL;
        }
    }
    if (month == 0 || year < 1000) {
        return NULL;
    }
    if (day != 0 && real_day(year, month, day)) {
        return g_strdup_printf("write %04u-%02u-%02u", year, month, day);
    }
    return day != 0 ? NULL : g_strdup_printf("write %04u-%02u", year, month);
}

/* "12/03/2025", "12.03.2025", "2025/09/22", "09/2025". */
static char *numeric_parts(char **parts, guint n)
{
    guint v[3];
    gsize d[3];
    for (guint i = 0; i < n; i++) {
        if (!number_of(parts[i], &v[i], &d[i])) {
            return NULL;
        }
    }
    if (n == 2 && d[1] == 4 && v[0] >= 1 && v[0] <= 12) {
        return g_strdup_printf("write %04u-%02u", v[1], v[0]);
    }
    if (n != 3) {
        return NULL;
    }
    if (d[0] == 4 && real_day(v[0], v[1], v[2])) {
        return g_strdup_printf("write %04u-%02u-%02u", v[0], v[1], v[2]);
    }
    if (d[2] != 4) {
        return NULL;
    }
    guint year = v[2];
    gboolean day_first = real_day(year, v[1], v[0]), month_first = real_day(year, v[0], v[1]);
    if (day_first && month_first && v[0] != v[1]) {
        return g_strdup_printf("it is ambiguous: write %04u-%02u-%02u for %u %s or %04u-%02u-%02u "
                               "for %u %s",
                               year, v[0], v[1], v[1], month_names[v[0] - 1], year, v[1], v[0],
                               v[0], month_names[v[1] - 1]);
    }
    if (day_first) {
        return g_strdup_printf("write %04u-%02u-%02u", year, v[1], v[0]);
    }
    if (month_first) {
        return g_strdup_printf("write %04u-%02u-%02u", year, v[0], v[1]);
    }
    return NULL;
}

/* "Q3 2025", "2025 Q3", "Q3-2025", "H1 2025". */
static char *part_of_year(char **words, guint n)
{
    guint year = 0, part = 0;
    char kind = 0;
    for (guint i = 0; i < n; i++) {
        guint value;
        gsize digits;
        char first = g_ascii_toupper(words[i][0]);
        if ((first == 'Q' || first == 'H') && words[i][1] >= '1' && words[i][1] <= '4' &&
            words[i][2] == '\0') {
            kind = first;
            part = (guint) (words[i][1] - '0');
        } else if (number_of(words[i], &value, &digits) && digits == 4) {
            year = value;
        } else {
            return NULL;
        }
    }
    if (kind == 0 || year < 1000 || (kind == 'H' && part > 2)) {
        return NULL;
    }
    guint month = kind == 'Q' ? 3 * part - 2 : 6 * part - 5;
    return g_strdup_printf("a %s is no date: write %04u, or %04u-%02u for its first month",
                           kind == 'Q' ? "quarter" : "half-year", year, year, month);
}

char *circa_i_date_hint(const char *text)
{
    g_auto(GStrv) words = g_strsplit_set(text, " ,", -1);
    GPtrArray *kept = g_ptr_array_new();
    for (guint i = 0; words[i] != NULL; i++) {
        if (words[i][0] != '\0') {
            g_ptr_array_add(kept, words[i]);
        }
    }
    char *hint = NULL;
    if (kept->len >= 2 && kept->len <= 3) {
        hint = named_month((char **) kept->pdata, kept->len);
    }
    if (hint == NULL && kept->len >= 1 && kept->len <= 2) {
        hint = part_of_year((char **) kept->pdata, kept->len);
    }
    g_ptr_array_free(kept, TRUE);
    if (hint == NULL && strpbrk(text, "/.-") != NULL && strchr(text, ' ') == NULL) {
        g_auto(GStrv) parts = g_strsplit_set(text, "/.-", -1);
        guint n = g_strv_length(parts);
        if (n == 2 || n == 3) {
            hint = numeric_parts(parts, n);
        }
    }
    return hint;
}
