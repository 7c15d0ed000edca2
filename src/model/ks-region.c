/* ks-region.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-region"

#include "config.h"

#include "ks-region.h"
#include "ks-string-record.h"

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

  ks_string_record_clear (self->strings, N_PROPS);

  G_OBJECT_CLASS (ks_region_parent_class)->finalize (object);
}

static void
ks_region_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ks_string_record_get_property (KS_REGION (object)->strings, N_PROPS, object, prop_id, value, pspec);
}

static void
ks_region_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ks_string_record_set_property (KS_REGION (object)->strings, N_PROPS, object, prop_id, value, pspec);
}

static void
ks_region_class_init (KsRegionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_region_finalize;
  object_class->get_property = ks_region_get_property;
  object_class->set_property = ks_region_set_property;

  properties[PROP_UUID] = ks_string_record_pspec ("uuid");
  properties[PROP_CODE] = ks_string_record_pspec ("code");
  properties[PROP_NAME] = ks_string_record_pspec ("name");
  properties[PROP_KIND] = ks_string_record_pspec ("kind");
  properties[PROP_PROVINCE_CODE] = ks_string_record_pspec ("province-code");
  properties[PROP_GROUP] = ks_string_record_pspec ("group");

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
