/* SPDX-License-Identifier: MIT */
/* The deal loader: files and folders in, one validated CircaDealSet out, and every problem on
 * the way reported with its file, line and column. Nothing is dropped silently: a row is either a
 * deal or the subject of an error. This part plans which files to read, reads them, and reports;
 * tables, deal rows, entity tables and names have files of their own (see loader-private.h). */

#include "circa/dealset.h"
#include "circa/error.h"
#include "read/loader-private.h"
#include "text-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reporting ---- */

const char *circa_i_loader_file_name(Loader *loader, guint16 file)
{
    return g_ptr_array_index(loader->file_names, file);
}

void circa_i_loader_report(Loader *loader, CircaSeverity severity, guint32 line, guint32 column,
                           const char *column_name, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    g_autofree char *what = g_strdup_vprintf(format, args);
    va_end(args);
    if (column_name != NULL) {
        circa_diagnostics_add(loader->diagnostics, severity,
                              circa_i_loader_file_name(loader, loader->current_file), line, column,
                              "%s: %s", column_name, what);
    } else {
        circa_diagnostics_add(loader->diagnostics, severity,
                              circa_i_loader_file_name(loader, loader->current_file), line, column,
                              "%s", what);
    }
}

char *circa_i_loader_location(Loader *loader, Location where)
{
    return g_strdup_printf("%s:%u", circa_i_loader_file_name(loader, where.file), where.line);
}

/* ---- reading files ---- */

static void file_contents_clear(FileContents *contents)
{
    g_clear_pointer(&contents->bytes, g_bytes_unref);
}

/* Reads all of @fd with read(), never by mapping it: a pipe, a FIFO, process substitution and a
 * file that shrinks while it is read all behave, and nothing can fault later. Stops at
 * CIRCA_MAX_FILE_BYTES, and at the first chunk holding a NUL byte (no text file has one; the
 * caller says so), so /dev/zero costs one chunk. */
static gboolean read_all(int fd, gsize expected, gsize cap, FileContents *contents, GError **error)
{
    /* Our own buffer, not a GByteArray: that doubles past the cap (4 GiB for a 2 GiB cap) and
     * aborts when memory runs out; this one grows to the cap + 1 at most and says so. */
    gsize alloc = MIN(expected + 1, MIN((gsize) 64 << 20, cap + 1)), len = 0;
    alloc = MAX(alloc, 1);
    char *buffer = g_try_malloc(alloc);
    gsize chunk = 1 << 16;
    for (;;) {
        if (len > cap) {
            g_free(buffer);
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO,
                        "more than %" G_GSIZE_FORMAT " bytes, the most circa reads of one file; "
                        "split it into several deal files",
                        cap);
            return FALSE;
        }
        if (buffer != NULL && alloc - len < chunk) {
            gsize grown = MIN(MAX(alloc * 2, len + chunk), cap + 1);
            char *bigger = grown > alloc ? g_try_realloc(buffer, grown) : buffer;
            if (bigger == NULL) {
                g_free(buffer);
                buffer = NULL;
            } else {
                buffer = bigger;
                alloc = grown;
            }
        }
        if (buffer == NULL) {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO,
                        "not enough memory to read it (%" G_GSIZE_FORMAT " MB read)", len >> 20);
            return FALSE;
        }
        ssize_t n = read(fd, buffer + len, MIN(chunk, alloc - len));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int saved = errno;
            g_free(buffer);
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot read: %s", g_strerror(saved));
            return FALSE;
        }
        gsize before = len;
        len += (gsize) n;
        if (n == 0 || memchr(buffer + before, '\0', (gsize) n) != NULL) {
            break; /* the end, or binary data that check_text() reports */
        }
        chunk = MIN(chunk * 2, (gsize) 16 << 20);
    }
    contents->bytes = g_bytes_new_take(len < alloc ? g_realloc(buffer, MAX(len, 1)) : buffer, len);
    contents->data = g_bytes_get_data(contents->bytes, &contents->length);
    if (contents->data == NULL) {
        contents->data = "";
    }
    return TRUE;
}

