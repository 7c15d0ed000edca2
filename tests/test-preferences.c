/* test-preferences.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ks-autostart.h"
#include "ks-database.h"
#include "ks-key-item.h"
#include "ks-preferences-window.h"
#include "ks-procedure-steps-row.h"
#include "ks-procedure-store.h"
#include "ks-region-dialog.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  char                *tmpdir;
  KsDatabase          *db;
  GSettings           *settings;
  KsPreferencesWindow *window;
} Fixture;

static const char *keys[] = {
  "staff-name", "home-region", "follow-up-months", "expiry-warning-months",
  "backups-kept", "letterhead", "letterhead-logo", "reminders-autostart",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  fixture->tmpdir = ks_test_make_tmpdir ();
  db_path = g_build_filename (fixture->tmpdir, "register.db", NULL);
  fixture->db = ks_database_open (db_path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* The memory backend lives as long as the process: start each test from
   * the defaults. */
  fixture->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);

  fixture->window = ks_preferences_window_new (NULL, fixture->settings, fixture->db);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = ks_test_find_toplevel (KS_TYPE_REGION_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  ks_test_iterate (20);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static GtkWidget *
find (Fixture    *fixture,
      const char *id)
{
  GtkWidget *widget = ks_test_find_by_id (GTK_WIDGET (fixture->window), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
collect_steps_rows (GtkWidget *root,
                    GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (KS_IS_PROCEDURE_STEPS_ROW (child))
        g_ptr_array_add (rows, child);
      else
        collect_steps_rows (child, rows);
    }
}

/* The checklist's rows, in the order shown. */
static GPtrArray *
steps_rows (Fixture *fixture)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_steps_rows (GTK_WIDGET (fixture->window), rows);
  return rows;
}

static KsProcedureStepsRow *
steps_row (Fixture *fixture,
           guint    index)
{
  g_autoptr(GPtrArray) rows = steps_rows (fixture);

  g_assert_cmpuint (index, <, rows->len);
  return g_ptr_array_index (rows, index);
}

static const char *
row_uuid (KsProcedureStepsRow *row)
{
  return ks_procedure_step_get_uuid (ks_procedure_steps_row_get_step (row));
}

static GtkWidget *
row_child (KsProcedureStepsRow *row,
           const char          *id)
{
  GtkWidget *widget = ks_test_find_by_id (GTK_WIDGET (row), id);

  g_assert_nonnull (widget);
  return widget;
}

static char *
step_sql (const char *column,
          const char *uuid)
{
  return g_strdup_printf ("SELECT %s FROM procedure_steps WHERE uuid = '%s'", column, uuid);
}

static void
test_staff_name (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkEditable *row = GTK_EDITABLE (find (fixture, "staff_name_row"));
  g_autofree char *stored = NULL;

  gtk_editable_set_text (row, "Sri Rahayu");
  stored = g_settings_get_string (fixture->settings, "staff-name");
  g_assert_cmpstr (stored, ==, "Sri Rahayu");
  /* The changes that follow carry the new name in the audit trail. */
  g_assert_cmpstr (ks_database_get_staff_name (fixture->db), ==, "Sri Rahayu");

  g_settings_set_string (fixture->settings, "staff-name", "Budi Santoso");
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "Budi Santoso");

  g_settings_set_string (fixture->settings, "staff-name", "");
  g_assert_cmpstr (ks_database_get_staff_name (fixture->db), ==, g_get_real_name ());
}

/* The request letters' signature block. */
static void
test_signer (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *position = NULL;

  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "signer_name_row")), "Ir. Tatag Prabawanto, M.M.");
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, "signer_position_row")), "Sekretaris Daerah");
  name = g_settings_get_string (fixture->settings, "letterhead-signer-name");
  position = g_settings_get_string (fixture->settings, "letterhead-signer-position");
  g_assert_cmpstr (name, ==, "Ir. Tatag Prabawanto, M.M.");
  g_assert_cmpstr (position, ==, "Sekretaris Daerah");
}

static guint
region_index (AdwComboRow *row,
              const char  *code)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KsKeyItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (ks_key_item_get_key (item), code))
        return i;
    }

  g_assert_not_reached ();
}

