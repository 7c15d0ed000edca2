/* fuzz-exchange.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer harness for merging exchange files: whatever file arrives, the
 * merge succeeds or refuses it, and a refused (or dry) merge leaves the
 * register exactly as it was and whole; nothing is left behind in the
 * temporary folder.
 *
 * An input is one of two things:
 *
 *  - any bytes: written to a file and merged as they are (real exchange
 *    files in the corpus, damaged or not SQLite at all);
 *  - "KSOP" followed by edits: an exchange file that this program
 *    exported at start-up is changed cell by cell, with CHECK and foreign
 *    key constraints off, then merged.  Byte mutations of a SQLite file
 *    mostly break its structure and are refused early; these edits reach
 *    the merge itself with values no register would hold.
 *
 * Edits, after "KSOP" and one byte of options (bit 0: dry run, bits 1-2:
 * the preference), are groups of bytes: kind (mostly an update of a cell;
 * else delete a row, copy a row, set a header value), table and column
 * (two bytes), row, then for an update the value: NULL, an integer, a
 * real, a text or a blob of a given length, the same column of another
 * row, or one of a few telling values. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-attachment-store.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-exchange.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define OPS_MAGIC "KSOP"

typedef struct
{
  char       *dir;          /* our own TMPDIR: the merge's folders go there */
  char       *register_path;
  char       *pristine_path;
  char       *input_path;
  GBytes     *template;     /* an exchange file exported at start-up */
  GPtrArray  *columns;      /* "table\x1fcolumn" of the template's tables */
  KsDatabase *db;
} Harness;

static Harness harness;

static void
check (gboolean    ok,
       const char *what)
{
  if (!ok)
    {
      g_printerr ("fuzz-exchange: %s\n", what);
      abort ();
    }
}

