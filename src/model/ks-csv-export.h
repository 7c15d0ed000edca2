/* ks-csv-export.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

/* The columns of the CSV interchange format (DESIGN.md), in the order
 * written; a contract with scripts and other offices. */
typedef enum
{
  KS_CSV_REGION,
  KS_CSV_TITLE,
  KS_CSV_DESCRIPTION,
  KS_CSV_LOCAL_PARTIES,
  KS_CSV_PARTNERS,
  KS_CSV_PARTNER_COUNTRIES,
  KS_CSV_PARTNER_KINDS,
  KS_CSV_FORM,
  KS_CSV_DOCUMENT,
  KS_CSV_STAGE,
  KS_CSV_SECTORS,
  KS_CSV_SIGNED_ON,
  KS_CSV_STARTS_ON,
  KS_CSV_ENDS_ON,
  KS_CSV_REPORTED_TO_CENTER_ON,
  KS_CSV_OBSTACLES,
  KS_CSV_NOTES,
  KS_CSV_UUID,
  KS_CSV_N_COLUMNS
} KsCsvColumn;

extern const char * const ks_csv_columns[KS_CSV_N_COLUMNS];

gboolean ks_csv_export_file (KsDatabase    *db,
                             const char    *path,
                             GCancellable  *cancellable,
                             GError       **error);
char    *ks_csv_export_text (KsDatabase    *db,
                             GCancellable  *cancellable,
                             GError       **error);
gboolean ks_csv_export_agreements_file (KsDatabase          *db,
                                        const char          *path,
                                        const char * const  *uuids,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_END_DECLS
