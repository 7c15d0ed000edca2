/* test-region-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-audit-store.h"
#include "ks-database.h"
#include "ks-error.h"
#include "ks-partner-store.h"
#include "ks-procedure-store.h"
#include "ks-region-store.h"
#include "ks-test-common.h"

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

  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_database_set_staff_name (fixture->db, "Dewi Lestari");
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

static void
add_agreement (KsDatabase *db,
               const char *uuid,
               const char *region_code,
               const char *title,
               const char *stage,
               const char *ends_on)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement,
                "uuid", uuid,
                "region-code", region_code,
                "title", title,
                "stage", stage,
                "ends-on", ends_on,
                NULL);
  ks_agreement_store_save (db, agreement, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_lookup (KsDatabase *db,
               const char *text,
               const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = ks_region_store_lookup (db, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (region);
  g_assert_cmpstr (ks_region_get_code (region), ==, code);
}

static void
assert_add_fails (Fixture    *fixture,
                  const char *code,
                  const char *name,
                  const char *kind,
                  const char *province_code,
                  const char *in_message)
{
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = ks_region_store_add (fixture->db, code, name, kind, province_code, NULL, &error);

  g_assert_null (region);
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, in_message));

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static GListStore *
list_steps (KsDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GListStore *steps = ks_procedure_store_list (db, &error);

  g_assert_no_error (error);
  return steps;
}

static KsProcedureStep *
nth_step (GListStore *steps,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (steps), position);
}

static void
test_list_sorted_by_code (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) regions = ks_region_store_list (fixture->db, &error);
  guint n;

  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (regions));
  g_assert_cmpuint (n, ==, 36);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(KsRegion) a = g_list_model_get_item (G_LIST_MODEL (regions), i - 1);
      g_autoptr(KsRegion) b = g_list_model_get_item (G_LIST_MODEL (regions), i);

      g_assert_cmpint (strcmp (ks_region_get_code (a), ks_region_get_code (b)), <, 0);
    }
}

static void
test_list_hides_deleted (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) regions = NULL;
  g_autoptr(KsRegion) region = NULL;

  ks_test_exec (fixture->db, "UPDATE regions SET deleted_at = 'x' WHERE code = '33.14'");
  regions = ks_region_store_list (fixture->db, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (regions)), ==, 35);

  region = ks_region_store_lookup (fixture->db, "33.14", &error);
  g_assert_null (region);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

static void
test_region_properties (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = ks_region_store_lookup (fixture->db, "33.11", &error);
  g_autofree char *group = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ks_region_get_name (region), ==, "Kabupaten Sukoharjo");
  g_assert_cmpstr (ks_region_get_kind (region), ==, "kabupaten");
  g_assert_cmpstr (ks_region_get_province_code (region), ==, "33");
  g_assert_cmpstr (ks_region_get_group (region), ==, "Karesidenan Surakarta");
  g_assert_true (g_uuid_string_is_valid (ks_region_get_uuid (region)));
  g_object_get (region, "group", &group, NULL);
  g_assert_cmpstr (group, ==, "Karesidenan Surakarta");
}

static void
test_lookup_by_code (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_lookup (fixture->db, "33.14", "33.14");
  assert_lookup (fixture->db, " 33.72 ", "33.72");
}

static void
test_lookup_by_name (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_lookup (fixture->db, "kabupaten sragen", "33.14");
  assert_lookup (fixture->db, "KOTA SEMARANG", "33.74");
}

static void
test_lookup_by_bare_name (Fixture       *fixture,
                          gconstpointer  data)
{
  assert_lookup (fixture->db, "Sragen", "33.14");
  assert_lookup (fixture->db, "surakarta", "33.72");
  assert_lookup (fixture->db, "Karanganyar", "33.13");
}

static void
test_lookup_ambiguous (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = ks_region_store_lookup (fixture->db, "Semarang", &error);

  /* Kabupaten Semarang and Kota Semarang. */
  g_assert_null (region);
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "33.22"));
  g_assert_nonnull (strstr (error->message, "33.74"));
}

