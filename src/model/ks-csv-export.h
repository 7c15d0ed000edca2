/* ks-csv-export.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

/* The columns of the CSV interchange format, in the order written. */
extern const char * const ks_csv_columns[];

gboolean ks_csv_export_file    (KsDatabase     *db,
                                const char     *path,
                                const char * const *uuids,
                                GCancellable   *cancellable,
                                GError        **error);
gboolean ks_csv_export_stream  (KsDatabase     *db,
                                GOutputStream  *stream,
                                const char * const *uuids,
                                GCancellable   *cancellable,
                                GError        **error);

G_END_DECLS
