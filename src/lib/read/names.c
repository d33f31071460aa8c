/* SPDX-License-Identifier: MIT */
/* The deal loader: files and folders in, one validated CircaDealSet out, and every problem on
 * the way reported with its file, line and column. Nothing is dropped silently: a row is either a
 * deal or the subject of an error. */

#include "circa/dealset.h"
#include "circa/csv.h"
#include "circa/error.h"
#include "text-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

typedef enum {
    COLUMN_NAME,
    COLUMN_ALIASES,
    COLUMN_TYPE,
    N_ENTITY_COLUMNS,
} EntityColumn;

typedef struct {
    const char *name;
    gboolean required;
} ColumnSpec;

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

static const ColumnSpec entity_columns[N_ENTITY_COLUMNS] = {
    [COLUMN_NAME] = {"name", TRUE},
    [COLUMN_ALIASES] = {"aliases", FALSE},
    [COLUMN_TYPE] = {"type", FALSE},
};

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

typedef struct {
    CircaDealSet *set;
    CircaDiagnostics *diagnostics;
    GPtrArray *file_names; /* char *: display names of every file read, deal or entity */
    guint16 current_file;
    GArray *name_of_deal_file; /* guint16 per entry of set->files: its index in file_names */

    GHashTable *names;     /* name or alias → NameEntry* (owned) */
    GHashTable *entity_of; /* canonical name → provisional entity index + 1 */
    GArray *entities;      /* CircaEntity, in order of first appearance */
    GHashTable *ids;       /* deal id → index + 1 into id_locations */
    GArray *id_locations;  /* Location */
    GArray *id_column;     /* guint32 per deal: the column of its id, for later messages */
} Loader;

static const char *file_name(Loader *loader, guint16 file)
{
    return g_ptr_array_index(loader->file_names, file);
}

static void G_GNUC_PRINTF(6, 7)
    report(Loader *loader, CircaSeverity severity, guint32 line, guint32 column,
           const char *column_name, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_autofree char *what = g_strdup_vprintf(format, args);
    va_end(args);
    if (column_name != NULL) {
        circa_diagnostics_add(loader->diagnostics, severity,
                              file_name(loader, loader->current_file), line, column, "%s: %s",
                              column_name, what);
    } else {
        circa_diagnostics_add(loader->diagnostics, severity,
                              file_name(loader, loader->current_file), line, column, "%s", what);
    }
}

/* Reports about a field of column @column_name, at the field's own place. */
#define field_error(loader, field, column_name, ...)                                               \
    report((loader), CIRCA_SEVERITY_ERROR, (field)->line, (field)->column, (column_name),          \
           __VA_ARGS__)
#define field_warning(loader, field, column_name, ...)                                             \
    report((loader), CIRCA_SEVERITY_WARNING, (field)->line, (field)->column, (column_name),        \
           __VA_ARGS__)

static char *excerpt(const char *text)
{
    GString *out = g_string_new(NULL);
    circa_i_append_excerpt(out, text);
    return g_string_free(out, FALSE);
}

static char *location_text(Loader *loader, Location where)
{
    return g_strdup_printf("%s:%u", file_name(loader, where.file), where.line);
}

static gboolean has_control_character(const char *text)
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
static gboolean has_invisible_character(const char *text)
{
    if (has_control_character(text)) {
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
static const char *checked_name(Loader *loader, const CircaCsvField *field, const char *column)
{
    const char *name = circa_i_trim_len(field->text, field->length);
    if (*name == '\0') {
        field_error(loader, field, column, "required value is missing");
        return NULL;
    }
    if (has_invisible_character(name)) {
        g_autofree char *shown = excerpt(name);
        field_error(loader, field, column,
                    "a name cannot hold line breaks, tabs or other invisible characters (found %s)",
                    shown);
        return NULL;
    }
    return name;
}

/* ---- reading files ---- */

typedef struct {
    GMappedFile *mapped; /* NULL for standard input */
    GBytes *bytes;
    const char *data;
    gsize length;
} FileContents;

static void file_contents_clear(FileContents *contents)
{
    g_clear_pointer(&contents->mapped, g_mapped_file_unref);
    g_clear_pointer(&contents->bytes, g_bytes_unref);
}

static gboolean read_stdin(FileContents *contents, GError **error)
{
    GByteArray *buffer = g_byte_array_new();
    guint8 chunk[65536];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int saved = errno;
            g_byte_array_unref(buffer);
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot read: %s", g_strerror(saved));
            return FALSE;
        }
        if (n == 0) {
            break;
        }
        g_byte_array_append(buffer, chunk, (guint) n);
    }
    contents->bytes = g_byte_array_free_to_bytes(buffer);
    contents->data = g_bytes_get_data(contents->bytes, &contents->length);
    return TRUE;
}

