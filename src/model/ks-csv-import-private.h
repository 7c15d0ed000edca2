/* ks-csv-import-private.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-csv-import.h"

G_BEGIN_DECLS

/* For tests: the import through ks_agreement_store_save(), row by row. */
gboolean ks_csv_import_bytes_by_single_saves (KsDatabase      *db,
                                              GBytes          *bytes,
                                              const char      *source,
                                              KsImportReport  *report,
                                              GError         **error);

G_END_DECLS
