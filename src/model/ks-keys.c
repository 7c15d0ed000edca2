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
#include "ks-key-item.h"
#include "ks-keys.h"

/* Labels and descriptions are translated in their set's context (the
 * KeySetInfo.context below): "Other" or "Education" appear in several sets
 * and may need different words in another language. */
typedef struct
{
  const char *key;
  const char *label;
  const char *description;
} KeyEntry;

typedef struct
{
  const char     *context;
  const char     *name;
  const char     *field;
  const KeyEntry *entries;
} KeySetInfo;

typedef struct
{
  const char **keys;
  guint        n_keys;
} KeyList;

static const KeyEntry forms[] = {
  { "sister_city", NC_("form", "Sister city"),
    NC_("form", "A lasting partnership between two cities or regions") },
  { "technical", NC_("form", "Technical cooperation"),
    NC_("form", "Exchange of expertise or technical assistance") },
  { "grant", NC_("form", "Grant"),
    NC_("form", "Money, goods or services given by the partner") },
  { "capacity_building", NC_("form", "Capacity building"),
    NC_("form", "Training, study visits and exchanges of staff") },
  { "internship", NC_("form", "Internship"),
    NC_("form", "Placements abroad, for example workers going to Korea or Japan") },
  { "sister_school", NC_("form", "Sister school"),
    NC_("form", "A partnership between two schools") },
  { "trade_investment", NC_("form", "Trade and investment"), NULL },
  { "culture", NC_("form", "Culture"), NULL },
  { "research", NC_("form", "Research"), NULL },
  { "other", NC_("form", "Other"), NULL },
  { NULL }
};

static const KeyEntry documents[] = {
  { "none", NC_("document", "No document"),
    NC_("document", "Nothing has been signed yet") },
  { "loi", NC_("document", "Letter of intent (LoI)"),
    NC_("document", "A first signed statement that both sides intend to cooperate") },
  { "mou", NC_("document", "Memorandum of understanding (MoU)"),
    NC_("document", "The main agreement between the region and the partner") },
  { "pks", NC_("document", "Implementing agreement (PKS)"),
    NC_("document", "A concrete agreement that carries out an MoU") },
  { "grant_agreement", NC_("document", "Grant agreement"),
    NC_("document", "An agreement on the terms of a grant") },
  { "other", NC_("document", "Other document"), NULL },
  { NULL }
};

/* In the order an agreement goes through them; the off-ramps last, so that
 * ks_key_get_index() sorts agreements by progress. */
static const KeyEntry stages[] = {
  { "exploration", NC_("stage", "Exploration"),
    NC_("stage", "First contacts, before any document is signed") },
  { "loi_signed", NC_("stage", "LoI signed"),
    NC_("stage", "A letter of intent has been signed") },
  { "drafting", NC_("stage", "Drafting"),
    NC_("stage", "The agreement is being drafted or negotiated") },
  { "signed", NC_("stage", "Signed"),
    NC_("stage", "The agreement is signed but not yet carried out") },
  { "active", NC_("stage", "Active"),
    NC_("stage", "The agreement is signed and being carried out") },
  { "completed", NC_("stage", "Completed"),
    NC_("stage", "The agreement ended as planned") },
  { "stalled", NC_("stage", "Stalled"),
    NC_("stage", "Nothing has happened for a long time, but nobody ended the agreement") },
  { "terminated", NC_("stage", "Terminated"),
    NC_("stage", "The agreement was formally ended before its term") },
  { NULL }
};

static const KeyEntry sectors[] = {
  { "trade", NC_("sector", "Trade"), NULL },
  { "investment", NC_("sector", "Investment"), NULL },
  { "culture", NC_("sector", "Culture"), NULL },
  { "tourism", NC_("sector", "Tourism"), NULL },
  { "education", NC_("sector", "Education"), NULL },
  { "health", NC_("sector", "Health"), NULL },
  { "sport", NC_("sector", "Sport"), NULL },
  { "civil_service", NC_("sector", "Civil service"), NULL },
  { "agriculture", NC_("sector", "Agriculture"), NULL },
  { "livestock", NC_("sector", "Livestock"), NULL },
  { "environment", NC_("sector", "Environment"), NULL },
  { "water_sanitation", NC_("sector", "Water and sanitation"), NULL },
  { "labour", NC_("sector", "Labour"), NULL },
  { "infrastructure", NC_("sector", "Infrastructure"), NULL },
  { "other", NC_("sector", "Other"), NULL },
  { NULL }
};

