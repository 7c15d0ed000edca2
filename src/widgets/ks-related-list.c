/* ks-related-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-related-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-store.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-related-list.h"

/*
 * The other end of the parent chain: the agreements that follow,
 * implement, amend or renew the one being edited, each a row that opens
 * it (#KsRelatedList::activated).  The list follows the register, so a
 * PKS saved under this MoU meanwhile shows up.
 */

struct _KsRelatedList
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list_box;
  GtkLabel            *placeholder_label;

  KsDatabase          *db;
  char                *uuid;
  guint                n_items;
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KsRelatedList, ks_related_list, ADW_TYPE_PREFERENCES_GROUP)

/* "PKS · Signed · 2016 – 2020", leaving out what is unknown. */
static char *
describe (KsAgreementSummary *child)
{
  const char *document = ks_agreement_summary_get_document (child);
  const char *stage = ks_agreement_summary_get_stage (child);
  g_autofree char *period = ks_period_format (ks_agreement_summary_get_starts_on (child),
                                              ks_agreement_summary_get_ends_on (child),
                                              ks_stage_is_running (stage));
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (ks_key_is_valid (KS_KEY_SET_DOCUMENT, document) && !g_str_equal (document, "none"))
    g_strv_builder_add (parts, ks_key_get_label (KS_KEY_SET_DOCUMENT, document));
  if (ks_key_is_valid (KS_KEY_SET_STAGE, stage))
    g_strv_builder_add (parts, ks_key_get_label (KS_KEY_SET_STAGE, stage));
  if (period[0] != '\0')
    g_strv_builder_add (parts, period);
  strv = g_strv_builder_end (parts);

  /* Translators: the separator between a related agreement's document, stage and period */
  return g_strjoinv (_(" · "), strv);
}

static GtkWidget *
row_new (KsAgreementSummary *child)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe (child);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ks_agreement_summary_get_title (child));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open this agreement"));
  g_object_set_data_full (G_OBJECT (row), "ks-uuid",
                          g_strdup (ks_agreement_summary_get_uuid (child)), g_free);

  return row;
}

static void
clear_rows (KsRelatedList *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
}

static void
reload (KsRelatedList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) children = NULL;

  clear_rows (self);
  self->n_items = 0;
  gtk_label_set_text (self->placeholder_label, _("No later agreement names this one as the one it follows."));
  if (self->uuid == NULL)
    return;

  children = ks_agreement_store_list_children (self->db, self->uuid, &error);
  if (children == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The later agreements could not be read: %s"),
                                                  error->message);

      gtk_label_set_text (self->placeholder_label, message);
      return;
    }

  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (children));
  for (guint i = 0; i < self->n_items; i++)
    {
      g_autoptr(KsAgreementSummary) child = g_list_model_get_item (G_LIST_MODEL (children), i);

      gtk_list_box_append (self->list_box, row_new (child));
    }
}

static void
database_changed_cb (KsRelatedList *self,
                     const char    *table)
{
  if (g_str_equal (table, "agreements"))
    reload (self);
}

static void
row_activated_cb (KsRelatedList *self,
                  GtkListBoxRow *row)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "ks-uuid");

  if (uuid != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, uuid);
}

static void
ks_related_list_dispose (GObject *object)
{
  KsRelatedList *self = KS_RELATED_LIST (object);

  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (self->db, self);
  g_clear_object (&self->db);
  g_clear_pointer (&self->uuid, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_RELATED_LIST);

  G_OBJECT_CLASS (ks_related_list_parent_class)->dispose (object);
}

static void
ks_related_list_class_init (KsRelatedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_related_list_dispose;

  /**
   * KsRelatedList::activated:
   * @uuid: the agreement the user chose
   *
   * Asks for the agreement to be opened.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/ks-related-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KsRelatedList, list_box);
  gtk_widget_class_bind_template_child (widget_class, KsRelatedList, placeholder_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
ks_related_list_init (KsRelatedList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ks_related_list_new:
 *
 * Returns: (transfer floating): an empty list; see ks_related_list_set_parent()
 */
GtkWidget *
ks_related_list_new (void)
{
  return g_object_new (KS_TYPE_RELATED_LIST, NULL);
}

/**
 * ks_related_list_set_parent:
 * @db: the register
 * @uuid: (nullable): the agreement whose later agreements to list, or
 *   %NULL for none (a new agreement)
 *
 * Lists the agreements whose parent is @uuid and follows the register's
 * changes.
 */
void
ks_related_list_set_parent (KsRelatedList *self,
                            KsDatabase    *db,
                            const char    *uuid)
{
  g_return_if_fail (KS_IS_RELATED_LIST (self));
  g_return_if_fail (KS_IS_DATABASE (db));

  if (self->db != db)
    {
      if (self->db != NULL)
        g_signal_handlers_disconnect_by_data (self->db, self);
      g_set_object (&self->db, db);
      g_signal_connect_object (db, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  reload (self);
}

/**
 * ks_related_list_get_n_items:
 *
 * Returns: how many agreements the list shows
 */
guint
ks_related_list_get_n_items (KsRelatedList *self)
{
  g_return_val_if_fail (KS_IS_RELATED_LIST (self), 0);

  return self->n_items;
}
