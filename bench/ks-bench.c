/* ks-bench.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#include "ks-agreement-list.h"
#include "ks-csv-export.h"
#include "ks-csv-import.h"
#include "ks-csv.h"
#include "ks-database.h"
#include "ks-report-annual.h"
#include "ks-report-xlsx.h"
#include "ks-report.h"
#include "ks-sample.h"

/*
 * The program's cost at national scale, beside bare SQLite, strstr and
 * libxlsxwriter loops doing the same work in the same run (issue 8).
 * Every measurement runs in a child process of its own, so that its peak
 * RSS is its own; the child repeats the operation and reports the median.
 * The peak that counts is the first run's, one operation as a user runs
 * it: over the repeats, glibc's allocator leaves the heap more scattered
 * each time (a workbook's peak grows from 33 to 64 MB over five, with
 * nothing leaked), which the last column shows.
 * Two floors measure, against the same baselines, what SQLite and
 * libxlsxwriter alone need for the import's and the workbook's work in
 * the register's schema: a target below its floor asks for a change to
 * the schema, not to the code.
 *
 *   ks-bench [--sizes 1000,10000,100000] [--runs 5] [--data DIR] [--only import,load,…]
 *   ks-bench --child OP ours|base N DIR RUNS     (internal)
 *   ks-bench-window DB|--bare                    (the first frame, separate)
 */

#define SEED 20260
#define SEARCH_KEY "x"
#define REPORT_YEAR 2015

typedef double (*RunFunc) (guint n, const char *dir, gboolean base);

/* ------------------------------------------------------------------ */
/* Helpers */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static long
peak_rss_kb (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss;
#endif
  return 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static void
check (gboolean    ok,
       GError     *error,
       const char *what)
{
  if (!ok)
    {
      g_printerr ("ks-bench: %s: %s\n", what, error != NULL ? error->message : "failed");
      exit (EXIT_FAILURE);
    }
}

static char *
data_path (const char *dir,
           const char *kind,
           guint       n,
           const char *ext)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.%s", kind, n, ext);

  return g_build_filename (dir, name, NULL);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  remove_database (to);
  check (g_file_get_contents (from, &contents, &len, &error) &&
         g_file_set_contents (to, contents, len, &error), error, to);
}

static KsDatabase *
open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  KsDatabase *db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);

  check (db != NULL, error, path);
  return db;
}

static sqlite3 *
open_bare (const char *path,
           int         flags)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    check (FALSE, NULL, sqlite3_errmsg (db));
  return db;
}

static void
exec_bare (sqlite3    *db,
           const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    check (FALSE, NULL, sqlite3_errmsg (db));
}

static gint64
bare_count (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

/* With KS_BENCH_PROFILE set, the time SQLite spent per statement, to
 * find what an operation's time goes to. */
static GHashTable *profile;

static int
profile_cb (unsigned  type,
            void     *context,
            void     *p,
            void     *x)
{
  g_autofree char *sql = sqlite3_expanded_sql (p) != NULL ? g_strdup (sqlite3_sql (p)) : NULL;
  double *total;

  if (sql == NULL)
    return 0;
  total = g_hash_table_lookup (profile, sql);
  if (total == NULL)
    {
      total = g_new0 (double, 2);
      g_hash_table_insert (profile, g_steal_pointer (&sql), total);
    }
  total[0] += *(sqlite3_int64 *) x / 1e6;
  total[1] += 1;
  return 0;
}

static void
profile_start (KsDatabase *db)
{
  if (g_getenv ("KS_BENCH_PROFILE") == NULL)
    return;
  profile = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_trace_v2 (ks_database_get_handle (db), SQLITE_TRACE_PROFILE, profile_cb, NULL);
}

static void
profile_print (void)
{
  GHashTableIter iter;
  gpointer sql, total;

  if (profile == NULL)
    return;
  g_hash_table_iter_init (&iter, profile);
  while (g_hash_table_iter_next (&iter, &sql, &total))
    if (((double *) total)[0] > 5)
      g_printerr ("%9.1f ms %7.0f× %.160s\n", ((double *) total)[0], ((double *) total)[1],
                  (const char *) sql);
  g_clear_pointer (&profile, g_hash_table_unref);
}

/* ------------------------------------------------------------------ */
/* The data: a sample register, its CSV export, and an empty register
 * with the sample's regions to import into.  Kept between runs. */

/* A clean file: no WAL beside the copy each child opens. */
static void
use_rollback_journal (const char *path)
{
  sqlite3 *bare = open_bare (path, SQLITE_OPEN_READWRITE);

  exec_bare (bare, "PRAGMA journal_mode = DELETE");
  sqlite3_close (bare);
}

static void
prepare_data (guint       n,
              const char *dir)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  g_autofree char *csv = data_path (dir, "sample", n, "csv");
  g_autofree char *regions = data_path (dir, "regions", n, "db");
  g_autofree char *partial = g_strconcat (sample, ".part", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (sample, G_FILE_TEST_EXISTS))
    {
      double start = now_ms ();
      g_autoptr(KsDatabase) db = NULL;

      g_printerr ("ks-bench: generating %u agreements into %s...\n", n, sample);
      remove_database (partial);
      db = open_database (partial);
      check (ks_sample_generate (db, n, SEED, &error), error, "generate");
      g_clear_object (&db);
      use_rollback_journal (partial);
      check (g_rename (partial, sample) == 0, NULL, sample);
      g_printerr ("ks-bench: generated in %.1f s\n", (now_ms () - start) / 1000);
    }

  if (!g_file_test (csv, G_FILE_TEST_EXISTS))
    {
      g_autoptr(KsDatabase) db = open_database (sample);

      check (ks_csv_export_file (db, csv, NULL, &error), error, "export");
    }

  if (!g_file_test (regions, G_FILE_TEST_EXISTS))
    {
      g_autoptr(KsDatabase) db = open_database (regions);
      g_autoptr(GPtrArray) codes = ks_sample_add_regions (db, n, &error);

      check (codes != NULL, error, "regions");
    }

  /* Registers kept from an older program are migrated here, once, so
   * that no measurement pays for it. */
  g_object_unref (open_database (sample));
  use_rollback_journal (sample);
  g_object_unref (open_database (regions));
}

