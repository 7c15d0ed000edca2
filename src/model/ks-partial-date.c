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

/* Our own table, not strftime(): Windows and systems without the
 * Indonesian locale would name the months wrongly or not at all. */
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
  { "maret", 3 }, { "march", 3 }, { "mar", 3 }, { "mrt", 3 },
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

static const char *
month_name (int month)
{
  g_assert (month >= 1 && month <= 12);

  return g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]);
}

static gboolean
set_malformed (GError     **error,
               const char  *text)
{
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("“%s” is not a valid date; write it as 2015, 2015-09 or 2015-09-10"), text);
  return FALSE;
}

/* Says which field is wrong and why, once the fields have been read. */
static gboolean
check_fields (const char          *text,
              KsDatePrecision      precision,
              const KsPartialDate *date,
              GError             **error)
{
  KsPartialDate month_only = { date->year, date->month, 0 };
  g_autofree char *month_label = NULL;
  int days;

  if (date->year < KS_PARTIAL_DATE_MIN_YEAR || date->year > KS_PARTIAL_DATE_MAX_YEAR)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("“%s” is not a valid date: the year must be between %d and %d"),
                   text, KS_PARTIAL_DATE_MIN_YEAR, KS_PARTIAL_DATE_MAX_YEAR);
      return FALSE;
    }

  if (precision >= KS_DATE_PRECISION_MONTH && (date->month < 1 || date->month > 12))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("“%s” is not a valid date: months run from 1 to 12"), text);
      return FALSE;
    }

  if (precision < KS_DATE_PRECISION_DAY)
    return TRUE;

  days = g_date_get_days_in_month ((GDateMonth) date->month, (GDateYear) date->year);
  if (date->day >= 1 && date->day <= days)
    return TRUE;

  month_label = ks_partial_date_format_date (&month_only);
  /* Translators: "'2015-02-30' is not a valid date: February 2015 has 28 days" */
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("“%s” is not a valid date: %s has %d days"), text, month_label, days);
  return FALSE;
}

static int
digits_value (const char *text,
              gsize       n)
{
  int value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');

  return value;
}

/* The storage form's shape only; the values are checked afterwards. */
static KsDatePrecision
scan_iso (const char    *text,
          KsPartialDate *date)
{
  gsize len = strlen (text);

  if (len != 4 && len != 7 && len != 10)
    return KS_DATE_PRECISION_NONE;

  for (gsize i = 0; i < len; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return KS_DATE_PRECISION_NONE;

  date->year = digits_value (text, 4);
  date->month = len >= 7 ? digits_value (text + 5, 2) : 0;
  date->day = len == 10 ? digits_value (text + 8, 2) : 0;

  return len == 4 ? KS_DATE_PRECISION_YEAR : len == 7 ? KS_DATE_PRECISION_MONTH : KS_DATE_PRECISION_DAY;
}

/**
 * ks_partial_date_parse_iso:
 * @text: (nullable): `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or ""
 * @out: (out caller-allocates): the date read
 * @error: return location for a #GError
 *
 * Reads the storage form, strictly: no spaces, zero-padded fields, a
 * real day of a real month, and a year from 1900 to 2200.  "" (or %NULL)
 * is the empty date.  The message names the text and the problem; the
 * caller adds the field or line.
 *
 * Returns: %TRUE if @text is a valid date, otherwise %FALSE with @error
 *   set to %KS_ERROR_INVALID and @out untouched
 */
gboolean
ks_partial_date_parse_iso (const char     *text,
                           KsPartialDate  *out,
                           GError        **error)
{
  KsPartialDate date = { 0 };
  KsDatePrecision precision;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || text[0] == '\0')
    {
      *out = date;
      return TRUE;
    }

  precision = scan_iso (text, &date);
  if (precision == KS_DATE_PRECISION_NONE)
    return set_malformed (error, text);
  if (!check_fields (text, precision, &date, error))
    return FALSE;

  *out = date;
  return TRUE;
}

/**
 * ks_partial_date_validate:
 * @text: (nullable): a date in the storage form, or ""
 * @error: return location for a #GError
 *
 * Returns: whether ks_partial_date_parse_iso() accepts @text
 */
