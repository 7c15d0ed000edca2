/* ks-agreement.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-agreement-private.h"
#include "ks-error.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"

enum {
  PROP_0,
  PROP_UUID,
  PROP_REGION_CODE,
  PROP_PARENT_UUID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_FORM,
  PROP_DOCUMENT,
  PROP_STAGE,
  PROP_SIGNED_ON,
  PROP_STARTS_ON,
  PROP_ENDS_ON,
  PROP_REPORTED_BY_AGENCY_ON,
  PROP_REPORTED_TO_CENTER_ON,
  PROP_DPRD_APPROVED_ON,
  PROP_PARTNER_CURRENCY,
  PROP_REGION_DOC_NUMBER,
  PROP_PARTNER_DOC_NUMBER,
  PROP_NOTES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_DELETED_AT,
  PROP_APBD_AMOUNT,
  PROP_PARTNER_AMOUNT,
  N_PROPS
};

/* Every property before the amounts is a string, kept by property id. */
#define N_STRINGS PROP_APBD_AMOUNT

struct _KsAgreement
{
  GObject    parent_instance;

  char      *strings[N_STRINGS];
  gint64     apbd_amount;
  gint64     partner_amount;

  GPtrArray *local_parties;   /* KsLocalPartyRef */
  GPtrArray *partners;        /* KsPartnerRef */
  GPtrArray *sectors;         /* char * */
  GPtrArray *obstacles;       /* KsObstacle */
  GPtrArray *people;          /* KsPerson */
  GPtrArray *procedure;       /* KsProcedureEntry */
};

G_DEFINE_FINAL_TYPE (KsAgreement, ks_agreement, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char *
default_string (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_FORM:
      return "other";
    case PROP_DOCUMENT:
      return "none";
    case PROP_STAGE:
      return "exploration";
    case PROP_PARTNER_CURRENCY:
      return "IDR";
    default:
      return "";
    }
}

static inline const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static inline char *
dup_or_default (const char *text,
                const char *fallback)
{
  return g_strdup (text != NULL && text[0] != '\0' ? text : fallback);
}

static inline gboolean
str_eq (const char *a,
        const char *b)
{
  return g_str_equal (or_empty (a), or_empty (b));
}

/* List parts */

/**
 * ks_local_party_ref_new:
 * @role: (nullable): implementing or coordinating; %NULL or "" means
 *   implementing, the schema's default
 *
 * Returns: (transfer full): a new reference by name
 */
KsLocalPartyRef *
ks_local_party_ref_new (const char *name,
                        const char *role)
{
  KsLocalPartyRef *ref = g_new0 (KsLocalPartyRef, 1);

  ref->name = g_strdup (or_empty (name));
  ref->role = dup_or_default (role, "implementing");
  return ref;
}

KsLocalPartyRef *
ks_local_party_ref_copy (const KsLocalPartyRef *ref)
{
  return ks_local_party_ref_new (ref->name, ref->role);
}

void
ks_local_party_ref_free (KsLocalPartyRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->name);
  g_free (ref->role);
  g_free (ref);
}

/**
 * ks_partner_ref_new:
 * @uuid: (nullable): the partner's identifier in the register, or %NULL
 *   for one the store should find by name and country, or add
 * @kind: (nullable): a partner kind; %NULL or "" means "other"
 *
 * Returns: (transfer full): a new reference
 */
KsPartnerRef *
ks_partner_ref_new (const char *uuid,
                    const char *name,
                    const char *kind,
                    const char *country,
                    const char *locality)
{
  KsPartnerRef *ref = g_new0 (KsPartnerRef, 1);

  ref->uuid = g_strdup (or_empty (uuid));
  ref->name = g_strdup (or_empty (name));
  ref->kind = dup_or_default (kind, "other");
  ref->country = g_strdup (or_empty (country));
  ref->locality = g_strdup (or_empty (locality));
  return ref;
}

KsPartnerRef *
ks_partner_ref_copy (const KsPartnerRef *ref)
{
  return ks_partner_ref_new (ref->uuid, ref->name, ref->kind, ref->country, ref->locality);
}

void
ks_partner_ref_free (KsPartnerRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->uuid);
  g_free (ref->name);
  g_free (ref->kind);
  g_free (ref->country);
  g_free (ref->locality);
  g_free (ref);
}

KsObstacle *
ks_obstacle_new (const char *key,
                 const char *note)
{
  KsObstacle *obstacle = g_new0 (KsObstacle, 1);

  obstacle->key = g_strdup (or_empty (key));
  obstacle->note = g_strdup (or_empty (note));
  return obstacle;
}

KsObstacle *
ks_obstacle_copy (const KsObstacle *obstacle)
{
  return ks_obstacle_new (obstacle->key, obstacle->note);
}

void
ks_obstacle_free (KsObstacle *obstacle)
{
  if (obstacle == NULL)
    return;

  g_free (obstacle->key);
  g_free (obstacle->note);
  g_free (obstacle);
}

/**
 * ks_person_new:
 * @side: local or partner
 * @role: contact or signatory
 *
 * Returns: (transfer full): a person with empty position, e-mail, phone
 *   and signing date
 */