static void
test_home_region (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwComboRow *row = ADW_COMBO_ROW (find (fixture, "home_region_row"));
  g_autofree char *stored = NULL;
  KsKeyItem *item;

  /* "None" first, then every region. */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (row)), ==,
                    1 + ks_test_query_int (fixture->db, "SELECT count (*) FROM regions"));

  adw_combo_row_set_selected (row, region_index (row, "33.14"));
  stored = g_settings_get_string (fixture->settings, "home-region");
  g_assert_cmpstr (stored, ==, "33.14");
  item = adw_combo_row_get_selected_item (row);
  g_assert_cmpstr (ks_key_item_get_label (item), ==, "Kabupaten Sragen");

  g_settings_set_string (fixture->settings, "home-region", "33.72");
  item = adw_combo_row_get_selected_item (row);
  g_assert_cmpstr (ks_key_item_get_key (item), ==, "33.72");

  adw_combo_row_set_selected (row, 0);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->settings, "home-region");
  g_assert_cmpstr (stored, ==, "");
}

static void
check_spin (Fixture    *fixture,
            const char *id,
            const char *key,
            guint       value,
            guint       from_settings)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (find (fixture, id));

  gtk_spin_button_set_value (spin, value);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, key), ==, value);

  g_settings_set_uint (fixture->settings, key, from_settings);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, from_settings);
}

static void
test_months_and_backups (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkSpinButton *backups = GTK_SPIN_BUTTON (find (fixture, "backups_spin"));

  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find (fixture, "follow_up_spin"))), ==, 12);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find (fixture, "expiry_spin"))), ==, 6);

  check_spin (fixture, "follow_up_spin", "follow-up-months", 18, 24);
  check_spin (fixture, "expiry_spin", "expiry-warning-months", 3, 9);
  check_spin (fixture, "backups_spin", "backups-kept", 0, 30);

  /* The spin buttons keep to the schema's ranges. */
  gtk_spin_button_set_value (backups, 1000);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "backups-kept"), ==, 365);
}

static void
test_backup_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwActionRow *row = ADW_ACTION_ROW (find (fixture, "backup_folder_row"));
  g_autofree char *dir = ks_database_dup_backup_dir (fixture->db);

  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, dir);
}

static char *
letterhead_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "letterhead_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_letterhead (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find (fixture, "letterhead_view")));
  const char *lines[] = { "PEMERINTAH KOTA SURAKARTA", "SEKRETARIAT DAERAH", "Jl. Jend. Sudirman No. 2", NULL };
  g_auto(GStrv) stored = NULL;
  g_autofree char *shown = NULL;

  gtk_text_buffer_set_text (buffer, "PEMERINTAH KABUPATEN SRAGEN\nSEKRETARIAT DAERAH\n"
                                    "Jl. Raya Sukowati No. 255, Sragen\n\n", -1);
  stored = g_settings_get_strv (fixture->settings, "letterhead");
  g_assert_cmpuint (g_strv_length (stored), ==, 3);
  g_assert_cmpstr (stored[0], ==, "PEMERINTAH KABUPATEN SRAGEN");
  g_assert_cmpstr (stored[1], ==, "SEKRETARIAT DAERAH");
  g_assert_cmpstr (stored[2], ==, "Jl. Raya Sukowati No. 255, Sragen");

  g_settings_set_strv (fixture->settings, "letterhead", lines);
  shown = letterhead_text (fixture);
  g_assert_cmpstr (shown, ==, "PEMERINTAH KOTA SURAKARTA\nSEKRETARIAT DAERAH\nJl. Jend. Sudirman No. 2");

  gtk_text_buffer_set_text (buffer, "", -1);
  g_clear_pointer (&stored, g_strfreev);
  stored = g_settings_get_strv (fixture->settings, "letterhead");
  g_assert_cmpuint (g_strv_length (stored), ==, 0);
}

static void
test_step_add (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *add_row = find (fixture, "add_step_row");
  g_autoptr(GPtrArray) before = steps_rows (fixture);
  g_autoptr(GPtrArray) after = NULL;
  KsProcedureStepsRow *added;

  g_assert_cmpuint (before->len, ==,
                    ks_test_query_int (fixture->db, "SELECT count (*) FROM procedure_steps WHERE deleted_at IS NULL"));

  gtk_editable_set_text (GTK_EDITABLE (add_row), "Sosialisasi kepada perangkat daerah");
  g_signal_emit_by_name (add_row, "apply");

  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count (*) FROM procedure_steps "
                                      "WHERE label = 'Sosialisasi kepada perangkat daerah' AND required = 0"),
                   ==, 1);
  after = steps_rows (fixture);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  added = g_ptr_array_index (after, after->len - 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (added)), ==,
                   "Sosialisasi kepada perangkat daerah");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");

  /* A blank label is refused where it was typed. */
  gtk_editable_set_text (GTK_EDITABLE (add_row), "   ");
  g_signal_emit_by_name (add_row, "apply");
  g_assert_true (gtk_widget_has_css_class (add_row, "error"));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = steps_rows (fixture);
  g_assert_cmpuint (after->len, ==, before->len + 1);
}

