/* ks-attachment-list.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_ATTACHMENT_LIST (ks_attachment_list_get_type ())

G_DECLARE_FINAL_TYPE (KsAttachmentList, ks_attachment_list, KS, ATTACHMENT_LIST, GtkWidget)

/*
 * The files kept with an agreement, newest first: add (a file chooser,
 * or files dropped on the list), open, save a copy, remove with undo.
 */
GtkWidget *ks_attachment_list_new       (KsDatabase       *db,
                                         const char       *agreement_uuid);
void       ks_attachment_list_add_file  (KsAttachmentList *self,
                                         GFile            *file);
gboolean   ks_attachment_list_save_copy (KsAttachmentList *self,
                                         const char       *uuid,
                                         GFile            *dest);

G_END_DECLS
