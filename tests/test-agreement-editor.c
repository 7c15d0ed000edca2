/* test-agreement-editor.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ks-agreement-editor.h"
#include "ks-agreement-store.h"
#include "ks-database.h"
#include "ks-date-row.h"
#include "ks-demo.h"
#include "ks-error.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-related-list.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

#define SBBS_UUID "9a46f1e9-34c8-454c-a377-d85e4cdcd656"

typedef struct
{
  char              *tmpdir;
  KsDatabase        *db;
  GtkWindow         *parent;
  KsAgreementEditor *editor;
  char              *saved_uuid;
  guint              n_saved;
  char              *opened_uuid;   /* by the parent's win.edit-agreement */
} Fixture;

static void
saved_cb (KsAgreementEditor *editor,
          const char        *uuid,
          Fixture           *fixture)
{
  g_free (fixture->saved_uuid);
  fixture->saved_uuid = g_strdup (uuid);
  fixture->n_saved++;
}

static void
open_editor (Fixture    *fixture,
             const char *uuid)
{
  g_autoptr(GError) error = NULL;

  fixture->editor = ks_agreement_editor_new (fixture->parent, fixture->db, NULL, uuid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->editor);
  /* Held past its closing, so that tests can look at it. */
  g_object_ref_sink (fixture->editor);
  g_signal_connect (fixture->editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->editor));
  ks_test_iterate (50);
}

/* The main window's action that opens an agreement, as the editor
 * finds it on the window it belongs to. */
static void
edit_agreement_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  Fixture *fixture = data;

  g_free (fixture->opened_uuid);
  fixture->opened_uuid = g_variant_dup_string (parameter, NULL);
}

static void
insert_window_actions (Fixture *fixture)
{
  static const GActionEntry entries[] = {
    { "edit-agreement", edit_agreement_cb, "s", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), fixture);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->parent), "win", G_ACTION_GROUP (group));
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
  if (data != NULL)
    {
      g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
      g_assert_no_error (error);
    }

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  insert_window_actions (fixture);
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->editor != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->editor));
      g_clear_object (&fixture->editor);
    }
  gtk_window_destroy (fixture->parent);
  ks_test_iterate (20);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->saved_uuid);
  g_free (fixture->opened_uuid);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = ks_test_find_by_id (GTK_WIDGET (fixture->editor), id);

  g_assert_nonnull (widget);
  return widget;
}

/* Rows the editor builds in code are named instead. */
static GtkWidget *
find_named_in (GtkWidget  *root,
               const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named_in (child, name)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_named (Fixture    *fixture,
            const char *name)
{
  GtkWidget *widget = find_named_in (GTK_WIDGET (fixture->editor), name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type (Fixture    *fixture,
      const char *id,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, id)), text);
}

static void
type_date (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (ks_date_row_get_entry (KS_DATE_ROW (row)), text);
}

static void
choose_key (Fixture    *fixture,
            const char *id,
            KsKeySet    set,
            const char *key)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (find (fixture, id)), ks_key_get_index (set, key));
}

static void
click (Fixture    *fixture,
       const char *id)
{
  GtkWidget *button = find (fixture, id);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
save_enabled (Fixture *fixture)
{
  return gtk_widget_get_sensitive (find (fixture, "save_button"));
}

static gboolean
editor_closed (gpointer data)
{
  Fixture *fixture = data;

  return !gtk_widget_get_visible (GTK_WIDGET (fixture->editor));
}

static void
save (Fixture *fixture)
{
  g_assert_true (save_enabled (fixture));
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
  g_assert_true (ks_test_wait_for (editor_closed, fixture, 2000));
}

static int
agreement_count (Fixture *fixture)
{
  return ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements");
}

/* @sql names the agreement as '%s'. */
static char *
query (Fixture    *fixture,
       const char *sql,
       const char *uuid)
{
  g_autoptr(GString) filled = g_string_new (sql);

  g_string_replace (filled, "%s", uuid, 0);
  return ks_test_query_text (fixture->db, filled->str);
}

static guint
country_position (const char *code)
{
  g_autoptr(GPtrArray) codes = ks_country_list ();
  guint index;

  g_assert_true (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &index));
  return index + 1;   /* after "Not known" */
}