static void
test_step_rename (Fixture       *fixture,
                  gconstpointer  data)
{
  KsProcedureStepsRow *row = steps_row (fixture, 1);
  g_autofree char *uuid = g_strdup (row_uuid (row));
  g_autofree char *sql = step_sql ("label", uuid);
  g_autofree char *label = NULL;
  g_autofree char *long_label = NULL;
  GtkWidget *label_row = row_child (row, "label_row");

  gtk_editable_set_text (GTK_EDITABLE (label_row), "Persetujuan DPRD Kabupaten");
  g_signal_emit_by_name (label_row, "apply");

  label = ks_test_query_text (fixture->db, sql);
  g_assert_cmpstr (label, ==, "Persetujuan DPRD Kabupaten");
  row = steps_row (fixture, 1);
  g_assert_cmpstr (row_uuid (row), ==, uuid);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Persetujuan DPRD Kabupaten");

  /* A refused label stays in the field, marked, and the register keeps
   * the old one. */
  long_label = g_strnfill (201, 'x');
  gtk_editable_set_text (GTK_EDITABLE (label_row), long_label);
  g_signal_emit_by_name (label_row, "apply");
  g_assert_true (gtk_widget_has_css_class (label_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label_row)), ==, long_label);
  g_clear_pointer (&label, g_free);
  label = ks_test_query_text (fixture->db, sql);
  g_assert_cmpstr (label, ==, "Persetujuan DPRD Kabupaten");

  /* Emptying a built-in step's label brings back its translated one. */
  gtk_editable_set_text (GTK_EDITABLE (label_row), "");
  g_assert_false (gtk_widget_has_css_class (label_row, "error"));
  g_signal_emit_by_name (label_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label_row)), ==,
                   g_dpgettext2 (GETTEXT_PACKAGE, "procedure step", "DPRD approval"));
}

static void
test_step_required (Fixture       *fixture,
                    gconstpointer  data)
{
  KsProcedureStepsRow *row = steps_row (fixture, 0);
  g_autofree char *sql = step_sql ("required", row_uuid (row));
  GtkSwitch *toggle = GTK_SWITCH (row_child (row, "required_switch"));
  gboolean required = ks_test_query_int (fixture->db, sql) != 0;

  g_assert_cmpint (gtk_switch_get_active (toggle), ==, required);
  gtk_switch_set_active (toggle, !required);
  g_assert_cmpint (ks_test_query_int (fixture->db, sql), ==, !required);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   !required ? _("Required") : _("Optional"));
}

