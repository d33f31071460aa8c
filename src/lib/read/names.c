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

/* ---- one spelling per name ---- */

/* Whether @text is already in the form names are compared in: the common case (plain ASCII, one
 * space between words, none at the ends) costs one pass and no copy. */
static gboolean is_normal(const char *text)
{
    if (*text == ' ') {
        return FALSE;
    }
    for (const char *p = text; *p != '\0'; p++) {
        if ((guchar) *p >= 0x80 || (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))) {
            return FALSE;
        }
    }
    return TRUE;
}

char *circa_i_normalize_name(const char *text)
{
    if (is_normal(text)) {
        return g_strdup(text);
    }
    /* Every kind of space (no-break, thin, ideographic…) is one ASCII space; runs are one; none at
     * the ends; then Unicode NFC, so "Café" typed or pasted either way is one name. */
    GString *spaced = g_string_new(NULL);
    gboolean pending = FALSE;
    for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c)) {
            pending = spaced->len > 0;
            continue;
        }
        if (pending) {
            g_string_append_c(spaced, ' ');
            pending = FALSE;
        }
        g_string_append_unichar(spaced, c);
    }
    char *normal = g_utf8_normalize(spaced->str, (gssize) spaced->len, G_NORMALIZE_NFC);
    g_string_free(spaced, TRUE);
    return normal != NULL ? normal : g_strdup(text);
}

const char *circa_i_normal_name(Loader *loader, const char *text)
{
    if (is_normal(text)) {
        return text;
    }
    g_autofree char *normal = circa_i_normalize_name(text);
    return g_string_chunk_insert_const(loader->set->strings, normal);
}

/* A name must be present and on one line; returns it in its normal form, or NULL after
 * reporting. */
const char *circa_i_checked_name(Loader *loader, const CircaCsvField *field, const char *column)
{
    const char *name = circa_i_trim_len(field->text, field->length);
    glong n_chars = g_utf8_strlen(name, MIN(strlen(name), (gsize) 8 * CIRCA_MAX_NAME_CHARS));
    if (n_chars > CIRCA_MAX_NAME_CHARS) {
        /* Every output shows names whole: one of megabytes would be in every line of them. */
        g_autofree char *shown = circa_i_excerpt(name);
        circa_i_field_error(loader, field, column,
                            "a name is at most %d characters, and %s is longer; shorten it, and "
                            "keep the detail in the note column",
                            CIRCA_MAX_NAME_CHARS, shown);
        return NULL;
    }
    if (circa_i_has_invisible_character(name)) {
        g_autofree char *shown = circa_i_excerpt(name);
        circa_i_field_error(
            loader, field, column,
            "a name cannot hold line breaks, tabs or other invisible characters (found %s)", shown);
        return NULL;
    }
    gboolean plain = is_normal(name); /* plain ASCII, so without "→" too */
    if (!plain) {
        g_autofree char *normal = circa_i_normalize_name(name);
        name = g_string_chunk_insert_const(loader->set->strings, normal);
    }
    if (*name == '\0') {
        circa_i_field_error(loader, field, column, "required value is missing");
        return NULL;
    }
    if (!plain && strstr(name, "→") != NULL) {
        /* Loop keys join names with " → ": one name with it would make two loops one key. */
        g_autofree char *shown = circa_i_excerpt(name);
        circa_i_field_error(loader, field, column,
                            "a name cannot hold \"→\", which circa writes between the names of "
                            "a loop (found %s); write -> or another sign",
                            shown);
        return NULL;
    }
    return name;
}

/* ---- names that look alike ---- */

/* Greek and Cyrillic letters that look like Latin ones, after casefolding (Greek capital Alpha,
 * folded to alpha, looks like A): "OpenΑI" with an Alpha is a look-alike of OpenAI. */
