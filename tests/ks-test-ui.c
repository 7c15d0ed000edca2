/* ks-test-ui.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ks-test-ui.h"

static gboolean
timeout_reached_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ks_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_reached_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
ks_test_wait_for (gboolean (*condition) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

GtkWindow *
ks_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      GtkWindow *window = g_list_model_get_item (toplevels, i);
      gboolean match = G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
                       gtk_widget_get_visible (GTK_WIDGET (window));

      /* The toplevel list keeps the window alive. */
      g_object_unref (window);
      if (match)
        return window;
    }

  return NULL;
}

static gboolean
widget_shows_text (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
  if (GTK_IS_INSCRIPTION (widget))
    return g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
  return FALSE;
}

/* Depth-first search for a label on screen (mapped: a stack's hidden
 * pages are still "visible") showing exactly @text. */
GtkWidget *
ks_test_find_label (GtkWidget  *root,
                    const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (widget_shows_text (child, text) && gtk_widget_get_mapped (child))
        return child;
      if ((found = ks_test_find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

/* Depth-first search for the widget that a GtkBuilder file (a template
 * too) gave the id @id, mapped or not, so tests reach an editor's entries
 * the way the .ui names them. */
GtkWidget *
ks_test_find_by_id (GtkWidget  *root,
                    const char *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)), id) == 0)
        return child;
      if ((found = ks_test_find_by_id (child, id)) != NULL)
        return found;
    }

  return NULL;
}
