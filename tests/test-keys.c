/* test-keys.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ks-error.h"
#include "ks-key-item.h"
#include "ks-keys.h"

static void
assert_keys (KsKeySet           set,
             const char * const *expected)
{
  const char * const *keys = ks_key_set_get_keys (set);
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (keys);
  g_assert_cmpstrv (keys, expected);
  g_assert_cmpuint (ks_key_set_get_n_keys (set), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ks_key_get_index (set, expected[i]), ==, i);
}

static void
test_form_keys (void)
{
  const char *expected[] = {
    "sister_city", "technical", "grant", "capacity_building", "internship",
    "sister_school", "trade_investment", "culture", "research", "other", NULL
  };

  assert_keys (KS_KEY_SET_FORM, expected);
}

static void
test_document_keys (void)
{
  const char *expected[] = {
    "none", "loi", "mou", "pks", "grant_agreement", "other", NULL
  };

  assert_keys (KS_KEY_SET_DOCUMENT, expected);
}

static void
test_stage_keys (void)
{
  const char *expected[] = {
    "exploration", "loi_signed", "drafting", "signed", "active", "completed",
    "stalled", "terminated", NULL
  };

  assert_keys (KS_KEY_SET_STAGE, expected);
}

static void
test_sector_keys (void)
{
  const char *expected[] = {
    "trade", "investment", "culture", "tourism", "education", "health",
    "sport", "civil_service", "agriculture", "livestock", "environment",
    "water_sanitation", "labour", "infrastructure", "other", NULL
  };

  assert_keys (KS_KEY_SET_SECTOR, expected);
}

static void
test_obstacle_keys (void)
{
  const char *expected[] = {
    "coordination", "negotiation_capacity", "language", "budget", "poor_fit",
    "other", NULL
  };

  assert_keys (KS_KEY_SET_OBSTACLE, expected);
}

static void
test_partner_kind_keys (void)
{
  const char *expected[] = {
    "national_government", "local_government", "international_organisation",
    "ngo", "education", "company", "other", NULL
  };

  assert_keys (KS_KEY_SET_PARTNER_KIND, expected);
}

static void
test_event_kind_keys (void)
{
  const char *expected[] = {
    "contact", "visit", "meeting", "loi_signed", "mou_signed", "renewed",
    "report", "evaluation", "ended", "other", NULL
  };

  assert_keys (KS_KEY_SET_EVENT_KIND, expected);
}

static void
test_small_set_keys (void)
{
  const char *region_kinds[] = { "kabupaten", "kota", "provinsi", NULL };
  const char *party_roles[] = { "implementing", "coordinating", NULL };
  const char *person_sides[] = { "local", "partner", NULL };
  const char *person_roles[] = { "contact", "signatory", NULL };

  assert_keys (KS_KEY_SET_REGION_KIND, region_kinds);
  assert_keys (KS_KEY_SET_PARTY_ROLE, party_roles);
  assert_keys (KS_KEY_SET_PERSON_SIDE, person_sides);
  assert_keys (KS_KEY_SET_PERSON_ROLE, person_roles);
}

static void
test_procedure_steps (void)
{
  const char *expected[] = {
    "cooperation_plan", "dprd_approval", "kemendagri_consultation",
    "kemenlu_full_powers", "report_to_center", "monitoring_evaluation", NULL
  };
  const KsProcedureStepSeed *seeds;
  guint n_seeds = 0;

  assert_keys (KS_KEY_SET_PROCEDURE_STEP, expected);

  seeds = ks_procedure_step_seeds (&n_seeds);
  g_assert_cmpuint (n_seeds, ==, G_N_ELEMENTS (expected) - 1);
  for (guint i = 0; i < n_seeds; i++)
    {
      g_assert_cmpstr (seeds[i].key, ==, expected[i]);
      g_assert_cmpint (seeds[i].required, ==, i < 5);
    }
}

static void
test_validity (void)
{
  g_assert_true (ks_key_is_valid (KS_KEY_SET_STAGE, "loi_signed"));
  g_assert_true (ks_key_is_valid (KS_KEY_SET_EVENT_KIND, "loi_signed"));
  g_assert_true (ks_key_is_valid (KS_KEY_SET_SECTOR, "education"));
  g_assert_true (ks_key_is_valid (KS_KEY_SET_PARTNER_KIND, "education"));

  g_assert_false (ks_key_is_valid (KS_KEY_SET_FORM, "education"));
  g_assert_false (ks_key_is_valid (KS_KEY_SET_STAGE, "Signed"));
  g_assert_false (ks_key_is_valid (KS_KEY_SET_STAGE, "signed "));
  g_assert_false (ks_key_is_valid (KS_KEY_SET_STAGE, ""));
  g_assert_false (ks_key_is_valid (KS_KEY_SET_STAGE, NULL));
  g_assert_cmpint (ks_key_get_index (KS_KEY_SET_STAGE, "sined"), ==, -1);
  g_assert_cmpint (ks_key_get_index (KS_KEY_SET_STAGE, NULL), ==, -1);
}

static void
test_english_labels (void)
{
  static const struct {
    KsKeySet    set;
    const char *key;
    const char *label;
  } cases[] = {
    { KS_KEY_SET_FORM, "sister_city", "Sister city" },
    { KS_KEY_SET_FORM, "technical", "Technical cooperation" },
    { KS_KEY_SET_FORM, "trade_investment", "Trade and investment" },
    { KS_KEY_SET_FORM, "other", "Other" },
    { KS_KEY_SET_DOCUMENT, "none", "No document" },
    { KS_KEY_SET_DOCUMENT, "mou", "Memorandum of understanding (MoU)" },
    { KS_KEY_SET_DOCUMENT, "pks", "Implementing agreement (PKS)" },
    { KS_KEY_SET_DOCUMENT, "other", "Other document" },
    { KS_KEY_SET_STAGE, "loi_signed", "LoI signed" },
    { KS_KEY_SET_STAGE, "terminated", "Terminated" },
    { KS_KEY_SET_SECTOR, "water_sanitation", "Water and sanitation" },
    { KS_KEY_SET_OBSTACLE, "negotiation_capacity", "Lobbying and negotiation skills" },
    { KS_KEY_SET_PARTNER_KIND, "international_organisation", "International organisation or donor" },
    { KS_KEY_SET_EVENT_KIND, "mou_signed", "MoU signed" },
    { KS_KEY_SET_REGION_KIND, "kabupaten", "Regency (kabupaten)" },
    { KS_KEY_SET_PARTY_ROLE, "coordinating", "Coordinating" },
    { KS_KEY_SET_PERSON_ROLE, "signatory", "Signatory" },
    { KS_KEY_SET_PROCEDURE_STEP, "cooperation_plan", "Cooperation plan (RKSDLN)" },
    { KS_KEY_SET_PROCEDURE_STEP, "kemenlu_full_powers", "Full powers from Kemenlu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (ks_key_get_label (cases[i].set, cases[i].key), ==, cases[i].label);
}

/* A key written by a newer Kerjasama must still show as something. */
static void
test_unknown_label_is_key (void)
{
  g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_STAGE, "archived"), ==, "archived");
  g_assert_null (ks_key_get_label (KS_KEY_SET_STAGE, NULL));
  g_assert_null (ks_key_get_description (KS_KEY_SET_STAGE, "archived"));
}