static void
enable_obstacle (Fixture    *fixture,
                 const char *key,
                 const char *note)
{
  g_autofree char *row = g_strdup_printf ("obstacle-%s", key);
  g_autofree char *entry = g_strdup_printf ("obstacle-%s-note", key);

  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (find_named (fixture, row)), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, entry)), note);
}

/* The study's Sragen–Queensland sister school draft, typed in anew. */
static void
test_editor_creates_sister_school (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *row = NULL;
  g_autofree char *uuid_sql = NULL;
  const char *uuid;

  open_editor (fixture, NULL);
  ks_agreement_editor_set_region (fixture->editor, "33.14");
  g_assert_null (ks_agreement_editor_get_uuid (fixture->editor));
  g_assert_false (ks_agreement_editor_get_modified (fixture->editor));

  type (fixture, "title_row", "Sister school SBBS Sragen – Queensland");
  choose_key (fixture, "form_row", KS_KEY_SET_FORM, "sister_school");
  choose_key (fixture, "document_row", KS_KEY_SET_DOCUMENT, "mou");
  choose_key (fixture, "stage_row", KS_KEY_SET_STAGE, "drafting");

  type (fixture, "add_local_party_row", "Sragen Bilingual Boarding School (SBBS)");
  g_signal_emit_by_name (find (fixture, "add_local_party_row"), "entry-activated");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "add_local_party_row"))), ==, "");

  type (fixture, "new_partner_name_row", "Department of Education Queensland");
  choose_key (fixture, "new_partner_kind_row", KS_KEY_SET_PARTNER_KIND, "local_government");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (fixture, "new_partner_country_dropdown")),
                              country_position ("AU"));
  type (fixture, "new_partner_locality_row", "Brisbane");
  click (fixture, "add_new_partner_button");
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->editor), "Department of Education Queensland"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (fixture, "sector-education")), TRUE);
  type_date (find (fixture, "starts_on_row"), "March 2018");
  type_date (find (fixture, "ends_on_row"), "2023");
  type (fixture, "apbd_amount_row", "1.500.000");
  enable_obstacle (fixture, "language", "English for the MoU draft");
  enable_obstacle (fixture, "budget", "Travel to Brisbane is expensive");

  g_assert_true (ks_agreement_editor_get_modified (fixture->editor));
  save (fixture);

  g_assert_cmpuint (fixture->n_saved, ==, 1);
  uuid = ks_agreement_editor_get_uuid (fixture->editor);
  g_assert_cmpstr (uuid, ==, fixture->saved_uuid);
  g_assert_true (g_uuid_string_is_valid (uuid));

  row = query (fixture,
               "SELECT a.title || '|' || r.code || '|' || a.form || '|' || a.document || '|' || a.stage"
               " || '|' || a.starts_on || '|' || a.ends_on || '|' || a.apbd_amount || '|' || a.partner_currency"
               " FROM agreements a JOIN regions r ON r.id = a.region_id WHERE a.uuid = '%s'", uuid);
  g_assert_cmpstr (row, ==, "Sister school SBBS Sragen – Queensland|33.14|sister_school|mou|drafting"
                            "|2018-03|2023|150000000|IDR");
  g_clear_pointer (&row, g_free);

  row = query (fixture,
               "SELECT p.name || '|' || p.kind || '|' || p.country || '|' || p.locality FROM partners p"
               " JOIN agreement_partners ap ON ap.partner_id = p.id"
               " JOIN agreements a ON a.id = ap.agreement_id WHERE a.uuid = '%s'", uuid);
  g_assert_cmpstr (row, ==, "Department of Education Queensland|local_government|AU|Brisbane");
  g_clear_pointer (&row, g_free);

  row = query (fixture,
               "SELECT group_concat (obstacle || ':' || note, ';') FROM ("
               " SELECT o.obstacle, o.note FROM agreement_obstacles o"
               " JOIN agreements a ON a.id = o.agreement_id WHERE a.uuid = '%s' ORDER BY o.obstacle)", uuid);
  g_assert_cmpstr (row, ==, "budget:Travel to Brisbane is expensive;language:English for the MoU draft");
  g_clear_pointer (&row, g_free);

  row = query (fixture,
               "SELECT lp.name || '|' || alp.role || '|' || s.sector FROM agreement_local_parties alp"
               " JOIN local_parties lp ON lp.id = alp.local_party_id"
               " JOIN agreements a ON a.id = alp.agreement_id"
               " JOIN agreement_sectors s ON s.agreement_id = a.id WHERE a.uuid = '%s'", uuid);
  g_assert_cmpstr (row, ==, "Sragen Bilingual Boarding School (SBBS)|implementing|education");
}

