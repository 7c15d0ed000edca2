/* test-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-editor.h"
#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-agreement-view.h"
#include "ks-application.h"
#include "ks-backup-dialog.h"
#include "ks-column-sorter.h"
#include "ks-database.h"
#include "ks-date-row.h"
#include "ks-demo.h"
#include "ks-event-editor.h"
#include "ks-exchange-export-dialog.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-chart.h"
#include "ks-filter-popover.h"
#include "ks-import-dialog.h"
#include "ks-merge-dialog.h"
#include "ks-preferences-window.h"
#include "ks-sidebar.h"
#include "ks-procedure-progress.h"
#include "ks-related-list.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"
#include "ks-window.h"

typedef struct
{
  char          *tmpdir;
  KsApplication *app;
  KsWindow      *window;
} Fixture;

/* One application per process, as in the program: it owns its D-Bus path. */
static KsApplication *test_app;

static const char * const table_keys[] = {
  "sort-column", "sort-descending", "column-widths", "home-region",
  "follow-up-months", "expiry-warning-months", "reminders-dismissed",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  fixture->tmpdir = ks_test_make_tmpdir ();
  db_path = g_build_filename (fixture->tmpdir, "register.db", NULL);

  if (test_app == NULL)
    {
      test_app = ks_application_new ();
      g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (test_app), NULL, &error);
      g_assert_no_error (error);
    }
  fixture->app = test_app;
  ks_application_set_database_path (fixture->app, db_path);
  /* Each case starts from the table's defaults. */
  for (guint i = 0; i < G_N_ELEMENTS (table_keys); i++)
    g_settings_reset (ks_application_get_settings (test_app), table_keys[i]);

  fixture->window = ks_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ks_test_iterate (20);
  ks_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static void
test_window_shows_empty_state (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *title = ks_test_find_label (GTK_WIDGET (fixture->window),
                                         _("No Agreements Yet"));

  g_assert_nonnull (title);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Kerjasama");
}

static gboolean
about_is_shown (gpointer data)
{
  return ks_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL;
}

static gboolean
about_is_gone (gpointer data)
{
  return !about_is_shown (data);
}

static void
test_window_about_opens_and_closes (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  g_assert_true (ks_test_wait_for (about_is_shown, NULL, 2000));

  about = ks_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (fixture->window));

  gtk_window_close (about);
  g_assert_true (ks_test_wait_for (about_is_gone, NULL, 2000));
}

static gboolean
shortcuts_are_shown (gpointer data)
{
  return ks_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static gboolean
shortcuts_are_gone (gpointer data)
{
  return !shortcuts_are_shown (data);
}

static void
test_window_shortcuts_open_and_close (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWindow *shortcuts;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  g_assert_true (ks_test_wait_for (shortcuts_are_shown, NULL, 2000));

  shortcuts = ks_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (shortcuts),
                                        g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Quit")));

  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
  g_assert_true (ks_test_wait_for (shortcuts_are_gone, NULL, 2000));
}

static void
test_window_lists_study_data (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "study.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  KsWindow *window;
  guint n_added;

  g_assert_no_error (error);
  g_assert_true (ks_demo_load (db, &n_added, &error));
  g_clear_object (&db);

  ks_application_set_database_path (fixture->app, db_path);
  window = ks_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));
  ks_test_iterate (100);

  /* The table replaces the empty state and shows the study's rows. */
  g_assert_null (ks_test_find_label (GTK_WIDGET (window), _("No Agreements Yet")));
  /* Sorted by region, Boyolali comes first. */
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window),
                                        "Kerja sama teknis peternakan sapi perah Selandia Baru – Cepogo"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Pemerintah Selandia Baru (New Zealand)"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "10 September 2015 – 9 September 2023"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "1 January 2015 – 31 December 2015"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The study data in a register of its own in @dir, shown in a window. */
static KsWindow *
open_study_window_in (Fixture    *fixture,
                      const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (dir, "study.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  KsWindow *window;
  guint n_added;

  g_assert_no_error (error);
  g_assert_true (ks_demo_load (db, &n_added, &error));
  g_clear_object (&db);

  ks_application_set_database_path (fixture->app, db_path);
  window = ks_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));
  ks_test_iterate (100);
  return window;
}

static KsWindow *
open_study_window (Fixture *fixture)
{
  return open_study_window_in (fixture, fixture->tmpdir);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_widget (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The example: find the Sragen–Queensland sister school by typing. */
static void
test_window_search_narrows (Fixture       *fixture,
                            gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW));
  GtkEditable *entry = GTK_EDITABLE (ks_test_find_by_id (ks_test_find_by_id (GTK_WIDGET (window), "search_bar"),
                                                               "search_entry"));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 15);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (entry, "Queensland");
  ks_test_iterate (400);   /* GtkSearchEntry waits before it reports */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 1);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Kabupaten Sragen"));

  gtk_editable_set_text (entry, "no such partner anywhere");
  ks_test_iterate (400);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), _("No Results Found")));

  gtk_editable_set_text (entry, "");
  ks_test_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 15);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GListModel *
shown_rows (KsWindow *window)
{
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));

  return G_LIST_MODEL (gtk_column_view_get_model (ks_agreement_view_get_column_view (view)));
}

static guint
n_shown (KsWindow *window)
{
  return g_list_model_get_n_items (shown_rows (window));
}

static KsAgreementList *
model_list (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "study.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  KsAgreementList *list;

  g_assert_no_error (error);
  list = ks_agreement_list_new (db);
  g_assert_true (ks_agreement_list_reload (list, &error));
  return list;
}

static const char *
subtitle (KsWindow *window)
{
  return adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (ks_test_find_by_id (GTK_WIDGET (window),
                                                                                          "window_title")));
}

