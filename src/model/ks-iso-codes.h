/* ks-iso-codes.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Countries (ISO 3166-1 alpha-2) and currencies (ISO 4217) from the
 * iso-codes package, named in the user's language through the package's
 * own gettext domains.  The data is read once per process, on first use,
 * from the first of: $KS_ISO_CODES_DIR, <system data dir>/iso-codes/json
 * (which finds the copy beside a relocated Windows build), and the prefix
 * iso-codes had at build time.  Set the locale before the first call:
 * names typed in the user's language are indexed when the data is read.
 *
 * The tables never change after loading, so every function here may be
 * called from any thread.
 *
 * iso_4217.json carries no minor units, so amounts are stored in
 * hundredths of the currency's main unit whatever the currency is.
 */

gboolean     ks_iso_codes_load           (GError     **error);

gboolean     ks_country_is_valid         (const char  *alpha2);
const char  *ks_country_get_name         (const char  *alpha2);
const char  *ks_country_lookup_by_name   (const char  *text);
GPtrArray   *ks_country_list             (void);
GListModel  *ks_country_list_model_new   (void);
gboolean     ks_country_validate         (const char  *field_label,
                                          const char  *code,
                                          GError     **error);

gboolean     ks_currency_is_valid        (const char  *alpha3);
const char  *ks_currency_get_name        (const char  *alpha3);
GPtrArray   *ks_currency_list            (void);
gboolean     ks_currency_validate        (const char  *field_label,
                                          const char  *code,
                                          GError     **error);

G_END_DECLS
