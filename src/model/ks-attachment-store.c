/* ks-attachment-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-attachment-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-attachment-store.h"
#include "ks-audit-changes.h"
#include "ks-error.h"
#include "ks-store-util.h"

#define DEFAULT_MIME_TYPE "application/octet-stream"

/* Enough of the start of a file for content sniffing. */
#define SNIFF_SIZE 4096

#define SELECT_ATTACHMENTS                                                    \
  "SELECT t.uuid, a.uuid, t.name, t.mime_type, t.sha256, t.size, "           \
  "t.created_at FROM attachments t JOIN agreements a ON a.id = t.agreement_id "

enum {
  COL_UUID,
  COL_AGREEMENT_UUID,
  COL_NAME,
  COL_MIME_TYPE,
  COL_SHA256,
  COL_SIZE,
  COL_CREATED_AT,
};

static KsAttachment *
attachment_from_row (KsStatement *stmt)
{
  return g_object_new (KS_TYPE_ATTACHMENT,
                       "uuid", ks_store_column_text (stmt, COL_UUID),
                       "agreement-uuid", ks_store_column_text (stmt, COL_AGREEMENT_UUID),
                       "name", ks_store_column_text (stmt, COL_NAME),
                       "mime-type", ks_store_column_text (stmt, COL_MIME_TYPE),
                       "sha256", ks_store_column_text (stmt, COL_SHA256),
                       "size", (gint64) sqlite3_column_int64 (stmt, COL_SIZE),
                       "created-at", ks_store_column_text (stmt, COL_CREATED_AT),
                       NULL);
}

static char *
compute_sha256 (const void *data,
                gsize       size)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (size > 0)
    g_checksum_update (checksum, data, size);
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
guess_mime_type (const char *name,
                 GBytes     *data)
{
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data (data, &size);
  g_autofree char *content_type = g_content_type_guess (name, bytes, MIN (size, SNIFF_SIZE), NULL);
  char *mime_type = g_content_type_get_mime_type (content_type);

  return mime_type != NULL ? mime_type : g_strdup (DEFAULT_MIME_TYPE);
}

static gboolean
check_size (const char  *name,
            gint64       size,
            GError     **error)
{
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;

  if (size <= KS_ATTACHMENT_MAX_SIZE)
    return TRUE;

  size_text = g_format_size (size);
  limit_text = g_format_size (KS_ATTACHMENT_MAX_SIZE);
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("The file “%s” is %s; an attachment can be at most %s."),
               name, size_text, limit_text);
  return FALSE;
}

static gboolean
validate_new (const char  *name,
              GBytes      *data,
              GError     **error)
{
  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The attachment name is not valid UTF-8 text."));
      return FALSE;
    }

  if (name[0] == '\0')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("The attachment needs a name."));
      return FALSE;
    }

  return check_size (name, g_bytes_get_size (data), error);
}

