/* test-agreement-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ks-agreement-list.h"
#include "ks-database.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-test-common.h"

typedef struct
{
  char       *dir;
  KsDatabase *db;
} Register;

static void
register_free (Register *reg)
{
  g_clear_object (&reg->db);
  ks_test_remove_tree (reg->dir);
  g_free (reg->dir);
  g_free (reg);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Register, register_free)

static void
exec_sql (KsDatabase *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  ks_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* Three regions of the former Karesidenan Surakarta, no agreements. */
static Register *
register_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Register *reg = g_new0 (Register, 1);

  reg->dir = ks_test_make_tmpdir ();
  path = g_build_filename (reg->dir, "kerjasama.db", NULL);
  reg->db = ks_database_open (path, KS_DATABASE_NO_SEED, &error);
  g_assert_no_error (error);

  exec_sql (reg->db,
            "INSERT INTO regions (id, uuid, code, name, kind, created_at, updated_at) VALUES "
            "(1, 'r1', '33.72', 'Kota Surakarta', 'kota', '2026-01-01', '2026-01-01'), "
            "(2, 'r2', '33.14', 'Kabupaten Sragen', 'kabupaten', '2026-01-01', '2026-01-01'), "
            "(3, 'r3', '33.11', 'Kabupaten Sukoharjo', 'kabupaten', '2026-01-01', '2026-01-01')");
  return reg;
}

/* Inserts an agreement from column/value pairs ending with NULL; the
 * title is required, region 1 and a fixed updated_at are defaults. */
static gint64
add_agreement (KsDatabase *db,
               const char *first_column,
               ...)
{
  g_autoptr(GString) columns = g_string_new ("uuid, created_at");
  g_autoptr(GString) marks = g_string_new ("?, '2026-01-01T00:00:00.000Z'");
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  gboolean has_region = FALSE, has_updated = FALSE;
  sqlite3_stmt *stmt = NULL;
  va_list args;

  g_ptr_array_add (values, uuid);
  va_start (args, first_column);
  for (const char *column = first_column; column != NULL; column = va_arg (args, const char *))
    {
      g_string_append_printf (columns, ", %s", column);
      g_string_append (marks, ", ?");
      g_ptr_array_add (values, va_arg (args, char *));
      has_region |= g_str_equal (column, "region_id");
      has_updated |= g_str_equal (column, "updated_at");
    }
  va_end (args);

  if (!has_region)
    g_string_append (columns, ", region_id"), g_string_append (marks, ", 1");
  if (!has_updated)
    g_string_append (columns, ", updated_at"), g_string_append (marks, ", '2026-01-01T00:00:00.000Z'");

  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO agreements (%s) VALUES (%s)",
                                            columns->str, marks->str);
    g_assert_cmpint (sqlite3_prepare_v2 (ks_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  }
  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (values, i), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return sqlite3_last_insert_rowid (ks_database_get_handle (db));
}

static void
add_local_party (KsDatabase *db,
                 gint64      agreement_id,
                 const char *name,
                 const char *role)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT OR IGNORE INTO local_parties (uuid, region_id, name, created_at, updated_at) "
                     "VALUES ('lp-%s', 1, '%s', '2026-01-01', '2026-01-01'); "
                     "INSERT INTO agreement_local_parties (agreement_id, local_party_id, role, position) "
                     "SELECT %" G_GINT64_FORMAT ", id, '%s', 0 FROM local_parties WHERE name = '%s'",
                     name, name, agreement_id, role, name);

  exec_sql (db, sql);
}

static char *
list_titles (GListModel *model)
{
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KsAgreementSummary) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (titles, ',');
      g_string_append (titles, ks_agreement_summary_get_title (item));
    }

  return g_string_free (titles, FALSE);
}

#define assert_titles(list, expected)                               \
  G_STMT_START {                                                    \
    g_autofree char *titles__ = list_titles (G_LIST_MODEL (list));  \
    g_assert_cmpstr (titles__, ==, expected);                       \
  } G_STMT_END

static void
set_today (KsAgreementList *list,
           int              year,
           int              month,
           int              day)
{
  g_autoptr(GDate) today = g_date_new_dmy (day, month, year);

  ks_agreement_filter_set_today (ks_agreement_list_get_filter (list), today);
}

/* ------------------------------------------------------------------ */

static void
test_contents (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(KsAgreementSummary) item = NULL;
  g_autofree char *region_name = NULL;
  gint64 id;

  id = add_agreement (reg->db, "title", "Sister city Surakarta–Montana",
                      "partners_text", "State of Montana", "countries", "US",
                      "local_parties_text", "Pemkot Surakarta; Dinas Pariwisata",
                      "form", "sister_city", "document", "mou", "stage", "signed",
                      "sectors_text", "culture;tourism", "signed_on", "2012-05",
                      "starts_on", "2012-05-10", "ends_on", "2017", NULL);
  add_agreement (reg->db, "title", "Second", "region_id", "2", NULL);
  add_agreement (reg->db, "title", "Third", NULL);

  list = ks_agreement_list_new (reg->db);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == KS_TYPE_AGREEMENT_SUMMARY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 3));
  assert_titles (list, "Sister city Surakarta–Montana,Second,Third");

  /* The same, read once, for a caller that shows a failure. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KsAgreementList) opened = ks_agreement_list_open (reg->db, &error);

    g_assert_no_error (error);
    assert_titles (opened, "Sister city Surakarta–Montana,Second,Third");
  }

  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (ks_agreement_summary_get_id (item), ==, id);
  g_assert_cmpstr (ks_agreement_summary_get_region_code (item), ==, "33.72");
  g_assert_cmpstr (ks_agreement_summary_get_partners (item), ==, "State of Montana");
  g_assert_cmpstr (ks_agreement_summary_get_local_parties (item), ==, "Pemkot Surakarta; Dinas Pariwisata");
  g_assert_cmpstr (ks_agreement_summary_get_countries (item), ==, "US");
  g_assert_cmpstr (ks_agreement_summary_get_form (item), ==, "sister_city");
  g_assert_cmpstr (ks_agreement_summary_get_document (item), ==, "mou");
  g_assert_cmpstr (ks_agreement_summary_get_stage (item), ==, "signed");
  g_assert_cmpstr (ks_agreement_summary_get_sectors (item), ==, "culture;tourism");
  g_assert_cmpstr (ks_agreement_summary_get_signed_on (item), ==, "2012-05");
  g_assert_cmpstr (ks_agreement_summary_get_starts_on (item), ==, "2012-05-10");
  g_assert_cmpstr (ks_agreement_summary_get_ends_on (item), ==, "2017");
  g_assert_cmpstr (ks_agreement_summary_get_last_event_on (item), ==, "");
  g_assert_cmpstr (ks_agreement_summary_get_updated_at (item), ==, "2026-01-01T00:00:00.000Z");
  g_assert_cmpuint (strlen (ks_agreement_summary_get_uuid (item)), ==, 36);
  g_object_get (item, "region-name", &region_name, NULL);
  g_assert_cmpstr (region_name, ==, "Kota Surakarta");
}

static void
test_deleted_hidden (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Kept", NULL);
  add_agreement (reg->db, "title", "Deleted", "deleted_at", "2026-02-01T00:00:00.000Z", NULL);

  list = ks_agreement_list_new (reg->db);
  assert_titles (list, "Kept");
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 1);
  ks_agreement_filter_set_smart_view (ks_agreement_list_get_filter (list), KS_SMART_VIEW_NOT_REPORTED);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NEEDS_FOLLOW_UP), ==, 0);
}

static void
test_filter_region (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  const char *solo_and_sragen[] = { "33.14", "33.72", NULL };
  const char *sukoharjo[] = { "33.11", NULL };

  add_agreement (reg->db, "title", "Solo", "region_id", "1", NULL);
  add_agreement (reg->db, "title", "Sragen", "region_id", "2", NULL);
  add_agreement (reg->db, "title", "Solo 2", "region_id", "1", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), sukoharjo);
  assert_titles (list, "");
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), solo_and_sragen);
  assert_titles (list, "Solo,Sragen,Solo 2");
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), (const char *[]) { "33.72", NULL });
  assert_titles (list, "Solo,Solo 2");
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 3);
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), NULL);
  assert_titles (list, "Solo,Sragen,Solo 2");
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Read in another thread, on a connection of its own: the same rows,
 * sorted as asked, and the list follows later commits. */
