/* ks-settings.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-settings"

#include "config.h"

#include "ks-settings.h"

/**
 * ks_settings_new_if_installed:
 *
 * g_settings_new() aborts when the schema is missing, which would make an
 * uninstalled binary or a script on a bare machine crash before doing any
 * work; look the schema up first instead.
 *
 * Returns: (transfer full) (nullable): the application's settings, or %NULL
 *   when the schema is not installed
 */
GSettings *
ks_settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * ks_preferences_new_default:
 *
 * Returns: (transfer full): the preferences as shipped
 */
KsPreferences *
ks_preferences_new_default (void)
{
  KsPreferences *prefs = g_new0 (KsPreferences, 1);

  prefs->staff_name = g_strdup (g_get_real_name ());
  prefs->home_region = g_strdup ("");
  prefs->follow_up_months = 12;
  prefs->expiry_warning_months = 6;
  prefs->backups_kept = 10;

  return prefs;
}

/**
 * ks_preferences_new_from_settings:
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): the preferences in @settings, or the defaults
 *   when @settings is %NULL
 */
KsPreferences *
ks_preferences_new_from_settings (GSettings *settings)
{
  KsPreferences *prefs = ks_preferences_new_default ();
  g_autofree char *staff_name = NULL;

  if (settings == NULL)
    return prefs;

  /* An unset staff name falls back to the account's name so that the audit
   * trail never records an empty "who". */
  staff_name = g_settings_get_string (settings, "staff-name");
  if (staff_name[0] != '\0')
    {
      g_free (prefs->staff_name);
      prefs->staff_name = g_steal_pointer (&staff_name);
    }

  g_free (prefs->home_region);
  prefs->home_region = g_settings_get_string (settings, "home-region");
  prefs->follow_up_months = g_settings_get_uint (settings, "follow-up-months");
  prefs->expiry_warning_months = g_settings_get_uint (settings, "expiry-warning-months");
  prefs->backups_kept = g_settings_get_uint (settings, "backups-kept");

  return prefs;
}

void
ks_preferences_free (KsPreferences *prefs)
{
  if (prefs == NULL)
    return;

  g_free (prefs->staff_name);
  g_free (prefs->home_region);
  g_free (prefs);
}
