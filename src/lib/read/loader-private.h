/* SPDX-License-Identifier: MIT */
/* Between the parts of the deal loader: planning and reading files (dealset.c), tables and their
 * headers (table.c), deal rows (deal-rows.c), entity tables (entities.c) and names (names.c). */
#pragma once

#include "circa/csv.h"
#include "circa/dealset.h"

/* ---- tables ---- */

typedef struct {
    const char *name;
    gboolean required;
} ColumnSpec;

#define MAX_COLUMNS 16

typedef struct {
    const ColumnSpec *specs;
    guint n_specs;
    int field_of[MAX_COLUMNS]; /* column → field index in each record, -1 when absent */
    char *names[64];           /* header field names by field index, for messages */
    guint n_fields;
    char delimiter;
} Header;

/* ---- the loader ---- */

typedef struct {
    guint16 file; /* index into Loader.file_names */
    guint32 line;
} Location;

/* A name or alias from an entity table. */
typedef struct {
    const char *canonical;
    const char *type;
    Location where;
    gboolean is_alias;
} NameEntry;

/* Suggestion candidates, prepared once (names.c). */
typedef struct _NameIndex NameIndex;

typedef struct {
    CircaDealSet *set;
    CircaDiagnostics *diagnostics;
    GPtrArray *file_names; /* char *: display names of every file read, deal or entity */
    guint16 current_file;
    GArray *name_of_deal_file; /* guint16 per entry of set->files: its index in file_names */

    GHashTable *names;        /* name or alias → NameEntry* (owned), from the entity tables */
    GHashTable *names_warned; /* deal names circa_i_check_new_name has warned about */
    GHashTable *loose_names;  /* loose key (owned) → NameEntry* (owned): first name with it */
    NameIndex *table_index;   /* the names and aliases of the tables, for suggestions; lazily */
    guint table_index_size;   /* how many names it was made from */
    GHashTable *entity_of;    /* canonical name → provisional entity index + 1 */
    GArray *entities;         /* CircaEntity, in order of first appearance */
    GHashTable *ids;          /* deal id → index + 1 into id_locations */
    GArray *id_locations;     /* Location */
    GArray *id_column;        /* guint32 per deal: the column of its id, for later messages */
    gsize max_file_bytes;     /* the most read of one file */
    const char *display_root; /* see CircaLoadOptions */
    const char *display_prefix;
} Loader;

/* A file's bytes, read whole. */
typedef struct {
    GBytes *bytes;
    const char *data;
    gsize length;
} FileContents;

const char *circa_i_loader_file_name(Loader *loader, guint16 file);

/* Reports a problem in the file being read; @column_name (nullable) prefixes the message. */
void circa_i_loader_report(Loader *loader, CircaSeverity severity, guint32 line, guint32 column,
                           const char *column_name, const char *format, ...) G_GNUC_PRINTF(6, 7);

/* Reports about a field of column @column_name, at the field's own place. */
#define circa_i_field_error(loader, field, column_name, ...)                                       \
    circa_i_loader_report((loader), CIRCA_SEVERITY_ERROR, (field)->line, (field)->column,          \
                          (column_name), __VA_ARGS__)
#define circa_i_field_warning(loader, field, column_name, ...)                                     \
    circa_i_loader_report((loader), CIRCA_SEVERITY_WARNING, (field)->line, (field)->column,        \
                          (column_name), __VA_ARGS__)

/* "FILE:LINE"; free it. */
char *circa_i_loader_location(Loader *loader, Location where);

/* ---- tables (table.c) ---- */

/* Reads one row that passed the structural checks. */
typedef void (*RowReader)(Loader *loader, const Header *header, const CircaCsvField *fields,
                          guint32 record_line);

/* Reads a table: the header, then every record through @read_row, after the checks every kind of
 * table shares (syntax, empty rows, a repeated header, the field count). */
void circa_i_read_table(Loader *loader, const FileContents *contents, gboolean tsv,
                        const ColumnSpec *specs, guint n_specs, const char *what,
                        RowReader read_row);

/* The field of @column in this record, or NULL when the header has no such column. */
const CircaCsvField *circa_i_field_for(const Header *header, const CircaCsvField *fields,
                                       guint column);

/* ---- deal files (deal-rows.c) and entity tables (entities.c) ---- */

void circa_i_read_deal_file(Loader *loader, const FileContents *contents, gboolean tsv);
/* Warns about deals that repeat another's terms under another id; after every file is read. */
void circa_i_warn_duplicate_terms(Loader *loader);

void circa_i_read_entity_table(Loader *loader, const FileContents *contents, gboolean tsv);

/* ---- names (names.c) ---- */

gboolean circa_i_has_control_character(const char *text);
/* Controls, and format characters such as a stray BOM, zero-width spaces or bidi overrides. */
gboolean circa_i_has_invisible_character(const char *text);
/* @text with every kind of space as one ASCII space, none at the ends, in Unicode NFC: the form
 * names are compared in. Free it. */
char *circa_i_normalize_name(const char *text);
/* The same, @text itself when it is already normal, else interned in the set's strings. */
const char *circa_i_normal_name(Loader *loader, const char *text);
/* The longest name, in characters. */
#define CIRCA_MAX_NAME_CHARS 500

/* A name must be present, on one line and at most CIRCA_MAX_NAME_CHARS long; returns it
 * normalised, or NULL after reporting. */
const char *circa_i_checked_name(Loader *loader, const CircaCsvField *field, const char *column);
/* @name casefolded with everything but letters and digits removed: "Open AI" and "openai" share
 * it. Free it. */
char *circa_i_loose_key(const char *name);
/* The Levenshtein distance of two UTF-8 strings, in code points, or @limit + 1 once it is more. */
guint circa_i_edit_distance(const char *a, const char *b, guint limit);
/* Of @candidates, the one @name most likely means: the same loose key, else the fewest edits (at
 * most 1 for short names, 2, or 3 for long ones), ties to the earlier candidate, else the first
 * that @name begins ("Mistral" for Mistral AI); or NULL. */
const char *circa_i_nearest_name(const char *name, const char *const *candidates, guint n);
/* The same candidates prepared once, for many names to ask (the strings are not copied). */
NameIndex *circa_i_name_index_new(const char *const *names, guint n);
void circa_i_name_index_free(NameIndex *index);
const char *circa_i_name_index_nearest(const NameIndex *index, const char *name);
/* Looks once at a deal's party name that is no entity yet: with entity tables, a name they do not
 * know gets a warning with the nearest one they do; without, a name that differs from an earlier
 * one only in case, spaces or punctuation gets a warning naming both places. */
void circa_i_check_new_name(Loader *loader, const CircaCsvField *field, const char *column,
                            const char *name);
/* The canonical name for @name after alias resolution, or NULL when the tables do not know it. */
const char *circa_i_resolve_name(Loader *loader, const char *name);
/* The provisional index + 1 of the entity named @canonical_or_raw, or 0 when it is new. */
guint32 circa_i_entity_lookup(Loader *loader, const char *canonical_or_raw);
/* Its provisional index, the entity added on first sight; @known is what
 * circa_i_entity_lookup() said, so a name is looked up once per row. */
guint32 circa_i_entity_index(Loader *loader, const char *canonical_or_raw, guint32 known);
/* Renumbers entities in name order and indexes every name and alias of the set: the last step. */
void circa_i_finish_entities(Loader *loader);
