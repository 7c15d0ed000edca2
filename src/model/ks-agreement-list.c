/* ks-agreement-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-list"

#include "config.h"

#include <string.h>

#include "ks-agreement-list.h"
#include "ks-agreement-summary-private.h"
#include "ks-agreement-table-private.h"
#include "ks-procedure-progress.h"

/*
 * The register's table, as a GListModel the window binds directly.
 *
 * The rows are a KsAgreementTable snapshot of plain structs; summary
 * objects are made only for the rows a view asks for, and kept in a weak
 * cache so that the same row stays the same object while anyone holds
 * it.  Filtering, searching and sorting run over the structs.
 *
 * Three arrays of row indices describe what is shown: `order` (every row,
 * sorted), `filtered` (those the filter's criteria keep) and `visible`
 * (those that also match the search).  A keystroke scans `filtered`, or
 * only `visible` when the new text narrows the old one.
 */

struct _KsAgreementList
{
  GObject                parent_instance;

  KsDatabase            *db;
  KsAgreementFilter     *filter;
  KsAgreementTable      *table;
  guint                 *order;
  guint16               *row_regions;    /* rows[i].region */
  guint                 *filtered;
  guint                  n_filtered;
  guint                 *visible;
  guint                  n_visible;
  GStrv                  search_terms;
  KsAgreementSortColumn  sort_column;
  gboolean               descending;
  GHashTable            *items;           /* id → KsAgreementSummary, weak */
  GStrv                  scope;           /* regions read, NULL for the whole register */
  gint64                 loaded_changes;  /* what the table reflects, see data_version() */
  gint64                 loaded_data_version;
  GHashTable            *gaps;            /* id → KsProcedureGap; NULL until needed */
};

typedef struct
{
  const char * const *stages;
  const char * const *forms;
  const char * const *sectors;
  const char * const *countries;
  gboolean           *region_ok;     /* per region of the table; NULL = all */
  guint               year_from;
  guint               year_to;
  KsSmartView         view;
  guint32             today;
  guint32             follow_up_limit;
  guint32             expiry_limit;
  GHashTable         *gaps;            /* for KS_SMART_VIEW_MISSING_STEPS */
} Criteria;

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_FILTER,
  PROP_SCOPE,
  PROP_N_ITEMS,
  PROP_TOTAL,
  N_PROPS
};

enum {
  COUNTS_CHANGED,
  N_SIGNALS
};

static void list_model_iface_init (GListModelInterface *iface);
static void initable_iface_init (GInitableIface *iface);

G_DEFINE_ENUM_TYPE (KsAgreementSortColumn, ks_agreement_sort_column,
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_REGION, "region"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_LOCAL_PARTIES, "local-parties"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_PARTNERS, "partners"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_FORM, "form"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_STAGE, "stage"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_PERIOD, "period"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_LAST_FOLLOW_UP, "last-follow-up"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_UPDATED, "updated"))

