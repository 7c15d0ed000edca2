/* ks-preferences-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-autostart.h"
#include "ks-key-item.h"
#include "ks-keys.h"
#include "ks-preferences-window.h"
#include "ks-procedure-steps-row.h"
#include "ks-procedure-store.h"
#include "ks-region-dialog.h"
#include "ks-region-store.h"

struct _KsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  KsDatabase           *db;

  GListStore           *region_items;    /* KsKeyItem: code → name, "" first */
  GPtrArray            *region_rows;     /* the expander rows in regions_group */
  GHashTable           *step_rows;       /* step uuid → KsProcedureStepsRow */
  GtkFileChooserNative *logo_chooser;
  gboolean              showing_letterhead;
  gboolean              reverting_autostart;

  AdwPreferencesGroup  *staff_group;
  AdwEntryRow          *staff_name_row;
  AdwEntryRow          *signer_name_row;
  AdwEntryRow          *signer_position_row;
  AdwComboRow          *home_region_row;
  GtkSpinButton        *follow_up_spin;
  GtkSpinButton        *expiry_spin;
  AdwActionRow         *autostart_row;
  GtkSwitch            *autostart_switch;
  GtkSpinButton        *backups_spin;
  AdwActionRow         *backup_folder_row;
  GtkTextView          *letterhead_view;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkLabel             *logo_error_label;
  AdwPreferencesGroup  *steps_group;
  AdwEntryRow          *add_step_row;
  AdwPreferencesGroup  *regions_group;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KsPreferencesWindow, ks_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_toast (KsPreferencesWindow *self,
            const char          *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

/* Staff name */

static void
staff_name_changed_cb (KsPreferencesWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "staff-name");

  /* The changes made from now on carry the new name. */
  ks_database_set_staff_name (self->db, name);
}

static void
describe_staff_name (KsPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  text = g_strdup_printf (_("Your name is recorded in the history of every change to the register. "
                            "When it is empty, the name of the computer account is used: %s."),
                          g_get_real_name ());
  escaped = g_markup_escape_text (text, -1);
  adw_preferences_group_set_description (self->staff_group, escaped);
}

/* Home region: the combo row lists region names and stores the code. */

static gboolean
home_region_get_mapping (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  KsPreferencesWindow *self = user_data;
  const char *code = g_variant_get_string (variant, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->region_items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsKeyItem) item = g_list_model_get_item (G_LIST_MODEL (self->region_items), i);

      if (g_str_equal (ks_key_item_get_key (item), code))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  /* A code no region has any more shows as "None". */
  return FALSE;
}

static GVariant *
home_region_set_mapping (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  KsPreferencesWindow *self = user_data;
  g_autoptr(KsKeyItem) item = g_list_model_get_item (G_LIST_MODEL (self->region_items),
                                                     g_value_get_uint (value));

  if (item == NULL)
    return NULL;

  return g_variant_new_string (ks_key_item_get_key (item));
}

/* Refilling the combo's model moves its selection: the binding must not
 * see that as the user's choice. */
static void
fill_home_regions (KsPreferencesWindow *self,
                   GListModel          *regions)
{
  guint n = g_list_model_get_n_items (regions);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_settings_unbind (self->home_region_row, "selected");

  g_ptr_array_add (items, ks_key_item_new ("", C_("home region", "None"), NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);

      g_ptr_array_add (items, ks_key_item_new (ks_region_get_code (region),
                                               ks_region_get_name (region), NULL));
    }
  g_list_store_splice (self->region_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->region_items)),
                       items->pdata, items->len);

  g_settings_bind_with_mapping (self->settings, "home-region",
                                self->home_region_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                home_region_get_mapping, home_region_set_mapping,
                                self, NULL);
}

/* Regions, listed by their group ("Karesidenan Surakarta") or else by
 * their province. */

static char *
section_title (KsRegion   *region,
               GHashTable *provinces)
{
  const char *group = ks_region_get_group (region);
  const char *province;

  if (group[0] != '\0')
    return g_strdup (group);

  province = g_hash_table_lookup (provinces, ks_region_get_province_code (region));
  if (province != NULL)
    return g_strdup (province);

  /* Translators: a heading for regions whose province is not in the register */
  return g_strdup_printf (_("Province %s"), ks_region_get_province_code (region));
}