KsPerson *
ks_person_new (const char *side,
               const char *role,
               const char *name)
{
  KsPerson *person = g_new0 (KsPerson, 1);

  person->side = g_strdup (or_empty (side));
  person->role = g_strdup (or_empty (role));
  person->name = g_strdup (or_empty (name));
  person->position = g_strdup ("");
  person->email = g_strdup ("");
  person->phone = g_strdup ("");
  person->signed_on = g_strdup ("");
  return person;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (or_empty (value));

  g_free (*slot);
  *slot = copy;
}

KsPerson *
ks_person_copy (const KsPerson *person)
{
  KsPerson *copy = ks_person_new (person->side, person->role, person->name);

  replace_string (&copy->position, person->position);
  replace_string (&copy->email, person->email);
  replace_string (&copy->phone, person->phone);
  replace_string (&copy->signed_on, person->signed_on);
  return copy;
}

void
ks_person_free (KsPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->side);
  g_free (person->role);
  g_free (person->name);
  g_free (person->position);
  g_free (person->email);
  g_free (person->phone);
  g_free (person->signed_on);
  g_free (person);
}

KsProcedureEntry *
ks_procedure_entry_new (const char *step_key,
                        const char *done_on,
                        const char *note)
{
  KsProcedureEntry *entry = g_new0 (KsProcedureEntry, 1);

  entry->step_key = g_strdup (or_empty (step_key));
  entry->done_on = g_strdup (or_empty (done_on));
  entry->note = g_strdup (or_empty (note));
  return entry;
}

KsProcedureEntry *
ks_procedure_entry_copy (const KsProcedureEntry *entry)
{
  return ks_procedure_entry_new (entry->step_key, entry->done_on, entry->note);
}

void
ks_procedure_entry_free (KsProcedureEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->step_key);
  g_free (entry->done_on);
  g_free (entry->note);
  g_free (entry);
}

void
ks_problem_free (KsProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static gboolean
local_party_ref_equal (gconstpointer a,
                       gconstpointer b)
{
  const KsLocalPartyRef *x = a, *y = b;

  return str_eq (x->name, y->name) && str_eq (x->role, y->role);
}

static gboolean
partner_ref_equal (gconstpointer a,
                   gconstpointer b)
{
  const KsPartnerRef *x = a, *y = b;

  return str_eq (x->uuid, y->uuid) && str_eq (x->name, y->name) &&
         str_eq (x->kind, y->kind) && str_eq (x->country, y->country) &&
         str_eq (x->locality, y->locality);
}

static gboolean
sector_equal (gconstpointer a,
              gconstpointer b)
{
  return str_eq (a, b);
}

static gboolean
obstacle_equal (gconstpointer a,
                gconstpointer b)
{
  const KsObstacle *x = a, *y = b;

  return str_eq (x->key, y->key) && str_eq (x->note, y->note);
}

static gboolean
person_equal (gconstpointer a,
              gconstpointer b)
{
  const KsPerson *x = a, *y = b;

  return str_eq (x->side, y->side) && str_eq (x->role, y->role) &&
         str_eq (x->name, y->name) && str_eq (x->position, y->position) &&
         str_eq (x->email, y->email) && str_eq (x->phone, y->phone) &&
         str_eq (x->signed_on, y->signed_on);
}

static gboolean
procedure_entry_equal (gconstpointer a,
                       gconstpointer b)
{
  const KsProcedureEntry *x = a, *y = b;

  return str_eq (x->step_key, y->step_key) && str_eq (x->done_on, y->done_on) &&
         str_eq (x->note, y->note);
}

/* Order matters in every list: it is the order the register shows. */
static gboolean
arrays_equal (GPtrArray  *a,
              GPtrArray  *b,
              GEqualFunc  equal)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static void
copy_array (GPtrArray  *from,
            GPtrArray  *to,
            GCopyFunc   copy)
{
  g_ptr_array_set_size (to, 0);
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, copy (g_ptr_array_index (from, i), NULL));
}

static gpointer
copy_local_party_ref (gconstpointer src, gpointer data) { return ks_local_party_ref_copy (src); }
static gpointer
copy_partner_ref (gconstpointer src, gpointer data) { return ks_partner_ref_copy (src); }
static gpointer
copy_sector (gconstpointer src, gpointer data) { return g_strdup (or_empty (src)); }
static gpointer
copy_obstacle (gconstpointer src, gpointer data) { return ks_obstacle_copy (src); }
static gpointer
copy_person (gconstpointer src, gpointer data) { return ks_person_copy (src); }
static gpointer
copy_procedure_entry (gconstpointer src, gpointer data) { return ks_procedure_entry_copy (src); }

/* The object */

