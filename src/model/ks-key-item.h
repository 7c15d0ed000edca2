/* ks-key-item.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_KEY_ITEM (ks_key_item_get_type ())

G_DECLARE_FINAL_TYPE (KsKeyItem, ks_key_item, KS, KEY_ITEM, GObject)

KsKeyItem  *ks_key_item_new             (const char *key,
                                         const char *label,
                                         const char *description);
const char *ks_key_item_get_key         (KsKeyItem  *self);
const char *ks_key_item_get_label       (KsKeyItem  *self);
const char *ks_key_item_get_description (KsKeyItem  *self);

G_END_DECLS
