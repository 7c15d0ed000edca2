/* ks-chart.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-overview.h"

G_BEGIN_DECLS

#define KS_TYPE_CHART (ks_chart_get_type ())

G_DECLARE_FINAL_TYPE (KsChart, ks_chart, KS, CHART, GtkWidget)

/*
 * A bar chart drawn with cairo: vertical bars, or horizontal bars when
 * "horizontal" is set (long labels such as region names), stacked with
 * a legend when the data has several series.  Colours follow the theme.
 *
 * Clicking a bar or a segment, or pressing Enter or Space on the bar
 * selected with the arrow keys, emits #KsChart::activated with the
 * category's key and the segment's series key (%NULL for the whole bar)
 * when "activatable" is set.  The values are the accessible description.
 */

GtkWidget  *ks_chart_new             (void);
void        ks_chart_set_data        (KsChart                *self,
                                      const KsOverviewSeries *data);
void        ks_chart_set_title       (KsChart                *self,
                                      const char             *title);
const char *ks_chart_get_title       (KsChart                *self);
void        ks_chart_set_horizontal  (KsChart                *self,
                                      gboolean                horizontal);
gboolean    ks_chart_get_horizontal  (KsChart                *self);
void        ks_chart_set_activatable (KsChart                *self,
                                      gboolean                activatable);
gboolean    ks_chart_get_activatable (KsChart                *self);
const char *ks_chart_get_summary     (KsChart                *self);
int         ks_chart_get_selected    (KsChart                *self);

G_END_DECLS
