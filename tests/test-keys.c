/* test-keys.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ks-error.h"
#include "ks-keys.h"
#include "ks-test-common.h"

static void
assert_keys (KsKeySet    set,
             const char *expected)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) ks_key_set_get_keys (set));

  g_assert_cmpstr (joined, ==, expected);
}

/* The keys are a contract with CSV files and other offices. */
static void
test_key_sets (void)
{
  assert_keys (KS_KEY_SET_FORM, "sister_city technical grant capacity_building internship "
                                "sister_school trade_investment culture research other");
  assert_keys (KS_KEY_SET_DOCUMENT, "none loi mou pks grant_agreement other");
  assert_keys (KS_KEY_SET_STAGE, "exploration loi_signed drafting signed active completed "
                                 "stalled terminated");
  assert_keys (KS_KEY_SET_SECTOR, "trade investment culture tourism education health sport "
                                  "civil_service agriculture livestock environment "
                                  "water_sanitation labour infrastructure other");
  assert_keys (KS_KEY_SET_OBSTACLE, "coordination negotiation_capacity language budget poor_fit other");
  assert_keys (KS_KEY_SET_PARTNER_KIND, "national_government local_government "
                                        "international_organisation ngo education company other");
  assert_keys (KS_KEY_SET_EVENT_KIND, "contact visit meeting loi_signed mou_signed renewed "
                                      "report evaluation ended other");
}

static void
test_stage_order (void)
{
  g_assert_cmpint (ks_key_get_index (KS_KEY_SET_STAGE, "exploration"), <,
                   ks_key_get_index (KS_KEY_SET_STAGE, "loi_signed"));
  g_assert_cmpint (ks_key_get_index (KS_KEY_SET_STAGE, "signed"), <,
                   ks_key_get_index (KS_KEY_SET_STAGE, "completed"));
  g_assert_cmpint (ks_key_get_index (KS_KEY_SET_STAGE, "sined"), ==, -1);
}

static void
test_stage_predicates (void)
{
  g_assert_true (ks_stage_is_running ("active"));
  g_assert_false (ks_stage_is_running ("completed"));
  g_assert_true (ks_stage_is_signed_or_later ("completed"));
  g_assert_false (ks_stage_is_signed_or_later ("drafting"));
  g_assert_true (ks_stage_is_closed ("terminated"));
  g_assert_true (ks_stage_may_need_follow_up ("stalled"));
  g_assert_true (ks_stage_may_need_follow_up ("loi_signed"));
  g_assert_false (ks_stage_may_need_follow_up ("exploration"));
}

static void
test_unknown_key_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_key_validate (KS_KEY_SET_STAGE, "sined", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Stage: “sined” is not known"));
  g_assert_nonnull (strstr (error->message, "loi_signed"));
}

static void
test_duplicate_in_list (void)
{
  const char *sectors[] = { "trade", "culture", "trade" };
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_key_validate_list (KS_KEY_SET_SECTOR, sectors, 2, &error));
  g_assert_false (ks_key_validate_list (KS_KEY_SET_SECTOR, sectors, 3, &error));
  g_assert_nonnull (strstr (error->message, "twice"));
}

static void
test_labels (void)
{
  g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_FORM, "sister_city"), ==, "Sister city");
  g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_STAGE, "loi_signed"), ==, "LoI signed");
  g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_STAGE, "from_the_future"), ==, "from_the_future");
}

static void
test_labels_in_indonesian (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "id", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      ks_test_init_i18n ();
      g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_STAGE, "exploration"), ==, "Penjajakan");
      g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_FORM, "grant"), ==, "Hibah");
      /* "Other" differs by context in some languages; each set has its own. */
      g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_SECTOR, "other"), ==, "Lainnya");
      g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_DOCUMENT, "other"), ==, "Dokumen lain");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_procedure_seeds (void)
{
  guint n = 0;
  const KsProcedureStepSeed *seeds = ks_procedure_step_seeds (&n);

  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    g_assert_true (ks_key_is_valid (KS_KEY_SET_PROCEDURE_STEP, seeds[i].key));
  g_assert_cmpstr (seeds[1].key, ==, "dprd_approval");
  g_assert_true (seeds[1].required);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/sets", test_key_sets);
  g_test_add_func ("/keys/stage-order", test_stage_order);
  g_test_add_func ("/keys/stage-predicates", test_stage_predicates);
  g_test_add_func ("/keys/unknown-message", test_unknown_key_message);
  g_test_add_func ("/keys/duplicates", test_duplicate_in_list);
  g_test_add_func ("/keys/labels", test_labels);
  g_test_add_func ("/keys/labels-indonesian", test_labels_in_indonesian);
  g_test_add_func ("/keys/procedure-seeds", test_procedure_seeds);

  return g_test_run ();
}