G_DEFINE_FINAL_TYPE_WITH_CODE (KsAgreementList, ks_agreement_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The tables whose changes can alter a listed column. */
static const char * const watched_tables[] = {
  "agreements", "events", "regions", "partners", "local_parties", NULL
};

static GHashTable *gaps_for_view (KsAgreementList *self,
                                  KsSmartView      view);

/* ------------------------------------------------------------------ */
/* Sorting and filtering */

/* A report filters by one region after the other, 514 times over a
 * national register; reading the regions from their own array spares it
 * a cache miss on every row it skips. */
static void
index_row_regions (KsAgreementList *self)
{
  g_free (self->row_regions);
  self->row_regions = g_new (guint16, MAX (self->table->n_rows, 1));
  for (guint i = 0; i < self->table->n_rows; i++)
    self->row_regions[i] = self->table->rows[i].region;
}

static void
sort_rows (KsAgreementList *self)
{
  g_free (self->order);
  self->order = ks_agreement_table_sort (self->table, self->sort_column, self->descending);
}

static void
reverse (guint *array,
         guint  n)
{
  for (guint i = 0; i < n / 2; i++)
    {
      guint swap = array[i];

      array[i] = array[n - 1 - i];
      array[n - 1 - i] = swap;
    }
}

static void
prepare_limits (KsAgreementFilter *filter,
                Criteria          *criteria)
{
  GDate today, date;

  ks_agreement_filter_get_today (filter, &today);
  criteria->today = ks_day_number (&today);

  date = today;
  g_date_subtract_months (&date, ks_agreement_filter_get_follow_up_months (filter));
  criteria->follow_up_limit = ks_day_number (&date);

  date = today;
  g_date_add_months (&date, ks_agreement_filter_get_expiry_months (filter));
  criteria->expiry_limit = ks_day_number (&date);
}

static void
prepare_criteria (KsAgreementList   *self,
                  KsAgreementFilter *filter,
                  Criteria          *criteria)
{
  const char * const *regions = ks_agreement_filter_get_regions (filter);

  criteria->stages = ks_agreement_filter_get_stages (filter);
  criteria->forms = ks_agreement_filter_get_forms (filter);
  criteria->sectors = ks_agreement_filter_get_sectors (filter);
  criteria->countries = ks_agreement_filter_get_countries (filter);
  criteria->year_from = ks_agreement_filter_get_year_from (filter);
  criteria->year_to = ks_agreement_filter_get_year_to (filter);
  criteria->view = ks_agreement_filter_get_smart_view (filter);
  prepare_limits (filter, criteria);
  criteria->gaps = gaps_for_view (self, criteria->view);

  criteria->region_ok = NULL;
  if (regions != NULL)
    {
      criteria->region_ok = g_new0 (gboolean, MAX (self->table->n_regions, 1));
      for (guint i = 0; i < self->table->n_regions; i++)
        criteria->region_ok[i] = g_strv_contains (regions, self->table->regions[i].code);
    }
}

/* Whether a ";"-separated column names any member of @set. */
static gboolean
list_has_any (const char         *list,
              const char * const *set)
{
  while (*list != '\0')
    {
      const char *end = strchr (list, ';');
      gsize len = end != NULL ? (gsize) (end - list) : strlen (list);

      for (guint i = 0; set[i] != NULL; i++)
        if (strlen (set[i]) == len && g_ascii_strncasecmp (set[i], list, len) == 0)
          return TRUE;

      if (end == NULL)
        break;
      list = end + 1;
    }

  return FALSE;
}

/* ks_period_overlaps_years() on the years worked out at load: the start
 * (or what stands in for it) is not after the range, the end is empty
 * (ongoing) or not before it; an agreement without dates belongs to no
 * range, and a reversed range holds nothing. */
static gboolean
row_in_years (const KsAgreementRow *row,
              guint                 year_from,
              guint                 year_to)
{
  if (year_from == 0 && year_to == 0)
    return TRUE;
  if (row->start_year == 0)
    return FALSE;
  if (year_from != 0 && year_to != 0 && year_from > year_to)
    return FALSE;
  if (year_to != 0 && row->start_year > year_to)
    return FALSE;
  if (year_from != 0 && row->end_year != 0 && row->end_year < year_from)
    return FALSE;

  return TRUE;
}

/* Needs follow-up measures from the newest of the last event, the signing
 * and the start, each taken at the last day it covers; an agreement with
 * none of them has nothing showing it alive and is flagged. */
static gboolean
row_in_view (const KsAgreementRow *row,
             const Criteria       *criteria)
{
  switch (criteria->view)
    {
    case KS_SMART_VIEW_NONE:
      return TRUE;
    case KS_SMART_VIEW_NEEDS_FOLLOW_UP:
      return (row->flags & KS_ROW_MAY_NEED_FOLLOW_UP) != 0 &&
             row->activity_day <= criteria->follow_up_limit;
    case KS_SMART_VIEW_EXPIRING:
      return (row->flags & KS_ROW_RUNNING) != 0 &&
             row->ends_day != 0 &&
             row->ends_day >= criteria->today &&
             row->ends_day <= criteria->expiry_limit;
    case KS_SMART_VIEW_NOT_REPORTED:
      return (row->flags & KS_ROW_NOT_REPORTED) != 0;
    case KS_SMART_VIEW_MISSING_STEPS:
      return criteria->gaps != NULL && g_hash_table_contains (criteria->gaps, &row->id);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
row_matches (const KsAgreementRow *row,
             const Criteria       *criteria)
{
  return (criteria->region_ok == NULL || criteria->region_ok[row->region]) &&
         (criteria->stages == NULL || g_strv_contains (criteria->stages, row->texts[KS_SUMMARY_STAGE])) &&
         (criteria->forms == NULL || g_strv_contains (criteria->forms, row->texts[KS_SUMMARY_FORM])) &&
         (criteria->sectors == NULL || list_has_any (row->texts[KS_SUMMARY_SECTORS], criteria->sectors)) &&
         (criteria->countries == NULL || list_has_any (row->texts[KS_SUMMARY_COUNTRIES], criteria->countries)) &&
         row_in_years (row, criteria->year_from, criteria->year_to) &&
         row_in_view (row, criteria);
}

/* Rows are tested in the order they lie in memory and then picked in
 * the sort's: walked in the sort's order, 100,000 rows missed the cache
 * on nearly every one. */
static void
filter_rows (KsAgreementList *self)
{
  g_autofree guint8 *keep = g_new (guint8, MAX (self->table->n_rows, 1));
  Criteria criteria;
  guint n = 0;

  prepare_criteria (self, self->filter, &criteria);
  for (guint i = 0; i < self->table->n_rows; i++)
    keep[i] = (criteria.region_ok == NULL || criteria.region_ok[self->row_regions[i]]) &&
              row_matches (&self->table->rows[i], &criteria);

  g_free (self->filtered);
  self->filtered = g_new (guint, MAX (self->table->n_rows, 1));
  for (guint i = 0; i < self->table->n_rows; i++)
    if (keep[self->order[i]])
      self->filtered[n++] = self->order[i];
  self->n_filtered = n;

  g_free (criteria.region_ok);
}

static guint *
search_rows (KsAgreementList *self,
             const guint     *source,
             guint            n_source,
             guint           *n_out)
{
  const char * const *terms = (const char * const *) self->search_terms;
  guint *result = g_new (guint, MAX (n_source, 1));
  guint n = 0;

  if (terms == NULL)
    {
      memcpy (result, source, n_source * sizeof (guint));
      *n_out = n_source;
      return result;
    }

  for (guint i = 0; i < n_source; i++)
    if (ks_search_terms_match (terms, self->table->rows[source[i]].haystack))
      result[n++] = source[i];

  *n_out = n;
  return result;
}

/* ------------------------------------------------------------------ */
/* Publishing changes */

static gboolean
same_item (KsAgreementTable *old_table,
           guint             old_index,
           KsAgreementTable *new_table,
           guint             new_index)
{
  if (old_table == new_table)
    return old_index == new_index;

  return ks_agreement_row_equal (&old_table->rows[old_index], &new_table->rows[new_index]);
}

/* Installs @visible and reports the smallest changed range: rows equal at
 * both ends of the old and new lists are left alone, so one saved
 * agreement is one changed item. */
static void
publish (KsAgreementList  *self,
         KsAgreementTable *old_table,
         guint                  *visible,
         guint                   n_visible)
{
  g_autofree guint *old_visible = self->visible;
  guint old_n = self->n_visible;
  guint limit = MIN (old_n, n_visible);
  guint prefix = 0, suffix = 0;

  self->visible = visible;
  self->n_visible = n_visible;

  while (prefix < limit &&
         same_item (old_table, old_visible[prefix], self->table, visible[prefix]))
    prefix++;
  while (suffix < limit - prefix &&
         same_item (old_table, old_visible[old_n - 1 - suffix],
                    self->table, visible[n_visible - 1 - suffix]))
    suffix++;

  if (prefix + suffix != old_n || prefix + suffix != n_visible)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, n_visible - prefix - suffix);
  if (old_n != n_visible)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
refresh_visible (KsAgreementList  *self,
                 KsAgreementTable *old_table)
{
  guint n = 0;
  guint *visible = search_rows (self, self->filtered, self->n_filtered, &n);

  publish (self, old_table, visible, n);
}

static void
refilter (KsAgreementList *self)
{
  filter_rows (self);
  refresh_visible (self, self->table);
}

static void
research (KsAgreementList *self)
{
  g_auto(GStrv) old_terms = g_steal_pointer (&self->search_terms);
  const guint *source = self->filtered;
  guint n_source = self->n_filtered;
  guint *visible;
  guint n = 0;

  self->search_terms = ks_search_terms_new (ks_agreement_filter_get_search_text (self->filter));
  if (old_terms != NULL &&
      ks_search_terms_narrow ((const char * const *) old_terms,
                              (const char * const *) self->search_terms))
    {
      source = self->visible;
      n_source = self->n_visible;
    }

  visible = search_rows (self, source, n_source, &n);
  publish (self, self->table, visible, n);
}

/* ------------------------------------------------------------------ */
/* Items */

static void
item_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  KsAgreementList *self = data;
  gint64 id = ks_agreement_summary_get_id (KS_AGREEMENT_SUMMARY (where_the_object_was));

  if (g_hash_table_lookup (self->items, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, &id);
}

/* Keeps the cached items that the new table shows unchanged, so views
 * get the same objects back and keep their selection. */
static void
prune_items (KsAgreementList *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const KsAgreementRow *row = ks_agreement_table_find (self->table, *(gint64 *) key);

      if (row != NULL &&
          ks_agreement_summary_has_texts (value, row->id, (const char * const *) row->texts))
        continue;

      g_object_weak_unref (value, item_finalized_cb, self);
      g_hash_table_iter_remove (&iter);
    }
}

static void
forget_items (KsAgreementList *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, item_finalized_cb, self);
  g_hash_table_remove_all (self->items);
}

/* ------------------------------------------------------------------ */
/* Missing steps */

/* The checklist is read apart from the table, and only once a missing
 * steps view or count asks for it: the other views do without. */
static void
ensure_gaps (KsAgreementList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;

  if (self->gaps != NULL)
    return;

  self->gaps = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) ks_procedure_gap_free);
  gaps = ks_procedure_progress_find_gaps (self->db, &error);
  if (gaps == NULL)
    {
      g_warning ("The procedure checklists could not be read: %s", error->message);
      return;
    }

  g_ptr_array_set_free_func (gaps, NULL);
  for (guint i = 0; i < gaps->len; i++)
    {
      KsProcedureGap *gap = g_ptr_array_index (gaps, i);

      g_hash_table_insert (self->gaps, &gap->id, gap);
    }
}

