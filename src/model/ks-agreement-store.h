/* ks-agreement-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement.h"
#include "ks-database.h"

G_BEGIN_DECLS

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
gint64       ks_agreement_store_lookup_id     (KsDatabase   *db,
                                               const char   *uuid,
                                               GError      **error);

G_END_DECLS
