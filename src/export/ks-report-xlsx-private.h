/* ks-report-xlsx-private.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <locale.h>
#include <xlsxwriter.h>

#include "ks-report.h"

G_BEGIN_DECLS

/* What the per-region workbook and the annual report share: one look
 * (formats), the title block, the agreement table and the page set-up.
 * Every text from the register goes through worksheet_write_string(), so
 * a title beginning with '=' stays text. */

typedef struct
{
  lxw_workbook  *workbook;
  char          *temp_path;
  GHashTable    *sheet_names;   /* casefolded names taken */
#ifndef G_OS_WIN32
  locale_t       c_numeric;     /* this thread's locale with a '.' decimal point */
  locale_t       saved_locale;
#endif
  lxw_format    *letterhead;
  lxw_format    *title;
  lxw_format    *plain;
  lxw_format    *header;
  lxw_format    *cell;
  lxw_format    *number;
  lxw_format    *total;
  lxw_format    *total_number;
  lxw_format    *money;
} KsXlsx;

KsXlsx        *ks_xlsx_open               (const char             *path,
                                           const char             *title,
                                           const KsReportOptions  *options,
                                           GError                **error);
gboolean       ks_xlsx_close              (KsXlsx                 *xlsx,
                                           const char             *path,
                                           GError                **error);
void           ks_xlsx_abort              (KsXlsx                 *xlsx);
lxw_worksheet *ks_xlsx_add_sheet          (KsXlsx                 *xlsx,
                                           const char             *name);
lxw_row_t      ks_xlsx_write_title_block  (KsXlsx                 *xlsx,
                                           lxw_worksheet          *sheet,
                                           const KsReportOptions  *options,
                                           const char             *title,
                                           const char             *subtitle);
void           ks_xlsx_write_text         (lxw_worksheet          *sheet,
                                           lxw_row_t               row,
                                           lxw_col_t               col,
                                           const char             *text,
                                           lxw_format             *format);
void           ks_xlsx_set_up_page        (lxw_worksheet          *sheet,
                                           int                     header_row);
void           ks_xlsx_set_table_columns  (KsXlsx                 *xlsx,
                                           lxw_worksheet          *sheet);
void           ks_xlsx_write_table_header (KsXlsx                 *xlsx,
                                           lxw_worksheet          *sheet,
                                           lxw_row_t               row);
void           ks_xlsx_write_table_row    (KsXlsx                 *xlsx,
                                           lxw_worksheet          *sheet,
                                           lxw_row_t               row,
                                           guint                   number,
                                           const KsReportRow      *report_row);
gboolean       ks_xlsx_check              (lxw_error               status,
                                           GError                **error);

G_END_DECLS
