/* ks-audit-changes.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-audit"

#include "config.h"

#include <string.h>

#include "ks-audit-changes.h"

/*
 * The text is written directly rather than through a JsonObject and
 * JsonGenerator: an import writes one entry per record, and building
 * and serializing the tree cost more than the row it describes.  The
 * output is byte for byte what json-glib 1.6 writes (compact, members in
 * the order added, its escapes), so that entries stay comparable; the
 * test "/audit-changes/same-as-json-glib" holds it to that.
 */

struct _KsAuditChanges
{
  GPtrArray *members;    /* "\"field\":[old,new]" */
};

KsAuditChanges *
ks_audit_changes_new (void)
{
  KsAuditChanges *self = g_new0 (KsAuditChanges, 1);

  self->members = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
ks_audit_changes_free (KsAuditChanges *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->members);
  g_free (self);
}

/* json-glib's escapes: the short forms, \u00XX for other controls below
 * U+001F and for U+007F; U+001F itself and all non-ASCII text as is. */
static void
append_string (GString    *out,
               const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case 0x1f: g_string_append_c (out, c); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      if (escape != NULL)
        g_string_append (out, escape);
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* A field set twice keeps its first place and its last value, as a
 * JsonObject does. */
static void
add_member (KsAuditChanges *self,
            GString        *member,
            gsize           key_len)
{
  for (guint i = 0; i < self->members->len; i++)
    {
      char **slot = (char **) &g_ptr_array_index (self->members, i);

      if (strncmp (*slot, member->str, key_len) == 0 && (*slot)[key_len] == ':')
        {
          g_free (*slot);
          *slot = g_string_free (member, FALSE);
          return;
        }
    }

  g_ptr_array_add (self->members, g_string_free (member, FALSE));
}

/* @key_len: (out): the length of the quoted field name */
static GString *
start_member (const char *field,
              gsize      *key_len)
{
  GString *member = g_string_sized_new (64);

  append_string (member, field);
  *key_len = member->len;
  g_string_append (member, ":[");
  return member;
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
  GString *member;
  gsize key_len;

  if (new_value == NULL)
    new_value = "";
  if (old_value == NULL ? new_value[0] == '\0' : g_str_equal (old_value, new_value))
    return;

  member = start_member (field, &key_len);
  if (old_value == NULL)
    g_string_append (member, "null");
  else
    append_string (member, old_value);
  g_string_append_c (member, ',');
  append_string (member, new_value);
  g_string_append_c (member, ']');
  add_member (self, member, key_len);
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
  GString *member;
  gsize key_len;

  if (old_value == NULL ? new_value == 0 : *old_value == new_value)
    return;

  member = start_member (field, &key_len);
  if (old_value == NULL)
    g_string_append (member, "null");
  else
    g_string_append_printf (member, "%" G_GINT64_FORMAT, *old_value);
  g_string_append_printf (member, ",%" G_GINT64_FORMAT "]", new_value);
  add_member (self, member, key_len);
}

gboolean
ks_audit_changes_is_empty (KsAuditChanges *self)
{
  return self->members->len == 0;
}

/**
 * ks_audit_changes_to_json:
 *
 * Returns: (transfer full): the compact JSON text, "" when nothing changed
 */
char *
ks_audit_changes_to_json (KsAuditChanges *self)
{
  GString *out;

  if (ks_audit_changes_is_empty (self))
    return g_strdup ("");

  out = g_string_sized_new (256);
  g_string_append_c (out, '{');
  for (guint i = 0; i < self->members->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (self->members, i));
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