static GtkWidget *
region_row_new (KsRegion *region)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  /* Translators: a region's code and kind, "33.14 · Regency (kabupaten)" */
  subtitle = g_strdup_printf (_("%s · %s"), ks_region_get_code (region),
                              ks_key_get_label (KS_KEY_SET_REGION_KIND, ks_region_get_kind (region)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ks_region_get_name (region));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static AdwExpanderRow *
section_row_new (const char *title)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return ADW_EXPANDER_ROW (row);
}

static GHashTable *
remove_region_rows (KsPreferencesWindow *self)
{
  GHashTable *expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->region_rows->len; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->region_rows, i);

      if (adw_expander_row_get_expanded (row))
        g_hash_table_add (expanded, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
      adw_preferences_group_remove (self->regions_group, GTK_WIDGET (row));
    }
  g_ptr_array_set_size (self->region_rows, 0);

  return expanded;
}

static GHashTable *
province_names (GListModel *regions)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);

      if (g_str_equal (ks_region_get_kind (region), "provinsi"))
        g_hash_table_insert (names, g_strdup (ks_region_get_code (region)),
                             g_strdup (ks_region_get_name (region)));
    }

  return names;
}

typedef struct
{
  char      *title;
  GPtrArray *regions;   /* KsRegion */
} Section;

static void
section_free (Section *section)
{
  g_free (section->title);
  g_ptr_array_unref (section->regions);
  g_free (section);
}

/* The sections in the order of their first region's code, each with its
 * regions in code order. */
static GPtrArray *
group_regions (GListModel *regions)
{
  g_autoptr(GHashTable) provinces = province_names (regions);
  g_autoptr(GHashTable) by_title = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);
      g_autofree char *title = section_title (region, provinces);
      Section *section = g_hash_table_lookup (by_title, title);

      if (section == NULL)
        {
          section = g_new0 (Section, 1);
          section->title = g_steal_pointer (&title);
          section->regions = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (by_title, section->title, section);
          g_ptr_array_add (sections, section);
        }
      g_ptr_array_add (section->regions, g_steal_pointer (&region));
    }

  return sections;
}

static void
fill_region_rows (KsPreferencesWindow *self,
                  GListModel          *regions)
{
  g_autoptr(GHashTable) expanded = remove_region_rows (self);
  g_autoptr(GPtrArray) sections = group_regions (regions);
  guint n = g_list_model_get_n_items (regions);
  g_autofree char *description = NULL;

  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);
      AdwExpanderRow *row = section_row_new (section->title);
      guint n_regions = section->regions->len;
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u region", "%u regions", n_regions), n_regions);

      for (guint j = 0; j < n_regions; j++)
        adw_expander_row_add_row (row, region_row_new (g_ptr_array_index (section->regions, j)));
      adw_expander_row_set_subtitle (row, subtitle);
      adw_expander_row_set_expanded (row, g_hash_table_contains (expanded, section->title));
      g_ptr_array_add (self->region_rows, row);
      adw_preferences_group_add (self->regions_group, GTK_WIDGET (row));
    }

  description = g_strdup_printf (ngettext ("The register lists %u region. Add the others your agreements involve.",
                                           "The register lists %u regions. Add the others your agreements involve.",
                                           n),
                                 n);
  adw_preferences_group_set_description (self->regions_group, description);
}

static void
reload_regions (KsPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) regions = ks_region_store_list (self->db, &error);

  if (regions == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  fill_home_regions (self, G_LIST_MODEL (regions));
  fill_region_rows (self, G_LIST_MODEL (regions));
}

static void
region_added_cb (KsPreferencesWindow *self,
                 KsRegion            *region)
{
  g_autofree char *message = g_strdup_printf (_("%s was added."), ks_region_get_name (region));

  show_toast (self, message);
}

static void
add_region_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (widget);
  KsRegionDialog *dialog = ks_region_dialog_new (GTK_WINDOW (self), self->db);

  g_signal_connect_object (dialog, "region-added", G_CALLBACK (region_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Procedure checklist: every change goes to the register, whose "changed"
 * signal brings the rows up to date (reload_steps). */

static GStrv
step_uuids (GListModel *steps)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(KsProcedureStep) step = g_list_model_get_item (steps, i);

      g_strv_builder_add (builder, ks_procedure_step_get_uuid (step));
    }

  return g_strv_builder_end (builder);
}