static void
test_lookup_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = ks_region_store_lookup (fixture->db, "Ragen", &error);

  /* A bare name matches whole words only. */
  g_assert_null (region);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no region “Ragen”.");
}

/* A list read once answers as the register does, misses included. */
static void
test_find_in_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) regions = ks_region_store_list (fixture->db, &error);
  const char *texts[] = { "33.14", "kota surakarta", "Karanganyar" };
  const char *codes[] = { "33.14", "33.72", "33.13" };
  KsRegion *region;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      region = ks_region_store_find (G_LIST_MODEL (regions), texts[i], &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ks_region_get_code (region), ==, codes[i]);
      g_object_unref (region);
    }

  g_assert_null (ks_region_store_find (G_LIST_MODEL (regions), "Semarang", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ks_region_store_find (G_LIST_MODEL (regions), "Ragen", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

static void
test_add_region (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = NULL;
  g_autofree char *who = NULL;

  region = ks_region_store_add (fixture->db, "34.71", "Kota Yogyakarta", "kota", NULL,
                                "Daerah Istimewa Yogyakarta", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_region_get_province_code (region), ==, "34");

  assert_lookup (fixture->db, "Yogyakarta", "34.71");
  who = ks_test_query_text (fixture->db, "SELECT who FROM audit_log WHERE record_table = 'regions' "
                                 "AND action = 'insert'");
  g_assert_cmpstr (who, ==, "Dewi Lestari");
}

static void
test_add_province (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) region = NULL;

  region = ks_region_store_add (fixture->db, "34", "Daerah Istimewa Yogyakarta", "provinsi", "34", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM regions WHERE code = '34'"), ==, 1);
}

static void
test_add_bad_code (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *codes[] = { "3471", "34.7", "34-71", "a4.71", "34.71.01", "", " 34.71" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_add_fails (fixture, codes[i], "Kota Yogyakarta", "kota", NULL, "Kemendagri code");
}

static void
test_add_duplicate_code (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_add_fails (fixture, "33.14", "Kabupaten Sragen Baru", "kabupaten", NULL, "“33.14”");
}

static void
test_add_duplicate_name (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_add_fails (fixture, "33.99", "kabupaten sragen", "kabupaten", NULL, "33.14");
}

static void
test_add_unknown_kind (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_add_fails (fixture, "34.71", "Kota Yogyakarta", "city", NULL, "“city”");
}

static void
test_add_kind_must_fit_code (Fixture       *fixture,
                             gconstpointer  data)
{
  assert_add_fails (fixture, "34", "Kota Yogyakarta", "kota", NULL, "does not fit");
}

static void
test_add_name_required (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_add_fails (fixture, "34.71", "  ", "kota", NULL, "needs a name");
}

static void
test_add_province_mismatch (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_add_fails (fixture, "34.71", "Kota Yogyakarta", "kota", "33", "province code");
}

static void
test_add_name_too_long (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *name = g_strnfill (KS_REGION_NAME_MAX + 1, 'x');

  assert_add_fails (fixture, "34.71", name, "kota", NULL, "longer than 300");
  assert_add_fails (fixture, "34.71", "Kota\nYogyakarta", "kota", NULL, "one-line");
}

static void
test_adopt_keeps_uuid (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KsRegion) region = g_object_new (KS_TYPE_REGION, "uuid", "0b6b7b8a-1f44-4c3e-9d55-1b2c3d4e5f60",
                                             "code", "99.01", "name", " Kabupaten Contoh ",
                                             "kind", "kabupaten", "province-code", "99", "group", "",
                                             NULL);
  g_autoptr(KsRegion) again = g_object_new (KS_TYPE_REGION, "uuid", "0b6b7b8a-1f44-4c3e-9d55-1b2c3d4e5f60",
                                            "code", "99.02", "name", "Kota Contoh",
                                            "kind", "kota", "province-code", "99", "group", "",
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *source = NULL;

  g_assert_true (ks_region_store_adopt (fixture->db, region, "merge: contoh.kerjasama", &error));
  g_assert_no_error (error);
  name = ks_test_query_text (fixture->db, "SELECT name FROM regions WHERE uuid = "
                                          "'0b6b7b8a-1f44-4c3e-9d55-1b2c3d4e5f60'");
  g_assert_cmpstr (name, ==, "Kabupaten Contoh");
  source = ks_test_query_text (fixture->db, "SELECT source FROM audit_log WHERE record_table = 'regions'");
  g_assert_cmpstr (source, ==, "merge: contoh.kerjasama");

  /* A uuid already used gets a new one rather than failing the merge. */
  g_assert_true (ks_region_store_adopt (fixture->db, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM regions WHERE code LIKE '99.%'"), ==, 2);

  g_assert_false (ks_region_store_adopt (fixture->db, region, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
}

static void
test_list_agencies (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *regions[] = { "33.14", "33.72" };
  const char *parties[] = { "Dinas Pendidikan", "DINAS PENDIDIKAN" };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autoptr(KsAgreement) agreement = ks_agreement_new ();

      g_object_set (agreement, "region-code", regions[i], "title", "Sister school", NULL);
      g_ptr_array_add (ks_agreement_get_local_parties (agreement), ks_local_party_ref_new (parties[i], NULL));
      g_ptr_array_add (ks_agreement_get_local_parties (agreement), ks_local_party_ref_new ("Bappeda", NULL));
      g_assert_true (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
      g_assert_no_error (error);
    }

  names = ks_region_store_list_agencies (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Bappeda");
  g_assert_cmpstr (names[1], ==, "DINAS PENDIDIKAN");
}

static void
test_count_agreements (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GError) error = NULL;

  add_agreement (fixture->db, "9a0e4f1c-0d2b-4c57-8e3a-000000000001", "33.72", "MoU Xi'an", "signed", "");
  add_agreement (fixture->db, "9a0e4f1c-0d2b-4c57-8e3a-000000000002", "33.72", "LoI Montana", "loi_signed", "");
  add_agreement (fixture->db, "9a0e4f1c-0d2b-4c57-8e3a-000000000003", "33.72", "Sister school", "exploration", "");
  ks_agreement_store_delete (fixture->db, "9a0e4f1c-0d2b-4c57-8e3a-000000000003", &error);
  g_assert_no_error (error);
  list = ks_agreement_list_new (fixture->db);
  counts = ks_agreement_list_count_by_region (list);

  /* The deleted one does not count; regions without any are missing. */
  g_assert_cmpuint (g_hash_table_size (counts), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "33.72")), ==, 2);
  g_assert_false (g_hash_table_contains (counts, "33.14"));
}

static void
test_list_local_parties (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) none = NULL;
  GPtrArray *parties = ks_agreement_get_local_parties (agreement);

  g_object_set (agreement, "region-code", "33.14", "title", "Sister school", NULL);
  g_ptr_array_add (parties, ks_local_party_ref_new ("SMK Negeri 1 Sragen", NULL));
  g_ptr_array_add (parties, ks_local_party_ref_new ("dinas Pendidikan Kabupaten Sragen", NULL));
  g_ptr_array_add (parties, ks_local_party_ref_new ("Bappeda Kabupaten Sragen", "coordinating"));
  g_assert_true (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_no_error (error);
  ks_test_exec (fixture->db, "UPDATE local_parties SET deleted_at = '2026-01-01T00:00:00Z' "
                             "WHERE name = 'Bappeda Kabupaten Sragen'");

  names = ks_region_store_list_local_parties (fixture->db, "33.14", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "dinas Pendidikan Kabupaten Sragen");
  g_assert_cmpstr (names[1], ==, "SMK Negeri 1 Sragen");

  none = ks_region_store_list_local_parties (fixture->db, "33.72", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_partners_sorted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GListStore) partners = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "Ayuthaya", "city of Xi'an", "Montana State University" };

  ks_test_exec (fixture->db,
           "INSERT INTO partners (uuid, name, kind, country, locality, created_at, updated_at, deleted_at) VALUES "
           "('p1', 'Montana State University', 'education', 'US', 'Bozeman', 'x', 'x', NULL),"
           "('p2', 'city of Xi''an', 'local_government', 'CN', 'Shaanxi', 'x', 'x', NULL),"
           "('p3', 'Ayuthaya', 'local_government', 'TH', '', 'x', 'x', NULL),"
           "('p4', 'Deleted partner', 'other', '', '', 'x', 'x', 'x')");
  partners = ks_partner_store_list (fixture->db, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (partners)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KsPartner) partner = g_list_model_get_item (G_LIST_MODEL (partners), i);

      g_assert_cmpstr (ks_partner_get_name (partner), ==, expected[i]);
    }
}

static void
test_partner_properties (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GListStore) partners = NULL;
  g_autoptr(KsPartner) partner = NULL;
  g_autoptr(GError) error = NULL;

  ks_test_exec (fixture->db,
           "INSERT INTO partners (uuid, name, kind, country, locality, created_at, updated_at) VALUES "
           "('p1', 'Montana State University', 'education', 'US', 'Bozeman', 'x', 'x')");
  partners = ks_partner_store_list (fixture->db, &error);
  partner = g_list_model_get_item (G_LIST_MODEL (partners), 0);

  g_assert_cmpstr (ks_partner_get_uuid (partner), ==, "p1");
  g_assert_cmpstr (ks_partner_get_kind (partner), ==, "education");
  g_assert_cmpstr (ks_partner_get_country (partner), ==, "US");
  g_assert_cmpstr (ks_partner_get_locality (partner), ==, "Bozeman");
}

static void
test_steps_ordered_with_labels (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GListStore) steps = list_steps (fixture->db);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (steps));

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsProcedureStep) step = nth_step (steps, i);

      /* Built-in steps store no label; they show the translated one. */
      g_assert_cmpstr (ks_procedure_step_get_label (step), !=, "");
      g_assert_cmpstr (ks_procedure_step_get_label (step), !=, ks_procedure_step_get_key (step));
      if (i > 0)
        {
          g_autoptr(KsProcedureStep) previous = nth_step (steps, i - 1);
          g_assert_cmpint (ks_procedure_step_get_sort_order (previous), <=,
                           ks_procedure_step_get_sort_order (step));
        }
    }
}

