/* test-report.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-demo.h"
#include "ks-error.h"
#include "ks-region-store.h"
#include "ks-report-annual.h"
#include "ks-report-pdf.h"
#include "ks-report-read-ahead.h"
#include "ks-report-xlsx.h"
#include "ks-report.h"
#include "ks-sample.h"
#include "ks-test-common.h"

typedef struct
{
  char       *dir;
  KsDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added = 0;

  fixture->dir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_demo_load (fixture->db, &n_added, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static KsReportOptions *
study_options (int from,
               int to)
{
  KsReportOptions *options = ks_report_options_new ();

  options->year_from = from;
  options->year_to = to;
  options->author = (g_free (options->author), g_strdup ("Siti Rahayu"));
  g_date_set_dmy (&options->today, 28, 11, 2026);
  return options;
}

/* Reads @path with openpyxl (tests/read-xlsx.py), an independent reader. */
static JsonObject *
read_xlsx (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read-xlsx.py", NULL);
  const char *argv[] = { g_getenv ("KS_PYTHON"), script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("read-xlsx.py failed: %s", err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
find_sheet (JsonObject *book,
            const char *name)
{
  JsonArray *sheets = json_object_get_array_member (book, "sheets");

  for (guint i = 0; i < json_array_get_length (sheets); i++)
    {
      JsonObject *sheet = json_array_get_object_element (sheets, i);

      if (g_str_equal (json_object_get_string_member (sheet, "name"), name))
        return sheet;
    }

  g_error ("no sheet “%s”", name);
}

static JsonArray *
cell (JsonObject *sheet,
      guint       row,
      guint       col)
{
  JsonArray *rows = json_object_get_array_member (sheet, "rows");

  return json_array_get_array_element (json_array_get_array_element (rows, row), col);
}

static const char *
cell_text (JsonObject *sheet,
           guint       row,
           guint       col)
{
  JsonArray *value = cell (sheet, row, col);

  if (json_array_get_null_element (value, 0))
    return "";
  return json_array_get_string_element (value, 0);
}

/* The titles in the table of a region's sheet, "A|B|C", with the header
 * row found by its "No." cell. */
static char *
sheet_titles (JsonObject *sheet,
              const char *number_label)
{
  JsonArray *rows = json_object_get_array_member (sheet, "rows");
  g_autoptr(GString) titles = g_string_new (NULL);
  gboolean in_table = FALSE;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      if (in_table && !json_array_get_null_element (cell (sheet, r, 0), 0))
        g_string_append_printf (titles, "%s%s", titles->len > 0 ? "|" : "", cell_text (sheet, r, 2));
      if (!json_array_get_null_element (cell (sheet, r, 0), 0) &&
          g_strcmp0 (json_array_get_string_element (cell (sheet, r, 0), 0), number_label) == 0)
        in_table = TRUE;
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static char *
write_report (Fixture               *fixture,
              const KsReportOptions *options,
              const char            *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (fixture->db, options, &error);
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_no_error (error);
  ks_report_write_xlsx (report, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_xlsx_study_regions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autofree char *path = write_report (fixture, options, "study.xlsx");
  g_autoptr(JsonObject) book = read_xlsx (path);
  JsonArray *sheets = json_object_get_array_member (book, "sheets");
  g_autoptr(GListStore) regions = ks_region_store_list (fixture->db, NULL);
  g_autofree char *sragen = NULL, *surakarta = NULL, *karanganyar = NULL;
  g_autofree char *boyolali = NULL, *wonogiri = NULL;

  /* The summary, then every region in code order. */
  g_assert_cmpuint (json_array_get_length (sheets), ==, 1 + g_list_model_get_n_items (G_LIST_MODEL (regions)));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 0), "name"), ==, "Summary");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (regions)); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (regions), i);

      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, i + 1), "name"),
                       ==, ks_region_get_name (region));
    }

  sragen = sheet_titles (find_sheet (book, "Kabupaten Sragen"), "No.");
  g_assert_cmpstr (sragen, ==, "Sister school SBBS – Department of Education Queensland|"
                               "Hibah air minum PDAM Sragen – Kerajaan Belanda|"
                               "Magang tenaga kerja ke Korea dan Jepang|"
                               "Pelatihan guru USAID – Dinas Pendidikan Sragen");
  /* The study's three, and Montana, which ended in 2012. */
  surakarta = sheet_titles (find_sheet (book, "Kota Surakarta"), "No.");
  g_assert_cmpstr (surakarta, ==, "Sister city Surakarta – Xi'an|Penjajakan sister city Surakarta – Guilin|"
                                  "Sister city Surakarta – Montana|Sanitasi dan air bersih IUWASH PLUS (USAID)");
  karanganyar = sheet_titles (find_sheet (book, "Kabupaten Karanganyar"), "No.");
  g_assert_cmpstr (karanganyar, ==, "Penghijauan dan budidaya bibit tanaman OISCA – Dinas Pertanian Karanganyar|"
                                    "Pengadaan buku-buku ajar USAID – Dinas Pendidikan dan Olahraga Karanganyar|"
                                    "Penjajakan sister city Karanganyar – Jenewa (pengelolaan sampah)");
  boyolali = sheet_titles (find_sheet (book, "Kabupaten Boyolali"), "No.");
  g_assert_cmpstr (boyolali, ==, "Pengembangan produksi sapi perah Pemda Boyolali – SNV Belanda|"
                                 "Kerja sama teknis peternakan sapi perah Selandia Baru – Cepogo");
  wonogiri = sheet_titles (find_sheet (book, "Kabupaten Wonogiri"), "No.");
  g_assert_cmpstr (wonogiri, ==, "Sister city Wonogiri – Wuming (Guangxi)");

  /* Parties and periods as the study gives them. */
  g_assert_cmpstr (cell_text (find_sheet (book, "Kota Surakarta"), 5, 1), ==,
                   "Pemerintah Kota Surakarta — Pemerintah Kota Xi'an, China");
  g_assert_cmpstr (cell_text (find_sheet (book, "Kota Surakarta"), 5, 5), ==, "25 September 2015 – present");
  g_assert_cmpstr (cell_text (find_sheet (book, "Kabupaten Boyolali"), 6, 5), ==,
                   "10 September 2015 – 9 September 2023");

  /* Nothing recorded is a finding. */
  g_assert_cmpstr (cell_text (find_sheet (book, "Kabupaten Sukoharjo"), 5, 1), ==, "No cooperation recorded in this period.");
  g_assert_cmpstr (cell_text (find_sheet (book, "Kabupaten Klaten"), 5, 1), ==, "No cooperation recorded in this period.");
}

