/* ks-person-row.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-person-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-date-row.h"
#include "ks-key-item.h"
#include "ks-keys.h"
#include "ks-person-row.h"

/*
 * One contact person or signatory of the agreement editor: a folded row
 * titled with the name, which opens on the person's fields.  It edits the
 * #KsPerson it is given in place (the agreement's array owns it) and says
 * so with #KsPersonRow::changed; #KsPersonRow::remove asks the editor to
 * drop the person.
 */
struct _KsPersonRow
{
  AdwExpanderRow  parent_instance;

  KsPerson       *person;
  gboolean        showing;

  GtkWidget      *remove_button;
  GtkWidget      *name_row;
  GtkWidget      *position_row;
  GtkWidget      *side_row;
  GtkWidget      *role_row;
  GtkWidget      *email_row;
  GtkWidget      *phone_row;
  GtkWidget      *signed_on_row;
};

G_DEFINE_FINAL_TYPE (KsPersonRow, ks_person_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each field's row, the part of the person it edits, and its name for
 * tests ("person-0-name"). */
static const struct {
  gsize       row;
  gsize       field;
  const char *name;
} fields[] = {
  { G_STRUCT_OFFSET (KsPersonRow, name_row), G_STRUCT_OFFSET (KsPerson, name), "name" },
  { G_STRUCT_OFFSET (KsPersonRow, position_row), G_STRUCT_OFFSET (KsPerson, position), "position" },
  { G_STRUCT_OFFSET (KsPersonRow, side_row), G_STRUCT_OFFSET (KsPerson, side), "side" },
  { G_STRUCT_OFFSET (KsPersonRow, role_row), G_STRUCT_OFFSET (KsPerson, role), "role" },
  { G_STRUCT_OFFSET (KsPersonRow, email_row), G_STRUCT_OFFSET (KsPerson, email), "email" },
  { G_STRUCT_OFFSET (KsPersonRow, phone_row), G_STRUCT_OFFSET (KsPerson, phone), "phone" },
  { G_STRUCT_OFFSET (KsPersonRow, signed_on_row), G_STRUCT_OFFSET (KsPerson, signed_on), "signed-on" },
};

#define ROW_AT(self, offset) G_STRUCT_MEMBER (GtkWidget *, (self), (offset))

static void
describe (KsPersonRow *self)
{
  KsPerson *person = self->person;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 person->name[0] != '\0' ? person->name : _("New person"));
  /* Translators: a person's role and side, "Signatory · Partner" */
  subtitle = g_strdup_printf (_("%s · %s"), ks_key_get_label (KS_KEY_SET_PERSON_ROLE, person->role),
                              ks_key_get_label (KS_KEY_SET_PERSON_SIDE, person->side));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
store (KsPersonRow *self,
       GObject     *row,
       const char  *value)
{
  gsize offset = GPOINTER_TO_SIZE (g_object_get_data (row, "ks-field"));
  char **slot = &G_STRUCT_MEMBER (char *, self->person, offset);

  if (self->showing)
    return;

  g_free (*slot);
  *slot = g_strdup (value);
  describe (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
text_changed_cb (GtkEditable *editable,
                 KsPersonRow *self)
{
  store (self, G_OBJECT (editable), gtk_editable_get_text (editable));
}

static void
key_selected_cb (AdwComboRow *row,
                 GParamSpec  *pspec,
                 KsPersonRow *self)
{
  KsKeyItem *item = adw_combo_row_get_selected_item (row);

  if (item != NULL)
    store (self, G_OBJECT (row), ks_key_item_get_key (item));
}

static void
date_changed_cb (KsDateRow   *row,
                 GParamSpec  *pspec,
                 KsPersonRow *self)
{
  store (self, G_OBJECT (row), ks_date_row_get_value (row));
}

/* A date that cannot be read changes nothing, but blocks saving. */
static void
date_validity_changed_cb (KsPersonRow *self)
{
  if (!self->showing)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (KsPersonRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
setup_combo (GtkWidget *row,
             KsKeySet   set)
{
  g_autoptr(GListModel) model = ks_key_set_list_model_new (set);
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (KS_TYPE_KEY_ITEM, NULL, "label");

  adw_combo_row_set_expression (ADW_COMBO_ROW (row), expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), model);
}

static void
show_person (KsPersonRow *self)
{
  KsPerson *person = self->person;

  self->showing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), person->name);
  gtk_editable_set_text (GTK_EDITABLE (self->position_row), person->position);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), person->email);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), person->phone);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->side_row),
                              MAX (0, ks_key_get_index (KS_KEY_SET_PERSON_SIDE, person->side)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->role_row),
                              MAX (0, ks_key_get_index (KS_KEY_SET_PERSON_ROLE, person->role)));
  ks_date_row_set_value (KS_DATE_ROW (self->signed_on_row), person->signed_on);
  self->showing = FALSE;
  describe (self);
}

