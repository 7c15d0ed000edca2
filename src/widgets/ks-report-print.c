/* ks-report-print.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-report-print"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-report-annual.h"
#include "ks-report-pdf.h"
#include "ks-report-print.h"
#include "ks-request-list.h"
#include "ks-settings.h"

/*
 * Printing the annual report from the window: a GtkPrintOperation whose
 * pages are drawn by the same KsReportPages that writes the PDF, so what
 * is printed is what is exported.  The print dialog offers the preview.
 */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                KsReportPages     *pages)
{
  ks_report_pages_begin_layout (pages, gtk_print_context_get_cairo_context (context),
                                gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context));
}

/* A few hundred rows at a time: the national report runs to thousands
 * of pages, and the window stays responsive while they are laid out. */
static gboolean
paginate_cb (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             KsReportPages     *pages)
{
  if (!ks_report_pages_continue_layout (pages, 256, NULL))
    return FALSE;

  gtk_print_operation_set_n_pages (operation, ks_report_pages_get_n_pages (pages));
  return TRUE;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              KsReportPages     *pages)
{
  ks_report_pages_draw_page (pages, gtk_print_context_get_cairo_context (context), page_nr);
}

/**
 * ks_report_options_new_from_settings:
 * @settings: (nullable): the application's settings
 * @db: the register, for the staff name
 *
 * Returns: (transfer full): report options with the letterhead, logo,
 *   signer, author and follow-up threshold of the preferences, for all regions
 *   and all years
 */
KsReportOptions *
ks_report_options_new_from_settings (GSettings  *settings,
                                     KsDatabase *db)
{
  KsReportOptions *options = ks_report_options_new ();

  g_free (options->author);
  options->author = g_strdup (ks_database_get_staff_name (db));
  if (settings != NULL)
    {
      g_autoptr(KsPreferences) prefs = ks_preferences_new_from_settings (settings);
      g_autoptr(GSettingsSchema) schema = NULL;

      options->letterhead = g_settings_get_strv (settings, "letterhead");
      options->logo_path = g_settings_get_string (settings, "letterhead-logo");
      /* An older installed schema may not know the signer yet. */
      g_object_get (settings, "settings-schema", &schema, NULL);
      if (g_settings_schema_has_key (schema, "letterhead-signer-name"))
        {
          options->signer_name = g_settings_get_string (settings, "letterhead-signer-name");
          options->signer_position = g_settings_get_string (settings, "letterhead-signer-position");
        }
      options->follow_up_months = prefs->follow_up_months;
    }

  return options;
}

static GtkPrintOperation *print_operation_for (KsReportPages *pages);

/**
 * ks_report_print_operation_new:
 * @db: the register (read on the calling thread)
 * @settings: (nullable): the application's settings
 * @year: the year of the annual report
 * @regions: (nullable): region codes, %NULL for all
 *
 * Returns: (transfer full): a print operation for the annual report, A4
 *   landscape, in points; or %NULL with @error set
 */
GtkPrintOperation *
ks_report_print_operation_new (KsDatabase          *db,
                               GSettings           *settings,
                               int                  year,
                               const char * const  *regions,
                               GError             **error)
{
  g_autoptr(KsReportOptions) options = ks_report_options_new_from_settings (settings, db);
  g_autoptr(KsReport) report = NULL;
  g_autoptr(KsAnnualReport) annual = NULL;

  options->year_from = options->year_to = year;
  options->regions = g_strdupv ((GStrv) regions);
  report = ks_report_new (db, options, error);
  if (report == NULL)
    return NULL;
  annual = ks_annual_report_new (report, NULL, error);
  if (annual == NULL)
    return NULL;

  return print_operation_for (ks_report_pages_new (annual));
}

/* Takes @pages: A4 in the orientation the pages are laid out for. */
static GtkPrintOperation *
print_operation_for (KsReportPages *pages)
{
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_job_name (operation, ks_report_pages_get_title (pages));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (page_setup, a4);
  gtk_page_setup_set_orientation (page_setup, ks_report_pages_get_portrait (pages)
                                              ? GTK_PAGE_ORIENTATION_PORTRAIT
                                              : GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb),
                         pages, (GClosureNotify) G_CALLBACK (g_object_unref), 0);
  g_signal_connect (operation, "paginate", G_CALLBACK (paginate_cb), pages);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), pages);
  gtk_print_operation_set_show_progress (operation, TRUE);

  return operation;
}

/**
 * ks_report_print:
 * @parent: the window the print dialog belongs to
 * @db: the register
 * @settings: (nullable): the application's settings
 * @year: the year to print the annual report of
 *
 * Opens the print dialog (with its preview) for the annual report of
 * @year, for every region.  Returns once the dialog is shown.
 *
 * Returns: %FALSE with @error set when the report could not be made
 */
gboolean
ks_report_print (GtkWindow   *parent,
                 KsDatabase  *db,
                 GSettings   *settings,
                 int          year,
                 GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);

  operation = ks_report_print_operation_new (db, settings, year, NULL, error);
  if (operation == NULL)
    return FALSE;

  gtk_print_operation_set_allow_async (operation, TRUE);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  parent, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * ks_request_print_operation_new:
 * @db: the register (read on the calling thread)
 * @settings: (nullable): the application's settings (letterhead, signer,
 *   follow-up threshold)
 * @regions: (nullable): region codes, %NULL for all
 *
 * Returns: (transfer full): a print operation for the request lists to
 *   the agencies, a letter per agency, A4 portrait, in points; or %NULL
 *   with @error set
 */
GtkPrintOperation *
ks_request_print_operation_new (KsDatabase          *db,
                                GSettings           *settings,
                                const char * const  *regions,
                                GError             **error)
{
  g_autoptr(KsReportOptions) options = ks_report_options_new_from_settings (settings, db);
  g_autoptr(KsReport) report = NULL;
  g_autoptr(KsRequestList) requests = NULL;

  options->regions = g_strdupv ((GStrv) regions);
  report = ks_report_new (db, options, error);
  if (report == NULL)
    return NULL;
  requests = ks_request_list_new (report, NULL, error);
  if (requests == NULL)
    return NULL;

  return print_operation_for (ks_report_pages_new_for_requests (requests));
}

/**
 * ks_request_print:
 * @parent: the window the print dialog belongs to
 * @db: the register
 * @settings: (nullable): the application's settings
 *
 * Opens the print dialog (with its preview) for the request lists to
 * every agency that owes a report or follow-up, in every region.
 * Returns once the dialog is shown.
 *
 * Returns: %FALSE with @error set when the letters could not be made
 */
gboolean
ks_request_print (GtkWindow   *parent,
                  KsDatabase  *db,
                  GSettings   *settings,
                  GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);

  operation = ks_request_print_operation_new (db, settings, NULL, error);
  if (operation == NULL)
    return FALSE;

  gtk_print_operation_set_allow_async (operation, TRUE);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  parent, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
