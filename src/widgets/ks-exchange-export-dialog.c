/* ks-exchange-export-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-exchange-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-error.h"
#include "ks-exchange-export-dialog.h"
#include "ks-exchange.h"
#include "ks-region-store.h"

/*
 * Export Exchange File…: which agreements (all, the home region, chosen
 * regions, one agency, the selected rows), then a file.  The file is
 * written by a worker thread on its own read-only connection (a
 * KsDatabase belongs to one thread), with Cancel; a cancelled or failed
 * export leaves no file behind.
 */

typedef enum
{
  EXPORT_ALL,
  EXPORT_HOME,
  EXPORT_CHOSEN,
  EXPORT_AGENCY,
  EXPORT_SELECTED,
} ExportChoice;

struct _KsExchangeExportDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *what_row;
  AdwComboRow          *agency_row;
  AdwExpanderRow       *chosen_row;
  GtkLabel             *status_label;
  GtkSpinner           *spinner;
  AdwPreferencesPage   *page;

  KsDatabase           *db;
  GPtrArray            *region_checks;    /* GtkCheckButton, data "ks-code" */
  GArray               *choices;          /* ExportChoice per what_row item */
  GStrv                 selected_uuids;
  char                 *home_code;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (KsExchangeExportDialog, ks_exchange_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CODE_DATA "ks-code"
#define NAME_DATA "ks-name"

typedef struct
{
  char  *db_path;
  char  *path;
  GStrv  regions;
  GStrv  agencies;
  GStrv  uuids;
  guint  n_exported;
} ExportJob;

/* ------------------------------------------------------------------ */
/* The worker */

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_strfreev (job->regions);
  g_strfreev (job->agencies);
  g_strfreev (job->uuids);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  KsExchangeSelection selection = {
    (const char * const *) job->regions,
    (const char * const *) job->agencies,
    (const char * const *) job->uuids,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (job->db_path, KS_DATABASE_READ_ONLY, &error);

  if (db != NULL &&
      ks_exchange_export_selection (db, job->path, &selection, &job->n_exported, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ------------------------------------------------------------------ */
/* Helpers */

static void
set_running (KsExchangeExportDialog *self,
             gboolean                running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exchange.export", !running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
}

static void
show_status (KsExchangeExportDialog *self,
             const char             *message,
             gboolean                is_error)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static ExportChoice
get_choice (KsExchangeExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->what_row);

  if (selected >= self->choices->len)
    return EXPORT_ALL;
  return g_array_index (self->choices, ExportChoice, selected);
}

static GStrv
chosen_codes (KsExchangeExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->region_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->region_checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), CODE_DATA));
    }

  return g_strv_builder_end (builder);
}

static GStrv
chosen_agency (KsExchangeExportDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->agency_row);
  const char *agency[2] = { item != NULL ? gtk_string_object_get_string (item) : NULL, NULL };

  return g_strdupv ((char **) agency);
}

/* The expander says what is checked, even far down its list. */
static void
update_chosen_subtitle (KsExchangeExportDialog *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < self->region_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->region_checks, i);

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      if (n++ > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_object_get_data (G_OBJECT (check), NAME_DATA));
    }

  adw_expander_row_set_subtitle (self->chosen_row, names->str);
}

static void
update_rows (KsExchangeExportDialog *self)
{
  ExportChoice choice = get_choice (self);

  gtk_widget_set_visible (GTK_WIDGET (self->agency_row), choice == EXPORT_AGENCY);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row), choice == EXPORT_CHOSEN);
  if (choice == EXPORT_CHOSEN)
    adw_expander_row_set_expanded (self->chosen_row, TRUE);
}

/* What the dialog says to export, or an error saying what is missing. */
static gboolean
fill_selection (KsExchangeExportDialog  *self,
                ExportJob               *job,
                GError                 **error)
{
  const char *home[2] = { self->home_code, NULL };

  switch (get_choice (self))
    {
    case EXPORT_ALL:
      return TRUE;
    case EXPORT_HOME:
      job->regions = g_strdupv ((char **) home);
      return TRUE;
    case EXPORT_CHOSEN:
      job->regions = chosen_codes (self);
      break;
    case EXPORT_AGENCY:
      job->agencies = chosen_agency (self);
      break;
    case EXPORT_SELECTED:
      job->uuids = g_strdupv (self->selected_uuids);
      return TRUE;
    default:
      g_assert_not_reached ();
    }

  if (job->regions != NULL && job->regions[0] == NULL)
    g_set_error_literal (error, KS_ERROR, KS_ERROR_INVALID, _("Choose at least one region."));
  else if (job->agencies != NULL && job->agencies[0] == NULL)
    g_set_error_literal (error, KS_ERROR, KS_ERROR_INVALID, _("Choose an agency."));
  else
    return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Signal callbacks */

static void
export_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KsExchangeExportDialog *self = KS_EXCHANGE_EXPORT_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->cancellable);
  /* Closed with its window while writing: nothing left to show. */
  if (self->page == NULL)
    return;
  set_running (self, FALSE);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_signal_emit (self, signals[EXPORTED], 0, file, job->n_exported);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, KS_ERROR, KS_ERROR_CANCELLED))
    show_status (self, _("The export was cancelled; no file was written."), FALSE);
  else
    show_status (self, error->message, TRUE);
}

