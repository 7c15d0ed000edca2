/* ks-check.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-check"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-store.h"
#include "ks-check.h"
#include "ks-error.h"

/* The summaries on each agreement row, computed afresh from the link
 * tables and events, next to the stored ones (the newest event's kind and
 * description are what a report shows). */
#define SUMMARY_SQL \
  "SELECT a.uuid, a.title, " \
  "  a.local_parties_text = coalesce ((SELECT group_concat (name, '; ') FROM (" \
  "    SELECT lp.name AS name FROM agreement_local_parties alp" \
  "      JOIN local_parties lp ON lp.id = alp.local_party_id" \
  "     WHERE alp.agreement_id = a.id ORDER BY alp.position)), '')" \
  "  AND a.partners_text = coalesce ((SELECT group_concat (name, '; ') FROM (" \
  "    SELECT p.name AS name FROM agreement_partners ap" \
  "      JOIN partners p ON p.id = ap.partner_id" \
  "     WHERE ap.agreement_id = a.id ORDER BY ap.position)), '')" \
  "  AND a.last_event_on = coalesce ((SELECT max (occurred_on) FROM events" \
  "     WHERE agreement_id = a.id AND deleted_at IS NULL), '')" \
  "  AND a.last_event_kind = coalesce ((SELECT kind FROM events" \
  "     WHERE agreement_id = a.id AND deleted_at IS NULL" \
  "     ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1), '')" \
  "  AND a.last_event_description = coalesce ((SELECT description FROM events" \
  "     WHERE agreement_id = a.id AND deleted_at IS NULL" \
  "     ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1), '')" \
  "  FROM agreements a WHERE a.deleted_at IS NULL ORDER BY a.id"

static gboolean
check_pragma (KsDatabase  *db,
              const char  *sql,
              const char  *ok_value,
              GPtrArray   *problems,
              GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      if (ok_value != NULL && g_strcmp0 (value, ok_value) == 0)
        continue;
      if (ok_value != NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("Integrity check: %s"), value));
      else
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Table %s refers to a missing record in %s (row %lld)"),
                                          value,
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          (long long) sqlite3_column_int64 (stmt, 1)));
    }

  if (rc != SQLITE_DONE)
    return ks_database_set_error (db, rc, error);

  return TRUE;
}

static gboolean
check_agreements (KsDatabase  *db,
                  GPtrArray   *problems,
                  GError     **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, SUMMARY_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (titles, g_strdup (title));
      if (!sqlite3_column_int (stmt, 2))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Agreement “%s”: the summary shown in the list is out of date"),
                                          title));
    }
  if (rc != SQLITE_DONE)
    return ks_database_set_error (db, rc, error);
  ks_statement_release (g_steal_pointer (&stmt));

  /* Every stored agreement must still pass the rules it was saved under. */
  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KsAgreement) agreement = ks_agreement_store_load (db, g_ptr_array_index (uuids, i),
                                                                  &local_error);

      if (agreement == NULL || !ks_agreement_validate (agreement, &local_error))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Agreement “%s”: %s"),
                                          (const char *) g_ptr_array_index (titles, i),
                                          local_error->message));
    }

  return TRUE;
}

/**
 * ks_check_run:
 * @problems: (out) (transfer full) (element-type utf8): what is wrong,
 *   one translated sentence each; empty for a sound register
 *
 * Checks the file (SQLite's integrity check and foreign keys) and the
 * register (every agreement valid, every stored summary current).
 *
 * Returns: %FALSE if the check itself could not run
 */
gboolean
ks_check_run (KsDatabase  *db,
              GPtrArray  **problems,
              GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);

  if (!check_pragma (db, "PRAGMA integrity_check", "ok", found, error) ||
      !check_pragma (db, "PRAGMA foreign_key_check", NULL, found, error))
    return FALSE;

  /* Records are only worth reading in a sound file. */
  if (found->len == 0 && !check_agreements (db, found, error))
    return FALSE;

  *problems = g_steal_pointer (&found);
  return TRUE;
}
