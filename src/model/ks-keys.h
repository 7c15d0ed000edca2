/* ks-keys.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KsKeySet:
 * @KS_KEY_SET_FORM: the form of cooperation (sister_city, technical, …)
 * @KS_KEY_SET_DOCUMENT: the type of the agreement's document (none, loi, mou, …)
 * @KS_KEY_SET_STAGE: the stage, in the order an agreement goes through them
 *   (exploration … completed), then the off-ramps stalled and terminated
 * @KS_KEY_SET_SECTOR: the sectors an agreement covers
 * @KS_KEY_SET_OBSTACLE: the obstacles recorded on an agreement
 * @KS_KEY_SET_PARTNER_KIND: the kind of a foreign partner
 * @KS_KEY_SET_EVENT_KIND: the kind of a timeline event
 * @KS_KEY_SET_REGION_KIND: kabupaten, kota or provinsi
 * @KS_KEY_SET_PARTY_ROLE: the role of a local party in an agreement
 * @KS_KEY_SET_PERSON_SIDE: which side a contact person or signatory is on
 * @KS_KEY_SET_PERSON_ROLE: contact person or signatory
 * @KS_KEY_SET_PROCEDURE_STEP: the built-in steps of the procedure checklist
 * @KS_N_KEY_SETS: the number of sets
 *
 * The sets of stable English keys the register stores (in the database and
 * the CSV format) and shows by their translated labels.
 */
typedef enum
{
  KS_KEY_SET_FORM,
  KS_KEY_SET_DOCUMENT,
  KS_KEY_SET_STAGE,
  KS_KEY_SET_SECTOR,
  KS_KEY_SET_OBSTACLE,
  KS_KEY_SET_PARTNER_KIND,
  KS_KEY_SET_EVENT_KIND,
  KS_KEY_SET_REGION_KIND,
  KS_KEY_SET_PARTY_ROLE,
  KS_KEY_SET_PERSON_SIDE,
  KS_KEY_SET_PERSON_ROLE,
  KS_KEY_SET_PROCEDURE_STEP,
  KS_N_KEY_SETS
} KsKeySet;

/**
 * KsProcedureStepSeed:
 * @key: the step's key, one of %KS_KEY_SET_PROCEDURE_STEP
 * @required: whether the regulations require it of every signed agreement
 *
 * One step of the default procedure checklist (PP 28/2018, Permendagri
 * 25/2020).  The seeds come in their default order; a new register gets a
 * copy that users may edit, and shows a step's label through
 * ks_key_get_label() until someone renames it.
 */
typedef struct
{
  const char *key;
  gboolean    required;
} KsProcedureStepSeed;

gboolean            ks_key_is_valid             (KsKeySet            set,
                                                 const char         *key);
const char         *ks_key_get_label            (KsKeySet            set,
                                                 const char         *key);
const char         *ks_key_get_description      (KsKeySet            set,
                                                 const char         *key);
int                 ks_key_get_index            (KsKeySet            set,
                                                 const char         *key);
gboolean            ks_key_validate             (KsKeySet            set,
                                                 const char         *key,
                                                 GError            **error);
gboolean            ks_key_validate_list        (KsKeySet            set,
                                                 const char * const *keys,
                                                 gssize              n_keys,
                                                 GError            **error);

const char * const *ks_key_set_get_keys         (KsKeySet            set);
guint               ks_key_set_get_n_keys       (KsKeySet            set);
const char         *ks_key_set_get_name         (KsKeySet            set);
const char         *ks_key_set_get_field        (KsKeySet            set);
GListModel         *ks_key_set_list_model_new   (KsKeySet            set);

/**
 * KsKeyLabels:
 *
 * The translated labels of every key set, looked up once: a report of
 * 100,000 agreements labels each row's form, stage and sectors, and
 * every gettext look-up takes a lock.  A snapshot, so that it keeps the
 * language it was made in.
 */
typedef struct _KsKeyLabels KsKeyLabels;

KsKeyLabels        *ks_key_labels_new           (void);
const char         *ks_key_labels_get           (const KsKeyLabels  *self,
                                                 KsKeySet            set,
                                                 const char         *key);
void                ks_key_labels_free          (KsKeyLabels        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsKeyLabels, ks_key_labels_free)

gboolean            ks_stage_is_running         (const char         *stage);
gboolean            ks_stage_is_signed_or_later (const char         *stage);
gboolean            ks_stage_is_closed          (const char         *stage);
gboolean            ks_stage_may_need_follow_up (const char         *stage);

const KsProcedureStepSeed *ks_procedure_step_seeds (guint           *n_seeds);

G_END_DECLS
