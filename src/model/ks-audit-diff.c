/* ks-audit-diff.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-audit"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ks-audit-diff.h"
#include "ks-error.h"

void
ks_audit_diff_free (KsAuditDiff *diff)
{
  if (diff == NULL)
    return;

  g_free (diff->field);
  g_free (diff->old_value);
  g_free (diff->new_value);
  g_free (diff);
}

/* Strings and numbers as text; null (a new record's "before") as %NULL. */
static gboolean
read_value (JsonArray  *pair,
            guint       index,
            char      **value,
            gboolean   *is_number)
{
  JsonNode *node = json_array_get_element (pair, index);

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      *value = g_strdup (json_node_get_string (node));
      return TRUE;
    case G_TYPE_INT64:
      *value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      *is_number = TRUE;
      return TRUE;
    default:
      return FALSE;
    }
}

static KsAuditDiff *
diff_from_member (const char *field,
                  JsonNode   *node)
{
  g_autoptr(KsAuditDiff) diff = g_new0 (KsAuditDiff, 1);
  JsonArray *pair;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  pair = json_node_get_array (node);
  diff->field = g_strdup (field);
  if (json_array_get_length (pair) != 2 ||
      !read_value (pair, 0, &diff->old_value, &diff->is_number) ||
      !read_value (pair, 1, &diff->new_value, &diff->is_number) ||
      diff->new_value == NULL)
    return NULL;

  return g_steal_pointer (&diff);
}

static GPtrArray *
set_malformed (GError **error)
{
  g_set_error (error, KS_ERROR, KS_ERROR_DAMAGED,
               _("The audit trail holds a change that cannot be read."));
  return NULL;
}

/**
 * ks_audit_diff_parse:
 * @changes: an audit entry's "changes": a JSON object mapping each field
 *   to [old, new], or "" when the entry lists none
 *
 * Returns: (transfer container) (element-type KsAuditDiff) (nullable): the
 *   fields in the order the entry lists them, or %NULL with
 *   %KS_ERROR_DAMAGED when @changes is not what the stores write
 */
GPtrArray *
ks_audit_diff_parse (const char  *changes,
                     GError     **error)
{
  g_autoptr(GPtrArray) diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_audit_diff_free);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (changes != NULL, NULL);

  if (changes[0] == '\0')
    return g_steal_pointer (&diffs);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, changes, -1, NULL))
    return set_malformed (error);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return set_malformed (error);

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      KsAuditDiff *diff = diff_from_member (l->data, json_object_get_member (object, l->data));

      if (diff == NULL)
        return set_malformed (error);
      g_ptr_array_add (diffs, diff);
    }

  return g_steal_pointer (&diffs);
}