static void
set_string (KsAgreement *self,
            guint        prop_id,
            const char  *value)
{
  if (value == NULL)
    value = default_string (prop_id);

  if (g_strcmp0 (self->strings[prop_id], value) == 0)
    return;

  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_amount (KsAgreement *self,
            gint64      *slot,
            gint64       amount,
            GParamSpec  *pspec)
{
  if (*slot == amount)
    return;

  *slot = amount;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
ks_agreement_finalize (GObject *object)
{
  KsAgreement *self = KS_AGREEMENT (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  g_clear_pointer (&self->local_parties, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->sectors, g_ptr_array_unref);
  g_clear_pointer (&self->obstacles, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->procedure, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_agreement_parent_class)->finalize (object);
}

static void
ks_agreement_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KsAgreement *self = KS_AGREEMENT (object);

  if (prop_id == PROP_APBD_AMOUNT)
    g_value_set_int64 (value, self->apbd_amount);
  else if (prop_id == PROP_PARTNER_AMOUNT)
    g_value_set_int64 (value, self->partner_amount);
  else if (prop_id > PROP_0 && prop_id < N_STRINGS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_agreement_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KsAgreement *self = KS_AGREEMENT (object);

  if (prop_id == PROP_APBD_AMOUNT)
    set_amount (self, &self->apbd_amount, g_value_get_int64 (value), pspec);
  else if (prop_id == PROP_PARTNER_AMOUNT)
    set_amount (self, &self->partner_amount, g_value_get_int64 (value), pspec);
  else if (prop_id > PROP_0 && prop_id < PROP_CREATED_AT)
    set_string (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
string_pspec (const char *name,
              guint       prop_id)
{
  GParamFlags access = prop_id >= PROP_CREATED_AT ? G_PARAM_READABLE : G_PARAM_READWRITE;

  return g_param_spec_string (name, NULL, NULL, default_string (prop_id),
                              access | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
amount_pspec (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                             G_PARAM_EXPLICIT_NOTIFY);
}

static void
ks_agreement_class_init (KsAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_agreement_finalize;
  object_class->get_property = ks_agreement_get_property;
  object_class->set_property = ks_agreement_set_property;

  properties[PROP_UUID] = string_pspec ("uuid", PROP_UUID);
  properties[PROP_REGION_CODE] = string_pspec ("region-code", PROP_REGION_CODE);
  properties[PROP_PARENT_UUID] = string_pspec ("parent-uuid", PROP_PARENT_UUID);
  properties[PROP_TITLE] = string_pspec ("title", PROP_TITLE);
  properties[PROP_DESCRIPTION] = string_pspec ("description", PROP_DESCRIPTION);
  properties[PROP_FORM] = string_pspec ("form", PROP_FORM);
  properties[PROP_DOCUMENT] = string_pspec ("document", PROP_DOCUMENT);
  properties[PROP_STAGE] = string_pspec ("stage", PROP_STAGE);
  properties[PROP_SIGNED_ON] = string_pspec ("signed-on", PROP_SIGNED_ON);
  properties[PROP_STARTS_ON] = string_pspec ("starts-on", PROP_STARTS_ON);
  properties[PROP_ENDS_ON] = string_pspec ("ends-on", PROP_ENDS_ON);
  properties[PROP_REPORTED_BY_AGENCY_ON] =
    string_pspec ("reported-by-agency-on", PROP_REPORTED_BY_AGENCY_ON);
  properties[PROP_REPORTED_TO_CENTER_ON] =
    string_pspec ("reported-to-center-on", PROP_REPORTED_TO_CENTER_ON);
  properties[PROP_DPRD_APPROVED_ON] = string_pspec ("dprd-approved-on", PROP_DPRD_APPROVED_ON);
  properties[PROP_PARTNER_CURRENCY] = string_pspec ("partner-currency", PROP_PARTNER_CURRENCY);
  properties[PROP_REGION_DOC_NUMBER] = string_pspec ("region-doc-number", PROP_REGION_DOC_NUMBER);
  properties[PROP_PARTNER_DOC_NUMBER] = string_pspec ("partner-doc-number", PROP_PARTNER_DOC_NUMBER);
  properties[PROP_NOTES] = string_pspec ("notes", PROP_NOTES);
  properties[PROP_CREATED_AT] = string_pspec ("created-at", PROP_CREATED_AT);
  properties[PROP_UPDATED_AT] = string_pspec ("updated-at", PROP_UPDATED_AT);
  properties[PROP_DELETED_AT] = string_pspec ("deleted-at", PROP_DELETED_AT);
  properties[PROP_APBD_AMOUNT] = amount_pspec ("apbd-amount");
  properties[PROP_PARTNER_AMOUNT] = amount_pspec ("partner-amount");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_agreement_init (KsAgreement *self)
{
  for (guint i = PROP_0 + 1; i < N_STRINGS; i++)
    self->strings[i] = g_strdup (default_string (i));

  self->local_parties = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_local_party_ref_free);
  self->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_partner_ref_free);
  self->sectors = g_ptr_array_new_with_free_func (g_free);
  self->obstacles = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_obstacle_free);
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_person_free);
  self->procedure = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_procedure_entry_free);
}

/**
 * ks_agreement_new:
 *
 * Returns: (transfer full): an empty agreement with the default form,
 *   document, stage and currency; the store gives it a uuid when it is
 *   first saved
 */
KsAgreement *
ks_agreement_new (void)
{
  return g_object_new (KS_TYPE_AGREEMENT, NULL);
}

/**
 * ks_agreement_copy:
 *
 * Returns: (transfer full): a deep copy of every field and list, the
 *   timestamps included; the editor edits a copy and compares
 */
KsAgreement *
ks_agreement_copy (KsAgreement *self)
{
  KsAgreement *copy;

  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);

  copy = ks_agreement_new ();
  for (guint i = PROP_0 + 1; i < N_STRINGS; i++)
    replace_string (&copy->strings[i], self->strings[i]);
  copy->apbd_amount = self->apbd_amount;
  copy->partner_amount = self->partner_amount;

  copy_array (self->local_parties, copy->local_parties, copy_local_party_ref);
  copy_array (self->partners, copy->partners, copy_partner_ref);
  copy_array (self->sectors, copy->sectors, copy_sector);
  copy_array (self->obstacles, copy->obstacles, copy_obstacle);
  copy_array (self->people, copy->people, copy_person);
  copy_array (self->procedure, copy->procedure, copy_procedure_entry);

  return copy;
}

/**
 * ks_agreement_equal:
 *
 * Compares every field, the timestamps included, and every list in
 * order.
 *
 * Returns: %TRUE when @a and @b hold the same agreement data
 */
gboolean
ks_agreement_equal (KsAgreement *a,
                    KsAgreement *b)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (a), FALSE);
  g_return_val_if_fail (KS_IS_AGREEMENT (b), FALSE);

  if (a == b)
    return TRUE;

  for (guint i = PROP_0 + 1; i < N_STRINGS; i++)
    if (!g_str_equal (a->strings[i], b->strings[i]))
      return FALSE;

  return a->apbd_amount == b->apbd_amount &&
         a->partner_amount == b->partner_amount &&
         arrays_equal (a->local_parties, b->local_parties, local_party_ref_equal) &&
         arrays_equal (a->partners, b->partners, partner_ref_equal) &&
         arrays_equal (a->sectors, b->sectors, sector_equal) &&
         arrays_equal (a->obstacles, b->obstacles, obstacle_equal) &&
         arrays_equal (a->people, b->people, person_equal) &&
         arrays_equal (a->procedure, b->procedure, procedure_entry_equal);
}