/* Opening shows what the register holds. */
static void
test_editor_shows_stored_values (Fixture       *fixture,
                                 gconstpointer  data)
{
  open_editor (fixture, SBBS_UUID);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, _("Edit Agreement"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (fixture, "title_row"))), ==,
                   "Sister school SBBS – Department of Education Queensland");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (find (fixture, "switcher_title"))),
                   ==, "Sister school SBBS – Department of Education Queensland");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find (fixture, "stage_row"))), ==,
                    ks_key_get_index (KS_KEY_SET_STAGE, "drafting"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->editor), "Kabupaten Sragen"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->editor), "Department of Education Queensland"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->editor), "Dinas Pendidikan Kabupaten Sragen"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_named (fixture, "sector-education"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_named (fixture, "sector-health"))));
  g_assert_false (ks_agreement_editor_get_modified (fixture->editor));
  g_assert_false (save_enabled (fixture));
}

static void
test_editor_saves_an_edit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *row = NULL;
  int before = agreement_count (fixture);

  open_editor (fixture, SBBS_UUID);
  choose_key (fixture, "stage_row", KS_KEY_SET_STAGE, "signed");
  type_date (find (fixture, "signed_on_row"), "12/4/2018");
  type (fixture, "partner_amount_row", "25,000");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "notes_view"))),
                            "MoU signed in Brisbane.", -1);
  save (fixture);

  g_assert_cmpstr (fixture->saved_uuid, ==, SBBS_UUID);
  g_assert_cmpint (agreement_count (fixture), ==, before);
  row = query (fixture, "SELECT stage || '|' || signed_on || '|' || partner_amount || '|' || notes"
                        " FROM agreements WHERE uuid = '%s'", SBBS_UUID);
  g_assert_cmpstr (row, ==, "signed|2018-04-12|2500000|MoU signed in Brisbane.");
}

/* The register file vanished under the window (deleted, or replaced by a
 * synced copy): the save fails with the model's reason, and the editor
 * stays open with what was typed, so nothing is lost. */
static void
test_editor_keeps_text_when_save_fails (Fixture       *fixture,
                                        gconstpointer  data)
{
  GtkTextBuffer *notes;
  g_autofree char *typed = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;

  open_editor (fixture, SBBS_UUID);
  notes = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "notes_view")));
  gtk_text_buffer_set_text (notes, "Typed before the file went away.", -1);
  g_assert_cmpint (g_remove (ks_database_get_path (fixture->db)), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
  ks_test_iterate (50);

  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));
  g_object_get (notes, "text", &typed, NULL);
  g_assert_cmpstr (typed, ==, "Typed before the file went away.");
  reason = g_strdup_printf (_("The register file “%s” was moved, replaced or deleted while it was open. "
                             "Nothing was saved; open the register again."),
                           ks_database_get_path (fixture->db));
  message = g_strdup_printf (_("The agreement was not saved: %s"), reason);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->editor), message));
}

static GtkWidget *
problem_label (Fixture    *fixture,
               const char *message)
{
  return ks_test_find_label (GTK_WIDGET (fixture->editor), message);
}

