/* ks-amount.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Money amounts are stored in hundredths of the currency's main unit (see
 * ks-iso-codes.h).  Staff type them as their documents write them:
 * "1.500.000" or "1.500.000,50" in Indonesian, "1,500,000.50" in English.
 */

gboolean  ks_amount_parse                (const char  *text,
                                          gint64      *hundredths,
                                          GError     **error);
char     *ks_amount_format               (gint64       hundredths);
char     *ks_amount_format_with_currency (gint64       hundredths,
                                          const char  *currency);

G_END_DECLS
