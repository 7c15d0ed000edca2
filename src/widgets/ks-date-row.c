/* ks-date-row.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-date-row.h"
#include "ks-partial-date.h"

/*
 * A row where staff type a date the way they write it ("25/9/2015",
 * "Sept 2015", "2015") and see, underneath the title, how it was
 * understood.  The stored value is the ISO partial date; while the text
 * is not a date the row keeps its last value, says why, and reports
 * itself invalid so that the editor can refuse to save.
 */
struct _KsDateRow
{
  AdwActionRow  parent_instance;

  GtkEntry     *entry;

  char         *value;
  char         *error;
  guint         setting_text : 1;
};

G_DEFINE_FINAL_TYPE (KsDateRow, ks_date_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_error (KsDateRow  *self,
           const char *message)
{
  gboolean was_valid = self->error == NULL;

  g_free (self->error);
  self->error = g_strdup (message);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  if (was_valid != (message == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
store_value (KsDateRow  *self,
             const char *iso)
{
  if (g_strcmp0 (self->value, iso) == 0)
    return;

  g_free (self->value);
  self->value = g_strdup (iso);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
show_understood (KsDateRow *self)
{
  g_autofree char *date = ks_partial_date_format (self->value);
  g_autofree char *shown = NULL;

  if (self->error != NULL)
    shown = g_strdup (self->error);
  else if (date[0] != '\0')
    /* Translators: how a typed date was read, "Understood as 25 September 2015" */
    shown = g_strdup_printf (_("Understood as %s"), date);
  else
    shown = g_strdup ("");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                  -1);
}

static void
entry_changed_cb (KsDateRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  KsPartialDate date;

  if (self->setting_text)
    return;

  if (ks_partial_date_parse_human (gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                   &date, &error))
    {
      iso = ks_partial_date_to_iso (&date);
      set_error (self, NULL);
      store_value (self, iso);
    }
  else
    set_error (self, error->message);

  show_understood (self);
}

/* The entry is the row's only input: it is named after the row. */
static void
title_changed_cb (KsDateRow *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)),
                                  -1);
}

static void
ks_date_row_finalize (GObject *object)
{
  KsDateRow *self = KS_DATE_ROW (object);

  g_free (self->value);
  g_free (self->error);

  G_OBJECT_CLASS (ks_date_row_parent_class)->finalize (object);
}

static void
ks_date_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_DATE_ROW);

  G_OBJECT_CLASS (ks_date_row_parent_class)->dispose (object);
}

static void
ks_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KsDateRow *self = KS_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->error == NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_date_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KsDateRow *self = KS_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      ks_date_row_set_value (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_date_row_class_init (KsDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_date_row_dispose;
  object_class->finalize = ks_date_row_finalize;
  object_class->get_property = ks_date_row_get_property;
  object_class->set_property = ks_date_row_set_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KsDateRow, entry);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
ks_date_row_init (KsDateRow *self)
{
  self->value = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
}

GtkWidget *
ks_date_row_new (void)
{
  return g_object_new (KS_TYPE_DATE_ROW, NULL);
}

/**
 * ks_date_row_get_value:
 *
 * Returns: the ISO partial date last understood ("", "2015", "2015-03",
 *   "2015-03-25"); while the text is not a date, the value before it
 */
const char *
ks_date_row_get_value (KsDateRow *self)
{
  g_return_val_if_fail (KS_IS_DATE_ROW (self), NULL);

  return self->value;
}

/**
 * ks_date_row_set_value:
 * @iso: (nullable): an ISO partial date; %NULL or "" clears the row
 *
 * Shows the date as people write it in the user's language, which reads
 * back to the same value.
 */
void
ks_date_row_set_value (KsDateRow  *self,
                       const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (KS_IS_DATE_ROW (self));

  text = ks_partial_date_format (iso != NULL ? iso : "");
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->setting_text = FALSE;

  /* A damaged value from the register stays visible and is flagged. */
  store_value (self, iso != NULL ? iso : "");
  if (ks_partial_date_validate (self->value, &error))
    set_error (self, NULL);
  else
    set_error (self, error->message);
  show_understood (self);
}

gboolean
ks_date_row_get_valid (KsDateRow *self)
{
  g_return_val_if_fail (KS_IS_DATE_ROW (self), FALSE);

  return self->error == NULL;
}

/**
 * ks_date_row_get_error:
 *
 * Returns: (nullable): why the text is not a date, translated
 */
const char *
ks_date_row_get_error (KsDateRow *self)
{
  g_return_val_if_fail (KS_IS_DATE_ROW (self), NULL);

  return self->error;
}

GtkEditable *
ks_date_row_get_entry (KsDateRow *self)
{
  g_return_val_if_fail (KS_IS_DATE_ROW (self), NULL);

  return GTK_EDITABLE (self->entry);
}
