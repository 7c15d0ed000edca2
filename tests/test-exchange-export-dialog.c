/* test-exchange-export-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ks-demo.h"
#include "ks-exchange-export-dialog.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

/* The two agreements of Dinas Pendidikan Kabupaten Sragen in the study. */
#define SCHOOL_1 "ae492f22-57f9-4415-b0f9-9d467a207c01"
#define SCHOOL_2 "9a46f1e9-34c8-454c-a377-d85e4cdcd656"
#define WATER    "29579cb6-3aa2-44a7-bb1e-81ffc1e22b98"

typedef struct
{
  char                   *dir;
  KsDatabase             *db;
  GSettings              *settings;
  KsExchangeExportDialog *dialog;
  GFile                  *exported;
  guint                   n_exported;
} Fixture;

static void
exported_cb (KsExchangeExportDialog *dialog,
             GFile                  *file,
             guint                   n_exported,
             Fixture                *fixture)
{
  g_set_object (&fixture->exported, file);
  fixture->n_exported = n_exported;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added = 0;

  fixture->dir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_demo_load (fixture->db, &n_added, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "home-region", "33.72");
}

static void
open_dialog (Fixture            *fixture,
             const char * const *selected,
             const char         *shown_region)
{
  fixture->dialog = ks_exchange_export_dialog_new (NULL, fixture->db, fixture->settings, selected, shown_region);
  g_object_ref_sink (fixture->dialog);
  g_signal_connect (fixture->dialog, "exported", G_CALLBACK (exported_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_clear_object (&fixture->dialog);
  ks_test_iterate (20);
  g_clear_object (&fixture->exported);
  g_settings_reset (fixture->settings, "home-region");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
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
was_exported (gpointer data)
{
  Fixture *fixture = data;

  return fixture->exported != NULL;
}

static void
choose (AdwComboRow *row,
        const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      {
        adw_combo_row_set_selected (row, i);
        ks_test_iterate (10);
        return;
      }

  g_error ("no choice “%s”", label);
}

/* Exports to a file in the test's folder and returns the uuids the file
 * holds, sorted and joined with spaces. */
static char *
export_and_list (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KsDatabase) exported = NULL;
  g_autoptr(GError) error = NULL;

  ks_exchange_export_dialog_export_to (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (was_exported, fixture, 10000));
  g_clear_object (&fixture->dialog);
  g_assert_true (g_str_has_suffix (g_file_peek_path (fixture->exported), ".kerjasama"));

  exported = ks_database_open (g_file_peek_path (fixture->exported), KS_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (exported, "SELECT count(*) FROM agreements"), ==, fixture->n_exported);
  return ks_test_query_text (exported, "SELECT group_concat (uuid, ' ') FROM "
                                       "(SELECT uuid FROM agreements ORDER BY uuid)");
}

static void
test_agency (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *uuids = NULL;
  AdwComboRow *agency_row;

  open_dialog (fixture, NULL, NULL);
  agency_row = find (fixture, "agency_row");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (agency_row)));
  choose (find (fixture, "what_row"), "One agency");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (agency_row)));
  choose (agency_row, "Dinas Pendidikan Kabupaten Sragen");

  uuids = export_and_list (fixture, "dinas");
  g_assert_cmpuint (fixture->n_exported, ==, 2);
  g_assert_cmpstr (uuids, ==, SCHOOL_2 " " SCHOOL_1);
}

/* With rows selected, they are what the dialog offers first. */
static void
test_selected_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *selected[] = { WATER, SCHOOL_1, NULL };
  g_autofree char *uuids = NULL;
  AdwComboRow *what_row;

  open_dialog (fixture, selected, "33.14");
  what_row = find (fixture, "what_row");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (what_row)), ==,
                   "The 2 selected agreements");

  uuids = export_and_list (fixture, "rows.kerjasama");
  g_assert_cmpstr (uuids, ==, WATER " " SCHOOL_1);
}

static void
test_home_region (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *uuids = NULL;

  open_dialog (fixture, NULL, NULL);
  choose (find (fixture, "what_row"), "Home region: Kota Surakarta");
  g_assert_false (gtk_widget_get_visible (find (fixture, "chosen_row")));

  uuids = export_and_list (fixture, "surakarta.kerjasama");
  g_assert_cmpuint (fixture->n_exported, ==, 4);
}

/* The region the window shows is checked among the chosen regions. */
static void
test_shown_region (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *uuids = NULL;

  open_dialog (fixture, NULL, "33.14");
  g_assert_true (gtk_widget_get_visible (find (fixture, "chosen_row")));
  g_assert_cmpstr (adw_expander_row_get_subtitle (find (fixture, "chosen_row")), ==, "Kabupaten Sragen");

  uuids = export_and_list (fixture, "sragen.kerjasama");
  g_assert_cmpuint (fixture->n_exported, ==, 4);
  g_assert_nonnull (strstr (uuids, WATER));
}

static void
test_chosen_regions_need_one (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "none.kerjasama", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkLabel *status;

  open_dialog (fixture, NULL, NULL);
  choose (find (fixture, "what_row"), "Chosen regions");
  ks_exchange_export_dialog_export_to (fixture->dialog, file);
  ks_test_iterate (50);

  status = find (fixture, "status_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_cmpstr (gtk_label_get_text (status), ==, "Choose at least one region.");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (fixture->exported);
}

static void
test_everything (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *uuids = NULL;

  open_dialog (fixture, NULL, NULL);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (find (fixture, "what_row"))),
                   ==, "All agreements");
  uuids = export_and_list (fixture, "all.kerjasama");
  g_assert_cmpuint (fixture->n_exported, ==, 15);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/exchange-export-dialog/agency", test_agency);
  ADD ("/exchange-export-dialog/selected-rows", test_selected_rows);
  ADD ("/exchange-export-dialog/home-region", test_home_region);
  ADD ("/exchange-export-dialog/shown-region", test_shown_region);
  ADD ("/exchange-export-dialog/chosen-regions-need-one", test_chosen_regions_need_one);
  ADD ("/exchange-export-dialog/everything", test_everything);
#undef ADD

  return g_test_run ();
}
