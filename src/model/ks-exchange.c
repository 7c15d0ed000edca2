/* ks-exchange.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Exchange files and merges.
 *
 * An exchange file is a copy of the register (same schema, same
 * application_id) reduced to the chosen agreements, with an audit trail
 * reduced to one anonymous row per record whose last change came from a
 * merge (action "merge", source = the register it came from), and with
 * two meta keys: register_uuid (the sender) and exported_at
 * (the sender's clock when the file was written, later than every
 * updated_at in it).  The sender's merge_peers table travels with it.
 *
 * When register M merges a file from register P, for each record:
 *
 *   theirs unchanged = the record's updated_at in the file is not later
 *                     than M's merge_peers[P] (the exported_at of the
 *                     newest file from P that M merged; P's clock against
 *                     P's clock), or the file says the record's last
 *                     change in P was a merge of a file from M;
 *   mine unchanged  = the file's merge_peers[M] (the exported_at of the
 *                     newest file from M that P merged; M's clock) is not
 *                     earlier than the record's updated_at in M, or the
 *                     record's last change in M's audit trail was written
 *                     by a merge of a file from P.
 *
 * Equal records are left alone; a record changed in the file only takes
 * the file's version; one changed in M only keeps M's; one changed on both
 * sides (and differs) is a conflict, kept as it is unless a preference or a choice says
 * otherwise.  Merging a file sets merge_peers[P] to its exported_at, so
 * the same file merged again finds nothing changed.  Everything happens in
 * one transaction: a failure or a cancel leaves the register as it was.
 *
 * The incoming file is hostile until proven otherwise: it is copied to a
 * private folder, its header, application_id, version, integrity and its
 * exact schema (no triggers, no views, no other tables) are checked with
 * triggers and views disabled, and every record goes through the stores'
 * validation.
 *
 * The file keeps the sender's whole regions table (a few dozen rows).  A
 * merge adds, before any agreement, the regions the file's agreements
 * are in and the register lacks (known by code), validated like a region
 * typed in the window; files written before this need nothing more, as
 * they hold the same table. */

#define G_LOG_DOMAIN "ks-exchange"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ks-agreement-private.h"
#include "ks-agreement-store.h"
#include "ks-attachment-store.h"
#include "ks-audit-diff.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-exchange.h"
#include "ks-region-store.h"
#include "ks-store-util.h"

#define SQLITE_HEADER "SQLite format 3"
#define SAVEPOINT "ks_merge"

KsMergeReport *
ks_merge_report_new (void)
{
  KsMergeReport *report = g_new0 (KsMergeReport, 1);

  report->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_exchange_conflict_free);
  return report;
}

void
ks_merge_report_free (KsMergeReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->conflicts);
  g_free (report->peer_uuid);
  g_free (report->exported_at);
  g_free (report);
}

void
ks_exchange_conflict_free (KsExchangeConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->table);
  g_free (conflict->uuid);
  g_free (conflict->agreement_uuid);
  g_free (conflict->title);
  g_clear_pointer (&conflict->diffs, g_ptr_array_unref);
  g_free (conflict);
}

static void
reset_report (KsMergeReport *report)
{
  report->n_added = report->n_updated = report->n_deleted = 0;
  report->n_unchanged = report->n_conflicts = 0;
  report->n_regions_added = 0;
  g_ptr_array_set_size (report->conflicts, 0);
  g_clear_pointer (&report->peer_uuid, g_free);
  g_clear_pointer (&report->exported_at, g_free);
}

/* Small queries */

static char *
query_meta (KsDatabase  *db,
            const char  *key,
            GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT value FROM meta WHERE key = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return NULL;

  return g_strdup (has_row ? ks_store_column_text (stmt, 0) : "");
}

static gboolean
set_meta (KsDatabase  *db,
          const char  *key,
          const char  *value,
          GError     **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return ks_database_step_done (db, stmt, error);
}

