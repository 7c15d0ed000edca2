/* ks-partner.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_PARTNER (ks_partner_get_type ())

G_DECLARE_FINAL_TYPE (KsPartner, ks_partner, KS, PARTNER, GObject)

/*
 * A foreign partner of the register.  Construct-only properties: "uuid",
 * "name", "kind" (national_government, local_government,
 * international_organisation, ngo, education, company, other), "country"
 * (ISO 3166-1 alpha-2, or ""), "locality".
 */
const char *ks_partner_get_uuid     (KsPartner *self);
const char *ks_partner_get_name     (KsPartner *self);
const char *ks_partner_get_kind     (KsPartner *self);
const char *ks_partner_get_country  (KsPartner *self);
const char *ks_partner_get_locality (KsPartner *self);

G_END_DECLS
