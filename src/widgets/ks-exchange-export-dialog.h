/* ks-exchange-export-dialog.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_EXCHANGE_EXPORT_DIALOG (ks_exchange_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsExchangeExportDialog, ks_exchange_export_dialog, KS, EXCHANGE_EXPORT_DIALOG, AdwWindow)

KsExchangeExportDialog *ks_exchange_export_dialog_new       (GtkWindow              *parent,
                                                             KsDatabase             *db,
                                                             GSettings              *settings,
                                                             const char * const     *selected_uuids,
                                                             const char             *shown_region);
void                    ks_exchange_export_dialog_export_to (KsExchangeExportDialog *self,
                                                             GFile                  *file);

G_END_DECLS