static void
test_xlsx_summary (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonObject *summary;
  JsonArray *rows;
  JsonArray *last;

  options->regions = g_strsplit ("33.14,Kota Surakarta,33.10", ",", -1);
  path = write_report (fixture, options, "summary.xlsx");
  book = read_xlsx (path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (book, "sheets")), ==, 4);
  summary = find_sheet (book, "Summary");
  g_assert_cmpint (json_object_get_int_member (summary, "charts"), ==, 1);
  g_assert_cmpstr (cell_text (summary, 4, 0), ==, "Region");
  g_assert_cmpstr (cell_text (summary, 4, 9), ==, "Total");
  g_assert_cmpstr (cell_text (summary, 5, 0), ==, "Kabupaten Klaten");
  g_assert_cmpstr (cell_text (summary, 6, 0), ==, "Kabupaten Sragen");
  g_assert_cmpstr (cell_text (summary, 7, 0), ==, "Kota Surakarta");
  rows = json_object_get_array_member (summary, "rows");
  last = json_array_get_array_element (rows, 8);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (last, 0), 0), ==, "Total");
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (last, 9), 0), ==, 8);
  g_assert_cmpint (json_array_get_int_element (cell (summary, 6, 9), 0), ==, 4);
  g_assert_cmpstr (cell_text (summary, 10, 0), ==, "Obstacles recorded");
}

