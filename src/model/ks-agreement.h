/* ks-agreement.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The longest texts an agreement may hold, in characters. */
#define KS_AGREEMENT_TITLE_MAX 500
#define KS_AGREEMENT_TEXT_MAX  20000
#define KS_AGREEMENT_NAME_MAX  300

/* Parts of an agreement that are lists; plain structs owned by the
 * agreement's arrays (each array frees its elements).  The constructors
 * turn %NULL strings into "", so no field is ever %NULL. */

typedef struct
{
  char *name;
  char *role;          /* implementing, coordinating */
} KsLocalPartyRef;

typedef struct
{
  char *uuid;          /* "" for a partner not in the register yet */
  char *name;
  char *kind;          /* national_government, ... */
  char *country;       /* ISO 3166-1 alpha-2, or "" */
  char *locality;
} KsPartnerRef;

typedef struct
{
  char *key;           /* coordination, ... */
  char *note;
} KsObstacle;

typedef struct
{
  char *side;          /* local, partner */
  char *role;          /* contact, signatory */
  char *name;
  char *position;
  char *email;
  char *phone;
  char *signed_on;     /* partial ISO date, signatories */
} KsPerson;

typedef struct
{
  char *step_key;
  char *done_on;       /* partial ISO date, "" when not done */
  char *note;
} KsProcedureEntry;

/**
 * KsProblem:
 * @field: the property name of the field ("title", "ends-on"), or of the
 *   list ("partners", "people", ...) for a problem in a list entry
 * @index: the entry's position in that list, or -1 for a scalar field
 *   and for a problem of the list as a whole (a duplicate)
 * @message: what is wrong, translated, naming the field
 */
typedef struct
{
  char *field;
  int   index;
  char *message;
} KsProblem;

KsLocalPartyRef  *ks_local_party_ref_new  (const char             *name,
                                           const char             *role);
KsLocalPartyRef  *ks_local_party_ref_copy (const KsLocalPartyRef  *ref);
void              ks_local_party_ref_free (KsLocalPartyRef        *ref);
KsPartnerRef     *ks_partner_ref_new      (const char             *uuid,
                                           const char             *name,
                                           const char             *kind,
                                           const char             *country,
                                           const char             *locality);
KsPartnerRef     *ks_partner_ref_copy     (const KsPartnerRef     *ref);
void              ks_partner_ref_free     (KsPartnerRef           *ref);
KsObstacle       *ks_obstacle_new         (const char             *key,
                                           const char             *note);
KsObstacle       *ks_obstacle_copy        (const KsObstacle       *obstacle);
void              ks_obstacle_free        (KsObstacle             *obstacle);
KsPerson         *ks_person_new           (const char             *side,
                                           const char             *role,
                                           const char             *name);
KsPerson         *ks_person_copy          (const KsPerson         *person);
void              ks_person_free          (KsPerson               *person);
KsProcedureEntry *ks_procedure_entry_new  (const char             *step_key,
                                           const char             *done_on,
                                           const char             *note);
KsProcedureEntry *ks_procedure_entry_copy (const KsProcedureEntry *entry);
void              ks_procedure_entry_free (KsProcedureEntry       *entry);
void              ks_problem_free         (KsProblem              *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsLocalPartyRef, ks_local_party_ref_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsPartnerRef, ks_partner_ref_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsObstacle, ks_obstacle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsPerson, ks_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsProcedureEntry, ks_procedure_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsProblem, ks_problem_free)

#define KS_TYPE_AGREEMENT (ks_agreement_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreement, ks_agreement, KS, AGREEMENT, GObject)

/*
 * Scalar fields are GObject properties, named as the CSV columns and the
 * database columns with '-' for '_': "uuid", "region-code", "parent-uuid",
 * "title", "description", "form", "document", "stage", "signed-on",
 * "starts-on", "ends-on", "reported-by-agency-on", "reported-to-center-on",
 * "dprd-approved-on", "apbd-amount" (int64, hundredths of a rupiah),
 * "partner-amount" (int64, hundredths), "partner-currency",
 * "region-doc-number", "partner-doc-number", "notes", plus the read-only
 * "created-at", "updated-at", "deleted-at" ("" when not deleted), which
 * only the store sets.  String properties are never %NULL; setting %NULL
 * restores the default (form "other", document "none", stage
 * "exploration", partner-currency "IDR", otherwise "").
 *
 * The lists are changed in place through the arrays the getters return;
 * that emits no notification.
 */
KsAgreement *ks_agreement_new                 (void);
KsAgreement *ks_agreement_copy                (KsAgreement *self);

const char  *ks_agreement_get_uuid            (KsAgreement *self);
const char  *ks_agreement_get_title           (KsAgreement *self);
const char  *ks_agreement_get_region_code     (KsAgreement *self);
const char  *ks_agreement_get_parent_uuid     (KsAgreement *self);
const char  *ks_agreement_get_stage           (KsAgreement *self);
gint64       ks_agreement_get_apbd_amount     (KsAgreement *self);
gint64       ks_agreement_get_partner_amount  (KsAgreement *self);
const char  *ks_agreement_get_created_at      (KsAgreement *self);
const char  *ks_agreement_get_updated_at      (KsAgreement *self);
const char  *ks_agreement_get_deleted_at      (KsAgreement *self);
gboolean     ks_agreement_is_deleted          (KsAgreement *self);
const char  *ks_agreement_get_string          (KsAgreement *self,
                                               const char  *property);

GPtrArray   *ks_agreement_get_local_parties   (KsAgreement *self);
GPtrArray   *ks_agreement_get_partners        (KsAgreement *self);
GPtrArray   *ks_agreement_get_sectors         (KsAgreement *self);
GPtrArray   *ks_agreement_get_obstacles       (KsAgreement *self);
GPtrArray   *ks_agreement_get_people          (KsAgreement *self);
GPtrArray   *ks_agreement_get_procedure       (KsAgreement *self);

gboolean     ks_agreement_validate            (KsAgreement *self,
                                               GError     **error);
GPtrArray   *ks_agreement_validate_all        (KsAgreement *self);
gboolean     ks_agreement_equal               (KsAgreement *a,
                                               KsAgreement *b);

G_END_DECLS