static gboolean read_file(const char *path, gsize cap, FileContents *contents, GError **error)
{
    if (strcmp(path, "-") == 0) {
        return read_all(STDIN_FILENO, 0, cap, contents, error);
    }
    /* Non-blocking to open, so a FIFO without a writer cannot hold circa; then blocking to read. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
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
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    gboolean regular = S_ISREG(st.st_mode);
    gboolean ok = read_all(fd, regular ? (gsize) st.st_size : 0, cap, contents, error);
    close(fd);
    if (ok && regular && contents->length != (gsize) st.st_size &&
        memchr(contents->data, '\0', contents->length) == NULL) {
        file_contents_clear(contents);
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO,
                    "the file changed while it was read (%" G_GUINT64_FORMAT " bytes before, "
                    "%" G_GSIZE_FORMAT " read); read it again once it is written",
                    (guint64) st.st_size, contents->length);
        return FALSE;
    }
    return ok;
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
        circa_i_loader_report(
            loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8");
        return FALSE;
    }
    /* UTF-16 text without a byte-order mark: every other byte of ASCII is NUL. */
    const guchar *b = (const guchar *) contents->data;
    if (contents->length >= 4 &&
        ((b[0] && !b[1] && b[2] && !b[3]) || (!b[0] && b[1] && !b[2] && b[3]))) {
        circa_i_loader_report(
            loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
            "the file looks like UTF-16 (every other byte is NUL); save it as UTF-8");
        return FALSE;
    }
    const char *nul = memchr(contents->data, '\0', contents->length);
    if (nul != NULL) {
        guint32 line, column;
        locate(contents->data, nul, &line, &column);
        circa_i_loader_report(
            loader, CIRCA_SEVERITY_ERROR, line, column, NULL,
            "not a text file: it holds a NUL byte; expected CSV or TSV text in UTF-8");
        return FALSE;
    }
    return TRUE;
}

/* Standard input has no name to tell TSV by: its header row does (tabs and no comma). */
static gboolean looks_like_tsv(const FileContents *contents)
{
    const char *end = memchr(contents->data, '\n', contents->length);
    gsize length = end != NULL ? (gsize) (end - contents->data) : contents->length;
    return memchr(contents->data, '\t', length) != NULL &&
           memchr(contents->data, ',', length) == NULL;
}

static gboolean is_tsv(const char *path)
{
    return g_str_has_suffix(path, ".tsv") || g_str_has_suffix(path, ".TSV");
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

/* @path as the user knows it: a file of a revision written out under display_root is named by
 * its revision and its path in the repository. Free it. */
static char *display_name(const Loader *loader, const char *path)
{
    gsize root = loader->display_root != NULL ? strlen(loader->display_root) : 0;
    if (root > 0 && strncmp(path, loader->display_root, root) == 0 &&
        (path[root] == G_DIR_SEPARATOR || path[root] == '\0')) {
        g_autofree char *inside =
            g_filename_display_name(path[root] != '\0' ? path + root + 1 : ".");
        return g_strconcat(loader->display_prefix, inside, NULL);
    }
    return g_filename_display_name(path);
}

typedef struct {
    GPtrArray *tables; /* char *: entity tables to read, in order */
    GPtrArray *deals;  /* char *: deal files to read, in order */
    GHashTable *seen;  /* real path already listed → 1 when it was found by itself */
} Plan;

/* Lists @path once. A file named twice is read once and said so; a table found by itself (the
 * entities.csv beside a deal file) is read once without a word. */
static void plan_file(Loader *loader, Plan *plan, const char *path, gboolean as_table,
                      gboolean found_by_itself)
{
    g_autofree char *display = display_name(loader, path);
    if (strcmp(path, "-") != 0) {
        char *real = realpath(path, NULL);
        gpointer before;
        if (real != NULL && g_hash_table_lookup_extended(plan->seen, real, NULL, &before)) {
            /* Named twice is worth a word; found beside a deal file and named too is not. */
            if (!found_by_itself && GPOINTER_TO_INT(before) == 0) {
                circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_WARNING, display, 0, 0,
                                      "named more than once; read once");
            }
            free(real);
            return;
        }
        if (real != NULL) {
            g_hash_table_insert(plan->seen, g_strdup(real), GINT_TO_POINTER(found_by_itself));
            free(real);
        }
    }
    g_ptr_array_add(as_table ? plan->tables : plan->deals, g_strdup(path));
}

