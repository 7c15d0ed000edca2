/* test-attachment-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-store.h"
#include "ks-attachment-store.h"
#include "ks-audit-store.h"
#include "ks-database.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-test-common.h"

#define AGREEMENT_UUID "0b7d6a3e-2f51-4e0a-8c3d-5a6b7c8d9e01"
#define UNKNOWN_UUID   "00000000-0000-4000-8000-000000000000"

typedef struct
{
  char       *dir;
  char       *path;
  KsDatabase *db;
} Fixture;

static void
add_agreement (KsDatabase *db,
               const char *uuid,
               const char *region_code,
               const char *title,
               const char *stage,
               const char *ends_on)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement,
                "uuid", uuid,
                "region-code", region_code,
                "title", title,
                "stage", stage,
                "ends-on", ends_on,
                NULL);
  ks_agreement_store_save (db, agreement, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_database_set_staff_name (fixture->db, "Budi Santoso");

  add_agreement (fixture->db, AGREEMENT_UUID, "33.72", "MoU Surakarta – Montana", "signed", "");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static KsAttachment *
add_ok (KsDatabase *db,
        const char *name,
        const char *mime_type,
        GBytes     *data)
{
  g_autoptr(GError) error = NULL;
  KsAttachment *attachment = ks_attachment_store_add (db, AGREEMENT_UUID, name, mime_type, data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  return attachment;
}

static void
assert_round_trip (KsDatabase *db,
                   GBytes     *data)
{
  g_autoptr(KsAttachment) attachment = add_ok (db, "scan.bin", NULL, data);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = ks_attachment_store_load_data (db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_attachment_get_size (attachment), ==, g_bytes_get_size (data));
  g_assert_true (g_bytes_equal (loaded, data));
}

static void
test_round_trip_text (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("Notulen rapat 12 Mei 2017\n", 26);

  assert_round_trip (fixture->db, bytes);
}

static void
test_round_trip_binary (Fixture       *fixture,
                        gconstpointer  data)
{
  static const guint8 blob[] = { 0x00, 0xff, 0x00, 0x00, 0x25, 0x50, 0x44, 0x46, 0x00, 0x0a, 0x0d, 0x80 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (blob, sizeof blob);

  assert_round_trip (fixture->db, bytes);
}

static void
test_round_trip_large (Fixture       *fixture,
                       gconstpointer  data)
{
  gsize size = 5 * 1024 * 1024;
  guint8 *blob = g_malloc (size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < size; i++)
    blob[i] = g_rand_int (rand) & 0xff;
  bytes = g_bytes_new_take (blob, size);

  assert_round_trip (fixture->db, bytes);
}

static void
test_round_trip_empty (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new (NULL, 0);

  assert_round_trip (fixture->db, bytes);
}

static void
test_records_sha256 (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char text[] = "Letter of Intent, Wonogiri – Wuming";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "loi.txt", NULL, bytes);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *stored = ks_test_query_text (fixture->db, "SELECT sha256 FROM attachments");

  g_assert_cmpstr (ks_attachment_get_sha256 (attachment), ==, expected);
  g_assert_cmpstr (stored, ==, expected);
}

static void
test_tampered_data_detected (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("original scan", 13);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "mou-signed.pdf", NULL, bytes);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  ks_test_exec (fixture->db, "UPDATE attachments SET data = X'6f726967696e616c207363616e21'");
  loaded = ks_attachment_store_load_data (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_null (loaded);
  g_assert_error (error, KS_ERROR, KS_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "The attachment “mou-signed.pdf” is damaged"));
}

static void
test_mime_type_guessed (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "MoU.pdf", NULL, bytes);

  g_assert_cmpstr (ks_attachment_get_mime_type (attachment), ==, "application/pdf");
}

static void
test_mime_type_given (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "minutes", "text/plain", bytes);
  g_autofree char *stored = ks_test_query_text (fixture->db, "SELECT mime_type FROM attachments");

  g_assert_cmpstr (ks_attachment_get_mime_type (attachment), ==, "text/plain");
  g_assert_cmpstr (stored, ==, "text/plain");
}

static void
test_name_required (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  attachment = ks_attachment_store_add (fixture->db, AGREEMENT_UUID, "", NULL, bytes, &error);
  g_assert_null (attachment);
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
}

static void
test_add_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "Notulen rapat.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  ks_test_write_file (path, "Rapat koordinasi\n", 17);
  attachment = ks_attachment_store_add_file (fixture->db, AGREEMENT_UUID, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_attachment_get_name (attachment), ==, "Notulen rapat.txt");
  g_assert_cmpstr (ks_attachment_get_mime_type (attachment), ==, "text/plain");

  loaded = ks_attachment_store_load_data (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (loaded, NULL), g_bytes_get_size (loaded), "Rapat koordinasi\n", 17);
}

static void
test_add_file_too_large (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "video.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  /* A sparse file: large without filling the disk. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), KS_ATTACHMENT_MAX_SIZE + 1, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  attachment = ks_attachment_store_add_file (fixture->db, AGREEMENT_UUID, file, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "video.mp4"));
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_nonnull (strstr (error->message, "50.0\u00a0MB"));

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_add_missing_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "hilang.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  attachment = ks_attachment_store_add_file (fixture->db, AGREEMENT_UUID, file, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "hilang.pdf"));
}

static void
test_unknown_agreement_unchanged (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  attachment = ks_attachment_store_add (fixture->db, UNKNOWN_UUID, "x.txt", NULL, bytes, &error);
  g_assert_null (attachment);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_false (ks_database_in_transaction (fixture->db));

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint8 blob[] = { 'P', 'K', 0x03, 0x04, 0x00, 0x00, 0xfe };
  g_autoptr(GBytes) bytes = g_bytes_new_static (blob, sizeof blob);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "lampiran.zip", NULL, bytes);
  g_autofree char *path = g_build_filename (fixture->dir, "copy.zip", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;

  ks_attachment_store_save_copy (fixture->db, ks_attachment_get_uuid (attachment), dest, NULL, &error);
  g_assert_no_error (error);

  written = ks_test_read_file (path);
  g_assert_true (g_bytes_equal (written, bytes));
}

static void
test_save_copy_unwritable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "x.txt", NULL, bytes);
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "x.txt", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_attachment_store_save_copy (fixture->db, ks_attachment_get_uuid (attachment),
                                                 dest, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
}

static void
test_list_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) first = add_ok (fixture->db, "a.txt", NULL, bytes);
  g_autoptr(KsAttachment) second = add_ok (fixture->db, "b.txt", NULL, bytes);
  g_autoptr(GListStore) before = NULL;
  g_autoptr(GListStore) after = NULL;
  g_autoptr(KsAttachment) item = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  before = ks_attachment_store_list (fixture->db, AGREEMENT_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (before)), ==, 2);

  ks_attachment_store_delete (fixture->db, ks_attachment_get_uuid (first), &error);
  g_assert_no_error (error);
  after = ks_attachment_store_list (fixture->db, AGREEMENT_UUID, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (after), 0);
  g_assert_cmpstr (ks_attachment_get_name (item), ==, "b.txt");

  loaded = ks_attachment_store_load_data (fixture->db, ks_attachment_get_uuid (first), &error);
  g_assert_null (loaded);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

static void
test_undelete (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("kept", 4);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "a.txt", NULL, bytes);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  ks_attachment_store_delete (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);
  ks_attachment_store_undelete (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);

  loaded = ks_attachment_store_load_data (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, bytes));
}

static void
test_audited (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "a.txt", "text/plain", bytes);
  g_autoptr(GListStore) trail = NULL;
  g_autoptr(KsAuditEntry) newest = NULL;
  g_autoptr(KsAuditEntry) oldest = NULL;
  g_autoptr(GError) error = NULL;

  ks_attachment_store_delete (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);

  trail = ks_audit_store_list_for_record (fixture->db, ks_attachment_get_uuid (attachment), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trail)), ==, 2);
  newest = g_list_model_get_item (G_LIST_MODEL (trail), 0);
  oldest = g_list_model_get_item (G_LIST_MODEL (trail), 1);
  g_assert_cmpstr (ks_audit_entry_get_action (newest), ==, "delete");
  g_assert_cmpstr (ks_audit_entry_get_action (oldest), ==, "insert");
  g_assert_cmpstr (ks_audit_entry_get_who (oldest), ==, "Budi Santoso");
  g_assert_nonnull (strstr (ks_audit_entry_get_changes (oldest), "\"name\":[null,\"a.txt\"]"));
}

static void
test_audit_trail_of_agreement (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(KsAttachment) attachment = add_ok (fixture->db, "a.txt", NULL, bytes);
  g_autoptr(KsEvent) event = NULL;
  g_autoptr(GListStore) trail = NULL;
  g_autoptr(GError) error = NULL;
  const char *tables[] = { "events", "agreements", "attachments", "agreements" };

  event = g_object_new (KS_TYPE_EVENT, "agreement-uuid", AGREEMENT_UUID,
                        "occurred-on", "2017-11", "kind", "visit", "new-stage", "active", NULL);
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);

  trail = ks_audit_store_list_for_record (fixture->db, AGREEMENT_UUID, &error);
  g_assert_no_error (error);
  /* Newest first: the event, the stage it moved the agreement to, the
   * attachment, the agreement's creation. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trail)), ==, G_N_ELEMENTS (tables));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(KsAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (trail), i);

      g_assert_cmpstr (ks_audit_entry_get_record_table (entry), ==, tables[i]);
    }
}

static void
test_audit_trail_of_unknown_record (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GListStore) trail = NULL;
  g_autoptr(GError) error = NULL;

  trail = ks_audit_store_list_for_record (fixture->db, UNKNOWN_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trail)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/attachment/round-trip/text", test_round_trip_text);
  ADD ("/attachment/round-trip/binary", test_round_trip_binary);
  ADD ("/attachment/round-trip/5mb", test_round_trip_large);
  ADD ("/attachment/round-trip/empty", test_round_trip_empty);
  ADD ("/attachment/sha256", test_records_sha256);
  ADD ("/attachment/tampered", test_tampered_data_detected);
  ADD ("/attachment/mime-type/guessed", test_mime_type_guessed);
  ADD ("/attachment/mime-type/given", test_mime_type_given);
  ADD ("/attachment/name-required", test_name_required);
  ADD ("/attachment/add-file", test_add_file);
  ADD ("/attachment/add-file/too-large", test_add_file_too_large);
  ADD ("/attachment/add-file/missing", test_add_missing_file);
  ADD ("/attachment/unknown-agreement-unchanged", test_unknown_agreement_unchanged);
  ADD ("/attachment/save-copy", test_save_copy);
  ADD ("/attachment/save-copy/unwritable", test_save_copy_unwritable);
  ADD ("/attachment/list-and-delete", test_list_and_delete);
  ADD ("/attachment/undelete", test_undelete);
  ADD ("/attachment/audited", test_audited);
  ADD ("/audit/agreement-includes-events-and-attachments", test_audit_trail_of_agreement);
  ADD ("/audit/unknown-record", test_audit_trail_of_unknown_record);

#undef ADD

  return g_test_run ();
}