static void
test_open_async (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_agreement (reg->db, "title", "Beta", NULL);
  add_agreement (reg->db, "title", "Alpha", "region_id", "2", NULL);

  ks_agreement_list_open_async (reg->db, KS_AGREEMENT_SORT_TITLE, FALSE, NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  list = ks_agreement_list_open_finish (result, &error);
  g_assert_no_error (error);

  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, FALSE);
  assert_titles (list, "Alpha,Beta");
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 2);

  ks_database_begin (reg->db, &error);
  g_assert_no_error (error);
  add_agreement (reg->db, "title", "Gamma", NULL);
  ks_database_changed (reg->db, "agreements");
  g_assert_true (ks_database_commit (reg->db, &error));
  assert_titles (list, "Alpha,Beta,Gamma");
}

/* A report's list reads only the regions it is given, in id order, and
 * follows the register's changes within them. */
static void
test_scope_regions (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) scope = NULL;

  add_agreement (reg->db, "title", "Solo", "region_id", "1", NULL);
  add_agreement (reg->db, "title", "Sragen", "region_id", "2", NULL);
  add_agreement (reg->db, "title", "Solo 2", "region_id", "1", NULL);
  add_agreement (reg->db, "title", "Sukoharjo", "region_id", "3", NULL);

  list = ks_agreement_list_new_for_regions (reg->db, (const char *[]) { NULL });
  assert_titles (list, "");
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 0);

  g_assert_true (ks_agreement_list_set_scope (list, (const char *[]) { "33.72", NULL }, &error));
  g_assert_no_error (error);
  assert_titles (list, "Solo,Solo 2");

  g_assert_true (ks_agreement_list_set_scope (list, (const char *[]) { "33.11", "33.72", NULL }, &error));
  assert_titles (list, "Solo,Solo 2,Sukoharjo");
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 3);
  g_object_get (list, "scope", &scope, NULL);
  g_assert_cmpstrv (scope, ((const char *[]) { "33.11", "33.72", NULL }));

  add_agreement (reg->db, "title", "Sragen 2", "region_id", "2", NULL);
  add_agreement (reg->db, "title", "Solo 3", "region_id", "1", NULL);
  g_assert_true (ks_agreement_list_reload (list, &error));
  assert_titles (list, "Solo,Solo 2,Sukoharjo,Solo 3");

  /* Many regions are read in one pass over the file: the same rows. */
  {
    const char *many[] = { "33.11", "33.72", "33.01", "33.02", "33.03", "33.04", "33.05", "33.06",
                           "33.07", "33.08", "33.09", "33.10", "33.12", "33.13", "33.15", "33.16",
                           "33.17", "33.18", NULL };

    g_assert_true (ks_agreement_list_set_scope (list, many, &error));
    assert_titles (list, "Solo,Solo 2,Sukoharjo,Solo 3");
    g_assert_true (ks_agreement_list_set_scope (list, (const char *[]) { "33.11", "33.72", NULL }, &error));
  }

  /* What the report filters and sorts by still works on such a list. */
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, TRUE);
  assert_titles (list, "Sukoharjo,Solo 3,Solo 2,Solo");
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), (const char *[]) { "33.11", NULL });
  assert_titles (list, "Sukoharjo");
}

/* The regions are read in the sorted order; they must follow a new sort
 * and a flip to descending. */
static void
test_filter_region_after_sort (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "B Solo", "region_id", "1", NULL);
  add_agreement (reg->db, "title", "A Sragen", "region_id", "2", NULL);
  add_agreement (reg->db, "title", "C Solo", "region_id", "1", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, FALSE);
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), (const char *[]) { "33.72", NULL });
  assert_titles (list, "B Solo,C Solo");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, TRUE);
  assert_titles (list, "C Solo,B Solo");
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), (const char *[]) { "33.14", NULL });
  assert_titles (list, "A Sragen");
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (list), (const char *[]) { "33.72", NULL });
  assert_titles (list, "C Solo,B Solo");
}

static void
test_filter_stage_and_form (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "A", "stage", "signed", "form", "grant", NULL);
  add_agreement (reg->db, "title", "B", "stage", "exploration", "form", "grant", NULL);
  add_agreement (reg->db, "title", "C", "stage", "active", "form", "culture", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  ks_agreement_filter_set_stages (filter, (const char *[]) { "signed", "active", NULL });
  assert_titles (list, "A,C");
  ks_agreement_filter_set_forms (filter, (const char *[]) { "grant", NULL });
  assert_titles (list, "A");
  ks_agreement_filter_set_stages (filter, NULL);
  assert_titles (list, "A,B");
}