/* The sidebar's counts are the model's, and each view shows its rows. */
static void
test_window_smart_views (Fixture       *fixture,
                         gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  g_autoptr(KsAgreementList) model = model_list (fixture);
  static const struct { const char *key; KsSmartView view; } views[] = {
    { "needs-follow-up", KS_SMART_VIEW_NEEDS_FOLLOW_UP },
    { "expiring", KS_SMART_VIEW_EXPIRING },
    { "not-reported", KS_SMART_VIEW_NOT_REPORTED },
    { "missing-steps", KS_SMART_VIEW_MISSING_STEPS },
  };

  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "all"), ==, 15);
  g_assert_cmpstr (subtitle (window), ==, "15 agreements");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ks_test_find_by_id (GTK_WIDGET (window), "count_label"))),
                   ==, "15 agreements");
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      guint expected = ks_agreement_list_count_smart_view (model, views[i].view);
      g_autofree char *count = g_strdup_printf ("%u of 15 agreements", expected);

      g_assert_cmpuint (ks_sidebar_get_count (sidebar, views[i].key), ==, expected);
      ks_sidebar_select (sidebar, views[i].key);
      ks_test_iterate (20);
      g_assert_cmpuint (n_shown (window), ==, expected);
      if (expected != 15)
        g_assert_cmpstr (subtitle (window), ==, count);
    }
  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "needs-follow-up"), >, 0);

  ks_sidebar_select (sidebar, "all");
  ks_test_iterate (20);
  g_assert_cmpuint (n_shown (window), ==, 15);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sragen's four agreements; the region column goes, one region shown. */
static void
test_window_region_view (Fixture       *fixture,
                         gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  g_autoptr(GtkColumnViewColumn) region_column =
    g_list_model_get_item (gtk_column_view_get_columns (ks_agreement_view_get_column_view (view)), 2);

  g_assert_true (gtk_column_view_column_get_visible (region_column));
  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "region:33.14"), ==, 4);
  ks_sidebar_select (sidebar, "region:33.14");
  ks_test_iterate (20);
  g_assert_cmpuint (n_shown (window), ==, 4);
  g_assert_cmpstr (ks_sidebar_get_title (sidebar), ==, "Kabupaten Sragen");
  g_assert_false (gtk_column_view_column_get_visible (region_column));

  /* The Karesidenan is all seven regions of the study. */
  ks_sidebar_select (sidebar, "group:Karesidenan Surakarta");
  ks_test_iterate (20);
  g_assert_cmpuint (n_shown (window), ==, 15);
  g_assert_true (gtk_column_view_column_get_visible (region_column));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The home region comes first, above the Karesidenan. */
static void
test_window_home_region_first (Fixture       *fixture,
                               gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkWidget *list_box = ks_test_find_by_id (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"), "list_box");
  GtkListBoxRow *row;

  g_settings_set_string (ks_application_get_settings (fixture->app), "home-region", "33.14");
  ks_test_iterate (20);
  /* After All Agreements and the four smart views. */
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), 5);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (row), "Kabupaten Sragen"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static KsAgreementSortColumn
column_sort (GtkColumnViewColumn *column)
{
  return ks_column_sorter_get_column (KS_COLUMN_SORTER (gtk_column_view_column_get_sorter (column)));
}

/* A click on any header sorts the list by that column, both ways. */
static void
test_window_sorts_by_every_column (Fixture       *fixture,
                                   gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  GtkColumnView *column_view = ks_agreement_view_get_column_view (view);
  GListModel *columns = gtk_column_view_get_columns (column_view);
  GListModel *rows = shown_rows (window);
  GSettings *settings = ks_application_get_settings (fixture->app);
  KsAgreementList *list = KS_AGREEMENT_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (rows)));

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 9);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(KsAgreementSummary) first = NULL;
      g_autoptr(KsAgreementSummary) last = NULL;

      /* The smart views' reasons are not a sort order. */
      if (gtk_column_view_column_get_sorter (column) == NULL)
        continue;

      gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
      g_assert_cmpint (ks_agreement_list_get_sort_column (list), ==, column_sort (column));
      g_assert_false (ks_agreement_list_get_sort_descending (list));
      first = g_list_model_get_item (rows, 0);

      gtk_column_view_sort_by_column (column_view, column, GTK_SORT_DESCENDING);
      g_assert_true (ks_agreement_list_get_sort_descending (list));
      last = g_list_model_get_item (rows, 14);
      /* Descending is the exact reverse of ascending. */
      g_assert_cmpstr (ks_agreement_summary_get_uuid (first), ==, ks_agreement_summary_get_uuid (last));
      g_assert_true (g_settings_get_boolean (settings, "sort-descending"));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The sort and the widths the user dragged survive a restart. */
