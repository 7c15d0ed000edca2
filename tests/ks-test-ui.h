/* ks-test-ui.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       ks_test_iterate          (guint       ms);
gboolean   ks_test_wait_for         (gboolean  (*condition) (gpointer data),
                                     gpointer    data,
                                     guint       timeout_ms);
GtkWindow *ks_test_find_toplevel    (GType       type);
GtkWidget *ks_test_find_label       (GtkWidget  *root,
                                     const char *text);
GtkWidget *ks_test_find_by_id       (GtkWidget  *root,
                                     const char *id);

G_END_DECLS
