/* ks-import-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-csv-export.h"
#include "ks-csv-import.h"
#include "ks-csv.h"
#include "ks-import-dialog.h"

/*
 * Import CSV…: choose a file; a dry run on a worker thread (its own
 * connection) lists what would be added and updated and every error with
 * its line and column; Import is possible only for a valid file.  Cancel
 * (or Escape) stops a running check or import, which then writes nothing.  Save
 * Template… writes the header row with the contract's English keys and
 * one example row in the user's language.
 */

struct _KsImportDialog
{
  AdwWindow             parent_instance;

  AdwActionRow         *file_row;
  AdwPreferencesGroup  *preview_group;
  AdwPreferencesGroup  *errors_group;
  GtkLabel             *summary_label;
  GtkLabel             *errors_label;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;
  AdwPreferencesPage   *page;

  KsDatabase           *db;
  GFile                *file;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  gboolean              valid;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (KsImportDialog, ks_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char           *db_path;
  char           *staff_name;
  char           *path;
  gboolean        dry_run;
  KsImportReport *report;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_free (job->staff_name);
  g_free (job->path);
  ks_import_report_free (job->report);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (job->db_path, KS_DATABASE_NO_CREATE, &error);

  if (db != NULL)
    {
      ks_database_set_staff_name (db, job->staff_name);
      /* An invalid file is an answer, not a failure: the report lists
       * why; a cancelled check's list is not complete. */
      if (ks_csv_import_file (db, job->path, job->dry_run, job->report, cancellable, &error) ||
          (job->report->errors->len > 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/* ------------------------------------------------------------------ */
/* Helpers */

static void
set_running (KsImportDialog *self,
             gboolean        running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", !running && self->valid);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  if (running)
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
show_status (KsImportDialog *self,
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

static void
show_preview (KsImportDialog       *self,
              const KsImportReport *report)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) errors = g_string_new (NULL);

  for (guint i = 0; i < report->errors->len; i++)
    g_string_append_printf (errors, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (report->errors, i));

  self->valid = report->errors->len == 0;
  if (self->valid)
    summary = g_strdup_printf (_("%u to add, %u to update, %u unchanged."),
                               report->n_added, report->n_updated, report->n_unchanged);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The file has %u error; nothing can be imported.",
                                            "The file has %u errors; nothing can be imported.",
                                            report->errors->len),
                               report->errors->len);

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->errors_label, errors->str);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_group), !self->valid);
}

/* A cancelled check leaves no verdict; a cancelled import leaves the
 * register as it was and the checked file ready to import again. */
static void
show_failure (KsImportDialog *self,
              ImportJob      *job,
              const GError   *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (job->dry_run || !cancelled)
    self->valid = FALSE;
  set_running (self, FALSE);
  if (!cancelled)
    show_status (self, error->message, TRUE);
  else if (job->dry_run)
    show_status (self, _("Checking the file was cancelled."), FALSE);
  else
    show_status (self, _("The import was cancelled; nothing was imported."), FALSE);
}

static void
run_finished_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (source);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  g_clear_object (&self->cancellable);
  /* Closed while it ran: the import was cancelled with it. */
  if (self->disposed)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_failure (self, job, error);
      return;
    }

  if (job->dry_run || job->report->errors->len > 0)
    {
      show_preview (self, job->report);
      set_running (self, FALSE);
      show_status (self, NULL, FALSE);
      return;
    }

  /* Another connection wrote: the window's lists must reload. */
  ks_database_changed (self->db, "agreements");
  ks_database_changed (self->db, "partners");
  ks_database_changed (self->db, "local_parties");
  summary = g_strdup_printf (_("Imported: %u added, %u updated, %u unchanged."),
                             job->report->n_added, job->report->n_updated, job->report->n_unchanged);
  g_signal_emit (self, signals[IMPORTED], 0, summary);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start (KsImportDialog *self,
       gboolean        dry_run)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  if (g_file_peek_path (self->file) == NULL)
    {
      show_status (self, _("Only files on this computer can be imported."), TRUE);
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (ks_database_get_path (self->db));
  job->staff_name = g_strdup (ks_database_get_staff_name (self->db));
  job->path = g_file_get_path (self->file);
  job->dry_run = dry_run;
  job->report = ks_import_report_new ();
  if (dry_run)
    self->valid = FALSE;
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  show_status (self, dry_run ? _("Checking the file…") : _("Importing…"), FALSE);
  task = g_task_new (self, self->cancellable, run_finished_cb, NULL);
  g_task_set_source_tag (task, start);
  /* What the import did is the answer, even when Cancel came too late
   * to stop it: a committed import must not be reported as cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* ------------------------------------------------------------------ */
/* The template */

/* One value per column, in ks_csv_columns' order. */
static void
fill_example (const char **values)
{
  const char *example[KS_CSV_N_COLUMNS] = {
    "33.72",
    _("Example: sister city cooperation with the City of Example"),
    _("What the cooperation is about; one row per agreement"),
    _("Bagian Kerjasama; Dinas Pendidikan"),
    _("City of Example"),
    "NL",
    "local_government",
    "sister_city",
    "mou",
    "signed",
    "education;culture",
    "2017-04",
    "2017-04-10",
    "2022",
    "",
    "",
    _("Dates may be a year, a month or a day: 2017, 2017-04, 2017-04-10. Leave uuid empty for a new agreement."),
    "",
  };

  for (guint i = 0; i < KS_CSV_N_COLUMNS; i++)
    values[i] = example[i];
}

/* ------------------------------------------------------------------ */
/* Actions */

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  KsImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ks_import_dialog_set_file (self, file);
}