static void
test_window_remembers_sort_and_widths (Fixture       *fixture,
                                       gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  GtkColumnView *column_view = ks_agreement_view_get_column_view (view);
  g_autoptr(GtkColumnViewColumn) stage = g_list_model_get_item (gtk_column_view_get_columns (column_view), 6);
  g_autoptr(GtkColumnViewColumn) partners = g_list_model_get_item (gtk_column_view_get_columns (column_view), 4);
  g_autoptr(GtkColumnViewColumn) stage_again = NULL;
  g_autoptr(GtkColumnViewColumn) partners_again = NULL;
  KsAgreementList *list;

  gtk_column_view_sort_by_column (column_view, stage, GTK_SORT_DESCENDING);
  gtk_column_view_column_set_fixed_width (partners, 333);
  gtk_window_destroy (GTK_WINDOW (window));

  window = ks_window_new (fixture->app);
  view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  column_view = ks_agreement_view_get_column_view (view);
  list = KS_AGREEMENT_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (shown_rows (window))));
  g_assert_cmpint (ks_agreement_list_get_sort_column (list), ==, KS_AGREEMENT_SORT_STAGE);
  g_assert_true (ks_agreement_list_get_sort_descending (list));
  partners_again = g_list_model_get_item (gtk_column_view_get_columns (column_view), 4);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (partners_again), ==, 333);
  stage_again = g_list_model_get_item (gtk_column_view_get_columns (column_view), 6);
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (stage_again), ==, -1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found;

      if (GTK_IS_CHECK_BUTTON (child) &&
          g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), label) == 0)
        return GTK_CHECK_BUTTON (child);
      if ((found = find_check (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static guint
count_in_register (Fixture    *fixture,
                   const char *sql)
{
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "study.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, NULL);

  return (guint) ks_test_query_int (db, sql);
}

/* Each filter of the popover narrows the table to the register's rows. */
static void
test_window_filter_popover (Fixture       *fixture,
                            gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkWidget *popover = ks_test_find_by_id (GTK_WIDGET (window), "filter_popover");
  GtkDropDown *country = GTK_DROP_DOWN (ks_test_find_by_id (popover, "country_dropdown"));
  GtkSpinButton *from = GTK_SPIN_BUTTON (ks_test_find_by_id (popover, "year_from_spin"));
  GListModel *names = gtk_drop_down_get_model (country);
  g_autoptr(KsAgreementList) model = model_list (fixture);
  guint active = count_in_register (fixture, "SELECT count(*) FROM agreements WHERE stage = 'active'");
  guint grants = count_in_register (fixture, "SELECT count(*) FROM agreements WHERE form = 'grant'");
  guint dutch = count_in_register (fixture,
    "SELECT count(DISTINCT ap.agreement_id) FROM agreement_partners ap "
    "JOIN partners p ON p.id = ap.partner_id WHERE p.country = 'NL'");

  gtk_check_button_set_active (find_check (popover, "Active"), TRUE);
  g_assert_cmpuint (n_shown (window), ==, active);
  gtk_check_button_set_active (find_check (popover, "Active"), FALSE);
  g_assert_cmpuint (n_shown (window), ==, 15);

  gtk_check_button_set_active (find_check (popover, "Grant"), TRUE);
  g_assert_cmpuint (n_shown (window), ==, grants);
  gtk_check_button_set_active (find_check (popover, "Grant"), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Netherlands") == 0)
      gtk_drop_down_set_selected (country, i);
  g_assert_cmpuint (dutch, >, 0);
  g_assert_cmpuint (n_shown (window), ==, dutch);
  gtk_drop_down_set_selected (country, 0);
  g_assert_cmpuint (n_shown (window), ==, 15);

  /* From 2021 on: only what was still running then, as the model has it. */
  ks_agreement_filter_set_year_range (ks_agreement_list_get_filter (model), 2021, 0);
  gtk_spin_button_set_value (from, 2021);
  g_assert_cmpuint (n_shown (window), ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_assert_cmpuint (n_shown (window), <, 15);

  gtk_check_button_set_active (find_check (popover, "Completed"), TRUE);
  g_assert_cmpuint (n_shown (window), ==, 0);
  ks_test_iterate (20);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), _("No Results Found")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  g_assert_cmpuint (n_shown (window), ==, 15);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (from), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
toast_shown (gpointer data)
{
  return ks_test_find_label (GTK_WIDGET (data), data == NULL ? "" : g_object_get_data (data, "toast")) != NULL;
}

/* Delete, then Undo from the toast; the register keeps every row. */
static void
test_window_delete_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkSelectionModel *rows = GTK_SELECTION_MODEL (shown_rows (window));
  g_autoptr(KsAgreementSummary) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_autofree char *toast = g_strdup_printf ("“%s” deleted", ks_agreement_summary_get_title (first));

  gtk_selection_model_select_item (rows, 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  g_assert_cmpuint (n_shown (window), ==, 14);
  g_assert_cmpuint (count_in_register (fixture, "SELECT count(*) FROM agreements WHERE deleted_at IS NOT NULL"), ==, 1);
  g_object_set_data_full (G_OBJECT (window), "toast", g_strdup (toast), g_free);
  g_assert_true (ks_test_wait_for (toast_shown, window, 2000));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL);
  g_assert_cmpuint (n_shown (window), ==, 15);
  g_assert_cmpuint (count_in_register (fixture, "SELECT count(*) FROM agreements WHERE deleted_at IS NOT NULL"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Several rows: the action bar offers Delete and Export for all of them. */
static void
test_window_bulk_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkSelectionModel *rows = GTK_SELECTION_MODEL (shown_rows (window));
  GtkWidget *delete_button = ks_test_find_by_id (GTK_WIDGET (window), "delete_button");

  g_assert_false (gtk_widget_get_visible (delete_button));
  gtk_selection_model_select_range (rows, 2, 3, TRUE);
  g_assert_true (gtk_widget_get_visible (delete_button));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ks_test_find_by_id (GTK_WIDGET (window), "selection_label"))),
                   ==, "3 selected");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-selected", NULL);
  g_assert_cmpuint (n_shown (window), ==, 12);
  g_object_set_data_full (G_OBJECT (window), "toast", g_strdup ("3 agreements deleted"), g_free);
  g_assert_true (ks_test_wait_for (toast_shown, window, 2000));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL);
  g_assert_cmpuint (n_shown (window), ==, 15);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* From the empty state, the study data fills the table at once. */
static void
test_window_loads_study_data (Fixture       *fixture,
                              gconstpointer  data)
{
  KsWindow *window = fixture->window;

  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), _("No Agreements Yet")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  ks_test_iterate (50);

  g_assert_cmpuint (n_shown (window), ==, 15);
  g_assert_null (ks_test_find_label (GTK_WIDGET (window), _("No Agreements Yet")));
  g_assert_cmpuint (ks_sidebar_get_count (KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar")),
                                          "region:33.14"), ==, 4);
}

static gboolean
preferences_shown (gpointer data)
{
  return ks_test_find_toplevel (KS_TYPE_PREFERENCES_WINDOW) != NULL;
}

/* Ctrl+, opens the preferences over the window; the thresholds set there
 * change the smart views at once. */
static void
test_window_preferences (Fixture       *fixture,
                         gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  g_autoptr(KsAgreementList) model = model_list (fixture);
  GtkWindow *preferences;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  g_assert_true (ks_test_wait_for (preferences_shown, NULL, 2000));
  preferences = ks_test_find_toplevel (KS_TYPE_PREFERENCES_WINDOW);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));

  g_settings_set_uint (ks_application_get_settings (fixture->app), "follow-up-months", 120);
  ks_agreement_filter_set_follow_up_months (ks_agreement_list_get_filter (model), 120);
  ks_test_iterate (20);
  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "needs-follow-up"), ==,
                    ks_agreement_list_count_smart_view (model, KS_SMART_VIEW_NEEDS_FOLLOW_UP));
  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "needs-follow-up"), <, 8);

  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
