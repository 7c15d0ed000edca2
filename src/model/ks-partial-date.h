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
 * "2017-04", "2015-09-10" (ISO 8601 reduced precision, which sorts as
 * text).  "" means unknown or, for the end of a running agreement,
 * ongoing.  Functions that need "today" take it as a parameter so that
 * tests and reports can fix it.
 */

typedef struct
{
  int year;
  int month;   /* 0 when only the year is known */
  int day;     /* 0 when only the month is known */
} KsPartialDate;

gboolean  ks_partial_date_parse_iso     (const char          *text,
                                         KsPartialDate       *out,
                                         GError             **error);
gboolean  ks_partial_date_validate      (const char          *text,
                                         GError             **error);
char     *ks_partial_date_to_iso        (const KsPartialDate *date);
gboolean  ks_partial_date_parse_human   (const char          *text,
                                         KsPartialDate       *out,
                                         GError             **error);
int       ks_partial_date_compare       (const char          *a,
                                         const char          *b);
gboolean  ks_partial_date_first_day     (const char          *iso,
                                         GDate               *out);
gboolean  ks_partial_date_last_day      (const char          *iso,
                                         GDate               *out);
int       ks_partial_date_months_since  (const char          *iso,
                                         const GDate         *today);
gboolean  ks_partial_date_ends_within_months (const char     *ends_on,
                                         const GDate         *today,
                                         guint                months);
gboolean  ks_period_overlaps_years      (const char          *starts_on,
                                         const char          *ends_on,
                                         int                  from_year,
                                         int                  to_year);
char     *ks_partial_date_format        (const char          *iso);
char     *ks_period_format              (const char          *starts_on,
                                         const char          *ends_on);

G_END_DECLS
