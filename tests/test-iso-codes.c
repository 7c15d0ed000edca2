/* test-iso-codes.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ks-error.h"
#include "ks-iso-codes.h"
#include "ks-test-common.h"

static void
test_country_codes (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_iso_codes_load (&error));
  g_assert_no_error (error);
  g_assert_true (ks_country_is_valid ("NL"));
  g_assert_true (ks_country_is_valid ("NZ"));
  g_assert_false (ks_country_is_valid ("nl"));
  g_assert_false (ks_country_is_valid ("XX"));
  g_assert_false (ks_country_is_valid (""));
  g_assert_false (ks_country_is_valid (NULL));
}

static void
test_country_names (void)
{
  g_assert_cmpstr (ks_country_get_name ("NL"), ==, "Netherlands");
  /* The common name, where iso-codes has one. */
  g_assert_cmpstr (ks_country_get_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (ks_country_get_name ("XX"), ==, "XX");
}

static void
test_country_lookup (void)
{
  g_assert_cmpstr (ks_country_lookup ("nl"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup ("NLD"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup ("netherlands"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup ("Switzerland"), ==, "CH");
  g_assert_null (ks_country_lookup ("Atlantis"));
  g_assert_null (ks_country_lookup (""));
}

static void
test_country_list_sorted (void)
{
  g_autoptr(GPtrArray) codes = ks_country_list ();

  g_assert_cmpuint (codes->len, >, 240);
  for (guint i = 1; i < codes->len; i++)
    g_assert_cmpint (g_utf8_collate (ks_country_get_name (g_ptr_array_index (codes, i - 1)),
                                     ks_country_get_name (g_ptr_array_index (codes, i))), <=, 0);
}

static void
test_country_validate_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_country_validate ("Country", "AU", &error));
  g_assert_false (ks_country_validate ("Country", "ZZ", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Country: “ZZ” is not an ISO 3166-1 country code");
}

static void
test_currencies (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_currency_is_valid ("IDR"));
  g_assert_true (ks_currency_is_valid ("EUR"));
  g_assert_true (ks_currency_is_valid ("USD"));
  g_assert_false (ks_currency_is_valid ("XYZ"));
  g_assert_cmpstr (ks_currency_get_name ("IDR"), ==, "Rupiah");
  g_assert_false (ks_currency_validate (NULL, "RP", &error));
  g_assert_cmpstr (error->message, ==, "“RP” is not an ISO 4217 currency code");
}

static void
test_names_in_indonesian (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "id", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      /* textdomain() again makes gettext notice the new LANGUAGE. */
      ks_test_init_i18n ();
      g_assert_cmpstr (ks_country_get_name ("NL"), ==, "Belanda");
      g_assert_cmpstr (ks_country_get_name ("CH"), ==, "Swiss");
      g_assert_cmpstr (ks_country_get_name ("KR"), ==, "Korea Selatan");
      g_assert_cmpstr (ks_country_lookup ("Belanda"), ==, "NL");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_missing_data (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = ks_test_make_tmpdir ();
      g_autoptr(GError) error = NULL;

      g_setenv ("KS_ISO_CODES_DIR", dir, TRUE);
      g_assert_false (ks_iso_codes_load (&error));
      g_assert_error (error, KS_ERROR, KS_ERROR_IO);
      g_assert_nonnull (strstr (error->message, dir));
      g_assert_false (ks_country_is_valid ("NL"));
      ks_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iso-codes/country/codes", test_country_codes);
  g_test_add_func ("/iso-codes/country/names", test_country_names);
  g_test_add_func ("/iso-codes/country/lookup", test_country_lookup);
  g_test_add_func ("/iso-codes/country/list-sorted", test_country_list_sorted);
  g_test_add_func ("/iso-codes/country/validate", test_country_validate_message);
  g_test_add_func ("/iso-codes/currency", test_currencies);
  g_test_add_func ("/iso-codes/indonesian", test_names_in_indonesian);
  g_test_add_func ("/iso-codes/missing-data", test_missing_data);

  return g_test_run ();
}
