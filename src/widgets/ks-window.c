/* ks-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-editor.h"
#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-agreement-view.h"
#include "ks-backup-dialog.h"
#include "ks-attention.h"
#include "ks-csv-export.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-event-editor.h"
#include "ks-exchange-export-dialog.h"
#include "ks-export-dialog.h"
#include "ks-filter-popover.h"
#include "ks-import-dialog.h"
#include "ks-merge-dialog.h"
#include "ks-overview-page.h"
#include "ks-preferences-window.h"
#include "ks-report-print.h"
#include "ks-settings.h"
#include "ks-sidebar.h"
#include "ks-window.h"

struct _KsWindow
{
  AdwApplicationWindow  parent_instance;

  KsDatabase           *db;
  KsAgreementList      *agreements;
  GSettings            *settings;
  GStrv                 undo_uuids;
  GCancellable         *file_cancellable;
  GCancellable         *load_cancellable;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  KsOverviewPage       *overview_page;
  AdwFlap              *flap;
  KsSidebar            *sidebar;
  KsFilterPopover      *filter_popover;
  GtkMenuButton        *filter_button;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  KsAgreementView      *agreement_view;
  GtkInfoBar           *reminder_bar;
  GtkLabel             *reminder_label;
  char                 *reminder;
  GtkActionBar         *selection_bar;
  GtkLabel             *selection_label;
  GtkLabel             *count_label;
  GtkButton            *delete_button;
  GtkButton            *export_selected_button;
};

G_DEFINE_FINAL_TYPE (KsWindow, ks_window, ADW_TYPE_APPLICATION_WINDOW)

/* Actions that need an open register. */
static const char * const register_actions[] = {
  "win.new-agreement", "win.edit-agreement", "win.attend", "win.search", "win.show-filters", "win.delete-selected", "win.export-selected",
  "win.load-demo", "win.clear-filters", "win.preferences", "win.export", "win.print",
  "win.print-requests", "win.import-csv", "win.merge", "win.export-exchange", "win.backups",
};

static void
show_toast (KsWindow   *self,
            const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_page (KsWindow *self)
{
  if (self->agreements == NULL)
    return;

  if (ks_agreement_list_get_total (self->agreements) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->agreements)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "table");
}

/* "Needs Follow-up" over "3 of 15 agreements": where the user is, and
 * how much of the register the table shows. */
static void
update_title (KsWindow *self)
{
  guint shown, total;
  g_autofree char *count = NULL;

  if (self->agreements == NULL)
    return;

  shown = g_list_model_get_n_items (G_LIST_MODEL (self->agreements));
  total = ks_agreement_list_get_total (self->agreements);
  if (shown == total)
    count = g_strdup_printf (ngettext ("%u agreement", "%u agreements", total), total);
  else
    /* Translators: "3 of 15 agreements" shown in the table */
    count = g_strdup_printf (ngettext ("%u of %u agreement", "%u of %u agreements", total),
                             shown, total);

  adw_view_switcher_title_set_title (self->window_title, ks_sidebar_get_title (self->sidebar));
  adw_view_switcher_title_set_subtitle (self->window_title, count);
  /* The switcher hides the subtitle on wide windows; the bar keeps it. */
  gtk_label_set_text (self->count_label, count);
}

static void
list_changed_cb (KsWindow *self)
{
  update_page (self);
  update_title (self);
}

static void
search_changed_cb (KsWindow *self)
{
  if (self->agreements == NULL)
    return;

  ks_agreement_list_set_search (self->agreements,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
regions_changed_cb (KsWindow *self)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);
  const char * const *regions = ks_agreement_filter_get_regions (filter);

  ks_agreement_view_set_show_region (self->agreement_view,
                                     regions == NULL || g_strv_length ((char **) regions) != 1);
}

static void
update_filter_button (KsWindow *self)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);
  gboolean active = ks_agreement_filter_get_stages (filter) != NULL ||
                    ks_agreement_filter_get_forms (filter) != NULL ||
                    ks_agreement_filter_get_sectors (filter) != NULL ||
                    ks_agreement_filter_get_countries (filter) != NULL ||
                    ks_agreement_filter_get_year_from (filter) != 0 ||
                    ks_agreement_filter_get_year_to (filter) != 0;

  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
selection_changed_cb (KsWindow *self)
{
  guint n = ks_agreement_view_get_n_selected (self->agreement_view);
  g_autofree char *text = NULL;

  /* Translators: the number of rows selected in the table */
  text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);
  gtk_label_set_text (self->selection_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_label), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->export_selected_button), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-selected", n > 0);
}