static gboolean
insert_attachment (KsDatabase    *db,
                   KsAttachment  *attachment,
                   gint64         agreement_id,
                   GBytes        *data,
                   GError       **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  gsize size = 0;
  const void *bytes = g_bytes_get_data (data, &size);

  stmt = ks_database_prepare (db,
                              "INSERT INTO attachments (uuid, agreement_id, name, mime_type, sha256, "
                              "size, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ks_attachment_get_uuid (attachment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, agreement_id);
  sqlite3_bind_text (stmt, 3, ks_attachment_get_name (attachment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ks_attachment_get_mime_type (attachment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ks_attachment_get_sha256 (attachment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, size);
  /* An empty file is an empty blob, not NULL; @data outlives the step. */
  sqlite3_bind_blob64 (stmt, 7, bytes != NULL ? bytes : "", size, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, ks_attachment_get_created_at (attachment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, ks_attachment_get_created_at (attachment), -1, SQLITE_TRANSIENT);

  return ks_database_step_done (db, stmt, error);
}

static gboolean
audit_insert (KsDatabase    *db,
              KsAttachment  *attachment,
              GError       **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autofree char *json = NULL;
  gint64 size = ks_attachment_get_size (attachment);

  ks_audit_changes_add_string (changes, "agreement", NULL, ks_attachment_get_agreement_uuid (attachment));
  ks_audit_changes_add_string (changes, "name", NULL, ks_attachment_get_name (attachment));
  ks_audit_changes_add_string (changes, "mime_type", NULL, ks_attachment_get_mime_type (attachment));
  ks_audit_changes_add_string (changes, "sha256", NULL, ks_attachment_get_sha256 (attachment));
  ks_audit_changes_add_int (changes, "size", NULL, size);
  json = ks_audit_changes_to_json (changes);

  return ks_database_audit (db, "attachments", ks_attachment_get_uuid (attachment),
                            "insert", json, NULL, error);
}

static gboolean
add_attachment (KsDatabase    *db,
                KsAttachment  *attachment,
                GBytes        *data,
                GError       **error)
{
  gint64 agreement_id = ks_store_lookup_agreement (db, ks_attachment_get_agreement_uuid (attachment),
                                                   error);

  if (agreement_id <= 0 ||
      !insert_attachment (db, attachment, agreement_id, data, error) ||
      !audit_insert (db, attachment, error))
    return FALSE;

  ks_database_changed (db, "attachments");
  return TRUE;
}

static gboolean
find_attachment (KsDatabase   *db,
                 const char   *uuid,
                 gint64       *id,
                 gboolean     *deleted,
                 GError      **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (db, "SELECT id, deleted_at IS NOT NULL FROM attachments WHERE uuid = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND, _("There is no attachment “%s”."), uuid);
      return FALSE;
    }

  *id = sqlite3_column_int64 (stmt, 0);
  *deleted = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

static gboolean
set_attachment_deleted (KsDatabase  *db,
                        const char  *uuid,
                        gboolean     deleted,
                        GError     **error)
{
  gint64 id;
  gboolean was_deleted;

  if (!find_attachment (db, uuid, &id, &was_deleted, error))
    return FALSE;
  if (was_deleted == deleted)
    return TRUE;

  if (!ks_store_set_deleted (db, "attachments", id, deleted, error) ||
      !ks_database_audit (db, "attachments", uuid, deleted ? "delete" : "undelete", NULL, NULL, error))
    return FALSE;

  ks_database_changed (db, "attachments");
  return TRUE;
}

static gboolean
set_deleted_in_transaction (KsDatabase  *db,
                            const char  *uuid,
                            gboolean     deleted,
                            GError     **error)
{
  gboolean owned;

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  return ks_store_end (db, owned, set_attachment_deleted (db, uuid, deleted, error), error);
}

/**
 * ks_attachment_store_add:
 * @agreement_uuid: the agreement the file belongs to
 * @name: the file's name, as shown to the user
 * @mime_type: (nullable): the MIME type, or %NULL to guess it from @name
 *   and the contents
 * @data: the contents, at most %KS_ATTACHMENT_MAX_SIZE bytes
 *
 * Stores a file with its SHA-256, audited.
 *
 * Returns: (transfer full) (nullable): the new attachment
 */
KsAttachment *
ks_attachment_store_add (KsDatabase  *db,
                         const char  *agreement_uuid,
                         const char  *name,
                         const char  *mime_type,
                         GBytes      *data,
                         GError     **error)
{
  g_autoptr(KsAttachment) attachment = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *guessed = NULL;
  gboolean owned;
  gsize size = 0;
  const void *bytes;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!validate_new (name, data, error))
    return NULL;

  bytes = g_bytes_get_data (data, &size);
  uuid = ks_database_new_uuid ();
  now = ks_database_now ();
  sha256 = compute_sha256 (bytes, size);
  if (mime_type == NULL || mime_type[0] == '\0')
    mime_type = guessed = guess_mime_type (name, data);

  attachment = g_object_new (KS_TYPE_ATTACHMENT,
                             "uuid", uuid,
                             "agreement-uuid", agreement_uuid,
                             "name", name,
                             "mime-type", mime_type,
                             "sha256", sha256,
                             "size", (gint64) size,
                             "created-at", now,
                             NULL);

  if (!ks_store_begin (db, &owned, error) ||
      !ks_store_end (db, owned, add_attachment (db, attachment, data, error), error))
    return NULL;

  return g_steal_pointer (&attachment);
}

static void
set_file_error (GError  **error,
                GFile    *file,
                GError   *cause)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, KS_ERROR, KS_ERROR_CANCELLED, _("The operation was cancelled."));
  else
    g_set_error (error, KS_ERROR, KS_ERROR_IO,
                 _("The file “%s” cannot be read: %s"), name, cause->message);
}

/**
 * ks_attachment_store_add_file:
 * @file: the file to store; its display name becomes the attachment's name
 *
 * Reads @file and stores it as ks_attachment_store_add() does; a file
 * larger than %KS_ATTACHMENT_MAX_SIZE is refused before it is read.
 *
 * Returns: (transfer full) (nullable): the new attachment
 */
KsAttachment *
ks_attachment_store_add_file (KsDatabase    *db,
                              const char    *agreement_uuid,
                              GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) data = NULL;
  char *contents = NULL;
  gsize length = 0;
  const char *name;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_file_error (error, file, local_error);
      return NULL;
    }

  name = g_file_info_get_display_name (info);
  if (!check_size (name, g_file_info_get_size (info), error))
    return NULL;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      set_file_error (error, file, local_error);
      return NULL;
    }
  data = g_bytes_new_take (contents, length);

  return ks_attachment_store_add (db, agreement_uuid, name, NULL, data, error);
}

