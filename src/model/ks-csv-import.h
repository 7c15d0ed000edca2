/* ks-csv-import.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

/**
 * KsImportReport:
 * @n_added: agreements new to the register
 * @n_updated: agreements matched by uuid and changed
 * @n_unchanged: agreements matched by uuid and already equal
 * @errors: (element-type utf8): every problem, "line 12, column
 *   “ends_on”: …"; empty when the file is valid
 *
 * What an import did or, for a dry run, would do.
 */
typedef struct
{
  guint      n_added;
  guint      n_updated;
  guint      n_unchanged;
  GPtrArray *errors;
} KsImportReport;

KsImportReport *ks_import_report_new  (void);
void            ks_import_report_free (KsImportReport  *report);

gboolean        ks_csv_import_bytes   (KsDatabase      *db,
                                       GBytes          *bytes,
                                       const char      *source,
                                       gboolean         dry_run,
                                       KsImportReport  *report,
                                       GCancellable    *cancellable,
                                       GError         **error);
gboolean        ks_csv_import_file    (KsDatabase      *db,
                                       const char      *path,
                                       gboolean         dry_run,
                                       KsImportReport  *report,
                                       GCancellable    *cancellable,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsImportReport, ks_import_report_free)

G_END_DECLS