/* ------------------------------------------------------------------ */
/* 1. CSV import vs bare prepared inserts of the same rows and columns */

static GPtrArray *
read_csv_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  KsCsvReader *reader;
  g_auto(GStrv) header = NULL;
  GPtrArray *fields = NULL;

  check (file != NULL, error, path);
  bytes = g_mapped_file_get_bytes (file);
  reader = ks_csv_reader_new (bytes);
  header = ks_csv_reader_read_header (reader, &error);
  check (header != NULL, error, "header");
  while (ks_csv_reader_next_record (reader, &fields, &error))
    {
      GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < fields->len; i++)
        g_ptr_array_add (copy, g_strdup (g_ptr_array_index (fields, i)));
      g_ptr_array_add (rows, copy);
    }
  check (error == NULL, error, "csv");
  ks_csv_reader_free (reader);

  return g_steal_pointer (&rows);
}

static double
run_import (guint       n,
            const char *dir,
            gboolean    base)
{
  g_autofree char *csv = data_path (dir, "sample", n, "csv");
  g_autofree char *regions = data_path (dir, "regions", n, "db");
  g_autofree char *target = data_path (dir, base ? "bare-import" : "import", n, "db");
  g_autoptr(GPtrArray) rows = base ? read_csv_rows (csv) : NULL;
  g_autoptr(GError) error = NULL;
  double start;

  if (!base)
    {
      g_autoptr(KsDatabase) db = NULL;
      g_autoptr(KsImportReport) report = ks_import_report_new ();
      gboolean ok;

      copy_file (regions, target);
      db = open_database (target);
      profile_start (db);
      start = now_ms ();
      ok = ks_csv_import_file (db, csv, FALSE, report, NULL, &error);
      start = now_ms () - start;
      profile_print ();
      check (ok && report->n_added == n, error, "import");
      return start;
    }

  remove_database (target);
  {
    sqlite3 *db = open_bare (target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GString) sql = g_string_new ("CREATE TABLE t (id INTEGER PRIMARY KEY");
    g_autoptr(GString) insert = g_string_new ("INSERT INTO t VALUES (NULL");
    guint n_columns = ((GPtrArray *) g_ptr_array_index (rows, 0))->len;

    for (guint c = 0; c < n_columns; c++)
      {
        g_string_append_printf (sql, ", c%u TEXT NOT NULL", c);
        g_string_append (insert, ", ?");
      }
    g_string_append (sql, ")");
    g_string_append (insert, ")");
    exec_bare (db, "PRAGMA journal_mode = WAL");
    exec_bare (db, sql->str);

    start = now_ms ();
    exec_bare (db, "BEGIN");
    sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL);
    for (guint r = 0; r < rows->len; r++)
      {
        GPtrArray *row = g_ptr_array_index (rows, r);

        for (guint c = 0; c < row->len; c++)
          sqlite3_bind_text (stmt, c + 1, g_ptr_array_index (row, c), -1, SQLITE_STATIC);
        if (sqlite3_step (stmt) != SQLITE_DONE)
          check (FALSE, NULL, sqlite3_errmsg (db));
        sqlite3_reset (stmt);
      }
    sqlite3_finalize (stmt);
    exec_bare (db, "COMMIT");
    start = now_ms () - start;
    sqlite3_close (db);
  }

  return start;
}

/* The import's floor: the rows the import operation wrote (the register
 * of its last run, kept), copied by SQLite alone into the same empty
 * register, one prepared insert per row as the import writes them, in
 * one transaction, on a connection set as the import's (foreign keys,
 * full sync, its cache).  No parsing, checking or look-ups: what the
 * register's tables, indexes and audit trail cost by themselves. */
static const char * const import_tables[] = {
  "partners", "local_parties", "agreements", "agreement_partners",
  "agreement_local_parties", "agreement_sectors", "agreement_obstacles",
  "people", "agreement_procedure", "audit_log",
};

