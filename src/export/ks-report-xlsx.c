/* ks-report-xlsx.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-report-xlsx"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#ifdef __GLIBC__
# include <malloc.h>
#endif

#include "ks-error.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-report-read-ahead.h"
#include "ks-report-xlsx-private.h"
#include "ks-report-xlsx.h"

/* Excel's limit on sheet names, in characters. */
#define SHEET_NAME_MAX 31

/* The summary sheet's table: region, each stage, then the totals. */
enum {
  SUMMARY_COL_REGION,
  SUMMARY_COL_FIRST_STAGE,
};

typedef struct
{
  guint n_agreements;
  guint n_follow_up;
  guint n_not_reported;
  guint *by_stage;
} RegionTally;

typedef struct
{
  KsXlsx        *xlsx;
  lxw_worksheet *sheet;
  lxw_row_t      row;
  guint          number;
  RegionTally   *tally;
  guint         *by_obstacle;
} SheetWriter;

/* ------------------------------------------------------------------ */
/* Shared with the annual report */

/* In constant-memory mode libxlsxwriter gives every sheet a zeroed row
 * of 16,384 cell pointers (128 KiB) that lives until the workbook is
 * closed; 500 regions make 64 MB of it, of which each sheet uses a few
 * bytes.  Served by mmap, the untouched pages of those rows are never
 * backed by memory; glibc stops using mmap for that size once a larger
 * block was freed (its threshold adapts), unless the threshold is set. */
static void
keep_sheet_rows_lazy (void)
{
#ifdef __GLIBC__
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      mallopt (M_MMAP_THRESHOLD, 128 * 1024);
      /* Setting that threshold also fixes the trim threshold at 128 KiB,
       * so the deflate buffers zipping each sheet gave the heap back and
       * took it again, 500 times; freed memory at the top is kept for
       * reuse instead, which does not raise the peak. */
      mallopt (M_TRIM_THRESHOLD, 8 * 1024 * 1024);
      g_once_init_leave (&done, 1);
    }
#endif
}

gboolean
ks_xlsx_check (lxw_error   status,
               GError    **error)
{
  if (status == LXW_NO_ERROR)
    return TRUE;

  g_set_error (error, KS_ERROR, KS_ERROR_IO, _("The workbook could not be written: %s"),
               lxw_strerror (status));
  return FALSE;
}

static lxw_format *
add_format (lxw_workbook *workbook,
            gboolean      bold,
            double        size,
            gboolean      border)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_font_name (format, "Arial");
  format_set_font_size (format, size);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  if (bold)
    format_set_bold (format);
  if (border)
    {
      format_set_border (format, LXW_BORDER_THIN);
      format_set_text_wrap (format);
    }

  return format;
}

static void
add_formats (KsXlsx *xlsx)
{
  lxw_workbook *workbook = xlsx->workbook;

  xlsx->letterhead = add_format (workbook, TRUE, 11, FALSE);
  xlsx->title = add_format (workbook, TRUE, 14, FALSE);
  xlsx->plain = add_format (workbook, FALSE, 10, FALSE);
  xlsx->header = add_format (workbook, TRUE, 10, TRUE);
  format_set_bg_color (xlsx->header, 0xDDE4EE);
  format_set_align (xlsx->header, LXW_ALIGN_CENTER);
  format_set_align (xlsx->header, LXW_ALIGN_VERTICAL_CENTER);
  xlsx->cell = add_format (workbook, FALSE, 10, TRUE);
  xlsx->number = add_format (workbook, FALSE, 10, TRUE);
  format_set_align (xlsx->number, LXW_ALIGN_CENTER);
  xlsx->total = add_format (workbook, TRUE, 10, TRUE);
  xlsx->total_number = add_format (workbook, TRUE, 10, TRUE);
  format_set_align (xlsx->total_number, LXW_ALIGN_CENTER);
  xlsx->money = add_format (workbook, FALSE, 10, TRUE);
  format_set_num_format (xlsx->money, "#,##0.00");
}

