/* ks-settings.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KsPreferences:
 * @staff_name: the name written into the audit trail
 * @home_region: Kemendagri code of the user's own region, or ""
 * @follow_up_months: months without an event before an agreement needs follow-up
 * @expiry_warning_months: months before its end that an agreement is expiring
 * @backups_kept: automatic backups to keep beside the database
 *
 * The preferences the model and the command line need, read once from
 * GSettings when its schema is installed and from the defaults otherwise.
 */
typedef struct
{
  char  *staff_name;
  char  *home_region;
  guint  follow_up_months;
  guint  expiry_warning_months;
  guint  backups_kept;
} KsPreferences;

GSettings     *ks_settings_new_if_installed (void);
KsPreferences *ks_preferences_new_default   (void);
KsPreferences *ks_preferences_new_from_settings (GSettings *settings);
void           ks_preferences_free          (KsPreferences *prefs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsPreferences, ks_preferences_free)

G_END_DECLS
