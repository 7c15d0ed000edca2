/* ks-event-timeline.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_EVENT_TIMELINE (ks_event_timeline_get_type ())

G_DECLARE_FINAL_TYPE (KsEventTimeline, ks_event_timeline, KS, EVENT_TIMELINE, GtkWidget)

/*
 * An agreement's timeline, newest first, with add, edit, delete and undo.
 * Emits "changed" after an event was saved, deleted or restored, since
 * any of them may move the agreement's stage or end date.
 */
GtkWidget *ks_event_timeline_new (KsDatabase *db,
                                  const char *agreement_uuid);

G_END_DECLS