static void
test_filter_sector (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "Schools", "sectors_text", "culture;education", NULL);
  add_agreement (reg->db, "title", "Water", "sectors_text", "water_sanitation", NULL);
  add_agreement (reg->db, "title", "None", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  ks_agreement_filter_set_sectors (filter, (const char *[]) { "education", NULL });
  assert_titles (list, "Schools");
  ks_agreement_filter_set_sectors (filter, (const char *[]) { "culture", "water_sanitation", NULL });
  assert_titles (list, "Schools,Water");
  /* A key that is a prefix of another must not match it. */
  ks_agreement_filter_set_sectors (filter, (const char *[]) { "water", NULL });
  assert_titles (list, "");
}

static void
test_filter_country (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "Two partners", "countries", "NL;US", NULL);
  add_agreement (reg->db, "title", "Xi’an", "countries", "CN", NULL);
  add_agreement (reg->db, "title", "No partner", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  ks_agreement_filter_set_countries (filter, (const char *[]) { "US", NULL });
  assert_titles (list, "Two partners");
  ks_agreement_filter_set_countries (filter, (const char *[]) { "CN", "NL", NULL });
  assert_titles (list, "Two partners,Xi’an");
}

static void
test_filter_year_range (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "2012-2015", "starts_on", "2012-03", "ends_on", "2015-12-31", NULL);
  add_agreement (reg->db, "title", "2016-2017", "starts_on", "2016", "ends_on", "2017-06", NULL);
  add_agreement (reg->db, "title", "Since 2012", "starts_on", "2012", NULL);
  /* Without a start, the signing date stands in for it, or else the end. */
  add_agreement (reg->db, "title", "Until 2014", "ends_on", "2014", NULL);
  add_agreement (reg->db, "title", "Signed 2018", "signed_on", "2018-01-05", NULL);
  add_agreement (reg->db, "title", "Undated", NULL);
  /* Dated only by its newest event: an exploration that began then. */
  add_agreement (reg->db, "title", "Contact 2016", "last_event_on", "2016-05", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);

  ks_agreement_filter_set_year_range (filter, 2015, 2015);
  assert_titles (list, "2012-2015,Since 2012");
  ks_agreement_filter_set_year_range (filter, 2016, 0);
  assert_titles (list, "2016-2017,Since 2012,Signed 2018,Contact 2016");
  ks_agreement_filter_set_year_range (filter, 0, 2011);
  assert_titles (list, "");
  ks_agreement_filter_set_year_range (filter, 2014, 2014);
  assert_titles (list, "2012-2015,Since 2012,Until 2014");
  ks_agreement_filter_set_year_range (filter, 2017, 2017);
  assert_titles (list, "2016-2017,Since 2012,Contact 2016");
  ks_agreement_filter_set_year_range (filter, 2018, 2020);
  assert_titles (list, "Since 2012,Signed 2018,Contact 2016");
  ks_agreement_filter_set_year_range (filter, 2017, 2016);
  assert_titles (list, "");
  ks_agreement_filter_set_year_range (filter, 0, 0);
  assert_titles (list, "2012-2015,2016-2017,Since 2012,Until 2014,Signed 2018,Undated,Contact 2016");
}

static void
test_filter_combined_and_clear (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "Solo grant", "region_id", "1", "form", "grant", "stage", "signed", NULL);
  add_agreement (reg->db, "title", "Solo culture", "region_id", "1", "form", "culture", "stage", "signed", NULL);
  add_agreement (reg->db, "title", "Sragen grant", "region_id", "2", "form", "grant", "stage", "signed", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  g_assert_false (ks_agreement_filter_is_active (filter));
  ks_agreement_filter_set_regions (filter, (const char *[]) { "33.72", NULL });
  ks_agreement_filter_set_forms (filter, (const char *[]) { "grant", NULL });
  ks_agreement_list_set_search (list, "solo");
  g_assert_true (ks_agreement_filter_is_active (filter));
  assert_titles (list, "Solo grant");

  ks_agreement_filter_clear (filter);
  g_assert_false (ks_agreement_filter_is_active (filter));
  assert_titles (list, "Solo grant,Solo culture,Sragen grant");
}