/* The heap kept for reuse while the workbook was written (above) goes
 * back once it is done: nothing needs it after, and three workbooks of
 * 100,000 agreements in one session peaked 3 MB higher without. */
static void
give_back_heap (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
ks_xlsx_free (KsXlsx *xlsx)
{
#ifndef G_OS_WIN32
  uselocale (xlsx->saved_locale);
  freelocale (xlsx->c_numeric);
#endif
  g_hash_table_unref (xlsx->sheet_names);
  g_free (xlsx->temp_path);
  g_free (xlsx);
  give_back_heap ();
}

/**
 * ks_xlsx_open:
 * @path: the file the workbook will become
 * @title: the document's title property
 *
 * Starts a workbook in a temporary file beside @path, in constant-memory
 * mode: each sheet keeps only its current row, so rows go in order.
 */
KsXlsx *
ks_xlsx_open (const char             *path,
              const char             *title,
              const KsReportOptions  *options,
              GError                **error)
{
  g_autofree char *temp_path = ks_report_temp_path_for (path, error);
  g_autofree char *dir = g_path_get_dirname (path);
  lxw_workbook_options workbook_options = { .constant_memory = LXW_TRUE, .tmpdir = dir };
  lxw_doc_properties properties = { 0 };
  KsXlsx *xlsx;

  if (temp_path == NULL)
    return NULL;

  keep_sheet_rows_lazy ();
  xlsx = g_new0 (KsXlsx, 1);
  xlsx->sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
#ifndef G_OS_WIN32
  /* libxlsxwriter prints numbers with the C library, so in a locale with
   * a decimal comma (Indonesian) it wrote "0,5" into the XML, which no
   * reader accepts.  Only this thread switches, and only while writing. */
  xlsx->c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t) 0)));
  xlsx->saved_locale = uselocale (xlsx->c_numeric);
#endif
  xlsx->workbook = workbook_new_opt (temp_path, &workbook_options);
  if (xlsx->workbook == NULL)
    {
      g_unlink (temp_path);
      ks_xlsx_free (xlsx);
      g_set_error (error, KS_ERROR, KS_ERROR_IO, _("The workbook could not be written: %s"),
                   g_strerror (ENOMEM));
      return NULL;
    }
  xlsx->temp_path = g_steal_pointer (&temp_path);

  properties.title = (char *) title;
  properties.author = options->author;
  properties.comments = (char *) PACKAGE_NAME " " PACKAGE_VERSION;
  workbook_set_properties (xlsx->workbook, &properties);
  add_formats (xlsx);

  return xlsx;
}

/**
 * ks_xlsx_close:
 *
 * Finishes the workbook and moves it to @path.  Frees @xlsx.
 */
gboolean
ks_xlsx_close (KsXlsx      *xlsx,
               const char  *path,
               GError     **error)
{
  lxw_error status = workbook_close (xlsx->workbook);
  gboolean ok;

  if (!ks_xlsx_check (status, error))
    {
      g_unlink (xlsx->temp_path);
      ks_xlsx_free (xlsx);
      return FALSE;
    }

  ok = ks_report_commit_temp (xlsx->temp_path, path, error);
  ks_xlsx_free (xlsx);
  return ok;
}

/**
 * ks_xlsx_abort:
 *
 * Drops the workbook and its temporary file.  Frees @xlsx.
 */
void
ks_xlsx_abort (KsXlsx *xlsx)
{
  /* libxlsxwriter has no way to drop a workbook unwritten. */
  workbook_close (xlsx->workbook);
  g_unlink (xlsx->temp_path);
  ks_xlsx_free (xlsx);
}

/* Excel refuses []:*?/\ in sheet names, names over 31 characters,
 * apostrophes at either end, and two names that differ only in case. */
