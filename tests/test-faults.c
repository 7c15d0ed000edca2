/* test-faults.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the machine can do to a register: a full disk, read-only files and
 * folders, a lock held by another program, a file deleted, replaced,
 * damaged, truncated or from a newer version, a backups folder that cannot
 * be used.  Each must give a clear message, on the command line and to
 * the window through the model's GError, and leave the file as it was. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#ifdef G_OS_UNIX
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "ks-agreement-store.h"
#include "ks-agreement.h"
#include "ks-csv-import.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-error.h"
#include "ks-test-common.h"

#define NOBODY 65534

/* Environment the parent hands to a g_test_trap_subprocess() child. */
#define ENV_DB "KS_FAULT_DB"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

/* A register with the demo's agreements, closed (its WAL checkpointed). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  /* A trapped child works on its parent's register. */
  if (g_test_subprocess ())
    {
      fixture->db = g_strdup (g_getenv (ENV_DB));
      fixture->dir = g_path_get_dirname (fixture->db);
      return;
    }

  fixture->dir = ks_test_make_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "register.db", NULL);
  db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (db, &n_added, &error));
  g_assert_no_error (error);
  g_setenv (ENV_DB, fixture->db, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("chmod -R u+rwx '%s'", fixture->dir);

  if (g_test_subprocess ())
    {
      g_free (fixture->dir);
      g_free (fixture->db);
      return;
    }
  /* Put back the modes a test took away, so the tree can be removed. */
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_unsetenv (ENV_DB);
}

static KsAgreement *
new_agreement (const char *title)
{
  KsAgreement *agreement = ks_agreement_new ();

  g_object_set (agreement, "region-code", "33.14", "title", title, NULL);
  return agreement;
}