static void
test_xlsx_print_setup (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonObject *sheet;
  JsonObject *widths;

  options->regions = g_strsplit ("33.72", ",", -1);
  options->letterhead = g_strsplit ("PEMERINTAH KOTA SURAKARTA|Bagian Kerjasama", "|", -1);
  path = write_report (fixture, options, "print.xlsx");
  book = read_xlsx (path);
  g_assert_cmpstr (json_object_get_string_member (book, "title"), ==, "International cooperation per kabupaten/kota");
  g_assert_cmpstr (json_object_get_string_member (book, "author"), ==, "Siti Rahayu");

  sheet = find_sheet (book, "Kota Surakarta");
  g_assert_cmpstr (cell_text (sheet, 0, 0), ==, "PEMERINTAH KOTA SURAKARTA");
  g_assert_cmpstr (cell_text (sheet, 1, 0), ==, "Bagian Kerjasama");
  g_assert_cmpstr (cell_text (sheet, 3, 0), ==, "International cooperation of Kota Surakarta");
  g_assert_cmpstr (cell_text (sheet, 4, 0), ==, "Period: 2012–2017");
  g_assert_cmpstr (cell_text (sheet, 5, 0), ==, "Generated on 28 November 2026");
  g_assert_cmpstr (cell_text (sheet, 7, 0), ==, "No.");
  g_assert_cmpstr (cell_text (sheet, 7, 1), ==, "Parties involved");
  g_assert_cmpstr (cell_text (sheet, 7, 8), ==, "Notes");
  g_assert_cmpstr (json_object_get_string_member (sheet, "orientation"), ==, "landscape");
  g_assert_cmpstr (json_object_get_string_member (sheet, "paper"), ==, "9");
  g_assert_true (json_object_get_boolean_member (sheet, "fit_to_page"));
  g_assert_cmpint (json_object_get_int_member (sheet, "fit_height"), ==, 0);
  g_assert_true (json_object_get_null_member (sheet, "fit_width") ||
                 json_object_get_int_member (sheet, "fit_width") == 1);
  g_assert_cmpstr (json_object_get_string_member (sheet, "freeze"), ==, "A9");
  g_assert_cmpstr (json_object_get_string_member (sheet, "print_rows"), ==, "$8:$8");
  g_assert_cmpstr (json_object_get_string_member (sheet, "autofilter"), ==, "A8:I12");
  g_assert_cmpstr (json_object_get_string_member (sheet, "footer"), ==, "Page &P of &N");
  /* Wrapped cells, and widths that leave room for the long texts. */
  g_assert_true (json_array_get_boolean_element (cell (sheet, 8, 8), 2));
  widths = json_object_get_object_member (sheet, "widths");
  g_assert_cmpfloat (json_object_get_double_member (widths, "A"), <, 8);
  g_assert_cmpfloat (json_object_get_double_member (widths, "B"), >, 30);
  g_assert_cmpfloat (json_object_get_double_member (widths, "I"), >, 35);
}

static void
add_titled (KsDatabase *db,
            const char *title)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement, "title", title, "region-code", "33.11", "starts-on", "2014", NULL);
  ks_agreement_store_save (db, agreement, "test", &error);
  g_assert_no_error (error);
}

static void
test_xlsx_formula_titles_stay_text (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char *titles[] = { "=1+1", "+A1", "-2", "@SUM(A1:A3)" };
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonObject *sheet;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    add_titled (fixture->db, titles[i]);
  options->regions = g_strsplit ("33.11", ",", -1);
  path = write_report (fixture, options, "formulas.xlsx");
  book = read_xlsx (path);
  sheet = find_sheet (book, "Kabupaten Sukoharjo");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_assert_cmpstr (cell_text (sheet, 5 + i, 2), ==, titles[i]);
      g_assert_cmpstr (json_array_get_string_element (cell (sheet, 5 + i, 2), 1), ==, "s");
    }
}

/* LibreOffice keeps the row heights the file gives, so each row is as
 * tall as its cell that wraps to the most lines: counted in characters,
 * not bytes, and line breaks included. */
static void
test_xlsx_row_heights (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    const char *title;
    const char *notes;
    double      height;
  } rows[] = {
    { "Pendek", "", 15 },
    /* 80 characters in a column of 35 a line */
    { "Kerja sama teknis pengelolaan sampah dan air bersih antara kota-kota kembar ASEAN", "", 45 },
    { "Catatan", "Baris satu\nBaris dua", 30 },
    /* 30 characters, 60 bytes */
    { "éééééééééééééééééééééééééééééé", "", 15 },
  };
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonObject *sheet, *heights;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(KsAgreement) agreement = ks_agreement_new ();
      g_autoptr(GError) error = NULL;

      g_object_set (agreement, "title", rows[i].title, "notes", rows[i].notes, "region-code", "33.11",
                    "starts-on", "2014", NULL);
      ks_agreement_store_save (fixture->db, agreement, "test", &error);
      g_assert_no_error (error);
    }
  options->regions = g_strsplit ("33.11", ",", -1);
  path = write_report (fixture, options, "heights.xlsx");
  book = read_xlsx (path);
  sheet = find_sheet (book, "Kabupaten Sukoharjo");
  heights = json_object_get_object_member (sheet, "heights");
  for (guint r = 5; r < 5 + G_N_ELEMENTS (rows); r++)
    {
      g_autofree char *key = g_strdup_printf ("%u", r + 1);
      guint i;

      for (i = 0; !g_str_equal (rows[i].title, cell_text (sheet, r, 2)); i++)
        g_assert_cmpuint (i + 1, <, G_N_ELEMENTS (rows));
      /* A row of the default height, 15 points, is not written down. */
      g_assert_cmpfloat (json_object_has_member (heights, key) ? json_object_get_double_member (heights, key) : 15,
                         ==, rows[i].height);
    }
}

