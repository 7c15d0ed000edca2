/* test-crash.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Kills the real program, or a child of this test running the window's
 * code path, with SIGKILL at random moments of its work and checks that
 * the register survives: it passes PRAGMA integrity_check, opens
 * normally, and holds the whole operation or none of it. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#ifdef G_OS_UNIX
#include <signal.h>
#endif

#include "ks-agreement-store.h"
#include "ks-agreement.h"
#include "ks-check.h"
#include "ks-database.h"
#include "ks-exchange.h"
#include "ks-test-common.h"

#define KILLS_PER_OPERATION 30
#define IMPORT_ROWS 600

static const char *self_path;

/* The child of the "save" case: the editor's save path, one agreement
 * after another, printing how many are committed. */
static int
run_saver (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);

  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint n = 1; ; n++)
    {
      g_autoptr(KsAgreement) agreement = ks_agreement_new ();
      g_autofree char *title = g_strdup_printf ("Saved %u", n);

      g_object_set (agreement, "region-code", "33.14", "title", title, NULL);
      if (!ks_agreement_store_save (db, agreement, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%u\n", n);
      fflush (stdout);
    }

  return 0;
}

/* The child of the "restore" case: the backup dialog's restore, on the
 * window's own connection. */
static int
run_restorer (const char *path,
              const char *backup_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_autofree char *saved = NULL;

  if (db == NULL || !ks_database_restore_from (db, backup_path, &saved, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("restored, saved %s\n", saved);
  return 0;
}

typedef struct
{
  const char *path;
  const char *file;
  GError     *error;
} MergeJob;

static void
merge_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  g_print ("%u/%u\n", done, total);
  fflush (stdout);
}

/* As the merge dialog's worker thread does it: a connection of its own. */
static gpointer
merge_thread (gpointer data)
{
  MergeJob *job = data;
  g_autoptr(KsDatabase) db = ks_database_open (job->path, KS_DATABASE_NO_CREATE, &job->error);
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  KsMergeOptions options = { FALSE, KS_EXCHANGE_PREFER_NONE, NULL };

  if (db != NULL)
    {
      ks_database_set_staff_name (db, "Merging staff");
      ks_exchange_merge (db, job->file, &options, merge_progress_cb, NULL, NULL, report, &job->error);
    }
  return NULL;
}

/* The child of the "window-merge" case: the window's connection stays
 * open while a worker thread merges through its own. */
static int
run_window_merger (const char *path,
                   const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) window_db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  MergeJob job = { path, file, NULL };

  if (window_db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_thread_join (g_thread_new ("merge", merge_thread, &job));
  if (job.error != NULL)
    {
      g_printerr ("%s\n", job.error->message);
      g_error_free (job.error);
      return 1;
    }
  g_print ("merged\n");
  return 0;
}

#ifdef G_OS_UNIX

typedef struct
{
  char *dir;
  char *template;   /* a register with data, never touched by a run */
  char *db;
  char *csv;
  char *other;      /* the backup to restore, or the exchange file to merge */
} Fixture;

/* The children's temporary folder: a merge killed halfway leaves its
 * private copy of the exchange file there, removed with the fixture. */
static const char *child_tmp_dir;

static GSubprocess *
spawn (GSubprocessFlags    flags,
       const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", "/nonexistent", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (child_tmp_dir != NULL)
    g_subprocess_launcher_setenv (launcher, "TMPDIR", child_tmp_dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  return process;
}

static int
run_program (const char *arg1,
             const char *arg2,
             const char *arg3,
             const char *arg4)
{
  const char *argv[] = { g_getenv ("KS_PROGRAM"), arg1, arg2, arg3, arg4, NULL };
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, argv);
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
run_program_argv (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KS_PROGRAM"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, (const char * const *) argv->pdata);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
write_import_csv (const char *path)
{
  g_autoptr(GString) csv = g_string_new ("region,title,notes\n");

  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (csv, "33.14,Imported agreement %u,\"Notes, line %u\"\n", i, i);
  ks_test_write_file (path, csv->str, csv->len);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *seed_csv = NULL;

  fixture->dir = ks_test_make_tmpdir ();
  child_tmp_dir = fixture->dir;
  fixture->template = g_build_filename (fixture->dir, "template.db", NULL);
  fixture->db = g_build_filename (fixture->dir, "work", "register.db", NULL);
  fixture->csv = g_build_filename (fixture->dir, "import.csv", NULL);
  write_import_csv (fixture->csv);

  if (g_strcmp0 (data, "restore") == 0)
    {
      /* Other contents than the register's, and big enough to take time. */
      fixture->other = g_build_filename (fixture->dir, "backup.db", NULL);
      run_program_argv ((const char *[]) { "--database", fixture->other, "--generate-sample", "400",
                                           "--seed", "7", NULL });
    }
  else if (g_strcmp0 (data, "window-merge") == 0)
    {
      g_autofree char *office = g_build_filename (fixture->dir, "office.db", NULL);

      fixture->other = g_build_filename (fixture->dir, "office.kerjasama", NULL);
      run_program_argv ((const char *[]) { "--database", office, "--load-demo",
                                           "--export-exchange", fixture->other, NULL });
    }

  /* The backup and restore cases need a register big enough to take some time. */
  if (g_strcmp0 (data, "backup") == 0 || g_strcmp0 (data, "restore") == 0)
    {
      g_assert_cmpint (run_program ("--database", fixture->template, "--load-demo", NULL), ==, 0);
      g_assert_cmpint (run_program ("--database", fixture->template, "--import", fixture->csv), ==, 0);
    }
  else
    g_assert_cmpint (run_program ("--database", fixture->template, "--check", NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  child_tmp_dir = NULL;
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->template);
  g_free (fixture->db);
  g_free (fixture->csv);
  g_free (fixture->other);
}

static void
reset_work_copy (Fixture  *fixture,
                 gboolean  empty)
{
  g_autofree char *work = g_path_get_dirname (fixture->db);

  ks_test_remove_tree (work);
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  if (!empty)
    ks_test_copy_file (fixture->template, fixture->db);
}

/* Runs @argv to its end and returns how long it took, in microseconds. */
static gint64
time_full_run (const char * const *argv)
{
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, argv);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_get_monotonic_time () - start;
}

static char *
kill_after (const char * const *argv,
            gint64              delay_us)
{
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, argv);
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_usleep (delay_us);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  return out;
}

static char *
integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  return result;
}

/* The checks every kill is followed by; returns the open register. */
static KsDatabase *
assert_register_survived (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *check = integrity_check (path);
  g_autoptr(GPtrArray) problems = NULL;
  KsDatabase *db;

  g_assert_cmpstr (check, ==, "ok");
  db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_check_run (db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  return db;
}

static int
count_agreements (KsDatabase *db)
{
  return ks_test_query_int (db, "SELECT count(*) FROM agreements WHERE deleted_at IS NULL");
}

static gint64
random_delay (gint64 full_run_us)
{
  return g_test_rand_int_range (0, (gint32) MIN (full_run_us * 13 / 10, G_MAXINT32));
}

/* Kills a run of the program KILLS_PER_OPERATION times and checks that
 * each left @before or @after agreements in the register. */
static void
kill_program_repeatedly (Fixture    *fixture,
                         const char *option,
                         const char *value,
                         gboolean    empty,
                         int         before,
                         int         after)
{
  const char *argv[] = { g_getenv ("KS_PROGRAM"), "--database", fixture->db, option, value, NULL };
  guint n_before = 0, n_after = 0;
  gint64 full_run;

  reset_work_copy (fixture, empty);
  full_run = time_full_run (argv);

  for (guint i = 0; i < KILLS_PER_OPERATION; i++)
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autofree char *out = NULL;
      int n;

      reset_work_copy (fixture, empty);
      out = kill_after (argv, random_delay (full_run));
      if (!g_file_test (fixture->db, G_FILE_TEST_EXISTS))
        continue;   /* killed before it created the file */

      db = assert_register_survived (fixture->db);
      n = count_agreements (db);
      g_assert_true (n == before || n == after);
      if (n == before)
        n_before++;
      else
        n_after++;
    }

  g_test_message ("%s: %u kills left nothing, %u left everything", option, n_before, n_after);
}

static void
test_crash_create (Fixture       *fixture,
                   gconstpointer  data)
{
  kill_program_repeatedly (fixture, "--check", NULL, TRUE, 0, 0);
}

static void
test_crash_import (Fixture       *fixture,
                   gconstpointer  data)
{
  kill_program_repeatedly (fixture, "--import", fixture->csv, FALSE, 0, IMPORT_ROWS);
}

static void
test_crash_load_demo (Fixture       *fixture,
                      gconstpointer  data)
{
  kill_program_repeatedly (fixture, "--load-demo", NULL, FALSE, 0, 15);
}

static void
assert_backups_whole (Fixture *fixture,
                      int      expected)
{
  g_autofree char *work = g_path_get_dirname (fixture->db);
  g_autofree char *backups = g_build_filename (work, "backups", NULL);
  g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  /* A finished backup is a whole register; a killed one is only ever a
   * ".part-" file, never taken for a backup. */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".db"))
      {
        g_autofree char *path = g_build_filename (backups, name, NULL);
        g_autoptr(KsDatabase) copy = assert_register_survived (path);

        g_assert_cmpint (count_agreements (copy), ==, expected);
      }
}

