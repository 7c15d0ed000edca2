/* test-demo.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-store.h"
#include "ks-check.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-event-store.h"
#include "ks-event.h"
#include "ks-test-common.h"

#define PDAM_SRAGEN "29579cb6-3aa2-44a7-bb1e-81ffc1e22b98"

typedef struct
{
  char       *dir;
  char       *path;
  KsDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 15);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static int
count_in_region (KsDatabase *db,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsStatement) stmt = ks_database_prepare (db,
    "SELECT count(*) FROM agreements a JOIN regions r ON r.id = a.region_id "
    "WHERE r.code = ? AND a.deleted_at IS NULL", &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_demo_regions (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The study's tables, plus the earlier sister cities the text names
   * (Surakarta–Montana, Karanganyar–Busan). */
  g_assert_cmpint (count_in_region (fixture->db, "33.14"), ==, 4);   /* Sragen */
  g_assert_cmpint (count_in_region (fixture->db, "33.72"), ==, 4);   /* Kota Surakarta */
  g_assert_cmpint (count_in_region (fixture->db, "33.13"), ==, 4);   /* Karanganyar */
  g_assert_cmpint (count_in_region (fixture->db, "33.09"), ==, 2);   /* Boyolali */
  g_assert_cmpint (count_in_region (fixture->db, "33.12"), ==, 1);   /* Wonogiri */
  g_assert_cmpint (count_in_region (fixture->db, "33.11"), ==, 0);   /* Sukoharjo */
  g_assert_cmpint (count_in_region (fixture->db, "33.10"), ==, 0);   /* Klaten */
}

static void
test_demo_idempotent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_added = 99;

  g_clear_object (&fixture->db);
  before = ks_test_dump_database (fixture->path);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_clear_object (&fixture->db);
  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_demo_pdam_grant (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreement) pdam = ks_agreement_store_load (fixture->db, PDAM_SRAGEN, &error);
  g_autoptr(GListStore) events = NULL;
  g_autoptr(KsEvent) renewal = NULL;
  KsPartnerRef *partner;

  g_assert_no_error (error);
  g_assert_cmpstr (ks_agreement_get_region_code (pdam), ==, "33.14");
  g_assert_cmpstr (ks_agreement_get_stage (pdam), ==, "active");
  g_assert_cmpstr (ks_agreement_get_string (pdam, "form"), ==, "grant");
  g_assert_cmpstr (ks_agreement_get_string (pdam, "starts-on"), ==, "2012");
  g_assert_cmpstr (ks_agreement_get_string (pdam, "ends-on"), ==, "");
  partner = g_ptr_array_index (ks_agreement_get_partners (pdam), 0);
  g_assert_cmpstr (partner->country, ==, "NL");

  events = ks_event_store_list (fixture->db, PDAM_SRAGEN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (events)), ==, 1);
  renewal = g_list_model_get_item (G_LIST_MODEL (events), 0);
  g_assert_cmpstr (ks_event_get_kind (renewal), ==, "renewed");
  g_assert_cmpstr (ks_event_get_occurred_on (renewal), ==, "2017-10-30");
}

static void
test_demo_partial_dates (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *xian = ks_test_query_text (fixture->db,
    "SELECT stage || '|' || signed_on || '|' || last_event_on FROM agreements WHERE title LIKE '%Xi''an%'");
  g_autofree char *boyolali = ks_test_query_text (fixture->db,
    "SELECT starts_on || '|' || ends_on FROM agreements WHERE partners_text LIKE '%Selandia Baru%'");
  g_autofree char *iuwash = ks_test_query_text (fixture->db,
    "SELECT starts_on || '|' || ends_on || '|' || stage FROM agreements WHERE title LIKE '%IUWASH%'");

  g_assert_cmpstr (xian, ==, "loi_signed|2015-09-25|2015-09-25");
  g_assert_cmpstr (boyolali, ==, "2015-09-10|2023-09-09");
  g_assert_cmpstr (iuwash, ==, "2017-04||active");
}

static void
test_demo_passes_check (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_check_run (fixture->db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_check_finds_stale_summary (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_database_exec (fixture->db,
                                   "UPDATE agreements SET partners_text = 'x' WHERE uuid = '" PDAM_SRAGEN "'",
                                   &error));
  g_assert_true (ks_check_run (fixture->db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "Hibah air minum"));
}

static void
test_check_finds_invalid_record (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_database_exec (fixture->db,
                                   "UPDATE agreements SET ends_on = '2015-02-30' WHERE uuid = '" PDAM_SRAGEN "'",
                                   &error));
  g_assert_true (ks_check_run (fixture->db, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "2015-02-30"));
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/demo/regions", test_demo_regions);
  ADD ("/demo/idempotent", test_demo_idempotent);
  ADD ("/demo/pdam-grant", test_demo_pdam_grant);
  ADD ("/demo/partial-dates", test_demo_partial_dates);
  ADD ("/demo/passes-check", test_demo_passes_check);
  ADD ("/check/stale-summary", test_check_finds_stale_summary);
  ADD ("/check/invalid-record", test_check_finds_invalid_record);

#undef ADD

  return g_test_run ();
}
