/* ks-event.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The longest description an event may have, in characters. */
#define KS_EVENT_DESCRIPTION_MAX 20000

#define KS_TYPE_EVENT (ks_event_get_type ())

G_DECLARE_FINAL_TYPE (KsEvent, ks_event, KS, EVENT, GObject)

/*
 * One entry of an agreement's timeline.  Properties: "uuid",
 * "agreement-uuid", "occurred-on" (partial ISO date), "kind" (contact,
 * visit, meeting, loi_signed, mou_signed, renewed, report, evaluation,
 * ended, other), "description", "cost-amount" (int64, hundredths),
 * "cost-currency" (ISO 4217, default IDR), "new-stage" ("" when the event
 * does not move the agreement), "old-ends-on" and "new-ends-on" (partial
 * ISO dates, for renewals), "created-at", "updated-at".  String properties
 * are never %NULL; setting %NULL restores the default.
 */
KsEvent     *ks_event_new                 (void);

const char  *ks_event_get_uuid            (KsEvent  *self);
const char  *ks_event_get_agreement_uuid  (KsEvent  *self);
const char  *ks_event_get_occurred_on     (KsEvent  *self);
const char  *ks_event_get_kind            (KsEvent  *self);
const char  *ks_event_get_description     (KsEvent  *self);
gint64       ks_event_get_cost_amount     (KsEvent  *self);
const char  *ks_event_get_cost_currency   (KsEvent  *self);
const char  *ks_event_get_new_stage       (KsEvent  *self);
const char  *ks_event_get_old_ends_on     (KsEvent  *self);
const char  *ks_event_get_new_ends_on     (KsEvent  *self);
const char  *ks_event_get_created_at      (KsEvent  *self);
const char  *ks_event_get_updated_at      (KsEvent  *self);

gboolean     ks_event_validate            (KsEvent  *self,
                                           GError  **error);

G_END_DECLS