static void
test_crash_backup (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *argv[] = { g_getenv ("KS_PROGRAM"), "--database", fixture->db, "--check", NULL };
  int expected;
  gint64 full_run;

  reset_work_copy (fixture, FALSE);
  full_run = time_full_run (argv);
  {
    g_autoptr(KsDatabase) db = assert_register_survived (fixture->db);
    expected = count_agreements (db);
  }

  for (guint i = 0; i < KILLS_PER_OPERATION; i++)
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autofree char *out = NULL;

      reset_work_copy (fixture, FALSE);
      out = kill_after (argv, random_delay (full_run));
      db = assert_register_survived (fixture->db);
      g_assert_cmpint (count_agreements (db), ==, expected);
      assert_backups_whole (fixture, expected);
    }
}

/* The window's save path: every save the child reported as done is in
 * the register, with its audit row, and nothing half-saved. */
static void
test_crash_save (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *argv[] = { self_path, "--saver", fixture->db, NULL };

  for (guint i = 0; i < KILLS_PER_OPERATION; i++)
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      guint n_lines, reported = 0;
      int n;

      reset_work_copy (fixture, FALSE);
      out = kill_after (argv, 50000 + g_test_rand_int_range (0, 400000));
      lines = g_strsplit (out, "\n", -1);
      n_lines = g_strv_length (lines);
      if (n_lines >= 2)
        reported = (guint) g_ascii_strtoull (lines[n_lines - 2], NULL, 10);

      db = assert_register_survived (fixture->db);
      n = count_agreements (db);
      g_assert_cmpint (n, >=, reported);
      g_assert_cmpint (n, <=, reported + 1);
      g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM audit_log "
                                              "WHERE record_table = 'agreements' AND action = 'insert'"),
                       ==, n);
    }
}