static GHashTable *
gaps_for_view (KsAgreementList *self,
               KsSmartView      view)
{
  if (view != KS_SMART_VIEW_MISSING_STEPS)
    return NULL;

  ensure_gaps (self);
  return self->gaps;
}

/* A step made required or optional changes the view but no listed column. */
static void
procedure_steps_changed (KsAgreementList *self)
{
  g_clear_pointer (&self->gaps, g_hash_table_unref);
  if (ks_agreement_filter_get_smart_view (self->filter) == KS_SMART_VIEW_MISSING_STEPS)
    refilter (self);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* ------------------------------------------------------------------ */
/* Reloading */

/* Own commits raise total_changes, other connections' raise
 * data_version; both unchanged means a "changed" signal brings nothing
 * the table does not already hold (one commit signals once per table). */
static void
data_version (KsAgreementList *self,
              gint64          *changes,
              gint64          *version)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (self->db, "PRAGMA data_version", NULL);

  *changes = sqlite3_total_changes64 (ks_database_get_handle (self->db));
  *version = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/* Shows @table in place of the current one, from which it takes the
 * collation keys that still hold. */
static void
adopt_table (KsAgreementList  *self,
             KsAgreementTable *table)
{
  g_autoptr(KsAgreementTable) old_table = g_steal_pointer (&self->table);
  guint old_total = old_table->n_rows;

  self->table = table;
  g_clear_pointer (&self->gaps, g_hash_table_unref);
  ks_agreement_table_take_keys (table, old_table);

  index_row_regions (self);
  sort_rows (self);
  filter_rows (self);
  prune_items (self);
  refresh_visible (self, old_table);

  if (old_total != table->n_rows)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

static void
database_changed_cb (KsAgreementList *self,
                     const char      *table,
                     KsDatabase      *db)
{
  g_autoptr(GError) error = NULL;
  gint64 changes, version;

  if (g_str_equal (table, "procedure_steps"))
    procedure_steps_changed (self);
  if (!g_strv_contains (watched_tables, table))
    return;

  data_version (self, &changes, &version);
  if (changes == self->loaded_changes && version == self->loaded_data_version)
    return;

  if (!ks_agreement_list_reload (self, &error))
    g_warning ("The register’s list could not be refreshed: %s", error->message);
}

static void
filter_notify_cb (KsAgreementList   *self,
                  GParamSpec        *pspec,
                  KsAgreementFilter *filter)
{
  const char *name = g_param_spec_get_name (pspec);
  gboolean threshold = g_str_equal (name, "follow-up-months") ||
                       g_str_equal (name, "expiry-months") ||
                       g_str_equal (name, "today");

  if (g_str_equal (name, "search-text"))
    research (self);
  else if (!threshold || ks_agreement_filter_get_smart_view (filter) != KS_SMART_VIEW_NONE)
    refilter (self);

  if (threshold)
    g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* ------------------------------------------------------------------ */
/* GListModel */

static GType
ks_agreement_list_get_item_type (GListModel *model)
{
  return KS_TYPE_AGREEMENT_SUMMARY;
}

static guint
ks_agreement_list_get_n_items (GListModel *model)
{
  return KS_AGREEMENT_LIST (model)->n_visible;
}

static gpointer
ks_agreement_list_get_item (GListModel *model,
                            guint       position)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (model);
  KsAgreementSummary *item;
  const KsAgreementRow *row;
  gint64 *key;

  if (position >= self->n_visible)
    return NULL;

  row = &self->table->rows[self->visible[position]];
  item = g_hash_table_lookup (self->items, &row->id);
  if (item != NULL)
    return g_object_ref (item);

  item = ks_agreement_summary_new_from_texts (row->id, (const char * const *) row->texts);
  key = g_new (gint64, 1);
  *key = row->id;
  g_hash_table_insert (self->items, key, item);
  g_object_weak_ref (G_OBJECT (item), item_finalized_cb, self);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ks_agreement_list_get_item_type;
  iface->get_n_items = ks_agreement_list_get_n_items;
  iface->get_item = ks_agreement_list_get_item;
}

/* ------------------------------------------------------------------ */
/* GObject */

/* ------------------------------------------------------------------ */
/* GInitable: the first read, whose failure the window shows */

static gboolean
ks_agreement_list_initable_init (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return ks_agreement_list_reload (KS_AGREEMENT_LIST (initable), error);
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = ks_agreement_list_initable_init;
}

static void
ks_agreement_list_constructed (GObject *object)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  G_OBJECT_CLASS (ks_agreement_list_parent_class)->constructed (object);

  g_assert (KS_IS_DATABASE (self->db));
  g_signal_connect_object (self->db, "changed", G_CALLBACK (database_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The list stays empty when the first read failed. */
static KsAgreementList *
new_logging_failure (KsDatabase         *db,
                     const char * const *scope)
{
  KsAgreementList *self = g_object_new (KS_TYPE_AGREEMENT_LIST, "database", db, "scope", scope, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_initable_init (G_INITABLE (self), NULL, &error))
    g_warning ("The register’s list could not be read: %s", error->message);

  return self;
}

static void
ks_agreement_list_dispose (GObject *object)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  if (self->items != NULL)
    forget_items (self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  if (self->db != NULL)
    g_signal_handlers_disconnect_by_data (self->db, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_agreement_list_parent_class)->dispose (object);
}

static void
ks_agreement_list_finalize (GObject *object)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->gaps, g_hash_table_unref);
  g_clear_pointer (&self->table, ks_agreement_table_free);
  g_free (self->order);
  g_free (self->row_regions);
  g_free (self->filtered);
  g_free (self->visible);
  g_strfreev (self->search_terms);
  g_strfreev (self->scope);

  G_OBJECT_CLASS (ks_agreement_list_parent_class)->finalize (object);
}

static void
ks_agreement_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_SCOPE:
      g_value_set_boxed (value, self->scope);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_visible);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, ks_agreement_list_get_total (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_agreement_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_FILTER:
      ks_agreement_list_set_filter (self, g_value_get_object (value));
      break;
    case PROP_SCOPE:
      self->scope = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_agreement_list_class_init (KsAgreementListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ks_agreement_list_constructed;
  object_class->dispose = ks_agreement_list_dispose;
  object_class->finalize = ks_agreement_list_finalize;
  object_class->get_property = ks_agreement_list_get_property;
  object_class->set_property = ks_agreement_list_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KS_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, KS_TYPE_AGREEMENT_FILTER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The regions whose agreements are read, without search texts (a
   * report's memory), or %NULL for the whole register. */
  properties[PROP_SCOPE] =
    g_param_spec_boxed ("scope", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KsAgreementList::counts-changed:
   *
   * Emitted when ks_agreement_list_count_smart_view() may answer
   * differently: after a reload, or when a threshold or today changed.
   */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ks_agreement_list_init (KsAgreementList *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->table = ks_agreement_table_new ();
  self->order = g_new (guint, 1);
  self->row_regions = g_new0 (guint16, 1);
  self->filtered = g_new (guint, 1);
  self->visible = g_new (guint, 1);
  self->filter = ks_agreement_filter_new ();
  g_signal_connect_object (self->filter, "notify", G_CALLBACK (filter_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_agreement_list_new:
 * @db: the register
 *
 * Reads every agreement that is not deleted, unsorted (in the order they
 * were entered) and unfiltered, and follows the register's changes: after
 * a commit that touched agreements, events, regions, partners or local
 * parties, the list reloads before ks_database_commit() returns.  A read
 * failure is logged and leaves the list empty; ks_agreement_list_open()
 * gives the error instead.
 *
 * Returns: (transfer full): a #GListModel of #KsAgreementSummary
 */
KsAgreementList *
ks_agreement_list_new (KsDatabase *db)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  return new_logging_failure (db, NULL);
}

/**
 * ks_agreement_list_open:
 * @db: the register
 *
 * Like ks_agreement_list_new(), for a caller that shows a failure.
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set
 *   if the register could not be read
 */
KsAgreementList *
ks_agreement_list_open (KsDatabase  *db,
                        GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  return g_initable_new (KS_TYPE_AGREEMENT_LIST, NULL, error, "database", db, NULL);
}

typedef struct
{
  char                  *path;
  KsAgreementSortColumn  sort_column;
  gboolean               descending;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job);
}

/* On a connection of its own: the window's stays free for the user. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  g_autoptr(KsDatabase) db = NULL;
  KsAgreementTable *table;
  GError *error = NULL;

  db = ks_database_open (job->path, KS_DATABASE_READ_ONLY, &error);
  table = db != NULL ? ks_agreement_table_load (db, &error) : NULL;
  if (table == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The collation keys of the first sort, made here too. */
  g_free (ks_agreement_table_sort (table, job->sort_column, job->descending));
  g_task_return_pointer (task, table, (GDestroyNotify) ks_agreement_table_free);
}

/**
 * ks_agreement_list_open_async:
 * @db: the register
 * @sort_column: the sort the list will first be shown in
 * @descending: whether that sort is descending
 *
 * Reads the register in another thread, on a read-only connection of
 * its own, so that a window can show itself at once in front of a
 * national register.
 */
void
ks_agreement_list_open_async (KsDatabase            *db,
                              KsAgreementSortColumn  sort_column,
                              gboolean               descending,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (KS_IS_DATABASE (db));

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (ks_database_get_path (db));
  job->sort_column = sort_column;
  job->descending = descending;

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, ks_agreement_list_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * ks_agreement_list_open_finish:
 *
 * Returns: (transfer full) (nullable): the list of the register, or
 *   %NULL with @error set
 */
KsAgreementList *
ks_agreement_list_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(KsAgreementTable) table = NULL;
  KsDatabase *db;
  KsAgreementList *self;

  g_return_val_if_fail (g_async_result_is_tagged (result, ks_agreement_list_open_async), NULL);

  table = g_task_propagate_pointer (G_TASK (result), error);
  if (table == NULL)
    return NULL;

  db = g_task_get_source_object (G_TASK (result));
  self = g_object_new (KS_TYPE_AGREEMENT_LIST, "database", db, NULL);
  /* Commits of this connection from now on, and of others since the
   * thread read, both count as changes to read again. */
  data_version (self, &self->loaded_changes, &self->loaded_data_version);
  adopt_table (self, g_steal_pointer (&table));

  return self;
}

/**
 * ks_agreement_list_new_for_regions:
 * @db: the register
 * @region_codes: the regions whose agreements to read (may be empty)
 *
 * Like ks_agreement_list_new(), for the agreements of @region_codes
 * only and without search (ks_agreement_list_set_search() then finds
 * nothing): a report reads a national register one region at a time.
 *
 * Returns: (transfer full): a #GListModel of #KsAgreementSummary
 */
KsAgreementList *
ks_agreement_list_new_for_regions (KsDatabase         *db,
                                   const char * const *region_codes)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (region_codes != NULL, NULL);

  return new_logging_failure (db, region_codes);
}

/**
 * ks_agreement_list_set_scope:
 * @region_codes: the regions whose agreements to read now
 *
 * Reads the agreements of other regions in a list made by
 * ks_agreement_list_new_for_regions(), in place of the previous ones.
 *
 * Returns: %FALSE with @error set if the register could not be read
 */
gboolean
ks_agreement_list_set_scope (KsAgreementList     *self,
                             const char * const  *region_codes,
                             GError             **error)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);
  g_return_val_if_fail (self->scope != NULL, FALSE);
  g_return_val_if_fail (region_codes != NULL, FALSE);

  if (g_strv_equal ((const char * const *) self->scope, region_codes))
    return TRUE;

  g_strfreev (self->scope);
  self->scope = g_strdupv ((char **) region_codes);
  return ks_agreement_list_reload (self, error);
}

/**
 * ks_agreement_list_get_details:
 * @position: an item's position
 * @details: (out caller-allocates): filled in when %TRUE is returned;
 *   clear it with ks_agreement_details_clear()
 *
 * The notes, obstacles and newest event of the item at @position, read
 * with the item from the agreement's row: a list made by
 * ks_agreement_list_new_for_regions() holds them for its reports.
 *
 * Returns: %FALSE when @position is past the end or the list holds no
 *   details (a list of the whole register)
 */
gboolean
ks_agreement_list_get_details (KsAgreementList    *self,
                               guint               position,
                               KsAgreementDetails *details)
{
  const KsAgreementRow *row;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);
  g_return_val_if_fail (details != NULL, FALSE);

  if (position >= self->n_visible)
    return FALSE;
  row = &self->table->rows[self->visible[position]];
  if (row->details == NULL)
    return FALSE;

  details->notes = g_strdup (row->details[KS_DETAIL_NOTES]);
  details->obstacles = g_strdup (row->details[KS_DETAIL_OBSTACLES]);
  details->last_event_on = g_strdup (row->texts[KS_SUMMARY_LAST_EVENT_ON]);
  details->last_event_kind = g_strdup (row->details[KS_DETAIL_LAST_EVENT_KIND]);
  details->last_event_description = g_strdup (row->details[KS_DETAIL_LAST_EVENT_DESCRIPTION]);
  return TRUE;
}

/**
 * ks_agreement_list_reload:
 *
 * Reads the register again and reports what changed as narrowly as it
 * can; items whose row did not change stay the same objects.
 *
 * Returns: %FALSE with @error set if the register could not be read; the
 *   list then keeps what it showed
 */
gboolean
ks_agreement_list_reload (KsAgreementList  *self,
                          GError          **error)
{
  KsAgreementTable *table;
  gint64 changes, version;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data_version (self, &changes, &version);
  if (self->scope != NULL)
    table = ks_agreement_table_load_regions (self->db, (const char * const *) self->scope, error);
  else
    table = ks_agreement_table_load (self->db, error);
  if (table == NULL)
    return FALSE;

  self->loaded_changes = changes;
  self->loaded_data_version = version;
  adopt_table (self, table);

  return TRUE;
}

/**
 * ks_agreement_list_set_filter:
 * @filter: (nullable): the criteria to apply, or %NULL for a new filter
 *   that lets everything through
 *
 * The list follows later changes of @filter's properties.
 */
void
ks_agreement_list_set_filter (KsAgreementList   *self,
                              KsAgreementFilter *filter)
{
  g_autoptr(KsAgreementFilter) new_filter = NULL;

  g_return_if_fail (KS_IS_AGREEMENT_LIST (self));
  g_return_if_fail (filter == NULL || KS_IS_AGREEMENT_FILTER (filter));

  if (filter != NULL && filter == self->filter)
    return;

  new_filter = filter != NULL ? g_object_ref (filter) : ks_agreement_filter_new ();
  g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, new_filter);
  g_signal_connect_object (self->filter, "notify", G_CALLBACK (filter_notify_cb),
                           self, G_CONNECT_SWAPPED);

  g_clear_pointer (&self->search_terms, g_strfreev);
  self->search_terms = ks_search_terms_new (ks_agreement_filter_get_search_text (self->filter));
  refilter (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/**
 * ks_agreement_list_get_filter:
 *
 * Returns: (transfer none): the filter in use; change its properties to
 *   change what the list shows
 */
KsAgreementFilter *
ks_agreement_list_get_filter (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), NULL);

  return self->filter;
}

