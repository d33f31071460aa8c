/* SPDX-License-Identifier: MIT */
/* Deal files: each row checked field by field into a CircaDeal, ids kept unique across files, and
 * deals that look entered twice pointed out. */

#include "circa/dealset.h"
#include "read/loader-private.h"
#include "text-private.h"

#include <string.h>

/* ---- columns ---- */

typedef enum {
    COLUMN_ID,
    COLUMN_DATE,
    COLUMN_PAYER,
    COLUMN_PAYEE,
    COLUMN_AMOUNT,
    COLUMN_KIND,
    COLUMN_STATUS,
    COLUMN_SOURCE,
    COLUMN_NOTE,
    N_DEAL_COLUMNS,
} DealColumn;

static const ColumnSpec deal_columns[N_DEAL_COLUMNS] = {
    [COLUMN_ID] = {"id", TRUE},
    [COLUMN_DATE] = {"date", FALSE},
    [COLUMN_PAYER] = {"payer", TRUE},
    [COLUMN_PAYEE] = {"payee", TRUE},
    [COLUMN_AMOUNT] = {"amount_usd", FALSE},
    [COLUMN_KIND] = {"kind", TRUE},
    [COLUMN_STATUS] = {"status", FALSE},
    [COLUMN_SOURCE] = {"source", FALSE},
    [COLUMN_NOTE] = {"note", FALSE},
};