static gboolean read_file(const char *path, FileContents *contents, GError **error)
{
    if (strcmp(path, "-") == 0) {
        return read_stdin(contents, error);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int saved = errno;
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot read: %s", g_strerror(saved));
        return FALSE;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot read: Is a directory");
        return FALSE;
    }
    g_autoptr(GError) local = NULL;
    contents->mapped = g_mapped_file_new_from_fd(fd, FALSE, &local);
    close(fd);
    if (contents->mapped == NULL) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot read: %s", local->message);
        return FALSE;
    }
    contents->data = g_mapped_file_get_contents(contents->mapped);
    contents->length = g_mapped_file_get_length(contents->mapped);
    return TRUE;
}

/* Line and column of byte @at, for problems found outside the CSV reader; counted as the reader
 * counts: a leading BOM is not a character, and CRLF, LF and a lone CR each end a line. */
static void locate(const char *data, const char *at, guint32 *line, guint32 *column)
{
    const char *p = data;
    if (at - data >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
    }
    *line = 1;
    *column = 1;
    for (; p < at; p++) {
        if (*p == '\n' || (*p == '\r' && !(p + 1 < at && p[1] == '\n'))) {
            (*line)++;
            *column = 1;
        } else if (*p != '\r' && ((guchar) *p & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

/* One clear message for a file that is not CSV text at all, instead of a cascade. */
static gboolean check_text(Loader *loader, const FileContents *contents)
{
    if (contents->length >= 2 &&
        ((guchar) contents->data[0] == 0xFF || (guchar) contents->data[0] == 0xFE) &&
        ((guchar) contents->data[1] == 0xFE || (guchar) contents->data[1] == 0xFF) &&
        contents->data[0] != contents->data[1]) {
        report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
               "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        return FALSE;
    }
    /* UTF-16 text without a byte-order mark: every other byte of ASCII is NUL. */
    const guchar *b = (const guchar *) contents->data;
    if (contents->length >= 4 &&
        ((b[0] && !b[1] && b[2] && !b[3]) || (!b[0] && b[1] && !b[2] && b[3]))) {
        report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
               "the file looks like UTF-16 (every other byte is NUL); save it as UTF-8");
        return FALSE;
    }
    const char *nul = memchr(contents->data, '\0', contents->length);
    if (nul != NULL) {
        guint32 line, column;
        locate(contents->data, nul, &line, &column);
        report(loader, CIRCA_SEVERITY_ERROR, line, column, NULL,
               "not a text file: it holds a NUL byte; expected CSV or TSV text in UTF-8");
        return FALSE;
    }
    return TRUE;
}

static gboolean is_tsv(const char *path)
{
    return g_str_has_suffix(path, ".tsv") || g_str_has_suffix(path, ".TSV");
}

static void report_csv_problem(Loader *loader, const Header *header, const CircaCsvProblem *problem)
{
    const char *column =
        header != NULL && problem->field < header->n_fields ? header->names[problem->field] : NULL;
    report(loader, CIRCA_SEVERITY_ERROR, problem->line, problem->column, column, "%s",
           problem->message);
}

/* Reads the header record and maps its names onto @header's columns. FALSE (after reporting)
 * when the file cannot be read as this kind of table. */
static gboolean read_header(Loader *loader, CircaCsvReader *reader, Header *header,
                            const char *what, char delimiter)
{
    const CircaCsvField *fields;
    guint n_fields;
    CircaCsvProblem problem;

    for (guint c = 0; c < header->n_specs; c++) {
        header->field_of[c] = -1;
    }
    switch (circa_csv_reader_next(reader, &fields, &n_fields, &problem)) {
    case CIRCA_CSV_END:
        report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
               "empty file: expected a header row naming the %s columns", what);
        return FALSE;
    case CIRCA_CSV_PROBLEM:
        report(loader, CIRCA_SEVERITY_ERROR, problem.line, problem.column, "header", "%s",
               problem.message);
        return FALSE;
    case CIRCA_CSV_RECORD:
        break;
    }

    /* Which spec each field names, before saying anything: a file that names none of them is
     * not this kind of table at all, and one message says so instead of a warning per field. */
    g_autofree int *spec_of = g_new(int, n_fields);
    guint n_known = 0;
    for (guint f = 0; f < n_fields; f++) {
        const char *name = circa_i_trim_len(fields[f].text, fields[f].length);
        spec_of[f] = -1;
        for (guint c = 0; c < header->n_specs; c++) {
            if (g_ascii_strcasecmp(name, header->specs[c].name) == 0) {
                spec_of[f] = (int) c;
                n_known++;
                break;
            }
        }
    }
    g_autoptr(GString) example = g_string_new(NULL);
    for (guint c = 0; c < header->n_specs; c++) {
        g_string_append_printf(example, "%s%s", c ? "," : "", header->specs[c].name);
    }
    if (n_known == 0) {
        g_autoptr(GString) row = g_string_new(NULL);
        for (guint f = 0; f < n_fields; f++) {
            if (f > 0) {
                g_string_append_c(row, delimiter);
            }
            g_string_append(row, fields[f].text);
        }
        g_autofree char *shown = excerpt(row->str);
        const char *other = delimiter == ',' ? ";" : ",";
        if (n_fields == 1 && strstr(row->str, other) != NULL) {
            report(loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
                   "the first row names none of the %s columns; it looks separated by '%s', but a "
                   "%s file separates fields with %s (found %s)",
                   what, other, delimiter == ',' ? ".csv" : ".tsv",
                   delimiter == ',' ? "commas" : "tabs", shown);
        } else {
            report(loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
                   "the first row names none of the %s columns; a %s file starts with a header "
                   "row such as %s (found %s)",
                   what, what, example->str, shown);
        }
        return FALSE;
    }
    if (n_fields > G_N_ELEMENTS(header->names)) {
        report(loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
               "%u columns is more than the %u a %s file can have; is this the right file?",
               n_fields, (guint) G_N_ELEMENTS(header->names), what);
        return FALSE;
    }

    gboolean ok = TRUE;
    g_autoptr(GString) missing = g_string_new(NULL);
    g_autoptr(GString) required = g_string_new(NULL);
    guint n_missing = 0;
    for (guint c = 0, k = 0; c < header->n_specs; c++) {
        gboolean present = FALSE;
        for (guint f = 0; f < n_fields; f++) {
            present |= spec_of[f] == (int) c;
        }
        if (header->specs[c].required) {
            g_string_append_printf(required, "%s%s", k++ ? ", " : "", header->specs[c].name);
            if (!present) {
                g_string_append_printf(missing, "%s\"%s\"", n_missing++ ? ", " : "",
                                       header->specs[c].name);
            }
        }
    }
    if (n_missing > 0) {
        report(loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, "header",
               "missing required column%s %s; the first row of a %s file must name its columns "
               "(at least %s)",
               n_missing > 1 ? "s" : "", missing->str, what, required->str);
        ok = FALSE;
    }

    header->n_fields = n_fields;
    header->delimiter = delimiter;
    for (guint f = 0; f < n_fields; f++) {
        header->names[f] = g_ascii_strdown(circa_i_trim(fields[f].text), -1);
        int c = spec_of[f];
        if (c < 0 && header->names[f][0] == '\0') {
            field_warning(loader, &fields[f], "header",
                          "a column without a name is ignored (a trailing %s?)",
                          delimiter == ',' ? "comma" : "tab");
        } else if (c < 0) {
            g_autofree char *shown = excerpt(header->names[f]);
            g_autoptr(GString) known = g_string_new(NULL);
            for (guint k = 0; k < header->n_specs; k++) {
                g_string_append_printf(known, "%s%s", k ? ", " : "", header->specs[k].name);
            }
            field_warning(loader, &fields[f], "header",
                          "unknown column %s is ignored (known columns: %s)", shown, known->str);
        } else if (header->field_of[c] >= 0) {
            field_error(loader, &fields[f], "header",
                        "column \"%s\" appears twice (first at column %u)", header->specs[c].name,
                        fields[header->field_of[c]].column);
            ok = FALSE;
        } else {
            header->field_of[c] = (int) f;
        }
    }
    return ok;
}

/* A row whose fields are all empty, as spreadsheets export: nothing to read, said once. */
static gboolean skip_empty_row(Loader *loader, const CircaCsvField *fields, guint n_fields)
{
    for (guint f = 0; f < n_fields; f++) {
        if (circa_i_trim_len(fields[f].text, fields[f].length)[0] != '\0') {
            return FALSE;
        }
    }
    report(loader, CIRCA_SEVERITY_WARNING, fields[0].line, fields[0].column, NULL,
           "the row holds only empty fields; it is ignored");
    return TRUE;
}

/* The header again, as when two files are joined: one error rather than one per field. */
static gboolean reject_repeated_header(Loader *loader, const Header *header,
                                       const CircaCsvField *fields, guint n_fields)
{
    if (n_fields != header->n_fields) {
        return FALSE;
    }
    for (guint f = 0; f < n_fields; f++) {
        if (g_ascii_strcasecmp(circa_i_trim_len(fields[f].text, fields[f].length),
                               header->names[f]) != 0) {
            return FALSE;
        }
    }
    report(loader, CIRCA_SEVERITY_ERROR, fields[0].line, fields[0].column, NULL,
           "the header row is repeated here; a file has one header row, at the top (were two "
           "files joined?)");
    return TRUE;
}

static void header_clear(Header *header)
{
    for (guint f = 0; f < header->n_fields; f++) {
        g_free(header->names[f]);
    }
    header->n_fields = 0;
}

/* Checks the field count of a record against the header. */
static gboolean check_field_count(Loader *loader, const Header *header, const CircaCsvField *fields,
                                  guint n_fields)
{
    if (n_fields == header->n_fields) {
        return TRUE;
    }
    const CircaCsvField *at = n_fields > header->n_fields ? &fields[header->n_fields] : &fields[0];
    const char *hint = "";
    if (n_fields == header->n_fields + 1 && fields[n_fields - 1].length == 0 &&
        !fields[n_fields - 1].quoted) {
        hint = header->delimiter == ',' ? " (the row ends with an extra comma)"
                                        : " (the row ends with an extra tab)";
    } else if (n_fields > header->n_fields) {
        hint = " (a field with a comma in it must be quoted)";
    }
    report(loader, CIRCA_SEVERITY_ERROR, at->line, at->column, NULL,
           "expected %u fields as in the header, found %u%s", header->n_fields, n_fields, hint);
    return FALSE;
}

/* The field of @column in this record, or NULL when the header has no such column. */
static const CircaCsvField *field_for(const Header *header, const CircaCsvField *fields,
                                      guint column)
{
    int f = header->field_of[column];
    return f < 0 ? NULL : &fields[f];
}

/* ---- entity tables ---- */

static void add_name(Loader *loader, const char *text, const CircaCsvField *field, guint offset,
                     const char *canonical, const char *type, gboolean is_alias)
{
    NameEntry *existing = g_hash_table_lookup(loader->names, text);
    guint32 column = field->column + (field->quoted ? 1 : 0) + offset;
    const char *column_name = is_alias ? "aliases" : "name";
    if (existing != NULL) {
        if (is_alias && existing->canonical == canonical) {
            return; /* the same alias twice for one entity says nothing new */
        }
        g_autofree char *first = location_text(loader, existing->where);
        g_autofree char *shown = excerpt(text);
        if (existing->is_alias) {
            report(loader, CIRCA_SEVERITY_ERROR, field->line, column, column_name,
                   "%s is already an alias of %s (%s)", shown, existing->canonical, first);
        } else {
            report(loader, CIRCA_SEVERITY_ERROR, field->line, column, column_name,
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

static void read_entity_row(Loader *loader, const Header *header, const CircaCsvField *fields,
                            guint32 record_line)
{
    const CircaCsvField *name_field = field_for(header, fields, COLUMN_NAME);
    const char *name = checked_name(loader, name_field, "name");
    if (name == NULL) {
        return;
    }
    const CircaCsvField *type_field = field_for(header, fields, COLUMN_TYPE);
    const char *type = type_field ? circa_i_trim_len(type_field->text, type_field->length) : "";
    if (has_control_character(type)) {
        field_error(loader, type_field, "type", "a type cannot hold control characters");
        type = "";
    }
    const char *canonical = g_string_chunk_insert(loader->set->strings, name);
    add_name(loader, name, name_field, 0, canonical,
             g_string_chunk_insert_const(loader->set->strings, type), FALSE);
    NameEntry *self = g_hash_table_lookup(loader->names, name);
    if (self == NULL || self->canonical != canonical) {
        return; /* the name clashed: its aliases would only repeat the error */
    }

    const CircaCsvField *aliases = field_for(header, fields, COLUMN_ALIASES);
    if (aliases == NULL) {
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
            if (has_invisible_character(alias)) {
                field_error(loader, aliases, "aliases", "an alias cannot hold control characters");
            } else if (strcmp(alias, name) != 0) {
                add_name(loader, alias, aliases, offset, canonical, self->type, TRUE);
            }
        }
        cursor = next;
    }
}

/* ---- deal files ---- */

static gboolean is_slug(const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p) && strchr("-_.:/", *p) == NULL) {
            return FALSE;
        }
    }
    return TRUE;
}

/* The canonical name for @name after alias resolution (interned in the set's strings). */
static const char *resolve(Loader *loader, const char *name)
{
    if (g_hash_table_size(loader->names) == 0) {
        return NULL; /* no entity table: spare a hash per name */
    }
    NameEntry *entry = g_hash_table_lookup(loader->names, name);
    return entry != NULL ? entry->canonical : NULL;
}

static guint32 entity_index(Loader *loader, const char *canonical_or_raw)
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

static gboolean read_id(Loader *loader, const CircaCsvField *field, const char **id)
{
    const char *text = circa_i_trim_len(field->text, field->length);
    if (*text == '\0') {
        field_error(loader, field, "id", "required value is missing");
        return FALSE;
    }
    if (!is_slug(text)) {
        g_autofree char *shown = excerpt(text);
        field_error(loader, field, "id",
                    "expected a slug of letters, digits and - _ . : / (found %s)", shown);
        return FALSE;
    }
    gpointer first = g_hash_table_lookup(loader->ids, text);
    if (first != NULL) {
        Location where = g_array_index(loader->id_locations, Location, GPOINTER_TO_UINT(first) - 1);
        g_autofree char *at = location_text(loader, where);
        field_error(loader, field, "id", "duplicate id \"%s\"; it was first used at %s", text, at);
        return FALSE;
    }
    Location here = {loader->current_file, field->line};
    g_array_append_val(loader->id_locations, here);
    *id = g_string_chunk_insert(loader->set->strings, text);
    g_hash_table_insert(loader->ids, (gpointer) *id, GUINT_TO_POINTER(loader->id_locations->len));
    return TRUE;
}

static gboolean read_party(Loader *loader, const CircaCsvField *field, const char *column,
                           const char **canonical)
{
    const char *name = checked_name(loader, field, column);
    if (name == NULL) {
        return FALSE;
    }
    const char *resolved = resolve(loader, name);
    *canonical = resolved != NULL ? resolved : name;
    return TRUE;
}

/* Checks one field of a deal row; FALSE after reporting a problem. */
static gboolean read_deal_field(Loader *loader, DealColumn column, const CircaCsvField *field,
                                CircaDeal *deal, const char **payer, const char **payee)
{
    g_autoptr(GError) error = NULL;
    const char *text = circa_i_trim_len(field->text, field->length);
    const char *name = deal_columns[column].name;

    switch (column) {
    case COLUMN_ID:
        return read_id(loader, field, &deal->id);
    case COLUMN_PAYER:
        return read_party(loader, field, name, payer);
    case COLUMN_PAYEE:
        return read_party(loader, field, name, payee);
    case COLUMN_DATE:
        if (!circa_date_parse(text, &deal->date, &error)) {
            field_error(loader, field, name, "%s", error->message);
            return FALSE;
        }
        return TRUE;
    case COLUMN_AMOUNT: {
        gboolean rounded = FALSE;
        if (!circa_amount_parse(text, &deal->amount_usd, &rounded, &error)) {
            field_error(loader, field, name, "%s", error->message);
            return FALSE;
        }
        if (rounded) {
            field_warning(loader, field, name,
                          "rounded to %" G_GINT64_FORMAT " whole dollars (found \"%s\")",
                          deal->amount_usd, text);
        } else if (deal->amount_usd == 0) {
            field_warning(loader, field, name,
                          "amount is zero; leave the field empty when the amount is undisclosed "
                          "(found \"%s\")",
                          text);
        }
        return TRUE;
    }
    case COLUMN_KIND: {
        CircaKind kind;
        if (*text == '\0') {
            field_error(loader, field, name, "required value is missing; expected one of %s",
                        circa_kind_list());
            return FALSE;
        }
        if (!circa_kind_from_string(text, &kind)) {
            g_autofree char *shown = excerpt(text);
            field_error(loader, field, name, "unknown kind; expected one of %s (found %s)",
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
            g_autofree char *shown = excerpt(text);
            field_error(loader, field, name, "unknown status; expected one of %s (found %s)",
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
                                  const char *payer, const char *payee)
{
    if (strcmp(payer, payee) != 0) {
        return TRUE;
    }
    const char *written = circa_i_trim(payee_field->text);
    if (strcmp(written, payee) == 0) {
        field_error(loader, payee_field, "payee",
                    "\"%s\" is also the payer; a deal needs two parties", payee);
    } else {
        field_error(loader, payee_field, "payee",
                    "\"%s\" is an alias of %s, which is also the payer; a deal needs two parties",
                    written, payee);
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
    const char *payer = NULL, *payee = NULL;
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
        ok &= read_deal_field(loader, (DealColumn) column_at[f], &fields[f], &deal, &payer, &payee);
        /* Once both parties are read, here, so the row's messages stay in column order. */
        if (!parties_checked && payer != NULL && payee != NULL) {
            parties_checked = TRUE;
            ok &= check_two_parties(loader, field_for(header, fields, COLUMN_PAYEE), payer, payee);
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
    deal.payer = entity_index(loader, payer);
    deal.payee = entity_index(loader, payee);
    g_array_append_val(loader->set->deals, deal);
    guint32 id_column = field_for(header, fields, COLUMN_ID)->column;
    g_array_append_val(loader->id_column, id_column);
}

/* Reads one row that passed the structural checks. */
typedef void (*RowReader)(Loader *loader, const Header *header, const CircaCsvField *fields,
                          guint32 record_line);

/* Reads a table: the header, then every record through @read_row, after the checks every kind of
 * table shares (syntax, empty rows, a repeated header, the field count). */
static void read_table(Loader *loader, const FileContents *contents, gboolean tsv,
                       const ColumnSpec *specs, guint n_specs, const char *what,
                       RowReader read_row)
{
    char delimiter = tsv ? '\t' : ',';
    g_autoptr(CircaCsvReader) reader =
        circa_csv_reader_new(contents->data, contents->length, delimiter);
    Header header = {.specs = specs, .n_specs = n_specs};
    if (read_header(loader, reader, &header, what, delimiter)) {
        const CircaCsvField *fields;
        guint n_fields;
        CircaCsvProblem problem;
        CircaCsvResult result;
        guint n_rows = 0;
        while (!circa_diagnostics_is_full(loader->diagnostics) &&
               (result = circa_csv_reader_next(reader, &fields, &n_fields, &problem)) !=
                   CIRCA_CSV_END) {
            n_rows++;
            if (result == CIRCA_CSV_PROBLEM) {
                report_csv_problem(loader, &header, &problem);
            } else if (!skip_empty_row(loader, fields, n_fields) &&
                       !reject_repeated_header(loader, &header, fields, n_fields) &&
                       check_field_count(loader, &header, fields, n_fields)) {
                read_row(loader, &header, fields, circa_csv_reader_record_line(reader));
            }
        }
        if (n_rows == 0) {
            report(loader, CIRCA_SEVERITY_WARNING, 0, 0, NULL, "no rows after the header row");
        }
    }
    header_clear(&header);
}

static void read_deal_file(Loader *loader, const FileContents *contents, gboolean tsv)
{
    if (loader->set->files->len >= G_MAXUINT16) {
        report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL, "too many deal files (at most %u)",
               (guint) G_MAXUINT16);
        return;
    }
    g_array_append_val(loader->name_of_deal_file, loader->current_file);
    g_ptr_array_add(
        loader->set->files,
        g_string_chunk_insert(loader->set->strings, file_name(loader, loader->current_file)));
    read_table(loader, contents, tsv, deal_columns, N_DEAL_COLUMNS, "deal", read_deal_row);
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
static void warn_duplicate_terms(Loader *loader)
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
        Location where = {g_array_index(loader->name_of_deal_file, guint16, first->file), first->line};
        g_autofree char *at = location_text(loader, where);
        loader->current_file = g_array_index(loader->name_of_deal_file, guint16, deal->file);
        report(loader, CIRCA_SEVERITY_WARNING, deal->line,
               g_array_index(loader->id_column, guint32, i), "id",
               "deal \"%s\" has the same payer, payee, kind, date and amount as deal \"%s\" (%s); "
               "is it entered twice?",
               deal->id, first->id, at);
    }
}

/* ---- putting it together ---- */

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

gboolean circa_deal_set_find_entity(const CircaDealSet *set, const char *name, guint32 *entity)
{
    gpointer found = g_hash_table_lookup(set->names, name);
    if (found == NULL) {
        return FALSE;
    }
    *entity = GPOINTER_TO_UINT(found) - 1;
    return TRUE;
}

static gboolean is_entity_table(const char *path)
{
    g_autofree char *base = g_path_get_basename(path);
    return g_ascii_strcasecmp(base, "entities.csv") == 0 ||
           g_ascii_strcasecmp(base, "entities.tsv") == 0;
}

static gboolean is_deal_file_name(const char *name)
{
    if (name[0] == '.') {
        return FALSE;
    }
    gsize length = strlen(name);
    return length > 4 && (g_ascii_strcasecmp(name + length - 4, ".csv") == 0 ||
                          g_ascii_strcasecmp(name + length - 4, ".tsv") == 0);
}

static int compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *) a, *(char *const *) b);
}

typedef struct {
    GPtrArray *tables; /* char *: entity tables to read, in order */
    GPtrArray *deals;  /* char *: deal files to read, in order */
    GHashTable *seen;  /* real paths already listed */
} Plan;

static void plan_file(Loader *loader, Plan *plan, const char *path, gboolean as_table)
{
    g_autofree char *display = g_filename_display_name(path);
    if (strcmp(path, "-") != 0) {
        char *real = realpath(path, NULL);
        if (real != NULL && g_hash_table_contains(plan->seen, real)) {
            circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_WARNING, display, 0, 0,
                                  "named more than once; read once");
            free(real);
            return;
        }
        if (real != NULL) {
            g_hash_table_add(plan->seen, g_strdup(real));
            free(real);
        }
    }
    g_ptr_array_add(as_table ? plan->tables : plan->deals, g_strdup(path));
}

static void plan_path(Loader *loader, Plan *plan, const char *path)
{
    g_autofree char *display = g_filename_display_name(path);
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
        /* Reported now, so problems come in the order the paths were given. */
        int saved = errno;
        circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_ERROR, display, 0, 0,
                              "cannot read: %s", g_strerror(saved));
        return;
    }
    if (strcmp(path, "-") == 0 || !S_ISDIR(st.st_mode)) {
        plan_file(loader, plan, path, is_entity_table(path));
        return;
    }
    g_autoptr(GError) error = NULL;
    g_autoptr(GDir) dir = g_dir_open(path, 0, &error);
    if (dir == NULL) {
        circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_ERROR, display, 0, 0,
                              "cannot read the directory: %s", error->message);
        return;
    }
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(dir)) != NULL) {
        if (is_deal_file_name(name)) {
            g_ptr_array_add(names, g_build_filename(path, name, NULL));
        }
    }
    g_ptr_array_sort(names, compare_strings);
    guint n_deal_files = 0;
    for (guint i = 0; i < names->len; i++) {
        const char *file = g_ptr_array_index(names, i);
        if (g_file_test(file, G_FILE_TEST_IS_DIR)) {
            continue;
        }
        gboolean table = is_entity_table(file);
        n_deal_files += !table;
        plan_file(loader, plan, file, table);
    }
    if (n_deal_files == 0) {
        circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_ERROR, display, 0, 0,
                              "no deal files (*.csv, *.tsv) in this directory");
    }
}