static void
step_move_cb (KsPreferencesWindow *self,
              int                  delta,
              KsProcedureStepsRow *row)
{
  const char *uuid = ks_procedure_step_get_uuid (ks_procedure_steps_row_get_step (row));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) steps = ks_procedure_store_list (self->db, &error);
  g_auto(GStrv) uuids = NULL;
  char *swap;
  guint n, from;

  if (steps == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  uuids = step_uuids (G_LIST_MODEL (steps));
  n = g_strv_length (uuids);
  for (from = 0; from < n && !g_str_equal (uuids[from], uuid); from++)
    ;
  if (from == n || (delta < 0 && from == 0) || (delta > 0 && from + 1 == n))
    return;

  swap = uuids[from];
  uuids[from] = uuids[from + delta];
  uuids[from + delta] = swap;
  if (!ks_procedure_store_reorder (self->db, (const char * const *) uuids, &error))
    show_toast (self, error->message);
}

static void
step_rename_cb (KsPreferencesWindow *self,
                const char          *label,
                KsProcedureStepsRow *row)
{
  g_autoptr(GError) error = NULL;

  if (!ks_procedure_store_rename (self->db,
                                  ks_procedure_step_get_uuid (ks_procedure_steps_row_get_step (row)),
                                  label, &error))
    {
      ks_procedure_steps_row_set_label_error (row, TRUE);
      show_toast (self, error->message);
    }
}

static void
step_set_required_cb (KsPreferencesWindow *self,
                      gboolean             required,
                      KsProcedureStepsRow *row)
{
  g_autoptr(GError) error = NULL;
  KsProcedureStep *step = ks_procedure_steps_row_get_step (row);

  if (!ks_procedure_store_set_required (self->db, ks_procedure_step_get_uuid (step), required, &error))
    {
      show_toast (self, error->message);
      ks_procedure_steps_row_set_step (row, step);
    }
}

static KsProcedureStepsRow *
step_row_at (KsPreferencesWindow *self,
             int                  index)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self->add_step_row));
  int i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (KS_IS_PROCEDURE_STEPS_ROW (child) && i++ == index)
      return KS_PROCEDURE_STEPS_ROW (child);

  return NULL;
}

static int
step_row_index (KsPreferencesWindow *self,
                KsProcedureStepsRow *row)
{
  for (int i = 0; ; i++)
    {
      KsProcedureStepsRow *other = step_row_at (self, i);

      if (other == NULL || other == row)
        return other == NULL ? -1 : i;
    }
}

static void
step_remove_cb (KsPreferencesWindow *self,
                KsProcedureStepsRow *row)
{
  KsProcedureStep *step = ks_procedure_steps_row_get_step (row);
  g_autofree char *uuid = g_strdup (ks_procedure_step_get_uuid (step));
  g_autofree char *label = g_strdup (ks_procedure_step_get_label (step));
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;
  int index = step_row_index (self, row);
  KsProcedureStepsRow *next;
  AdwToast *toast;

  if (!ks_procedure_store_delete (self->db, uuid, &error))
    {
      show_toast (self, error->message);
      return;
    }

  /* The row is gone: keyboard users carry on from the step that took its place. */
  next = step_row_at (self, index);
  gtk_widget_grab_focus (next != NULL ? GTK_WIDGET (next) : GTK_WIDGET (self->add_step_row));

  escaped = g_markup_escape_text (label, -1);
  title = g_strdup_printf (_("“%s” was removed from the checklist"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "prefs.restore-step");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uuid));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
restore_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  KsProcedureStepsRow *row;

  if (!ks_procedure_store_undelete (self->db, uuid, &error))
    {
      show_toast (self, error->message);
      return;
    }

  row = g_hash_table_lookup (self->step_rows, uuid);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static KsProcedureStepsRow *
