/* test-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-application.h"
#include "ks-database.h"
#include "ks-demo.h"
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

static KsWindow *
open_study_window (Fixture *fixture)
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
  return window;
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
  GtkEditable *entry = GTK_EDITABLE (ks_test_find_by_id (GTK_WIDGET (window), "search_entry"));

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

#undef ADD

  status = g_test_run ();
  g_clear_object (&test_app);
  return status;
}
