/* ks-autostart.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-autostart"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ks-autostart.h"

/*
 * The reminders at login: a desktop entry in the user's autostart folder
 * (the XDG Autostart specification) that runs `kerjasama
 * --check-reminders`, which notifies and exits.  Windows has no such
 * folder; there the functions report that it is not supported.
 */

#define PROGRAM_PATH BINDIR G_DIR_SEPARATOR_S "kerjasama"

/* The Desktop Entry specification's quoting of an Exec argument: within
 * double quotes, `"`, `` ` ``, `$` and `\` take a backslash. */
static char *
quote_exec_argument (const char *arg)
{
  GString *quoted;

  if (strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") == NULL)
    return g_strdup (arg);

  quoted = g_string_new ("\"");
  for (const char *p = arg; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_string_free (quoted, FALSE);
}

/**
 * ks_autostart_dup_path:
 *
 * Returns: (transfer full): where the desktop entry goes:
 *   `$XDG_CONFIG_HOME/autostart/<application id>.desktop`
 */
char *
ks_autostart_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

/**
 * ks_autostart_dup_exec:
 *
 * Returns: (transfer full): the entry's command line: the installed
 *   program, quoted when its path needs it, and `--check-reminders`
 */
char *
ks_autostart_dup_exec (void)
{
  g_autofree char *program = quote_exec_argument (PROGRAM_PATH);

  return g_strconcat (program, " --check-reminders", NULL);
}

/**
 * ks_autostart_is_enabled:
 *
 * Returns: whether the desktop entry exists
 */
gboolean
ks_autostart_is_enabled (void)
{
  g_autofree char *path = ks_autostart_dup_path ();

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
write_entry (const char  *path,
             GError     **error)
{
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *exec = ks_autostart_dup_exec ();
  const char *group = G_KEY_FILE_DESKTOP_GROUP;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The folder “%s” could not be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_TYPE, G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_NAME, PACKAGE_NAME);
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Notify about cooperation agreements that need attention"));
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_string (entry, group, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_boolean (entry, group, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (entry, group, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, group, "X-GNOME-Autostart-enabled", TRUE);

  return g_key_file_save_to_file (entry, path, error);
}

static gboolean
remove_entry (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;

  if (g_file_delete (file, NULL, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * ks_autostart_set_enabled:
 * @enabled: %TRUE to check the reminders at each login
 *
 * Writes or removes the desktop entry at ks_autostart_dup_path(); removing
 * one that is not there succeeds.
 *
 * Returns: %FALSE with @error set (translated, naming the file) when the
 *   entry could not be written or removed, or on Windows
 */
gboolean
ks_autostart_set_enabled (gboolean   enabled,
                          GError   **error)
{
  g_autofree char *path = ks_autostart_dup_path ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

#ifdef G_OS_WIN32
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("Checking for reminders at login is not available on Windows."));
  return FALSE;
#else
  if (enabled ? write_entry (path, &local_error) : remove_entry (path, &local_error))
    return TRUE;

  if (enabled)
    g_set_error (error, local_error->domain, local_error->code,
                 _("The reminders could not be set to run at login: %s"), local_error->message);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("The reminders could not be stopped from running at login: %s"), local_error->message);
  return FALSE;
#endif
}
