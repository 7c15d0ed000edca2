/* ks-agreement-view.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-agreement-list.h"

G_BEGIN_DECLS

#define KS_TYPE_AGREEMENT_VIEW (ks_agreement_view_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreementView, ks_agreement_view, KS, AGREEMENT_VIEW, GtkWidget)

GtkWidget     *ks_agreement_view_new                (void);
void           ks_agreement_view_set_list           (KsAgreementView *self,
                                                     KsAgreementList *agreements,
                                                     GSettings       *settings);
GtkColumnView *ks_agreement_view_get_column_view    (KsAgreementView *self);
char         **ks_agreement_view_dup_selected_uuids (KsAgreementView *self);
guint          ks_agreement_view_get_n_selected     (KsAgreementView *self);
void           ks_agreement_view_set_show_region    (KsAgreementView *self,
                                                     gboolean         show_region);

KsAgreementSortColumn ks_agreement_view_read_saved_sort (GSettings *settings,
                                                         gboolean  *descending);

G_END_DECLS
