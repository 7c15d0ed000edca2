/* test-attention.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-list.h"
#include "ks-attention.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-procedure-progress.h"
#include "ks-procedure-store.h"
#include "ks-test-common.h"

#define CEPOGO  "6cd17f1f-32dd-4386-9688-1accf8c09e6f"
#define SNV     "9a2626e9-e8e2-4b31-88ba-61b47ec6543d"
#define WUMING  "ff9f386f-7d04-44d0-807a-2dba2e91dcf8"
#define OISCA   "026a6aba-5ef7-400f-8143-c593d66eec06"
#define BUSAN   "299f2605-9543-4210-a644-a65e5bbec3a9"
#define PDAM    "29579cb6-3aa2-44a7-bb1e-81ffc1e22b98"
#define MAGANG  "eb400d99-460d-4b19-95da-3c1a7579e8f2"
#define XIAN    "e8350df6-41c8-4023-b684-c8890ff64ca9"
#define IUWASH  "3cd278bc-8dbc-40d4-a481-d3f1cb3ffa1e"

typedef struct
{
  char            *dir;
  KsDatabase      *db;
  KsAgreementList *list;
} Fixture;

static void
set_today (KsAgreementList *list,
           int              year,
           int              month,
           int              day)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, year);
  ks_agreement_filter_set_today (ks_agreement_list_get_filter (list), &today);
}

/* The study data as of 1 December 2017, just after the field study. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added = 0;

  fixture->dir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  g_assert_no_error (error);

  fixture->list = ks_agreement_list_new (fixture->db);
  set_today (fixture->list, 2017, 12, 1);
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

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "uuid: reason" lines, sorted, for every agreement the view shows. */
static char *
explain_view (KsAgreementList *list,
              KsSmartView      view)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (list);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  ks_agreement_filter_set_smart_view (filter, view);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KsAgreementSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      KsAttentionAction action = KS_ATTENTION_ACTION_NONE;
      g_autofree char *reason = ks_attention_explain (list, item, view, &action);

      g_assert_nonnull (reason);
      g_assert_cmpint (action, ==, ks_attention_action_for_view (view));
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", ks_agreement_summary_get_uuid (item), reason));
    }
  ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NONE);

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static KsAgreementSummary *
find_summary (KsAgreementList *list,
              const char      *uuid)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KsAgreementSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_str_equal (ks_agreement_summary_get_uuid (item), uuid))
        return g_steal_pointer (&item);
    }

  g_assert_not_reached ();
}

static void
test_needs_follow_up (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *shown = explain_view (fixture->list, KS_SMART_VIEW_NEEDS_FOLLOW_UP);

  /* Sorted by uuid.  The LoIs of Surakarta–Xi'an and Wonogiri–Wuming
   * never led anywhere; PDAM Sragen's renewal (October 2017) and
   * IUWASH PLUS (April 2017) are recent enough. */
  g_assert_cmpstr (shown, ==,
                   OISCA ": No follow-up since the start on 2012 — 59 months\n"
                   BUSAN ": No follow-up recorded, and no date shows it started\n"
                   CEPOGO ": No follow-up since the start on 10 September 2015 — 26 months\n"
                   XIAN ": No follow-up since the LoI of 25 September 2015 — 26 months\n"
                   MAGANG ": No follow-up since the start on 2012 — 59 months\n"
                   WUMING ": No follow-up since the LoI of 2012 — 59 months\n");
  g_assert_cmpuint (ks_agreement_list_count_smart_view (fixture->list, KS_SMART_VIEW_NEEDS_FOLLOW_UP), ==, 6);
}

