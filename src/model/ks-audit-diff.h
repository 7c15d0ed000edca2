/* ks-audit-diff.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * KsAuditDiff:
 * @field: the field's key as the stores write it ("title", "ends_on")
 * @old_value: (nullable): the value before, %NULL for a new record
 * @new_value: the value after; numbers are written in decimal
 * @is_number: whether the values are numbers (amounts in hundredths)
 *
 * One field of an audit entry's "changes", read back for display.
 */
typedef struct
{
  char     *field;
  char     *old_value;
  char     *new_value;
  gboolean  is_number;
} KsAuditDiff;

GPtrArray *ks_audit_diff_parse (const char  *changes,
                                GError     **error);
void       ks_audit_diff_free  (KsAuditDiff *diff);

const char *ks_audit_field_get_label (const char *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAuditDiff, ks_audit_diff_free)

G_END_DECLS
