/* ks-overview.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-overview.h"

/*
 * The overview's figures.  Which agreements count is decided by the list
 * (ks_agreement_list_collect_ids(), the same rules as the table) for the
 * filter's regions and years only: the overview answers "what is in
 * these regions and years", whatever the table is narrowed to.  The
 * numbers behind the charts then come from SQL over those ids, passed
 * as one JSON array so that a register of any size is one statement.
 */

#define IDS "(SELECT value FROM json_each (?1))"

typedef struct
{
  guint  category;
  guint  series;
  double value;
} Cell;

typedef struct
{
  GPtrArray  *category_keys;
  GPtrArray  *category_labels;
  GPtrArray  *series_keys;
  GPtrArray  *series_labels;
  GArray     *series_colors;
  GHashTable *categories;      /* key → index + 1 */
  GHashTable *series;          /* key → index + 1 */
  GArray     *cells;
} Builder;

/* ------------------------------------------------------------------ */
/* Building a series */

static void
builder_init (Builder *b)
{
  b->category_keys = g_ptr_array_new_with_free_func (g_free);
  b->category_labels = g_ptr_array_new_with_free_func (g_free);
  b->series_keys = g_ptr_array_new_with_free_func (g_free);
  b->series_labels = g_ptr_array_new_with_free_func (g_free);
  b->series_colors = g_array_new (FALSE, FALSE, sizeof (guint));
  b->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
}

static guint
builder_category (Builder    *b,
                  const char *key,
                  const char *label)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (b->categories, key));

  if (index > 0)
    return index - 1;

  g_ptr_array_add (b->category_keys, g_strdup (key));
  g_ptr_array_add (b->category_labels, g_strdup (label));
  g_hash_table_insert (b->categories, g_strdup (key), GUINT_TO_POINTER (b->category_keys->len));

  return b->category_keys->len - 1;
}

static guint
builder_series (Builder    *b,
                const char *key,
                const char *label,
                guint       color)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (b->series, key));

  if (index > 0)
    return index - 1;

  g_ptr_array_add (b->series_keys, g_strdup (key));
  g_ptr_array_add (b->series_labels, g_strdup (label));
  g_array_append_val (b->series_colors, color);
  g_hash_table_insert (b->series, g_strdup (key), GUINT_TO_POINTER (b->series_keys->len));

  return b->series_keys->len - 1;
}

static void
builder_add (Builder *b,
             guint    category,
             guint    series,
             double   value)
{
  Cell cell = { category, series, value };

  g_array_append_val (b->cells, cell);
}

static GStrv
steal_strv (GPtrArray *array,
            const guint *keep,
            guint        n_keep)
{
  GStrv strv = g_new0 (char *, n_keep + 1);

  for (guint i = 0; i < n_keep; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, keep != NULL ? keep[i] : i));
  g_ptr_array_unref (array);

  return strv;
}

/* Series nobody has a value in are dropped, so that the legend lists
 * only what the chart shows. */
static KsOverviewSeries *
builder_end (Builder *b)
{
  KsOverviewSeries *s = g_new0 (KsOverviewSeries, 1);
  g_autofree guint *keep = g_new0 (guint, b->series_keys->len + 1);
  g_autofree guint *new_index = g_new0 (guint, b->series_keys->len + 1);
  g_autofree gboolean *used = g_new0 (gboolean, b->series_keys->len + 1);

  for (guint i = 0; i < b->cells->len; i++)
    if (g_array_index (b->cells, Cell, i).value != 0)
      used[g_array_index (b->cells, Cell, i).series] = TRUE;
  for (guint i = 0; i < b->series_keys->len; i++)
    if (used[i])
      {
        new_index[i] = s->n_series;
        keep[s->n_series++] = i;
      }

  s->n_categories = b->category_keys->len;
  s->series_colors = g_new0 (guint, s->n_series + 1);
  for (guint i = 0; i < s->n_series; i++)
    s->series_colors[i] = g_array_index (b->series_colors, guint, keep[i]);
  s->values = g_new0 (double, MAX (s->n_categories * s->n_series, 1));
  for (guint i = 0; i < b->cells->len; i++)
    {
      const Cell *cell = &g_array_index (b->cells, Cell, i);

      if (used[cell->series])
        s->values[cell->category * s->n_series + new_index[cell->series]] += cell->value;
    }

  s->category_keys = steal_strv (b->category_keys, NULL, s->n_categories);
  s->category_labels = steal_strv (b->category_labels, NULL, s->n_categories);
  s->series_keys = steal_strv (b->series_keys, keep, s->n_series);
  s->series_labels = steal_strv (b->series_labels, keep, s->n_series);
  g_array_unref (b->series_colors);
  g_hash_table_unref (b->categories);
  g_hash_table_unref (b->series);
  g_array_unref (b->cells);

  return s;
}

