/* ks-autostart.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *ks_autostart_dup_path     (void);
char     *ks_autostart_dup_exec     (void);
gboolean  ks_autostart_is_enabled   (void);
gboolean  ks_autostart_set_enabled  (gboolean   enabled,
                                     GError   **error);

G_END_DECLS
