/* test-database.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ks-database.h"
#include "ks-error.h"
#include "ks-test-common.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static KsDatabase *
open_ok (const char      *path,
         KsDatabaseFlags  flags)
{
  g_autoptr(GError) error = NULL;
  KsDatabase *db = ks_database_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
test_new_register_is_current (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *journal = ks_test_query_text (db, "PRAGMA journal_mode");

  g_assert_cmpint (ks_database_get_schema_version (db), ==, KS_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (ks_test_query_int (db, "PRAGMA application_id"), ==, KS_DATABASE_APPLICATION_ID);
  g_assert_cmpint (ks_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpstr (journal, ==, "wal");
}

/* 16 KiB pages: a quarter of the writes of SQLite's default 4 KiB for
 * the same rows, which at 100,000 agreements shortens an import by a
 * seventh. */
static void
test_new_register_page_size (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);

  g_assert_cmpint (ks_test_query_int (db, "PRAGMA page_size"), ==, 16384);
}

/* A register as versions before 16 KiB pages made them, with @note. */
static void
make_old_register (const char *path,
                   const char *note)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO meta VALUES ('note', '%s'); "
                                          "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; "
                                          "VACUUM; PRAGMA journal_mode = WAL", note);
  sqlite3 *bare = NULL;

  g_object_unref (open_ok (path, KS_DATABASE_FLAGS_NONE));
  g_assert_cmpint (sqlite3_open (path, &bare), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (bare, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (bare);
}

/* A register made with 4 KiB pages, by an earlier version, opens and
 * writes as it is: changing the page size would rewrite the whole file. */
static void
test_old_page_size_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_old_register (fixture->path, "old");

  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);

    g_assert_cmpint (ks_test_query_int (db, "PRAGMA page_size"), ==, 4096);
    g_assert_true (ks_database_exec (db, "INSERT INTO meta VALUES ('home', '33.14')", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
    g_autofree char *home = ks_test_query_text (db, "SELECT value FROM meta WHERE key = 'home'");

    g_assert_cmpint (ks_test_query_int (db, "PRAGMA page_size"), ==, 4096);
    g_assert_cmpstr (home, ==, "33.14");
    g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM regions"), ==, 36);
  }
}

static void
test_new_register_has_reference_data (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *sragen = ks_test_query_text (db, "SELECT name FROM regions WHERE code = '33.14'");

  /* The province and its 35 kabupaten/kota. */
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM regions WHERE code LIKE '33.%'"), ==, 35);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM regions WHERE region_group = 'Karesidenan Surakarta'"), ==, 7);
  g_assert_cmpstr (sragen, ==, "Kabupaten Sragen");
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM procedure_steps"), >=, 6);
}

static void
test_new_register_is_private (Fixture       *fixture,
                              gconstpointer  data)
{
#ifdef G_OS_UNIX
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
#else
  g_test_skip ("File modes are a Unix notion");
#endif
}

static void
test_reopen_keeps_data (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
    ks_database_exec (db, "INSERT INTO meta VALUES ('home', '33.14')", &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
    g_autofree char *home = ks_test_query_text (db, "SELECT value FROM meta WHERE key = 'home'");
    g_assert_cmpstr (home, ==, "33.14");
    g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM regions"), ==, 36);
  }
}

/* Opens @path expecting @code and checks the file was left byte for byte. */
static void
assert_refused_unchanged (const char *path,
                          KsError     code,
                          const char *in_message)
{
  g_autoptr(GBytes) before = ks_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (db);
  g_assert_error (error, KS_ERROR, code);
  g_assert_nonnull (strstr (error->message, in_message));

  after = ks_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_text_file (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *text = "region,title\n33.14,Not a database\n";

  ks_test_write_file (fixture->path, text, strlen (text));
  assert_refused_unchanged (fixture->path, KS_ERROR_NOT_KERJASAMA, "not a database file");
}

static void
test_refuses_other_sqlite (Fixture       *fixture,
                           gconstpointer  data)
{
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT);"
                                        "INSERT INTO photos (name) VALUES ('x')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  assert_refused_unchanged (fixture->path, KS_ERROR_NOT_KERJASAMA, "another program");
}

