/* ks-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-window.h"

struct _KsWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (KsWindow, ks_window, ADW_TYPE_APPLICATION_WINDOW)

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
ks_window_constructed (GObject *object)
{
  KsWindow *self = KS_WINDOW (object);

  G_OBJECT_CLASS (ks_window_parent_class)->constructed (object);

  ks_window_restore_size (self);
}

static void
ks_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_WINDOW);

  G_OBJECT_CLASS (ks_window_parent_class)->dispose (object);
}

static void
ks_window_class_init (KsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ks_window_constructed;
  object_class->dispose = ks_window_dispose;
  window_class->close_request = ks_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KsWindow, empty_page);
}

static void
ks_window_init (KsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KsWindow *
ks_window_new (KsApplication *application)
{
  return g_object_new (KS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
