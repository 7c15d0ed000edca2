/* ks-export-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-export-dialog.h"
#include "ks-region-store.h"
#include "ks-report-annual.h"
#include "ks-report-print.h"
#include "ks-report-xlsx.h"
#include "ks-request-list.h"

/*
 * Export…: which report, which period, which regions, which format, then
 * a file.  The report is written by a worker thread on its own read-only
 * connection (a KsDatabase belongs to one thread), with a progress bar
 * and Cancel; a cancelled or failed export leaves no file behind.
 */

typedef enum
{
  REGIONS_ALL,
  REGIONS_HOME,
  REGIONS_GROUP,
  REGIONS_CHOSEN,
} RegionChoice;

typedef enum {
  KIND_WORKBOOK,
  KIND_ANNUAL,
  KIND_REQUESTS,
} ReportKind;

enum {
  FORMAT_XLSX,
  FORMAT_PDF,
};

struct _KsExportDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *kind_row;
  AdwComboRow          *format_row;
  AdwComboRow          *regions_row;
  AdwActionRow         *from_row;
  AdwActionRow         *to_row;
  AdwActionRow         *year_row;
  AdwPreferencesGroup  *period_group;
  AdwExpanderRow       *chosen_row;
  GtkSpinButton        *from_spin;
  GtkSpinButton        *to_spin;
  GtkSpinButton        *year_spin;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;
  AdwPreferencesPage   *page;

  KsDatabase           *db;
  GSettings            *settings;
  GPtrArray            *region_checks;    /* GtkCheckButton, data "ks-code" */
  GArray               *choices;          /* RegionChoice per regions_row item */
  char                 *home_code;
  char                 *group;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (KsExportDialog, ks_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char            *db_path;
  char            *path;
  KsReportOptions *options;
  ReportKind       kind;
} ExportJob;

typedef struct
{
  KsExportDialog *self;
  double          fraction;
} Progress;

#define CODE_DATA "ks-code"

/* ------------------------------------------------------------------ */
/* The worker */

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  ks_report_options_free (job->options);
  g_free (job);
}

static gboolean
show_progress_cb (gpointer data)
{
  Progress *progress = data;

  gtk_progress_bar_set_fraction (progress->self->progress_bar, progress->fraction);
  g_object_unref (progress->self);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread. */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->fraction = fraction;
  g_main_context_invoke (NULL, show_progress_cb, progress);
}

/* The rest of a job after its first steps, from @from to the end. */
typedef struct
{
  gpointer dialog;
  double   from;
} Rest;

static void
rest_progress_cb (double   fraction,
                  gpointer user_data)
{
  Rest *rest = user_data;

  progress_cb (rest->from + (1 - rest->from) * fraction, rest->dialog);
}

static gboolean
run_job (ExportJob     *job,
         gpointer       dialog,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(KsDatabase) db = ks_database_open (job->db_path, KS_DATABASE_READ_ONLY, error);
  g_autoptr(KsReport) report = NULL;
  g_autoptr(KsAnnualReport) annual = NULL;
  g_autoptr(KsRequestList) requests = NULL;
  Rest rest = { dialog, 0 };

  if (db == NULL)
    return FALSE;
  report = ks_report_new (db, job->options, error);
  if (report == NULL)
    return FALSE;
  if (job->kind == KIND_WORKBOOK)
    return ks_report_write_xlsx (report, job->path, cancellable, progress_cb, dialog, error);
  if (job->kind == KIND_REQUESTS)
    {
      requests = ks_request_list_new (report, cancellable, error);
      if (requests == NULL)
        return FALSE;
      rest.from = 0.3;
      progress_cb (rest.from, dialog);
      return ks_request_list_write (requests, job->path, cancellable, rest_progress_cb, &rest, error);
    }

  annual = ks_annual_report_new (report, cancellable, error);
  if (annual == NULL)
    return FALSE;
  rest.from = 0.5;
  progress_cb (rest.from, dialog);
  return ks_annual_report_write (annual, job->path, cancellable, rest_progress_cb, &rest, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (run_job (task_data, source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ------------------------------------------------------------------ */
/* Helpers */

static void
set_running (KsExportDialog *self,
             gboolean        running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static void
show_status (KsExportDialog *self,
             const char     *message,
             gboolean        is_error)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static ReportKind
get_kind (KsExportDialog *self)
{
  return adw_combo_row_get_selected (self->kind_row);
}

static gboolean
is_annual (KsExportDialog *self)
{
  return get_kind (self) == KIND_ANNUAL;
}

static const char *
format_extension (KsExportDialog *self)
{
  if (get_kind (self) != KIND_WORKBOOK && adw_combo_row_get_selected (self->format_row) == FORMAT_PDF)
    return "pdf";
  return "xlsx";
}

static RegionChoice
region_choice (KsExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->regions_row);

  if (selected >= self->choices->len)
    return REGIONS_ALL;
  return g_array_index (self->choices, RegionChoice, selected);
}

static GStrv
chosen_codes (KsExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  RegionChoice choice = region_choice (self);

  for (guint i = 0; i < self->region_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->region_checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), CODE_DATA);
      const char *group = g_object_get_data (G_OBJECT (check), "ks-group");

      if ((choice == REGIONS_HOME && g_strcmp0 (code, self->home_code) == 0) ||
          (choice == REGIONS_GROUP && g_strcmp0 (group, self->group) == 0) ||
          (choice == REGIONS_CHOSEN && gtk_check_button_get_active (GTK_CHECK_BUTTON (check))))
        g_strv_builder_add (builder, code);
    }

  return g_strv_builder_end (builder);
}

static void
update_rows (KsExportDialog *self)
{
  ReportKind kind = get_kind (self);

  /* The request lists ask for whatever is missing now, of any year. */
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), kind != KIND_WORKBOOK);
  gtk_widget_set_visible (GTK_WIDGET (self->period_group), kind != KIND_REQUESTS);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), kind == KIND_WORKBOOK);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), kind == KIND_WORKBOOK);
  gtk_widget_set_visible (GTK_WIDGET (self->year_row), kind == KIND_ANNUAL);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row), region_choice (self) == REGIONS_CHOSEN);
  if (region_choice (self) == REGIONS_CHOSEN)
    adw_expander_row_set_expanded (self->chosen_row, TRUE);
}

