/* test-event-timeline.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ks-database.h"
#include "ks-date-row.h"
#include "ks-demo.h"
#include "ks-event-editor.h"
#include "ks-event-store.h"
#include "ks-event-timeline.h"
#include "ks-keys.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

/* Study agreements: Wonogiri–Wuming (an LoI event in 2012), Boyolali's
 * dairy cooperation (active, ends 9 September 2023), Surakarta–Guilin
 * (still exploring). */
#define WONOGIRI_UUID "ff9f386f-7d04-44d0-807a-2dba2e91dcf8"
#define BOYOLALI_UUID "6cd17f1f-32dd-4386-9688-1accf8c09e6f"
#define GUILIN_UUID   "912c0cbc-34b7-4ae6-8d93-1799f727f5b2"

typedef struct
{
  char            *tmpdir;
  KsDatabase      *db;
  GtkWindow       *window;
  KsEventTimeline *timeline;
  guint            changed;
} Fixture;

static void
changed_cb (KsEventTimeline *timeline,
            Fixture         *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added;

  fixture->tmpdir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->tmpdir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  g_assert_no_error (error);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
}

static void
show_timeline (Fixture    *fixture,
               const char *agreement_uuid)
{
  fixture->timeline = KS_EVENT_TIMELINE (ks_event_timeline_new (fixture->db, agreement_uuid));
  g_signal_connect (fixture->timeline, "changed", G_CALLBACK (changed_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  gtk_window_present (fixture->window);
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = ks_test_find_toplevel (KS_TYPE_EVENT_EDITOR)) != NULL)
    gtk_window_destroy (editor);
  gtk_window_destroy (fixture->window);
  ks_test_iterate (20);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static void
add_event (Fixture    *fixture,
           const char *agreement_uuid,
           const char *occurred_on,
           const char *kind,
           const char *description)
{
  g_autoptr(KsEvent) event = ks_event_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (event,
                "agreement-uuid", agreement_uuid,
                "occurred-on", occurred_on,
                "kind", kind,
                "description", description,
                NULL);
  g_assert_true (ks_event_store_save (fixture->db, event, NULL, &error));
  g_assert_no_error (error);
}

static GtkWidget *
row_at (Fixture *fixture,
        int      index)
{
  GtkListBox *list = GTK_LIST_BOX (ks_test_find_by_id (GTK_WIDGET (fixture->timeline), "list_box"));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (list, index));
}

static gboolean
editor_is_shown (gpointer data)
{
  return ks_test_find_toplevel (KS_TYPE_EVENT_EDITOR) != NULL;
}

static gboolean
editor_is_gone (gpointer data)
{
  return !editor_is_shown (data);
}

static GtkWidget *
open_new_editor (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.add", NULL);
  g_assert_true (ks_test_wait_for (editor_is_shown, NULL, 2000));
  return GTK_WIDGET (ks_test_find_toplevel (KS_TYPE_EVENT_EDITOR));
}

static void
type_date (GtkWidget  *editor,
           const char *id,
           const char *text)
{
  KsDateRow *row = KS_DATE_ROW (ks_test_find_by_id (editor, id));

  gtk_editable_set_text (ks_date_row_get_entry (row), text);
}

static void
choose_key (GtkWidget  *editor,
            const char *id,
            KsKeySet    set,
            const char *key)
{
  AdwComboRow *row = ADW_COMBO_ROW (ks_test_find_by_id (editor, id));
  int index = ks_key_get_index (set, key);

  g_assert_cmpint (index, >=, 0);
  /* The stage chooser starts with "No change". */
  adw_combo_row_set_selected (row, g_str_equal (id, "stage_row") ? index + 1 : index);
}

