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

/* The members are written one after the other into one string, with no
 * text of their own to allocate and join: an import builds some forty
 * for every row. */
typedef struct
{
  gsize start;      /* in json, of the quoted field name */
  gsize key_len;    /* of the quoted field name */
  gsize len;        /* of "\"field\":[old,new]" */
} Member;

struct _KsAuditChanges
{
  GString *json;         /* "{" and the members, comma-separated */
  GArray  *members;      /* of Member, in json's order */
};

KsAuditChanges *
ks_audit_changes_new (void)
{
  KsAuditChanges *self = g_new0 (KsAuditChanges, 1);

  self->json = g_string_sized_new (128);
  g_string_append_c (self->json, '{');
  self->members = g_array_new (FALSE, FALSE, sizeof (Member));
  return self;
}

void
ks_audit_changes_free (KsAuditChanges *self)
{
  if (self == NULL)
    return;

  g_string_free (self->json, TRUE);
  g_array_unref (self->members);
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

/* Replaces @old's text with the member just written at @start, the
 * end of json. */
static void
replace_member (KsAuditChanges *self,
                guint           old,
                gsize           start)
{
  Member *member = &g_array_index (self->members, Member, old);
  gsize len = self->json->len - start;
  g_autofree char *text = g_strndup (self->json->str + start, len);

  /* The comma before the new member goes too. */
  g_string_truncate (self->json, start - 1);
  g_string_erase (self->json, member->start, member->len);
  g_string_insert_len (self->json, member->start, text, len);
  for (guint i = old + 1; i < self->members->len; i++)
    {
      Member *next = &g_array_index (self->members, Member, i);

      next->start = next->start - member->len + len;
    }
  member->len = len;
}

/* Ends the member begun by start_member() at @start.  A field set twice
 * keeps its first place and its last value, as a JsonObject does. */
static void
end_member (KsAuditChanges *self,
            gsize           start,
            gsize           key_len)
{
  const char *key = self->json->str + start;
  Member member = { start, key_len, self->json->len - start };

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *other = &g_array_index (self->members, Member, i);

      if (other->key_len == key_len && memcmp (self->json->str + other->start, key, key_len) == 0)
        {
          replace_member (self, i, start);
          return;
        }
    }

  g_array_append_val (self->members, member);
}

/* Returns where the member starts; @key_len: (out): the length of the
 * quoted field name */
static gsize
start_member (KsAuditChanges *self,
              const char     *field,
              gsize          *key_len)
{
  gsize start;

  if (self->members->len > 0)
    g_string_append_c (self->json, ',');
  start = self->json->len;
  append_string (self->json, field);
  *key_len = self->json->len - start;
  g_string_append (self->json, ":[");
  return start;
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
  gsize start, key_len;

  if (new_value == NULL)
    new_value = "";
  if (old_value == NULL ? new_value[0] == '\0' : g_str_equal (old_value, new_value))
    return;

  start = start_member (self, field, &key_len);
  if (old_value == NULL)
    g_string_append (self->json, "null");
  else
    append_string (self->json, old_value);
  g_string_append_c (self->json, ',');
  append_string (self->json, new_value);
  g_string_append_c (self->json, ']');
  end_member (self, start, key_len);
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
  gsize start, key_len;

  if (old_value == NULL ? new_value == 0 : *old_value == new_value)
    return;

  start = start_member (self, field, &key_len);
  if (old_value == NULL)
    g_string_append (self->json, "null");
  else
    g_string_append_printf (self->json, "%" G_GINT64_FORMAT, *old_value);
  g_string_append_printf (self->json, ",%" G_GINT64_FORMAT "]", new_value);
  end_member (self, start, key_len);
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
  if (ks_audit_changes_is_empty (self))
    return g_strdup ("");

  return g_strconcat (self->json->str, "}", NULL);
}