step_row_new (KsPreferencesWindow *self,
              KsProcedureStep     *step)
{
  KsProcedureStepsRow *row = ks_procedure_steps_row_new (step);

  g_signal_connect_object (row, "move", G_CALLBACK (step_move_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "rename", G_CALLBACK (step_rename_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "set-required", G_CALLBACK (step_set_required_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (step_remove_cb), self, G_CONNECT_SWAPPED);

  return row;
}

/* The rows are kept, so an expanded step stays expanded and the focus
 * stays on the button that moved it. */
static void
fill_step_rows (KsPreferencesWindow *self,
                GListModel          *steps)
{
  g_autoptr(GHashTable) old_rows = g_steal_pointer (&self->step_rows);
  g_autoptr(GtkWidget) focus = NULL;
  guint n = g_list_model_get_n_items (steps);
  GtkWidget *focused = gtk_root_get_focus (GTK_ROOT (self));
  GHashTableIter iter;
  gpointer row;

  focus = focused != NULL ? g_object_ref (focused) : NULL;
  self->step_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_hash_table_iter_init (&iter, old_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    adw_preferences_group_remove (self->steps_group, row);
  g_object_ref (self->add_step_row);
  adw_preferences_group_remove (self->steps_group, GTK_WIDGET (self->add_step_row));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsProcedureStep) step = g_list_model_get_item (steps, i);
      const char *uuid = ks_procedure_step_get_uuid (step);
      gpointer old_uuid = NULL;

      if (!g_hash_table_steal_extended (old_rows, uuid, &old_uuid, &row))
        row = g_object_ref_sink (step_row_new (self, step));
      g_free (old_uuid);

      ks_procedure_steps_row_set_step (row, step);
      ks_procedure_steps_row_set_position (row, i == 0, i + 1 == n);
      adw_preferences_group_add (self->steps_group, row);
      g_hash_table_insert (self->step_rows, g_strdup (uuid), row);
    }

  adw_preferences_group_add (self->steps_group, GTK_WIDGET (self->add_step_row));
  g_object_unref (self->add_step_row);

  if (focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (self))
    {
      GtkWidget *step_row = gtk_widget_get_ancestor (focus, KS_TYPE_PROCEDURE_STEPS_ROW);

      if (gtk_widget_is_sensitive (focus))
        gtk_widget_grab_focus (focus);
      else if (step_row != NULL)
        ks_procedure_steps_row_grab_move_focus (KS_PROCEDURE_STEPS_ROW (step_row));
    }
}

static void
reload_steps (KsPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) steps = ks_procedure_store_list (self->db, &error);

  if (steps == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  fill_step_rows (self, G_LIST_MODEL (steps));
}

static void
add_step_applied_cb (KsPreferencesWindow *self)
{
  g_autoptr(KsProcedureStep) step = NULL;
  g_autoptr(GError) error = NULL;

  step = ks_procedure_store_add (self->db, gtk_editable_get_text (GTK_EDITABLE (self->add_step_row)),
                                 FALSE, &error);
  if (step == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_step_row), "error");
      show_toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_step_row), "");
}

static void
add_step_changed_cb (KsPreferencesWindow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_step_row), "error");
}

/* Letterhead: one line of text per item of the "as" key.  Trailing empty
 * lines are not stored, so pressing Enter at the end changes nothing. */

static GStrv
letterhead_lines (KsPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->letterhead_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  GStrv lines;
  guint n;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (n = g_strv_length (lines); n > 0 && g_strstrip (lines[n - 1])[0] == '\0'; n--)
    g_clear_pointer (&lines[n - 1], g_free);

  return lines;
}

static void
letterhead_setting_changed_cb (KsPreferencesWindow *self)
{
  g_auto(GStrv) stored = g_settings_get_strv (self->settings, "letterhead");
  g_auto(GStrv) shown = letterhead_lines (self);
  g_autofree char *text = NULL;

  if (g_strv_equal ((const char * const *) stored, (const char * const *) shown))
    return;

  text = g_strjoinv ("\n", stored);
  self->showing_letterhead = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->letterhead_view), text, -1);
  self->showing_letterhead = FALSE;
}

static void
letterhead_edited_cb (KsPreferencesWindow *self)
{
  g_auto(GStrv) stored = NULL;
  g_auto(GStrv) shown = NULL;

  if (self->showing_letterhead)
    return;

  stored = g_settings_get_strv (self->settings, "letterhead");
  shown = letterhead_lines (self);
  if (!g_strv_equal ((const char * const *) stored, (const char * const *) shown))
    g_settings_set_strv (self->settings, "letterhead", (const char * const *) shown);
}

/* Logo */

static GdkTexture *
load_logo (GFile   *file,
           GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  GdkTexture *texture;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ACCESS_CAN_READ, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info == NULL || !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The file “%s” cannot be read: %s"), name,
                   local_error != NULL ? local_error->message : _("permission denied"));
      return NULL;
    }

  texture = gdk_texture_new_from_file (file, &local_error);
  if (texture == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The file “%s” is not an image that Kerjasama can read. Choose a PNG or JPEG file."),
                   name);
      return NULL;
    }

  return texture;
}

static void
show_logo_error (KsPreferencesWindow *self,
                 const char          *message)
{
  gtk_label_set_text (self->logo_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->logo_error_label), message != NULL);
}

