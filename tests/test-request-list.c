/* test-request-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "ks-demo.h"
#include "ks-report-pdf.h"
#include "ks-request-list.h"
#include "ks-test-common.h"

/* The agencies of the study data with something to report or to follow
 * up on 28 November 2026, in region code and name order. */
static const char *study_agencies[] = {
  "Dinas Peternakan dan Perikanan Kabupaten Boyolali",
  "Kelompok Tani Dekima Tirta Sari Makmur, Kecamatan Cepogo",
  "Pemerintah Kabupaten Boyolali",
  "Pemerintah Kabupaten Wonogiri",
  "Dinas Pendidikan dan Olahraga Kabupaten Karanganyar",
  "Dinas Pertanian Kabupaten Karanganyar",
  "Pemerintah Kabupaten Karanganyar",
  "Dinas Pendidikan Kabupaten Sragen",
  "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Sragen",
  "PDAM Kabupaten Sragen",
  "Pemerintah Kota Surakarta",
  NULL
};

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
study_options (void)
{
  KsReportOptions *options = ks_report_options_new ();

  options->author = (g_free (options->author), g_strdup ("Siti Rahayu"));
  options->letterhead = g_strsplit ("PEMERINTAH KOTA SURAKARTA|SEKRETARIAT DAERAH|Bagian Kerja Sama", "|", -1);
  options->signer_name = g_strdup ("Drs. Bambang Sutrisno, M.Si.");
  options->signer_position = g_strdup ("Kepala Bagian Kerja Sama");
  g_date_set_dmy (&options->today, 28, 11, 2026);
  return options;
}

static KsRequestList *
request_list (Fixture               *fixture,
              const KsReportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = ks_report_new (fixture->db, options, &error);
  KsRequestList *requests;

  g_assert_no_error (error);
  requests = ks_request_list_new (report, NULL, &error);
  g_assert_no_error (error);
  return requests;
}

static const KsRequestAgency *
find_agency (KsRequestList *requests,
             const char    *name)
{
  for (guint i = 0; i < ks_request_list_get_n_agencies (requests); i++)
    {
      const KsRequestAgency *agency = ks_request_list_get_agency (requests, i);

      if (g_str_equal (agency->name, name))
        return agency;
    }

  return NULL;
}

static const char *
item_title (const KsRequestAgency *agency,
            guint                  index)
{
  const KsRequestItem *item = g_ptr_array_index (agency->items, index);

  return item->row->texts[KS_REPORT_COLUMN_COOPERATION];
}

static const char *
item_missing (const KsRequestAgency *agency,
              guint                  index)
{
  return ((KsRequestItem *) g_ptr_array_index (agency->items, index))->missing;
}

static void
test_agencies (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = request_list (fixture, options);
  const KsRequestAgency *agency;

  g_assert_cmpuint (ks_request_list_get_n_agencies (requests), ==, g_strv_length ((char **) study_agencies));
  for (guint i = 0; study_agencies[i] != NULL; i++)
    g_assert_cmpstr (ks_request_list_get_agency (requests, i)->name, ==, study_agencies[i]);

  /* Surakarta: the Xi'an LoI stalled, and IUWASH was neither followed up
   * nor reported; the Guilin exploration and the terminated Montana MoU
   * owe nothing. */
  agency = find_agency (requests, "Pemerintah Kota Surakarta");
  g_assert_cmpstr (agency->region_name, ==, "Kota Surakarta");
  g_assert_cmpuint (agency->items->len, ==, 2);
  g_assert_cmpstr (item_title (agency, 0), ==, "Sister city Surakarta – Xi'an");
  g_assert_cmpstr (item_missing (agency, 0), ==, "No follow-up since the LoI of 25 September 2015 — 134 months");
  g_assert_cmpstr (item_title (agency, 1), ==, "Sanitasi dan air bersih IUWASH PLUS (USAID)");
  g_assert_cmpstr (item_missing (agency, 1), ==,
                   "No follow-up since the start on April 2017 — 114 months\n"
                   "Signed, reported neither to the central government nor by "
                   "Pemerintah Kota Surakarta to the cooperation section");

  agency = find_agency (requests, "Pemerintah Kabupaten Wonogiri");
  g_assert_cmpuint (agency->items->len, ==, 1);
  g_assert_cmpstr (item_title (agency, 0), ==, "Sister city Wonogiri – Wuming (Guangxi)");
  g_assert_cmpstr (item_missing (agency, 0), ==, "No follow-up since the LoI of 2012 — 166 months");

  /* Both implementing parties of Cepogo get the request; the coordinating
   * Pemkab Karanganyar only for what it implements itself (Busan). */
  g_assert_cmpuint (find_agency (requests, "Kelompok Tani Dekima Tirta Sari Makmur, Kecamatan Cepogo")->items->len, ==, 1);
  agency = find_agency (requests, "Pemerintah Kabupaten Karanganyar");
  g_assert_cmpuint (agency->items->len, ==, 1);
  g_assert_cmpstr (item_title (agency, 0), ==, "Sister city Karanganyar – Busan");

  /* Sragen's sister school is still being drafted: nothing to report. */
  g_assert_null (find_agency (requests, "Sragen Bilingual Boarding School (SBBS)"));
}

