/* ks-keys.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-keys"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-error.h"
#include "ks-keys.h"

typedef struct
{
  const char *key;
  const char *label;
} KeyLabel;

static const KeyLabel forms[] = {
  { "sister_city", NC_("form", "Sister city") },
  { "technical", NC_("form", "Technical cooperation") },
  { "grant", NC_("form", "Grant") },
  { "capacity_building", NC_("form", "Capacity building") },
  { "internship", NC_("form", "Internship") },
  { "sister_school", NC_("form", "Sister school") },
  { "trade_investment", NC_("form", "Trade and investment") },
  { "culture", NC_("form", "Culture") },
  { "research", NC_("form", "Research") },
  { "other", NC_("form", "Other") },
  { NULL }
};

static const KeyLabel documents[] = {
  { "none", NC_("document", "No document") },
  { "loi", NC_("document", "Letter of intent (LoI)") },
  { "mou", NC_("document", "Memorandum of understanding (MoU)") },
  { "pks", NC_("document", "Implementing agreement (PKS)") },
  { "grant_agreement", NC_("document", "Grant agreement") },
  { "other", NC_("document", "Other document") },
  { NULL }
};

/* In the order an agreement goes through them; the off-ramps last. */
static const KeyLabel stages[] = {
  { "exploration", NC_("stage", "Exploration") },
  { "loi_signed", NC_("stage", "LoI signed") },
  { "drafting", NC_("stage", "Drafting") },
  { "signed", NC_("stage", "Signed") },
  { "active", NC_("stage", "Active") },
  { "completed", NC_("stage", "Completed") },
  { "stalled", NC_("stage", "Stalled") },
  { "terminated", NC_("stage", "Terminated") },
  { NULL }
};

static const KeyLabel sectors[] = {
  { "trade", NC_("sector", "Trade") },
  { "investment", NC_("sector", "Investment") },
  { "culture", NC_("sector", "Culture") },
  { "tourism", NC_("sector", "Tourism") },
  { "education", NC_("sector", "Education") },
  { "health", NC_("sector", "Health") },
  { "sport", NC_("sector", "Sport") },
  { "civil_service", NC_("sector", "Civil service") },
  { "agriculture", NC_("sector", "Agriculture") },
  { "livestock", NC_("sector", "Livestock") },
  { "environment", NC_("sector", "Environment") },
  { "water_sanitation", NC_("sector", "Water and sanitation") },
  { "labour", NC_("sector", "Labour") },
  { "infrastructure", NC_("sector", "Infrastructure") },
  { "other", NC_("sector", "Other") },
  { NULL }
};

static const KeyLabel obstacles[] = {
  { "coordination", NC_("obstacle", "Coordination") },
  { "negotiation_capacity", NC_("obstacle", "Lobbying and negotiation skills") },
  { "language", NC_("obstacle", "Language") },
  { "budget", NC_("obstacle", "Budget") },
  { "poor_fit", NC_("obstacle", "Poor fit between partners") },
  { "other", NC_("obstacle", "Other") },
  { NULL }
};

static const KeyLabel partner_kinds[] = {
  { "national_government", NC_("partner kind", "National government") },
  { "local_government", NC_("partner kind", "Local government") },
  { "international_organisation", NC_("partner kind", "International organisation or donor") },
  { "ngo", NC_("partner kind", "Non-governmental organisation") },
  { "education", NC_("partner kind", "Education institution") },
  { "company", NC_("partner kind", "Company") },
  { "other", NC_("partner kind", "Other") },
  { NULL }
};

static const KeyLabel event_kinds[] = {
  { "contact", NC_("event kind", "Contact") },
  { "visit", NC_("event kind", "Visit") },
  { "meeting", NC_("event kind", "Meeting") },
  { "loi_signed", NC_("event kind", "LoI signed") },
  { "mou_signed", NC_("event kind", "MoU signed") },
  { "renewed", NC_("event kind", "Renewed") },
  { "report", NC_("event kind", "Report") },
  { "evaluation", NC_("event kind", "Evaluation") },
  { "ended", NC_("event kind", "Ended") },
  { "other", NC_("event kind", "Other") },
  { NULL }
};

static const KeyLabel region_kinds[] = {
  { "kabupaten", NC_("region kind", "Regency (kabupaten)") },
  { "kota", NC_("region kind", "City (kota)") },
  { "provinsi", NC_("region kind", "Province") },
  { NULL }
};

static const KeyLabel party_roles[] = {
  { "implementing", NC_("party role", "Implementing") },
  { "coordinating", NC_("party role", "Coordinating") },
  { NULL }
};

static const KeyLabel person_sides[] = {
  { "local", NC_("person side", "Our side") },
  { "partner", NC_("person side", "Partner’s side") },
  { NULL }
};

static const KeyLabel person_roles[] = {
  { "contact", NC_("person role", "Contact person") },
  { "signatory", NC_("person role", "Signatory") },
  { NULL }
};

static const KeyLabel procedure_steps[] = {
  { "cooperation_plan", NC_("procedure step", "Cooperation plan") },
  { "dprd_approval", NC_("procedure step", "DPRD approval") },
  { "kemendagri_consultation", NC_("procedure step", "Consultation with Kemendagri") },
  { "kemenlu_full_powers", NC_("procedure step", "Full powers from Kemenlu") },
  { "report_to_center", NC_("procedure step", "Report to the central government") },
  { "monitoring_evaluation", NC_("procedure step", "Monitoring and evaluation") },
  { NULL }
};

static const KsProcedureStepSeed procedure_seeds[] = {
  { "cooperation_plan", TRUE },
  { "dprd_approval", TRUE },
  { "kemendagri_consultation", TRUE },
  { "kemenlu_full_powers", TRUE },
  { "report_to_center", TRUE },
  { "monitoring_evaluation", FALSE },
};