static void
logo_setting_changed_cb (KsPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "letterhead-logo");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-logo", path[0] != '\0');
  if (path[0] == '\0')
    {
      adw_action_row_set_subtitle (self->logo_row, _("No logo"));
      gtk_picture_set_paintable (self->logo_picture, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), FALSE);
      return;
    }

  file = g_file_new_for_path (path);
  name = g_file_get_basename (file);
  texture = load_logo (file, &error);
  /* The file may have been moved since it was chosen. */
  subtitle = texture != NULL ? g_strdup (name) : g_strdup_printf (_("%s (missing or unreadable)"), name);
  adw_action_row_set_subtitle (self->logo_row, subtitle);
  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), texture != NULL);
}

static void
logo_chosen_cb (KsPreferencesWindow  *self,
                int                   response,
                GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ks_preferences_window_set_logo_file (self, file);
    }

  g_clear_object (&self->logo_chooser);
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->logo_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);

  self->logo_chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->logo_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->logo_chooser), filter);
  g_signal_connect_object (self->logo_chooser, "response", G_CALLBACK (logo_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->logo_chooser));
}

static void
remove_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ks_preferences_window_set_logo_file (KS_PREFERENCES_WINDOW (widget), NULL);
}

/* Backups */

static void
backups_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KsPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The backup folder could not be opened: %s"),
                                                  error->message);

      show_toast (self, message);
    }
}

static void
open_backups_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (widget);
  g_autofree char *path = ks_database_dup_backup_dir (self->db);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (dir);

  if (!g_file_query_exists (dir, NULL))
    {
      show_toast (self, _("There is no backup yet: the first is made when the register is next opened."));
      return;
    }

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, NULL, backups_shown_cb, g_object_ref (self));
}

/* Reminders at login: the switch writes or removes the autostart entry
 * and the key follows, so the key always tells what is on disk.  A
 * change of the key from elsewhere goes through the switch too. */

/* Run after the switch's animation has ended: turning it back from its
 * own notify handler would restart the animation, and so the toggle. */
static gboolean
revert_autostart_cb (gpointer data)
{
  g_autoptr(KsPreferencesWindow) self = data;

  if (self->settings == NULL)
    return G_SOURCE_REMOVE;

  self->reverting_autostart = TRUE;
  gtk_switch_set_active (self->autostart_switch,
                         g_settings_get_boolean (self->settings, "reminders-autostart"));
  self->reverting_autostart = FALSE;

  return G_SOURCE_REMOVE;
}

static void
autostart_switched_cb (KsPreferencesWindow *self)
{
  gboolean enabled = gtk_switch_get_active (self->autostart_switch);
  g_autoptr(GError) error = NULL;

  if (self->reverting_autostart)
    return;

  if (!ks_autostart_set_enabled (enabled, &error))
    {
      show_toast (self, error->message);
      /* The key keeps what is on disk: the other state. */
      enabled = !enabled;
      g_idle_add (revert_autostart_cb, g_object_ref (self));
    }

  if (g_settings_get_boolean (self->settings, "reminders-autostart") != enabled)
    g_settings_set_boolean (self->settings, "reminders-autostart", enabled);
}

static void
autostart_setting_changed_cb (KsPreferencesWindow *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "reminders-autostart");

  if (gtk_switch_get_active (self->autostart_switch) != enabled)
    gtk_switch_set_active (self->autostart_switch, enabled);
}