editor_shown (gpointer data)
{
  return ks_test_find_toplevel (KS_TYPE_AGREEMENT_EDITOR) != NULL;
}

static gboolean
editor_gone (gpointer data)
{
  return !editor_shown (data);
}

static void
type_into (GtkWidget  *root,
           const char *id,
           const char *text)
{
  GtkWidget *widget = ks_test_find_by_id (root, id);

  g_assert_nonnull (widget);
  if (KS_IS_DATE_ROW (widget))
    gtk_editable_set_text (ks_date_row_get_entry (KS_DATE_ROW (widget)), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static guint
country_position (const char *code)
{
  g_autoptr(GPtrArray) codes = ks_country_list ();
  guint index;

  g_assert_true (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &index));
  return index + 1;   /* after "Not known" */
}

/* The acceptance: record the Sragen–Queensland sister-school
 * draft from the window, find it by typing "Queensland", see it under
 * Sragen. */
static void
test_window_records_and_finds_agreement (Fixture       *fixture,
                                         gconstpointer  data)
{
  KsWindow *window = fixture->window;
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  GtkEditable *search = GTK_EDITABLE (ks_test_find_by_id (ks_test_find_by_id (GTK_WIDGET (window), "search_bar"),
                                                          "search_entry"));
  GtkWidget *editor;

  ks_sidebar_select (sidebar, "region:33.14");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-agreement", NULL);
  g_assert_true (ks_test_wait_for (editor_shown, NULL, 2000));
  editor = GTK_WIDGET (ks_test_find_toplevel (KS_TYPE_AGREEMENT_EDITOR));

  type_into (editor, "title_row", "Sister school SBBS Sragen – Queensland");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ks_test_find_by_id (editor, "stage_row")),
                              ks_key_get_index (KS_KEY_SET_STAGE, "drafting"));
  type_into (editor, "new_partner_name_row", "Department of Education Queensland");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ks_test_find_by_id (editor, "new_partner_country_dropdown")),
                              country_position ("AU"));
  g_signal_emit_by_name (ks_test_find_by_id (editor, "add_new_partner_button"), "clicked");
  type_into (editor, "starts_on_row", "March 2018");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  g_assert_true (ks_test_wait_for (editor_gone, NULL, 2000));

  /* Under Sragen, where it was made. */
  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "region:33.14"), ==, 1);
  g_assert_cmpuint (n_shown (window), ==, 1);

  ks_sidebar_select (sidebar, "all");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (search, "Queensland");
  ks_test_iterate (400);
  g_assert_cmpuint (n_shown (window), ==, 1);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Sister school SBBS Sragen – Queensland"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Department of Education Queensland (Australia)"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Kabupaten Sragen"));
}

/* Activating a row opens it; an edit shows in the table when saved. */
static void
test_window_edits_agreement (Fixture       *fixture,
                             gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  g_autoptr(KsAgreementSummary) first = g_list_model_get_item (shown_rows (window), 0);
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  GtkWidget *editor;

  g_signal_emit_by_name (ks_agreement_view_get_column_view (view), "activate", 0);
  g_assert_true (ks_test_wait_for (editor_shown, NULL, 2000));
  editor = GTK_WIDGET (ks_test_find_toplevel (KS_TYPE_AGREEMENT_EDITOR));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ks_test_find_by_id (editor, "title_row"))), ==,
                   ks_agreement_summary_get_title (first));
  /* A saved agreement has its timeline, files and history beside it. */
  g_assert_nonnull (adw_view_stack_get_child_by_name (ADW_VIEW_STACK (ks_test_find_by_id (editor, "view_stack")),
                                                      "timeline"));

  type_into (editor, "title_row", "Hibah air minum PDAM Sragen (edited)");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  g_assert_true (ks_test_wait_for (editor_gone, NULL, 2000));
  ks_test_iterate (50);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Hibah air minum PDAM Sragen (edited)"));
  gtk_window_destroy (GTK_WINDOW (window));
}

#define DAIRY "6cd17f1f-32dd-4386-9688-1accf8c09e6f"