static gboolean is_slug(const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p) && strchr("-_.:/", *p) == NULL) {
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean read_id(Loader *loader, const CircaCsvField *field, const char **id)
{
    const char *text = circa_i_trim_len(field->text, field->length);
    if (*text == '\0') {
        circa_i_field_error(loader, field, "id", "required value is missing");
        return FALSE;
    }
    if (!is_slug(text)) {
        g_autofree char *shown = circa_i_excerpt(text);
        circa_i_field_error(loader, field, "id",
                            "expected a slug of letters, digits and - _ . : / (found %s)", shown);
        return FALSE;
    }
    gpointer first = g_hash_table_lookup(loader->ids, text);
    if (first != NULL) {
        Location where = g_array_index(loader->id_locations, Location, GPOINTER_TO_UINT(first) - 1);
        g_autofree char *at = circa_i_loader_location(loader, where);
        circa_i_field_error(loader, field, "id", "duplicate id \"%s\"; it was first used at %s",
                            text, at);
        return FALSE;
    }
    Location here = {loader->current_file, field->line};
    g_array_append_val(loader->id_locations, here);
    *id = g_string_chunk_insert(loader->set->strings, text);
    g_hash_table_insert(loader->ids, (gpointer) *id, GUINT_TO_POINTER(loader->id_locations->len));
    return TRUE;
}

/* A party: its name as written (normalised) and the entity it stands for after the entity
 * tables. A name that is no entity yet is looked at once for look-alikes and slips. */
static gboolean read_party(Loader *loader, const CircaCsvField *field, const char *column,
                           const char **written, const char **canonical, guint32 *known)
{
    const char *name = circa_i_checked_name(loader, field, column);
    if (name == NULL) {
        return FALSE;
    }
    const char *resolved = circa_i_resolve_name(loader, name);
    *written = name;
    *canonical = resolved != NULL ? resolved : name;
    *known = circa_i_entity_lookup(loader, *canonical);
    if (resolved == NULL && *known == 0) {
        circa_i_check_new_name(loader, field, column, name);
    }
    return TRUE;
}

/* Checks one field of a deal row; FALSE after reporting a problem. */
typedef struct {
    const char *payer, *payer_written;
    const char *payee, *payee_written;
    guint32 payer_known, payee_known; /* circa_i_entity_lookup() of each */
} Parties;

static gboolean read_deal_field(Loader *loader, DealColumn column, const CircaCsvField *field,
                                CircaDeal *deal, Parties *parties)
{
    g_autoptr(GError) error = NULL;
    const char *text = circa_i_trim_len(field->text, field->length);
    const char *name = deal_columns[column].name;

    switch (column) {
    case COLUMN_ID:
        return read_id(loader, field, &deal->id);
    case COLUMN_PAYER:
        return read_party(loader, field, name, &parties->payer_written, &parties->payer,
                          &parties->payer_known);
    case COLUMN_PAYEE:
        return read_party(loader, field, name, &parties->payee_written, &parties->payee,
                          &parties->payee_known);
    case COLUMN_DATE:
        if (!circa_date_parse(text, &deal->date, &error)) {
            circa_i_field_error(loader, field, name, "%s", error->message);
            return FALSE;
        }
        return TRUE;
    case COLUMN_AMOUNT: {
        gboolean rounded = FALSE;
        if (!circa_amount_parse(text, &deal->amount_usd, &rounded, &error)) {
            circa_i_field_error(loader, field, name, "%s", error->message);
            return FALSE;
        }
        if (rounded) {
            circa_i_field_warning(loader, field, name,
                                  "rounded to %" G_GINT64_FORMAT " whole dollars (found \"%s\")",
                                  deal->amount_usd, text);
        } else if (deal->amount_usd == 0) {
            circa_i_field_warning(
                loader, field, name,
                "amount is zero; leave the field empty when the amount is undisclosed "
                "(found \"%s\")",
                text);
        }
        return TRUE;
    }
    case COLUMN_KIND: {
        CircaKind kind;
        if (*text == '\0') {
            circa_i_field_error(loader, field, name,
                                "required value is missing; expected one of %s", circa_kind_list());
            return FALSE;
        }
        if (!circa_kind_from_string(text, &kind)) {
            g_autofree char *shown = circa_i_excerpt(text);
            circa_i_field_error(loader, field, name, "unknown kind; expected one of %s (found %s)",
                                circa_kind_list(), shown);
            return FALSE;
        }
        deal->kind = (guint8) kind;
        return TRUE;
    }
    case COLUMN_STATUS: {
        CircaStatus status;
        if (*text == '\0') {
            return TRUE; /* the default, announced */
        }
        if (!circa_status_from_string(text, &status)) {
            g_autofree char *shown = circa_i_excerpt(text);
            circa_i_field_error(loader, field, name,
                                "unknown status; expected one of %s (found %s)",
                                circa_status_list(), shown);
            return FALSE;
        }
        deal->status = (guint8) status;
        return TRUE;
    }
    case COLUMN_SOURCE:
        deal->source = text;
        return TRUE;
    case COLUMN_NOTE:
        deal->note = text;
        return TRUE;
    case N_DEAL_COLUMNS:
        break;
    }
    g_assert_not_reached();
}

/* A deal needs two parties: the payee, after alias resolution, must not be the payer. */
static gboolean check_two_parties(Loader *loader, const CircaCsvField *payee_field,
                                  const Parties *parties)
{
    const char *payee = parties->payee, *written = parties->payee_written;
    if (strcmp(parties->payer, payee) != 0) {
        return TRUE;
    }
    if (strcmp(written, payee) == 0) {
        circa_i_field_error(loader, payee_field, "payee",
                            "\"%s\" is also the payer; a deal needs two parties", payee);
    } else {
        circa_i_field_error(
            loader, payee_field, "payee",
            "\"%s\" is an alias of %s, which is also the payer; a deal needs two parties", written,
            payee);
    }
    return FALSE;
}

static void read_deal_row(Loader *loader, const Header *header, const CircaCsvField *fields,
                          guint32 record_line)
{
    /* The file being read is the last one listed. */
    guint16 deal_file = (guint16) (loader->set->files->len - 1);
    CircaDeal deal = {.amount_usd = CIRCA_AMOUNT_UNKNOWN,
                      .status = CIRCA_STATUS_ANNOUNCED,
                      .file = deal_file,
                      .line = record_line,
                      .source = "",
                      .note = ""};
    Parties parties = {NULL, NULL, NULL, NULL, 0, 0};
    gboolean ok = TRUE;

    /* Field by field in the file's own order, so a row's messages read left to right. */
    int column_at[64];
    for (guint f = 0; f < header->n_fields; f++) {
        column_at[f] = -1;
    }
    for (guint c = 0; c < N_DEAL_COLUMNS; c++) {
        if (header->field_of[c] >= 0) {
            column_at[header->field_of[c]] = (int) c;
        }
    }
    gboolean parties_checked = FALSE;
    for (guint f = 0; f < header->n_fields; f++) {
        if (column_at[f] < 0) {
            continue;
        }
        ok &= read_deal_field(loader, (DealColumn) column_at[f], &fields[f], &deal, &parties);
        /* Once both parties are read, here, so the row's messages stay in column order. */
        if (!parties_checked && parties.payer != NULL && parties.payee != NULL) {
            parties_checked = TRUE;
            ok &= check_two_parties(loader, circa_i_field_for(header, fields, COLUMN_PAYEE),
                                    &parties);
        }
    }

    if (!ok) {
        return;
    }
    /* Everything kept outlives the record buffer: intern it. */
    if (*deal.source != '\0') {
        deal.source = g_string_chunk_insert_const(loader->set->strings, deal.source);
    } else {
        deal.source = "";
    }
    if (*deal.note != '\0') {
        deal.note = g_string_chunk_insert_const(loader->set->strings, deal.note);
    } else {
        deal.note = "";
    }
    deal.payer = circa_i_entity_index(loader, parties.payer, parties.payer_known);
    deal.payee = circa_i_entity_index(loader, parties.payee, parties.payee_known);
    g_array_append_val(loader->set->deals, deal);
    guint32 id_column = circa_i_field_for(header, fields, COLUMN_ID)->column;
    g_array_append_val(loader->id_column, id_column);
}

void circa_i_read_deal_file(Loader *loader, const FileContents *contents, gboolean tsv)
{
    if (loader->set->files->len >= G_MAXUINT16) {
        circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
                              "too many deal files (at most %u)", (guint) G_MAXUINT16);
        return;
    }
    g_array_append_val(loader->name_of_deal_file, loader->current_file);
    g_ptr_array_add(loader->set->files,
                    g_string_chunk_insert(loader->set->strings,
                                          circa_i_loader_file_name(loader, loader->current_file)));
    circa_i_read_table(loader, contents, tsv, deal_columns, N_DEAL_COLUMNS, "deal", read_deal_row);
}

