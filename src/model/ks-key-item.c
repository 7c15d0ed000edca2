/* ks-key-item.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-key-item"

#include "config.h"

#include "ks-key-item.h"

/**
 * KsKeyItem:
 *
 * One key of a #KsKeySet with its translated label, as a row that a
 * GtkDropDown or a list can bind to.  Items are immutable: the label is
 * translated once, when the item is made.
 */
struct _KsKeyItem
{
  GObject  parent_instance;

  char    *key;
  char    *label;
  char    *description;
};

G_DEFINE_FINAL_TYPE (KsKeyItem, ks_key_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ks_key_item_finalize (GObject *object)
{
  KsKeyItem *self = (KsKeyItem *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (ks_key_item_parent_class)->finalize (object);
}

static void
ks_key_item_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KsKeyItem *self = KS_KEY_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_key_item_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KsKeyItem *self = KS_KEY_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_key_item_class_init (KsKeyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_key_item_finalize;
  object_class->get_property = ks_key_item_get_property;
  object_class->set_property = ks_key_item_set_property;

  /**
   * KsKeyItem:key:
   *
   * The stable English key stored in the database and the CSV format.
   */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KsKeyItem:label:
   *
   * The translated label users see.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KsKeyItem:description:
   *
   * A translated sentence for a tooltip, or %NULL when the label says it all.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_key_item_init (KsKeyItem *self)
{
}

/**
 * ks_key_item_new:
 * @key: the stored key
 * @label: the translated label
 * @description: (nullable): a translated tooltip text
 *
 * Returns: (transfer full): a new #KsKeyItem
 */
KsKeyItem *
ks_key_item_new (const char *key,
                 const char *label,
                 const char *description)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_object_new (KS_TYPE_KEY_ITEM,
                       "key", key,
                       "label", label,
                       "description", description,
                       NULL);
}

/**
 * ks_key_item_get_key:
 *
 * Returns: (transfer none): the stored key
 */
const char *
ks_key_item_get_key (KsKeyItem *self)
{
  g_return_val_if_fail (KS_IS_KEY_ITEM (self), NULL);

  return self->key;
}

/**
 * ks_key_item_get_label:
 *
 * Returns: (transfer none): the translated label
 */
const char *
ks_key_item_get_label (KsKeyItem *self)
{
  g_return_val_if_fail (KS_IS_KEY_ITEM (self), NULL);

  return self->label;
}

/**
 * ks_key_item_get_description:
 *
 * Returns: (transfer none) (nullable): the translated tooltip text
 */
const char *
ks_key_item_get_description (KsKeyItem *self)
{
  g_return_val_if_fail (KS_IS_KEY_ITEM (self), NULL);

  return self->description;
}
