/* SPDX-License-Identifier: MIT */
/* Writing output files whole or not at all, for every writer that writes a file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @length bytes at @data to @path atomically: into a new temporary file in the same
 * folder, flushed, then renamed over @path. On any failure (a full disk, a folder that cannot be
 * written, a signal that ends the process first) the temporary is removed, or left under a
 * ".circa-" name, and whatever @path held is untouched. A new file gets the usual permissions
 * (0666 less the umask); a file that existed keeps its own. A symbolic link stays a link: the
 * file it names is the one replaced. A device or a pipe that exists (/dev/null, /dev/stdout, a
 * FIFO) is written into, not replaced. CIRCA_ERROR_IO, naming @path. */
gboolean circa_output_write_file(const char *path, const void *data, gsize length, GError **error);

G_END_DECLS