static void
copy_new_rows (sqlite3    *db,
               const char *table)
{
  char *select = sqlite3_mprintf ("SELECT * FROM done.%w WHERE rowid > "
                                  "(SELECT coalesce (max (rowid), 0) FROM main.%w) ORDER BY rowid",
                                  table, table);
  sqlite3_stmt *rows = NULL, *insert = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  int n_columns;

  if (sqlite3_prepare_v2 (db, select, -1, &rows, NULL) != SQLITE_OK)
    check (FALSE, NULL, sqlite3_errmsg (db));
  n_columns = sqlite3_column_count (rows);
  g_string_printf (sql, "INSERT INTO main.\"%s\" VALUES (?", table);
  for (int c = 1; c < n_columns; c++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");
  if (sqlite3_prepare_v2 (db, sql->str, -1, &insert, NULL) != SQLITE_OK)
    check (FALSE, NULL, sqlite3_errmsg (db));

  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      for (int c = 0; c < n_columns; c++)
        sqlite3_bind_value (insert, c + 1, sqlite3_column_value (rows, c));
      if (sqlite3_step (insert) != SQLITE_DONE)
        check (FALSE, NULL, sqlite3_errmsg (db));
      sqlite3_reset (insert);
    }

  sqlite3_finalize (insert);
  sqlite3_finalize (rows);
  sqlite3_free (select);
}

static double
run_import_floor (guint       n,
                  const char *dir,
                  gboolean    base)
{
  g_autofree char *regions = data_path (dir, "regions", n, "db");
  g_autofree char *imported = data_path (dir, "import", n, "db");
  g_autofree char *target = data_path (dir, "import-floor", n, "db");
  char *attach;
  sqlite3 *db;
  double start;

  if (base)
    return run_import (n, dir, TRUE);
  if (!g_file_test (imported, G_FILE_TEST_EXISTS))
    run_import (n, dir, FALSE);

  copy_file (regions, target);
  db = open_bare (target, SQLITE_OPEN_READWRITE);
  attach = sqlite3_mprintf ("ATTACH %Q AS done", imported);
  exec_bare (db, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; "
                 "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; "
                 "PRAGMA cache_size = -65536");
  exec_bare (db, attach);
  sqlite3_free (attach);

  start = now_ms ();
  exec_bare (db, "BEGIN");
  for (guint i = 0; i < G_N_ELEMENTS (import_tables); i++)
    copy_new_rows (db, import_tables[i]);
  exec_bare (db, "COMMIT");
  start = now_ms () - start;

  check (bare_count (db, "SELECT count(*) FROM main.agreements") == n, NULL, "import floor");
  sqlite3_close (db);
  return start;
}

/* ------------------------------------------------------------------ */
/* 2. Opening the register and building the table's list vs a bare read
 *    of the same columns, joins included */

static KsAgreementList *
load_list (const char *path)
{
  g_autoptr(KsDatabase) db = open_database (path);
  g_autoptr(GError) error = NULL;
  KsAgreementList *list = ks_agreement_list_open (db, &error);

  check (list != NULL, error, "load");
  return list;
}

#define BARE_SELECT \
  "SELECT a.id, a.uuid, a.title, a.description, a.notes, a.region_id, r.code, r.name, " \
  "a.local_parties_text, a.partners_text, a.countries, a.form, a.document, a.stage, " \
  "a.sectors_text, a.signed_on, a.starts_on, a.ends_on, a.last_event_on, " \
  "a.reported_to_center_on, a.reported_by_agency_on, a.updated_at, " \
  "EXISTS (SELECT 1 FROM agreement_local_parties alp " \
  "WHERE alp.agreement_id = a.id AND alp.role = 'implementing') " \
  "FROM agreements a JOIN regions r ON r.id = a.region_id " \
  "WHERE a.deleted_at IS NULL ORDER BY a.id"

/* Calls back with every row's texts, as a bare program would get them. */
static void
bare_read (const char *path,
           void      (*func) (sqlite3_stmt *stmt, gpointer data),
           gpointer    data)
{
  sqlite3 *db = open_bare (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, BARE_SELECT, -1, &stmt, NULL) != SQLITE_OK)
    check (FALSE, NULL, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    func (stmt, data);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
sum_lengths_cb (sqlite3_stmt *stmt,
                gpointer      data)
{
  gsize *total = data;

  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      sqlite3_column_text (stmt, c);
      *total += sqlite3_column_bytes (stmt, c);
    }
}

static double
run_load (guint       n,
          const char *dir,
          gboolean    base)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  double start = now_ms ();

  if (base)
    {
      gsize total = 0;

      bare_read (sample, sum_lengths_cb, &total);
      g_assert (total > 0);
    }
  else
    {
      g_autoptr(KsAgreementList) list = load_list (sample);

      g_assert (ks_agreement_list_get_total (list) == n);
    }

  return now_ms () - start;
}

/* ------------------------------------------------------------------ */
/* 3. A search keystroke over all N, settled, vs a casefolded strstr loop
 *    over the same text; sorting by title and by period */

static KsAgreementList *bench_list;
static GPtrArray *haystacks;

static void
collect_haystack_cb (sqlite3_stmt *stmt,
                     gpointer      data)
{
  static const int columns[] = { 2, 3, 8, 9, 10, 4 };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_string_append ((GString *) text, (const char *) sqlite3_column_text (stmt, columns[i]));
      g_string_append_c (text, '\n');
    }
  g_ptr_array_add (haystacks, g_utf8_casefold (text->str, text->len));
}

static double
run_search (guint       n,
            const char *dir,
            gboolean    base)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  double start;

  if (base)
    {
      g_autofree char *needle = NULL;
      guint matches = 0;

      if (haystacks == NULL)
        {
          haystacks = g_ptr_array_new_with_free_func (g_free);
          bare_read (sample, collect_haystack_cb, NULL);
        }
      start = now_ms ();
      needle = g_utf8_casefold (SEARCH_KEY, -1);
      for (guint i = 0; i < haystacks->len; i++)
        matches += strstr (g_ptr_array_index (haystacks, i), needle) != NULL;
      start = now_ms () - start;
      g_assert (matches > 0);
      return start;
    }

  if (bench_list == NULL)
    bench_list = load_list (sample);
  ks_agreement_list_set_search (bench_list, NULL);
  start = now_ms ();
  ks_agreement_list_set_search (bench_list, SEARCH_KEY);
  g_list_model_get_n_items (G_LIST_MODEL (bench_list));
  return now_ms () - start;
}

