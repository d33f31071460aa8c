/* SPDX-License-Identifier: MIT */
/* Deal files of a git revision, through git itself (GSubprocess; no git library): the revision
 * is resolved once, each asked path is looked up in its tree, and every blob is written by
 * `git cat-file blob` straight into a temporary folder. cat-file applies no filters and runs no
 * hooks, so a stranger's repository cannot make this step run anything. */

#include "circa/revision.h"
#include "circa/dealset.h"
#include "circa/error.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* Runs git with @argv (after "git"); its stdout into *@out (nullable: to @out_path, or
 * discarded). FALSE with @error carrying git's own first line of stderr. */
static gboolean run_git(const char *const *argv, GBytes **out, const char *out_path, GError **error)
{
    g_autoptr(GPtrArray) args = g_ptr_array_new();
    g_ptr_array_add(args, (gpointer) "git");
    for (guint i = 0; argv[i] != NULL; i++) {
        g_ptr_array_add(args, (gpointer) argv[i]);
    }
    g_ptr_array_add(args, NULL);

    GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDIN_INHERIT;
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new(
        flags | (out_path == NULL ? G_SUBPROCESS_FLAGS_STDOUT_PIPE : G_SUBPROCESS_FLAGS_NONE));
    if (out_path != NULL) {
        g_subprocess_launcher_set_stdout_file_path(launcher, out_path);
    }
    /* Never ask for credentials or open a pager: this runs unattended in CI. */
    g_subprocess_launcher_setenv(launcher, "GIT_TERMINAL_PROMPT", "0", TRUE);
    g_subprocess_launcher_setenv(launcher, "GIT_PAGER", "cat", TRUE);
    g_autoptr(GError) spawn_error = NULL;
    g_autoptr(GSubprocess) git =
        g_subprocess_launcher_spawnv(launcher, (const char *const *) args->pdata, &spawn_error);
    if (git == NULL) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot run git: %s (is git installed?)",
                    spawn_error->message);
        return FALSE;
    }
    g_autoptr(GBytes) stdout_bytes = NULL;
    g_autoptr(GBytes) stderr_bytes = NULL;
    if (!g_subprocess_communicate(git, NULL, NULL, out_path == NULL ? &stdout_bytes : NULL,
                                  &stderr_bytes, &spawn_error)) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "git: %s", spawn_error->message);
        return FALSE;
    }
    if (!g_subprocess_get_if_exited(git) || g_subprocess_get_exit_status(git) != 0) {
        gsize length = 0;
        const char *said = stderr_bytes != NULL ? g_bytes_get_data(stderr_bytes, &length) : NULL;
        g_autofree char *line = g_strndup(said != NULL ? said : "", length);
        char *end = strchr(line, '\n');
        if (end != NULL) {
            *end = '\0';
        }
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE, "%s",
                    line[0] != '\0' ? line : "git failed");
        return FALSE;
    }
    if (out != NULL) {
        *out = g_steal_pointer(&stdout_bytes);
    }
    return TRUE;
}

/* git's stdout as one trimmed line. */
static char *git_line(const char *const *argv, GError **error)
{
    g_autoptr(GBytes) out = NULL;
    if (!run_git(argv, &out, NULL, error)) {
        return NULL;
    }
    gsize length;
    const char *data = g_bytes_get_data(out, &length);
    return g_strstrip(g_strndup(data, length));
}

static gboolean check_revision_text(const char *revision, GError **error)
{
    if (revision == NULL || revision[0] == '\0' || revision[0] == '-') {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "--git: expected a revision (a branch, a tag, a commit, HEAD~1), found \"%s\"",
                    revision != NULL ? revision : "");
        return FALSE;
    }
    return TRUE;
}

char *circa_revision_resolve(const char *revision, GError **error)
{
    if (!check_revision_text(revision, error)) {
        return NULL;
    }
    g_autofree char *spec = g_strconcat(revision, "^{commit}", NULL);
    const char *argv[] = {"rev-parse", "--verify", "--quiet", "--end-of-options", spec, NULL};
    g_autoptr(GError) git_error = NULL;
    char *sha = git_line(argv, &git_error);
    if (sha == NULL || sha[0] == '\0') {
        g_free(sha);
        if (git_error != NULL && git_error->code == CIRCA_ERROR_IO) {
            g_propagate_error(error, g_steal_pointer(&git_error));
            return NULL;
        }
        const char *inside[] = {"rev-parse", "--git-dir", NULL};
        g_autoptr(GError) repository = NULL;
        g_autofree char *git_dir = git_line(inside, &repository);
        if (git_dir == NULL) {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                        "--git %s: the current folder is not in a git repository (%s)", revision,
                        repository->message);
        } else {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                        "--git %s: no such revision in this repository (a shallow clone may need "
                        "`git fetch --depth=1 origin %s`)",
                        revision, revision);
        }
        return NULL;
    }
    return sha;
}

