/* ks-agreement-view.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-view.h"
#include "ks-attention.h"
#include "ks-column-sorter.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"

/*
 * The register's table.  The list does the sorting (on collation keys
 * worked out once per reload), so the column headers only tell it which
 * column the user chose; the choice and the widths the user dragged are
 * kept in GSettings for the next start.
 */
struct _KsAgreementView
{
  GtkWidget           parent_instance;

  GtkColumnView      *column_view;
  GtkColumnViewColumn *region_column;
  GtkColumnViewColumn *reason_column;

  KsAgreementList    *agreements;
  GtkMultiSelection  *selection;
  GSettings          *settings;
  guint               restoring : 1;
};

G_DEFINE_FINAL_TYPE (KsAgreementView, ks_agreement_view, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "USAID (United States); Pemerintah Kerajaan Belanda (Netherlands)":
 * the summary keeps one country code per partner, in partner order. */
static char *
format_partners (gpointer            unused,
                 KsAgreementSummary *summary)
{
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) codes = NULL;
  GString *out = g_string_new (NULL);
  guint n_codes;

  if (summary == NULL)
    return g_string_free (out, FALSE);

  names = g_strsplit (ks_agreement_summary_get_partners (summary), "; ", -1);
  codes = g_strsplit (ks_agreement_summary_get_countries (summary), ";", -1);
  n_codes = g_strv_length (codes);
  for (guint i = 0; names[i] != NULL && names[i][0] != '\0'; i++)
    {
      const char *code = i < n_codes ? codes[i] : "";

      if (out->len > 0)
        g_string_append (out, "; ");
      if (code[0] != '\0')
        /* Translators: a partner and its country, "USAID (United States)" */
        g_string_append_printf (out, _("%s (%s)"), names[i], ks_country_get_name (code));
      else
        g_string_append (out, names[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
format_form (gpointer    unused,
             const char *form)
{
  return g_strdup (form != NULL ? ks_key_get_label (KS_KEY_SET_FORM, form) : "");
}

static char *
format_stage (gpointer    unused,
              const char *stage)
{
  return g_strdup (stage != NULL ? ks_key_get_label (KS_KEY_SET_STAGE, stage) : "");
}

/* The pill's colour says the stage at a glance; its text says it to
 * everyone, colour-blind staff and screen readers included. */
static GStrv
stage_css_classes (gpointer    unused,
                   const char *stage)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, "stage-pill");
  if (stage != NULL && ks_key_is_valid (KS_KEY_SET_STAGE, stage))
    {
      g_autofree char *stage_class = g_strconcat ("stage-", stage, NULL);

      g_strv_builder_add (builder, stage_class);
    }

  return g_strv_builder_end (builder);
}

static char *
format_period (gpointer            unused,
               KsAgreementSummary *summary)
{
  if (summary == NULL)
    return g_strdup ("");

  return ks_period_format (ks_agreement_summary_get_starts_on (summary),
                           ks_agreement_summary_get_ends_on (summary),
                           ks_stage_is_running (ks_agreement_summary_get_stage (summary)));
}

static char *
format_date (gpointer    unused,
             const char *iso)
{
  return ks_partial_date_format (iso != NULL ? iso : "");
}

/* A cell's tooltip is its whole text, for when the column is too narrow.
 * Looked up when asked for rather than set on every bind: setting a
 * tooltip asks the display where the pointer is, a round trip to the X
 * server for each cell, which made filling the table slow. */
static gboolean
show_full_text_cb (GtkWidget  *cell,
                   int         x,
                   int         y,
                   gboolean    keyboard_mode,
                   GtkTooltip *tooltip,
                   gpointer    unused)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkColumnViewColumn *
column_for_sort (KsAgreementView       *self,
                 KsAgreementSortColumn  sort)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (KS_IS_COLUMN_SORTER (sorter) &&
          ks_column_sorter_get_column (KS_COLUMN_SORTER (sorter)) == sort)
        return column;
    }

  return NULL;
}

static const char *
sort_nick (KsAgreementSortColumn sort)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (KS_TYPE_AGREEMENT_SORT_COLUMN);
  GEnumValue *value = g_enum_get_value (klass, sort);

  return value != NULL ? value->value_nick : "none";
}

static KsAgreementSortColumn
sort_from_nick (const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (KS_TYPE_AGREEMENT_SORT_COLUMN);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

  return value != NULL ? (KsAgreementSortColumn) value->value : KS_AGREEMENT_SORT_TITLE;
}

