/* ks-iso-codes.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Countries (ISO 3166-1 alpha-2) and currencies (ISO 4217) from the
 * iso-codes package, named in the user's language through its own
 * catalogues.  Loaded once per process, on first use. */

gboolean    ks_iso_codes_load        (GError     **error);

gboolean    ks_country_is_valid      (const char  *alpha2);
const char *ks_country_get_name      (const char  *alpha2);
const char *ks_country_lookup        (const char  *text);
GPtrArray  *ks_country_list          (void);
gboolean    ks_country_validate      (const char  *field_label,
                                      const char  *code,
                                      GError     **error);

gboolean    ks_currency_is_valid     (const char  *alpha3);
const char *ks_currency_get_name     (const char  *alpha3);
gboolean    ks_currency_validate     (const char  *field_label,
                                      const char  *code,
                                      GError     **error);

G_END_DECLS
