/* ks-agreement-store-private.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement.h"
#include "ks-audit-changes.h"
#include "ks-database.h"

G_BEGIN_DECLS

/* For the model's bulk writer (ks-agreement-writer.c): the pieces of a
 * save that must stay the same however many agreements are written. */

/* The agreement row's own columns and their parameters ?1…?22, bound by
 * ks_agreement_store_bind_row(); an update keeps created_at (?21). */
#define KS_AGREEMENT_ROW_COLUMNS                                              \
  "uuid, region_id, parent_id, title, description, "                         \
  "form, document, stage, signed_on, starts_on, ends_on, "                   \
  "reported_by_agency_on, reported_to_center_on, dprd_approved_on, "         \
  "partner_currency, region_doc_number, partner_doc_number, notes, "         \
  "apbd_amount, partner_amount, created_at, updated_at"

#define KS_AGREEMENT_ROW_VALUES                                               \
  "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "  \
  "?17, ?18, ?19, ?20, ?21, ?22"

#define KS_AGREEMENT_ROW_ASSIGNMENTS                                          \
  "region_id = ?2, parent_id = ?3, title = ?4, "                             \
  "description = ?5, form = ?6, document = ?7, stage = ?8, signed_on = ?9, " \
  "starts_on = ?10, ends_on = ?11, reported_by_agency_on = ?12, "            \
  "reported_to_center_on = ?13, dprd_approved_on = ?14, "                    \
  "partner_currency = ?15, region_doc_number = ?16, "                        \
  "partner_doc_number = ?17, notes = ?18, apbd_amount = ?19, "               \
  "partner_amount = ?20, updated_at = ?22"

void            ks_agreement_store_bind_row        (KsStatement        *stmt,
                                                    KsAgreement        *work,
                                                    gint64              region_id,
                                                    gint64              parent_id,
                                                    const char         *now);
KsAuditChanges *ks_agreement_store_diff            (KsAgreement        *old,
                                                    KsAgreement        *work);
void            ks_agreement_store_adopt_partner   (KsPartnerRef       *ref,
                                                    const KsPartnerRef *stored);
void            ks_agreement_store_partner_changes (KsAuditChanges     *changes,
                                                    const KsPartnerRef *old,
                                                    const KsPartnerRef *ref);

G_END_DECLS