/**
 * ks_agreement_list_set_search:
 * @text: (nullable): what the user typed
 *
 * Sets the filter's #KsAgreementFilter:search-text; the path for every
 * keystroke.  See ks_agreement_filter_set_search_text() for what matches.
 */
void
ks_agreement_list_set_search (KsAgreementList *self,
                              const char      *text)
{
  g_return_if_fail (KS_IS_AGREEMENT_LIST (self));

  ks_agreement_filter_set_search_text (self->filter, text);
}

/**
 * ks_agreement_list_set_sort:
 * @column: what to sort by
 * @descending: %TRUE for the reverse order
 */
void
ks_agreement_list_set_sort (KsAgreementList       *self,
                            KsAgreementSortColumn  column,
                            gboolean               descending)
{
  g_return_if_fail (KS_IS_AGREEMENT_LIST (self));
  g_return_if_fail (column <= KS_AGREEMENT_SORT_UPDATED);

  descending = !!descending;
  if (column == self->sort_column && descending == self->descending)
    return;

  /* Descending is the exact reverse, so a flip needs no sorting. */
  if (column == self->sort_column)
    {
      guint *visible = g_memdup2 (self->visible, MAX (self->n_visible, 1) * sizeof (guint));

      self->descending = descending;
      reverse (self->order, self->table->n_rows);
      reverse (self->filtered, self->n_filtered);
      reverse (visible, self->n_visible);
      publish (self, self->table, visible, self->n_visible);
      return;
    }

  self->sort_column = column;
  self->descending = descending;
  sort_rows (self);
  refilter (self);
}

