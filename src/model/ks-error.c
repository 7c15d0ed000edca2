/* ks-error.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ks-error.h"

G_DEFINE_QUARK (ks-error-quark, ks_error)
