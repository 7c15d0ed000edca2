/* ks-column-sorter.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-agreement-list.h"

G_BEGIN_DECLS

#define KS_TYPE_COLUMN_SORTER (ks_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (KsColumnSorter, ks_column_sorter, KS, COLUMN_SORTER, GtkSorter)

KsColumnSorter        *ks_column_sorter_new        (KsAgreementSortColumn  column);
KsAgreementSortColumn  ks_column_sorter_get_column (KsColumnSorter        *self);
KsAgreementSortColumn  ks_column_sorter_read_view  (GtkColumnView         *view,
                                                    gboolean              *descending);

G_END_DECLS