/* What tells two registers apart, cheaply: the agreements, their events
 * and the audit trail. */
static char *
content_digest (KsDatabase *db)
{
  return ks_test_query_text (db, "SELECT (SELECT count(*) || ':' || max (id) || ':' || sum (length (title)) "
                                 "  || ':' || max (updated_at) FROM agreements) "
                                 "|| '/' || (SELECT count(*) FROM events) "
                                 "|| '/' || (SELECT count(*) || ':' || max (id) FROM audit_log)");
}

static char *
digest_of_file (const char *path)
{
  g_autoptr(KsDatabase) db = assert_register_survived (path);

  return content_digest (db);
}

static char *
checksum_of_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static gboolean
has_before_restore_copy (Fixture *fixture)
{
  g_autofree char *work = g_path_get_dirname (fixture->db);
  g_autofree char *backups = g_build_filename (work, "backups", NULL);
  g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, "-before-restore.db"))
      return TRUE;
  return FALSE;
}

/* The restore from the backup dialog: the register is the old one or the
 * backup, whole; the copy of the old one made first is whole, and there
 * whenever the old one was replaced; the backup is untouched. */
static void
test_crash_restore (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *argv[] = { self_path, "--restorer", fixture->db, fixture->other, NULL };
  g_autofree char *old = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *backup = checksum_of_file (fixture->other);
  guint n_old = 0, n_restored = 0, n_saved = 0;
  gint64 full_run;
  int n_agreements_old;

  reset_work_copy (fixture, FALSE);
  old = digest_of_file (fixture->db);
  {
    g_autoptr(KsDatabase) db = assert_register_survived (fixture->db);
    n_agreements_old = count_agreements (db);
  }
  reset_work_copy (fixture, FALSE);
  full_run = time_full_run (argv);
  restored = digest_of_file (fixture->db);
  g_assert_cmpstr (old, !=, restored);

  for (guint i = 0; i < KILLS_PER_OPERATION; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *now = NULL;
      g_autofree char *backup_now = NULL;

      reset_work_copy (fixture, FALSE);
      out = kill_after (argv, random_delay (full_run));
      now = digest_of_file (fixture->db);
      g_assert_true (g_str_equal (now, old) || g_str_equal (now, restored));
      if (g_str_equal (now, old))
        n_old++;
      else
        n_restored++;
      if (has_before_restore_copy (fixture))
        n_saved++;
      else
        g_assert_cmpstr (now, ==, old);

      assert_backups_whole (fixture, n_agreements_old);
      backup_now = checksum_of_file (fixture->other);
      g_assert_cmpstr (backup_now, ==, backup);
    }

  g_test_message ("restore: %u kills left the old register, %u the restored one; %u after the copy of the old one",
                   n_old, n_restored, n_saved);
}