static KsReportOptions *
build_options (KsExportDialog  *self,
               GError         **error)
{
  g_autoptr(KsReportOptions) options = ks_report_options_new_from_settings (self->settings, self->db);
  g_auto(GStrv) codes = NULL;

  if (is_annual (self))
    options->year_from = options->year_to = gtk_spin_button_get_value_as_int (self->year_spin);
  else if (get_kind (self) == KIND_WORKBOOK)
    {
      options->year_from = gtk_spin_button_get_value_as_int (self->from_spin);
      options->year_to = gtk_spin_button_get_value_as_int (self->to_spin);
      if (options->year_from > options->year_to)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The first year, %d, is after the last year, %d."),
                       options->year_from, options->year_to);
          return NULL;
        }
    }

  if (region_choice (self) != REGIONS_ALL)
    {
      codes = chosen_codes (self);
      if (codes[0] == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Choose at least one region."));
          return NULL;
        }
      options->regions = g_steal_pointer (&codes);
    }

  return g_steal_pointer (&options);
}

static char *
suggested_name (KsExportDialog *self)
{
  if (get_kind (self) == KIND_REQUESTS)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

      /* Translators: the file name offered for the request lists, "request-lists-2026-11-28.pdf" */
      return g_strdup_printf (_("request-lists-%s.%s"), date, format_extension (self));
    }
  if (!is_annual (self))
    /* Translators: the file name offered for the workbook, "cooperation-2012-2017.xlsx" */
    return g_strdup_printf (_("cooperation-%d-%d.xlsx"), gtk_spin_button_get_value_as_int (self->from_spin),
                            gtk_spin_button_get_value_as_int (self->to_spin));

  /* Translators: the file name offered for the annual report, "annual-report-2017.pdf" */
  return g_strdup_printf (_("annual-report-%d.%s"), gtk_spin_button_get_value_as_int (self->year_spin),
                          format_extension (self));
}

/* ------------------------------------------------------------------ */
/* Signal callbacks */

static void
export_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KsExportDialog *self = KS_EXPORT_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_signal_emit (self, signals[EXPORTED], 0, file);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, _("The export was cancelled; no file was written."), FALSE);
  else
    show_status (self, error->message, TRUE);
}

static void
selection_changed_cb (KsExportDialog *self)
{
  update_rows (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KsExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ks_export_dialog_export_to (self, file);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsExportDialog *self = KS_EXPORT_DIALOG (widget);
  g_autoptr(KsReportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  options = build_options (self, &error);
  if (options == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  show_status (self, NULL, FALSE);

  name = suggested_name (self);
  self->chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsExportDialog *self = KS_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */
/* Set-up */

static void
add_choice (KsExportDialog *self,
            GtkStringList  *labels,
            const char     *label,
            RegionChoice    choice)
{
  gtk_string_list_append (labels, label);
  g_array_append_val (self->choices, choice);
}

static void
fill_regions (KsExportDialog *self)
{
  g_autoptr(GListStore) regions = ks_region_store_list (self->db, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *home_name = NULL;

  for (guint i = 0; regions != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (regions)); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (regions), i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ks_region_get_name (region));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), CODE_DATA, g_strdup (ks_region_get_code (region)), g_free);
      g_object_set_data_full (G_OBJECT (check), "ks-group", g_strdup (ks_region_get_group (region)), g_free);
      adw_expander_row_add_row (self->chosen_row, row);
      g_ptr_array_add (self->region_checks, check);

      if (g_strcmp0 (ks_region_get_code (region), self->home_code) == 0)
        {
          home_name = g_strdup (ks_region_get_name (region));
          g_free (self->group);
          self->group = g_strdup (ks_region_get_group (region));
        }
      if (self->group == NULL && ks_region_get_group (region)[0] != '\0')
        self->group = g_strdup (ks_region_get_group (region));
    }

  add_choice (self, labels, _("All regions"), REGIONS_ALL);
  if (home_name != NULL)
    {
      /* Translators: a choice of regions, "Home region: Kota Surakarta" */
      g_autofree char *label = g_strdup_printf (_("Home region: %s"), home_name);

      add_choice (self, labels, label, REGIONS_HOME);
    }
  if (self->group != NULL && self->group[0] != '\0')
    add_choice (self, labels, self->group, REGIONS_GROUP);
  add_choice (self, labels, _("Chosen regions"), REGIONS_CHOSEN);
  adw_combo_row_set_model (self->regions_row, G_LIST_MODEL (labels));
}

static void
ks_export_dialog_dispose (GObject *object)
{
  KsExportDialog *self = KS_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ks_export_dialog_parent_class)->dispose (object);
}

