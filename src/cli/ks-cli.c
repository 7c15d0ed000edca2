/* ks-cli.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-check.h"
#include "ks-cli.h"
#include "ks-csv-export.h"
#include "ks-csv-import.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-error.h"
#include "ks-settings.h"

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the program version and exit"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the register in FILE instead of the default one"), N_("FILE") },
  { "load-demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Add the agreements of the 2012–2017 Karesidenan Surakarta study (only once)"), NULL },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import agreements from a CSV file; nothing is written unless the whole file is valid"), N_("FILE.csv") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import: check the file and tell what would change, without writing"), NULL },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every agreement to a CSV file"), N_("FILE.csv") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the register’s integrity and consistency"), NULL },
  { NULL }
};

/* Options that do their work and exit instead of opening the window. */
static const char *headless_options[] = {
  "load-demo", "import", "export-csv", "check", NULL
};

const GOptionEntry *
ks_cli_get_option_entries (void)
{
  return option_entries;
}

gboolean
ks_cli_is_headless (GVariantDict *options)
{
  for (guint i = 0; headless_options[i] != NULL; i++)
    if (g_variant_dict_contains (options, headless_options[i]))
      return TRUE;

  return FALSE;
}

static char *
lookup_filename (GVariantDict *options,
                 const char   *name)
{
  char *value = NULL;

  g_variant_dict_lookup (options, name, "^ay", &value);
  return value;
}

static int
fail (GError *error)
{
  g_printerr ("kerjasama: %s\n", error->message);
  return EXIT_FAILURE;
}

static KsDatabase *
open_register (const char  *path,
               GError     **error)
{
  g_autoptr(GSettings) settings = ks_settings_new_if_installed ();
  g_autoptr(KsPreferences) prefs = ks_preferences_new_from_settings (settings);
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, error);
  g_autoptr(GError) backup_error = NULL;

  if (db == NULL)
    return NULL;

  ks_database_set_staff_name (db, prefs->staff_name);

  /* A failed backup must not stop the work, but the user has to know. */
  if (!ks_database_auto_backup (db, prefs->backups_kept, NULL, &backup_error))
    g_printerr (_("kerjasama: warning: the daily backup was not made: %s\n"),
                backup_error->message);

  return g_steal_pointer (&db);
}

static int
run_load_demo (KsDatabase *db)
{
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  if (!ks_demo_load (db, &n_added, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Added %u agreement from the study.\n",
                        "Added %u agreements from the study.\n", n_added),
           n_added);
  return EXIT_SUCCESS;
}

static void
print_import_report (const KsImportReport *report,
                     gboolean              dry_run)
{
  g_print (dry_run ? _("Checked: %u to add, %u to update, %u unchanged; nothing was written.\n")
                   : _("Imported: %u added, %u updated, %u unchanged.\n"),
           report->n_added, report->n_updated, report->n_unchanged);
}

static int
run_import (KsDatabase *db,
            const char *path,
            gboolean    dry_run)
{
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;

  if (!ks_csv_import_file (db, path, dry_run, report, &error))
    {
      for (guint i = 0; i < report->errors->len; i++)
        g_printerr ("kerjasama: %s: %s\n", path, (const char *) g_ptr_array_index (report->errors, i));
      if (report->errors->len == 0)
        return fail (error);
      g_printerr ("kerjasama: %s\n", error->message);
      return EXIT_FAILURE;
    }

  print_import_report (report, dry_run);
  return EXIT_SUCCESS;
}

static int
run_export_csv (KsDatabase *db,
                const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!ks_csv_export_file (db, path, NULL, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static int
run_check (KsDatabase *db)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!ks_check_run (db, &problems, &error))
    return fail (error);

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("kerjasama: %s\n", (const char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    return EXIT_FAILURE;

  g_print (_("The register is consistent.\n"));
  return EXIT_SUCCESS;
}

/**
 * ks_cli_run:
 * @options: the parsed command line
 * @database_path: the register to work on
 *
 * Runs the headless commands given, in the order a script would expect
 * (load, import, check, export), stopping at the first failure.
 *
 * Returns: the process exit status
 */
int
ks_cli_run (GVariantDict *options,
            const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = NULL;
  g_autofree char *import_path = lookup_filename (options, "import");
  g_autofree char *export_path = lookup_filename (options, "export-csv");
  gboolean dry_run = g_variant_dict_contains (options, "dry-run");
  int status = EXIT_SUCCESS;

  if (dry_run && import_path == NULL)
    {
      g_printerr (_("kerjasama: --dry-run goes with --import\n"));
      return 2;
    }

  db = open_register (database_path, &error);
  if (db == NULL)
    return fail (error);

  if (g_variant_dict_contains (options, "load-demo"))
    status = run_load_demo (db);
  if (status == EXIT_SUCCESS && import_path != NULL)
    status = run_import (db, import_path, dry_run);
  if (status == EXIT_SUCCESS && g_variant_dict_contains (options, "check"))
    status = run_check (db);
  if (status == EXIT_SUCCESS && export_path != NULL)
    status = run_export_csv (db, export_path);

  return status;
}
