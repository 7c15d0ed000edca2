/* ks-filter-popover.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-agreement-filter.h"

G_BEGIN_DECLS

#define KS_TYPE_FILTER_POPOVER (ks_filter_popover_get_type ())

G_DECLARE_FINAL_TYPE (KsFilterPopover, ks_filter_popover, KS, FILTER_POPOVER, GtkPopover)

GtkWidget *ks_filter_popover_new        (void);
void       ks_filter_popover_set_filter (KsFilterPopover   *self,
                                         KsAgreementFilter *filter);

G_END_DECLS
