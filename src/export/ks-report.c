/* ks-report.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-report"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-attention.h"
#include "ks-error.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-region-store.h"
#include "ks-report.h"

/* A last follow-up's description is cut here: the cell says what
 * happened, the register holds the rest. */
#define DESCRIPTION_MAX_CHARS 160

struct _KsReport
{
  GObject          parent_instance;

  KsDatabase      *db;
  KsReportOptions *options;
  GPtrArray       *regions;     /* KsRegion, in code order */
  KsAgreementList *list;
  KsKeyLabels     *labels;      /* every row's form, stage, sectors… */
};

G_DEFINE_FINAL_TYPE (KsReport, ks_report, G_TYPE_OBJECT)

/* Widths in characters of the default font: what the workbook sets and
 * what the PDF shares out the page by. */
static const double column_widths[KS_REPORT_N_COLUMNS] = {
  [KS_REPORT_COLUMN_NUMBER] = 6,
  [KS_REPORT_COLUMN_PARTIES] = 34,
  [KS_REPORT_COLUMN_COOPERATION] = 32,
  [KS_REPORT_COLUMN_FORM] = 14,
  [KS_REPORT_COLUMN_SECTORS] = 16,
  [KS_REPORT_COLUMN_PERIOD] = 20,
  [KS_REPORT_COLUMN_STAGE] = 15,
  [KS_REPORT_COLUMN_LAST_FOLLOW_UP] = 26,
  [KS_REPORT_COLUMN_NOTES] = 40,
};

/* ------------------------------------------------------------------ */
/* Cells */

/* Steps through the @separator-separated items of a stored list
 * without copying it apart: every report row has three such lists. */
static gboolean
next_item (const char **list,
           const char  *separator,
           const char **item,
           gsize       *len)
{
  const char *end;

  if (*list == NULL)
    return FALSE;

  end = strstr (*list, separator);
  *item = *list;
  *len = end != NULL ? (gsize) (end - *list) : strlen (*list);
  *list = end != NULL ? end + strlen (separator) : NULL;
  return TRUE;
}

typedef const char *(*ShowKey) (const char    *key,
                                gconstpointer  data);

/* Appends what @show gives for the @len bytes at @key: a country's name
 * for its code, a sector's label for its key.  A key too long to be one
 * is unknown, and unknown keys are shown as they are. */
static void
append_key (GString       *text,
            const char    *key,
            gsize          len,
            ShowKey        show,
            gconstpointer  data)
{
  char copy[32];

  if (len >= sizeof copy)
    {
      g_string_append_len (text, key, len);
      return;
    }
  memcpy (copy, key, len);
  copy[len] = '\0';
  g_string_append (text, show (copy, data));
}

static const char *
show_country (const char    *code,
              gconstpointer  data)
{
  return ks_country_get_name (code);
}

static const char *
show_sector (const char    *key,
             gconstpointer  labels)
{
  return ks_key_labels_get (labels, KS_KEY_SET_SECTOR, key);
}

