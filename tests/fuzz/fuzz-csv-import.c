/* fuzz-csv-import.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness for the CSV importer's checks (a dry run on a real
 * register): any file is accepted or refused with reasons, never more. */

#include "config.h"

#include <stdint.h>

#include "ks-csv-import.h"
#include "ks-database.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static KsDatabase *
get_register (void)
{
  static KsDatabase *db;

  if (db == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("kerjasama-fuzz-XXXXXX", &error);
      g_autofree char *path = NULL;

      g_assert (dir != NULL);
      path = g_build_filename (dir, "register.db", NULL);
      db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
      g_assert (db != NULL);
    }

  return db;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = ks_csv_import_bytes (get_register (), bytes, "fuzz.csv", TRUE, report, NULL, &error);

  g_assert (ok == (error == NULL));
  if (ok)
    g_assert (report->errors->len == 0);

  return 0;
}