static void
test_every_key_has_label (void)
{
  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    {
      const char * const *keys = ks_key_set_get_keys (set);
      g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (ks_key_set_get_n_keys (set), >, 0);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          const char *label = ks_key_get_label (set, keys[i]);

          g_assert_cmpstr (label, !=, keys[i]);
          g_assert_true (g_utf8_validate (label, -1, NULL));
          /* two keys with one label would be indistinguishable in a list */
          g_assert_true (g_hash_table_add (labels, (gpointer) label));
        }
    }
}

static void
test_labels_snapshot (void)
{
  g_autoptr(KsKeyLabels) labels = ks_key_labels_new ();
  const char *unknown = "archived";

  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    {
      const char * const *keys = ks_key_set_get_keys (set);

      for (guint i = 0; keys[i] != NULL; i++)
        g_assert_cmpstr (ks_key_labels_get (labels, set, keys[i]), ==, ks_key_get_label (set, keys[i]));
    }
  g_assert_true (ks_key_labels_get (labels, KS_KEY_SET_STAGE, unknown) == unknown);
  g_assert_null (ks_key_labels_get (labels, KS_KEY_SET_STAGE, NULL));
}

static void
test_descriptions (void)
{
  g_assert_cmpstr (ks_key_get_description (KS_KEY_SET_STAGE, "exploration"), ==,
                   "First contacts, before any document is signed");
  g_assert_cmpstr (ks_key_get_description (KS_KEY_SET_DOCUMENT, "pks"), ==,
                   "A concrete agreement that carries out an MoU");
  g_assert_null (ks_key_get_description (KS_KEY_SET_SECTOR, "trade"));

  /* stages are chosen from a list: each needs its explanation */
  for (guint i = 0; i < ks_key_set_get_n_keys (KS_KEY_SET_STAGE); i++)
    g_assert_nonnull (ks_key_get_description (KS_KEY_SET_STAGE,
                                              ks_key_set_get_keys (KS_KEY_SET_STAGE)[i]));
}

