/* ks-region-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-region-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-key-item.h"
#include "ks-keys.h"
#include "ks-region-dialog.h"
#include "ks-region-store.h"

/* Asks for a region the register does not ship and adds it; the store's
 * validation speaks for itself under the fields, and the dialog stays
 * open until the region is added or the user cancels. */
struct _KsRegionDialog
{
  AdwWindow    parent_instance;

  KsDatabase  *db;

  AdwEntryRow *code_row;
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwEntryRow *province_row;
  AdwEntryRow *group_row;
  GtkLabel    *error_label;
};

enum {
  REGION_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KsRegionDialog, ks_region_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static const char *
selected_kind (KsRegionDialog *self)
{
  KsKeyItem *item = adw_combo_row_get_selected_item (self->kind_row);

  return item != NULL ? ks_key_item_get_key (item) : "";
}

static void
show_error (KsRegionDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
field_changed_cb (KsRegionDialog *self)
{
  /* The message was about what the user is now changing. */
  show_error (self, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KsRegionDialog *self = KS_REGION_DIALOG (widget);
  g_autoptr(KsRegion) region = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = g_strstrip (g_strdup (row_text (self->code_row)));
  g_autofree char *province = g_strstrip (g_strdup (row_text (self->province_row)));

  /* The store would quote an empty code back; ask for it instead. */
  if (code[0] == '\0')
    {
      show_error (self, _("Enter the region’s Kemendagri code, such as “33.14”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }

  region = ks_region_store_add (self->db, code, row_text (self->name_row), selected_kind (self),
                                province, row_text (self->group_row), &error);
  if (region == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[REGION_ADDED], 0, region);
  gtk_window_close (GTK_WINDOW (self));
}

static void
ks_region_dialog_dispose (GObject *object)
{
  KsRegionDialog *self = KS_REGION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_REGION_DIALOG);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_region_dialog_parent_class)->dispose (object);
}

static void
ks_region_dialog_class_init (KsRegionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_region_dialog_dispose;

  /**
   * KsRegionDialog::region-added:
   * @region: the region as the register now has it
   */
  signals[REGION_ADDED] = g_signal_new ("region-added", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, KS_TYPE_REGION);

  g_type_ensure (KS_TYPE_KEY_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-region-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KsRegionDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, KsRegionDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KsRegionDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KsRegionDialog, province_row);
  gtk_widget_class_bind_template_child (widget_class, KsRegionDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, KsRegionDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "region.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ks_region_dialog_init (KsRegionDialog *self)
{
  g_autoptr(GListModel) kinds = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = ks_key_set_list_model_new (KS_KEY_SET_REGION_KIND);
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_selected (self->kind_row,
                              (guint) ks_key_get_index (KS_KEY_SET_REGION_KIND, "kabupaten"));
}

KsRegionDialog *
ks_region_dialog_new (GtkWindow  *parent,
                      KsDatabase *db)
{
  KsRegionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  self = g_object_new (KS_TYPE_REGION_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);

  return self;
}