typedef struct
{
  char *key;
  char *second;
} SortEntry;

static GArray *sort_entries;

static void
collect_sort_cb (sqlite3_stmt *stmt,
                 gpointer      data)
{
  gboolean period = GPOINTER_TO_INT (data);
  SortEntry entry;

  entry.key = g_strdup ((const char *) sqlite3_column_text (stmt, period ? 16 : 2));
  entry.second = g_strdup ((const char *) sqlite3_column_text (stmt, 17));
  g_array_append_val (sort_entries, entry);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int result = strcmp (x->key, y->key);

  return result != 0 ? result : strcmp (x->second, y->second);
}

/* The bare sort: collation keys made once, then qsort. */
static double
bare_sort (const char *sample,
           gboolean    period)
{
  double start;

  sort_entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  bare_read (sample, collect_sort_cb, GINT_TO_POINTER (period));
  start = now_ms ();
  if (!period)
    for (guint i = 0; i < sort_entries->len; i++)
      {
        SortEntry *entry = &g_array_index (sort_entries, SortEntry, i);
        char *key = g_utf8_collate_key (entry->key, -1);

        g_free (entry->key);
        entry->key = key;
      }
  g_array_sort (sort_entries, compare_entries);
  start = now_ms () - start;
  for (guint i = 0; i < sort_entries->len; i++)
    {
      g_free (g_array_index (sort_entries, SortEntry, i).key);
      g_free (g_array_index (sort_entries, SortEntry, i).second);
    }
  g_clear_pointer (&sort_entries, g_array_unref);
  return start;
}

/* A list loaded fresh for every run, so that the keys a first sort makes
 * are part of the time, as when a user clicks the header once. */
static double
run_sort (guint                  n,
          const char            *dir,
          gboolean               base,
          KsAgreementSortColumn  column)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  g_autoptr(KsAgreementList) list = NULL;
  double start;

  if (base)
    return bare_sort (sample, column == KS_AGREEMENT_SORT_PERIOD);

  list = load_list (sample);
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_UPDATED, FALSE);
  start = now_ms ();
  ks_agreement_list_set_sort (list, column, FALSE);
  g_list_model_get_n_items (G_LIST_MODEL (list));
  return now_ms () - start;
}

static double
run_sort_title (guint n, const char *dir, gboolean base)
{
  return run_sort (n, dir, base, KS_AGREEMENT_SORT_TITLE);
}

static double
run_sort_period (guint n, const char *dir, gboolean base)
{
  return run_sort (n, dir, base, KS_AGREEMENT_SORT_PERIOD);
}

/* ------------------------------------------------------------------ */
/* 4. The per-region workbook vs bare libxlsxwriter, constant memory */

typedef struct
{
  char  *code;
  char  *name;
  GPtrArray *rows;     /* of GStrv, the cells */
  GArray    *heights;  /* of double, each row's */
} BareSheet;

static GPtrArray *bare_sheets;

static gboolean
collect_report_row_cb (const KsReportRow  *row,
                       gpointer            data,
                       GError            **error)
{
  BareSheet *sheet = data;
  GStrv cells = g_new0 (char *, KS_REPORT_N_COLUMNS + 1);
  double height = 15;

  /* The report's rows are as tall as their wrapped text; the bare loop
   * writes the same heights, worked out here, outside its timing. */
  for (guint c = 1; c < KS_REPORT_N_COLUMNS; c++)
    {
      const char *text = row->texts[c] != NULL ? row->texts[c] : "";
      gsize per_line = MAX (1, (gsize) (1.1 * ks_report_column_get_width (c)));
      double lines = MAX (1, (strlen (text) + per_line - 1) / per_line);

      cells[c - 1] = g_strdup (text);
      height = MAX (height, 15 * lines);
    }
  g_ptr_array_add (sheet->rows, cells);
  g_array_append_val (sheet->heights, height);
  return TRUE;
}

static void
collect_report (KsReport *report)
{
  g_autoptr(GError) error = NULL;

  bare_sheets = g_ptr_array_new ();
  for (guint i = 0; i < ks_report_get_n_regions (report); i++)
    {
      KsRegion *region = ks_report_get_region (report, i);
      BareSheet *sheet = g_new0 (BareSheet, 1);
      const char *codes[] = { ks_region_get_code (region), NULL };

      sheet->code = g_strdup (codes[0]);
      sheet->name = g_strdup (ks_region_get_name (region));
      sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      sheet->heights = g_array_new (FALSE, FALSE, sizeof (double));
      check (ks_report_foreach_row (report, codes, 0, 0, KS_SMART_VIEW_NONE,
                                    collect_report_row_cb, sheet, NULL, &error), error, "rows");
      g_ptr_array_add (bare_sheets, sheet);
    }
}

/* Returns the time workbook_close() took: libxlsxwriter compresses the
 * sheets only then, after every cell. */