static void
sorter_changed_cb (KsAgreementView *self)
{
  KsAgreementSortColumn column;
  gboolean descending;

  /* Columns leave the sorter while the view is disposed. */
  if (self->column_view == NULL)
    return;

  column = ks_column_sorter_read_view (self->column_view, &descending);
  if (self->agreements != NULL)
    ks_agreement_list_set_sort (self->agreements, column, descending);

  if (self->settings != NULL && !self->restoring)
    {
      g_settings_set_string (self->settings, "sort-column", sort_nick (column));
      g_settings_set_boolean (self->settings, "sort-descending", descending);
    }
}

/**
 * ks_agreement_view_read_saved_sort:
 * @settings: (nullable): the application's settings
 * @descending: (out): whether the saved sort is descending
 *
 * Returns: the sort the table will be shown in
 */
KsAgreementSortColumn
ks_agreement_view_read_saved_sort (GSettings *settings,
                                   gboolean  *descending)
{
  g_autofree char *nick = NULL;

  *descending = FALSE;
  if (settings == NULL)
    return KS_AGREEMENT_SORT_TITLE;

  nick = g_settings_get_string (settings, "sort-column");
  *descending = g_settings_get_boolean (settings, "sort-descending");
  return sort_from_nick (nick);
}

static void
restore_sort (KsAgreementView *self)
{
  gboolean descending;
  KsAgreementSortColumn sort = ks_agreement_view_read_saved_sort (self->settings, &descending);
  GtkColumnViewColumn *column;

  column = column_for_sort (self, sort);
  self->restoring = TRUE;
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->restoring = FALSE;
  sorter_changed_cb (self);
}

/* Columns are known in the settings by their sort column's nick. */
static const char *
column_name (GtkColumnViewColumn *column)
{
  GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

  if (!KS_IS_COLUMN_SORTER (sorter))
    return "reason";
  return sort_nick (ks_column_sorter_get_column (KS_COLUMN_SORTER (sorter)));
}

/* Dragging a header's edge sets the column's fixed width. */
static void
column_width_changed_cb (KsAgreementView     *self,
                         GParamSpec          *pspec,
                         GtkColumnViewColumn *column)
{
  g_autoptr(GVariant) old = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{si}"));
  const char *name = column_name (column);
  GVariantIter iter;
  const char *key;
  int width;

  if (self->settings == NULL || self->restoring)
    return;

  old = g_settings_get_value (self->settings, "column-widths");
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&si}", &key, &width))
    if (g_strcmp0 (key, name) != 0)
      g_variant_builder_add (&builder, "{si}", key, width);
  g_variant_builder_add (&builder, "{si}", name, gtk_column_view_column_get_fixed_width (column));
  g_settings_set_value (self->settings, "column-widths", g_variant_builder_end (&builder));
}

static void
restore_widths (KsAgreementView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, "column-widths");
  guint n = g_list_model_get_n_items (columns);

  self->restoring = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      int width;

      if (g_variant_lookup (widths, column_name (column), "i", &width) && width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
      g_signal_connect_object (column, "notify::fixed-width",
                               G_CALLBACK (column_width_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->restoring = FALSE;
}

/* The smart views say why each row is there, and offer the next step. */
static void
setup_reason_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KsAgreementView          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reason = gtk_inscription_new (NULL);
  GtkWidget *button = gtk_button_new ();

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (reason), 20);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (reason), 44);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (reason), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (reason, TRUE);
  gtk_widget_set_has_tooltip (reason, TRUE);
  g_signal_connect (reason, "query-tooltip", G_CALLBACK (show_full_text_cb), NULL);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
}

static void
bind_reason_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                KsAgreementView          *self)
{
  KsAgreementSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *reason = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *button = gtk_widget_get_next_sibling (reason);
  KsSmartView view = ks_agreement_filter_get_smart_view (ks_agreement_list_get_filter (self->agreements));
  KsAttentionAction action = KS_ATTENTION_ACTION_NONE;
  g_autofree char *text = ks_attention_explain (self->agreements, summary, view, &action);
  g_autoptr(GEnumClass) actions = g_type_class_ref (KS_TYPE_ATTENTION_ACTION);

  gtk_inscription_set_text (GTK_INSCRIPTION (reason), text);
  gtk_widget_set_visible (button, action != KS_ATTENTION_ACTION_NONE);
  gtk_button_set_label (GTK_BUTTON (button), ks_attention_action_get_label (action));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)",
                                    ks_agreement_summary_get_uuid (summary),
                                    g_enum_get_value (actions, action)->value_nick);
  /* Named once it has a target: the action takes (uuid, next step). */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.attend");
}