/* The merge from the window: a worker thread's own connection while the
 * window's stays open; nothing of the file or all of it. */
static void
test_crash_window_merge (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *argv[] = { self_path, "--window-merger", fixture->db, fixture->other, NULL };
  guint n_merged = 0, n_untouched = 0;
  gint64 full_run;

  reset_work_copy (fixture, FALSE);
  full_run = time_full_run (argv);
  {
    g_autoptr(KsDatabase) db = assert_register_survived (fixture->db);
    g_assert_cmpint (count_agreements (db), ==, 15);
  }

  for (guint i = 0; i < KILLS_PER_OPERATION; i++)
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autofree char *out = NULL;
      int n;

      reset_work_copy (fixture, FALSE);
      out = kill_after (argv, random_delay (full_run));
      db = assert_register_survived (fixture->db);
      n = ks_test_query_int (db, "SELECT count(*) FROM agreements");
      g_assert_true (n == 0 || n == 15);
      g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM merge_peers"), ==, n == 15 ? 1 : 0);
      g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM events"), ==, n == 15 ? 6 : 0);
      if (n == 15)
        n_merged++;
      else
        n_untouched++;
    }

  g_test_message ("window merge: %u kills left it merged, %u untouched", n_merged, n_untouched);
}

#else

static void
test_crash_skip (void)
{
  g_test_skip ("Killing a process needs Unix signals");
}

#endif

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--saver"))
    return run_saver (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--restorer"))
    return run_restorer (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--window-merger"))
    return run_window_merger (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);

#ifdef G_OS_UNIX
  g_test_add ("/crash/create", Fixture, NULL, fixture_set_up, test_crash_create, fixture_tear_down);
  g_test_add ("/crash/import", Fixture, NULL, fixture_set_up, test_crash_import, fixture_tear_down);
  g_test_add ("/crash/load-demo", Fixture, NULL, fixture_set_up, test_crash_load_demo, fixture_tear_down);
  g_test_add ("/crash/backup", Fixture, "backup", fixture_set_up, test_crash_backup, fixture_tear_down);
  g_test_add ("/crash/save", Fixture, NULL, fixture_set_up, test_crash_save, fixture_tear_down);
  g_test_add ("/crash/restore", Fixture, "restore", fixture_set_up, test_crash_restore, fixture_tear_down);
  g_test_add ("/crash/window-merge", Fixture, "window-merge", fixture_set_up, test_crash_window_merge,
              fixture_tear_down);
#else
  g_test_add_func ("/crash/skip", test_crash_skip);
#endif

  return g_test_run ();
}
