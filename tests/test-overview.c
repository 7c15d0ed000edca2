/* test-overview.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-list.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-overview.h"
#include "ks-test-common.h"

typedef struct
{
  char            *dir;
  KsDatabase      *db;
  KsAgreementList *list;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added = 0;
  GDate today;

  fixture->dir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  g_assert_no_error (error);

  /* Follow-up costs, in hundredths: two in rupiah in 2017, one in euro. */
  ks_test_exec (fixture->db, "UPDATE events SET cost_amount = 1250000000 WHERE occurred_on = '2017-10-30'");
  ks_test_exec (fixture->db, "UPDATE events SET cost_amount = 75000000 WHERE id = "
                             "(SELECT min (id) FROM events WHERE occurred_on = '2017')");
  ks_test_exec (fixture->db, "UPDATE events SET cost_amount = 300000, cost_currency = 'EUR' "
                             "WHERE occurred_on = '2015-09-25'");

  fixture->list = ks_agreement_list_new (fixture->db);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 12, 2017);
  ks_agreement_filter_set_today (ks_agreement_list_get_filter (fixture->list), &today);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static KsOverview *
compute (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KsOverview *overview = ks_overview_compute (fixture->list, &error);

  g_assert_no_error (error);
  g_assert_nonnull (overview);
  return overview;
}

static double
value_of (const KsOverviewSeries *series,
          const char             *category,
          const char             *series_key)
{
  int index = ks_overview_series_find (series, category);

  g_assert_cmpint (index, >=, 0);
  for (guint i = 0; i < series->n_series; i++)
    if (g_str_equal (series->series_keys[i], series_key))
      return ks_overview_series_get (series, index, i);

  return 0;
}

static void
test_headline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KsOverview) overview = compute (fixture);

  g_assert_cmpuint (overview->n_agreements, ==,
                    ks_test_query_int (fixture->db, "SELECT count (*) FROM agreements WHERE deleted_at IS NULL"));
  g_assert_cmpuint (overview->n_running, ==,
                    ks_test_query_int (fixture->db, "SELECT count (*) FROM agreements "
                                                    "WHERE stage IN ('signed', 'active')"));
  g_assert_cmpuint (overview->n_countries, ==,
                    ks_test_query_int (fixture->db, "SELECT count (DISTINCT p.country) FROM partners p "
                                                    "JOIN agreement_partners ap ON ap.partner_id = p.id"));
  /* The smart views as of December 2017 (see test-attention). */
  g_assert_cmpuint (overview->n_needs_follow_up, ==, 6);
  g_assert_cmpuint (overview->n_expiring, ==, 0);
  g_assert_cmpuint (overview->n_not_reported, ==,
                    ks_test_query_int (fixture->db, "SELECT count (*) FROM agreements "
                                                    "WHERE stage IN ('signed', 'active', 'completed')"));
}

static void
test_by_region (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KsOverview) overview = compute (fixture);
  const KsOverviewSeries *s = overview->by_region;
  g_autoptr(KsStatement) stmt = NULL;
  guint n_rows = 0;

  stmt = ks_database_prepare (fixture->db, "SELECT r.code, a.stage, count (*) FROM agreements a "
                                           "JOIN regions r ON r.id = a.region_id GROUP BY 1, 2", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpfloat (value_of (s, (const char *) sqlite3_column_text (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1)),
                         ==, sqlite3_column_int (stmt, 2));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >, 5);

  /* Five regions had cooperation, in code order, Surakarta last. */
  g_assert_cmpuint (s->n_categories, ==, 5);
  g_assert_cmpstr (s->category_keys[0], ==, "33.09");
  g_assert_cmpstr (s->category_labels[4], ==, "Kota Surakarta");
  g_assert_cmpfloat (ks_overview_series_get_total (s, 4), ==, 4);
  /* Only stages that occur are in the legend, in stage order. */
  g_assert_cmpstr (s->series_keys[0], ==, "exploration");
  g_assert_cmpstr (s->series_labels[0], ==, "Exploration");
}

static void
test_selected_regions (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *regions[] = { "33.11", "33.72", NULL };
  g_autoptr(KsOverview) overview = NULL;

  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (fixture->list), regions);
  overview = compute (fixture);

  /* Sukoharjo recorded nothing, and still gets its bar. */
  g_assert_cmpuint (overview->by_region->n_categories, ==, 2);
  g_assert_cmpstr (overview->by_region->category_keys[0], ==, "33.11");
  g_assert_cmpfloat (ks_overview_series_get_total (overview->by_region, 0), ==, 0);
  g_assert_cmpuint (overview->n_agreements, ==,
                    ks_test_query_int (fixture->db, "SELECT count (*) FROM agreements a JOIN regions r "
                                                    "ON r.id = a.region_id WHERE r.code IN ('33.11', '33.72')"));
  g_assert_cmpuint (overview->n_needs_follow_up, ==, 1);   /* Surakarta–Xi'an */
  g_assert_cmpfloat (value_of (overview->by_country, "CN", ""), ==, 2);
}