static void
test_names_and_fields (void)
{
  g_assert_cmpstr (ks_key_set_get_name (KS_KEY_SET_FORM), ==, "Form");
  g_assert_cmpstr (ks_key_set_get_name (KS_KEY_SET_STAGE), ==, "Stage");
  g_assert_cmpstr (ks_key_set_get_name (KS_KEY_SET_PARTNER_KIND), ==, "Partner kind");

  g_assert_cmpstr (ks_key_set_get_field (KS_KEY_SET_FORM), ==, "form");
  g_assert_cmpstr (ks_key_set_get_field (KS_KEY_SET_DOCUMENT), ==, "document");
  g_assert_cmpstr (ks_key_set_get_field (KS_KEY_SET_STAGE), ==, "stage");
  g_assert_cmpstr (ks_key_set_get_field (KS_KEY_SET_SECTOR), ==, "sectors");
  g_assert_cmpstr (ks_key_set_get_field (KS_KEY_SET_OBSTACLE), ==, "obstacles");
  g_assert_cmpstr (ks_key_set_get_field (KS_KEY_SET_PARTNER_KIND), ==, "partner_kinds");

  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    {
      g_assert_nonnull (ks_key_set_get_name (set));
      g_assert_nonnull (ks_key_set_get_field (set));
    }
}

