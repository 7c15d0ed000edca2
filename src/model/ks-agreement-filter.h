/* ks-agreement-filter.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * KsSmartView:
 * @KS_SMART_VIEW_NONE: no smart view; every agreement qualifies
 * @KS_SMART_VIEW_NEEDS_FOLLOW_UP: stage loi_signed, signed, active or
 *   stalled, and nothing happened for #KsAgreementFilter:follow-up-months
 * @KS_SMART_VIEW_EXPIRING: signed or active, and the end date falls
 *   within #KsAgreementFilter:expiry-months from today, not already past
 * @KS_SMART_VIEW_NOT_REPORTED: signed, active or completed, and either
 *   never reported to the central government, or implemented by a local
 *   party that never reported it to the cooperation section
 *
 * The sidebar's derived views (DESIGN.md).  The nicks ("needs-follow-up",
 * "expiring", "not-reported") are the command line's `--view` values.
 */
typedef enum
{
  KS_SMART_VIEW_NONE,
  KS_SMART_VIEW_NEEDS_FOLLOW_UP,
  KS_SMART_VIEW_EXPIRING,
  KS_SMART_VIEW_NOT_REPORTED,
} KsSmartView;

#define KS_TYPE_SMART_VIEW (ks_smart_view_get_type ())
GType ks_smart_view_get_type (void);

#define KS_AGREEMENT_FILTER_DEFAULT_FOLLOW_UP_MONTHS 12
#define KS_AGREEMENT_FILTER_DEFAULT_EXPIRY_MONTHS     6

#define KS_TYPE_AGREEMENT_FILTER (ks_agreement_filter_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreementFilter, ks_agreement_filter, KS, AGREEMENT_FILTER, GObject)

KsAgreementFilter  *ks_agreement_filter_new                   (void);

void                ks_agreement_filter_set_regions           (KsAgreementFilter  *self,
                                                               const char * const *codes);
const char * const *ks_agreement_filter_get_regions           (KsAgreementFilter  *self);
void                ks_agreement_filter_set_stages            (KsAgreementFilter  *self,
                                                               const char * const *stages);
const char * const *ks_agreement_filter_get_stages            (KsAgreementFilter  *self);
void                ks_agreement_filter_set_forms             (KsAgreementFilter  *self,
                                                               const char * const *forms);
const char * const *ks_agreement_filter_get_forms             (KsAgreementFilter  *self);
void                ks_agreement_filter_set_sectors           (KsAgreementFilter  *self,
                                                               const char * const *sectors);
const char * const *ks_agreement_filter_get_sectors           (KsAgreementFilter  *self);
void                ks_agreement_filter_set_countries         (KsAgreementFilter  *self,
                                                               const char * const *countries);
const char * const *ks_agreement_filter_get_countries         (KsAgreementFilter  *self);

void                ks_agreement_filter_set_year_range        (KsAgreementFilter  *self,
                                                               guint               year_from,
                                                               guint               year_to);
guint               ks_agreement_filter_get_year_from         (KsAgreementFilter  *self);
guint               ks_agreement_filter_get_year_to           (KsAgreementFilter  *self);

void                ks_agreement_filter_set_search_text       (KsAgreementFilter  *self,
                                                               const char         *text);
const char         *ks_agreement_filter_get_search_text       (KsAgreementFilter  *self);

void                ks_agreement_filter_set_smart_view        (KsAgreementFilter  *self,
                                                               KsSmartView         view);
KsSmartView         ks_agreement_filter_get_smart_view        (KsAgreementFilter  *self);
void                ks_agreement_filter_set_follow_up_months  (KsAgreementFilter  *self,
                                                               guint               months);
guint               ks_agreement_filter_get_follow_up_months  (KsAgreementFilter  *self);
void                ks_agreement_filter_set_expiry_months     (KsAgreementFilter  *self,
                                                               guint               months);
guint               ks_agreement_filter_get_expiry_months     (KsAgreementFilter  *self);
void                ks_agreement_filter_set_today             (KsAgreementFilter  *self,
                                                               const GDate        *today);
void                ks_agreement_filter_get_today             (KsAgreementFilter  *self,
                                                               GDate              *today);

gboolean            ks_agreement_filter_is_active             (KsAgreementFilter  *self);
void                ks_agreement_filter_clear                 (KsAgreementFilter  *self);

G_END_DECLS
