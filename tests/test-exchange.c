/* test-exchange.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "ks-agreement-store.h"
#include "ks-attachment-store.h"
#include "ks-audit-diff.h"
#include "ks-database.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-exchange.h"
#include "ks-region-store.h"
#include "ks-test-common.h"

#define BASE_UUID      "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c01"
#define ONE_SIDE_UUID  "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c02"
#define OTHER_UUID     "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c03"
#define CONFLICT_UUID  "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c04"
#define DELETE_UUID    "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c05"
#define NEW_A_UUID     "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c06"
#define NEW_B_UUID     "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c07"
#define SCHOOL_1_UUID  "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c08"
#define SCHOOL_2_UUID  "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c09"
#define WATER_UUID     "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c0a"
#define CONTOH_UUID    "7a1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c0b"

typedef struct
{
  char       *dir;
  KsDatabase *a;
  KsDatabase *b;
} Fixture;

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static KsDatabase *
open_register (Fixture    *fixture,
               const char *name)
{
  g_autofree char *path = path_in (fixture, name);
  g_autoptr(GError) error = NULL;
  KsDatabase *db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return db;
}

static void
save (KsDatabase *db,
      const char *uuid,
      const char *region_code,
      const char *title)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_store_load (db, uuid, NULL);
  g_autoptr(GError) error = NULL;

  if (agreement == NULL)
    {
      agreement = ks_agreement_new ();
      g_object_set (agreement, "uuid", uuid, "region-code", region_code, NULL);
    }
  g_object_set (agreement, "title", title, NULL);
  ks_agreement_store_save (db, agreement, NULL, &error);
  g_assert_no_error (error);
}

static void
export (KsDatabase          *db,
        const char          *path,
        const char * const  *regions)
{
  g_autoptr(GError) error = NULL;

  ks_exchange_export (db, path, regions, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static KsMergeReport *
merge (KsDatabase       *db,
       const char       *path,
       KsExchangePrefer  prefer)
{
  KsMergeOptions options = { FALSE, prefer, NULL };
  KsMergeReport *report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;

  ks_exchange_merge (db, path, &options, NULL, NULL, NULL, report, &error);
  g_assert_no_error (error);
  return report;
}

static char *
title_of (KsDatabase *db,
          const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT title || CASE WHEN deleted_at IS NULL THEN '' "
                                          "ELSE ' (deleted)' END FROM agreements WHERE uuid = '%s'",
                                          uuid);

  return ks_test_query_text (db, sql);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *base = NULL;
  g_autoptr(KsMergeReport) report = NULL;

  fixture->dir = ks_test_make_tmpdir ();
  fixture->a = open_register (fixture, "a.db");
  fixture->b = open_register (fixture, "b.db");

  save (fixture->a, BASE_UUID, "33.14", "Sister city Sragen");
  save (fixture->a, ONE_SIDE_UUID, "33.14", "Grant for schools");
  save (fixture->a, OTHER_UUID, "33.72", "Teacher exchange");
  save (fixture->a, CONFLICT_UUID, "33.72", "Port cooperation");
  save (fixture->a, DELETE_UUID, "33.72", "Old letter of intent");

  base = path_in (fixture, "base.kerjasama");
  export (fixture->a, base, NULL);
  report = merge (fixture->b, base, KS_EXCHANGE_PREFER_NONE);
  g_assert_cmpuint (report->n_added, ==, 5);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GBytes *
pdf_bytes (void)
{
  static const char data[] = "%PDF-1.4 signed agreement";

  return g_bytes_new_static (data, sizeof data - 1);
}

/* The same edits on both sides for every divergence test. */
static void
diverge (Fixture *fixture)
{
  g_autoptr(GBytes) pdf = pdf_bytes ();
  g_autoptr(KsAttachment) in_a = NULL;
  g_autoptr(KsAttachment) in_b = NULL;
  g_autoptr(GError) error = NULL;

  save (fixture->a, NEW_A_UUID, "33.14", "Added in A");
  save (fixture->b, NEW_B_UUID, "33.72", "Added in B");
  save (fixture->a, ONE_SIDE_UUID, NULL, "Grant for schools, renewed");
  save (fixture->b, OTHER_UUID, NULL, "Teacher exchange, second year");
  save (fixture->a, CONFLICT_UUID, NULL, "Port cooperation (A)");
  save (fixture->b, CONFLICT_UUID, NULL, "Port cooperation (B)");
  ks_agreement_store_delete (fixture->a, DELETE_UUID, &error);
  g_assert_no_error (error);

  /* Both offices file the same signed copy: it must stay one. */
  in_a = ks_attachment_store_add (fixture->a, BASE_UUID, "signed.pdf", "application/pdf", pdf, &error);
  g_assert_no_error (error);
  in_b = ks_attachment_store_add (fixture->b, BASE_UUID, "signed.pdf", "application/pdf", pdf, &error);
  g_assert_no_error (error);
}

