/* ks-overview.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement-list.h"

G_BEGIN_DECLS

/**
 * KsOverviewSeries:
 * @category_keys: what each bar stands for: a region code, a year
 *   ("2015"), an ISO country code, an obstacle key
 * @category_labels: what each bar is called, translated
 * @series_keys: what each segment of a bar stands for (stage keys,
 *   currency codes), or one "" for plain bars
 * @series_labels: the legend, translated ("" for plain bars)
 * @series_colors: a stable colour index per series (the stage's place
 *   in the stage order), so that a stage keeps its colour
 * @values: @n_categories × @n_series numbers, category by category
 * @n_categories: bars
 * @n_series: segments per bar
 *
 * The numbers behind one chart of the overview.
 */
typedef struct
{
  GStrv    category_keys;
  GStrv    category_labels;
  GStrv    series_keys;
  GStrv    series_labels;
  guint   *series_colors;
  double  *values;
  guint    n_categories;
  guint    n_series;
} KsOverviewSeries;

/**
 * KsOverview:
 * @n_agreements: agreements in the regions and years
 * @n_running: of which signed or active
 * @n_needs_follow_up: of which in the "needs follow-up" view
 * @n_expiring: of which in the "expiring" view
 * @n_not_reported: of which in the "not reported" view
 * @n_countries: distinct countries of their partners
 * @by_region: agreements per region (categories, in code order; every
 *   selected region, even without agreements) stacked by stage (series)
 * @by_year: new agreements per year of signing, or of start when the
 *   signing date is unknown; one series; every year between the first
 *   and the last, within the filter's years
 * @by_country: partners per country, the ten countries with most
 * @obstacles: agreements per obstacle, every obstacle in key order
 * @spending: the cost of follow-up events per year (categories) and
 *   currency (series, IDR first), in currency units; currencies are
 *   never added together
 *
 * What the overview page shows, for the regions and years of a filter.
 */
typedef struct
{
  guint             n_agreements;
  guint             n_running;
  guint             n_needs_follow_up;
  guint             n_expiring;
  guint             n_not_reported;
  guint             n_countries;
  KsOverviewSeries *by_region;
  KsOverviewSeries *by_year;
  KsOverviewSeries *by_country;
  KsOverviewSeries *obstacles;
  KsOverviewSeries *spending;
} KsOverview;

KsOverviewSeries *ks_overview_series_copy (const KsOverviewSeries *series);
void        ks_overview_series_free       (KsOverviewSeries       *series);

KsOverview *ks_overview_compute           (KsAgreementList        *list,
                                           GError                **error);
void        ks_overview_free              (KsOverview             *overview);
double      ks_overview_series_get        (const KsOverviewSeries *series,
                                           guint                   category,
                                           guint                   series_index);
double      ks_overview_series_get_total  (const KsOverviewSeries *series,
                                           guint                   category);
int         ks_overview_series_find       (const KsOverviewSeries *series,
                                           const char             *category_key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsOverview, ks_overview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsOverviewSeries, ks_overview_series_free)

G_END_DECLS
