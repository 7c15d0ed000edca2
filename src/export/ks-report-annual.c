/* ks-report-annual.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-report-annual"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-list.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-event.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-report-annual.h"
#include "ks-report-pdf.h"
#include "ks-report-xlsx-private.h"

struct _KsAnnualReport
{
  GObject     parent_instance;

  KsReport   *report;
  int         year;
  GPtrArray  *sections[KS_ANNUAL_N_SECTIONS];   /* KsReportRow */
  GPtrArray  *events;                           /* KsAnnualEvent */
  GHashTable *costs;                            /* currency → gint64 * */
  guint      *obstacles;                        /* by ks_key_get_index() */
};

G_DEFINE_FINAL_TYPE (KsAnnualReport, ks_annual_report, G_TYPE_OBJECT)

/* What an event's line says of its agreement. */
typedef struct
{
  char       *title;
  const char *region;          /* the report's region name */
} EventAgreement;

typedef struct
{
  KsAnnualReport *self;
  GPtrArray      *target;
  GHashTable     *agreements;  /* uuid → EventAgreement, for the events */
  const char     *region;      /* the name of the region being read */
} Collector;

/* ------------------------------------------------------------------ */
/* Helpers */

static void
event_agreement_free (EventAgreement *agreement)
{
  g_free (agreement->title);
  g_free (agreement);
}

static void
annual_event_free (KsAnnualEvent *event)
{
  g_free (event->date);
  g_free (event->region);
  g_free (event->agreement);
  g_free (event->activity);
  g_free (event->currency);
  g_free (event);
}

static int
year_of (const char *iso)
{
  KsPartialDate date;

  if (!ks_partial_date_parse_iso (iso, &date, NULL))
    return 0;

  return date.year;
}

static gboolean
sort_row_cb (const KsReportRow  *row,
             gpointer            user_data,
             GError            **error)
{
  Collector *collector = user_data;
  KsAnnualReport *self = collector->self;
  gboolean is_new = year_of (row->starts_on) == self->year;
  gboolean ended = year_of (row->ends_on) == self->year;

  if (is_new)
    g_ptr_array_add (self->sections[KS_ANNUAL_SECTION_NEW], ks_report_row_copy (row));
  if (ended)
    g_ptr_array_add (self->sections[KS_ANNUAL_SECTION_ENDED], ks_report_row_copy (row));
  if (!is_new && !ended)
    g_ptr_array_add (self->sections[KS_ANNUAL_SECTION_RUNNING], ks_report_row_copy (row));

  for (guint i = 0; row->obstacles[i] != NULL; i++)
    {
      int index = ks_key_get_index (KS_KEY_SET_OBSTACLE, row->obstacles[i]);

      if (index >= 0)
        self->obstacles[index]++;
    }

  return TRUE;
}

static gboolean
collect_row_cb (const KsReportRow  *row,
                gpointer            user_data,
                GError            **error)
{
  Collector *collector = user_data;
  EventAgreement *agreement;

  if (collector->target != NULL)
    {
      g_ptr_array_add (collector->target, ks_report_row_copy (row));
      return TRUE;
    }

  agreement = g_new (EventAgreement, 1);
  agreement->title = g_strdup (row->texts[KS_REPORT_COLUMN_COOPERATION]);
  agreement->region = collector->region;
  g_hash_table_insert (collector->agreements, g_strdup (row->uuid), agreement);

  return TRUE;
}