static void
test_filter_replace (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(KsAgreementFilter) filter = ks_agreement_filter_new ();
  KsAgreementFilter *old_filter;

  add_agreement (reg->db, "title", "Signed", "stage", "signed", NULL);
  add_agreement (reg->db, "title", "Idea", "stage", "exploration", NULL);

  list = ks_agreement_list_new (reg->db);
  old_filter = ks_agreement_list_get_filter (list);
  ks_agreement_filter_set_stages (filter, (const char *[]) { "signed", NULL });
  ks_agreement_list_set_filter (list, filter);
  g_assert_true (ks_agreement_list_get_filter (list) == filter);
  assert_titles (list, "Signed");

  /* The list follows the new filter and no longer the old one. */
  ks_agreement_filter_set_stages (filter, (const char *[]) { "exploration", NULL });
  assert_titles (list, "Idea");
  (void) old_filter;

  ks_agreement_list_set_filter (list, NULL);
  g_assert_false (ks_agreement_list_get_filter (list) == filter);
  assert_titles (list, "Signed,Idea");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_filter_properties (void)
{
  g_autoptr(KsAgreementFilter) filter = ks_agreement_filter_new ();
  g_auto(GStrv) stages = NULL;
  g_autoptr(GDate) fixed = g_date_new_dmy (1, G_DATE_NOVEMBER, 2017);
  g_autoptr(GDateTime) now = NULL;
  guint notified = 0;
  KsSmartView view;
  GDate today;

  g_assert_cmpuint (ks_agreement_filter_get_follow_up_months (filter), ==, 12);
  g_assert_cmpuint (ks_agreement_filter_get_expiry_months (filter), ==, 6);
  g_assert_null (ks_agreement_filter_get_stages (filter));

  g_signal_connect (filter, "notify", G_CALLBACK (count_notify_cb), &notified);
  ks_agreement_filter_set_stages (filter, (const char *[]) { "signed", "active", "signed", NULL });
  g_assert_cmpuint (notified, ==, 1);
  /* The same set in another order is no change. */
  ks_agreement_filter_set_stages (filter, (const char *[]) { "active", "signed", NULL });
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (filter, "stages", &stages, NULL);
  g_assert_cmpstrv (stages, ((const char *[]) { "active", "signed", NULL }));
  ks_agreement_filter_set_stages (filter, (const char *[]) { NULL });
  g_assert_null (ks_agreement_filter_get_stages (filter));
  g_assert_cmpuint (notified, ==, 2);

  g_object_set (filter, "smart-view", KS_SMART_VIEW_EXPIRING, NULL);
  g_object_get (filter, "smart-view", &view, NULL);
  g_assert_cmpint (view, ==, KS_SMART_VIEW_EXPIRING);
  g_assert_cmpstr (g_enum_get_value (g_type_class_peek (KS_TYPE_SMART_VIEW), view)->value_nick, ==, "expiring");

  ks_agreement_filter_set_today (filter, fixed);
  ks_agreement_filter_set_today (filter, fixed);
  g_assert_cmpuint (notified, ==, 4);
  ks_agreement_filter_get_today (filter, &today);
  g_assert_cmpint (g_date_compare (&today, fixed), ==, 0);
  ks_agreement_filter_set_today (filter, NULL);
  ks_agreement_filter_get_today (filter, &today);
  now = g_date_time_new_now_local ();
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (g_date_get_year (&today), ==, g_date_time_get_year (now));
}

static void
test_search_fields (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Sister city Surakarta", "partners_text", "Montana State", "countries", "US", NULL);
  add_agreement (reg->db, "title", "Batik training", "local_parties_text", "Dinas Perindustrian",
                 "description", "Workshops with the Dutch batik museum", NULL);
  add_agreement (reg->db, "title", "Water", "notes", "Follow up with PDAM director", "countries", "NL", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_search (list, "SURAKARTA");
  assert_titles (list, "Sister city Surakarta");
  ks_agreement_list_set_search (list, "montana");
  assert_titles (list, "Sister city Surakarta");
  ks_agreement_list_set_search (list, "perindustrian");
  assert_titles (list, "Batik training");
  ks_agreement_list_set_search (list, "museum");
  assert_titles (list, "Batik training");
  ks_agreement_list_set_search (list, "pdam director");
  assert_titles (list, "Water");
  ks_agreement_list_set_search (list, "nl");
  assert_titles (list, "Water");
  ks_agreement_list_set_search (list, "nothing like this");
  assert_titles (list, "");
  ks_agreement_list_set_search (list, "");
  assert_titles (list, "Sister city Surakarta,Batik training,Water");
}

/* main() runs the tests with Indonesian messages. */
static void
test_search_country_name (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Water", "countries", "NL", NULL);
  add_agreement (reg->db, "title", "Trade", "countries", "KR;JP", NULL);

  list = ks_agreement_list_new (reg->db);
  if (g_str_equal (g_dgettext ("iso_3166-1", "Netherlands"), "Netherlands"))
    {
      g_test_skip ("no Indonesian iso-codes catalogue installed");
      return;
    }

  ks_agreement_list_set_search (list, "belanda");
  assert_titles (list, "Water");
  ks_agreement_list_set_search (list, "JEPANG");
  assert_titles (list, "Trade");
}

static void
test_search_unicode (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Surakarta–Xi’an friendship", NULL);
  add_agreement (reg->db, "title", "Visit", "partners_text", "Kota Jenewa", NULL);
  add_agreement (reg->db, "title", "Zürich apprenticeships", NULL);
  add_agreement (reg->db, "title", "ÉCOLE exchange", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_search (list, "xi’an");
  assert_titles (list, "Surakarta–Xi’an friendship");
  ks_agreement_list_set_search (list, "XI'AN");
  assert_titles (list, "Surakarta–Xi’an friendship");
  ks_agreement_list_set_search (list, "JENEWA");
  assert_titles (list, "Visit");
  ks_agreement_list_set_search (list, "ZÜRICH");
  assert_titles (list, "Zürich apprenticeships");
  ks_agreement_list_set_search (list, "zurich");
  assert_titles (list, "Zürich apprenticeships");
  ks_agreement_list_set_search (list, "école");
  assert_titles (list, "ÉCOLE exchange");
}

static void
test_search_typing (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Surakarta Montana", NULL);
  add_agreement (reg->db, "title", "Sragen Korea", NULL);
  add_agreement (reg->db, "title", "Surakarta Xi’an", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_search (list, "s");
  assert_titles (list, "Surakarta Montana,Sragen Korea,Surakarta Xi’an");
  ks_agreement_list_set_search (list, "su");
  assert_titles (list, "Surakarta Montana,Surakarta Xi’an");
  ks_agreement_list_set_search (list, "sur mon");
  assert_titles (list, "Surakarta Montana");
  /* Backspace widens again. */
  ks_agreement_list_set_search (list, "sur");
  assert_titles (list, "Surakarta Montana,Surakarta Xi’an");
  ks_agreement_list_set_search (list, "  korea  sragen ");
  assert_titles (list, "Sragen Korea");
  ks_agreement_list_set_search (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_sort_title (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Culture", NULL);
  add_agreement (reg->db, "title", "Agriculture", NULL);
  add_agreement (reg->db, "title", "Education", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, FALSE);
  assert_titles (list, "Agriculture,Culture,Education");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, TRUE);
  assert_titles (list, "Education,Culture,Agriculture");
  g_assert_cmpint (ks_agreement_list_get_sort_column (list), ==, KS_AGREEMENT_SORT_TITLE);
  g_assert_true (ks_agreement_list_get_sort_descending (list));
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_NONE, FALSE);
  assert_titles (list, "Culture,Agriculture,Education");
}

static void
test_sort_region (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Sukoharjo", "region_id", "3", NULL);
  add_agreement (reg->db, "title", "Surakarta", "region_id", "1", NULL);
  add_agreement (reg->db, "title", "Sragen", "region_id", "2", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_REGION, FALSE);
  /* By name: Kabupaten Sragen, Kabupaten Sukoharjo, Kota Surakarta. */
  assert_titles (list, "Sragen,Sukoharjo,Surakarta");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_REGION, TRUE);
  assert_titles (list, "Surakarta,Sukoharjo,Sragen");
}

static void
test_sort_parties_and_partners (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "A", "local_parties_text", "Pemkot Surakarta", "partners_text", "Bremen", NULL);
  add_agreement (reg->db, "title", "B", "local_parties_text", "Dinas Pendidikan", "partners_text", "Xi’an", NULL);
  add_agreement (reg->db, "title", "C", "local_parties_text", "PDAM; Dinas PU", "partners_text", "Montana", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_LOCAL_PARTIES, FALSE);
  assert_titles (list, "B,C,A");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_LOCAL_PARTIES, TRUE);
  assert_titles (list, "A,C,B");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_PARTNERS, FALSE);
  assert_titles (list, "A,C,B");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_PARTNERS, TRUE);
  assert_titles (list, "B,C,A");
}