static double
write_bare_workbook (const char *path,
                     const char *tmpdir)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *) tmpdir };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *summary = workbook_add_worksheet (workbook, "Ringkasan");
  lxw_format *wrap = workbook_add_format (workbook);
  lxw_format *number = workbook_add_format (workbook);
  double closing;

  /* The same cells as the report: wrapped, bordered text and numbers. */
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (wrap, LXW_BORDER_THIN);
  format_set_align (number, LXW_ALIGN_VERTICAL_TOP);
  format_set_border (number, LXW_BORDER_THIN);

  for (guint i = 0; i < bare_sheets->len; i++)
    {
      BareSheet *sheet = g_ptr_array_index (bare_sheets, i);

      worksheet_write_string (summary, i + 1, 0, sheet->name, NULL);
      worksheet_write_number (summary, i + 1, 1, sheet->rows->len, NULL);
    }
  for (guint i = 0; i < bare_sheets->len; i++)
    {
      BareSheet *sheet = g_ptr_array_index (bare_sheets, i);
      lxw_worksheet *worksheet = workbook_add_worksheet (workbook, sheet->code);

      for (guint c = 0; c < KS_REPORT_N_COLUMNS; c++)
        worksheet_write_string (worksheet, 0, c, ks_report_column_get_label (c), NULL);
      for (guint r = 0; r < sheet->rows->len; r++)
        {
          GStrv cells = g_ptr_array_index (sheet->rows, r);

          worksheet_set_row (worksheet, r + 1, g_array_index (sheet->heights, double, r), NULL);
          worksheet_write_number (worksheet, r + 1, 0, r + 1, number);
          for (guint c = 0; cells[c] != NULL; c++)
            worksheet_write_string (worksheet, r + 1, c + 1, cells[c], wrap);
        }
    }
  closing = now_ms ();
  if (workbook_close (workbook) != LXW_NO_ERROR)
    check (FALSE, NULL, "workbook_close");
  return now_ms () - closing;
}

static double
run_xlsx (guint       n,
          const char *dir,
          gboolean    base)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  g_autofree char *out = data_path (dir, base ? "bare-report" : "report", n, "xlsx");
  g_autoptr(GError) error = NULL;
  double start;

  if (base)
    {
      if (bare_sheets == NULL)
        {
          g_autoptr(KsDatabase) db = open_database (sample);
          g_autoptr(KsReportOptions) options = ks_report_options_new ();
          g_autoptr(KsReport) report = ks_report_new (db, options, &error);

          check (report != NULL, error, "report");
          collect_report (report);
        }
      start = now_ms ();
      write_bare_workbook (out, dir);
      return now_ms () - start;
    }

  start = now_ms ();
  {
    g_autoptr(KsDatabase) db = open_database (sample);
    g_autoptr(KsReportOptions) options = ks_report_options_new ();
    g_autoptr(KsReport) report = NULL;

    profile_start (db);
    report = ks_report_new (db, options, &error);
    check (report != NULL && ks_report_write_xlsx (report, out, NULL, NULL, NULL, &error),
           error, "xlsx");
    profile_print ();
  }
  return now_ms () - start;
}

/* What the workbook reads, region by region in code order, by a bare
 * loop: the list's columns and the details, the newest event's with
 * them on the agreement row. */
#define BARE_REPORT_SELECT \
  "SELECT a.id, a.uuid, a.title, a.description, a.local_parties_text, a.partners_text, " \
  "a.countries, a.form, a.document, a.stage, a.sectors_text, a.signed_on, a.starts_on, " \
  "a.ends_on, a.last_event_on, a.notes, a.obstacles_text, a.last_event_kind, " \
  "a.last_event_description " \
  "FROM regions r CROSS JOIN agreements a ON a.region_id = r.id " \
  "WHERE r.code = ? AND a.deleted_at IS NULL"

static gsize
bare_read_report (const char *path)
{
  sqlite3 *db = open_bare (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *regions = NULL, *rows = NULL;
  gsize total = 0;

  if (sqlite3_prepare_v2 (db, "SELECT code FROM regions WHERE deleted_at IS NULL ORDER BY code",
                          -1, &regions, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, BARE_REPORT_SELECT, -1, &rows, NULL) != SQLITE_OK)
    check (FALSE, NULL, sqlite3_errmsg (db));
  while (sqlite3_step (regions) == SQLITE_ROW)
    {
      sqlite3_bind_text (rows, 1, (const char *) sqlite3_column_text (regions, 0), -1, SQLITE_TRANSIENT);
      while (sqlite3_step (rows) == SQLITE_ROW)
        sum_lengths_cb (rows, &total);
      sqlite3_reset (rows);
    }
  sqlite3_finalize (rows);
  sqlite3_finalize (regions);
  sqlite3_close (db);
  return total;
}

/* The workbook's floor: the bare loop reading what it reads, then the
 * bare workbook's compression, which can only start after the last
 * cell and so after the last row read.  Writing the cells, which a
 * reading thread can overlap, is left out. */
static double
run_xlsx_floor (guint       n,
                const char *dir,
                gboolean    base)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  g_autofree char *out = data_path (dir, "bare-report", n, "xlsx");
  double reading;

  if (base)
    return run_xlsx (n, dir, TRUE);

  reading = now_ms ();
  check (bare_read_report (sample) > 0, NULL, "xlsx floor");
  reading = now_ms () - reading;
  if (bare_sheets == NULL)
    run_xlsx (n, dir, TRUE);
  return reading + write_bare_workbook (out, dir);
}

