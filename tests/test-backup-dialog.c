/* test-backup-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ks-backup-dialog.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  char           *dir;
  char           *path;
  KsDatabase     *db;
  KsBackupDialog *dialog;
  char           *saved;
} Fixture;

static void
restored_cb (KsBackupDialog *dialog,
             const char     *saved,
             Fixture        *fixture)
{
  fixture->saved = g_strdup (saved);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 27, 9, 0, 0);

  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_test_exec (fixture->db, "INSERT INTO meta (key, value) VALUES ('note', 'yesterday')");
  ks_database_auto_backup (fixture->db, 10, day, NULL, &error);
  g_assert_no_error (error);
  ks_test_exec (fixture->db, "UPDATE meta SET value = 'today' WHERE key = 'note'");

  fixture->dialog = ks_backup_dialog_new (NULL, fixture->db);
  g_object_ref_sink (fixture->dialog);
  g_signal_connect (fixture->dialog, "restored", G_CALLBACK (restored_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_clear_object (&fixture->dialog);
  ks_test_iterate (20);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->saved);
}

static gpointer
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = ks_test_find_by_id (GTK_WIDGET (fixture->dialog), id);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
status_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_visible (find (fixture, "status_label")) &&
         gtk_widget_is_sensitive (find (fixture, "page"));
}

static void
test_back_up_now (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KsDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  ks_backup_dialog_back_up_to (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (status_shown, fixture, 20000));
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "status_label")), ==, "Saved the backup “copy.db”.");

  copy = ks_database_open (path, KS_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  note = ks_test_query_text (copy, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (note, ==, "today");
}

static void
test_automatic_backups_listed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backups", "register-2026-11-27.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED, 0, NULL, NULL);
  g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
  g_autoptr(GDateTime) local = g_date_time_to_local (modified);
  g_autofree char *size = g_format_size (g_file_info_get_size (info));
  g_autofree char *subtitle = g_strdup_printf ("%s · register-2026-11-27.db", size);
  g_autofree char *title = g_date_time_format (local, "%-d %B %Y, %H:%M");

  g_assert_false (gtk_widget_get_visible (find (fixture, "empty_label")));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->dialog), subtitle));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->dialog), title));
}

static void
test_restore_after_confirmation (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backups", "register-2026-11-27.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  AdwMessageDialog *confirm;
  g_autofree char *note = NULL;

  confirm = ks_backup_dialog_ask_restore (fixture->dialog, file);
  ks_test_iterate (20);
  note = ks_test_query_text (fixture->db, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (note, ==, "today");
  g_clear_pointer (&note, g_free);

  adw_message_dialog_response (confirm, "restore");
  ks_test_iterate (20);
  g_assert_nonnull (fixture->saved);
  g_assert_true (g_str_has_suffix (fixture->saved, "-before-restore.db"));
  note = ks_test_query_text (fixture->db, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (note, ==, "yesterday");
}

static void
test_restore_cancelled_changes_nothing (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backups", "register-2026-11-27.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  AdwMessageDialog *confirm;
  g_autofree char *note = NULL;

  confirm = ks_backup_dialog_ask_restore (fixture->dialog, file);
  adw_message_dialog_response (confirm, "cancel");
  ks_test_iterate (20);
  g_assert_null (fixture->saved);
  note = ks_test_query_text (fixture->db, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (note, ==, "today");
}

#define ADD(name, func) \
  g_test_add ("/backup-dialog/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("back-up-now", test_back_up_now);
  ADD ("automatic-backups-listed", test_automatic_backups_listed);
  ADD ("restore-after-confirmation", test_restore_after_confirmation);
  ADD ("restore-cancelled-changes-nothing", test_restore_cancelled_changes_nothing);

  return g_test_run ();
}