static void
assert_merged_except_conflict (KsDatabase *db)
{
  g_autofree char *new_a = title_of (db, NEW_A_UUID);
  g_autofree char *new_b = title_of (db, NEW_B_UUID);
  g_autofree char *one_side = title_of (db, ONE_SIDE_UUID);
  g_autofree char *other = title_of (db, OTHER_UUID);
  g_autofree char *deleted = title_of (db, DELETE_UUID);

  g_assert_cmpstr (new_a, ==, "Added in A");
  g_assert_cmpstr (new_b, ==, "Added in B");
  g_assert_cmpstr (one_side, ==, "Grant for schools, renewed");
  g_assert_cmpstr (other, ==, "Teacher exchange, second year");
  g_assert_cmpstr (deleted, ==, "Old letter of intent (deleted)");
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM agreements"), ==, 7);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM attachments WHERE deleted_at IS NULL"), ==, 1);
}

static void
test_exchange_merge_b_into_a (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *from_b = path_in (fixture, "b.kerjasama");
  g_autoptr(KsMergeReport) report = NULL;
  g_autofree char *conflict = NULL;
  KsExchangeConflict *c;
  KsAuditDiff *diff;

  diverge (fixture);
  export (fixture->b, from_b, NULL);
  report = merge (fixture->a, from_b, KS_EXCHANGE_PREFER_NONE);

  assert_merged_except_conflict (fixture->a);
  conflict = title_of (fixture->a, CONFLICT_UUID);
  g_assert_cmpstr (conflict, ==, "Port cooperation (A)");
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      c = g_ptr_array_index (report->conflicts, i);
      g_test_message ("conflict %s %s %s", c->table, c->uuid, c->title);
      for (guint j = 0; j < c->diffs->len; j++)
        {
          diff = g_ptr_array_index (c->diffs, j);
          g_test_message ("  %s: %s / %s", diff->field, diff->old_value, diff->new_value);
        }
    }
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpuint (report->n_conflicts, ==, 1);
  c = g_ptr_array_index (report->conflicts, 0);
  g_assert_cmpstr (c->uuid, ==, CONFLICT_UUID);
  g_assert_cmpstr (c->table, ==, "agreements");
  g_assert_cmpuint (c->diffs->len, ==, 1);
  diff = g_ptr_array_index (c->diffs, 0);
  g_assert_cmpstr (diff->field, ==, "title");
  g_assert_cmpstr (diff->old_value, ==, "Port cooperation (A)");
  g_assert_cmpstr (diff->new_value, ==, "Port cooperation (B)");
}

static void
test_exchange_merge_a_into_b (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *from_a = path_in (fixture, "a.kerjasama");
  g_autoptr(KsMergeReport) report = NULL;
  g_autofree char *conflict = NULL;

  diverge (fixture);
  export (fixture->a, from_a, NULL);
  report = merge (fixture->b, from_a, KS_EXCHANGE_PREFER_THEIRS);

  assert_merged_except_conflict (fixture->b);
  conflict = title_of (fixture->b, CONFLICT_UUID);
  g_assert_cmpstr (conflict, ==, "Port cooperation (A)");
  g_assert_cmpuint (report->n_deleted, ==, 1);
  g_assert_cmpuint (report->n_conflicts, ==, 1);
  g_assert_cmpint (((KsExchangeConflict *) g_ptr_array_index (report->conflicts, 0))->resolution,
                   ==, KS_EXCHANGE_PREFER_THEIRS);
  g_assert_cmpint (ks_test_query_int (fixture->b,
                                      "SELECT count(*) FROM audit_log WHERE action = 'merge' "
                                      "AND source = 'merge: a.kerjasama'"), ==, 1);
}