static void
test_step_add_custom (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsProcedureStep) first = NULL;
  g_autoptr(KsProcedureStep) second = NULL;
  g_autoptr(KsProcedureStep) last = NULL;
  g_autoptr(GListStore) steps = NULL;

  first = ks_procedure_store_add (fixture->db, "  Rapat TKKSD ", FALSE, &error);
  g_assert_no_error (error);
  second = ks_procedure_store_add (fixture->db, "Laporan ke Gubernur", TRUE, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ks_procedure_step_get_key (first), ==, "custom_1");
  g_assert_cmpstr (ks_procedure_step_get_key (second), ==, "custom_2");
  g_assert_cmpstr (ks_procedure_step_get_label (first), ==, "Rapat TKKSD");
  g_assert_false (ks_procedure_step_get_required (first));

  steps = list_steps (fixture->db);
  last = nth_step (steps, g_list_model_get_n_items (G_LIST_MODEL (steps)) - 1);
  g_assert_cmpstr (ks_procedure_step_get_uuid (last), ==, ks_procedure_step_get_uuid (second));
}

static void
test_step_keys_not_reused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsProcedureStep) first = ks_procedure_store_add (fixture->db, "Rapat TKKSD", TRUE, &error);
  g_autoptr(KsProcedureStep) second = NULL;

  ks_procedure_store_delete (fixture->db, ks_procedure_step_get_uuid (first), &error);
  g_assert_no_error (error);
  second = ks_procedure_store_add (fixture->db, "Rapat TKKSD", TRUE, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ks_procedure_step_get_key (second), ==, "custom_2");
}

