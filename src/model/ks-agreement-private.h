/* ks-agreement-private.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement.h"

G_BEGIN_DECLS

/* For the model's stores: the fields only the register decides. */

void     ks_agreement_set_timestamps  (KsAgreement *self,
                                       const char  *created_at,
                                       const char  *updated_at,
                                       const char  *deleted_at);
char    *ks_agreement_fold_name       (const char  *name);

G_END_DECLS