/* Returns "" when @peer is unknown. */
static char *
query_peer (KsDatabase  *db,
            const char  *peer,
            GError     **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (db, "SELECT last_merged FROM merge_peers WHERE peer_uuid = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, peer, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return NULL;

  return g_strdup (has_row ? ks_store_column_text (stmt, 0) : "");
}

static gint64
query_int64 (KsDatabase  *db,
             const char  *sql,
             GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL || !ks_store_step_row (db, stmt, &has_row, error))
    return -1;

  return has_row ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * ks_exchange_dup_register_uuid:
 *
 * The register's own identity in merges, made on first use (inside the
 * caller's transaction, if any).  A copy of a register file shares it, so
 * a new office starts from an empty register, never from a copy.
 *
 * Returns: (transfer full) (nullable): the uuid
 */
char *
ks_exchange_dup_register_uuid (KsDatabase  *db,
                               GError     **error)
{
  g_autofree char *uuid = query_meta (db, "register_uuid", error);
  gboolean owned;

  if (uuid == NULL || uuid[0] != '\0')
    return g_steal_pointer (&uuid);

  g_free (uuid);
  uuid = ks_database_new_uuid ();
  if (!ks_store_begin (db, &owned, error) ||
      !ks_store_end (db, owned, set_meta (db, "register_uuid", uuid, error), error))
    return NULL;

  return g_steal_pointer (&uuid);
}

/* Export */

static gboolean
exec_raw (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  g_set_error (error, KS_ERROR, KS_ERROR_IO,
               _("The exchange file could not be written: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
bind_and_run (sqlite3     *db,
              const char  *sql,
              const char  *value,
              int         *n_changed,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The exchange file could not be written: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  *n_changed = sqlite3_changes (db);
  return TRUE;
}

static gboolean
bind_and_count (sqlite3     *db,
                const char  *sql,
                const char  *value,
                int         *count,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The exchange file could not be written: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
select_regions (sqlite3             *db,
                const char * const  *region_codes,
                GError             **error)
{
  int n;

  for (guint i = 0; region_codes != NULL && region_codes[i] != NULL; i++)
    {
      if (!bind_and_run (db, "INSERT OR IGNORE INTO keep SELECT a.id FROM agreements a "
                             "JOIN regions r ON r.id = a.region_id WHERE r.code = ?",
                         region_codes[i], &n, error) ||
          !bind_and_count (db, "SELECT count(*) FROM regions WHERE code = ?", region_codes[i], &n, error))
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
                       _("There is no region with the code “%s”."), region_codes[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* An agency is a local party, found by its folded name as the stores
 * find it; the same dinas of several regions counts as one. */
static gboolean
select_agencies (sqlite3             *db,
                 const char * const  *agencies,
                 GError             **error)
{
  int n;

  for (guint i = 0; agencies != NULL && agencies[i] != NULL; i++)
    {
      g_autofree char *folded = ks_agreement_fold_name (agencies[i]);

      if (!bind_and_run (db, "INSERT OR IGNORE INTO keep SELECT alp.agreement_id "
                             "FROM agreement_local_parties alp "
                             "JOIN local_parties lp ON lp.id = alp.local_party_id WHERE lp.folded_name = ?",
                         folded, &n, error) ||
          !bind_and_count (db, "SELECT count(*) FROM local_parties WHERE folded_name = ?", folded, &n, error))
        return FALSE;
      if (n == 0 || folded[0] == '\0')
        {
          g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
                       _("There is no agency named “%s”."), agencies[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* Marks the chosen agreements, then their parents, so that a selection
 * never loses the agreement a chosen one belongs to. */
static gboolean
select_agreements (sqlite3                    *db,
                   const KsExchangeSelection  *selection,
                   GError                    **error)
{
  int n;

  if (!exec_raw (db, "CREATE TEMP TABLE keep (id INTEGER PRIMARY KEY)", error) ||
      !select_regions (db, selection->region_codes, error) ||
      !select_agencies (db, selection->agencies, error))
    return FALSE;

  for (guint i = 0; selection->uuids != NULL && selection->uuids[i] != NULL; i++)
    if (!bind_and_run (db, "INSERT OR IGNORE INTO keep SELECT id FROM agreements WHERE uuid = ?",
                       selection->uuids[i], &n, error))
      return FALSE;

  return exec_raw (db,
                   "WITH RECURSIVE up (id) AS ("
                   "  SELECT parent_id FROM agreements WHERE id IN (SELECT id FROM keep)"
                   "  UNION SELECT a.parent_id FROM agreements a JOIN up ON a.id = up.id)"
                   " INSERT OR IGNORE INTO keep SELECT id FROM up WHERE id IS NOT NULL",
                   error);
}

/* Leaves only what travels: the chosen agreements with what hangs on
 * them, the partners and local parties they name, the reference data and
 * merge_peers; of the audit trail, which names the staff, only which
 * records last came from a merge with which register. */
static gboolean
reduce_copy (sqlite3                    *db,
             const KsExchangeSelection  *selection,
             GError                    **error)
{
  gboolean everything = selection->region_codes == NULL && selection->agencies == NULL &&
                        selection->uuids == NULL;

  if (!exec_raw (db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; BEGIN", error))
    return FALSE;

  if (!everything &&
      (!select_agreements (db, selection, error) ||
       !exec_raw (db, "DELETE FROM agreements WHERE id NOT IN (SELECT id FROM keep)", error)))
    return FALSE;

  return exec_raw (db,
                   /* Which records last came from a merge, and from whom:
                    * the one line of the audit trail a merge needs. */
                   "CREATE TEMP TABLE provenance AS"
                   " SELECT x.record_table AS record_table, x.record_uuid AS record_uuid,"
                   "  (SELECT m.record_uuid FROM audit_log m WHERE m.record_table = 'merge_peers'"
                   "    AND m.action = 'merge' AND m.id > x.id ORDER BY m.id LIMIT 1) AS peer"
                   " FROM audit_log x WHERE x.id IN (SELECT max (id) FROM audit_log GROUP BY record_uuid)"
                   " AND x.source LIKE 'merge: %' AND x.record_table <> 'merge_peers';"
                   "DELETE FROM audit_log;"
                   "INSERT INTO audit_log (at, who, record_table, record_uuid, action, changes, source)"
                   " SELECT '', '', record_table, record_uuid, 'merge', '', peer"
                   " FROM temp.provenance WHERE peer IS NOT NULL;"
                   "DELETE FROM partners WHERE id NOT IN (SELECT partner_id FROM agreement_partners);"
                   "DELETE FROM local_parties WHERE id NOT IN"
                   " (SELECT local_party_id FROM agreement_local_parties);"
                   "COMMIT",
                   error);
}

static gboolean
stamp_copy (sqlite3     *db,
            guint       *n_exported,
            GError     **error)
{
  g_autofree char *now = ks_database_now ();
  g_autofree char *sql = g_strdup_printf ("INSERT OR REPLACE INTO meta (key, value) "
                                          "VALUES ('exported_at', '%s')", now);
  sqlite3_stmt *stmt = NULL;

  if (!exec_raw (db, sql, error))
    return FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM agreements", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && n_exported != NULL)
    *n_exported = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  /* Deleted rows must not linger in free pages of a file that leaves. */
  return exec_raw (db, "VACUUM", error);
}

/**
 * ks_exchange_export:
 * @path: the exchange file to write
 * @region_codes: (nullable) (array zero-terminated=1): the regions whose
 *   agreements to export
 * @uuids: (nullable) (array zero-terminated=1): agreements to export
 * @n_exported: (out) (optional): how many agreements the file holds
 *
 * ks_exchange_export_selection() with regions and agreements only.
 */
gboolean
ks_exchange_export (KsDatabase          *db,
                    const char          *path,
                    const char * const  *region_codes,
                    const char * const  *uuids,
                    guint               *n_exported,
                    GCancellable        *cancellable,
                    GError             **error)
{
  KsExchangeSelection selection = { region_codes, NULL, uuids };

  return ks_exchange_export_selection (db, path, &selection, n_exported, cancellable, error);
}

/**
 * ks_exchange_export_selection:
 * @path: the exchange file to write, readable by its owner only;
 *   replaced only once it is complete
 * @selection: (nullable): which agreements; %NULL for every one
 * @n_exported: (out) (optional): how many agreements the file holds
 *
 * Writes an exchange file with the agreements @selection names, plus the
 * agreements they belong to.  Deleted agreements travel too, so that the
 * deletion reaches the other register.  The file keeps the register's
 * whole list of regions, so that a region added here reaches the other
 * register with its agreements.  Only reads @db, once the register has
 * its uuid (ks_exchange_dup_register_uuid()).
 */
gboolean
ks_exchange_export_selection (KsDatabase                 *db,
                              const char                 *path,
                              const KsExchangeSelection  *selection,
                              guint                      *n_exported,
                              GCancellable               *cancellable,
                              GError                    **error)
{
  static const KsExchangeSelection all = { NULL, NULL, NULL };
  g_autofree char *work_path = NULL;
  g_autofree char *uuid = NULL;
  sqlite3 *copy = NULL;
  gboolean ok;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  work_path = g_strdup_printf ("%s.work-%08x", path, g_random_int ());
  uuid = ks_exchange_dup_register_uuid (db, error);
  if (uuid == NULL || !ks_database_backup_to (db, work_path, cancellable, error))
    return FALSE;

  ok = sqlite3_open_v2 (work_path, &copy, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
  if (!ok)
    g_set_error (error, KS_ERROR, KS_ERROR_IO,
                 _("The exchange file could not be written: %s"), sqlite3_errmsg (copy));
  ok = ok && reduce_copy (copy, selection != NULL ? selection : &all, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       stamp_copy (copy, n_exported, error);
  sqlite3_close_v2 (copy);

  if (ok && g_rename (work_path, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The exchange file “%s” cannot be written: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_remove (work_path);

  return ok;
}

/* Checking an incoming file */

static gboolean
refuse (GError     **error,
        const char  *path,
        const char  *reason)
{
  g_set_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA,
               _("“%s” cannot be merged: %s Nothing was changed."), path, reason);
  return FALSE;
}

static gboolean
check_header (const char  *copy_path,
              const char  *path,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (copy_path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, error);
  char header[16] = { 0 };
  gsize n_read = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, error))
    return FALSE;

  if (n_read < sizeof header || memcmp (header, SQLITE_HEADER, sizeof SQLITE_HEADER) != 0)
    return refuse (error, path, _("it is not a Kerjasama exchange file."));

  return TRUE;
}

static gboolean
raw_int (sqlite3     *db,
         const char  *sql,
         int         *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
                sqlite3_step (stmt) == SQLITE_ROW;

  if (ok)
    *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

/* "ok" or the first problem; NULL when the check itself failed. */
static char *
raw_integrity_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

/* The whole schema as one text, to compare with the register's: any
 * trigger, view, table or column more or less makes it differ. */
static char *
schema_signature (sqlite3 *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT type, name, tbl_name, coalesce (sql, '') FROM sqlite_schema "
                           "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK || rc == SQLITE_ROW)
    {
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        break;
      for (int i = 0; i < 4; i++)
        g_string_append_printf (out, "%s\x1f", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\x1e');
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* What a register of @version looks like, made by this program as that
 * version made them. */
static char *
reference_signature (const char  *dir,
                     int          version,
                     GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "reference.db", NULL);
  sqlite3 *db = NULL;
  char *signature = NULL;

  if (!ks_database_create_at_version (path, version, error))
    return NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    signature = schema_signature (db);
  if (signature == NULL)
    g_set_error (error, KS_ERROR, KS_ERROR_IO,
                 _("“%s” cannot be read: %s"), path, sqlite3_errmsg (db));
  sqlite3_close_v2 (db);

  return signature;
}

static void
lock_down (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
}

/* A file of an older version is checked against that version's schema;
 * @version says which, for migrating it afterwards. */
static gboolean
check_database (sqlite3     *db,
                const char  *dir,
                const char  *path,
                int         *version,
                GError     **error)
{
  g_autofree char *integrity = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *reference = NULL;
  int app_id = 0;

  if (!raw_int (db, "PRAGMA application_id", &app_id) ||
      !raw_int (db, "PRAGMA user_version", version))
    return refuse (error, path, _("it is damaged."));
  if (app_id != KS_DATABASE_APPLICATION_ID)
    return refuse (error, path, _("it belongs to another program."));
  if (*version > KS_DATABASE_SCHEMA_VERSION)
    return refuse (error, path, _("it was made by a newer version of Kerjasama; install that version to merge it."));
  if (*version < 1)
    return refuse (error, path, _("it is damaged."));

  integrity = raw_integrity_check (db);
  if (g_strcmp0 (integrity, "ok") != 0)
    return refuse (error, path, _("it is damaged."));

  reference = reference_signature (dir, *version, error);
  if (reference == NULL)
    return FALSE;
  signature = schema_signature (db);
  if (g_strcmp0 (signature, reference) != 0)
    return refuse (error, path, _("it holds tables, views or triggers a Kerjasama register does not have."));

  return TRUE;
}

static gboolean
check_copy (const char  *copy_path,
            const char  *dir,
            const char  *path,
            int         *version,
            GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  if (!check_header (copy_path, path, error))
    return FALSE;

  if (sqlite3_open_v2 (copy_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      return refuse (error, path, _("it is damaged."));
    }
  lock_down (db);
  ok = check_database (db, dir, path, version, error);
  sqlite3_close_v2 (db);

  return ok;
}

typedef struct
{
  char       *dir;
  char       *copy_path;
  KsDatabase *db;
} Incoming;

static void
incoming_clear (Incoming *incoming)
{
  /* A file whose header asks for WAL mode gets its -wal and -shm too. */
  const char *names[] = { "incoming.kerjasama", "incoming.kerjasama-wal", "incoming.kerjasama-shm",
                          "incoming.kerjasama-journal", "reference.db", "reference.db-wal",
                          "reference.db-shm" };

  g_clear_object (&incoming->db);
  if (incoming->dir != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file = g_build_filename (incoming->dir, names[i], NULL);
          g_remove (file);
        }
      g_rmdir (incoming->dir);
    }
  g_clear_pointer (&incoming->dir, g_free);
  g_clear_pointer (&incoming->copy_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Incoming, incoming_clear)

/* An exchange file of an older version, checked against that version's
 * schema, is brought up to this one as a register would be: the merge
 * then reads what this version keeps (the summaries on each agreement). */
static gboolean
migrate_copy (const char  *copy_path,
              GError     **error)
{
  g_autoptr(KsDatabase) db = ks_database_open (copy_path, KS_DATABASE_NO_SEED, error);

  return db != NULL;
}

/* Works on a private copy, so that the file cannot change between the
 * checks and the reading. */
static gboolean
open_incoming (const char    *path,
               Incoming      *incoming,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  int version = 0;

  incoming->dir = g_dir_make_tmp ("kerjasama-merge-XXXXXX", error);
  if (incoming->dir == NULL)
    return FALSE;

  incoming->copy_path = g_build_filename (incoming->dir, "incoming.kerjasama", NULL);
  copy = g_file_new_for_path (incoming->copy_path);
  if (!g_file_copy (source, copy, G_FILE_COPY_NOFOLLOW_SYMLINKS, cancellable, NULL, NULL, &local_error))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be read: %s"), path, local_error->message);
      return FALSE;
    }

  if (!check_copy (incoming->copy_path, incoming->dir, path, &version, error) ||
      (version < KS_DATABASE_SCHEMA_VERSION && !migrate_copy (incoming->copy_path, error)))
    return FALSE;

  incoming->db = ks_database_open (incoming->copy_path, KS_DATABASE_READ_ONLY, error);
  if (incoming->db == NULL)
    return FALSE;

  lock_down (ks_database_get_handle (incoming->db));
  return TRUE;
}

/* Merging */

typedef struct
{
  KsDatabase           *db;
  KsDatabase           *theirs;
  const KsMergeOptions *options;
  KsMergeReport        *report;
  char                 *source;
  char                 *my_uuid;
  char                 *base_theirs;   /* "" when never merged from them */
  char                 *base_mine;     /* "" when they never merged from us */
} MergeState;

static void
merge_state_clear (MergeState *state)
{
  g_free (state->source);
  g_free (state->my_uuid);
  g_free (state->base_theirs);
  g_free (state->base_mine);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MergeState, merge_state_clear)

/* One record as both registers have it, for the decision. */
typedef struct
{
  const char *table;
  const char *uuid;
  const char *agreement_uuid;
  const char *title;
  gboolean    exists_mine;
  gboolean    deleted_mine;
  gboolean    deleted_theirs;
  const char *updated_mine;
  const char *updated_theirs;
} Versions;

typedef gboolean (*WriteTheirs) (MergeState  *state,
                                 gpointer     item,
                                 GError     **error);

/* Looks before @after_audit: the rows after it are the merge's own. */
static gboolean
last_change_came_from_peer (MergeState  *state,
                            const char  *uuid,
                            gint64       after_audit,
                            gboolean    *from_peer,
                            GError     **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db,
                         "SELECT m.record_uuid FROM audit_log m, "
                         " (SELECT id, source FROM audit_log WHERE record_uuid = ?1 AND id <= ?2 "
                         "   ORDER BY id DESC LIMIT 1) x "
                         "WHERE x.source LIKE 'merge: %' AND m.record_table = 'merge_peers' "
                         "AND m.action = 'merge' AND m.id > x.id ORDER BY m.id LIMIT 1",
                         error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, after_audit);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  *from_peer = has_row && g_strcmp0 (ks_store_column_text (stmt, 0),
                                     state->report->peer_uuid) == 0;
  return TRUE;
}

static gboolean
changed_here (MergeState      *state,
              const Versions  *v,
              gint64           after_audit,
              gboolean        *changed,
              GError         **error)
{
  gboolean from_peer = FALSE;

  if (state->base_mine[0] != '\0' && strcmp (v->updated_mine, state->base_mine) <= 0)
    {
      *changed = FALSE;
      return TRUE;
    }

  if (!last_change_came_from_peer (state, v->uuid, after_audit, &from_peer, error))
    return FALSE;

  *changed = !from_peer;
  return TRUE;
}

/* The file's version is ours if the other register took it from a file
 * of ours and has not changed it since. */
static gboolean
changed_there (MergeState      *state,
               const Versions  *v,
               gboolean        *changed,
               GError         **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  gboolean from_us = FALSE;

  if (state->base_theirs[0] != '\0' && strcmp (v->updated_theirs, state->base_theirs) <= 0)
    {
      *changed = FALSE;
      return TRUE;
    }

  stmt = ks_database_prepare (state->theirs,
                              "SELECT 1 FROM audit_log WHERE record_uuid = ? AND action = 'merge' "
                              "AND source = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, v->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, state->my_uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (state->theirs, stmt, &from_us, error))
    return FALSE;

  *changed = !from_us;
  return TRUE;
}

static gboolean
exec_savepoint (MergeState  *state,
                const char  *sql,
                GError     **error)
{
  return ks_database_exec (state->db, sql, error);
}

static gboolean
collect_diffs (MergeState          *state,
               const Versions      *v,
               gint64               after_audit,
               KsExchangeConflict  *conflict,
               GError             **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db,
                         "SELECT changes FROM audit_log WHERE record_uuid = ? AND id > ? ORDER BY id",
                         error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, v->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, after_audit);
  for (;;)
    {
      g_autoptr(GPtrArray) diffs = NULL;
      gboolean has_row;

      if (!ks_store_step_row (state->db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      diffs = ks_audit_diff_parse (ks_store_column_text (stmt, 0), NULL);
      for (guint i = 0; diffs != NULL && i < diffs->len; i++)
        g_ptr_array_add (conflict->diffs, g_steal_pointer (&g_ptr_array_index (diffs, i)));
    }

  if (v->deleted_mine != v->deleted_theirs)
    {
      KsAuditDiff *diff = g_new0 (KsAuditDiff, 1);

      diff->field = g_strdup ("deleted");
      diff->old_value = g_strdup (v->deleted_mine ? C_("merge", "deleted") : "");
      diff->new_value = g_strdup (v->deleted_theirs ? C_("merge", "deleted") : "");
      g_ptr_array_add (conflict->diffs, diff);
    }

  return TRUE;
}

static KsExchangePrefer
choice_for (MergeState  *state,
            const char  *uuid)
{
  gpointer value;

  if (state->options->choices != NULL &&
      g_hash_table_lookup_extended (state->options->choices, uuid, NULL, &value))
    return GPOINTER_TO_INT (value);

  return state->options->prefer;
}

static gboolean
add_conflict (MergeState      *state,
              const Versions  *v,
              gint64           after_audit,
              gboolean        *take,
              GError         **error)
{
  KsExchangeConflict *conflict = g_new0 (KsExchangeConflict, 1);

  conflict->table = g_strdup (v->table);
  conflict->uuid = g_strdup (v->uuid);
  conflict->agreement_uuid = g_strdup (v->agreement_uuid);
  conflict->title = g_strdup (v->title);
  conflict->diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_audit_diff_free);
  conflict->resolution = choice_for (state, v->uuid);
  g_ptr_array_add (state->report->conflicts, conflict);
  state->report->n_conflicts++;

  *take = conflict->resolution == KS_EXCHANGE_PREFER_THEIRS;
  return collect_diffs (state, v, after_audit, conflict, error);
}

typedef enum
{
  OUTCOME_KEEP,
  OUTCOME_TAKE,
  OUTCOME_CONFLICT,
} Outcome;

static gboolean
decide (MergeState      *state,
        const Versions  *v,
        gint64           after_audit,
        Outcome         *outcome,
        GError         **error)
{
  gboolean theirs_changed, mine_changed, take = FALSE;

  *outcome = OUTCOME_KEEP;
  if (!changed_there (state, v, &theirs_changed, error))
    return FALSE;
  if (!theirs_changed)
    return TRUE;

  if (!changed_here (state, v, after_audit, &mine_changed, error))
    return FALSE;
  if (!mine_changed)
    {
      *outcome = OUTCOME_TAKE;
      return TRUE;
    }

  if (!add_conflict (state, v, after_audit, &take, error))
    return FALSE;
  *outcome = take ? OUTCOME_TAKE : OUTCOME_CONFLICT;
  return TRUE;
}

static void
count_taken (MergeState     *state,
             const Versions *v)
{
  if (!v->exists_mine)
    state->report->n_added++;
  else if (v->deleted_theirs && !v->deleted_mine)
    state->report->n_deleted++;
  else
    state->report->n_updated++;
}

/**
 * merge_record:
 * @taken: (out): whether the register now holds the file's version
 *
 * Writes the file's version in a savepoint, which also validates it and
 * tells whether it differs from ours, then keeps it or undoes it.
 */
static gboolean
merge_record (MergeState      *state,
              const Versions  *v,
              WriteTheirs      write,
              gpointer         item,
              gboolean        *taken,
              GError         **error)
{
  const char *last_audit = "SELECT coalesce (max (id), 0) FROM audit_log";
  gint64 after_audit = query_int64 (state->db, last_audit, error);
  Outcome outcome = OUTCOME_TAKE;
  gint64 audited = -1;

  *taken = FALSE;
  if (after_audit < 0 || !exec_savepoint (state, "SAVEPOINT " SAVEPOINT, error))
    return FALSE;

  /* Every real change leaves an audit row; a refreshed summary does not. */
  if (!write (state, item, error) ||
      (audited = query_int64 (state->db, last_audit, error)) < 0 ||
      (audited > after_audit && v->exists_mine &&
       !decide (state, v, after_audit, &outcome, error)))
    {
      exec_savepoint (state, "ROLLBACK TO " SAVEPOINT "; RELEASE " SAVEPOINT, NULL);
      return FALSE;
    }

  if (audited == after_audit)
    {
      /* Undo what wrote without changing anything, such as a summary. */
      if (!exec_savepoint (state, "ROLLBACK TO " SAVEPOINT, error))
        return FALSE;
      state->report->n_unchanged++;
    }
  else if (outcome == OUTCOME_TAKE)
    {
      count_taken (state, v);
      *taken = TRUE;
    }
  else
    {
      if (!exec_savepoint (state, "ROLLBACK TO " SAVEPOINT, error))
        return FALSE;
      if (outcome == OUTCOME_KEEP)
        state->report->n_unchanged++;
    }

  return exec_savepoint (state, "RELEASE " SAVEPOINT, error);
}

/* Soft deletions, audited with the merge as their source. */
static gboolean
apply_deleted (MergeState  *state,
               const char  *table,
               const char  *uuid,
               gboolean     deleted,
               GError     **error)
{
  gboolean is_agreement = strcmp (table, "agreements") == 0;
  g_autofree char *sql = g_strdup_printf ("SELECT id, deleted_at IS NOT NULL, %s FROM %s WHERE uuid = ?",
                                          is_agreement ? "id" : "agreement_id", table);
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, sql, error);
  gint64 id, agreement_id;
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;
  if (!has_row || (sqlite3_column_int (stmt, 1) != 0) == deleted)
    return TRUE;

  id = sqlite3_column_int64 (stmt, 0);
  agreement_id = sqlite3_column_int64 (stmt, 2);
  ks_statement_release (g_steal_pointer (&stmt));

  if (!ks_store_set_deleted (state->db, table, id, deleted, error) ||
      !ks_database_audit (state->db, table, uuid, deleted ? "delete" : "undelete",
                          NULL, state->source, error))
    return FALSE;
  if (!is_agreement &&
      !ks_agreement_store_refresh_summary (state->db, agreement_id, error))
    return FALSE;

  ks_database_changed (state->db, table);
  ks_database_changed (state->db, "agreements");
  return TRUE;
}

/* Agreements */

static gboolean
write_agreement (MergeState  *state,
                 gpointer     item,
                 GError     **error)
{
  KsAgreement *theirs = item;
  g_autoptr(KsAgreement) copy = ks_agreement_copy (theirs);
  const char *deleted_at = ks_agreement_get_deleted_at (theirs);

  return ks_agreement_store_save (state->db, copy, state->source, error) &&
         apply_deleted (state, "agreements", ks_agreement_get_uuid (theirs),
                        deleted_at != NULL && deleted_at[0] != '\0', error);
}

static gboolean
is_deleted (KsAgreement *agreement)
{
  const char *deleted_at = agreement != NULL ? ks_agreement_get_deleted_at (agreement) : NULL;

  return deleted_at != NULL && deleted_at[0] != '\0';
}

static KsAgreement *
load_mine (MergeState  *state,
           const char  *uuid,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  KsAgreement *mine = ks_agreement_store_load (state->db, uuid, &local_error);

  if (mine == NULL && !g_error_matches (local_error, KS_ERROR, KS_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return mine;
}

/* Events */

#define SELECT_THEIR_EVENTS                                                   \
  "SELECT e.uuid, e.occurred_on, e.kind, e.description, e.cost_amount, "     \
  "e.cost_currency, e.new_stage, e.old_ends_on, e.new_ends_on, e.created_at, " \
  "e.updated_at, e.deleted_at IS NOT NULL FROM events e "                    \
  "JOIN agreements a ON a.id = e.agreement_id WHERE a.uuid = ? "             \
  "ORDER BY e.created_at, e.id"

typedef struct
{
  KsEvent  *event;
  gboolean  deleted;
} TheirEvent;

static gboolean
write_event (MergeState  *state,
             gpointer     item,
             GError     **error)
{
  TheirEvent *their = item;
  const char *uuid = ks_event_get_uuid (their->event);
  g_autoptr(KsEvent) copy = NULL;
  g_autoptr(KsStatement) stmt = NULL;
  gboolean known = FALSE;

  stmt = ks_database_prepare (state->db, "SELECT 1 FROM events WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (state->db, stmt, &known, error))
    return FALSE;
  ks_statement_release (g_steal_pointer (&stmt));

  copy = g_object_new (KS_TYPE_EVENT, NULL);
  g_object_set (copy, "uuid", uuid,
                "agreement-uuid", ks_event_get_agreement_uuid (their->event),
                "occurred-on", ks_event_get_occurred_on (their->event),
                "kind", ks_event_get_kind (their->event),
                "description", ks_event_get_description (their->event),
                "cost-amount", ks_event_get_cost_amount (their->event),
                "cost-currency", ks_event_get_cost_currency (their->event),
                "new-stage", ks_event_get_new_stage (their->event),
                "new-ends-on", ks_event_get_new_ends_on (their->event),
                "old-ends-on", ks_event_get_old_ends_on (their->event),
                "created-at", ks_event_get_created_at (their->event),
                NULL);
  if (!ks_event_store_save (state->db, copy, state->source, error))
    return FALSE;

  /* A new event keeps the end date it replaced in the other register. */
  if (!known)
    {
      stmt = ks_database_prepare (state->db, "UPDATE events SET old_ends_on = ? WHERE uuid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, ks_event_get_old_ends_on (their->event), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
      if (!ks_database_step_done (state->db, stmt, error))
        return FALSE;
    }

  return apply_deleted (state, "events", uuid, their->deleted, error);
}

static KsEvent *
their_event_from_row (KsStatement *stmt,
                      const char  *agreement_uuid)
{
  return g_object_new (KS_TYPE_EVENT,
                       "uuid", ks_store_column_text (stmt, 0),
                       "agreement-uuid", agreement_uuid,
                       "occurred-on", ks_store_column_text (stmt, 1),
                       "kind", ks_store_column_text (stmt, 2),
                       "description", ks_store_column_text (stmt, 3),
                       "cost-amount", (gint64) sqlite3_column_int64 (stmt, 4),
                       "cost-currency", ks_store_column_text (stmt, 5),
                       "new-stage", ks_store_column_text (stmt, 6),
                       "old-ends-on", ks_store_column_text (stmt, 7),
                       "new-ends-on", ks_store_column_text (stmt, 8),
                       "created-at", ks_store_column_text (stmt, 9),
                       "updated-at", ks_store_column_text (stmt, 10),
                       NULL);
}

static gboolean
read_my_record (MergeState  *state,
                const char  *table,
                const char  *uuid,
                Versions    *v,
                char       **updated_at,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT updated_at, deleted_at IS NOT NULL FROM %s WHERE uuid = ?",
                                          table);
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (state->db, stmt, &v->exists_mine, error))
    return FALSE;

  *updated_at = g_strdup (v->exists_mine ? ks_store_column_text (stmt, 0) : "");
  v->deleted_mine = v->exists_mine && sqlite3_column_int (stmt, 1) != 0;
  v->updated_mine = *updated_at;
  return TRUE;
}

static gboolean
read_their_events (MergeState  *state,
                   const char  *agreement_uuid,
                   GPtrArray   *events,
                   GArray      *deleted,
                   GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->theirs, SELECT_THEIR_EVENTS, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, agreement_uuid, -1, SQLITE_TRANSIENT);
  for (;;)
    {
      gboolean has_row, is_deleted;

      if (!ks_store_step_row (state->theirs, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;

      g_ptr_array_add (events, their_event_from_row (stmt, agreement_uuid));
      is_deleted = sqlite3_column_int (stmt, 11) != 0;
      g_array_append_val (deleted, is_deleted);
    }
}

static gboolean
merge_events (MergeState  *state,
              const char  *agreement_uuid,
              const char  *title,
              gboolean    *any_written,
              GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) deleted = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (!read_their_events (state, agreement_uuid, events, deleted, error))
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      TheirEvent their = { g_ptr_array_index (events, i), g_array_index (deleted, gboolean, i) };
      g_autofree char *updated_mine = NULL;
      Versions v = { "events", ks_event_get_uuid (their.event), agreement_uuid, title };
      gboolean taken;

      v.deleted_theirs = their.deleted;
      v.updated_theirs = ks_event_get_updated_at (their.event);
      if (!read_my_record (state, "events", v.uuid, &v, &updated_mine, error) ||
          !merge_record (state, &v, write_event, &their, &taken, error))
        return FALSE;
      *any_written |= taken;
    }

  return TRUE;
}

/* Attachments */

#define SELECT_THEIR_ATTACHMENTS                                              \
  "SELECT t.uuid, t.name, t.mime_type, t.sha256, t.size, t.data, "           \
  "t.created_at, t.updated_at, t.deleted_at IS NOT NULL FROM attachments t "  \
  "JOIN agreements a ON a.id = t.agreement_id WHERE a.uuid = ? ORDER BY t.id"

typedef struct
{
  const char *agreement_uuid;
  const char *uuid;
  const char *name;
  const char *mime_type;
  const char *sha256;
  const char *created_at;
  GBytes     *data;
  gboolean    deleted;
} TheirAttachment;

static gboolean
validate_attachment (MergeState       *state,
                     TheirAttachment  *their,
                     gint64            size,
                     GError          **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, their->data);
  gsize length = g_bytes_get_size (their->data);

  if (their->name[0] != '\0' && g_utf8_validate (their->name, -1, NULL) &&
      strlen (their->name) <= 1000 && g_uuid_string_is_valid (their->uuid) &&
      size == (gint64) length && size <= KS_ATTACHMENT_MAX_SIZE &&
      g_strcmp0 (sha256, their->sha256) == 0)
    return TRUE;

  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("The attachment “%s” in the file is damaged: its size or checksum does not match its contents."),
               g_utf8_validate (their->name, -1, NULL) ? their->name : "?");
  return FALSE;
}

static gboolean
insert_attachment (MergeState       *state,
                   TheirAttachment  *their,
                   GError          **error)
{
  g_autofree char *now = ks_database_now ();
  g_autoptr(KsStatement) stmt = NULL;
  gint64 agreement_id = ks_store_lookup_agreement (state->db, their->agreement_uuid, error);

  if (agreement_id <= 0)
    return FALSE;

  stmt = ks_database_prepare (state->db,
                              "INSERT INTO attachments (uuid, agreement_id, name, mime_type, sha256, "
                              "size, data, created_at, updated_at, deleted_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, their->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, agreement_id);
  sqlite3_bind_text (stmt, 3, their->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, their->mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, their->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, g_bytes_get_size (their->data));
  sqlite3_bind_blob64 (stmt, 7, g_bytes_get_data (their->data, NULL), g_bytes_get_size (their->data),
                       SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, their->created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);

  if (!ks_database_step_done (state->db, stmt, error) ||
      !ks_database_audit (state->db, "attachments", their->uuid, "insert", NULL, state->source, error))
    return FALSE;

  ks_database_changed (state->db, "attachments");
  return TRUE;
}

/* The same contents on the same agreement is the same attachment, even
 * when each office added it on its own. */
static gboolean
has_same_contents (MergeState       *state,
                   TheirAttachment  *their,
                   gboolean         *found,
                   GError          **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db,
                         "SELECT 1 FROM attachments t JOIN agreements a ON a.id = t.agreement_id "
                         "WHERE a.uuid = ? AND t.sha256 = ? AND t.deleted_at IS NULL",
                         error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, their->agreement_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, their->sha256, -1, SQLITE_TRANSIENT);
  return ks_store_step_row (state->db, stmt, found, error);
}

static gboolean
write_attachment (MergeState  *state,
                  gpointer     item,
                  GError     **error)
{
  TheirAttachment *their = item;
  gboolean known = FALSE, duplicate = FALSE;
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, "SELECT 1 FROM attachments WHERE uuid = ?",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, their->uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (state->db, stmt, &known, error))
    return FALSE;
  ks_statement_release (g_steal_pointer (&stmt));

  if (!known)
    {
      if (!has_same_contents (state, their, &duplicate, error))
        return FALSE;
      if (duplicate)
        return TRUE;
      if (!insert_attachment (state, their, error))
        return FALSE;
    }

  return apply_deleted (state, "attachments", their->uuid, their->deleted, error);
}

static gboolean
merge_one_attachment (MergeState   *state,
                      KsStatement  *row,
                      const char   *agreement_uuid,
                      const char   *title,
                      GError      **error)
{
  g_autoptr(GBytes) data = g_bytes_new (sqlite3_column_blob (row, 5), sqlite3_column_bytes (row, 5));
  g_autofree char *updated_mine = NULL;
  TheirAttachment their = {
    agreement_uuid, ks_store_column_text (row, 0), ks_store_column_text (row, 1),
    ks_store_column_text (row, 2), ks_store_column_text (row, 3), ks_store_column_text (row, 6),
    data, sqlite3_column_int (row, 8) != 0,
  };
  Versions v = { "attachments", their.uuid, agreement_uuid, title };
  gboolean taken;

  v.deleted_theirs = their.deleted;
  v.updated_theirs = ks_store_column_text (row, 7);
  return validate_attachment (state, &their, sqlite3_column_int64 (row, 4), error) &&
         read_my_record (state, "attachments", their.uuid, &v, &updated_mine, error) &&
         merge_record (state, &v, write_attachment, &their, &taken, error);
}

static gboolean
merge_attachments (MergeState  *state,
                   const char  *agreement_uuid,
                   const char  *title,
                   GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->theirs, SELECT_THEIR_ATTACHMENTS, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, agreement_uuid, -1, SQLITE_TRANSIENT);
  for (;;)
    {
      gboolean has_row;

      if (!ks_store_step_row (state->theirs, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      if (!merge_one_attachment (state, stmt, agreement_uuid, title, error))
        return FALSE;
    }
}

/* One agreement with its events and attachments. */
static gboolean
merge_agreement (MergeState  *state,
                 const char  *uuid,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KsAgreement) theirs = ks_agreement_store_load (state->theirs, uuid, error);
  g_autoptr(KsAgreement) mine = NULL;
  g_autofree char *updated_mine = NULL;
  Versions v = { "agreements", uuid, uuid };
  gboolean taken, events_written = FALSE;

  if (theirs == NULL)
    return FALSE;

  mine = load_mine (state, uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  v.title = ks_agreement_get_title (mine != NULL ? mine : theirs);
  v.exists_mine = mine != NULL;
  v.deleted_mine = is_deleted (mine);
  v.deleted_theirs = is_deleted (theirs);
  v.updated_theirs = ks_agreement_get_updated_at (theirs);
  v.updated_mine = mine != NULL ? ks_agreement_get_updated_at (mine) : "";

  if (!merge_record (state, &v, write_agreement, theirs, &taken, error) ||
      !merge_events (state, uuid, v.title, &events_written, error) ||
      !merge_attachments (state, uuid, v.title, error))
    return FALSE;

  /* A merged event may move its agreement's stage or end date; the
   * agreement keeps the version the merge chose for it. */
  if (events_written)
    {
      g_autoptr(KsAgreement) chosen = ks_agreement_copy (taken || mine == NULL ? theirs : mine);

      if (!ks_agreement_store_save (state->db, chosen, state->source, error))
        return FALSE;
    }

  return TRUE;
}

/* Parents before their children, so that every parent is there. */
static GPtrArray *
list_their_agreements (KsDatabase  *theirs,
                       GError     **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (theirs,
                         "WITH RECURSIVE depth (id, level) AS ("
                         "  SELECT id, 0 FROM agreements WHERE parent_id IS NULL"
                         "  UNION ALL SELECT a.id, d.level + 1 FROM agreements a"
                         "  JOIN depth d ON a.parent_id = d.id WHERE d.level < 1000)"
                         " SELECT a.uuid FROM agreements a JOIN depth d ON d.id = a.id"
                         " ORDER BY d.level, a.id",
                         error);

  if (stmt == NULL)
    return NULL;

  for (;;)
    {
      gboolean has_row;

      if (!ks_store_step_row (theirs, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        return g_steal_pointer (&uuids);
      g_ptr_array_add (uuids, g_strdup (ks_store_column_text (stmt, 0)));
    }
}

static gboolean
read_identities (MergeState  *state,
                 const char  *path,
                 GError     **error)
{
  KsMergeReport *report = state->report;

  report->peer_uuid = query_meta (state->theirs, "register_uuid", error);
  if (report->peer_uuid == NULL)
    return FALSE;
  report->exported_at = query_meta (state->theirs, "exported_at", error);
  if (report->exported_at == NULL)
    return FALSE;

  if (!g_uuid_string_is_valid (report->peer_uuid) || report->exported_at[0] == '\0')
    return refuse (error, path, _("it is a register, not an exchange file; export an exchange file from it."));

  state->my_uuid = ks_exchange_dup_register_uuid (state->db, error);
  if (state->my_uuid == NULL)
    return FALSE;
  if (strcmp (state->my_uuid, report->peer_uuid) == 0)
    return refuse (error, path, _("it was exported from this register."));

  state->base_theirs = query_peer (state->db, report->peer_uuid, error);
  if (state->base_theirs == NULL)
    return FALSE;
  state->base_mine = query_peer (state->theirs, state->my_uuid, error);
  return state->base_mine != NULL;
}

/* Regions */

static gboolean
has_region_code (MergeState  *state,
                 const char  *code,
                 gboolean    *known,
                 GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, "SELECT 1 FROM regions WHERE code = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return ks_store_step_row (state->db, stmt, known, error);
}

static KsRegion *
their_region_from_row (KsStatement *stmt)
{
  return g_object_new (KS_TYPE_REGION,
                       "uuid", ks_store_column_text (stmt, 0),
                       "code", ks_store_column_text (stmt, 1),
                       "name", ks_store_column_text (stmt, 2),
                       "kind", ks_store_column_text (stmt, 3),
                       "province-code", ks_store_column_text (stmt, 4),
                       "group", ks_store_column_text (stmt, 5),
                       NULL);
}

/* The regions the file's agreements are in and this register lacks,
 * such as a kabupaten the other office added by hand: added first, so
 * that every agreement finds its region.  A region is known by its
 * Kemendagri code; one known here keeps its name here. */
static gboolean
merge_regions (MergeState  *state,
               GError     **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->theirs,
                         "SELECT uuid, code, name, kind, province_code, region_group FROM regions "
                         "WHERE id IN (SELECT region_id FROM agreements) ORDER BY code",
                         error);

  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(KsRegion) region = NULL;
      gboolean has_row, known;

      if (!ks_store_step_row (state->theirs, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;

      if (!has_region_code (state, ks_store_column_text (stmt, 1), &known, error))
        return FALSE;
      if (known)
        continue;

      region = their_region_from_row (stmt);
      if (!ks_region_store_adopt (state->db, region, state->source, error))
        return FALSE;
      state->report->n_regions_added++;
    }
}

static gboolean
record_peer (MergeState  *state,
             GError     **error)
{
  KsMergeReport *report = state->report;
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *changes = NULL;

  /* An older file than the last one merged must not move the mark back. */
  if (strcmp (report->exported_at, state->base_theirs) <= 0)
    return TRUE;

  stmt = ks_database_prepare (state->db,
                              "INSERT OR REPLACE INTO merge_peers (peer_uuid, last_merged) VALUES (?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, report->peer_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, report->exported_at, -1, SQLITE_TRANSIENT);
  if (!ks_database_step_done (state->db, stmt, error))
    return FALSE;

  changes = g_strdup_printf ("{\"added\":[null,%u],\"updated\":[null,%u],\"deleted\":[null,%u],"
                             "\"conflicts\":[null,%u]}",
                             report->n_added, report->n_updated, report->n_deleted, report->n_conflicts);
  return ks_database_audit (state->db, "merge_peers", report->peer_uuid, "merge", changes,
                            state->source, error);
}

static gboolean
merge_all (MergeState          *state,
           const char          *path,
           KsExchangeProgress   progress,
           gpointer             user_data,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(GPtrArray) uuids = NULL;

  if (!read_identities (state, path, error) ||
      !merge_regions (state, error))
    return FALSE;

  uuids = list_their_agreements (state->theirs, error);
  if (uuids == NULL)
    return FALSE;

  for (guint i = 0; i < uuids->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, KS_ERROR, KS_ERROR_CANCELLED,
                       _("The merge was cancelled; the register was not changed."));
          return FALSE;
        }
      if (!merge_agreement (state, g_ptr_array_index (uuids, i), error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, uuids->len, user_data);
    }

  return record_peer (state, error);
}

static void
prefix_error (GError     **error,
              const char  *path)
{
  if (error != NULL && *error != NULL &&
      !g_error_matches (*error, KS_ERROR, KS_ERROR_NOT_KERJASAMA) &&
      !g_error_matches (*error, KS_ERROR, KS_ERROR_CANCELLED))
    g_prefix_error (error, _("“%s” cannot be merged; nothing was changed: "), path);
}

/**
 * ks_exchange_merge:
 * @path: the exchange file
 * @options: dry run, preference, choices per conflict
 * @progress: (nullable) (scope call): called after each agreement
 * @report: filled in with what happened (or, for a dry run, would)
 *
 * Merges an exchange file into @db in one transaction; see the top of
 * this file for the rules.  A refused, failed or cancelled merge leaves
 * @db exactly as it was.  Runs on any thread, with @db used by that
 * thread only.
 */
gboolean
ks_exchange_merge (KsDatabase            *db,
                   const char            *path,
                   const KsMergeOptions  *options,
                   KsExchangeProgress     progress,
                   gpointer               user_data,
                   GCancellable          *cancellable,
                   KsMergeReport         *report,
                   GError               **error)
{
  g_auto(Incoming) incoming = { 0 };
  g_auto(MergeState) state = { 0 };
  g_autofree char *base = NULL;
  gboolean ok;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL && options != NULL && report != NULL, FALSE);

  reset_report (report);
  if (!open_incoming (path, &incoming, cancellable, error))
    return FALSE;

  base = g_path_get_basename (path);
  state.db = db;
  state.theirs = incoming.db;
  state.options = options;
  state.report = report;
  state.source = g_strconcat ("merge: ", base, NULL);

  if (!ks_database_begin (db, error))
    return FALSE;

  ok = merge_all (&state, path, progress, user_data, cancellable, error);
  if (ok && !options->dry_run)
    ok = ks_database_commit (db, error);
  if (!ok || options->dry_run)
    ks_database_rollback (db);
  if (!ok)
    prefix_error (error, path);

  return ok;
}
