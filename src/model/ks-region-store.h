/* ks-region-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"
#include "ks-region.h"

G_BEGIN_DECLS

#define KS_REGION_NAME_MAX 300

GListStore *ks_region_store_list             (KsDatabase  *db,
                                              GError     **error);
KsRegion   *ks_region_store_lookup           (KsDatabase  *db,
                                              const char  *text,
                                              GError     **error);
KsRegion   *ks_region_store_find             (GListModel  *regions,
                                              const char  *text,
                                              GError     **error);
KsRegion   *ks_region_store_add              (KsDatabase  *db,
                                              const char  *code,
                                              const char  *name,
                                              const char  *kind,
                                              const char  *province_code,
                                              const char  *group,
                                              GError     **error);
gboolean    ks_region_store_adopt            (KsDatabase  *db,
                                              KsRegion    *region,
                                              const char  *source,
                                              GError     **error);
GStrv       ks_region_store_list_local_parties (KsDatabase  *db,
                                                const char  *region_code,
                                                GError     **error);
GStrv       ks_region_store_list_agencies    (KsDatabase  *db,
                                              GError     **error);

G_END_DECLS
