/* ks-merge-dialog.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-audit-diff.h"
#include "ks-error.h"
#include "ks-exchange.h"
#include "ks-merge-dialog.h"

/*
 * Merge…: choose a .kerjasama file; a dry run shows what would be added,
 * updated and deleted and every conflict side by side, with a choice per
 * conflict or for all; Merge then does it.  Both runs happen on a worker
 * thread with its own connection (a KsDatabase belongs to one thread),
 * with progress and Cancel; a cancelled or failed merge changes nothing.
 */

struct _KsMergeDialog
{
  AdwWindow             parent_instance;

  AdwActionRow         *file_row;
  AdwPreferencesGroup  *preview_group;
  AdwPreferencesGroup  *conflicts_group;
  AdwComboRow          *all_row;
  GtkLabel             *summary_label;
  GtkLabel             *status_label;
  GtkProgressBar       *progress_bar;
  AdwPreferencesPage   *page;

  KsDatabase           *db;
  GFile                *file;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *conflict_rows;   /* AdwComboRow, data "ks-uuid" */
  GPtrArray            *conflict_widgets;
  gboolean              previewed;
};

G_DEFINE_FINAL_TYPE (KsMergeDialog, ks_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define UUID_DATA "ks-uuid"

typedef struct
{
  char           *db_path;
  char           *staff_name;
  char           *path;
  KsMergeOptions  options;
  KsMergeReport  *report;
} MergeJob;

typedef struct
{
  KsMergeDialog *self;
  double         fraction;
} Progress;

/* ------------------------------------------------------------------ */
/* The worker */

static void
merge_job_free (MergeJob *job)
{
  g_free (job->db_path);
  g_free (job->staff_name);
  g_free (job->path);
  g_clear_pointer (&job->options.choices, g_hash_table_unref);
  ks_merge_report_free (job->report);
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
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->fraction = total > 0 ? (double) done / total : 1.0;
  g_main_context_invoke (NULL, show_progress_cb, progress);
}

static void
merge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MergeJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (job->db_path, KS_DATABASE_NO_CREATE, &error);

  if (db != NULL)
    {
      ks_database_set_staff_name (db, job->staff_name);
      if (ks_exchange_merge (db, job->path, &job->options, progress_cb, source_object,
                             cancellable, job->report, &error))
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
set_running (KsMergeDialog *self,
             gboolean       running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", !running && self->previewed);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

static void
show_status (KsMergeDialog *self,
             const char    *message,
             gboolean       is_error)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static char *
describe_records (const KsMergeReport *report,
                  gboolean             done)
{
  if (done)
    /* Translators: after a merge; the numbers count agreements, events and attachments */
    return g_strdup_printf (_("Merged: %u added, %u updated, %u deleted, %u unchanged, %u in conflict."),
                            report->n_added, report->n_updated, report->n_deleted,
                            report->n_unchanged, report->n_conflicts);

  /* Translators: the preview of a merge; the numbers count agreements, events and attachments */
  return g_strdup_printf (_("%u to add, %u to update, %u to delete, %u unchanged, %u in conflict."),
                          report->n_added, report->n_updated, report->n_deleted,
                          report->n_unchanged, report->n_conflicts);
}

/* Regions added in the other office come with their agreements. */
static char *
describe_counts (const KsMergeReport *report,
                 gboolean             done)
{
  g_autofree char *records = describe_records (report, done);
  guint n = report->n_regions_added;

  if (n == 0)
    return g_steal_pointer (&records);

  if (done)
    return g_strdup_printf (ngettext ("%s Added %u region this register did not have.",
                                      "%s Added %u regions this register did not have.", n),
                            records, n);
  return g_strdup_printf (ngettext ("%s Would add %u region this register does not have.",
                                    "%s Would add %u regions this register does not have.", n),
                          records, n);
}

static void
clear_conflicts (KsMergeDialog *self)
{
  for (guint i = 0; i < self->conflict_widgets->len; i++)
    adw_preferences_group_remove (self->conflicts_group, g_ptr_array_index (self->conflict_widgets, i));
  g_ptr_array_set_size (self->conflict_widgets, 0);
  g_ptr_array_set_size (self->conflict_rows, 0);
}

static GtkWidget *
new_cell (const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* Field, this register's value, the file's value: side by side. */
static GtkWidget *
new_diff_grid (const KsExchangeConflict *conflict)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_grid_attach (GTK_GRID (grid), new_cell (_("Field"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_cell (_("This register"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_cell (_("The file"), TRUE), 2, 0, 1, 1);

  for (guint i = 0; i < conflict->diffs->len; i++)
    {
      const KsAuditDiff *diff = g_ptr_array_index (conflict->diffs, i);

      gtk_grid_attach (GTK_GRID (grid), new_cell (ks_audit_field_get_label (diff->field), FALSE), 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), new_cell (diff->old_value != NULL ? diff->old_value : "", FALSE),
                       1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), new_cell (diff->new_value != NULL ? diff->new_value : "", FALSE),
                       2, i + 1, 1, 1);
    }

  return grid;
}

static GtkWidget *
new_choice_row (KsMergeDialog            *self,
                const KsExchangeConflict *conflict)
{
  GtkWidget *row = adw_combo_row_new ();
  const char *choices[] = {
    _("Leave as it is"), _("Keep this register’s version"), _("Take the file’s version"), NULL
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Resolution"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), adw_combo_row_get_selected (self->all_row));
  g_object_set_data_full (G_OBJECT (row), UUID_DATA, g_strdup (conflict->uuid), g_free);
  g_ptr_array_add (self->conflict_rows, row);
  return row;
}

static void
add_conflict (KsMergeDialog            *self,
              const KsExchangeConflict *conflict)
{
  GtkWidget *expander = adw_expander_row_new ();
  const char *kind = g_str_equal (conflict->table, "events") ? _("Event")
                     : g_str_equal (conflict->table, "attachments") ? _("Attachment")
                     : _("Agreement");
  g_autofree char *escaped = g_markup_escape_text (conflict->title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), escaped);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), kind);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), new_choice_row (self, conflict));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), new_diff_grid (conflict));
  adw_preferences_group_add (self->conflicts_group, expander);
  g_ptr_array_add (self->conflict_widgets, expander);
}