typedef struct
{
  const char *title;
  const char *form;
} TitledForm;

static int
compare_form_labels (gconstpointer a,
                     gconstpointer b)
{
  const TitledForm *x = a, *y = b;

  return g_utf8_collate (ks_key_get_label (KS_KEY_SET_FORM, x->form),
                         ks_key_get_label (KS_KEY_SET_FORM, y->form));
}

/* The order of test_sort_form's rows by their labels in the language the
 * test runs in. */
static const char *
expected_form_order (gboolean descending)
{
  static char result[2][64];
  TitledForm rows[] = {
    { "Twin", "sister_city" }, { "Money", "grant" }, { "Training", "capacity_building" },
  };
  g_autoptr(GString) titles = g_string_new (NULL);

  qsort (rows, G_N_ELEMENTS (rows), sizeof (TitledForm), compare_form_labels);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_string_append_printf (titles, "%s%s", i > 0 ? "," : "",
                            rows[descending ? G_N_ELEMENTS (rows) - 1 - i : i].title);
  g_strlcpy (result[descending], titles->str, sizeof result[0]);

  return result[descending];
}

static void
test_sort_form (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Twin", "form", "sister_city", NULL);
  add_agreement (reg->db, "title", "Money", "form", "grant", NULL);
  add_agreement (reg->db, "title", "Training", "form", "capacity_building", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_FORM, FALSE);
  /* By label in the user's language, not by key. */
  assert_titles (list, expected_form_order (FALSE));
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_FORM, TRUE);
  assert_titles (list, expected_form_order (TRUE));
}

static void
test_sort_stage (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Terminated", "stage", "terminated", NULL);
  add_agreement (reg->db, "title", "Active", "stage", "active", NULL);
  add_agreement (reg->db, "title", "Exploration", "stage", "exploration", NULL);
  add_agreement (reg->db, "title", "Stalled", "stage", "stalled", NULL);
  add_agreement (reg->db, "title", "LoI", "stage", "loi_signed", NULL);
  add_agreement (reg->db, "title", "Completed", "stage", "completed", NULL);
  add_agreement (reg->db, "title", "Drafting", "stage", "drafting", NULL);
  add_agreement (reg->db, "title", "Signed", "stage", "signed", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_STAGE, FALSE);
  assert_titles (list, "Exploration,LoI,Drafting,Signed,Active,Completed,Stalled,Terminated");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_STAGE, TRUE);
  assert_titles (list, "Terminated,Stalled,Completed,Active,Signed,Drafting,LoI,Exploration");
}

static void
test_sort_period (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "2015-09-10", "starts_on", "2015-09-10", NULL);
  add_agreement (reg->db, "title", "2012 to 2017", "starts_on", "2012", "ends_on", "2017", NULL);
  add_agreement (reg->db, "title", "2012 to 2014", "starts_on", "2012", "ends_on", "2014-06", NULL);
  add_agreement (reg->db, "title", "2015-09", "starts_on", "2015-09", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_PERIOD, FALSE);
  assert_titles (list, "2012 to 2014,2012 to 2017,2015-09,2015-09-10");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_PERIOD, TRUE);
  assert_titles (list, "2015-09-10,2015-09,2012 to 2017,2012 to 2014");
}

typedef struct
{
  char *title;
  char *starts_on;
  char *ends_on;
} Period;

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  const Period *x = a, *y = b;
  int result = strcmp (x->starts_on, y->starts_on);

  if (result == 0)
    result = strcmp (x->ends_on, y->ends_on);

  /* Titles are numbered in insertion (id) order. */
  return result != 0 ? result : strcmp (x->title, y->title);
}

static char *
random_partial_date (GRand *rand)
{
  int year = g_rand_int_range (rand, 2010, 2013);
  int month = g_rand_int_range (rand, 1, 3);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_strdup ("");
    case 1:
      return g_strdup_printf ("%d", year);
    case 2:
      return g_strdup_printf ("%d-%02d", year, month);
    default:
      return g_strdup_printf ("%d-%02d-%02d", year, month, g_rand_int_range (rand, 1, 3));
    }
}

/* Mixed precision, blanks and many ties: the period sort orders as the
 * dates' text does, ties by id. */
static void
test_sort_period_as_text (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (Period));
  g_autoptr(GString) expected = g_string_new (NULL);

  for (guint i = 0; i < 150; i++)
    {
      Period period = { g_strdup_printf ("%03u", i), random_partial_date (rand),
                        random_partial_date (rand) };

      add_agreement (reg->db, "title", period.title, "starts_on", period.starts_on,
                     "ends_on", period.ends_on, NULL);
      g_array_append_val (periods, period);
    }
  g_array_sort (periods, compare_periods);
  for (guint i = 0; i < periods->len; i++)
    {
      Period *period = &g_array_index (periods, Period, i);

      g_string_append_printf (expected, "%s%s", i > 0 ? "," : "", period->title);
      g_free (period->title);
      g_free (period->starts_on);
      g_free (period->ends_on);
    }

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_PERIOD, FALSE);
  assert_titles (list, expected->str);
}

static void
test_sort_last_follow_up_and_updated (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "A", "last_event_on", "2017-04",
                 "updated_at", "2026-03-01T00:00:00.000Z", NULL);
  add_agreement (reg->db, "title", "B", "last_event_on", "2016-11-20",
                 "updated_at", "2026-01-15T00:00:00.000Z", NULL);
  add_agreement (reg->db, "title", "C", "updated_at", "2026-02-01T00:00:00.000Z", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_LAST_FOLLOW_UP, FALSE);
  assert_titles (list, "C,B,A");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_LAST_FOLLOW_UP, TRUE);
  assert_titles (list, "A,B,C");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_UPDATED, FALSE);
  assert_titles (list, "B,C,A");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_UPDATED, TRUE);
  assert_titles (list, "A,C,B");
}

static int
compare_strings (const char **a,
                 const char **b)
{
  return strcmp (*a, *b);
}

/* Times sharing their first eight bytes and many equal ones: the sort's
 * numeric prefix cannot tell them apart, the full text and the id must. */