/**
 * ks_overview_series_free:
 */
void
ks_overview_series_free (KsOverviewSeries *s)
{
  if (s == NULL)
    return;

  g_strfreev (s->category_keys);
  g_strfreev (s->category_labels);
  g_strfreev (s->series_keys);
  g_strfreev (s->series_labels);
  g_free (s->series_colors);
  g_free (s->values);
  g_free (s);
}

/* ------------------------------------------------------------------ */
/* Queries */

static KsStatement *
prepare (KsDatabase  *db,
         const char  *sql,
         const char  *ids,
         GError     **error)
{
  KsStatement *stmt = ks_database_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, ids, -1, SQLITE_TRANSIENT);

  return stmt;
}

static gboolean
finish (KsDatabase  *db,
        int          rc,
        GError     **error)
{
  if (rc != SQLITE_DONE)
    return ks_database_set_error (db, rc, error);

  return TRUE;
}

static const char *
column_text (KsStatement *stmt,
             int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Every selected region gets a bar, even without agreements: "no
 * cooperation recorded" is a finding. */
static gboolean
add_selected_regions (KsDatabase          *db,
                      const char * const  *codes,
                      Builder             *b,
                      GError             **error)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(KsStatement) stmt = NULL;
  int rc;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strescape (codes[i], NULL);

      g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", quoted);
    }
  g_string_append_c (json, ']');

  stmt = prepare (db, "SELECT code, name FROM regions WHERE deleted_at IS NULL "
                      "AND code IN " IDS " ORDER BY code", json->str, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    builder_category (b, column_text (stmt, 0), column_text (stmt, 1));

  return finish (db, rc, error);
}

static KsOverviewSeries *
count_by_region (KsDatabase          *db,
                 const char          *ids,
                 const char * const  *regions,
                 guint               *n_running,
                 GError             **error)
{
  const char * const *stages = ks_key_set_get_keys (KS_KEY_SET_STAGE);
  g_autoptr(KsStatement) stmt = NULL;
  Builder b;
  int rc;

  builder_init (&b);
  for (guint i = 0; stages[i] != NULL; i++)
    builder_series (&b, stages[i], ks_key_get_label (KS_KEY_SET_STAGE, stages[i]), i);
  if (regions != NULL && !add_selected_regions (db, regions, &b, error))
    return builder_end (&b);

  stmt = prepare (db, "SELECT r.code, r.name, a.stage, count (*) FROM agreements a "
                      "JOIN regions r ON r.id = a.region_id WHERE a.id IN " IDS " "
                      "GROUP BY r.code, a.stage ORDER BY r.code", ids, error);
  if (stmt == NULL)
    return builder_end (&b);

  *n_running = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *stage = column_text (stmt, 2);
      guint category = builder_category (&b, column_text (stmt, 0), column_text (stmt, 1));
      guint series = builder_series (&b, stage, stage, G_MAXINT8);

      builder_add (&b, category, series, sqlite3_column_int (stmt, 3));
      if (ks_stage_is_running (stage))
        *n_running += sqlite3_column_int (stmt, 3);
    }
  finish (db, rc, error);

  return builder_end (&b);
}

/* Categories for every year from @first to @last, in order. */
static void
add_years (Builder *b,
           int      first,
           int      last)
{
  for (int year = first; year <= last && year - first < 1000; year++)
    {
      char key[16];

      g_snprintf (key, sizeof key, "%d", year);
      builder_category (b, key, key);
    }
}

/* The years to show: the filter's, or where the data lies. */
static void
year_span (KsAgreementFilter *filter,
           int                data_first,
           int                data_last,
           int               *first,
           int               *last)
{
  guint from = ks_agreement_filter_get_year_from (filter);
  guint to = ks_agreement_filter_get_year_to (filter);

  *first = from != 0 ? (int) from : data_first;
  *last = to != 0 ? (int) to : data_last;
  if (from == 0 && to != 0 && data_first > *last)
    *first = *last;
  if (to == 0 && from != 0 && data_last < *first)
    *last = *first;
}

static KsOverviewSeries *
count_by_year (KsDatabase         *db,
               const char         *ids,
               KsAgreementFilter  *filter,
               GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  int first = G_MAXINT, last = G_MININT;
  Builder b;
  int rc;

  builder_init (&b);
  builder_series (&b, "", "", 0);
  stmt = prepare (db, "SELECT CAST (substr (coalesce (nullif (signed_on, ''), "
                      "nullif (starts_on, '')), 1, 4) AS INTEGER) AS y, count (*) "
                      "FROM agreements WHERE id IN " IDS " AND y > 0 GROUP BY y ORDER BY y",
                  ids, error);
  if (stmt == NULL)
    return builder_end (&b);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int row[2] = { sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1) };

      g_array_append_val (rows, row);
      first = MIN (first, row[0]);
      last = MAX (last, row[0]);
    }
  finish (db, rc, error);

  year_span (filter, first, last, &first, &last);
  add_years (&b, first, last);
  for (guint i = 0; i < rows->len; i++)
    {
      const int *row = &g_array_index (rows, int, 2 * i);
      char key[16];

      g_snprintf (key, sizeof key, "%d", row[0]);
      if (row[0] >= first && row[0] <= last)
        builder_add (&b, builder_category (&b, key, key), 0, row[1]);
    }

  return builder_end (&b);
}

