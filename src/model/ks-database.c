/* ks-database.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>

#include "ks-agreement-private.h"
#include "ks-database.h"
#include "ks-error.h"
#include "ks-reference.h"

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER "SQLite format 3"

struct _KsDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *staff_name;
  GHashTable *statements;       /* SQL text → sqlite3_stmt */
  GHashTable *pending_changes;  /* table names touched by the open transaction */
  GStatBuf    identity;         /* the file as opened, see check_identity() */
  guint       read_only : 1;
  guint       unchecked : 1;    /* too large to check at open */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* SQLite's quick check reads the whole file, some 20 ms per thousand
 * agreements.  Registers up to this size are checked before they open;
 * larger ones (a province's, a national collection) open at once and
 * are checked in the background (ks_database_check_file()). */
#define CHECK_AT_OPEN_MAX_BYTES (32 * 1024 * 1024)

static goffset check_at_open_max = CHECK_AT_OPEN_MAX_BYTES;

/* New registers get 16 KiB pages, not SQLite's default 4 KiB: an
 * agreement's row is about 1 KiB of text, and an import writes a quarter
 * as many pages to the WAL and back (100,000 agreements: 7.6 s → 6.5 s).
 * Older registers keep their pages; changing them rewrites the file. */
#define PAGE_SIZE 16384

G_DEFINE_FINAL_TYPE (KsDatabase, ks_database, G_TYPE_OBJECT)

static const char *migrations[] = {
  NULL,                                         /* version 0: empty file */
  RESOURCE_BASE_PATH "/data/schema-1.sql",
  RESOURCE_BASE_PATH "/data/migrate-2.sql",
  RESOURCE_BASE_PATH "/data/migrate-3.sql",
  RESOURCE_BASE_PATH "/data/migrate-4.sql",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KS_DATABASE_SCHEMA_VERSION + 1);

/* Maps SQLite's codes to what a user can act on. */
static void
set_error_from_code (GError     **error,
                     int          rc,
                     const char  *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KS_ERROR, KS_ERROR_BUSY,
                   _("The register is in use by another program. Close it there, or try again in a moment."));
      break;
    case SQLITE_FULL:
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The disk is full. Nothing was saved; free some space and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The register file or its folder cannot be written. Check that the file is not read-only."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KS_ERROR, KS_ERROR_DAMAGED,
                   _("The register file is damaged. Restore it from a backup."));
      break;
    case SQLITE_IOERR:
      /* SQLite's errno is not reliable by the time it reports a failed
       * write; a full disk or a file-size limit is the usual cause. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_FSYNC ||
          rc == SQLITE_IOERR_TRUNCATE || rc == SQLITE_IOERR_DIR_FSYNC)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_IO,
                       _("The register file could not be written: the disk may be full or failing. "
                         "Nothing was saved; free some space and try again."));
          break;
        }
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The register file could not be read or written: %s"), detail);
      break;
    case SQLITE_INTERRUPT:
      g_set_error (error, KS_ERROR, KS_ERROR_CANCELLED, _("The operation was cancelled."));
      break;
    default:
      g_set_error (error, KS_ERROR, KS_ERROR_DATABASE,
                   _("The register reported an error: %s"), detail);
      break;
    }
}

/* A write past the file-size limit or quota fails as an I/O error; to the
 * user it is a full disk all the same. */
static int
refine_code (sqlite3 *db,
             int      rc)
{
  int sys_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  if ((rc & 0xff) == SQLITE_IOERR &&
      (sys_errno == ENOSPC || sys_errno == EFBIG
#ifdef EDQUOT
       || sys_errno == EDQUOT
#endif
       ))
    return SQLITE_FULL;

  return rc;
}

/**
 * ks_database_set_error:
 * @rc: an SQLite result code
 *
 * Returns: %FALSE, so that callers can `return ks_database_set_error (…)`
 */
gboolean
ks_database_set_error (KsDatabase  *self,
                       int          rc,
                       GError     **error)
{
  set_error_from_code (error, refine_code (self != NULL ? self->db : NULL, rc),
                       self != NULL && self->db != NULL
                                  ? sqlite3_errmsg (self->db)
                                  : sqlite3_errstr (rc));
  return FALSE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
ks_database_finalize (GObject *object)
{
  KsDatabase *self = KS_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_changes, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->staff_name);

  G_OBJECT_CLASS (ks_database_parent_class)->finalize (object);
}