KsAgreementSortColumn
ks_agreement_list_get_sort_column (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), KS_AGREEMENT_SORT_NONE);

  return self->sort_column;
}

gboolean
ks_agreement_list_get_sort_descending (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);

  return self->descending;
}

/**
 * ks_agreement_list_get_total:
 *
 * Returns: how many agreements the register holds (not deleted), before
 *   any filter or search, for "shown of total"
 */
guint
ks_agreement_list_get_total (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), 0);

  return self->table->n_rows;
}

/**
 * ks_agreement_list_count_smart_view:
 * @view: a smart view
 *
 * Counts over every agreement that is not deleted, whatever the filter's
 * other criteria, with the filter's thresholds and today; for the
 * sidebar.  Recount on #KsAgreementList::counts-changed.
 *
 * Returns: how many agreements @view holds
 */
guint
ks_agreement_list_count_smart_view (KsAgreementList *self,
                                    KsSmartView      view)
{
  Criteria criteria = { 0 };
  guint n = 0;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), 0);
  g_return_val_if_fail (view <= KS_SMART_VIEW_LAST, 0);

  criteria.view = view;
  prepare_limits (self->filter, &criteria);
  criteria.gaps = gaps_for_view (self, view);
  for (guint i = 0; i < self->table->n_rows; i++)
    if (row_in_view (&self->table->rows[i], &criteria))
      n++;

  return n;
}

