/* ks-partial-date.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-partial-date"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-error.h"
#include "ks-partial-date.h"

#define MIN_YEAR 1900
#define MAX_YEAR 2200

static const char *month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

/* What staff type, in either language; data, not translations, since
 * they mix both. */
static const struct {
  const char *name;
  int         month;
} typed_months[] = {
  { "januari", 1 }, { "january", 1 }, { "jan", 1 },
  { "februari", 2 }, { "pebruari", 2 }, { "february", 2 }, { "feb", 2 }, { "peb", 2 },
  { "maret", 3 }, { "march", 3 }, { "mar", 3 },
  { "april", 4 }, { "apr", 4 },
  { "mei", 5 }, { "may", 5 },
  { "juni", 6 }, { "june", 6 }, { "jun", 6 },
  { "juli", 7 }, { "july", 7 }, { "jul", 7 },
  { "agustus", 8 }, { "august", 8 }, { "agu", 8 }, { "agt", 8 }, { "ags", 8 }, { "aug", 8 },
  { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "oktober", 10 }, { "october", 10 }, { "okt", 10 }, { "oct", 10 },
  { "november", 11 }, { "nopember", 11 }, { "nov", 11 }, { "nop", 11 },
  { "desember", 12 }, { "december", 12 }, { "des", 12 }, { "dec", 12 },
};

static gboolean
date_is_valid (int year,
               int month,
               int day)
{
  if (year < MIN_YEAR || year > MAX_YEAR || month < 0 || month > 12 || day < 0)
    return FALSE;
  if (month == 0)
    return day == 0;
  return day == 0 || day <= g_date_get_days_in_month (month, year);
}

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
set_invalid (GError     **error,
             const char  *text)
{
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("“%s” is not a valid date; write it as 2015, 2015-09 or 2015-09-10"), text);
  return FALSE;
}

/**
 * ks_partial_date_parse_iso:
 * @text: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or ""
 *
 * The storage form only; "" parses as the empty date (year 0).
 */
gboolean
ks_partial_date_parse_iso (const char     *text,
                           KsPartialDate  *out,
                           GError        **error)
{
  const char *p = text;
  KsPartialDate date = { 0 };

  if (text == NULL || text[0] == '\0')
    {
      *out = date;
      return TRUE;
    }

  if (!read_digits (&p, 4, &date.year))
    return set_invalid (error, text);
  if (*p == '-' && (p++, !read_digits (&p, 2, &date.month)))
    return set_invalid (error, text);
  if (date.month != 0 && *p == '-' && (p++, !read_digits (&p, 2, &date.day)))
    return set_invalid (error, text);
  if (*p != '\0' || !date_is_valid (date.year, date.month, date.day) ||
      (strlen (text) > 4 && date.month == 0) || (strlen (text) > 7 && date.day == 0))
    return set_invalid (error, text);

  *out = date;
  return TRUE;
}

gboolean
ks_partial_date_validate (const char  *text,
                          GError     **error)
{
  KsPartialDate date;

  return ks_partial_date_parse_iso (text, &date, error);
}

char *
ks_partial_date_to_iso (const KsPartialDate *date)
{
  if (date->year == 0)
    return g_strdup ("");
  if (date->month == 0)
    return g_strdup_printf ("%04d", date->year);
  if (date->day == 0)
    return g_strdup_printf ("%04d-%02d", date->year, date->month);
  return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
}

static int
lookup_month (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (typed_months); i++)
    if (g_str_equal (lower, typed_months[i].name))
      return typed_months[i].month;

  return 0;
}

static gboolean
parse_number (const char *word,
              int        *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (word, 10, 1, 9999, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* "10 September 2015", "Sept 2015", "2015" */
static gboolean
parse_words (char         **words,
             KsPartialDate *date)
{
  guint n = g_strv_length (words);

  if (n == 1)
    return parse_number (words[0], &date->year);
  if (n == 2)
    return (date->month = lookup_month (words[0])) != 0 && parse_number (words[1], &date->year);
  if (n == 3)
    return parse_number (words[0], &date->day) &&
           (date->month = lookup_month (words[1])) != 0 &&
           parse_number (words[2], &date->year);
  return FALSE;
}

/**
 * ks_partial_date_parse_human:
 * @text: what staff typed: ISO, "10/9/2015" (day first), "10 September
 *   2015", "Sept 2015", "April 2017", "2015", in Indonesian or English
 */
gboolean
ks_partial_date_parse_human (const char     *text,
                             KsPartialDate  *out,
                             GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) words = NULL;
  KsPartialDate date = { 0 };

  if (ks_partial_date_parse_iso (trimmed, out, NULL))
    return TRUE;

  if (strchr (trimmed, '/') != NULL || (strchr (trimmed, '-') != NULL && strchr (trimmed, ' ') == NULL))
    {
      words = g_strsplit_set (trimmed, "/-", -1);
      if (g_strv_length (words) == 3 &&
          parse_number (words[0], &date.day) && parse_number (words[1], &date.month) &&
          parse_number (words[2], &date.year) && date.day > 0 && date.month > 0 &&
          date_is_valid (date.year, date.month, date.day))
        goto done;
    }
  else
    {
      g_auto(GStrv) parts = g_strsplit_set (trimmed, " \t", -1);
      GPtrArray *kept = g_ptr_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (kept, g_strdup (parts[i]));
      g_ptr_array_add (kept, NULL);
      words = (char **) g_ptr_array_free (kept, FALSE);

      if (parse_words (words, &date) && date_is_valid (date.year, date.month, date.day))
        goto done;
    }

  g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
               _("“%s” is not a date this program understands; try 10 September 2015, Sept 2015, 2015 or 10/9/2015"),
               trimmed);
  return FALSE;

done:
  *out = date;
  return TRUE;
}