char *circa_revision_folder_prefix(GError **error)
{
    const char *argv[] = {"rev-parse", "--show-prefix", NULL};
    return git_line(argv, error);
}

char *circa_revision_top(GError **error)
{
    const char *argv[] = {"rev-parse", "--show-toplevel", NULL};
    return git_line(argv, error);
}

char *circa_revision_merge_base(const char *a, const char *b, GError **error)
{
    g_autofree char *first = circa_revision_resolve(a, error);
    g_autofree char *second = first != NULL ? circa_revision_resolve(b, error) : NULL;
    if (second == NULL) {
        return NULL;
    }
    const char *argv[] = {"merge-base", first, second, NULL};
    g_autoptr(GError) git_error = NULL;
    char *base = git_line(argv, &git_error);
    if (base == NULL || base[0] == '\0') {
        g_free(base);
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                    "--git %s...%s: the two revisions have no common ancestor", a, b);
        return NULL;
    }
    /* Named in every message and path: twelve digits are what a person reads, and git still
     * resolves them. */
    const char *shorten[] = {"rev-parse", "--short=12", base, NULL};
    char *short_base = git_line(shorten, NULL);
    if (short_base != NULL && short_base[0] != '\0') {
        g_free(base);
        return short_base;
    }
    g_free(short_base);
    return base;
}

/* @path as a clean relative path ("graphs/deals.csv", or "" for the current folder); NULL for an
 * absolute path or one that climbs out with "..". */
static char *clean_path(const char *path)
{
    if (g_path_is_absolute(path)) {
        return NULL;
    }
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    g_autoptr(GPtrArray) kept = g_ptr_array_new();
    for (guint i = 0; parts[i] != NULL; i++) {
        if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0) {
            continue;
        }
        if (strcmp(parts[i], "..") == 0) {
            return NULL;
        }
        g_ptr_array_add(kept, parts[i]);
    }
    g_ptr_array_add(kept, NULL);
    return g_strjoinv("/", (char **) kept->pdata);
}

static gboolean is_deal_file_name(const char *name)
{
    gsize length = strlen(name);
    return length > 4 && (g_ascii_strcasecmp(name + length - 4, ".csv") == 0 ||
                          g_ascii_strcasecmp(name + length - 4, ".tsv") == 0);
}

static gboolean is_table_name(const char *name)
{
    return g_ascii_strcasecmp(name, "entities.csv") == 0 ||
           g_ascii_strcasecmp(name, "entities.tsv") == 0;
}

/* The object type of @spec ("tree", "blob"), or NULL when the revision does not have it. */
static char *object_type(const char *spec)
{
    const char *argv[] = {"cat-file", "-t", spec, NULL};
    return git_line(argv, NULL);
}

typedef struct {
    const char *revision;
    const char *sha;
    const char *root;
    gsize max_file_bytes;
} Writer;

/* Writes the files of the tree at @folder ("" for the top) that @want accepts into
 * root/@folder. @only (nullable) keeps one name besides the entity tables. */
static gboolean write_folder(const Writer *writer, const char *folder, const char *only,
                             GError **error)
{
    g_autofree char *spec = g_strdup_printf("%s:./%s", writer->sha, folder);
    /* --full-tree: in a subfolder ls-tree would filter the tree by the current folder's path
     * again, as if it were the top, and list nothing. */
    const char *argv[] = {"ls-tree", "--full-tree", "-z", "-l", spec, NULL};
    g_autoptr(GBytes) listing = NULL;
    if (!run_git(argv, &listing, NULL, error)) {
        return FALSE;
    }
    g_autofree char *target = g_build_filename(writer->root, folder, NULL);
    if (g_mkdir_with_parents(target, 0700) != 0) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot make a temporary folder: %s",
                    g_strerror(errno));
        return FALSE;
    }
    gsize length;
    const char *data = g_bytes_get_data(listing, &length);
    const char *end = data + length;
    for (const char *entry = data; entry < end;) {
        const char *next = memchr(entry, '\0', (gsize) (end - entry));
        next = next != NULL ? next : end;
        g_autofree char *line = g_strndup(entry, (gsize) (next - entry));
        entry = next + 1;
        /* "<mode> SP <type> SP <object> SP+ <size> TAB <name>" */
        char *tab = strchr(line, '\t');
        if (tab == NULL) {
            continue;
        }
        *tab = '\0';
        const char *name = tab + 1;
        char mode[8] = "", type[8] = "", object[80] = "", size[24] = "";
        if (sscanf(line, "%7s %7s %79s %23s", mode, type, object, size) != 4 ||
            strcmp(type, "blob") != 0 ||
            (strcmp(mode, "100644") != 0 && strcmp(mode, "100755") != 0)) {
            continue; /* folders, symbolic links and submodules are not deal files */
        }
        if (!is_deal_file_name(name) || strchr(name, '/') != NULL ||
            (only != NULL && strcmp(name, only) != 0 && !is_table_name(name))) {
            continue;
        }
        guint64 bytes = g_ascii_strtoull(size, NULL, 10);
        if (bytes > writer->max_file_bytes) {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT,
                        "%s:%s%s%s: %" G_GUINT64_FORMAT " MB is more than circa reads of one file "
                        "(%" G_GSIZE_FORMAT " MB)",
                        writer->revision, folder, folder[0] != '\0' ? "/" : "", name, bytes >> 20,
                        writer->max_file_bytes >> 20);
            return FALSE;
        }
        g_autofree char *path = g_build_filename(target, name, NULL);
        const char *cat[] = {"cat-file", "blob", object, NULL};
        if (!run_git(cat, NULL, path, error)) {
            return FALSE;
        }
    }
    return TRUE;
}

