/* ks-sample.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

/* The largest sample the command line accepts. */
#define KS_SAMPLE_MAX 1000000

gboolean   ks_sample_generate    (KsDatabase  *db,
                                  guint        n_agreements,
                                  guint32      seed,
                                  GError     **error);

GPtrArray *ks_sample_add_regions (KsDatabase  *db,
                                  guint        n_agreements,
                                  GError     **error);

G_END_DECLS
