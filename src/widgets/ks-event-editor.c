/* ks-event-editor.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-event-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-amount.h"
#include "ks-date-row.h"
#include "ks-event-editor.h"
#include "ks-event-store.h"
#include "ks-iso-codes.h"
#include "ks-key-item.h"
#include "ks-keys.h"

struct _KsEventEditor
{
  AdwWindow       parent_instance;

  KsDatabase     *db;
  char           *agreement_uuid;
  KsEvent        *original;
  GPtrArray      *currencies;

  GtkLabel       *error_label;
  KsDateRow      *date_row;
  AdwComboRow    *kind_row;
  GtkLabel       *date_error;
  GtkTextView    *description_view;
  GtkLabel       *description_error;
  AdwEntryRow    *amount_row;
  AdwComboRow    *currency_row;
  GtkLabel       *amount_error;
  AdwComboRow    *stage_row;
  KsDateRow      *ends_row;
};

G_DEFINE_FINAL_TYPE (KsEventEditor, ks_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static const char *
selected_key (AdwComboRow *row)
{
  KsKeyItem *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? ks_key_item_get_key (item) : "";
}

static void
select_key (AdwComboRow *row,
            const char  *key)
{
  GListModel *model = adw_combo_row_get_model (row);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsKeyItem) item = g_list_model_get_item (model, i);

      if (g_str_equal (ks_key_item_get_key (item), key))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
}

static const char *
selected_currency (KsEventEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);

  return selected < self->currencies->len ? g_ptr_array_index (self->currencies, selected) : "IDR";
}

static char *
dup_description (KsEventEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_renewal (KsEventEditor *self)
{
  return g_str_equal (selected_key (self->kind_row), "renewed");
}

static gboolean
check_date (KsEventEditor *self)
{
  gboolean empty = ks_date_row_get_value (self->date_row)[0] == '\0';

  /* The row itself says why typed text is not a date. */
  if (!ks_date_row_get_valid (self->date_row))
    {
      show_error (self->date_error, NULL);
      return FALSE;
    }

  show_error (self->date_error, empty ? _("Enter the date the event happened.") : NULL);
  return !empty;
}

static gboolean
check_amount (KsEventEditor *self,
              gint64        *amount)
{
  g_autoptr(GError) error = NULL;

  if (!ks_amount_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), amount, &error))
    {
      show_error (self->amount_error, error->message);
      return FALSE;
    }

  show_error (self->amount_error, NULL);
  return TRUE;
}

static gboolean
check_description (KsEventEditor *self,
                   const char    *description)
{
  g_autofree char *message = NULL;

  if (g_utf8_strlen (description, -1) > KS_EVENT_DESCRIPTION_MAX)
    message = g_strdup_printf (_("The description is longer than %u characters."),
                               (guint) KS_EVENT_DESCRIPTION_MAX);

  show_error (self->description_error, message);
  return message == NULL;
}

/* The event as the fields describe it, or NULL with each problem shown
 * next to its field. */
static KsEvent *
build_event (KsEventEditor *self)
{
  g_autoptr(KsEvent) event = NULL;
  g_autofree char *description = dup_description (self);
  gint64 amount = 0;
  gboolean valid;

  /* Every check runs, so that every field shows its own problem. */
  valid = check_date (self);
  valid = check_amount (self, &amount) && valid;
  valid = check_description (self, description) && valid;
  valid = (!is_renewal (self) || ks_date_row_get_valid (self->ends_row)) && valid;
  if (!valid)
    return NULL;

  event = ks_event_new ();
  if (self->original != NULL)
    g_object_set (event,
                  "uuid", ks_event_get_uuid (self->original),
                  "created-at", ks_event_get_created_at (self->original),
                  "old-ends-on", ks_event_get_old_ends_on (self->original),
                  NULL);
  g_object_set (event,
                "agreement-uuid", self->agreement_uuid,
                "occurred-on", ks_date_row_get_value (self->date_row),
                "kind", selected_key (self->kind_row),
                "description", description,
                "cost-amount", amount,
                "cost-currency", selected_currency (self),
                "new-stage", selected_key (self->stage_row),
                "new-ends-on", is_renewal (self) ? ks_date_row_get_value (self->ends_row) : "",
                NULL);

  return g_steal_pointer (&event);
}

/* Rules the fields cannot check alone come from the model, so the
 * editor never accepts what the store would refuse. */