static void
test_sort_shared_prefixes (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) reversed = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("%03u", i);
      g_autofree char *updated = g_strdup_printf ("2026-03-0%dT0%d:00:00.000Z",
                                                  g_rand_int_range (rand, 1, 4),
                                                  g_rand_int_range (rand, 0, 3));

      add_agreement (reg->db, "title", title, "updated_at", updated, NULL);
      /* Sorts by time, then by id, which is the order of insertion. */
      g_ptr_array_add (rows, g_strconcat (updated, " ", title, NULL));
    }
  g_ptr_array_sort (rows, (GCompareFunc) compare_strings);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = strchr (g_ptr_array_index (rows, i), ' ') + 1;
      const char *last = strchr (g_ptr_array_index (rows, rows->len - 1 - i), ' ') + 1;

      g_string_append_printf (expected, "%s%s", i > 0 ? "," : "", title);
      g_string_append_printf (reversed, "%s%s", i > 0 ? "," : "", last);
    }

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_UPDATED, FALSE);
  assert_titles (list, expected->str);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_PERIOD, FALSE);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_UPDATED, TRUE);
  assert_titles (list, reversed->str);
}

static void
test_sort_ties_by_id (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;

  add_agreement (reg->db, "title", "Same 1", "stage", "signed", NULL);
  add_agreement (reg->db, "title", "Other", "stage", "exploration", NULL);
  add_agreement (reg->db, "title", "Same 2", "stage", "signed", NULL);
  add_agreement (reg->db, "title", "Same 3", "stage", "signed", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_STAGE, FALSE);
  assert_titles (list, "Other,Same 1,Same 2,Same 3");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_STAGE, TRUE);
  assert_titles (list, "Same 3,Same 2,Same 1,Other");

  /* Sorting and filtering compose. */
  ks_agreement_list_set_search (list, "same");
  assert_titles (list, "Same 3,Same 2,Same 1");
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_STAGE, FALSE);
  assert_titles (list, "Same 1,Same 2,Same 3");
}

static void
test_smart_needs_follow_up (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "LoI Xi’an", "stage", "loi_signed", "signed_on", "2015-09-25", NULL);
  add_agreement (reg->db, "title", "Revived", "stage", "active", "signed_on", "2012",
                 "last_event_on", "2017-03-02", NULL);
  add_agreement (reg->db, "title", "Stalled", "stage", "stalled", "last_event_on", "2014", NULL);
  add_agreement (reg->db, "title", "Exploring", "stage", "exploration", NULL);
  add_agreement (reg->db, "title", "Done", "stage", "completed", "signed_on", "2010", NULL);
  add_agreement (reg->db, "title", "Fresh", "stage", "signed", "signed_on", "2017-10", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NEEDS_FOLLOW_UP);

  set_today (list, 2017, 11, 1);
  assert_titles (list, "LoI Xi’an,Stalled");
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NEEDS_FOLLOW_UP), ==, 2);

  set_today (list, 2016, 1, 1);
  assert_titles (list, "Stalled");

  /* A shorter threshold catches the revived one too. */
  set_today (list, 2017, 11, 1);
  ks_agreement_filter_set_follow_up_months (filter, 6);
  assert_titles (list, "LoI Xi’an,Revived,Stalled");
  /* Exactly the threshold after the last activity counts. */
  set_today (list, 2017, 9, 2);
  assert_titles (list, "LoI Xi’an,Revived,Stalled");
  set_today (list, 2017, 9, 1);
  assert_titles (list, "LoI Xi’an,Stalled");
}

static void
test_smart_expiring (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "Ends March", "stage", "active", "ends_on", "2018-03", NULL);
  add_agreement (reg->db, "title", "Ended", "stage", "active", "ends_on", "2017-10-31", NULL);
  add_agreement (reg->db, "title", "Ends today", "stage", "signed", "ends_on", "2017-11-01", NULL);
  add_agreement (reg->db, "title", "Completed", "stage", "completed", "ends_on", "2018-01", NULL);
  add_agreement (reg->db, "title", "Open-ended", "stage", "active", NULL);
  add_agreement (reg->db, "title", "Ends 2017", "stage", "active", "ends_on", "2017", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  set_today (list, 2017, 11, 1);
  ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_EXPIRING);
  assert_titles (list, "Ends March,Ends today,Ends 2017");

  ks_agreement_filter_set_expiry_months (filter, 3);
  assert_titles (list, "Ends today,Ends 2017");
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_EXPIRING), ==, 2);
}

static void
test_smart_not_reported (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  gint64 agency, coordinated;

  add_agreement (reg->db, "title", "Never told the center", "stage", "signed", NULL);
  add_agreement (reg->db, "title", "Reported", "stage", "active", "reported_to_center_on", "2016-02", NULL);
  agency = add_agreement (reg->db, "title", "Agency kept quiet", "stage", "completed",
                          "reported_to_center_on", "2016-02", NULL);
  add_local_party (reg->db, agency, "PDAM Surakarta", "implementing");
  coordinated = add_agreement (reg->db, "title", "Only coordinating", "stage", "active",
                               "reported_to_center_on", "2016-02", NULL);
  add_local_party (reg->db, coordinated, "Bappeda", "coordinating");
  agency = add_agreement (reg->db, "title", "Agency reported", "stage", "active",
                          "reported_to_center_on", "2016-02", "reported_by_agency_on", "2016-01", NULL);
  add_local_party (reg->db, agency, "Dinas Pendidikan", "implementing");
  add_agreement (reg->db, "title", "Still exploring", "stage", "exploration", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_filter_set_smart_view (ks_agreement_list_get_filter (list), KS_SMART_VIEW_NOT_REPORTED);
  assert_titles (list, "Never told the center,Agency kept quiet");
}

static void
test_smart_counts (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementFilter *filter;

  add_agreement (reg->db, "title", "LoI", "stage", "loi_signed", "signed_on", "2015-09-25", "region_id", "2", NULL);
  add_agreement (reg->db, "title", "Ends soon", "stage", "active", "starts_on", "2017-06",
                 "ends_on", "2018-01", "reported_to_center_on", "2017-07", NULL);
  add_agreement (reg->db, "title", "Signed", "stage", "signed", "signed_on", "2017-10", NULL);

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  set_today (list, 2017, 11, 1);
  /* Counts ignore the other criteria: the sidebar shows them all along. */
  ks_agreement_filter_set_regions (filter, (const char *[]) { "33.72", NULL });
  ks_agreement_list_set_search (list, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NONE), ==, 3);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NEEDS_FOLLOW_UP), ==, 1);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_EXPIRING), ==, 1);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NOT_REPORTED), ==, 1);

  /* A smart view combines with the other criteria in the list itself. */
  ks_agreement_list_set_search (list, NULL);
  ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
  assert_titles (list, "");
  ks_agreement_filter_set_regions (filter, NULL);
  assert_titles (list, "LoI");
}

/* The list precomputes day numbers; its answers must be those of
 * ks-partial-date.h's rules for every kind of partial date. */
