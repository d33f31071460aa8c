/* SPDX-License-Identifier: MIT */
/* A fuzz target without libFuzzer: runs LLVMFuzzerTestOneInput on every file named (or every
 * file of every folder named), so the seed corpus and every input that ever failed run in the
 * normal test suite. */

#include "fuzz-private.h"

static int run_file(const char *path)
{
    gchar *data;
    gsize size;
    if (!g_file_get_contents(path, &data, &size, NULL)) {
        g_printerr("cannot read %s\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *) data, size);
    g_free(data);
    return 0;
}

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Every file under @path, folders walked in name order. */
static int run_path(const char *path, int *n)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        (*n)++;
        return run_file(path);
    }
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_ptr_array_add(names, g_build_filename(path, name, NULL));
    }
    g_ptr_array_sort(names, by_name);
    int failed = 0;
    for (guint i = 0; i < names->len; i++) {
        failed |= run_path(g_ptr_array_index(names, i), n);
    }
    return failed;
}

int main(int argc, char **argv)
{
    circa_igraph_init();
    int failed = 0, n = 0;
    for (int i = 1; i < argc; i++) {
        failed |= run_path(argv[i], &n);
    }
    g_print("%d inputs ran\n", n);
    return failed;
}