static void
choice_changed_cb (KsExchangeExportDialog *self)
{
  show_status (self, NULL, FALSE);
  update_rows (self);
}

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     KsExchangeExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ks_exchange_export_dialog_export_to (self, file);
}

static void
open_chooser (KsExchangeExportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  self->chooser = gtk_file_chooser_native_new (_("Export an Exchange File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Kerjasama exchange files"));
  gtk_file_filter_add_suffix (filter, "kerjasama");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the suggested name of an exchange file; keep ".kerjasama" */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("exchange.kerjasama"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsExchangeExportDialog *self = KS_EXCHANGE_EXPORT_DIALOG (widget);
  g_autoptr(ExportJob) job = g_new0 (ExportJob, 1);
  g_autoptr(GError) error = NULL;

  /* Tell what is missing before asking for a file. */
  if (!fill_selection (self, job, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }
  show_status (self, NULL, FALSE);
  open_chooser (self);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsExchangeExportDialog *self = KS_EXCHANGE_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */
/* Set-up */

static void
add_choice (KsExchangeExportDialog *self,
            GtkStringList          *labels,
            const char             *label,
            ExportChoice            choice)
{
  gtk_string_list_append (labels, label);
  g_array_append_val (self->choices, choice);
}

static void
add_region_check (KsExchangeExportDialog *self,
                  KsRegion               *region,
                  const char             *shown_region)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ks_region_get_name (region));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ks_region_get_code (region));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ks_region_get_name (region), -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_strcmp0 (ks_region_get_code (region), shown_region) == 0);
  g_object_set_data_full (G_OBJECT (check), CODE_DATA, g_strdup (ks_region_get_code (region)), g_free);
  g_object_set_data_full (G_OBJECT (check), NAME_DATA, g_strdup (ks_region_get_name (region)), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_chosen_subtitle), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (self->chosen_row, row);
  g_ptr_array_add (self->region_checks, check);
}

/* Returns the home region's name, or NULL when it is not set. */
static char *
fill_regions (KsExchangeExportDialog *self,
              const char             *shown_region)
{
  g_autoptr(GListStore) regions = ks_region_store_list (self->db, NULL);
  char *home_name = NULL;

  for (guint i = 0; regions != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (regions)); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (regions), i);

      add_region_check (self, region, shown_region);
      if (home_name == NULL && g_strcmp0 (ks_region_get_code (region), self->home_code) == 0)
        home_name = g_strdup (ks_region_get_name (region));
    }

  return home_name;
}

static gboolean
fill_agencies (KsExchangeExportDialog *self)
{
  g_auto(GStrv) agencies = ks_region_store_list_agencies (self->db, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) agencies);

  adw_combo_row_set_model (self->agency_row, G_LIST_MODEL (names));
  return agencies != NULL && agencies[0] != NULL;
}

/* The rows selected, else the region the window shows, else all. */
static void
fill_choices (KsExchangeExportDialog *self,
              const char             *shown_region)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *home_name = fill_regions (self, shown_region);
  guint n_selected = self->selected_uuids != NULL ? g_strv_length (self->selected_uuids) : 0;
  guint initial = 0;

  add_choice (self, labels, _("All agreements"), EXPORT_ALL);
  if (home_name != NULL)
    {
      /* Translators: an export choice, "Home region: Kota Surakarta" */
      g_autofree char *label = g_strdup_printf (_("Home region: %s"), home_name);

      add_choice (self, labels, label, EXPORT_HOME);
    }
  if (shown_region != NULL)
    initial = self->choices->len;
  add_choice (self, labels, _("Chosen regions"), EXPORT_CHOSEN);
  if (fill_agencies (self))
    add_choice (self, labels, _("One agency"), EXPORT_AGENCY);
  if (n_selected > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("The selected agreement", "The %u selected agreements",
                                                          n_selected), n_selected);

      initial = self->choices->len;
      add_choice (self, labels, label, EXPORT_SELECTED);
    }

  adw_combo_row_set_model (self->what_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->what_row, initial);
}

