/* ks-amount.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-amount"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-amount.h"
#include "ks-error.h"

/* Hundredths beyond this would overflow when scaled; no budget nears it. */
#define MAX_UNITS (G_MAXINT64 / 100 - 1)

static gboolean
set_invalid (GError     **error,
             const char  *text)
{
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("“%s” is not an amount; write it as 1.500.000 or 1.500.000,50"), text);
  return FALSE;
}

/* The decimal separator is the last '.' or ',' when one or two digits
 * follow it; every other separator must group three digits.  This reads
 * "1.500" as fifteen hundred in either language, as money is written. */
static const char *
find_decimal_separator (const char *text)
{
  const char *last = NULL;
  gsize digits_after;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '.' || *p == ',')
      last = p;

  if (last == NULL)
    return NULL;

  digits_after = strlen (last + 1);
  return digits_after >= 1 && digits_after <= 2 ? last : NULL;
}

static gboolean
parse_units (const char *start,
             const char *end,
             gint64     *units)
{
  guint group = 0;
  gboolean grouped = FALSE;

  *units = 0;
  if (start == end)
    return FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (*p == '.' || *p == ',')
        {
          /* A separator needs digits before it and exactly three after. */
          if (group == 0 || (grouped && group != 3) || (!grouped && group > 3))
            return FALSE;
          grouped = TRUE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p) || *units > MAX_UNITS / 10)
        return FALSE;
      *units = *units * 10 + (*p - '0');
      group++;
    }

  return group > 0 && (!grouped || group == 3);
}

/**
 * ks_amount_parse:
 * @text: what was typed; spaces are ignored, "" is zero
 * @hundredths: (out): the amount in hundredths
 *
 * Returns: whether @text is a non-negative amount with at most two
 *   decimals; otherwise %KS_ERROR_INVALID with a translated message
 */
gboolean
ks_amount_parse (const char  *text,
                 gint64      *hundredths,
                 GError     **error)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *decimal;
  gint64 units, fraction = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (hundredths != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (clean, *p);

  *hundredths = 0;
  if (clean->len == 0)
    return TRUE;

  decimal = find_decimal_separator (clean->str);
  if (!parse_units (clean->str, decimal != NULL ? decimal : clean->str + clean->len, &units))
    return set_invalid (error, text);

  if (decimal != NULL)
    {
      for (const char *p = decimal + 1; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return set_invalid (error, text);
          fraction = fraction * 10 + (*p - '0');
        }
      if (strlen (decimal + 1) == 1)
        fraction *= 10;
    }

  *hundredths = units * 100 + fraction;
  return TRUE;
}

/**
 * ks_amount_format:
 *
 * Returns: (transfer full): @hundredths with the separators of the user's
 *   language, decimals only when there are any: "1.500.000", "12,50"
 */
char *
ks_amount_format (gint64 hundredths)
{
  /* Translators: the separator of thousands in amounts, "1,500,000";
   * Indonesian writes "." */
  const char *thousands = C_("amount", ",");
  /* Translators: the decimal separator in amounts, "12.50"; Indonesian
   * writes "," */
  const char *decimal = C_("amount", ".");
  g_autofree char *digits = NULL;
  GString *out = g_string_new (hundredths < 0 ? "-" : NULL);
  guint64 value = hundredths < 0 ? -(guint64) hundredths : (guint64) hundredths;
  gsize len;

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value / 100);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }

  if (value % 100 != 0)
    g_string_append_printf (out, "%s%02u", decimal, (guint) (value % 100));

  return g_string_free (out, FALSE);
}

/**
 * ks_amount_format_with_currency:
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer full): "IDR 1.500.000"
 */
char *
ks_amount_format_with_currency (gint64      hundredths,
                                const char *currency)
{
  g_autofree char *amount = ks_amount_format (hundredths);

  /* Translators: a currency code and an amount, "IDR 1,500,000" */
  return g_strdup_printf (_("%s %s"), currency, amount);
}