static void
check_no_error (GError     *error,
                const char *what)
{
  if (error != NULL)
    {
      g_printerr ("fuzz-exchange: %s: %s\n", what, error->message);
      abort ();
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  check (g_file_get_contents (from, &contents, &len, NULL), "cannot read a copy");
  check (g_file_set_contents (to, contents, len, NULL), "cannot write a copy");
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  check (g_file_get_contents (path, &contents, &len, NULL), "cannot read a file");
  return g_bytes_new_take (contents, len);
}

static void
remove_register_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* The sending office: the demo register with one agreement changed (a
 * conflict with the receiving register), one new agreement with an
 * attachment, and one deleted. */
static void
export_template (const char *path)
{
  g_autofree char *source_path = g_build_filename (harness.dir, "source.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) source = ks_database_open (source_path, KS_DATABASE_FLAGS_NONE, &error);
  g_autoptr(KsAgreement) changed = NULL;
  g_autoptr(KsAgreement) added = ks_agreement_new ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 signed", 15);
  g_autoptr(KsAttachment) attachment = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uuid = NULL;
  guint n_added = 0;

  check_no_error (error, "cannot create the sending register");
  check (ks_demo_load (source, &n_added, &error), "cannot load the demo");
  check (sqlite3_prepare_v2 (ks_database_get_handle (source), "SELECT uuid FROM agreements ORDER BY id",
                             -1, &stmt, NULL) == SQLITE_OK &&
         sqlite3_step (stmt) == SQLITE_ROW, "the demo has no agreement");
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  changed = ks_agreement_store_load (source, uuid, &error);
  check_no_error (error, "cannot load a demo agreement");
  g_object_set (changed, "title", "Changed by the sending office", NULL);
  check (ks_agreement_store_save (source, changed, NULL, &error), "cannot save a change");

  g_object_set (added, "region-code", "33.14", "title", "Sent agreement", NULL);
  check (ks_agreement_store_save (source, added, NULL, &error), "cannot add an agreement");
  attachment = ks_attachment_store_add (source, ks_agreement_get_uuid (added), "signed.pdf",
                                        "application/pdf", pdf, &error);
  check_no_error (error, "cannot add an attachment");

  check (ks_database_exec (source, "UPDATE agreements SET deleted_at = updated_at "
                                   "WHERE id = (SELECT max (id) FROM agreements WHERE title <> 'Sent agreement')",
                           &error), "cannot delete an agreement");
  check (ks_exchange_export (source, path, NULL, NULL, NULL, NULL, &error), "cannot export");
  g_clear_object (&source);
  remove_register_files (source_path);
}

static void
list_columns (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  harness.columns = g_ptr_array_new_with_free_func (g_free);
  check (sqlite3_prepare_v2 (db,
                             "SELECT t.name, c.name FROM sqlite_schema t, pragma_table_info (t.name) c "
                             "WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' ORDER BY t.name, c.cid",
                             -1, &stmt, NULL) == SQLITE_OK, "cannot list the columns");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (harness.columns, g_strdup_printf ("%s\x1f%s", sqlite3_column_text (stmt, 0),
                                                       sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  check (harness.columns->len > 0, "the template has no columns");
}

/* At exit, so that the replay in the normal suite leaves nothing. */
static void
tear_down (void)
{
  const char *names[] = { "register.db", "register.db-wal", "register.db-shm", "register.db-journal",
                          "pristine.db", "input.kerjasama" };

  g_clear_object (&harness.db);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (harness.dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (harness.dir);
}

static void
set_up (void)
{
  g_autofree char *template_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = NULL;
  char shm_template[] = "/dev/shm/kerjasama-fuzz-exchange-XXXXXX";
  char tmp_template[] = "/tmp/kerjasama-fuzz-exchange-XXXXXX";
  sqlite3 *template_db = NULL;
  guint n_added = 0;

  /* Before GLib reads TMPDIR for the first time.  In memory if we can:
   * every merge creates and syncs a reference register. */
  harness.dir = g_strdup (g_mkdtemp (shm_template));
  if (harness.dir == NULL)
    harness.dir = g_strdup (g_mkdtemp (tmp_template));
  check (harness.dir != NULL, "cannot make a temporary folder");
  g_setenv ("TMPDIR", harness.dir, TRUE);
  check (g_str_equal (g_get_tmp_dir (), harness.dir), "TMPDIR was read before");

  harness.register_path = g_build_filename (harness.dir, "register.db", NULL);
  harness.pristine_path = g_build_filename (harness.dir, "pristine.db", NULL);
  harness.input_path = g_build_filename (harness.dir, "input.kerjasama", NULL);
  template_path = g_build_filename (harness.dir, "template.kerjasama", NULL);

  /* The receiving office: the demo, and a register uuid of its own. */
  db = ks_database_open (harness.pristine_path, KS_DATABASE_FLAGS_NONE, &error);
  check_no_error (error, "cannot create the register");
  check (ks_demo_load (db, &n_added, &error), "cannot load the demo");
  g_free (ks_exchange_dup_register_uuid (db, &error));
  check_no_error (error, "cannot give the register a uuid");
  check (ks_database_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", &error), "cannot checkpoint");
  g_clear_object (&db);

  export_template (template_path);
  harness.template = read_bytes (template_path);
  check (sqlite3_open_v2 (template_path, &template_db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK,
         "cannot open the template");
  list_columns (template_db);
  sqlite3_close_v2 (template_db);
  g_remove (template_path);

  copy_file (harness.pristine_path, harness.register_path);
  harness.db = ks_database_open (harness.register_path, KS_DATABASE_FLAGS_NONE, &error);
  check_no_error (error, "cannot open the register");
  atexit (tear_down);
}

/* Edits of the template */

typedef struct
{
  const uint8_t *data;
  size_t         size;
} Reader;

static guint
next_byte (Reader *reader)
{
  guint b;

  if (reader->size == 0)
    return 0;
  b = reader->data[0];
  reader->data++;
  reader->size--;
  return b;
}

static gint64
next_int64 (Reader *reader)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value = value << 8 | next_byte (reader);
  return (gint64) value;
}

/* Values that have meant trouble for parsers of dates, uuids, sizes. */
static const char *const telling_values[] = {
  "", " ", "0", "-1", "9223372036854775807", "1e309", "NaN",
  "2026-02-30", "0000-00-00", "9999-12-31T23:59:59.999999Z", "2026", "2026-13",
  "00000000-0000-0000-0000-000000000000", "not-a-uuid",
  "\xff\xfe invalid UTF-8", "a\0b", "'); DROP TABLE agreements; --",
  "%s%s%s%n", "{\"title\":[null,1]}", "{", "merge: x",
  "application/pdf", "mou", "loi", "signed", "draft", "33.14", "ZZ",
};

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            Reader       *reader,
            sqlite3      *db,
            const char   *table,
            const char   *column)
{
  guint kind = next_byte (reader) % 7;
  guint len;

  switch (kind)
    {
    case 0:
      sqlite3_bind_null (stmt, index);
      break;
    case 1:
      sqlite3_bind_int64 (stmt, index, next_int64 (reader));
      break;
    case 2:
      {
        gint64 bits = next_int64 (reader);
        double value;

        memcpy (&value, &bits, sizeof value);
        sqlite3_bind_double (stmt, index, value);
      }
      break;
    case 3:
    case 4:
      len = next_byte (reader);
      len = MIN (len, reader->size);
      if (kind == 3)
        sqlite3_bind_text (stmt, index, (const char *) reader->data, len, SQLITE_TRANSIENT);
      else
        sqlite3_bind_blob (stmt, index, reader->data, len, SQLITE_TRANSIENT);
      reader->data += len;
      reader->size -= len;
      break;
    case 5:
      {
        /* Another row's value: duplicate uuids, swapped parents. */
        g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" LIMIT 1 OFFSET %u",
                                                column, table, next_byte (reader));
        sqlite3_stmt *other = NULL;

        if (sqlite3_prepare_v2 (db, sql, -1, &other, NULL) == SQLITE_OK && sqlite3_step (other) == SQLITE_ROW)
          sqlite3_bind_value (stmt, index, sqlite3_column_value (other, 0));
        else
          sqlite3_bind_null (stmt, index);
        sqlite3_finalize (other);
      }
      break;
    default:
      {
        const char *value = telling_values[next_byte (reader) % G_N_ELEMENTS (telling_values)];

        sqlite3_bind_text (stmt, index, value, value == telling_values[15] ? 3 : -1, SQLITE_STATIC);
      }
      break;
    }
}

/* Failures are fine: a value the column refuses leaves the cell as it was. */
static void
run_edit (sqlite3    *db,
          const char *sql,
          Reader     *reader,
          const char *table,
          const char *column)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return;
    }
  if (sqlite3_bind_parameter_count (stmt) > 0)
    bind_value (stmt, 1, reader, db, table, column);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
}

static void
apply_edit (sqlite3 *db,
            Reader  *reader)
{
  /* Mostly updates; a header value fails the merge early, so seldom. */
  guint kind = next_byte (reader) % 8;
  guint high = next_byte (reader);
  guint column = (high << 8 | next_byte (reader)) % harness.columns->len;
  guint row = next_byte (reader);
  g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (harness.columns, column), "\x1f", 2);
  g_autofree char *sql = NULL;

  switch (kind)
    {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ? WHERE rowid = "
                             "(SELECT rowid FROM \"%s\" ORDER BY rowid LIMIT 1 OFFSET %u)",
                             parts[0], parts[1], parts[0], row);
      break;
    case 5:
      sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE rowid = "
                             "(SELECT rowid FROM \"%s\" ORDER BY rowid LIMIT 1 OFFSET %u)",
                             parts[0], parts[0], row);
      break;
    case 6:
      /* A copy with a new rowid; unique columns make most of these fail
       * unless an update changed them first. */
      sql = g_strdup_printf ("INSERT INTO \"%s\" SELECT * FROM \"%s\" ORDER BY rowid LIMIT 1 OFFSET %u",
                             parts[0], parts[0], row);
      break;
    default:
      sql = g_strdup_printf ("PRAGMA %s = %d", row % 2 == 0 ? "user_version" : "application_id",
                             (int) next_int64 (reader));
      break;
    }

  run_edit (db, sql, reader, parts[0], parts[1]);
}