static void
add_dated (KsDatabase *db,
           const char *title,
           const char *starts_on,
           const char *ends_on)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement, "title", title, "region-code", "33.11", "starts-on", starts_on,
                "ends-on", ends_on, "stage", "completed", NULL);
  ks_agreement_store_save (db, agreement, "test", &error);
  g_assert_no_error (error);
}

/* An agreement belongs to a period when its period overlaps it, to the
 * day: the edges of 2012–2017. */
static void
test_xlsx_period_edges (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autofree char *path = NULL;
  g_autofree char *titles = NULL;
  g_autoptr(JsonObject) book = NULL;

  add_dated (fixture->db, "ended 31 December 2011", "2010", "2011-12-31");
  add_dated (fixture->db, "ended 1 January 2012", "2010", "2012-01-01");
  add_dated (fixture->db, "ended in 2012", "", "2012");
  add_dated (fixture->db, "began 31 December 2017", "2017-12-31", "2019");
  add_dated (fixture->db, "began 1 January 2018", "2018-01-01", "2019");
  add_dated (fixture->db, "began December 2017", "2017-12", "");
  options->regions = g_strsplit ("33.11", ",", -1);
  path = write_report (fixture, options, "edges.xlsx");
  book = read_xlsx (path);
  titles = sheet_titles (find_sheet (book, "Kabupaten Sukoharjo"), "No.");
  g_assert_cmpstr (titles, ==, "ended in 2012|ended 1 January 2012|began December 2017|began 31 December 2017");
}

static void
test_xlsx_sheet_names (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsRegion) a = NULL, b = NULL, c = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonArray *sheets;

  a = ks_region_store_add (fixture->db, "99.01", "Kota [Baru]: A/B*C?D\\E dengan nama yang sangat panjang", "kota", "99", "", &error);
  g_assert_no_error (error);
  b = ks_region_store_add (fixture->db, "99.02", "Kota [Baru]: A/B*C?D\\E dengan nama yang sangat panjang sekali", "kota", "99", "", &error);
  g_assert_no_error (error);
  c = ks_region_store_add (fixture->db, "99.03", "SUMMARY", "kota", "99", "", &error);
  g_assert_no_error (error);
  options->regions = g_strsplit ("99.01,99.02,99.03", ",", -1);
  path = write_report (fixture, options, "names.xlsx");
  book = read_xlsx (path);
  sheets = json_object_get_array_member (book, "sheets");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 0), "name"), ==, "Summary");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 1), "name"), ==,
                   "Kota -Baru-- A-B-C-D-E dengan n");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 2), "name"), ==,
                   "Kota -Baru-- A-B-C-D-E deng (2)");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 3), "name"), ==,
                   "SUMMARY (2)");
}

