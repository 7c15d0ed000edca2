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

  return g_test_run ();
}
