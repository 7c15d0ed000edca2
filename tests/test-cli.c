/* test-cli.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-database.h"
#include "ks-procedure-progress.h"
#include "ks-region-store.h"
#include "ks-test-common.h"

/* Set to run the program in the session (D-Bus) the tests run in. */
static gboolean keep_session_bus;

/* Runs the installed-to-be program the way a script does: no display, no
 * session bus, no GSettings schema. */
static int
run (char       **out,
     char       **err,
     const char  *first_arg,
     ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KS_PROGRAM"));
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (!keep_session_bus)
    g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", "/nonexistent", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);

  return g_subprocess_get_exit_status (process);
}

static void
test_cli_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "kerjasama " PACKAGE_VERSION "\n");
}

static void
test_cli_load_demo_then_check (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--load-demo", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Added 15 agreements from the study.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--load-demo", "--check", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Added 0 agreements from the study.\nThe register is consistent.\n");
  ks_test_remove_tree (dir);
}

static void
test_cli_refuses_other_file (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) after = NULL;

  ks_test_write_file (path, "not a register\n", 15);
  g_assert_cmpint (run (&out, &err, "--database", path, "--check", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not a Kerjasama register"));
  g_assert_cmpuint (strlen (err), ==, strcspn (err, "\n") + 1);   /* one line */

  after = ks_test_read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "not a register\n", 15);
  ks_test_remove_tree (dir);
}

static void
test_cli_makes_daily_backup (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--check", NULL), ==, 0);
  g_assert_true (g_file_test (backups, G_FILE_TEST_IS_DIR));
  ks_test_remove_tree (dir);
}