/* Prints the error of a failed save, for the parent to match. */
static void
child_try_save (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_autoptr(KsAgreement) agreement = new_agreement ("Should not be saved");

  if (db == NULL)
    {
      g_print ("open: %s\n", error->message);
      return;
    }
  g_assert_false (ks_agreement_store_save (db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, error->code);
  g_print ("save: %s\n", error->message);
}

static void
assert_open_fails (const char *path,
                   KsError     code,
                   const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = ks_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);

  g_assert_null (db);
  g_assert_error (error, KS_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  after = ks_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
}

#ifdef G_OS_UNIX

static void
drop_privileges (void)
{
  if (geteuid () != 0)
    return;
  /* Root ignores file modes; the read-only cases need a normal user. */
  if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
    g_error ("Cannot drop privileges");
}

/* The files must belong to the user the operations will run as. */
static void
give_away (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("chown -R %d:%d '%s'", NOBODY, NOBODY, dir);

  if (geteuid () == 0)
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

typedef struct
{
  gboolean unprivileged;
  rlim_t   file_size_limit;
} ChildLimits;

static void
child_setup_cb (gpointer user_data)
{
  ChildLimits *limits = user_data;

  if (limits->file_size_limit != 0)
    {
      struct rlimit limit = { limits->file_size_limit, limits->file_size_limit };

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
  if (limits->unprivileged)
    drop_privileges ();
}

/* Runs the program as a script would; returns its exit status. */
static int
run_cli (ChildLimits  *limits,
         char        **err,
         const char   *first_arg,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  ChildLimits none = { FALSE, 0 };
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KS_PROGRAM"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", "/nonexistent", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup_cb, limits != NULL ? limits : &none, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
assert_one_line (const char *err,
                 const char *message_part)
{
  g_test_message ("stderr: %s", err);
  g_assert_nonnull (strstr (err, message_part));
}

static char *
write_import_csv (const char *dir,
                  guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("region,title,notes\n");
  char *path = g_build_filename (dir, "import.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "33.14,Imported %u,\"A long note to fill pages, %u\"\n", i, i);
  ks_test_write_file (path, csv->str, csv->len);

  return path;
}

/* A file-size limit that stops the WAL growing after a few saves: a
 * save writes some ten pages of 16 KiB, and the WAL index takes 32 KiB. */
#define DISK_FULL_BYTES (1024 * 1024)

/* Disk full: the limit stops the import's WAL; it is refused whole. */
static void
test_faults_disk_full_cli (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *csv = write_import_csv (fixture->dir, 2000);
  g_autofree char *before = ks_test_dump_database (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  ChildLimits limits = { FALSE, DISK_FULL_BYTES };

  g_assert_cmpint (run_cli (&limits, &err, "--database", fixture->db, "--import", csv, NULL), ==, 1);
  /* After the daily backup's warning, when the backup did not fit. */
  g_assert_true (g_str_has_prefix (err, "kerjasama: The register file could not be written") ||
                 strstr (err, "\nkerjasama: The register file could not be written") != NULL);
  assert_one_line (err, "Nothing was saved; free some space and try again.\n");
  g_assert_null (strstr (err, "disk I/O error"));
  after = ks_test_dump_database (fixture->db);
  g_assert_cmpstr (before, ==, after);
}

/* Saves until the limit is reached: the last one fails with a clear
 * message, and every earlier one is kept. */
static void
child_save_until_full (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  struct rlimit limit = { DISK_FULL_BYTES, DISK_FULL_BYTES };
  guint n_saved = 0;

  g_assert_no_error (error);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  for (; n_saved < 1000; n_saved++)
    {
      g_autofree char *title = g_strdup_printf ("Saved before the disk filled %u", n_saved);
      g_autoptr(KsAgreement) agreement = new_agreement (title);

      if (!ks_agreement_store_save (db, agreement, NULL, &error))
        break;
    }
  g_assert_nonnull (error);
  g_print ("saved %u; %s\n", n_saved, error->message);
}

static void
test_faults_disk_full_model (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KsDatabase) db = NULL;
  g_autofree char *check = NULL;
  g_autofree char *pattern = NULL;
  guint n_before, n_saved = 0;

  if (g_test_subprocess ())
    {
      child_save_until_full (fixture->db);
      return;
    }

  db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  n_before = ks_test_query_int (db, "SELECT count(*) FROM agreements");
  g_clear_object (&db);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("saved *; The *Nothing was saved; free some space*");

  /* The saves reported done are all there, the failed one is not. */
  db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  g_assert_nonnull (db);
  n_saved = ks_test_query_int (db, "SELECT count(*) FROM agreements WHERE title LIKE 'Saved before%'");
  g_assert_cmpuint (n_saved, >, 0);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM agreements"), ==, n_before + n_saved);
  check = ks_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_clear_object (&db);
  pattern = g_strdup_printf ("saved %u; The *Nothing was saved; free some space*", n_saved);
  g_test_trap_assert_stdout (pattern);
}

static void
test_faults_read_only_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) before = ks_test_read_file (fixture->db);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = write_import_csv (fixture->dir, 3);
  ChildLimits limits = { TRUE, 0 };

  give_away (fixture->dir);
  g_assert_cmpint (g_chmod (fixture->db, 0400), ==, 0);
  if (g_test_subprocess ())
    {
      drop_privileges ();
      child_try_save (g_getenv (ENV_DB));
      return;
    }

  g_assert_cmpint (run_cli (&limits, &err, "--database", fixture->db, "--import", csv, NULL), ==, 1);
  assert_one_line (err, "cannot be written");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*cannot be written*");
  after = ks_test_read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_faults_read_only_folder (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GBytes) before = ks_test_read_file (fixture->db);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = write_import_csv (fixture->dir, 3);
  ChildLimits limits = { TRUE, 0 };

  give_away (fixture->dir);
  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
  if (g_test_subprocess ())
    {
      drop_privileges ();
      child_try_save (g_getenv (ENV_DB));
      return;
    }

  g_assert_cmpint (run_cli (&limits, &err, "--database", fixture->db, "--import", csv, NULL), ==, 1);
  assert_one_line (err, "cannot be written");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*cannot be written*");
  after = ks_test_read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));
}

#endif /* G_OS_UNIX */

/* Another program keeps a write transaction open past the busy timeout. */
static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return other;
}

