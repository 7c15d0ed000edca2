/* ks-sidebar.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ks-agreement-list.h"
#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_SIDEBAR (ks_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (KsSidebar, ks_sidebar, KS, SIDEBAR, GtkWidget)

GtkWidget  *ks_sidebar_new             (void);
void        ks_sidebar_set_register    (KsSidebar       *self,
                                        KsDatabase      *db,
                                        KsAgreementList *agreements);
void        ks_sidebar_set_home_region (KsSidebar       *self,
                                        const char      *code);
void        ks_sidebar_select          (KsSidebar       *self,
                                        const char      *key);
const char *ks_sidebar_get_selected    (KsSidebar       *self);
const char *ks_sidebar_get_title       (KsSidebar       *self);
guint       ks_sidebar_get_count       (KsSidebar       *self,
                                        const char      *key);

G_END_DECLS
