/* ks-report.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ks-agreement-filter.h"
#include "ks-database.h"
#include "ks-region.h"

G_BEGIN_DECLS

/**
 * KsReportColumn:
 * @KS_REPORT_COLUMN_NUMBER: "No.", the row's number within its table
 * @KS_REPORT_COLUMN_PARTIES: local parties — partners (country)
 * @KS_REPORT_COLUMN_COOPERATION: the agreement's title
 * @KS_REPORT_COLUMN_FORM: the form's label
 * @KS_REPORT_COLUMN_SECTORS: the sectors' labels
 * @KS_REPORT_COLUMN_PERIOD: the localized period
 * @KS_REPORT_COLUMN_STAGE: the stage's label
 * @KS_REPORT_COLUMN_LAST_FOLLOW_UP: date and kind of the newest event
 * @KS_REPORT_COLUMN_NOTES: the agreement's notes
 *
 * The columns of every report table (DESIGN.md), in order.
 */
typedef enum
{
  KS_REPORT_COLUMN_NUMBER,
  KS_REPORT_COLUMN_PARTIES,
  KS_REPORT_COLUMN_COOPERATION,
  KS_REPORT_COLUMN_FORM,
  KS_REPORT_COLUMN_SECTORS,
  KS_REPORT_COLUMN_PERIOD,
  KS_REPORT_COLUMN_STAGE,
  KS_REPORT_COLUMN_LAST_FOLLOW_UP,
  KS_REPORT_COLUMN_NOTES,
  KS_REPORT_N_COLUMNS
} KsReportColumn;

/**
 * KsReportOptions:
 * @regions: Kemendagri codes of the regions to report on, %NULL for all
 * @year_from: first year of the period, 0 for open
 * @year_to: last year of the period, 0 for open
 * @letterhead: (nullable): lines printed above every report
 * @logo_path: (nullable): an image printed beside the letterhead (PDF)
 * @author: the staff name, written as the document's author
 * @today: the date the report is made, for "generated on" and the smart
 *   views
 * @follow_up_months: months without an event before an agreement needs
 *   follow-up
 * @signer_name: (nullable): who signs letters (the request lists), or
 *   %NULL for a blank line to write the name on
 * @signer_position: (nullable): the signer's position, or %NULL for a
 *   blank line
 */
typedef struct
{
  GStrv  regions;
  int    year_from;
  int    year_to;
  GStrv  letterhead;
  char  *logo_path;
  char  *author;
  GDate  today;
  guint  follow_up_months;
  char  *signer_name;
  char  *signer_position;
} KsReportOptions;

/**
 * KsReportRow:
 * @id: the agreement's row id
 * @uuid: the agreement's UUID
 * @region_code: its region's code
 * @texts: the cells, localized (%KS_REPORT_COLUMN_NUMBER is %NULL: each
 *   table numbers its own rows)
 * @stage: the stage key
 * @starts_on: the start the period rule used (ks_period_stand_in_start())
 * @ends_on: the end, or ""
 * @obstacles: the obstacle keys
 * @reason: why it is in the smart view the rows were asked for
 *   (ks_attention_describe()), or %NULL for %KS_SMART_VIEW_NONE
 *
 * One agreement as every output shows it.
 */
typedef struct
{
  gint64  id;
  char   *uuid;
  char   *region_code;
  char   *texts[KS_REPORT_N_COLUMNS];
  char   *stage;
  char   *starts_on;
  char   *ends_on;
  GStrv   obstacles;
  char   *reason;
} KsReportRow;

/**
 * KsReportProgress:
 * @fraction: how much is done, 0 to 1
 * @user_data: the data given with the callback
 *
 * Called from the thread doing the work.
 */
typedef void (*KsReportProgress) (double   fraction,
                                  gpointer user_data);

/**
 * KsReportRowFunc:
 * @row: the row, valid during the call
 * @user_data: the data given with the callback
 * @error: for the callback's own failure
 *
 * Returns: %FALSE with @error set to stop
 */
typedef gboolean (*KsReportRowFunc) (const KsReportRow  *row,
                                     gpointer            user_data,
                                     GError            **error);

KsReportOptions *ks_report_options_new             (void);
KsReportOptions *ks_report_options_copy            (const KsReportOptions *options);
void             ks_report_options_free            (KsReportOptions       *options);
char            *ks_report_options_format_period   (const KsReportOptions *options);

KsReportRow     *ks_report_row_copy                (const KsReportRow     *row);
void             ks_report_row_free                (KsReportRow           *row);

const char      *ks_report_column_get_label        (KsReportColumn         column);
double           ks_report_column_get_width        (KsReportColumn         column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsReportOptions, ks_report_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsReportRow, ks_report_row_free)

#define KS_TYPE_REPORT (ks_report_get_type ())

G_DECLARE_FINAL_TYPE (KsReport, ks_report, KS, REPORT, GObject)

/*
 * The one report definition behind every output (the per-region workbook,
 * the annual report in XLSX and PDF, printing): which agreements belong
 * (the selected regions, and the period by ks_period_overlaps_years()
 * through #KsAgreementFilter), in which order (region code, then period),
 * and what each cell says.  Tallies per region come with the rows.
 */

KsReport              *ks_report_new               (KsDatabase             *db,
                                                    const KsReportOptions  *options,
                                                    GError                **error);
const KsReportOptions *ks_report_get_options       (KsReport               *self);
KsDatabase            *ks_report_get_database      (KsReport               *self);
guint                  ks_report_get_n_regions     (KsReport               *self);
KsRegion              *ks_report_get_region        (KsReport               *self,
                                                    guint                   index);
gboolean               ks_report_foreach_row       (KsReport               *self,
                                                    const char * const     *region_codes,
                                                    int                     year_from,
                                                    int                     year_to,
                                                    KsSmartView             view,
                                                    KsReportRowFunc         func,
                                                    gpointer                user_data,
                                                    GCancellable           *cancellable,
                                                    GError                **error);
gboolean               ks_report_count             (KsReport               *self,
                                                    const char * const     *region_codes,
                                                    KsSmartView             view,
                                                    guint                  *count,
                                                    GError                **error);
GStrv                  ks_report_dup_region_codes  (KsReport               *self);
void                   ks_report_set_status_date   (KsReport               *self,
                                                    const GDate            *date);

/* Writing a file so that a failure or a cancel leaves nothing behind. */
char                  *ks_report_temp_path_for     (const char             *path,
                                                    GError                **error);
gboolean               ks_report_commit_temp       (const char             *temp_path,
                                                    const char             *path,
                                                    GError                **error);

G_END_DECLS