static void
test_exchange_round_trip_converges (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *from_a = path_in (fixture, "a.kerjasama");
  g_autofree char *from_b = path_in (fixture, "b.kerjasama");
  g_autofree char *back = path_in (fixture, "back.kerjasama");
  g_autoptr(KsMergeReport) first = NULL;
  g_autoptr(KsMergeReport) second = NULL;
  g_autoptr(KsMergeReport) third = NULL;
  g_autofree char *in_a = NULL;
  g_autofree char *in_b = NULL;

  diverge (fixture);
  export (fixture->a, from_a, NULL);
  export (fixture->b, from_b, NULL);
  first = merge (fixture->b, from_a, KS_EXCHANGE_PREFER_MINE);
  second = merge (fixture->a, from_b, KS_EXCHANGE_PREFER_THEIRS);
  assert_merged_except_conflict (fixture->a);
  assert_merged_except_conflict (fixture->b);

  /* B kept its version, A took it: B's next file finds them equal. */
  export (fixture->b, back, NULL);
  third = merge (fixture->a, back, KS_EXCHANGE_PREFER_NONE);
  in_a = title_of (fixture->a, CONFLICT_UUID);
  in_b = title_of (fixture->b, CONFLICT_UUID);
  g_assert_cmpstr (in_a, ==, in_b);
  g_assert_cmpuint (third->n_conflicts, ==, 0);
}

static void
test_exchange_merge_twice_changes_nothing (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *from_a = path_in (fixture, "a.kerjasama");
  g_autofree char *b_path = path_in (fixture, "b.db");
  g_autoptr(KsMergeReport) first = NULL;
  g_autoptr(KsMergeReport) second = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  diverge (fixture);
  export (fixture->a, from_a, NULL);
  first = merge (fixture->b, from_a, KS_EXCHANGE_PREFER_NONE);
  before = ks_test_dump_database (b_path);
  second = merge (fixture->b, from_a, KS_EXCHANGE_PREFER_NONE);
  after = ks_test_dump_database (b_path);

  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (second->n_added + second->n_updated + second->n_deleted, ==, 0);
}

