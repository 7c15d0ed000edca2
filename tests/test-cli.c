/* test-cli.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ks-test-common.h"

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
    { { "--region", "33.14", NULL }, 2, "kerjasama: --region goes with --report or --annual-report\n" },
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

  return g_test_run ();
}
