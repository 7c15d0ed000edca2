/* ks-attachment-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ks-attachment.h"
#include "ks-database.h"

G_BEGIN_DECLS

/* The largest file the register takes: 50 MB (decimal, as file managers
 * show sizes).  Scans of signed documents are far smaller. */
#define KS_ATTACHMENT_MAX_SIZE ((gint64) 50 * 1000 * 1000)

/* Files kept inside the register, so that one file is the backup.  Each
 * call that writes is one transaction, or joins the caller's. */

KsAttachment *ks_attachment_store_add        (KsDatabase    *db,
                                              const char    *agreement_uuid,
                                              const char    *name,
                                              const char    *mime_type,
                                              GBytes        *data,
                                              GError       **error);
KsAttachment *ks_attachment_store_add_file   (KsDatabase    *db,
                                              const char    *agreement_uuid,
                                              GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error);
GListStore   *ks_attachment_store_list       (KsDatabase    *db,
                                              const char    *agreement_uuid,
                                              GError       **error);
GBytes       *ks_attachment_store_load_data  (KsDatabase    *db,
                                              const char    *uuid,
                                              GError       **error);
gboolean      ks_attachment_store_save_copy  (KsDatabase    *db,
                                              const char    *uuid,
                                              GFile         *dest,
                                              GCancellable  *cancellable,
                                              GError       **error);
gboolean      ks_attachment_store_delete     (KsDatabase    *db,
                                              const char    *uuid,
                                              GError       **error);
gboolean      ks_attachment_store_undelete   (KsDatabase    *db,
                                              const char    *uuid,
                                              GError       **error);

G_END_DECLS