const char *
ks_agreement_get_uuid (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_UUID];
}

const char *
ks_agreement_get_title (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_TITLE];
}

const char *
ks_agreement_get_region_code (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_REGION_CODE];
}

const char *
ks_agreement_get_parent_uuid (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_PARENT_UUID];
}

const char *
ks_agreement_get_stage (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_STAGE];
}

gint64
ks_agreement_get_apbd_amount (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), 0);
  return self->apbd_amount;
}

gint64
ks_agreement_get_partner_amount (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), 0);
  return self->partner_amount;
}

const char *
ks_agreement_get_created_at (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_CREATED_AT];
}

const char *
ks_agreement_get_updated_at (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_UPDATED_AT];
}

/**
 * ks_agreement_get_deleted_at:
 *
 * Returns: when the agreement was deleted, or "" when it is not
 */
const char *
ks_agreement_get_deleted_at (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->strings[PROP_DELETED_AT];
}

gboolean
ks_agreement_is_deleted (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), FALSE);
  return self->strings[PROP_DELETED_AT][0] != '\0';
}

/**
 * ks_agreement_get_string:
 * @property: the name of a string property, such as "ends-on"
 *
 * Returns: (transfer none): the property's value, never %NULL
 */
const char *
ks_agreement_get_string (KsAgreement *self,
                         const char  *property)
{
  GParamSpec *pspec;

  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  g_return_val_if_fail (property != NULL, NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  g_return_val_if_fail (pspec != NULL && pspec->value_type == G_TYPE_STRING, NULL);

  for (guint i = PROP_0 + 1; i < N_STRINGS; i++)
    if (properties[i] == pspec)
      return self->strings[i];

  g_return_val_if_reached (NULL);
}

/**
 * ks_agreement_get_local_parties:
 *
 * Returns: (transfer none) (element-type KsLocalPartyRef): the local
 *   parties in the order shown; change it in place
 */
GPtrArray *
ks_agreement_get_local_parties (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->local_parties;
}

/**
 * ks_agreement_get_partners:
 *
 * Returns: (transfer none) (element-type KsPartnerRef): the partners in
 *   the order shown; change it in place
 */
GPtrArray *
ks_agreement_get_partners (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->partners;
}

/**
 * ks_agreement_get_sectors:
 *
 * Returns: (transfer none) (element-type utf8): the sector keys; add
 *   strings the array may free with g_free()
 */
GPtrArray *
ks_agreement_get_sectors (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->sectors;
}

/**
 * ks_agreement_get_obstacles:
 *
 * Returns: (transfer none) (element-type KsObstacle): the obstacles
 */
GPtrArray *
ks_agreement_get_obstacles (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->obstacles;
}

/**
 * ks_agreement_get_people:
 *
 * Returns: (transfer none) (element-type KsPerson): contact persons and
 *   signatories in the order shown
 */
GPtrArray *
ks_agreement_get_people (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->people;
}

/**
 * ks_agreement_get_procedure:
 *
 * Returns: (transfer none) (element-type KsProcedureEntry): the
 *   procedure checklist entries recorded, at most one per step
 */
GPtrArray *
ks_agreement_get_procedure (KsAgreement *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);
  return self->procedure;
}