static void
test_step_rename (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GListStore) steps = list_steps (fixture->db);
  g_autoptr(KsProcedureStep) step = nth_step (steps, 0);
  g_autofree char *builtin = g_strdup (ks_procedure_step_get_label (step));
  g_autoptr(GListStore) renamed = NULL;
  g_autoptr(GListStore) restored = NULL;
  g_autoptr(KsProcedureStep) renamed_step = NULL;
  g_autoptr(KsProcedureStep) restored_step = NULL;
  g_autoptr(GError) error = NULL;

  ks_procedure_store_rename (fixture->db, ks_procedure_step_get_uuid (step), "Rencana kerja sama", &error);
  g_assert_no_error (error);
  renamed = list_steps (fixture->db);
  renamed_step = nth_step (renamed, 0);
  g_assert_cmpstr (ks_procedure_step_get_label (renamed_step), ==, "Rencana kerja sama");

  /* An empty label gives the step back its built-in, translated one. */
  ks_procedure_store_rename (fixture->db, ks_procedure_step_get_uuid (step), "", &error);
  g_assert_no_error (error);
  restored = list_steps (fixture->db);
  restored_step = nth_step (restored, 0);
  g_assert_cmpstr (ks_procedure_step_get_label (restored_step), ==, builtin);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM procedure_steps WHERE label <> ''"), ==, 0);
}

