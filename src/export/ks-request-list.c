/* ks-request-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-request-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-partial-date.h"
#include "ks-report-pdf.h"
#include "ks-report-xlsx-private.h"
#include "ks-request-list.h"

struct _KsRequestList
{
  GObject     parent_instance;

  KsReport   *report;
  GPtrArray  *rows;       /* KsReportRow, owned; items point into it */
  GPtrArray  *agencies;   /* KsRequestAgency */
};

G_DEFINE_FINAL_TYPE (KsRequestList, ks_request_list, G_TYPE_OBJECT)

/* An agreement of either smart view, with the reason of each. */
typedef struct
{
  KsReportRow *row;
  char        *follow_up;
  char        *not_reported;
} Pending;

typedef struct
{
  GHashTable *by_id;      /* gint64 * → Pending */
  GPtrArray  *pending;
  KsSmartView view;
} Collector;

/* Widths in characters, as for ks_report_column_get_width(). */
static const double column_widths[KS_REQUEST_LIST_N_COLUMNS] = { 7, 30, 28, 17, 19, 44 };

/* ------------------------------------------------------------------ */
/* Collecting */

static void
pending_free (Pending *pending)
{
  g_free (pending->follow_up);
  g_free (pending->not_reported);
  g_free (pending);
}

static void
agency_free (KsRequestAgency *agency)
{
  g_free (agency->name);
  g_free (agency->region_code);
  g_free (agency->region_name);
  g_ptr_array_unref (agency->items);
  g_free (agency);
}

static void
item_free (KsRequestItem *item)
{
  g_free (item->missing);
  g_free (item);
}

static gboolean
collect_row_cb (const KsReportRow  *row,
                gpointer            user_data,
                GError            **error)
{
  Collector *collector = user_data;
  Pending *pending = g_hash_table_lookup (collector->by_id, &row->id);

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->row = ks_report_row_copy (row);
      g_hash_table_insert (collector->by_id, &pending->row->id, pending);
      g_ptr_array_add (collector->pending, pending);
    }
  if (collector->view == KS_SMART_VIEW_NEEDS_FOLLOW_UP)
    pending->follow_up = g_strdup (row->reason);
  else
    pending->not_reported = g_strdup (row->reason);

  return TRUE;
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const KsReportRow *row_a = (*(Pending **) a)->row;
  const KsReportRow *row_b = (*(Pending **) b)->row;
  int cmp = g_strcmp0 (row_a->starts_on, row_b->starts_on);

  if (cmp != 0)
    return cmp;
  return row_a->id < row_b->id ? -1 : row_a->id > row_b->id;
}

static int
compare_agencies (gconstpointer a,
                  gconstpointer b)
{
  const KsRequestAgency *agency_a = *(KsRequestAgency **) a;
  const KsRequestAgency *agency_b = *(KsRequestAgency **) b;
  int cmp = strcmp (agency_a->region_code, agency_b->region_code);

  return cmp != 0 ? cmp : g_utf8_collate (agency_a->name, agency_b->name);
}

static KsRequestAgency *
find_agency (KsRequestList *self,
             GHashTable    *by_party,
             sqlite3_stmt  *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  KsRequestAgency *agency = g_hash_table_lookup (by_party, &id);

  if (agency != NULL)
    return agency;

  agency = g_new0 (KsRequestAgency, 1);
  agency->id = id;
  agency->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  agency->region_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  agency->region_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  agency->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_hash_table_insert (by_party, &agency->id, agency);
  g_ptr_array_add (self->agencies, agency);
  return agency;
}

/* What an agency is asked about an agreement it implements: follow-up
 * always, the report only when the agency itself never made it (a
 * report missing at the central government alone is the section's). */
static char *
missing_for (Pending  *pending,
             gboolean  agency_reported)
{
  const char *parts[3] = { NULL };
  guint n = 0;

  if (pending->follow_up != NULL)
    parts[n++] = pending->follow_up;
  if (pending->not_reported != NULL && !agency_reported)
    parts[n++] = pending->not_reported;

  return n > 0 ? g_strjoinv ("\n", (char **) parts) : NULL;
}