static void
test_xlsx_unknown_region (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = NULL;

  options->regions = g_strsplit ("33.99", ",", -1);
  report = ks_report_new (fixture->db, options, &error);
  g_assert_null (report);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no region “33.99” in the register.");
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_has_prefix (name, "register.db") && !g_str_equal (name, "backups") &&
        !g_str_equal (name, "sample"))
      n++;

  return n;
}

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_leaves_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options (2012, 2017);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (fixture->db, options, &error);
  g_autoptr(KsAnnualReport) annual = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "cancelled.pdf", NULL);

  /* Cancelled after the first region's sheet. */
  g_assert_false (ks_report_write_xlsx (report, path, cancellable, cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&error);

  options->year_from = options->year_to = 2017;
  g_clear_object (&report);
  report = ks_report_new (fixture->db, options, &error);
  annual = ks_annual_report_new (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ks_annual_report_write (annual, pdf, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

static KsAnnualReport *
annual_report (Fixture *fixture,
               int      year)
{
  g_autoptr(KsReportOptions) options = study_options (year, year);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = NULL;
  KsAnnualReport *annual;

  options->letterhead = g_strsplit ("PEMERINTAH KOTA SURAKARTA|Bagian Kerjasama Setda", "|", -1);
  report = ks_report_new (fixture->db, options, &error);
  g_assert_no_error (error);
  annual = ks_annual_report_new (report, NULL, &error);
  g_assert_no_error (error);
  return annual;
}

static void
test_annual_sections (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KsAnnualReport) annual = annual_report (fixture, 2015);
  GPtrArray *new_rows = ks_annual_report_get_rows (annual, KS_ANNUAL_SECTION_NEW);
  GPtrArray *ended = ks_annual_report_get_rows (annual, KS_ANNUAL_SECTION_ENDED);
  GPtrArray *running = ks_annual_report_get_rows (annual, KS_ANNUAL_SECTION_RUNNING);
  GPtrArray *events = ks_annual_report_get_events (annual);
  GPtrArray *follow_up = ks_annual_report_get_rows (annual, KS_ANNUAL_SECTION_NEEDS_FOLLOW_UP);

  /* Boyolali – SNV ran from 1 January to 31 December 2015: new and ended. */
  g_assert_cmpuint (new_rows->len, ==, 3);
  g_assert_cmpuint (ended->len, ==, 1);
  g_assert_cmpstr (((KsReportRow *) g_ptr_array_index (ended, 0))->texts[KS_REPORT_COLUMN_COOPERATION], ==,
                   "Pengembangan produksi sapi perah Pemda Boyolali – SNV Belanda");
  g_assert_cmpuint (running->len, ==, 6);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((KsAnnualEvent *) g_ptr_array_index (events, 0))->date, ==, "25 September 2015");
  g_assert_cmpstr (((KsAnnualEvent *) g_ptr_array_index (events, 0))->region, ==, "Kota Surakarta");
  g_assert_cmpstr (((KsAnnualEvent *) g_ptr_array_index (events, 0))->agreement, ==, "Sister city Surakarta – Xi'an");

  /* Judged at the end of 2015: the Xi'an LoI of September 2015 was still
   * fresh; the Wuming LoI and two agreements running since 2012 had had no
   * follow-up for years. */
  g_assert_cmpuint (follow_up->len, ==, 3);
  for (guint i = 0; i < follow_up->len; i++)
    g_assert_cmpstr (((KsReportRow *) g_ptr_array_index (follow_up, i))->texts[KS_REPORT_COLUMN_COOPERATION], !=,
                     "Sister city Surakarta – Xi'an");
}

static void
test_annual_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KsAnnualReport) annual = annual_report (fixture, 2017);
  g_autofree char *path = g_build_filename (fixture->dir, "annual.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  g_autoptr(KsReportPages) pages = ks_report_pages_new (annual);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, KS_REPORT_PAGE_WIDTH, KS_REPORT_PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint n_pages = ks_report_pages_paginate (pages, cr, KS_REPORT_PAGE_WIDTH, KS_REPORT_PAGE_HEIGHT);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n_pages, >, 1);

  g_assert_true (ks_annual_report_write (annual, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = ks_test_pdf_text (path);
  g_assert_nonnull (strstr (text, "PEMERINTAH KOTA SURAKARTA"));
  g_assert_nonnull (strstr (text, "Annual report of international cooperation 2017"));
  g_assert_nonnull (strstr (text, "Page 1 of "));
  last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (text, last_page));
  g_assert_nonnull (strstr (text, "Sister school SBBS"));
  g_assert_nonnull (strstr (text, "IUWASH PLUS (USAID)"));
  g_assert_nonnull (strstr (text, "Hibah air minum PDAM"));
  g_assert_nonnull (strstr (text, "Follow-up during the year"));
  g_assert_nonnull (strstr (text, "Obstacles recorded"));
}

static guint
count_pages (KsReportPages *pages,
             guint          max_steps)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, KS_REPORT_PAGE_WIDTH,
                                                                  KS_REPORT_PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double fraction = 0, last = 0;

  ks_report_pages_begin_layout (pages, cr, KS_REPORT_PAGE_WIDTH, KS_REPORT_PAGE_HEIGHT);
  while (!ks_report_pages_continue_layout (pages, max_steps, &fraction))
    {
      g_assert_cmpfloat (fraction, >=, last);
      g_assert_cmpfloat (fraction, <, 1);
      last = fraction;
    }
  g_assert_cmpfloat (fraction, ==, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ks_report_pages_get_n_pages (pages);
}

/* Laid out a row at a time, as printing does, the pages come out as
 * when laid out at once. */
static void
test_annual_layout_in_steps (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KsAnnualReport) annual = annual_report (fixture, 2017);
  g_autoptr(KsReportPages) pages = ks_report_pages_new (annual);
  guint at_once = count_pages (pages, G_MAXUINT);

  g_assert_cmpuint (at_once, >, 1);
  g_assert_cmpuint (count_pages (pages, 1), ==, at_once);
  g_assert_cmpuint (count_pages (pages, 3), ==, at_once);
}

