/* ks-merge-dialog.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_MERGE_DIALOG (ks_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsMergeDialog, ks_merge_dialog, KS, MERGE_DIALOG, AdwWindow)

KsMergeDialog *ks_merge_dialog_new       (GtkWindow     *parent,
                                          KsDatabase    *db);
void           ks_merge_dialog_set_file  (KsMergeDialog *self,
                                          GFile         *file);

G_END_DECLS