static void
add_event (KsAnnualReport *self,
           KsEvent        *event,
           const char     *title,
           const char     *region)
{
  KsAnnualEvent *row = g_new0 (KsAnnualEvent, 1);
  const char *kind = ks_key_get_label (KS_KEY_SET_EVENT_KIND, ks_event_get_kind (event));
  const char *description = ks_event_get_description (event);
  gint64 *total;

  row->date = ks_partial_date_format (ks_event_get_occurred_on (event));
  row->region = g_strdup (region);
  row->agreement = g_strdup (title);
  row->activity = description[0] != '\0' ? g_strdup_printf ("%s: %s", kind, description) : g_strdup (kind);
  row->cost = ks_event_get_cost_amount (event);
  row->currency = g_strdup (ks_event_get_cost_currency (event));
  g_ptr_array_add (self->events, row);

  if (row->cost == 0)
    return;
  total = g_hash_table_lookup (self->costs, row->currency);
  if (total == NULL)
    {
      total = g_new0 (gint64, 1);
      g_hash_table_insert (self->costs, g_strdup (row->currency), total);
    }
  *total += row->cost;
}

/* The events of the year, of the selected regions' agreements whatever
 * their period: an evaluation after the end is still this year's work. */
static gboolean
collect_events (KsAnnualReport  *self,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GHashTable) agreements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) event_agreement_free);
  g_autoptr(GListStore) events = NULL;
  Collector collector = { self, NULL, agreements, NULL };

  /* Region by region, so that each agreement's row says its region
   * without a search through the regions for every event. */
  for (guint i = 0; i < ks_report_get_n_regions (self->report); i++)
    {
      KsRegion *region = ks_report_get_region (self->report, i);
      const char *one[] = { ks_region_get_code (region), NULL };

      collector.region = ks_region_get_name (region);
      if (!ks_report_foreach_row (self->report, one, 0, 0, KS_SMART_VIEW_NONE,
                                  collect_row_cb, &collector, cancellable, error))
        return FALSE;
    }

  events = ks_event_store_list_in_years (ks_report_get_database (self->report), self->year, self->year, error);
  if (events == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (events)); i++)
    {
      g_autoptr(KsEvent) event = g_list_model_get_item (G_LIST_MODEL (events), i);
      const EventAgreement *agreement = g_hash_table_lookup (agreements, ks_event_get_agreement_uuid (event));

      if (agreement != NULL)
        add_event (self, event, agreement->title, agreement->region);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Overrides */

static void
ks_annual_report_finalize (GObject *object)
{
  KsAnnualReport *self = KS_ANNUAL_REPORT (object);

  for (guint i = 0; i < KS_ANNUAL_N_SECTIONS; i++)
    g_clear_pointer (&self->sections[i], g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->costs, g_hash_table_unref);
  g_clear_pointer (&self->obstacles, g_free);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (ks_annual_report_parent_class)->finalize (object);
}

static void
ks_annual_report_class_init (KsAnnualReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_annual_report_finalize;
}

static void
ks_annual_report_init (KsAnnualReport *self)
{
  for (guint i = 0; i < KS_ANNUAL_N_SECTIONS; i++)
    self->sections[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_report_row_free);
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) annual_event_free);
  self->costs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->obstacles = g_new0 (guint, ks_key_set_get_n_keys (KS_KEY_SET_OBSTACLE));
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_annual_report_new:
 * @report: a report whose options give one year (year_from = year_to)
 *
 * Gathers the year: the agreements whose period overlaps it, sorted into
 * new, running and ended; those needing follow-up at the end of the year
 * (or today, for the current year) or not reported; the events of the
 * year and their costs; the obstacles.
 *
 * Returns: (transfer full): the annual report, or %NULL with @error set
 */