static void
ks_database_class_init (KsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_database_finalize;

  /**
   * KsDatabase::changed:
   * @table: the table whose rows changed
   *
   * Emitted after a transaction that changed @table committed, with the
   * table name as detail, so lists can refresh.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ks_database_init (KsDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->staff_name = g_strdup (g_get_real_name ());
}

/* Reads the first bytes without SQLite, so a file that is not a database
 * is refused before anything could touch it. */
static gboolean
check_file_header (const char  *path,
                   gboolean    *exists_and_nonempty,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16] = { 0 };
  gsize n_read = 0;

  *exists_and_nonempty = FALSE;
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be opened: %s"), path, local_error->message);
      return FALSE;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                &n_read, NULL, &local_error))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be read: %s"), path, local_error->message);
      return FALSE;
    }

  if (n_read == 0)
    return TRUE;

  if (n_read < sizeof header || memcmp (header, SQLITE_HEADER, sizeof SQLITE_HEADER) != 0)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA,
                   _("“%s” is not a Kerjasama register: it is not a database file."), path);
      return FALSE;
    }

  *exists_and_nonempty = TRUE;
  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;

  return rc == SQLITE_OK;
}

static gboolean
apply_connection_settings (sqlite3   *db,
                           gboolean   read_only,
                           GError   **error)
{
  int rc;

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);

  rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  /* Every store's save is a savepoint; inside an import's transaction its
   * journal outgrew SQLite's in-memory limit and went to a temporary file
   * page by page (50 writes per agreement).  It is freed at each release. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  if (rc == SQLITE_OK && !read_only)
    /* FULL: an official register prefers a slower commit to losing the
     * last one on a power cut. */
    rc = sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static int
cancel_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static gboolean
quick_check (sqlite3  *db,
             char    **message,
             int      *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  /* The first problem is enough to tell: SQLite's whole report on a
   * damaged page runs to hundreds of lines, too many for a message. */
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      ok = g_strcmp0 (result, "ok") == 0;
      /* SQLite's report spans lines; a message is one. */
      if (!ok)
        *message = g_strdelimit (g_strdup (result), "\r\n", ' ');
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;

  return ok;
}

/* Decides from a read-only connection whether the file may be opened at
 * all; nothing is written before this says yes. */
static void
set_damaged_error (GError     **error,
                   const char  *path,
                   const char  *check,
                   int          rc)
{
  g_set_error (error, KS_ERROR, KS_ERROR_DAMAGED,
               _("“%s” is damaged (%s). Restore it from a backup; the file was not changed."),
               path, check != NULL ? check : sqlite3_errstr (rc));
}

static gboolean
small_enough_to_check (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) != 0 || buf.st_size <= check_at_open_max;
}

static gboolean
verify_existing (const char  *path,
                 int         *version_out,
                 gboolean    *checked,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int app_id = 0, version = 0, n_tables = 0, rc;
  g_autofree char *check = NULL;
  gboolean ok = FALSE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, sqlite3_errmsg (db));
      goto out;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  if (!query_int (db, "PRAGMA application_id", &app_id, &rc) ||
      !query_int (db, "PRAGMA user_version", &version, &rc) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_tables, &rc))
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, KS_ERROR, KS_ERROR_DAMAGED,
                     _("“%s” is damaged and cannot be opened. Restore it from a backup."), path);
      else
        set_error_from_code (error, rc, sqlite3_errmsg (db));
      goto out;
    }

  if (app_id != KS_DATABASE_APPLICATION_ID && !(app_id == 0 && n_tables == 0))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA,
                   _("“%s” is not a Kerjasama register: it belongs to another program."), path);
      goto out;
    }

  if (version > KS_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NEWER_VERSION,
                   _("“%s” was saved by a newer version of Kerjasama (format %d; this version reads up to %d). "
                     "Install the newer version to open it; the file was not changed."),
                   path, version, KS_DATABASE_SCHEMA_VERSION);
      goto out;
    }

  /* Without @checked, as for a backup about to replace the register,
   * the whole file is checked whatever its size. */
  if (checked != NULL)
    *checked = small_enough_to_check (path);
  if ((checked == NULL || *checked) && !quick_check (db, &check, &rc))
    {
      set_damaged_error (error, path, check, rc);
      goto out;
    }

  *version_out = version;
  ok = TRUE;