/* The overview shows the figures; the table and its selection tools
 * belong to the agreements page only. */
static void
view_changed_cb (KsWindow *self)
{
  gboolean table = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                              "agreements") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->selection_bar), table);
}

/* A click on a bar of the overview shows its agreements in the table: a
 * smart view or a single region through the sidebar, the rest through
 * the filter. */
static void
show_agreements_cb (KsWindow          *self,
                    KsAgreementFilter *chosen)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);
  const char * const *regions = ks_agreement_filter_get_regions (chosen);
  KsSmartView view = ks_agreement_filter_get_smart_view (chosen);
  g_autoptr(GEnumClass) views = g_type_class_ref (KS_TYPE_SMART_VIEW);
  g_autofree char *region_key = NULL;

  if (view != KS_SMART_VIEW_NONE)
    ks_sidebar_select (self->sidebar, g_enum_get_value (views, view)->value_nick);
  else if (regions != NULL && g_strv_length ((char **) regions) == 1)
    ks_sidebar_select (self->sidebar, (region_key = g_strconcat ("region:", regions[0], NULL)));
  else
    {
      ks_sidebar_select (self->sidebar, "all");
      ks_agreement_filter_set_regions (filter, regions);
    }

  ks_agreement_filter_set_stages (filter, ks_agreement_filter_get_stages (chosen));
  ks_agreement_filter_set_countries (filter, ks_agreement_filter_get_countries (chosen));
  ks_agreement_filter_set_year_range (filter, ks_agreement_filter_get_year_from (chosen),
                                      ks_agreement_filter_get_year_to (chosen));
  adw_view_stack_set_visible_child_name (self->view_stack, "agreements");
}

/* What needs attention, as "follow-up;expiring;not-reported" counts. */
static char *
reminder_counts (KsWindow *self,
                 guint     counts[3])
{
  static const KsSmartView views[3] = {
    KS_SMART_VIEW_NEEDS_FOLLOW_UP, KS_SMART_VIEW_EXPIRING, KS_SMART_VIEW_NOT_REPORTED,
  };

  for (guint i = 0; i < 3; i++)
    counts[i] = ks_agreement_list_count_smart_view (self->agreements, views[i]);

  return g_strdup_printf ("%u;%u;%u", counts[0], counts[1], counts[2]);
}

/* On start and after every change: what needs attention, unless the
 * user closed this very notice already. */
static void
update_reminder (KsWindow *self)
{
  g_autofree char *dismissed = NULL;
  g_autofree char *text = NULL;
  guint counts[3];

  g_free (self->reminder);
  self->reminder = reminder_counts (self, counts);
  dismissed = self->settings != NULL ? g_settings_get_string (self->settings, "reminders-dismissed") : NULL;
  if (counts[0] + counts[1] + counts[2] == 0 || g_strcmp0 (dismissed, self->reminder) == 0)
    {
      gtk_info_bar_set_revealed (self->reminder_bar, FALSE);
      return;
    }

  text = g_strdup_printf (_("%u without follow-up, %u expiring, %u not reported."),
                          counts[0], counts[1], counts[2]);
  gtk_label_set_text (self->reminder_label, text);
  gtk_info_bar_set_revealed (self->reminder_bar, TRUE);
}

static void
reminder_response_cb (KsWindow *self,
                      int       response)
{
  static const char * const views[3] = { "needs-follow-up", "expiring", "not-reported" };
  guint counts[3];
  g_autofree char *signature = reminder_counts (self, counts);

  if (response == 1)
    for (guint i = 0; i < 3; i++)
      if (counts[i] > 0)
        {
          ks_sidebar_select (self->sidebar, views[i]);
          adw_view_stack_set_visible_child_name (self->view_stack, "agreements");
          break;
        }

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "reminders-dismissed", signature);
  gtk_info_bar_set_revealed (self->reminder_bar, FALSE);
}

static void
agreement_activated_cb (KsWindow   *self,
                        const char *uuid)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-agreement", "s", uuid);
}

