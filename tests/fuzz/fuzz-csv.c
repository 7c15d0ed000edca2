/* fuzz-csv.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness for the CSV reader: any bytes must give records of
 * valid UTF-8 or a clean error, with both reader APIs agreeing. */

#include "config.h"

#include <stdint.h>

#include "ks-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
read_new_api (const uint8_t *data,
              size_t         size,
              gboolean      *failed)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint n_records = 0;

  while (ks_csv_reader_next_record (reader, &fields, &error))
    {
      g_assert (fields->len <= KS_CSV_MAX_FIELDS + 1);
      for (guint i = 0; i < fields->len && g_ptr_array_index (fields, i) != NULL; i++)
        g_assert (g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL));
      n_records++;
    }
  *failed = error != NULL;

  return n_records;
}

static guint
read_old_api (const uint8_t *data,
              size_t         size,
              gboolean      *failed)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KsCsvReader reader;
  guint line = 0, n_records = 0;

  ks_csv_reader_init (&reader, (const char *) data, size);
  while (ks_csv_reader_next (&reader, fields, &line, &error))
    {
      for (guint i = 0; i < fields->len; i++)
        g_assert (g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL));
      n_records++;
    }
  *failed = error != NULL;

  return n_records;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gboolean new_failed = FALSE, old_failed = FALSE;
  guint n_new = read_new_api (data, size, &new_failed);
  guint n_old = read_old_api (data, size, &old_failed);

  g_assert (new_failed == old_failed);
  if (!new_failed)
    g_assert (n_new == n_old);

  return 0;
}
