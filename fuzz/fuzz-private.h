/* SPDX-License-Identifier: MIT */
/* What the fuzz targets share: the libFuzzer entry point, checks that abort on a broken promise,
 * and a scratch folder for inputs the loader must read from files. */
#pragma once

#include <circa.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise of circa's broken by an input: abort, so the fuzzer keeps the input. */
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            g_printerr("fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);         \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A folder of the process's own, made once and reused by every input. */
static inline const char *fuzz_folder(void)
{
    static char *folder;
    if (folder == NULL) {
        folder = g_dir_make_tmp("circa-fuzz-XXXXXX", NULL);
        FUZZ_CHECK(folder != NULL);
    }
    return folder;
}

/* Writes @size bytes to FOLDER/@name and returns the path (owned by the caller). */
static inline char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char *path = g_build_filename(fuzz_folder(), name, NULL);
    FUZZ_CHECK(g_file_set_contents(path, (const char *) data, (gssize) size, NULL));
    return path;
}
