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
#include "ks-partial-date.h"
#include "ks-report-annual.h"
#include "ks-report-xlsx.h"
#include "ks-report.h"
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
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the workbook per kabupaten/kota: a summary, then one sheet per region"), N_("FILE.xlsx") },
  { "annual-report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the annual report of the year given with --year, as a workbook or a PDF"), N_("FILE.xlsx|FILE.pdf") },
  { "year", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --annual-report: the year to report on"), N_("YEAR") },
  { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --report or --annual-report: report on this region only (a code such as 33.14, or its name); may be repeated"), N_("CODE") },
  { "from", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --report: the first year of the period"), N_("YEAR") },
  { "to", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --report: the last year of the period"), N_("YEAR") },
  { NULL }
};

/* Options that do their work and exit instead of opening the window; the
 * report's parameters too, so that one given alone is a usage error, not
 * a window. */
static const char *headless_options[] = {
  "load-demo", "import", "export-csv", "check", "report", "annual-report",
  "year", "region", "from", "to", NULL
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

static KsReportOptions *
report_options_new (GVariantDict *options,
                    KsDatabase   *db)
{
  g_autoptr(GSettings) settings = ks_settings_new_if_installed ();
  KsReportOptions *report_options = ks_report_options_new ();

  g_variant_dict_lookup (options, "region", "^as", &report_options->regions);
  g_variant_dict_lookup (options, "from", "i", &report_options->year_from);
  g_variant_dict_lookup (options, "to", "i", &report_options->year_to);
  g_free (report_options->author);
  report_options->author = g_strdup (ks_database_get_staff_name (db));
  if (settings != NULL)
    {
      g_autoptr(KsPreferences) prefs = ks_preferences_new_from_settings (settings);

      report_options->letterhead = g_settings_get_strv (settings, "letterhead");
      report_options->logo_path = g_settings_get_string (settings, "letterhead-logo");
      report_options->follow_up_months = prefs->follow_up_months;
    }

  return report_options;
}

static int
run_report (KsDatabase   *db,
            GVariantDict *options,
            const char   *path)
{
  g_autoptr(KsReportOptions) report_options = report_options_new (options, db);
  g_autoptr(KsReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = ks_report_new (db, report_options, &error);
  if (report == NULL || !ks_report_write_xlsx (report, path, NULL, NULL, NULL, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static int
run_annual_report (KsDatabase   *db,
                   GVariantDict *options,
                   const char   *path)
{
  g_autoptr(KsReportOptions) report_options = report_options_new (options, db);
  g_autoptr(KsReport) report = NULL;
  g_autoptr(KsAnnualReport) annual = NULL;
  g_autoptr(GError) error = NULL;
  int year = 0;

  g_variant_dict_lookup (options, "year", "i", &year);
  report_options->year_from = report_options->year_to = year;
  report = ks_report_new (db, report_options, &error);
  if (report == NULL)
    return fail (error);
  annual = ks_annual_report_new (report, NULL, &error);
  if (annual == NULL || !ks_annual_report_write (annual, path, NULL, NULL, NULL, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static gboolean
year_is_valid (GVariantDict *options,
               const char   *name)
{
  int year = 0;

  if (!g_variant_dict_lookup (options, name, "i", &year))
    return TRUE;
  if (year >= KS_PARTIAL_DATE_MIN_YEAR && year <= KS_PARTIAL_DATE_MAX_YEAR)
    return TRUE;

  g_printerr (_("kerjasama: --%s %d is not a year between %d and %d\n"),
              name, year, KS_PARTIAL_DATE_MIN_YEAR, KS_PARTIAL_DATE_MAX_YEAR);
  return FALSE;
}

/* Options that only make sense with another; a script that gets them
 * wrong should learn it before anything is written. */
static gboolean
check_report_options (GVariantDict *options,
                      const char   *report_path,
                      const char   *annual_path)
{
  int from = 0, to = 0;

  if (annual_path == NULL && g_variant_dict_contains (options, "year"))
    g_printerr (_("kerjasama: --year goes with --annual-report\n"));
  else if (report_path == NULL && (g_variant_dict_contains (options, "from") ||
                                   g_variant_dict_contains (options, "to")))
    g_printerr (_("kerjasama: --from and --to go with --report\n"));
  else if (report_path == NULL && annual_path == NULL && g_variant_dict_contains (options, "region"))
    g_printerr (_("kerjasama: --region goes with --report or --annual-report\n"));
  else if (annual_path != NULL && !g_variant_dict_contains (options, "year"))
    g_printerr (_("kerjasama: --annual-report needs --year\n"));
  else if (annual_path != NULL && !g_str_has_suffix (annual_path, ".xlsx") &&
           !g_str_has_suffix (annual_path, ".pdf"))
    g_printerr (_("kerjasama: the annual report is written as FILE.xlsx or FILE.pdf\n"));
  else if (!year_is_valid (options, "year") || !year_is_valid (options, "from") ||
           !year_is_valid (options, "to"))
    return FALSE;
  else if (g_variant_dict_lookup (options, "from", "i", &from) &&
           g_variant_dict_lookup (options, "to", "i", &to) && from > to)
    g_printerr (_("kerjasama: --from %d is after --to %d\n"), from, to);
  else
    return TRUE;

  return FALSE;
}

/**
 * ks_cli_run:
 * @options: the parsed command line
 * @database_path: the register to work on
 *
 * Runs the headless commands given, in the order a script would expect
 * (load, import, check, export, reports), stopping at the first failure.
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
  g_autofree char *report_path = lookup_filename (options, "report");
  g_autofree char *annual_path = lookup_filename (options, "annual-report");
  gboolean dry_run = g_variant_dict_contains (options, "dry-run");
  int status = EXIT_SUCCESS;

  if (dry_run && import_path == NULL)
    {
      g_printerr (_("kerjasama: --dry-run goes with --import\n"));
      return 2;
    }
  if (!check_report_options (options, report_path, annual_path))
    return 2;

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
  if (status == EXIT_SUCCESS && report_path != NULL)
    status = run_report (db, options, report_path);
  if (status == EXIT_SUCCESS && annual_path != NULL)
    status = run_annual_report (db, options, annual_path);

  return status;
}