out:
  sqlite3_close_v2 (db);
  return ok;
}

/* New registers, their WAL and their backups are readable by their owner
 * only: they hold names and phone numbers.  SQLite gives the -wal and -shm
 * files the mode of the database file. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The folder “%s” cannot be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be created: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return g_close (fd, error);
}

static char *
load_resource_text (const char  *resource,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, error);

  if (bytes == NULL)
    return NULL;

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* ks_fold_name(name) for migrate-3.sql: the folding is Unicode-aware C
 * code that SQL cannot express. */
static void
fold_name_sql_cb (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (context, ks_agreement_fold_name (name), -1, g_free);
}

static gboolean
register_fold_name (KsDatabase  *self,
                    gboolean     install,
                    GError     **error)
{
  int rc = sqlite3_create_function (self->db, "ks_fold_name", 1,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                    NULL, install ? fold_name_sql_cb : NULL, NULL, NULL);

  return rc == SQLITE_OK || ks_database_set_error (self, rc, error);
}

static gboolean
migrate_to (KsDatabase  *self,
            int          version,
            gboolean     seed,
            GError     **error)
{
  g_autofree char *sql = load_resource_text (migrations[version], error);
  g_autofree char *set_version = NULL;

  if (sql == NULL)
    return FALSE;

  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  if (!register_fold_name (self, TRUE, error) || !ks_database_begin (self, error))
    return FALSE;

  if (!ks_database_exec (self, sql, error) ||
      (version == 1 && !ks_database_exec (self, "PRAGMA application_id = "
                                                G_STRINGIFY (KS_DATABASE_APPLICATION_ID),
                                          error)) ||
      (version == 1 && seed && !ks_reference_seed (self, error)) ||
      !ks_database_exec (self, set_version, error) ||
      !ks_database_commit (self, error))
    {
      ks_database_rollback (self);
      register_fold_name (self, FALSE, NULL);
      return FALSE;
    }

  return register_fold_name (self, FALSE, error);
}

static gboolean
migrate (KsDatabase  *self,
         int          from_version,
         int          to_version,
         gboolean     seed,
         GError     **error)
{
  for (int version = from_version + 1; version <= to_version; version++)
    {
      g_debug ("Migrating %s to schema version %d", self->path, version);
      if (!migrate_to (self, version, seed, error))
        return FALSE;
    }

  return TRUE;
}

