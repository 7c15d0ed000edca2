/* test-import-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ks-import-dialog.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  char           *dir;
  KsDatabase     *db;
  KsImportDialog *dialog;
  char           *summary;
} Fixture;

static void
imported_cb (KsImportDialog *dialog,
             const char     *summary,
             Fixture        *fixture)
{
  fixture->summary = g_strdup (summary);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  fixture->dialog = ks_import_dialog_new (NULL, fixture->db);
  g_object_ref_sink (fixture->dialog);
  g_signal_connect (fixture->dialog, "imported", G_CALLBACK (imported_cb), fixture);
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
  g_free (fixture->summary);
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
preview_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_visible (find (fixture, "preview_group")) &&
         !gtk_widget_get_visible (find (fixture, "progress_bar"));
}

static gboolean
was_imported (gpointer data)
{
  Fixture *fixture = data;

  return fixture->summary != NULL;
}

static void
test_template_imports_after_confirmation (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "template.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_import_dialog_save_template (fixture->dialog, file, &error));
  g_assert_no_error (error);
  bytes = ks_test_read_file (path);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL),
                                   "region,title,description,local_parties,partners,"));

  ks_import_dialog_set_file (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (preview_shown, fixture, 20000));
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "summary_label")), ==,
                   "1 to add, 0 to update, 0 unchanged.");
  g_assert_false (gtk_widget_get_visible (find (fixture, "errors_group")));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.import", NULL);
  g_assert_true (ks_test_wait_for (was_imported, fixture, 20000));
  g_assert_cmpstr (fixture->summary, ==, "Imported: 1 added, 0 updated, 0 unchanged.");
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 1);
}

static void
test_errors_block_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *csv = "region,title,ends_on\n33.14,Grant,2015-02-30\n";
  const char *errors;

  ks_test_write_file (path, csv, strlen (csv));
  ks_import_dialog_set_file (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (preview_shown, fixture, 20000));

  g_assert_true (gtk_widget_get_visible (find (fixture, "errors_group")));
  errors = gtk_label_get_text (find (fixture, "errors_label"));
  g_assert_nonnull (strstr (errors, "line 2, column “ends_on”"));
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "import_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.import", NULL);
  ks_test_iterate (100);
  g_assert_null (fixture->summary);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 0);
}

/* A file that takes a while to import: thousands of new agreements. */
static void
write_large_csv (const char *path,
                 guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("region,title,description,local_parties,partners,partner_countries\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "33.14,Kerja sama uji %u,Kegiatan dilaksanakan secara bertahap sesuai "
                                 "dengan rencana kerja tahunan.,Dinas Pendidikan %u,Mitra %u,NL\n",
                            i, i % 40, i % 300);
  ks_test_write_file (path, csv->str, csv->len);
}

static gboolean
stopped (gpointer data)
{
  Fixture *fixture = data;

  return !gtk_widget_get_visible (find (fixture, "progress_bar"));
}

/* Cancel stops the running import: the register stays as it was, and
 * the dialog can import the same file again. */
static void
test_cancel_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "large.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *dump = "SELECT (SELECT count (*) FROM agreements) || '/' || (SELECT count (*) FROM partners) "
                     "|| '/' || (SELECT count (*) FROM local_parties) || '/' || (SELECT count (*) FROM audit_log)";

  write_large_csv (path, 4000);
  ks_import_dialog_set_file (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (preview_shown, fixture, 60000));
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "summary_label")), ==,
                   "4000 to add, 0 to update, 0 unchanged.");
  before = ks_test_query_text (fixture->db, dump);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.import", NULL);
  g_assert_true (gtk_widget_get_visible (find (fixture, "progress_bar")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.cancel", NULL);
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "status_label")), ==, "Cancelling…");
  g_assert_true (ks_test_wait_for (stopped, fixture, 60000));

  g_assert_null (fixture->summary);
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "status_label")), ==,
                   "The import was cancelled; nothing was imported.");
  after = ks_test_query_text (fixture->db, dump);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "page")));
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "import_button")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "import.import", NULL);
  g_assert_true (ks_test_wait_for (was_imported, fixture, 60000));
  g_assert_cmpstr (fixture->summary, ==, "Imported: 4000 added, 0 updated, 0 unchanged.");
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 4000);
}

#define ADD(name, func) \
  g_test_add ("/import-dialog/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("template-imports-after-confirmation", test_template_imports_after_confirmation);
  ADD ("errors-block-import", test_errors_block_import);
  ADD ("cancel-import", test_cancel_import);

  return g_test_run ();
}
