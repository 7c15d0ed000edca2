/* ks-country-item.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_COUNTRY_ITEM (ks_country_item_get_type ())

G_DECLARE_FINAL_TYPE (KsCountryItem, ks_country_item, KS, COUNTRY_ITEM, GObject)

KsCountryItem *ks_country_item_new              (const char    *code,
                                                 const char    *name,
                                                 const char    *english_name);
const char    *ks_country_item_get_code         (KsCountryItem *self);
const char    *ks_country_item_get_name         (KsCountryItem *self);
const char    *ks_country_item_get_english_name (KsCountryItem *self);

G_END_DECLS
