/* ks-window.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-application.h"

G_BEGIN_DECLS

#define KS_TYPE_WINDOW (ks_window_get_type ())

G_DECLARE_FINAL_TYPE (KsWindow, ks_window, KS, WINDOW, AdwApplicationWindow)

KsWindow *ks_window_new (KsApplication *application);

G_END_DECLS
