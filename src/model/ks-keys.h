/* ks-keys.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KsKeySet:
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
 * @key: the step's key
 * @required: whether the regulations require it of every signed agreement
 *
 * The default procedure checklist (PP 28/2018, Permendagri 25/2020); a new
 * register gets a copy that users may edit.
 */
typedef struct
{
  const char *key;
  gboolean    required;
} KsProcedureStepSeed;

gboolean            ks_key_is_valid          (KsKeySet            set,
                                              const char         *key);
const char         *ks_key_get_label         (KsKeySet            set,
                                              const char         *key);
int                 ks_key_get_index         (KsKeySet            set,
                                              const char         *key);
const char * const *ks_key_set_get_keys      (KsKeySet            set);
guint               ks_key_set_get_n_keys    (KsKeySet            set);
const char         *ks_key_set_get_name      (KsKeySet            set);
gboolean            ks_key_validate          (KsKeySet            set,
                                              const char         *key,
                                              GError            **error);
gboolean            ks_key_validate_list     (KsKeySet            set,
                                              const char * const *keys,
                                              guint               n_keys,
                                              GError            **error);

gboolean            ks_stage_is_running      (const char         *stage);
gboolean            ks_stage_is_signed_or_later (const char      *stage);
gboolean            ks_stage_is_closed       (const char         *stage);
gboolean            ks_stage_may_need_follow_up (const char      *stage);

const KsProcedureStepSeed *ks_procedure_step_seeds (guint        *n_seeds);

G_END_DECLS
