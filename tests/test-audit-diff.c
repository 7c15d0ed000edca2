/* test-audit-diff.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-diff/parse", test_audit_diff_parse);
  g_test_add_func ("/audit-diff/empty-and-damaged", test_audit_diff_empty_and_damaged);
  g_test_add_func ("/audit-diff/field-labels", test_field_labels);

  return g_test_run ();
}