static void
test_editor_blocks_invalid_title (Fixture       *fixture,
                                  gconstpointer  data)
{
  GtkWidget *title_row;

  open_editor (fixture, NULL);
  ks_agreement_editor_set_region (fixture->editor, "33.14");
  title_row = find (fixture, "title_row");

  /* Nothing typed yet: nothing to save, and no complaint. */
  g_assert_false (save_enabled (fixture));
  g_assert_null (problem_label (fixture, _("Title: a title is required")));

  type (fixture, "title_row", "Kota kembar Sragen – Wuming");
  g_assert_true (save_enabled (fixture));
  g_assert_false (gtk_widget_has_css_class (title_row, "error"));
  /* Typed text is never read as markup. */
  type (fixture, "title_row", "Sragen & Wuming <draft>");
  enable_obstacle (fixture, "budget", "Travel & lodging <unfunded>");
  ks_test_iterate (20);

  type (fixture, "title_row", "  ");
  g_assert_false (save_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  ks_test_iterate (20);
  g_assert_nonnull (problem_label (fixture, _("Title: a title is required")));

  /* Ctrl+S does nothing while the title is missing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.save", NULL);
  ks_test_iterate (20);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
  g_assert_cmpint (agreement_count (fixture), ==, 0);

  type (fixture, "title_row", "Kota kembar Sragen – Wuming");
  g_assert_true (save_enabled (fixture));
  g_assert_null (problem_label (fixture, _("Title: a title is required")));
  g_assert_false (gtk_widget_has_css_class (title_row, "error"));
}

static void
test_editor_blocks_end_before_start (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *message = NULL;
  GtkWidget *ends_row;
  GtkWidget *label;

  open_editor (fixture, SBBS_UUID);
  ends_row = find (fixture, "ends_on_row");
  type_date (find (fixture, "starts_on_row"), "2018");
  g_assert_true (save_enabled (fixture));

  type_date (ends_row, "2017");
  g_assert_false (save_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (ends_row, "error"));
  message = g_strdup_printf (_("End date: %s is before the start date %s"), "2017", "2018");
  ks_test_iterate (20);
  label = problem_label (fixture, message);
  g_assert_nonnull (label);
  /* Right under the end date's row. */
  g_assert_true (gtk_widget_get_prev_sibling (gtk_widget_get_parent (label)) == ends_row);

  /* A date that cannot be read blocks saving too. */
  type_date (ends_row, "31/2/2019");
  g_assert_false (save_enabled (fixture));
  type_date (ends_row, "2019");
  g_assert_true (save_enabled (fixture));
  g_assert_null (problem_label (fixture, message));
}

static void
test_editor_amounts (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *row;

  open_editor (fixture, SBBS_UUID);
  row = find (fixture, "apbd_amount_row");

  type (fixture, "apbd_amount_row", "lima juta");
  g_assert_false (save_enabled (fixture));
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  type (fixture, "apbd_amount_row", "1,500,000");
  g_assert_true (save_enabled (fixture));
  type (fixture, "apbd_amount_row", "1500000");
  g_assert_true (save_enabled (fixture));
  type (fixture, "apbd_amount_row", "Rp 1.500.000,50");
  save (fixture);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT apbd_amount FROM agreements WHERE uuid = '" SBBS_UUID "'"),
                   ==, 150000050);
}

static gboolean
dialog_shown (gpointer data)
{
  return ks_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static AdwMessageDialog *
close_and_expect_question (Fixture *fixture)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.cancel", NULL);
  g_assert_true (ks_test_wait_for (dialog_shown, NULL, 2000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));
  return ADW_MESSAGE_DIALOG (ks_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_editor_discards_on_request (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;

  open_editor (fixture, SBBS_UUID);
  type (fixture, "title_row", "A title nobody keeps");
  dialog = close_and_expect_question (fixture);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Save Changes?"));
  adw_message_dialog_response (dialog, "cancel");
  ks_test_iterate (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->editor)));

  dialog = close_and_expect_question (fixture);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (ks_test_wait_for (editor_closed, fixture, 2000));

  g_assert_cmpuint (fixture->n_saved, ==, 0);
  title = ks_test_query_text (fixture->db, "SELECT title FROM agreements WHERE uuid = '" SBBS_UUID "'");
  g_assert_cmpstr (title, ==, "Sister school SBBS – Department of Education Queensland");
}