KsAnnualReport *
ks_annual_report_new (KsReport      *report,
                      GCancellable  *cancellable,
                      GError       **error)
{
  const KsReportOptions *options = ks_report_get_options (report);
  g_autoptr(KsAnnualReport) self = NULL;
  g_auto(GStrv) codes = NULL;
  Collector collector;
  GDate end_of_year;

  g_return_val_if_fail (KS_IS_REPORT (report), NULL);
  g_return_val_if_fail (options->year_from != 0 && options->year_from == options->year_to, NULL);

  self = g_object_new (KS_TYPE_ANNUAL_REPORT, NULL);
  self->report = g_object_ref (report);
  self->year = options->year_from;
  codes = ks_report_dup_region_codes (report);
  if (codes[0] == NULL)
    return g_steal_pointer (&self);

  collector = (Collector) { self, NULL, NULL, NULL };
  if (!ks_report_foreach_row (report, (const char * const *) codes, self->year, self->year,
                              KS_SMART_VIEW_NONE, sort_row_cb, &collector, cancellable, error))
    return NULL;

  /* What needed follow-up as the year ended, not years later. */
  g_date_set_dmy (&end_of_year, 31, G_DATE_DECEMBER, self->year);
  if (g_date_compare (&end_of_year, &options->today) < 0)
    ks_report_set_status_date (report, &end_of_year);
  collector.target = self->sections[KS_ANNUAL_SECTION_NEEDS_FOLLOW_UP];
  if (!ks_report_foreach_row (report, (const char * const *) codes, self->year, self->year,
                              KS_SMART_VIEW_NEEDS_FOLLOW_UP, collect_row_cb, &collector, cancellable, error))
    return NULL;
  collector.target = self->sections[KS_ANNUAL_SECTION_NOT_REPORTED];
  if (!ks_report_foreach_row (report, (const char * const *) codes, self->year, self->year,
                              KS_SMART_VIEW_NOT_REPORTED, collect_row_cb, &collector, cancellable, error))
    return NULL;

  ks_report_set_status_date (report, &options->today);
  if (!collect_events (self, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

KsReport *
ks_annual_report_get_report (KsAnnualReport *self)
{
  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), NULL);

  return self->report;
}

int
ks_annual_report_get_year (KsAnnualReport *self)
{
  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), 0);

  return self->year;
}

/**
 * ks_annual_section_get_title:
 *
 * Returns: (transfer none): the section's translated heading
 */
const char *
ks_annual_section_get_title (KsAnnualSection section)
{
  switch (section)
    {
    case KS_ANNUAL_SECTION_NEW:
      return _("New cooperation");
    case KS_ANNUAL_SECTION_RUNNING:
      return _("Cooperation running through the year");
    case KS_ANNUAL_SECTION_ENDED:
      return _("Cooperation that ended");
    case KS_ANNUAL_SECTION_NEEDS_FOLLOW_UP:
      return _("Needing follow-up");
    case KS_ANNUAL_SECTION_NOT_REPORTED:
      return _("Not reported");
    case KS_ANNUAL_N_SECTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * ks_annual_report_get_rows:
 *
 * Returns: (transfer none) (element-type KsReportRow): the section's rows
 */
GPtrArray *
ks_annual_report_get_rows (KsAnnualReport  *self,
                           KsAnnualSection  section)
{
  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), NULL);
  g_return_val_if_fail (section < KS_ANNUAL_N_SECTIONS, NULL);

  return self->sections[section];
}

/**
 * ks_annual_report_get_events:
 *
 * Returns: (transfer none) (element-type KsAnnualEvent): the year's events,
 *   oldest first
 */
GPtrArray *
ks_annual_report_get_events (KsAnnualReport *self)
{
  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), NULL);

  return self->events;
}

/**
 * ks_annual_report_format_cost:
 * @cost: hundredths of @currency
 *
 * Returns: (transfer full): "IDR 1,500,000.00" in the user's digits
 */
