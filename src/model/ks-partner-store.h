/* ks-partner-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"
#include "ks-partner.h"

G_BEGIN_DECLS

GListStore *ks_partner_store_list (KsDatabase  *db,
                                   GError     **error);

G_END_DECLS