static void
test_editor_saves_on_request (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;

  open_editor (fixture, SBBS_UUID);
  type (fixture, "title_row", "Sister school SBBS – Queensland (draft 2)");
  dialog = close_and_expect_question (fixture);
  adw_message_dialog_response (dialog, "save");
  g_assert_true (ks_test_wait_for (editor_closed, fixture, 2000));

  g_assert_cmpuint (fixture->n_saved, ==, 1);
  title = ks_test_query_text (fixture->db, "SELECT title FROM agreements WHERE uuid = '" SBBS_UUID "'");
  g_assert_cmpstr (title, ==, "Sister school SBBS – Queensland (draft 2)");
}

static void
test_editor_escape_closes_unmodified (Fixture       *fixture,
                                      gconstpointer  data)
{
  open_editor (fixture, SBBS_UUID);

  gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "editor.cancel", NULL);
  g_assert_true (ks_test_wait_for (editor_closed, fixture, 2000));
  g_assert_null (ks_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}

static void
test_editor_saves_people_and_procedure (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *person = NULL;
  g_autofree char *step = NULL;
  GtkWidget *procedure_group;

  open_editor (fixture, SBBS_UUID);
  procedure_group = find (fixture, "procedure_group");

  click (fixture, "add_person_button");
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "person-0-name")), "Dra. Sri Wahyuni");
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "person-0-position")), "Kepala Sekolah");
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "person-0-email")), "sri@example");
  g_assert_false (save_enabled (fixture));
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "person-0-email")), "sri@sbbs.sch.id");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (fixture, "person-0-role")),
                              ks_key_get_index (KS_KEY_SET_PERSON_ROLE, "signatory"));
  type_date (find_named (fixture, "person-0-signed-on"), "12 April 2018");

  type_date (find_named (fixture, "step-dprd_approval-date"), "March 2018");
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "step-dprd_approval-note")), "Rapat paripurna");
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (procedure_group)),
                                   "1 "));
  save (fixture);

  person = ks_test_query_text (fixture->db,
                               "SELECT side || '|' || role || '|' || name || '|' || position || '|' || email"
                               " || '|' || signed_on FROM people");
  g_assert_cmpstr (person, ==, "local|signatory|Dra. Sri Wahyuni|Kepala Sekolah|sri@sbbs.sch.id|2018-04-12");
  step = ks_test_query_text (fixture->db,
                             "SELECT s.key || '|' || p.done_on || '|' || p.note FROM agreement_procedure p"
                             " JOIN procedure_steps s ON s.id = p.step_id");
  g_assert_cmpstr (step, ==, "dprd_approval|2018-03|Rapat paripurna");
}

static void
test_editor_removes_person (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *names = NULL;

  open_editor (fixture, SBBS_UUID);
  click (fixture, "add_person_button");
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "person-0-name")), "Drs. Bambang");
  click (fixture, "add_person_button");
  gtk_editable_set_text (GTK_EDITABLE (find_named (fixture, "person-1-name")), "Ms. Karen Hughes");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (fixture, "person-1-side")),
                              ks_key_get_index (KS_KEY_SET_PERSON_SIDE, "partner"));

  g_signal_emit_by_name (find_named_in (find_named (fixture, "person-0"), "remove"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_named (fixture, "person-0-name"))), ==,
                   "Ms. Karen Hughes");
  g_assert_null (find_named_in (GTK_WIDGET (fixture->editor), "person-1"));
  save (fixture);

  names = ks_test_query_text (fixture->db, "SELECT group_concat (side || ':' || name, ';') FROM people");
  g_assert_cmpstr (names, ==, "partner:Ms. Karen Hughes");
}

static void
test_editor_removes_partner (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *list;
  GtkWidget *row;

  open_editor (fixture, SBBS_UUID);
  list = find (fixture, "partners_list");
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);

  g_signal_emit_by_name (find_named_in (row, "remove"), "clicked");
  g_assert_null (gtk_widget_get_first_child (list));
  save (fixture);

  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count(*) FROM agreement_partners ap"
                                      " JOIN agreements a ON a.id = ap.agreement_id"
                                      " WHERE a.uuid = '" SBBS_UUID "'"), ==, 0);
}