static char *
sheet_name_for (KsXlsx     *xlsx,
                const char *wanted)
{
  g_autoptr(GString) clean = g_string_new (NULL);

  for (const char *p = wanted; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 128)
        g_string_append_c (clean, '-');
      else if (!g_unichar_iscntrl (c))
        g_string_append_unichar (clean, c);
    }
  g_strstrip (clean->str);
  while (clean->len > 0 && clean->str[0] == '\'')
    g_string_erase (clean, 0, 1);
  if (clean->str[0] == '\0')
    g_string_assign (clean, "-");

  for (guint n = 1; ; n++)
    {
      g_autofree char *suffix = n == 1 ? g_strdup ("") : g_strdup_printf (" (%u)", n);
      glong room = SHEET_NAME_MAX - g_utf8_strlen (suffix, -1);
      g_autofree char *cut = g_utf8_substring (clean->str, 0, MIN (room, g_utf8_strlen (clean->str, -1)));
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;
      gsize len;

      len = strlen (cut);
      while (len > 0 && (cut[len - 1] == '\'' || cut[len - 1] == ' '))
        cut[--len] = '\0';
      name = g_strconcat (cut, suffix, NULL);
      folded = g_utf8_casefold (name, -1);
      if (!g_hash_table_contains (xlsx->sheet_names, folded))
        {
          g_hash_table_add (xlsx->sheet_names, g_steal_pointer (&folded));
          return g_steal_pointer (&name);
        }
    }
}

/**
 * ks_xlsx_add_sheet:
 * @name: what the sheet should be called; made valid and unique
 */
lxw_worksheet *
ks_xlsx_add_sheet (KsXlsx     *xlsx,
                   const char *name)
{
  g_autofree char *valid = sheet_name_for (xlsx, name);

  return workbook_add_worksheet (xlsx->workbook, valid);
}

void
ks_xlsx_write_text (lxw_worksheet *sheet,
                    lxw_row_t      row,
                    lxw_col_t      col,
                    const char    *text,
                    lxw_format    *format)
{
  /* Excel holds at most 32,767 characters in a cell; a text of fewer
   * bytes cannot have more characters. */
  if (strlen (text) > 32000 && g_utf8_strlen (text, -1) > 32000)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, 32000);

      worksheet_write_string (sheet, row, col, cut, format);
      return;
    }

  worksheet_write_string (sheet, row, col, text, format);
}

static char *
format_today (const KsReportOptions *options)
{
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&options->today),
                                          g_date_get_month (&options->today),
                                          g_date_get_day (&options->today));

  return ks_partial_date_format (iso);
}

/**
 * ks_xlsx_write_title_block:
 * @subtitle: (nullable): a line under the title
 *
 * Writes the letterhead, the title, the subtitle, the period and the date
 * generated from the first row.
 *
 * Returns: the first free row, after a blank one
 */
lxw_row_t
ks_xlsx_write_title_block (KsXlsx                *xlsx,
                           lxw_worksheet         *sheet,
                           const KsReportOptions *options,
                           const char            *title,
                           const char            *subtitle)
{
  g_autofree char *period = ks_report_options_format_period (options);
  g_autofree char *today = format_today (options);
  g_autofree char *period_line = NULL;
  g_autofree char *generated_line = NULL;
  lxw_row_t row = 0;

  for (guint i = 0; options->letterhead != NULL && options->letterhead[i] != NULL; i++)
    ks_xlsx_write_text (sheet, row++, 0, options->letterhead[i], xlsx->letterhead);
  if (row > 0)
    row++;

  ks_xlsx_write_text (sheet, row, 0, title, xlsx->title);
  worksheet_set_row (sheet, row++, 20, NULL);
  if (subtitle != NULL)
    ks_xlsx_write_text (sheet, row++, 0, subtitle, xlsx->letterhead);

  /* Translators: a line of a report's title block, "Period: 2012–2017" */
  period_line = g_strdup_printf (_("Period: %s"), period);
  ks_xlsx_write_text (sheet, row++, 0, period_line, xlsx->plain);
  /* Translators: a line of a report's title block, "Generated on 28 November 2026" */
  generated_line = g_strdup_printf (_("Generated on %s"), today);
  ks_xlsx_write_text (sheet, row++, 0, generated_line, xlsx->plain);

  return row + 1;
}