static const KeyEntry obstacles[] = {
  { "coordination", NC_("obstacle", "Coordination"),
    NC_("obstacle", "Coordination with the central government or the regional agencies") },
  { "negotiation_capacity", NC_("obstacle", "Lobbying and negotiation skills"),
    NC_("obstacle", "The staff lack experience in lobbying, negotiating or drafting") },
  { "language", NC_("obstacle", "Language"),
    NC_("obstacle", "Communicating in English or in the partner’s language") },
  { "budget", NC_("obstacle", "Budget"),
    NC_("obstacle", "Too little budget, for example for travel") },
  { "poor_fit", NC_("obstacle", "Poor fit between partners"),
    NC_("obstacle", "The partners’ needs or potential did not match") },
  { "other", NC_("obstacle", "Other"), NULL },
  { NULL }
};

static const KeyEntry partner_kinds[] = {
  { "national_government", NC_("partner kind", "National government"),
    NC_("partner kind", "A foreign country’s government or one of its ministries") },
  { "local_government", NC_("partner kind", "Local government"),
    NC_("partner kind", "A foreign city, region or province") },
  { "international_organisation", NC_("partner kind", "International organisation or donor"),
    NC_("partner kind", "International organisations and donor agencies") },
  { "ngo", NC_("partner kind", "Non-governmental organisation"), NULL },
  { "education", NC_("partner kind", "Education institution"),
    NC_("partner kind", "A school, university or training institute") },
  { "company", NC_("partner kind", "Company"), NULL },
  { "other", NC_("partner kind", "Other"), NULL },
  { NULL }
};

static const KeyEntry event_kinds[] = {
  { "contact", NC_("event kind", "Contact"),
    NC_("event kind", "A letter, e-mail or call") },
  { "visit", NC_("event kind", "Visit"), NULL },
  { "meeting", NC_("event kind", "Meeting"), NULL },
  { "loi_signed", NC_("event kind", "LoI signed"), NULL },
  { "mou_signed", NC_("event kind", "MoU signed"), NULL },
  { "renewed", NC_("event kind", "Renewed"),
    NC_("event kind", "The agreement was extended; record the old and the new end date") },
  { "report", NC_("event kind", "Report"),
    NC_("event kind", "A report to the cooperation section or to the central government") },
  { "evaluation", NC_("event kind", "Evaluation"), NULL },
  { "ended", NC_("event kind", "Ended"), NULL },
  { "other", NC_("event kind", "Other"), NULL },
  { NULL }
};

static const KeyEntry region_kinds[] = {
  { "kabupaten", NC_("region kind", "Regency (kabupaten)"), NULL },
  { "kota", NC_("region kind", "City (kota)"), NULL },
  { "provinsi", NC_("region kind", "Province"), NULL },
  { NULL }
};

static const KeyEntry party_roles[] = {
  { "implementing", NC_("party role", "Implementing"),
    NC_("party role", "Carries out the cooperation, for example a regional agency, PDAM or school") },
  { "coordinating", NC_("party role", "Coordinating"),
    NC_("party role", "Coordinates the cooperation, usually the cooperation section") },
  { NULL }
};

static const KeyEntry person_sides[] = {
  { "local", NC_("person side", "Our side"), NULL },
  { "partner", NC_("person side", "Partner’s side"), NULL },
  { NULL }
};

static const KeyEntry person_roles[] = {
  { "contact", NC_("person role", "Contact person"), NULL },
  { "signatory", NC_("person role", "Signatory"), NULL },
  { NULL }
};