/* The editor of @uuid among the open windows, or NULL. */
static GtkWidget *
find_editor (const char *uuid)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (KS_IS_AGREEMENT_EDITOR (window) &&
          g_strcmp0 (ks_agreement_editor_get_uuid (KS_AGREEMENT_EDITOR (window)), uuid) == 0)
        return GTK_WIDGET (window);
    }

  return NULL;
}

static gboolean
editor_open (gpointer uuid)
{
  return find_editor (uuid) != NULL;
}

static char *
save_dairy_pks (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "study.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  g_autoptr(KsAgreement) child = ks_agreement_new ();

  g_assert_no_error (error);
  g_object_set (child, "region-code", "33.09", "title", "PKS inseminasi buatan – Cepogo",
                "document", "pks", "parent-uuid", DAIRY, NULL);
  g_assert_true (ks_agreement_store_save (db, child, NULL, &error));
  g_assert_no_error (error);

  return g_strdup (ks_agreement_get_uuid (child));
}

/* A PKS's editor opens its MoU's, which lists the PKS. */
static void
test_window_opens_parent_agreement (Fixture       *fixture,
                                    gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  g_autofree char *child = save_dairy_pks (fixture);
  GtkWidget *child_editor;
  GtkWidget *parent_editor;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-agreement", "s", child);
  g_assert_true (ks_test_wait_for (editor_open, child, 2000));
  child_editor = find_editor (child);

  gtk_widget_activate_action (child_editor, "editor.open-parent", NULL);
  g_assert_true (ks_test_wait_for (editor_open, (gpointer) DAIRY, 2000));
  parent_editor = find_editor (DAIRY);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (parent_editor)) == GTK_WINDOW (window));
  g_assert_cmpuint (ks_related_list_get_n_items (KS_RELATED_LIST (ks_test_find_by_id (parent_editor,
                                                                                      "related_list"))),
                    ==, 1);
  g_assert_nonnull (ks_test_find_label (parent_editor, "PKS inseminasi buatan – Cepogo"));

  gtk_window_destroy (GTK_WINDOW (parent_editor));
  gtk_window_destroy (GTK_WINDOW (child_editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click on Surakarta's "LoI signed" segment of the overview shows that
 * agreement in the table, under Kota Surakarta. */
static void
test_window_overview_filters_table (Fixture       *fixture,
                                    gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  AdwViewStack *stack = ADW_VIEW_STACK (ks_test_find_by_id (GTK_WIDGET (window), "view_stack"));
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  GtkWidget *page = ks_test_find_by_id (GTK_WIDGET (window), "overview_page");
  g_autoptr(KsAgreementSummary) item = NULL;

  adw_view_stack_set_visible_child_name (stack, "overview");
  ks_test_iterate (50);
  g_signal_emit_by_name (ks_test_find_by_id (page, "region_chart"), "activated", "33.72", "loi_signed");
  ks_test_iterate (20);

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "agreements");
  g_assert_cmpstr (ks_sidebar_get_selected (sidebar), ==, "region:33.72");
  g_assert_cmpuint (n_shown (window), ==, 1);
  item = g_list_model_get_item (shown_rows (window), 0);
  g_assert_cmpstr (ks_agreement_summary_get_title (item), ==, "Sister city Surakarta – Xi'an");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  g_assert_cmpuint (n_shown (window), ==, 15);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A mapped label or table cell under @root whose text starts with @prefix. */
static gboolean
has_text_prefix (GtkWidget  *root,
                 const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (GTK_IS_INSCRIPTION (child))
        text = gtk_inscription_get_text (GTK_INSCRIPTION (child));
      else if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      if (text != NULL && g_str_has_prefix (text, prefix) && gtk_widget_get_mapped (child))
        return TRUE;
      if (has_text_prefix (child, prefix))
        return TRUE;
    }

  return FALSE;
}

static gboolean
offers_tooltip (GtkWidget *cell)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (cell, "query-tooltip", 0, 0, FALSE, tooltip, &shown);
  return shown;
}

/* A narrow column's cells show their whole text as a tooltip, asked for
 * when the pointer rests there: none is set while the rows are bound. */
