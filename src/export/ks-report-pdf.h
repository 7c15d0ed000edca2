/* ks-report-pdf.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ks-report-annual.h"
#include "ks-request-list.h"

G_BEGIN_DECLS

/* A4 landscape, in points: the report's tables need the width (the
 * letters of the request lists turn it to portrait). */
#define KS_REPORT_PAGE_WIDTH  841.89
#define KS_REPORT_PAGE_HEIGHT 595.28

#define KS_TYPE_REPORT_PAGES (ks_report_pages_get_type ())

G_DECLARE_FINAL_TYPE (KsReportPages, ks_report_pages, KS, REPORT_PAGES, GObject)

/*
 * The annual report laid out on pages with cairo and pango, on any
 * cairo_t whose unit is the point: a PDF surface (no display needed) or
 * the window's GtkPrintOperation.  Paginate once for the page size, then
 * draw each page: letterhead and title on the first, tables that break
 * across pages with their header repeated, "page X of Y" on every one.
 */

KsReportPages *ks_report_pages_new        (KsAnnualReport  *annual);
KsReportPages *ks_report_pages_new_for_requests (KsRequestList *requests);
gboolean       ks_report_pages_get_portrait (KsReportPages *self);
const char    *ks_report_pages_get_title  (KsReportPages   *self);
void           ks_report_pages_begin_layout (KsReportPages *self,
                                           cairo_t         *cr,
                                           double           width,
                                           double           height);
gboolean       ks_report_pages_continue_layout (KsReportPages *self,
                                           guint            max_steps,
                                           double          *fraction);
guint          ks_report_pages_paginate   (KsReportPages   *self,
                                           cairo_t         *cr,
                                           double           width,
                                           double           height);
guint          ks_report_pages_get_n_pages (KsReportPages  *self);
void           ks_report_pages_draw_page  (KsReportPages   *self,
                                           cairo_t         *cr,
                                           guint            page);
gboolean       ks_report_pages_write      (KsReportPages   *pages,
                                           const char      *path,
                                           GCancellable    *cancellable,
                                           KsReportProgress progress,
                                           gpointer         progress_data,
                                           GError         **error);
gboolean       ks_report_pages_write_pdf  (KsAnnualReport  *annual,
                                           const char      *path,
                                           GCancellable    *cancellable,
                                           KsReportProgress progress,
                                           gpointer         progress_data,
                                           GError         **error);

G_END_DECLS
