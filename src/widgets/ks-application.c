/* ks-application.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-application.h"
#include "ks-cli.h"
#include "ks-settings.h"
#include "ks-window.h"

struct _KsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *database_path;
};

G_DEFINE_FINAL_TYPE (KsApplication, ks_application, ADW_TYPE_APPLICATION)

static char *
default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kerjasama", "kerjasama.db", NULL);
}

static void
ks_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Kerjasama developers", NULL };
  KsApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Kerjasama"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Kerjasama developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("A register of the international cooperation of "
                                   "Indonesian regions, from the first contact to the "
                                   "end of the agreement."));
  adw_about_window_set_website (about, "https://github.com/kerjasama/kerjasama");
  adw_about_window_set_issue_url (about, "https://github.com/kerjasama/kerjasama/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, _("© 2026 The Kerjasama developers"));
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_present (GTK_WINDOW (about));
}

static void
ks_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", ks_application_about_action },
  { "quit", ks_application_quit_action },
};

static int
ks_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  KsApplication *self = KS_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "kerjasama", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  g_clear_pointer (&self->database_path, g_free);
  if (!g_variant_dict_lookup (options, "database", "^ay", &self->database_path))
    self->database_path = default_database_path ();

  /* Scripts run these on servers and in cron jobs: they must work without
   * a display, so they run before GTK is ever initialised. */
  if (ks_cli_is_headless (options))
    return ks_cli_run (options, self->database_path);

  return -1;
}

static void
ks_application_startup (GApplication *app)
{
  KsApplication *self = KS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ks_application_parent_class)->startup (app);

  self->settings = ks_settings_new_if_installed ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

static void
ks_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (ks_window_new (KS_APPLICATION (app)));

  gtk_window_present (window);
}

static void
ks_application_finalize (GObject *object)
{
  KsApplication *self = KS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (ks_application_parent_class)->finalize (object);
}

static void
ks_application_class_init (KsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ks_application_finalize;

  app_class->handle_local_options = ks_application_handle_local_options;
  app_class->startup = ks_application_startup;
  app_class->activate = ks_application_activate;
}

static void
ks_application_init (KsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), ks_cli_get_option_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep the register of a region's "
                                              "international cooperation."));
}

KsApplication *
ks_application_new (void)
{
  return g_object_new (KS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * ks_application_get_database_path:
 *
 * Returns: (transfer none): the register file this instance works on
 */
const char *
ks_application_get_database_path (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * ks_application_set_database_path:
 * @path: the register file to work on
 *
 * Lets a test or an embedding point the application at another file
 * before its window is built.
 */
void
ks_application_set_database_path (KsApplication *self,
                                  const char    *path)
{
  g_return_if_fail (KS_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}

/**
 * ks_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
ks_application_get_settings (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  return self->settings;
}