static const char *grid_dates[] = {
  "", "1850", "2015", "2015-09", "2015-09-25", "2016-02-29", "2016-08-31", "2016-11-01",
  "2017-02", "2017-10", "2017-11-01", "2018-03", "2018-05-01", "2019",
};

typedef struct
{
  char       *title;
  const char *stage;
  const char *signed_on;
  const char *starts_on;
  const char *ends_on;
  const char *last_event_on;
} GridRow;

static void
grid_row_clear (gpointer data)
{
  g_free (((GridRow *) data)->title);
}

static GArray *
add_grid (KsDatabase *db)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (GridRow));
  guint n = G_N_ELEMENTS (grid_dates);

  g_array_set_clear_func (rows, grid_row_clear);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        GridRow row = { g_strdup_printf ("g%u-%u", i, j), j % 2 ? "active" : "loi_signed",
                        grid_dates[(i + 2 * j + 1) % n], grid_dates[i], grid_dates[j],
                        grid_dates[(i * 7 + j * 3) % n] };

        add_agreement (db, "title", row.title, "stage", row.stage, "signed_on", row.signed_on,
                       "starts_on", row.starts_on, "ends_on", row.ends_on,
                       "last_event_on", row.last_event_on, NULL);
        g_array_append_val (rows, row);
      }

  return rows;
}

static gboolean
expect_follow_up (const GridRow *row,
                  const GDate   *today,
                  guint          months)
{
  const char *dates[] = { row->signed_on, row->starts_on, row->last_event_on };
  int newest = G_MAXINT;

  /* G_MININT: empty or not a date, which shows nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      int months_since = ks_partial_date_months_since (dates[i], today);

      if (months_since != G_MININT)
        newest = MIN (newest, months_since);
    }

  return ks_stage_may_need_follow_up (row->stage) && (newest == G_MAXINT || newest >= (int) months);
}

static char *
expected_titles (GArray      *rows,
                 KsSmartView  view,
                 const GDate *today,
                 guint        months,
                 int          year_from,
                 int          year_to)
{
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const GridRow *row = &g_array_index (rows, GridRow, i);
      gboolean expected;

      if (view == KS_SMART_VIEW_NEEDS_FOLLOW_UP)
        expected = expect_follow_up (row, today, months);
      else if (view == KS_SMART_VIEW_EXPIRING)
        expected = ks_stage_is_running (row->stage) &&
                   ks_partial_date_ends_within_months (row->ends_on, today, months);
      else
        expected = ks_period_overlaps_years (ks_period_stand_in_start (row->starts_on, row->signed_on,
                                                                       row->ends_on, row->last_event_on),
                                             row->ends_on, year_from, year_to);

      if (expected)
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? "," : "", row->title);
    }

  return g_string_free (titles, FALSE);
}

static void
test_rules_agree_with_partial_date (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GArray) rows = add_grid (reg->db);
  KsAgreementFilter *filter;
  const int todays[][3] = {
    { 2017, 11, 1 }, { 2016, 1, 1 }, { 2017, 2, 28 }, { 2016, 8, 31 }, { 2018, 2, 28 }, { 2016, 2, 29 },
  };
  const guint months[] = { 1, 3, 6, 12, 18 };
  const int years[][2] = {
    { 2015, 2015 }, { 2016, 0 }, { 0, 2015 }, { 2017, 2018 }, { 2019, 2019 }, { 2018, 2016 },
  };

  list = ks_agreement_list_new (reg->db);
  filter = ks_agreement_list_get_filter (list);
  for (guint t = 0; t < G_N_ELEMENTS (todays); t++)
    for (guint m = 0; m < G_N_ELEMENTS (months); m++)
      {
        g_autoptr(GDate) today = g_date_new_dmy (todays[t][2], todays[t][1], todays[t][0]);
        g_autofree char *follow_up = expected_titles (rows, KS_SMART_VIEW_NEEDS_FOLLOW_UP, today, months[m], 0, 0);
        g_autofree char *expiring = expected_titles (rows, KS_SMART_VIEW_EXPIRING, today, months[m], 0, 0);

        ks_agreement_filter_set_today (filter, today);
        ks_agreement_filter_set_follow_up_months (filter, months[m]);
        ks_agreement_filter_set_expiry_months (filter, months[m]);
        ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
        assert_titles (list, follow_up);
        ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_EXPIRING);
        assert_titles (list, expiring);
      }

  ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NONE);
  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    {
      g_autofree char *overlapping = expected_titles (rows, KS_SMART_VIEW_NONE, NULL, 0,
                                                      years[y][0], years[y][1]);

      ks_agreement_filter_set_year_range (filter, years[y][0], years[y][1]);
      assert_titles (list, overlapping);
    }
}

typedef struct
{
  guint n_emissions;
  guint position;
  guint removed;
  guint added;
  guint n_items_notified;
  guint total_notified;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_emissions++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
watch_changes (KsAgreementList *list,
               Changes         *changes)
{
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify_cb), &changes->n_items_notified);
  g_signal_connect (list, "notify::total", G_CALLBACK (count_notify_cb), &changes->total_notified);
}

static void
commit_sql (KsDatabase *db,
            const char *sql,
            const char *table)
{
  g_autoptr(GError) error = NULL;

  ks_database_begin (db, &error);
  g_assert_no_error (error);
  exec_sql (db, sql);
  ks_database_changed (db, table);
  ks_database_commit (db, &error);
  g_assert_no_error (error);
}

static void
test_changed_insert (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  Changes changes = { 0 };

  add_agreement (reg->db, "title", "Alpha", NULL);
  add_agreement (reg->db, "title", "Gamma", NULL);

  list = ks_agreement_list_new (reg->db);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, FALSE);
  watch_changes (list, &changes);

  commit_sql (reg->db,
              "INSERT INTO agreements (uuid, region_id, title, created_at, updated_at) "
              "VALUES ('new', 1, 'Beta', '2026-01-02', '2026-01-02')",
              "agreements");

  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.n_items_notified, ==, 1);
  g_assert_cmpuint (changes.total_notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (ks_agreement_list_get_total (list), ==, 3);
  assert_titles (list, "Alpha,Beta,Gamma");

  /* A commit to a table the list does not show changes nothing. */
  commit_sql (reg->db, "INSERT INTO meta (key, value) VALUES ('x', 'y')", "meta");
  g_assert_cmpuint (changes.n_emissions, ==, 1);
}