static void
test_refuses_newer_version (Fixture       *fixture,
                            gconstpointer  data)
{
  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
    g_autoptr(GError) error = NULL;
    ks_database_exec (db, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE", &error);
    g_assert_no_error (error);
  }

  assert_refused_unchanged (fixture->path, KS_ERROR_NEWER_VERSION, "newer version");
}

static void
test_refuses_damaged_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GBytes) good = NULL;
  g_autofree guint8 *bytes = NULL;
  gsize len;

  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
    g_autoptr(GError) error = NULL;
    ks_database_exec (db, "PRAGMA journal_mode = DELETE", &error);
    g_assert_no_error (error);
  }

  /* Overwrite every page after the first, keeping the header and the
   * schema intact, as a failing disk would. */
  good = ks_test_read_file (fixture->path);
  len = g_bytes_get_size (good);
  bytes = g_memdup2 (g_bytes_get_data (good, NULL), len);
  g_assert_cmpuint (len, >, 8192);
  memset (bytes + 4096, 0xA5, len - 4096);
  ks_test_write_file (fixture->path, bytes, len);

  assert_refused_unchanged (fixture->path, KS_ERROR_DAMAGED, "damaged");
}

static void
test_refuses_truncated_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) good = NULL;

  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
    g_autoptr(GError) error = NULL;
    ks_database_exec (db, "PRAGMA journal_mode = DELETE", &error);
    g_assert_no_error (error);
  }

  good = ks_test_read_file (fixture->path);
  ks_test_write_file (fixture->path, g_bytes_get_data (good, NULL), g_bytes_get_size (good) / 2);

  assert_refused_unchanged (fixture->path, KS_ERROR_DAMAGED, "damaged");
}

static void
test_migrates_version_1 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *fixture_path = ks_test_fixture_path ("register-v1.db");
  g_autoptr(KsDatabase) db = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *partners = NULL;
  g_autofree char *sectors = NULL;
  g_autofree char *last_event = NULL;

  ks_test_copy_file (fixture_path, fixture->path);
  db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);

  g_assert_cmpint (ks_database_get_schema_version (db), ==, KS_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM agreements"), ==, 2);
  parties = ks_test_query_text (db, "SELECT local_parties_text FROM agreements WHERE id = 1");
  partners = ks_test_query_text (db, "SELECT partners_text || '|' || countries FROM agreements WHERE id = 1");
  sectors = ks_test_query_text (db, "SELECT sectors_text FROM agreements WHERE id = 1");
  last_event = ks_test_query_text (db, "SELECT last_event_on FROM agreements WHERE id = 1");
  g_assert_cmpstr (parties, ==, "PDAM Kabupaten Sragen");
  g_assert_cmpstr (partners, ==, "Pemerintah Kerajaan Belanda|NL");
  g_assert_cmpstr (sectors, ==, "infrastructure;water_sanitation");
  g_assert_cmpstr (last_event, ==, "2017-10-30");
}

/* Version 3 stores the folded names that saves look partners and local
 * parties up by; rows of older registers get them while migrating. */
static void
test_migrates_folded_names (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *fixture_path = ks_test_fixture_path ("register-v1.db");
  g_autoptr(KsDatabase) db = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *party = NULL;

  ks_test_copy_file (fixture_path, fixture->path);
  db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);

  partner = ks_test_query_text (db, "SELECT folded_name FROM partners WHERE name = 'Pemerintah Kerajaan Belanda'");
  party = ks_test_query_text (db, "SELECT folded_name FROM local_parties WHERE name = 'PDAM Kabupaten Sragen'");
  g_assert_cmpstr (partner, ==, "pemerintah kerajaan belanda");
  g_assert_cmpstr (party, ==, "pdam kabupaten sragen");
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM partners WHERE folded_name = ''"), ==, 0);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                          "('partners_folded_name', 'local_parties_folded_name')"), ==, 2);
}

/* Version 4 keeps each agreement's newest event (kind, description) for
 * reports; an older register gets them from its events while migrating:
 * the latest date, then the latest entry, deleted events left out. */