static void
test_faults_locked_model (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KsDatabase) db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  g_autoptr(KsAgreement) agreement = new_agreement ("Waits for the lock");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *other;

  g_assert_nonnull (db);
  before = ks_test_dump_database (fixture->db);
  other = hold_write_lock (fixture->db);
  g_assert_false (ks_agreement_store_save (db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  /* Once the other program lets go, the same object saves. */
  g_clear_error (&error);
  after = ks_test_dump_database (fixture->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (ks_agreement_store_save (db, agreement, NULL, &error));
  g_assert_no_error (error);
}

#ifdef G_OS_UNIX
static void
test_faults_locked_cli (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *before = ks_test_dump_database (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = write_import_csv (fixture->dir, 3);
  sqlite3 *other = hold_write_lock (fixture->db);

  g_assert_cmpint (run_cli (NULL, &err, "--database", fixture->db, "--import", csv, NULL), ==, 1);
  assert_one_line (err, "in use by another program");
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  after = ks_test_dump_database (fixture->db);
  g_assert_cmpstr (before, ==, after);
}
#endif

static void
test_faults_deleted_while_open (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsDatabase) db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  g_autoptr(KsAgreement) agreement = new_agreement ("Nowhere to go");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (db);
  g_assert_cmpint (g_remove (fixture->db), ==, 0);
  g_assert_false (ks_agreement_store_save (db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "moved, replaced or deleted"));
}

static void
test_faults_replaced_while_open (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  g_autoptr(KsAgreement) agreement = new_agreement ("Not into the other file");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_nonnull (db);
  ks_test_copy_file (fixture->db, other_path);
  before = ks_test_read_file (other_path);
  g_assert_cmpint (g_rename (other_path, fixture->db), ==, 0);
  g_assert_false (ks_agreement_store_save (db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "moved, replaced or deleted"));
  after = ks_test_read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));
}

/* Overwrites one page in the middle of the file with noise. */
static void
damage_page (const char *path)
{
  g_autoptr(GBytes) bytes = ks_test_read_file (path);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  gsize page = (size / 4096) / 2 * 4096;

  g_assert_cmpuint (size, >=, 4 * 4096);
  for (gsize i = 0; i < 4096; i++)
    data[page + i] = (guint8) (i * 37 + 11);
  ks_test_write_file (path, data, size);
}

static void
test_faults_damaged_page (Fixture       *fixture,
                          gconstpointer  data)
{
  damage_page (fixture->db);
  assert_open_fails (fixture->db, KS_ERROR_DAMAGED, "Restore it from a backup");
}

/* A register too large to check before it opens opens, and the check
 * the window then runs in the background finds the damage; a small one
 * is still refused at once. */
static void
test_faults_damaged_large (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = NULL;

  ks_test_damage_index (fixture->db, "audit_log_record");
  assert_open_fails (fixture->db, KS_ERROR_DAMAGED, "Restore it from a backup");

  ks_database_set_check_limit (0);
  db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, &error);
  ks_database_set_check_limit (-1);
  g_assert_no_error (error);
  g_assert_true (ks_database_is_large (db));
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM agreements"), >, 0);

  g_assert_false (ks_database_check_file (fixture->db, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "Restore it from a backup"));
}

/* The check of a sound file passes, and a cancel stops it. */
static void
test_faults_check_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_false (ks_database_is_large (db));
  g_assert_true (ks_database_check_file (fixture->db, NULL, &error));
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (ks_database_check_file (fixture->db, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_faults_truncated (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = ks_test_read_file (fixture->db);

  ks_test_write_file (fixture->db, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
  assert_open_fails (fixture->db, KS_ERROR_DAMAGED, "Restore it from a backup");
}

static void
test_faults_truncated_header (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GBytes) bytes = ks_test_read_file (fixture->db);

  ks_test_write_file (fixture->db, g_bytes_get_data (bytes, NULL), 50);
  assert_open_fails (fixture->db, KS_ERROR_DAMAGED, "Restore it from a backup");
}

static void
test_faults_not_a_database (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char text[] = "name,phone\nSomeone,0812\n";

  ks_test_write_file (fixture->db, text, sizeof text - 1);
  assert_open_fails (fixture->db, KS_ERROR_NOT_KERJASAMA, "is not a Kerjasama register");
}

static void
test_faults_other_sqlite_file (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "other.sqlite", NULL);
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  assert_open_fails (path, KS_ERROR_NOT_KERJASAMA, "belongs to another program");
}

static void
test_faults_newer_version (Fixture       *fixture,
                           gconstpointer  data)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (fixture->db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  assert_open_fails (fixture->db, KS_ERROR_NEWER_VERSION, "newer version of Kerjasama");
}

#ifdef G_OS_UNIX
/* The same refusals on the command line: one line, exit status 1. */
static void
test_faults_refusals_cli (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = ks_test_read_file (fixture->db);
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.db", NULL);
  g_autofree char *truncated = g_build_filename (fixture->dir, "truncated.db", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "text.db", NULL);
  struct { const char *path; const char *message; } cases[] = {
    { damaged, "Restore it from a backup" },
    { truncated, "Restore it from a backup" },
    { text, "is not a Kerjasama register" },
  };

  ks_test_copy_file (fixture->db, damaged);
  damage_page (damaged);
  ks_test_write_file (truncated, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);
  ks_test_write_file (text, "hello\n", 6);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) before = ks_test_read_file (cases[i].path);
      g_autoptr(GBytes) after = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (NULL, &err, "--database", cases[i].path, "--load-demo", NULL), ==, 1);
      assert_one_line (err, cases[i].message);
      after = ks_test_read_file (cases[i].path);
      g_assert_true (g_bytes_equal (before, after));
    }
}

