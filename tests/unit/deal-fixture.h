/* SPDX-License-Identifier: MIT */
/* Test fixture: deal files written to a fresh temporary folder, loaded through the real loader. */
#pragma once

#include <circa.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
    char *dir;
    CircaDiagnostics *diagnostics;
} DealFixture;

static inline void deal_fixture_init(DealFixture *fixture)
{
    fixture->dir = g_dir_make_tmp("circa-test-XXXXXX", NULL);
    g_assert_nonnull(fixture->dir);
    fixture->diagnostics = circa_diagnostics_new(0);
}

static inline void remove_tree(const char *path)
{
    if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
        GDir *dir = g_dir_open(path, 0, NULL);
        const char *name;
        while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            remove_tree(child);
        }
        if (dir != NULL) {
            g_dir_close(dir);
        }
    }
    g_remove(path);
}

static inline void deal_fixture_clear(DealFixture *fixture)
{
    remove_tree(fixture->dir);
    g_free(fixture->dir);
    circa_diagnostics_free(fixture->diagnostics);
}

/* Writes @text to DIR/@name (sub-folders created) and returns the full path (owned by caller). */
static inline char *deal_fixture_write(DealFixture *fixture, const char *name, const char *text)
{
    char *path = g_build_filename(fixture->dir, name, NULL);
    g_autofree char *parent = g_path_get_dirname(path);
    g_mkdir_with_parents(parent, 0700);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/* Loads the NULL-terminated @paths; NULL when loading failed. */
static inline CircaDealSet *deal_fixture_load(DealFixture *fixture, const char *const *paths,
                                              const char *entities)
{
    CircaLoadOptions options = {.entities_path = entities};
    g_autoptr(GError) error = NULL;
    CircaDealSet *set = circa_deal_set_load(paths, &options, fixture->diagnostics, &error);
    if (set == NULL) {
        g_assert_error(error, CIRCA_ERROR, CIRCA_ERROR_INPUT);
    }
    return set;
}

/* Writes one deal file deals.csv with @text and loads it; asserts success. */
static inline CircaDealSet *deal_fixture_load_text(DealFixture *fixture, const char *text)
{
    g_autofree char *path = deal_fixture_write(fixture, "deals.csv", text);
    const char *paths[] = {path, NULL};
    CircaDealSet *set = deal_fixture_load(fixture, paths, NULL);
    g_assert_nonnull(set);
    return set;
}

/* All diagnostics as lines "LINE:COLUMN: severity: message" (file names dropped, they are
 * temporary), for comparing with expected text. */
static inline char *deal_fixture_messages(const DealFixture *fixture)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < circa_diagnostics_get_n(fixture->diagnostics); i++) {
        const CircaDiagnostic *d = circa_diagnostics_get(fixture->diagnostics, i);
        g_autofree char *base = d->file ? g_path_get_basename(d->file) : g_strdup("-");
        g_string_append_printf(out, "%s:%u:%u: %s: %s\n", base, d->line, d->column,
                               d->severity == CIRCA_SEVERITY_ERROR ? "error" : "warning",
                               d->message);
    }
    /* Messages that cite another place name its temporary path: keep only the file name. */
    g_autofree char *prefix = g_strconcat(fixture->dir, G_DIR_SEPARATOR_S, NULL);
    g_autofree char *text = g_string_free(out, FALSE);
    g_auto(GStrv) parts = g_strsplit(text, prefix, -1);
    return g_strjoinv("", parts);
}

/* The entity index of @name in @set, or -1. */
static inline int deal_fixture_entity(const CircaDealSet *set, const char *name)
{
    for (guint i = 0; i < set->entities->len; i++) {
        if (strcmp(circa_deal_set_entity(set, i)->name, name) == 0) {
            return (int) i;
        }
    }
    return -1;
}

/* Deals written, loaded and built into a graph: what most tests start from. */
typedef struct {
    DealFixture fixture;
    CircaDealSet *set;
    CircaGraph *graph;
} GraphFixture;

static inline void graph_fixture_init(GraphFixture *c, const char *csv)
{
    deal_fixture_init(&c->fixture);
    c->set = deal_fixture_load_text(&c->fixture, csv);
    g_autoptr(GError) error = NULL;
    c->graph = circa_graph_new_from_deals(c->set, &error);
    g_assert_no_error(error);
    g_assert_nonnull(c->graph);
}

static inline void graph_fixture_clear(GraphFixture *c)
{
    circa_graph_free(c->graph);
    circa_deal_set_free(c->set);
    deal_fixture_clear(&c->fixture);
}
