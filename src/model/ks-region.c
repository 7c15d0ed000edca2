/* ks-region.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-region"

#include "config.h"

#include "ks-region.h"

enum {
  PROP_0,
  PROP_UUID,
  PROP_CODE,
  PROP_NAME,
  PROP_KIND,
  PROP_PROVINCE_CODE,
  PROP_GROUP,
  N_PROPS
};

struct _KsRegion
{
  GObject  parent_instance;

  /* Every property is a string, kept by property id. */
  char    *strings[N_PROPS];
};

G_DEFINE_FINAL_TYPE (KsRegion, ks_region, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ks_region_finalize (GObject *object)
{
  KsRegion *self = KS_REGION (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (ks_region_parent_class)->finalize (object);
}

static void
ks_region_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KsRegion *self = KS_REGION (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_region_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KsRegion *self = KS_REGION (object);
  const char *text;

  if (prop_id <= PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  text = g_value_get_string (value);
  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (text != NULL ? text : "");
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                              G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
ks_region_class_init (KsRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_region_finalize;
  object_class->get_property = ks_region_get_property;
  object_class->set_property = ks_region_set_property;

  properties[PROP_UUID] = string_pspec ("uuid");
  properties[PROP_CODE] = string_pspec ("code");
  properties[PROP_NAME] = string_pspec ("name");
  properties[PROP_KIND] = string_pspec ("kind");
  properties[PROP_PROVINCE_CODE] = string_pspec ("province-code");
  properties[PROP_GROUP] = string_pspec ("group");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_region_init (KsRegion *self)
{
}

const char *
ks_region_get_uuid (KsRegion *self)
{
  g_return_val_if_fail (KS_IS_REGION (self), NULL);
  return self->strings[PROP_UUID];
}

const char *
ks_region_get_code (KsRegion *self)
{
  g_return_val_if_fail (KS_IS_REGION (self), NULL);
  return self->strings[PROP_CODE];
}

const char *
ks_region_get_name (KsRegion *self)
{
  g_return_val_if_fail (KS_IS_REGION (self), NULL);
  return self->strings[PROP_NAME];
}

const char *
ks_region_get_kind (KsRegion *self)
{
  g_return_val_if_fail (KS_IS_REGION (self), NULL);
  return self->strings[PROP_KIND];
}

const char *
ks_region_get_province_code (KsRegion *self)
{
  g_return_val_if_fail (KS_IS_REGION (self), NULL);
  return self->strings[PROP_PROVINCE_CODE];
}

const char *
ks_region_get_group (KsRegion *self)
{
  g_return_val_if_fail (KS_IS_REGION (self), NULL);
  return self->strings[PROP_GROUP];
}