static void
test_exchange_dry_run_writes_nothing (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *from_a = path_in (fixture, "a.kerjasama");
  g_autofree char *b_path = path_in (fixture, "b.db");
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { TRUE, KS_EXCHANGE_PREFER_NONE, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  diverge (fixture);
  export (fixture->a, from_a, NULL);
  before = ks_test_dump_database (b_path);
  ks_exchange_merge (fixture->b, from_a, &options, NULL, NULL, NULL, report, &error);
  g_assert_no_error (error);
  after = ks_test_dump_database (b_path);

  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpuint (report->n_deleted, ==, 1);
  g_assert_cmpuint (report->n_conflicts, ==, 1);
}

static void
test_exchange_choice_per_conflict (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *from_a = path_in (fixture, "a.kerjasama");
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { FALSE, KS_EXCHANGE_PREFER_MINE, choices };
  g_autofree char *title = NULL;

  diverge (fixture);
  export (fixture->a, from_a, NULL);
  g_hash_table_insert (choices, (gpointer) CONFLICT_UUID, GINT_TO_POINTER (KS_EXCHANGE_PREFER_THEIRS));
  ks_exchange_merge (fixture->b, from_a, &options, NULL, NULL, NULL, report, &error);
  g_assert_no_error (error);

  title = title_of (fixture->b, CONFLICT_UUID);
  g_assert_cmpstr (title, ==, "Port cooperation (A)");
}

static void
cancel_cb (guint    done,
           guint    total,
           gpointer user_data)
{
  if (done == 2)
    g_cancellable_cancel (user_data);
}

static void
test_exchange_cancel_leaves_register (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *from_a = path_in (fixture, "a.kerjasama");
  g_autofree char *b_path = path_in (fixture, "b.db");
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { FALSE, KS_EXCHANGE_PREFER_THEIRS, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  diverge (fixture);
  export (fixture->a, from_a, NULL);
  before = ks_test_dump_database (b_path);
  g_assert_false (ks_exchange_merge (fixture->b, from_a, &options, cancel_cb, cancellable,
                                     cancellable, report, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_CANCELLED);
  after = ks_test_dump_database (b_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_exchange_export_by_region (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "sragen.kerjasama");
  g_autofree char *c_path = path_in (fixture, "c.db");
  const char *regions[] = { "33.14", NULL };
  g_autoptr(KsDatabase) c = NULL;
  g_autoptr(KsMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;

  export (fixture->a, path, regions);
  c = ks_database_open (c_path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  report = merge (c, path, KS_EXCHANGE_PREFER_NONE);

  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements"), ==, 2);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements a JOIN regions r "
                                         "ON r.id = a.region_id WHERE r.code <> '33.14'"), ==, 0);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM audit_log WHERE who = 'nobody'"), ==, 0);

  ks_exchange_export (fixture->a, path, (const char *[]) { "99.99", NULL }, NULL, NULL, NULL, &error);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

/* agency → section → province, then the agency's own file to the
 * province: every record once. */
static void
test_exchange_chain (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *agency_file = path_in (fixture, "agency.kerjasama");
  g_autofree char *section_file = path_in (fixture, "section.kerjasama");
  g_autofree char *section_file2 = path_in (fixture, "section2.kerjasama");
  g_autoptr(KsDatabase) province = open_register (fixture, "province.db");
  g_autoptr(KsMergeReport) r1 = NULL;
  g_autoptr(KsMergeReport) r2 = NULL;
  g_autoptr(KsMergeReport) r3 = NULL;
  g_autoptr(KsMergeReport) r4 = NULL;
  g_autofree char *title = NULL;

  /* a is the agency, b the section (already holds a's first file). */
  save (fixture->a, NEW_A_UUID, "33.14", "Agency's new agreement");
  save (fixture->b, NEW_B_UUID, "33.72", "Section's own agreement");
  export (fixture->a, agency_file, NULL);
  r1 = merge (fixture->b, agency_file, KS_EXCHANGE_PREFER_NONE);
  export (fixture->b, section_file, NULL);
  r2 = merge (province, section_file, KS_EXCHANGE_PREFER_NONE);
  r3 = merge (province, agency_file, KS_EXCHANGE_PREFER_NONE);

  g_assert_cmpint (ks_test_query_int (province, "SELECT count(*) FROM agreements"), ==, 7);
  g_assert_cmpuint (r3->n_added, ==, 0);
  g_assert_cmpuint (r3->n_conflicts, ==, 0);

  /* A month later the section sends an update: taken, no duplicates. */
  save (fixture->b, NEW_A_UUID, NULL, "Agency's new agreement, signed");
  export (fixture->b, section_file2, NULL);
  r4 = merge (province, section_file2, KS_EXCHANGE_PREFER_NONE);
  title = title_of (province, NEW_A_UUID);
  g_assert_cmpstr (title, ==, "Agency's new agreement, signed");
  g_assert_cmpint (ks_test_query_int (province, "SELECT count(*) FROM agreements"), ==, 7);
  g_assert_cmpuint (r4->n_updated, ==, 1);
  g_assert_cmpuint (r4->n_conflicts, ==, 0);
}

/* Crafted files */

static void
edit_copy (const char *from,
           const char *to,
           const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  ks_test_copy_file (from, to);
  g_assert_cmpint (sqlite3_open (to, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);
}

static void
assert_refused (Fixture    *fixture,
                const char *path,
                int         code)
{
  g_autofree char *b_path = path_in (fixture, "b.db");
  g_autofree char *before = ks_test_dump_database (b_path);
  g_autofree char *after = NULL;
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { FALSE, KS_EXCHANGE_PREFER_THEIRS, NULL };

  g_assert_false (ks_exchange_merge (fixture->b, path, &options, NULL, NULL, NULL, report, &error));
  g_assert_error (error, KS_ERROR, code);
  g_assert_nonnull (strstr (error->message, "Nothing was changed") != NULL
                    ? error->message : strstr (error->message, "nothing was changed"));
  after = ks_test_dump_database (b_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_exchange_refuses_crafted_files (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *good = path_in (fixture, "good.kerjasama");
  g_autofree char *crafted = path_in (fixture, "crafted.kerjasama");
  g_autofree char *other_app = path_in (fixture, "other.kerjasama");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *damaged = NULL;
  sqlite3 *db = NULL;
  gsize size;

  diverge (fixture);
  export (fixture->a, good, NULL);

  ks_test_write_file (crafted, "title,region\nA,33.14\n", 21);
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  g_assert_cmpint (sqlite3_open (other_app, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (x); PRAGMA application_id = 42",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (fixture, other_app, KS_ERROR_NOT_KERJASAMA);

  edit_copy (good, crafted, "PRAGMA user_version = 99");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  edit_copy (good, crafted, "CREATE TRIGGER t AFTER INSERT ON meta BEGIN DELETE FROM agreements; END");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  edit_copy (good, crafted, "CREATE VIEW v AS SELECT * FROM agreements");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  edit_copy (good, crafted, "CREATE TABLE extra (x)");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  edit_copy (good, crafted, "UPDATE agreements SET form = 'bogus' WHERE uuid = '" NEW_A_UUID "'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);

  edit_copy (good, crafted, "UPDATE attachments SET data = x'00'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);

  /* Page headers overwritten: the integrity check catches it. */
  bytes = ks_test_read_file (good);
  damaged = g_memdup2 (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  for (gsize page = 4096; page + 4096 <= size; page += 4096)
    memset (damaged + page, 0xA5, 12);
  ks_test_write_file (crafted, damaged, size);
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  /* Cut short, as by a failed copy to a USB stick. */
  ks_test_write_file (crafted, damaged, size / 2);
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);
}

/* Whatever the file's schema says, a merge reads that one file: no
 * ATTACH, no second look at a table through a shared page, no symlink to
 * another register. */
static void
test_exchange_stays_inside_the_file (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *good = path_in (fixture, "good.kerjasama");
  g_autofree char *crafted = path_in (fixture, "crafted.kerjasama");
  g_autofree char *outside = path_in (fixture, "outside.db");
  g_autofree char *link = path_in (fixture, "link.kerjasama");
  g_autofree char *a_path = path_in (fixture, "a.db");
  g_autofree char *sql = NULL;

  diverge (fixture);
  export (fixture->a, good, NULL);

  /* SQLite refuses ATTACH in a trigger; written into the schema anyway,
   * it makes the file unreadable, never a second database. */
  sql = g_strdup_printf ("PRAGMA writable_schema = ON;"
                         "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES"
                         " ('trigger', 'reach', 'meta', 0, 'CREATE TRIGGER reach AFTER INSERT ON meta"
                         " BEGIN ATTACH ''%s'' AS o; END')", outside);
  edit_copy (good, crafted, sql);
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);
  g_clear_pointer (&sql, g_free);

  /* A view over an attached database's table. */
  edit_copy (good, crafted, "PRAGMA writable_schema = ON;"
                            "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES"
                            " ('view', 'reach', 'reach', 0, 'CREATE VIEW reach AS SELECT * FROM o.agreements')");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  /* A view that would load a library, had extensions been enabled. */
  sql = g_strdup_printf ("CREATE VIEW reach AS SELECT load_extension ('%s')", outside);
  edit_copy (good, crafted, sql);
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  /* The same schema text, but meta's entry points at the agreements
   * table's pages. */
  edit_copy (good, crafted, "PRAGMA writable_schema = ON;"
                            "UPDATE sqlite_schema SET rootpage ="
                            " (SELECT rootpage FROM sqlite_schema WHERE name = 'agreements')"
                            " WHERE name = 'meta'");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));

#ifdef G_OS_UNIX
  /* A link to another register is not that register. */
  g_assert_cmpint (symlink (a_path, link), ==, 0);
  assert_refused (fixture, link, KS_ERROR_NOT_KERJASAMA);
#endif
}

static void
test_exchange_refuses_own_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *own = path_in (fixture, "own.kerjasama");

  export (fixture->b, own, NULL);
  assert_refused (fixture, own, KS_ERROR_NOT_KERJASAMA);
}

static void
test_exchange_file_is_private (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "private.kerjasama");
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) copy = NULL;
  GStatBuf st;

  export (fixture->a, path, NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
#ifdef G_OS_UNIX
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
#endif
  copy = ks_database_open (path, KS_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (copy, "SELECT count(*) FROM audit_log WHERE who <> ''"), ==, 0);
}

/* Export by agency */

static void
save_with_party (KsDatabase *db,
                 const char *uuid,
                 const char *region_code,
                 const char *title,
                 const char *party,
                 const char *partner)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement, "uuid", uuid, "region-code", region_code, "title", title, NULL);
  g_ptr_array_add (ks_agreement_get_local_parties (agreement), ks_local_party_ref_new (party, "implementing"));
  g_ptr_array_add (ks_agreement_get_partners (agreement),
                   ks_partner_ref_new (NULL, partner, "local_government", "CN", ""));
  ks_agreement_store_save (db, agreement, NULL, &error);
  g_assert_no_error (error);
}

static void
add_event_and_file (KsDatabase *db,
                    const char *agreement_uuid)
{
  g_autoptr(KsEvent) event = g_object_new (KS_TYPE_EVENT, "agreement-uuid", agreement_uuid,
                                           "occurred-on", "2016-05", "kind", "visit", NULL);
  g_autoptr(GBytes) pdf = pdf_bytes ();
  g_autoptr(KsAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  ks_event_store_save (db, event, NULL, &error);
  g_assert_no_error (error);
  attachment = ks_attachment_store_add (db, agreement_uuid, "mou.pdf", "application/pdf", pdf, &error);
  g_assert_no_error (error);
}

/* Two schools' agreements of "Dinas Pendidikan", written two ways in two
 * regions, and one of the water company. */
static void
add_agencies (Fixture *fixture)
{
  save_with_party (fixture->a, SCHOOL_1_UUID, "33.14", "Teachers to Xi'an", "Dinas Pendidikan", "Kota Xi'an");
  save_with_party (fixture->a, SCHOOL_2_UUID, "33.72", "Sister schools", "DINAS PENDIDIKAN ", "Kota Wuming");
  save_with_party (fixture->a, WATER_UUID, "33.14", "Water meters", "PDAM", "Kota Harbin");
  add_event_and_file (fixture->a, SCHOOL_1_UUID);
  add_event_and_file (fixture->a, WATER_UUID);
}

static KsDatabase *
export_into_fresh (Fixture                   *fixture,
                   const KsExchangeSelection *selection,
                   guint                      expected)
{
  g_autofree char *path = path_in (fixture, "selection.kerjasama");
  g_autoptr(KsMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *c_path = path_in (fixture, "c.db");
  KsDatabase *c;
  guint n = 0;

  ks_exchange_export_selection (fixture->a, path, selection, &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);

  g_remove (c_path);
  c = ks_database_open (c_path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  report = merge (c, path, KS_EXCHANGE_PREFER_NONE);
  return c;
}

static void
test_exchange_export_by_agency (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *agencies[] = { "dinas pendidikan", NULL };
  KsExchangeSelection selection = { NULL, agencies, NULL };
  g_autoptr(KsDatabase) c = NULL;
  g_autofree char *school_1 = NULL;
  g_autofree char *school_2 = NULL;

  add_agencies (fixture);
  c = export_into_fresh (fixture, &selection, 2);

  school_1 = title_of (c, SCHOOL_1_UUID);
  school_2 = title_of (c, SCHOOL_2_UUID);
  g_assert_cmpstr (school_1, ==, "Teachers to Xi'an");
  g_assert_cmpstr (school_2, ==, "Sister schools");
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements"), ==, 2);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM events"), ==, 1);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM attachments"), ==, 1);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM events e JOIN agreements a "
                                         "ON a.id = e.agreement_id WHERE a.uuid = '" SCHOOL_1_UUID "'"), ==, 1);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM partners"), ==, 2);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM partners WHERE name = 'Kota Harbin'"), ==, 0);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM local_parties WHERE name = 'PDAM'"), ==, 0);
}

/* Agencies and regions add up: PDAM's agreement, and all of 33.72. */
static void
test_exchange_export_agency_and_region (Fixture       *fixture,
                                        gconstpointer  data)
{
  const char *agencies[] = { "PDAM", NULL };
  const char *regions[] = { "33.72", NULL };
  KsExchangeSelection selection = { regions, agencies, NULL };
  g_autoptr(KsDatabase) c = NULL;

  add_agencies (fixture);
  c = export_into_fresh (fixture, &selection, 5);

  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements WHERE uuid = '" WATER_UUID "'"), ==, 1);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements a JOIN regions r "
                                         "ON r.id = a.region_id WHERE r.code = '33.72'"), ==, 4);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements WHERE uuid = '" SCHOOL_1_UUID "'"), ==, 0);
}