static char *
agreement_title (KsWindow   *self,
                 const char *uuid)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_store_load (self->db, uuid, NULL);

  return g_strdup (agreement != NULL ? ks_agreement_get_title (agreement) : "");
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_auto(GStrv) uuids = ks_agreement_view_dup_selected_uuids (self->agreement_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = g_strv_length (uuids);
  AdwToast *toast;

  if (n == 0)
    return;
  if (!ks_agreement_store_delete_many (self->db, (const char * const *) uuids, &error))
    {
      show_toast (self, error->message);
      return;
    }

  if (n == 1)
    {
      g_autofree char *title = agreement_title (self, uuids[0]);

      /* Translators: a toast after deleting one agreement, with Undo */
      message = g_strdup_printf (_("“%s” deleted"), title);
    }
  else
    message = g_strdup_printf (ngettext ("%u agreement deleted", "%u agreements deleted", n), n);

  g_strfreev (self->undo_uuids);
  self->undo_uuids = g_steal_pointer (&uuids);
  gtk_widget_action_set_enabled (widget, "win.undo-delete", TRUE);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_auto(GStrv) uuids = g_steal_pointer (&self->undo_uuids);
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (widget, "win.undo-delete", FALSE);
  if (uuids == NULL)
    return;

  if (!ks_agreement_store_undelete_many (self->db, (const char * const *) uuids, &error))
    show_toast (self, error->message);
}

/* A new agreement starts in the region the user is looking at. */
static const char *
shown_region (KsWindow *self)
{
  const char *selected = ks_sidebar_get_selected (self->sidebar);

  return g_str_has_prefix (selected, "region:") ? selected + strlen ("region:") : NULL;
}

static void
agreement_saved_cb (KsWindow   *self,
                    const char *uuid)
{
  g_autofree char *title = agreement_title (self, uuid);
  g_autofree char *message = NULL;

  /* Translators: a toast after saving an agreement */
  message = g_strdup_printf (_("“%s” saved"), title);
  show_toast (self, message);
}