static void
test_validate_unknown (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_key_validate (KS_KEY_SET_STAGE, "signed", &error));
  g_assert_no_error (error);

  g_assert_false (ks_key_validate (KS_KEY_SET_STAGE, "sined", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Stage: “sined” is not a known stage; use one of exploration, "
                   "loi_signed, drafting, signed, active, completed, stalled, terminated");
  g_clear_error (&error);

  g_assert_false (ks_key_validate (KS_KEY_SET_PARTNER_KIND, "university", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Partner kind: “university”"));
  g_assert_nonnull (strstr (error->message, "national_government, local_government, "
                                            "international_organisation, ngo, education, "
                                            "company, other"));
}

/* Every set words its message and lists its own keys. */
static void
test_validate_every_set (void)
{
  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s: “bogus” ", ks_key_set_get_name (set));
      g_autofree char *valid = g_strjoinv (", ", (char **) ks_key_set_get_keys (set));

      g_assert_false (ks_key_validate (set, "bogus", &error));
      g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_true (g_str_has_suffix (error->message, valid));
    }
}

static void
test_validate_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_key_validate (KS_KEY_SET_FORM, "", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Form: a value is required; use one of sister_city, "));
  g_clear_error (&error);

  g_assert_false (ks_key_validate (KS_KEY_SET_FORM, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);

  /* callers that only want a yes or no may pass no error */
  g_assert_false (ks_key_validate (KS_KEY_SET_FORM, "bogus", NULL));
}

static void
test_validate_list (void)
{
  const char *good[] = { "trade", "tourism", "other", NULL };
  const char *unknown[] = { "trade", "fishery", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_key_validate_list (KS_KEY_SET_SECTOR, good, -1, &error));
  g_assert_no_error (error);
  g_assert_true (ks_key_validate_list (KS_KEY_SET_SECTOR, good, 2, &error));
  g_assert_no_error (error);
  g_assert_true (ks_key_validate_list (KS_KEY_SET_SECTOR, NULL, 0, &error));
  g_assert_no_error (error);

  g_assert_false (ks_key_validate_list (KS_KEY_SET_SECTOR, unknown, -1, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Sector: “fishery” is not a known sector; use one of trade, "));
  g_clear_error (&error);

  /* only the counted keys are checked */
  g_assert_true (ks_key_validate_list (KS_KEY_SET_SECTOR, unknown, 1, &error));
  g_assert_no_error (error);
}

static void
test_validate_list_duplicates (void)
{
  const char *twice[] = { "budget", "language", "budget", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_key_validate_list (KS_KEY_SET_OBSTACLE, twice, -1, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Obstacle: “budget” is listed twice");
  g_clear_error (&error);

  g_assert_true (ks_key_validate_list (KS_KEY_SET_OBSTACLE, twice, 2, &error));
  g_assert_no_error (error);
}

static int
compare_stages (gconstpointer a,
                gconstpointer b)
{
  return ks_key_get_index (KS_KEY_SET_STAGE, *(const char * const *) a) -
         ks_key_get_index (KS_KEY_SET_STAGE, *(const char * const *) b);
}

static void
test_stage_order (void)
{
  const char *stages[] = { "terminated", "active", "exploration", "completed",
                           "stalled", "signed", "drafting", "loi_signed" };
  const char *sorted[] = { "exploration", "loi_signed", "drafting", "signed",
                           "active", "completed", "stalled", "terminated", NULL };
  const char *shuffled[G_N_ELEMENTS (stages) + 1] = { NULL };

  memcpy (shuffled, stages, sizeof stages);
  qsort (shuffled, G_N_ELEMENTS (stages), sizeof (char *), compare_stages);
  g_assert_cmpstrv (shuffled, sorted);

  g_assert_cmpint (ks_key_get_index (KS_KEY_SET_STAGE, "loi_signed"), <,
                   ks_key_get_index (KS_KEY_SET_STAGE, "signed"));
}

static void
test_stage_predicates (void)
{
  static const struct {
    const char *stage;
    gboolean    running;
    gboolean    signed_or_later;
    gboolean    closed;
    gboolean    follow_up;
  } cases[] = {
    { "exploration", FALSE, FALSE, FALSE, FALSE },
    { "loi_signed",  FALSE, FALSE, FALSE, TRUE },
    { "drafting",    FALSE, FALSE, FALSE, FALSE },
    { "signed",      TRUE,  TRUE,  FALSE, TRUE },
    { "active",      TRUE,  TRUE,  FALSE, TRUE },
    { "completed",   FALSE, TRUE,  TRUE,  FALSE },
    { "stalled",     FALSE, FALSE, FALSE, TRUE },
    { "terminated",  FALSE, FALSE, TRUE,  FALSE },
    { "bogus",       FALSE, FALSE, FALSE, FALSE },
    { "",            FALSE, FALSE, FALSE, FALSE },
    { NULL,          FALSE, FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *stage = cases[i].stage;

      g_test_message ("stage %s", stage != NULL ? stage : "(null)");
      g_assert_cmpint (ks_stage_is_running (stage), ==, cases[i].running);
      g_assert_cmpint (ks_stage_is_signed_or_later (stage), ==, cases[i].signed_or_later);
      g_assert_cmpint (ks_stage_is_closed (stage), ==, cases[i].closed);
      g_assert_cmpint (ks_stage_may_need_follow_up (stage), ==, cases[i].follow_up);
    }
}

static void
test_list_model (void)
{
  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    {
      g_autoptr(GListModel) model = ks_key_set_list_model_new (set);
      const char * const *keys = ks_key_set_get_keys (set);

      g_assert_true (g_list_model_get_item_type (model) == KS_TYPE_KEY_ITEM);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, ks_key_set_get_n_keys (set));
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autoptr(KsKeyItem) item = g_list_model_get_item (model, i);

          g_assert_cmpstr (ks_key_item_get_key (item), ==, keys[i]);
          g_assert_cmpstr (ks_key_item_get_label (item), ==, ks_key_get_label (set, keys[i]));
          g_assert_cmpstr (ks_key_item_get_description (item), ==,
                           ks_key_get_description (set, keys[i]));
        }
      g_assert_null (g_list_model_get_item (model, ks_key_set_get_n_keys (set)));
    }
}

static void
test_key_item_properties (void)
{
  g_autoptr(GListModel) model = ks_key_set_list_model_new (KS_KEY_SET_DOCUMENT);
  g_autoptr(KsKeyItem) item = g_list_model_get_item (model, 2);
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  g_object_get (item, "key", &key, "label", &label, "description", &description, NULL);
  g_assert_cmpstr (key, ==, "mou");
  g_assert_cmpstr (label, ==, "Memorandum of understanding (MoU)");
  g_assert_cmpstr (description, ==, "The main agreement between the region and the partner");

  g_clear_object (&item);
  item = g_list_model_get_item (model, 5);
  g_assert_cmpstr (ks_key_item_get_key (item), ==, "other");
  g_assert_null (ks_key_item_get_description (item));
}

/* gettext reads LANGUAGE when it first needs a catalogue, so the Indonesian
 * checks run in a fresh process. */
static void
use_indonesian (const char *localedir)
{
  const char *locale;

  g_setenv ("LANGUAGE", "id", TRUE);
  /* gettext ignores LANGUAGE in the "C" locale */
  locale = setlocale (LC_ALL, "");
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* _() looks in the default domain, as in the program */
  textdomain (GETTEXT_PACKAGE);
}

static void
assert_indonesian_labels (void)
{
  static const struct {
    KsKeySet    set;
    const char *key;
    const char *label;
  } cases[] = {
    { KS_KEY_SET_FORM, "sister_city", "Kota kembar (sister city)" },
    { KS_KEY_SET_FORM, "technical", "Kerja sama teknik" },
    { KS_KEY_SET_FORM, "culture", "Kebudayaan" },
    { KS_KEY_SET_FORM, "other", "Lainnya" },
    { KS_KEY_SET_DOCUMENT, "none", "Tanpa dokumen" },
    { KS_KEY_SET_DOCUMENT, "mou", "Nota Kesepahaman (MoU)" },
    { KS_KEY_SET_DOCUMENT, "pks", "Perjanjian Kerja Sama (PKS)" },
    { KS_KEY_SET_DOCUMENT, "other", "Dokumen lain" },
    { KS_KEY_SET_STAGE, "exploration", "Penjajakan" },
    { KS_KEY_SET_STAGE, "active", "Berjalan" },
    { KS_KEY_SET_STAGE, "terminated", "Diakhiri" },
    { KS_KEY_SET_SECTOR, "civil_service", "Kepegawaian" },
    { KS_KEY_SET_SECTOR, "water_sanitation", "Air minum dan sanitasi" },
    { KS_KEY_SET_OBSTACLE, "negotiation_capacity", "Kemampuan lobi dan negosiasi" },
    { KS_KEY_SET_PARTNER_KIND, "national_government", "Pemerintah nasional (negara)" },
    { KS_KEY_SET_PARTNER_KIND, "ngo", "LSM" },
    { KS_KEY_SET_PARTNER_KIND, "education", "Lembaga pendidikan" },
    { KS_KEY_SET_SECTOR, "education", "Pendidikan" },
    { KS_KEY_SET_EVENT_KIND, "loi_signed", "Penandatanganan LoI" },
    { KS_KEY_SET_REGION_KIND, "kabupaten", "Kabupaten" },
    { KS_KEY_SET_PARTY_ROLE, "implementing", "Pelaksana" },
    { KS_KEY_SET_PROCEDURE_STEP, "cooperation_plan", "Rencana kerja sama (RKSDLN)" },
    { KS_KEY_SET_PROCEDURE_STEP, "kemenlu_full_powers", "Surat kuasa (full powers) dari Kemenlu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (ks_key_get_label (cases[i].set, cases[i].key), ==, cases[i].label);
}

static void
assert_indonesian_messages (void)
{
  g_autoptr(GListModel) model = ks_key_set_list_model_new (KS_KEY_SET_STAGE);
  g_autoptr(KsKeyItem) item = g_list_model_get_item (model, 1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ks_key_set_get_name (KS_KEY_SET_STAGE), ==, "Tahap");
  g_assert_cmpstr (ks_key_item_get_label (item), ==, "LoI ditandatangani");

  g_assert_false (ks_key_validate (KS_KEY_SET_STAGE, "sined", &error));
  g_assert_true (g_str_has_prefix (error->message, "Tahap: “sined” "));
  /* the keys stay English: files must use them */
  g_assert_true (g_str_has_suffix (error->message, "stalled, terminated"));
  g_assert_false (g_str_has_prefix (error->message, "Tahap: “sined” is not"));
}

/* Runs @check in a subprocess that speaks Indonesian; skipped when the
 * build gives no catalogue. */
static void
run_in_indonesian (void (*check) (void))
{
  const char *localedir = g_getenv ("KS_TEST_LOCALEDIR");

  if (g_test_subprocess ())
    {
      use_indonesian (localedir);
      check ();
      return;
    }

  if (localedir == NULL)
    {
      g_test_skip ("KS_TEST_LOCALEDIR is not set");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
assert_indonesian (void)
{
  assert_indonesian_labels ();
  assert_indonesian_messages ();
}

static void
test_indonesian (void)
{
  run_in_indonesian (assert_indonesian);
}

/* A report labels its rows in the language it was made in. */
static void
assert_labels_keep_language (void)
{
  g_autoptr(KsKeyLabels) labels = ks_key_labels_new ();

  g_setenv ("LANGUAGE", "en", TRUE);
  /* gettext notices the change at its next textdomain () */
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (ks_key_get_label (KS_KEY_SET_STAGE, "active"), ==, "Active");
  g_assert_cmpstr (ks_key_labels_get (labels, KS_KEY_SET_STAGE, "active"), ==, "Berjalan");
  g_assert_cmpstr (ks_key_labels_get (labels, KS_KEY_SET_SECTOR, "civil_service"), ==, "Kepegawaian");
}

static void
test_labels_keep_language (void)
{
  run_in_indonesian (assert_labels_keep_language);
}

int
main (int   argc,
      char *argv[])
{
  /* No setlocale () here: the checks above expect the English source
   * strings whatever the environment's language. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/form/keys", test_form_keys);
  g_test_add_func ("/keys/document/keys", test_document_keys);
  g_test_add_func ("/keys/stage/keys", test_stage_keys);
  g_test_add_func ("/keys/sector/keys", test_sector_keys);
  g_test_add_func ("/keys/obstacle/keys", test_obstacle_keys);
  g_test_add_func ("/keys/partner-kind/keys", test_partner_kind_keys);
  g_test_add_func ("/keys/event-kind/keys", test_event_kind_keys);
  g_test_add_func ("/keys/small-sets/keys", test_small_set_keys);
  g_test_add_func ("/keys/procedure-step/keys-and-seeds", test_procedure_steps);
  g_test_add_func ("/keys/validity", test_validity);
  g_test_add_func ("/keys/label/english", test_english_labels);
  g_test_add_func ("/keys/label/unknown-is-key", test_unknown_label_is_key);
  g_test_add_func ("/keys/label/every-key", test_every_key_has_label);
  g_test_add_func ("/keys/label/indonesian", test_indonesian);
  g_test_add_func ("/keys/labels/snapshot", test_labels_snapshot);
  g_test_add_func ("/keys/labels/keep-language", test_labels_keep_language);
  g_test_add_func ("/keys/description", test_descriptions);
  g_test_add_func ("/keys/set/name-and-field", test_names_and_fields);
  g_test_add_func ("/keys/validate/unknown", test_validate_unknown);
  g_test_add_func ("/keys/validate/every-set", test_validate_every_set);
  g_test_add_func ("/keys/validate/empty", test_validate_empty);
  g_test_add_func ("/keys/validate-list/unknown", test_validate_list);
  g_test_add_func ("/keys/validate-list/duplicates", test_validate_list_duplicates);
  g_test_add_func ("/keys/stage/order", test_stage_order);
  g_test_add_func ("/keys/stage/predicates", test_stage_predicates);
  g_test_add_func ("/keys/list-model/items", test_list_model);
  g_test_add_func ("/keys/list-model/item-properties", test_key_item_properties);

  return g_test_run ();
}
