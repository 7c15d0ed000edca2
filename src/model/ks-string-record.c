/* ks-string-record.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ks-string-record.h"

/* Set once at construction: these records are read from the register and
 * never edited in place. */
GParamSpec *
ks_string_record_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                              G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

void
ks_string_record_get_property (char       **strings,
                               guint        n_props,
                               GObject     *object,
                               guint        prop_id,
                               GValue      *value,
                               GParamSpec  *pspec)
{
  if (prop_id > 0 && prop_id < n_props)
    g_value_set_string (value, strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
ks_string_record_set_property (char         **strings,
                               guint          n_props,
                               GObject       *object,
                               guint          prop_id,
                               const GValue  *value,
                               GParamSpec    *pspec)
{
  const char *text;

  if (prop_id == 0 || prop_id >= n_props)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  text = g_value_get_string (value);
  g_free (strings[prop_id]);
  strings[prop_id] = g_strdup (text != NULL ? text : "");
}

void
ks_string_record_clear (char  **strings,
                        guint   n_props)
{
  for (guint i = 0; i < n_props; i++)
    g_clear_pointer (&strings[i], g_free);
}
