/* ks-cli.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The command line of DESIGN.md.  It runs without a display: the window
 * is only built when no headless command was given. */

const GOptionEntry *ks_cli_get_option_entries (void);
gboolean            ks_cli_is_headless        (GVariantDict *options);
int                 ks_cli_run                (GVariantDict *options,
                                               const char   *database_path);

G_END_DECLS