/* ------------------------------------------------------------------ */
/* 5. The annual PDF for one year */

static double
run_pdf (guint       n,
         const char *dir,
         gboolean    base)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  g_autofree char *out = data_path (dir, "annual", n, "pdf");
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  g_autoptr(KsDatabase) db = open_database (sample);
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(KsReport) report = NULL;
  g_autoptr(KsAnnualReport) annual = NULL;

  options->year_from = options->year_to = REPORT_YEAR;
  report = ks_report_new (db, options, &error);
  check (report != NULL, error, "report");
  annual = ks_annual_report_new (report, NULL, &error);
  check (annual != NULL && ks_annual_report_write (annual, out, NULL, NULL, NULL, &error),
         error, "pdf");
  return now_ms () - start;
}

/* ------------------------------------------------------------------ */
/* The operations and their targets */

typedef struct
{
  const char *name;
  RunFunc     run;
  gboolean    has_base;
  double      max_ratio;     /* 0: none */
  double      max_ms;        /* at the largest N; 0: none */
  double      max_rss_mb;    /* at the largest N; 0: none */
  const char *floor_of;      /* a floor: the operation whose ratio it bounds */
} Operation;

/* A floor is no target: it shows how near its operation's target the
 * register's design lets any code come. */
static const Operation operations[] = {
  { "import",       run_import,       TRUE,  3.0, 0,   0,  NULL },
  { "import-floor", run_import_floor, TRUE,  0,   0,   0,  "import" },
  { "load",         run_load,         TRUE,  2.0, 0,   0,  NULL },
  { "search",       run_search,       TRUE,  0,   30,  0,  NULL },
  { "sort-title",   run_sort_title,   TRUE,  0,   200, 0,  NULL },
  { "sort-period",  run_sort_period,  TRUE,  0,   200, 0,  NULL },
  { "xlsx",         run_xlsx,         TRUE,  1.3, 0,   64, NULL },
  { "xlsx-floor",   run_xlsx_floor,   TRUE,  0,   0,   0,  "xlsx" },
  { "pdf",          run_pdf,          FALSE, 0,   0,   0,  NULL },
};

static const Operation *
find_operation (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    if (g_str_equal (operations[i].name, name))
      return &operations[i];
  return NULL;
}

/* In the child: runs the operation, prints "median_ms first_peak_rss_kb
 * peak_rss_kb", the peak after the first run and after all. */
static int
run_child (const char *name,
           gboolean    base,
           guint       n,
           const char *dir,
           guint       runs)
{
  const Operation *op = find_operation (name);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  long first_peak = 0;

  if (op == NULL)
    return EXIT_FAILURE;
  for (guint i = 0; i < runs; i++)
    {
      double ms = op->run (n, dir, base);

      g_array_append_val (times, ms);
      if (i == 0)
        first_peak = peak_rss_kb ();
    }
  printf ("%.3f %ld %ld\n", median (times), first_peak, peak_rss_kb ());
  return EXIT_SUCCESS;
}

typedef struct
{
  double ours_ms;
  double base_ms;
  double rss_mb;      /* the first run's peak */
  double rss_all_mb;  /* the peak over every run in one process */
} Result;

#define NO_RESULT ((Result) { -1, -1, -1, -1 })

/* Reads "ms peak_kb [peak_all_kb]" from what @argv prints; a program
 * that runs once (the window's) prints one peak. */
static gboolean
spawn_measure (const char * const *argv,
               double             *ms,
               double             *rss_mb,
               double             *rss_all_mb)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  long rss = 0, rss_all = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (out, "%lf %ld %ld", ms, &rss, &rss_all) < 2)
    {
      g_printerr ("ks-bench: %s %s: %s\n", argv[1], argv[2],
                  error != NULL ? error->message : (out != NULL ? out : ""));
      return FALSE;
    }

  *rss_mb = rss / 1024.0;
  *rss_all_mb = (rss_all >= 0 ? rss_all : rss) / 1024.0;
  return TRUE;
}

static Result
measure (const char      *self,
         const Operation *op,
         guint            n,
         const char      *dir,
         guint            runs)
{
  g_autofree char *n_text = g_strdup_printf ("%u", n);
  g_autofree char *runs_text = g_strdup_printf ("%u", runs);
  const char *argv[] = { self, "--child", op->name, "ours", n_text, dir, runs_text, NULL };
  Result result = NO_RESULT;
  double base_rss, base_rss_all;

  spawn_measure (argv, &result.ours_ms, &result.rss_mb, &result.rss_all_mb);
  if (op->has_base)
    {
      argv[3] = "base";
      spawn_measure (argv, &result.base_ms, &base_rss, &base_rss_all);
    }

  return result;
}

/* The time from spawning @argv to the first frame it paints, which it
 * prints with its peak RSS; -1 when it failed. */
static double
time_first_frame (const char * const *argv,
                  double             *rss)
{
  double start = now_ms ();
  double painted_at, rss_all;

  if (!spawn_measure (argv, &painted_at, rss, &rss_all))
    return -1;
  return painted_at - start;
}

/* The window's first frame: its own program, spawned under the display
 * the benchmark runs in, beside the same program's bare window (GTK's
 * own start), each run of one followed by a run of the other. */
