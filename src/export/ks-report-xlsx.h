/* ks-report-xlsx.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-report.h"

G_BEGIN_DECLS

gboolean ks_report_write_xlsx (KsReport          *report,
                               const char        *path,
                               GCancellable      *cancellable,
                               KsReportProgress   progress,
                               gpointer           progress_data,
                               GError           **error);

G_END_DECLS