/* A backups folder that cannot be made or written warns but does not
 * stop the work. */
static void
test_faults_backups_folder_blocked (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *err = NULL;
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  ks_test_write_file (backups, "a file where the folder should be", 33);
  db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  g_assert_false (ks_database_auto_backup (db, 3, NULL, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "backups folder"));
  g_clear_object (&db);

  g_assert_cmpint (run_cli (NULL, &err, "--database", fixture->db, "--check", NULL), ==, 0);
  assert_one_line (err, "warning: the daily backup was not made: The backups folder");
}

static void
test_faults_backups_folder_unwritable (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *err = NULL;
  ChildLimits limits = { TRUE, 0 };

  if (!g_test_subprocess ())
    g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  give_away (fixture->dir);
  g_assert_cmpint (g_chmod (backups, 0), ==, 0);
  if (g_test_subprocess ())
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autoptr(GError) error = NULL;

      drop_privileges ();
      db = ks_database_open (g_getenv (ENV_DB), KS_DATABASE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_false (ks_database_auto_backup (db, 3, NULL, NULL, &error));
      g_print ("%s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*cannot be created: Permission denied*");
  g_assert_cmpint (run_cli (&limits, &err, "--database", fixture->db, "--load-demo", NULL), ==, 0);
  assert_one_line (err, "warning: the daily backup was not made");
}
#endif

/* A missing backups folder is made again, owner-only. */
static void
test_faults_backups_folder_missing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  g_assert_true (ks_database_auto_backup (db, 3, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backups, G_FILE_TEST_IS_DIR));
}

/* The window shows the model's messages: they come translated. */
static void
test_faults_messages_translated (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char text[] = "not a register";

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KsDatabase) db = NULL;

      g_setenv ("LANG", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "id", TRUE);
      ks_test_init_i18n ();
      ks_test_write_file (fixture->db, text, sizeof text - 1);
      db = ks_database_open (fixture->db, KS_DATABASE_FLAGS_NONE, &error);
      g_assert_null (db);
      g_print ("%s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*bukan berkas daftar Kerjasama*");
}

#define ADD(path, func) \
  g_test_add ("/faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");

#ifdef G_OS_UNIX
  ADD ("disk-full/cli", test_faults_disk_full_cli);
  ADD ("disk-full/model", test_faults_disk_full_model);
  ADD ("read-only-file", test_faults_read_only_file);
  ADD ("read-only-folder", test_faults_read_only_folder);
  ADD ("locked/cli", test_faults_locked_cli);
  ADD ("refusals/cli", test_faults_refusals_cli);
  ADD ("backups-folder/blocked", test_faults_backups_folder_blocked);
  ADD ("backups-folder/unwritable", test_faults_backups_folder_unwritable);
#endif
  ADD ("locked/model", test_faults_locked_model);
  ADD ("deleted-while-open", test_faults_deleted_while_open);
  ADD ("replaced-while-open", test_faults_replaced_while_open);
  ADD ("damaged-page", test_faults_damaged_page);
  ADD ("damaged-large", test_faults_damaged_large);
  ADD ("check-file", test_faults_check_file);
  ADD ("truncated", test_faults_truncated);
  ADD ("truncated-header", test_faults_truncated_header);
  ADD ("not-a-database", test_faults_not_a_database);
  ADD ("other-sqlite-file", test_faults_other_sqlite_file);
  ADD ("newer-version", test_faults_newer_version);
  ADD ("backups-folder/missing", test_faults_backups_folder_missing);
  ADD ("messages-translated", test_faults_messages_translated);

  return g_test_run ();
}