static KsOverviewSeries *
count_by_country (KsDatabase  *db,
                  const char  *ids,
                  guint       *n_countries,
                  GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  Builder b;
  int rc;

  builder_init (&b);
  builder_series (&b, "", "", 0);
  stmt = prepare (db, "SELECT p.country, count (DISTINCT p.id) FROM agreement_partners ap "
                      "JOIN partners p ON p.id = ap.partner_id "
                      "WHERE ap.agreement_id IN " IDS " AND p.country <> '' "
                      "GROUP BY p.country ORDER BY 2 DESC, p.country", ids, error);
  if (stmt == NULL)
    return builder_end (&b);

  *n_countries = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = column_text (stmt, 0);

      if ((*n_countries)++ < 10)
        builder_add (&b, builder_category (&b, code, ks_country_get_name (code)), 0,
                     sqlite3_column_int (stmt, 1));
    }
  finish (db, rc, error);

  return builder_end (&b);
}

static KsOverviewSeries *
count_obstacles (KsDatabase  *db,
                 const char  *ids,
                 GError     **error)
{
  const char * const *obstacles = ks_key_set_get_keys (KS_KEY_SET_OBSTACLE);
  g_autoptr(KsStatement) stmt = NULL;
  Builder b;
  int rc;

  builder_init (&b);
  builder_series (&b, "", "", 0);
  for (guint i = 0; obstacles[i] != NULL; i++)
    builder_category (&b, obstacles[i], ks_key_get_label (KS_KEY_SET_OBSTACLE, obstacles[i]));

  stmt = prepare (db, "SELECT obstacle, count (*) FROM agreement_obstacles "
                      "WHERE agreement_id IN " IDS " GROUP BY obstacle", ids, error);
  if (stmt == NULL)
    return builder_end (&b);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 0);

      builder_add (&b, builder_category (&b, key, key), 0, sqlite3_column_int (stmt, 1));
    }
  finish (db, rc, error);

  return builder_end (&b);
}

static KsOverviewSeries *
sum_spending (KsDatabase         *db,
              const char         *ids,
              KsAgreementFilter  *filter,
              GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  int first = G_MAXINT, last = G_MININT;
  Builder b;
  int rc;

  builder_init (&b);
  builder_series (&b, "IDR", "IDR", 0);
  stmt = prepare (db, "SELECT CAST (substr (occurred_on, 1, 4) AS INTEGER) AS y, cost_currency, "
                      "sum (cost_amount) FROM events WHERE deleted_at IS NULL AND cost_amount <> 0 "
                      "AND agreement_id IN " IDS " AND y > 0 GROUP BY y, cost_currency "
                      "ORDER BY y, cost_currency", ids, error);
  if (stmt == NULL)
    return builder_end (&b);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      first = MIN (first, sqlite3_column_int (stmt, 0));
      last = MAX (last, sqlite3_column_int (stmt, 0));
    }
  finish (db, rc, error);
  year_span (filter, first, last, &first, &last);
  add_years (&b, first, last);

  sqlite3_reset (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      const char *currency = column_text (stmt, 1);
      char key[16];

      if (year < first || year > last)
        continue;
      g_snprintf (key, sizeof key, "%d", year);
      /* Amounts are stored in hundredths. */
      builder_add (&b, builder_category (&b, key, key),
                   builder_series (&b, currency, currency, b.series_keys->len),
                   sqlite3_column_int64 (stmt, 2) / 100.0);
    }

  return builder_end (&b);
}

/* ------------------------------------------------------------------ */
/* Counting */

static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_sized_new (8 * ids->len + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static KsAgreementFilter *
period_filter (KsAgreementFilter *filter)
{
  KsAgreementFilter *copy = ks_agreement_filter_new ();
  GDate today;

  ks_agreement_filter_get_today (filter, &today);
  ks_agreement_filter_set_regions (copy, ks_agreement_filter_get_regions (filter));
  ks_agreement_filter_set_year_range (copy, ks_agreement_filter_get_year_from (filter),
                                      ks_agreement_filter_get_year_to (filter));
  ks_agreement_filter_set_follow_up_months (copy, ks_agreement_filter_get_follow_up_months (filter));
  ks_agreement_filter_set_expiry_months (copy, ks_agreement_filter_get_expiry_months (filter));
  ks_agreement_filter_set_today (copy, &today);

  return copy;
}

static guint
count_view (KsAgreementList   *list,
            KsAgreementFilter *filter,
            KsSmartView        view)
{
  g_autoptr(GArray) ids = NULL;

  ks_agreement_filter_set_smart_view (filter, view);
  ids = ks_agreement_list_collect_ids (list, filter);
  ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NONE);

  return ids->len;
}