static Result
measure_window (const char *window_program,
                guint       n,
                const char *dir,
                guint       runs)
{
  g_autofree char *sample = data_path (dir, "sample", n, "db");
  g_autofree char *copy = data_path (dir, "window", n, "db");
  const char *argv[] = { window_program, copy, NULL };
  const char *bare_argv[] = { window_program, "--bare", NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  Result result = NO_RESULT;

  for (guint i = 0; i < runs; i++)
    {
      double ours, bare, rss, bare_rss;

      copy_file (sample, copy);
      ours = time_first_frame (argv, &rss);
      bare = time_first_frame (bare_argv, &bare_rss);
      if (ours < 0 || bare < 0)
        return result;
      g_array_append_val (times, ours);
      g_array_append_val (bare_times, bare);
      result.rss_mb = MAX (result.rss_mb, rss);
      result.rss_all_mb = result.rss_mb;
    }

  result.ours_ms = median (times);
  result.base_ms = median (bare_times);
  return result;
}

/* ------------------------------------------------------------------ */
/* The table and the verdicts */

static void
print_row (const char   *name,
           guint         n,
           const Result *result)
{
  g_autofree char *base = result->base_ms >= 0 ? g_strdup_printf ("%10.1f", result->base_ms)
                                               : g_strdup_printf ("%10s", "-");
  g_autofree char *ratio = result->base_ms > 0 ? g_strdup_printf ("%6.2f", result->ours_ms / result->base_ms)
                                               : g_strdup_printf ("%6s", "-");

  printf ("| %-12s | %7u | %10.1f | %s | %s | %8.1f | %9.1f |\n",
          name, n, result->ours_ms, base, ratio, result->rss_mb, result->rss_all_mb);
  fflush (stdout);
}

static guint n_failed;

static void
verdict (gboolean    pass,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
verdict (gboolean    pass,
         const char *format,
         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("%s  %s\n", pass ? "PASS" : "FAIL", text);
  n_failed += !pass;
}

/* --only: NULL for every operation; "first-frame" names the window's. */
static GStrv
select_operations (const char *only)
{
  g_auto(GStrv) names = NULL;

  if (only == NULL)
    return NULL;

  names = g_strsplit (only, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (find_operation (names[i]) == NULL && !g_str_equal (names[i], "first-frame"))
      check (FALSE, NULL, "--only: unknown operation");
  return g_steal_pointer (&names);
}

/* Linear work grows 10× from 10,000 to 100,000 rows; 12× allows for
 * noise.  A loop over ten times the data also leaves the processor's
 * caches, which makes even the bare baselines grow 15–40× on small
 * operations: growing no faster than its baseline is no quadratic path
 * either. */
static void
judge_growth (const char   *name,
              const Result *small,
              const Result *large,
              guint         small_n,
              guint         large_n)
{
  double growth = large->ours_ms / MAX (small->ours_ms, 0.001);
  double base_growth = -1;

  if (small->base_ms > 0 && large->base_ms > 0)
    base_growth = large->base_ms / small->base_ms;

  if (growth <= 12 || base_growth < 0)
    verdict (growth <= 12, "%s grows ≤ 12× from %u to %u (%.1f×)", name, small_n, large_n, growth);
  else
    verdict (growth <= 1.25 * base_growth,
             "%s grows ≤ 12× from %u to %u, or no faster than its baseline (%.1f×, baseline %.1f×)",
             name, small_n, large_n, growth, base_growth);
}

static void
print_floor (const Operation *op,
             const Result    *r)
{
  const Operation *of = find_operation (op->floor_of);
  double ratio = r->ours_ms / MAX (r->base_ms, 0.001);

  printf ("NOTE  %s: the floor of %s is %.2f× its baseline (target %.1f×%s)\n",
          op->name, of->name, ratio, of->max_ratio,
          ratio > of->max_ratio ? ": below the floor" : "");
}

/* results[op][size] */
static void
judge (Result   **results,
       guint     *sizes,
       guint      n_sizes,
       Result    *window)
{
  guint last = n_sizes - 1;
  int ten_k = -1;

  for (guint s = 0; s < n_sizes; s++)
    if (sizes[s] * 10 == sizes[last])
      ten_k = s;

  printf ("\nTargets at N = %u:\n", sizes[last]);
  for (guint o = 0; o < G_N_ELEMENTS (operations); o++)
    {
      const Operation *op = &operations[o];
      const Result *r = &results[o][last];

      /* Not measured (--only) or failed. */
      if (r->ours_ms < 0)
        continue;
      if (op->floor_of != NULL)
        {
          print_floor (op, r);
          continue;
        }
      if (op->max_ratio > 0 && r->base_ms > 0)
        verdict (r->ours_ms <= op->max_ratio * r->base_ms, "%s ≤ %.1f× its baseline (%.2f×)",
                 op->name, op->max_ratio, r->ours_ms / r->base_ms);
      if (op->max_ms > 0)
        verdict (r->ours_ms <= op->max_ms, "%s ≤ %.0f ms (%.1f ms)", op->name, op->max_ms, r->ours_ms);
      if (op->max_rss_mb > 0)
        {
          verdict (r->rss_mb <= op->max_rss_mb, "%s peak RSS ≤ %.0f MB (%.1f MB)",
                   op->name, op->max_rss_mb, r->rss_mb);
          printf ("NOTE  %s: %.1f MB after all its runs in one process\n", op->name, r->rss_all_mb);
        }
      if (ten_k >= 0)
        judge_growth (op->name, &results[o][ten_k], r, sizes[ten_k], sizes[last]);
    }

  if (window != NULL && window[last].ours_ms >= 0)
    {
      verdict (window[last].ours_ms <= 1000, "first frame ≤ 1 s (%.0f ms)", window[last].ours_ms);
      verdict (window[last].rss_mb <= 300, "window peak RSS ≤ 300 MB (%.1f MB)", window[last].rss_mb);
      if (ten_k >= 0)
        judge_growth ("first frame", &window[ten_k], &window[last], sizes[ten_k], sizes[last]);
    }
  else
    printf ("SKIP  first frame: no display or no ks-bench-window (run under xvfb-run)\n");
}

static guint *
parse_sizes (const char *text,
             guint      *n_sizes)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint *sizes = g_new0 (guint, g_strv_length (parts) + 1);

  *n_sizes = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n = g_ascii_strtoull (parts[i], NULL, 10);

      if (n >= 1 && n <= KS_SAMPLE_MAX)
        sizes[(*n_sizes)++] = n;
    }
  return sizes;
}

static char *
window_program_path (const char *self)
{
  g_autofree char *dir = g_path_get_dirname (self);
  char *path = g_build_filename (dir, "ks-bench-window", NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    g_clear_pointer (&path, g_free);
  else if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&path, g_free);
  return path;
}

/* Other processes share the machine; their load explains odd times. */
static void
print_load (void)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    printf ("Load average: %s", loadavg);
}