static gboolean
bound_day (const char *iso,
           gboolean    last,
           GDate      *out)
{
  KsPartialDate date;
  int month, day;

  g_date_clear (out, 1);
  if (!ks_partial_date_parse_iso (iso, &date, NULL) || date.year == 0)
    return FALSE;

  month = date.month != 0 ? date.month : (last ? 12 : 1);
  day = date.day != 0 ? date.day : (last ? g_date_get_days_in_month (month, date.year) : 1);
  g_date_set_dmy (out, day, month, date.year);
  return TRUE;
}

/**
 * ks_partial_date_first_day:
 *
 * "2017-04" covers 1 to 30 April 2017: this gives the 1st.
 *
 * Returns: %FALSE (and an invalid @out) for "" or a bad date
 */
gboolean
ks_partial_date_first_day (const char *iso,
                           GDate      *out)
{
  return bound_day (iso, FALSE, out);
}

gboolean
ks_partial_date_last_day (const char *iso,
                          GDate      *out)
{
  return bound_day (iso, TRUE, out);
}

/**
 * ks_partial_date_compare:
 *
 * Orders by the first day each date covers, so that a start "2015" and an
 * end "2015-06" are in order; the empty date sorts first.
 */
int
ks_partial_date_compare (const char *a,
                         const char *b)
{
  GDate da, db;
  gboolean has_a = ks_partial_date_first_day (a, &da);
  gboolean has_b = ks_partial_date_first_day (b, &db);

  if (!has_a || !has_b)
    return (int) has_a - (int) has_b;

  return g_date_compare (&da, &db);
}

/**
 * ks_partial_date_months_since:
 *
 * Whole months from the last day @iso covers to @today: an LoI of
 * 25 September 2015 is 25 months old on 1 November 2017.
 *
 * Returns: the months, negative in the future, or G_MININT for ""
 */
int
ks_partial_date_months_since (const char  *iso,
                              const GDate *today)
{
  GDate last;
  int months;

  if (!ks_partial_date_last_day (iso, &last))
    return G_MININT;

  months = (g_date_get_year (today) - g_date_get_year (&last)) * 12 +
           ((int) g_date_get_month (today) - (int) g_date_get_month (&last));
  if (months > 0 && g_date_get_day (today) < g_date_get_day (&last))
    months--;
  return months;
}

/**
 * ks_partial_date_ends_within_months:
 *
 * Whether an end date has not passed yet and falls within @months of
 * @today (by the last day it covers).
 */
gboolean
ks_partial_date_ends_within_months (const char  *ends_on,
                                    const GDate *today,
                                    guint        months)
{
  GDate last, limit = *today;

  if (!ks_partial_date_last_day (ends_on, &last) || g_date_compare (&last, today) < 0)
    return FALSE;

  g_date_add_months (&limit, months);
  return g_date_compare (&last, &limit) <= 0;
}

/**
 * ks_period_overlaps_years:
 * @from_year: first year of the period, 0 for open
 * @to_year: last year of the period, 0 for open
 *
 * The one rule for which agreements belong to a period: the agreement's
 * start is not after the period's end, and its end is empty (ongoing) or
 * not before the period's start.  Without a start the end alone decides;
 * with neither, the agreement belongs to no period.
 */
gboolean
ks_period_overlaps_years (const char *starts_on,
                          const char *ends_on,
                          int         from_year,
                          int         to_year)
{
  GDate start, end;
  gboolean has_start = ks_partial_date_first_day (starts_on, &start);
  gboolean has_end = ks_partial_date_last_day (ends_on, &end);

  if (!has_start && !has_end)
    return FALSE;

  if (has_start && to_year != 0 && g_date_get_year (&start) > to_year)
    return FALSE;
  if (has_end && from_year != 0 && g_date_get_year (&end) < from_year)
    return FALSE;
  return TRUE;
}

/**
 * ks_partial_date_format:
 *
 * Returns: (transfer full): "10 September 2015", "April 2017", "2015", in
 *   the user's language; "" for the empty date; the text itself when it
 *   is not a valid date
 */
char *
ks_partial_date_format (const char *iso)
{
  KsPartialDate date;
  const char *month;

  if (!ks_partial_date_parse_iso (iso, &date, NULL))
    return g_strdup (iso);
  if (date.year == 0)
    return g_strdup ("");
  if (date.month == 0)
    return g_strdup_printf ("%d", date.year);

  month = g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[date.month - 1]);
  if (date.day == 0)
    /* Translators: a month and a year, "April 2017" */
    return g_strdup_printf (C_("partial date", "%1$s %2$d"), month, date.year);

  /* Translators: day, month, year: "10 September 2015" */
  return g_strdup_printf (C_("partial date", "%1$d %2$s %3$d"), date.day, month, date.year);
}

/**
 * ks_period_format:
 *
 * Returns: (transfer full): "2012 – present", "1 January 2015 – 31
 *   December 2015", "until 2017", or "" when both are unknown
 */
char *
ks_period_format (const char *starts_on,
                  const char *ends_on)
{
  g_autofree char *start = ks_partial_date_format (starts_on);
  g_autofree char *end = ks_partial_date_format (ends_on);

  if (start[0] == '\0' && end[0] == '\0')
    return g_strdup ("");
  if (start[0] == '\0')
    /* Translators: a period whose start is unknown, "until 2017" */
    return g_strdup_printf (_("until %s"), end);
  if (end[0] == '\0')
    /* Translators: a period still running, "2012 – present" */
    return g_strdup_printf (_("%s – present"), start);

  return g_strdup_printf (C_("period", "%s – %s"), start, end);
}