static void
write_edited_template (Reader *reader)
{
  sqlite3 *db = NULL;
  gsize len = 0;
  const char *contents = g_bytes_get_data (harness.template, &len);

  check (g_file_set_contents (harness.input_path, contents, len, NULL), "cannot write the input");
  check (sqlite3_open_v2 (harness.input_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK,
         "cannot open the input");
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < 64 && reader->size > 0; i++)
    apply_edit (db, reader);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
}

/* What must not change when a merge fails: every table's row count, the
 * last audit row, the last changes and the merge marks. */
static char *
fingerprint (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = ks_database_get_handle (harness.db);
  sqlite3_stmt *tables = NULL;

  check (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                             -1, &tables, NULL) == SQLITE_OK, "cannot list the tables");
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *stmt = NULL;

      check (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW,
             "cannot count rows");
      g_string_append_printf (out, "%s=%lld ", sqlite3_column_text (tables, 0),
                              (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_finalize (tables);

  {
    sqlite3_stmt *stmt = NULL;

    check (sqlite3_prepare_v2 (db,
                               "SELECT (SELECT max (id) FROM audit_log), "
                               " (SELECT max (updated_at) || ' ' || group_concat (title, '|') FROM agreements), "
                               " (SELECT max (updated_at) FROM events), (SELECT max (updated_at) FROM attachments), "
                               " (SELECT group_concat (peer_uuid || last_merged) FROM merge_peers), "
                               " (SELECT group_concat (key || value) FROM meta)",
                               -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW,
           "cannot read the fingerprint");
    for (int i = 0; i < 6; i++)
      g_string_append_printf (out, "%s;", sqlite3_column_text (stmt, i));
    sqlite3_finalize (stmt);
  }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check_integrity (void)
{
  sqlite3_stmt *stmt = NULL;

  check (sqlite3_prepare_v2 (ks_database_get_handle (harness.db), "PRAGMA integrity_check", -1, &stmt, NULL)
           == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW, "cannot check the register");
  check (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "ok"), "the register is damaged");
  sqlite3_finalize (stmt);
}

/* Only our own files: a merge cleans up its private folder. */
static void
check_nothing_left (void)
{
  g_autoptr(GDir) dir = g_dir_open (harness.dir, 0, NULL);
  const char *name;

  check (dir != NULL, "the temporary folder is gone");
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "register.db") && !g_str_equal (name, "pristine.db") &&
        !g_str_equal (name, "input.kerjasama"))
      {
        g_printerr ("fuzz-exchange: the merge left %s behind\n", name);
        abort ();
      }
}

