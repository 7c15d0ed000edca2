/* ks-filter-popover.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-filter-popover.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"

/*
 * The table's filters beyond the sidebar and the search: stages, forms,
 * sectors, a partner country and a range of years.  Every control writes
 * straight into the list's KsAgreementFilter and follows it back when
 * the filter is cleared elsewhere.
 */
struct _KsFilterPopover
{
  GtkPopover         parent_instance;

  GtkFlowBox        *stage_box;
  GtkFlowBox        *form_box;
  GtkFlowBox        *sector_box;
  GtkDropDown       *country_dropdown;
  GtkSpinButton     *year_from_spin;
  GtkSpinButton     *year_to_spin;

  KsAgreementFilter *filter;
  GPtrArray         *country_codes;   /* index in the drop-down - 1 */
  guint              syncing : 1;
};

G_DEFINE_FINAL_TYPE (KsFilterPopover, ks_filter_popover, GTK_TYPE_POPOVER)

#define KEY_DATA "ks-filter-key"

typedef void (*SetKeys) (KsAgreementFilter *filter, const char * const *keys);

static GStrv
checked_keys (GtkFlowBox *box)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), KEY_DATA));
    }

  return g_strv_builder_end (builder);
}

static void
check_toggled_cb (GtkCheckButton  *check,
                  KsFilterPopover *self)
{
  GtkWidget *box = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_FLOW_BOX);
  SetKeys set_keys = g_object_get_data (G_OBJECT (box), "ks-filter-setter");
  g_auto(GStrv) keys = NULL;

  if (self->syncing || self->filter == NULL)
    return;

  keys = checked_keys (GTK_FLOW_BOX (box));
  set_keys (self->filter, (const char * const *) keys);
}

static void
fill_box (KsFilterPopover *self,
          GtkFlowBox      *box,
          KsKeySet         set,
          SetKeys          set_keys)
{
  const char * const *keys = ks_key_set_get_keys (set);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (ks_key_get_label (set, keys[i]));

      g_object_set_data (G_OBJECT (check), KEY_DATA, (gpointer) keys[i]);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_flow_box_append (box, check);
    }
  g_object_set_data (G_OBJECT (box), "ks-filter-setter", set_keys);
}

static void
sync_box (GtkFlowBox         *box,
          const char * const *keys)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *key = g_object_get_data (G_OBJECT (check), KEY_DATA);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   keys != NULL && g_strv_contains (keys, key));
    }
}

static void
sync_country (KsFilterPopover *self)
{
  const char * const *countries = ks_agreement_filter_get_countries (self->filter);
  guint selected = 0;

  if (countries != NULL && countries[0] != NULL)
    for (guint i = 0; i < self->country_codes->len; i++)
      if (g_strcmp0 (g_ptr_array_index (self->country_codes, i), countries[0]) == 0)
        selected = i + 1;

  gtk_drop_down_set_selected (self->country_dropdown, selected);
}

static void
filter_changed_cb (KsFilterPopover *self)
{
  self->syncing = TRUE;
  sync_box (self->stage_box, ks_agreement_filter_get_stages (self->filter));
  sync_box (self->form_box, ks_agreement_filter_get_forms (self->filter));
  sync_box (self->sector_box, ks_agreement_filter_get_sectors (self->filter));
  sync_country (self);
  gtk_spin_button_set_value (self->year_from_spin, ks_agreement_filter_get_year_from (self->filter));
  gtk_spin_button_set_value (self->year_to_spin, ks_agreement_filter_get_year_to (self->filter));
  self->syncing = FALSE;
}

static void
country_selected_cb (KsFilterPopover *self)
{
  guint selected = gtk_drop_down_get_selected (self->country_dropdown);
  const char *codes[2] = { NULL, NULL };

  if (self->syncing || self->filter == NULL)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    codes[0] = g_ptr_array_index (self->country_codes, selected - 1);
  ks_agreement_filter_set_countries (self->filter, codes);
}

/* Up from the empty field goes to this year, not to year 1. */
static guint
year_value (GtkSpinButton *spin)
{
  int year = gtk_spin_button_get_value_as_int (spin);

  if (year > 0 && year < 1900)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
      gtk_spin_button_set_value (spin, year);
    }

  return (guint) year;
}

static void
years_changed_cb (KsFilterPopover *self)
{
  guint from, to;

  if (self->syncing || self->filter == NULL)
    return;

  from = year_value (self->year_from_spin);
  to = year_value (self->year_to_spin);
  ks_agreement_filter_set_year_range (self->filter, from, to);
}

/* 0 means "any year" and shows as an empty field. */
static gboolean
year_output_cb (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static void
clear_clicked_cb (KsFilterPopover *self)
{
  if (self->filter == NULL)
    return;

  ks_agreement_filter_set_stages (self->filter, NULL);
  ks_agreement_filter_set_forms (self->filter, NULL);
  ks_agreement_filter_set_sectors (self->filter, NULL);
  ks_agreement_filter_set_countries (self->filter, NULL);
  ks_agreement_filter_set_year_range (self->filter, 0, 0);
}

static void
fill_countries (KsFilterPopover *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  self->country_codes = ks_country_list ();
  gtk_string_list_append (names, _("Any Country"));
  for (guint i = 0; i < self->country_codes->len; i++)
    gtk_string_list_append (names, ks_country_get_name (g_ptr_array_index (self->country_codes, i)));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->country_dropdown, expression);
  gtk_drop_down_set_model (self->country_dropdown, G_LIST_MODEL (names));
}

static void
ks_filter_popover_dispose (GObject *object)
{
  KsFilterPopover *self = KS_FILTER_POPOVER (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (ks_filter_popover_parent_class)->dispose (object);
}

static void
ks_filter_popover_class_init (KsFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_filter_popover_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, KsFilterPopover, stage_box);
  gtk_widget_class_bind_template_child (widget_class, KsFilterPopover, form_box);
  gtk_widget_class_bind_template_child (widget_class, KsFilterPopover, sector_box);
  gtk_widget_class_bind_template_child (widget_class, KsFilterPopover, country_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KsFilterPopover, year_from_spin);
  gtk_widget_class_bind_template_child (widget_class, KsFilterPopover, year_to_spin);
  gtk_widget_class_bind_template_callback (widget_class, country_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, years_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
ks_filter_popover_init (KsFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_box (self, self->stage_box, KS_KEY_SET_STAGE, ks_agreement_filter_set_stages);
  fill_box (self, self->form_box, KS_KEY_SET_FORM, ks_agreement_filter_set_forms);
  fill_box (self, self->sector_box, KS_KEY_SET_SECTOR, ks_agreement_filter_set_sectors);
  fill_countries (self);
}

GtkWidget *
ks_filter_popover_new (void)
{
  return g_object_new (KS_TYPE_FILTER_POPOVER, NULL);
}

void
ks_filter_popover_set_filter (KsFilterPopover   *self,
                              KsAgreementFilter *filter)
{
  g_return_if_fail (KS_IS_FILTER_POPOVER (self));
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (filter));

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  g_signal_connect_swapped (filter, "notify", G_CALLBACK (filter_changed_cb), self);
  filter_changed_cb (self);
}
