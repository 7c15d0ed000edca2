/* ks-agreement-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement.h"
#include "ks-agreement-summary.h"
#include "ks-database.h"

G_BEGIN_DECLS

/**
 * KsAgreementDetails:
 * @notes: the agreement's notes
 * @obstacles: its obstacle keys, "a;b", sorted
 * @last_event_on: the date of its newest event, or ""
 * @last_event_kind: that event's kind, or ""
 * @last_event_description: that event's description, or ""
 *
 * What the reports show of an agreement beyond its #KsAgreementSummary.
 */
typedef struct
{
  char *notes;
  char *obstacles;
  char *last_event_on;
  char *last_event_kind;
  char *last_event_description;
} KsAgreementDetails;

/* Reading and writing whole agreements.  Each call that writes is one
 * transaction, or joins the caller's when one is open (imports and merges
 * write many records and commit once). */

KsAgreement *ks_agreement_store_load          (KsDatabase   *db,
                                               const char   *uuid,
                                               GError      **error);
gboolean     ks_agreement_store_save          (KsDatabase   *db,
                                               KsAgreement  *agreement,
                                               const char   *source,
                                               GError      **error);
gboolean     ks_agreement_store_delete        (KsDatabase   *db,
                                               const char   *uuid,
                                               GError      **error);
gboolean     ks_agreement_store_undelete      (KsDatabase   *db,
                                               const char   *uuid,
                                               GError      **error);
gboolean     ks_agreement_store_delete_many   (KsDatabase          *db,
                                               const char * const  *uuids,
                                               GError             **error);
gboolean     ks_agreement_store_undelete_many (KsDatabase          *db,
                                               const char * const  *uuids,
                                               GError             **error);
gboolean     ks_agreement_store_exists        (KsDatabase   *db,
                                               const char   *uuid,
                                               gboolean     *deleted,
                                               GError      **error);
gboolean     ks_agreement_store_refresh_summary (KsDatabase *db,
                                               gint64        agreement_id,
                                               GError      **error);
GListStore  *ks_agreement_store_list_children (KsDatabase   *db,
                                               const char   *parent_uuid,
                                               GError      **error);
gint64       ks_agreement_store_lookup_id     (KsDatabase   *db,
                                               const char   *uuid,
                                               GError      **error);
void         ks_agreement_details_clear       (KsAgreementDetails  *details);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsAgreementDetails, ks_agreement_details_clear)

G_END_DECLS