static const struct {
  const char     *context;
  const char     *name;
  const KeyLabel *entries;
} key_sets[KS_N_KEY_SETS] = {
  [KS_KEY_SET_FORM] = { "form", NC_("key set", "Form"), forms },
  [KS_KEY_SET_DOCUMENT] = { "document", NC_("key set", "Document"), documents },
  [KS_KEY_SET_STAGE] = { "stage", NC_("key set", "Stage"), stages },
  [KS_KEY_SET_SECTOR] = { "sector", NC_("key set", "Sector"), sectors },
  [KS_KEY_SET_OBSTACLE] = { "obstacle", NC_("key set", "Obstacle"), obstacles },
  [KS_KEY_SET_PARTNER_KIND] = { "partner kind", NC_("key set", "Partner kind"), partner_kinds },
  [KS_KEY_SET_EVENT_KIND] = { "event kind", NC_("key set", "Event kind"), event_kinds },
  [KS_KEY_SET_REGION_KIND] = { "region kind", NC_("key set", "Region kind"), region_kinds },
  [KS_KEY_SET_PARTY_ROLE] = { "party role", NC_("key set", "Role"), party_roles },
  [KS_KEY_SET_PERSON_SIDE] = { "person side", NC_("key set", "Side"), person_sides },
  [KS_KEY_SET_PERSON_ROLE] = { "person role", NC_("key set", "Person’s role"), person_roles },
  [KS_KEY_SET_PROCEDURE_STEP] = { "procedure step", NC_("key set", "Procedure step"), procedure_steps },
};

/* NULL-terminated key arrays, built once from the tables above. */
static const char * const *
keys_of (KsKeySet set)
{
  static const char **keys[KS_N_KEY_SETS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint s = 0; s < KS_N_KEY_SETS; s++)
        {
          const KeyLabel *entries = key_sets[s].entries;
          guint n = 0;

          while (entries[n].key != NULL)
            n++;
          keys[s] = g_new0 (const char *, n + 1);
          for (guint i = 0; i < n; i++)
            keys[s][i] = entries[i].key;
        }
      g_once_init_leave (&initialized, 1);
    }

  return keys[set];
}

int
ks_key_get_index (KsKeySet    set,
                  const char *key)
{
  const KeyLabel *entries;

  g_return_val_if_fail (set < KS_N_KEY_SETS, -1);

  if (key == NULL)
    return -1;

  entries = key_sets[set].entries;
  for (int i = 0; entries[i].key != NULL; i++)
    if (g_str_equal (entries[i].key, key))
      return i;

  return -1;
}

gboolean
ks_key_is_valid (KsKeySet    set,
                 const char *key)
{
  return ks_key_get_index (set, key) >= 0;
}

/**
 * ks_key_get_label:
 *
 * Returns: (transfer none): the translated label of @key, or @key itself
 *   when it is unknown (a newer register's key stays readable)
 */
const char *
ks_key_get_label (KsKeySet    set,
                  const char *key)
{
  int index = ks_key_get_index (set, key);

  if (index < 0)
    return key;

  return g_dpgettext2 (GETTEXT_PACKAGE, key_sets[set].context,
                       key_sets[set].entries[index].label);
}

const char * const *
ks_key_set_get_keys (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  return keys_of (set);
}

guint
ks_key_set_get_n_keys (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, 0);

  return g_strv_length ((char **) keys_of (set));
}

const char *
ks_key_set_get_name (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "key set", key_sets[set].name);
}

/**
 * ks_key_validate:
 *
 * Fails with a message that names the set and lists the valid keys, as a
 * person fixing a CSV file needs them.
 */
gboolean
ks_key_validate (KsKeySet     set,
                 const char  *key,
                 GError     **error)
{
  g_autofree char *valid = NULL;

  if (ks_key_is_valid (set, key))
    return TRUE;

  valid = g_strjoinv (", ", (char **) keys_of (set));
  /* Translators: "Stage: “sined” is not known; use one of exploration, loi_signed, …" */
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("%s: “%s” is not known; use one of %s"),
               ks_key_set_get_name (set), key != NULL ? key : "", valid);
  return FALSE;
}

gboolean
ks_key_validate_list (KsKeySet            set,
                      const char * const *keys,
                      guint               n_keys,
                      GError            **error)
{
  for (guint i = 0; i < n_keys; i++)
    {
      if (!ks_key_validate (set, keys[i], error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        if (g_str_equal (keys[i], keys[j]))
          {
            g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                         _("%s: “%s” is listed twice"),
                         ks_key_set_get_name (set), keys[i]);
            return FALSE;
          }
    }

  return TRUE;
}

/* An agreement in force. */
gboolean
ks_stage_is_running (const char *stage)
{
  return g_strcmp0 (stage, "signed") == 0 || g_strcmp0 (stage, "active") == 0;
}

gboolean
ks_stage_is_signed_or_later (const char *stage)
{
  return ks_stage_is_running (stage) || g_strcmp0 (stage, "completed") == 0;
}

gboolean
ks_stage_is_closed (const char *stage)
{
  return g_strcmp0 (stage, "completed") == 0 || g_strcmp0 (stage, "terminated") == 0;
}

/* DESIGN.md: a stalled partnership stays in "needs follow-up" until it is
 * revived or formally ended. */
gboolean
ks_stage_may_need_follow_up (const char *stage)
{
  return g_strcmp0 (stage, "loi_signed") == 0 ||
         ks_stage_is_running (stage) ||
         g_strcmp0 (stage, "stalled") == 0;
}

const KsProcedureStepSeed *
ks_procedure_step_seeds (guint *n_seeds)
{
  *n_seeds = G_N_ELEMENTS (procedure_seeds);
  return procedure_seeds;
}