/**
 * ks_agreement_set_timestamps:
 * @deleted_at: (nullable): %NULL or "" when not deleted
 *
 * Only the store calls this, after reading or writing the row.
 */
void
ks_agreement_set_timestamps (KsAgreement *self,
                             const char  *created_at,
                             const char  *updated_at,
                             const char  *deleted_at)
{
  g_return_if_fail (KS_IS_AGREEMENT (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, PROP_CREATED_AT, created_at);
  set_string (self, PROP_UPDATED_AT, updated_at);
  set_string (self, PROP_DELETED_AT, deleted_at);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ks_agreement_fold_name:
 *
 * Names of partners and local parties are the same when they differ only
 * in case, in compatibility forms (full-width letters, ligatures) and in
 * surrounding spaces: "KOTA XI’AN" is "Kota Xi’an".
 *
 * Returns: (transfer full): the text to compare names by
 */
static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;

  return TRUE;
}

char *
ks_agreement_fold_name (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (or_empty (name)));

  /* ASCII is its own normal form, and its case folding is the ASCII
   * one; most names are ASCII, and imports fold every name. */
  if (is_ascii (trimmed))
    return g_ascii_strdown (trimmed, -1);

  g_autofree char *composed = g_utf8_normalize (trimmed, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = NULL;

  if (composed == NULL)
    return g_steal_pointer (&trimmed);

  folded = g_utf8_casefold (composed, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
}

/* Validation */

/* A field's name, translated and formatted only when one of its checks
 * fails: most imported rows pass every check, and translating and
 * formatting each row's thirty-odd labels took a third of validating
 * it.  @format is an N_() string; a @number of 0 means it takes none. */
typedef struct
{
  const char *format;
  guint       number;
} Label;

#define LABEL(format) (&(const Label) { format, 0 })
#define NUMBERED_LABEL(format, i) (&(const Label) { format, (i) + 1 })

static char *
label_text (const Label *label)
{
  if (label->number == 0)
    return g_strdup (_(label->format));

  /* The formats are the N_() literals of the checks, each with one %u. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (_(label->format), label->number);
#pragma GCC diagnostic pop
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             int         index,
             char       *message)
{
  KsProblem *problem = g_new0 (KsProblem, 1);

  problem->field = g_strdup (field);
  problem->index = index;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* Wraps a helper's message so that it names the field. */
static void
add_caused_problem (GPtrArray   *problems,
                    const char  *field,
                    int          index,
                    const Label *label,
                    GError      *cause)
{
  g_autofree char *text = label_text (label);

  /* Translators: a field's name ("End date", "Partner 2"), then what is
     wrong with it. */
  add_problem (problems, field, index, g_strdup_printf (_("%s: %s"), text, cause->message));
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Returns the first control character a field may not hold, or 0. */
static gunichar
find_control (const char *text,
              gboolean    multi_line)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p;

      /* The controls of ASCII are U+0000…U+001F and U+007F; only other
       * text needs the Unicode tables. */
      if (c >= 0x80)
        c = g_utf8_get_char (p);
      else if (c >= 0x20 && c != 0x7f)
        continue;

      if (multi_line && (c == '\n' || c == '\t'))
        continue;
      if (g_unichar_type (c) == G_UNICODE_CONTROL)
        return c;
    }

  return 0;
}

/* Printable ASCII, with tabs and line breaks where allowed: what most
 * fields hold, checked in one pass over bytes that are characters.
 * @len: (out): the length, in bytes and in characters */
static gboolean
is_plain_ascii (const char *text,
                gboolean    multi_line,
                gsize      *len)
{
  const guchar *p;

  for (p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x7f || (*p < 0x20 && !(multi_line && (*p == '\n' || *p == '\t'))))
      return FALSE;

  *len = p - (const guchar *) text;
  return TRUE;
}

/* The problem of a text, or NULL. */
static char *
text_problem (const Label *label,
              const char  *text,
              guint        max_chars,
              gboolean     multi_line)
{
  g_autofree char *name = NULL;
  gunichar control;
  gsize len;

  if (is_plain_ascii (text, multi_line, &len) && len <= max_chars)
    return NULL;

  name = label_text (label);
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup_printf (_("%s: the text is not valid UTF-8"), name);

  control = find_control (text, multi_line);
  if (control == '\n' || control == '\r')
    return g_strdup_printf (_("%s: the text must be on one line"), name);
  if (control != 0)
    return g_strdup_printf (_("%s: the text contains a control character (U+%04X)"),
                            name, control);

  /* No more bytes than allowed characters needs no counting. */
  if (strlen (text) > max_chars && g_utf8_strlen (text, -1) > max_chars)
    return g_strdup_printf (_("%s: the text is longer than %u characters"), name, max_chars);

  return NULL;
}

/* Returns FALSE when a problem was added. */
static gboolean
check_text (GPtrArray   *problems,
            const char  *field,
            int          index,
            const Label *label,
            const char  *text,
            guint        max_chars,
            gboolean     multi_line)
{
  char *problem = text_problem (label, text, max_chars, multi_line);

  if (problem == NULL)
    return TRUE;

  add_problem (problems, field, index, problem);
  return FALSE;
}

static gboolean
check_name (GPtrArray   *problems,
            const char  *field,
            int          index,
            const Label *label,
            const char  *name)
{
  if (!check_text (problems, field, index, label, name, KS_AGREEMENT_NAME_MAX, FALSE))
    return FALSE;

  if (is_blank (name))
    {
      g_autofree char *text = label_text (label);

      add_problem (problems, field, index, g_strdup_printf (_("%s: a name is required"), text));
      return FALSE;
    }

  return TRUE;
}

static void
check_date (GPtrArray   *problems,
            const char  *field,
            int          index,
            const Label *label,
            const char  *text)
{
  g_autoptr(GError) local_error = NULL;

  if (text[0] == '\0' || ks_partial_date_validate (text, &local_error))
    return;

  add_caused_problem (problems, field, index, label, local_error);
}

/* @label is NULL when the key set's own name names the field. */
static void
check_key (GPtrArray   *problems,
           const char  *field,
           int          index,
           const Label *label,
           KsKeySet     set,
           const char  *key)
{
  g_autoptr(GError) local_error = NULL;

  if (ks_key_validate (set, key, &local_error))
    return;

  if (label == NULL)
    add_problem (problems, field, index, g_strdup (local_error->message));
  else
    add_caused_problem (problems, field, index, label, local_error);
}

static void
check_uuid (GPtrArray   *problems,
            const char  *field,
            int          index,
            const Label *label,
            const char  *uuid)
{
  g_autofree char *text = NULL;

  if (uuid[0] == '\0' || g_uuid_string_is_valid (uuid))
    return;

  text = label_text (label);
  add_problem (problems, field, index,
               g_strdup_printf (_("%s: “%s” is not a valid identifier"), text, uuid));
}

static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static void
check_identity (KsAgreement *self,
                GPtrArray   *problems)
{
  const char *title = self->strings[PROP_TITLE];

  check_uuid (problems, "uuid", -1, LABEL (N_("Identifier")), self->strings[PROP_UUID]);

  if (check_text (problems, "title", -1, LABEL (N_("Title")), title, KS_AGREEMENT_TITLE_MAX, FALSE) &&
      is_blank (title))
    add_problem (problems, "title", -1, g_strdup (_("Title: a title is required")));

  if (!check_text (problems, "region-code", -1, LABEL (N_("Region")),
                   self->strings[PROP_REGION_CODE], KS_AGREEMENT_NAME_MAX, FALSE))
    return;
  if (is_blank (self->strings[PROP_REGION_CODE]))
    add_problem (problems, "region-code", -1,
                 g_strdup (_("Region: choose the region the agreement belongs to")));
}

static void
check_classification (KsAgreement *self,
                      GPtrArray   *problems)
{
  g_autoptr(GError) local_error = NULL;

  check_text (problems, "description", -1, LABEL (N_("Description")),
              self->strings[PROP_DESCRIPTION], KS_AGREEMENT_TEXT_MAX, TRUE);
  check_key (problems, "form", -1, NULL, KS_KEY_SET_FORM, self->strings[PROP_FORM]);
  check_key (problems, "document", -1, NULL, KS_KEY_SET_DOCUMENT, self->strings[PROP_DOCUMENT]);
  check_key (problems, "stage", -1, NULL, KS_KEY_SET_STAGE, self->strings[PROP_STAGE]);

  if (!ks_key_validate_list (KS_KEY_SET_SECTOR, (const char * const *) self->sectors->pdata,
                             self->sectors->len, &local_error))
    add_problem (problems, "sectors", -1, g_strdup (local_error->message));
}

/* A second entry for the same party would break the link table's key. */
static void
check_listed_once (GPtrArray   *problems,
                   GHashTable  *seen,
                   const char  *field,
                   const Label *label,
                   char        *key,
                   const char  *name)
{
  g_autofree char *text = NULL;

  if (g_hash_table_add (seen, key))
    return;

  text = label_text (label);
  add_problem (problems, field, -1,
               g_strdup_printf (_("%s: “%s” is listed twice"), text, name));
}

/* A list of one cannot name anything twice: no table to fill. */
static GHashTable *
new_seen (guint length)
{
  return length > 1 ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) : NULL;
}

static void
check_local_parties (KsAgreement *self,
                     GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = new_seen (self->local_parties->len);

  for (guint i = 0; i < self->local_parties->len; i++)
    {
      KsLocalPartyRef *ref = g_ptr_array_index (self->local_parties, i);
      const Label *label = NUMBERED_LABEL (N_("Local party %u"), i);

      if (check_name (problems, "local-parties", i, label, or_empty (ref->name)) && seen != NULL)
        check_listed_once (problems, seen, "local-parties", LABEL (N_("Local parties")),
                           ks_agreement_fold_name (ref->name), ref->name);
      check_key (problems, "local-parties", i, label, KS_KEY_SET_PARTY_ROLE, or_empty (ref->role));
    }
}

static void
check_partner (KsPartnerRef *ref,
               guint         i,
               GHashTable   *seen,
               GPtrArray    *problems)
{
  const Label *label = NUMBERED_LABEL (N_("Partner %u"), i);
  const char *country = or_empty (ref->country);

  check_uuid (problems, "partners", i, label, or_empty (ref->uuid));
  if (check_name (problems, "partners", i, label, or_empty (ref->name)) && seen != NULL)
    {
      const char *uuid = or_empty (ref->uuid);
      g_autofree char *folded = uuid[0] != '\0' ? NULL : ks_agreement_fold_name (ref->name);

      check_listed_once (problems, seen, "partners", LABEL (N_("Partners")),
                         folded == NULL ? g_strdup (uuid) : g_strconcat (folded, "\n", country, NULL),
                         ref->name);
    }
  check_key (problems, "partners", i, label, KS_KEY_SET_PARTNER_KIND, or_empty (ref->kind));
  if (country[0] != '\0' && !ks_country_is_valid (country))
    {
      g_autofree char *country_label = label_text (NUMBERED_LABEL (N_("Partner %u country"), i));
      g_autoptr(GError) local_error = NULL;

      ks_country_validate (country_label, country, &local_error);
      add_problem (problems, "partners", i, g_strdup (local_error->message));
    }
  check_text (problems, "partners", i, NUMBERED_LABEL (N_("Partner %u locality"), i),
              or_empty (ref->locality), KS_AGREEMENT_NAME_MAX, FALSE);
}

static void
check_partners (KsAgreement *self,
                GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = new_seen (self->partners->len);

  for (guint i = 0; i < self->partners->len; i++)
    check_partner (g_ptr_array_index (self->partners, i), i, seen, problems);
}

/* "2015" to "2015-06" is fine and so is "2015-01" to "2015": each date
 * counts from the first day it covers. */
static gboolean
ends_before_start (const char *starts_on,
                   const char *ends_on)
{
  GDate start, end;

  if (starts_on[0] == '\0' || ends_on[0] == '\0' ||
      !ks_partial_date_first_day (starts_on, &start) ||
      !ks_partial_date_first_day (ends_on, &end))
    return FALSE;

  return g_date_compare (&end, &start) < 0;
}

static void
check_dates (KsAgreement *self,
             GPtrArray   *problems)
{
  const char *starts_on = self->strings[PROP_STARTS_ON];
  const char *ends_on = self->strings[PROP_ENDS_ON];
  guint n_before = problems->len;

  check_date (problems, "signed-on", -1, LABEL (N_("Signing date")), self->strings[PROP_SIGNED_ON]);
  check_date (problems, "starts-on", -1, LABEL (N_("Start date")), starts_on);
  check_date (problems, "ends-on", -1, LABEL (N_("End date")), ends_on);

  if (problems->len == n_before && ends_before_start (starts_on, ends_on))
    add_problem (problems, "ends-on", -1,
                 g_strdup_printf (_("End date: %s is before the start date %s"), ends_on, starts_on));

  check_date (problems, "reported-by-agency-on", -1, LABEL (N_("Reported by the agency")),
              self->strings[PROP_REPORTED_BY_AGENCY_ON]);
  check_date (problems, "reported-to-center-on", -1, LABEL (N_("Reported to the central government")),
              self->strings[PROP_REPORTED_TO_CENTER_ON]);
  check_date (problems, "dprd-approved-on", -1, LABEL (N_("DPRD approval")),
              self->strings[PROP_DPRD_APPROVED_ON]);
}

static void
check_funding (KsAgreement *self,
               GPtrArray   *problems)
{
  g_autoptr(GError) local_error = NULL;

  if (self->apbd_amount < 0)
    add_problem (problems, "apbd-amount", -1,
                 g_strdup_printf (_("%s: the amount cannot be negative"), _("Regional budget (APBD)")));
  if (self->partner_amount < 0)
    add_problem (problems, "partner-amount", -1,
                 g_strdup_printf (_("%s: the amount cannot be negative"), _("Partner contribution")));
  if (!ks_currency_is_valid (self->strings[PROP_PARTNER_CURRENCY]))
    {
      ks_currency_validate (_("Currency"), self->strings[PROP_PARTNER_CURRENCY], &local_error);
      add_problem (problems, "partner-currency", -1, g_strdup (local_error->message));
    }

  check_text (problems, "region-doc-number", -1, LABEL (N_("Our document number")),
              self->strings[PROP_REGION_DOC_NUMBER], KS_AGREEMENT_NAME_MAX, FALSE);
  check_text (problems, "partner-doc-number", -1, LABEL (N_("Partner’s document number")),
              self->strings[PROP_PARTNER_DOC_NUMBER], KS_AGREEMENT_NAME_MAX, FALSE);
}

static void
check_person (KsPerson  *person,
              guint      i,
              GPtrArray *problems)
{
  const Label *label = NUMBERED_LABEL (N_("Person %u"), i);
  const Label *email_label = NUMBERED_LABEL (N_("Person %u e-mail"), i);
  const char *email = or_empty (person->email);

  check_name (problems, "people", i, label, or_empty (person->name));
  check_key (problems, "people", i, label, KS_KEY_SET_PERSON_SIDE, or_empty (person->side));
  check_key (problems, "people", i, label, KS_KEY_SET_PERSON_ROLE, or_empty (person->role));
  check_text (problems, "people", i, NUMBERED_LABEL (N_("Person %u position"), i),
              or_empty (person->position), KS_AGREEMENT_NAME_MAX, FALSE);
  check_text (problems, "people", i, NUMBERED_LABEL (N_("Person %u phone"), i),
              or_empty (person->phone), KS_AGREEMENT_NAME_MAX, FALSE);
  if (check_text (problems, "people", i, email_label, email, KS_AGREEMENT_NAME_MAX, FALSE) &&
      email[0] != '\0' && !email_is_plausible (email))
    {
      g_autofree char *text = label_text (email_label);

      add_problem (problems, "people", i,
                   g_strdup_printf (_("%s: “%s” does not look like an e-mail address"), text, email));
    }
  check_date (problems, "people", i, NUMBERED_LABEL (N_("Person %u signing date"), i),
              or_empty (person->signed_on));
}

static void
check_procedure (KsAgreement *self,
                 GPtrArray   *problems)
{
  g_autoptr(GHashTable) seen = new_seen (self->procedure->len);

  for (guint i = 0; i < self->procedure->len; i++)
    {
      KsProcedureEntry *entry = g_ptr_array_index (self->procedure, i);
      const char *key = or_empty (entry->step_key);

      if (is_blank (key))
        {
          g_autofree char *label = label_text (NUMBERED_LABEL (N_("Procedure step %u"), i));

          add_problem (problems, "procedure", i,
                       g_strdup_printf (_("%s: the step is missing"), label));
        }
      else if (seen != NULL)
        check_listed_once (problems, seen, "procedure", LABEL (N_("Procedure")), g_strdup (key), key);
      check_date (problems, "procedure", i, NUMBERED_LABEL (N_("Procedure step %u date"), i),
                  or_empty (entry->done_on));
      check_text (problems, "procedure", i, NUMBERED_LABEL (N_("Procedure step %u note"), i),
                  or_empty (entry->note), KS_AGREEMENT_TEXT_MAX, TRUE);
    }
}

static void
check_obstacles (KsAgreement *self,
                 GPtrArray   *problems)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < self->obstacles->len; i++)
    {
      KsObstacle *obstacle = g_ptr_array_index (self->obstacles, i);

      g_ptr_array_add (keys, (gpointer) or_empty (obstacle->key));
    }

  if (!ks_key_validate_list (KS_KEY_SET_OBSTACLE, (const char * const *) keys->pdata, keys->len,
                             &local_error))
    add_problem (problems, "obstacles", -1, g_strdup (local_error->message));

  for (guint i = 0; i < self->obstacles->len; i++)
    {
      KsObstacle *obstacle = g_ptr_array_index (self->obstacles, i);
      check_text (problems, "obstacles", i, NUMBERED_LABEL (N_("Obstacle %u note"), i),
                  or_empty (obstacle->note), KS_AGREEMENT_TEXT_MAX, TRUE);
    }
}

