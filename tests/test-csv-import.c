/* test-csv-import.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-store.h"
#include "ks-csv.h"
#include "ks-csv-export.h"
#include "ks-check.h"
#include "ks-csv-import-private.h"
#include "ks-csv-import.h"
#include "ks-demo.h"
#include "ks-sample.h"
#include "ks-error.h"
#include "ks-test-common.h"

#define HEADER "region,title,description,local_parties,partners,partner_countries,partner_kinds," \
               "form,document,stage,sectors,signed_on,starts_on,ends_on,reported_to_center_on," \
               "obstacles,notes,uuid\r\n"
#define PDAM_SRAGEN "29579cb6-3aa2-44a7-bb1e-81ffc1e22b98"

typedef struct
{
  char       *dir;
  char       *path;
  KsDatabase *db;
} Fixture;

typedef struct
{
  const char *name;
  const char *csv;
  const char *expected;   /* in one of the messages */
} BadInput;

static char *huge_field;

static const BadInput bad_inputs[] = {
  { "empty-file", "", "no header row" },
  { "unknown-column", "region,title,colour\n33.14,A,red\n", "unknown column “colour”" },
  { "misspelt-column", "region,titel\n33.14,A\n", "unknown column “titel”" },
  { "duplicate-column", "region,title,title\n33.14,A,B\n", "appears twice" },
  { "missing-title-column", "region,notes\n33.14,x\n", "required column “title”" },
  { "missing-region-column", "title\nA\n", "required column “region”" },
  { "empty-title", "region,title\n33.14,\n", "line 2, column “title”" },
  { "blank-title", "region,title\n33.14,   \n", "line 2, column “title”" },
  { "empty-region", "region,title\n,A\n", "a region is required" },
  { "unknown-region-code", "region,title\n33.99,A\n", "33.99" },
  { "unknown-region-name", "region,title\nKabupaten Atlantis,A\n", "Kabupaten Atlantis" },
  { "unterminated-quote", "region,title\n33.14,\"never closed\n", "never closed" },
  { "quote-in-plain-field", "region,title\n33.14,Sister \"city\"\n", "quote inside an unquoted field" },
  { "text-after-quote", "region,title\n33.14,\"Sister\" city\n", "after a closing quote" },
  { "invalid-utf8", "region,title\n33.14,Kerja sama \xC3\x28\n", "not valid UTF-8" },
  { "nul-byte", NULL, "NUL character" },
  { "field-over-1mb", NULL, "longer than" },
  { "unknown-form", "region,title,form\n33.14,A,twinning\n", "twinning" },
  { "unknown-document", "region,title,document\n33.14,A,contract\n", "contract" },
  { "unknown-stage", "region,title,stage\n33.14,A,sined\n", "sined" },
  { "unknown-sector", "region,title,sectors\n33.14,A,trade;fishing\n", "fishing" },
  { "duplicate-sector", "region,title,sectors\n33.14,A,trade;trade\n", "twice" },
  { "unknown-obstacle", "region,title,obstacles\n33.14,A,weather\n", "weather" },
  { "unknown-partner-kind", "region,title,partners,partner_kinds\n33.14,A,USAID,donor\n", "donor" },
  { "impossible-date", "region,title,ends_on\n33.14,A,2015-02-30\n", "2015-02-30" },
  { "bad-month", "region,title,starts_on\n33.14,A,2015-13\n", "2015-13" },
  { "human-date", "region,title,signed_on\n33.14,A,10/9/2015\n", "10/9/2015" },
  { "end-before-start", "region,title,starts_on,ends_on\n33.14,A,2016,2015-12\n", "before the start date" },
  { "bad-report-date", "region,title,reported_to_center_on\n33.14,A,kemarin\n", "kemarin" },
  { "unknown-country", "region,title,partners,partner_countries\n33.14,A,Atlantis City,XX\n", "XX" },
  { "lowercase-country", "region,title,partners,partner_countries\n33.14,A,Kota Busan,kr\n", "kr" },
  { "countries-not-aligned", "region,title,partners,partner_countries\n33.14,A,X;Y,NL\n", "one country per partner" },
  { "bad-uuid", "region,title,uuid\n33.14,A,not-a-uuid\n", "not a valid identifier" },
  { "duplicate-uuid", "region,title,uuid\n33.14,A,0b7d5f0e-1c1e-4d47-9c55-3a8c0b1d2e01\n"
                      "33.14,B,0b7d5f0e-1c1e-4d47-9c55-3a8c0b1d2e01\n", "earlier line" },
  { "title-too-long", NULL, "line 2, column “title”" },
  { "control-character", "region,title\n33.14,A\x07" "B\n", "line 2, column “title”" },
  { "too-many-fields", NULL, "more than" },
  { "one-bad-row-among-good", "region,title\n33.14,Good one\n33.14,Another\n33.14,\"bad\n", "line 4" },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_added;

  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  /* Everything in the main file, so that a dump sees all of it. */
  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
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

static GBytes *
bad_input_bytes (const BadInput *input)
{
  GString *csv;

  if (input->csv != NULL)
    return g_bytes_new_static (input->csv, strlen (input->csv));

  csv = g_string_new ("region,title\n33.14,");
  if (g_str_equal (input->name, "nul-byte"))
    g_string_append_len (csv, "A\0B\n", 4);
  else if (g_str_equal (input->name, "field-over-1mb"))
    g_string_append_printf (csv, "%s\n", huge_field);
  else if (g_str_equal (input->name, "title-too-long"))
    {
      for (guint i = 0; i < 600; i++)
        g_string_append_c (csv, 'k');
      g_string_append_c (csv, '\n');
    }
  else
    {
      for (guint i = 0; i < 300; i++)
        g_string_append (csv, ",x");
      g_string_append_c (csv, '\n');
    }

  return g_string_free_to_bytes (csv);
}

static gboolean
errors_contain (KsImportReport *report,
                const char     *expected)
{
  for (guint i = 0; i < report->errors->len; i++)
    if (strstr (g_ptr_array_index (report->errors, i), expected) != NULL)
      return TRUE;

  return FALSE;
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const BadInput *input = data;
  g_autoptr(GBytes) bytes = bad_input_bytes (input);
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  g_assert_false (ks_csv_import_bytes (fixture->db, bytes, "bad.csv", FALSE, report, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  if (!errors_contain (report, input->expected))
    {
      for (guint i = 0; i < report->errors->len; i++)
        g_test_message ("got: %s", (const char *) g_ptr_array_index (report->errors, i));
      g_error ("no message contains “%s”", input->expected);
    }

  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_every_error_listed (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *csv = "title,region,ends_on,stage\n"
                    ",33.14,2015,active\n"
                    "B,33.99,2015-02-30,sined\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_csv_import_bytes (fixture->db, bytes, NULL, FALSE, report, NULL, &error));
  g_assert_cmpuint (report->errors->len, ==, 4);
  g_assert_true (errors_contain (report, "line 2, column “title”"));
  g_assert_true (errors_contain (report, "line 3, column “region”"));
  g_assert_true (errors_contain (report, "line 3, column “ends_on”"));
  g_assert_true (errors_contain (report, "line 3, column “stage”"));
}

static int
count_agreements (KsDatabase *db)
{
  return ks_test_query_int (db, "SELECT count(*) FROM agreements WHERE deleted_at IS NULL");
}

static void
test_import_adds (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *csv = "\xEF\xBB\xBFregion,title,partners,partner_countries,partner_kinds,stage,sectors,starts_on\r\n"
                    "Kabupaten Sragen,Sister school SMK Sragen – Queensland,Department of Education Queensland,AU,"
                    "education,drafting,education,2018-03\r\n"
                    "33.72,\"Kota kembar, \"\"Solo\"\" – Xi'an\",,,,exploration,,\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  int before = count_agreements (fixture->db);

  g_assert_true (ks_csv_import_bytes (fixture->db, bytes, "new.csv", FALSE, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpint (count_agreements (fixture->db), ==, before + 2);

  row = ks_test_query_text (fixture->db,
    "SELECT r.code || '|' || a.stage || '|' || a.starts_on || '|' || a.countries || '|' || a.sectors_text "
    "FROM agreements a JOIN regions r ON r.id = a.region_id WHERE a.title LIKE 'Sister school SMK%'");
  g_assert_cmpstr (row, ==, "33.14|drafting|2018-03|AU|education");
  g_clear_pointer (&row, g_free);
  row = ks_test_query_text (fixture->db, "SELECT count(*) FROM agreements WHERE title = 'Kota kembar, \"Solo\" – Xi''an'");
  g_assert_cmpstr (row, ==, "1");
  g_clear_pointer (&row, g_free);
  row = ks_test_query_text (fixture->db,
    "SELECT source FROM audit_log WHERE action = 'insert' AND record_table = 'agreements' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (row, ==, "import:new.csv");
}

static void
test_dry_run_writes_nothing (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *csv = "region,title\n33.14,A\n33.72,B\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  g_assert_true (ks_csv_import_bytes (fixture->db, bytes, NULL, TRUE, report, NULL, &error));
  g_assert_cmpuint (report->n_added, ==, 2);
  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* "Export selected rows": only the chosen agreements, in the given order. */
static void
test_export_chosen_agreements (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "chosen.csv", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) lines = NULL;
  const char *uuids[3];

  first = ks_test_query_text (fixture->db, "SELECT uuid FROM agreements ORDER BY id LIMIT 1");
  second = ks_test_query_text (fixture->db, "SELECT uuid FROM agreements ORDER BY id DESC LIMIT 1");
  uuids[0] = second;
  uuids[1] = first;
  uuids[2] = NULL;

  g_assert_true (ks_csv_export_agreements_file (fixture->db, path, uuids, NULL, &error));
  g_assert_no_error (error);
  bytes = ks_test_read_file (path);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (text, HEADER));
  g_assert_true (g_str_has_suffix (lines[1], second));
  g_assert_true (g_str_has_suffix (lines[2], first));
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_export_import_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = ks_csv_export_text (fixture->db, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (exported, HEADER));
  bytes = g_bytes_new (exported, strlen (exported));
  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  before = ks_test_dump_database (fixture->path);

  g_assert_true (ks_csv_import_bytes (fixture->db, bytes, NULL, FALSE, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_unchanged, ==, 15);
  g_assert_cmpuint (report->n_added + report->n_updated, ==, 0);
  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_round_trip_into_new_register (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = ks_csv_export_text (fixture->db, NULL, &error);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(KsDatabase) other = ks_database_open (other_path, KS_DATABASE_FLAGS_NONE, &error);
  g_autoptr(GBytes) bytes = g_bytes_new (exported, strlen (exported));
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autofree char *again = NULL;

  g_assert_true (ks_csv_import_bytes (other, bytes, NULL, FALSE, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 15);
  again = ks_csv_export_text (other, NULL, &error);
  g_assert_cmpstr (again, ==, exported);
}

static void
test_update_by_uuid (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *csv = "uuid,region,title,stage,ends_on\n"
                    PDAM_SRAGEN ",33.14,Hibah air minum PDAM Sragen – Kerajaan Belanda,completed,2024\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreement) pdam = NULL;
  int before = count_agreements (fixture->db);

  g_assert_true (ks_csv_import_bytes (fixture->db, bytes, NULL, FALSE, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpint (count_agreements (fixture->db), ==, before);

  pdam = ks_agreement_store_load (fixture->db, PDAM_SRAGEN, &error);
  g_assert_cmpstr (ks_agreement_get_stage (pdam), ==, "completed");
  g_assert_cmpstr (ks_agreement_get_string (pdam, "ends-on"), ==, "2024");
  /* Columns the file does not carry are kept. */
  g_assert_cmpuint (ks_agreement_get_partners (pdam)->len, ==, 1);
  g_assert_cmpstr (ks_agreement_get_string (pdam, "form"), ==, "grant");
}

/* ------------------------------------------------------------------ */
/* The bulk writer against ks_agreement_store_save() */

/* Rows without a uuid in the file get new ones; they are known by title. */
#define AGREEMENT_KEY(a) \
  "CASE WHEN " a ".title LIKE 'Tanpa uuid%' THEN " a ".title ELSE " a ".uuid END"
#define PARTNER_KEY(p) "(" p ".name || '/' || " p ".country || '/' || " p ".kind)"
#define PARTY_KEY(lp) \
  "((SELECT code FROM regions WHERE id = " lp ".region_id) || '/' || " lp ".name)"

/* Every table an import writes, one line per row, without the row ids,
 * timestamps and new uuids that differ from one run to the next. */
#define SEP " || '|' || "

static const char * const dump_queries[] = {
  "SELECT " AGREEMENT_KEY ("a") SEP "r.code" SEP "coalesce (" AGREEMENT_KEY ("p") ", '')" SEP "a.title"
  SEP "a.description" SEP "a.form" SEP "a.document" SEP "a.stage" SEP "a.signed_on" SEP "a.starts_on"
  SEP "a.ends_on" SEP "a.reported_by_agency_on" SEP "a.reported_to_center_on" SEP "a.dprd_approved_on"
  SEP "a.apbd_amount" SEP "a.partner_amount" SEP "a.partner_currency" SEP "a.region_doc_number"
  SEP "a.partner_doc_number" SEP "a.notes" SEP "(a.deleted_at IS NULL)" SEP "a.local_parties_text"
  SEP "a.partners_text" SEP "a.countries" SEP "a.sectors_text" SEP "a.obstacles_text" SEP "a.last_event_on"
  SEP "(a.created_at = a.updated_at) AS line "
  "FROM agreements a JOIN regions r ON r.id = a.region_id LEFT JOIN agreements p ON p.id = a.parent_id",
  "SELECT " PARTNER_KEY ("p") SEP "p.locality" SEP "p.folded_name" SEP "(p.deleted_at IS NULL) AS line "
  "FROM partners p",
  "SELECT " PARTY_KEY ("lp") SEP "lp.folded_name" SEP "(lp.deleted_at IS NULL) AS line FROM local_parties lp",
  "SELECT " AGREEMENT_KEY ("a") SEP PARTNER_KEY ("p") SEP "ap.position AS line FROM agreement_partners ap "
  "JOIN agreements a ON a.id = ap.agreement_id JOIN partners p ON p.id = ap.partner_id",
  "SELECT " AGREEMENT_KEY ("a") SEP PARTY_KEY ("lp") SEP "alp.role" SEP "alp.position AS line "
  "FROM agreement_local_parties alp JOIN agreements a ON a.id = alp.agreement_id "
  "JOIN local_parties lp ON lp.id = alp.local_party_id",
  "SELECT " AGREEMENT_KEY ("a") SEP "s.sector AS line FROM agreement_sectors s "
  "JOIN agreements a ON a.id = s.agreement_id",
  "SELECT " AGREEMENT_KEY ("a") SEP "o.obstacle" SEP "o.note AS line FROM agreement_obstacles o "
  "JOIN agreements a ON a.id = o.agreement_id",
  "SELECT " AGREEMENT_KEY ("a") SEP "pe.side" SEP "pe.role" SEP "pe.name" SEP "pe.position" SEP "pe.email"
  SEP "pe.phone" SEP "pe.signed_on" SEP "pe.sort_order AS line FROM people pe "
  "JOIN agreements a ON a.id = pe.agreement_id",
  "SELECT " AGREEMENT_KEY ("a") SEP "st.key" SEP "ap.done_on" SEP "ap.note AS line FROM agreement_procedure ap "
  "JOIN agreements a ON a.id = ap.agreement_id JOIN procedure_steps st ON st.id = ap.step_id",
};

/* In the order written: the single saves and the writer write the same
 * entries one after the other. */
#define DUMP_AUDIT \
  "SELECT group_concat (line, char (10)) FROM (SELECT al.who || '|' || al.record_table || '|' || " \
  "coalesce ((SELECT " AGREEMENT_KEY ("a") " FROM agreements a WHERE a.uuid = al.record_uuid), " \
  "(SELECT " PARTNER_KEY ("p") " FROM partners p WHERE p.uuid = al.record_uuid), " \
  "(SELECT " PARTY_KEY ("lp") " FROM local_parties lp WHERE lp.uuid = al.record_uuid), " \
  "al.record_uuid) || '|' || al.action || '|' || al.changes || '|' || al.source AS line " \
  "FROM audit_log al ORDER BY al.id)"

static char *
dump_rows (KsDatabase *db)
{
  GString *out = g_string_new (NULL);
  g_autofree char *audit = ks_test_query_text (db, DUMP_AUDIT);

  for (guint i = 0; i < G_N_ELEMENTS (dump_queries); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) || char (10) || coalesce (group_concat (line, char (10)), '') "
                                              "FROM (SELECT line FROM (%s) ORDER BY line)",
                                              dump_queries[i]);
      g_autofree char *text = NULL;

      text = ks_test_query_text (db, sql);
      g_string_append_printf (out, "-- %u\n%s\n", i, text);
    }
  g_string_append_printf (out, "-- audit\n%s\n", audit);
  return g_string_free (out, FALSE);
}

/* What the import's update path needs: people, a checklist, a parent
 * chain and a deleted local party that a row names again. */
static void
enrich_register (KsDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreement) pdam = ks_agreement_store_load (db, PDAM_SRAGEN, &error);
  g_autofree char *parent = ks_test_query_text (db, "SELECT uuid FROM agreements WHERE uuid <> '" PDAM_SRAGEN "' ORDER BY id LIMIT 1");
  g_autofree char *step = ks_test_query_text (db, "SELECT key FROM procedure_steps ORDER BY id LIMIT 1");
  g_autoptr(GPtrArray) regions = ks_sample_add_regions (db, 300, &error);

  g_assert_no_error (error);
  g_ptr_array_add (ks_agreement_get_people (pdam), ks_person_new ("partner", "contact", "Jan de Vries"));
  g_ptr_array_add (ks_agreement_get_procedure (pdam), ks_procedure_entry_new (step, "2016-02", "dengan catatan"));
  g_object_set (pdam, "parent-uuid", parent, NULL);
  g_assert_true (ks_agreement_store_save (db, pdam, NULL, &error));
  g_assert_no_error (error);

  ks_test_exec (db, "UPDATE local_parties SET deleted_at = '2020-01-01T00:00:00.000000Z' "
                    "WHERE name = 'Dinas Pendidikan Kabupaten Sragen'");
}

/* Rows of @csv after its header, each changed by its number. */
static void
append_changed_rows (GString    *out,
                     const char *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = ks_csv_reader_read_header (reader, &error);
  GPtrArray *fields = NULL;

  for (guint n = 0; ks_csv_reader_next_record (reader, &fields, &error); n++)
    {
      g_autoptr(GPtrArray) row = g_ptr_array_copy (fields, (GCopyFunc) (void (*) (void)) g_strdup, NULL);

      g_ptr_array_set_free_func (row, g_free);
      if (n % 4 == 1)
        g_ptr_array_index (row, 9) = (g_free (g_ptr_array_index (row, 9)), g_strdup ("stalled"));
      else if (n % 4 == 2 && ((char *) g_ptr_array_index (row, 4))[0] != '\0')
        {
          /* One more partner, the same one in every changed row. */
          char **cells = (char **) row->pdata;
          char *partners = g_strconcat (cells[4], ";Kota Uji Coba", NULL);
          char *countries = g_strconcat (cells[5], ";NL", NULL);
          char *kinds = g_strconcat (cells[6], ";local_government", NULL);

          g_free (cells[4]), cells[4] = partners;
          g_free (cells[5]), cells[5] = countries;
          g_free (cells[6]), cells[6] = kinds;
        }
      else if (n % 4 == 3)
        {
          char **cells = (char **) row->pdata;
          char *parties = g_utf8_strup (cells[3], -1);

          g_free (cells[3]), cells[3] = parties;
        }
      ks_csv_append_record (out, (const char * const *) row->pdata, row->len);
    }
  g_assert_no_error (error);
}

static GBytes *
mixed_csv (KsDatabase *db,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *study = ks_csv_export_text (db, NULL, &error);
  g_autofree char *sample_path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(KsDatabase) sample = ks_database_open (sample_path, KS_DATABASE_FLAGS_NONE, &error);
  g_autofree char *generated = NULL;
  GString *csv = g_string_new (HEADER);

  g_assert_true (ks_sample_generate (sample, 300, 7, &error));
  generated = ks_csv_export_text (sample, NULL, &error);
  g_assert_no_error (error);

  append_changed_rows (csv, study);
  append_changed_rows (csv, generated);
  g_string_append (csv,
    "33.14,Tanpa uuid 1,,dinas pendidikan kabupaten sragen;Dinas Baru,"
    "PEMERINTAH KOTA BUSAN;Kota Uji Coba,KR;NL,local_government;local_government,"
    "grant,mou,active,education,2019,2019,,,budget;language,,\r\n"
    "33.72,Tanpa uuid 2,Catatan,Pemerintah Kota Surakarta,Pemerintah Kota Busan,KR,,,,,,,,,,,,\r\n");
  return g_string_free_to_bytes (csv);
}

/* The bulk writer leaves the register exactly as saving each row with
 * ks_agreement_store_save() did: rows, links, summaries and audit. */
static void
test_same_as_single_saves (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "single.db", NULL);
  g_autoptr(KsDatabase) other = NULL;
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(KsImportReport) single_report = ks_import_report_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *bulk = NULL;
  g_autofree char *single = NULL;

  enrich_register (fixture->db);
  bytes = mixed_csv (fixture->db, fixture->dir);
  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  ks_test_copy_file (fixture->path, other_path);
  other = ks_database_open (other_path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_assert_true (ks_csv_import_bytes (fixture->db, bytes, "mixed.csv", FALSE, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ks_csv_import_bytes_by_single_saves (other, bytes, "mixed.csv", single_report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report->n_added, ==, 302);
  g_assert_cmpuint (report->n_updated, >, 0);
  g_assert_cmpuint (report->n_unchanged, >, 0);
  g_assert_cmpuint (report->n_added, ==, single_report->n_added);
  g_assert_cmpuint (report->n_updated, ==, single_report->n_updated);
  g_assert_cmpuint (report->n_unchanged, ==, single_report->n_unchanged);

  bulk = dump_rows (fixture->db);
  single = dump_rows (other);
  g_assert_cmpstr (bulk, ==, single);
  /* The import did what the test meant it to. */
  g_assert_nonnull (strstr (bulk, "|local_parties|33.14/Dinas Pendidikan Kabupaten Sragen|undelete|"));
  g_assert_nonnull (strstr (bulk, "|partners|Kota Uji Coba/NL/local_government|insert|"));
  g_assert_nonnull (strstr (bulk, "|partner|contact|Jan de Vries|"));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count (*) FROM audit_log WHERE action = 'update' "
                                                   "AND record_table = 'agreements' AND source = 'import:mixed.csv'"),
                   >, 0);

  g_assert_true (ks_check_run (fixture->db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A cancelled import writes nothing and leaves the register usable. */
static void
test_cancel_rolls_back (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("region,title,partners,partner_countries\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KsImportReport) report = ks_import_report_new ();
  g_autoptr(KsImportReport) again = ks_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (csv, "33.14,Kerja sama %u,Mitra %u,NL\n", i, i % 100);
  bytes = g_bytes_new (csv->str, csv->len);

  /* Looked at after a few hundred rows, which are rolled back. */
  g_cancellable_cancel (cancellable);
  g_assert_false (ks_csv_import_bytes (fixture->db, bytes, NULL, FALSE, report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ks_database_in_transaction (fixture->db));
  ks_test_exec (fixture->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);

  g_clear_error (&error);
  g_assert_true (ks_csv_import_bytes (fixture->db, bytes, NULL, FALSE, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_added, ==, 2000);
}

static void
test_reader_line_numbers (void)
{
  const char *csv = "a,b\r\n\r\n\"multi\nline\",x\nlast,\"\"\"q\"\"\"";
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KsCsvReader reader;
  guint line = 0;

  ks_csv_reader_init (&reader, csv, strlen (csv));
  g_assert_true (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_cmpuint (line, ==, 1);
  g_assert_true (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "multi\nline");
  g_assert_true (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_cmpuint (line, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, "\"q\"");
  g_assert_false (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_no_error (error);
}

static void
test_writer_quotes_when_needed (void)
{
  const char *values[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " padded", "=1+1", "" };
  g_autoptr(GString) out = g_string_new (NULL);

  ks_csv_append_record (out, values, G_N_ELEMENTS (values));
  g_assert_cmpstr (out->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",=1+1,\r\n");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  huge_field = g_strnfill (KS_CSV_MAX_FIELD + 10, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/bad/%s", bad_inputs[i].name);
      g_test_add (path, Fixture, &bad_inputs[i], fixture_set_up, test_bad_input, fixture_tear_down);
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/csv-import/every-error-listed", test_every_error_listed);
  ADD ("/csv-import/adds", test_import_adds);
  ADD ("/csv-import/dry-run", test_dry_run_writes_nothing);
  ADD ("/csv-import/round-trip", test_export_import_round_trip);
  ADD ("/csv-import/export-chosen", test_export_chosen_agreements);
  ADD ("/csv-import/round-trip-new-register", test_round_trip_into_new_register);
  ADD ("/csv-import/update-by-uuid", test_update_by_uuid);
  ADD ("/csv-import/same-as-single-saves", test_same_as_single_saves);
  ADD ("/csv-import/cancel-rolls-back", test_cancel_rolls_back);

#undef ADD

  g_test_add_func ("/csv/reader/line-numbers", test_reader_line_numbers);
  g_test_add_func ("/csv/writer/quoting", test_writer_quotes_when_needed);

  status = g_test_run ();
  g_free (huge_field);
  return status;
}