static void
reset_register (void)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&harness.db);
  remove_register_files (harness.register_path);
  copy_file (harness.pristine_path, harness.register_path);
  harness.db = ks_database_open (harness.register_path, KS_DATABASE_FLAGS_NONE, &error);
  check_no_error (error, "cannot reopen the register");
}

static void
merge_input (guint options_byte)
{
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = fingerprint ();
  g_autofree char *after = NULL;
  KsMergeOptions options = { options_byte & 1, (options_byte >> 1) % 3, NULL };
  gboolean ok;

  ok = ks_exchange_merge (harness.db, harness.input_path, &options, NULL, NULL, NULL, report, &error);
  check (ok == (error == NULL), "the result and the error disagree");
  /* To see what a corpus reaches: which errors, how many merges. */
  if (g_getenv ("FUZZ_EXCHANGE_VERBOSE") != NULL)
    g_printerr ("%s\n", ok ? "merged" : error->message);
  check (!ks_database_in_transaction (harness.db), "the merge left a transaction open");
  check_integrity ();
  check_nothing_left ();

  if (ok)
    {
      check (report->n_conflicts == report->conflicts->len, "the report miscounts conflicts");
      check (g_uuid_string_is_valid (report->peer_uuid), "the report has no sender");
    }

  if (!ok || options.dry_run)
    {
      after = fingerprint ();
      if (!g_str_equal (before, after))
        {
          g_printerr ("fuzz-exchange: %s changed the register:\n%s\n%s\n",
                      ok ? "a dry run" : "a failed merge", before, after);
          abort ();
        }
    }
  else
    reset_register ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (harness.db == NULL)
    set_up ();

  if (size >= strlen (OPS_MAGIC) && memcmp (data, OPS_MAGIC, strlen (OPS_MAGIC)) == 0)
    {
      Reader reader = { data + strlen (OPS_MAGIC), size - strlen (OPS_MAGIC) };
      guint options_byte = next_byte (&reader);

      write_edited_template (&reader);
      merge_input (options_byte);
    }
  else
    {
      check (g_file_set_contents (harness.input_path, (const char *) data, size, NULL),
             "cannot write the input");
      merge_input (size % 6);
    }

  return 0;
}