static gboolean
assign_to_agencies (KsRequestList  *self,
                    GPtrArray      *pending,
                    GError        **error)
{
  KsDatabase *db = ks_report_get_database (self->report);
  g_autoptr(GHashTable) by_party = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(KsStatement) stmt = NULL;

  stmt = ks_database_prepare (db,
                              "SELECT lp.id, lp.name, r.code, r.name, a.reported_by_agency_on "
                              "FROM agreement_local_parties alp "
                              "JOIN local_parties lp ON lp.id = alp.local_party_id "
                              "JOIN regions r ON r.id = lp.region_id "
                              "JOIN agreements a ON a.id = alp.agreement_id "
                              "WHERE alp.agreement_id = ? AND alp.role = 'implementing' "
                              "AND lp.deleted_at IS NULL ORDER BY alp.position",
                              error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, p->row->id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gboolean reported = ((const char *) sqlite3_column_text (stmt, 4))[0] != '\0';
          g_autofree char *missing = missing_for (p, reported);
          KsRequestItem *item;

          if (missing == NULL)
            continue;
          item = g_new0 (KsRequestItem, 1);
          item->row = p->row;
          item->missing = g_steal_pointer (&missing);
          g_ptr_array_add (find_agency (self, by_party, stmt)->items, item);
        }
    }

  g_ptr_array_sort (self->agencies, compare_agencies);
  return TRUE;
}

static gboolean
collect (KsRequestList  *self,
         GCancellable   *cancellable,
         GError        **error)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  g_auto(GStrv) codes = ks_report_dup_region_codes (self->report);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  const KsSmartView views[] = { KS_SMART_VIEW_NEEDS_FOLLOW_UP, KS_SMART_VIEW_NOT_REPORTED };
  Collector collector = { by_id, pending, KS_SMART_VIEW_NONE };

  if (codes[0] == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      collector.view = views[i];
      if (!ks_report_foreach_row (self->report, (const char * const *) codes, options->year_from,
                                  options->year_to, views[i], collect_row_cb, &collector,
                                  cancellable, error))
        return FALSE;
    }

  g_ptr_array_sort (pending, compare_pending);
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (self->rows, ((Pending *) g_ptr_array_index (pending, i))->row);

  return assign_to_agencies (self, pending, error);
}

/* ------------------------------------------------------------------ */
/* Overrides */

static void
ks_request_list_finalize (GObject *object)
{
  KsRequestList *self = KS_REQUEST_LIST (object);

  g_clear_pointer (&self->agencies, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (ks_request_list_parent_class)->finalize (object);
}

static void
ks_request_list_class_init (KsRequestListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_request_list_finalize;
}

static void
ks_request_list_init (KsRequestList *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_report_row_free);
  self->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) agency_free);
}

/* ------------------------------------------------------------------ */
/* Public API: the letter's contents */

/**
 * ks_request_list_new:
 * @report: the regions (and period, usually open) to chase; its options
 *   give today, the follow-up threshold, the letterhead and the signer
 *
 * Returns: (transfer full): the request lists, or %NULL with @error set
 *   when cancelled or the register could not be read
 */
