/* ks-attachment-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-attachment-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-attachment-list.h"
#include "ks-attachment-store.h"

struct _KsAttachmentList
{
  GtkWidget        parent_instance;

  KsDatabase      *db;
  char            *agreement_uuid;
  GListStore      *attachments;
  GCancellable    *cancellable;
  guint            n_adding;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  AdwStatusPage   *error_page;
  GtkSpinner      *spinner;
};

G_DEFINE_FINAL_TYPE (KsAttachmentList, ks_attachment_list, GTK_TYPE_WIDGET)

/* What a background add needs: it opens its own connection, since a
 * connection and its statement cache belong to the main thread. */
typedef struct
{
  char  *db_path;
  char  *staff_name;
  char  *agreement_uuid;
  GFile *file;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->db_path);
  g_free (data->staff_name);
  g_free (data->agreement_uuid);
  g_clear_object (&data->file);
  g_free (data);
}

static void
show_toast (KsAttachmentList *self,
            const char       *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWindow *
get_window (KsAttachmentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
add_button (AdwActionRow *row,
            const char   *icon_name,
            const char   *label,
            const char   *action_name,
            const char   *uuid)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", uuid);
  adw_action_row_add_suffix (row, button);
  return button;
}

/* "1.2 MB · PDF document" */
static char *
describe_file (KsAttachment *attachment)
{
  g_autofree char *size = g_format_size (ks_attachment_get_size (attachment));
  g_autofree char *type = g_content_type_from_mime_type (ks_attachment_get_mime_type (attachment));
  g_autofree char *description = g_content_type_get_description (type != NULL ? type
                                                                : ks_attachment_get_mime_type (attachment));

  /* Translators: an attachment's size and type, "1.2 MB · PDF document" */
  return g_strdup_printf (_("%s · %s"), size, description);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  KsAttachment *attachment = item;
  const char *uuid = ks_attachment_get_uuid (attachment);
  g_autofree char *subtitle = describe_file (attachment);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ks_attachment_get_name (attachment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
  add_button (ADW_ACTION_ROW (row), "document-open-symbolic", _("Open"), "attachments.open", uuid);
  add_button (ADW_ACTION_ROW (row), "document-save-as-symbolic", _("Save a Copy…"),
              "attachments.save-copy", uuid);
  add_button (ADW_ACTION_ROW (row), "user-trash-symbolic", _("Remove"), "attachments.remove", uuid);
  g_object_set_data_full (G_OBJECT (row), "ks-attachment", g_object_ref (attachment), g_object_unref);
  return row;
}

static void
reload (KsAttachmentList *self)
{
  g_autoptr(GListStore) attachments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer *items = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->attachments));
  guint n;

  attachments = ks_attachment_store_list (self->db, self->agreement_uuid, &error);
  if (attachments == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* The store lists them in the order they were added; newest first here. */
  n = g_list_model_get_n_items (G_LIST_MODEL (attachments));
  items = g_new0 (gpointer, n + 1);
  for (guint i = 0; i < n; i++)
    items[n - 1 - i] = g_list_model_get_item (G_LIST_MODEL (attachments), i);
  g_list_store_splice (self->attachments, 0, n_old, items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
database_changed_cb (KsAttachmentList *self,
                     const char       *table,
                     KsDatabase       *db)
{
  if (g_str_equal (table, "attachments") || g_str_equal (table, "agreements"))
    reload (self);
}

static KsAttachment *
find_attachment (KsAttachmentList *self,
                 const char       *uuid)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attachments));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsAttachment) attachment = g_list_model_get_item (G_LIST_MODEL (self->attachments), i);

      if (g_str_equal (ks_attachment_get_uuid (attachment), uuid))
        return attachment;
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Adding, off the main thread */

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  KsAttachment *attachment;

  db = ks_database_open (data->db_path, KS_DATABASE_NO_CREATE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ks_database_set_staff_name (db, data->staff_name);

  attachment = ks_attachment_store_add_file (db, data->agreement_uuid, data->file, cancellable, &error);
  if (attachment == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, attachment, g_object_unref);
}

