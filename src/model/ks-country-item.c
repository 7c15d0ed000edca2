/* ks-country-item.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-country-item"

#include "config.h"

#include "ks-country-item.h"

/**
 * KsCountryItem:
 *
 * One ISO 3166-1 country as a row that a searchable chooser can bind to.
 * Items are immutable: the name is translated once, when the item is made.
 * The English name is kept beside it because partners' documents are
 * often in English, so users type either.
 */
struct _KsCountryItem
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *english_name;
};

G_DEFINE_FINAL_TYPE (KsCountryItem, ks_country_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_ENGLISH_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ks_country_item_finalize (GObject *object)
{
  KsCountryItem *self = (KsCountryItem *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->english_name, g_free);

  G_OBJECT_CLASS (ks_country_item_parent_class)->finalize (object);
}

static void
ks_country_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KsCountryItem *self = KS_COUNTRY_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ENGLISH_NAME:
      g_value_set_string (value, self->english_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_country_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KsCountryItem *self = KS_COUNTRY_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_ENGLISH_NAME:
      self->english_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_country_item_class_init (KsCountryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_country_item_finalize;
  object_class->get_property = ks_country_item_get_property;
  object_class->set_property = ks_country_item_set_property;

  /**
   * KsCountryItem:code:
   *
   * The ISO 3166-1 alpha-2 code stored in the database, such as "NL".
   */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KsCountryItem:name:
   *
   * The name in the user's language, such as "Belanda".
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KsCountryItem:english-name:
   *
   * The untranslated name from iso-codes, such as "Netherlands", for
   * searching.
   */
  properties[PROP_ENGLISH_NAME] =
    g_param_spec_string ("english-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_country_item_init (KsCountryItem *self)
{
}

/**
 * ks_country_item_new:
 * @code: the alpha-2 code
 * @name: the translated name
 * @english_name: the untranslated name
 *
 * Returns: (transfer full): a new #KsCountryItem
 */
KsCountryItem *
ks_country_item_new (const char *code,
                     const char *name,
                     const char *english_name)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (english_name != NULL, NULL);

  return g_object_new (KS_TYPE_COUNTRY_ITEM,
                       "code", code,
                       "name", name,
                       "english-name", english_name,
                       NULL);
}

/**
 * ks_country_item_get_code:
 *
 * Returns: (transfer none): the alpha-2 code
 */
const char *
ks_country_item_get_code (KsCountryItem *self)
{
  g_return_val_if_fail (KS_IS_COUNTRY_ITEM (self), NULL);

  return self->code;
}

/**
 * ks_country_item_get_name:
 *
 * Returns: (transfer none): the name in the user's language
 */
const char *
ks_country_item_get_name (KsCountryItem *self)
{
  g_return_val_if_fail (KS_IS_COUNTRY_ITEM (self), NULL);

  return self->name;
}

/**
 * ks_country_item_get_english_name:
 *
 * Returns: (transfer none): the untranslated name
 */
const char *
ks_country_item_get_english_name (KsCountryItem *self)
{
  g_return_val_if_fail (KS_IS_COUNTRY_ITEM (self), NULL);

  return self->english_name;
}