/**
 * ks_xlsx_set_up_page:
 * @header_row: the table's header row, frozen and repeated on every
 *   page, or -1 for none
 *
 * A4 landscape, one page wide, "page X of Y" in the footer.
 */
void
ks_xlsx_set_up_page (lxw_worksheet *sheet,
                     int            header_row)
{
  g_autofree char *footer = NULL;

  worksheet_set_paper (sheet, 9);
  worksheet_set_landscape (sheet);
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_set_margins (sheet, 0.5, 0.5, 0.6, 0.7);
  if (header_row >= 0)
    {
      worksheet_repeat_rows (sheet, header_row, header_row);
      worksheet_freeze_panes (sheet, header_row + 1, 0);
    }

  /* Translators: the footer of every printed report page; keep &P (this
   * page's number) and &N (the number of pages) as they are */
  footer = g_strdup_printf ("&C%s", _("Page &P of &N"));
  worksheet_set_footer (sheet, footer);
}

void
ks_xlsx_set_table_columns (KsXlsx        *xlsx,
                           lxw_worksheet *sheet)
{
  for (lxw_col_t col = 0; col < KS_REPORT_N_COLUMNS; col++)
    worksheet_set_column (sheet, col, col, ks_report_column_get_width (col), NULL);
}

void
ks_xlsx_write_table_header (KsXlsx        *xlsx,
                            lxw_worksheet *sheet,
                            lxw_row_t      row)
{
  for (lxw_col_t col = 0; col < KS_REPORT_N_COLUMNS; col++)
    ks_xlsx_write_text (sheet, row, col, ks_report_column_get_label (col), xlsx->header);
  worksheet_set_row (sheet, row, 28, NULL);
}

/* Characters in the @len bytes at @text: the byte count while the text
 * is ASCII, which most of a register is, without decoding it. */
static gsize
count_chars (const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return i + g_utf8_strlen (text + i, len - i);

  return len;
}

/* How many lines @text wraps to in a column @width characters wide. */
static guint
wrapped_lines (const char *text,
               double      width)
{
  guint per_line = MAX (1, (guint) (width * 1.1));
  guint lines = 0;
  const char *p = text != NULL ? text : "";

  for (;;)
    {
      const char *end = strchr (p, '\n');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);

      /* A line of no more bytes than fit has no more characters. */
      if (len > per_line)
        lines += MAX (1, (count_chars (p, len) + per_line - 1) / per_line);
      else
        lines++;
      if (end == NULL)
        break;
      p = end + 1;
    }

  return MAX (1, lines);
}

/* Excel grows a wrapped row by itself when the file is opened, but
 * LibreOffice keeps the height the file gives: so the file gives one
 * that fits the longest cell.  Counted here, by the writing thread: it
 * waits for the reading one, which makes the rows, at 100,000 rows. */
static double
row_height (const KsReportRow *report_row)
{
  guint lines = 1;

  for (lxw_col_t col = KS_REPORT_COLUMN_NUMBER + 1; col < KS_REPORT_N_COLUMNS; col++)
    lines = MAX (lines, wrapped_lines (report_row->texts[col], ks_report_column_get_width (col)));

  return MIN (409, 15.0 * lines);
}

void
ks_xlsx_write_table_row (KsXlsx            *xlsx,
                         lxw_worksheet     *sheet,
                         lxw_row_t          row,
                         guint              number,
                         const KsReportRow *report_row)
{
  worksheet_set_row (sheet, row, row_height (report_row), NULL);
  worksheet_write_number (sheet, row, KS_REPORT_COLUMN_NUMBER, number, xlsx->number);
  for (lxw_col_t col = KS_REPORT_COLUMN_NUMBER + 1; col < KS_REPORT_N_COLUMNS; col++)
    ks_xlsx_write_text (sheet, row, col, report_row->texts[col], xlsx->cell);
}

/* ------------------------------------------------------------------ */
/* The per-region workbook */

