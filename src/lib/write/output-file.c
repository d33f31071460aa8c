/* SPDX-License-Identifier: MIT */
/* Output files written whole or not at all: a temporary file beside the target, renamed over it
 * only once it is complete. */

#include "circa/error.h"
#include "circa/output.h"
#include "write/output-private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean fail(GError **error, const char *path, const char *what, int code)
{
    g_autofree char *shown = g_filename_display_name(path);
    g_set_error(error, CIRCA_ERROR, CIRCA_ERROR_IO, "cannot write %s: %s%s", shown, what,
                g_strerror(code));
    return FALSE;
}

/* Where a write to @path lands: through symbolic links to the file they name, as writing
 * in place would, so a link to a shared picture is kept and the picture replaced. */
static char *follow_links(const char *path)
{
    char *target = g_strdup(path);
    for (guint hops = 0; hops < 40; hops++) { /* the kernel's own bound on a chain */
        g_autofree char *link = g_file_read_link(target, NULL);
        if (link == NULL) {
            return target;
        }
        char *next;
        if (g_path_is_absolute(link)) {
            next = g_steal_pointer(&link);
        } else {
            g_autofree char *folder = g_path_get_dirname(target);
            next = g_build_filename(folder, link, NULL);
        }
        g_free(target);
        target = next;
    }
    g_free(target);
    return NULL; /* a loop */
}

int circa_i_write_all(int fd, const void *data, gsize length)
{
    const char *p = data;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? errno : ENOSPC;
        }
        p += n;
        length -= (gsize) n;
    }
    return 0;
}

gboolean circa_output_write_file(const char *written, const void *data, gsize length,
                                 GError **error)
{
    g_autofree char *path = follow_links(written);
    if (path == NULL) {
        return fail(error, written, "", ELOOP);
    }
    /* A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) is written into: renaming a file
     * over it would replace the device itself, which root may do. */
    struct stat target;
    if (stat(path, &target) == 0 && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode)) {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            return fail(error, written, "", errno);
        }
        int code = circa_i_write_all(fd, data, length);
        if (close(fd) != 0 && code == 0) {
            code = errno;
        }
        return code == 0 || fail(error, written, "", code);
    }
    g_autofree char *folder = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *temporary = g_strdup_printf("%s/.circa-%s.XXXXXX", folder, base);
    int fd = g_mkstemp_full(temporary, O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(error, written, "", errno);
    }
    /* The permissions it would have had: those of the file it replaces, else 0666 less the
     * umask (mkstemp makes 0600). */
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int code = circa_i_write_all(fd, data, length);
    if (code == 0 && fchmod(fd, mode) != 0) {
        code = errno;
    }
    if (code == 0 && fsync(fd) != 0) {
        code = errno;
    }
    if (close(fd) != 0 && code == 0) {
        code = errno;
    }
    if (code == 0 && rename(temporary, path) != 0) {
        code = errno;
    }
    if (code != 0) {
        unlink(temporary);
        return fail(error, written, "", code);
    }
    return TRUE;
}
