/* ks-reference.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

gboolean ks_reference_seed         (KsDatabase  *db,
                                    GError     **error);
gboolean ks_reference_seed_regions (KsDatabase  *db,
                                    GError     **error);
gboolean ks_reference_seed_procedure_steps (KsDatabase  *db,
                                            GError     **error);

G_END_DECLS