static void
write_row (SheetWriter       *writer,
           const KsReportRow *row)
{
  int stage = ks_key_get_index (KS_KEY_SET_STAGE, row->stage);

  ks_xlsx_write_table_row (writer->xlsx, writer->sheet, writer->row++, ++writer->number, row);

  writer->tally->n_agreements++;
  if (stage >= 0)
    writer->tally->by_stage[stage]++;
  for (guint i = 0; row->obstacles[i] != NULL; i++)
    {
      int obstacle = ks_key_get_index (KS_KEY_SET_OBSTACLE, row->obstacles[i]);

      if (obstacle >= 0)
        writer->by_obstacle[obstacle]++;
    }
}

/* Writes the rows @rows gives until the region's end. */
static gboolean
write_region_sheet (KsReport           *report,
                    KsXlsx             *xlsx,
                    KsRegion           *region,
                    KsReportReadAhead  *rows,
                    RegionTally        *tally,
                    guint              *by_obstacle,
                    GError            **error)
{
  const KsReportOptions *options = ks_report_get_options (report);
  g_autofree char *title = NULL;
  SheetWriter writer = { xlsx, NULL, 0, 0, tally, by_obstacle };
  KsRegionCounts counts;
  lxw_row_t header_row;

  writer.sheet = ks_xlsx_add_sheet (xlsx, ks_region_get_name (region));
  ks_xlsx_set_table_columns (xlsx, writer.sheet);
  /* Translators: the title of a region's sheet, "International cooperation of Kabupaten Sragen" */
  title = g_strdup_printf (_("International cooperation of %s"), ks_region_get_name (region));
  header_row = ks_xlsx_write_title_block (xlsx, writer.sheet, options, title, NULL);
  ks_xlsx_write_table_header (xlsx, writer.sheet, header_row);
  writer.row = header_row + 1;

  for (;;)
    {
      g_autoptr(KsReportRow) row = NULL;

      if (!ks_report_read_ahead_next (rows, &row, &counts, error))
        return FALSE;
      if (row == NULL)
        break;
      write_row (&writer, row);
    }
  tally->n_follow_up = counts.n_follow_up;
  tally->n_not_reported = counts.n_not_reported;

  /* No cooperation in the period is a finding, not an empty page. */
  if (writer.number == 0)
    ks_xlsx_write_text (writer.sheet, writer.row++, KS_REPORT_COLUMN_PARTIES,
                        _("No cooperation recorded in this period."), xlsx->plain);

  worksheet_autofilter (writer.sheet, header_row, 0, MAX (writer.row - 1, header_row + 1),
                        KS_REPORT_N_COLUMNS - 1);
  ks_xlsx_set_up_page (writer.sheet, header_row);

  return TRUE;
}

static void
write_summary_number (KsXlsx        *xlsx,
                      lxw_worksheet *sheet,
                      lxw_row_t      row,
                      lxw_col_t      col,
                      guint          value,
                      gboolean       total)
{
  worksheet_write_number (sheet, row, col, value, total ? xlsx->total_number : xlsx->number);
}

static void
write_tally_row (KsXlsx            *xlsx,
                 lxw_worksheet     *sheet,
                 lxw_row_t          row,
                 const char        *name,
                 const RegionTally *tally,
                 gboolean           total)
{
  guint n_stages = ks_key_set_get_n_keys (KS_KEY_SET_STAGE);
  lxw_col_t col = SUMMARY_COL_FIRST_STAGE + n_stages;

  ks_xlsx_write_text (sheet, row, SUMMARY_COL_REGION, name, total ? xlsx->total : xlsx->cell);
  for (guint s = 0; s < n_stages; s++)
    write_summary_number (xlsx, sheet, row, SUMMARY_COL_FIRST_STAGE + s, tally->by_stage[s], total);
  write_summary_number (xlsx, sheet, row, col, tally->n_agreements, total);
  write_summary_number (xlsx, sheet, row, col + 1, tally->n_follow_up, total);
  write_summary_number (xlsx, sheet, row, col + 2, tally->n_not_reported, total);
}