gboolean
ks_partial_date_validate (const char  *text,
                          GError     **error)
{
  KsPartialDate date;

  return ks_partial_date_parse_iso (text, &date, error);
}

/**
 * ks_partial_date_get_precision:
 * @date: a date
 *
 * Returns: how much of @date is known
 */
KsDatePrecision
ks_partial_date_get_precision (const KsPartialDate *date)
{
  g_return_val_if_fail (date != NULL, KS_DATE_PRECISION_NONE);

  if (date->year == 0)
    return KS_DATE_PRECISION_NONE;
  if (date->month == 0)
    return KS_DATE_PRECISION_YEAR;
  if (date->day == 0)
    return KS_DATE_PRECISION_MONTH;
  return KS_DATE_PRECISION_DAY;
}

/**
 * ks_partial_date_to_iso:
 * @date: a date
 *
 * Returns: (transfer full): the storage form, "" for the empty date
 */
char *
ks_partial_date_to_iso (const KsPartialDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  switch (ks_partial_date_get_precision (date))
    {
    case KS_DATE_PRECISION_NONE:
      return g_strdup ("");
    case KS_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", date->year);
    case KS_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", date->year, date->month);
    case KS_DATE_PRECISION_DAY:
    default:
      return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
    }
}

static int
lookup_month (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gsize len = strlen (lower);

  /* "Sept." and "Agt." as abbreviations are often written. */
  if (len > 1 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (typed_months); i++)
    if (g_str_equal (lower, typed_months[i].name))
      return typed_months[i].month;

  return 0;
}

static gboolean
read_number (const char *word,
             gsize       min_digits,
             gsize       max_digits,
             int        *out)
{
  gsize len = strlen (word);

  if (len < min_digits || len > max_digits)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (word[i]))
      return FALSE;

  *out = digits_value (word, len);
  return TRUE;
}

/* Four digits exactly: "15" could be 1915 or 2015. */
static gboolean
read_year (const char *word,
           int        *out)
{
  return read_number (word, 4, 4, out);
}

static gboolean
read_small (const char *word,
            int        *out)
{
  return read_number (word, 1, 2, out);
}

/* Words separated by any Unicode space or a comma: text pasted from
 * office documents has no-break spaces, and "10 September, 2015" is
 * common enough. */
static char **
split_words (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = valid; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && c != ',' && !g_unichar_isspace (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_ptr_array_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* "10/9/2015", "10-9-2015", "10.9.2015" (day first, as in Indonesia),
 * "2015-9-10" (year first), "9/2015", "2015-09", "2015".  One kind of
 * separator throughout. */
static KsDatePrecision
parse_numeric (const char    *text,
               KsPartialDate *date)
{
  char separator[2] = { 0, 0 };
  g_auto(GStrv) parts = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        continue;
      if (strchr ("/-.", *p) == NULL || (separator[0] != 0 && *p != separator[0]))
        return KS_DATE_PRECISION_NONE;
      separator[0] = *p;
    }

  if (separator[0] == 0)
    return read_year (text, &date->year) ? KS_DATE_PRECISION_YEAR : KS_DATE_PRECISION_NONE;

  parts = g_strsplit (text, separator, -1);
  switch (g_strv_length (parts))
    {
    case 2:
      if ((read_year (parts[0], &date->year) && read_small (parts[1], &date->month)) ||
          (read_small (parts[0], &date->month) && read_year (parts[1], &date->year)))
        return KS_DATE_PRECISION_MONTH;
      break;
    case 3:
      if ((read_year (parts[0], &date->year) && read_small (parts[1], &date->month) &&
           read_small (parts[2], &date->day)) ||
          (read_small (parts[0], &date->day) && read_small (parts[1], &date->month) &&
           read_year (parts[2], &date->year)))
        return KS_DATE_PRECISION_DAY;
      break;
    default:
      break;
    }

  return KS_DATE_PRECISION_NONE;
}

static gboolean
read_month (const char  *word,
            int         *out,
            const char **unknown)
{
  *out = lookup_month (word);
  if (*out == 0 && !g_ascii_isdigit (word[0]) && *unknown == NULL)
    *unknown = word;

  return *out != 0;
}

/* "10 September" or "September 10" */
static gboolean
read_day_and_month (char          **words,
                    KsPartialDate  *date,
                    const char    **unknown)
{
  if (g_ascii_isdigit (words[0][0]))
    return read_small (words[0], &date->day) && read_month (words[1], &date->month, unknown);

  return read_month (words[0], &date->month, unknown) && read_small (words[1], &date->day);
}

/* "10 September 2015", "September 10 2015", "Sept 2015".  @unknown is
 * set to a word that should have been a month and is not one. */
static KsDatePrecision
parse_words (char          **words,
             KsPartialDate  *date,
             const char    **unknown)
{
  switch (g_strv_length (words))
    {
    case 2:
      if (read_month (words[0], &date->month, unknown) && read_year (words[1], &date->year))
        return KS_DATE_PRECISION_MONTH;
      break;
    case 3:
      if (read_day_and_month (words, date, unknown) && read_year (words[2], &date->year))
        return KS_DATE_PRECISION_DAY;
      break;
    default:
      break;
    }

  return KS_DATE_PRECISION_NONE;
}

static gboolean
set_not_understood (GError     **error,
                    const char  *text,
                    const char  *unknown)
{
  if (unknown != NULL)
    g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                 _("“%s” is not a date this program understands: there is no month called “%s”"),
                 text, unknown);
  else
    g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                 _("“%s” is not a date this program understands; try 10 September 2015, Sept 2015, 2015 or 10/9/2015"),
                 text);
  return FALSE;
}