static void read_planned(Loader *loader, const char *path, gboolean as_table)
{
    g_ptr_array_add(loader->file_names,
                    g_filename_display_name(strcmp(path, "-") == 0 ? "<stdin>" : path));
    loader->current_file = (guint16) (loader->file_names->len - 1);
    if (as_table) {
        g_ptr_array_add(
            loader->set->entity_files,
            g_string_chunk_insert(loader->set->strings, file_name(loader, loader->current_file)));
    }

    FileContents contents = {0};
    g_autoptr(GError) error = NULL;
    if (!read_file(path, &contents, &error)) {
        report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL, "%s", error->message);
    } else if (contents.length == 0) {
        report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
               "empty file: expected a header row naming the %s columns",
               as_table ? "entity table" : "deal");
    } else if (check_text(loader, &contents)) {
        if (as_table) {
            read_table(loader, &contents, is_tsv(path), entity_columns, N_ENTITY_COLUMNS,
                       "entity table", read_entity_row);
        } else {
            read_deal_file(loader, &contents, is_tsv(path));
        }
    }
    file_contents_clear(&contents);
}

void circa_deal_set_free(CircaDealSet *set)
{
    if (set == NULL) {
        return;
    }
    g_array_free(set->deals, TRUE);
    g_array_free(set->entities, TRUE);
    g_ptr_array_free(set->files, TRUE);
    g_ptr_array_free(set->entity_files, TRUE);
    g_hash_table_destroy(set->names);
    g_string_chunk_free(set->strings);
    g_free(set);
}

