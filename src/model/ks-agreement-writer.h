/* ks-agreement-writer.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement.h"
#include "ks-database.h"

G_BEGIN_DECLS

/* Writes many agreements inside the caller's transaction, as
 * ks_agreement_store_save() would one by one, with what each save looks
 * up (regions, partners, local parties, steps) kept for the next.
 * Private to the model: the CSV import uses it. */

typedef struct _KsAgreementWriter KsAgreementWriter;

KsAgreementWriter *ks_agreement_writer_new    (KsDatabase         *db,
                                               const char         *source);
void               ks_agreement_writer_free   (KsAgreementWriter  *self);
gboolean           ks_agreement_writer_save   (KsAgreementWriter  *self,
                                               KsAgreement        *agreement,
                                               KsAgreement        *stored,
                                               GError            **error);
const char        *ks_agreement_writer_get_written_at
                                              (KsAgreementWriter  *self);
gboolean           ks_agreement_writer_finish (KsAgreementWriter  *self,
                                               GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAgreementWriter, ks_agreement_writer_free)

G_END_DECLS