/**
 * ks_partial_date_parse_human:
 * @text: (nullable): what staff typed
 * @out: (out caller-allocates): the date read
 * @error: return location for a #GError
 *
 * Reads the storage form and what people write: "10/9/2015",
 * "10-9-2015" and "10.9.2015" (day first), "9/2015", "10 September
 * 2015", "September 10, 2015", "10 Sept. 2015", "Agt 2016", "2015", with
 * Indonesian or English month names and their abbreviations in any case.
 * Surrounding space is ignored; "" is the empty date.  Two-digit years
 * are refused, since "15" could be 1915 or 2015.
 *
 * Returns: %TRUE if @text is a date, otherwise %FALSE with @error set to
 *   %KS_ERROR_PARSE when it is not understood or %KS_ERROR_INVALID when
 *   it names an impossible date such as 31/2/2015
 */
gboolean
ks_partial_date_parse_human (const char     *text,
                             KsPartialDate  *out,
                             GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) words = split_words (trimmed);
  KsPartialDate date = { 0 };
  KsDatePrecision precision;
  const char *unknown = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (words[0] == NULL)
    {
      *out = date;
      return TRUE;
    }

  if (words[1] == NULL && g_ascii_isdigit (words[0][0]))
    precision = parse_numeric (words[0], &date);
  else
    precision = parse_words (words, &date, &unknown);

  if (precision == KS_DATE_PRECISION_NONE)
    return set_not_understood (error, trimmed, unknown);
  if (!check_fields (trimmed, precision, &date, error))
    return FALSE;

  *out = date;
  return TRUE;
}

/**
 * ks_partial_date_compare:
 * @a: (nullable): a date in the storage form, or ""
 * @b: (nullable): a date in the storage form, or ""
 *
 * Orders dates as the database orders their text: by year, then month,
 * then day, a less precise date before a more precise one in the same
 * year or month ("2015" < "2015-01" < "2015-01-01" < "2015-02"), and
 * the empty date first.  The fields are zero-padded and fixed in width,
 * and a less precise date is a prefix of a more precise one, so the
 * byte order of the text is that order; %NULL counts as "".
 *
 * Returns: negative, 0 or positive as @a sorts before, with or after @b
 */
int
ks_partial_date_compare (const char *a,
                         const char *b)
{
  int result = strcmp (a != NULL ? a : "", b != NULL ? b : "");

  return (result > 0) - (result < 0);
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
  day = date.day != 0 ? date.day
                      : (last ? g_date_get_days_in_month ((GDateMonth) month, (GDateYear) date.year) : 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) date.year);
  return TRUE;
}