/**
 * ks_overview_compute:
 * @list: the register's list; its filter's regions, years, thresholds
 *   and today say what to count (its other criteria and search are not
 *   applied)
 *
 * Returns: (transfer full): the figures, or %NULL with @error set when
 *   the register could not be read
 */
KsOverview *
ks_overview_compute (KsAgreementList  *list,
                     GError          **error)
{
  KsAgreementFilter *filter;
  g_autoptr(KsAgreementFilter) period = NULL;
  g_autoptr(KsOverview) overview = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  KsDatabase *db;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (list), NULL);

  db = ks_agreement_list_get_database (list);
  filter = ks_agreement_list_get_filter (list);
  period = period_filter (filter);
  ids = ks_agreement_list_collect_ids (list, period);
  json = ids_to_json (ids);

  overview = g_new0 (KsOverview, 1);
  overview->n_agreements = ids->len;
  overview->n_needs_follow_up = count_view (list, period, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
  overview->n_expiring = count_view (list, period, KS_SMART_VIEW_EXPIRING);
  overview->n_not_reported = count_view (list, period, KS_SMART_VIEW_NOT_REPORTED);

  /* Each query runs even after one failed, so that the struct is whole;
   * the first error is reported. */
  overview->by_region = count_by_region (db, json, ks_agreement_filter_get_regions (filter),
                                         &overview->n_running, &local_error);
  overview->by_year = count_by_year (db, json, filter, local_error == NULL ? &local_error : NULL);
  overview->by_country = count_by_country (db, json, &overview->n_countries,
                                           local_error == NULL ? &local_error : NULL);
  overview->obstacles = count_obstacles (db, json, local_error == NULL ? &local_error : NULL);
  overview->spending = sum_spending (db, json, filter, local_error == NULL ? &local_error : NULL);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&overview);
}

void
ks_overview_free (KsOverview *overview)
{
  if (overview == NULL)
    return;

  ks_overview_series_free (overview->by_region);
  ks_overview_series_free (overview->by_year);
  ks_overview_series_free (overview->by_country);
  ks_overview_series_free (overview->obstacles);
  ks_overview_series_free (overview->spending);
  g_free (overview);
}

/**
 * ks_overview_series_get:
 *
 * Returns: the value of one segment
 */
double
ks_overview_series_get (const KsOverviewSeries *series,
                        guint                   category,
                        guint                   series_index)
{
  g_return_val_if_fail (series != NULL, 0);
  g_return_val_if_fail (category < series->n_categories, 0);
  g_return_val_if_fail (series_index < series->n_series, 0);

  return series->values[category * series->n_series + series_index];
}

/**
 * ks_overview_series_get_total:
 *
 * Returns: the sum of a bar's segments
 */
double
ks_overview_series_get_total (const KsOverviewSeries *series,
                              guint                   category)
{
  double total = 0;

  g_return_val_if_fail (series != NULL, 0);
  g_return_val_if_fail (category < series->n_categories, 0);

  for (guint i = 0; i < series->n_series; i++)
    total += series->values[category * series->n_series + i];

  return total;
}

/**
 * ks_overview_series_find:
 *
 * Returns: the index of the category @category_key, or -1
 */
int
ks_overview_series_find (const KsOverviewSeries *series,
                         const char             *category_key)
{
  g_return_val_if_fail (series != NULL, -1);

  for (guint i = 0; i < series->n_categories; i++)
    if (g_strcmp0 (series->category_keys[i], category_key) == 0)
      return i;

  return -1;
}

/**
 * ks_overview_series_copy:
 *
 * Returns: (transfer full): a copy of @series, for a chart to keep
 */
KsOverviewSeries *
ks_overview_series_copy (const KsOverviewSeries *series)
{
  KsOverviewSeries *copy;

  g_return_val_if_fail (series != NULL, NULL);

  copy = g_new0 (KsOverviewSeries, 1);
  copy->n_categories = series->n_categories;
  copy->n_series = series->n_series;
  copy->category_keys = g_strdupv (series->category_keys);
  copy->category_labels = g_strdupv (series->category_labels);
  copy->series_keys = g_strdupv (series->series_keys);
  copy->series_labels = g_strdupv (series->series_labels);
  copy->series_colors = g_memdup2 (series->series_colors, (series->n_series + 1) * sizeof (guint));
  copy->values = g_memdup2 (series->values, MAX (series->n_categories * series->n_series, 1) * sizeof (double));

  return copy;
}