/* An agency that reported its agreement is asked only for the follow-up;
 * one that reported all it had gets no letter, even when the central
 * government was never told (that is the section's own report). */
static void
test_agency_reported (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = NULL;
  const KsRequestAgency *agency;

  ks_test_exec (fixture->db,
                "UPDATE agreements SET reported_by_agency_on = '2017-12-01' "
                "WHERE title IN ('Hibah air minum PDAM Sragen – Kerajaan Belanda', "
                "'Pelatihan guru USAID – Dinas Pendidikan Sragen')");
  requests = request_list (fixture, options);

  g_assert_null (find_agency (requests, "Dinas Pendidikan Kabupaten Sragen"));
  agency = find_agency (requests, "PDAM Kabupaten Sragen");
  g_assert_cmpuint (agency->items->len, ==, 1);
  g_assert_cmpstr (item_missing (agency, 0), ==, "No follow-up since the last event on 30 October 2017 — 108 months");
  g_assert_cmpuint (ks_request_list_get_n_agencies (requests), ==, g_strv_length ((char **) study_agencies) - 1);
}

static void
test_regions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = NULL;

  options->regions = g_strsplit ("33.14,33.72", ",", -1);
  requests = request_list (fixture, options);
  g_assert_cmpuint (ks_request_list_get_n_agencies (requests), ==, 4);
  g_assert_cmpstr (ks_request_list_get_agency (requests, 0)->name, ==, "Dinas Pendidikan Kabupaten Sragen");
  g_assert_cmpstr (ks_request_list_get_agency (requests, 1)->name, ==, "Dinas Tenaga Kerja dan Transmigrasi Kabupaten Sragen");
  g_assert_cmpstr (ks_request_list_get_agency (requests, 2)->name, ==, "PDAM Kabupaten Sragen");
  g_assert_cmpstr (ks_request_list_get_agency (requests, 3)->name, ==, "Pemerintah Kota Surakarta");
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

static const char *
cell_text (JsonObject *sheet,
           guint       row,
           guint       col)
{
  JsonArray *rows = json_object_get_array_member (sheet, "rows");
  JsonArray *cells;
  JsonArray *value;

  if (row >= json_array_get_length (rows))
    return "";
  cells = json_array_get_array_element (rows, row);
  if (col >= json_array_get_length (cells))
    return "";
  value = json_array_get_array_element (cells, col);
  if (json_array_get_null_element (value, 0))
    return "";
  if (json_node_get_value_type (json_array_get_element (value, 0)) != G_TYPE_STRING)
    return "#";
  return json_array_get_string_element (value, 0);
}

/* The table of a letter's sheet: "title: missing|…", from the row after
 * the one whose first cell is @number_label. */
static char *
sheet_rows (JsonObject *sheet,
            const char *number_label)
{
  JsonArray *rows = json_object_get_array_member (sheet, "rows");
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_table = FALSE;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      if (in_table && g_str_equal (cell_text (sheet, r, 0), "#"))
        g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "|" : "",
                                cell_text (sheet, r, 1), cell_text (sheet, r, 5));
      else if (in_table)
        in_table = FALSE;
      if (g_str_equal (cell_text (sheet, r, 0), number_label))
        in_table = TRUE;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether any cell of @sheet holds exactly @text. */
static gboolean
sheet_has (JsonObject *sheet,
           const char *text)
{
  JsonArray *rows = json_object_get_array_member (sheet, "rows");

  for (guint r = 0; r < json_array_get_length (rows); r++)
    for (guint c = 0; c < json_array_get_length (json_array_get_array_element (rows, r)); c++)
      if (g_str_equal (cell_text (sheet, r, c), text))
        return TRUE;

  return FALSE;
}

