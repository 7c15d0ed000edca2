/* test-export-dialog.c
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
#include "ks-export-dialog.h"
#include "ks-report-print.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  char           *dir;
  KsDatabase     *db;
  GSettings      *settings;
  KsExportDialog *dialog;
  GFile          *exported;
} Fixture;

static void
exported_cb (KsExportDialog *dialog,
             GFile          *file,
             Fixture        *fixture)
{
  g_set_object (&fixture->exported, file);
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
  fixture->dialog = ks_export_dialog_new (NULL, fixture->db, fixture->settings);
  g_object_ref_sink (fixture->dialog);
  g_signal_connect (fixture->dialog, "exported", G_CALLBACK (exported_cb), fixture);
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

static gboolean
status_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_visible (find (fixture, "status_label")) &&
         !gtk_widget_get_visible (find (fixture, "progress_bar"));
}

static guint
choice_index (AdwComboRow *row,
              const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      return i;

  g_error ("no choice “%s”", label);
}

static void
test_workbook_of_home_region (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwComboRow *regions = find (fixture, "regions_row");

  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (regions)), ==, 4);
  adw_combo_row_set_selected (regions, choice_index (regions, "Home region: Kota Surakarta"));
  gtk_spin_button_set_value (find (fixture, "from_spin"), 2012);
  gtk_spin_button_set_value (find (fixture, "to_spin"), 2017);
  g_assert_true (gtk_widget_get_visible (find (fixture, "from_row")));
  g_assert_false (gtk_widget_get_visible (find (fixture, "year_row")));

  ks_export_dialog_export_to (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (was_exported, fixture, 10000));
  g_assert_true (g_file_equal (fixture->exported, file));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_annual_pdf_of_group (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *chosen = g_build_filename (fixture->dir, "annual", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "annual.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (chosen);
  AdwComboRow *regions = find (fixture, "regions_row");

  adw_combo_row_set_selected (find (fixture, "kind_row"), 1);
  adw_combo_row_set_selected (find (fixture, "format_row"), 1);
  adw_combo_row_set_selected (regions, choice_index (regions, "Karesidenan Surakarta"));
  gtk_spin_button_set_value (find (fixture, "year_spin"), 2017);
  g_assert_true (gtk_widget_get_visible (find (fixture, "year_row")));
  g_assert_false (gtk_widget_get_visible (find (fixture, "from_row")));

  /* The format chosen decides the extension. */
  ks_export_dialog_export_to (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (was_exported, fixture, 10000));
  g_assert_cmpstr (g_file_peek_path (fixture->exported), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_cancel_leaves_no_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ks_export_dialog_export_to (fixture->dialog, file);
  g_assert_true (gtk_widget_get_visible (find (fixture, "progress_bar")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.cancel", NULL);
  g_assert_true (ks_test_wait_for (status_shown, fixture, 10000));
  g_assert_null (fixture->exported);
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "status_label")), ==,
                   "The export was cancelled; no file was written.");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_reversed_years_are_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  gtk_spin_button_set_value (find (fixture, "from_spin"), 2018);
  gtk_spin_button_set_value (find (fixture, "to_spin"), 2017);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.export", NULL);
  ks_test_iterate (20);
  g_assert_true (gtk_widget_get_visible (find (fixture, "status_label")));
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "status_label")), ==,
                   "The first year, 2018, is after the last year, 2017.");
}

static void
test_chosen_regions_need_one (Fixture       *fixture,
                              gconstpointer  data)
{
  AdwComboRow *regions = find (fixture, "regions_row");

  adw_combo_row_set_selected (regions, choice_index (regions, "Chosen regions"));
  g_assert_true (gtk_widget_get_visible (find (fixture, "chosen_row")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.export", NULL);
  ks_test_iterate (20);
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "status_label")), ==, "Choose at least one region.");
}

static void
test_toast_offers_open (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/annual-report-2017.pdf");
  g_autoptr(AdwToast) toast = ks_export_toast_new (NULL, file);

  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Saved “annual-report-2017.pdf”");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
}

/* Printing lays the annual report's pages out a few rows at a time and
 * draws them; exported to a PDF, they are the report's pages. */
static void
test_print_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  GtkPrintOperationResult result;
  int n_pages = 0;

  operation = ks_report_print_operation_new (fixture->db, fixture->settings, 2017, NULL, &error);
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_object_get (operation, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, >, 1);
  text = ks_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "Annual report of international cooperation 2017"));
  last_page = g_strdup_printf ("Page %d of %d", n_pages, n_pages);
  g_assert_nonnull (strstr (text, last_page));
}

static void
test_request_letters_of_home_region (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *chosen = g_build_filename (fixture->dir, "letters", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "letters.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (chosen);
  AdwComboRow *regions = find (fixture, "regions_row");
  AdwComboRow *kind = find (fixture, "kind_row");
  g_autofree char *text = NULL;

  g_settings_set_strv (fixture->settings, "letterhead",
                       (const char * const[]) { "PEMERINTAH KOTA SURAKARTA", NULL });
  g_settings_set_string (fixture->settings, "letterhead-signer-name", "Drs. Bambang Sutrisno");
  adw_combo_row_set_selected (kind, choice_index (kind, "Request letters"));
  adw_combo_row_set_selected (find (fixture, "format_row"), 1);
  adw_combo_row_set_selected (regions, choice_index (regions, "Home region: Kota Surakarta"));
  /* The letters ask for whatever is missing now: no period to choose. */
  g_assert_true (gtk_widget_get_visible (find (fixture, "format_row")));
  g_assert_false (gtk_widget_get_visible (find (fixture, "period_group")));

  ks_export_dialog_export_to (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (was_exported, fixture, 10000));
  g_assert_cmpstr (g_file_peek_path (fixture->exported), ==, path);
  text = ks_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "PEMERINTAH KOTA SURAKARTA"));
  g_assert_nonnull (strstr (text, "Request for Data on International Cooperation"));
  g_assert_nonnull (strstr (text, "The head of Pemerintah Kota Surakarta"));
  g_assert_nonnull (strstr (text, "Drs. Bambang Sutrisno"));
  g_assert_null (strstr (text, "Sragen"));
  g_settings_reset (fixture->settings, "letterhead");
  g_settings_reset (fixture->settings, "letterhead-signer-name");
}

static void
test_print_request_letters (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "printed-letters.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  /* Printing draws the same letters, one per agency. */
  operation = ks_request_print_operation_new (fixture->db, fixture->settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gtk_page_setup_get_orientation (gtk_print_operation_get_default_page_setup (operation)), ==,
                   GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  text = ks_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "The head of PDAM Kabupaten Sragen"));
  g_assert_nonnull (strstr (text, "The head of Pemerintah Kabupaten Wonogiri"));
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
  ADD ("/export-dialog/workbook-of-home-region", test_workbook_of_home_region);
  ADD ("/export-dialog/annual-pdf-of-group", test_annual_pdf_of_group);
  ADD ("/export-dialog/cancel-leaves-no-file", test_cancel_leaves_no_file);
  ADD ("/export-dialog/reversed-years-are-refused", test_reversed_years_are_refused);
  ADD ("/export-dialog/chosen-regions-need-one", test_chosen_regions_need_one);
  ADD ("/export-dialog/print-pages", test_print_pages);
  ADD ("/export-dialog/toast-offers-open", test_toast_offers_open);
  ADD ("/export-dialog/request-letters-of-home-region", test_request_letters_of_home_region);
  ADD ("/export-dialog/print-request-letters", test_print_request_letters);
#undef ADD

  return g_test_run ();
}