static KsDatabase *
open_sample (Fixture *fixture,
             guint    n_agreements)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "sample", NULL);
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_sample_generate (db, n_agreements, 20260, &error));
  return g_steal_pointer (&db);
}

/* A register of a few thousand agreements, whose annual report runs to
 * hundreds of pages. */
static KsAnnualReport *
sample_annual_report (Fixture *fixture)
{
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = open_sample (fixture, 600);
  g_autoptr(KsReport) report = NULL;
  KsAnnualReport *annual;

  options->year_from = options->year_to = 2015;
  report = ks_report_new (db, options, &error);
  g_assert_no_error (error);
  annual = ks_annual_report_new (report, NULL, &error);
  g_assert_no_error (error);
  return annual;
}

/* ------------------------------------------------------------------ */
/* Reading ahead */

static gboolean
add_uuid_cb (const KsReportRow  *row,
             gpointer            user_data,
             GError            **error)
{
  g_ptr_array_add (user_data, g_strdup (row->uuid));
  return TRUE;
}

static char *
dump_row (const KsReportRow *row)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autofree char *obstacles = g_strjoinv (",", row->obstacles);

  g_string_append_printf (dump, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%s", row->id, row->uuid,
                          row->region_code, row->stage, row->starts_on, row->ends_on, obstacles,
                          row->reason != NULL ? row->reason : "(none)");
  for (guint i = 0; i < KS_REPORT_N_COLUMNS; i++)
    g_string_append_printf (dump, "|%s", row->texts[i] != NULL ? row->texts[i] : "(none)");

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

typedef struct
{
  GPtrArray *copies;
  GPtrArray *dumps;
} Copied;

static gboolean
copy_row_cb (const KsReportRow  *row,
             gpointer            user_data,
             GError            **error)
{
  Copied *copied = user_data;

  g_ptr_array_add (copied->copies, ks_report_row_copy (row));
  g_ptr_array_add (copied->dumps, dump_row (row));
  return TRUE;
}

/* A copy keeps every field of the row it was made from, after that row
 * is gone; with a smart view's reasons too. */
static void
test_row_copy (Fixture       *fixture,
               gconstpointer  data)
{
  static const KsSmartView views[] = { KS_SMART_VIEW_NONE, KS_SMART_VIEW_NEEDS_FOLLOW_UP };
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (fixture->db, options, &error);
  g_auto(GStrv) codes = ks_report_dup_region_codes (report);
  guint with_obstacles = 0, with_reason = 0;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_report_row_free);
      g_autoptr(GPtrArray) dumps = g_ptr_array_new_with_free_func (g_free);
      Copied copied = { copies, dumps };

      g_assert_true (ks_report_foreach_row (report, (const char * const *) codes, 0, 0, views[v],
                                            copy_row_cb, &copied, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (copies->len, >, 0);
      for (guint i = 0; i < copies->len; i++)
        {
          const KsReportRow *copy = g_ptr_array_index (copies, i);
          g_autofree char *dump = dump_row (copy);

          g_assert_cmpstr (dump, ==, g_ptr_array_index (dumps, i));
          with_obstacles += copy->obstacles[0] != NULL;
          with_reason += copy->reason != NULL;
        }
    }
  g_assert_cmpuint (with_obstacles, >, 0);
  g_assert_cmpuint (with_reason, >, 0);
}

/* The uuids of each region's rows, region after region, each region
 * ended by its two counts, as ks_report_foreach_row() gives them. */
static GPtrArray *
expected_rows (KsDatabase *db)
{
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (db, options, &error);
  GPtrArray *expected = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < ks_report_get_n_regions (report); i++)
    {
      const char *codes[] = { ks_region_get_code (ks_report_get_region (report, i)), NULL };
      KsRegionCounts counts;

      g_assert_true (ks_report_foreach_row (report, codes, 0, 0, KS_SMART_VIEW_NONE,
                                            add_uuid_cb, expected, NULL, &error));
      g_assert_true (ks_report_count (report, codes, KS_SMART_VIEW_NEEDS_FOLLOW_UP, &counts.n_follow_up, &error));
      g_assert_true (ks_report_count (report, codes, KS_SMART_VIEW_NOT_REPORTED, &counts.n_not_reported, &error));
      g_ptr_array_add (expected, g_strdup_printf ("end %u %u", counts.n_follow_up, counts.n_not_reported));
    }

  return expected;
}

