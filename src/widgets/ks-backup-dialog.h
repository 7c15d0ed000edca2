/* ks-backup-dialog.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_BACKUP_DIALOG (ks_backup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsBackupDialog, ks_backup_dialog, KS, BACKUP_DIALOG, AdwWindow)

KsBackupDialog *ks_backup_dialog_new           (GtkWindow      *parent,
                                                KsDatabase     *db);
void            ks_backup_dialog_back_up_to    (KsBackupDialog *self,
                                                GFile          *file);
AdwMessageDialog *ks_backup_dialog_ask_restore (KsBackupDialog *self,
                                                GFile          *file);

G_END_DECLS
