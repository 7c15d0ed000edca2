/* ks-event-timeline.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-event-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-amount.h"
#include "ks-event-editor.h"
#include "ks-event-store.h"
#include "ks-event-timeline.h"
#include "ks-keys.h"
#include "ks-partial-date.h"

struct _KsEventTimeline
{
  GtkWidget        parent_instance;

  KsDatabase      *db;
  char            *agreement_uuid;
  GListStore      *events;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  AdwStatusPage   *error_page;
};

G_DEFINE_FINAL_TYPE (KsEventTimeline, ks_event_timeline, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

/* What the event did besides happening: its cost, the stage it moved
 * the agreement to, the end date a renewal set. */
static void
add_effects (GtkBox  *box,
             KsEvent *event)
{
  const char *stage = ks_event_get_new_stage (event);

  if (ks_event_get_cost_amount (event) != 0)
    {
      g_autofree char *money = ks_amount_format_with_currency (ks_event_get_cost_amount (event),
                                                               ks_event_get_cost_currency (event));
      /* Translators: what an event cost, "Cost: IDR 1,500,000" */
      g_autofree char *text = g_strdup_printf (_("Cost: %s"), money);

      add_label (box, text, NULL);
    }

  if (stage[0] != '\0')
    {
      /* Translators: the stage an event moved the agreement to, "Stage → Signed" */
      g_autofree char *text = g_strdup_printf (_("Stage → %s"), ks_key_get_label (KS_KEY_SET_STAGE, stage));

      add_label (box, text, NULL);
    }

  if (g_str_equal (ks_event_get_kind (event), "renewed") && ks_event_get_new_ends_on (event)[0] != '\0')
    {
      g_autofree char *old_end = ks_partial_date_format (ks_event_get_old_ends_on (event));
      g_autofree char *new_end = ks_partial_date_format (ks_event_get_new_ends_on (event));
      /* Translators: a renewal's old and new end dates, "End date 9 September
       * 2023 → 9 September 2028"; the old one may be "none" */
      g_autofree char *text = g_strdup_printf (_("End date %s → %s"),
                                               old_end[0] != '\0' ? old_end : C_("end date", "none"),
                                               new_end);

      add_label (box, text, NULL);
    }
}

static GtkWidget *
delete_button_new (KsEvent *event)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete Event"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete Event"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "timeline.delete-event");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ks_event_get_uuid (event));
  return button;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  KsEvent *event = item;
  g_autofree char *date = ks_partial_date_format (ks_event_get_occurred_on (event));
  const char *kind = ks_key_get_label (KS_KEY_SET_EVENT_KIND, ks_event_get_kind (event));
  g_autofree char *name = g_strdup_printf ("%s, %s", date, kind);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_top (line, 10);
  gtk_widget_set_margin_bottom (line, 10);
  gtk_widget_set_margin_start (line, 12);
  gtk_widget_set_margin_end (line, 12);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (add_label (GTK_BOX (box), date, "caption"), "dim-label");
  add_label (GTK_BOX (box), kind, "heading");
  if (ks_event_get_description (event)[0] != '\0')
    add_label (GTK_BOX (box), ks_event_get_description (event), NULL);
  add_effects (GTK_BOX (box), event);
  gtk_box_append (GTK_BOX (line), box);
  gtk_box_append (GTK_BOX (line), delete_button_new (event));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), "ks-event", g_object_ref (event), g_object_unref);
  return row;
}