static KsDatabase *
open_at_version (const char       *path,
                 KsDatabaseFlags   flags,
                 int               target_version,
                 GError          **error)
{
  g_autoptr(KsDatabase) self = NULL;
  gboolean read_only = (flags & KS_DATABASE_READ_ONLY) != 0;
  gboolean exists = FALSE;
  gboolean checked = TRUE;
  int version = 0;
  int rc;

  if (!check_file_header (path, &exists, error))
    return NULL;

  if (exists && !verify_existing (path, &version, &checked, error))
    return NULL;

  if (!exists && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (read_only || (flags & KS_DATABASE_NO_CREATE))
        {
          g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
                       _("The register “%s” does not exist."), path);
          return NULL;
        }
      if (!create_private_file (path, error))
        return NULL;
    }

  if (read_only && version < target_version)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA,
                   _("“%s” is an older or empty register and cannot be read without changing it."), path);
      return NULL;
    }

  self = g_object_new (KS_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;
  self->unchecked = !checked;

  rc = sqlite3_open_v2 (path, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      ks_database_set_error (self, rc, error);
      return NULL;
    }

  if (!apply_connection_settings (self->db, read_only, error))
    return NULL;

  if (g_stat (path, &self->identity) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be opened: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  /* Before WAL mode, which fixes the page size of an empty file. */
  if (!read_only && !exists)
    sqlite3_exec (self->db, "PRAGMA page_size = " G_STRINGIFY (PAGE_SIZE), NULL, NULL, NULL);
  if (!read_only)
    {
      rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          ks_database_set_error (self, rc, error);
          return NULL;
        }
      if (!migrate (self, version, target_version, (flags & KS_DATABASE_NO_SEED) == 0, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ks_database_open:
 * @path: the register file
 * @flags: how to open it
 * @error: return location for a #KsError
 *
 * Opens (or creates) a register.  A file that is not a register, is
 * damaged or comes from a newer version is refused and left untouched; an
 * older one is migrated, each version in its own transaction.
 *
 * Returns: (transfer full): the open register, or %NULL
 */
KsDatabase *
ks_database_open (const char       *path,
                  KsDatabaseFlags   flags,
                  GError          **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return open_at_version (path, flags, KS_DATABASE_SCHEMA_VERSION, error);
}

/**
 * ks_database_create_at_version:
 * @path: where the new register goes; nothing may be there yet
 * @version: its schema version, from 1 to %KS_DATABASE_SCHEMA_VERSION
 *
 * Creates an empty register, without reference data, as version @version
 * of the program made them: what a file of that version must look like,
 * for checking one before it is migrated.  No store can work on it.
 *
 * Returns: %FALSE with @error set when it could not be created
 */
gboolean
ks_database_create_at_version (const char  *path,
                               int          version,
                               GError     **error)
{
  g_autoptr(KsDatabase) db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version >= 1 && version <= KS_DATABASE_SCHEMA_VERSION, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO, _("“%s” already exists."), path);
      return FALSE;
    }

  db = open_at_version (path, KS_DATABASE_NO_SEED, version, error);
  return db != NULL;
}

/**
 * ks_database_is_large:
 *
 * Returns: %TRUE when the register was too large to check before it
 *   opened: a window reads it (ks_agreement_list_open_async()) and checks
 *   it (ks_database_check_file()) in the background
 */
gboolean
ks_database_is_large (KsDatabase *self)
{
  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);

  return self->unchecked;
}

/**
 * ks_database_check_file:
 * @path: a register, open or not
 * @cancellable: (nullable): to stop early
 *
 * SQLite's quick check of the whole file, on a read-only connection of
 * its own, so that it may run in another thread while the register is
 * in use.
 *
 * Returns: %TRUE when the file is sound; %FALSE with %KS_ERROR_DAMAGED
 *   (the message says to restore a backup), %G_IO_ERROR_CANCELLED or
 *   another error
 */
gboolean
ks_database_check_file (const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *check = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    set_error_from_code (error, rc, sqlite3_errmsg (db));
  else
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      if (cancellable != NULL)
        sqlite3_progress_handler (db, 10000, cancel_progress_cb, cancellable);
      ok = quick_check (db, &check, &rc);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (!ok)
        set_damaged_error (error, path, check, rc);
    }
  sqlite3_close_v2 (db);

  return ok;
}

/* For tests: registers above @max_bytes count as large; -1 restores
 * the default. */
void
ks_database_set_check_limit (goffset max_bytes)
{
  check_at_open_max = max_bytes >= 0 ? max_bytes : CHECK_AT_OPEN_MAX_BYTES;
}

