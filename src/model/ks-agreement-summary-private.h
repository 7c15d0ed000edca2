/* ks-agreement-summary-private.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement-summary.h"

G_BEGIN_DECLS

/* The string columns of a summary, in property order after "id", so that
 * the list's rows and the summary objects share one layout. */
typedef enum
{
  KS_SUMMARY_UUID,
  KS_SUMMARY_TITLE,
  KS_SUMMARY_REGION_CODE,
  KS_SUMMARY_REGION_NAME,
  KS_SUMMARY_LOCAL_PARTIES,
  KS_SUMMARY_PARTNERS,
  KS_SUMMARY_COUNTRIES,
  KS_SUMMARY_FORM,
  KS_SUMMARY_DOCUMENT,
  KS_SUMMARY_STAGE,
  KS_SUMMARY_SECTORS,
  KS_SUMMARY_SIGNED_ON,
  KS_SUMMARY_STARTS_ON,
  KS_SUMMARY_ENDS_ON,
  KS_SUMMARY_LAST_EVENT_ON,
  KS_SUMMARY_REPORTED_TO_CENTER_ON,
  KS_SUMMARY_REPORTED_BY_AGENCY_ON,
  KS_SUMMARY_UPDATED_AT,
  KS_SUMMARY_N_TEXTS
} KsSummaryText;

KsAgreementSummary *ks_agreement_summary_new_from_texts (gint64              id,
                                                         const char * const *texts);
gboolean            ks_agreement_summary_has_texts      (KsAgreementSummary *self,
                                                         gint64              id,
                                                         const char * const *texts);

G_END_DECLS
