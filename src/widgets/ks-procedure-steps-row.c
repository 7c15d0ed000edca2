/* ks-procedure-steps-row.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-procedure-steps-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-procedure-steps-row.h"

/* One step of the procedure checklist in the preferences: it shows the
 * step and asks for changes through signals; the preferences window makes
 * them in the register, which then hands the row the step as stored. */
struct _KsProcedureStepsRow
{
  AdwExpanderRow   parent_instance;

  KsProcedureStep *step;

  GtkButton       *up_button;
  GtkButton       *down_button;
  AdwEntryRow     *label_row;
  GtkSwitch       *required_switch;
};

enum {
  MOVE,
  RENAME,
  SET_REQUIRED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KsProcedureStepsRow, ks_procedure_steps_row, ADW_TYPE_EXPANDER_ROW)

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int delta = g_str_equal (action_name, "step.move-up") ? -1 : 1;

  g_signal_emit (widget, signals[MOVE], 0, delta);
}

static void
label_applied_cb (KsProcedureStepsRow *self)
{
  g_signal_emit (self, signals[RENAME], 0, gtk_editable_get_text (GTK_EDITABLE (self->label_row)));
}

static void
label_changed_cb (KsProcedureStepsRow *self)
{
  ks_procedure_steps_row_set_label_error (self, FALSE);
}

static void
required_toggled_cb (KsProcedureStepsRow *self)
{
  g_signal_emit (self, signals[SET_REQUIRED], 0, gtk_switch_get_active (self->required_switch));
}

static void
delete_clicked_cb (KsProcedureStepsRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
ks_procedure_steps_row_dispose (GObject *object)
{
  KsProcedureStepsRow *self = KS_PROCEDURE_STEPS_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_PROCEDURE_STEPS_ROW);
  g_clear_object (&self->step);

  G_OBJECT_CLASS (ks_procedure_steps_row_parent_class)->dispose (object);
}

static void
add_signals (GObjectClass *object_class)
{
  GType type = G_TYPE_FROM_CLASS (object_class);

  /* @delta: -1 to move the step up, 1 to move it down */
  signals[MOVE] = g_signal_new ("move", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT);
  signals[RENAME] = g_signal_new ("rename", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SET_REQUIRED] = g_signal_new ("set-required", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[REMOVE] = g_signal_new ("remove", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
}

static void
ks_procedure_steps_row_class_init (KsProcedureStepsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_procedure_steps_row_dispose;
  add_signals (object_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-procedure-steps-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KsProcedureStepsRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, KsProcedureStepsRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, KsProcedureStepsRow, label_row);
  gtk_widget_class_bind_template_child (widget_class, KsProcedureStepsRow, required_switch);
  gtk_widget_class_bind_template_callback (widget_class, label_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, label_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, required_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_install_action (widget_class, "step.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "step.move-down", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "step.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "step.move-down", NULL);
}

static void
ks_procedure_steps_row_init (KsProcedureStepsRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KsProcedureStepsRow *
ks_procedure_steps_row_new (KsProcedureStep *step)
{
  KsProcedureStepsRow *self = g_object_new (KS_TYPE_PROCEDURE_STEPS_ROW, NULL);

  ks_procedure_steps_row_set_step (self, step);
  return self;
}

/**
 * ks_procedure_steps_row_get_step:
 *
 * Returns: (transfer none): the step the row shows
 */
KsProcedureStep *
ks_procedure_steps_row_get_step (KsProcedureStepsRow *self)
{
  g_return_val_if_fail (KS_IS_PROCEDURE_STEPS_ROW (self), NULL);

  return self->step;
}

/**
 * ks_procedure_steps_row_set_step:
 * @step: the step as the register now has it
 *
 * Shows @step; a label being typed is only replaced when the register's
 * label changed, so that a refused rename stays there to be corrected.
 */
void
ks_procedure_steps_row_set_step (KsProcedureStepsRow *self,
                                 KsProcedureStep     *step)
{
  const char *label;
  gboolean required;

  g_return_if_fail (KS_IS_PROCEDURE_STEPS_ROW (self));
  g_return_if_fail (KS_IS_PROCEDURE_STEP (step));

  label = ks_procedure_step_get_label (step);
  required = ks_procedure_step_get_required (step);
  if (self->step == NULL || g_strcmp0 (ks_procedure_step_get_label (self->step), label) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->label_row), label);
      ks_procedure_steps_row_set_label_error (self, FALSE);
    }
  g_set_object (&self->step, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 required ? _("Required") : _("Optional"));

  g_signal_handlers_block_by_func (self->required_switch, required_toggled_cb, self);
  gtk_switch_set_active (self->required_switch, required);
  g_signal_handlers_unblock_by_func (self->required_switch, required_toggled_cb, self);
}

/**
 * ks_procedure_steps_row_set_position:
 * @first: whether the step is the first of the checklist
 * @last: whether it is the last
 *
 * Turns off the move buttons that would move the step off the list.
 */
void
ks_procedure_steps_row_set_position (KsProcedureStepsRow *self,
                                     gboolean             first,
                                     gboolean             last)
{
  g_return_if_fail (KS_IS_PROCEDURE_STEPS_ROW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.move-up", !first);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.move-down", !last);
}

void
ks_procedure_steps_row_set_label_error (KsProcedureStepsRow *self,
                                        gboolean             error)
{
  g_return_if_fail (KS_IS_PROCEDURE_STEPS_ROW (self));

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->label_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label_row), "error");
}

/**
 * ks_procedure_steps_row_grab_move_focus:
 *
 * Focuses a move button that still works, for when the one just used
 * brought the step to an end of the list.
 */
void
ks_procedure_steps_row_grab_move_focus (KsProcedureStepsRow *self)
{
  g_return_if_fail (KS_IS_PROCEDURE_STEPS_ROW (self));

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->up_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->up_button));
  else if (gtk_widget_is_sensitive (GTK_WIDGET (self->down_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->down_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}