static void
template_response_cb (GtkNativeDialog *chooser,
                      int              response,
                      KsImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (ks_import_dialog_save_template (self, file, &error))
    show_status (self, _("The template was saved."), FALSE);
  else
    show_status (self, error->message, TRUE);
}

static void
choose_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  self->chooser = gtk_file_chooser_native_new (_("Choose CSV File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_template_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (widget);

  self->chooser = gtk_file_chooser_native_new (_("Save Template"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file name offered for the CSV template */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("agreements-template.csv"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (template_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (widget);

  if (self->file != NULL && self->valid && self->cancellable == NULL)
    start (self, FALSE);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (widget);

  /* A running check or import stops first; the import is one
   * transaction, rolled back whole. */
  if (self->cancellable == NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (!g_cancellable_is_cancelled (self->cancellable))
    {
      g_cancellable_cancel (self->cancellable);
      show_status (self, _("Cancelling…"), FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* Set-up */

static void
ks_import_dialog_dispose (GObject *object)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (ks_import_dialog_parent_class)->dispose (object);
}

static void
ks_import_dialog_finalize (GObject *object)
{
  KsImportDialog *self = KS_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (ks_import_dialog_parent_class)->finalize (object);
}

static void
ks_import_dialog_class_init (KsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_import_dialog_dispose;
  object_class->finalize = ks_import_dialog_finalize;

  /**
   * KsImportDialog::imported:
   * @summary: what the import did, translated, for a toast
   *
   * Emitted when the import was committed, just before the dialog closes.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/ks-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, errors_group);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KsImportDialog, page);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action_cb);
  gtk_widget_class_install_action (widget_class, "import.save-template", NULL, save_template_action_cb);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
ks_import_dialog_init (KsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_import_dialog_new:
 * @parent: (nullable): the main window; the dialog is modal to it
 * @db: the open register; the import writes the same file on its own
 *   connection, then tells @db's lists to reload
 *
 * Returns: (transfer none): the dialog, to present; connect to
 *   #KsImportDialog::imported to show the summary
 */
KsImportDialog *
ks_import_dialog_new (GtkWindow  *parent,
                      KsDatabase *db)
{
  KsImportDialog *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  self = g_object_new (KS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  return self;
}

/**
 * ks_import_dialog_set_file:
 * @file: the CSV file
 *
 * Shows the file and checks it, as choosing it does.
 */
void
ks_import_dialog_set_file (KsImportDialog *self,
                           GFile          *file)
{
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (KS_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;

  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  adw_action_row_set_subtitle (self->file_row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_group), FALSE);
  start (self, TRUE);
}

/**
 * ks_import_dialog_save_template:
 * @file: where to write the template
 *
 * Writes the header row (the CSV contract's English keys) and one
 * example row in the user's language.
 */
gboolean
ks_import_dialog_save_template (KsImportDialog  *self,
                                GFile           *file,
                                GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *values[KS_CSV_N_COLUMNS];

  g_return_val_if_fail (KS_IS_IMPORT_DIALOG (self), FALSE);

  fill_example (values);
  ks_csv_append_record (out, ks_csv_columns, KS_CSV_N_COLUMNS);
  ks_csv_append_record (out, values, KS_CSV_N_COLUMNS);
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