KsRequestList *
ks_request_list_new (KsReport      *report,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(KsRequestList) self = NULL;

  g_return_val_if_fail (KS_IS_REPORT (report), NULL);

  self = g_object_new (KS_TYPE_REQUEST_LIST, NULL);
  self->report = g_object_ref (report);
  if (!collect (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

KsReport *
ks_request_list_get_report (KsRequestList *self)
{
  g_return_val_if_fail (KS_IS_REQUEST_LIST (self), NULL);

  return self->report;
}

guint
ks_request_list_get_n_agencies (KsRequestList *self)
{
  g_return_val_if_fail (KS_IS_REQUEST_LIST (self), 0);

  return self->agencies->len;
}

/**
 * ks_request_list_get_agency:
 * @index: below ks_request_list_get_n_agencies()
 *
 * Returns: (transfer none): the agency's letter
 */
const KsRequestAgency *
ks_request_list_get_agency (KsRequestList *self,
                           guint          index)
{
  g_return_val_if_fail (KS_IS_REQUEST_LIST (self), NULL);
  g_return_val_if_fail (index < self->agencies->len, NULL);

  return g_ptr_array_index (self->agencies, index);
}

/**
 * ks_request_list_get_title:
 *
 * Returns: (transfer none): the letters' title, translated
 */
const char *
ks_request_list_get_title (void)
{
  return _("Request for Data on International Cooperation");
}

/**
 * ks_request_list_dup_addressee:
 *
 * Returns: (transfer full): the address block, lines separated by "\n"
 */
char *
ks_request_list_dup_addressee (const KsRequestAgency *agency)
{
  /* Translators: the address block of a letter to an agency; %s is its
   * name ("Dinas Pendidikan Kabupaten Sragen").  Add or drop lines as
   * letters in your language need them (e.g. "di tempat"). */
  return g_strdup_printf (_("To:\nThe head of %s"), agency->name);
}

/**
 * ks_request_list_dup_body:
 *
 * Returns: (transfer full): the paragraph introducing the table
 */
char *
ks_request_list_dup_body (const KsRequestAgency *agency)
{
  /* Translators: the request of the letter; the first %s is the region
   * ("Kabupaten Sragen"), the second the agency */
  return g_strdup_printf (_("To keep the register of international cooperation of %s complete, "
                            "please send the cooperation section the missing information on the "
                            "following cooperation implemented by %s, with copies of the "
                            "supporting documents."),
                          agency->region_name, agency->name);
}

const char *
ks_request_list_get_greeting (void)
{
  /* Translators: the salutation of an official letter */
  return _("Dear Sir or Madam,");
}

const char *
ks_request_list_get_closing (void)
{
  return _("Thank you for your attention and cooperation.");
}

/**
 * ks_request_list_dup_signature:
 *
 * Returns: (transfer full): the signature block's lines: the date, the
 *   signer's position, an empty line to sign on, the signer's name;
 *   dotted lines to fill in by hand where the preferences name no one
 */
GStrv
ks_request_list_dup_signature (KsRequestList *self)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&options->today),
                                          g_date_get_month (&options->today),
                                          g_date_get_day (&options->today));
  g_autofree char *date = ks_partial_date_format (iso);
  const char *dots = "………………………………";
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *name = NULL;

  if (options->signer_name != NULL && options->signer_name[0] != '\0')
    name = g_strdup (options->signer_name);
  else
    name = g_strdup_printf ("(%s)", dots);

  g_strv_builder_add (builder, date);
  g_strv_builder_add (builder, options->signer_position != NULL && options->signer_position[0] != '\0'
                               ? options->signer_position : dots);
  g_strv_builder_add (builder, "");
  g_strv_builder_add (builder, name);
  return g_strv_builder_end (builder);
}

/**
 * ks_request_list_get_column_label:
 * @column: below %KS_REQUEST_LIST_N_COLUMNS
 *
 * Returns: (transfer none): the header of a column of the letter's table
 */
const char *
ks_request_list_get_column_label (guint column)
{
  switch (column)
    {
    case 0:
      return ks_report_column_get_label (KS_REPORT_COLUMN_NUMBER);
    case 1:
      return ks_report_column_get_label (KS_REPORT_COLUMN_COOPERATION);
    case 2:
      return ks_report_column_get_label (KS_REPORT_COLUMN_PARTIES);
    case 3:
      return ks_report_column_get_label (KS_REPORT_COLUMN_PERIOD);
    case 4:
      return ks_report_column_get_label (KS_REPORT_COLUMN_STAGE);
    case 5:
      return C_("report column", "Information requested");
    default:
      g_return_val_if_reached ("");
    }
}

double
ks_request_list_get_column_width (guint column)
{
  g_return_val_if_fail (column < KS_REQUEST_LIST_N_COLUMNS, 10);

  return column_widths[column];
}

/**
 * ks_request_list_dup_cell:
 * @column: from 1 (column 0 numbers the rows of each letter)
 *
 * Returns: (transfer full): the cell's text
 */