static gunichar latin_look_alike(gunichar c)
{
    static const struct {
        gunichar from;
        char to;
    } letters[] = {
        {0x03B1, 'a'}, {0x03B2, 'b'}, {0x03B5, 'e'}, {0x03B6, 'z'}, {0x03B7, 'h'}, {0x03B9, 'i'},
        {0x03BA, 'k'}, {0x03BC, 'm'}, {0x03BD, 'n'}, {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C4, 't'},
        {0x03C5, 'y'}, {0x03C7, 'x'}, {0x0430, 'a'}, {0x0432, 'b'}, {0x0435, 'e'}, {0x043A, 'k'},
        {0x043C, 'm'}, {0x043D, 'h'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0442, 't'},
        {0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'},
    };
    for (guint i = 0; i < G_N_ELEMENTS(letters); i++) {
        if (letters[i].from == c) {
            return (gunichar) letters[i].to;
        }
    }
    return c;
}

char *circa_i_loose_key(const char *name)
{
    gboolean ascii = TRUE;
    for (const char *p = name; *p != '\0' && ascii; p++) {
        ascii = (guchar) *p < 0x80;
    }
    if (ascii) {
        /* The common case, without the Unicode tables: NFKC leaves ASCII alone, and casefolding
         * it is lowering it. */
        char *key = g_malloc(strlen(name) + 1), *out = key;
        for (const char *p = name; *p != '\0'; p++) {
            if (g_ascii_isalnum(*p)) {
                *out++ = g_ascii_tolower(*p);
            }
        }
        *out = '\0';
        return key;
    }
    /* NFKC first: full-width "ＯｐｅｎＡＩ" and ligatures become the letters they show. */
    g_autofree char *compatible = g_utf8_normalize(name, -1, G_NORMALIZE_NFKC);
    g_autofree char *folded = g_utf8_casefold(compatible != NULL ? compatible : name, -1);
    GString *key = g_string_new(NULL);
    for (const char *p = folded; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c)) {
            g_string_append_unichar(key, latin_look_alike(c));
        }
    }
    return g_string_free(key, FALSE);
}

/* Levenshtein distance between two strings of code points, or @limit + 1 once it is certain to
 * be more than @limit. */
static guint edit_distance(const gunichar *a, glong n, const gunichar *b, glong m, guint limit)
{
    if ((guint) ABS(n - m) > limit) {
        return limit + 1;
    }
    g_autofree guint *row = g_new(guint, m + 1);
    for (glong j = 0; j <= m; j++) {
        row[j] = (guint) j;
    }
    for (glong i = 1; i <= n; i++) {
        guint diagonal = row[0], best = row[0] = (guint) i;
        for (glong j = 1; j <= m; j++) {
            guint up = row[j];
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
            diagonal = up;
            best = MIN(best, row[j]);
        }
        if (best > limit) {
            return limit + 1;
        }
    }
    return row[m];
}

guint circa_i_edit_distance(const char *a, const char *b, guint limit)
{
    glong n, m;
    g_autofree gunichar *x = g_utf8_to_ucs4_fast(a, -1, &n);
    g_autofree gunichar *y = g_utf8_to_ucs4_fast(b, -1, &m);
    return edit_distance(x, n, y, m, limit);
}

/* A candidate with the two forms a suggestion compares, made once however many names ask. */
typedef struct {
    const char *name;
    char *key;        /* circa_i_loose_key() */
    gunichar *folded; /* casefolded code points */
    glong length;
} NameCandidate;

struct _NameIndex {
    NameCandidate *items;
    guint n;
};

static gunichar *folded_chars(const char *name, glong *length)
{
    g_autofree char *folded = g_utf8_casefold(name, -1);
    return g_utf8_to_ucs4_fast(folded, -1, length);
}

NameIndex *circa_i_name_index_new(const char *const *names, guint n)
{
    NameIndex *index = g_new0(NameIndex, 1);
    index->items = g_new0(NameCandidate, n + 1);
    index->n = n;
    for (guint i = 0; i < n; i++) {
        NameCandidate *c = &index->items[i];
        c->name = names[i];
        c->key = circa_i_loose_key(names[i]);
        c->folded = folded_chars(names[i], &c->length);
    }
    return index;
}

void circa_i_name_index_free(NameIndex *index)
{
    if (index == NULL) {
        return;
    }
    for (guint i = 0; i < index->n; i++) {
        g_free(index->items[i].key);
        g_free(index->items[i].folded);
    }
    g_free(index->items);
    g_free(index);
}

