/* ks-partial-date.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates in the register are as precise as the documents: "2012",
 * "2017-04", "2015-09-10" (ISO 8601 reduced precision, which sorts
 * correctly as text).  "" means unknown or, for the end of a running
 * agreement, ongoing.
 *
 * A partial date stands for every day it covers: "2017-04" runs from
 * 1 to 30 April 2017.  Rules that measure time from a date ("expiring",
 * "no follow-up for 12 months") use the last day it covers, so that
 * nothing is flagged before the documents say it should be.
 *
 * Which agreements belong to the years @from_year to @to_year
 * (ks_period_overlaps_years(), the one place this is decided): those
 * whose start is not after 31 December of @to_year and whose end is
 * empty (still running) or not before 1 January of @from_year.  Without
 * a start, the end stands in for it, so an agreement known only to end
 * in 2017 belongs to 2017 and earlier ranges that reach 2017, never to
 * 2018.  Agreements pass ks_period_stand_in_start() as the start: the
 * signing date when the start is unknown, else the end, else the newest
 * event (an exploration dated only by its contacts belongs to the years
 * since then).  An agreement with none of these belongs to no range, and
 * a range whose first year is after its last holds nothing.  A year of 0
 * leaves that side of the range open.
 *
 * Nothing here reads the clock: functions that need "today" take it as
 * a parameter, so that tests and reports can fix it.
 */

/**
 * KsDatePrecision:
 * @KS_DATE_PRECISION_NONE: no date
 * @KS_DATE_PRECISION_YEAR: only the year is known, "2012"
 * @KS_DATE_PRECISION_MONTH: the month is known, "2017-04"
 * @KS_DATE_PRECISION_DAY: the day is known, "2015-09-10"
 */
typedef enum
{
  KS_DATE_PRECISION_NONE,
  KS_DATE_PRECISION_YEAR,
  KS_DATE_PRECISION_MONTH,
  KS_DATE_PRECISION_DAY,
} KsDatePrecision;

/**
 * KsPartialDate:
 * @year: the year, 0 for no date
 * @month: 1–12, 0 when only the year is known
 * @day: 1–31, 0 when the day is not known
 *
 * A date on the stack; { 0 } is the empty date.
 */
typedef struct
{
  int year;
  int month;
  int day;
} KsPartialDate;

#define KS_PARTIAL_DATE_MIN_YEAR 1900
#define KS_PARTIAL_DATE_MAX_YEAR 2200

gboolean         ks_partial_date_parse_iso          (const char          *text,
                                                     KsPartialDate       *out,
                                                     GError             **error);
gboolean         ks_partial_date_validate           (const char          *text,
                                                     GError             **error);
char            *ks_partial_date_to_iso             (const KsPartialDate *date);
KsDatePrecision  ks_partial_date_get_precision      (const KsPartialDate *date);
gboolean         ks_partial_date_parse_human        (const char          *text,
                                                     KsPartialDate       *out,
                                                     GError             **error);
int              ks_partial_date_compare            (const char          *a,
                                                     const char          *b);
gboolean         ks_partial_date_first_day          (const char          *iso,
                                                     GDate               *out);
gboolean         ks_partial_date_last_day           (const char          *iso,
                                                     GDate               *out);
int              ks_partial_date_months_since       (const char          *iso,
                                                     const GDate         *today);
gboolean         ks_partial_date_ends_within_months (const char          *ends_on,
                                                     const GDate         *today,
                                                     guint                months);
gboolean         ks_period_overlaps_years           (const char          *starts_on,
                                                     const char          *ends_on,
                                                     int                  from_year,
                                                     int                  to_year);
const char      *ks_period_stand_in_start           (const char          *starts_on,
                                                     const char          *signed_on,
                                                     const char          *ends_on,
                                                     const char          *last_event_on);
char            *ks_partial_date_format_date        (const KsPartialDate *date);
char            *ks_partial_date_format             (const char          *iso);
char            *ks_period_format                   (const char          *starts_on,
                                                     const char          *ends_on,
                                                     gboolean             ongoing);

G_END_DECLS