static void
add_stage_chart (KsXlsx        *xlsx,
                 lxw_worksheet *sheet,
                 const char    *sheet_name,
                 lxw_row_t      first_row,
                 lxw_row_t      last_row,
                 lxw_row_t      at_row)
{
  lxw_chart *chart = workbook_add_chart (xlsx->workbook, LXW_CHART_COLUMN_STACKED);
  guint n_stages = ks_key_set_get_n_keys (KS_KEY_SET_STAGE);
  lxw_chart_options placement = { .x_scale = 2.2, .y_scale = 1.4 };

  for (guint s = 0; s < n_stages; s++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_col_t col = SUMMARY_COL_FIRST_STAGE + s;

      chart_series_set_categories (series, sheet_name, first_row, SUMMARY_COL_REGION, last_row, SUMMARY_COL_REGION);
      chart_series_set_values (series, sheet_name, first_row, col, last_row, col);
      chart_series_set_name_range (series, sheet_name, first_row - 1, col);
    }
  chart_title_set_name (chart, _("Agreements per region and stage"));
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart_opt (sheet, at_row, 0, chart, &placement);
}

static lxw_row_t
write_obstacle_tally (KsXlsx        *xlsx,
                      lxw_worksheet *sheet,
                      lxw_row_t      row,
                      const guint   *by_obstacle)
{
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_OBSTACLE);

  ks_xlsx_write_text (sheet, row++, 0, _("Obstacles recorded"), xlsx->letterhead);
  ks_xlsx_write_text (sheet, row, 0, C_("report column", "Obstacle"), xlsx->header);
  ks_xlsx_write_text (sheet, row++, 1, C_("report column", "Agreements"), xlsx->header);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      ks_xlsx_write_text (sheet, row, 0, ks_key_get_label (KS_KEY_SET_OBSTACLE, keys[i]), xlsx->cell);
      worksheet_write_number (sheet, row++, 1, by_obstacle[i], xlsx->number);
    }

  return row;
}

static void
write_summary_sheet (KsReport      *report,
                     KsXlsx        *xlsx,
                     lxw_worksheet *sheet,
                     const char    *sheet_name,
                     RegionTally   *tallies,
                     RegionTally   *total,
                     const guint   *by_obstacle)
{
  const KsReportOptions *options = ks_report_get_options (report);
  guint n_stages = ks_key_set_get_n_keys (KS_KEY_SET_STAGE);
  const char * const *stages = ks_key_set_get_keys (KS_KEY_SET_STAGE);
  lxw_col_t col = SUMMARY_COL_FIRST_STAGE + n_stages;
  lxw_row_t header_row, row;
  guint n_regions = ks_report_get_n_regions (report);

  header_row = ks_xlsx_write_title_block (xlsx, sheet, options, _("International cooperation per kabupaten/kota"), NULL);
  worksheet_set_column (sheet, SUMMARY_COL_REGION, SUMMARY_COL_REGION, 30, NULL);
  worksheet_set_column (sheet, SUMMARY_COL_FIRST_STAGE, col + 2, 12, NULL);

  ks_xlsx_write_text (sheet, header_row, SUMMARY_COL_REGION, C_("report column", "Region"), xlsx->header);
  for (guint s = 0; s < n_stages; s++)
    ks_xlsx_write_text (sheet, header_row, SUMMARY_COL_FIRST_STAGE + s,
                        ks_key_get_label (KS_KEY_SET_STAGE, stages[s]), xlsx->header);
  ks_xlsx_write_text (sheet, header_row, col, C_("report column", "Total"), xlsx->header);
  ks_xlsx_write_text (sheet, header_row, col + 1, C_("report column", "Needs follow-up"), xlsx->header);
  ks_xlsx_write_text (sheet, header_row, col + 2, C_("report column", "Not reported"), xlsx->header);
  worksheet_set_row (sheet, header_row, 30, NULL);

  row = header_row + 1;
  for (guint i = 0; i < n_regions; i++)
    write_tally_row (xlsx, sheet, row++, ks_region_get_name (ks_report_get_region (report, i)),
                     &tallies[i], FALSE);
  write_tally_row (xlsx, sheet, row++, C_("report row", "Total"), total, TRUE);

  row = write_obstacle_tally (xlsx, sheet, row + 1, by_obstacle);
  if (n_regions > 0)
    add_stage_chart (xlsx, sheet, sheet_name, header_row + 1, header_row + n_regions, row + 1);

  ks_xlsx_set_up_page (sheet, header_row);
}