const char *circa_i_name_index_nearest(const NameIndex *index, const char *name)
{
    g_autofree char *key = circa_i_loose_key(name);
    glong length;
    g_autofree gunichar *chars = folded_chars(name, &length);
    /* One slip in a short name, two in a longer one, three at most. */
    guint limit = length <= 4 ? 1 : length <= 8 ? 2 : 3;
    gboolean long_key = strlen(key) >= 3;
    const char *best = NULL, *prefix_of = NULL;
    guint best_distance = limit + 1;
    for (guint i = 0; i < index->n; i++) {
        const NameCandidate *candidate = &index->items[i];
        if (strcmp(candidate->name, name) == 0) {
            continue;
        }
        guint distance;
        if (*key != '\0' && strcmp(candidate->key, key) == 0) {
            distance = 0; /* only case, spaces or punctuation differ */
        } else {
            distance = edit_distance(chars, length, candidate->folded, candidate->length, limit);
            distance += distance == 0; /* differs by something casefolding hides: not equal */
        }
        if (distance < best_distance) { /* ties go to the earlier candidate */
            best = candidate->name;
            best_distance = distance;
        }
        if (prefix_of == NULL && long_key && g_str_has_prefix(candidate->key, key)) {
            prefix_of = candidate->name; /* "Mistral" for Mistral AI */
        }
    }
    return best_distance <= limit ? best : prefix_of;
}

const char *circa_i_nearest_name(const char *name, const char *const *candidates, guint n)
{
    NameIndex *index = circa_i_name_index_new(candidates, n);
    const char *nearest = circa_i_name_index_nearest(index, name);
    circa_i_name_index_free(index);
    return nearest;
}

static int compare_pointed_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The names of the entity tables, then their aliases, each sorted (a suggestion prefers a name),
 * indexed once for every name the tables do not know; again only if the tables grew since. */
static const NameIndex *table_index(Loader *loader)
{
    guint n;
    if (loader->table_index != NULL &&
        loader->table_index_size == g_hash_table_size(loader->names)) {
        return loader->table_index;
    }
    const char **names = (const char **) g_hash_table_get_keys_as_array(loader->names, &n);
    guint n_names = 0;
    for (guint i = 0; i < n; i++) {
        if (!((const NameEntry *) g_hash_table_lookup(loader->names, names[i]))->is_alias) {
            const char *t = names[n_names];
            names[n_names++] = names[i];
            names[i] = t;
        }
    }
    qsort(names, n_names, sizeof *names, compare_pointed_strings);
    qsort(names + n_names, n - n_names, sizeof *names, compare_pointed_strings);
    circa_i_name_index_free(loader->table_index);
    loader->table_index = circa_i_name_index_new(names, n);
    loader->table_index_size = n;
    g_free(names);
    return loader->table_index;
}

/* Whether @name has had its warning already: a name stays new while its rows fail, and each is
 * said once. */
static gboolean warned_before(Loader *loader, const char *name)
{
    if (g_hash_table_contains(loader->names_warned, name)) {
        return TRUE;
    }
    g_hash_table_add(loader->names_warned,
                     (gpointer) g_string_chunk_insert_const(loader->set->strings, name));
    return FALSE;
}