static void
set_adding (KsAttachmentList *self,
            int               delta)
{
  self->n_adding += delta;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->n_adding > 0);
}

static void
add_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  KsAttachmentList *self = KS_ATTACHMENT_LIST (source);
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  attachment = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->db == NULL)
    return;

  set_adding (self, -1);
  if (attachment == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  /* The row was written through another connection: tell this one's
   * listeners, the list among them. */
  ks_database_changed (self->db, "attachments");
}

/**
 * ks_attachment_list_add_file:
 * @file: a file to keep with the agreement
 *
 * Reads and stores @file in the background; the list shows it when it
 * is in, or a toast says why it could not be added.
 */
void
ks_attachment_list_add_file (KsAttachmentList *self,
                             GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (KS_IS_ATTACHMENT_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (AddData, 1);
  data->db_path = g_strdup (ks_database_get_path (self->db));
  data->staff_name = g_strdup (ks_database_get_staff_name (self->db));
  data->agreement_uuid = g_strdup (self->agreement_uuid);
  data->file = g_object_ref (file);

  task = g_task_new (self, self->cancellable, add_done_cb, NULL);
  g_task_set_source_tag (task, ks_attachment_list_add_file);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  set_adding (self, +1);
  g_task_run_in_thread (task, add_thread);
}

/* ------------------------------------------------------------------ */
/* Opening and saving copies */

/* A name that is safe as one path component on every system. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *safe = g_strdup (name);

  g_strdelimit (safe, "/\\:*?\"<>|", '_');
  if (safe[0] == '\0' || g_str_equal (safe, ".") || g_str_equal (safe, ".."))
    return g_strdup ("attachment");

  return g_steal_pointer (&safe);
}

static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KsAttachmentList) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->db != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No application could open the file: %s"),
                                                  error->message);
      show_toast (self, message);
    }
}

/* Applications open a private copy under the cache directory: the
 * register keeps the original, and an edit there never changes it. */
static void
open_attachment (KsAttachmentList *self,
                 KsAttachment     *attachment)
{
  g_autofree char *name = safe_file_name (ks_attachment_get_name (attachment));
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "kerjasama", "open",
                                           ks_attachment_get_uuid (attachment), NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("The folder “%s” cannot be created."), dir);

      show_toast (self, message);
      return;
    }

  if (!ks_attachment_store_save_copy (self->db, ks_attachment_get_uuid (attachment), file, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }

  uri = g_file_get_uri (file);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));
  g_app_info_launch_default_for_uri_async (uri, context, self->cancellable, launch_done_cb,
                                           g_object_ref (self));
}

/**
 * ks_attachment_list_save_copy:
 * @uuid: the attachment
 * @dest: where to write the copy
 *
 * Writes a verified copy and says so in a toast, or why not.
 *
 * Returns: whether the copy was written
 */
