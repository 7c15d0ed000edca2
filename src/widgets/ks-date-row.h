/* ks-date-row.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KS_TYPE_DATE_ROW (ks_date_row_get_type ())

G_DECLARE_FINAL_TYPE (KsDateRow, ks_date_row, KS, DATE_ROW, AdwActionRow)

GtkWidget   *ks_date_row_new       (void);
const char  *ks_date_row_get_value (KsDateRow  *self);
void         ks_date_row_set_value (KsDateRow  *self,
                                    const char *iso);
gboolean     ks_date_row_get_valid (KsDateRow  *self);
const char  *ks_date_row_get_error (KsDateRow  *self);
GtkEditable *ks_date_row_get_entry (KsDateRow  *self);

G_END_DECLS
