/* test-privacy.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The register holds names, phone numbers and e-mail addresses: its
 * files are its owner's alone, and its audit trail is append-only. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#ifdef G_OS_UNIX
#include <sys/stat.h>
#endif

#include "ks-agreement-store.h"
#include "ks-agreement.h"
#include "ks-csv-export.h"
#include "ks-database.h"
#include "ks-test-common.h"

#ifdef G_OS_UNIX

static void
assert_mode (const char *path,
             int         mode)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  if ((int) (buf.st_mode & 0777) != mode)
    g_error ("%s has mode %o, not %o", path, (int) (buf.st_mode & 0777), mode);
}

static KsDatabase *
open_with_one_save (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();

  g_assert_no_error (error);
  g_object_set (agreement, "region-code", "33.14", "title", "Private", NULL);
  g_assert_true (ks_agreement_store_save (db, agreement, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&db);
}

/* Even with the usual umask (022) that lets others read new files. */
static void
test_privacy_register_files (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "new-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "register.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(KsDatabase) db = NULL;
  mode_t old_umask = umask (022);

  db = open_with_one_save (path);
  assert_mode (folder, 0700);
  assert_mode (path, 0600);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);
  umask (old_umask);
  ks_test_remove_tree (dir);
}

static void
test_privacy_backups (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 28, 9, 0, 0);
  g_autofree char *backup = g_build_filename (backups, "register-2026-11-28.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  db = open_with_one_save (path);
  g_assert_true (ks_database_auto_backup (db, 3, day, NULL, &error));
  g_assert_no_error (error);
  assert_mode (backups, 0700);
  assert_mode (backup, 0600);
  g_assert_true (ks_database_backup_to (db, copy, NULL, &error));
  g_assert_no_error (error);
  assert_mode (copy, 0600);
  umask (old_umask);
  ks_test_remove_tree (dir);
}

static void
test_privacy_exports (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  db = open_with_one_save (path);
  g_assert_true (ks_csv_export_file (db, csv, NULL, &error));
  g_assert_no_error (error);
  assert_mode (csv, 0600);
  umask (old_umask);
  ks_test_remove_tree (dir);
}

#endif /* G_OS_UNIX */

static char *
read_source (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("KS_SOURCE_ROOT"), relative, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_steal_pointer (&text);
}

/* Scans every C file of a source folder; calls @check on each. */
static void
for_each_source (const char *folder,
                 void      (*check) (const char *name, const char *text))
{
  g_autofree char *path = g_build_filename (g_getenv ("KS_SOURCE_ROOT"), folder, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".sql"))
      {
        g_autofree char *relative = g_build_filename (folder, name, NULL);
        g_autofree char *text = read_source (relative);

        check (name, text);
      }
}

static void
check_no_audit_change (const char *name,
                       const char *text)
{
  static const char *patterns[] = {
    "UPDATE audit_log", "DELETE FROM audit_log", "REPLACE INTO audit_log",
    "DROP TABLE audit_log", "ALTER TABLE audit_log",
  };
  g_autofree char *upper = g_ascii_strup (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *pattern = g_ascii_strup (patterns[i], -1);

      /* An exchange file is a trimmed copy: its trail, which names the
       * staff, is emptied there (reduce_copy), never the register's. */
      if (g_str_equal (name, "ks-exchange.c") && g_str_equal (patterns[i], "DELETE FROM audit_log") &&
          strstr (text, "reduce_copy (sqlite3") != NULL)
        continue;
      if (strstr (upper, pattern) != NULL)
        g_error ("%s changes the audit trail: %s", name, patterns[i]);
    }
}

static void
check_no_sql (const char *name,
              const char *text)
{
  static const char *patterns[] = {
    "sqlite3_", "ks_database_exec", "ks_database_prepare", "ks_database_get_handle",
  };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (strstr (text, patterns[i]) != NULL)
      g_error ("%s runs SQL itself (%s)", name, patterns[i]);
}

/* The trail is written by ks_database_audit() only, and no code of the
 * program (model, schema, window, command line) updates or removes it;
 * the window cannot, since widgets run no SQL. */
static void
test_privacy_audit_trail_append_only (void)
{
  g_autofree char *header = read_source ("src/model/ks-audit-store.h");
  const char *first;

  for_each_source ("src/model", check_no_audit_change);
  for_each_source ("src/model/schema", check_no_audit_change);
  for_each_source ("src/cli", check_no_audit_change);
  for_each_source ("src/export", check_no_audit_change);
  for_each_source ("src/widgets", check_no_audit_change);
  for_each_source ("src/widgets", check_no_sql);

  /* The store's only entry point reads. */
  first = strstr (header, "ks_audit_store_");
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, "ks_audit_store_list_for_record"));
  g_assert_null (strstr (first + 1, "ks_audit_store_"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#ifdef G_OS_UNIX
  g_test_add_func ("/privacy/register-files", test_privacy_register_files);
  g_test_add_func ("/privacy/backups", test_privacy_backups);
  g_test_add_func ("/privacy/exports", test_privacy_exports);
#endif
  g_test_add_func ("/privacy/audit-trail-append-only", test_privacy_audit_trail_append_only);

  return g_test_run ();
}
