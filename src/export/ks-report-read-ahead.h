/* ks-report-read-ahead.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-report.h"

G_BEGIN_DECLS

/*
 * The rows of a report's regions, read on a thread a few batches
 * ahead of the one that writes them.  At 100,000 agreements reading the
 * register and building the rows (about 1.3 s) and writing a workbook's
 * cells (about 0.8 s) each keep a core busy, so they overlap.  While it
 * runs, the thread is the only user of the report.
 */
typedef struct _KsReportReadAhead KsReportReadAhead;

/**
 * KsRegionCounts:
 * @n_follow_up: the region's agreements of the period that need follow-up
 * @n_not_reported: those not reported to the centre
 */
typedef struct
{
  guint n_follow_up;
  guint n_not_reported;
} KsRegionCounts;

KsReportReadAhead *ks_report_read_ahead_new  (KsReport           *report,
                                              GCancellable       *cancellable);
gboolean           ks_report_read_ahead_next (KsReportReadAhead  *self,
                                              KsReportRow       **row,
                                              KsRegionCounts     *counts,
                                              GError            **error);
void               ks_report_read_ahead_free (KsReportReadAhead  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsReportReadAhead, ks_report_read_ahead_free)

G_END_DECLS
