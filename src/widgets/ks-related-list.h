/* ks-related-list.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_RELATED_LIST (ks_related_list_get_type ())

G_DECLARE_FINAL_TYPE (KsRelatedList, ks_related_list, KS, RELATED_LIST, AdwPreferencesGroup)

GtkWidget *ks_related_list_new          (void);
void       ks_related_list_set_parent   (KsRelatedList *self,
                                         KsDatabase    *db,
                                         const char    *uuid);
guint      ks_related_list_get_n_items  (KsRelatedList *self);

G_END_DECLS
