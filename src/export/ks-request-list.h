/* ks-request-list.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-report.h"

G_BEGIN_DECLS

/**
 * KsRequestItem:
 * @row: the agreement as every report shows it
 * @missing: what the agency is asked for, one reason sentence per line
 *
 * One agreement on an agency's request list.
 */
typedef struct
{
  KsReportRow *row;
  char        *missing;
} KsRequestItem;

/**
 * KsRequestAgency:
 * @id: the local party's row id
 * @name: the local party's name
 * @region_code: its region's code
 * @region_name: its region's name
 * @items: (element-type KsRequestItem): its agreements, in period order
 *
 * One letter: an agency and what it is asked to send.
 */
typedef struct
{
  gint64     id;
  char      *name;
  char      *region_code;
  char      *region_name;
  GPtrArray *items;
} KsRequestAgency;

#define KS_TYPE_REQUEST_LIST (ks_request_list_get_type ())

G_DECLARE_FINAL_TYPE (KsRequestList, ks_request_list, KS, REQUEST_LIST, GObject)

/*
 * Chasing the agencies ("jemput bola"): for each local party that
 * implements agreements of the report's regions (role implementing),
 * the agreements it has to report on — those needing follow-up, and
 * those not reported that it never reported to the cooperation section
 * (reported_by_agency_on empty) — each with the reason of the smart
 * view (ks-attention).  One letter per agency, in region code and name
 * order, written as one sheet (XLSX) or one letter of pages (PDF, print)
 * per agency.
 */

KsRequestList         *ks_request_list_new              (KsReport          *report,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
KsReport              *ks_request_list_get_report       (KsRequestList     *self);
guint                  ks_request_list_get_n_agencies   (KsRequestList     *self);
const KsRequestAgency *ks_request_list_get_agency       (KsRequestList     *self,
                                                         guint              index);
const char            *ks_request_list_get_title        (void);
char                  *ks_request_list_dup_addressee    (const KsRequestAgency *agency);
char                  *ks_request_list_dup_body         (const KsRequestAgency *agency);
const char            *ks_request_list_get_greeting     (void);
const char            *ks_request_list_get_closing      (void);
GStrv                  ks_request_list_dup_signature    (KsRequestList     *self);
const char            *ks_request_list_get_column_label (guint              column);
double                 ks_request_list_get_column_width (guint              column);
char                  *ks_request_list_dup_cell         (const KsRequestItem *item,
                                                         guint              column);

gboolean               ks_request_list_write_xlsx       (KsRequestList     *self,
                                                         const char        *path,
                                                         GCancellable      *cancellable,
                                                         KsReportProgress   progress,
                                                         gpointer           progress_data,
                                                         GError           **error);
gboolean               ks_request_list_write            (KsRequestList     *self,
                                                         const char        *path,
                                                         GCancellable      *cancellable,
                                                         KsReportProgress   progress,
                                                         gpointer           progress_data,
                                                         GError           **error);

#define KS_REQUEST_LIST_N_COLUMNS 6

G_END_DECLS
