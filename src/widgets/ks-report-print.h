/* ks-report-print.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-database.h"
#include "ks-report.h"

G_BEGIN_DECLS

KsReportOptions *ks_report_options_new_from_settings (GSettings                *settings,
                                                      KsDatabase               *db);
GtkPrintOperation *ks_report_print_operation_new     (KsDatabase               *db,
                                                      GSettings                *settings,
                                                      int                       year,
                                                      const char * const       *regions,
                                                      GError                  **error);
gboolean         ks_report_print                     (GtkWindow                *parent,
                                                      KsDatabase               *db,
                                                      GSettings                *settings,
                                                      int                       year,
                                                      GError                  **error);
GtkPrintOperation *ks_request_print_operation_new    (KsDatabase               *db,
                                                      GSettings                *settings,
                                                      const char * const       *regions,
                                                      GError                  **error);
gboolean         ks_request_print                    (GtkWindow                *parent,
                                                      KsDatabase               *db,
                                                      GSettings                *settings,
                                                      GError                  **error);

G_END_DECLS
