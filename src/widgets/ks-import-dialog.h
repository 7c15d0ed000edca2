/* ks-import-dialog.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_IMPORT_DIALOG (ks_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsImportDialog, ks_import_dialog, KS, IMPORT_DIALOG, AdwWindow)

KsImportDialog *ks_import_dialog_new            (GtkWindow      *parent,
                                                 KsDatabase     *db);
void            ks_import_dialog_set_file       (KsImportDialog *self,
                                                 GFile          *file);
gboolean        ks_import_dialog_save_template  (KsImportDialog *self,
                                                 GFile          *file,
                                                 GError        **error);

G_END_DECLS