char *
ks_request_list_dup_cell (const KsRequestItem *item,
                          guint                column)
{
  switch (column)
    {
    case 1:
      return g_strdup (item->row->texts[KS_REPORT_COLUMN_COOPERATION]);
    case 2:
      return g_strdup (item->row->texts[KS_REPORT_COLUMN_PARTIES]);
    case 3:
      return g_strdup (item->row->texts[KS_REPORT_COLUMN_PERIOD]);
    case 4:
      return g_strdup (item->row->texts[KS_REPORT_COLUMN_STAGE]);
    case 5:
      return g_strdup (item->missing);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/* ------------------------------------------------------------------ */
/* Public API: the workbook */

typedef struct
{
  KsXlsx     *xlsx;
  lxw_format *wrap;
  lxw_format *bold;
} Letter;

/* A paragraph across the table's width, tall enough for its lines. */
static void
write_paragraph (Letter        *letter,
                 lxw_worksheet *sheet,
                 lxw_row_t      row,
                 const char    *text)
{
  double chars = 0;
  glong lines;

  for (guint col = 0; col < KS_REQUEST_LIST_N_COLUMNS; col++)
    chars += column_widths[col];
  lines = g_utf8_strlen (text, -1) / (glong) (chars * 0.9) + 1;
  worksheet_set_row (sheet, row, 14.0 * lines, NULL);
  worksheet_merge_range (sheet, row, 0, row, KS_REQUEST_LIST_N_COLUMNS - 1, "", letter->wrap);
  ks_xlsx_write_text (sheet, row, 0, text, letter->wrap);
}

static lxw_row_t
write_lines (lxw_worksheet *sheet,
             lxw_row_t      row,
             lxw_col_t      col,
             const char    *text,
             lxw_format    *format)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    ks_xlsx_write_text (sheet, row++, col, lines[i], format);
  return row;
}

static lxw_row_t
write_table (Letter                *letter,
             lxw_worksheet         *sheet,
             lxw_row_t              row,
             const KsRequestAgency *agency)
{
  for (guint col = 0; col < KS_REQUEST_LIST_N_COLUMNS; col++)
    ks_xlsx_write_text (sheet, row, col, ks_request_list_get_column_label (col), letter->xlsx->header);
  worksheet_repeat_rows (sheet, row, row);
  row++;

  for (guint i = 0; i < agency->items->len; i++, row++)
    {
      const KsRequestItem *item = g_ptr_array_index (agency->items, i);

      worksheet_write_number (sheet, row, 0, i + 1, letter->xlsx->number);
      for (guint col = 1; col < KS_REQUEST_LIST_N_COLUMNS; col++)
        {
          g_autofree char *text = ks_request_list_dup_cell (item, col);

          ks_xlsx_write_text (sheet, row, col, text, letter->xlsx->cell);
        }
    }

  return row;
}

static void
write_letter_sheet (KsRequestList         *self,
                    Letter                *letter,
                    const KsRequestAgency *agency)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  lxw_worksheet *sheet = ks_xlsx_add_sheet (letter->xlsx, agency->name);
  g_autofree char *addressee = ks_request_list_dup_addressee (agency);
  g_autofree char *body = ks_request_list_dup_body (agency);
  g_auto(GStrv) signature = ks_request_list_dup_signature (self);
  lxw_row_t row = 0;

  for (guint col = 0; col < KS_REQUEST_LIST_N_COLUMNS; col++)
    worksheet_set_column (sheet, col, col, column_widths[col], NULL);
  ks_xlsx_set_up_page (sheet, -1);
  /* A letter, printed like the PDF's. */
  worksheet_set_portrait (sheet);

  for (guint i = 0; options->letterhead != NULL && options->letterhead[i] != NULL; i++)
    ks_xlsx_write_text (sheet, row++, 0, options->letterhead[i], letter->xlsx->letterhead);
  if (row > 0)
    row++;
  ks_xlsx_write_text (sheet, row, 0, ks_request_list_get_title (), letter->xlsx->title);
  worksheet_set_row (sheet, row, 20, NULL);
  row += 2;
  row = write_lines (sheet, row, 0, addressee, letter->xlsx->plain) + 1;
  ks_xlsx_write_text (sheet, row++, 0, ks_request_list_get_greeting (), letter->xlsx->plain);
  write_paragraph (letter, sheet, row, body);
  row = write_table (letter, sheet, row + 2, agency) + 1;
  write_paragraph (letter, sheet, row, ks_request_list_get_closing ());
  row += 2;
  for (guint i = 0; signature[i] != NULL; i++)
    {
      if (signature[i][0] == '\0')
        worksheet_set_row (sheet, row, 42, NULL);
      ks_xlsx_write_text (sheet, row++, KS_REQUEST_LIST_N_COLUMNS - 1, signature[i],
                          i + 1 == g_strv_length (signature) ? letter->bold : letter->xlsx->plain);
    }
}

