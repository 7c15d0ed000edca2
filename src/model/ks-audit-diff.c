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

/* The fields the stores write, named as the editor names them. */
static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "region", NC_("history field", "Region") },
  { "parent", NC_("history field", "Follows") },
  { "agreement", NC_("history field", "Agreement") },
  { "title", NC_("history field", "Title") },
  { "description", NC_("history field", "Description") },
  { "form", NC_("history field", "Form") },
  { "document", NC_("history field", "Document") },
  { "stage", NC_("history field", "Stage") },
  { "signed_on", NC_("history field", "Signed") },
  { "starts_on", NC_("history field", "Start date") },
  { "ends_on", NC_("history field", "End date") },
  { "reported_by_agency_on", NC_("history field", "Reported by the agency") },
  { "reported_to_center_on", NC_("history field", "Reported to the central government") },
  { "dprd_approved_on", NC_("history field", "Approved by the DPRD") },
  { "apbd_amount", NC_("history field", "Regional budget (APBD)") },
  { "partner_amount", NC_("history field", "Partner contribution") },
  { "partner_currency", NC_("history field", "Partner currency") },
  { "region_doc_number", NC_("history field", "Region’s document number") },
  { "partner_doc_number", NC_("history field", "Partner’s document number") },
  { "notes", NC_("history field", "Notes") },
  { "local_parties", NC_("history field", "Local parties") },
  { "partners", NC_("history field", "Partners") },
  { "sectors", NC_("history field", "Sectors") },
  { "obstacles", NC_("history field", "Obstacles") },
  { "people", NC_("history field", "People") },
  { "procedure", NC_("history field", "Procedure") },
  { "occurred_on", NC_("history field", "Date") },
  { "kind", NC_("history field", "Kind") },
  { "cost_amount", NC_("history field", "Cost") },
  { "cost_currency", NC_("history field", "Currency") },
  { "new_stage", NC_("history field", "New stage") },
  { "old_ends_on", NC_("history field", "Old end date") },
  { "new_ends_on", NC_("history field", "New end date") },
  { "name", NC_("history field", "Name") },
  { "mime_type", NC_("history field", "Type") },
  { "size", NC_("history field", "Size") },
  { "sha256", NC_("history field", "Checksum") },
};

/**
 * ks_audit_field_get_label:
 * @field: a field key as the stores write it ("ends_on")
 *
 * Returns: the field's name for staff ("End date"), translated, or
 *   @field itself when it is not known
 */
const char *
ks_audit_field_get_label (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].field, field))
      return g_dpgettext2 (GETTEXT_PACKAGE, "history field", field_labels[i].label);

  return field;
}
