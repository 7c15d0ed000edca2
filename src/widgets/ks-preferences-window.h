/* ks-preferences-window.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_PREFERENCES_WINDOW (ks_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KsPreferencesWindow, ks_preferences_window, KS, PREFERENCES_WINDOW, AdwPreferencesWindow)

KsPreferencesWindow *ks_preferences_window_new           (GtkWindow           *parent,
                                                          GSettings           *settings,
                                                          KsDatabase          *db);
gboolean             ks_preferences_window_set_logo_file (KsPreferencesWindow *self,
                                                          GFile               *file);

G_END_DECLS