char *
ks_annual_report_format_cost (gint64      cost,
                              const char *currency)
{
  return g_strdup_printf ("%s %'.2f", currency, cost / 100.0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * ks_annual_report_format_costs:
 *
 * Returns: (transfer full): the year's costs per currency, "IDR 1,500.00;
 *   USD 20.00", or "" when none was recorded
 */
char *
ks_annual_report_format_costs (KsAnnualReport *self)
{
  g_autoptr(GPtrArray) currencies = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->costs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (currencies, key);

  g_ptr_array_sort (currencies, compare_strings);
  for (guint i = 0; i < currencies->len; i++)
    {
      const char *currency = g_ptr_array_index (currencies, i);
      g_autofree char *cost = ks_annual_report_format_cost (*(gint64 *) g_hash_table_lookup (self->costs, currency),
                                                            currency);

      g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", cost);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ks_annual_report_get_obstacles:
 *
 * Returns: (transfer none): per obstacle key (ks_key_get_index()), how
 *   many agreements of the year have it
 */
const guint *
ks_annual_report_get_obstacles (KsAnnualReport *self)
{
  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), NULL);

  return self->obstacles;
}

char *
ks_annual_report_dup_title (KsAnnualReport *self)
{
  /* Translators: the title of the annual report, "Annual report of international cooperation 2017" */
  return g_strdup_printf (_("Annual report of international cooperation %d"), self->year);
}

/**
 * ks_annual_report_dup_regions_text:
 *
 * Returns: (transfer full): the regions covered, "Kabupaten Sragen, Kota
 *   Surakarta", or "all regions" when none was chosen
 */
char *
ks_annual_report_dup_regions_text (KsAnnualReport *self)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  g_autoptr(GString) text = g_string_new (NULL);

  if (options->regions == NULL || options->regions[0] == NULL)
    return g_strdup (_("All regions"));

  for (guint i = 0; i < ks_report_get_n_regions (self->report); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            ks_region_get_name (ks_report_get_region (self->report, i)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------ */
/* XLSX: one sheet, the sections one under the other */

static lxw_row_t
write_section (KsAnnualReport *self,
               KsXlsx         *xlsx,
               lxw_worksheet  *sheet,
               lxw_row_t       row,
               KsAnnualSection section)
{
  GPtrArray *rows = self->sections[section];

  ks_xlsx_write_text (sheet, row++, 0, ks_annual_section_get_title (section), xlsx->title);
  ks_xlsx_write_table_header (xlsx, sheet, row++);
  for (guint i = 0; i < rows->len; i++)
    ks_xlsx_write_table_row (xlsx, sheet, row++, i + 1, g_ptr_array_index (rows, i));
  if (rows->len == 0)
    ks_xlsx_write_text (sheet, row++, KS_REPORT_COLUMN_PARTIES, _("None."), xlsx->plain);

  return row + 1;
}

static lxw_row_t
write_events (KsAnnualReport *self,
              KsXlsx         *xlsx,
              lxw_worksheet  *sheet,
              lxw_row_t       row)
{
  const char *headers[] = {
    C_("report column", "No."), C_("report column", "Date"), C_("report column", "Region"),
    C_("report column", "Cooperation"), C_("report column", "Activity"),
    C_("report column", "Currency"), C_("report column", "Cost"),
  };
  g_autofree char *costs = ks_annual_report_format_costs (self);

  ks_xlsx_write_text (sheet, row++, 0, _("Follow-up during the year"), xlsx->title);
  for (lxw_col_t col = 0; col < G_N_ELEMENTS (headers); col++)
    ks_xlsx_write_text (sheet, row, col, headers[col], xlsx->header);
  row++;
  for (guint i = 0; i < self->events->len; i++, row++)
    {
      KsAnnualEvent *event = g_ptr_array_index (self->events, i);

      worksheet_write_number (sheet, row, 0, i + 1, xlsx->number);
      ks_xlsx_write_text (sheet, row, 1, event->date, xlsx->cell);
      ks_xlsx_write_text (sheet, row, 2, event->region, xlsx->cell);
      ks_xlsx_write_text (sheet, row, 3, event->agreement, xlsx->cell);
      ks_xlsx_write_text (sheet, row, 4, event->activity, xlsx->cell);
      ks_xlsx_write_text (sheet, row, 5, event->cost != 0 ? event->currency : "", xlsx->cell);
      if (event->cost != 0)
        worksheet_write_number (sheet, row, 6, event->cost / 100.0, xlsx->money);
      else
        ks_xlsx_write_text (sheet, row, 6, "", xlsx->cell);
    }
  if (self->events->len == 0)
    ks_xlsx_write_text (sheet, row++, 1, _("No follow-up was recorded this year."), xlsx->plain);
  if (costs[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf (_("Total cost: %s"), costs);

      ks_xlsx_write_text (sheet, row++, 1, line, xlsx->letterhead);
    }

  return row + 1;
}

static lxw_row_t
write_obstacles (KsAnnualReport *self,
                 KsXlsx         *xlsx,
                 lxw_worksheet  *sheet,
                 lxw_row_t       row)
{
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_OBSTACLE);

  ks_xlsx_write_text (sheet, row++, 0, _("Obstacles recorded"), xlsx->title);
  ks_xlsx_write_text (sheet, row, 1, C_("report column", "Obstacle"), xlsx->header);
  ks_xlsx_write_text (sheet, row++, 2, C_("report column", "Agreements"), xlsx->header);
  for (guint i = 0; keys[i] != NULL; i++, row++)
    {
      ks_xlsx_write_text (sheet, row, 1, ks_key_get_label (KS_KEY_SET_OBSTACLE, keys[i]), xlsx->cell);
      worksheet_write_number (sheet, row, 2, self->obstacles[i], xlsx->number);
    }

  return row + 1;
}

/**
 * ks_annual_report_write_xlsx:
 * @path: the workbook to write (replaced when it exists)
 *
 * Returns: %TRUE when @path holds the whole workbook
 */
gboolean
ks_annual_report_write_xlsx (KsAnnualReport  *self,
                             const char      *path,
                             GCancellable    *cancellable,
                             GError         **error)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  g_autofree char *title = ks_annual_report_dup_title (self);
  g_autofree char *regions = ks_annual_report_dup_regions_text (self);
  g_autofree char *sheet_name = NULL;
  lxw_worksheet *sheet;
  lxw_row_t row;
  KsXlsx *xlsx;

  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), FALSE);

  xlsx = ks_xlsx_open (path, title, options, error);
  if (xlsx == NULL)
    return FALSE;

  /* Translators: the name of the annual report's sheet, at most 31 characters */
  sheet_name = g_strdup_printf (C_("sheet", "Annual report %d"), self->year);
  sheet = ks_xlsx_add_sheet (xlsx, sheet_name);
  ks_xlsx_set_table_columns (xlsx, sheet);
  row = ks_xlsx_write_title_block (xlsx, sheet, options, title, regions);
  /* Several tables share the sheet: no one header row to repeat. */
  ks_xlsx_set_up_page (sheet, -1);
  for (KsAnnualSection section = 0; section < KS_ANNUAL_N_SECTIONS; section++)
    {
      row = write_section (self, xlsx, sheet, row, section);
      if (section == KS_ANNUAL_SECTION_ENDED)
        row = write_events (self, xlsx, sheet, row);
    }
  write_obstacles (self, xlsx, sheet, row);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      ks_xlsx_abort (xlsx);
      return FALSE;
    }

  return ks_xlsx_close (xlsx, path, error);
}

/**
 * ks_annual_report_write:
 * @path: FILE.xlsx or FILE.pdf
 *
 * Writes the report in the format the name asks for.
 */
gboolean
ks_annual_report_write (KsAnnualReport    *self,
                        const char        *path,
                        GCancellable      *cancellable,
                        KsReportProgress   progress,
                        gpointer           progress_data,
                        GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (self), FALSE);

  if (g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF"))
    ok = ks_report_pages_write_pdf (self, path, cancellable, progress, progress_data, error);
  else
    ok = ks_annual_report_write_xlsx (self, path, cancellable, error);

  if (ok && progress != NULL)
    progress (1.0, progress_data);

  return ok;
}