static void
add_reason_column (KsAgreementView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_reason_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_reason_cb), self);
  /* Translators: the column saying why an agreement is in a smart view */
  self->reason_column = gtk_column_view_column_new (_("Why"), factory);
  gtk_column_view_column_set_resizable (self->reason_column, TRUE);
  gtk_column_view_column_set_visible (self->reason_column, FALSE);
  gtk_column_view_insert_column (self->column_view, 1, self->reason_column);
}

static void
smart_view_changed_cb (KsAgreementView *self)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);

  gtk_column_view_column_set_visible (self->reason_column,
                                      ks_agreement_filter_get_smart_view (filter) != KS_SMART_VIEW_NONE);
}

static void
activate_cb (KsAgreementView *self,
             guint            position)
{
  g_autoptr(KsAgreementSummary) summary = NULL;

  summary = g_list_model_get_item (G_LIST_MODEL (self->agreements), position);
  if (summary != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, ks_agreement_summary_get_uuid (summary));
}

static void
selection_changed_cb (KsAgreementView *self)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
ks_agreement_view_dispose (GObject *object)
{
  GtkWidget *child;
  KsAgreementView *self = KS_AGREEMENT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_AGREEMENT_VIEW);
  /* The scrolled window has no id, so the template does not own it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->reason_column);
  g_clear_object (&self->agreements);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ks_agreement_view_parent_class)->dispose (object);
}

static void
ks_agreement_view_class_init (KsAgreementViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_agreement_view_dispose;

  /**
   * KsAgreementView::activated:
   * @uuid: the agreement's identity
   *
   * A row was activated (double click, Enter).
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KS_TYPE_COLUMN_SORTER);
  g_type_ensure (KS_TYPE_AGREEMENT_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-agreement-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KsAgreementView, column_view);
  gtk_widget_class_bind_template_child (widget_class, KsAgreementView, region_column);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_partners);
  gtk_widget_class_bind_template_callback (widget_class, format_form);
  gtk_widget_class_bind_template_callback (widget_class, format_stage);
  gtk_widget_class_bind_template_callback (widget_class, stage_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, format_period);
  gtk_widget_class_bind_template_callback (widget_class, format_date);
  gtk_widget_class_bind_template_callback (widget_class, show_full_text_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ks_agreement_view_init (KsAgreementView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_reason_column (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
ks_agreement_view_new (void)
{
  return g_object_new (KS_TYPE_AGREEMENT_VIEW, NULL);
}

/**
 * ks_agreement_view_set_list:
 * @settings: (nullable): where the sort and the column widths are kept
 *
 * Shows @agreements, sorted as the user last left the table.
 */
void
ks_agreement_view_set_list (KsAgreementView *self,
                            KsAgreementList *agreements,
                            GSettings       *settings)
{
  g_return_if_fail (KS_IS_AGREEMENT_VIEW (self));
  g_return_if_fail (KS_IS_AGREEMENT_LIST (agreements));

  g_set_object (&self->agreements, agreements);
  g_set_object (&self->settings, settings);
  g_clear_object (&self->selection);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (agreements)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (ks_agreement_list_get_filter (agreements), "notify::smart-view",
                           G_CALLBACK (smart_view_changed_cb), self, G_CONNECT_SWAPPED);

  if (settings != NULL)
    restore_widths (self);
  restore_sort (self);
}

GtkColumnView *
ks_agreement_view_get_column_view (KsAgreementView *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_VIEW (self), NULL);

  return self->column_view;
}

/**
 * ks_agreement_view_dup_selected_uuids:
 *
 * Returns: (transfer full): the selected agreements, in table order
 */
char **
ks_agreement_view_dup_selected_uuids (KsAgreementView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (KS_IS_AGREEMENT_VIEW (self), NULL);

  if (self->selection == NULL)
    return g_strv_builder_end (builder);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(KsAgreementSummary) summary =
        g_list_model_get_item (G_LIST_MODEL (self->agreements), position);

      if (summary != NULL)
        g_strv_builder_add (builder, ks_agreement_summary_get_uuid (summary));
    }

  return g_strv_builder_end (builder);
}

guint
ks_agreement_view_get_n_selected (KsAgreementView *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (KS_IS_AGREEMENT_VIEW (self), 0);

  if (self->selection == NULL)
    return 0;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return (guint) gtk_bitset_get_size (selected);
}

/* One region's table need not repeat its name on every row. */
void
ks_agreement_view_set_show_region (KsAgreementView *self,
                                   gboolean         show_region)
{
  g_return_if_fail (KS_IS_AGREEMENT_VIEW (self));

  gtk_column_view_column_set_visible (self->region_column, show_region);
}
