/* ks-audit-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-audit-store"

#include "config.h"

#include "ks-audit-store.h"
#include "ks-store-util.h"

static KsAuditEntry *
entry_from_row (KsStatement *stmt)
{
  return g_object_new (KS_TYPE_AUDIT_ENTRY,
                       "at", ks_store_column_text (stmt, 0),
                       "who", ks_store_column_text (stmt, 1),
                       "record-table", ks_store_column_text (stmt, 2),
                       "record-uuid", ks_store_column_text (stmt, 3),
                       "action", ks_store_column_text (stmt, 4),
                       "changes", ks_store_column_text (stmt, 5),
                       "source", ks_store_column_text (stmt, 6),
                       NULL);
}

/**
 * ks_audit_store_list_for_record:
 * @uuid: any record's uuid; for an agreement, the entries of its events
 *   and attachments are included
 *
 * Returns: (transfer full) (nullable): a #GListStore of #KsAuditEntry,
 *   newest first
 */
GListStore *
ks_audit_store_list_for_record (KsDatabase  *db,
                                const char  *uuid,
                                GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  /* Deleted events and attachments keep their history in the list. */
  stmt = ks_database_prepare (db,
                              "SELECT at, who, record_table, record_uuid, action, changes, source "
                              "FROM audit_log WHERE record_uuid = ?1 "
                              "OR record_uuid IN (SELECT e.uuid FROM events e "
                              "  JOIN agreements a ON a.id = e.agreement_id WHERE a.uuid = ?1) "
                              "OR record_uuid IN (SELECT t.uuid FROM attachments t "
                              "  JOIN agreements a ON a.id = t.agreement_id WHERE a.uuid = ?1) "
                              "ORDER BY at DESC, id DESC",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  store = g_list_store_new (KS_TYPE_AUDIT_ENTRY);
  for (;;)
    {
      g_autoptr(KsAuditEntry) entry = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      entry = entry_from_row (stmt);
      g_list_store_append (store, entry);
    }

  return g_steal_pointer (&store);
}