static void
add_to_total (RegionTally       *total,
              const RegionTally *tally,
              guint              n_stages)
{
  total->n_agreements += tally->n_agreements;
  total->n_follow_up += tally->n_follow_up;
  total->n_not_reported += tally->n_not_reported;
  for (guint s = 0; s < n_stages; s++)
    total->by_stage[s] += tally->by_stage[s];
}

static gboolean
write_region_sheets (KsReport          *report,
                     KsXlsx            *xlsx,
                     RegionTally       *tallies,
                     RegionTally       *total,
                     guint             *by_obstacle,
                     GCancellable      *cancellable,
                     KsReportProgress   progress,
                     gpointer           progress_data,
                     GError           **error)
{
  guint n_regions = ks_report_get_n_regions (report);
  guint n_stages = ks_key_set_get_n_keys (KS_KEY_SET_STAGE);
  g_autoptr(KsReportReadAhead) rows = ks_report_read_ahead_new (report, cancellable);

  for (guint i = 0; i < n_regions; i++)
    {
      if (!write_region_sheet (report, xlsx, ks_report_get_region (report, i), rows, &tallies[i],
                               by_obstacle, error))
        return FALSE;
      add_to_total (total, &tallies[i], n_stages);
      if (progress != NULL)
        progress ((double) (i + 1) / (n_regions + 1), progress_data);
    }

  return TRUE;
}

/**
 * ks_report_write_xlsx:
 * @report: the report
 * @path: the workbook to write (replaced when it exists)
 * @cancellable: (nullable): to stop; nothing is left behind
 * @progress: (nullable) (scope call): told how far it got, per region
 * @progress_data: for @progress
 *
 * Writes the per-region workbook of DESIGN.md: a summary sheet, then one
 * sheet per selected region in code order, even when it has nothing.
 *
 * Returns: %TRUE when @path holds the whole workbook
 */
gboolean
ks_report_write_xlsx (KsReport          *report,
                      const char        *path,
                      GCancellable      *cancellable,
                      KsReportProgress   progress,
                      gpointer           progress_data,
                      GError           **error)
{
  guint n_regions = ks_report_get_n_regions (report);
  guint n_stages = ks_key_set_get_n_keys (KS_KEY_SET_STAGE);
  g_autofree guint *stage_counts = g_new0 (guint, (n_regions + 1) * n_stages);
  g_autofree guint *by_obstacle = g_new0 (guint, ks_key_set_get_n_keys (KS_KEY_SET_OBSTACLE));
  g_autofree RegionTally *tallies = g_new0 (RegionTally, n_regions + 1);
  g_autofree char *summary_name = NULL;
  RegionTally *total = &tallies[n_regions];
  lxw_worksheet *summary;
  KsXlsx *xlsx;

  g_return_val_if_fail (KS_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i <= n_regions; i++)
    tallies[i].by_stage = stage_counts + i * n_stages;

  xlsx = ks_xlsx_open (path, _("International cooperation per kabupaten/kota"),
                       ks_report_get_options (report), error);
  if (xlsx == NULL)
    return FALSE;

  /* The summary comes first but is written last, from the tallies;
   * constant-memory mode keeps each sheet's rows in its own file. */
  summary_name = sheet_name_for (xlsx, C_("sheet", "Summary"));
  summary = workbook_add_worksheet (xlsx->workbook, summary_name);

  if (!write_region_sheets (report, xlsx, tallies, total, by_obstacle, cancellable,
                            progress, progress_data, error))
    {
      ks_xlsx_abort (xlsx);
      return FALSE;
    }

  write_summary_sheet (report, xlsx, summary, summary_name, tallies, total, by_obstacle);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      ks_xlsx_abort (xlsx);
      return FALSE;
    }

  if (!ks_xlsx_close (xlsx, path, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);

  return TRUE;
}