static void
test_follow_up_threshold (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *shown = NULL;

  /* Thirty months: the 2015 agreements are not late yet. */
  ks_agreement_filter_set_follow_up_months (ks_agreement_list_get_filter (fixture->list), 30);
  shown = explain_view (fixture->list, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
  g_assert_cmpstr (shown, ==,
                   OISCA ": No follow-up since the start on 2012 — 59 months\n"
                   BUSAN ": No follow-up recorded, and no date shows it started\n"
                   MAGANG ": No follow-up since the start on 2012 — 59 months\n"
                   WUMING ": No follow-up since the LoI of 2012 — 59 months\n");
}

static void
test_expiring (Fixture       *fixture,
               gconstpointer  data)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (fixture->list);
  g_autofree char *in_2017 = explain_view (fixture->list, KS_SMART_VIEW_EXPIRING);
  g_autofree char *in_2023 = NULL;
  g_autofree char *shorter = NULL;
  g_autofree char *last_days = NULL;

  /* Nothing of the study ends within six months of December 2017. */
  g_assert_cmpstr (in_2017, ==, "");

  set_today (fixture->list, 2023, 5, 9);
  in_2023 = explain_view (fixture->list, KS_SMART_VIEW_EXPIRING);
  g_assert_cmpstr (in_2023, ==, CEPOGO ": Ends 9 September 2023 — in 4 months\n");

  ks_agreement_filter_set_expiry_months (filter, 3);
  shorter = explain_view (fixture->list, KS_SMART_VIEW_EXPIRING);
  g_assert_cmpstr (shorter, ==, "");

  set_today (fixture->list, 2023, 8, 30);
  last_days = explain_view (fixture->list, KS_SMART_VIEW_EXPIRING);
  g_assert_cmpstr (last_days, ==, CEPOGO ": Ends 9 September 2023 — in 10 days\n");
}

static void
test_not_reported (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  /* IUWASH's agency reported, SNV's region reported to the centre,
   * PDAM Sragen did both. */
  ks_test_exec (fixture->db, "UPDATE agreements SET reported_by_agency_on = '2017-05' "
                             "WHERE uuid IN ('" IUWASH "', '" PDAM "')");
  ks_test_exec (fixture->db, "UPDATE agreements SET reported_to_center_on = '2016-02' "
                             "WHERE uuid IN ('" SNV "', '" PDAM "')");
  g_assert_true (ks_agreement_list_reload (fixture->list, &error));
  g_assert_no_error (error);

  shown = explain_view (fixture->list, KS_SMART_VIEW_NOT_REPORTED);
  g_assert_cmpstr (shown, ==,
                   OISCA ": Signed, reported neither to the central government nor by "
                   "Dinas Pertanian Kabupaten Karanganyar to the cooperation section\n"
                   IUWASH ": Signed, not reported to the central government\n"
                   "4e72c5d7-7ede-40ec-a733-8fd22122f26c: Signed, reported neither to the central "
                   "government nor by Dinas Pendidikan dan Olahraga Kabupaten Karanganyar to the "
                   "cooperation section\n"
                   CEPOGO ": Signed, reported neither to the central government nor by "
                   "Kelompok Tani Dekima Tirta Sari Makmur, Kecamatan Cepogo, "
                   "Dinas Peternakan dan Perikanan Kabupaten Boyolali to the cooperation section\n"
                   SNV ": Not reported by Pemerintah Kabupaten Boyolali to the cooperation section\n"
                   "ae492f22-57f9-4415-b0f9-9d467a207c01: Signed, reported neither to the central "
                   "government nor by Dinas Pendidikan Kabupaten Sragen to the cooperation section\n"
                   MAGANG ": Signed, reported neither to the central government nor by "
                   "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Sragen to the cooperation section\n");
}

static void
test_not_in_view (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KsAgreementSummary) pdam = find_summary (fixture->list, PDAM);
  KsAttentionAction action = KS_ATTENTION_ACTION_RENEW;
  g_autofree char *reason = ks_attention_explain (fixture->list, pdam, KS_SMART_VIEW_NEEDS_FOLLOW_UP, &action);

  g_assert_null (reason);
  g_assert_cmpint (action, ==, KS_ATTENTION_ACTION_NONE);
  g_assert_cmpstr (ks_attention_action_get_label (KS_ATTENTION_ACTION_RENEW), ==, "Renew");
  g_assert_null (ks_attention_action_get_label (KS_ATTENTION_ACTION_NONE));
}