/* A deal file named alone reads the entity table of its folder, as the folder would: the same
 * data gives the same entities however it is named. */
static void plan_table_beside(Loader *loader, Plan *plan, const char *path)
{
    g_autofree char *folder = g_path_get_dirname(path);
    static const char *const names[] = {"entities.csv", "entities.tsv"};
    for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
        /* "entities.csv" beside "deals.csv", not "./entities.csv": named as the user would. */
        g_autofree char *table = strchr(path, G_DIR_SEPARATOR) == NULL
                                     ? g_strdup(names[i])
                                     : g_build_filename(folder, names[i], NULL);
        if (g_file_test(table, G_FILE_TEST_IS_REGULAR)) {
            plan_file(loader, plan, table, TRUE, TRUE);
        }
    }
}

/* @own_tables: read the entity table beside a deal file or in a folder; FALSE when --entities
 * names the one to use instead. */
static void plan_path(Loader *loader, Plan *plan, const char *path, gboolean tables_beside,
                      gboolean own_tables)
{
    g_autofree char *display = display_name(loader, path);
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
        /* Reported now, so problems come in the order the paths were given. */
        int saved = errno;
        circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_ERROR, display, 0, 0,
                              "cannot read: %s", g_strerror(saved));
        return;
    }
    if (strcmp(path, "-") == 0 || !S_ISDIR(st.st_mode)) {
        gboolean table = is_entity_table(path);
        if (!table && tables_beside && own_tables && strcmp(path, "-") != 0) {
            plan_table_beside(loader, plan, path);
        }
        plan_file(loader, plan, path, table, FALSE);
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
        if (!g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
            /* A FIFO, socket or device named like a deal file: reading it could block or never
             * end, and a folder is a set of files. A link that leads nowhere is said as such. */
            g_autofree char *shown = display_name(loader, file);
            struct stat target;
            int failed = stat(file, &target) != 0 ? errno : 0;
            circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_WARNING, shown, 0, 0, "%s",
                                  failed == 0 ? "not a regular file (a FIFO, socket or device); "
                                                "skipped"
                                  : failed == ELOOP  ? "a symbolic link that loops; skipped"
                                  : failed == ENOENT ? "a symbolic link to a missing file; skipped"
                                                     : g_strerror(failed));
            continue;
        }
        gboolean table = is_entity_table(file);
        n_deal_files += !table;
        if (!table || own_tables) {
            plan_file(loader, plan, file, table, FALSE);
        }
    }
    if (n_deal_files == 0) {
        circa_diagnostics_add(loader->diagnostics, CIRCA_SEVERITY_ERROR, display, 0, 0,
                              "no deal files (*.csv, *.tsv) in this directory");
    }
}