static void
test_window_cells_offer_full_text (Fixture       *fixture,
                                   gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkWidget *title = ks_test_find_label (GTK_WIDGET (window), "Sister city Surakarta – Xi'an");
  GtkWidget *empty_cell = NULL;

  g_assert_nonnull (title);
  g_assert_true (gtk_widget_get_has_tooltip (title));
  g_assert_null (gtk_widget_get_tooltip_text (title));
  g_assert_true (offers_tooltip (title));

  /* An empty cell has nothing to add. */
  empty_cell = gtk_widget_get_next_sibling (gtk_widget_get_parent (title));
  while (empty_cell != NULL && !GTK_IS_INSCRIPTION (gtk_widget_get_first_child (empty_cell)))
    empty_cell = gtk_widget_get_next_sibling (empty_cell);
  g_assert_nonnull (empty_cell);
  empty_cell = gtk_widget_get_first_child (empty_cell);
  gtk_inscription_set_text (GTK_INSCRIPTION (empty_cell), "");
  g_assert_false (offers_tooltip (empty_cell));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
event_editor_shown (gpointer data)
{
  return ks_test_find_toplevel (KS_TYPE_EVENT_EDITOR) != NULL;
}

#define XIAN "e8350df6-41c8-4023-b684-c8890ff64ca9"

/* A smart view says why each row is there and offers the next step. */
static void
test_window_smart_view_reasons (Fixture       *fixture,
                                gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  g_autoptr(GtkColumnViewColumn) reason =
    g_list_model_get_item (gtk_column_view_get_columns (ks_agreement_view_get_column_view (view)), 1);
  GtkWindow *event_editor;
  GtkWindow *editor;

  g_assert_false (gtk_column_view_column_get_visible (reason));
  ks_sidebar_select (sidebar, "needs-follow-up");
  ks_test_iterate (100);
  g_assert_true (gtk_column_view_column_get_visible (reason));
  g_assert_true (has_text_prefix (GTK_WIDGET (window), "No follow-up since the LoI of 25 September 2015"));

  /* Renew: the agreement opens on its timeline with a renewal started. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.attend", "(ss)", XIAN, "renew");
  g_assert_true (ks_test_wait_for (event_editor_shown, NULL, 2000));
  event_editor = ks_test_find_toplevel (KS_TYPE_EVENT_EDITOR);
  editor = ks_test_find_toplevel (KS_TYPE_AGREEMENT_EDITOR);
  g_assert_true (gtk_window_get_transient_for (event_editor) == editor);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ks_test_find_by_id (GTK_WIDGET (event_editor),
                                                                                   "kind_row"))),
                    ==, ks_key_get_index (KS_KEY_SET_EVENT_KIND, "renewed"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (ks_test_find_by_id (GTK_WIDGET (editor),
                                                                                            "view_stack"))),
                   ==, "timeline");
  gtk_window_destroy (event_editor);
  gtk_window_destroy (editor);

  ks_sidebar_select (sidebar, "all");
  ks_test_iterate (20);
  g_assert_false (gtk_column_view_column_get_visible (reason));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GPtrArray *
study_gaps (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "study.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  GPtrArray *gaps;

  g_assert_no_error (error);
  gaps = ks_procedure_progress_find_gaps (db, &error);
  g_assert_no_error (error);
  return gaps;
}

/* The agreements signed without a required step, and which steps. */
static void
test_window_missing_steps (Fixture       *fixture,
                           gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  KsAgreementView *view = KS_AGREEMENT_VIEW (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view"));
  g_autoptr(GtkColumnViewColumn) reason =
    g_list_model_get_item (gtk_column_view_get_columns (ks_agreement_view_get_column_view (view)), 1);
  g_autoptr(GPtrArray) gaps = study_gaps (fixture);
  g_autoptr(GHashTable) gap_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *expected = NULL;
  GListModel *rows;

  g_assert_cmpuint (gaps->len, >, 0);
  for (guint i = 0; i < gaps->len; i++)
    g_hash_table_add (gap_uuids, ((KsProcedureGap *) g_ptr_array_index (gaps, i))->uuid);
  g_assert_cmpuint (ks_sidebar_get_count (sidebar, "missing-steps"), ==, gaps->len);

  ks_sidebar_select (sidebar, "missing-steps");
  ks_test_iterate (100);
  g_assert_cmpstr (ks_sidebar_get_title (sidebar), ==, "Missing Steps");
  rows = shown_rows (window);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, gaps->len);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(KsAgreementSummary) row = g_list_model_get_item (rows, i);

      g_assert_true (g_hash_table_contains (gap_uuids, ks_agreement_summary_get_uuid (row)));
    }

  /* The study records no step at all: every row misses the same ones. */
  g_assert_true (gtk_column_view_column_get_visible (reason));
  expected = g_strdup_printf ("Signed without: %s",
                              ((KsProcedureGap *) g_ptr_array_index (gaps, 0))->missing);
  g_assert_true (g_str_has_prefix (expected, "Signed without: Cooperation plan"));
  g_assert_true (has_text_prefix (GTK_WIDGET (window), expected));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* On opening, a notice says what needs attention; Show goes there, and a
 * closed notice stays closed until the counts change. */
static void
test_window_reminder (Fixture       *fixture,
                      gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  GtkInfoBar *bar = GTK_INFO_BAR (ks_test_find_by_id (GTK_WIDGET (window), "reminder_bar"));
  KsSidebar *sidebar = KS_SIDEBAR (ks_test_find_by_id (GTK_WIDGET (window), "sidebar"));
  g_autoptr(KsAgreementList) model = model_list (fixture);
  g_autofree char *expected = g_strdup_printf ("%u without follow-up, %u expiring, %u not reported.",
                                               ks_agreement_list_count_smart_view (model, KS_SMART_VIEW_NEEDS_FOLLOW_UP),
                                               ks_agreement_list_count_smart_view (model, KS_SMART_VIEW_EXPIRING),
                                               ks_agreement_list_count_smart_view (model, KS_SMART_VIEW_NOT_REPORTED));

  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ks_test_find_by_id (GTK_WIDGET (window), "reminder_label"))),
                   ==, expected);

  gtk_info_bar_response (bar, 1);
  g_assert_cmpstr (ks_sidebar_get_selected (sidebar), ==, "needs-follow-up");
  g_assert_false (gtk_info_bar_get_revealed (bar));
  gtk_window_destroy (GTK_WINDOW (window));

  window = ks_window_new (fixture->app);
  bar = GTK_INFO_BAR (ks_test_find_by_id (GTK_WIDGET (window), "reminder_bar"));
  g_assert_false (gtk_info_bar_get_revealed (bar));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
table_is_shown (gpointer data)
{
  return gtk_widget_get_child_visible (ks_test_find_by_id (data, "agreement_view"));
}

/* A large register is read behind a window that shows itself at once,
 * saying so; the table then fills in. */