static void
test_cli_reports (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "annual.pdf", NULL);
  g_autofree char *annual_xlsx = g_build_filename (dir, "annual.xlsx", NULL);
  g_autofree char *letters = g_build_filename (dir, "letters.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--load-demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--report", xlsx, "--region", "33.14",
                        "--region", "Kota Surakarta", "--from", "2012", "--to", "2017", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--annual-report", pdf, "--year", "2017", NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--annual-report", annual_xlsx, "--year", "2015",
                        "--region", "33.09", NULL), ==, 0);
  g_assert_true (g_file_test (annual_xlsx, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--request-lists", letters, "--region", "33.72", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (letters, G_FILE_TEST_IS_REGULAR));
  ks_test_remove_tree (dir);
}

static void
test_cli_report_errors (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const struct {
    const char *args[6];
    int         status;
    const char *message;
  } cases[] = {
    { { "--annual-report", "a.pdf", NULL }, 2, "kerjasama: --annual-report needs --year\n" },
    { { "--annual-report", "a.docx", "--year", "2017", NULL }, 2,
      "kerjasama: the annual report is written as FILE.xlsx or FILE.pdf\n" },
    { { "--report", "r.xlsx", "--year", "2017", NULL }, 2, "kerjasama: --year goes with --annual-report\n" },
    { { "--annual-report", "a.pdf", "--year", "2017", "--from", "2012" }, 2,
      "kerjasama: --from and --to go with --report\n" },
    { { "--request-lists", "l.docx", NULL }, 2,
      "kerjasama: the request lists are written as FILE.xlsx or FILE.pdf\n" },
    { { "--region", "33.14", NULL }, 2,
      "kerjasama: --region goes with --report, --annual-report, --request-lists or --export-exchange\n" },
    { { "--report", "r.xlsx", "--agency", "PDAM", NULL }, 2, "kerjasama: --agency goes with --export-exchange\n" },
    { { "--report", "r.xlsx", "--from", "2018", "--to", "2017" }, 2, "kerjasama: --from 2018 is after --to 2017\n" },
    { { "--report", "r.xlsx", "--from", "12", NULL }, 2, "kerjasama: --from 12 is not a year between 1900 and 2200\n" },
    { { "--report", NULL, "--region", "33.99", NULL }, 1, "kerjasama: There is no region “33.99” in the register.\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[6];

      memcpy (args, cases[i].args, sizeof args);
      if (args[0] != NULL && g_str_equal (args[0], "--report") && args[1] == NULL)
        args[1] = xlsx;
      g_assert_cmpint (run (&out, &err, "--database", db, args[0], args[1], args[2], args[3],
                            args[4], args[5], NULL), ==, cases[i].status);
      g_assert_cmpstr (err, ==, cases[i].message);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  /* Nothing half-written. */
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  ks_test_remove_tree (dir);
}

#define XIAN   "e8350df6-41c8-4023-b684-c8890ff64ca9"
#define WUMING "ff9f386f-7d04-44d0-807a-2dba2e91dcf8"
#define SNV    "9a2626e9-e8e2-4b31-88ba-61b47ec6543d"
#define GUILIN "912c0cbc-34b7-4ae6-8d93-1799f727f5b2"
#define CEPOGO "6cd17f1f-32dd-4386-9688-1accf8c09e6f"

static char *
make_demo (const char *dir)
{
  char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--load-demo", NULL), ==, 0);
  return db;
}

static char *
export_view (const char *db,
             const char *dir,
             const char *view)
{
  g_autofree char *csv = g_build_filename (dir, "view.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--export-csv", csv, "--view", view, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  bytes = ks_test_read_file (csv);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The study's dates are all years before the computer's, so the views
 * do not depend on the day the test runs. */
static void
test_cli_export_view (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = make_demo (dir);
  g_autofree char *follow_up = export_view (db, dir, "needs-follow-up");
  g_autofree char *not_reported = export_view (db, dir, "not-reported");
  g_autofree char *expiring = export_view (db, dir, "expiring");

  g_assert_true (g_str_has_prefix (follow_up, "region,title,"));
  g_assert_nonnull (strstr (follow_up, XIAN));
  g_assert_nonnull (strstr (follow_up, WUMING));
  g_assert_null (strstr (follow_up, SNV));       /* completed */
  g_assert_null (strstr (follow_up, GUILIN));    /* still exploring */

  g_assert_nonnull (strstr (not_reported, SNV));
  g_assert_nonnull (strstr (not_reported, CEPOGO));
  g_assert_null (strstr (not_reported, XIAN));   /* only an LoI */

  /* Nothing left to expire: a header and no rows. */
  g_assert_cmpuint (strlen (expiring), ==, strcspn (expiring, "\n") + 1);
  ks_test_remove_tree (dir);
}

/* Exactly the agreements ks_procedure_progress_find_gaps() finds: every
 * agreement of the register is in the file if and only if it has a gap. */
static void
test_cli_export_missing_steps (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = make_demo (dir);
  g_autofree char *missing = export_view (path, dir, "missing-steps");
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GHashTable) gap_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(KsStatement) stmt = NULL;
  guint n_agreements = 0;

  g_assert_no_error (error);
  gaps = ks_procedure_progress_find_gaps (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, >, 0);
  for (guint i = 0; i < gaps->len; i++)
    g_hash_table_add (gap_uuids, ((KsProcedureGap *) g_ptr_array_index (gaps, i))->uuid);

  stmt = ks_database_prepare (db, "SELECT uuid FROM agreements", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_cmpint (strstr (missing, uuid) != NULL, ==, g_hash_table_contains (gap_uuids, uuid));
      n_agreements++;
    }
  g_assert_cmpuint (n_agreements, >, gaps->len);

  g_clear_pointer (&stmt, ks_statement_release);
  g_clear_object (&db);
  ks_test_remove_tree (dir);
}

static void
test_cli_view_errors (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "view.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--view", "expiring", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "kerjasama: --view goes with --export-csv\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--export-csv", csv, "--view", "stalled", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown view “stalled”"));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  ks_test_remove_tree (dir);
}

static void
test_cli_check_reminders (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *db = make_demo (dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", empty, "--check-reminders", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Nothing needs attention.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No display and no session bus: the summary on stdout is all. */
  g_assert_cmpint (run (&out, &err, "--database", db, "--check-reminders", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Needs attention: 8 without follow-up, 0 expiring, 8 not reported.\n");
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* In the tests' session (no notification server there): the same,
   * without a warning (they are fatal in the program's environment). */
  keep_session_bus = TRUE;
  g_assert_cmpint (run (&out, &err, "--database", db, "--check-reminders", NULL), ==, 0);
  keep_session_bus = FALSE;
  g_assert_cmpstr (out, ==, "Needs attention: 8 without follow-up, 0 expiring, 8 not reported.\n");
  g_assert_cmpstr (err, ==, "");
  ks_test_remove_tree (dir);
}

static void
test_cli_exchange (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *file = g_build_filename (dir, "a.kerjasama", NULL);
  g_autofree char *region = g_build_filename (dir, "surakarta.kerjasama", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", a, "--load-demo", "--export-exchange", file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Exported 15 agreements to "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", b, "--merge", file, "--dry-run", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Checked: 21 to add, 0 to update, 0 to delete, 0 unchanged, 0 in conflict; "
                            "nothing was written.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", b, "--merge", file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Merged: 21 added, 0 updated, 0 deleted, 0 unchanged, 0 in conflict.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", b, "--merge", file, "--prefer", "theirs", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Merged: 0 added, 0 updated, 0 deleted, 21 unchanged, 0 in conflict.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", b, "--export-exchange", region,
                        "--region", "33.72", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Exported "));
  ks_test_remove_tree (dir);
}

/* An agency's agreements only, whatever case the name is typed in. */
static void
test_cli_exchange_agency (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *file = g_build_filename (dir, "dinas.kerjasama", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(KsDatabase) merged = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (&out, &err, "--database", a, "--load-demo", "--export-exchange", file,
                        "--agency", "DINAS PENDIDIKAN kabupaten sragen", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Exported 2 agreements to "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", b, "--merge", file, NULL), ==, 0);
  merged = ks_database_open (b, KS_DATABASE_NO_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (merged, "SELECT count(*) FROM agreements"), ==, 2);
  g_assert_cmpint (ks_test_query_int (merged, "SELECT count(*) FROM agreements WHERE uuid IN "
                                              "('ae492f22-57f9-4415-b0f9-9d467a207c01', "
                                              "'9a46f1e9-34c8-454c-a377-d85e4cdcd656')"), ==, 2);
  g_clear_object (&merged);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* With a region: both. */
  g_assert_cmpint (run (&out, &err, "--database", a, "--export-exchange", file, "--agency", "PDAM Kabupaten Sragen",
                        "--region", "33.72", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Exported 5 agreements to "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", a, "--export-exchange", file, "--agency", "Dinas Pariwisata",
                        NULL), ==, 1);
  g_assert_cmpstr (err, ==, "kerjasama: There is no agency named “Dinas Pariwisata”.\n");
  ks_test_remove_tree (dir);
}

/* A region typed in by hand travels with its agreement. */
static void
test_cli_exchange_region (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *file = g_build_filename (dir, "contoh.kerjasama", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *name = NULL;
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(KsRegion) region = NULL;
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  db = ks_database_open (a, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  region = ks_region_store_add (db, "99.01", "Kabupaten Contoh", "kabupaten", NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (agreement, "region-code", "99.01", "title", "Fisheries with Busan", NULL);
  ks_agreement_store_save (db, agreement, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_cmpint (run (&out, &err, "--database", a, "--export-exchange", file, "--region", "99.01", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--database", b, "--merge", file, "--dry-run", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Checked: 1 to add, 0 to update, 0 to delete, 0 unchanged, 0 in conflict; "
                            "nothing was written.\nWould add 1 region this register does not have.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--database", b, "--merge", file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Merged: 1 added, 0 updated, 0 deleted, 0 unchanged, 0 in conflict.\n"
                            "Added 1 region this register did not have.\n");

  db = ks_database_open (b, KS_DATABASE_NO_CREATE, &error);
  g_assert_no_error (error);
  name = ks_test_query_text (db, "SELECT r.code || ' ' || r.name FROM agreements a "
                                 "JOIN regions r ON r.id = a.region_id");
  g_assert_cmpstr (name, ==, "99.01 Kabupaten Contoh");
  g_clear_object (&db);
  ks_test_remove_tree (dir);
}

static void
test_cli_exchange_errors (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.kerjasama", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--merge", notes, "--prefer", "both", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "kerjasama: --prefer takes “mine” or “theirs”, not “both”\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--prefer", "mine", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "kerjasama: --prefer goes with --merge\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--dry-run", "--check", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "kerjasama: --dry-run goes with --import or --merge\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  ks_test_write_file (notes, "not an exchange file\n", 21);
  g_assert_cmpint (run (&out, &err, "--database", db, "--merge", notes, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "it is not a Kerjasama exchange file. Nothing was changed."));
  ks_test_remove_tree (dir);
}

#ifdef G_OS_UNIX
static void
kill_merge_after (const char *db,
                  const char *file,
                  gulong      delay_us)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = g_path_get_dirname (db);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", "/nonexistent", TRUE);
  /* The merge killed halfway leaves its private copy of the file in its
   * temporary folder: the test's, removed at its end. */
  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp_dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KS_PROGRAM"),
                                         "--database", db, "--merge", file, NULL);
  g_assert_no_error (error);
  g_usleep (delay_us);
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
}

/* Whatever instant the process dies at, the register is whole and holds
 * either nothing of the file or all of it. */
static void
test_cli_merge_killed (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *pristine = g_build_filename (dir, "pristine.db", NULL);
  g_autofree char *b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *file = g_build_filename (dir, "a.kerjasama", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n_merged = 0, n_untouched = 0;

  g_assert_cmpint (run (&out, &err, "--database", a, "--load-demo", "--export-exchange", file, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "--database", pristine, "--check", NULL), ==, 0);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *check = NULL;
      g_autofree char *wal = g_strconcat (b, "-wal", NULL);
      int n;

      g_remove (wal);
      ks_test_copy_file (pristine, b);
      /* Spread over the run: start-up, checks, the merge, the commit. */
      kill_merge_after (b, file, 60000 * i + (gulong) g_test_rand_int_range (0, 60000));

      db = ks_database_open (b, KS_DATABASE_FLAGS_NONE, &error);
      g_assert_no_error (error);
      check = ks_test_query_text (db, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      n = ks_test_query_int (db, "SELECT count(*) FROM agreements");
      g_assert_true (n == 0 || n == 15);
      if (n == 15)
        {
          g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM events"), ==, 6);
          g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM merge_peers"), ==, 1);
          n_merged++;
        }
      else
        {
          g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM merge_peers"), ==, 0);
          n_untouched++;
        }
    }

  g_test_message ("%u merged, %u untouched", n_merged, n_untouched);
  ks_test_remove_tree (dir);
}
#endif

/* Generates a sample into a new register and returns its CSV dump. */
static char *
generate_and_dump (const char *dir,
                   const char *name,
                   const char *seed)
{
  g_autofree char *db = g_build_filename (dir, name, NULL);
  g_autofree char *csv = g_strconcat (db, ".csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *dump = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--generate-sample", "150", "--seed", seed,
                        "--check", "--export-csv", csv, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Generated 150 sample agreements.\nThe register is consistent.\n");
  g_assert_true (g_file_get_contents (csv, &dump, NULL, NULL));
  return dump;
}

static void
test_cli_generate_sample (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *first = generate_and_dump (dir, "a.db", "7");
  g_autofree char *again = generate_and_dump (dir, "b.db", "7");
  g_autofree char *other = generate_and_dump (dir, "c.db", "8");
  g_auto(GStrv) lines = g_strsplit (first, "\n", -1);
  guint n_rows = 0;

  /* A header, then one line per agreement (no text holds a newline). */
  for (guint i = 1; lines[i] != NULL; i++)
    n_rows += lines[i][0] != '\0';
  g_assert_cmpuint (n_rows, ==, 150);
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
}

static void
test_cli_generate_sample_errors (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (&out, &err, "--database", db, "--generate-sample", "-5", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "kerjasama: --generate-sample -5 is not a number of agreements between 1 and 1000000\n");
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, &err, "--database", db, "--seed", "3", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "kerjasama: --seed goes with --generate-sample\n");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  /* A register with agreements is never filled up with made-up ones. */
  g_assert_cmpint (run (&out, &err, "--database", db, "--load-demo", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (&out, &err, "--database", db, "--generate-sample", "10", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "kerjasama: The register already holds 15 agreements; "
                            "generate the sample into a new or empty register\n");
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/load-demo-then-check", test_cli_load_demo_then_check);
  g_test_add_func ("/cli/refuses-other-file", test_cli_refuses_other_file);
  g_test_add_func ("/cli/daily-backup", test_cli_makes_daily_backup);
  g_test_add_func ("/cli/reports", test_cli_reports);
  g_test_add_func ("/cli/report-errors", test_cli_report_errors);
  g_test_add_func ("/cli/export-view", test_cli_export_view);
  g_test_add_func ("/cli/view-errors", test_cli_view_errors);
  g_test_add_func ("/cli/export-missing-steps", test_cli_export_missing_steps);
  g_test_add_func ("/cli/check-reminders", test_cli_check_reminders);
  g_test_add_func ("/cli/exchange", test_cli_exchange);
  g_test_add_func ("/cli/exchange-errors", test_cli_exchange_errors);
  g_test_add_func ("/cli/exchange-agency", test_cli_exchange_agency);
  g_test_add_func ("/cli/exchange-region", test_cli_exchange_region);
  g_test_add_func ("/cli/generate-sample", test_cli_generate_sample);
  g_test_add_func ("/cli/generate-sample-errors", test_cli_generate_sample_errors);
#ifdef G_OS_UNIX
  g_test_add_func ("/cli/merge-killed", test_cli_merge_killed);
#endif

  return g_test_run ();
}
