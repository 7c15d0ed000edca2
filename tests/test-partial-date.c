/* test-partial-date.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-error.h"
#include "ks-partial-date.h"
#include "ks-test-common.h"

/* ------------------------------------------------------------------ */
/* Helpers */

static void
assert_iso (const char      *text,
            int              year,
            int              month,
            int              day,
            KsDatePrecision  precision)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;
  KsPartialDate date = { -1, -1, -1 };

  g_assert_true (ks_partial_date_parse_iso (text, &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (date.year, ==, year);
  g_assert_cmpint (date.month, ==, month);
  g_assert_cmpint (date.day, ==, day);
  g_assert_cmpint (ks_partial_date_get_precision (&date), ==, precision);

  back = ks_partial_date_to_iso (&date);
  g_assert_cmpstr (back, ==, text != NULL ? text : "");
}

/* The message names the text and says why; @out is left alone. */
static void
assert_iso_error (const char *text,
                  const char *why)
{
  g_autoptr(GError) error = NULL;
  KsPartialDate date = { 1, 2, 3 };
  g_autofree char *quoted = g_strdup_printf ("“%s”", text);

  g_assert_false (ks_partial_date_parse_iso (text, &date, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, quoted));
  if (strstr (error->message, why) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", text, why, error->message);
  g_assert_cmpint (date.year, ==, 1);
  g_assert_cmpint (date.month, ==, 2);
  g_assert_cmpint (date.day, ==, 3);
}

static void
assert_human (const char *typed,
              const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  KsPartialDate date = { -1, -1, -1 };

  if (!ks_partial_date_parse_human (typed, &date, &error))
    g_error ("“%s” was refused: %s", typed, error->message);
  result = ks_partial_date_to_iso (&date);
  if (g_strcmp0 (result, iso) != 0)
    g_error ("“%s” read as “%s”, expected “%s”", typed, result, iso);
}

static void
assert_human_error (const char *typed,
                    int         code,
                    const char *why)
{
  g_autoptr(GError) error = NULL;
  KsPartialDate date = { 1, 2, 3 };

  if (ks_partial_date_parse_human (typed, &date, &error))
    g_error ("“%s” was accepted as %d-%d-%d", typed, date.year, date.month, date.day);
  g_assert_error (error, KS_ERROR, code);
  if (why != NULL && strstr (error->message, why) == NULL)
    g_error ("“%s”: expected “%s” in “%s”", typed, why, error->message);
  g_assert_cmpint (date.year, ==, 1);
}

static void
assert_format (const char *iso,
               const char *expected)
{
  g_autofree char *shown = ks_partial_date_format (iso);

  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_period (const char *starts_on,
               const char *ends_on,
               gboolean    ongoing,
               const char *expected)
{
  g_autofree char *shown = ks_period_format (starts_on, ends_on, ongoing);

  g_assert_cmpstr (shown, ==, expected);
}

static GDate *
day (int year,
     int month,
     int day_of_month)
{
  return g_date_new_dmy ((GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year);
}

static void
assert_bounds (const char *iso,
               const char *first,
               const char *last)
{
  GDate date;
  char text[16];

  g_assert_true (ks_partial_date_first_day (iso, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, first);
  g_assert_true (ks_partial_date_last_day (iso, &date));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  g_assert_cmpstr (text, ==, last);
}

/* Runs the calling test again in a child with LANGUAGE=id and the
 * catalogue from KS_TEST_LOCALEDIR; returns TRUE in that child only. */
static gboolean
in_indonesian (void)
{
  if (g_getenv ("KS_TEST_LOCALEDIR") == NULL)
    {
      g_test_skip ("KS_TEST_LOCALEDIR does not name a compiled catalogue");
      return FALSE;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }

  g_setenv ("LANGUAGE", "id", TRUE);
  ks_test_init_i18n ();
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Storage form */

static void
test_iso_empty (void)
{
  assert_iso ("", 0, 0, 0, KS_DATE_PRECISION_NONE);
  assert_iso (NULL, 0, 0, 0, KS_DATE_PRECISION_NONE);
  g_assert_true (ks_partial_date_validate ("", NULL));
}

static void
test_iso_precisions (void)
{
  assert_iso ("2012", 2012, 0, 0, KS_DATE_PRECISION_YEAR);
  assert_iso ("2017-04", 2017, 4, 0, KS_DATE_PRECISION_MONTH);
  assert_iso ("2015-09-10", 2015, 9, 10, KS_DATE_PRECISION_DAY);
  assert_iso ("1905-01-02", 1905, 1, 2, KS_DATE_PRECISION_DAY);
}

static void
test_iso_invalid_day (void)
{
  assert_iso_error ("2015-02-30", "February 2015 has 28 days");
  assert_iso_error ("2017-04-31", "April 2017 has 30 days");
  assert_iso_error ("2015-09-00", "September 2015 has 30 days");
  assert_iso_error ("2015-12-32", "December 2015 has 31 days");
  assert_iso ("2015-12-31", 2015, 12, 31, KS_DATE_PRECISION_DAY);
}

static void
test_iso_leap_day (void)
{
  assert_iso ("2016-02-29", 2016, 2, 29, KS_DATE_PRECISION_DAY);
  assert_iso ("2000-02-29", 2000, 2, 29, KS_DATE_PRECISION_DAY);
  assert_iso_error ("2015-02-29", "February 2015 has 28 days");
  assert_iso_error ("2100-02-29", "February 2100 has 28 days");
  assert_iso_error ("2016-02-30", "February 2016 has 29 days");
}

static void
test_iso_month_range (void)
{
  assert_iso_error ("2017-13", "months run from 1 to 12");
  assert_iso_error ("2017-00", "months run from 1 to 12");
  assert_iso_error ("2017-13-01", "months run from 1 to 12");
  assert_iso_error ("2017-00-10", "months run from 1 to 12");
}

static void
test_iso_year_range (void)
{
  assert_iso ("1900", 1900, 0, 0, KS_DATE_PRECISION_YEAR);
  assert_iso ("2200-12-31", 2200, 12, 31, KS_DATE_PRECISION_DAY);
  assert_iso_error ("1899-12-31", "the year must be between 1900 and 2200");
  assert_iso_error ("2201", "the year must be between 1900 and 2200");
  assert_iso_error ("1066", "the year must be between 1900 and 2200");
  assert_iso_error ("0000", "the year must be between 1900 and 2200");
}

static void
test_iso_garbage (void)
{
  const char *texts[] = { "sekarang", "15", "abcd", "2015/09/10", "10-09-2015", "201a", "—", "2015-ab" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_iso_error (texts[i], "write it as 2015, 2015-09 or 2015-09-10");
}

static void
test_iso_trailing_junk (void)
{
  const char *texts[] = {
    "2015-09-10T00", "2015 ", " 2015", "2015-", "2015-09-", "2015-9", "2015-09-1", "2015-09-10-",
    "20150", "2015-09-100",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_iso_error (texts[i], "write it as 2015, 2015-09 or 2015-09-10");
}

static void
test_to_iso_padding (void)
{
  KsPartialDate year = { 2012, 0, 0 };
  KsPartialDate month = { 1905, 1, 0 };
  KsPartialDate date = { 1905, 1, 2 };
  KsPartialDate none = { 0 };
  g_autofree char *year_iso = ks_partial_date_to_iso (&year);
  g_autofree char *month_iso = ks_partial_date_to_iso (&month);
  g_autofree char *date_iso = ks_partial_date_to_iso (&date);
  g_autofree char *none_iso = ks_partial_date_to_iso (&none);

  g_assert_cmpstr (year_iso, ==, "2012");
  g_assert_cmpstr (month_iso, ==, "1905-01");
  g_assert_cmpstr (date_iso, ==, "1905-01-02");
  g_assert_cmpstr (none_iso, ==, "");
}

/* ------------------------------------------------------------------ */
/* What staff type */

static void
test_human_iso (void)
{
  assert_human ("2015-09-10", "2015-09-10");
  assert_human ("2017-04", "2017-04");
  assert_human ("2015", "2015");
}

static void
test_human_numeric_day_first (void)
{
  assert_human ("10/9/2015", "2015-09-10");
  assert_human ("10-9-2015", "2015-09-10");
  assert_human ("10.9.2015", "2015-09-10");
  assert_human ("01/02/2015", "2015-02-01");
  assert_human ("1/2/2015", "2015-02-01");
}

static void
test_human_numeric_year_first (void)
{
  assert_human ("2015-9-10", "2015-09-10");
  assert_human ("2015/09/10", "2015-09-10");
}

static void
test_human_numeric_month_year (void)
{
  assert_human ("9/2015", "2015-09");
  assert_human ("09-2015", "2015-09");
  assert_human ("2015/9", "2015-09");
}

static void
test_human_english_names (void)
{
  assert_human ("10 September 2015", "2015-09-10");
  assert_human ("April 2017", "2017-04");
  assert_human ("1 January 2015", "2015-01-01");
  assert_human ("February 2016", "2016-02");
  assert_human ("March 2016", "2016-03");
  assert_human ("31 May 2016", "2016-05-31");
  assert_human ("June 2016", "2016-06");
  assert_human ("July 2016", "2016-07");
  assert_human ("August 2016", "2016-08");
  assert_human ("October 2017", "2017-10");
  assert_human ("November 2017", "2017-11");
  assert_human ("31 December 2015", "2015-12-31");
}

static void
test_human_english_month_first (void)
{
  assert_human ("September 10, 2015", "2015-09-10");
  assert_human ("September 10 2015", "2015-09-10");
  assert_human ("Sept 10, 2015", "2015-09-10");
}

static void
test_human_indonesian_names (void)
{
  assert_human ("1 Januari 2015", "2015-01-01");
  assert_human ("Februari 2014", "2014-02");
  assert_human ("Pebruari 2014", "2014-02");
  assert_human ("Maret 2016", "2016-03");
  assert_human ("1 Mei 2015", "2015-05-01");
  assert_human ("Juni 2016", "2016-06");
  assert_human ("Juli 2016", "2016-07");
  assert_human ("17 Agustus 2016", "2016-08-17");
  assert_human ("30 Oktober 2017", "2017-10-30");
  assert_human ("Nopember 2017", "2017-11");
  assert_human ("25 Desember 2015", "2015-12-25");
}

static void
test_human_abbreviations (void)
{
  const struct { const char *typed; const char *iso; } cases[] = {
    { "Jan 2015", "2015-01" }, { "Feb 2015", "2015-02" }, { "Peb 2015", "2015-02" },
    { "Mar 2015", "2015-03" }, { "Mrt 2015", "2015-03" }, { "Apr 2017", "2017-04" },
    { "Jun 2015", "2015-06" }, { "Jul 2015", "2015-07" }, { "Agu 2015", "2015-08" },
    { "Agt 2015", "2015-08" }, { "Ags 2015", "2015-08" }, { "Aug 2015", "2015-08" },
    { "Sept 2015", "2015-09" }, { "Sep 2015", "2015-09" }, { "10 Sept 2015", "2015-09-10" },
    { "Okt 2015", "2015-10" }, { "Oct 2015", "2015-10" }, { "Nov 2015", "2015-11" },
    { "Nop 2015", "2015-11" }, { "Des 2015", "2015-12" }, { "Dec 2015", "2015-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_human (cases[i].typed, cases[i].iso);
}

static void
test_human_trailing_dot (void)
{
  assert_human ("Sept. 2015", "2015-09");
  assert_human ("10 Agt. 2016", "2016-08-10");
  assert_human ("des. 2015", "2015-12");
  assert_human_error ("Sept.. 2015", KS_ERROR_PARSE, "Sept..");
}

static void
test_human_case_and_space (void)
{
  assert_human ("  10 SEPTEMBER 2015 ", "2015-09-10");
  assert_human ("\tapril   2017\n", "2017-04");
  assert_human ("10\u00a0Oktober\u00a02017", "2017-10-10");
  assert_human ("10 september, 2015", "2015-09-10");
  assert_human (" 2015 ", "2015");
  assert_human ("aGuStUs 2016", "2016-08");
}

static void
test_human_empty (void)
{
  assert_human ("", "");
  assert_human ("   ", "");
  assert_human (NULL, "");
}

static void
test_human_impossible (void)
{
  assert_human_error ("31/2/2015", KS_ERROR_INVALID, "February 2015 has 28 days");
  assert_human_error ("29 Februari 2015", KS_ERROR_INVALID, "February 2015 has 28 days");
  assert_human_error ("2015-02-30", KS_ERROR_INVALID, "“2015-02-30”");
  assert_human_error ("9/13/2015", KS_ERROR_INVALID, "months run from 1 to 12");
  assert_human_error ("0 April 2017", KS_ERROR_INVALID, "April 2017 has 30 days");
  assert_human_error ("12 Mei 1850", KS_ERROR_INVALID, "the year must be between 1900 and 2200");
}

static void
test_human_unknown_month (void)
{
  assert_human_error ("10 Septmber 2015", KS_ERROR_PARSE, "there is no month called “Septmber”");
  assert_human_error ("Sekarang 2015", KS_ERROR_PARSE, "there is no month called “Sekarang”");
}

static void
test_human_refused (void)
{
  const char *texts[] = {
    "akan dijajaki November 2017", "sekarang", "10/9/15", "10/9-2015", "2015 September",
    "September", "1 2 3", "10 9 2015", "10//2015", "2015-09-10-01", "20150910", "-2015",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_human_error (texts[i], KS_ERROR_PARSE, texts[i]);
}

/* ------------------------------------------------------------------ */
/* Order and the days a date covers */

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return ks_partial_date_compare (*(const char **) a, *(const char **) b);
}

static void
test_compare_mixed_precision (void)
{
  const char *sorted[] = {
    "", "2014-12-31", "2015", "2015-01", "2015-01-01", "2015-01-02", "2015-02", "2015-10",
    "2015-10-01", "2015-12-31", "2016",
  };
  const char *shuffled[G_N_ELEMENTS (sorted)];

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    shuffled[i] = sorted[(i * 7) % G_N_ELEMENTS (sorted)];
  qsort (shuffled, G_N_ELEMENTS (shuffled), sizeof shuffled[0], compare_cb);
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    g_assert_cmpstr (shuffled[i], ==, sorted[i]);
}

static void
test_compare_matches_text (void)
{
  const char *dates[] = { "", "2015", "2015-01", "2015-01-01", "2015-06", "2016-02-29", "2200" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    for (guint j = 0; j < G_N_ELEMENTS (dates); j++)
      {
        int text = strcmp (dates[i], dates[j]);

        g_assert_cmpint (ks_partial_date_compare (dates[i], dates[j]), ==, (text > 0) - (text < 0));
      }

  g_assert_cmpint (ks_partial_date_compare (NULL, ""), ==, 0);
  g_assert_cmpint (ks_partial_date_compare (NULL, "2015"), ==, -1);
  g_assert_cmpint (ks_partial_date_compare ("2015", NULL), ==, 1);
}

static void
test_bounds_of_month (void)
{
  assert_bounds ("2017-04", "2017-04-01", "2017-04-30");
  assert_bounds ("2015-12", "2015-12-01", "2015-12-31");
}

static void
test_bounds_of_year (void)
{
  assert_bounds ("2016", "2016-01-01", "2016-12-31");
}

static void
test_bounds_of_february (void)
{
  assert_bounds ("2016-02", "2016-02-01", "2016-02-29");
  assert_bounds ("2015-02", "2015-02-01", "2015-02-28");
}

static void
test_bounds_of_day (void)
{
  assert_bounds ("2015-09-10", "2015-09-10", "2015-09-10");
}

static void
test_bounds_of_nothing (void)
{
  GDate date;

  g_assert_false (ks_partial_date_first_day ("", &date));
  g_assert_false (g_date_valid (&date));
  g_assert_false (ks_partial_date_last_day (NULL, &date));
  g_assert_false (g_date_valid (&date));
  g_assert_false (ks_partial_date_last_day ("2015-02-30", &date));
  g_assert_false (g_date_valid (&date));
}

/* ------------------------------------------------------------------ */
/* Which agreements belong to a range of years */

/* The signing date, the end, then the newest event stand in for an
 * unknown start, in that order; dates that are not dates are skipped. */
static void
test_overlap_stand_in_start (void)
{
  g_assert_cmpstr (ks_period_stand_in_start ("2013", "2012", "2017", "2016"), ==, "2013");
  g_assert_cmpstr (ks_period_stand_in_start ("", "2012", "2017", "2016"), ==, "2012");
  g_assert_cmpstr (ks_period_stand_in_start ("2015-02-30", "", "2017", "2016"), ==, "2017");
  g_assert_cmpstr (ks_period_stand_in_start (NULL, NULL, "", "2017"), ==, "2017");
  g_assert_cmpstr (ks_period_stand_in_start ("", "", "", ""), ==, "");
  g_assert_cmpstr (ks_period_stand_in_start (NULL, NULL, NULL, NULL), ==, "");

  /* Penjajakan Surakarta – Guilin: dated only by its 2017 contact. */
  g_assert_true (ks_period_overlaps_years (ks_period_stand_in_start ("", "", "", "2017"), "", 2012, 2017));
  g_assert_false (ks_period_overlaps_years (ks_period_stand_in_start ("", "", "", "2017"), "", 2012, 2016));
}

static void
test_overlap_start_in_to_year (void)
{
  g_assert_true (ks_period_overlaps_years ("2017-12-31", "2020", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("2017", "2020", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("2018-01-01", "2020", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("2018", "", 2012, 2017));
}

static void
test_overlap_end_in_from_year (void)
{
  g_assert_true (ks_period_overlaps_years ("2005", "2012-01-01", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("2005", "2012", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("2005", "2011-12-31", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("2005", "2011-12", 2012, 2017));
}

static void
test_overlap_ongoing (void)
{
  g_assert_true (ks_period_overlaps_years ("2005", "", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("2005", "", 2030, 2030));
  g_assert_true (ks_period_overlaps_years ("2005", NULL, 2030, 0));
  g_assert_false (ks_period_overlaps_years ("2005", "", 2000, 2004));
}

/* Without a start, the end stands in for it. */
static void
test_overlap_end_only (void)
{
  g_assert_true (ks_period_overlaps_years ("", "2017", 2012, 2017));
  g_assert_true (ks_period_overlaps_years ("", "2017-06", 2017, 2017));
  g_assert_true (ks_period_overlaps_years ("", "2017", 0, 2017));
  g_assert_true (ks_period_overlaps_years ("", "2017", 2017, 0));
  g_assert_false (ks_period_overlaps_years ("", "2017", 2012, 2016));
  g_assert_false (ks_period_overlaps_years ("", "2017", 2018, 2020));
  g_assert_false (ks_period_overlaps_years (NULL, "2017", 2018, 0));
}

static void
test_overlap_start_only (void)
{
  g_assert_true (ks_period_overlaps_years ("2015-09-10", "", 2015, 2015));
  g_assert_true (ks_period_overlaps_years ("2015", "", 2016, 0));
  g_assert_true (ks_period_overlaps_years ("2015", "", 0, 2015));
  g_assert_false (ks_period_overlaps_years ("2015", "", 0, 2014));
}

static void
test_overlap_neither (void)
{
  g_assert_false (ks_period_overlaps_years ("", "", 2012, 2017));
  g_assert_false (ks_period_overlaps_years ("", "", 0, 0));
  g_assert_false (ks_period_overlaps_years (NULL, NULL, 0, 2017));
}

static void
test_overlap_equal_years (void)
{
  g_assert_true (ks_period_overlaps_years ("2015-01-01", "2015-12-31", 2015, 2015));
  g_assert_true (ks_period_overlaps_years ("2015", "2015", 2015, 2015));
  g_assert_false (ks_period_overlaps_years ("2015-01-01", "2015-12-31", 2014, 2014));
  g_assert_false (ks_period_overlaps_years ("2015-01-01", "2015-12-31", 2016, 2016));
  g_assert_true (ks_period_overlaps_years ("2014-07", "2016-06", 2015, 2015));
}

static void
test_overlap_open_range (void)
{
  g_assert_true (ks_period_overlaps_years ("2030", "", 0, 0));
  g_assert_true (ks_period_overlaps_years ("1990", "1991", 0, 0));
  g_assert_true (ks_period_overlaps_years ("1990", "1991", 0, 1990));
  g_assert_false (ks_period_overlaps_years ("1990", "1991", 1992, 0));
}

static void
test_overlap_reversed_range (void)
{
  g_assert_false (ks_period_overlaps_years ("2015", "", 2018, 2016));
  g_assert_false (ks_period_overlaps_years ("2015", "2020", 2018, 2016));
}

static void
test_overlap_bad_dates_unknown (void)
{
  g_assert_false (ks_period_overlaps_years ("2015-02-30", "", 2015, 2015));
  g_assert_true (ks_period_overlaps_years ("sekarang", "2016", 2016, 2016));
  g_assert_true (ks_period_overlaps_years ("2015", "2015-02-30", 2030, 0));
}

/* ------------------------------------------------------------------ */
/* Time since and until, from an injected today */

static void
test_months_since_whole_months (void)
{
  g_autoptr(GDate) first = day (2017, 11, 1);
  g_autoptr(GDate) same_day = day (2017, 11, 25);

  g_assert_cmpint (ks_partial_date_months_since ("2015-09-25", first), ==, 25);
  g_assert_cmpint (ks_partial_date_months_since ("2015-09-25", same_day), ==, 26);
  g_assert_cmpint (ks_partial_date_months_since ("2017-11-01", first), ==, 0);
}

static void
test_months_since_last_day_covered (void)
{
  g_autoptr(GDate) new_year_eve = day (2017, 12, 31);
  g_autoptr(GDate) day_before = day (2017, 12, 30);
  g_autoptr(GDate) mid_2017 = day (2017, 6, 15);
  g_autoptr(GDate) end_nov = day (2017, 11, 30);
  g_autoptr(GDate) first_dec = day (2017, 12, 1);
  g_autoptr(GDate) end_march = day (2017, 3, 28);

  g_assert_cmpint (ks_partial_date_months_since ("2016", new_year_eve), ==, 12);
  g_assert_cmpint (ks_partial_date_months_since ("2016", day_before), ==, 11);
  g_assert_cmpint (ks_partial_date_months_since ("2017", mid_2017), ==, -6);
  g_assert_cmpint (ks_partial_date_months_since ("2017-10", end_nov), ==, 0);
  g_assert_cmpint (ks_partial_date_months_since ("2017-10", first_dec), ==, 1);
  g_assert_cmpint (ks_partial_date_months_since ("2017-02", end_march), ==, 1);
}

/* At least @n months old exactly when on or before today minus @n
 * months, which is how the register's list filters. */
static void
test_months_since_matches_subtract (void)
{
  const char *dates[] = { "2016-01-31", "2016-02-29", "2016-03-30", "2016-08-31", "2016-11", "2017-02" };
  const int todays[][3] = { { 2017, 2, 28 }, { 2017, 3, 30 }, { 2017, 3, 31 }, { 2016, 12, 31 } };

  for (guint t = 0; t < G_N_ELEMENTS (todays); t++)
    for (guint n = 0; n <= 14; n++)
      for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
        {
          g_autoptr(GDate) today = day (todays[t][0], todays[t][1], todays[t][2]);
          GDate limit = *today, last;

          g_date_subtract_months (&limit, n);
          g_assert_true (ks_partial_date_last_day (dates[i], &last));
          g_assert_cmpint (ks_partial_date_months_since (dates[i], today) >= (int) n, ==,
                           g_date_compare (&last, &limit) <= 0);
        }
}

static void
test_months_since_future (void)
{
  g_autoptr(GDate) today = day (2017, 11, 1);
  g_autoptr(GDate) late = day (2017, 11, 15);

  g_assert_cmpint (ks_partial_date_months_since ("2018-03", today), ==, -4);
  g_assert_cmpint (ks_partial_date_months_since ("2017-12-01", late), ==, 0);
  g_assert_cmpint (ks_partial_date_months_since ("2017-12-20", late), ==, -1);
}

static void
test_months_since_nothing (void)
{
  g_autoptr(GDate) today = day (2017, 11, 1);

  g_assert_cmpint (ks_partial_date_months_since ("", today), ==, G_MININT);
  g_assert_cmpint (ks_partial_date_months_since ("2015-02-30", today), ==, G_MININT);
}

static void
test_ends_within_window (void)
{
  g_autoptr(GDate) today = day (2017, 11, 1);

  g_assert_true (ks_partial_date_ends_within_months ("2018-03", today, 6));
  g_assert_false (ks_partial_date_ends_within_months ("2018-03", today, 3));
  g_assert_true (ks_partial_date_ends_within_months ("2018-02-01", today, 3));
  g_assert_false (ks_partial_date_ends_within_months ("2018-02-02", today, 3));
  g_assert_false (ks_partial_date_ends_within_months ("2018", today, 6));
}

static void
test_ends_within_already_ended (void)
{
  g_autoptr(GDate) today = day (2017, 11, 15);

  g_assert_false (ks_partial_date_ends_within_months ("2017-10", today, 6));
  g_assert_false (ks_partial_date_ends_within_months ("2017-11-14", today, 6));
  g_assert_true (ks_partial_date_ends_within_months ("2017-11-15", today, 6));
  g_assert_true (ks_partial_date_ends_within_months ("2017-11", today, 1));
  g_assert_false (ks_partial_date_ends_within_months ("2017-11", today, 0));
  g_assert_true (ks_partial_date_ends_within_months ("2017", today, 6));
}

static void
test_ends_within_ongoing (void)
{
  g_autoptr(GDate) today = day (2017, 11, 1);

  g_assert_false (ks_partial_date_ends_within_months ("", today, 6));
  g_assert_false (ks_partial_date_ends_within_months (NULL, today, 600));
}

/* 31 August plus six months is the last day of February. */
static void
test_ends_within_month_end (void)
{
  g_autoptr(GDate) today = day (2017, 8, 31);

  g_assert_true (ks_partial_date_ends_within_months ("2018-02", today, 6));
  g_assert_false (ks_partial_date_ends_within_months ("2018-03-01", today, 6));
}

/* ------------------------------------------------------------------ */
/* Display */

static void
test_format_english_dates (void)
{
  assert_format ("2015-09-10", "10 September 2015");
  assert_format ("2015-09-01", "1 September 2015");
  assert_format ("2017-04", "April 2017");
  assert_format ("2015", "2015");
  assert_format ("", "");
  assert_format (NULL, "");
  assert_format ("2015-02-30", "2015-02-30");
}

static void
test_format_english_months (void)
{
  const char *names[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };

  for (int month = 1; month <= 12; month++)
    {
      KsPartialDate date = { 2016, month, 0 };
      g_autofree char *shown = ks_partial_date_format_date (&date);
      g_autofree char *expected = g_strdup_printf ("%s 2016", names[month - 1]);

      g_assert_cmpstr (shown, ==, expected);
    }
}

static void
test_format_english_periods (void)
{
  assert_period ("2012", "", TRUE, "2012 – present");
  assert_period ("2017-04", "", TRUE, "April 2017 – present");
  assert_period ("2017-04", "", FALSE, "from April 2017");
  assert_period ("2015-01-01", "2015-12-31", TRUE, "1 January 2015 – 31 December 2015");
  assert_period ("", "2017", TRUE, "until 2017");
  assert_period (NULL, "2017-04", FALSE, "until April 2017");
  assert_period ("", "", TRUE, "");
  assert_period ("2015", "2015", TRUE, "2015");
}

static void
test_format_indonesian_months (void)
{
  const char *names[] = {
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
  };

  if (!in_indonesian ())
    return;

  for (int month = 1; month <= 12; month++)
    {
      KsPartialDate date = { 2016, month, 0 };
      g_autofree char *shown = ks_partial_date_format_date (&date);
      g_autofree char *expected = g_strdup_printf ("%s 2016", names[month - 1]);

      g_assert_cmpstr (shown, ==, expected);
    }
  assert_format ("2017-10-30", "30 Oktober 2017");
  assert_format ("2015-05-01", "1 Mei 2015");
}

static void
test_format_indonesian_periods (void)
{
  if (!in_indonesian ())
    return;

  assert_period ("2015-09-10", "", TRUE, "10 September 2015 – sekarang");
  assert_period ("2012", "", TRUE, "2012 – sekarang");
  assert_period ("2017-04", "", FALSE, "mulai April 2017");
  assert_period ("", "2017", TRUE, "sampai 2017");
  assert_period ("2015-01-01", "2015-12-31", TRUE, "1 Januari 2015 – 31 Desember 2015");
}

static void
test_format_indonesian_errors (void)
{
  g_autoptr(GError) error = NULL;
  KsPartialDate date;

  if (!in_indonesian ())
    return;

  g_assert_false (ks_partial_date_parse_iso ("2015-02-30", &date, &error));
  g_assert_cmpstr (error->message, ==, "“2015-02-30” bukan tanggal yang sah: Februari 2015 memiliki 28 hari");
  g_clear_error (&error);
  g_assert_false (ks_partial_date_parse_human ("10 Septmber 2015", &date, &error));
  g_assert_nonnull (strstr (error->message, "“Septmber”"));
  g_assert_null (strstr (error->message, "month"));
}

int
main (int   argc,
      char *argv[])
{
  /* English unless a test switches to Indonesian in a child. */
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/partial-date/iso/empty", test_iso_empty);
  g_test_add_func ("/partial-date/iso/precisions", test_iso_precisions);
  g_test_add_func ("/partial-date/iso/invalid-day", test_iso_invalid_day);
  g_test_add_func ("/partial-date/iso/leap-day", test_iso_leap_day);
  g_test_add_func ("/partial-date/iso/month-range", test_iso_month_range);
  g_test_add_func ("/partial-date/iso/year-range", test_iso_year_range);
  g_test_add_func ("/partial-date/iso/garbage", test_iso_garbage);
  g_test_add_func ("/partial-date/iso/trailing-junk", test_iso_trailing_junk);
  g_test_add_func ("/partial-date/iso/to-iso-padding", test_to_iso_padding);
  g_test_add_func ("/partial-date/human/iso", test_human_iso);
  g_test_add_func ("/partial-date/human/numeric-day-first", test_human_numeric_day_first);
  g_test_add_func ("/partial-date/human/numeric-year-first", test_human_numeric_year_first);
  g_test_add_func ("/partial-date/human/numeric-month-year", test_human_numeric_month_year);
  g_test_add_func ("/partial-date/human/english-names", test_human_english_names);
  g_test_add_func ("/partial-date/human/english-month-first", test_human_english_month_first);
  g_test_add_func ("/partial-date/human/indonesian-names", test_human_indonesian_names);
  g_test_add_func ("/partial-date/human/abbreviations", test_human_abbreviations);
  g_test_add_func ("/partial-date/human/trailing-dot", test_human_trailing_dot);
  g_test_add_func ("/partial-date/human/case-and-space", test_human_case_and_space);
  g_test_add_func ("/partial-date/human/empty", test_human_empty);
  g_test_add_func ("/partial-date/human/impossible", test_human_impossible);
  g_test_add_func ("/partial-date/human/unknown-month", test_human_unknown_month);
  g_test_add_func ("/partial-date/human/refused", test_human_refused);
  g_test_add_func ("/partial-date/compare/mixed-precision", test_compare_mixed_precision);
  g_test_add_func ("/partial-date/compare/matches-text", test_compare_matches_text);
  g_test_add_func ("/partial-date/bounds/month", test_bounds_of_month);
  g_test_add_func ("/partial-date/bounds/year", test_bounds_of_year);
  g_test_add_func ("/partial-date/bounds/february", test_bounds_of_february);
  g_test_add_func ("/partial-date/bounds/day", test_bounds_of_day);
  g_test_add_func ("/partial-date/bounds/nothing", test_bounds_of_nothing);
  g_test_add_func ("/partial-date/overlap/start-in-to-year", test_overlap_start_in_to_year);
  g_test_add_func ("/partial-date/overlap/end-in-from-year", test_overlap_end_in_from_year);
  g_test_add_func ("/partial-date/overlap/ongoing", test_overlap_ongoing);
  g_test_add_func ("/partial-date/overlap/end-only", test_overlap_end_only);
  g_test_add_func ("/partial-date/overlap/start-only", test_overlap_start_only);
  g_test_add_func ("/partial-date/overlap/neither", test_overlap_neither);
  g_test_add_func ("/partial-date/overlap/stand-in-start", test_overlap_stand_in_start);
  g_test_add_func ("/partial-date/overlap/equal-years", test_overlap_equal_years);
  g_test_add_func ("/partial-date/overlap/open-range", test_overlap_open_range);
  g_test_add_func ("/partial-date/overlap/reversed-range", test_overlap_reversed_range);
  g_test_add_func ("/partial-date/overlap/bad-dates-unknown", test_overlap_bad_dates_unknown);
  g_test_add_func ("/partial-date/months-since/whole-months", test_months_since_whole_months);
  g_test_add_func ("/partial-date/months-since/last-day-covered", test_months_since_last_day_covered);
  g_test_add_func ("/partial-date/months-since/matches-subtract", test_months_since_matches_subtract);
  g_test_add_func ("/partial-date/months-since/future", test_months_since_future);
  g_test_add_func ("/partial-date/months-since/nothing", test_months_since_nothing);
  g_test_add_func ("/partial-date/ends-within/window", test_ends_within_window);
  g_test_add_func ("/partial-date/ends-within/already-ended", test_ends_within_already_ended);
  g_test_add_func ("/partial-date/ends-within/ongoing", test_ends_within_ongoing);
  g_test_add_func ("/partial-date/ends-within/month-end", test_ends_within_month_end);
  g_test_add_func ("/partial-date/format/english/dates", test_format_english_dates);
  g_test_add_func ("/partial-date/format/english/months", test_format_english_months);
  g_test_add_func ("/partial-date/format/english/periods", test_format_english_periods);
  g_test_add_func ("/partial-date/format/indonesian/months", test_format_indonesian_months);
  g_test_add_func ("/partial-date/format/indonesian/periods", test_format_indonesian_periods);
  g_test_add_func ("/partial-date/format/indonesian/errors", test_format_indonesian_errors);

  return g_test_run ();
}