static void
test_window_opens_large_register (Fixture       *fixture,
                                  gconstpointer  data)
{
  KsWindow *window = NULL;
  GtkWidget *count_label;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "large.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  g_autofree char *expected = NULL;
  guint n_added;

  g_assert_true (ks_demo_load (db, &n_added, &error));
  g_clear_object (&db);

  ks_database_set_check_limit (0);
  ks_application_set_database_path (fixture->app, db_path);
  window = ks_window_new (fixture->app);
  g_assert_true (gtk_widget_get_child_visible (ks_test_find_by_id (GTK_WIDGET (window), "loading_page")));
  g_assert_false (gtk_widget_get_sensitive (ks_test_find_by_id (GTK_WIDGET (window), "search_button")));
  g_assert_false (gtk_widget_get_visible (ks_test_find_by_id (GTK_WIDGET (window), "delete_button")));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (ks_test_wait_for (table_is_shown, window, 10000));
  g_assert_true (gtk_widget_get_sensitive (ks_test_find_by_id (GTK_WIDGET (window), "search_button")));
  count_label = ks_test_find_by_id (GTK_WIDGET (window), "count_label");
  expected = g_strdup_printf ("%u agreements", n_added);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count_label)), ==, expected);
  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_iterate (20);
  ks_database_set_check_limit (-1);
}

/* Backups of the register @name in @tmpdir, and their part files
 * unless @whole. */
