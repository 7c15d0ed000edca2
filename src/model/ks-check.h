/* ks-check.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

gboolean ks_check_run (KsDatabase  *db,
                       GPtrArray  **problems,
                       GError     **error);

G_END_DECLS
