/* ks-reference.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-reference"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-error.h"
#include "ks-keys.h"
#include "ks-reference.h"

#define REGIONS_RESOURCE RESOURCE_BASE_PATH "/data/regions.ini"

static GKeyFile *
load_key_file (const char  *resource,
               GError     **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, error);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  if (bytes == NULL ||
      !g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, error))
    return NULL;

  return g_steal_pointer (&key_file);
}

static gboolean
insert_region (KsDatabase  *db,
               GKeyFile    *regions,
               const char  *code,
               const char  *now,
               GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *uuid = ks_database_new_uuid ();
  g_autofree char *name = g_key_file_get_string (regions, code, "name", error);
  g_autofree char *kind = NULL;
  g_autofree char *province = NULL;
  g_autofree char *group = NULL;

  if (name == NULL)
    return FALSE;
  kind = g_key_file_get_string (regions, code, "kind", NULL);
  province = g_key_file_get_string (regions, code, "province", NULL);
  group = g_key_file_get_string (regions, code, "group", NULL);

  stmt = ks_database_prepare (db,
                              "INSERT OR IGNORE INTO regions (uuid, code, name, kind, province_code, "
                              "region_group, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind != NULL ? kind : "kabupaten", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, province != NULL ? province : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, group != NULL ? group : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);

  return ks_database_step_done (db, stmt, error);
}

/**
 * ks_reference_seed_regions:
 *
 * Adds the shipped regions (Jawa Tengah and its 35 kabupaten/kota) that
 * the register does not have yet, inside the caller's transaction.
 */
gboolean
ks_reference_seed_regions (KsDatabase  *db,
                           GError     **error)
{
  g_autoptr(GKeyFile) regions = load_key_file (REGIONS_RESOURCE, error);
  g_auto(GStrv) codes = NULL;
  g_autofree char *now = ks_database_now ();

  if (regions == NULL)
    return FALSE;

  codes = g_key_file_get_groups (regions, NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    if (!insert_region (db, regions, codes[i], now, error))
      return FALSE;

  ks_database_changed (db, "regions");
  return TRUE;
}

/**
 * ks_reference_seed_procedure_steps:
 *
 * Adds the default procedure checklist.  Labels stay empty so that each
 * user sees them in their own language until someone renames a step.
 */
gboolean
ks_reference_seed_procedure_steps (KsDatabase  *db,
                                   GError     **error)
{
  g_autofree char *now = ks_database_now ();
  const KsProcedureStepSeed *seeds;
  guint n_seeds;

  seeds = ks_procedure_step_seeds (&n_seeds);
  for (guint i = 0; i < n_seeds; i++)
    {
      g_autoptr(KsStatement) stmt = NULL;
      g_autofree char *uuid = ks_database_new_uuid ();

      stmt = ks_database_prepare (db,
                                  "INSERT OR IGNORE INTO procedure_steps (uuid, key, required, "
                                  "sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, seeds[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, seeds[i].required);
      sqlite3_bind_int (stmt, 4, (int) i);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);

      if (!ks_database_step_done (db, stmt, error))
        return FALSE;
    }

  ks_database_changed (db, "procedure_steps");
  return TRUE;
}

/**
 * ks_reference_seed:
 *
 * Fills a new register with its reference data, inside the caller's
 * transaction.
 */
gboolean
ks_reference_seed (KsDatabase  *db,
                   GError     **error)
{
  return ks_reference_seed_regions (db, error) &&
         ks_reference_seed_procedure_steps (db, error);
}
