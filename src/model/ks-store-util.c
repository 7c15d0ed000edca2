/* ks-store-util.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-store.h"
#include "ks-error.h"
#include "ks-store-util.h"

/* Every store's writes end in ROLLBACK TO this savepoint when they fail
 * inside a caller's transaction, so a failed call changes nothing even
 * when the caller goes on (an import skipping a bad record). */
#define SAVEPOINT "ks_store"

/* A NULL text is stored as "": the columns are NOT NULL. */
void
ks_store_bind_text (KsStatement *stmt,
                    int          param,
                    const char  *text)
{
  sqlite3_bind_text (stmt, param, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

/* For texts that outlive the statement's step: no copy. */
void
ks_store_bind_static (KsStatement *stmt,
                      int          param,
                      const char  *text)
{
  sqlite3_bind_text (stmt, param, text != NULL ? text : "", -1, SQLITE_STATIC);
}

/* @value may be *@slot's own text or part of it: copied before the old
 * one is freed. */
void
ks_store_set_string (char       **slot,
                     const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

/**
 * ks_store_begin:
 * @owned: (out): whether the call opened the transaction itself
 *
 * Opens a transaction, or a savepoint inside the caller's.
 */
gboolean
ks_store_begin (KsDatabase  *db,
                gboolean    *owned,
                GError     **error)
{
  *owned = !ks_database_in_transaction (db);
  if (*owned)
    return ks_database_begin (db, error);

  return ks_database_exec (db, "SAVEPOINT " SAVEPOINT, error);
}

/**
 * ks_store_end:
 * @ok: whether the writes succeeded; on %FALSE, @error is already set
 *
 * Commits or undoes what ks_store_begin() opened.
 *
 * Returns: @ok, or %FALSE when committing failed
 */
gboolean
ks_store_end (KsDatabase  *db,
              gboolean     owned,
              gboolean     ok,
              GError     **error)
{
  if (owned)
    {
      if (ok && ks_database_commit (db, error))
        return TRUE;
      ks_database_rollback (db);
      return FALSE;
    }

  if (ok)
    return ks_database_exec (db, "RELEASE " SAVEPOINT, error);

  ks_database_exec (db, "ROLLBACK TO " SAVEPOINT "; RELEASE " SAVEPOINT, NULL);
  return FALSE;
}

/* Columns are NOT NULL but for deleted_at; "" keeps callers simple. */
const char *
ks_store_column_text (KsStatement *stmt,
                      int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/**
 * ks_store_step_row:
 * @has_row: (out): whether a row is ready to read
 *
 * Returns: %FALSE on an SQLite error
 */
gboolean
ks_store_step_row (KsDatabase   *db,
                   KsStatement  *stmt,
                   gboolean     *has_row,
                   GError      **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  return ks_database_set_error (db, rc, error);
}

/**
 * ks_store_set_deleted:
 * @table: one of the tables with deleted_at; never user text
 *
 * Sets or clears deleted_at and touches updated_at on one row.
 */
gboolean
ks_store_set_deleted (KsDatabase  *db,
                      const char  *table,
                      gint64       id,
                      gboolean     deleted,
                      GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted_at = ?, updated_at = ? WHERE id = ?",
                                          table);
  g_autofree char *now = ks_database_now ();
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (deleted)
    sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);

  return ks_database_step_done (db, stmt, error);
}

/**
 * ks_store_lookup_agreement:
 *
 * Returns: the agreement's row id, or 0 with %KS_ERROR_NOT_FOUND
 */
gint64
ks_store_lookup_agreement (KsDatabase  *db,
                           const char  *uuid,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id = ks_agreement_store_lookup_id (db, uuid, &local_error);

  if (id > 0)
    return id;

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
                 _("There is no agreement “%s”."), uuid);
  return 0;
}