static char *
format_parties (KsAgreementSummary *summary)
{
  const char *partners = ks_agreement_summary_get_partners (summary);
  const char *countries = ks_agreement_summary_get_countries (summary);
  g_autoptr(GString) text = g_string_new (ks_agreement_summary_get_local_parties (summary));
  const char *partner, *code;
  gsize partner_len, code_len;

  for (guint i = 0; next_item (&partners, "; ", &partner, &partner_len) && partner_len > 0; i++)
    {
      if (!next_item (&countries, ";", &code, &code_len))
        code_len = 0;

      if (i == 0)
        g_string_append (text, text->len > 0 ? " — " : "");
      else
        g_string_append (text, "; ");
      g_string_append_len (text, partner, partner_len);
      if (code_len > 0)
        {
          g_string_append (text, ", ");
          append_key (text, code, code_len, show_country, NULL);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_sectors (const KsKeyLabels *labels,
                const char        *sectors)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *key;
  gsize len;

  while (next_item (&sectors, ";", &key, &len))
    {
      if (len == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      append_key (text, key, len, show_sector, labels);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_period (KsAgreementSummary *summary)
{
  const char *starts_on = ks_agreement_summary_get_starts_on (summary);
  const char *stage = ks_agreement_summary_get_stage (summary);
  const char *signed_on = ks_agreement_summary_get_signed_on (summary);

  /* The signing date is the best start the records offer when the start
   * itself is unknown. */
  if (starts_on[0] == '\0')
    starts_on = signed_on;

  return ks_period_format (starts_on, ks_agreement_summary_get_ends_on (summary),
                           !ks_stage_is_closed (stage));
}

static char *
format_last_follow_up (const KsKeyLabels        *labels,
                       const KsAgreementDetails *details)
{
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;

  if (details->last_event_on[0] == '\0')
    return g_strdup ("");

  date = ks_partial_date_format (details->last_event_on);
  /* A text of no more bytes than the limit has no more characters. */
  if (strlen (details->last_event_description) > DESCRIPTION_MAX_CHARS &&
      g_utf8_strlen (details->last_event_description, -1) > DESCRIPTION_MAX_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (details->last_event_description, 0, DESCRIPTION_MAX_CHARS);

      description = g_strconcat (cut, "…", NULL);
    }
  else
    description = g_strdup (details->last_event_description);

  if (description[0] == '\0')
    /* Translators: the last follow-up of an agreement, "30 October 2017: Renewed" */
    return g_strdup_printf (C_("follow-up", "%s: %s"), date,
                            ks_key_labels_get (labels, KS_KEY_SET_EVENT_KIND, details->last_event_kind));

  /* Translators: the last follow-up, "30 October 2017: Renewed. The grant was extended…" */
  return g_strdup_printf (C_("follow-up", "%s: %s. %s"), date,
                          ks_key_labels_get (labels, KS_KEY_SET_EVENT_KIND, details->last_event_kind),
                          description);
}

static void
row_fill (KsReportRow              *row,
          const KsKeyLabels        *labels,
          KsAgreementSummary       *summary,
          const KsAgreementDetails *details)
{
  const char *stage = ks_agreement_summary_get_stage (summary);
  const char *form = ks_agreement_summary_get_form (summary);

  row->id = ks_agreement_summary_get_id (summary);
  row->uuid = g_strdup (ks_agreement_summary_get_uuid (summary));
  row->region_code = g_strdup (ks_agreement_summary_get_region_code (summary));
  row->stage = g_strdup (stage);
  row->starts_on = g_strdup (ks_period_stand_in_start (ks_agreement_summary_get_starts_on (summary),
                                                       ks_agreement_summary_get_signed_on (summary),
                                                       ks_agreement_summary_get_ends_on (summary),
                                                       details->last_event_on));
  row->ends_on = g_strdup (ks_agreement_summary_get_ends_on (summary));
  row->obstacles = details->obstacles[0] != '\0' ? g_strsplit (details->obstacles, ";", -1)
                                                  : g_new0 (char *, 1);

  row->texts[KS_REPORT_COLUMN_PARTIES] = format_parties (summary);
  row->texts[KS_REPORT_COLUMN_COOPERATION] = g_strdup (ks_agreement_summary_get_title (summary));
  row->texts[KS_REPORT_COLUMN_FORM] = g_strdup (ks_key_labels_get (labels, KS_KEY_SET_FORM, form));
  row->texts[KS_REPORT_COLUMN_SECTORS] = format_sectors (labels, ks_agreement_summary_get_sectors (summary));
  row->texts[KS_REPORT_COLUMN_PERIOD] = format_period (summary);
  row->texts[KS_REPORT_COLUMN_STAGE] = g_strdup (ks_key_labels_get (labels, KS_KEY_SET_STAGE, stage));
  row->texts[KS_REPORT_COLUMN_LAST_FOLLOW_UP] = format_last_follow_up (labels, details);
  row->texts[KS_REPORT_COLUMN_NOTES] = g_strdup (details->notes);
}

/* The addresses of @row's string fields, the obstacles aside; @fields
 * has room for N_ROW_STRINGS. */
#define N_ROW_STRINGS (KS_REPORT_N_COLUMNS + 6)

static void
row_strings (KsReportRow  *row,
             char        **fields[N_ROW_STRINGS])
{
  guint n = 0;

  for (guint i = 0; i < KS_REPORT_N_COLUMNS; i++)
    fields[n++] = &row->texts[i];
  fields[n++] = &row->uuid;
  fields[n++] = &row->region_code;
  fields[n++] = &row->stage;
  fields[n++] = &row->starts_on;
  fields[n++] = &row->ends_on;
  fields[n++] = &row->reason;
  g_assert (n == N_ROW_STRINGS);
}

/* Frees what the fields of a row of ks_report_foreach_row() hold. */
static void
row_clear (KsReportRow *row)
{
  char **fields[N_ROW_STRINGS];

  row_strings (row, fields);
  for (guint i = 0; i < N_ROW_STRINGS; i++)
    g_clear_pointer (fields[i], g_free);
  g_clear_pointer (&row->obstacles, g_strfreev);
}

static gsize
string_size (const char *text)
{
  return text != NULL ? strlen (text) + 1 : 0;
}

static char *
pack_string (char       **cursor,
             const char  *text)
{
  gsize size = string_size (text);
  char *copy = size > 0 ? memcpy (*cursor, text, size) : NULL;

  *cursor += size;
  return copy;
}

/* ------------------------------------------------------------------ */
/* Overrides */

static void
ks_report_finalize (GObject *object)
{
  KsReport *self = KS_REPORT (object);

  g_clear_object (&self->list);
  g_clear_pointer (&self->labels, ks_key_labels_free);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->options, ks_report_options_free);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_report_parent_class)->finalize (object);
}

static void
ks_report_class_init (KsReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_report_finalize;
}

static void
ks_report_init (KsReport *self)
{
}

/* ------------------------------------------------------------------ */
/* Options */

/**
 * ks_report_options_new:
 *
 * Returns: (transfer full): options for every region, all years, no
 *   letterhead, made today, with the default follow-up threshold
 */
KsReportOptions *
ks_report_options_new (void)
{
  KsReportOptions *options = g_new0 (KsReportOptions, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  options->author = g_strdup ("");
  options->follow_up_months = KS_AGREEMENT_FILTER_DEFAULT_FOLLOW_UP_MONTHS;
  g_date_set_dmy (&options->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  return options;
}

/**
 * ks_report_options_copy:
 * @options: options
 *
 * Returns: (transfer full): a deep copy, to hand to another thread
 */
KsReportOptions *
ks_report_options_copy (const KsReportOptions *options)
{
  KsReportOptions *copy = g_memdup2 (options, sizeof *options);

  copy->regions = g_strdupv (options->regions);
  copy->letterhead = g_strdupv (options->letterhead);
  copy->logo_path = g_strdup (options->logo_path);
  copy->author = g_strdup (options->author);
  copy->signer_name = g_strdup (options->signer_name);
  copy->signer_position = g_strdup (options->signer_position);

  return copy;
}

void
ks_report_options_free (KsReportOptions *options)
{
  if (options == NULL)
    return;

  g_strfreev (options->regions);
  g_strfreev (options->letterhead);
  g_free (options->logo_path);
  g_free (options->author);
  g_free (options->signer_name);
  g_free (options->signer_position);
  g_free (options);
}

/**
 * ks_report_options_format_period:
 * @options: options
 *
 * Returns: (transfer full): the period as the title block says it:
 *   "2012–2017", "2017", "since 2012", "until 2017" or "all years"
 */
char *
ks_report_options_format_period (const KsReportOptions *options)
{
  if (options->year_from == 0 && options->year_to == 0)
    return g_strdup (_("all years"));
  if (options->year_from == 0)
    /* Translators: a report's period with no first year, "until 2017" */
    return g_strdup_printf (_("until %d"), options->year_to);
  if (options->year_to == 0)
    /* Translators: a report's period with no last year, "since 2012" */
    return g_strdup_printf (_("since %d"), options->year_from);
  if (options->year_from == options->year_to)
    return g_strdup_printf ("%d", options->year_from);

  return g_strdup_printf ("%d–%d", options->year_from, options->year_to);
}

/**
 * ks_report_row_copy:
 * @row: a row, as a #KsReportRowFunc sees it
 *
 * The copy is one block: the row, its obstacles' array, then every
 * string.  A workbook's writer frees 100,000 rows on another thread than
 * the one that made them; one free() each is a fifteenth of the work.
 *
 * Returns: (transfer full): a deep copy, to keep after the call
 */
KsReportRow *
ks_report_row_copy (const KsReportRow *row)
{
  guint n_obstacles = g_strv_length (row->obstacles);
  gsize size = sizeof (KsReportRow) + (n_obstacles + 1) * sizeof (char *);
  KsReportRow shape = *row;
  char **fields[N_ROW_STRINGS];
  KsReportRow *copy;
  char *cursor;

  row_strings (&shape, fields);
  for (guint i = 0; i < N_ROW_STRINGS; i++)
    size += string_size (*fields[i]);
  for (guint i = 0; i < n_obstacles; i++)
    size += string_size (row->obstacles[i]);

  copy = g_malloc (size);
  *copy = *row;
  copy->obstacles = (GStrv) (copy + 1);
  cursor = (char *) (copy->obstacles + n_obstacles + 1);
  for (guint i = 0; i < n_obstacles; i++)
    copy->obstacles[i] = pack_string (&cursor, row->obstacles[i]);
  copy->obstacles[n_obstacles] = NULL;
  /* Until packed, the copy's fields still point at @row's strings. */
  row_strings (copy, fields);
  for (guint i = 0; i < N_ROW_STRINGS; i++)
    *fields[i] = pack_string (&cursor, *fields[i]);

  return copy;
}

void
ks_report_row_free (KsReportRow *row)
{
  g_free (row);
}

/**
 * ks_report_column_get_label:
 * @column: a column
 *
 * Returns: (transfer none): the column's translated header
 */
const char *
ks_report_column_get_label (KsReportColumn column)
{
  switch (column)
    {
    case KS_REPORT_COLUMN_NUMBER:
      /* Translators: the header of the row numbers in a report table */
      return C_("report column", "No.");
    case KS_REPORT_COLUMN_PARTIES:
      return C_("report column", "Parties involved");
    case KS_REPORT_COLUMN_COOPERATION:
      return C_("report column", "Cooperation");
    case KS_REPORT_COLUMN_FORM:
      return C_("report column", "Form");
    case KS_REPORT_COLUMN_SECTORS:
      return C_("report column", "Sectors");
    case KS_REPORT_COLUMN_PERIOD:
      return C_("report column", "Period");
    case KS_REPORT_COLUMN_STAGE:
      return C_("report column", "Stage");
    case KS_REPORT_COLUMN_LAST_FOLLOW_UP:
      return C_("report column", "Last follow-up");
    case KS_REPORT_COLUMN_NOTES:
      return C_("report column", "Notes");
    case KS_REPORT_N_COLUMNS:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * ks_report_column_get_width:
 * @column: a column
 *
 * Returns: the column's width in characters of the default font
 */
double
ks_report_column_get_width (KsReportColumn column)
{
  g_return_val_if_fail (column < KS_REPORT_N_COLUMNS, 10);

  return column_widths[column];
}

/* ------------------------------------------------------------------ */
/* Public API */

static gboolean
resolve_regions (KsReport  *self,
                 GError   **error)
{
  g_autoptr(GListStore) all = ks_region_store_list (self->db, error);
  GStrv wanted = self->options->regions;

  if (all == NULL)
    return FALSE;

  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    {
      g_autoptr(KsRegion) region = ks_region_store_lookup (self->db, wanted[i], NULL);

      if (region == NULL)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
                       _("There is no region “%s” in the register."), wanted[i]);
          return FALSE;
        }
    }

  self->regions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (all), i);
      gboolean chosen = wanted == NULL || wanted[0] == NULL;

      for (guint j = 0; !chosen && wanted[j] != NULL; j++)
        {
          g_autoptr(KsRegion) match = ks_region_store_lookup (self->db, wanted[j], NULL);

          chosen = g_str_equal (ks_region_get_code (match), ks_region_get_code (region));
        }
      if (chosen)
        g_ptr_array_add (self->regions, g_steal_pointer (&region));
    }

  return TRUE;
}

/**
 * ks_report_new:
 * @db: the register; the report reads it on the calling thread only
 * @options: what to report on (copied)
 *
 * Returns: (transfer full): the report, or %NULL with @error set when a
 *   region is unknown or the register cannot be read
 */
KsReport *
ks_report_new (KsDatabase             *db,
               const KsReportOptions  *options,
               GError                **error)
{
  g_autoptr(KsReport) self = NULL;
  KsAgreementFilter *filter;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (KS_TYPE_REPORT, NULL);
  self->db = g_object_ref (db);
  self->options = ks_report_options_copy (options);
  if (!resolve_regions (self, error))
    return NULL;

  /* Rows are read for the regions each output asks for, when it asks,
   * and labelled in the language the report was made in. */
  self->list = ks_agreement_list_new_for_regions (db, (const char * const []) { NULL });
  self->labels = ks_key_labels_new ();

  filter = ks_agreement_list_get_filter (self->list);
  ks_agreement_filter_set_today (filter, &self->options->today);
  ks_agreement_filter_set_follow_up_months (filter, self->options->follow_up_months);
  ks_agreement_list_set_sort (self->list, KS_AGREEMENT_SORT_PERIOD, FALSE);

  return g_steal_pointer (&self);
}

const KsReportOptions *
ks_report_get_options (KsReport *self)
{
  g_return_val_if_fail (KS_IS_REPORT (self), NULL);

  return self->options;
}

KsDatabase *
ks_report_get_database (KsReport *self)
{
  g_return_val_if_fail (KS_IS_REPORT (self), NULL);

  return self->db;
}

guint
ks_report_get_n_regions (KsReport *self)
{
  g_return_val_if_fail (KS_IS_REPORT (self), 0);

  return self->regions->len;
}

/**
 * ks_report_get_region:
 * @index: below ks_report_get_n_regions()
 *
 * Returns: (transfer none): the selected region at @index, in code order
 */
KsRegion *
ks_report_get_region (KsReport *self,
                      guint     index)
{
  g_return_val_if_fail (KS_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->regions->len, NULL);

  return g_ptr_array_index (self->regions, index);
}

/**
 * ks_report_dup_region_codes:
 *
 * Returns: (transfer full): the codes of the selected regions
 */
GStrv
ks_report_dup_region_codes (KsReport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KS_IS_REPORT (self), NULL);

  for (guint i = 0; i < self->regions->len; i++)
    g_strv_builder_add (builder, ks_region_get_code (g_ptr_array_index (self->regions, i)));

  return g_strv_builder_end (builder);
}

/**
 * ks_report_set_status_date:
 * @date: the day "needs follow-up" is judged on
 *
 * The options' today by default; the annual report of a past year judges
 * on its last day, so that it says what needed follow-up then.
 */
void
ks_report_set_status_date (KsReport    *self,
                           const GDate *date)
{
  g_return_if_fail (KS_IS_REPORT (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  ks_agreement_filter_set_today (ks_agreement_list_get_filter (self->list), date);
}

static gboolean
apply_filter (KsReport            *self,
              const char * const  *region_codes,
              int                  year_from,
              int                  year_to,
              KsSmartView          view,
              GError             **error)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->list);

  if (!ks_agreement_list_set_scope (self->list, region_codes, error))
    return FALSE;
  ks_agreement_filter_set_regions (filter, region_codes);
  ks_agreement_filter_set_year_range (filter, year_from, year_to);
  ks_agreement_filter_set_smart_view (filter, view);

  return TRUE;
}

/**
 * ks_report_foreach_row:
 * @region_codes: the regions whose agreements to visit (of the selected)
 * @year_from: first year, 0 for open (the period rule of ks-partial-date.h)
 * @year_to: last year, 0 for open
 * @view: a smart view the rows must also be in, or %KS_SMART_VIEW_NONE
 * @func: called for each agreement, in period order; with @view, each
 *   row says why it is there (#KsReportRow.reason)
 *
 * Builds each row only when it is visited, so that a workbook of 100,000
 * agreements holds one row at a time.
 *
 * Returns: %FALSE with @error set when cancelled, when the register
 *   failed, or when @func did
 */
gboolean
ks_report_foreach_row (KsReport            *self,
                       const char * const  *region_codes,
                       int                  year_from,
                       int                  year_to,
                       KsSmartView          view,
                       KsReportRowFunc      func,
                       gpointer             user_data,
                       GCancellable        *cancellable,
                       GError             **error)
{
  GListModel *model = G_LIST_MODEL (self->list);
  GDate today;

  g_return_val_if_fail (KS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (region_codes != NULL && region_codes[0] != NULL, FALSE);

  if (!apply_filter (self, region_codes, year_from, year_to, view, error))
    return FALSE;
  ks_agreement_filter_get_today (ks_agreement_list_get_filter (self->list), &today);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KsAgreementSummary) summary = g_list_model_get_item (model, i);
      g_auto(KsAgreementDetails) details = { NULL };
      KsReportRow row = { 0 };
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The report's list is made for regions, and such a list reads the
       * details with its rows. */
      if (!ks_agreement_list_get_details (self->list, i, &details))
        g_return_val_if_reached (FALSE);

      row_fill (&row, self->labels, summary, &details);
      if (view != KS_SMART_VIEW_NONE)
        row.reason = ks_attention_describe (self->db, summary, view, &today);
      ok = func (&row, user_data, error);
      row_clear (&row);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/**
 * ks_report_count:
 * @region_codes: regions to count in
 * @view: a smart view, or %KS_SMART_VIEW_NONE
 * @count: (out): how many agreements of the regions belong to the
 *   options' period and @view
 *
 * Returns: %FALSE with @error set when the register could not be read
 */
gboolean
ks_report_count (KsReport            *self,
                 const char * const  *region_codes,
                 KsSmartView          view,
                 guint               *count,
                 GError             **error)
{
  g_return_val_if_fail (KS_IS_REPORT (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  if (!apply_filter (self, region_codes, self->options->year_from, self->options->year_to,
                     view, error))
    return FALSE;

  *count = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  return TRUE;
}

/**
 * ks_report_temp_path_for:
 * @path: the file to write in the end
 *
 * Makes an empty hidden file beside @path to write into, so that the
 * final rename stays on one file system.
 *
 * Returns: (transfer full): its path, or %NULL with @error set
 */
char *
ks_report_temp_path_for (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s-XXXXXX", base);
  g_autofree char *temp = g_build_filename (dir, template, NULL);
  int fd = g_mkstemp (temp);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, KS_ERROR, KS_ERROR_IO, _("Could not write “%s”: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);

  return g_steal_pointer (&temp);
}

/**
 * ks_report_commit_temp:
 * @temp_path: the finished file from ks_report_temp_path_for()
 * @path: where it belongs
 *
 * Moves the finished file into place, replacing any older one; on
 * failure the temporary file is removed.
 *
 * Returns: %TRUE on success
 */
gboolean
ks_report_commit_temp (const char  *temp_path,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (temp_path);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_move (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (temp_path);
      g_set_error (error, KS_ERROR, KS_ERROR_IO, _("Could not write “%s”: %s"),
                   display, local_error->message);
      return FALSE;
    }

  return TRUE;
}
