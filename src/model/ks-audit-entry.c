/* ks-audit-entry.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-audit-entry"

#include "config.h"

#include "ks-audit-entry.h"
#include "ks-string-record.h"

enum {
  PROP_0,
  PROP_AT,
  PROP_WHO,
  PROP_RECORD_TABLE,
  PROP_RECORD_UUID,
  PROP_ACTION,
  PROP_CHANGES,
  PROP_SOURCE,
  N_PROPS
};

struct _KsAuditEntry
{
  GObject  parent_instance;

  /* Every property is a string, kept by property id. */
  char    *strings[N_PROPS];
};

G_DEFINE_FINAL_TYPE (KsAuditEntry, ks_audit_entry, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ks_audit_entry_finalize (GObject *object)
{
  KsAuditEntry *self = KS_AUDIT_ENTRY (object);

  ks_string_record_clear (self->strings, N_PROPS);

  G_OBJECT_CLASS (ks_audit_entry_parent_class)->finalize (object);
}

static void
ks_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ks_string_record_get_property (KS_AUDIT_ENTRY (object)->strings, N_PROPS, object, prop_id, value, pspec);
}

static void
ks_audit_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ks_string_record_set_property (KS_AUDIT_ENTRY (object)->strings, N_PROPS, object, prop_id, value, pspec);
}

static void
ks_audit_entry_class_init (KsAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_audit_entry_finalize;
  object_class->get_property = ks_audit_entry_get_property;
  object_class->set_property = ks_audit_entry_set_property;

  properties[PROP_AT] = ks_string_record_pspec ("at");
  properties[PROP_WHO] = ks_string_record_pspec ("who");
  properties[PROP_RECORD_TABLE] = ks_string_record_pspec ("record-table");
  properties[PROP_RECORD_UUID] = ks_string_record_pspec ("record-uuid");
  properties[PROP_ACTION] = ks_string_record_pspec ("action");
  properties[PROP_CHANGES] = ks_string_record_pspec ("changes");
  properties[PROP_SOURCE] = ks_string_record_pspec ("source");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_audit_entry_init (KsAuditEntry *self)
{
}

const char *
ks_audit_entry_get_at (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_AT];
}

const char *
ks_audit_entry_get_who (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_WHO];
}

const char *
ks_audit_entry_get_record_table (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_RECORD_TABLE];
}

const char *
ks_audit_entry_get_record_uuid (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_RECORD_UUID];
}

const char *
ks_audit_entry_get_action (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_ACTION];
}

const char *
ks_audit_entry_get_changes (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_CHANGES];
}

const char *
ks_audit_entry_get_source (KsAuditEntry *self)
{
  g_return_val_if_fail (KS_IS_AUDIT_ENTRY (self), NULL);
  return self->strings[PROP_SOURCE];
}
