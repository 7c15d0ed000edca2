/* ks-audit-changes.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Builds the "changes" JSON of an audit entry: an object mapping each
 * field to [old, new], where old is null for a new record.  Private to
 * the model's stores. */

typedef struct _KsAuditChanges KsAuditChanges;

KsAuditChanges *ks_audit_changes_new        (void);
void            ks_audit_changes_free       (KsAuditChanges *self);
void            ks_audit_changes_add_string (KsAuditChanges *self,
                                             const char     *field,
                                             const char     *old_value,
                                             const char     *new_value);
void            ks_audit_changes_add_int    (KsAuditChanges *self,
                                             const char     *field,
                                             const gint64   *old_value,
                                             gint64          new_value);
gboolean        ks_audit_changes_is_empty   (KsAuditChanges *self);
char           *ks_audit_changes_to_json    (KsAuditChanges *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAuditChanges, ks_audit_changes_free)

G_END_DECLS