/**
 * ks_partial_date_first_day:
 * @iso: (nullable): a date in the storage form
 * @out: (out caller-allocates): the first day @iso covers
 *
 * "2017-04" covers 1 to 30 April 2017: this gives the 1st.
 *
 * Returns: %FALSE, leaving @out cleared (invalid), for "" or a bad date
 */
gboolean
ks_partial_date_first_day (const char *iso,
                           GDate      *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  return bound_day (iso, FALSE, out);
}

/**
 * ks_partial_date_last_day:
 * @iso: (nullable): a date in the storage form
 * @out: (out caller-allocates): the last day @iso covers
 *
 * "2017-04" covers 1 to 30 April 2017: this gives the 30th; "2016"
 * gives 31 December 2016.
 *
 * Returns: %FALSE, leaving @out cleared (invalid), for "" or a bad date
 */
gboolean
ks_partial_date_last_day (const char *iso,
                          GDate      *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  return bound_day (iso, TRUE, out);
}

/**
 * ks_partial_date_months_since:
 * @iso: (nullable): a date in the storage form
 * @today: the day to measure to
 *
 * Whole months from the last day @iso covers to @today: an LoI of
 * 25 September 2015 is 25 months old on 1 November 2017, and one of
 * "2017" is not old at all during 2017.  The result is at least n
 * exactly when that last day is on or before @today minus n months by
 * g_date_subtract_months(), so 31 October is one month old on
 * 1 December, not on 30 November.
 *
 * Returns: the months; negative when @iso ends more than a month after
 *   @today, or %G_MININT for "" or a bad date
 */
int
ks_partial_date_months_since (const char  *iso,
                              const GDate *today)
{
  GDate last;
  int months;

  g_return_val_if_fail (today != NULL && g_date_valid (today), G_MININT);

  if (!ks_partial_date_last_day (iso, &last))
    return G_MININT;

  months = ((int) g_date_get_year (today) - (int) g_date_get_year (&last)) * 12 +
           ((int) g_date_get_month (today) - (int) g_date_get_month (&last));
  /* A month not yet complete does not count, in either direction. */
  if (months > 0 && g_date_get_day (today) < g_date_get_day (&last))
    months--;
  else if (months < 0 && g_date_get_day (today) > g_date_get_day (&last))
    months++;

  return months;
}

/**
 * ks_partial_date_ends_within_months:
 * @ends_on: (nullable): an end date in the storage form
 * @today: the day to measure from
 * @months: how far ahead to look
 *
 * Whether an agreement ending on @ends_on is about to expire: the last
 * day it covers is not before @today and not after @today plus @months
 * months.  An empty end (ongoing) never expires.
 *
 * Returns: %TRUE if @ends_on falls within the window
 */
gboolean
ks_partial_date_ends_within_months (const char  *ends_on,
                                    const GDate *today,
                                    guint        months)
{
  GDate last, limit;

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!ks_partial_date_last_day (ends_on, &last) || g_date_compare (&last, today) < 0)
    return FALSE;

  limit = *today;
  g_date_add_months (&limit, months);
  return g_date_compare (&last, &limit) <= 0;
}

static int
year_of (const char *iso)
{
  KsPartialDate date;

  if (!ks_partial_date_parse_iso (iso, &date, NULL))
    return 0;

  return date.year;
}

/**
 * ks_period_stand_in_start:
 * @starts_on: (nullable): the agreement's start, or ""
 * @signed_on: (nullable): its signing date, or ""
 * @ends_on: (nullable): its end, or ""
 * @last_event_on: (nullable): the date of its newest event, or ""
 *
 * What stands for an agreement's start when the period rule decides
 * which years it belongs to (see the top of ks-partial-date.h): the
 * first of these that is a valid date.
 *
 * Returns: (transfer none): one of the arguments, or "" when none is a date
 */
const char *
ks_period_stand_in_start (const char *starts_on,
                          const char *signed_on,
                          const char *ends_on,
                          const char *last_event_on)
{
  const char *dates[] = { starts_on, signed_on, ends_on, last_event_on };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (year_of (dates[i]) != 0)
      return dates[i];

  return "";
}

