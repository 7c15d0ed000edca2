/* ks-event-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"
#include "ks-event.h"

G_BEGIN_DECLS

/* Reading and writing agreements' timelines.  Each call that writes is one
 * transaction, or joins the caller's when one is open; a failed call
 * changes nothing. */

GListStore *ks_event_store_list      (KsDatabase  *db,
                                      const char  *agreement_uuid,
                                      GError     **error);
KsEvent    *ks_event_store_load      (KsDatabase  *db,
                                      const char  *uuid,
                                      GError     **error);
gboolean    ks_event_store_save      (KsDatabase  *db,
                                      KsEvent     *event,
                                      const char  *source,
                                      GError     **error);
gboolean    ks_event_store_delete    (KsDatabase  *db,
                                      const char  *uuid,
                                      GError     **error);
gboolean    ks_event_store_undelete  (KsDatabase  *db,
                                      const char  *uuid,
                                      GError     **error);
GListStore *ks_event_store_list_in_years (KsDatabase  *db,
                                          int          from_year,
                                          int          to_year,
                                          GError     **error);

G_END_DECLS