static void
test_exchange_export_unknown_agency (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "none.kerjasama");
  const char *agencies[] = { "Dinas Pariwisata", NULL };
  KsExchangeSelection selection = { NULL, agencies, NULL };
  g_autoptr(GError) error = NULL;

  add_agencies (fixture);
  g_assert_false (ks_exchange_export_selection (fixture->a, path, &selection, NULL, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no agency named “Dinas Pariwisata”.");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Regions added by hand */

static void
add_contoh (Fixture *fixture)
{
  g_autoptr(KsRegion) region = NULL;
  g_autoptr(GError) error = NULL;

  region = ks_region_store_add (fixture->a, "99.01", "Kabupaten Contoh", "kabupaten", NULL, NULL, &error);
  g_assert_no_error (error);
  save_with_party (fixture->a, CONTOH_UUID, "99.01", "Fisheries with Busan", "Dinas Perikanan", "Busan");
  add_event_and_file (fixture->a, CONTOH_UUID);
}

static void
test_exchange_region_travels (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "contoh.kerjasama");
  g_autofree char *c_path = path_in (fixture, "c.db");
  g_autoptr(KsDatabase) c = open_register (fixture, "c.db");
  g_autoptr(KsMergeReport) first = NULL;
  g_autoptr(KsMergeReport) second = NULL;
  g_autofree char *name = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_contoh (fixture);
  export (fixture->a, path, NULL);
  first = merge (c, path, KS_EXCHANGE_PREFER_NONE);
  g_assert_cmpuint (first->n_regions_added, ==, 1);

  name = ks_test_query_text (c, "SELECT name || ' ' || kind || ' ' || province_code FROM regions "
                                "WHERE code = '99.01'");
  g_assert_cmpstr (name, ==, "Kabupaten Contoh kabupaten 99");
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM agreements a JOIN regions r ON r.id = a.region_id "
                                         "WHERE r.code = '99.01' AND a.uuid = '" CONTOH_UUID "'"), ==, 1);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM local_parties lp JOIN regions r "
                                         "ON r.id = lp.region_id WHERE r.code = '99.01'"), ==, 1);
  g_assert_cmpint (ks_test_query_int (c, "SELECT count(*) FROM audit_log WHERE record_table = 'regions' "
                                         "AND source = 'merge: contoh.kerjasama'"), ==, 1);

  before = ks_test_dump_database (c_path);
  second = merge (c, path, KS_EXCHANGE_PREFER_NONE);
  after = ks_test_dump_database (c_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (second->n_regions_added, ==, 0);
  g_assert_cmpuint (second->n_added + second->n_updated + second->n_deleted, ==, 0);
}