/* A PKS under the study's Boyolali dairy agreement. */
static void
test_editor_chooses_parent (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkDropDown *chooser;
  g_autofree char *parent = NULL;
  guint n;

  open_editor (fixture, NULL);
  ks_agreement_editor_set_region (fixture->editor, "33.09");
  type (fixture, "title_row", "PKS pelatihan inseminasi buatan – Cepogo");
  chooser = GTK_DROP_DOWN (find (fixture, "parent_dropdown"));

  /* The register's agreements are listed once the chooser is used. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (chooser)), ==, 1);
  gtk_widget_grab_focus (GTK_WIDGET (chooser));
  n = g_list_model_get_n_items (gtk_drop_down_get_model (chooser));
  g_assert_cmpuint (n, ==, 1 + 15);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (gtk_drop_down_get_model (chooser), i);
      g_autofree char *title = NULL;

      g_object_get (item, "title", &title, NULL);
      if (g_str_has_prefix (title, "Kerja sama teknis peternakan sapi perah"))
        gtk_drop_down_set_selected (chooser, i);
    }
  save (fixture);

  parent = query (fixture, "SELECT p.uuid FROM agreements a JOIN agreements p ON p.id = a.parent_id"
                           " WHERE a.uuid = '%s'", fixture->saved_uuid);
  g_assert_cmpstr (parent, ==, "6cd17f1f-32dd-4386-9688-1accf8c09e6f");

  /* Opened again, the parent is the chooser's current choice. */
  g_clear_object (&fixture->editor);
  open_editor (fixture, fixture->saved_uuid);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find (fixture, "parent_dropdown"))), ==, 1);
  g_assert_false (ks_agreement_editor_get_modified (fixture->editor));
}

#define DAIRY_UUID "6cd17f1f-32dd-4386-9688-1accf8c09e6f"

static char *
save_child (Fixture    *fixture,
            const char *title,
            const char *starts_on)
{
  g_autoptr(KsAgreement) child = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (child, "region-code", "33.09", "title", title, "document", "pks",
                "stage", "signed", "starts-on", starts_on, "parent-uuid", DAIRY_UUID, NULL);
  g_assert_true (ks_agreement_store_save (fixture->db, child, NULL, &error));
  g_assert_no_error (error);

  return g_strdup (ks_agreement_get_uuid (child));
}

/* The parent lists both PKS under it, and each opens from there. */
static void
test_editor_lists_children (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *first = save_child (fixture, "PKS inseminasi buatan – Cepogo", "2016-03");
  g_autofree char *second = save_child (fixture, "PKS pakan ternak – Musuk", "2017");
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *list;
  GtkWidget *row;

  open_editor (fixture, DAIRY_UUID);
  list = find (fixture, "related_list");
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_cmpuint (ks_related_list_get_n_items (KS_RELATED_LIST (list)), ==, 2);
  g_assert_nonnull (ks_test_find_label (list, "PKS inseminasi buatan – Cepogo"));
  g_assert_nonnull (ks_test_find_label (list, "PKS pakan ternak – Musuk"));
  period = ks_period_format ("2016-03", "", TRUE);
  subtitle = g_strjoin (_(" · "), ks_key_get_label (KS_KEY_SET_DOCUMENT, "pks"),
                        ks_key_get_label (KS_KEY_SET_STAGE, "signed"), period, NULL);
  g_assert_nonnull (ks_test_find_label (list, subtitle));

  row = gtk_widget_get_ancestor (ks_test_find_label (list, "PKS pakan ternak – Musuk"), GTK_TYPE_LIST_BOX_ROW);
  gtk_widget_activate (row);
  g_assert_cmpstr (fixture->opened_uuid, ==, second);
}

/* A PKS's editor opens its MoU; one without a parent offers nothing. */
static void
test_editor_opens_parent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *child = save_child (fixture, "PKS inseminasi buatan – Cepogo", "2016-03");

  open_editor (fixture, child);
  g_assert_true (gtk_widget_is_sensitive (find (fixture, "open_parent_button")));
  /* A button activated from the keyboard clicks after a short press. */
  gtk_widget_activate (find (fixture, "open_parent_button"));
  ks_test_iterate (400);
  g_assert_cmpstr (fixture->opened_uuid, ==, DAIRY_UUID);
  g_assert_cmpuint (ks_related_list_get_n_items (KS_RELATED_LIST (find (fixture, "related_list"))), ==, 0);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (find (fixture, "parent_dropdown")), 0);
  ks_test_iterate (20);
  g_assert_false (gtk_widget_is_sensitive (find (fixture, "open_parent_button")));
}