const char *
ks_database_get_path (KsDatabase *self)
{
  g_return_val_if_fail (KS_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * ks_database_get_handle:
 *
 * For the model's own queries; widgets never use it.
 *
 * Returns: (transfer none): the SQLite connection
 */
sqlite3 *
ks_database_get_handle (KsDatabase *self)
{
  g_return_val_if_fail (KS_IS_DATABASE (self), NULL);

  return self->db;
}

int
ks_database_get_schema_version (KsDatabase *self)
{
  int version = 0, rc;

  g_return_val_if_fail (KS_IS_DATABASE (self), 0);

  query_int (self->db, "PRAGMA user_version", &version, &rc);
  return version;
}

const char *
ks_database_get_staff_name (KsDatabase *self)
{
  g_return_val_if_fail (KS_IS_DATABASE (self), NULL);

  return self->staff_name;
}

/**
 * ks_database_set_staff_name:
 * @staff_name: who the audit trail names for the changes that follow
 */
void
ks_database_set_staff_name (KsDatabase *self,
                            const char *staff_name)
{
  g_return_if_fail (KS_IS_DATABASE (self));

  g_free (self->staff_name);
  self->staff_name = g_strdup (staff_name != NULL && staff_name[0] != '\0'
                               ? staff_name : g_get_real_name ());
}

void
ks_statement_release (KsStatement *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * ks_database_prepare:
 * @sql: a constant SQL text with `?` parameters; never built from user text
 *
 * Statements are prepared once per connection and reused.  Release with
 * g_autoptr(KsStatement) or ks_statement_release(); one statement must not
 * be used twice at the same time.
 *
 * Returns: (transfer none) (nullable): the reset statement
 */
KsStatement *
ks_database_prepare (KsDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ks_database_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * ks_database_step_done:
 *
 * Runs a statement that returns no rows.
 */
gboolean
ks_database_step_done (KsDatabase   *self,
                       KsStatement  *stmt,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ks_database_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ks_database_exec (KsDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return ks_database_set_error (self, rc, error);

  return TRUE;
}

/* SQLite keeps writing to a file deleted or replaced under it (another
 * copy put in its place, a synced folder): those saves would be lost
 * when the program closes, so writing stops with a message instead. */
static gboolean
check_identity (KsDatabase  *self,
                GError     **error)
{
  GStatBuf now;

  if (g_stat (self->path, &now) == 0 &&
      now.st_dev == self->identity.st_dev && now.st_ino == self->identity.st_ino)
    return TRUE;

  g_set_error (error, KS_ERROR, KS_ERROR_IO,
               _("The register file “%s” was moved, replaced or deleted while it was open. "
                 "Nothing was saved; open the register again."), self->path);
  return FALSE;
}

/**
 * ks_database_begin:
 *
 * Starts a write transaction at once (BEGIN IMMEDIATE), so that a busy
 * register is reported before any work is done rather than at commit.
 */
gboolean
ks_database_begin (KsDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!ks_database_in_transaction (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The register was opened read-only."));
      return FALSE;
    }

  if (!check_identity (self, error))
    return FALSE;

  g_hash_table_remove_all (self->pending_changes);
  return ks_database_exec (self, "BEGIN IMMEDIATE", error);
}

static void
emit_pending_changes (KsDatabase *self)
{
  GList *tables = g_hash_table_get_keys (self->pending_changes);

  /* Handlers may start the next transaction: take the set first. */
  g_hash_table_steal_all (self->pending_changes);
  for (GList *l = tables; l != NULL; l = l->next)
    g_signal_emit (self, signals[CHANGED], g_quark_from_string (l->data), l->data);
  g_list_free_full (tables, g_free);
}

gboolean
ks_database_commit (KsDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);

  if (!ks_database_exec (self, "COMMIT", error))
    return FALSE;

  emit_pending_changes (self);
  return TRUE;
}

/**
 * ks_database_rollback:
 *
 * Undoes the open transaction, if any; safe to call after a failed
 * commit, which SQLite may already have rolled back.
 */
void
ks_database_rollback (KsDatabase *self)
{
  g_return_if_fail (KS_IS_DATABASE (self));

  if (ks_database_in_transaction (self))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_hash_table_remove_all (self->pending_changes);
}

gboolean
ks_database_in_transaction (KsDatabase *self)
{
  return sqlite3_get_autocommit (self->db) == 0;
}

/**
 * ks_database_changed:
 * @table: the table whose rows changed
 *
 * Records that @table changed; #KsDatabase::changed is emitted when the
 * transaction commits, or at once outside a transaction (for changes made
 * by another connection, such as a background import).
 */
void
ks_database_changed (KsDatabase *self,
                     const char *table)
{
  g_return_if_fail (KS_IS_DATABASE (self));

  g_hash_table_add (self->pending_changes, g_strdup (table));
  if (!ks_database_in_transaction (self))
    emit_pending_changes (self);
}

/**
 * ks_database_audit:
 * @changes: (nullable): a JSON object, field → [old, new]
 * @source: (nullable): where the change came from (a file for imports)
 *
 * Appends to the audit trail inside the caller's transaction.
 */
gboolean
ks_database_audit (KsDatabase  *self,
                   const char  *table,
                   const char  *uuid,
                   const char  *action,
                   const char  *changes,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *now = ks_database_now ();

  stmt = ks_database_prepare (self,
                              "INSERT INTO audit_log (at, who, record_table, record_uuid, "
                              "action, changes, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->staff_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, changes != NULL ? changes : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, source != NULL ? source : "", -1, SQLITE_TRANSIENT);

  return ks_database_step_done (self, stmt, error);
}

/**
 * ks_database_now:
 *
 * Returns: (transfer full): the current UTC time as stored in
 *   created_at/updated_at, e.g. `2026-11-28T07:15:02.123456Z`
 */
char *
ks_database_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ") ;
}

char *
ks_database_new_uuid (void)
{
  return g_uuid_string_random ();
}

static gboolean
copy_pages (sqlite3       *dest,
            sqlite3       *src,
            GCancellable  *cancellable,
            int           *rc_out)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    {
      *rc_out = sqlite3_errcode (dest);
      return FALSE;
    }

  /* Small steps let a cancel through and let writers in between. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (g_cancellable_is_cancelled (cancellable))
        rc = SQLITE_INTERRUPT;
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  *rc_out = rc == SQLITE_DONE ? SQLITE_OK : rc;

  return rc == SQLITE_DONE;
}

/* SQLite copies pages into a register in WAL mode only from a file of
 * the same page size.  A backup made with other pages (registers made
 * before 16 KiB pages keep 4 KiB ones, and their backups too) is first
 * rewritten with the register's, into a private folder; @source is then
 * the rewritten copy, and @scratch the folder to remove. */
#define SCRATCH_NAME "backup.db"

static int
match_page_size (sqlite3       *dest,
                 sqlite3      **source,
                 char         **scratch,
                 GCancellable  *cancellable)
{
  g_autofree char *copy = NULL;
  char *sql;
  int dest_size = 0, source_size = 0, rc;

  if (!query_int (dest, "PRAGMA page_size", &dest_size, &rc) ||
      !query_int (*source, "PRAGMA page_size", &source_size, &rc) ||
      dest_size == source_size)
    return rc;

  *scratch = g_dir_make_tmp ("kerjasama-restore-XXXXXX", NULL);
  if (*scratch == NULL)
    return SQLITE_CANTOPEN;
  copy = g_build_filename (*scratch, SCRATCH_NAME, NULL);

  sql = sqlite3_mprintf ("PRAGMA page_size = %d; VACUUM INTO %Q", dest_size, copy);
  sqlite3_progress_handler (*source, 1000, cancel_progress_cb, cancellable);
  rc = sqlite3_exec (*source, sql, NULL, NULL, NULL);
  sqlite3_free (sql);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_close_v2 (*source);
  *source = NULL;
  return sqlite3_open_v2 (copy, source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
}

static void
remove_scratch (char *scratch)
{
  g_autofree char *copy = NULL;

  if (scratch == NULL)
    return;
  copy = g_build_filename (scratch, SCRATCH_NAME, NULL);
  g_remove (copy);
  g_rmdir (scratch);
  g_free (scratch);
}

/**
 * ks_database_backup_to:
 * @dest_path: the copy to write; replaced only once the copy is complete
 *
 * Writes a consistent copy of the register, readable by its owner only.
 */
gboolean
ks_database_backup_to (KsDatabase    *self,
                       const char    *dest_path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *tmp_path = g_strdup_printf ("%s.part-%08x", dest_path, g_random_int ());
  g_autoptr(GFile) tmp = g_file_new_for_path (tmp_path);
  g_autoptr(GFile) dest = g_file_new_for_path (dest_path);
  g_autoptr(GError) move_error = NULL;
  sqlite3 *copy = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);

  if (!create_private_file (tmp_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (tmp_path, &copy, SQLITE_OPEN_READWRITE, NULL);
  ok = rc == SQLITE_OK && copy_pages (copy, self->db, cancellable, &rc);
  /* A backup is a single file: no WAL beside it. */
  if (ok)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  ok = ok && rc == SQLITE_OK;
  rc = refine_code (copy, rc);
  sqlite3_close_v2 (copy);

  if (!ok)
    {
      g_file_delete (tmp, NULL, NULL);
      if ((rc & 0xff) == SQLITE_INTERRUPT)
        g_set_error (error, KS_ERROR, KS_ERROR_CANCELLED, _("The backup was cancelled."));
      else
        set_error_from_code (error, rc, sqlite3_errstr (rc));
      return FALSE;
    }

  if (!g_file_move (tmp, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &move_error))
    {
      g_file_delete (tmp, NULL, NULL);
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The backup “%s” cannot be written: %s"), dest_path, move_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * ks_database_dup_backup_dir:
 *
 * Returns: (transfer full): the `backups` folder beside the register
 */
char *
ks_database_dup_backup_dir (KsDatabase *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  return g_build_filename (dir, "backups", NULL);
}

static char *
backup_prefix (KsDatabase *self)
{
  g_autofree char *base = g_path_get_basename (self->path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_strconcat (base, "-", NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Backup names end in the date, so name order is age order. */
static gboolean
prune_backups (const char  *dir,
               const char  *prefix,
               guint        keep,
               GError     **error)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (folder == NULL)
    return FALSE;

  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_remove (path);
    }

  return TRUE;
}

/**
 * ks_database_auto_backup:
 * @keep: how many daily backups to keep; 0 turns them off
 * @now: (nullable): the current time, for tests; %NULL for the clock
 * @cancellable: (nullable): stops the copy, which then leaves nothing
 *
 * Makes today's backup in the `backups` folder if there is none yet, then
 * removes all but the newest @keep.
 */
gboolean
ks_database_auto_backup (KsDatabase    *self,
                         guint          keep,
                         GDateTime     *now,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GDateTime) clock = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autofree char *dir = ks_database_dup_backup_dir (self);
  g_autofree char *prefix = backup_prefix (self);
  g_autofree char *day = g_date_time_format (clock, "%Y-%m-%d");
  g_autofree char *name = g_strconcat (prefix, day, ".db", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);

  if (keep == 0)
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The backups folder “%s” cannot be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !ks_database_backup_to (self, path, cancellable, error))
    return FALSE;

  return prune_backups (dir, prefix, keep, error);
}

/* "register-2026-11-28-110700-before-restore.db": sorts by date among the
 * daily backups, so that pruning treats it like them. */
static char *
before_restore_path (KsDatabase *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = ks_database_dup_backup_dir (self);
  g_autofree char *prefix = backup_prefix (self);
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *name = g_strconcat (prefix, stamp, "-before-restore.db", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;
  return g_build_filename (dir, name, NULL);
}

static void
announce_all_tables (KsDatabase *self)
{
  const char *tables[] = { "regions", "partners", "local_parties", "agreements", "events",
                           "attachments", "procedure_steps", "audit_log" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    ks_database_changed (self, tables[i]);
}

/**
 * ks_database_restore_from:
 * @backup_path: a backup of a register (daily, manual or an older copy)
 * @saved_path: (out) (optional) (transfer full): where the register as it
 *   was before the restore was saved
 *
 * Replaces the register's contents with the backup's, through this
 * connection (SQLite's backup API), so that no open file is swapped under
 * it.  The backup is checked first like a register being opened; the
 * current contents are saved in the backups folder before anything is
 * replaced.  An older backup is migrated.  Every table is announced as
 * changed.
 */
gboolean
ks_database_restore_from (KsDatabase    *self,
                          const char    *backup_path,
                          char         **saved_path,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *before = NULL;
  char *scratch = NULL;
  gboolean exists = FALSE;
  sqlite3 *source = NULL;
  int version = 0, rc;
  gboolean ok;

  g_return_val_if_fail (KS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!ks_database_in_transaction (self), FALSE);

  if (!check_file_header (backup_path, &exists, error) ||
      (exists && !verify_existing (backup_path, &version, NULL, error)))
    return FALSE;
  if (!exists || version == 0)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA,
                   _("“%s” is not a backup of a register."), backup_path);
      return FALSE;
    }

  before = before_restore_path (self);
  if (before == NULL)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The backups folder cannot be created; nothing was restored."));
      return FALSE;
    }
  if (!ks_database_backup_to (self, before, cancellable, error))
    return FALSE;

  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = match_page_size (self->db, &source, &scratch, cancellable);
  ok = rc == SQLITE_OK && copy_pages (self->db, source, cancellable, &rc);
  sqlite3_close_v2 (source);
  remove_scratch (g_steal_pointer (&scratch));
  if (!ok)
    {
      if ((rc & 0xff) == SQLITE_INTERRUPT)
        g_set_error (error, KS_ERROR, KS_ERROR_CANCELLED, _("The restore was cancelled."));
      else
        set_error_from_code (error, rc, sqlite3_errstr (rc));
      return FALSE;
    }

  if (!migrate (self, version, KS_DATABASE_SCHEMA_VERSION, FALSE, error))
    return FALSE;

  announce_all_tables (self);
  if (saved_path != NULL)
    *saved_path = g_steal_pointer (&before);
  return TRUE;
}