/* A dry run tells of the region, and writes nothing. */
static void
test_exchange_region_dry_run (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "contoh.kerjasama");
  g_autofree char *b_path = path_in (fixture, "b.db");
  g_autoptr(KsMergeReport) report = ks_merge_report_new ();
  g_autoptr(GError) error = NULL;
  KsMergeOptions options = { TRUE, KS_EXCHANGE_PREFER_NONE, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_contoh (fixture);
  export (fixture->a, path, NULL);
  before = ks_test_dump_database (b_path);
  g_assert_true (ks_exchange_merge (fixture->b, path, &options, NULL, NULL, NULL, report, &error));
  g_assert_no_error (error);
  after = ks_test_dump_database (b_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (report->n_regions_added, ==, 1);
  g_assert_cmpuint (report->n_added, ==, 3);
}

static void
test_exchange_refuses_crafted_regions (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *good = path_in (fixture, "contoh.kerjasama");
  g_autofree char *crafted = path_in (fixture, "crafted.kerjasama");
  g_autoptr(KsRegion) same_name = NULL;
  g_autoptr(GError) error = NULL;

  add_contoh (fixture);
  export (fixture->a, good, NULL);

  edit_copy (good, crafted, "UPDATE regions SET code = '9X.01' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET code = '99' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET name = printf ('%.400c', 'x') WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET name = 'Kabupaten' || char (10) || 'Contoh' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET name = '  ' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET kind = 'negara' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET province_code = '33' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);
  edit_copy (good, crafted, "UPDATE regions SET name = 'Kota Surakarta' WHERE code = '99.01'");
  assert_refused (fixture, crafted, KS_ERROR_INVALID);

  /* The same name under another code here: refused, not guessed. */
  same_name = ks_region_store_add (fixture->b, "99.02", "Kabupaten Contoh", "kabupaten", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_refused (fixture, good, KS_ERROR_INVALID);
}

/* A file exported before the newest event was kept on the agreement:
 * checked against its own version's schema, migrated in the private
 * copy, merged; the file itself stays as it was. */
#define WONOGIRI_UUID "ff9f386f-7d04-44d0-807a-2dba2e91dcf8"

static void
test_exchange_merges_older_version (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *fixture_path = ks_test_fixture_path ("exchange-v3.kerjasama");
  g_autofree char *old = path_in (fixture, "old.kerjasama");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *row = NULL;
  g_autoptr(KsMergeReport) report = NULL;

  ks_test_copy_file (fixture_path, old);
  before = ks_test_dump_database (old);

  report = merge (fixture->a, old, KS_EXCHANGE_PREFER_NONE);
  g_assert_cmpuint (report->n_added, ==, 2);    /* the agreement and its event */
  row = ks_test_query_text (fixture->a,
                            "SELECT title || '|' || last_event_on || '|' || last_event_kind || '|' || "
                            "last_event_description FROM agreements WHERE uuid = '" WONOGIRI_UUID "'");
  g_assert_cmpstr (row, ==, "Sister city Wonogiri – Wuming (Guangxi)|2012|loi_signed|"
                            "Kesepakatan kerja sama sister city dengan Kota Wuming, Guangxi, Tiongkok.");
  g_assert_cmpint (ks_test_query_int (fixture->a,
                                      "SELECT count(*) FROM events e JOIN agreements a ON a.id = e.agreement_id "
                                      "WHERE a.uuid = '" WONOGIRI_UUID "'"), ==, 1);

  after = ks_test_dump_database (old);
  g_assert_cmpstr (before, ==, after);
}

/* An older file is held to its own version's schema, not waved through. */
static void
test_exchange_refuses_crafted_older_version (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autofree char *fixture_path = ks_test_fixture_path ("exchange-v3.kerjasama");
  g_autofree char *crafted = path_in (fixture, "crafted.kerjasama");

  edit_copy (fixture_path, crafted, "CREATE TABLE extra (x)");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  edit_copy (fixture_path, crafted, "ALTER TABLE agreements ADD COLUMN last_event_kind TEXT");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);

  edit_copy (fixture_path, crafted, "PRAGMA user_version = 0");
  assert_refused (fixture, crafted, KS_ERROR_NOT_KERJASAMA);
}

#define ADD(name, func) \
  g_test_add ("/exchange/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ks_test_init_i18n ();

  ADD ("merge-b-into-a", test_exchange_merge_b_into_a);
  ADD ("merge-a-into-b", test_exchange_merge_a_into_b);
  ADD ("round-trip-converges", test_exchange_round_trip_converges);
  ADD ("merge-twice-changes-nothing", test_exchange_merge_twice_changes_nothing);
  ADD ("dry-run-writes-nothing", test_exchange_dry_run_writes_nothing);
  ADD ("choice-per-conflict", test_exchange_choice_per_conflict);
  ADD ("cancel-leaves-register", test_exchange_cancel_leaves_register);
  ADD ("export-by-region", test_exchange_export_by_region);
  ADD ("chain", test_exchange_chain);
  ADD ("refuses-crafted-files", test_exchange_refuses_crafted_files);
  ADD ("stays-inside-the-file", test_exchange_stays_inside_the_file);
  ADD ("refuses-own-file", test_exchange_refuses_own_file);
  ADD ("file-is-private", test_exchange_file_is_private);
  ADD ("export-by-agency", test_exchange_export_by_agency);
  ADD ("export-agency-and-region", test_exchange_export_agency_and_region);
  ADD ("export-unknown-agency", test_exchange_export_unknown_agency);
  ADD ("region-travels", test_exchange_region_travels);
  ADD ("region-dry-run", test_exchange_region_dry_run);
  ADD ("refuses-crafted-regions", test_exchange_refuses_crafted_regions);
  ADD ("merges-older-version", test_exchange_merges_older_version);
  ADD ("refuses-crafted-older-version", test_exchange_refuses_crafted_older_version);

  return g_test_run ();
}