/**
 * ks_attachment_store_list:
 *
 * Returns: (transfer full) (nullable): a #GListStore of #KsAttachment in
 *   the order they were added, without deleted ones; %NULL when the
 *   agreement does not exist
 */
GListStore *
ks_attachment_store_list (KsDatabase  *db,
                          const char  *agreement_uuid,
                          GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;
  gint64 agreement_id;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);

  agreement_id = ks_store_lookup_agreement (db, agreement_uuid, error);
  if (agreement_id <= 0)
    return NULL;

  stmt = ks_database_prepare (db,
                              SELECT_ATTACHMENTS "WHERE t.agreement_id = ? AND t.deleted_at IS NULL "
                              "ORDER BY t.created_at, t.id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  store = g_list_store_new (KS_TYPE_ATTACHMENT);
  for (;;)
    {
      g_autoptr(KsAttachment) attachment = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      attachment = attachment_from_row (stmt);
      g_list_store_append (store, attachment);
    }

  return g_steal_pointer (&store);
}

/**
 * ks_attachment_store_load_data:
 *
 * Reads an attachment's contents and checks them against the SHA-256
 * recorded when it was added.
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with
 *   %KS_ERROR_NOT_FOUND or %KS_ERROR_DAMAGED
 */
GBytes *
ks_attachment_store_load_data (KsDatabase  *db,
                               const char  *uuid,
                               GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *sha256 = NULL;
  gboolean has_row;
  const void *blob;
  gsize size;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = ks_database_prepare (db,
                              "SELECT name, sha256, data FROM attachments "
                              "WHERE uuid = ? AND deleted_at IS NULL",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND, _("There is no attachment “%s”."), uuid);
      return NULL;
    }

  blob = sqlite3_column_blob (stmt, 2);
  size = sqlite3_column_bytes (stmt, 2);
  sha256 = compute_sha256 (blob, size);
  if (g_ascii_strcasecmp (sha256, ks_store_column_text (stmt, 1)) != 0)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_DAMAGED,
                   _("The attachment “%s” is damaged. Restore the register from a backup."),
                   ks_store_column_text (stmt, 0));
      return NULL;
    }

  return g_bytes_new (blob, size);
}

/**
 * ks_attachment_store_save_copy:
 * @dest: where to write the copy; replaced if it exists
 *
 * Writes a verified copy of an attachment's contents to @dest.
 */
gboolean
ks_attachment_store_save_copy (KsDatabase    *db,
                               const char    *uuid,
                               GFile         *dest,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  gsize size = 0;
  const void *bytes;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  data = ks_attachment_store_load_data (db, uuid, error);
  if (data == NULL)
    return FALSE;

  bytes = g_bytes_get_data (data, &size);
  if (g_file_replace_contents (dest, bytes != NULL ? bytes : "", size, NULL, FALSE,
                               G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    return TRUE;

  name = g_file_get_parse_name (dest);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, KS_ERROR, KS_ERROR_CANCELLED, _("The operation was cancelled."));
  else
    g_set_error (error, KS_ERROR, KS_ERROR_IO,
                 _("The copy “%s” cannot be written: %s"), name, local_error->message);
  return FALSE;
}

/**
 * ks_attachment_store_delete:
 *
 * Marks the attachment deleted; its contents stay in the file for undo
 * and merges.
 */
gboolean
ks_attachment_store_delete (KsDatabase  *db,
                            const char  *uuid,
                            GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return set_deleted_in_transaction (db, uuid, TRUE, error);
}

gboolean
ks_attachment_store_undelete (KsDatabase  *db,
                              const char  *uuid,
                              GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return set_deleted_in_transaction (db, uuid, FALSE, error);
}