static void
test_step_rename_custom_needs_label (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsProcedureStep) step = ks_procedure_store_add (fixture->db, "Rapat TKKSD", TRUE, &error);
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  g_assert_false (ks_procedure_store_rename (fixture->db, ks_procedure_step_get_uuid (step), " ", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_step_set_required (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GListStore) steps = list_steps (fixture->db);
  g_autoptr(KsProcedureStep) step = nth_step (steps, 0);
  g_autoptr(GListStore) changed = NULL;
  g_autoptr(KsProcedureStep) changed_step = NULL;
  g_autoptr(GError) error = NULL;
  gboolean required = ks_procedure_step_get_required (step);

  ks_procedure_store_set_required (fixture->db, ks_procedure_step_get_uuid (step), !required, &error);
  g_assert_no_error (error);

  changed = list_steps (fixture->db);
  changed_step = nth_step (changed, 0);
  g_assert_cmpint (ks_procedure_step_get_required (changed_step), ==, !required);
}

static void
test_step_reorder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListStore) steps = list_steps (fixture->db);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (steps));
  g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListStore) after = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(KsProcedureStep) step = nth_step (steps, i - 1);
      g_ptr_array_add (reversed, g_strdup (ks_procedure_step_get_uuid (step)));
    }
  g_ptr_array_add (reversed, NULL);

  ks_procedure_store_reorder (fixture->db, (const char * const *) reversed->pdata, &error);
  g_assert_no_error (error);

  after = list_steps (fixture->db);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsProcedureStep) step = nth_step (after, i);
      g_assert_cmpstr (ks_procedure_step_get_uuid (step), ==, g_ptr_array_index (reversed, i));
    }
}

static void
test_step_reorder_incomplete (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GListStore) steps = list_steps (fixture->db);
  g_autoptr(KsProcedureStep) first = nth_step (steps, 0);
  const char *uuids[] = { ks_procedure_step_get_uuid (first), ks_procedure_step_get_uuid (first), NULL };
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_procedure_store_reorder (fixture->db, uuids, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_step_delete_and_undelete (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GListStore) steps = list_steps (fixture->db);
  g_autoptr(KsProcedureStep) step = nth_step (steps, 0);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (steps));
  g_autoptr(GListStore) without = NULL;
  g_autoptr(GListStore) with = NULL;
  g_autoptr(GError) error = NULL;

  ks_procedure_store_delete (fixture->db, ks_procedure_step_get_uuid (step), &error);
  g_assert_no_error (error);
  without = list_steps (fixture->db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (without)), ==, n - 1);

  ks_procedure_store_undelete (fixture->db, ks_procedure_step_get_uuid (step), &error);
  g_assert_no_error (error);
  with = list_steps (fixture->db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (with)), ==, n);
}