static void
test_xlsx (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = request_list (fixture, options);
  g_autofree char *path = g_build_filename (fixture->dir, "requests.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) book = NULL;
  g_autofree char *rows = NULL;
  JsonArray *sheets;
  JsonObject *sheet;

  g_assert_true (ks_request_list_write (requests, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  book = read_xlsx (path);
  sheets = json_object_get_array_member (book, "sheets");

  /* One sheet per agency, named after it within Excel's 31 characters. */
  g_assert_cmpuint (json_array_get_length (sheets), ==, g_strv_length ((char **) study_agencies));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sheets, 4), "name"), ==,
                   "Dinas Pendidikan dan Olahraga K");
  sheet = json_array_get_object_element (sheets, 10);
  g_assert_cmpstr (json_object_get_string_member (sheet, "name"), ==, "Pemerintah Kota Surakarta");
  g_assert_cmpstr (json_object_get_string_member (sheet, "orientation"), ==, "portrait");
  g_assert_cmpstr (cell_text (sheet, 0, 0), ==, "PEMERINTAH KOTA SURAKARTA");
  g_assert_cmpstr (cell_text (sheet, 4, 0), ==, "Request for Data on International Cooperation");
  g_assert_cmpstr (cell_text (sheet, 6, 0), ==, "To:");
  g_assert_cmpstr (cell_text (sheet, 7, 0), ==, "The head of Pemerintah Kota Surakarta");
  rows = sheet_rows (sheet, "No.");
  g_assert_cmpstr (rows, ==,
                   "Sister city Surakarta – Xi'an: No follow-up since the LoI of 25 September 2015 — 134 months|"
                   "Sanitasi dan air bersih IUWASH PLUS (USAID): No follow-up since the start on April 2017 — 114 months\n"
                   "Signed, reported neither to the central government nor by Pemerintah Kota Surakarta "
                   "to the cooperation section");
  g_assert_true (sheet_has (sheet, "Kepala Bagian Kerja Sama"));
  g_assert_true (sheet_has (sheet, "Drs. Bambang Sutrisno, M.Si."));
  g_assert_true (sheet_has (sheet, "28 November 2026"));
  g_assert_true (sheet_has (sheet, "Thank you for your attention and cooperation."));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = request_list (fixture, options);
  g_autofree char *path = g_build_filename (fixture->dir, "requests.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(KsReportPages) pages = ks_report_pages_new_for_requests (requests);
  g_auto(GStrv) letters = NULL;

  g_assert_true (ks_report_pages_get_portrait (pages));
  g_assert_true (ks_request_list_write (requests, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = ks_test_pdf_text (path);

  /* A letter per agency, each on its own pages numbered from 1. */
  letters = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (letters) - 1, ==, g_strv_length ((char **) study_agencies));
  g_assert_cmpuint (count (text, "PEMERINTAH KOTA SURAKARTA"), ==, g_strv_length ((char **) study_agencies));
  g_assert_cmpuint (count (text, "Page 1 of 1"), ==, g_strv_length ((char **) study_agencies));
  for (guint i = 0; study_agencies[i] != NULL; i++)
    {
      g_autofree char *to = g_strdup_printf ("The head of %s", study_agencies[i]);

      g_assert_nonnull (strstr (letters[i], to));
      g_assert_nonnull (strstr (letters[i], "Request for Data on International Cooperation"));
      g_assert_nonnull (strstr (letters[i], "Kepala Bagian Kerja Sama"));
      g_assert_nonnull (strstr (letters[i], "Drs. Bambang Sutrisno, M.Si."));
      g_assert_nonnull (strstr (letters[i], "28 November 2026"));
    }
  g_assert_nonnull (strstr (letters[10], "Xi'an"));
  g_assert_nonnull (strstr (letters[10], "IUWASH PLUS"));
  g_assert_null (strstr (letters[10], "Montana"));
  g_assert_nonnull (strstr (letters[3], "Wuming"));
}

static void
test_unsigned (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = NULL;
  g_auto(GStrv) signature = NULL;

  g_clear_pointer (&options->signer_name, g_free);
  g_clear_pointer (&options->signer_position, g_free);
  requests = request_list (fixture, options);
  signature = ks_request_list_dup_signature (requests);
  g_assert_cmpstr (signature[0], ==, "28 November 2026");
  g_assert_cmpstr (signature[1], ==, "………………………………");
  g_assert_cmpstr (signature[2], ==, "");
  g_assert_cmpstr (signature[3], ==, "(………………………………)");
}

static void
test_none (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "none.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "none.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonArray *sheets;

  /* Sukoharjo recorded no cooperation at all. */
  options->regions = g_strsplit ("33.11", ",", -1);
  requests = request_list (fixture, options);
  g_assert_cmpuint (ks_request_list_get_n_agencies (requests), ==, 0);
  g_assert_true (ks_request_list_write (requests, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  book = read_xlsx (path);
  sheets = json_object_get_array_member (book, "sheets");
  g_assert_cmpuint (json_array_get_length (sheets), ==, 1);
  g_assert_true (sheet_has (json_array_get_object_element (sheets, 0),
                            "No agency has agreements to report on or to follow up."));

  g_assert_true (ks_request_list_write (requests, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = ks_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "No agency has agreements to report on or to follow up."));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (!g_str_has_prefix (name, "register.db") && !g_str_equal (name, "backups"))
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
  g_autoptr(KsReportOptions) options = study_options ();
  g_autoptr(KsRequestList) requests = request_list (fixture, options);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "cancelled.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsReport) report = NULL;

  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  /* Cancelled after the first agency's sheet. */
  g_assert_false (ks_request_list_write (requests, path, cancellable, cancel_cb, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&error);

  g_assert_false (ks_request_list_write (requests, pdf, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
  g_clear_error (&error);

  /* Cancelled while collecting. */
  report = ks_report_new (fixture->db, options, &error);
  g_assert_no_error (error);
  g_assert_null (ks_request_list_new (report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_indonesian (void)
{
  Fixture fixture_data = { NULL, NULL };
  Fixture *fixture = &fixture_data;
  g_autoptr(KsReportOptions) options = NULL;
  g_autoptr(KsRequestList) requests = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(JsonObject) book = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *sheet;

  if (!ks_test_switch_to_indonesian ())
    return;
  fixture_set_up (fixture, NULL);

  options = study_options ();
  options->regions = g_strsplit ("33.72", ",", -1);
  requests = request_list (fixture, options);
  pdf = g_build_filename (fixture->dir, "permohonan.pdf", NULL);
  g_assert_true (ks_request_list_write (requests, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = ks_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Permohonan Data Kerja Sama Luar Negeri"));
  g_assert_nonnull (strstr (text, "Kepada Yth."));
  g_assert_nonnull (strstr (text, "Pimpinan Pemerintah Kota Surakarta"));
  g_assert_nonnull (strstr (text, "Dengan hormat,"));
  g_assert_nonnull (strstr (text, "Halaman 1 dari 1"));
  g_assert_nonnull (strstr (text, "Data yang diminta"));
  g_assert_nonnull (strstr (text, "134 bulan"));

  path = g_build_filename (fixture->dir, "permohonan.xlsx", NULL);
  g_assert_true (ks_request_list_write (requests, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  book = read_xlsx (path);
  sheet = json_array_get_object_element (json_object_get_array_member (book, "sheets"), 0);
  g_assert_cmpstr (cell_text (sheet, 4, 0), ==, "Permohonan Data Kerja Sama Luar Negeri");
  g_assert_cmpstr (cell_text (sheet, 6, 0), ==, "Kepada Yth.");
  g_assert_cmpstr (cell_text (sheet, 7, 0), ==, "Pimpinan Pemerintah Kota Surakarta");
  g_assert_cmpstr (cell_text (sheet, 8, 0), ==, "di tempat");
  g_assert_cmpstr (cell_text (sheet, 10, 0), ==, "Dengan hormat,");
  rows = sheet_rows (sheet, "No.");
  g_assert_true (g_str_has_prefix (rows, "Sister city Surakarta – Xi'an: Tidak ada tindak lanjut sejak LoI "
                                         "25 September 2015 — 134 bulan|"));
  g_assert_true (sheet_has (sheet, "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama "
                                   "Saudara, kami ucapkan terima kasih."));

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
  ADD ("/request-list/agencies", test_agencies);
  ADD ("/request-list/agency-reported", test_agency_reported);
  ADD ("/request-list/regions", test_regions);
  ADD ("/request-list/xlsx", test_xlsx);
  ADD ("/request-list/pdf", test_pdf);
  ADD ("/request-list/unsigned", test_unsigned);
  ADD ("/request-list/none", test_none);
  ADD ("/request-list/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/request-list/indonesian", test_indonesian);
#undef ADD

  return g_test_run ();
}
