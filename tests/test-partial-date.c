/* test-partial-date.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ks-error.h"
#include "ks-partial-date.h"
#include "ks-test-common.h"

static void
assert_valid (const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_partial_date_validate (text, &error));
  g_assert_no_error (error);
}

static void
assert_invalid (const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_partial_date_validate (text, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, text));
}

static void
test_valid_precisions (void)
{
  assert_valid ("");
  assert_valid ("2012");
  assert_valid ("2017-04");
  assert_valid ("2015-09-10");
}

static void
test_impossible_days (void)
{
  assert_invalid ("2015-02-30");
  assert_invalid ("2015-02-29");
  assert_valid ("2016-02-29");
  assert_invalid ("2017-04-31");
  assert_invalid ("2017-13");
  assert_invalid ("2017-00");
}

static void
test_malformed (void)
{
  assert_invalid ("15");
  assert_invalid ("2015-9");
  assert_invalid ("2015-09-1");
  assert_invalid ("2015/09/10");
  assert_invalid ("2015-09-10T00");
  assert_invalid ("sekarang");
  assert_invalid ("1066");
}

static void
assert_human (const char *typed,
              const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  KsPartialDate date;

  g_assert_true (ks_partial_date_parse_human (typed, &date, &error));
  g_assert_no_error (error);
  result = ks_partial_date_to_iso (&date);
  g_assert_cmpstr (result, ==, iso);
}

static void
test_human_forms (void)
{
  assert_human ("2015-09-10", "2015-09-10");
  assert_human ("10/9/2015", "2015-09-10");
  assert_human ("10-9-2015", "2015-09-10");
  assert_human ("10 September 2015", "2015-09-10");
  assert_human ("10 Sept 2015", "2015-09-10");
  assert_human ("Sept 2015", "2015-09");
  assert_human ("sep. 2015", "2015-09");
  assert_human ("April 2017", "2017-04");
  assert_human ("  2015 ", "2015");
}

static void
test_human_indonesian (void)
{
  assert_human ("30 Oktober 2017", "2017-10-30");
  assert_human ("Agustus 2016", "2016-08");
  assert_human ("1 Mei 2015", "2015-05-01");
  assert_human ("25 Desember 2015", "2015-12-25");
  assert_human ("Pebruari 2014", "2014-02");
}

static void
test_human_refused (void)
{
  g_autoptr(GError) error = NULL;
  KsPartialDate date;

  g_assert_false (ks_partial_date_parse_human ("31/2/2015", &date, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (ks_partial_date_parse_human ("akan dijajaki", &date, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
}

static void
test_compare_by_first_day (void)
{
  g_assert_cmpint (ks_partial_date_compare ("2015", "2015-06"), <, 0);
  g_assert_cmpint (ks_partial_date_compare ("2015-06", "2015"), >, 0);
  g_assert_cmpint (ks_partial_date_compare ("2015-01", "2015"), ==, 0);
  g_assert_cmpint (ks_partial_date_compare ("2016", "2015-12-31"), >, 0);
  g_assert_cmpint (ks_partial_date_compare ("", "2015"), <, 0);
}

static void
test_first_and_last_day (void)
{
  GDate first, last;

  g_assert_true (ks_partial_date_first_day ("2017-04", &first));
  g_assert_true (ks_partial_date_last_day ("2017-04", &last));
  g_assert_cmpint (g_date_get_day (&first), ==, 1);
  g_assert_cmpint (g_date_get_day (&last), ==, 30);
  g_assert_true (ks_partial_date_last_day ("2016-02", &last));
  g_assert_cmpint (g_date_get_day (&last), ==, 29);
  g_assert_false (ks_partial_date_first_day ("", &first));
}

static void
test_overlap_edges (void)
{
  /* Period 2012–2017. */
  g_assert_true (ks_period_overlaps_years ("2017-12-31", "", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("2018", "", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("", "2012", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("2005", "2011-12", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("2005", "", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("", "", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("2015-01-01", "2015-12-31", 2015, 2015));
  g_assert_true (ks_period_overlaps_years ("2030", "", 0, 0));
}

static void
test_months_since (void)
{
  GDate today;

  g_date_set_dmy (&today, 1, G_DATE_NOVEMBER, 2017);
  g_assert_cmpint (ks_partial_date_months_since ("2015-09-25", &today), ==, 25);
  g_assert_cmpint (ks_partial_date_months_since ("2017", &today), <, 0);
  g_assert_cmpint (ks_partial_date_months_since ("", &today), ==, G_MININT);
}

static void
test_ends_within (void)
{
  GDate today;

  g_date_set_dmy (&today, 1, G_DATE_NOVEMBER, 2017);
  g_assert_true (ks_partial_date_ends_within_months ("2018-03", &today, 6));
  g_assert_false (ks_partial_date_ends_within_months ("2018-03", &today, 3));
  g_assert_false (ks_partial_date_ends_within_months ("2017-10", &today, 6));
  g_assert_false (ks_partial_date_ends_within_months ("", &today, 6));
}

static void
test_format_english (void)
{
  g_autofree char *day = ks_partial_date_format ("2015-09-10");
  g_autofree char *month = ks_partial_date_format ("2017-04");
  g_autofree char *year = ks_partial_date_format ("2015");
  g_autofree char *ongoing = ks_period_format ("2012", "");
  g_autofree char *closed = ks_period_format ("2015-01-01", "2015-12-31");
  g_autofree char *until = ks_period_format ("", "2017");
  g_autofree char *none = ks_period_format ("", "");

  g_assert_cmpstr (day, ==, "10 September 2015");
  g_assert_cmpstr (month, ==, "April 2017");
  g_assert_cmpstr (year, ==, "2015");
  g_assert_cmpstr (ongoing, ==, "2012 – present");
  g_assert_cmpstr (closed, ==, "1 January 2015 – 31 December 2015");
  g_assert_cmpstr (until, ==, "until 2017");
  g_assert_cmpstr (none, ==, "");
}

static void
test_format_indonesian (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *ongoing = NULL;
      g_autofree char *renewal = NULL;

      g_setenv ("LANGUAGE", "id", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      ks_test_init_i18n ();
      ongoing = ks_period_format ("2015-09-10", "");
      renewal = ks_partial_date_format ("2017-10-30");
      g_assert_cmpstr (ongoing, ==, "10 September 2015 – sekarang");
      g_assert_cmpstr (renewal, ==, "30 Oktober 2017");
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

  g_test_add_func ("/partial-date/valid", test_valid_precisions);
  g_test_add_func ("/partial-date/impossible-days", test_impossible_days);
  g_test_add_func ("/partial-date/malformed", test_malformed);
  g_test_add_func ("/partial-date/human/forms", test_human_forms);
  g_test_add_func ("/partial-date/human/indonesian", test_human_indonesian);
  g_test_add_func ("/partial-date/human/refused", test_human_refused);
  g_test_add_func ("/partial-date/compare", test_compare_by_first_day);
  g_test_add_func ("/partial-date/first-last-day", test_first_and_last_day);
  g_test_add_func ("/partial-date/overlap", test_overlap_edges);
  g_test_add_func ("/partial-date/months-since", test_months_since);
  g_test_add_func ("/partial-date/ends-within", test_ends_within);
  g_test_add_func ("/partial-date/format/english", test_format_english);
  g_test_add_func ("/partial-date/format/indonesian", test_format_indonesian);

  return g_test_run ();
}