static void
test_procedure_progress (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autofree char *text = NULL;
  gint64 xian = ks_test_query_int (fixture->db, "SELECT id FROM agreements WHERE uuid = '" XIAN "'");
  gint64 iuwash = ks_test_query_int (fixture->db, "SELECT id FROM agreements WHERE uuid = '" IUWASH "'");
  int n_signed = ks_test_query_int (fixture->db, "SELECT count (*) FROM agreements WHERE "
                                                 "stage IN ('signed', 'active', 'completed')");
  guint n_done = 99, n_required = 99;

  /* Five required steps are seeded; the study records none of them. */
  g_assert_true (ks_procedure_progress_get (fixture->db, xian, &n_done, &n_required, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_done, ==, 0);
  g_assert_cmpuint (n_required, ==, 5);

  /* The DPRD approval counts from the checklist or the agreement's own
   * field, the report to the centre from the field. */
  ks_test_exec (fixture->db, "UPDATE agreements SET dprd_approved_on = '2017-01', "
                             "reported_to_center_on = '2017-06' WHERE uuid = '" IUWASH "'");
  ks_test_exec (fixture->db, "INSERT INTO agreement_procedure (agreement_id, step_id, done_on) "
                             "SELECT a.id, s.id, '2016-11' FROM agreements a, procedure_steps s "
                             "WHERE a.uuid = '" IUWASH "' AND s.key IN ('cooperation_plan', "
                             "'monitoring_evaluation')");
  g_assert_true (ks_procedure_progress_get (fixture->db, iuwash, &n_done, &n_required, &error));
  g_assert_cmpuint (n_done, ==, 3);
  g_assert_cmpuint (n_required, ==, 5);
  text = ks_procedure_progress_format (n_done, n_required);
  g_assert_cmpstr (text, ==, "3 of 5 steps");

  /* Every signed agreement misses a step; IUWASH only the two ministries. */
  gaps = ks_procedure_progress_find_gaps (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, n_signed);
  for (guint i = 0; i < gaps->len; i++)
    {
      KsProcedureGap *gap = g_ptr_array_index (gaps, i);

      if (g_str_equal (gap->uuid, IUWASH))
        {
          g_assert_cmpuint (gap->n_missing, ==, 2);
          g_assert_cmpstr (gap->missing, ==, "Consultation with Kemendagri, Full powers from Kemenlu");
        }
      else
        {
          g_assert_cmpuint (gap->n_missing, ==, 5);
          g_assert_nonnull (strstr (gap->missing, "DPRD approval"));
        }
    }

  /* Once every step is done, the agreement leaves the list. */
  ks_test_exec (fixture->db, "INSERT INTO agreement_procedure (agreement_id, step_id, done_on) "
                             "SELECT a.id, s.id, '2017-02' FROM agreements a, procedure_steps s "
                             "WHERE a.uuid = '" IUWASH "' AND s.key IN ('kemendagri_consultation', "
                             "'kemenlu_full_powers')");
  g_clear_pointer (&gaps, g_ptr_array_unref);
  gaps = ks_procedure_progress_find_gaps (fixture->db, &error);
  g_assert_cmpuint (gaps->len, ==, n_signed - 1);
}

/* The uuids of a list, sorted and joined. */
static char *
join_sorted (GPtrArray *uuids)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_sort (uuids, compare_lines);
  for (guint i = 0; i < uuids->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (uuids, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
view_uuids (KsAgreementList *list,
            KsSmartView      view)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  ks_agreement_filter_set_smart_view (ks_agreement_list_get_filter (list), view);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KsAgreementSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_ptr_array_add (uuids, g_strdup (ks_agreement_summary_get_uuid (item)));
    }
  ks_agreement_filter_set_smart_view (ks_agreement_list_get_filter (list), KS_SMART_VIEW_NONE);

  return join_sorted (uuids);
}

static char *
gap_uuids (KsDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = ks_procedure_progress_find_gaps (db, &error);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < gaps->len; i++)
    g_ptr_array_add (uuids, g_strdup (((KsProcedureGap *) g_ptr_array_index (gaps, i))->uuid));

  return join_sorted (uuids);
}