static void
open_editor (KsWindow   *self,
             const char *uuid)
{
  g_autoptr(GError) error = NULL;
  KsAgreementEditor *editor;

  editor = ks_agreement_editor_new (GTK_WINDOW (self), self->db, self->settings, uuid, &error);
  if (editor == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  if (uuid == NULL && shown_region (self) != NULL)
    ks_agreement_editor_set_region (editor, shown_region (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (agreement_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The next step a smart view offers: a follow-up event, the report date
 * on the agreement, or a renewal with its new end date. */
static void
attend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  KsAgreementEditor *editor;
  KsEventEditor *event_editor;
  const char *uuid, *next;

  g_variant_get (parameter, "(&s&s)", &uuid, &next);
  editor = ks_agreement_editor_new (GTK_WINDOW (self), self->db, self->settings, uuid, &error);
  if (editor == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (agreement_saved_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  if (g_str_equal (next, "record-report"))
    return;

  ks_agreement_editor_show_page (editor, "timeline");
  event_editor = ks_event_editor_new (GTK_WINDOW (editor), self->db, uuid, NULL);
  if (g_str_equal (next, "renew"))
    ks_event_editor_set_kind (event_editor, "renewed");
  gtk_window_present (GTK_WINDOW (event_editor));
}

static void
new_agreement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_editor (KS_WINDOW (widget), NULL);
}

static void
edit_agreement_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_editor (KS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    KsWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) uuids = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  uuids = ks_agreement_view_dup_selected_uuids (self->agreement_view);
  n = g_strv_length (uuids);
  if (path == NULL)
    message = g_strdup (_("The file must be on this computer or a mounted drive."));
  else if (!ks_csv_export_agreements_file (self->db, path, (const char * const *) uuids, NULL, &error))
    message = g_strdup (error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: "3 agreements exported to “sragen.csv”" */
      message = g_strdup_printf (ngettext ("%u agreement exported to “%s”",
                                           "%u agreements exported to “%s”", n), n, name);
    }
  show_toast (self, message);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Selected Agreements"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of exported rows; keep ".csv" */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("agreements.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
report_exported_cb (KsWindow *self,
                    GFile    *file)
{
  adw_toast_overlay_add_toast (self->toast_overlay, ks_export_toast_new (GTK_WINDOW (self), file));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsExportDialog *dialog = ks_export_dialog_new (GTK_WINDOW (self), self->db, self->settings);

  g_signal_connect_object (dialog, "exported", G_CALLBACK (report_exported_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The annual report of the year the filter names, else this year's. */
static int
report_year (KsWindow *self)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (ks_agreement_filter_get_year_to (filter) != 0)
    return (int) ks_agreement_filter_get_year_to (filter);
  if (ks_agreement_filter_get_year_from (filter) != 0)
    return (int) ks_agreement_filter_get_year_from (filter);
  return g_date_time_get_year (now);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ks_report_print (GTK_WINDOW (self), self->db, self->settings, report_year (self), &error))
    show_toast (self, error->message);
}

static void
print_requests_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ks_request_print (GTK_WINDOW (self), self->db, self->settings, &error))
    show_toast (self, error->message);
}

/* The dialogs that change the register report back in one sentence. */
static void
summary_cb (KsWindow   *self,
            const char *summary)
{
  show_toast (self, summary);
}

static void
restored_cb (KsWindow   *self,
             const char *saved_path)
{
  g_autofree char *name = g_path_get_basename (saved_path);
  g_autofree char *message = NULL;

  /* Translators: after a restore; the file keeps the register as it was */
  message = g_strdup_printf (_("Register restored; the one it replaced was kept as “%s”"), name);
  show_toast (self, message);
}

static void
present_dialog (KsWindow   *self,
                GtkWindow  *dialog,
                const char *signal,
                GCallback   callback)
{
  g_signal_connect_object (dialog, signal, callback, self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  present_dialog (self, GTK_WINDOW (ks_import_dialog_new (GTK_WINDOW (self), self->db)),
                  "imported", G_CALLBACK (summary_cb));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  present_dialog (self, GTK_WINDOW (ks_merge_dialog_new (GTK_WINDOW (self), self->db)),
                  "merged", G_CALLBACK (summary_cb));
}

static void
backups_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  present_dialog (self, GTK_WINDOW (ks_backup_dialog_new (GTK_WINDOW (self), self->db)),
                  "restored", G_CALLBACK (restored_cb));
}

static void
exchange_exported_cb (KsWindow *self,
                      GFile    *file,
                      guint     n)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = g_strdup_printf (ngettext ("%u agreement written to “%s”",
                                                        "%u agreements written to “%s”", n), n, name);

  show_toast (self, message);
}

static void
export_exchange_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_auto(GStrv) uuids = ks_agreement_view_dup_selected_uuids (self->agreement_view);
  KsExchangeExportDialog *dialog =
    ks_exchange_export_dialog_new (GTK_WINDOW (self), self->db, self->settings,
                                   (const char * const *) uuids, shown_region (self));

  present_dialog (self, GTK_WINDOW (dialog), "exported", G_CALLBACK (exchange_exported_cb));
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_added = 0;

  if (!ks_demo_load (self->db, &n_added, &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (ngettext ("%u agreement from the field study added",
                                         "%u agreements from the field study added", n_added),
                               n_added);
  show_toast (self, message);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  ks_agreement_list_set_search (self->agreements, "");
  ks_agreement_filter_set_stages (filter, NULL);
  ks_agreement_filter_set_forms (filter, NULL);
  ks_agreement_filter_set_sectors (filter, NULL);
  ks_agreement_filter_set_countries (filter, NULL);
  ks_agreement_filter_set_year_range (filter, 0, 0);
  ks_sidebar_select (self->sidebar, "all");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_filters_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_menu_button_popup (KS_WINDOW (widget)->filter_button);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  KsPreferencesWindow *preferences;

  preferences = ks_preferences_window_new (GTK_WINDOW (self), self->settings, self->db);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
apply_settings (KsWindow *self)
{
  g_autoptr(KsPreferences) prefs = ks_preferences_new_from_settings (self->settings);
  KsAgreementFilter *filter;

  if (self->agreements == NULL)
    return;

  filter = ks_agreement_list_get_filter (self->agreements);
  ks_agreement_filter_set_follow_up_months (filter, prefs->follow_up_months);
  ks_agreement_filter_set_expiry_months (filter, prefs->expiry_warning_months);
  ks_database_set_staff_name (self->db, prefs->staff_name);
  ks_sidebar_set_home_region (self->sidebar, prefs->home_region);
}

static void
ks_window_restore_size (KsWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
ks_window_close_request (GtkWindow *window)
{
  KsWindow *self = KS_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      /* The default size, not the allocation, is what a maximized window
       * returns to, so that is what gets saved. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (ks_window_parent_class)->close_request (window);
}

/* Searching and filtering need the register's list. */
static void
set_tools_sensitive (KsWindow *self,
                     gboolean  sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button), sensitive);
  if (!sensitive)
    selection_changed_cb (self);
}

static void
show_error (KsWindow   *self,
            const char *message)
{
  set_tools_sensitive (self, FALSE);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->flap), TRUE);
  adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
show_backup_error (KsWindow     *self,
                   const GError *error)
{
  g_autofree char *message = NULL;

  /* Translators: the reason follows, e.g. "No space left on device" */
  message = g_strdup_printf (_("Today’s backup of the register could not be made: %s"),
                             error->message);
  show_toast (self, message);
}

static void
damage_response_cb (KsWindow   *self,
                    const char *response)
{
  if (g_str_equal (response, "restore"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.backups", NULL);
}

static void
show_damage (KsWindow     *self,
             const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Register Is Damaged"),
                                                       error->message));
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "restore", _("_Restore a Backup…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  g_signal_connect_object (dialog, "response", G_CALLBACK (damage_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the window does with the register's file once it shows it, in a
 * thread and on connections of its own: a large register, opened
 * unchecked so that the window came up at once, is checked; then today's
 * backup is made, which for a national register is a copy of half a
 * gigabyte.  A damaged register is not backed up, so that its copy does
 * not push a good backup out. */
typedef struct
{
  GApplication *app;
  char         *path;
  gboolean      check;
  guint         keep;
  GError       *backup_error;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_application_release (job->app);
  g_object_unref (job->app);
  g_free (job->path);
  g_clear_error (&job->backup_error);
  g_free (job);
}

static void
back_up (FileJob      *job,
         GCancellable *cancellable)
{
  g_autoptr(KsDatabase) db = NULL;

  if (job->keep == 0)
    return;

  db = ks_database_open (job->path, KS_DATABASE_READ_ONLY, &job->backup_error);
  if (db != NULL)
    ks_database_auto_backup (db, job->keep, NULL, cancellable, &job->backup_error);
}

static void
file_job_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  FileJob *job = task_data;
  GError *error = NULL;

  if (job->check && !ks_database_check_file (job->path, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  back_up (job, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
file_job_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  FileJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_damage (KS_WINDOW (source), error);
  else if (job->backup_error != NULL)
    show_backup_error (KS_WINDOW (source), job->backup_error);
}

/* The application stays while the job runs, so that a window closed
 * during the copy lets it stop and remove its partial file. */
static void
start_file_job (KsWindow *self)
{
  g_autoptr(KsPreferences) prefs = ks_preferences_new_from_settings (self->settings);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GTask) task = NULL;
  FileJob *job = g_new0 (FileJob, 1);

  job->app = g_object_ref (app);
  job->path = g_strdup (ks_database_get_path (self->db));
  job->check = ks_database_is_large (self->db);
  job->keep = prefs->backups_kept;
  g_application_hold (app);

  self->file_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->file_cancellable, file_job_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, file_job_thread);
}

static void
connect_register (KsWindow *self)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);

  g_signal_connect_object (self->agreements, "notify::total",
                           G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agreements, "notify::n-items",
                           G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agreements, "counts-changed",
                           G_CALLBACK (update_reminder), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "notify::title",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (filter, "notify::regions",
                           G_CALLBACK (regions_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (filter, "notify",
                           G_CALLBACK (update_filter_button), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed",
                             G_CALLBACK (apply_settings), self, G_CONNECT_SWAPPED);
}

static void load_in_background (KsWindow *self);
static void show_register      (KsWindow *self);

/* The register opens with the window: a file that cannot be opened is
 * shown, never replaced. */
static void
open_register (KsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  const char *path;

  if (app == NULL)
    return;

  path = ks_application_get_database_path (KS_APPLICATION (app));
  self->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  if (self->db == NULL)
    {
      show_error (self, error->message);
      return;
    }

  if (ks_database_is_large (self->db))
    {
      load_in_background (self);
      return;
    }

  self->agreements = ks_agreement_list_open (self->db, &error);
  if (self->agreements == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_register (self);
}

static void
list_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreementList) list = ks_agreement_list_open_finish (result, &error);
  KsWindow *self = data;

  /* Cancelled: the window is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (list == NULL)
    {
      show_error (self, error->message);
      return;
    }

  self->agreements = g_steal_pointer (&list);
  show_register (self);
}

/* A national register takes a second or more to read: the window shows
 * itself at once, saying what it is doing, and fills in when read. */
static void
load_in_background (KsWindow *self)
{
  KsAgreementSortColumn sort;
  gboolean descending;

  sort = ks_agreement_view_read_saved_sort (self->settings, &descending);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  set_tools_sensitive (self, FALSE);
  self->load_cancellable = g_cancellable_new ();
  ks_agreement_list_open_async (self->db, sort, descending, self->load_cancellable,
                                list_opened_cb, self);
}

static void
show_register (KsWindow *self)
{
  set_tools_sensitive (self, TRUE);
  apply_settings (self);
  ks_sidebar_set_register (self->sidebar, self->db, self->agreements);
  ks_filter_popover_set_filter (self->filter_popover, ks_agreement_list_get_filter (self->agreements));
  ks_agreement_view_set_list (self->agreement_view, self->agreements, self->settings);
  ks_overview_page_set_list (self->overview_page, self->agreements);
  connect_register (self);
  start_file_job (self);

  for (guint i = 0; i < G_N_ELEMENTS (register_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), register_actions[i], TRUE);
  /* Without the installed schema there is nothing to set. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", self->settings != NULL);
  selection_changed_cb (self);
  list_changed_cb (self);
  update_reminder (self);
}

static void
ks_window_dispose (GObject *object)
{
  KsWindow *self = KS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_WINDOW);
  g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->agreements);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->undo_uuids, g_strfreev);
  g_clear_pointer (&self->reminder, g_free);

  G_OBJECT_CLASS (ks_window_parent_class)->dispose (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  static const struct {
    const char               *name;
    const char               *parameter_type;
    GtkWidgetActionActivateFunc activate;
    guint                     key;
    GdkModifierType           modifiers;
  } actions[] = {
    { "win.new-agreement", NULL, new_agreement_action, GDK_KEY_n, GDK_CONTROL_MASK },
    { "win.edit-agreement", "s", edit_agreement_action, 0, 0 },
    { "win.attend", "(ss)", attend_action, 0, 0 },
    { "win.search", NULL, search_action, GDK_KEY_f, GDK_CONTROL_MASK },
    { "win.show-filters", NULL, show_filters_action, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.toggle-sidebar", NULL, toggle_sidebar_action, GDK_KEY_F9, 0 },
    { "win.delete-selected", NULL, delete_selected_action, 0, 0 },
    { "win.undo-delete", NULL, undo_delete_action, GDK_KEY_z, GDK_CONTROL_MASK },
    { "win.export-selected", NULL, export_selected_action, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.export", NULL, export_action, GDK_KEY_e, GDK_CONTROL_MASK },
    { "win.print", NULL, print_action, GDK_KEY_p, GDK_CONTROL_MASK },
    { "win.print-requests", NULL, print_requests_action, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.import-csv", NULL, import_csv_action, GDK_KEY_i, GDK_CONTROL_MASK },
    { "win.merge", NULL, merge_action, GDK_KEY_m, GDK_CONTROL_MASK },
    { "win.export-exchange", NULL, export_exchange_action, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "win.backups", NULL, backups_action, GDK_KEY_b, GDK_CONTROL_MASK },
    { "win.load-demo", NULL, load_demo_action, 0, 0 },
    { "win.clear-filters", NULL, clear_filters_action, 0, 0 },
    { "win.preferences", NULL, preferences_action, GDK_KEY_comma, GDK_CONTROL_MASK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name,
                                       actions[i].parameter_type, actions[i].activate);
      if (actions[i].key != 0)
        gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].modifiers,
                                             actions[i].name, NULL);
    }
}

static void
ks_window_class_init (KsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ks_window_dispose;
  window_class->close_request = ks_window_close_request;

  g_type_ensure (KS_TYPE_AGREEMENT_VIEW);
  g_type_ensure (KS_TYPE_FILTER_POPOVER);
  g_type_ensure (KS_TYPE_OVERVIEW_PAGE);
  g_type_ensure (KS_TYPE_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, agreement_view);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, reminder_bar);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, reminder_label);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, selection_label);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, export_selected_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, agreement_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reminder_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_agreements_cb);

  install_actions (widget_class);
}

/* The Delete key deletes rows only while the table has the focus; in
 * the search entry it deletes text. */
static void
add_table_shortcuts (KsWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self->agreement_view), controller);
}

static void
ks_window_init (KsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_table_shortcuts (self);
  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  /* Nothing to act on until a register is open. */
  for (guint i = 0; i < G_N_ELEMENTS (register_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), register_actions[i], FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", FALSE);
}

KsWindow *
ks_window_new (KsApplication *application)
{
  KsWindow *self = g_object_new (KS_TYPE_WINDOW,
                                 "application", application,
                                 NULL);
  GSettings *settings = ks_application_get_settings (application);

  /* "application" is set after construction, so the settings and the
   * register are only reachable from here. */
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  ks_window_restore_size (self);
  open_register (self);

  return self;
}