static void
test_step_edits_audited (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsProcedureStep) step = ks_procedure_store_add (fixture->db, "Rapat TKKSD", TRUE, &error);
  const char *uuid = ks_procedure_step_get_uuid (step);
  g_autoptr(GListStore) trail = NULL;
  const char *actions[] = { "delete", "update", "update", "insert" };

  ks_procedure_store_rename (fixture->db, uuid, "Rapat tim TKKSD", &error);
  g_assert_no_error (error);
  ks_procedure_store_set_required (fixture->db, uuid, FALSE, &error);
  g_assert_no_error (error);
  ks_procedure_store_delete (fixture->db, uuid, &error);
  g_assert_no_error (error);

  trail = ks_audit_store_list_for_record (fixture->db, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trail)), ==, G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(KsAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (trail), i);

      g_assert_cmpstr (ks_audit_entry_get_action (entry), ==, actions[i]);
      g_assert_cmpstr (ks_audit_entry_get_record_table (entry), ==, "procedure_steps");
      g_assert_cmpstr (ks_audit_entry_get_who (entry), ==, "Dewi Lestari");
    }
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/region/list/sorted-by-code", test_list_sorted_by_code);
  ADD ("/region/list/hides-deleted", test_list_hides_deleted);
  ADD ("/region/properties", test_region_properties);
  ADD ("/region/lookup/code", test_lookup_by_code);
  ADD ("/region/lookup/name", test_lookup_by_name);
  ADD ("/region/lookup/bare-name", test_lookup_by_bare_name);
  ADD ("/region/lookup/ambiguous", test_lookup_ambiguous);
  ADD ("/region/lookup/unknown", test_lookup_unknown);
  ADD ("/region/lookup/find-in-list", test_find_in_list);
  ADD ("/region/add/kota", test_add_region);
  ADD ("/region/add/provinsi", test_add_province);
  ADD ("/region/add/bad-code", test_add_bad_code);
  ADD ("/region/add/duplicate-code", test_add_duplicate_code);
  ADD ("/region/add/duplicate-name", test_add_duplicate_name);
  ADD ("/region/add/unknown-kind", test_add_unknown_kind);
  ADD ("/region/add/kind-fits-code", test_add_kind_must_fit_code);
  ADD ("/region/add/name-required", test_add_name_required);
  ADD ("/region/add/province-mismatch", test_add_province_mismatch);
  ADD ("/region/add/name-too-long", test_add_name_too_long);
  ADD ("/region/adopt", test_adopt_keeps_uuid);
  ADD ("/region/count-agreements", test_count_agreements);
  ADD ("/partner/list/sorted-by-name", test_partners_sorted);
  ADD ("/partner/properties", test_partner_properties);
  ADD ("/local-party/list", test_list_local_parties);
  ADD ("/local-party/list-agencies", test_list_agencies);
  ADD ("/procedure/list/ordered-with-labels", test_steps_ordered_with_labels);
  ADD ("/procedure/add/custom", test_step_add_custom);
  ADD ("/procedure/add/keys-not-reused", test_step_keys_not_reused);
  ADD ("/procedure/rename", test_step_rename);
  ADD ("/procedure/rename/custom-needs-label", test_step_rename_custom_needs_label);
  ADD ("/procedure/set-required", test_step_set_required);
  ADD ("/procedure/reorder", test_step_reorder);
  ADD ("/procedure/reorder/incomplete", test_step_reorder_incomplete);
  ADD ("/procedure/delete-undelete", test_step_delete_and_undelete);
  ADD ("/procedure/audited", test_step_edits_audited);

#undef ADD

  return g_test_run ();
}
