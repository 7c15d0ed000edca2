/* ks-backup-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-backup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-backup-dialog.h"

/*
 * Backups…: Back Up Now… writes a copy on a worker thread with its own
 * read-only connection; Restore… lists the automatic backups (newest
 * first, with their dates and sizes) or takes a file, asks, and replaces
 * the register's contents through the open connection after saving the
 * register as it is.  The window reloads from ::restored.
 */

struct _KsBackupDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *automatic_group;
  GtkLabel             *empty_label;
  GtkLabel             *status_label;
  AdwPreferencesPage   *page;

  KsDatabase           *db;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *backup_rows;
};

G_DEFINE_FINAL_TYPE (KsBackupDialog, ks_backup_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define FILE_DATA "ks-file"

/* ------------------------------------------------------------------ */
/* Backing up */

typedef struct
{
  char *db_path;
  char *dest_path;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->db_path);
  g_free (job->dest_path);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (job->db_path, KS_DATABASE_READ_ONLY, &error);

  if (db != NULL && ks_database_backup_to (db, job->dest_path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_status (KsBackupDialog *self,
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
backup_finished_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  KsBackupDialog *self = KS_BACKUP_DIALOG (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }

  name = g_path_get_basename (job->dest_path);
  /* Translators: after Back Up Now, "Saved the backup “register-copy.db”." */
  message = g_strdup_printf (_("Saved the backup “%s”."), name);
  show_status (self, message, FALSE);
}

/* ------------------------------------------------------------------ */
/* Restoring */

static void
restore_now (KsBackupDialog *self,
             GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      show_status (self, _("Only files on this computer can be restored."), TRUE);
      return;
    }

  if (!ks_database_restore_from (self->db, path, &saved, NULL, &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }

  g_signal_emit (self, signals[RESTORED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KsBackupDialog   *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), FILE_DATA);

  if (g_strcmp0 (response, "restore") == 0)
    restore_now (self, file);
}

static char *
describe_file (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (info != NULL)
    modified = g_file_info_get_modification_date_time (info);
  if (modified == NULL)
    return g_file_get_basename (file);

  local = g_date_time_to_local (modified);
  /* Translators: when a backup was made, "28 November 2026, 10:15"; see strftime */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

/* ------------------------------------------------------------------ */
/* The list of automatic backups */

static int
compare_names_desc (gconstpointer a,
                    gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GtkWidget *
new_backup_row (KsBackupDialog *self,
                GFile          *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *title = describe_file (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *size = g_format_size (info != NULL ? g_file_info_get_size (info) : 0);
  /* Translators: a backup's size and file name, "1.2 MB · register-2026-11-28.db" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), size, name);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backup.restore-automatic");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", g_file_peek_path (file));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
fill_backups (KsBackupDialog *self)
{
  g_autofree char *dir_path = ks_database_dup_backup_dir (self->db);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));

  /* Names end in the date: name order is age order. */
  g_ptr_array_sort (names, compare_names_desc);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GtkWidget *row = new_backup_row (self, file);

      adw_preferences_group_add (self->automatic_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), names->len == 0);
}

/* ------------------------------------------------------------------ */
/* Actions */

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  KsBackupDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ks_backup_dialog_back_up_to (self, file);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  KsBackupDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ks_backup_dialog_ask_restore (self, file);
}

static void
show_chooser (KsBackupDialog       *self,
              GtkFileChooserAction  action,
              const char           *title,
              const char           *accept,
              GCallback             callback)
{
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", callback, self);
}

static void
back_up_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KsBackupDialog *self = KS_BACKUP_DIALOG (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the file name offered for a backup, "register-backup-2026-11-28.db" */
  g_autofree char *name = g_date_time_format (now, _("register-backup-%Y-%m-%d.db"));

  show_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Back Up Register"), _("_Save"),
                G_CALLBACK (save_response_cb));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
restore_file_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KsBackupDialog *self = KS_BACKUP_DIALOG (widget);

  show_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Restore From a Backup"), _("_Open"),
                G_CALLBACK (open_response_cb));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
restore_automatic_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  KsBackupDialog *self = KS_BACKUP_DIALOG (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  ks_backup_dialog_ask_restore (self, file);
}

/* ------------------------------------------------------------------ */
/* Set-up */

static void
ks_backup_dialog_dispose (GObject *object)
{
  KsBackupDialog *self = KS_BACKUP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_BACKUP_DIALOG);

  G_OBJECT_CLASS (ks_backup_dialog_parent_class)->dispose (object);
}

static void
ks_backup_dialog_finalize (GObject *object)
{
  KsBackupDialog *self = KS_BACKUP_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_backup_dialog_parent_class)->finalize (object);
}

static void
ks_backup_dialog_class_init (KsBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_backup_dialog_dispose;
  object_class->finalize = ks_backup_dialog_finalize;

  /**
   * KsBackupDialog::restored:
   * @saved_path: where the register as it was before was saved
   *
   * Emitted after a restore replaced the register's contents, just
   * before the dialog closes: the window reopens or reloads the register.
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/ks-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KsBackupDialog, automatic_group);
  gtk_widget_class_bind_template_child (widget_class, KsBackupDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, KsBackupDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KsBackupDialog, page);

  gtk_widget_class_install_action (widget_class, "backup.back-up", NULL, back_up_action_cb);
  gtk_widget_class_install_action (widget_class, "backup.restore-file", NULL, restore_file_action_cb);
  gtk_widget_class_install_action (widget_class, "backup.restore-automatic", "s",
                                   restore_automatic_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "backup.back-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "backup.restore-file", NULL);
}

static void
ks_backup_dialog_init (KsBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_rows = g_ptr_array_new ();
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_backup_dialog_new:
 * @parent: (nullable): the main window; the dialog is modal to it
 * @db: the open register
 *
 * Returns: (transfer none): the dialog, to present; connect to
 *   #KsBackupDialog::restored to reload the register
 */
KsBackupDialog *
ks_backup_dialog_new (GtkWindow  *parent,
                      KsDatabase *db)
{
  KsBackupDialog *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  self = g_object_new (KS_TYPE_BACKUP_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  fill_backups (self);
  return self;
}

/**
 * ks_backup_dialog_back_up_to:
 * @file: where to write the copy
 *
 * Writes the copy on a worker thread, as Back Up Now… does once a file is
 * chosen.
 */
void
ks_backup_dialog_back_up_to (KsBackupDialog *self,
                             GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  g_return_if_fail (KS_IS_BACKUP_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  if (g_file_peek_path (file) == NULL)
    {
      show_status (self, _("Only files on this computer can be written."), TRUE);
      return;
    }

  job = g_new0 (BackupJob, 1);
  job->db_path = g_strdup (ks_database_get_path (self->db));
  job->dest_path = g_file_get_path (file);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);
  show_status (self, _("Backing up…"), FALSE);
  task = g_task_new (self, self->cancellable, backup_finished_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

/**
 * ks_backup_dialog_ask_restore:
 * @file: the backup to restore
 *
 * Asks for confirmation, as Restore… does; the restore happens on the
 * "restore" response.
 *
 * Returns: (transfer none): the confirmation, already presented
 */
AdwMessageDialog *
ks_backup_dialog_ask_restore (KsBackupDialog *self,
                              GFile          *file)
{
  g_autofree char *when = describe_file (file);
  GtkWidget *dialog;

  g_return_val_if_fail (KS_IS_BACKUP_DIALOG (self), NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The register will be replaced by the backup of %s. "
                                    "The register as it is now is saved in the backups folder first."),
                                  when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), FILE_DATA, g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}
