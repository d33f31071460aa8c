/* SPDX-License-Identifier: MIT */
/* One deal record and the value types it is made of: kinds, statuses, partial dates, amounts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Financing kinds come first, purchases after; circa_kind_is_financing() relies on it. */
typedef enum {
    CIRCA_KIND_EQUITY,
    CIRCA_KIND_LOAN,
    CIRCA_KIND_WARRANT,
    CIRCA_KIND_BACKSTOP,
    CIRCA_KIND_SECONDARY,
    CIRCA_KIND_COMPUTE,
    CIRCA_KIND_CHIPS,
    CIRCA_KIND_SERVICES,
} CircaKind;
#define CIRCA_KIND_COUNT 8

/* Ordered by certainty: a filter "--status signed" keeps signed and closed. */
typedef enum {
    CIRCA_STATUS_RUMORED,
    CIRCA_STATUS_ANNOUNCED,
    CIRCA_STATUS_SIGNED,
    CIRCA_STATUS_CLOSED,
} CircaStatus;
#define CIRCA_STATUS_COUNT 4

const char *circa_kind_to_string(CircaKind kind);
/* Case-insensitive; FALSE when @text names no kind. */
gboolean circa_kind_from_string(const char *text, CircaKind *kind);
gboolean circa_kind_is_financing(CircaKind kind);
/* chips and compute deals send hardware (capacity, chips) back from payee to payer. */
gboolean circa_kind_has_hardware_flow(CircaKind kind);
/* "equity, loan, …": for messages that list what was expected. */
const char *circa_kind_list(void);

const char *circa_status_to_string(CircaStatus status);
gboolean circa_status_from_string(const char *text, CircaStatus *status);
const char *circa_status_list(void);

typedef enum {
    CIRCA_DATE_NONE,  /* no date given */
    CIRCA_DATE_YEAR,  /* YYYY */
    CIRCA_DATE_MONTH, /* YYYY-MM */
    CIRCA_DATE_DAY,   /* YYYY-MM-DD */
} CircaDatePrecision;

/* A calendar date known to the precision it was written with; unknown parts are 0. */
typedef struct {
    guint16 year;
    guint8 month;
    guint8 day;
    guint8 precision; /* CircaDatePrecision */
} CircaDate;

/* Parses YYYY, YYYY-MM or YYYY-MM-DD (years 1000–9999, real calendar days). An empty string
 * gives CIRCA_DATE_NONE. On failure sets a CIRCA_ERROR_INPUT error whose message says what was
 * expected, without any location prefix. */
gboolean circa_date_parse(const char *text, CircaDate *date, GError **error);
/* Writes the date as it was given ("2025", "2025-09", "2025-09-22"; "" for none) into
 * @buffer, which holds at least 11 bytes. Returns @buffer. */
char *circa_date_format(CircaDate date, char buffer[11]);
/* Orders by the first day each date can mean, then by precision (coarser first); a missing
 * date sorts before every real one. */
int circa_date_compare(CircaDate a, CircaDate b);
/* The first and last day a partial date can mean, as days since 0001-01-01 (GDate's Julian). */
guint32 circa_date_first_day(CircaDate date);
guint32 circa_date_last_day(CircaDate date);

/* An undisclosed amount. Amounts are whole US dollars. */
#define CIRCA_AMOUNT_UNKNOWN ((gint64) -1)

/* Parses 10000000000, 10e9, 10B, $10B, 350M, 1.4T, 2.5k, 1,000,000 (grouped by threes) into whole
 * dollars; "" gives CIRCA_AMOUNT_UNKNOWN. Fractions of a dollar are rounded half up and
 * *@rounded (nullable) says so. Negative, non-numeric and out-of-range (over 10^15 dollars)
 * values fail with a CIRCA_ERROR_INPUT error without location prefix. */
gboolean circa_amount_parse(const char *text, gint64 *amount, gboolean *rounded, GError **error);
/* Sums of amounts saturate here rather than wrap: a sum that reaches it means "at least this".
 * One deal is at most 10^15 dollars, so only more than 9,000 of the largest deals get there. */
#define CIRCA_AMOUNT_SATURATED G_MAXINT64

/* @sum + @amount for two disclosed amounts (neither CIRCA_AMOUNT_UNKNOWN), saturating at
 * CIRCA_AMOUNT_SATURATED. */
static inline gint64 circa_amount_add(gint64 sum, gint64 amount)
{
    return sum > CIRCA_AMOUNT_SATURATED - amount ? CIRCA_AMOUNT_SATURATED : sum + amount;
}

/* "$10.0B", "$350.0M", "$2.5k", "$950", "undisclosed", and "> $9223372.0T" for a saturated sum:
 * amounts for people. Returns @buffer, which holds at least 16 bytes. */
char *circa_amount_format(gint64 amount, char buffer[16]);

/* A deal as loaded: strings belong to the CircaDealSet that holds it. */
typedef struct {
    const char *id;
    guint32 payer; /* entity index in the deal set (sorted by name), also the vertex id */
    guint32 payee;
    gint64 amount_usd; /* CIRCA_AMOUNT_UNKNOWN when undisclosed */
    CircaDate date;
    guint8 kind;        /* CircaKind */
    guint8 status;      /* CircaStatus */
    guint16 file;       /* index into the deal set's file list */
    guint32 line;       /* physical line where the record starts, 1-based */
    const char *source; /* "" when absent */
    const char *note;   /* "" when absent */
} CircaDeal;

/* ---- choosing deals ---- */

/* Which deals a question is about: the filters on single deals that `circa stats`, `cycles` and
 * `render` share (--kinds, --status, --since, --until, --min-amount). */
typedef struct {
    guint kinds;            /* bit (1 << CircaKind) per kind kept; 0 keeps every kind */
    CircaStatus min_status; /* deals at least this certain */
    CircaDate since;        /* CIRCA_DATE_NONE: open. A deal is kept when its date can fall in */
    CircaDate until;        /* [since, until]; undated deals are dropped once either is set */
    gint64 min_amount_usd;  /* an amount bound, undisclosed counting as zero; 0: none. It bounds
                             * a hop (the deals from one payer to one payee) at entity level and
                             * in stats, a single deal per deal (circa_graph_kept_deals()) */
} CircaDealFilter;

/* Keeps every deal. */
void circa_deal_filter_init(CircaDealFilter *filter);
/* Whether @filter keeps every deal. */
gboolean circa_deal_filter_is_open(const CircaDealFilter *filter);
/* Whether @deal passes every part of @filter, its amount bound included. */
gboolean circa_deal_filter_keeps(const CircaDealFilter *filter, const CircaDeal *deal);
/* Whether @deal passes every part of @filter but the amount bound. */
gboolean circa_deal_filter_keeps_terms(const CircaDealFilter *filter, const CircaDeal *deal);
/* FALSE with a CIRCA_ERROR_USAGE error when no deal could pass (since after until). */
gboolean circa_deal_filter_check(const CircaDealFilter *filter, GError **error);
/* "status signed or more, kinds equity and loan, since 2024": what @filter keeps, for headings;
 * NULL when it keeps every deal. Free it. */
char *circa_deal_filter_describe(const CircaDealFilter *filter);

G_END_DECLS