static void
write_empty_sheet (KsRequestList *self,
                   Letter        *letter)
{
  lxw_worksheet *sheet = ks_xlsx_add_sheet (letter->xlsx, ks_request_list_get_title ());
  lxw_row_t row;

  worksheet_set_column (sheet, 0, 0, 90, NULL);
  ks_xlsx_set_up_page (sheet, -1);
  row = ks_xlsx_write_title_block (letter->xlsx, sheet, ks_report_get_options (self->report),
                                   ks_request_list_get_title (), NULL);
  ks_xlsx_write_text (sheet, row, 0, _("No agency has agreements to report on or to follow up."),
                      letter->xlsx->plain);
}

static void
add_letter_formats (Letter *letter)
{
  letter->wrap = workbook_add_format (letter->xlsx->workbook);
  format_set_font_name (letter->wrap, "Arial");
  format_set_font_size (letter->wrap, 10);
  format_set_text_wrap (letter->wrap);
  format_set_align (letter->wrap, LXW_ALIGN_VERTICAL_TOP);
  letter->bold = workbook_add_format (letter->xlsx->workbook);
  format_set_font_name (letter->bold, "Arial");
  format_set_font_size (letter->bold, 10);
  format_set_bold (letter->bold);
  format_set_underline (letter->bold, LXW_UNDERLINE_SINGLE);
}

/**
 * ks_request_list_write_xlsx:
 * @path: the workbook to write (replaced when it exists)
 *
 * One sheet per agency, named after it; a failure or a cancel leaves
 * nothing behind.
 *
 * Returns: %TRUE when @path holds the whole workbook
 */
gboolean
ks_request_list_write_xlsx (KsRequestList     *self,
                            const char        *path,
                            GCancellable      *cancellable,
                            KsReportProgress   progress,
                            gpointer           progress_data,
                            GError           **error)
{
  Letter letter = { NULL };

  g_return_val_if_fail (KS_IS_REQUEST_LIST (self), FALSE);

  letter.xlsx = ks_xlsx_open (path, ks_request_list_get_title (), ks_report_get_options (self->report), error);
  if (letter.xlsx == NULL)
    return FALSE;
  add_letter_formats (&letter);

  if (self->agencies->len == 0)
    write_empty_sheet (self, &letter);
  for (guint i = 0; i < self->agencies->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ks_xlsx_abort (letter.xlsx);
          return FALSE;
        }
      write_letter_sheet (self, &letter, g_ptr_array_index (self->agencies, i));
      if (progress != NULL)
        progress ((double) (i + 1) / self->agencies->len * 0.9, progress_data);
    }

  return ks_xlsx_close (letter.xlsx, path, error);
}

/**
 * ks_request_list_write:
 * @path: a ".pdf" file for the letters as pages, anything else for the
 *   workbook
 *
 * Returns: %TRUE when @path holds the whole document
 */
gboolean
ks_request_list_write (KsRequestList     *self,
                       const char        *path,
                       GCancellable      *cancellable,
                       KsReportProgress   progress,
                       gpointer           progress_data,
                       GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (KS_IS_REQUEST_LIST (self), FALSE);

  if (g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF"))
    {
      g_autoptr(KsReportPages) pages = ks_report_pages_new_for_requests (self);

      ok = ks_report_pages_write (pages, path, cancellable, progress, progress_data, error);
    }
  else
    ok = ks_request_list_write_xlsx (self, path, cancellable, progress, progress_data, error);

  if (ok && progress != NULL)
    progress (1.0, progress_data);

  return ok;
}