static guint
count_files (const char *tmpdir,
             const char *name,
             gboolean    whole)
{
  g_autofree char *dir = g_build_filename (tmpdir, "backups", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *file;
  guint n = 0;

  while (listing != NULL && (file = g_dir_read_name (listing)) != NULL)
    n += g_str_has_prefix (file, name) && (!whole || g_str_has_suffix (file, ".db"));

  return n;
}

static guint
count_backups (const char *tmpdir,
               const char *name)
{
  return count_files (tmpdir, name, FALSE);
}

static gboolean
damage_notice_is_shown (gpointer data)
{
  return ks_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A register too large to check before the window opens is checked
 * behind it; damage is told, with the way to a backup, while the table
 * shows what could be read. */
static void
test_window_checks_large_register (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (fixture->tmpdir, "large.db", NULL);
  g_autoptr(KsDatabase) db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  AdwMessageDialog *notice;
  KsWindow *window;
  guint n_added;

  g_assert_true (ks_demo_load (db, &n_added, &error));
  g_clear_object (&db);
  ks_test_damage_index (db_path, "audit_log_record");

  ks_database_set_check_limit (0);
  ks_application_set_database_path (fixture->app, db_path);
  window = ks_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (ks_test_wait_for (damage_notice_is_shown, NULL, 10000));
  notice = ADW_MESSAGE_DIALOG (ks_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (notice), ==, "The Register Is Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (notice), "Restore it from a backup"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (notice)) == GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_mapped (ks_test_find_by_id (GTK_WIDGET (window), "error_page")));
  g_assert_true (gtk_widget_get_mapped (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view")));

  /* Its copy would push a good backup out. */
  g_assert_cmpuint (count_backups (fixture->tmpdir, "large"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (notice));
  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_iterate (20);
  ks_database_set_check_limit (-1);
}

static gboolean
has_study_backup (gpointer data)
{
  return count_files (data, "study", TRUE) > 0;
}

/* Today's backup is made behind the window, whole, and leaves no part
 * file beside it. */
static void
test_window_backs_up_behind_it (Fixture       *fixture,
                                gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  g_autofree char *dir = g_build_filename (fixture->tmpdir, "backups", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) backup = NULL;
  g_autofree char *backup_path = NULL;
  const char *name;

  g_assert_true (ks_test_wait_for (has_study_backup, fixture->tmpdir, 10000));
  ks_test_iterate (20);
  g_assert_cmpuint (count_backups (fixture->tmpdir, "study"), ==, 1);
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL && !g_str_has_prefix (name, "study"))
    ;
  g_assert_nonnull (name);
  g_assert_true (g_str_has_suffix (name, ".db"));

  backup_path = g_build_filename (dir, name, NULL);
  backup = ks_database_open (backup_path, KS_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (backup, "SELECT count(*) FROM agreements"), ==, 15);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
backup_failure_shown (gpointer data)
{
  return has_text_prefix (data, "Today’s backup of the register could not be made: ");
}

/* A backup that cannot be made is told; the register opens all the same. */
static void
test_window_tells_failed_backup (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->tmpdir, "blocked", NULL);
  g_autofree char *blocker = g_build_filename (dir, "backups", NULL);
  KsWindow *window;

  /* A file where the backups folder would be. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, &error));
  window = open_study_window_in (fixture, dir);
  g_assert_true (ks_test_wait_for (backup_failure_shown, window, 10000));
  g_assert_true (gtk_widget_get_mapped (ks_test_find_by_id (GTK_WIDGET (window), "agreement_view")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An empty register has nothing to remind of; the study data has. */
static void
test_window_reminder_follows_changes (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkInfoBar *bar = GTK_INFO_BAR (ks_test_find_by_id (GTK_WIDGET (fixture->window), "reminder_bar"));

  g_assert_false (gtk_info_bar_get_revealed (bar));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo", NULL);
  ks_test_iterate (50);
  g_assert_true (gtk_info_bar_get_revealed (bar));
}

static gboolean
toplevel_shown (gpointer data)
{
  return ks_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Import, merge, exchange export and backups each open their dialog
 * over the window. */
static void
test_window_opens_exchange_dialogs (Fixture       *fixture,
                                    gconstpointer  data)
{
  const struct { const char *action; GType type; } dialogs[] = {
    { "win.import-csv", KS_TYPE_IMPORT_DIALOG },
    { "win.merge", KS_TYPE_MERGE_DIALOG },
    { "win.export-exchange", KS_TYPE_EXCHANGE_EXPORT_DIALOG },
    { "win.backups", KS_TYPE_BACKUP_DIALOG },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GtkWindow *dialog;

      gtk_widget_activate_action (GTK_WIDGET (fixture->window), dialogs[i].action, NULL);
      g_assert_true (ks_test_wait_for (toplevel_shown, GSIZE_TO_POINTER (dialogs[i].type), 2000));
      dialog = ks_test_find_toplevel (dialogs[i].type);
      g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
      gtk_window_destroy (dialog);
      ks_test_iterate (20);
    }
}

static void
test_window_shows_refused_register (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "notes.txt", NULL);
  KsWindow *window;

  ks_test_write_file (path, "not a register\n", 15);
  ks_application_set_database_path (fixture->app, path);
  window = ks_window_new (fixture->app);
  gtk_window_present (GTK_WINDOW (window));
  ks_test_iterate (50);

  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), _("The Register Cannot Be Opened")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_saves_size (Fixture       *fixture,
                        gconstpointer  data)
{
  GSettings *settings = ks_application_get_settings (fixture->app);

  g_assert_nonnull (settings);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 650);
  gtk_window_close (GTK_WINDOW (fixture->window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The tear-down destroys a fresh window instead. */
  fixture->window = ks_window_new (fixture->app);
}

/* Run with LANGUAGE=id: the strings must come from the catalogue, so the
 * expected texts are written out here in Indonesian. */
static void
test_window_about_in_indonesian (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWindow *about;

  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->window), "Belum Ada Kerja Sama"));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  g_assert_true (ks_test_wait_for (about_is_shown, NULL, 2000));
  about = ks_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_true (g_str_has_prefix (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)),
                                   "Daftar kerja sama luar negeri"));
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Para pengembang Kerjasama");
  gtk_window_close (about);
  g_assert_true (ks_test_wait_for (about_is_gone, NULL, 2000));
}

/* A text shown in Indonesian must not be an English message that has a
 * translation: that would be a string the code forgot to translate. */
static void
collect_english (GtkWidget *root,
                 GString   *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (GTK_IS_LABEL (child))
        text = gtk_label_get_label (GTK_LABEL (child));
      else if (GTK_IS_INSCRIPTION (child))
        text = gtk_inscription_get_text (GTK_INSCRIPTION (child));
      else if (GTK_IS_CHECK_BUTTON (child))
        text = gtk_check_button_get_label (GTK_CHECK_BUTTON (child));

      if (text != NULL && text[0] != '\0' &&
          g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
        g_string_append_printf (found, "“%s” ", text);
      collect_english (child, found);
    }
}

static void
test_window_no_english (Fixture       *fixture,
                        gconstpointer  data)
{
  KsWindow *window = open_study_window (fixture);
  g_autoptr(GString) found = g_string_new (NULL);

  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (window), "Semua Kerja Sama"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-filters", NULL);
  ks_test_iterate (50);
  collect_english (GTK_WIDGET (window), found);
  g_assert_cmpstr (found->str, ==, "");
  /* A popover still open when its window goes asks for a gone surface. */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (ks_test_find_by_id (GTK_WIDGET (window), "filter_button")));
  ks_test_iterate (50);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  if (g_str_has_prefix (g_getenv ("LANGUAGE") ?: "", "id"))
    {
      ADD ("/window/indonesian/about", test_window_about_in_indonesian);
      ADD ("/window/indonesian/no-english", test_window_no_english);
      status = g_test_run ();
      g_clear_object (&test_app);
      return status;
    }

  ADD ("/window/empty-state", test_window_shows_empty_state);
  ADD ("/window/about", test_window_about_opens_and_closes);
  ADD ("/window/shortcuts", test_window_shortcuts_open_and_close);
  ADD ("/window/saves-size", test_window_saves_size);
  ADD ("/window/lists-study-data", test_window_lists_study_data);
  ADD ("/window/refused-register", test_window_shows_refused_register);
  ADD ("/window/search-narrows", test_window_search_narrows);
  ADD ("/window/smart-views", test_window_smart_views);
  ADD ("/window/region-view", test_window_region_view);
  ADD ("/window/home-region-first", test_window_home_region_first);
  ADD ("/window/sorts-by-every-column", test_window_sorts_by_every_column);
  ADD ("/window/remembers-sort-and-widths", test_window_remembers_sort_and_widths);
  ADD ("/window/filter-popover", test_window_filter_popover);
  ADD ("/window/delete-and-undo", test_window_delete_and_undo);
  ADD ("/window/bulk-delete", test_window_bulk_delete);
  ADD ("/window/loads-study-data", test_window_loads_study_data);
  ADD ("/window/preferences", test_window_preferences);
  ADD ("/window/records-and-finds-agreement", test_window_records_and_finds_agreement);
  ADD ("/window/edits-agreement", test_window_edits_agreement);
  ADD ("/window/opens-parent-agreement", test_window_opens_parent_agreement);
  ADD ("/window/overview-filters-table", test_window_overview_filters_table);
  ADD ("/window/smart-view-reasons", test_window_smart_view_reasons);
  ADD ("/window/cells-offer-full-text", test_window_cells_offer_full_text);
  ADD ("/window/missing-steps", test_window_missing_steps);
  ADD ("/window/reminder", test_window_reminder);
  ADD ("/window/opens-large-register", test_window_opens_large_register);
  ADD ("/window/checks-large-register", test_window_checks_large_register);
  ADD ("/window/backs-up-behind-it", test_window_backs_up_behind_it);
  ADD ("/window/tells-failed-backup", test_window_tells_failed_backup);
  ADD ("/window/opens-exchange-dialogs", test_window_opens_exchange_dialogs);
  ADD ("/window/reminder-follows-changes", test_window_reminder_follows_changes);

#undef ADD

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