/* The region's agencies are offered as the register writes them. */
static void
test_editor_suggests_local_parties (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkDropDown *known;
  GListModel *names;
  guint n;

  open_editor (fixture, NULL);
  ks_agreement_editor_set_region (fixture->editor, "33.14");
  type (fixture, "title_row", "Kota kembar Sragen – Wuming");
  g_assert_true (gtk_widget_get_visible (find (fixture, "known_party_row")));
  known = GTK_DROP_DOWN (find (fixture, "known_party_dropdown"));
  names = gtk_drop_down_get_model (known);
  n = g_list_model_get_n_items (names);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i),
                     "Dinas Pendidikan Kabupaten Sragen"))
      gtk_drop_down_set_selected (known, i);
  click (fixture, "add_known_party_button");
  /* Twice is once. */
  click (fixture, "add_known_party_button");
  save (fixture);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM local_parties"
                                                   " WHERE name = 'Dinas Pendidikan Kabupaten Sragen'"), ==, 1);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreement_local_parties alp"
                                                   " JOIN local_parties lp ON lp.id = alp.local_party_id"
                                                   " WHERE lp.name = 'Dinas Pendidikan Kabupaten Sragen'"), ==, 3);

  /* A region without agencies yet has nothing to offer. */
  g_clear_object (&fixture->editor);
  open_editor (fixture, NULL);
  ks_agreement_editor_set_region (fixture->editor, "33.01");
  g_assert_false (gtk_widget_get_visible (find (fixture, "known_party_row")));
}

static void
test_editor_refuses_unknown_agreement (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KsAgreementEditor *editor;

  editor = ks_agreement_editor_new (fixture->parent, fixture->db, NULL,
                                    "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (editor);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

/* Without a region from the window, a new agreement is the home region's. */
static void
test_editor_starts_in_home_region (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;

  g_settings_set_string (settings, "home-region", "33.72");
  fixture->editor = ks_agreement_editor_new (fixture->parent, fixture->db, settings, NULL, &error);
  g_assert_no_error (error);
  g_object_ref_sink (fixture->editor);
  g_signal_connect (fixture->editor, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->editor));
  ks_test_iterate (50);

  g_assert_false (ks_agreement_editor_get_modified (fixture->editor));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->editor), "Kota Surakarta"));
  type (fixture, "title_row", "Kota kembar Surakarta – Montana");
  save (fixture);

  region = query (fixture, "SELECT r.code FROM agreements a JOIN regions r ON r.id = a.region_id"
                           " WHERE a.uuid = '%s'", fixture->saved_uuid);
  g_assert_cmpstr (region, ==, "33.72");
  g_settings_reset (settings, "home-region");
}

static gboolean
focus_is_in (Fixture    *fixture,
             const char *id)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->editor));

  return focus != NULL && (focus == find (fixture, id) || gtk_widget_is_ancestor (focus, find (fixture, id)));
}

/* Tab alone walks the whole page, past a problem's message, and never
 * gets stuck. */
static void
test_editor_tab_walks_the_page (Fixture       *fixture,
                                gconstpointer  data)
{
  gboolean seen_title = FALSE, seen_notes = FALSE, seen_save = FALSE, seen_ends = FALSE;
  GtkWidget *previous = NULL;

  open_editor (fixture, SBBS_UUID);
  type (fixture, "title_row", "");
  type_date (find (fixture, "starts_on_row"), "2018");
  type_date (find (fixture, "ends_on_row"), "2017");
  g_assert_false (save_enabled (fixture));
  type (fixture, "title_row", "Sister school SBBS – Queensland");
  type_date (find (fixture, "ends_on_row"), "2020");
  g_assert_true (save_enabled (fixture));
  /* Back to a problem: its message row sits in the way of Tab. */
  type_date (find (fixture, "ends_on_row"), "2017");
  type_date (find (fixture, "ends_on_row"), "2019");
  type (fixture, "title_row", "");
  gtk_widget_grab_focus (find (fixture, "title_row"));

  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->editor), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (fixture->editor));
      g_assert_true (focus != previous);
      previous = focus;
      seen_title |= focus_is_in (fixture, "title_row");
      seen_ends |= focus_is_in (fixture, "ends_on_row");
      seen_notes |= focus_is_in (fixture, "notes_view");
      seen_save |= focus_is_in (fixture, "cancel_button");
    }

  g_assert_true (seen_title);
  g_assert_true (seen_ends);
  g_assert_true (seen_notes);
  g_assert_true (seen_save);
}

