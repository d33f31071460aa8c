/* SPDX-License-Identifier: MIT */
/* Deal files as they were at a git revision: read through git itself and written out to a
 * temporary folder, so the loader reads them like any files and names them "REV:PATH". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
    char *revision; /* as the user wrote it */
    char *root;     /* the temporary folder the files were written to */
    char *prefix;   /* "REV:": what the loader puts before a path under root (display_prefix) */
    /* One per path asked for: where it is under root, or NULL when the revision
     * does not have it (a file or folder added since): n_paths of them. */
    char **paths;
    guint n_paths;
} CircaRevisionFiles;

/* Runs git in the current folder to write out, for each of @paths (relative to the current
 * folder, inside the repository, NULL-terminated), the deal files (*.csv, *.tsv) of @revision: a
 * folder's files, or a file and the entity table beside it. Files larger than @max_file_bytes
 * (0: CIRCA_MAX_FILE_BYTES) are refused. CIRCA_ERROR_USAGE for a revision or path git does not
 * know (with git's own words), CIRCA_ERROR_IO when git cannot run or a file cannot be written. */
CircaRevisionFiles *circa_revision_files_new(const char *revision, const char *const *paths,
                                             gsize max_file_bytes, GError **error);
/* Removes the temporary folder and frees @files. */
void circa_revision_files_free(CircaRevisionFiles *files);

/* The commit @revision names, resolved by git ("main" → its sha); for messages and for
 * A...B, the merge base of A and B. Free it. */
char *circa_revision_resolve(const char *revision, GError **error);
/* Where the current folder is in its repository ("graphs/", "" at the top), and the
 * repository's top folder; NULL with an error outside a repository. Free them. */
char *circa_revision_folder_prefix(GError **error);
char *circa_revision_top(GError **error);
/* The merge base of @a and @b, as `git merge-base` finds it. Free it. */
char *circa_revision_merge_base(const char *a, const char *b, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CircaRevisionFiles, circa_revision_files_free)

G_END_DECLS