static void
test_migrates_newest_event (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *fixture_path = ks_test_fixture_path ("register-v1.db");
  g_autoptr(KsDatabase) db = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  sqlite3 *raw = NULL;

  ks_test_copy_file (fixture_path, fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "INSERT INTO events (uuid, agreement_id, occurred_on, kind, description, "
                                 "  created_at, updated_at, deleted_at) VALUES "
                                 "('e2', 1, '2017-10-30', 'meeting', 'Rapat lanjutan', "
                                 "  '2021-01-01T00:00:00.000000Z', '2021-01-01T00:00:00.000000Z', NULL), "
                                 "('e3', 1, '2018-01-01', 'visit', 'Dihapus', "
                                 "  '2021-01-01T00:00:00.000000Z', '2021-01-01T00:00:00.000000Z', "
                                 "  '2021-02-01T00:00:00.000000Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_assert_cmpint (ks_database_get_schema_version (db), ==, KS_DATABASE_SCHEMA_VERSION);
  first = ks_test_query_text (db, "SELECT last_event_kind || '|' || last_event_description "
                                  "FROM agreements WHERE id = 1");
  second = ks_test_query_text (db, "SELECT last_event_kind || '|' || last_event_description "
                                   "FROM agreements WHERE id = 2");
  g_assert_cmpstr (first, ==, "meeting|Rapat lanjutan");
  g_assert_cmpstr (second, ==, "|");
}

static void
test_read_only_refuses_old_version (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *fixture_path = ks_test_fixture_path ("register-v1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  ks_test_copy_file (fixture_path, fixture->path);
  before = ks_test_read_file (fixture->path);
  db = ks_database_open (fixture->path, KS_DATABASE_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA);
  after = ks_test_read_file (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_missing_file_without_create (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (fixture->path, KS_DATABASE_NO_CREATE, &error);

  g_assert_null (db);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
changed_cb (KsDatabase *db,
            const char *table,
            gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_changed_after_commit_only (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_NO_SEED);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (db, "changed::agreements", G_CALLBACK (changed_cb), seen);

  g_assert_true (ks_database_begin (db, &error));
  ks_database_changed (db, "agreements");
  g_assert_cmpuint (seen->len, ==, 0);
  ks_database_rollback (db);
  g_assert_cmpuint (seen->len, ==, 0);

  g_assert_true (ks_database_begin (db, &error));
  ks_database_changed (db, "agreements");
  ks_database_changed (db, "events");
  g_assert_true (ks_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "agreements");
}

static void
test_rollback_discards (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_NO_SEED);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_database_begin (db, &error));
  g_assert_true (ks_database_exec (db, "INSERT INTO meta VALUES ('a', 'b')", &error));
  ks_database_rollback (db);
  g_assert_false (ks_database_in_transaction (db));
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM meta"), ==, 0);
}

static void
test_audit_records_who (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_NO_SEED);
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;

  ks_database_set_staff_name (db, "Dwi Yulianti");
  g_assert_true (ks_database_audit (db, "agreements", "u-1", "insert", "{\"title\":[null,\"x\"]}",
                                    "import:/tmp/a.csv", &error));
  g_assert_no_error (error);
  row = ks_test_query_text (db, "SELECT who || '|' || record_table || '|' || record_uuid || '|' || "
                        "action || '|' || changes || '|' || source FROM audit_log");
  g_assert_cmpstr (row, ==, "Dwi Yulianti|agreements|u-1|insert|{\"title\":[null,\"x\"]}|import:/tmp/a.csv");
}

static void
test_backup_is_consistent_copy (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) copy = NULL;

  g_assert_true (ks_database_exec (db, "INSERT INTO meta VALUES ('backup', 'yes')", &error));
  g_assert_true (ks_database_backup_to (db, copy_path, NULL, &error));
  g_assert_no_error (error);

  copy = open_ok (copy_path, KS_DATABASE_READ_ONLY);
  g_assert_cmpint (ks_test_query_int (copy, "SELECT count(*) FROM meta WHERE key = 'backup'"), ==, 1);
  g_assert_cmpint (ks_test_query_int (copy, "SELECT count(*) FROM regions"), ==, 36);
  g_assert_cmpint (ks_test_query_int (copy, "PRAGMA page_size"), ==, 16384);
#ifdef G_OS_UNIX
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (copy_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
#endif
}

static void
test_backup_cancelled_leaves_nothing (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (ks_database_backup_to (db, copy_path, cancellable, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_CANCELLED);

  /* Only the register and its WAL/SHM remain. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    g_assert_true (g_str_has_prefix (name, "register.db"));
}

static GDateTime *
day (int year, int month, int d)
{
  return g_date_time_new_local (year, month, d, 9, 0, 0);
}

static guint
count_backups (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (folder == NULL)
    return 0;
  while (g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

static void
test_auto_backup_once_a_day (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *dir = ks_database_dup_backup_dir (db);
  g_autofree char *expected = g_build_filename (dir, "register-2026-11-28.db", NULL);
  g_autoptr(GDateTime) today = day (2026, 11, 28);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_database_auto_backup (db, 10, today, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_true (ks_database_auto_backup (db, 10, today, NULL, &error));
  g_assert_cmpuint (count_backups (dir), ==, 1);
}

static void
test_auto_backup_keeps_newest (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *dir = ks_database_dup_backup_dir (db);
  g_autofree char *oldest = g_build_filename (dir, "register-2026-11-01.db", NULL);
  g_autofree char *newest = g_build_filename (dir, "register-2026-11-05.db", NULL);
  g_autoptr(GError) error = NULL;

  for (int d = 1; d <= 5; d++)
    {
      g_autoptr(GDateTime) when = day (2026, 11, d);
      g_assert_true (ks_database_auto_backup (db, 3, when, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpuint (count_backups (dir), ==, 3);
  g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
}

static void
test_auto_backup_off (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *dir = ks_database_dup_backup_dir (db);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_database_auto_backup (db, 0, NULL, NULL, &error));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_auto_backup_folder_unwritable (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *dir = ks_database_dup_backup_dir (db);
  g_autoptr(GError) error = NULL;

  /* A file where the folder should be. */
  ks_test_write_file (dir, "x", 1);
  g_assert_false (ks_database_auto_backup (db, 10, NULL, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "backups"));
}

#define N_INCREMENTS 200

static const char *test_program;

/* Run in a child process: bumps a counter through its own connection. */
static void
increment_counter (const char *path)
{
  g_autoptr(KsDatabase) db = open_ok (path, KS_DATABASE_NO_SEED);

  for (int i = 0; i < N_INCREMENTS; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ks_database_begin (db, &error));
      g_assert_no_error (error);
      g_assert_true (ks_database_exec (db, "UPDATE meta SET value = value + 1 WHERE key = 'counter'", &error));
      g_assert_true (ks_database_commit (db, &error));
      g_assert_no_error (error);
    }
}

static void
test_concurrent_writers_lose_nothing (Fixture       *fixture,
                                      gconstpointer  data)
{
  const char *child_path = g_getenv ("KS_TEST_CHILD_DB");
  g_autoptr(GError) error = NULL;
  GSubprocess *children[2];

  if (child_path != NULL)
    {
      increment_counter (child_path);
      return;
    }

  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_NO_SEED);
    g_assert_true (ks_database_exec (db, "INSERT INTO meta VALUES ('counter', 0)", &error));
  }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      /* Silenced: the child's TAP lines must not mix with ours. */
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_subprocess_launcher_setenv (launcher, "KS_TEST_CHILD_DB", fixture->path, TRUE);
      children[i] = g_subprocess_launcher_spawn (launcher, &error,
                                                 test_program,
                                                 "-p", "/database/concurrent-writers", NULL);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      g_assert_true (g_subprocess_wait_check (children[i], NULL, &error));
      g_assert_no_error (error);
      g_object_unref (children[i]);
    }

  {
    g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_NO_SEED);
    g_assert_cmpint (ks_test_query_int (db, "SELECT value FROM meta WHERE key = 'counter'"), ==,
                     2 * N_INCREMENTS);
  }
}

