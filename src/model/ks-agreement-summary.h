/* ks-agreement-summary.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_AGREEMENT_SUMMARY (ks_agreement_summary_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreementSummary, ks_agreement_summary, KS, AGREEMENT_SUMMARY, GObject)

/*
 * One row of the register's table, as #KsAgreementList hands it out: an
 * immutable snapshot of an agreement's listed columns.  Every property is
 * read-only and never notifies; when the agreement changes, the list
 * replaces the item with a new summary.
 *
 * Properties: "id" (int64), and the strings "uuid", "title",
 * "region-code", "region-name", "local-parties" ("A; B"), "partners"
 * ("X; Y"), "countries" ("NL;US", one ISO code per partner), "form",
 * "document", "stage" and "sectors" ("a;b") as keys, and the partial ISO
 * dates "signed-on", "starts-on", "ends-on", "last-event-on",
 * "reported-to-center-on", "reported-by-agency-on", and "updated-at" (UTC
 * timestamp).  Strings are never %NULL; "" means empty.
 */
gint64      ks_agreement_summary_get_id                    (KsAgreementSummary *self);
const char *ks_agreement_summary_get_uuid                  (KsAgreementSummary *self);
const char *ks_agreement_summary_get_title                 (KsAgreementSummary *self);
const char *ks_agreement_summary_get_region_code           (KsAgreementSummary *self);
const char *ks_agreement_summary_get_region_name           (KsAgreementSummary *self);
const char *ks_agreement_summary_get_local_parties         (KsAgreementSummary *self);
const char *ks_agreement_summary_get_partners              (KsAgreementSummary *self);
const char *ks_agreement_summary_get_countries             (KsAgreementSummary *self);
const char *ks_agreement_summary_get_form                  (KsAgreementSummary *self);
const char *ks_agreement_summary_get_document              (KsAgreementSummary *self);
const char *ks_agreement_summary_get_stage                 (KsAgreementSummary *self);
const char *ks_agreement_summary_get_sectors               (KsAgreementSummary *self);
const char *ks_agreement_summary_get_signed_on             (KsAgreementSummary *self);
const char *ks_agreement_summary_get_starts_on             (KsAgreementSummary *self);
const char *ks_agreement_summary_get_ends_on               (KsAgreementSummary *self);
const char *ks_agreement_summary_get_last_event_on         (KsAgreementSummary *self);
const char *ks_agreement_summary_get_reported_to_center_on (KsAgreementSummary *self);
const char *ks_agreement_summary_get_reported_by_agency_on (KsAgreementSummary *self);
const char *ks_agreement_summary_get_updated_at            (KsAgreementSummary *self);

G_END_DECLS