static void
assert_view_is_gaps (Fixture *fixture)
{
  g_autofree char *shown = view_uuids (fixture->list, KS_SMART_VIEW_MISSING_STEPS);
  g_autofree char *gaps = gap_uuids (fixture->db);
  guint n_gaps = 0;

  for (const char *p = gaps; *p != '\0'; p++)
    n_gaps += *p == '\n';
  g_assert_cmpstr (shown, ==, gaps);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (fixture->list, KS_SMART_VIEW_MISSING_STEPS),
                    ==, n_gaps);
}

/* The view holds exactly what find_gaps() finds, says which steps are
 * missing, and follows the checklist's changes. */
static void
test_missing_steps (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreementSummary) iuwash = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *step = NULL;
  guint n_before;

  assert_view_is_gaps (fixture);
  n_before = ks_agreement_list_count_smart_view (fixture->list, KS_SMART_VIEW_MISSING_STEPS);
  g_assert_cmpuint (n_before, >, 0);
  g_assert_true (ks_agreement_list_in_smart_view (fixture->list,
                                                  ks_test_query_int (fixture->db, "SELECT id FROM agreements "
                                                                     "WHERE uuid = '" IUWASH "'"),
                                                  KS_SMART_VIEW_MISSING_STEPS));

  ks_test_exec (fixture->db, "UPDATE agreements SET dprd_approved_on = '2017-01', "
                             "reported_to_center_on = '2017-06' WHERE uuid = '" IUWASH "'");
  ks_test_exec (fixture->db, "INSERT INTO agreement_procedure (agreement_id, step_id, done_on) "
                             "SELECT a.id, s.id, '2016-11' FROM agreements a, procedure_steps s "
                             "WHERE a.uuid = '" IUWASH "' AND s.key IN ('cooperation_plan', "
                             "'monitoring_evaluation')");
  g_assert_true (ks_agreement_list_reload (fixture->list, &error));
  g_assert_no_error (error);
  assert_view_is_gaps (fixture);
  iuwash = find_summary (fixture->list, IUWASH);
  reason = ks_attention_explain (fixture->list, iuwash, KS_SMART_VIEW_MISSING_STEPS, NULL);
  g_assert_cmpstr (reason, ==, "Signed without: Consultation with Kemendagri, Full powers from Kemenlu");

  /* Steps made optional in the preferences take IUWASH out at once. */
  step = ks_test_query_text (fixture->db, "SELECT uuid FROM procedure_steps WHERE key = 'kemenlu_full_powers'");
  g_assert_true (ks_procedure_store_set_required (fixture->db, step, FALSE, &error));
  g_free (step);
  step = ks_test_query_text (fixture->db, "SELECT uuid FROM procedure_steps WHERE key = 'kemendagri_consultation'");
  g_assert_true (ks_procedure_store_set_required (fixture->db, step, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ks_agreement_list_count_smart_view (fixture->list, KS_SMART_VIEW_MISSING_STEPS),
                    ==, n_before - 1);
  g_clear_object (&iuwash);
  iuwash = find_summary (fixture->list, IUWASH);
  g_assert_null (ks_attention_explain (fixture->list, iuwash, KS_SMART_VIEW_MISSING_STEPS, NULL));
  assert_view_is_gaps (fixture);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/attention/needs-follow-up", test_needs_follow_up);
  ADD ("/attention/follow-up-threshold", test_follow_up_threshold);
  ADD ("/attention/expiring", test_expiring);
  ADD ("/attention/not-reported", test_not_reported);
  ADD ("/attention/not-in-view", test_not_in_view);
  ADD ("/attention/procedure-progress", test_procedure_progress);
  ADD ("/attention/missing-steps", test_missing_steps);

  return g_test_run ();
}