CircaRevisionFiles *circa_revision_files_new(const char *revision, const char *const *paths,
                                             gsize max_file_bytes, GError **error)
{
    g_return_val_if_fail(paths != NULL, NULL);
    g_autofree char *sha = circa_revision_resolve(revision, error);
    if (sha == NULL) {
        return NULL;
    }
    g_autoptr(GError) tmp_error = NULL;
    g_autofree char *root = g_dir_make_tmp("circa-revision-XXXXXX", &tmp_error);
    if (root == NULL) {
        g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot make a temporary folder: %s",
                    tmp_error->message);
        return NULL;
    }
    g_autoptr(CircaRevisionFiles) files = g_new0(CircaRevisionFiles, 1);
    files->revision = g_strdup(revision);
    files->root = g_steal_pointer(&root);
    files->prefix = g_strconcat(revision, ":", NULL);
    guint n = g_strv_length((char **) paths);
    files->paths = g_new0(char *, n + 1);
    files->n_paths = n;

    Writer writer = {.revision = revision,
                     .sha = sha,
                     .root = files->root,
                     .max_file_bytes = max_file_bytes > 0
                                           ? MIN(max_file_bytes, CIRCA_MAX_FILE_BYTES)
                                           : CIRCA_MAX_FILE_BYTES};
    g_autoptr(GHashTable) written = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < n; i++) {
        g_autofree char *clean = clean_path(paths[i]);
        if (clean == NULL) {
            g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_USAGE,
                        "--git: %s is outside the repository; name paths inside it, relative to "
                        "the current folder",
                        paths[i]);
            return NULL;
        }
        g_autofree char *spec = g_strdup_printf("%s:./%s", sha, clean);
        g_autofree char *type = object_type(spec);
        if (type == NULL) {
            continue; /* not in this revision: added since, so this side has nothing of it */
        }
        gboolean folder = strcmp(type, "tree") == 0;
        g_autofree char *parent = folder ? g_strdup(clean) : g_path_get_dirname(clean);
        if (strcmp(parent, ".") == 0) {
            parent[0] = '\0';
        }
        g_autofree char *name = folder ? NULL : g_path_get_basename(clean);
        g_autofree char *done = g_strdup_printf("%s/%s", parent, folder ? "" : name);
        if (!g_hash_table_contains(written, done)) {
            if (!write_folder(&writer, parent, name, error)) {
                return NULL;
            }
            g_hash_table_add(written, g_steal_pointer(&done));
        }
        files->paths[i] =
            clean[0] != '\0' ? g_build_filename(files->root, clean, NULL) : g_strdup(files->root);
    }
    return g_steal_pointer(&files);
}

static void remove_tree(const char *path)
{
    GDir *dir = g_dir_open(path, 0, NULL);
    if (dir != NULL) {
        const char *name;
        while ((name = g_dir_read_name(dir)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK)) {
                remove_tree(child);
            } else {
                g_unlink(child);
            }
        }
        g_dir_close(dir);
    }
    g_rmdir(path);
}

void circa_revision_files_free(CircaRevisionFiles *files)
{
    if (files == NULL) {
        return;
    }
    if (files->root != NULL) {
        remove_tree(files->root);
    }
    g_free(files->revision);
    g_free(files->root);
    g_free(files->prefix);
    for (guint i = 0; i < files->n_paths; i++) {
        g_free(files->paths[i]);
    }
    g_free(files->paths);
    g_free(files);
}