static void
test_step_reorder (Fixture       *fixture,
                   gconstpointer  data)
{
  KsProcedureStepsRow *first = steps_row (fixture, 0);
  g_autofree char *first_uuid = g_strdup (row_uuid (first));
  g_autofree char *second_uuid = g_strdup (row_uuid (steps_row (fixture, 1)));
  g_autofree char *first_sql = step_sql ("sort_order", first_uuid);
  g_autofree char *second_sql = step_sql ("sort_order", second_uuid);
  GtkWidget *down = row_child (first, "down_button");

  g_assert_false (gtk_widget_is_sensitive (row_child (first, "up_button")));
  gtk_widget_grab_focus (down);
  g_signal_emit_by_name (down, "clicked");

  g_assert_cmpint (ks_test_query_int (fixture->db, first_sql), ==, 2);
  g_assert_cmpint (ks_test_query_int (fixture->db, second_sql), ==, 1);
  g_assert_cmpstr (row_uuid (steps_row (fixture, 0)), ==, second_uuid);
  g_assert_cmpstr (row_uuid (steps_row (fixture, 1)), ==, first_uuid);
  /* The same row is kept, with the focus on its button. */
  g_assert_true (steps_row (fixture, 1) == first);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == down);

  /* Alt+↑ runs the row's action: it moves the step back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first), "step.move-up", NULL));
  g_assert_cmpstr (row_uuid (steps_row (fixture, 0)), ==, first_uuid);
  g_assert_cmpint (ks_test_query_int (fixture->db, first_sql), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (row_child (first, "up_button")));
}

static void
test_step_delete_and_undo (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) before = steps_rows (fixture);
  KsProcedureStepsRow *row = g_ptr_array_index (before, 2);
  g_autofree char *uuid = g_strdup (row_uuid (row));
  g_autofree char *sql = step_sql ("deleted_at IS NOT NULL", uuid);
  g_autoptr(GPtrArray) after = NULL;

  g_signal_emit_by_name (row_child (row, "delete_button"), "clicked");
  g_assert_cmpint (ks_test_query_int (fixture->db, sql), ==, 1);
  after = steps_rows (fixture);
  g_assert_cmpuint (after->len, ==, before->len - 1);

  /* The toast's Undo button runs this action with the step's uuid. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.restore-step", "s", uuid);
  g_assert_cmpint (ks_test_query_int (fixture->db, sql), ==, 0);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = steps_rows (fixture);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpstr (row_uuid (g_ptr_array_index (after, 2)), ==, uuid);
}

static gboolean
dialog_is_shown (gpointer data)
{
  return ks_test_find_toplevel (KS_TYPE_REGION_DIALOG) != NULL;
}

static gboolean
dialog_is_gone (gpointer data)
{
  return !dialog_is_shown (data);
}

static void
fill_region (GtkWidget  *dialog,
             const char *code,
             const char *name)
{
  gtk_editable_set_text (GTK_EDITABLE (ks_test_find_by_id (dialog, "code_row")), code);
  gtk_editable_set_text (GTK_EDITABLE (ks_test_find_by_id (dialog, "name_row")), name);
}

static void
test_region_add (Fixture       *fixture,
                 gconstpointer  data)
{
  AdwComboRow *home = ADW_COMBO_ROW (find (fixture, "home_region_row"));
  guint n_choices = g_list_model_get_n_items (adw_combo_row_get_model (home));
  g_autofree char *bad_code = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *listed = NULL;
  GtkWidget *dialog;
  GtkWidget *message;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.add-region", NULL);
  g_assert_true (ks_test_wait_for (dialog_is_shown, NULL, 2000));
  dialog = GTK_WIDGET (ks_test_find_toplevel (KS_TYPE_REGION_DIALOG));

  fill_region (dialog, "3471", "Kota Yogyakarta");
  gtk_widget_activate_action (dialog, "region.add", NULL);
  ks_test_iterate (20);
  bad_code = g_strdup_printf (_("The region code “%s” is not a Kemendagri code such as “33” or “33.14”."), "3471");
  message = ks_test_find_label (dialog, bad_code);
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count (*) FROM regions WHERE name = 'Kota Yogyakarta'"), ==, 0);

  /* Correcting the field takes the message away. */
  fill_region (dialog, "34.71", "Kota Yogyakarta");
  g_assert_false (gtk_widget_get_visible (message));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ks_test_find_by_id (dialog, "kind_row")), 1);
  gtk_widget_activate_action (dialog, "region.add", NULL);
  g_assert_true (ks_test_wait_for (dialog_is_gone, NULL, 2000));

  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count (*) FROM regions WHERE code = '34.71' "
                                      "AND name = 'Kota Yogyakarta' AND kind = 'kota' AND province_code = '34'"),
                   ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (home)), ==, n_choices + 1);
  /* n_choices counts "None" too: it is the new number of regions. */
  listed = g_strdup_printf (ngettext ("The register lists %u region. Add the others your agreements involve.",
                                      "The register lists %u regions. Add the others your agreements involve.",
                                      n_choices),
                            n_choices);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (find (fixture, "regions_group"))),
                   ==, listed);
  adw_combo_row_set_selected (home, region_index (home, "34.71"));
  stored = g_settings_get_string (fixture->settings, "home-region");
  g_assert_cmpstr (stored, ==, "34.71");
}

static char *
write_png (Fixture *fixture)
{
  static const guchar pixels[4 * 4 * 4] = { 0xff };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (4, 4, GDK_MEMORY_R8G8B8A8, bytes, 16);
  char *path = g_build_filename (fixture->tmpdir, "lambang-sragen.png", NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

static void
test_logo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *png = write_png (fixture);
  g_autofree char *text = g_build_filename (fixture->tmpdir, "notes.png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) text_file = g_file_new_for_path (text);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/logo.png");
  g_autofree char *stored = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *unreadable = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (find (fixture, "logo_row"));
  GtkWidget *error_label = find (fixture, "logo_error_label");

  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, _("No logo"));
  g_assert_true (ks_preferences_window_set_logo_file (fixture->window, png_file));
  stored = g_settings_get_string (fixture->settings, "letterhead-logo");
  g_assert_cmpstr (stored, ==, png);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "lambang-sragen.png");
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (find (fixture, "logo_picture"))));
  g_assert_true (gtk_widget_get_visible (find (fixture, "logo_picture")));

  ks_test_write_file (text, "not an image", 12);
  g_assert_false (ks_preferences_window_set_logo_file (fixture->window, text_file));
  refused = g_strdup_printf (_("The file “%s” is not an image that Kerjasama can read. Choose a PNG or JPEG file."),
                             "notes.png");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, refused);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->settings, "letterhead-logo");
  g_assert_cmpstr (stored, ==, png);

  g_assert_false (ks_preferences_window_set_logo_file (fixture->window, missing));
  unreadable = g_strdup_printf (_("The file “%s” cannot be read: %s"), "logo.png", "");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), unreadable));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.remove-logo", NULL);
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->settings, "letterhead-logo");
  g_assert_cmpstr (stored, ==, "");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (find (fixture, "logo_picture"))));
}

