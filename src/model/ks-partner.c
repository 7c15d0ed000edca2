/* ks-partner.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-partner"

#include "config.h"

#include "ks-partner.h"
#include "ks-string-record.h"

enum {
  PROP_0,
  PROP_UUID,
  PROP_NAME,
  PROP_KIND,
  PROP_COUNTRY,
  PROP_LOCALITY,
  N_PROPS
};

struct _KsPartner
{
  GObject  parent_instance;

  /* Every property is a string, kept by property id. */
  char    *strings[N_PROPS];
};

G_DEFINE_FINAL_TYPE (KsPartner, ks_partner, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ks_partner_finalize (GObject *object)
{
  KsPartner *self = KS_PARTNER (object);

  ks_string_record_clear (self->strings, N_PROPS);

  G_OBJECT_CLASS (ks_partner_parent_class)->finalize (object);
}

static void
ks_partner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ks_string_record_get_property (KS_PARTNER (object)->strings, N_PROPS, object, prop_id, value, pspec);
}

static void
ks_partner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ks_string_record_set_property (KS_PARTNER (object)->strings, N_PROPS, object, prop_id, value, pspec);
}

static void
ks_partner_class_init (KsPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_partner_finalize;
  object_class->get_property = ks_partner_get_property;
  object_class->set_property = ks_partner_set_property;

  properties[PROP_UUID] = ks_string_record_pspec ("uuid");
  properties[PROP_NAME] = ks_string_record_pspec ("name");
  properties[PROP_KIND] = ks_string_record_pspec ("kind");
  properties[PROP_COUNTRY] = ks_string_record_pspec ("country");
  properties[PROP_LOCALITY] = ks_string_record_pspec ("locality");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_partner_init (KsPartner *self)
{
}

const char *
ks_partner_get_uuid (KsPartner *self)
{
  g_return_val_if_fail (KS_IS_PARTNER (self), NULL);
  return self->strings[PROP_UUID];
}

const char *
ks_partner_get_name (KsPartner *self)
{
  g_return_val_if_fail (KS_IS_PARTNER (self), NULL);
  return self->strings[PROP_NAME];
}

const char *
ks_partner_get_kind (KsPartner *self)
{
  g_return_val_if_fail (KS_IS_PARTNER (self), NULL);
  return self->strings[PROP_KIND];
}

const char *
ks_partner_get_country (KsPartner *self)
{
  g_return_val_if_fail (KS_IS_PARTNER (self), NULL);
  return self->strings[PROP_COUNTRY];
}

const char *
ks_partner_get_locality (KsPartner *self)
{
  g_return_val_if_fail (KS_IS_PARTNER (self), NULL);
  return self->strings[PROP_LOCALITY];
}