static void
test_read_ahead_same_rows (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_sample (fixture, 2000);
  g_autoptr(GPtrArray) expected = expected_rows (db);
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (db, options, &error);
  g_autoptr(KsReportReadAhead) rows = ks_report_read_ahead_new (report, NULL);
  guint n_ends = 0, in_region = 0, largest = 0;

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(KsReportRow) row = NULL;
      g_autofree char *got = NULL;
      KsRegionCounts counts;

      g_assert_true (ks_report_read_ahead_next (rows, &row, &counts, &error));
      g_assert_no_error (error);
      if (row != NULL)
        {
          got = g_strdup (row->uuid);
          largest = MAX (largest, ++in_region);
        }
      else
        {
          got = g_strdup_printf ("end %u %u", counts.n_follow_up, counts.n_not_reported);
          n_ends++;
          in_region = 0;
        }
      g_assert_cmpstr (got, ==, g_ptr_array_index (expected, i));
    }

  g_assert_cmpuint (n_ends, ==, ks_report_get_n_regions (report));
  /* Some regions' rows come in more than one batch. */
  g_assert_cmpuint (largest, >, 64);
}

/* The writer may stop at any row, with the reader waiting for room. */
static void
test_read_ahead_stop_early (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_sample (fixture, 600);
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (db, options, &error);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KsReportRow) row = NULL;
  KsReportReadAhead *rows = ks_report_read_ahead_new (report, NULL);
  KsRegionCounts counts;

  /* The first regions may have nothing. */
  while (row == NULL)
    g_assert_true (ks_report_read_ahead_next (rows, &row, &counts, &error));
  g_usleep (100 * 1000);
  ks_report_read_ahead_free (rows);

  /* The report is the caller's again. */
  g_assert_true (ks_report_foreach_row (report, (const char *[]) { row->region_code, NULL }, 0, 0,
                                        KS_SMART_VIEW_NONE, add_uuid_cb, uuids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (uuids, 0), ==, row->uuid);
}