static void
type_description (GtkWidget  *editor,
                  const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (ks_test_find_by_id (editor, "description_view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static gboolean
can_save (GtkWidget *editor)
{
  return gtk_widget_get_sensitive (ks_test_find_by_id (editor, "save_button"));
}

static void
save (GtkWidget *editor)
{
  g_assert_true (can_save (editor));
  gtk_widget_activate_action (editor, "editor.save", NULL);
  g_assert_true (ks_test_wait_for (editor_is_gone, NULL, 2000));
  ks_test_iterate (20);
}

static void
test_timeline_lists_events_newest_first (Fixture       *fixture,
                                         gconstpointer  data)
{
  add_event (fixture, WONOGIRI_UUID, "2013", "meeting", "Rapat koordinasi dengan Dinas terkait.");
  add_event (fixture, WONOGIRI_UUID, "2015-03", "visit", "Kunjungan delegasi Wuming ke Wonogiri.");
  show_timeline (fixture, WONOGIRI_UUID);

  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "March 2015"));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "Kunjungan delegasi Wuming ke Wonogiri."));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "Visit"));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 1), "2013"));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 1), "Meeting"));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 2), "2012"));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 2), "Stage → LoI signed"));
  g_assert_null (row_at (fixture, 3));
}

static void
test_timeline_shows_empty_state (Fixture       *fixture,
                                 gconstpointer  data)
{
  show_timeline (fixture, BOYOLALI_UUID);

  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->timeline), _("No Events Yet")));
  /* The empty state's button adds the first event. */
  g_assert_nonnull (open_new_editor (fixture));
}

static void
test_timeline_adds_event_through_editor (Fixture       *fixture,
                                         gconstpointer  data)
{
  GtkWidget *editor;

  show_timeline (fixture, BOYOLALI_UUID);
  editor = open_new_editor (fixture);
  type_date (editor, "date_row", "12/3/2016");
  choose_key (editor, "kind_row", KS_KEY_SET_EVENT_KIND, "visit");
  type_description (editor, "Kunjungan tim ahli Selandia Baru ke Cepogo.");
  gtk_editable_set_text (GTK_EDITABLE (ks_test_find_by_id (editor, "amount_row")), "1.500.000");
  save (editor);

  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count(*) FROM events WHERE occurred_on = '2016-03-12' "
                                      "AND kind = 'visit' AND cost_amount = 150000000 AND cost_currency = 'IDR' "
                                      "AND description = 'Kunjungan tim ahli Selandia Baru ke Cepogo.'"),
                   ==, 1);
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "12 March 2016"));
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "Cost: IDR 1,500,000"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->timeline),
                                        "Kunjungan tim ahli Selandia Baru ke Cepogo."));
  g_assert_cmpuint (fixture->changed, ==, 1);
}

static void
test_timeline_edits_event_on_activation (Fixture       *fixture,
                                         gconstpointer  data)
{
  GtkWidget *editor;

  add_event (fixture, BOYOLALI_UUID, "2016", "meeting", "Rapat evaluasi.");
  show_timeline (fixture, BOYOLALI_UUID);
  g_signal_emit_by_name (row_at (fixture, 0), "activate");
  g_assert_true (ks_test_wait_for (editor_is_shown, NULL, 2000));
  editor = GTK_WIDGET (ks_test_find_toplevel (KS_TYPE_EVENT_EDITOR));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, _("Edit Event"));
  type_description (editor, "Rapat evaluasi tahunan.");
  save (editor);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM events e JOIN agreements a "
                                      "ON a.id = e.agreement_id WHERE a.uuid = '" BOYOLALI_UUID "'"), ==, 1);
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "Rapat evaluasi tahunan."));
}

static void
test_timeline_event_moves_stage (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *stage = NULL;
  GtkWidget *editor;

  show_timeline (fixture, GUILIN_UUID);
  editor = open_new_editor (fixture);
  type_date (editor, "date_row", "2018-05-02");
  choose_key (editor, "kind_row", KS_KEY_SET_EVENT_KIND, "mou_signed");
  choose_key (editor, "stage_row", KS_KEY_SET_STAGE, "signed");
  save (editor);

  stage = ks_test_query_text (fixture->db, "SELECT stage FROM agreements WHERE uuid = '" GUILIN_UUID "'");
  g_assert_cmpstr (stage, ==, "signed");
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "Stage → Signed"));
}

