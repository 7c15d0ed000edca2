/* ks-string-record.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Private to the model: the property plumbing of small read-only records
 * (region, partner, audit entry) whose every property is a string kept
 * in an array indexed by property id. */

GParamSpec *ks_string_record_pspec        (const char    *name);
void        ks_string_record_get_property (char         **strings,
                                           guint          n_props,
                                           GObject       *object,
                                           guint          prop_id,
                                           GValue        *value,
                                           GParamSpec    *pspec);
void        ks_string_record_set_property (char         **strings,
                                           guint          n_props,
                                           GObject       *object,
                                           guint          prop_id,
                                           const GValue  *value,
                                           GParamSpec    *pspec);
void        ks_string_record_clear        (char         **strings,
                                           guint          n_props);

G_END_DECLS
