/* test-merge-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-demo.h"
#include "ks-exchange.h"
#include "ks-merge-dialog.h"
#include "ks-region-store.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  char          *dir;
  char          *file;
  KsDatabase    *theirs;
  KsDatabase    *db;
  KsMergeDialog *dialog;
  char          *summary;
} Fixture;

static void
merged_cb (KsMergeDialog *dialog,
           const char    *summary,
           Fixture       *fixture)
{
  fixture->summary = g_strdup (summary);
}

static KsDatabase *
open_in (Fixture    *fixture,
         const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  KsDatabase *db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return db;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  fixture->dir = ks_test_make_tmpdir ();
  fixture->file = g_build_filename (fixture->dir, "region.kerjasama", NULL);
  fixture->theirs = open_in (fixture, "theirs.db");
  fixture->db = open_in (fixture, "register.db");
  ks_demo_load (fixture->theirs, &n_added, &error);
  g_assert_no_error (error);
  ks_exchange_export (fixture->theirs, fixture->file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->dialog = ks_merge_dialog_new (NULL, fixture->db);
  g_object_ref_sink (fixture->dialog);
  g_signal_connect (fixture->dialog, "merged", G_CALLBACK (merged_cb), fixture);
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
  g_clear_object (&fixture->theirs);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->file);
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
status_shown (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_visible (find (fixture, "status_label")) &&
         !gtk_widget_get_visible (find (fixture, "progress_bar"));
}

static gboolean
was_merged (gpointer data)
{
  Fixture *fixture = data;

  return fixture->summary != NULL;
}

static void
choose (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->file);

  ks_merge_dialog_set_file (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (preview_shown, fixture, 20000));
}

static void
test_preview_writes_nothing_then_merges (Fixture       *fixture,
                                         gconstpointer  data)
{
  const char *summary;

  choose (fixture);
  summary = gtk_label_get_text (find (fixture, "summary_label"));
  g_assert_cmpstr (summary, ==, "21 to add, 0 to update, 0 to delete, 0 unchanged, 0 in conflict.");
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 0);
  g_assert_false (gtk_widget_get_visible (find (fixture, "conflicts_group")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "merge.merge", NULL);
  g_assert_true (ks_test_wait_for (was_merged, fixture, 20000));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 15);
  g_assert_nonnull (strstr (fixture->summary, "21 added"));
}

static void
test_conflict_side_by_side (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *uuid = ks_test_query_text (fixture->theirs, "SELECT uuid FROM agreements LIMIT 1");
  g_autofree char *again = g_build_filename (fixture->dir, "again.kerjasama", NULL);
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(KsAgreement) mine = NULL;
  g_autoptr(KsAgreement) theirs = NULL;
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { FALSE, KS_EXCHANGE_PREFER_NONE, NULL };
  g_autofree char *title = NULL;

  ks_exchange_merge (fixture->db, fixture->file, &options, NULL, NULL, NULL, report, &error);
  g_assert_no_error (error);
  mine = ks_agreement_store_load (fixture->db, uuid, &error);
  g_object_set (mine, "title", "Edited in the section", NULL);
  ks_agreement_store_save (fixture->db, mine, NULL, &error);
  theirs = ks_agreement_store_load (fixture->theirs, uuid, &error);
  g_object_set (theirs, "title", "Edited in the agency", NULL);
  ks_agreement_store_save (fixture->theirs, theirs, NULL, &error);
  g_assert_no_error (error);
  g_free (fixture->file);
  fixture->file = g_steal_pointer (&again);
  ks_exchange_export (fixture->theirs, fixture->file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  choose (fixture);
  g_assert_true (gtk_widget_get_visible (find (fixture, "conflicts_group")));
  adw_combo_row_set_selected (find (fixture, "all_row"), KS_EXCHANGE_PREFER_THEIRS);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "merge.merge", NULL);
  g_assert_true (ks_test_wait_for (was_merged, fixture, 20000));

  title = ks_test_query_text (fixture->db, "SELECT title FROM agreements WHERE title LIKE 'Edited%'");
  g_assert_cmpstr (title, ==, "Edited in the agency");
}

/* A region the other office added comes along, and the preview says so. */
static void
test_new_region_is_told (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KsRegion) region = NULL;
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  region = ks_region_store_add (fixture->theirs, "99.01", "Kabupaten Contoh", "kabupaten", NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (agreement, "region-code", "99.01", "title", "Fisheries with Busan", NULL);
  ks_agreement_store_save (fixture->theirs, agreement, NULL, &error);
  g_assert_no_error (error);
  ks_exchange_export (fixture->theirs, fixture->file, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  choose (fixture);
  g_assert_cmpstr (gtk_label_get_text (find (fixture, "summary_label")), ==,
                   "22 to add, 0 to update, 0 to delete, 0 unchanged, 0 in conflict. "
                   "Would add 1 region this register does not have.");
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM regions WHERE code = '99.01'"), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "merge.merge", NULL);
  g_assert_true (ks_test_wait_for (was_merged, fixture, 20000));
  g_assert_nonnull (strstr (fixture->summary, "Added 1 region this register did not have."));
  name = ks_test_query_text (fixture->db, "SELECT r.name FROM agreements a JOIN regions r ON r.id = a.region_id "
                                          "WHERE a.title = 'Fisheries with Busan'");
  g_assert_cmpstr (name, ==, "Kabupaten Contoh");
}

static void
test_refused_file_is_reported (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  const char *status;

  ks_test_write_file (fixture->file, "title\nA\n", 8);
  file = g_file_new_for_path (fixture->file);
  ks_merge_dialog_set_file (fixture->dialog, file);
  g_assert_true (ks_test_wait_for (status_shown, fixture, 20000));

  status = gtk_label_get_text (find (fixture, "status_label"));
  g_assert_nonnull (strstr (status, "not a Kerjasama exchange file"));
  g_assert_false (gtk_widget_get_visible (find (fixture, "preview_group")));
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "merge_button")));
}

#define ADD(name, func) \
  g_test_add ("/merge-dialog/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ADD ("preview-writes-nothing-then-merges", test_preview_writes_nothing_then_merges);
  ADD ("conflict-side-by-side", test_conflict_side_by_side);
  ADD ("refused-file-is-reported", test_refused_file_is_reported);
  ADD ("new-region-is-told", test_new_region_is_told);

  return g_test_run ();
}
