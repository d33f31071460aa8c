/* SPDX-License-Identifier: MIT */
/* Loading deal files, folders and entity tables into one validated CircaDealSet. */
#pragma once

#include <glib.h>

#include "circa/deal.h"
#include "circa/diagnostics.h"

G_BEGIN_DECLS

typedef struct {
    const char *name; /* canonical name */
    const char *type; /* from the entity table; "" when not given */
} CircaEntity;

/* The types an entity table knows (lab, cloud, chipmaker, investor, neocloud, enterprise, jv,
 * other), in that order; the diagrams fill entities by them. */
#define CIRCA_N_ENTITY_TYPES 8
const char *const *circa_entity_types(void);
gboolean circa_entity_type_is_known(const char *type);
/* "lab, cloud, …, other", for messages. */
const char *circa_entity_type_list(void);

/* Everything loaded, read-only for callers. Entities are sorted by name (byte order), so an
 * entity's index is stable for a given data set and doubles as its graph vertex id. */
typedef struct {
    GArray *deals;           /* CircaDeal, in file order, then line order */
    GArray *entities;        /* CircaEntity, only those that take part in a deal */
    GPtrArray *files;        /* char *: deal files read, as named to the user */
    GPtrArray *entity_files; /* char *: entity tables read */
    GStringChunk *strings;   /* owns every string above */
    GHashTable *names;       /* entity name or alias → entity index + 1 (see find_entity) */
} CircaDealSet;

/* The most circa reads of one file (or of standard input) unless told otherwise: 2 GiB. */
#define CIRCA_MAX_FILE_BYTES ((gsize) 2 << 30)

typedef struct {
    /* nullable: the entity table to use, instead of the entities.csv of folders and beside deal
     * files */
    const char *entities_path;
    /* TRUE: a deal file named alone does not read the entities.csv beside it */
    gboolean no_tables_beside;
    /* the most bytes read of one file; 0: CIRCA_MAX_FILE_BYTES (the largest it may be) */
    gsize max_file_bytes;
    /* nullable: files under this folder are named to the user as @display_prefix followed by
     * their path inside it ("HEAD~1:graphs/deals.csv" for a revision written out to a temporary
     * folder), in messages and in the set's file lists */
    const char *display_root;
    const char *display_prefix;
} CircaLoadOptions;

/* Reads every deal file and folder in @paths (NULL-terminated). A folder contributes its
 * *.csv and *.tsv files, sorted by name; a file named entities.csv (or .tsv), in a folder or
 * given directly, is an entity table (name,aliases,type). A deal file named alone reads the
 * entities.csv of its folder too (unless @options says not to), so a file and its folder give
 * the same entities; standard input ("-") reads only the tables named. Every problem found goes
 * to @diagnostics (all files are read, up to its error limit). Returns NULL with a
 * CIRCA_ERROR_INPUT error when any problem was an error; warnings alone do not fail. */
CircaDealSet *circa_deal_set_load(const char *const *paths, const CircaLoadOptions *options,
                                  CircaDiagnostics *diagnostics, GError **error);
/* A set with no deals and no files: one side of a diff that has none yet. */
CircaDealSet *circa_deal_set_new_empty(void);
void circa_deal_set_free(CircaDealSet *set);

/* The entity @name (a canonical name or an alias from the entity table, compared as names are:
 * spaces of every kind trimmed and folded, Unicode NFC) stands for; FALSE when no deal involves
 * it. */
gboolean circa_deal_set_find_entity(const CircaDealSet *set, const char *name, guint32 *entity);
/* For a @name circa_deal_set_find_entity() does not know: the entity it most likely means, as
 * "\"Nvidia\"" or "\"NVIDIA\" (an alias of Nvidia)" (the same name but for case, spaces or
 * punctuation, else within a few edits), or NULL. Free it. */
char *circa_deal_set_suggest_entity(const CircaDealSet *set, const char *name);

static inline const CircaDeal *circa_deal_set_deal(const CircaDealSet *set, guint index)
{
    return &g_array_index(set->deals, CircaDeal, index);
}

static inline const CircaEntity *circa_deal_set_entity(const CircaDealSet *set, guint index)
{
    return &g_array_index(set->entities, CircaEntity, index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaDealSet, circa_deal_set_free)

G_END_DECLS