static void
test_changed_update_and_delete (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(KsAgreementSummary) first = NULL;
  g_autoptr(KsAgreementSummary) second = NULL;
  g_autoptr(KsAgreementSummary) again = NULL;
  Changes changes = { 0 };
  g_autoptr(GError) error = NULL;

  add_agreement (reg->db, "title", "One", NULL);
  add_agreement (reg->db, "title", "Two", NULL);
  add_agreement (reg->db, "title", "Three", NULL);

  list = ks_agreement_list_new (reg->db);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);
  watch_changes (list, &changes);

  /* One commit signalling several tables reloads once. */
  g_assert_true (ks_database_begin (reg->db, &error));
  exec_sql (reg->db, "UPDATE agreements SET stage = 'signed' WHERE title = 'Two'");
  ks_database_changed (reg->db, "agreements");
  ks_database_changed (reg->db, "events");
  ks_database_changed (reg->db, "partners");
  g_assert_true (ks_database_commit (reg->db, &error));

  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.n_items_notified, ==, 0);

  /* The unchanged row is still the same object; the changed one is new. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == first);
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_false (again == second);
  g_assert_cmpstr (ks_agreement_summary_get_stage (again), ==, "signed");
  g_assert_cmpstr (ks_agreement_summary_get_stage (second), ==, "exploration");

  commit_sql (reg->db, "UPDATE agreements SET deleted_at = '2026-03-01' WHERE title = 'One'",
              "agreements");
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  assert_titles (list, "Two,Three");
  g_assert_cmpuint (changes.total_notified, ==, 1);
}

static void
test_changed_region_renamed (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(KsAgreementSummary) item = NULL;

  add_agreement (reg->db, "title", "Sragen", "region_id", "2", NULL);
  list = ks_agreement_list_new (reg->db);

  commit_sql (reg->db, "UPDATE regions SET name = 'Kab. Sragen' WHERE id = 2", "regions");
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (ks_agreement_summary_get_region_name (item), ==, "Kab. Sragen");
}

static void
test_items_lazy_and_shared (void)
{
  g_autoptr(Register) reg = register_new ();
  g_autoptr(KsAgreementList) list = NULL;
  KsAgreementSummary *item;
  KsAgreementSummary *same;
  GWeakRef weak;

  add_agreement (reg->db, "title", "One", NULL);
  add_agreement (reg->db, "title", "Two", NULL);

  list = ks_agreement_list_new (reg->db);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  same = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (item == same);
  g_object_unref (same);

  /* Still the same object at another position after a sort. */
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, TRUE);
  same = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (item == same);
  g_object_unref (same);

  /* The list holds its items weakly. */
  g_weak_ref_init (&weak, item);
  g_object_unref (item);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (ks_agreement_summary_get_title (item), ==, "Two");
  g_object_unref (item);
}

static void
test_items_outlive_list (void)
{
  g_autoptr(Register) reg = register_new ();
  KsAgreementList *list;
  g_autoptr(KsAgreementSummary) item = NULL;

  add_agreement (reg->db, "title", "Kept", NULL);
  list = ks_agreement_list_new (reg->db);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_object_unref (list);

  g_assert_cmpstr (ks_agreement_summary_get_title (item), ==, "Kept");
}

int
main (int   argc,
      char *argv[])
{
  /* Country names in Indonesian, as the register's users read them. */
  g_setenv ("LANGUAGE", "id", TRUE);
  ks_test_init_i18n ();
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement-list/contents", test_contents);
  g_test_add_func ("/agreement-list/deleted-hidden", test_deleted_hidden);
  g_test_add_func ("/agreement-list/filter/region", test_filter_region);
  g_test_add_func ("/agreement-list/filter/region-after-sort", test_filter_region_after_sort);
  g_test_add_func ("/agreement-list/scope/regions", test_scope_regions);
  g_test_add_func ("/agreement-list/open-async", test_open_async);
  g_test_add_func ("/agreement-list/filter/stage-and-form", test_filter_stage_and_form);
  g_test_add_func ("/agreement-list/filter/sector", test_filter_sector);
  g_test_add_func ("/agreement-list/filter/country", test_filter_country);
  g_test_add_func ("/agreement-list/filter/year-range", test_filter_year_range);
  g_test_add_func ("/agreement-list/filter/combined-and-clear", test_filter_combined_and_clear);
  g_test_add_func ("/agreement-list/filter/replace", test_filter_replace);
  g_test_add_func ("/agreement-list/filter/properties", test_filter_properties);
  g_test_add_func ("/agreement-list/search/fields", test_search_fields);
  g_test_add_func ("/agreement-list/search/country-name", test_search_country_name);
  g_test_add_func ("/agreement-list/search/unicode", test_search_unicode);
  g_test_add_func ("/agreement-list/search/typing", test_search_typing);
  g_test_add_func ("/agreement-list/sort/title", test_sort_title);
  g_test_add_func ("/agreement-list/sort/region", test_sort_region);
  g_test_add_func ("/agreement-list/sort/parties-and-partners", test_sort_parties_and_partners);
  g_test_add_func ("/agreement-list/sort/form", test_sort_form);
  g_test_add_func ("/agreement-list/sort/stage", test_sort_stage);
  g_test_add_func ("/agreement-list/sort/period", test_sort_period);
  g_test_add_func ("/agreement-list/sort/period-as-text", test_sort_period_as_text);
  g_test_add_func ("/agreement-list/sort/last-follow-up-and-updated", test_sort_last_follow_up_and_updated);
  g_test_add_func ("/agreement-list/sort/ties-by-id", test_sort_ties_by_id);
  g_test_add_func ("/agreement-list/sort/shared-prefixes", test_sort_shared_prefixes);
  g_test_add_func ("/agreement-list/smart/needs-follow-up", test_smart_needs_follow_up);
  g_test_add_func ("/agreement-list/smart/expiring", test_smart_expiring);
  g_test_add_func ("/agreement-list/smart/not-reported", test_smart_not_reported);
  g_test_add_func ("/agreement-list/smart/counts", test_smart_counts);
  g_test_add_func ("/agreement-list/rules-agree-with-partial-date", test_rules_agree_with_partial_date);
  g_test_add_func ("/agreement-list/changed/insert", test_changed_insert);
  g_test_add_func ("/agreement-list/changed/update-and-delete", test_changed_update_and_delete);
  g_test_add_func ("/agreement-list/changed/region-renamed", test_changed_region_renamed);
  g_test_add_func ("/agreement-list/items/lazy-and-shared", test_items_lazy_and_shared);
  g_test_add_func ("/agreement-list/items/outlive-list", test_items_outlive_list);

  return g_test_run ();
}