/* Windows has no autostart folder: the row is not offered there. */
static void
bind_autostart (KsPreferencesWindow *self)
{
#ifdef G_OS_WIN32
  gtk_widget_set_visible (GTK_WIDGET (self->autostart_row), FALSE);
#else
  gtk_switch_set_active (self->autostart_switch,
                         g_settings_get_boolean (self->settings, "reminders-autostart"));
  g_signal_connect_object (self->autostart_switch, "notify::active",
                           G_CALLBACK (autostart_switched_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminders-autostart",
                           G_CALLBACK (autostart_setting_changed_cb), self, G_CONNECT_SWAPPED);
#endif
}

/* Construction */

static void
database_changed_cb (KsPreferencesWindow *self,
                     const char          *table)
{
  if (g_str_equal (table, "procedure_steps"))
    reload_steps (self);
  else if (g_str_equal (table, "regions"))
    reload_regions (self);
}

static void
bind_settings (KsPreferencesWindow *self)
{
  g_settings_bind (self->settings, "staff-name", self->staff_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "letterhead-signer-name", self->signer_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "letterhead-signer-position", self->signer_position_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "follow-up-months",
                   gtk_spin_button_get_adjustment (self->follow_up_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "expiry-warning-months",
                   gtk_spin_button_get_adjustment (self->expiry_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backups-kept",
                   gtk_spin_button_get_adjustment (self->backups_spin), "value", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::staff-name",
                           G_CALLBACK (staff_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::letterhead",
                           G_CALLBACK (letterhead_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::letterhead-logo",
                           G_CALLBACK (logo_setting_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->letterhead_view), "changed",
                           G_CALLBACK (letterhead_edited_cb), self, G_CONNECT_SWAPPED);
  letterhead_setting_changed_cb (self);
  logo_setting_changed_cb (self);
}

static void
ks_preferences_window_constructed (GObject *object)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (object);
  g_autofree char *backup_dir = NULL;

  G_OBJECT_CLASS (ks_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (KS_IS_DATABASE (self->db));

  describe_staff_name (self);
  backup_dir = ks_database_dup_backup_dir (self->db);
  adw_action_row_set_subtitle (self->backup_folder_row, backup_dir);

  bind_settings (self);
  bind_autostart (self);
  reload_regions (self);
  reload_steps (self);
  g_signal_connect_object (self->db, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ks_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_preferences_window_dispose (GObject *object)
{
  KsPreferencesWindow *self = KS_PREFERENCES_WINDOW (object);

  if (self->logo_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->logo_chooser));
  g_clear_object (&self->logo_chooser);
  if (self->settings != NULL)
    g_settings_unbind (self->home_region_row, "selected");

  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->step_rows, g_hash_table_unref);
  g_clear_pointer (&self->region_rows, g_ptr_array_unref);
  g_clear_object (&self->region_items);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_preferences_window_parent_class)->dispose (object);
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KS_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, staff_group);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, staff_name_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, signer_name_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, signer_position_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, home_region_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, follow_up_spin);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, expiry_spin);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, autostart_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, backups_spin);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, backup_folder_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, letterhead_view);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, logo_error_label);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, steps_group);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, add_step_row);
  gtk_widget_class_bind_template_child (widget_class, KsPreferencesWindow, regions_group);
  gtk_widget_class_bind_template_callback (widget_class, add_step_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_step_changed_cb);
}

static void
ks_preferences_window_class_init (KsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ks_preferences_window_constructed;
  object_class->get_property = ks_preferences_window_get_property;
  object_class->set_property = ks_preferences_window_set_property;
  object_class->dispose = ks_preferences_window_dispose;
  install_properties (object_class);

  g_type_ensure (KS_TYPE_KEY_ITEM);
  bind_template (widget_class);

  gtk_widget_class_install_action (widget_class, "prefs.open-backups", NULL, open_backups_action);
  gtk_widget_class_install_action (widget_class, "prefs.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-logo", NULL, remove_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-region", NULL, add_region_action);
  gtk_widget_class_install_action (widget_class, "prefs.restore-step", "s", restore_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
ks_preferences_window_init (KsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->region_items = g_list_store_new (KS_TYPE_KEY_ITEM);
  self->region_rows = g_ptr_array_new ();
  self->step_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  adw_combo_row_set_model (self->home_region_row, G_LIST_MODEL (self->region_items));
}

/**
 * ks_preferences_window_new:
 * @parent: (nullable): the main window
 * @settings: the application's settings
 * @db: the open register, whose reference lists the window edits
 *
 * Returns: (transfer none): a new preferences window, transient for @parent
 */
KsPreferencesWindow *
ks_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           KsDatabase *db)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  return g_object_new (KS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "database", db,
                       NULL);
}

/**
 * ks_preferences_window_set_logo_file:
 * @file: (nullable): the image chosen for the letterhead, or %NULL to
 *   print reports without a logo
 *
 * Stores the path of @file as the letterhead logo once it proves to be a
 * readable image; otherwise says why under the logo and keeps the
 * current one.
 *
 * Returns: whether the logo was changed
 */
gboolean
ks_preferences_window_set_logo_file (KsPreferencesWindow *self,
                                     GFile               *file)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KS_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL)
    {
      show_logo_error (self, NULL);
      g_settings_set_string (self->settings, "letterhead-logo", "");
      return TRUE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_logo_error (self, _("The logo must be a file on this computer."));
      return FALSE;
    }

  texture = load_logo (file, &error);
  if (texture == NULL)
    {
      show_logo_error (self, error->message);
      return FALSE;
    }

  show_logo_error (self, NULL);
  g_settings_set_string (self->settings, "letterhead-logo", path);
  return TRUE;
}