/* ---- the duplicate-looking deal check ---- */

static gboolean same_deal_terms(const CircaDeal *a, const CircaDeal *b)
{
    return a->payer == b->payer && a->payee == b->payee && a->kind == b->kind &&
           a->amount_usd == b->amount_usd && a->date.precision == b->date.precision &&
           a->date.year == b->date.year && a->date.month == b->date.month &&
           a->date.day == b->date.day;
}

static guint deal_terms_hash(const CircaDeal *deal)
{
    guint64 h = deal->payer * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15);
    h ^= deal->payee + G_GUINT64_CONSTANT(0x632BE59BD9B4E019) + (h << 6) + (h >> 2);
    h ^= (guint64) deal->amount_usd + (h << 6) + (h >> 2);
    h ^= ((guint64) deal->date.year << 24 | deal->date.month << 16 | deal->date.day << 8 |
          deal->kind) +
         (h << 6) + (h >> 2);
    return (guint) (h ^ (h >> 32));
}

/* Warns about each deal that repeats the payer, payee, kind, date and amount of an earlier one
 * under another id: legal, but usually the same deal entered twice. An open-addressing table of
 * deal indices keeps this linear and small at millions of deals. */
void circa_i_warn_duplicate_terms(Loader *loader)
{
    GArray *deals = loader->set->deals;
    gsize size = 16;
    while (size < (gsize) deals->len * 2) {
        size *= 2;
    }
    g_autofree guint32 *slots = g_new0(guint32, size); /* deal index + 1; 0 is empty */
    for (guint i = 0; i < deals->len; i++) {
        const CircaDeal *deal = &g_array_index(deals, CircaDeal, i);
        gsize slot = deal_terms_hash(deal) & (size - 1);
        while (slots[slot] != 0) {
            const CircaDeal *first = &g_array_index(deals, CircaDeal, slots[slot] - 1);
            if (same_deal_terms(first, deal)) {
                break;
            }
            slot = (slot + 1) & (size - 1);
        }
        if (slots[slot] == 0) {
            slots[slot] = i + 1;
            continue;
        }
        const CircaDeal *first = &g_array_index(deals, CircaDeal, slots[slot] - 1);
        Location where = {g_array_index(loader->name_of_deal_file, guint16, first->file),
                          first->line};
        g_autofree char *at = circa_i_loader_location(loader, where);
        loader->current_file = g_array_index(loader->name_of_deal_file, guint16, deal->file);
        circa_i_loader_report(
            loader, CIRCA_SEVERITY_WARNING, deal->line,
            g_array_index(loader->id_column, guint32, i), "id",
            "deal \"%s\" has the same payer, payee, kind, date and amount as deal \"%s\" (%s); "
            "is it entered twice?",
            deal->id, first->id, at);
    }
}
