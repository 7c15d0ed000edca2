/* fuzz-partial-date.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness for the partial-date parsers: any text is refused
 * cleanly or gives a date in range that survives a round trip. */

#include "config.h"

#include <stdint.h>

#include "ks-partial-date.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_date (const KsPartialDate *date)
{
  g_autofree char *iso = ks_partial_date_to_iso (date);
  KsPartialDate again = { 0 };

  g_assert (date->year >= KS_PARTIAL_DATE_MIN_YEAR && date->year <= KS_PARTIAL_DATE_MAX_YEAR);
  g_assert (date->month >= 0 && date->month <= 12);
  g_assert (date->day >= 0 && date->day <= 31);
  g_assert (date->day == 0 || date->month != 0);
  g_assert (ks_partial_date_parse_iso (iso, &again, NULL));
  g_assert (again.year == date->year && again.month == date->month && again.day == date->day);
  g_assert (ks_partial_date_validate (iso, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  KsPartialDate date = { 0 };
  g_autoptr(GError) error = NULL;

  /* The parsers take UTF-8 from entries and CSV fields, never other bytes. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  if (ks_partial_date_parse_iso (text, &date, &error))
    {
      if (date.year != 0)
        check_date (&date);
    }
  else
    g_assert (error != NULL);
  g_clear_error (&error);

  date = (KsPartialDate) { 0 };
  if (ks_partial_date_parse_human (text, &date, &error) && date.year != 0)
    check_date (&date);
  g_clear_error (&error);

  return 0;
}