static void
show_preview (KsMergeDialog       *self,
              const KsMergeReport *report)
{
  g_autofree char *summary = describe_counts (report, FALSE);

  clear_conflicts (self);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  for (guint i = 0; i < report->conflicts->len; i++)
    add_conflict (self, g_ptr_array_index (report->conflicts, i));
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), report->conflicts->len > 0);
}

static GHashTable *
collect_choices (KsMergeDialog *self)
{
  GHashTable *choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->conflict_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->conflict_rows, i);

      g_hash_table_insert (choices, g_strdup (g_object_get_data (row, UUID_DATA)),
                           GINT_TO_POINTER (adw_combo_row_get_selected (ADW_COMBO_ROW (row))));
    }

  return choices;
}

/* ------------------------------------------------------------------ */
/* Running */

static void
tell_lists (KsMergeDialog *self)
{
  const char *tables[] = { "agreements", "events", "attachments", "partners", "local_parties" };

  /* Another connection wrote: the window's lists must reload. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    ks_database_changed (self->db, tables[i]);
}

static void
run_finished_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KsMergeDialog *self = KS_MERGE_DIALOG (source);
  MergeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  g_clear_object (&self->cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->previewed = self->previewed && job->options.dry_run == FALSE;
      set_running (self, FALSE);
      show_status (self, error->message, !g_error_matches (error, KS_ERROR, KS_ERROR_CANCELLED));
      return;
    }

  if (job->options.dry_run)
    {
      self->previewed = TRUE;
      set_running (self, FALSE);
      show_status (self, NULL, FALSE);
      show_preview (self, job->report);
      return;
    }

  tell_lists (self);
  summary = describe_counts (job->report, TRUE);
  g_signal_emit (self, signals[MERGED], 0, summary);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
start (KsMergeDialog *self,
       gboolean       dry_run)
{
  g_autoptr(GTask) task = NULL;
  MergeJob *job = g_new0 (MergeJob, 1);

  job->db_path = g_strdup (ks_database_get_path (self->db));
  job->staff_name = g_strdup (ks_database_get_staff_name (self->db));
  job->path = g_file_get_path (self->file);
  job->options.dry_run = dry_run;
  job->options.prefer = adw_combo_row_get_selected (self->all_row);
  job->options.choices = dry_run ? NULL : collect_choices (self);
  job->report = ks_merge_report_new ();

  if (job->path == NULL)
    {
      merge_job_free (job);
      show_status (self, _("Only files on this computer can be merged."), TRUE);
      return;
    }

  if (dry_run)
    self->previewed = FALSE;
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  show_status (self, dry_run ? _("Checking the file…") : _("Merging…"), FALSE);
  task = g_task_new (self, self->cancellable, run_finished_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) merge_job_free);
  g_task_run_in_thread (task, merge_thread);
}

/* ------------------------------------------------------------------ */
/* Signal callbacks */

static void
all_changed_cb (KsMergeDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->all_row);

  for (guint i = 0; i < self->conflict_rows->len; i++)
    adw_combo_row_set_selected (g_ptr_array_index (self->conflict_rows, i), selected);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KsMergeDialog   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    ks_merge_dialog_set_file (self, file);
}