static void
test_by_year (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KsOverview) overview = compute (fixture);
  const KsOverviewSeries *s = overview->by_year;
  g_autoptr(KsOverview) narrowed = NULL;

  /* Every year from the first to the last, gaps included. */
  g_assert_cmpstr (s->category_keys[0], ==, "2012");
  g_assert_cmpstr (s->category_keys[s->n_categories - 1], ==, "2017");
  g_assert_cmpuint (s->n_categories, ==, 6);
  for (int year = 2012; year <= 2017; year++)
    {
      g_autofree char *key = g_strdup_printf ("%d", year);
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM agreements WHERE "
                                              "substr (coalesce (nullif (signed_on, ''), "
                                              "nullif (starts_on, '')), 1, 4) = '%d'", year);

      g_assert_cmpfloat (value_of (s, key, ""), ==, ks_test_query_int (fixture->db, sql));
    }

  /* The filter's years bound the axis, and which agreements count. */
  ks_agreement_filter_set_year_range (ks_agreement_list_get_filter (fixture->list), 2016, 2018);
  narrowed = compute (fixture);
  g_assert_cmpuint (narrowed->by_year->n_categories, ==, 3);
  g_assert_cmpstr (narrowed->by_year->category_keys[0], ==, "2016");
  g_assert_cmpfloat (value_of (narrowed->by_year, "2017", ""), ==, 2);
  g_assert_cmpfloat (value_of (narrowed->by_year, "2018", ""), ==, 0);
  g_assert_cmpuint (narrowed->n_agreements, ==,
                    g_list_model_get_n_items (G_LIST_MODEL (fixture->list)));
}

static void
test_countries_and_obstacles (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KsOverview) overview = compute (fixture);
  const KsOverviewSeries *c = overview->by_country;
  const KsOverviewSeries *o = overview->obstacles;

  g_assert_cmpuint (c->n_categories, ==, MIN (10u, overview->n_countries));
  g_assert_cmpfloat (value_of (c, "US", ""), ==,
                     ks_test_query_int (fixture->db, "SELECT count (*) FROM partners WHERE country = 'US' "
                                                     "AND id IN (SELECT partner_id FROM agreement_partners)"));
  for (guint i = 1; i < c->n_categories; i++)
    g_assert_cmpfloat (ks_overview_series_get (c, i - 1, 0), >=, ks_overview_series_get (c, i, 0));

  g_assert_cmpuint (o->n_categories, ==, 6);
  g_assert_cmpstr (o->category_keys[0], ==, "coordination");
  g_assert_cmpstr (o->category_labels[0], ==, "Coordination");
  for (guint i = 0; i < o->n_categories; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM agreement_obstacles "
                                              "WHERE obstacle = '%s'", o->category_keys[i]);

      g_assert_cmpfloat (ks_overview_series_get (o, i, 0), ==, ks_test_query_int (fixture->db, sql));
    }
  g_assert_cmpfloat (value_of (o, "poor_fit", ""), ==, 2);
}

static void
test_spending (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KsOverview) overview = compute (fixture);
  const KsOverviewSeries *s = overview->spending;

  /* Currencies are never added up: IDR first, then the others. */
  g_assert_cmpuint (s->n_series, ==, 2);
  g_assert_cmpstr (s->series_keys[0], ==, "IDR");
  g_assert_cmpstr (s->series_keys[1], ==, "EUR");
  g_assert_cmpstr (s->category_keys[0], ==, "2015");
  g_assert_cmpfloat (value_of (s, "2017", "IDR"), ==,
                     ks_test_query_int (fixture->db, "SELECT sum (cost_amount) / 100 FROM events "
                                                     "WHERE cost_currency = 'IDR' AND occurred_on LIKE '2017%'"));
  g_assert_cmpfloat (value_of (s, "2017", "IDR"), ==, 13250000);
  g_assert_cmpfloat (value_of (s, "2015", "EUR"), ==, 3000);
  g_assert_cmpfloat (value_of (s, "2016", "IDR"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/overview/headline", test_headline);
  ADD ("/overview/by-region", test_by_region);
  ADD ("/overview/selected-regions", test_selected_regions);
  ADD ("/overview/by-year", test_by_year);
  ADD ("/overview/countries-and-obstacles", test_countries_and_obstacles);
  ADD ("/overview/spending", test_spending);

  return g_test_run ();
}