/**
 * ks_agreement_list_collect_ids:
 * @filter: criteria other than the list's own
 *
 * Applies @filter's criteria, all but its search text, to the list's
 * snapshot, in the list's order: the overview counts within the table's
 * regions and years without changing what the table shows, and without
 * reading the register again.
 *
 * Returns: (transfer full) (element-type gint64): the ids kept
 */
GArray *
ks_agreement_list_collect_ids (KsAgreementList   *self,
                               KsAgreementFilter *filter)
{
  GArray *ids;
  Criteria criteria;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), NULL);
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (filter), NULL);

  prepare_criteria (self, filter, &criteria);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->table->n_rows; i++)
    {
      const KsAgreementRow *row = &self->table->rows[self->order[i]];

      if (row_matches (row, &criteria))
        g_array_append_val (ids, row->id);
    }
  g_free (criteria.region_ok);

  return ids;
}

/**
 * ks_agreement_list_in_smart_view:
 * @id: an agreement's id
 * @view: a smart view
 *
 * Decides membership exactly as the table and
 * ks_agreement_list_count_smart_view() do, with the filter's thresholds
 * and today, whatever its other criteria.
 *
 * Returns: whether the agreement @id (in the list's snapshot) is in @view
 */
gboolean
ks_agreement_list_in_smart_view (KsAgreementList *self,
                                 gint64           id,
                                 KsSmartView      view)
{
  Criteria criteria = { 0 };
  const KsAgreementRow *row;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);
  g_return_val_if_fail (view <= KS_SMART_VIEW_LAST, FALSE);

  row = ks_agreement_table_find (self->table, id);
  if (row == NULL)
    return FALSE;

  criteria.view = view;
  prepare_limits (self->filter, &criteria);
  criteria.gaps = gaps_for_view (self, view);

  return row_in_view (row, &criteria);
}

/**
 * ks_agreement_list_count_by_region:
 *
 * Counts the listed agreements of each region, whatever the filter, from
 * the rows in memory: the sidebar's counts without a pass over the file.
 *
 * Returns: (transfer full) (element-type utf8 guint): region code →
 *   number of agreements (GUINT_TO_POINTER); regions without any are
 *   missing
 */
GHashTable *
ks_agreement_list_count_by_region (KsAgreementList *self)
{
  g_autofree guint *counts = NULL;
  GHashTable *by_code;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), NULL);

  counts = g_new0 (guint, MAX (self->table->n_regions, 1));
  for (guint i = 0; i < self->table->n_rows; i++)
    counts[self->table->rows[i].region]++;

  by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->table->n_regions; i++)
    g_hash_table_insert (by_code, g_strdup (self->table->regions[i].code), GUINT_TO_POINTER (counts[i]));

  return by_code;
}

/**
 * ks_agreement_list_get_database:
 *
 * Returns: (transfer none): the register the list reads
 */
KsDatabase *
ks_agreement_list_get_database (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), NULL);

  return self->db;
}
