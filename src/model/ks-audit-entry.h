/* ks-audit-entry.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_AUDIT_ENTRY (ks_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (KsAuditEntry, ks_audit_entry, KS, AUDIT_ENTRY, GObject)

/*
 * One line of the append-only audit trail; there is deliberately no way
 * to change one.  Construct-only properties: "at" (UTC, ISO 8601), "who"
 * (the staff name), "record-table" ("agreements", "events", ...),
 * "record-uuid", "action" (insert, update, delete, undelete, import,
 * merge), "changes" (JSON object field → [old, new], or ""), "source"
 * (where the change came from, or "").
 */
const char *ks_audit_entry_get_at           (KsAuditEntry *self);
const char *ks_audit_entry_get_who          (KsAuditEntry *self);
const char *ks_audit_entry_get_record_table (KsAuditEntry *self);
const char *ks_audit_entry_get_record_uuid  (KsAuditEntry *self);
const char *ks_audit_entry_get_action       (KsAuditEntry *self);
const char *ks_audit_entry_get_changes      (KsAuditEntry *self);
const char *ks_audit_entry_get_source       (KsAuditEntry *self);

G_END_DECLS