static void
print_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *model = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    model = strstr (cpuinfo, "model name");
  if (model != NULL)
    {
      const char *colon = strchr (model, ':');
      const char *end = strchr (model, '\n');

      if (colon != NULL && end != NULL)
        printf ("CPU: %.*s × %u; SQLite %s\n", (int) (end - colon - 2), colon + 2,
                g_get_num_processors (), sqlite3_libversion ());
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *sizes_text = g_strdup (g_getenv ("KS_BENCH_SIZES"));
  g_autofree char *data_dir = NULL;
  g_autofree char *only = NULL;
  g_autofree char *window_program = NULL;
  g_autofree guint *sizes = NULL;
  g_autofree Result *window = NULL;
  Result **results;
  int runs = 5;
  guint n_sizes;
  g_auto(GStrv) selected = NULL;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text, "Numbers of agreements", "N,N,…" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (median)", "R" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Where to keep the generated registers", "DIR" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Measure only these operations", "OP,OP" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (argc == 7 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], g_str_equal (argv[3], "base"), atoi (argv[4]), argv[5], atoi (argv[6]));

  context = g_option_context_new ("— measure Kerjasama at national scale");
  g_option_context_add_main_entries (context, entries, NULL);
  check (g_option_context_parse (context, &argc, &argv, &error), error, "options");
  if (self == NULL)
    self = g_strdup (argv[0]);
  if (sizes_text == NULL)
    sizes_text = g_strdup ("1000,10000,100000");
  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_tmp_dir (), "kerjasama-bench", NULL);
  g_mkdir_with_parents (data_dir, 0700);
  sizes = parse_sizes (sizes_text, &n_sizes);
  check (n_sizes > 0 && runs > 0, NULL, "--sizes and --runs");
  selected = select_operations (only);
  window_program = selected == NULL || g_strv_contains ((const char * const *) selected, "first-frame")
                   ? window_program_path (self) : NULL;

  print_machine ();
  print_load ();
  printf ("Medians of %d runs (the PDF at N ≥ 100,000: one run, the first frame: up to 3);\n"
          "times in ms; RSS is the peak of our process in its first run, and\n"
          "after all its runs in the same process.\n\n", runs);
  printf ("| %-12s | %7s | %10s | %10s | %6s | %8s | %9s |\n", "operation", "N", "ours", "baseline",
          "ratio", "RSS MB", "all runs");
  printf ("|--------------|---------|------------|------------|--------|----------|-----------|\n");

  results = g_new0 (Result *, G_N_ELEMENTS (operations));
  for (guint o = 0; o < G_N_ELEMENTS (operations); o++)
    results[o] = g_new0 (Result, n_sizes);
  window = g_new0 (Result, n_sizes);

  for (guint s = 0; s < n_sizes; s++)
    {
      prepare_data (sizes[s], data_dir);
      for (guint o = 0; o < G_N_ELEMENTS (operations); o++)
        {
          /* The annual PDF of 100,000 agreements lays out thousands of
           * pages for minutes; one run keeps the benchmark bearable. */
          guint op_runs = operations[o].run == run_pdf && sizes[s] >= 100000 ? 1 : runs;

          results[o][s] = NO_RESULT;
          if (selected != NULL && !g_strv_contains ((const char * const *) selected, operations[o].name))
            continue;
          results[o][s] = measure (self, &operations[o], sizes[s], data_dir, op_runs);
          print_row (operations[o].name, sizes[s], &results[o][s]);
        }
      window[s] = NO_RESULT;
      if (window_program != NULL)
        {
          window[s] = measure_window (window_program, sizes[s], data_dir, MIN (runs, 3));
          print_row ("first frame", sizes[s], &window[s]);
        }
    }

  print_load ();
  judge (results, sizes, n_sizes, window_program != NULL ? window : NULL);
  for (guint o = 0; o < G_N_ELEMENTS (operations); o++)
    g_free (results[o]);
  g_free (results);

  printf ("\n%s: %u target(s) failed\n", n_failed == 0 ? "PASS" : "FAIL", n_failed);
  return n_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
