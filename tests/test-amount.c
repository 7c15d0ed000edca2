/* test-amount.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-amount.h"
#include "ks-error.h"
#include "ks-test-common.h"

static gint64
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (ks_amount_parse (text, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_amount_parse_both_languages (void)
{
  g_assert_cmpint (parse (""), ==, 0);
  g_assert_cmpint (parse ("1500000"), ==, 150000000);
  g_assert_cmpint (parse ("1.500.000"), ==, 150000000);
  g_assert_cmpint (parse ("1,500,000"), ==, 150000000);
  g_assert_cmpint (parse ("1.500.000,50"), ==, 150000050);
  g_assert_cmpint (parse ("1,500,000.50"), ==, 150000050);
  g_assert_cmpint (parse (" 12,5 "), ==, 1250);
  g_assert_cmpint (parse ("1.500"), ==, 150000);
  g_assert_cmpint (parse ("0.05"), ==, 5);
}

static void
test_amount_parse_refuses (void)
{
  const char *bad[] = { "-5", "abc", "1.50.000", "1234.567", "1.2.3", ",50", "1..500", "Rp 5",
                        "99999999999999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value;

      g_assert_false (ks_amount_parse (bad[i], &value, &error));
      g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_amount_format (void)
{
  g_autofree char *whole = ks_amount_format (150000000);
  g_autofree char *cents = ks_amount_format (1250);
  g_autofree char *small = ks_amount_format (5);
  g_autofree char *zero = ks_amount_format (0);
  g_autofree char *money = ks_amount_format_with_currency (150000000, "IDR");

  g_assert_cmpstr (whole, ==, "1,500,000");
  g_assert_cmpstr (cents, ==, "12.50");
  g_assert_cmpstr (small, ==, "0.05");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (money, ==, "IDR 1,500,000");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/amount/parse-both-languages", test_amount_parse_both_languages);
  g_test_add_func ("/amount/parse-refuses", test_amount_parse_refuses);
  g_test_add_func ("/amount/format", test_amount_format);

  return g_test_run ();
}
