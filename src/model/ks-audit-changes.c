/* ks-audit-changes.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-audit"

#include "config.h"

#include <json-glib/json-glib.h>

#include "ks-audit-changes.h"

struct _KsAuditChanges
{
  JsonObject *object;
};

KsAuditChanges *
ks_audit_changes_new (void)
{
  KsAuditChanges *self = g_new0 (KsAuditChanges, 1);

  self->object = json_object_new ();
  return self;
}

void
ks_audit_changes_free (KsAuditChanges *self)
{
  if (self == NULL)
    return;

  json_object_unref (self->object);
  g_free (self);
}

/**
 * ks_audit_changes_add_string:
 * @old_value: (nullable): the stored value, or %NULL for a new record
 * @new_value: (nullable): the value written
 *
 * Records @field when its value changed; a new record lists only the
 * fields that are not empty, so the trail stays readable.
 */
void
ks_audit_changes_add_string (KsAuditChanges *self,
                             const char     *field,
                             const char     *old_value,
                             const char     *new_value)
{
  JsonArray *pair;

  if (new_value == NULL)
    new_value = "";
  if (old_value == NULL ? new_value[0] == '\0' : g_str_equal (old_value, new_value))
    return;

  pair = json_array_sized_new (2);
  if (old_value == NULL)
    json_array_add_null_element (pair);
  else
    json_array_add_string_element (pair, old_value);
  json_array_add_string_element (pair, new_value);
  json_object_set_array_member (self->object, field, pair);
}

/**
 * ks_audit_changes_add_int:
 * @old_value: (nullable): the stored value, or %NULL for a new record
 */
void
ks_audit_changes_add_int (KsAuditChanges *self,
                          const char     *field,
                          const gint64   *old_value,
                          gint64          new_value)
{
  JsonArray *pair;

  if (old_value == NULL ? new_value == 0 : *old_value == new_value)
    return;

  pair = json_array_sized_new (2);
  if (old_value == NULL)
    json_array_add_null_element (pair);
  else
    json_array_add_int_element (pair, *old_value);
  json_array_add_int_element (pair, new_value);
  json_object_set_array_member (self->object, field, pair);
}

gboolean
ks_audit_changes_is_empty (KsAuditChanges *self)
{
  return json_object_get_size (self->object) == 0;
}

/**
 * ks_audit_changes_to_json:
 *
 * Returns: (transfer full): the compact JSON text, "" when nothing changed
 */
char *
ks_audit_changes_to_json (KsAuditChanges *self)
{
  g_autoptr(JsonNode) node = NULL;

  if (ks_audit_changes_is_empty (self))
    return g_strdup ("");

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, self->object);
  return json_to_string (node, FALSE);
}
