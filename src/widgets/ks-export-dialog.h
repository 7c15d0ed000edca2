/* ks-export-dialog.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_EXPORT_DIALOG (ks_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsExportDialog, ks_export_dialog, KS, EXPORT_DIALOG, AdwWindow)

KsExportDialog *ks_export_dialog_new        (GtkWindow      *parent,
                                             KsDatabase     *db,
                                             GSettings      *settings);
void            ks_export_dialog_export_to  (KsExportDialog *self,
                                             GFile          *file);
AdwToast       *ks_export_toast_new         (GtkWindow      *parent,
                                             GFile          *file);

G_END_DECLS
