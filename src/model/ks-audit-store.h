/* ks-audit-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-audit-entry.h"
#include "ks-database.h"

G_BEGIN_DECLS

/* Reading the audit trail.  Entries are written by the stores through
 * ks_database_audit(); by design nothing changes or removes them. */

GListStore *ks_audit_store_list_for_record (KsDatabase  *db,
                                            const char  *uuid,
                                            GError     **error);

G_END_DECLS
