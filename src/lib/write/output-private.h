/* SPDX-License-Identifier: MIT */
/* What the writers share about writing to a file descriptor (output-file.c). */
#pragma once

#include <glib.h>

/* Writes all @length bytes of @data to @fd, retrying after signals: 0, or the errno that stopped
 * it (ENOSPC when a write wrote nothing). */
int circa_i_write_all(int fd, const void *data, gsize length);