gboolean
ks_attachment_list_save_copy (KsAttachmentList *self,
                              const char       *uuid,
                              GFile            *dest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (KS_IS_ATTACHMENT_LIST (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  if (!ks_attachment_store_save_copy (self->db, uuid, dest, NULL, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }

  name = g_file_get_basename (dest);
  message = g_strdup_printf (_("Saved “%s”"), name);
  show_toast (self, message);
  return TRUE;
}

static void
save_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  KsAttachmentList *self = user_data;
  const char *uuid = g_object_get_data (G_OBJECT (chooser), "ks-attachment-uuid");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ks_attachment_list_save_copy (self, uuid, file);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_copy_destination (KsAttachmentList *self,
                         KsAttachment     *attachment)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save a Copy"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), ks_attachment_get_name (attachment));
  g_object_set_data_full (G_OBJECT (chooser), "ks-attachment-uuid",
                          g_strdup (ks_attachment_get_uuid (attachment)), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (save_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* Removing, with undo */

static void
undo_clicked_cb (AdwToast         *toast,
                 KsAttachmentList *self)
{
  g_autoptr(GError) error = NULL;
  const char *uuid = g_object_get_data (G_OBJECT (toast), "ks-attachment-uuid");

  if (!ks_attachment_store_undelete (self->db, uuid, &error))
    show_toast (self, error->message);
}

static void
remove_attachment (KsAttachmentList *self,
                   KsAttachment     *shown)
{
  /* Reloading drops the row that holds @shown. */
  g_autoptr(KsAttachment) attachment = g_object_ref (shown);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  if (!ks_attachment_store_delete (self->db, ks_attachment_get_uuid (attachment), &error))
    {
      show_toast (self, error->message);
      return;
    }

  title = g_strdup_printf (_("“%s” removed"), ks_attachment_get_name (attachment));
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "ks-attachment-uuid",
                          g_strdup (ks_attachment_get_uuid (attachment)), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------ */
/* Choosing and dropping files */

static void
add_files (KsAttachmentList *self,
           GListModel       *files)
{
  guint n = g_list_model_get_n_items (files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      ks_attachment_list_add_file (self, file);
    }
}

static void
add_chooser_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         user_data)
{
  KsAttachmentList *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->db != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      add_files (self, files);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         KsAttachmentList *self)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    ks_attachment_list_add_file (self, l->data);

  return TRUE;
}

static void
row_activated_cb (KsAttachmentList *self,
                  GtkListBoxRow    *row)
{
  open_attachment (self, g_object_get_data (G_OBJECT (row), "ks-attachment"));
}

/* ------------------------------------------------------------------ */
/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KsAttachmentList *self = KS_ATTACHMENT_LIST (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Add Files"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (add_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attachment_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KsAttachmentList *self = KS_ATTACHMENT_LIST (widget);
  KsAttachment *attachment = find_attachment (self, g_variant_get_string (parameter, NULL));

  if (attachment == NULL)
    return;

  if (g_str_equal (action_name, "attachments.open"))
    open_attachment (self, attachment);
  else if (g_str_equal (action_name, "attachments.save-copy"))
    choose_copy_destination (self, attachment);
  else if (g_str_equal (action_name, "attachments.remove"))
    remove_attachment (self, attachment);
}

static void
remove_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KsAttachmentList *self = KS_ATTACHMENT_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row != NULL && gtk_widget_get_parent (row) == GTK_WIDGET (self->list_box))
    remove_attachment (self, g_object_get_data (G_OBJECT (row), "ks-attachment"));
}

static void
ks_attachment_list_dispose (GObject *object)
{
  KsAttachmentList *self = KS_ATTACHMENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_ATTACHMENT_LIST);
  g_clear_object (&self->db);
  g_clear_object (&self->attachments);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->agreement_uuid, g_free);

  G_OBJECT_CLASS (ks_attachment_list_parent_class)->dispose (object);
}

static void
ks_attachment_list_class_init (KsAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_attachment_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-attachment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KsAttachmentList, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KsAttachmentList, stack);
  gtk_widget_class_bind_template_child (widget_class, KsAttachmentList, list_box);
  gtk_widget_class_bind_template_child (widget_class, KsAttachmentList, error_page);
  gtk_widget_class_bind_template_child (widget_class, KsAttachmentList, spinner);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "attachments.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "attachments.open", "s", attachment_action);
  gtk_widget_class_install_action (widget_class, "attachments.save-copy", "s", attachment_action);
  gtk_widget_class_install_action (widget_class, "attachments.remove", "s", attachment_action);
  gtk_widget_class_install_action (widget_class, "attachments.remove-focused", NULL, remove_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "attachments.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "attachments.remove-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "attachments.remove-focused", NULL);
}

static void
ks_attachment_list_init (KsAttachmentList *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->attachments = g_list_store_new (KS_TYPE_ATTACHMENT);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->attachments), create_row_cb, NULL, NULL);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * ks_attachment_list_new:
 * @agreement_uuid: the agreement whose files to show
 *
 * Returns: (transfer floating): the list
 */
GtkWidget *
ks_attachment_list_new (KsDatabase *db,
                        const char *agreement_uuid)
{
  KsAttachmentList *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);

  self = g_object_new (KS_TYPE_ATTACHMENT_LIST, NULL);
  self->db = g_object_ref (db);
  self->agreement_uuid = g_strdup (agreement_uuid);
  g_signal_connect_object (db, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}
