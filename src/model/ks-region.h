/* ks-region.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_REGION (ks_region_get_type ())

G_DECLARE_FINAL_TYPE (KsRegion, ks_region, KS, REGION, GObject)

/*
 * A kabupaten, kota or provinsi, with its Kemendagri code ("33.14").
 * Construct-only properties: "uuid", "code", "name" ("Kabupaten Sragen"),
 * "kind" (kabupaten, kota, provinsi), "province-code" ("33"), "group"
 * ("Karesidenan Surakarta", or "").
 */
const char *ks_region_get_uuid          (KsRegion *self);
const char *ks_region_get_code          (KsRegion *self);
const char *ks_region_get_name          (KsRegion *self);
const char *ks_region_get_kind          (KsRegion *self);
const char *ks_region_get_province_code (KsRegion *self);
const char *ks_region_get_group         (KsRegion *self);

G_END_DECLS