static void
test_timeline_renewal_sets_end_date (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *ends_on = NULL;
  GtkWidget *editor;

  show_timeline (fixture, BOYOLALI_UUID);
  editor = open_new_editor (fixture);
  g_assert_false (gtk_widget_get_visible (ks_test_find_by_id (editor, "ends_row")));
  type_date (editor, "date_row", "1/9/2023");
  choose_key (editor, "kind_row", KS_KEY_SET_EVENT_KIND, "renewed");
  g_assert_true (gtk_widget_get_visible (ks_test_find_by_id (editor, "ends_row")));
  type_date (editor, "ends_row", "9/9/2028");
  save (editor);

  ends_on = ks_test_query_text (fixture->db, "SELECT ends_on FROM agreements WHERE uuid = '" BOYOLALI_UUID "'");
  g_assert_cmpstr (ends_on, ==, "2028-09-09");
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0),
                                        "End date 9 September 2023 → 9 September 2028"));
}

static void
click_undo (GtkWidget *root)
{
  GtkWidget *label = ks_test_find_label (root, _("Undo"));
  GtkWidget *button;

  g_assert_nonnull (label);
  button = gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ks_test_iterate (50);
}

static void
test_timeline_delete_and_undo (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *count_deleted = "SELECT count(*) FROM events e JOIN agreements a ON a.id = e.agreement_id "
                              "WHERE a.uuid = '" WONOGIRI_UUID "' AND e.deleted_at IS NOT NULL";

  show_timeline (fixture, WONOGIRI_UUID);
  gtk_widget_grab_focus (row_at (fixture, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.delete", NULL);
  ks_test_iterate (50);

  g_assert_cmpint (ks_test_query_int (fixture->db, count_deleted), ==, 1);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->timeline), _("No Events Yet")));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->timeline), _("Event deleted")));

  click_undo (GTK_WIDGET (fixture->timeline));
  g_assert_cmpint (ks_test_query_int (fixture->db, count_deleted), ==, 0);
  g_assert_nonnull (ks_test_find_label (row_at (fixture, 0), "2012"));
  g_assert_cmpuint (fixture->changed, ==, 2);
}

static void
test_timeline_validation_blocks_save (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *editor;
  GtkLabel *date_error, *amount_error;

  show_timeline (fixture, BOYOLALI_UUID);
  editor = open_new_editor (fixture);
  date_error = GTK_LABEL (ks_test_find_by_id (editor, "date_error"));
  amount_error = GTK_LABEL (ks_test_find_by_id (editor, "amount_error"));
  /* A new event happened today until staff say otherwise. */
  g_assert_true (can_save (editor));

  type_date (editor, "date_row", "");
  g_assert_false (can_save (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (date_error)));
  g_assert_cmpstr (gtk_label_get_text (date_error), ==, _("Enter the date the event happened."));

  type_date (editor, "date_row", "31/2/2016");
  g_assert_false (can_save (editor));

  type_date (editor, "date_row", "2016");
  g_assert_true (can_save (editor));

  gtk_editable_set_text (GTK_EDITABLE (ks_test_find_by_id (editor, "amount_row")), "dua juta");
  g_assert_false (can_save (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (amount_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (amount_error), "dua juta"));

  gtk_editable_set_text (GTK_EDITABLE (ks_test_find_by_id (editor, "amount_row")), "2.000.000");
  g_assert_true (can_save (editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (amount_error)));

  /* Escape cancels without writing. */
  gtk_widget_activate_action (editor, "editor.cancel", NULL);
  g_assert_true (ks_test_wait_for (editor_is_gone, NULL, 2000));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM events e JOIN agreements a "
                                      "ON a.id = e.agreement_id WHERE a.uuid = '" BOYOLALI_UUID "'"), ==, 0);
  g_assert_cmpuint (fixture->changed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/event-timeline/newest-first", test_timeline_lists_events_newest_first);
  ADD ("/event-timeline/empty-state", test_timeline_shows_empty_state);
  ADD ("/event-timeline/add-through-editor", test_timeline_adds_event_through_editor);
  ADD ("/event-timeline/edit-on-activation", test_timeline_edits_event_on_activation);
  ADD ("/event-timeline/moves-stage", test_timeline_event_moves_stage);
  ADD ("/event-timeline/renewal-sets-end-date", test_timeline_renewal_sets_end_date);
  ADD ("/event-timeline/delete-and-undo", test_timeline_delete_and_undo);
  ADD ("/event-timeline/validation-blocks-save", test_timeline_validation_blocks_save);

#undef ADD

  return g_test_run ();
}
