/* SPDX-License-Identifier: MIT */
/* Entity names: which are acceptable, what they resolve to through the entity tables, and the
 * numbering of entities in name order once every file is read. */

#include "circa/dealset.h"
#include "read/loader-private.h"
#include "text-private.h"

#include <string.h>

/* ---- checking names ---- */

gboolean circa_i_has_control_character(const char *text)
{
    for (const guchar *p = (const guchar *) text; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7F) {
            return TRUE;
        }
    }
    return FALSE;
}

/* Characters a reader cannot see: controls, and Unicode format characters such as a stray BOM,
 * zero-width spaces or bidirectional overrides. Two names differing only by them would be two
 * entities that look like one. */
gboolean circa_i_has_invisible_character(const char *text)
{
    if (circa_i_has_control_character(text)) {
        return TRUE;
    }
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        if ((guchar) *p < 0x80) {
            continue;
        }
        GUnicodeType type = g_unichar_type(g_utf8_get_char(p));
        if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
            type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR) {
            return TRUE;
        }
    }
    return FALSE;
}

/* A name must be present and on one line; returns it trimmed, or NULL after reporting. */
const char *circa_i_checked_name(Loader *loader, const CircaCsvField *field, const char *column)
{
    const char *name = circa_i_trim_len(field->text, field->length);
    if (*name == '\0') {
        circa_i_field_error(loader, field, column, "required value is missing");
        return NULL;
    }
    if (circa_i_has_invisible_character(name)) {
        g_autofree char *shown = circa_i_excerpt(name);
        circa_i_field_error(
            loader, field, column,
            "a name cannot hold line breaks, tabs or other invisible characters (found %s)", shown);
        return NULL;
    }
    return name;
}

/* Names from the entity tables resolve to their entity; others stand for themselves. */
const char *circa_i_resolve_name(Loader *loader, const char *name)
{
    if (g_hash_table_size(loader->names) == 0) {
        return NULL; /* no entity table: spare a hash per name */
    }
    NameEntry *entry = g_hash_table_lookup(loader->names, name);
    return entry != NULL ? entry->canonical : NULL;
}

guint32 circa_i_entity_index(Loader *loader, const char *canonical_or_raw)
{
    gpointer found = g_hash_table_lookup(loader->entity_of, canonical_or_raw);
    if (found != NULL) {
        return GPOINTER_TO_UINT(found) - 1;
    }
    const char *name = g_string_chunk_insert(loader->set->strings, canonical_or_raw);
    NameEntry *entry = g_hash_table_lookup(loader->names, name);
    CircaEntity entity = {.name = name, .type = entry != NULL ? entry->type : ""};
    g_array_append_val(loader->entities, entity);
    g_hash_table_insert(loader->entity_of, (gpointer) name,
                        GUINT_TO_POINTER(loader->entities->len));
    return loader->entities->len - 1;
}

/* ---- numbering ---- */

static int compare_entities(gconstpointer a, gconstpointer b, gpointer user_data)
{
    const CircaEntity *entities = user_data;
    return strcmp(entities[*(const guint32 *) a].name, entities[*(const guint32 *) b].name);
}

/* Renumbers entities in name order, so vertex ids do not depend on file order. */
static void sort_entities(Loader *loader)
{
    guint n = loader->entities->len;
    g_autofree guint32 *order = g_new(guint32, n);
    g_autofree guint32 *rank = g_new(guint32, n);
    for (guint i = 0; i < n; i++) {
        order[i] = i;
    }
    g_qsort_with_data(order, (gint) n, sizeof(guint32), compare_entities, loader->entities->data);
    g_array_set_size(loader->set->entities, n);
    for (guint i = 0; i < n; i++) {
        rank[order[i]] = i;
        g_array_index(loader->set->entities, CircaEntity, i) =
            g_array_index(loader->entities, CircaEntity, order[i]);
    }
    for (guint i = 0; i < loader->set->deals->len; i++) {
        CircaDeal *deal = &g_array_index(loader->set->deals, CircaDeal, i);
        deal->payer = rank[deal->payer];
        deal->payee = rank[deal->payee];
    }
}

/* Every entity's name, and every alias of the entity tables, to the entity's index. */
static void index_names(Loader *loader)
{
    CircaDealSet *set = loader->set;
    for (guint i = 0; i < set->entities->len; i++) {
        g_hash_table_insert(set->names, (gpointer) circa_deal_set_entity(set, i)->name,
                            GUINT_TO_POINTER(i + 1));
    }
    GHashTableIter iter;
    gpointer name, value;
    g_hash_table_iter_init(&iter, loader->names);
    while (g_hash_table_iter_next(&iter, &name, &value)) {
        const NameEntry *entry = value;
        gpointer entity = g_hash_table_lookup(set->names, entry->canonical);
        if (entity != NULL) {
            g_hash_table_insert(set->names, name, entity);
        }
    }
}

void circa_i_finish_entities(Loader *loader)
{
    sort_entities(loader);
    index_names(loader);
}

gboolean circa_deal_set_find_entity(const CircaDealSet *set, const char *name, guint32 *entity)
{
    gpointer found = g_hash_table_lookup(set->names, name);
    if (found == NULL) {
        return FALSE;
    }
    *entity = GPOINTER_TO_UINT(found) - 1;
    return TRUE;
}