static void
show_toast (KsEventTimeline *self,
            const char      *message)
{
  /* Toast titles are markup; messages quote what staff typed. */
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
reload (KsEventTimeline *self)
{
  g_autoptr(GListStore) events = NULL;
  g_autoptr(GError) error = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  g_autofree gpointer *items = NULL;
  guint n;

  events = ks_event_store_list (self->db, self->agreement_uuid, &error);
  if (events == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (events));
  items = g_new0 (gpointer, n + 1);
  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (G_LIST_MODEL (events), i);
  g_list_store_splice (self->events, 0, n_old, items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
database_changed_cb (KsEventTimeline *self,
                     const char      *table,
                     KsDatabase      *db)
{
  if (g_str_equal (table, "events") || g_str_equal (table, "agreements"))
    reload (self);
}

static void
editor_saved_cb (KsEventTimeline *self,
                 KsEvent         *event)
{
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
open_editor (KsEventTimeline *self,
             KsEvent         *event)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KsEventEditor *editor = ks_event_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               self->db, self->agreement_uuid, event);

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
row_activated_cb (KsEventTimeline *self,
                  GtkListBoxRow   *row)
{
  open_editor (self, g_object_get_data (G_OBJECT (row), "ks-event"));
}

static void
undo_clicked_cb (AdwToast        *toast,
                 KsEventTimeline *self)
{
  g_autoptr(GError) error = NULL;
  const char *uuid = g_object_get_data (G_OBJECT (toast), "ks-event-uuid");

  if (!ks_event_store_undelete (self->db, uuid, &error))
    {
      show_toast (self, error->message);
      return;
    }

  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Keeps the keyboard where it was: on the row that took the deleted
 * one's place. */
static void
focus_row_at (KsEventTimeline *self,
              int              index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  GtkListBoxRow *row;

  if (n == 0)
    return;

  row = gtk_list_box_get_row_at_index (self->list_box, MIN ((guint) index, n - 1));
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
delete_event (KsEventTimeline *self,
              KsEvent         *shown)
{
  /* Reloading drops the row that holds @shown. */
  g_autoptr(KsEvent) event = g_object_ref (shown);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;
  guint index = 0;

  g_list_store_find (self->events, event, &index);
  if (!ks_event_store_delete (self->db, ks_event_get_uuid (event), &error))
    {
      show_toast (self, error->message);
      return;
    }

  toast = adw_toast_new (_("Event deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "ks-event-uuid",
                          g_strdup (ks_event_get_uuid (event)), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  reload (self);
  focus_row_at (self, index);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The row holding the keyboard focus, if it is one of ours. */
static KsEvent *
focused_event (KsEventTimeline *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list_box))
    return NULL;

  return g_object_get_data (G_OBJECT (row), "ks-event");
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KS_EVENT_TIMELINE (widget), NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsEventTimeline *self = KS_EVENT_TIMELINE (widget);
  KsEvent *event = focused_event (self);

  if (event != NULL)
    delete_event (self, event);
}

static void
delete_event_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KsEventTimeline *self = KS_EVENT_TIMELINE (widget);
  const char *uuid = g_variant_get_string (parameter, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);

      if (g_str_equal (ks_event_get_uuid (event), uuid))
        {
          delete_event (self, event);
          return;
        }
    }
}

static void
ks_event_timeline_dispose (GObject *object)
{
  KsEventTimeline *self = KS_EVENT_TIMELINE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_EVENT_TIMELINE);
  g_clear_object (&self->db);
  g_clear_object (&self->events);
  g_clear_pointer (&self->agreement_uuid, g_free);

  G_OBJECT_CLASS (ks_event_timeline_parent_class)->dispose (object);
}

static void
ks_event_timeline_class_init (KsEventTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_event_timeline_dispose;

  /**
   * KsEventTimeline::changed:
   *
   * Emitted after an event was saved, deleted or restored; the
   * agreement's stage and end date may have changed with it.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-event-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, KsEventTimeline, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KsEventTimeline, stack);
  gtk_widget_class_bind_template_child (widget_class, KsEventTimeline, list_box);
  gtk_widget_class_bind_template_child (widget_class, KsEventTimeline, error_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "timeline.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete-event", "s", delete_event_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "timeline.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "timeline.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "timeline.delete", NULL);
}

static void
ks_event_timeline_init (KsEventTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->events = g_list_store_new (KS_TYPE_EVENT);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->events), create_row_cb, NULL, NULL);
}

/**
 * ks_event_timeline_new:
 * @agreement_uuid: the agreement whose timeline to show
 *
 * Returns: (transfer floating): the timeline
 */
GtkWidget *
ks_event_timeline_new (KsDatabase *db,
                       const char *agreement_uuid)
{
  KsEventTimeline *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);

  self = g_object_new (KS_TYPE_EVENT_TIMELINE, NULL);
  self->db = g_object_ref (db);
  self->agreement_uuid = g_strdup (agreement_uuid);
  g_signal_connect_object (db, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}
