/* ks-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-list.h"
#include "ks-agreement-summary.h"
#include "ks-database.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-settings.h"
#include "ks-window.h"

struct _KsWindow
{
  AdwApplicationWindow  parent_instance;

  KsDatabase           *db;
  KsAgreementList      *agreements;

  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  GtkColumnView        *column_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
};

typedef char *(*CellText) (KsAgreementSummary *summary);

static char *
cell_title (KsAgreementSummary *summary)
{
  return g_strdup (ks_agreement_summary_get_title (summary));
}

static char *
cell_region (KsAgreementSummary *summary)
{
  return g_strdup (ks_agreement_summary_get_region_name (summary));
}

static char *
cell_local_parties (KsAgreementSummary *summary)
{
  return g_strdup (ks_agreement_summary_get_local_parties (summary));
}

/* "USAID (United States); Pemerintah Kerajaan Belanda (Netherlands)":
 * the summary keeps one country code per partner, in partner order. */
static char *
cell_partners (KsAgreementSummary *summary)
{
  g_auto(GStrv) names = g_strsplit (ks_agreement_summary_get_partners (summary), "; ", -1);
  g_auto(GStrv) codes = g_strsplit (ks_agreement_summary_get_countries (summary), ";", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL && names[i][0] != '\0'; i++)
    {
      const char *code = i < g_strv_length (codes) ? codes[i] : "";

      if (out->len > 0)
        g_string_append (out, "; ");
      if (code[0] != '\0')
        /* Translators: a partner and its country, "USAID (United States)" */
        g_string_append_printf (out, _("%s (%s)"), names[i], ks_country_get_name (code));
      else
        g_string_append (out, names[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
cell_form (KsAgreementSummary *summary)
{
  return g_strdup (ks_key_get_label (KS_KEY_SET_FORM, ks_agreement_summary_get_form (summary)));
}

static char *
cell_stage (KsAgreementSummary *summary)
{
  return g_strdup (ks_key_get_label (KS_KEY_SET_STAGE, ks_agreement_summary_get_stage (summary)));
}

static char *
cell_period (KsAgreementSummary *summary)
{
  const char *stage = ks_agreement_summary_get_stage (summary);

  return ks_period_format (ks_agreement_summary_get_starts_on (summary),
                           ks_agreement_summary_get_ends_on (summary),
                           ks_stage_is_running (stage));
}

static char *
cell_last_follow_up (KsAgreementSummary *summary)
{
  return ks_partial_date_format (ks_agreement_summary_get_last_event_on (summary));
}

static const struct {
  const char *title;
  CellText    text;
  gboolean    expand;
} columns[] = {
  { N_("Cooperation"), cell_title, TRUE },
  { N_("Region"), cell_region, FALSE },
  { N_("Local parties"), cell_local_parties, TRUE },
  { N_("Partners"), cell_partners, TRUE },
  { N_("Form"), cell_form, FALSE },
  { N_("Stage"), cell_stage, FALSE },
  { N_("Period"), cell_period, FALSE },
  { N_("Last follow-up"), cell_last_follow_up, FALSE },
};

G_DEFINE_FINAL_TYPE (KsWindow, ks_window, ADW_TYPE_APPLICATION_WINDOW)

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CellText text = user_data;
  KsAgreementSummary *summary = gtk_list_item_get_item (item);
  g_autofree char *value = text (summary);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), value);
}

static void
add_columns (KsWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), columns[i].text);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
update_page (KsWindow *self)
{
  GListModel *shown = G_LIST_MODEL (self->agreements);

  if (self->agreements == NULL || ks_agreement_list_get_total (self->agreements) == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (g_list_model_get_n_items (shown) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "table");
}

static void
search_changed_cb (KsWindow *self)
{
  if (self->agreements == NULL)
    return;

  ks_agreement_list_set_search (self->agreements,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_page (self);
}

static void
total_changed_cb (KsWindow *self)
{
  update_page (self);
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

static GSettings *
ks_window_get_settings (KsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? ks_application_get_settings (KS_APPLICATION (app)) : NULL;
}

static void
ks_window_restore_size (KsWindow *self)
{
  GSettings *settings = ks_window_get_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
ks_window_close_request (GtkWindow *window)
{
  KsWindow *self = KS_WINDOW (window);
  GSettings *settings = ks_window_get_settings (self);

  if (settings != NULL)
    {
      int width, height;

      /* The default size, not the allocation, is what a maximized window
       * returns to, so that is what gets saved. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (ks_window_parent_class)->close_request (window);
}

static void
show_error (KsWindow   *self,
            const char *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The register opens with the window: a file that cannot be opened is
 * shown, never replaced. */
static void
open_register (KsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(KsPreferences) prefs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  const char *path;

  if (app == NULL)
    return;

  path = ks_application_get_database_path (KS_APPLICATION (app));
  prefs = ks_preferences_new_from_settings (ks_window_get_settings (self));
  self->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  if (self->db == NULL)
    {
      show_error (self, error->message);
      return;
    }
  ks_database_set_staff_name (self->db, prefs->staff_name);
  if (!ks_database_auto_backup (self->db, prefs->backups_kept, NULL, &error))
    {
      g_message ("The daily backup was not made: %s", error->message);
      g_clear_error (&error);
    }

  self->agreements = ks_agreement_list_new (self->db);
  if (!ks_agreement_list_reload (self->agreements, &error))
    {
      show_error (self, error->message);
      return;
    }
  ks_agreement_list_set_sort (self->agreements, KS_AGREEMENT_SORT_REGION, FALSE);
  g_signal_connect_object (self->agreements, "notify::total",
                           G_CALLBACK (total_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agreements, "notify::n-items",
                           G_CALLBACK (total_changed_cb), self, G_CONNECT_SWAPPED);

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->agreements)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_page (self);
}

static void
ks_window_dispose (GObject *object)
{
  KsWindow *self = KS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_WINDOW);
  g_clear_object (&self->agreements);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_window_parent_class)->dispose (object);
}

static void
ks_window_class_init (KsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ks_window_dispose;
  window_class->close_request = ks_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
}

static void
ks_window_init (KsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_columns (self);
  /* Typing anywhere in the window starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

KsWindow *
ks_window_new (KsApplication *application)
{
  KsWindow *self = g_object_new (KS_TYPE_WINDOW,
                                 "application", application,
                                 NULL);

  /* "application" is set after construction, so the settings and the
   * register are only reachable from here. */
  ks_window_restore_size (self);
  open_register (self);

  return self;
}
