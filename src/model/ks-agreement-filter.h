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
 *   stalled, and nothing happened for #KsAgreementFilter:follow-up-months:
 *   measured from the newest of the last event, the signing date and the
 *   start date (so an agreement signed last month is not flagged for
 *   having no events yet), each taken at the last day it covers; one with
 *   none of these dates is flagged
 * @KS_SMART_VIEW_EXPIRING: stage signed or active, and the end date (the
 *   last day it covers) falls within #KsAgreementFilter:expiry-months
 *   from today and has not passed
 * @KS_SMART_VIEW_NOT_REPORTED: stage signed, active or completed, and
 *   either never reported to the central government, or implemented by a
 *   local party (role implementing) that never reported it to the
 *   cooperation section (reported_by_agency_on empty)
 * @KS_SMART_VIEW_MISSING_STEPS: stage signed, active or completed, and a
 *   required step of the procedure checklist not done, as
 *   ks_procedure_progress_find_gaps() finds them (signed without the DPRD
 *   approval recorded, say)
 *
 * The sidebar's derived views (DESIGN.md), with the thresholds and the
 * date of #KsAgreementFilter.  The nicks ("needs-follow-up", "expiring",
 * "not-reported", "missing-steps") are the command line's `--view` values.
 */
typedef enum
{
  KS_SMART_VIEW_NONE,
  KS_SMART_VIEW_NEEDS_FOLLOW_UP,
  KS_SMART_VIEW_EXPIRING,
  KS_SMART_VIEW_NOT_REPORTED,
  KS_SMART_VIEW_MISSING_STEPS,
} KsSmartView;

#define KS_SMART_VIEW_LAST KS_SMART_VIEW_MISSING_STEPS

#define KS_TYPE_SMART_VIEW (ks_smart_view_get_type ())
GType ks_smart_view_get_type (void);

#define KS_AGREEMENT_FILTER_DEFAULT_FOLLOW_UP_MONTHS 12
#define KS_AGREEMENT_FILTER_DEFAULT_EXPIRY_MONTHS     6

#define KS_TYPE_AGREEMENT_FILTER (ks_agreement_filter_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreementFilter, ks_agreement_filter, KS, AGREEMENT_FILTER, GObject)

/*
 * What the register's table shows, as plain settings with one property
 * each, so that widgets and preferences can be bound to them; a
 * #KsAgreementList re-applies its filter whenever a property notifies,
 * and setters notify only on a real change.
 *
 * Criteria, all combined with AND:
 * - "regions" (codes), "stages", "forms", "sectors" (keys), "countries"
 *   (ISO 3166-1 alpha-2): sets, %NULL or empty for all; an agreement with
 *   several sectors or partner countries matches when any is in the set;
 * - "year-from", "year-to": keep the agreements whose period overlaps
 *   the years, by ks_period_overlaps_years() (the signing date stands in
 *   for an unknown start); 0 leaves that side open;
 * - "search-text": every word must occur, ignoring case and accents, in
 *   the title, description, local parties, partners, partner country
 *   codes or names (in the user's language), or notes;
 * - "smart-view": one of #KsSmartView.
 *
 * Parameters of the smart views: "follow-up-months" (12), "expiry-months"
 * (6) and "today" (%NULL: the computer's date).
 */

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