static void
test_restore_replaces_contents (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *backup = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(KsDatabase) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;

  ks_test_exec (db, "INSERT INTO meta (key, value) VALUES ('note', 'in the backup')");
  g_assert_true (ks_database_backup_to (db, backup, NULL, &error));
  ks_test_exec (db, "UPDATE meta SET value = 'after the backup' WHERE key = 'note'");

  g_assert_true (ks_database_restore_from (db, backup, &saved, NULL, &error));
  g_assert_no_error (error);
  check = ks_test_query_text (db, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (check, ==, "in the backup");
  g_clear_pointer (&check, g_free);
  check = ks_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_clear_pointer (&check, g_free);

  /* The register as it was is kept beside the daily backups. */
  g_assert_true (g_str_has_suffix (saved, "-before-restore.db"));
  before = open_ok (saved, KS_DATABASE_READ_ONLY);
  check = ks_test_query_text (before, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (check, ==, "after the backup");
}

/* A backup of an older register, with 4 KiB pages, restores into a
 * register with 16 KiB ones, and the other way round; each register
 * keeps its own pages. */
static void
assert_restores (const char *register_path,
                 const char *backup_path,
                 int         page_size)
{
  g_autoptr(KsDatabase) db = open_ok (register_path, KS_DATABASE_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *check = NULL;

  g_assert_true (ks_database_restore_from (db, backup_path, NULL, NULL, &error));
  g_assert_no_error (error);
  note = ks_test_query_text (db, "SELECT value FROM meta WHERE key = 'note'");
  g_assert_cmpstr (note, ==, "in the backup");
  g_assert_cmpint (ks_test_query_int (db, "PRAGMA page_size"), ==, page_size);
  check = ks_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_restore_other_page_size (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *old_backup = g_build_filename (fixture->dir, "old-backup.db", NULL);
  g_autofree char *new_backup = g_build_filename (fixture->dir, "new-backup.db", NULL);
  g_autofree char *old_register = g_build_filename (fixture->dir, "old.db", NULL);

  make_old_register (old_backup, "in the backup");
  assert_restores (fixture->path, old_backup, 16384);

  {
    g_autoptr(KsDatabase) db = open_ok (new_backup, KS_DATABASE_FLAGS_NONE);
    ks_test_exec (db, "INSERT INTO meta VALUES ('note', 'in the backup')");
  }
  make_old_register (old_register, "before the restore");
  assert_restores (old_register, new_backup, 4096);
}

static void
test_restore_refuses_other_file (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_ok (fixture->path, KS_DATABASE_FLAGS_NONE);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.db", NULL);
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autoptr(GError) error = NULL;

  ks_test_write_file (notes, "not a backup\n", 13);
  dump_before = ks_test_dump_database (fixture->path);
  g_assert_false (ks_database_restore_from (db, notes, NULL, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_KERJASAMA);
  dump_after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (dump_before, ==, dump_after);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  test_program = argv[0];

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database/new/current-schema", test_new_register_is_current);
  ADD ("/database/new/reference-data", test_new_register_has_reference_data);
  ADD ("/database/new/page-size", test_new_register_page_size);
  ADD ("/database/old-page-size-kept", test_old_page_size_kept);
  ADD ("/database/new/owner-only", test_new_register_is_private);
  ADD ("/database/reopen", test_reopen_keeps_data);
  ADD ("/database/refuse/text-file", test_refuses_text_file);
  ADD ("/database/refuse/other-sqlite", test_refuses_other_sqlite);
  ADD ("/database/refuse/newer-version", test_refuses_newer_version);
  ADD ("/database/refuse/damaged", test_refuses_damaged_file);
  ADD ("/database/refuse/truncated", test_refuses_truncated_file);
  ADD ("/database/refuse/missing-without-create", test_missing_file_without_create);
  ADD ("/database/migrate/from-version-1", test_migrates_version_1);
  ADD ("/database/migrate/folded-names", test_migrates_folded_names);
  ADD ("/database/migrate/newest-event", test_migrates_newest_event);
  ADD ("/database/read-only/refuses-old-version", test_read_only_refuses_old_version);
  ADD ("/database/changed-after-commit", test_changed_after_commit_only);
  ADD ("/database/rollback", test_rollback_discards);
  ADD ("/database/audit", test_audit_records_who);
  ADD ("/database/backup/copy", test_backup_is_consistent_copy);
  ADD ("/database/backup/cancelled", test_backup_cancelled_leaves_nothing);
  ADD ("/database/backup/once-a-day", test_auto_backup_once_a_day);
  ADD ("/database/backup/keeps-newest", test_auto_backup_keeps_newest);
  ADD ("/database/backup/off", test_auto_backup_off);
  ADD ("/database/backup/folder-unwritable", test_auto_backup_folder_unwritable);
  ADD ("/database/concurrent-writers", test_concurrent_writers_lose_nothing);
  ADD ("/database/restore/replaces-contents", test_restore_replaces_contents);
  ADD ("/database/restore/other-page-size", test_restore_other_page_size);
  ADD ("/database/restore/refuses-other-file", test_restore_refuses_other_file);

#undef ADD

  return g_test_run ();
}
