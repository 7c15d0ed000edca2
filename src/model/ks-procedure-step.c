/* ks-procedure-step.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-procedure-step"

#include "config.h"

#include "ks-procedure-step.h"

enum {
  PROP_0,
  PROP_UUID,
  PROP_KEY,
  PROP_LABEL,
  PROP_REQUIRED,
  PROP_SORT_ORDER,
  N_PROPS
};

/* The string properties come first and are kept by property id. */
#define N_STRINGS PROP_REQUIRED

struct _KsProcedureStep
{
  GObject   parent_instance;

  char     *strings[N_STRINGS];
  gboolean  required;
  int       sort_order;
};

G_DEFINE_FINAL_TYPE (KsProcedureStep, ks_procedure_step, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ks_procedure_step_finalize (GObject *object)
{
  KsProcedureStep *self = KS_PROCEDURE_STEP (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (ks_procedure_step_parent_class)->finalize (object);
}

static void
ks_procedure_step_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KsProcedureStep *self = KS_PROCEDURE_STEP (object);

  switch (prop_id)
    {
    case PROP_UUID:
    case PROP_KEY:
    case PROP_LABEL:
      g_value_set_string (value, self->strings[prop_id]);
      break;
    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;
    case PROP_SORT_ORDER:
      g_value_set_int (value, self->sort_order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_procedure_step_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KsProcedureStep *self = KS_PROCEDURE_STEP (object);

  switch (prop_id)
    {
    case PROP_UUID:
    case PROP_KEY:
    case PROP_LABEL:
      g_free (self->strings[prop_id]);
      self->strings[prop_id] = g_strdup (g_value_get_string (value) != NULL
                                         ? g_value_get_string (value) : "");
      break;
    case PROP_REQUIRED:
      self->required = g_value_get_boolean (value);
      break;
    case PROP_SORT_ORDER:
      self->sort_order = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_procedure_step_class_init (KsProcedureStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                      G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = ks_procedure_step_finalize;
  object_class->get_property = ks_procedure_step_get_property;
  object_class->set_property = ks_procedure_step_set_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, "", flags);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, "", flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, "", flags);
  properties[PROP_REQUIRED] = g_param_spec_boolean ("required", NULL, NULL, TRUE, flags);
  properties[PROP_SORT_ORDER] = g_param_spec_int ("sort-order", NULL, NULL,
                                                  G_MININT, G_MAXINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_procedure_step_init (KsProcedureStep *self)
{
}

const char *
ks_procedure_step_get_uuid (KsProcedureStep *self)
{
  g_return_val_if_fail (KS_IS_PROCEDURE_STEP (self), NULL);
  return self->strings[PROP_UUID];
}

const char *
ks_procedure_step_get_key (KsProcedureStep *self)
{
  g_return_val_if_fail (KS_IS_PROCEDURE_STEP (self), NULL);
  return self->strings[PROP_KEY];
}

const char *
ks_procedure_step_get_label (KsProcedureStep *self)
{
  g_return_val_if_fail (KS_IS_PROCEDURE_STEP (self), NULL);
  return self->strings[PROP_LABEL];
}

gboolean
ks_procedure_step_get_required (KsProcedureStep *self)
{
  g_return_val_if_fail (KS_IS_PROCEDURE_STEP (self), FALSE);
  return self->required;
}

int
ks_procedure_step_get_sort_order (KsProcedureStep *self)
{
  g_return_val_if_fail (KS_IS_PROCEDURE_STEP (self), 0);
  return self->sort_order;
}
