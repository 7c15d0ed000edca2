/* ks-overview-page.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-agreement-list.h"

G_BEGIN_DECLS

#define KS_TYPE_OVERVIEW_PAGE (ks_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (KsOverviewPage, ks_overview_page, KS, OVERVIEW_PAGE, GtkWidget)

/*
 * The register at a glance: headline figures and charts for the regions
 * and years of the list's filter, refreshed when the register, those
 * criteria or the smart views' thresholds change.
 *
 * Clicking a figure, a bar or a segment emits
 * #KsOverviewPage::show-agreements with a new #KsAgreementFilter that
 * selects those agreements, for the window to apply to its table.
 */

GtkWidget       *ks_overview_page_new      (void);
void             ks_overview_page_set_list (KsOverviewPage  *self,
                                            KsAgreementList *list);
KsAgreementList *ks_overview_page_get_list (KsOverviewPage  *self);

G_END_DECLS
