/* ks-region-dialog.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_REGION_DIALOG (ks_region_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsRegionDialog, ks_region_dialog, KS, REGION_DIALOG, AdwWindow)

KsRegionDialog *ks_region_dialog_new (GtkWindow  *parent,
                                      KsDatabase *db);

G_END_DECLS
