/* ks-csv.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 4180 records over a buffer: UTF-8 (a BOM is skipped), commas,
 * quoted fields with "" escapes and line breaks, CRLF, LF or CR line
 * ends.  Input is untrusted: every field is bounded and checked. */

#define KS_CSV_MAX_FIELD  (1024 * 1024)
#define KS_CSV_MAX_FIELDS 256

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;
} KsCsvReader;

void      ks_csv_reader_init        (KsCsvReader  *reader,
                                     const char   *data,
                                     gsize         len);
gboolean  ks_csv_reader_next        (KsCsvReader  *reader,
                                     GPtrArray    *fields,
                                     guint        *record_line,
                                     GError      **error);

void      ks_csv_append_field       (GString      *out,
                                     const char   *value);
void      ks_csv_append_record      (GString      *out,
                                     const char * const *values,
                                     guint         n_values);

G_END_DECLS