static void
connect_fields (KsPersonRow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = ROW_AT (self, fields[i].row);

      g_object_set_data (G_OBJECT (row), "ks-field", GSIZE_TO_POINTER (fields[i].field));
      if (ADW_IS_ENTRY_ROW (row))
        g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);
      else if (ADW_IS_COMBO_ROW (row))
        g_signal_connect (row, "notify::selected", G_CALLBACK (key_selected_cb), self);
    }

  g_signal_connect (self->signed_on_row, "notify::value", G_CALLBACK (date_changed_cb), self);
  g_signal_connect_swapped (self->signed_on_row, "notify::valid",
                            G_CALLBACK (date_validity_changed_cb), self);
}

static void
ks_person_row_dispose (GObject *object)
{
  KsPersonRow *self = KS_PERSON_ROW (object);

  /* The person may be freed with the row: nothing is stored any more. */
  self->showing = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_PERSON_ROW);

  G_OBJECT_CLASS (ks_person_row_parent_class)->dispose (object);
}

static void
ks_person_row_class_init (KsPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_person_row_dispose;

  /**
   * KsPersonRow::changed:
   *
   * A field of the person was changed, or a date became readable or not.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * KsPersonRow::remove:
   *
   * The person's Remove button was pressed.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KS_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, position_row);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, side_row);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, email_row);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KsPersonRow, signed_on_row);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
ks_person_row_init (KsPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->showing = TRUE;
  setup_combo (self->side_row, KS_KEY_SET_PERSON_SIDE);
  setup_combo (self->role_row, KS_KEY_SET_PERSON_ROLE);
  connect_fields (self);
}

/**
 * ks_person_row_new:
 * @person: the person to edit in place; it must outlive the row
 * @name: the row's widget name ("person-0"); its fields are named after
 *   it ("person-0-email")
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
ks_person_row_new (KsPerson   *person,
                   const char *name)
{
  KsPersonRow *self;
  g_autofree char *remove_label = NULL;

  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (KS_TYPE_PERSON_ROW, "name", name, NULL);
  self->person = person;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *field_name = g_strdup_printf ("%s-%s", name, fields[i].name);

      gtk_widget_set_name (ROW_AT (self, fields[i].row), field_name);
    }

  show_person (self);
  /* Translators: the accessible name of a person's Remove button */
  remove_label = g_strdup_printf (_("Remove %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  return GTK_WIDGET (self);
}

KsPerson *
ks_person_row_get_person (KsPersonRow *self)
{
  g_return_val_if_fail (KS_IS_PERSON_ROW (self), NULL);

  return self->person;
}

/**
 * ks_person_row_get_valid:
 *
 * Returns: %FALSE while the signing date typed is not a date
 */
gboolean
ks_person_row_get_valid (KsPersonRow *self)
{
  g_return_val_if_fail (KS_IS_PERSON_ROW (self), FALSE);

  return ks_date_row_get_valid (KS_DATE_ROW (self->signed_on_row));
}