static void
ks_export_dialog_finalize (GObject *object)
{
  KsExportDialog *self = KS_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->region_checks, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_array_unref);
  g_free (self->home_code);
  g_free (self->group);

  G_OBJECT_CLASS (ks_export_dialog_parent_class)->finalize (object);
}

static void
ks_export_dialog_class_init (KsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_export_dialog_dispose;
  object_class->finalize = ks_export_dialog_finalize;

  /**
   * KsExportDialog::exported:
   * @file: the file written
   *
   * Emitted when the report was written, just before the dialog closes.
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/ks-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, regions_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, year_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, from_spin);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, period_group);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, to_spin);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KsExportDialog, page);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
ks_export_dialog_init (KsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->region_checks = g_ptr_array_new ();
  self->choices = g_array_new (FALSE, FALSE, sizeof (RegionChoice));
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->regions_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
}

static void
open_clicked_cb (AdwToast *toast,
                 GFile    *file)
{
  GtkWindow *parent = g_object_get_data (G_OBJECT (toast), "ks-parent");
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_export_toast_new:
 * @parent: (nullable): the window showing the toast
 * @file: the report written
 *
 * Returns: (transfer full): a toast saying where the report went, with
 *   "Open" to show it in the default application; add it to the window's
 *   toast overlay from #KsExportDialog::exported
 */
AdwToast *
ks_export_toast_new (GtkWindow *parent,
                     GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  /* Translators: a toast after an export, "Saved “annual-report-2017.pdf”" */
  g_autofree char *title = g_strdup_printf (_("Saved “%s”"), escaped);
  AdwToast *toast = adw_toast_new (title);

  /* The title is markup: a file named "R&D.xlsx" must not break it. */
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data (G_OBJECT (toast), "ks-parent", parent);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb),
                         g_object_ref (file), (GClosureNotify) g_object_unref, 0);
  return toast;
}

/**
 * ks_export_dialog_new:
 * @parent: the main window; the dialog is modal to it
 * @db: the register; the export reads the same file on its own connection
 * @settings: (nullable): the application's settings (letterhead, logo,
 *   home region, follow-up threshold)
 *
 * Returns: (transfer none): the dialog, to present; connect to
 *   #KsExportDialog::exported to offer the file
 */
KsExportDialog *
ks_export_dialog_new (GtkWindow  *parent,
                      KsDatabase *db,
                      GSettings  *settings)
{
  KsExportDialog *self;
  GDateTime *now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  g_date_time_unref (now);
  self = g_object_new (KS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->home_code = settings != NULL ? g_settings_get_string (settings, "home-region") : g_strdup ("");
  gtk_spin_button_set_value (self->year_spin, year - 1);
  gtk_spin_button_set_value (self->to_spin, year);
  gtk_spin_button_set_value (self->from_spin, year - 4);
  fill_regions (self);
  update_rows (self);

  return self;
}

/**
 * ks_export_dialog_export_to:
 * @file: where to write, a local file
 *
 * Starts the export as the dialog is set, as if @file had been chosen in
 * the file chooser (the tests use it).
 */
void
ks_export_dialog_export_to (KsExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *extension = NULL;
  ExportJob *job;
  KsReportOptions *options;

  g_return_if_fail (KS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  options = build_options (self, &error);
  if (options == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (ks_database_get_path (self->db));
  job->path = g_file_get_path (file);
  job->options = options;
  job->kind = get_kind (self);
  extension = g_strconcat (".", format_extension (self), NULL);
  /* The format is what the dialog says, whatever name was typed. */
  if (!g_str_has_suffix (job->path, extension))
    {
      g_free (job->path);
      job->path = g_strconcat (g_file_peek_path (file), extension, NULL);
    }

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  show_status (self, _("Writing the report…"), FALSE);
  task = g_task_new (self, self->cancellable, export_finished_cb, g_file_new_for_path (job->path));
  g_task_set_source_tag (task, ks_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}