static const KeyEntry procedure_steps[] = {
  { "cooperation_plan", NC_("procedure step", "Cooperation plan (RKSDLN)"),
    NC_("procedure step", "The region’s plan for the cooperation, prepared before negotiating") },
  { "dprd_approval", NC_("procedure step", "DPRD approval"),
    NC_("procedure step", "Approval by the regional parliament") },
  { "kemendagri_consultation", NC_("procedure step", "Consultation with Kemendagri"),
    NC_("procedure step", "Consultation with the Ministry of Home Affairs on the plan and the draft") },
  { "kemenlu_full_powers", NC_("procedure step", "Full powers from Kemenlu"),
    NC_("procedure step", "The Ministry of Foreign Affairs authorizes the signatory") },
  { "report_to_center", NC_("procedure step", "Report to the central government"),
    NC_("procedure step", "The signed agreement is reported to the central government") },
  { "monitoring_evaluation", NC_("procedure step", "Monitoring and evaluation"),
    NC_("procedure step", "Regular monitoring and evaluation while the agreement runs") },
  { NULL }
};

/* Monitoring goes on while an agreement runs, so a missing date is not a
 * gap in the procedure. */
static const KsProcedureStepSeed procedure_seeds[] = {
  { "cooperation_plan", TRUE },
  { "dprd_approval", TRUE },
  { "kemendagri_consultation", TRUE },
  { "kemenlu_full_powers", TRUE },
  { "report_to_center", TRUE },
  { "monitoring_evaluation", FALSE },
};

static const KeySetInfo key_sets[KS_N_KEY_SETS] = {
  [KS_KEY_SET_FORM] = { "form", NC_("key set", "Form"), "form", forms },
  [KS_KEY_SET_DOCUMENT] = { "document", NC_("key set", "Document"), "document", documents },
  [KS_KEY_SET_STAGE] = { "stage", NC_("key set", "Stage"), "stage", stages },
  [KS_KEY_SET_SECTOR] = { "sector", NC_("key set", "Sector"), "sectors", sectors },
  [KS_KEY_SET_OBSTACLE] = { "obstacle", NC_("key set", "Obstacle"), "obstacles", obstacles },
  [KS_KEY_SET_PARTNER_KIND] = { "partner kind", NC_("key set", "Partner kind"), "partner_kinds", partner_kinds },
  [KS_KEY_SET_EVENT_KIND] = { "event kind", NC_("key set", "Event kind"), "event_kind", event_kinds },
  [KS_KEY_SET_REGION_KIND] = { "region kind", NC_("key set", "Region kind"), "region_kind", region_kinds },
  [KS_KEY_SET_PARTY_ROLE] = { "party role", NC_("key set", "Role"), "local_party_role", party_roles },
  [KS_KEY_SET_PERSON_SIDE] = { "person side", NC_("key set", "Side"), "person_side", person_sides },
  [KS_KEY_SET_PERSON_ROLE] = { "person role", NC_("key set", "Person’s role"), "person_role", person_roles },
  [KS_KEY_SET_PROCEDURE_STEP] = { "procedure step", NC_("key set", "Procedure step"), "procedure_step", procedure_steps },
};

/* One literal format per set, so that the compiler checks each and the
 * translators see whole sentences. */
