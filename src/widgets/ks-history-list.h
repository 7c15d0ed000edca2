/* ks-history-list.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_HISTORY_LIST (ks_history_list_get_type ())

G_DECLARE_FINAL_TYPE (KsHistoryList, ks_history_list, KS, HISTORY_LIST, GtkWidget)

/*
 * The audit trail of one record (for an agreement, with its events and
 * attachments), newest first, in words: who changed what, from what to
 * what.  Refreshes itself when the register changes.
 */
GtkWidget *ks_history_list_new (KsDatabase *db,
                                const char *record_uuid);

G_END_DECLS
