/* ks-partner.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-partner"

#include "config.h"

#include "ks-partner.h"

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

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (ks_partner_parent_class)->finalize (object);
}

static void
ks_partner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KsPartner *self = KS_PARTNER (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_partner_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KsPartner *self = KS_PARTNER (object);
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
ks_partner_class_init (KsPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_partner_finalize;
  object_class->get_property = ks_partner_get_property;
  object_class->set_property = ks_partner_set_property;

  properties[PROP_UUID] = string_pspec ("uuid");
  properties[PROP_NAME] = string_pspec ("name");
  properties[PROP_KIND] = string_pspec ("kind");
  properties[PROP_COUNTRY] = string_pspec ("country");
  properties[PROP_LOCALITY] = string_pspec ("locality");

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