static char *
format_unknown_key (KsKeySet    set,
                    const char *key,
                    const char *valid)
{
  const char *name = ks_key_set_get_name (set);

  switch (set)
    {
    case KS_KEY_SET_FORM:
      /* Translators: e.g. "Form: “sistercity” is not a known form of cooperation;
       * use one of sister_city, technical, …".  The keys stay in English
       * because files must use them. */
      return g_strdup_printf (_("%s: “%s” is not a known form of cooperation; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_DOCUMENT:
      return g_strdup_printf (_("%s: “%s” is not a known type of document; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_STAGE:
      return g_strdup_printf (_("%s: “%s” is not a known stage; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_SECTOR:
      return g_strdup_printf (_("%s: “%s” is not a known sector; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_OBSTACLE:
      return g_strdup_printf (_("%s: “%s” is not a known obstacle; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_PARTNER_KIND:
      return g_strdup_printf (_("%s: “%s” is not a known kind of partner; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_EVENT_KIND:
      return g_strdup_printf (_("%s: “%s” is not a known kind of event; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_REGION_KIND:
      return g_strdup_printf (_("%s: “%s” is not a known kind of region; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_PARTY_ROLE:
      return g_strdup_printf (_("%s: “%s” is not a known role of a local party; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_PERSON_SIDE:
      return g_strdup_printf (_("%s: “%s” is not a known side; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_PERSON_ROLE:
      return g_strdup_printf (_("%s: “%s” is not a known role of a person; use one of %s"),
                              name, key, valid);
    case KS_KEY_SET_PROCEDURE_STEP:
      return g_strdup_printf (_("%s: “%s” is not a known procedure step; use one of %s"),
                              name, key, valid);
    case KS_N_KEY_SETS:
    default:
      g_assert_not_reached ();
    }
}

/* NULL-terminated key arrays, built once from the tables above and kept for
 * the life of the process, since callers hold on to the pointers. */
static const KeyList *
key_list (KsKeySet set)
{
  static KeyList lists[KS_N_KEY_SETS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint s = 0; s < KS_N_KEY_SETS; s++)
        {
          const KeyEntry *entries = key_sets[s].entries;
          guint n = 0;

          while (entries[n].key != NULL)
            n++;
          lists[s].keys = g_new0 (const char *, n + 1);
          for (guint i = 0; i < n; i++)
            lists[s].keys[i] = entries[i].key;
          lists[s].n_keys = n;
        }
      g_once_init_leave (&initialized, 1);
    }

  return &lists[set];
}

static const char *
translate (KsKeySet    set,
           const char *msgid)
{
  if (msgid == NULL)
    return NULL;

  return g_dpgettext2 (GETTEXT_PACKAGE, key_sets[set].context, msgid);
}

/**
 * ks_key_get_index:
 * @set: a #KsKeySet
 * @key: (nullable): a key
 *
 * The position of @key in its set, which is also its position in
 * ks_key_set_get_keys() and ks_key_set_list_model_new(); for stages, the
 * order of progress.
 *
 * Returns: the index, or -1 when @key is not in @set
 */
int
ks_key_get_index (KsKeySet    set,
                  const char *key)
{
  const KeyEntry *entries;

  g_return_val_if_fail (set < KS_N_KEY_SETS, -1);

  if (key == NULL)
    return -1;

  entries = key_sets[set].entries;
  for (int i = 0; entries[i].key != NULL; i++)
    if (g_str_equal (entries[i].key, key))
      return i;

  return -1;
}

/**
 * ks_key_is_valid:
 * @set: a #KsKeySet
 * @key: (nullable): a key
 *
 * Returns: whether @key belongs to @set
 */
gboolean
ks_key_is_valid (KsKeySet    set,
                 const char *key)
{
  return ks_key_get_index (set, key) >= 0;
}

/**
 * ks_key_get_label:
 * @set: a #KsKeySet
 * @key: (nullable): a key
 *
 * Returns: (transfer none) (nullable): the translated label of @key, or
 *   @key itself when it is unknown, so that a newer register's key stays
 *   readable
 */
const char *
ks_key_get_label (KsKeySet    set,
                  const char *key)
{
  int index;

  g_return_val_if_fail (set < KS_N_KEY_SETS, key);

  index = ks_key_get_index (set, key);
  if (index < 0)
    return key;

  return translate (set, key_sets[set].entries[index].label);
}

struct _KsKeyLabels
{
  const char **labels[KS_N_KEY_SETS];  /* by key index */
};

/**
 * ks_key_labels_new:
 *
 * Returns: (transfer full): the labels of every key of every set, as
 *   ks_key_get_label() gives them now
 */
KsKeyLabels *
ks_key_labels_new (void)
{
  KsKeyLabels *self = g_new0 (KsKeyLabels, 1);

  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    {
      guint n_keys = ks_key_set_get_n_keys (set);

      self->labels[set] = g_new (const char *, n_keys);
      for (guint i = 0; i < n_keys; i++)
        self->labels[set][i] = translate (set, key_sets[set].entries[i].label);
    }

  return self;
}

/**
 * ks_key_labels_get:
 * @set: a #KsKeySet
 * @key: (nullable): a key
 *
 * Returns: (transfer none) (nullable): what ks_key_get_label() gave for
 *   @key when @self was made; @key itself when it is unknown
 */
const char *
ks_key_labels_get (const KsKeyLabels *self,
                   KsKeySet           set,
                   const char        *key)
{
  int index;

  g_return_val_if_fail (self != NULL, key);
  g_return_val_if_fail (set < KS_N_KEY_SETS, key);

  index = ks_key_get_index (set, key);
  return index >= 0 ? self->labels[set][index] : key;
}

void
ks_key_labels_free (KsKeyLabels *self)
{
  if (self == NULL)
    return;

  for (KsKeySet set = 0; set < KS_N_KEY_SETS; set++)
    g_free (self->labels[set]);
  g_free (self);
}

/**
 * ks_key_get_description:
 * @set: a #KsKeySet
 * @key: (nullable): a key
 *
 * Returns: (transfer none) (nullable): a translated sentence explaining
 *   @key, for a tooltip; %NULL when the label says it all or @key is unknown
 */
const char *
ks_key_get_description (KsKeySet    set,
                        const char *key)
{
  int index;

  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  index = ks_key_get_index (set, key);
  if (index < 0)
    return NULL;

  return translate (set, key_sets[set].entries[index].description);
}

/**
 * ks_key_set_get_keys:
 * @set: a #KsKeySet
 *
 * Returns: (transfer none) (array zero-terminated=1): the keys of @set in
 *   display order; valid for the life of the process
 */
const char * const *
ks_key_set_get_keys (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  return key_list (set)->keys;
}

/**
 * ks_key_set_get_n_keys:
 * @set: a #KsKeySet
 *
 * Returns: the number of keys in @set
 */
guint
ks_key_set_get_n_keys (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, 0);

  return key_list (set)->n_keys;
}

/**
 * ks_key_set_get_name:
 * @set: a #KsKeySet
 *
 * Returns: (transfer none): the translated name of the set ("Stage"), as
 *   messages name the field
 */
const char *
ks_key_set_get_name (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "key set", key_sets[set].name);
}

/**
 * ks_key_set_get_field:
 * @set: a #KsKeySet
 *
 * The untranslated name of the field that holds keys of @set: the CSV
 * column ("form", "sectors", "partner_kinds"…) where there is one, and a
 * name in the same style for the sets the CSV format does not carry.
 *
 * Returns: (transfer none): the field name
 */
const char *
ks_key_set_get_field (KsKeySet set)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  return key_sets[set].field;
}

/**
 * ks_key_validate:
 * @set: a #KsKeySet
 * @key: (nullable): the key to check
 * @error: return location for a #GError
 *
 * Fails with %KS_ERROR_INVALID and a message that names the set and lists
 * the valid keys, as a person fixing a CSV file needs them.
 *
 * Returns: whether @key belongs to @set
 */
gboolean
ks_key_validate (KsKeySet     set,
                 const char  *key,
                 GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (set < KS_N_KEY_SETS, FALSE);

  if (ks_key_is_valid (set, key))
    return TRUE;

  valid = g_strjoinv (", ", (char **) key_list (set)->keys);
  if (key == NULL || key[0] == '\0')
    message = g_strdup_printf (_("%s: a value is required; use one of %s"),
                               ks_key_set_get_name (set), valid);
  else
    message = format_unknown_key (set, key, valid);

  g_set_error_literal (error, KS_ERROR, KS_ERROR_INVALID, message);
  return FALSE;
}

/**
 * ks_key_validate_list:
 * @set: a #KsKeySet
 * @keys: (array length=n_keys): the keys to check
 * @n_keys: the number of @keys, or -1 when @keys is %NULL-terminated
 * @error: return location for a #GError
 *
 * Checks a many-valued field (sectors, obstacles): every key must belong to
 * @set, and none may be listed twice.
 *
 * Returns: whether the list is valid
 */
gboolean
ks_key_validate_list (KsKeySet            set,
                      const char * const *keys,
                      gssize              n_keys,
                      GError            **error)
{
  g_return_val_if_fail (set < KS_N_KEY_SETS, FALSE);
  g_return_val_if_fail (keys != NULL || n_keys <= 0, FALSE);

  if (n_keys < 0)
    n_keys = g_strv_length ((char **) keys);

  for (gssize i = 0; i < n_keys; i++)
    {
      if (!ks_key_validate (set, keys[i], error))
        return FALSE;

      for (gssize j = 0; j < i; j++)
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

/**
 * ks_key_set_list_model_new:
 * @set: a #KsKeySet
 *
 * A list of #KsKeyItem in display order, for a GtkDropDown; the labels are
 * translated now, in the current language.
 *
 * Returns: (transfer full): a new #GListModel of #KsKeyItem
 */
GListModel *
ks_key_set_list_model_new (KsKeySet set)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const KeyEntry *entries;

  g_return_val_if_fail (set < KS_N_KEY_SETS, NULL);

  store = g_list_store_new (KS_TYPE_KEY_ITEM);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  entries = key_sets[set].entries;
  for (guint i = 0; entries[i].key != NULL; i++)
    g_ptr_array_add (items, ks_key_item_new (entries[i].key,
                                             translate (set, entries[i].label),
                                             translate (set, entries[i].description)));

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * ks_stage_is_running:
 * @stage: (nullable): a stage key
 *
 * Returns: whether an agreement at @stage is in force (signed or active)
 */
gboolean
ks_stage_is_running (const char *stage)
{
  return g_strcmp0 (stage, "signed") == 0 || g_strcmp0 (stage, "active") == 0;
}

/**
 * ks_stage_is_signed_or_later:
 * @stage: (nullable): a stage key
 *
 * Judged on the key alone: a stalled or terminated agreement may or may not
 * have been signed, and only its dates can tell.
 *
 * Returns: whether @stage is signed, active or completed
 */
gboolean
ks_stage_is_signed_or_later (const char *stage)
{
  return ks_stage_is_running (stage) || g_strcmp0 (stage, "completed") == 0;
}

/**
 * ks_stage_is_closed:
 * @stage: (nullable): a stage key
 *
 * Returns: whether @stage is completed or terminated
 */
gboolean
ks_stage_is_closed (const char *stage)
{
  return g_strcmp0 (stage, "completed") == 0 || g_strcmp0 (stage, "terminated") == 0;
}

/**
 * ks_stage_may_need_follow_up:
 * @stage: (nullable): a stage key
 *
 * Whether an agreement at @stage belongs in "needs follow-up" once no event
 * was recorded for a while.  A stalled partnership stays a candidate until
 * it is revived or formally ended (DESIGN.md).
 *
 * Returns: whether @stage is loi_signed, signed, active or stalled
 */
gboolean
ks_stage_may_need_follow_up (const char *stage)
{
  return g_strcmp0 (stage, "loi_signed") == 0 ||
         ks_stage_is_running (stage) ||
         g_strcmp0 (stage, "stalled") == 0;
}

/**
 * ks_procedure_step_seeds:
 * @n_seeds: (out): the number of seeds
 *
 * Returns: (transfer none) (array length=n_seeds): the default procedure
 *   checklist in its default order
 */
const KsProcedureStepSeed *
ks_procedure_step_seeds (guint *n_seeds)
{
  g_return_val_if_fail (n_seeds != NULL, NULL);

  *n_seeds = G_N_ELEMENTS (procedure_seeds);
  return procedure_seeds;
}