void circa_i_check_new_name(Loader *loader, const CircaCsvField *field, const char *column,
                            const char *name)
{
    if (g_hash_table_size(loader->names) > 0) {
        if (warned_before(loader, name)) {
            return;
        }
        /* With an entity table, a name it does not know is a new entity or a slip. */
        const char *table = loader->set->entity_files->len == 1
                                ? g_ptr_array_index(loader->set->entity_files, 0)
                                : "the entity tables";
        g_autofree char *shown = circa_i_excerpt(name);
        /* A warning past the limit is only counted: spare it the search for a suggestion, which
         * is what made many unknown names against a large table slow. */
        const char *nearest = circa_diagnostics_keeps_warning(loader->diagnostics)
                                  ? circa_i_name_index_nearest(table_index(loader), name)
                                  : NULL;
        if (nearest != NULL) {
            const NameEntry *entry = g_hash_table_lookup(loader->names, nearest);
            g_autofree char *where = circa_i_loader_location(loader, entry->where);
            circa_i_field_warning(loader, field, column,
                                  "%s is neither a name nor an alias in %s; did you mean \"%s\" "
                                  "(%s)?",
                                  shown, table, nearest, where);
        } else {
            circa_i_field_warning(loader, field, column,
                                  "%s is neither a name nor an alias in %s; add it there if it is "
                                  "an entity of its own",
                                  shown, table);
        }
        return;
    }
    /* Without one, "Nvidia" and "NVIDIA" would silently be two entities. */
    char *key = circa_i_loose_key(name);
    const NameEntry *first = g_hash_table_lookup(loader->loose_names, key);
    if (first == NULL) {
        NameEntry *entry = g_new0(NameEntry, 1);
        entry->canonical = g_string_chunk_insert_const(loader->set->strings, name);
        entry->where.file = loader->current_file;
        entry->where.line = field->line;
        g_hash_table_insert(loader->loose_names, key, entry);
        return;
    }
    g_free(key);
    if (strcmp(first->canonical, name) == 0 || warned_before(loader, name)) {
        return; /* the first of its spellings, again after a row that failed */
    }
    g_autofree char *shown = circa_i_excerpt(name);
    g_autofree char *where = circa_i_loader_location(loader, first->where);
    circa_i_field_warning(loader, field, column,
                          "%s differs from \"%s\" (%s) only in case, spaces, punctuation or "
                          "look-alike letters; they are two entities unless an entity table "
                          "(entities.csv) makes one an alias of the other",
                          shown, first->canonical, where);
}

/* ---- resolving ---- */

/* Names from the entity tables resolve to their entity; others stand for themselves. */
const char *circa_i_resolve_name(Loader *loader, const char *name)
{
    if (g_hash_table_size(loader->names) == 0) {
        return NULL; /* no entity table: spare a hash per name */
    }
    NameEntry *entry = g_hash_table_lookup(loader->names, name);
    return entry != NULL ? entry->canonical : NULL;
}

guint32 circa_i_entity_lookup(Loader *loader, const char *canonical_or_raw)
{
    return GPOINTER_TO_UINT(g_hash_table_lookup(loader->entity_of, canonical_or_raw));
}

guint32 circa_i_entity_index(Loader *loader, const char *canonical_or_raw, guint32 known)
{
    if (known != 0) {
        return known - 1;
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
    g_autofree char *trimmed = g_strstrip(g_strdup(name));
    g_autofree char *normal = circa_i_normalize_name(trimmed);
    gpointer found = g_hash_table_lookup(set->names, normal);
    if (found == NULL) {
        return FALSE;
    }
    *entity = GPOINTER_TO_UINT(found) - 1;
    return TRUE;
}

char *circa_deal_set_suggest_entity(const CircaDealSet *set, const char *name)
{
    g_autofree char *trimmed = g_strstrip(g_strdup(name));
    g_autofree char *normal = circa_i_normalize_name(trimmed);
    /* Entity names first, then the aliases, each sorted: a suggestion prefers a name. */
    guint n_entities = set->entities->len, n_keys;
    g_autofree const char **keys =
        (const char **) g_hash_table_get_keys_as_array(set->names, &n_keys);
    g_autofree const char **names = g_new(const char *, n_keys + n_entities + 1);
    guint n = 0;
    for (guint i = 0; i < n_entities; i++) {
        names[n++] = circa_deal_set_entity(set, i)->name; /* already in name order */
    }
    guint first_alias = n;
    for (guint i = 0; i < n_keys; i++) {
        guint32 entity = GPOINTER_TO_UINT(g_hash_table_lookup(set->names, keys[i])) - 1;
        if (strcmp(circa_deal_set_entity(set, entity)->name, keys[i]) != 0) {
            names[n++] = keys[i];
        }
    }
    qsort(names + first_alias, n - first_alias, sizeof *names, compare_pointed_strings);
    const char *nearest = circa_i_nearest_name(normal, names, n);
    if (nearest == NULL) {
        return NULL;
    }
    guint32 entity = GPOINTER_TO_UINT(g_hash_table_lookup(set->names, nearest)) - 1;
    const char *canonical = circa_deal_set_entity(set, entity)->name;
    if (strcmp(canonical, nearest) == 0) {
        return g_strdup_printf("\"%s\"", canonical);
    }
    return g_strdup_printf("\"%s\" (an alias of %s)", nearest, canonical);
}