/* The autostart entry, in the XDG_CONFIG_HOME that main() set. */
static char *
autostart_path (void)
{
  return g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "autostart", APP_ID ".desktop", NULL);
}

static GtkWidget *
find_label_prefixed (GtkWidget  *root,
                     const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label_prefixed (child, prefix)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
switch_is_active (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gboolean
switch_is_off (gpointer data)
{
  return !gtk_switch_get_active (data);
}

/* The switch toggles at the end of its animation. */
static void
flip_switch (GtkWidget *toggle)
{
  gboolean was_active = gtk_switch_get_active (GTK_SWITCH (toggle));

  gtk_widget_activate (toggle);
  g_assert_true (ks_test_wait_for (was_active ? switch_is_off : switch_is_active, toggle, 2000));
}

static void
test_autostart_toggle (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *toggle = find (fixture, "autostart_switch");
  g_autofree char *path = autostart_path ();
  g_autofree char *expected_exec = g_strconcat (BINDIR, "/kerjasama --check-reminders", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *type = NULL;

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  flip_switch (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (g_settings_get_boolean (fixture->settings, "reminders-autostart"));
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  type = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE, NULL);
  g_assert_cmpstr (exec, ==, expected_exec);
  g_assert_cmpstr (type, ==, "Application");
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", NULL));
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, NULL));
  g_assert_true (ks_autostart_is_enabled ());

  flip_switch (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "reminders-autostart"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Set from elsewhere (another window, dconf), the key still writes the
 * entry through the switch. */
static void
test_autostart_key (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkSwitch *toggle = GTK_SWITCH (find (fixture, "autostart_switch"));
  g_autofree char *path = autostart_path ();

  g_settings_set_boolean (fixture->settings, "reminders-autostart", TRUE);
  ks_test_iterate (20);
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (fixture->settings, "reminders-autostart", FALSE);
  ks_test_iterate (20);
  g_assert_false (gtk_switch_get_active (toggle));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A file where the autostart folder should be: the switch goes back, the
 * key stays off, and a toast says why. */
static void
test_autostart_error (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *toggle = find (fixture, "autostart_switch");
  g_autofree char *dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "autostart", NULL);
  g_autoptr(GError) error = NULL;

  /* Left empty by the other tests. */
  g_rmdir (dir);
  g_assert_true (g_file_set_contents (dir, "not a folder", -1, &error));
  g_assert_no_error (error);

  gtk_widget_activate (toggle);
  ks_test_iterate (500);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "reminders-autostart"));
  g_assert_nonnull (find_label_prefixed (GTK_WIDGET (fixture->window),
                                         _("The reminders could not be set to run at login: ")));
  g_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config_home = ks_test_make_tmpdir ();
  int status;

  /* Before anything reads it: GLib keeps the first answer. */
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/preferences/staff-name", test_staff_name);
  ADD ("/preferences/signer", test_signer);
  ADD ("/preferences/home-region", test_home_region);
  ADD ("/preferences/months-and-backups", test_months_and_backups);
  ADD ("/preferences/backup-folder", test_backup_folder);
  ADD ("/preferences/letterhead", test_letterhead);
  ADD ("/preferences/steps/add", test_step_add);
  ADD ("/preferences/steps/rename", test_step_rename);
  ADD ("/preferences/steps/required", test_step_required);
  ADD ("/preferences/steps/reorder", test_step_reorder);
  ADD ("/preferences/steps/delete-and-undo", test_step_delete_and_undo);
  ADD ("/preferences/regions/add", test_region_add);
  ADD ("/preferences/logo", test_logo);
  ADD ("/preferences/autostart/toggle", test_autostart_toggle);
  ADD ("/preferences/autostart/key", test_autostart_key);
  ADD ("/preferences/autostart/error", test_autostart_error);

#undef ADD

  status = g_test_run ();
  ks_test_remove_tree (config_home);
  return status;
}
