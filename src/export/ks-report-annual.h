/* ks-report-annual.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-report.h"

G_BEGIN_DECLS

/**
 * KsAnnualSection:
 * @KS_ANNUAL_SECTION_NEW: agreements that started (or were signed) in the year
 * @KS_ANNUAL_SECTION_RUNNING: agreements that ran through the year
 * @KS_ANNUAL_SECTION_ENDED: agreements that ended in the year
 * @KS_ANNUAL_SECTION_NEEDS_FOLLOW_UP: agreements of the year needing follow-up
 * @KS_ANNUAL_SECTION_NOT_REPORTED: agreements of the year not reported
 * @KS_ANNUAL_N_SECTIONS: the number of sections
 *
 * The agreement tables of the annual report, in order.  An agreement
 * that started and ended in the year is both new and ended.
 */
typedef enum
{
  KS_ANNUAL_SECTION_NEW,
  KS_ANNUAL_SECTION_RUNNING,
  KS_ANNUAL_SECTION_ENDED,
  KS_ANNUAL_SECTION_NEEDS_FOLLOW_UP,
  KS_ANNUAL_SECTION_NOT_REPORTED,
  KS_ANNUAL_N_SECTIONS
} KsAnnualSection;

/**
 * KsAnnualEvent:
 * @date: the localized date
 * @region: the region's name
 * @agreement: the agreement's title
 * @activity: "Visit: description"
 * @cost: hundredths of @currency, 0 when none
 * @currency: ISO 4217
 *
 * One follow-up event of the year, as the report shows it.
 */
typedef struct
{
  char   *date;
  char   *region;
  char   *agreement;
  char   *activity;
  gint64  cost;
  char   *currency;
} KsAnnualEvent;

#define KS_TYPE_ANNUAL_REPORT (ks_annual_report_get_type ())

G_DECLARE_FINAL_TYPE (KsAnnualReport, ks_annual_report, KS, ANNUAL_REPORT, GObject)

KsAnnualReport  *ks_annual_report_new              (KsReport          *report,
                                                    GCancellable      *cancellable,
                                                    GError           **error);
KsReport        *ks_annual_report_get_report       (KsAnnualReport    *self);
int              ks_annual_report_get_year         (KsAnnualReport    *self);
const char      *ks_annual_section_get_title       (KsAnnualSection    section);
GPtrArray       *ks_annual_report_get_rows         (KsAnnualReport    *self,
                                                    KsAnnualSection    section);
GPtrArray       *ks_annual_report_get_events       (KsAnnualReport    *self);
char            *ks_annual_report_format_costs     (KsAnnualReport    *self);
char            *ks_annual_report_format_cost      (gint64             cost,
                                                    const char        *currency);
const guint     *ks_annual_report_get_obstacles    (KsAnnualReport    *self);
char            *ks_annual_report_dup_title        (KsAnnualReport    *self);
char            *ks_annual_report_dup_regions_text (KsAnnualReport    *self);

gboolean         ks_annual_report_write_xlsx       (KsAnnualReport    *self,
                                                    const char        *path,
                                                    GCancellable      *cancellable,
                                                    GError           **error);
gboolean         ks_annual_report_write            (KsAnnualReport    *self,
                                                    const char        *path,
                                                    GCancellable      *cancellable,
                                                    KsReportProgress   progress,
                                                    gpointer           progress_data,
                                                    GError           **error);

G_END_DECLS