static CircaDealSet *deal_set_new(void)
{
    CircaDealSet *set = g_new0(CircaDealSet, 1);
    set->deals = g_array_new(FALSE, FALSE, sizeof(CircaDeal));
    set->entities = g_array_new(FALSE, FALSE, sizeof(CircaEntity));
    set->files = g_ptr_array_new();
    set->entity_files = g_ptr_array_new();
    set->strings = g_string_chunk_new(1 << 16);
    set->names = g_hash_table_new(g_str_hash, g_str_equal);
    return set;
}

CircaDealSet *circa_deal_set_load(const char *const *paths, const CircaLoadOptions *options,
                                  CircaDiagnostics *diagnostics, GError **error)
{
    g_return_val_if_fail(paths != NULL && diagnostics != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    g_autoptr(CircaDealSet) set = deal_set_new();
    Loader loader = {
        .set = set,
        .diagnostics = diagnostics,
        .file_names = g_ptr_array_new_with_free_func(g_free),
        .names = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free),
        .entity_of = g_hash_table_new(g_str_hash, g_str_equal),
        .entities = g_array_new(FALSE, FALSE, sizeof(CircaEntity)),
        .ids = g_hash_table_new(g_str_hash, g_str_equal),
        .id_locations = g_array_new(FALSE, FALSE, sizeof(Location)),
        .name_of_deal_file = g_array_new(FALSE, FALSE, sizeof(guint16)),
        .id_column = g_array_new(FALSE, FALSE, sizeof(guint32)),
    };
    Plan plan = {
        .tables = g_ptr_array_new_with_free_func(g_free),
        .deals = g_ptr_array_new_with_free_func(g_free),
        .seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    };
    guint errors_before = circa_diagnostics_n_errors(diagnostics);

    if (options != NULL && options->entities_path != NULL) {
        plan_file(&loader, &plan, options->entities_path, TRUE);
    }
    for (guint i = 0; paths[i] != NULL; i++) {
        plan_path(&loader, &plan, paths[i]);
    }
    if (paths[0] == NULL) {
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, NULL, 0, 0, "no deal files given");
    }
    for (guint i = 0; i < plan.tables->len && !circa_diagnostics_is_full(diagnostics); i++) {
        read_planned(&loader, g_ptr_array_index(plan.tables, i), TRUE);
    }
    for (guint i = 0; i < plan.deals->len && !circa_diagnostics_is_full(diagnostics); i++) {
        read_planned(&loader, g_ptr_array_index(plan.deals, i), FALSE);
    }
    if (!circa_diagnostics_is_full(diagnostics)) {
        warn_duplicate_terms(&loader);
    }
    sort_entities(&loader);
    index_names(&loader);

    g_ptr_array_free(plan.tables, TRUE);
    g_ptr_array_free(plan.deals, TRUE);
    g_hash_table_destroy(plan.seen);
    g_ptr_array_free(loader.file_names, TRUE);
    g_hash_table_destroy(loader.names);
    g_hash_table_destroy(loader.entity_of);
    g_array_free(loader.entities, TRUE);
    g_hash_table_destroy(loader.ids);
    g_array_free(loader.id_locations, TRUE);
    g_array_free(loader.name_of_deal_file, TRUE);
    g_array_free(loader.id_column, TRUE);

    guint n_errors = circa_diagnostics_n_errors(diagnostics) - errors_before;
    if (n_errors > 0) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT, "%u error%s in the input", n_errors,
                    n_errors == 1 ? "" : "s");
        return NULL;
    }
    return g_steal_pointer(&set);
}
