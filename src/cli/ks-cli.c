/* ks-cli.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-list.h"
#include "ks-audit-diff.h"
#include "ks-check.h"
#include "ks-cli.h"
#include "ks-csv-export.h"
#include "ks-csv-import.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-error.h"
#include "ks-exchange.h"
#include "ks-partial-date.h"
#include "ks-report-annual.h"
#include "ks-request-list.h"
#include "ks-report-xlsx.h"
#include "ks-report.h"
#include "ks-sample.h"
#include "ks-settings.h"

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the program version and exit"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the register in FILE instead of the default one"), N_("FILE") },
  { "load-demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Add the agreements of the 2012–2017 Karesidenan Surakarta study (only once)"), NULL },
  { "generate-sample", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Fill a new or empty register with N made-up agreements, for testing and benchmarks"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --generate-sample: the generator’s seed; the same seed makes the same register"), N_("S") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import agreements from a CSV file; nothing is written unless the whole file is valid"), N_("FILE.csv") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import or --merge: check the file and tell what would change, without writing"), NULL },
  { "export-exchange", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write an exchange file for another office to merge: every agreement, or those of the regions given with --region and the agencies given with --agency"), N_("FILE.kerjasama") },
  { "agency", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --export-exchange: the agreements of this agency (a local party such as a dinas, in any region; case does not matter), besides those of --region; may be repeated"), N_("NAME") },
  { "merge", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Merge an exchange file from another office; conflicts are reported and left untouched"), N_("FILE.kerjasama") },
  { "prefer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --merge: resolve conflicts with this register’s version (mine) or the file’s (theirs)"), N_("mine|theirs") },
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every agreement to a CSV file"), N_("FILE.csv") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --export-csv: write only the agreements of a smart view "
       "(needs-follow-up, expiring, not-reported or missing-steps)"), N_("VIEW") },
  { "check-reminders", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Count what needs attention and send a desktop notification about it"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the register’s integrity and consistency"), NULL },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the workbook per kabupaten/kota: a summary, then one sheet per region"), N_("FILE.xlsx") },
  { "annual-report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the annual report of the year given with --year, as a workbook or a PDF"), N_("FILE.xlsx|FILE.pdf") },
  { "request-lists", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a letter to each agency asking for the reports and follow-up it owes, as a workbook or a PDF"),
    N_("FILE.xlsx|FILE.pdf") },
  { "year", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("With --annual-report: the year to report on"), N_("YEAR") },
  { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --report, --annual-report, --request-lists or --export-exchange: this region only (a code such as 33.14, or its name for reports); may be repeated"), N_("CODE") },
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
  "load-demo", "generate-sample", "seed", "import", "export-csv", "view", "check",
  "check-reminders", "report", "annual-report", "request-lists", "year", "region", "from",
  "to", "export-exchange", "agency", "merge", "prefer", NULL
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
  if (!ks_database_auto_backup (db, prefs->backups_kept, NULL, NULL, &backup_error))
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

static int
run_generate_sample (KsDatabase   *db,
                     GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  int n = 0, seed = 0;

  g_variant_dict_lookup (options, "generate-sample", "i", &n);
  g_variant_dict_lookup (options, "seed", "i", &seed);
  if (!ks_sample_generate (db, n, (guint32) seed, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Generated %d sample agreement.\n",
                        "Generated %d sample agreements.\n", n),
           n);
  return EXIT_SUCCESS;
}

/* Checked before the register is opened, so that a mistake creates no file. */
static gboolean
check_sample_options (GVariantDict *options)
{
  int n = 0;

  if (!g_variant_dict_lookup (options, "generate-sample", "i", &n))
    {
      if (!g_variant_dict_contains (options, "seed"))
        return TRUE;
      g_printerr (_("kerjasama: --seed goes with --generate-sample\n"));
      return FALSE;
    }
  if (n >= 1 && n <= KS_SAMPLE_MAX)
    return TRUE;

  g_printerr (_("kerjasama: --generate-sample %d is not a number of agreements between 1 and %d\n"),
              n, KS_SAMPLE_MAX);
  return FALSE;
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

  if (!ks_csv_import_file (db, path, dry_run, report, NULL, &error))
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

/* A list with the smart views' thresholds from the preferences, as of
 * the computer's date. */
/* Reads the register once; %NULL with @error set when it cannot. */
static KsAgreementList *
open_list (KsDatabase   *db,
           KsSmartView   view,
           GError      **error)
{
  g_autoptr(GSettings) settings = ks_settings_new_if_installed ();
  g_autoptr(KsPreferences) prefs = ks_preferences_new_from_settings (settings);
  KsAgreementList *list = ks_agreement_list_open (db, error);
  KsAgreementFilter *filter;

  if (list == NULL)
    return NULL;

  filter = ks_agreement_list_get_filter (list);

  ks_agreement_filter_set_follow_up_months (filter, prefs->follow_up_months);
  ks_agreement_filter_set_expiry_months (filter, prefs->expiry_warning_months);
  ks_agreement_filter_set_smart_view (filter, view);

  return list;
}

static int
run_export_view (KsDatabase  *db,
                 const char  *path,
                 KsSmartView  view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreementList) list = open_list (db, view, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uuids = NULL;

  if (list == NULL)
    return fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KsAgreementSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_strv_builder_add (builder, ks_agreement_summary_get_uuid (item));
    }
  uuids = g_strv_builder_end (builder);

  if (!ks_csv_export_agreements_file (db, path, (const char * const *) uuids, NULL, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static int
run_export_csv (KsDatabase  *db,
                const char  *path,
                KsSmartView  view)
{
  g_autoptr(GError) error = NULL;

  if (view != KS_SMART_VIEW_NONE)
    return run_export_view (db, path, view);

  if (!ks_csv_export_file (db, path, NULL, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

/* Without a session bus (cron, a server) there is nobody to notify; the
 * summary on stdout is all.  Checking first spares GIO's attempt to
 * start a bus. */
static GDBusConnection *
get_session_bus (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

  if ((address == NULL || address[0] == '\0') && !g_file_test (socket, G_FILE_TEST_EXISTS))
    return NULL;

  return g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
}

static gboolean
bus_has_name (GDBusConnection *bus,
              const char      *method,
              const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) names = NULL;
  const char *member = g_str_equal (method, "NameHasOwner") ? name : NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", method,
                                       member != NULL ? g_variant_new ("(s)", member) : NULL,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  if (member != NULL)
    {
      gboolean owned;

      g_variant_get (reply, "(b)", &owned);
      return owned;
    }

  names = g_variant_get_child_value (reply, 0);
  for (gsize i = 0; i < g_variant_n_children (names); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (names, i);

      if (g_str_equal (g_variant_get_string (child, NULL), name))
        return TRUE;
    }

  return FALSE;
}

/* GIO warns when a notification finds no server; a bus without one (a
 * bare dbus-daemon) is the same as no bus here. */
static gboolean
can_notify (GDBusConnection *bus)
{
  return bus_has_name (bus, "NameHasOwner", "org.gtk.Notifications") ||
         bus_has_name (bus, "NameHasOwner", "org.freedesktop.Notifications") ||
         bus_has_name (bus, "ListActivatableNames", "org.freedesktop.Notifications");
}

/* A GApplication of our id, not the GTK one: that would need a display.
 * Non-unique, so that a running window is not asked to do it. */
static void
send_notification (const char *body)
{
  g_autoptr(GDBusConnection) bus = get_session_bus ();
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;

  if (bus == NULL || !can_notify (bus))
    return;

  app = g_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (app, NULL, &error))
    {
      g_debug ("No notification: %s", error->message);
      return;
    }

  notification = g_notification_new (_("Cooperation needs attention"));
  g_notification_set_body (notification, body);
  g_application_send_notification (app, "reminders", notification);
  g_dbus_connection_flush_sync (bus, NULL, NULL);
}

static int
run_check_reminders (KsDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreementList) list = open_list (db, KS_SMART_VIEW_NONE, &error);
  g_autofree char *summary = NULL;
  guint follow_up, expiring, not_reported;

  if (list == NULL)
    return fail (error);

  follow_up = ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
  expiring = ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_EXPIRING);
  not_reported = ks_agreement_list_count_smart_view (list, KS_SMART_VIEW_NOT_REPORTED);

  if (follow_up + expiring + not_reported == 0)
    {
      g_print (_("Nothing needs attention.\n"));
      return EXIT_SUCCESS;
    }

  summary = g_strdup_printf (_("%u without follow-up, %u expiring, %u not reported."),
                             follow_up, expiring, not_reported);
  g_print (_("Needs attention: %s\n"), summary);
  send_notification (summary);

  return EXIT_SUCCESS;
}

/* The --view value, by its nick; -1 when unknown. */
static int
lookup_view (GVariantDict *options)
{
  g_autoptr(GEnumClass) views = g_type_class_ref (KS_TYPE_SMART_VIEW);
  const char *nick = NULL;
  GEnumValue *value;

  if (!g_variant_dict_lookup (options, "view", "&s", &nick))
    return KS_SMART_VIEW_NONE;

  value = g_enum_get_value_by_nick (views, nick);
  if (value == NULL || value->value == KS_SMART_VIEW_NONE)
    {
      g_printerr (_("kerjasama: unknown view “%s”; use needs-follow-up, expiring, not-reported or missing-steps\n"), nick);
      return -1;
    }

  return value->value;
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
      g_autoptr(GSettingsSchema) schema = NULL;

      report_options->letterhead = g_settings_get_strv (settings, "letterhead");
      report_options->logo_path = g_settings_get_string (settings, "letterhead-logo");
      /* An older installed schema may not know the signer yet. */
      g_object_get (settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "letterhead-signer-name"))
        {
          report_options->signer_name = g_settings_get_string (settings, "letterhead-signer-name");
          report_options->signer_position = g_settings_get_string (settings, "letterhead-signer-position");
        }
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

static int
run_request_lists (KsDatabase   *db,
                   GVariantDict *options,
                   const char   *path)
{
  g_autoptr(KsReportOptions) report_options = report_options_new (options, db);
  g_autoptr(KsReport) report = NULL;
  g_autoptr(KsRequestList) requests = NULL;
  g_autoptr(GError) error = NULL;

  report = ks_report_new (db, report_options, &error);
  if (report == NULL)
    return fail (error);
  requests = ks_request_list_new (report, NULL, &error);
  if (requests == NULL || !ks_request_list_write (requests, path, NULL, NULL, NULL, &error))
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

static int
run_export_exchange (KsDatabase   *db,
                     GVariantDict *options,
                     const char   *path)
{
  g_auto(GStrv) regions = NULL;
  g_auto(GStrv) agencies = NULL;
  g_autoptr(GError) error = NULL;
  KsExchangeSelection selection = { NULL, NULL, NULL };
  guint n_exported = 0;

  g_variant_dict_lookup (options, "region", "^as", &regions);
  g_variant_dict_lookup (options, "agency", "^as", &agencies);
  selection.region_codes = (const char * const *) regions;
  selection.agencies = (const char * const *) agencies;
  if (!ks_exchange_export_selection (db, path, &selection, &n_exported, NULL, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Exported %u agreement to %s.\n",
                        "Exported %u agreements to %s.\n", n_exported),
           n_exported, path);
  return EXIT_SUCCESS;
}

static void
print_conflict (const KsExchangeConflict *conflict)
{
  g_print (_("Conflict: “%s” (%s %s), changed in both registers:\n"),
           conflict->title, conflict->table, conflict->uuid);
  for (guint i = 0; i < conflict->diffs->len; i++)
    {
      const KsAuditDiff *diff = g_ptr_array_index (conflict->diffs, i);

      g_print (_("  %s: here “%s”, in the file “%s”\n"), ks_audit_field_get_label (diff->field),
               diff->old_value != NULL ? diff->old_value : "",
               diff->new_value != NULL ? diff->new_value : "");
    }
}

static void
print_merge_report (const KsMergeReport *report,
                    gboolean             dry_run,
                    KsExchangePrefer     prefer)
{
  for (guint i = 0; i < report->conflicts->len; i++)
    print_conflict (g_ptr_array_index (report->conflicts, i));

  g_print (dry_run ? _("Checked: %u to add, %u to update, %u to delete, %u unchanged, %u in conflict; nothing was written.\n")
                   : _("Merged: %u added, %u updated, %u deleted, %u unchanged, %u in conflict.\n"),
           report->n_added, report->n_updated, report->n_deleted, report->n_unchanged,
           report->n_conflicts);
  if (report->n_regions_added > 0)
    g_print (dry_run ? g_dngettext (GETTEXT_PACKAGE, "Would add %u region this register does not have.\n",
                                    "Would add %u regions this register does not have.\n",
                                    report->n_regions_added)
                     : g_dngettext (GETTEXT_PACKAGE, "Added %u region this register did not have.\n",
                                    "Added %u regions this register did not have.\n",
                                    report->n_regions_added),
             report->n_regions_added);
  if (report->n_conflicts > 0 && prefer == KS_EXCHANGE_PREFER_NONE)
    g_print (_("Records in conflict were left as they are; merge again with --prefer mine or --prefer theirs to settle them.\n"));
}

static int
run_merge (KsDatabase       *db,
           const char       *path,
           gboolean          dry_run,
           KsExchangePrefer  prefer)
{
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { dry_run, prefer, NULL };

  if (!ks_exchange_merge (db, path, &options, NULL, NULL, NULL, report, &error))
    return fail (error);

  print_merge_report (report, dry_run, prefer);
  return EXIT_SUCCESS;
}

/* Returns -1 after telling the user when --prefer is not understood. */
static int
lookup_prefer (GVariantDict *options,
               const char   *merge_path)
{
  g_autofree char *prefer = NULL;

  if (!g_variant_dict_lookup (options, "prefer", "s", &prefer))
    return KS_EXCHANGE_PREFER_NONE;

  if (merge_path == NULL)
    g_printerr (_("kerjasama: --prefer goes with --merge\n"));
  else if (g_strcmp0 (prefer, "mine") == 0)
    return KS_EXCHANGE_PREFER_MINE;
  else if (g_strcmp0 (prefer, "theirs") == 0)
    return KS_EXCHANGE_PREFER_THEIRS;
  else
    g_printerr (_("kerjasama: --prefer takes “mine” or “theirs”, not “%s”\n"), prefer);

  return -1;
}

/* Options that only make sense with another; a script that gets them
 * wrong should learn it before anything is written. */
static gboolean
check_report_options (GVariantDict *options,
                      const char   *report_path,
                      const char   *annual_path,
                      const char   *requests_path,
                      const char   *exchange_path)
{
  int from = 0, to = 0;

  if (annual_path == NULL && g_variant_dict_contains (options, "year"))
    g_printerr (_("kerjasama: --year goes with --annual-report\n"));
  else if (report_path == NULL && (g_variant_dict_contains (options, "from") ||
                                   g_variant_dict_contains (options, "to")))
    g_printerr (_("kerjasama: --from and --to go with --report\n"));
  else if (report_path == NULL && annual_path == NULL && requests_path == NULL &&
           exchange_path == NULL && g_variant_dict_contains (options, "region"))
    g_printerr (_("kerjasama: --region goes with --report, --annual-report, --request-lists or --export-exchange\n"));
  else if (exchange_path == NULL && g_variant_dict_contains (options, "agency"))
    g_printerr (_("kerjasama: --agency goes with --export-exchange\n"));
  else if (annual_path != NULL && !g_variant_dict_contains (options, "year"))
    g_printerr (_("kerjasama: --annual-report needs --year\n"));
  else if (annual_path != NULL && !g_str_has_suffix (annual_path, ".xlsx") &&
           !g_str_has_suffix (annual_path, ".pdf"))
    g_printerr (_("kerjasama: the annual report is written as FILE.xlsx or FILE.pdf\n"));
  else if (requests_path != NULL && !g_str_has_suffix (requests_path, ".xlsx") &&
           !g_str_has_suffix (requests_path, ".pdf"))
    g_printerr (_("kerjasama: the request lists are written as FILE.xlsx or FILE.pdf\n"));
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
 * (generate, load, import, merge, check, export, reports, reminders),
 * stopping at the first failure.
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
  g_autofree char *requests_path = lookup_filename (options, "request-lists");
  g_autofree char *exchange_path = lookup_filename (options, "export-exchange");
  g_autofree char *merge_path = lookup_filename (options, "merge");
  gboolean dry_run = g_variant_dict_contains (options, "dry-run");
  int view = lookup_view (options);
  int prefer = lookup_prefer (options, merge_path);
  int status = EXIT_SUCCESS;

  if (dry_run && import_path == NULL && merge_path == NULL)
    {
      g_printerr (_("kerjasama: --dry-run goes with --import or --merge\n"));
      return 2;
    }
  if (dry_run && import_path != NULL && merge_path != NULL)
    {
      g_printerr (_("kerjasama: --dry-run checks one file: give --import or --merge, not both\n"));
      return 2;
    }
  if (prefer < 0)
    return 2;
  if (!check_report_options (options, report_path, annual_path, requests_path, exchange_path) ||
      !check_sample_options (options))
    return 2;
  if (view < 0)
    return 2;
  if (view != KS_SMART_VIEW_NONE && export_path == NULL)
    {
      g_printerr (_("kerjasama: --view goes with --export-csv\n"));
      return 2;
    }

  db = open_register (database_path, &error);
  if (db == NULL)
    return fail (error);

  if (g_variant_dict_contains (options, "generate-sample"))
    status = run_generate_sample (db, options);
  if (status == EXIT_SUCCESS && g_variant_dict_contains (options, "load-demo"))
    status = run_load_demo (db);
  if (status == EXIT_SUCCESS && import_path != NULL)
    status = run_import (db, import_path, dry_run);
  if (status == EXIT_SUCCESS && merge_path != NULL)
    status = run_merge (db, merge_path, dry_run, prefer);
  if (status == EXIT_SUCCESS && g_variant_dict_contains (options, "check"))
    status = run_check (db);
  if (status == EXIT_SUCCESS && export_path != NULL)
    status = run_export_csv (db, export_path, view);
  if (status == EXIT_SUCCESS && exchange_path != NULL)
    status = run_export_exchange (db, options, exchange_path);
  if (status == EXIT_SUCCESS && report_path != NULL)
    status = run_report (db, options, report_path);
  if (status == EXIT_SUCCESS && annual_path != NULL)
    status = run_annual_report (db, options, annual_path);
  if (status == EXIT_SUCCESS && requests_path != NULL)
    status = run_request_lists (db, options, requests_path);
  if (status == EXIT_SUCCESS && g_variant_dict_contains (options, "check-reminders"))
    status = run_check_reminders (db);

  return status;
}
