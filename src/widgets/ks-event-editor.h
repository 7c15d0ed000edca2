/* ks-event-editor.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"
#include "ks-event.h"

G_BEGIN_DECLS

#define KS_TYPE_EVENT_EDITOR (ks_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (KsEventEditor, ks_event_editor, KS, EVENT_EDITOR, AdwWindow)

/*
 * A dialog that adds an event to an agreement's timeline or edits one.
 * Emits "saved" (with the saved #KsEvent) after the event was written,
 * then closes.
 */
KsEventEditor *ks_event_editor_new (GtkWindow  *parent,
                                    KsDatabase *db,
                                    const char *agreement_uuid,
                                    KsEvent    *event_or_null);

void           ks_event_editor_set_kind (KsEventEditor *self,
                                         const char    *kind);

G_END_DECLS