static void
ks_exchange_export_dialog_dispose (GObject *object)
{
  KsExchangeExportDialog *self = KS_EXCHANGE_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_EXCHANGE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ks_exchange_export_dialog_parent_class)->dispose (object);
}

static void
ks_exchange_export_dialog_finalize (GObject *object)
{
  KsExchangeExportDialog *self = KS_EXCHANGE_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_pointer (&self->region_checks, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_array_unref);
  g_strfreev (self->selected_uuids);
  g_free (self->home_code);

  G_OBJECT_CLASS (ks_exchange_export_dialog_parent_class)->finalize (object);
}

static void
ks_exchange_export_dialog_class_init (KsExchangeExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_exchange_export_dialog_dispose;
  object_class->finalize = ks_exchange_export_dialog_finalize;

  /**
   * KsExchangeExportDialog::exported:
   * @file: the exchange file written
   * @n_exported: how many agreements it holds
   *
   * Emitted when the file was written, just before the dialog closes.
   */
  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-exchange-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KsExchangeExportDialog, what_row);
  gtk_widget_class_bind_template_child (widget_class, KsExchangeExportDialog, agency_row);
  gtk_widget_class_bind_template_child (widget_class, KsExchangeExportDialog, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, KsExchangeExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KsExchangeExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KsExchangeExportDialog, page);

  gtk_widget_class_install_action (widget_class, "exchange.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "exchange.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "exchange.cancel", NULL);
}

static void
ks_exchange_export_dialog_init (KsExchangeExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->region_checks = g_ptr_array_new ();
  self->choices = g_array_new (FALSE, FALSE, sizeof (ExportChoice));
  g_signal_connect_swapped (self->what_row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_exchange_export_dialog_new:
 * @parent: the main window; the dialog is modal to it
 * @db: the register; the export reads the same file on its own connection
 * @settings: (nullable): the application's settings (home region)
 * @selected_uuids: (nullable) (array zero-terminated=1): the agreements
 *   selected in the window, offered as a choice and chosen first
 * @shown_region: (nullable): the region the window shows, checked among
 *   the chosen regions and chosen when no row is selected
 *
 * Returns: (transfer none): the dialog, to present; connect to
 *   #KsExchangeExportDialog::exported to tell where the file went
 */
KsExchangeExportDialog *
ks_exchange_export_dialog_new (GtkWindow          *parent,
                               KsDatabase         *db,
                               GSettings          *settings,
                               const char * const *selected_uuids,
                               const char         *shown_region)
{
  KsExchangeExportDialog *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  self = g_object_new (KS_TYPE_EXCHANGE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->home_code = settings != NULL ? g_settings_get_string (settings, "home-region") : g_strdup ("");
  self->selected_uuids = g_strdupv ((char **) selected_uuids);
  fill_choices (self, shown_region);
  update_chosen_subtitle (self);
  update_rows (self);

  return self;
}

/**
 * ks_exchange_export_dialog_export_to:
 * @file: where to write, a local file; ".kerjasama" is added when missing
 *
 * Starts the export as the dialog is set, as if @file had been chosen in
 * the file chooser (the tests use it).
 */
void
ks_exchange_export_dialog_export_to (KsExchangeExportDialog *self,
                                     GFile                  *file)
{
  g_autoptr(ExportJob) job = g_new0 (ExportJob, 1);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *register_uuid = NULL;

  g_return_if_fail (KS_IS_EXCHANGE_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  job->path = g_file_get_path (file);
  if (job->path == NULL)
    g_set_error_literal (&error, KS_ERROR, KS_ERROR_IO,
                         _("The file must be on this computer or a mounted drive."));
  /* The worker only reads: the register gets its identity here. */
  else if (fill_selection (self, job, &error))
    register_uuid = ks_exchange_dup_register_uuid (self->db, &error);
  if (register_uuid == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }

  if (!g_str_has_suffix (job->path, KS_EXCHANGE_SUFFIX))
    {
      char *path = g_strconcat (job->path, KS_EXCHANGE_SUFFIX, NULL);

      g_free (job->path);
      job->path = path;
    }
  job->db_path = g_strdup (ks_database_get_path (self->db));

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  show_status (self, _("Writing the exchange file…"), FALSE);
  task = g_task_new (self, self->cancellable, export_finished_cb, g_file_new_for_path (job->path));
  g_task_set_source_tag (task, ks_exchange_export_dialog_export_to);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}