static void
collect_texts (GtkWidget *root,
               GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child))
        g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      collect_texts (child, out);
    }
}

/* Run with LANGUAGE=id: every label the editor shows is Indonesian. */
static void
test_editor_in_indonesian (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const english[] = {
    "New Agreement", "Details", "General", "Title", "Region", "Form", "Document", "Stage",
    "Partners", "Sectors", "Dates", "Reporting", "Funding", "Notes", "Obstacles", "Cancel", "Save",
    "Local Parties", "Add a Partner", "Contacts and Signatories", "Procedure Checklist",
    "Document Numbers", "Description", "Signed", "Starts", "Ends", "Country", "Education",
    "None", "Not known", "Add", "Add Person", "Add New Partner", "Not done yet",
  };
  g_autoptr(GString) shown = g_string_new ("\n");

  open_editor (fixture, NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_named (fixture, "step-dprd_approval")), TRUE);
  ks_test_iterate (50);
  collect_texts (GTK_WIDGET (fixture->editor), shown);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, "Kerja Sama Baru");
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n%s\n", english[i]);

      if (strstr (shown->str, line) != NULL)
        g_error ("“%s” is shown in English", english[i]);
    }
  g_assert_nonnull (strstr (shown->str, "\nMitra\n"));
}

int
main (int   argc,
      char *argv[])
{
  static const char demo[] = "demo";
  int status;

  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  if (g_str_has_prefix (g_getenv ("LANGUAGE") ?: "", "id"))
    {
      ADD ("/editor/indonesian", NULL, test_editor_in_indonesian);
      return g_test_run ();
    }

  ADD ("/editor/creates-sister-school", NULL, test_editor_creates_sister_school);
  ADD ("/editor/shows-stored-values", demo, test_editor_shows_stored_values);
  ADD ("/editor/saves-an-edit", demo, test_editor_saves_an_edit);
  ADD ("/editor/blocks-invalid-title", NULL, test_editor_blocks_invalid_title);
  ADD ("/editor/blocks-end-before-start", demo, test_editor_blocks_end_before_start);
  ADD ("/editor/amounts", demo, test_editor_amounts);
  ADD ("/editor/discards-on-request", demo, test_editor_discards_on_request);
  ADD ("/editor/saves-on-request", demo, test_editor_saves_on_request);
  ADD ("/editor/escape-closes-unmodified", demo, test_editor_escape_closes_unmodified);
  ADD ("/editor/saves-people-and-procedure", demo, test_editor_saves_people_and_procedure);
  ADD ("/editor/removes-partner", demo, test_editor_removes_partner);
  ADD ("/editor/removes-person", demo, test_editor_removes_person);
  ADD ("/editor/tab-walks-the-page", demo, test_editor_tab_walks_the_page);
  ADD ("/editor/chooses-parent", demo, test_editor_chooses_parent);
  ADD ("/editor/lists-children", demo, test_editor_lists_children);
  ADD ("/editor/opens-parent", demo, test_editor_opens_parent);
  ADD ("/editor/suggests-local-parties", demo, test_editor_suggests_local_parties);
  ADD ("/editor/refuses-unknown-agreement", NULL, test_editor_refuses_unknown_agreement);
  ADD ("/editor/starts-in-home-region", NULL, test_editor_starts_in_home_region);
  ADD ("/editor/keeps-text-when-save-fails", demo, test_editor_keeps_text_when_save_fails);

#undef ADD

  status = g_test_run ();
  return status;
}