static void
check_notes_and_parent (KsAgreement *self,
                        GPtrArray   *problems)
{
  const char *parent = self->strings[PROP_PARENT_UUID];

  check_text (problems, "notes", -1, LABEL (N_("Notes")), self->strings[PROP_NOTES], KS_AGREEMENT_TEXT_MAX, TRUE);

  check_uuid (problems, "parent-uuid", -1, LABEL (N_("Parent agreement")), parent);
  if (parent[0] != '\0' && g_str_equal (parent, self->strings[PROP_UUID]))
    add_problem (problems, "parent-uuid", -1,
                 g_strdup (_("Parent agreement: an agreement cannot follow itself")));
}

/**
 * ks_agreement_validate_all:
 *
 * Checks every rule an agreement must meet before it is saved, for the
 * editor to show each problem beside its field.  What only the register
 * can tell (whether the region, the parent agreement and the procedure
 * steps exist) is checked when saving.
 *
 * Returns: (transfer full) (element-type KsProblem): the problems in the
 *   order of the editor's fields; empty when @self may be saved
 */
GPtrArray *
ks_agreement_validate_all (KsAgreement *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (KS_IS_AGREEMENT (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_problem_free);
  check_identity (self, problems);
  check_classification (self, problems);
  check_local_parties (self, problems);
  check_partners (self, problems);
  check_dates (self, problems);
  check_funding (self, problems);
  for (guint i = 0; i < self->people->len; i++)
    check_person (g_ptr_array_index (self->people, i), i, problems);
  check_procedure (self, problems);
  check_obstacles (self, problems);
  check_notes_and_parent (self, problems);

  return g_steal_pointer (&problems);
}

/**
 * ks_agreement_validate:
 *
 * Fails with %KS_ERROR_INVALID and the first of the problems
 * ks_agreement_validate_all() finds.
 *
 * Returns: %TRUE when @self may be saved
 */
gboolean
ks_agreement_validate (KsAgreement  *self,
                       GError      **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  KsProblem *first;

  g_return_val_if_fail (KS_IS_AGREEMENT (self), FALSE);

  problems = ks_agreement_validate_all (self);
  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, KS_ERROR, KS_ERROR_INVALID, first->message);
  return FALSE;
}