/**
 * ks_period_overlaps_years:
 * @starts_on: (nullable): the agreement's start in the storage form, or ""
 * @ends_on: (nullable): its end, or "" while it runs
 * @from_year: first year of the range, 0 for open
 * @to_year: last year of the range, 0 for open
 *
 * The one rule for which agreements belong to a range of years; see the
 * top of ks-partial-date.h.  A text that is not a valid date counts as
 * unknown.
 *
 * Returns: %TRUE if the agreement's period meets the range
 */
gboolean
ks_period_overlaps_years (const char *starts_on,
                          const char *ends_on,
                          int         from_year,
                          int         to_year)
{
  int end = year_of (ends_on);
  int start = year_of (starts_on);

  if (start == 0)
    start = end;
  if (start == 0)
    return FALSE;
  if (from_year != 0 && to_year != 0 && from_year > to_year)
    return FALSE;

  if (to_year != 0 && start > to_year)
    return FALSE;
  if (from_year != 0 && end != 0 && end < from_year)
    return FALSE;

  return TRUE;
}

/**
 * ks_partial_date_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): "10 September 2015", "April 2017", "2015" in
 *   the user's language, or "" for the empty date
 */
char *
ks_partial_date_format_date (const KsPartialDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (date->month >= 0 && date->month <= 12, g_strdup (""));

  switch (ks_partial_date_get_precision (date))
    {
    case KS_DATE_PRECISION_NONE:
      return g_strdup ("");
    case KS_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%d", date->year);
    case KS_DATE_PRECISION_MONTH:
      /* Translators: a month and a year, "April 2017" */
      return g_strdup_printf (C_("partial date", "%1$s %2$d"), month_name (date->month), date->year);
    case KS_DATE_PRECISION_DAY:
    default:
      /* Translators: day, month, year: "10 September 2015"; the day has no leading zero */
      return g_strdup_printf (C_("partial date", "%1$d %2$s %3$d"),
                              date->day, month_name (date->month), date->year);
    }
}

/**
 * ks_partial_date_format:
 * @iso: (nullable): a date in the storage form
 *
 * Returns: (transfer full): @iso shown in the user's language, "" for
 *   the empty date, or @iso itself when it is not a valid date, so that
 *   a bad value stays visible
 */
char *
ks_partial_date_format (const char *iso)
{
  KsPartialDate date;

  if (!ks_partial_date_parse_iso (iso, &date, NULL))
    return g_strdup (iso);

  return ks_partial_date_format_date (&date);
}

/**
 * ks_period_format:
 * @starts_on: (nullable): the start in the storage form, or ""
 * @ends_on: (nullable): the end, or ""
 * @ongoing: whether a missing end means the period is still running
 *
 * Returns: (transfer full): "2012 – present", "1 January 2015 – 31
 *   December 2015", "from April 2017" (not @ongoing), "until 2017", a
 *   single date when both are the same, or "" when both are unknown
 */
char *
ks_period_format (const char *starts_on,
                  const char *ends_on,
                  gboolean    ongoing)
{
  g_autofree char *start = ks_partial_date_format (starts_on);
  g_autofree char *end = ks_partial_date_format (ends_on);

  if (start[0] == '\0' && end[0] == '\0')
    return g_strdup ("");
  if (start[0] == '\0')
    /* Translators: a period whose start is unknown, "until 2017" */
    return g_strdup_printf (_("until %s"), end);
  if (end[0] == '\0' && ongoing)
    /* Translators: a period still running, "2012 – present" */
    return g_strdup_printf (_("%s – present"), start);
  if (end[0] == '\0')
    /* Translators: a period whose end is unknown and that is not known to
     * be running, "from April 2017" */
    return g_strdup_printf (C_("period", "from %s"), start);
  if (g_str_equal (start, end))
    return g_steal_pointer (&start);

  /* Translators: a period, "1 January 2015 – 31 December 2015" */
  return g_strdup_printf (C_("period", "%s – %s"), start, end);
}
