/* ks-audit-entry.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-audit-entry"

#include "config.h"

#include "ks-audit-entry.h"

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

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (ks_audit_entry_parent_class)->finalize (object);
}

static void
ks_audit_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KsAuditEntry *self = KS_AUDIT_ENTRY (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_audit_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KsAuditEntry *self = KS_AUDIT_ENTRY (object);
  const char *text;

  if (prop_id <= PROP_0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  text = g_value_get_string (value);
  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (text != NULL ? text : "");
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                              G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
ks_audit_entry_class_init (KsAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_audit_entry_finalize;
  object_class->get_property = ks_audit_entry_get_property;
  object_class->set_property = ks_audit_entry_set_property;

  properties[PROP_AT] = string_pspec ("at");
  properties[PROP_WHO] = string_pspec ("who");
  properties[PROP_RECORD_TABLE] = string_pspec ("record-table");
  properties[PROP_RECORD_UUID] = string_pspec ("record-uuid");
  properties[PROP_ACTION] = string_pspec ("action");
  properties[PROP_CHANGES] = string_pspec ("changes");
  properties[PROP_SOURCE] = string_pspec ("source");

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