static void
choose_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsMergeDialog *self = KS_MERGE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Kerjasama exchange files"));
  gtk_file_filter_add_suffix (filter, "kerjasama");
  self->chooser = gtk_file_chooser_native_new (_("Choose Exchange File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
merge_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KsMergeDialog *self = KS_MERGE_DIALOG (widget);

  if (self->file != NULL && self->previewed && self->cancellable == NULL)
    start (self, FALSE);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsMergeDialog *self = KS_MERGE_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */
/* Set-up */

static void
ks_merge_dialog_dispose (GObject *object)
{
  KsMergeDialog *self = KS_MERGE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_MERGE_DIALOG);

  G_OBJECT_CLASS (ks_merge_dialog_parent_class)->dispose (object);
}

static void
ks_merge_dialog_finalize (GObject *object)
{
  KsMergeDialog *self = KS_MERGE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_clear_object (&self->file);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);
  g_clear_pointer (&self->conflict_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_merge_dialog_parent_class)->finalize (object);
}

static void
ks_merge_dialog_class_init (KsMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_merge_dialog_dispose;
  object_class->finalize = ks_merge_dialog_finalize;

  /**
   * KsMergeDialog::merged:
   * @summary: what the merge did, translated, for a toast
   *
   * Emitted when the merge was committed, just before the dialog closes.
   */
  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/ks-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KsMergeDialog, page);

  gtk_widget_class_install_action (widget_class, "merge.choose", NULL, choose_action_cb);
  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action_cb);
  gtk_widget_class_install_action (widget_class, "merge.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "merge.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "merge.choose", NULL);
}

static void
ks_merge_dialog_init (KsMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->conflict_rows = g_ptr_array_new ();
  self->conflict_widgets = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
  g_signal_connect_swapped (self->all_row, "notify::selected", G_CALLBACK (all_changed_cb), self);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_merge_dialog_new:
 * @parent: (nullable): the main window; the dialog is modal to it
 * @db: the open register; the merge writes the same file on its own
 *   connection, then tells @db's lists to reload
 *
 * Returns: (transfer none): the dialog, to present; connect to
 *   #KsMergeDialog::merged to show the summary
 */
KsMergeDialog *
ks_merge_dialog_new (GtkWindow  *parent,
                     KsDatabase *db)
{
  KsMergeDialog *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  self = g_object_new (KS_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  return self;
}

/**
 * ks_merge_dialog_set_file:
 * @file: the exchange file
 *
 * Shows the file and starts the preview, as choosing it does.
 */
void
ks_merge_dialog_set_file (KsMergeDialog *self,
                          GFile         *file)
{
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (KS_IS_MERGE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->cancellable != NULL)
    return;

  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  escaped = g_markup_escape_text (name, -1);
  adw_action_row_set_subtitle (self->file_row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), FALSE);
  clear_conflicts (self);
  start (self, TRUE);
}