static void
update_validity (KsEventEditor *self)
{
  g_autoptr(KsEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  gtk_widget_set_visible (GTK_WIDGET (self->ends_row), is_renewal (self));

  event = build_event (self);
  valid = event != NULL && ks_event_validate (event, &error);
  show_error (self->error_label, error != NULL ? error->message : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

static void
field_changed_cb (KsEventEditor *self)
{
  update_validity (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KsEventEditor *self = KS_EVENT_EDITOR (widget);
  g_autoptr(KsEvent) event = build_event (self);
  g_autoptr(GError) error = NULL;

  if (event == NULL)
    return;

  if (!ks_event_store_save (self->db, event, NULL, &error))
    {
      show_error (self->error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, event);
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
setup_key_row (AdwComboRow *row,
               GListModel  *model)
{
  g_autoptr(GtkExpression) expression =
    gtk_property_expression_new (KS_TYPE_KEY_ITEM, NULL, "label");

  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_model (row, model);
}

static GListModel *
stage_model_new (void)
{
  g_autoptr(GListModel) stages = ks_key_set_list_model_new (KS_KEY_SET_STAGE);
  g_autoptr(KsKeyItem) none = ks_key_item_new ("", _("No change"), NULL);
  GListStore *store = g_list_store_new (KS_TYPE_KEY_ITEM);
  guint n = g_list_model_get_n_items (stages);

  g_list_store_append (store, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsKeyItem) item = g_list_model_get_item (stages, i);

      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}

/* "IDR – Indonesian Rupiah": the code is what amounts are labelled by,
 * the name helps find it. */
static void
setup_currency_row (KsEventEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->currencies = ks_currency_list ();
  for (guint i = 0; i < self->currencies->len; i++)
    {
      const char *code = g_ptr_array_index (self->currencies, i);
      /* Translators: a currency in the chooser, "IDR – Indonesian Rupiah" */
      g_autofree char *label = g_strdup_printf (_("%s – %s"), code, ks_currency_get_name (code));

      gtk_string_list_append (names, label);
    }

  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (names));
}

static void
select_currency (KsEventEditor *self,
                 const char    *code)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (self->currencies, code, g_str_equal, &index))
    adw_combo_row_set_selected (self->currency_row, index);
}

static void
connect_fields (KsEventEditor *self)
{
  g_signal_connect_swapped (self->date_row, "notify::value", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "notify::valid", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->ends_row, "notify::value", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->ends_row, "notify::valid", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->stage_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
}

static void
fill_fields (KsEventEditor *self,
             KsEvent       *event)
{
  g_autofree char *amount = NULL;

  ks_date_row_set_value (self->date_row, ks_event_get_occurred_on (event));
  select_key (self->kind_row, ks_event_get_kind (event));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            ks_event_get_description (event), -1);
  if (ks_event_get_cost_amount (event) != 0)
    amount = ks_amount_format (ks_event_get_cost_amount (event));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount != NULL ? amount : "");
  select_currency (self, ks_event_get_cost_currency (event));
  select_key (self->stage_row, ks_event_get_new_stage (event));
  ks_date_row_set_value (self->ends_row, ks_event_get_new_ends_on (event));
}

/* A new event happened today unless staff say otherwise. */
static void
fill_new (KsEventEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  ks_date_row_set_value (self->date_row, today);
  select_currency (self, "IDR");
}

static void
ks_event_editor_dispose (GObject *object)
{
  KsEventEditor *self = KS_EVENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_EVENT_EDITOR);
  g_clear_object (&self->db);
  g_clear_object (&self->original);
  g_clear_pointer (&self->agreement_uuid, g_free);
  g_clear_pointer (&self->currencies, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_event_editor_parent_class)->dispose (object);
}

static void
ks_event_editor_class_init (KsEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_event_editor_dispose;

  /**
   * KsEventEditor::saved:
   * @event: the event as written
   *
   * Emitted after the event was saved, before the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, KS_TYPE_EVENT);

  g_type_ensure (KS_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, description_error);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, amount_error);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, KsEventEditor, ends_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
ks_event_editor_init (KsEventEditor *self)
{
  g_autoptr(GListModel) kinds = ks_key_set_list_model_new (KS_KEY_SET_EVENT_KIND);
  g_autoptr(GListModel) stages = stage_model_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_key_row (self->kind_row, kinds);
  setup_key_row (self->stage_row, stages);
  setup_currency_row (self);
}

/**
 * ks_event_editor_new:
 * @parent: (nullable): the window the dialog belongs to
 * @agreement_uuid: the agreement whose timeline gets the event
 * @event_or_null: (nullable): the event to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the editor, not yet shown
 */
KsEventEditor *
ks_event_editor_new (GtkWindow  *parent,
                     KsDatabase *db,
                     const char *agreement_uuid,
                     KsEvent    *event_or_null)
{
  KsEventEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);
  g_return_val_if_fail (event_or_null == NULL || KS_IS_EVENT (event_or_null), NULL);

  self = g_object_new (KS_TYPE_EVENT_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);
  self->agreement_uuid = g_strdup (agreement_uuid);

  if (event_or_null != NULL)
    {
      self->original = g_object_ref (event_or_null);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Event"));
      fill_fields (self, event_or_null);
    }
  else
    fill_new (self);

  connect_fields (self);
  update_validity (self);
  return self;
}

/**
 * ks_event_editor_set_kind:
 * @kind: an event kind key, such as "renewed"
 *
 * Starts a new event as this kind, for the actions that know what staff
 * are about to record (Renew).
 */
void
ks_event_editor_set_kind (KsEventEditor *self,
                          const char    *kind)
{
  g_return_if_fail (KS_IS_EVENT_EDITOR (self));
  g_return_if_fail (ks_key_is_valid (KS_KEY_SET_EVENT_KIND, kind));

  select_key (self->kind_row, kind);
}
