/* SPDX-License-Identifier: MIT */
/* Entity tables (name,aliases,type): every name and alias an entity goes by, and its type. */

#include "read/loader-private.h"
#include "text-private.h"

#include <string.h>

/* ---- columns ---- */

typedef enum {
    COLUMN_NAME,
    COLUMN_ALIASES,
    COLUMN_TYPE,
    N_ENTITY_COLUMNS,
} EntityColumn;

static const ColumnSpec entity_columns[N_ENTITY_COLUMNS] = {
    [COLUMN_NAME] = {"name", TRUE},
    [COLUMN_ALIASES] = {"aliases", FALSE},
    [COLUMN_TYPE] = {"type", FALSE},
};

static const char *const entity_types[CIRCA_N_ENTITY_TYPES] = {
    "lab", "cloud", "chipmaker", "investor", "neocloud", "enterprise", "jv", "other",
};

const char *const *circa_entity_types(void)
{
    return entity_types;
}

gboolean circa_entity_type_is_known(const char *type)
{
    for (guint i = 0; i < CIRCA_N_ENTITY_TYPES; i++) {
        if (strcmp(type, entity_types[i]) == 0) {
            return TRUE;
        }
    }
    return FALSE;
}

const char *circa_entity_type_list(void)
{
    return "lab, cloud, chipmaker, investor, neocloud, enterprise, jv, other";
}

static void add_name(Loader *loader, const char *text, const CircaCsvField *field, guint offset,
                     const char *canonical, const char *type, gboolean is_alias)
{
    NameEntry *existing = g_hash_table_lookup(loader->names, text);
    guint32 column = field->column + (field->quoted ? 1 : 0) + offset;
    const char *column_name = is_alias ? "aliases" : "name";
    if (existing != NULL) {
        if (is_alias && existing->canonical == canonical) {
            g_autofree char *shown = circa_i_excerpt(text);
            circa_i_loader_report(loader, CIRCA_SEVERITY_WARNING, field->line, column, column_name,
                                  "%s is listed twice for %s; once is enough", shown, canonical);
            return;
        }
        g_autofree char *first = circa_i_loader_location(loader, existing->where);
        g_autofree char *shown = circa_i_excerpt(text);
        if (existing->is_alias) {
            circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, field->line, column, column_name,
                                  "%s is already an alias of %s (%s)", shown, existing->canonical,
                                  first);
        } else {
            circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, field->line, column, column_name,
                                  "%s is already an entity (%s)", shown, first);
        }
        return;
    }
    NameEntry *entry = g_new0(NameEntry, 1);
    entry->canonical = canonical;
    entry->type = type;
    entry->where.file = loader->current_file;
    entry->where.line = field->line;
    entry->is_alias = is_alias;
    g_hash_table_insert(loader->names, g_string_chunk_insert(loader->set->strings, text), entry);
}

/* Types choose the diagrams' fills: one the legend does not know is drawn plain, so say so. */
static void check_type(Loader *loader, const CircaCsvField *type_field, const char *type)
{
    if (*type == '\0' || circa_entity_type_is_known(type)) {
        return;
    }
    g_autofree char *shown = circa_i_excerpt(type);
    const char *nearest = circa_i_nearest_name(type, circa_entity_types(), CIRCA_N_ENTITY_TYPES);
    if (nearest != NULL) {
        circa_i_field_warning(loader, type_field, "type",
                              "unknown type %s; did you mean %s? (known types: %s)", shown, nearest,
                              circa_entity_type_list());
    } else {
        circa_i_field_warning(loader, type_field, "type", "unknown type %s (known types: %s)",
                              shown, circa_entity_type_list());
    }
}

static void read_entity_row(Loader *loader, const Header *header, const CircaCsvField *fields,
                            guint32 record_line)
{
    const CircaCsvField *name_field = circa_i_field_for(header, fields, COLUMN_NAME);
    const char *name = circa_i_checked_name(loader, name_field, "name");
    if (name == NULL) {
        return;
    }
    const CircaCsvField *type_field = circa_i_field_for(header, fields, COLUMN_TYPE);
    const char *type = type_field ? circa_i_trim_len(type_field->text, type_field->length) : "";
    if (circa_i_has_control_character(type)) {
        circa_i_field_error(loader, type_field, "type", "a type cannot hold control characters");
        type = "";
    }
    const char *canonical = g_string_chunk_insert(loader->set->strings, name);
    add_name(loader, name, name_field, 0, canonical,
             g_string_chunk_insert_const(loader->set->strings, type), FALSE);
    NameEntry *self = g_hash_table_lookup(loader->names, name);
    if (self == NULL || self->canonical != canonical) {
        return; /* the name clashed: its aliases would only repeat the error */
    }

    const CircaCsvField *aliases = circa_i_field_for(header, fields, COLUMN_ALIASES);
    if (aliases == NULL) {
        check_type(loader, type_field, type);
        return;
    }
    /* Columns of aliases are exact when the field holds no escaped quote or line break. */
    gboolean exact = strpbrk(aliases->text, "\"\n\r") == NULL;
    char *cursor = aliases->text;
    while (cursor != NULL) {
        char *next = strchr(cursor, ';');
        if (next != NULL) {
            *next++ = '\0';
        }
        const char *start = cursor;
        while (*start == ' ' || *start == '\t') {
            start++;
        }
        guint offset = 0;
        for (const char *q = aliases->text; exact && q < start; q++) {
            offset += ((guchar) *q & 0xC0) != 0x80; /* count characters; earlier ';' are NULs now */
        }
        char *alias = circa_i_trim(cursor);
        if (*alias != '\0') {
            if (circa_i_has_invisible_character(alias)) {
                circa_i_field_error(loader, aliases, "aliases",
                                    "an alias cannot hold control characters");
            } else {
                const char *normal = circa_i_normal_name(loader, alias);
                if (*normal != '\0' && strcmp(normal, name) != 0) {
                    add_name(loader, normal, aliases, offset, canonical, self->type, TRUE);
                }
            }
        }
        cursor = next;
    }
    check_type(loader, type_field, type); /* after the aliases: messages in column order */
}

void circa_i_read_entity_table(Loader *loader, const FileContents *contents, gboolean tsv)
{
    circa_i_read_table(loader, contents, tsv, entity_columns, N_ENTITY_COLUMNS, "entity table",
                       read_entity_row);
}
