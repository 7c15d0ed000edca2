/* ks-attachment.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_ATTACHMENT (ks_attachment_get_type ())

G_DECLARE_FINAL_TYPE (KsAttachment, ks_attachment, KS, ATTACHMENT, GObject)

/*
 * A file kept in the register, without its contents (see
 * ks_attachment_store_load_data()).  Construct-only properties: "uuid",
 * "agreement-uuid", "name", "mime-type", "sha256" (lowercase hex), "size"
 * (int64, bytes), "created-at".
 */
const char *ks_attachment_get_uuid            (KsAttachment *self);
const char *ks_attachment_get_agreement_uuid  (KsAttachment *self);
const char *ks_attachment_get_name            (KsAttachment *self);
const char *ks_attachment_get_mime_type       (KsAttachment *self);
const char *ks_attachment_get_sha256          (KsAttachment *self);
gint64      ks_attachment_get_size            (KsAttachment *self);
const char *ks_attachment_get_created_at      (KsAttachment *self);

G_END_DECLS