static void
test_read_ahead_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsDatabase) db = open_sample (fixture, 600);
  g_autoptr(KsReportOptions) options = ks_report_options_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (db, options, &error);
  g_autoptr(KsReportReadAhead) rows = ks_report_read_ahead_new (report, cancellable);
  guint n_read = 0;

  for (;;)
    {
      g_autoptr(KsReportRow) row = NULL;
      KsRegionCounts counts;

      if (!ks_report_read_ahead_next (rows, &row, &counts, &error))
        break;
      if (++n_read == 10)
        g_cancellable_cancel (cancellable);
      g_assert_cmpuint (n_read, <, 600);
    }

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
record_fraction_cb (double   fraction,
                    gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

/* A long PDF tells how far it is, from laying out its pages to drawing
 * the last. */
static void
test_annual_pdf_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KsAnnualReport) annual = sample_annual_report (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gboolean laying_out = FALSE, drawing = FALSE;

  g_assert_true (ks_annual_report_write (annual, path, NULL, record_fraction_cb, fractions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >, 2);
  for (guint i = 0; i < fractions->len; i++)
    {
      double fraction = g_array_index (fractions, double, i);

      laying_out |= fraction < 0.5;
      drawing |= fraction > 0.5 && fraction < 1;
      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (fractions, double, i - 1));
    }
  g_assert_true (laying_out);
  g_assert_true (drawing);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* Cancel is heard while the pages are still being laid out. */
static void
test_annual_pdf_cancel_while_laying_out (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(KsAnnualReport) annual = sample_annual_report (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_annual_report_write (annual, path, cancellable, cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

static void
test_annual_xlsx (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KsAnnualReport) annual = annual_report (fixture, 2017);
  g_autofree char *path = g_build_filename (fixture->dir, "annual.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonObject *sheet;
  JsonArray *sheets;

  g_assert_true (ks_annual_report_write (annual, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  book = read_xlsx (path);
  sheets = json_object_get_array_member (book, "sheets");
  g_assert_cmpuint (json_array_get_length (sheets), ==, 1);
  sheet = json_array_get_object_element (sheets, 0);
  g_assert_cmpstr (json_object_get_string_member (sheet, "name"), ==, "Annual report 2017");
  g_assert_cmpstr (cell_text (sheet, 3, 0), ==, "Annual report of international cooperation 2017");
  g_assert_cmpstr (cell_text (sheet, 4, 0), ==, "All regions");
  g_assert_cmpstr (cell_text (sheet, 8, 0), ==, "New cooperation");
  g_assert_cmpstr (json_object_get_string_member (sheet, "orientation"), ==, "landscape");
}

/* Without a fixture: the labels must be read after the switch. */
static void
test_indonesian (void)
{
  Fixture fixture_data = { NULL, NULL };
  Fixture *fixture = &fixture_data;
  g_autoptr(KsReportOptions) options = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) book = NULL;
  g_autoptr(KsAnnualReport) annual = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *sheet;

  if (!ks_test_switch_to_indonesian ())
    return;
  fixture_set_up (fixture, NULL);

  options = study_options (2012, 2017);
  options->regions = g_strsplit ("33.72,33.11", ",", -1);
  path = write_report (fixture, options, "laporan.xlsx");
  book = read_xlsx (path);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (book, "sheets"), 0), "name"), ==, "Ringkasan");
  sheet = find_sheet (book, "Kota Surakarta");
  g_assert_cmpstr (cell_text (sheet, 0, 0), ==, "Kerja sama luar negeri Kota Surakarta");
  g_assert_cmpstr (cell_text (sheet, 2, 0), ==, "Dibuat pada 28 November 2026");
  g_assert_cmpstr (cell_text (sheet, 4, 1), ==, "Pihak yang terlibat");
  g_assert_cmpstr (cell_text (sheet, 5, 5), ==, "25 September 2015 – sekarang");
  g_assert_cmpstr (cell_text (sheet, 5, 6), ==, "LoI ditandatangani");
  g_assert_cmpstr (json_object_get_string_member (sheet, "footer"), ==, "Halaman &P dari &N");
  g_assert_cmpstr (cell_text (find_sheet (book, "Kabupaten Sukoharjo"), 5, 1), ==,
                   "Tidak ada kerja sama yang tercatat pada periode ini.");

  annual = annual_report (fixture, 2017);
  pdf = g_build_filename (fixture->dir, "tahunan.pdf", NULL);
  g_assert_true (ks_annual_report_write (annual, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = ks_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Laporan tahunan kerja sama luar negeri 2017"));
  g_assert_nonnull (strstr (text, "Halaman 1 dari "));
  g_assert_nonnull (strstr (text, "Kerja sama baru"));
  g_assert_nonnull (strstr (text, "Kendala yang tercatat"));
  fixture_tear_down (fixture, NULL);
  ks_test_remove_indonesian ();
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/xlsx/study-regions", test_xlsx_study_regions);
  ADD ("/report/xlsx/summary", test_xlsx_summary);
  ADD ("/report/xlsx/print-setup", test_xlsx_print_setup);
  ADD ("/report/xlsx/formula-titles-stay-text", test_xlsx_formula_titles_stay_text);
  ADD ("/report/xlsx/row-heights", test_xlsx_row_heights);
  ADD ("/report/xlsx/sheet-names", test_xlsx_sheet_names);
  ADD ("/report/xlsx/period-edges", test_xlsx_period_edges);
  ADD ("/report/xlsx/unknown-region", test_xlsx_unknown_region);
  ADD ("/report/cancel-leaves-nothing", test_cancel_leaves_nothing);
  ADD ("/report/row-copy", test_row_copy);
  ADD ("/report/read-ahead/same-rows", test_read_ahead_same_rows);
  ADD ("/report/read-ahead/stop-early", test_read_ahead_stop_early);
  ADD ("/report/read-ahead/cancel", test_read_ahead_cancel);
  ADD ("/report/annual/sections", test_annual_sections);
  ADD ("/report/annual/pdf", test_annual_pdf);
  ADD ("/report/annual/pdf-progress", test_annual_pdf_progress);
  ADD ("/report/annual/layout-in-steps", test_annual_layout_in_steps);
  ADD ("/report/annual/pdf-cancel-while-laying-out", test_annual_pdf_cancel_while_laying_out);
  ADD ("/report/annual/xlsx", test_annual_xlsx);
  g_test_add_func ("/report/indonesian", test_indonesian);
#undef ADD

  return g_test_run ();
}
