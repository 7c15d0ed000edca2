/* test-audit-diff.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ks-audit-changes.h"
#include "ks-audit-diff.h"
#include "ks-error.h"
#include "ks-test-common.h"

static void
test_audit_diff_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diffs =
    ks_audit_diff_parse ("{\"title\":[null,\"Sister city\"],\"ends_on\":[\"2023-09-09\",\"2028-09-09\"],"
                         "\"apbd_amount\":[0,150000000]}", &error);
  KsAuditDiff *diff;

  g_assert_no_error (error);
  g_assert_cmpuint (diffs->len, ==, 3);

  diff = g_ptr_array_index (diffs, 0);
  g_assert_cmpstr (diff->field, ==, "title");
  g_assert_null (diff->old_value);
  g_assert_cmpstr (diff->new_value, ==, "Sister city");
  g_assert_false (diff->is_number);

  diff = g_ptr_array_index (diffs, 1);
  g_assert_cmpstr (diff->field, ==, "ends_on");
  g_assert_cmpstr (diff->old_value, ==, "2023-09-09");
  g_assert_cmpstr (diff->new_value, ==, "2028-09-09");

  diff = g_ptr_array_index (diffs, 2);
  g_assert_cmpstr (diff->old_value, ==, "0");
  g_assert_cmpstr (diff->new_value, ==, "150000000");
  g_assert_true (diff->is_number);
}

static void
test_audit_diff_empty_and_damaged (void)
{
  const char *bad[] = { "not json", "[1,2]", "{\"title\":\"x\"}", "{\"title\":[1]}",
                        "{\"title\":[\"a\",null]}", "{\"title\":[{},\"b\"]}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = ks_audit_diff_parse ("", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) diffs = ks_audit_diff_parse (bad[i], &error);

      g_assert_null (diffs);
      g_assert_error (error, KS_ERROR, KS_ERROR_DAMAGED);
      g_clear_error (&error);
    }
}

/* The history, the merge preview and the command line name fields alike. */
static void
test_field_labels (void)
{
  g_assert_cmpstr (ks_audit_field_get_label ("ends_on"), ==, "End date");
  g_assert_cmpstr (ks_audit_field_get_label ("apbd_amount"), ==, "Regional budget (APBD)");
  g_assert_cmpstr (ks_audit_field_get_label ("no_such_field"), ==, "no_such_field");
}

/* What ks_audit_changes_to_json() wrote when it went through json-glib. */
static char *
json_glib_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
add_pair (JsonObject *object,
          const char *field,
          const char *old_value,
          const char *new_value)
{
  JsonArray *pair = json_array_new ();

  if (old_value == NULL)
    json_array_add_null_element (pair);
  else
    json_array_add_string_element (pair, old_value);
  json_array_add_string_element (pair, new_value);
  json_object_set_array_member (object, field, pair);
}

/* The entries written directly are the ones json-glib wrote: every ASCII
 * character, text beyond it, numbers, and a field set twice. */
static void
test_changes_same_as_json_glib (void)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  const char *texts[] = { "Đà Nẵng – “Solo”", "\xe2\x80\xa8\xef\xbb\xbf\xf0\x9f\x98\x80", "a/b\\c", "" };
  const gint64 old_amount = -5;
  JsonArray *pair;

  for (int c = 1; c < 128; c++)
    g_string_append_c (ascii, (char) c);
  ks_audit_changes_add_string (changes, "title", NULL, ascii->str);
  add_pair (object, "title", NULL, ascii->str);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *field = g_strdup_printf ("field_%u", i);

      ks_audit_changes_add_string (changes, field, "old \"x\"", texts[i]);
      add_pair (object, field, "old \"x\"", texts[i]);
    }
  ks_audit_changes_add_int (changes, "apbd_amount", &old_amount, G_GINT64_CONSTANT (1) << 40);
  pair = json_array_new ();
  json_array_add_int_element (pair, old_amount);
  json_array_add_int_element (pair, G_GINT64_CONSTANT (1) << 40);
  json_object_set_array_member (object, "apbd_amount", pair);
  ks_audit_changes_add_string (changes, "title", "then", "again");
  add_pair (object, "title", "then", "again");

  expected = json_glib_text (object);
  got = ks_audit_changes_to_json (changes);
  g_assert_cmpstr (got, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-diff/parse", test_audit_diff_parse);
  g_test_add_func ("/audit-diff/empty-and-damaged", test_audit_diff_empty_and_damaged);
  g_test_add_func ("/audit-diff/field-labels", test_field_labels);
  g_test_add_func ("/audit-changes/same-as-json-glib", test_changes_same_as_json_glib);

  return g_test_run ();
}