static void read_planned(Loader *loader, const char *path, gboolean as_table)
{
    g_ptr_array_add(loader->file_names,
                    strcmp(path, "-") == 0 ? g_strdup("<stdin>") : display_name(loader, path));
    loader->current_file = (guint16) (loader->file_names->len - 1);
    if (as_table) {
        g_ptr_array_add(
            loader->set->entity_files,
            g_string_chunk_insert(loader->set->strings,
                                  circa_i_loader_file_name(loader, loader->current_file)));
    }

    FileContents contents = {0};
    g_autoptr(GError) error = NULL;
    if (!read_file(path, loader->max_file_bytes, &contents, &error)) {
        circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL, "%s", error->message);
    } else if (contents.length == 0) {
        circa_i_loader_report(loader, CIRCA_SEVERITY_ERROR, 0, 0, NULL,
                              "empty file: expected a header row naming the %s columns",
                              as_table ? "entity table" : "deal");
    } else if (check_text(loader, &contents)) {
        gboolean tsv = strcmp(path, "-") == 0 ? looks_like_tsv(&contents) : is_tsv(path);
        if (as_table) {
            circa_i_read_entity_table(loader, &contents, tsv);
        } else {
            circa_i_read_deal_file(loader, &contents, tsv);
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

CircaDealSet *circa_deal_set_new_empty(void)
{
    return deal_set_new();
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
        .names_warned = g_hash_table_new(g_str_hash, g_str_equal),
        .loose_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free),
        .entity_of = g_hash_table_new(g_str_hash, g_str_equal),
        .entities = g_array_new(FALSE, FALSE, sizeof(CircaEntity)),
        .ids = g_hash_table_new(g_str_hash, g_str_equal),
        .id_locations = g_array_new(FALSE, FALSE, sizeof(Location)),
        .name_of_deal_file = g_array_new(FALSE, FALSE, sizeof(guint16)),
        .id_column = g_array_new(FALSE, FALSE, sizeof(guint32)),
        .max_file_bytes = options != NULL && options->max_file_bytes > 0
                              ? MIN(options->max_file_bytes, CIRCA_MAX_FILE_BYTES)
                              : CIRCA_MAX_FILE_BYTES,
        .display_root = options != NULL ? options->display_root : NULL,
        .display_prefix = options != NULL ? options->display_prefix : NULL,
    };
    Plan plan = {
        .tables = g_ptr_array_new_with_free_func(g_free),
        .deals = g_ptr_array_new_with_free_func(g_free),
        .seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    };
    guint errors_before = circa_diagnostics_n_errors(diagnostics);

    if (options != NULL && options->entities_path != NULL) {
        plan_file(&loader, &plan, options->entities_path, TRUE, FALSE);
    }
    gboolean tables_beside = options == NULL || !options->no_tables_beside;
    gboolean own_tables = options == NULL || options->entities_path == NULL;
    for (guint i = 0; paths[i] != NULL; i++) {
        plan_path(&loader, &plan, paths[i], tables_beside, own_tables);
    }
    if (paths[0] == NULL) {
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, NULL, 0, 0, "no deal files given");
    } else if (plan.deals->len == 0 && plan.tables->len > 0 &&
               circa_diagnostics_n_errors(diagnostics) == errors_before) {
        /* Only entity tables: nothing to check the tables against, and nothing to find. */
        circa_diagnostics_add(diagnostics, CIRCA_SEVERITY_ERROR, NULL, 0, 0,
                              "no deal files given, only the entity table %s; name a deal file "
                              "or the folder that holds both",
                              (const char *) g_ptr_array_index(plan.tables, 0));
    }
    for (guint i = 0; i < plan.tables->len && !circa_diagnostics_is_full(diagnostics); i++) {
        read_planned(&loader, g_ptr_array_index(plan.tables, i), TRUE);
    }
    for (guint i = 0; i < plan.deals->len && !circa_diagnostics_is_full(diagnostics); i++) {
        read_planned(&loader, g_ptr_array_index(plan.deals, i), FALSE);
    }
    if (!circa_diagnostics_is_full(diagnostics)) {
        circa_i_warn_duplicate_terms(&loader);
    }
    circa_i_finish_entities(&loader);

    g_ptr_array_free(plan.tables, TRUE);
    g_ptr_array_free(plan.deals, TRUE);
    g_hash_table_destroy(plan.seen);
    g_ptr_array_free(loader.file_names, TRUE);
    g_hash_table_destroy(loader.names);
    g_hash_table_destroy(loader.names_warned);
    g_hash_table_destroy(loader.loose_names);
    circa_i_name_index_free(loader.table_index);
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
