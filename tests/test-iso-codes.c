/* test-iso-codes.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-country-item.h"
#include "ks-error.h"
#include "ks-iso-codes.h"
#include "ks-test-common.h"

#define N_THREADS 8

/* The names are indexed, and GLib decides whether to translate, on first
 * use; so each Indonesian case runs in a fresh process that switches the
 * language before touching the data.  Returns TRUE inside that process. */
static gboolean
in_indonesian (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return FALSE;
    }

  g_setenv ("LANGUAGE", "id", TRUE);
  ks_test_init_i18n ();
  /* GLib only translates other domains when the app's own catalogue is
   * there, so the po/ target must be built first. */
  if (*gettext ("") == '\0')
    g_error ("No Indonesian catalogue in KS_TEST_LOCALEDIR; build po/ first");

  return TRUE;
}

/* A data folder holding only the files given, for broken installations. */
static char *
make_data_dir (const char *countries,
               const char *currencies)
{
  char *dir = ks_test_make_tmpdir ();

  if (countries != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "iso_3166-1.json", NULL);
      ks_test_write_file (path, countries, strlen (countries));
    }

  if (currencies != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "iso_4217.json", NULL);
      ks_test_write_file (path, currencies, strlen (currencies));
    }

  return dir;
}

static int
index_of (GPtrArray  *codes,
          const char *code)
{
  guint index;

  g_assert_true (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &index));
  return index;
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_iso_codes_load (&error));
  g_assert_no_error (error);
  g_assert_true (ks_iso_codes_load (&error));
  g_assert_no_error (error);
}

static void
test_country_valid (void)
{
  g_assert_true (ks_country_is_valid ("NL"));
  g_assert_true (ks_country_is_valid ("NZ"));
  g_assert_true (ks_country_is_valid ("ID"));
  g_assert_true (ks_country_is_valid ("KR"));
}

static void
test_country_invalid (void)
{
  g_autofree char *long_code = g_strnfill (10000, 'N');

  g_assert_false (ks_country_is_valid ("nl"));
  g_assert_false (ks_country_is_valid ("Nl"));
  g_assert_false (ks_country_is_valid ("XX"));
  g_assert_false (ks_country_is_valid (" NL"));
  g_assert_false (ks_country_is_valid ("NLD"));
  g_assert_false (ks_country_is_valid ("Netherlands"));
  g_assert_false (ks_country_is_valid (long_code));
  g_assert_false (ks_country_is_valid (""));
  g_assert_false (ks_country_is_valid (NULL));
}

static void
test_country_names_english (void)
{
  g_assert_cmpstr (ks_country_get_name ("NL"), ==, "Netherlands");
  g_assert_cmpstr (ks_country_get_name ("CN"), ==, "China");
  /* The everyday name, where iso-codes has one. */
  g_assert_cmpstr (ks_country_get_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (ks_country_get_name ("VN"), ==, "Vietnam");
  /* Unknown codes stay visible as they are. */
  g_assert_cmpstr (ks_country_get_name ("XX"), ==, "XX");
  g_assert_null (ks_country_get_name (NULL));
}

static void
test_country_lookup_codes (void)
{
  g_assert_cmpstr (ks_country_lookup_by_name ("NL"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("nl"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("NLD"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("kor"), ==, "KR");
  g_assert_cmpstr (ks_country_lookup_by_name (" id\t"), ==, "ID");
  g_assert_null (ks_country_lookup_by_name ("XX"));
  g_assert_null (ks_country_lookup_by_name ("XYZ"));
}

static void
test_country_lookup_names_english (void)
{
  g_assert_cmpstr (ks_country_lookup_by_name ("Netherlands"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("NETHERLANDS"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("Kingdom of the Netherlands"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("Korea, Republic of"), ==, "KR");
  g_assert_cmpstr (ks_country_lookup_by_name ("south korea "), ==, "KR");
  g_assert_cmpstr (ks_country_lookup_by_name ("Switzerland"), ==, "CH");
  /* Typed without the accent, or with a typographic apostrophe. */
  g_assert_cmpstr (ks_country_lookup_by_name ("Cote d'Ivoire"), ==, "CI");
  g_assert_cmpstr (ks_country_lookup_by_name ("côte d’ivoire"), ==, "CI");
}

static void
test_country_lookup_unknown (void)
{
  g_assert_null (ks_country_lookup_by_name ("Atlantis"));
  g_assert_null (ks_country_lookup_by_name ("Nether"));
  g_assert_null (ks_country_lookup_by_name (""));
  g_assert_null (ks_country_lookup_by_name ("   "));
  g_assert_null (ks_country_lookup_by_name ("Neth\xff" "erlands"));
  g_assert_null (ks_country_lookup_by_name (NULL));
}

static void
test_country_list_sorted (void)
{
  g_autoptr(GPtrArray) codes = ks_country_list ();

  g_assert_cmpuint (codes->len, >=, 249);
  g_assert_cmpstr (g_ptr_array_index (codes, 0), ==, "AF");
  for (guint i = 1; i < codes->len; i++)
    g_assert_cmpint (g_utf8_collate (ks_country_get_name (g_ptr_array_index (codes, i - 1)),
                                     ks_country_get_name (g_ptr_array_index (codes, i))), <, 0);
  /* China before the Netherlands; Indonesian turns it around. */
  g_assert_cmpint (index_of (codes, "CN"), <, index_of (codes, "NL"));
}

static void
test_country_list_model (void)
{
  g_autoptr(GPtrArray) codes = ks_country_list ();
  g_autoptr(GListModel) model = ks_country_list_model_new ();
  g_autoptr(KsCountryItem) first = NULL;
  g_autoptr(KsCountryItem) korea = NULL;
  g_autofree char *code = NULL;

  g_assert_true (g_list_model_get_item_type (model) == KS_TYPE_COUNTRY_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, codes->len);

  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (ks_country_item_get_code (first), ==, g_ptr_array_index (codes, 0));

  korea = g_list_model_get_item (model, index_of (codes, "KR"));
  g_object_get (korea, "code", &code, NULL);
  g_assert_cmpstr (code, ==, "KR");
  g_assert_cmpstr (ks_country_item_get_name (korea), ==, "South Korea");
  g_assert_cmpstr (ks_country_item_get_english_name (korea), ==, "South Korea");
}

static void
test_country_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unlabelled = NULL;

  g_assert_true (ks_country_validate ("Country", "AU", &error));
  g_assert_no_error (error);

  g_assert_false (ks_country_validate ("Country", "ZZ", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Country: “ZZ” is not an ISO 3166-1 country code");

  g_assert_false (ks_country_validate (NULL, "nl", &unlabelled));
  g_assert_error (unlabelled, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (unlabelled->message, ==, "“nl” is not an ISO 3166-1 country code");
}

static void
test_currency_valid (void)
{
  g_assert_true (ks_currency_is_valid ("IDR"));
  g_assert_true (ks_currency_is_valid ("EUR"));
  g_assert_true (ks_currency_is_valid ("USD"));
  g_assert_false (ks_currency_is_valid ("XYZ"));
  g_assert_false (ks_currency_is_valid ("idr"));
  g_assert_false (ks_currency_is_valid ("Rp"));
  g_assert_false (ks_currency_is_valid (""));
  g_assert_false (ks_currency_is_valid (NULL));
}

static void
test_currency_names_english (void)
{
  g_assert_cmpstr (ks_currency_get_name ("IDR"), ==, "Rupiah");
  g_assert_cmpstr (ks_currency_get_name ("EUR"), ==, "Euro");
  g_assert_cmpstr (ks_currency_get_name ("USD"), ==, "US Dollar");
  g_assert_cmpstr (ks_currency_get_name ("XYZ"), ==, "XYZ");
}

static void
test_currency_list (void)
{
  g_autoptr(GPtrArray) codes = ks_currency_list ();

  g_assert_cmpuint (codes->len, >, 150);
  for (guint i = 1; i < codes->len; i++)
    g_assert_cmpint (strcmp (g_ptr_array_index (codes, i - 1), g_ptr_array_index (codes, i)), <, 0);
  index_of (codes, "IDR");
  index_of (codes, "EUR");
}

static void
test_currency_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) labelled = NULL;

  g_assert_true (ks_currency_validate (NULL, "IDR", &error));
  g_assert_false (ks_currency_validate (NULL, "RP", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“RP” is not an ISO 4217 currency code");

  g_assert_false (ks_currency_validate ("Currency", NULL, &labelled));
  g_assert_cmpstr (labelled->message, ==, "Currency: “” is not an ISO 4217 currency code");
}

static void
test_indonesian_country_names (void)
{
  if (!in_indonesian ())
    return;

  /* As /usr/share/locale/id/LC_MESSAGES/iso_3166-1.mo has them. */
  g_assert_cmpstr (ks_country_get_name ("NL"), ==, "Belanda");
  g_assert_cmpstr (ks_country_get_name ("CH"), ==, "Swiss");
  g_assert_cmpstr (ks_country_get_name ("KR"), ==, "Korea Selatan");
  g_assert_cmpstr (ks_country_get_name ("CN"), ==, "Cina");
  g_assert_cmpstr (ks_country_get_name ("US"), ==, "Amerika Serikat");
}

static void
test_indonesian_lookup (void)
{
  if (!in_indonesian ())
    return;

  g_assert_cmpstr (ks_country_lookup_by_name ("Belanda"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("belanda"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("Kerajaan Belanda"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("Korea Selatan"), ==, "KR");
  g_assert_cmpstr (ks_country_lookup_by_name ("Jerman"), ==, "DE");
  /* English keeps working for names copied from partners' documents. */
  g_assert_cmpstr (ks_country_lookup_by_name ("Netherlands"), ==, "NL");
  g_assert_cmpstr (ks_country_lookup_by_name ("NLD"), ==, "NL");
}

static void
test_indonesian_list_sorted (void)
{
  g_autoptr(GPtrArray) codes = NULL;

  if (!in_indonesian ())
    return;

  codes = ks_country_list ();
  g_assert_cmpstr (ks_country_get_name (g_ptr_array_index (codes, 0)), ==, "Afganistan");
  g_assert_cmpstr (g_ptr_array_index (codes, 1), ==, "ZA");
  /* Belanda before Cina. */
  g_assert_cmpint (index_of (codes, "NL"), <, index_of (codes, "CN"));
}

static void
test_indonesian_list_model (void)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(KsCountryItem) item = NULL;

  if (!in_indonesian ())
    return;

  model = ks_country_list_model_new ();
  codes = ks_country_list ();
  item = g_list_model_get_item (model, index_of (codes, "NL"));
  g_assert_cmpstr (ks_country_item_get_name (item), ==, "Belanda");
  g_assert_cmpstr (ks_country_item_get_english_name (item), ==, "Netherlands");
}

static void
test_indonesian_currency_names (void)
{
  if (!in_indonesian ())
    return;

  g_assert_cmpstr (ks_currency_get_name ("USD"), ==, "Dollar Amerika");
  g_assert_cmpstr (ks_currency_get_name ("IDR"), ==, "Rupiah");
}

static void
test_missing_data (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = make_data_dir (NULL, NULL);
  g_setenv ("KS_ISO_CODES_DIR", dir, TRUE);
  g_assert_false (ks_iso_codes_load (&error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, dir));
  g_assert_nonnull (strstr (error->message, "iso_3166-1.json"));
  g_assert_false (ks_country_is_valid ("NL"));
  g_assert_cmpstr (ks_country_get_name ("NL"), ==, "NL");
  g_assert_null (ks_country_lookup_by_name ("Netherlands"));
  ks_test_remove_tree (dir);
}

static void
test_missing_currencies (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = make_data_dir ("{\"3166-1\": [{\"alpha_2\": \"NL\", \"name\": \"Netherlands\"}]}", NULL);
  g_setenv ("KS_ISO_CODES_DIR", dir, TRUE);
  g_assert_false (ks_iso_codes_load (&error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "iso_4217.json"));
  /* Half the data is no data: nothing may look valid by accident. */
  g_assert_false (ks_country_is_valid ("NL"));
  g_assert_false (ks_iso_codes_load (&again));
  g_assert_cmpstr (again->message, ==, error->message);
  ks_test_remove_tree (dir);
}

static void
test_damaged_data (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = make_data_dir ("{\"3166-1\": {\"alpha_2\": \"NL\"}}", "{\"4217\": []}");
  g_setenv ("KS_ISO_CODES_DIR", dir, TRUE);
  g_assert_false (ks_iso_codes_load (&error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "unexpected content"));
  ks_test_remove_tree (dir);
}

static void
test_odd_entries_skipped (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) currencies = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = make_data_dir ("{\"3166-1\": [1, null, {\"alpha_2\": \"NL\"},"
                       " {\"alpha_2\": \"\", \"name\": \"Nowhere\"},"
                       " {\"alpha_2\": \"QQ\", \"alpha_3\": 7, \"name\": \"Qland\"},"
                       " {\"alpha_2\": \"QQ\", \"name\": \"Second Qland\"}]}",
                       "{\"4217\": [{\"alpha_3\": \"IDR\", \"name\": \"Rupiah\"}, {\"name\": \"X\"}]}");
  g_setenv ("KS_ISO_CODES_DIR", dir, TRUE);
  g_assert_true (ks_iso_codes_load (&error));
  g_assert_no_error (error);
  g_assert_true (ks_country_is_valid ("QQ"));
  g_assert_cmpstr (ks_country_get_name ("QQ"), ==, "Qland");
  g_assert_cmpstr (ks_country_lookup_by_name ("qland"), ==, "QQ");
  g_assert_null (ks_country_lookup_by_name ("Second Qland"));
  g_assert_false (ks_country_is_valid ("NL"));
  g_assert_false (ks_country_is_valid (""));
  g_assert_true (ks_currency_is_valid ("IDR"));
  currencies = ks_currency_list ();
  g_assert_cmpuint (currencies->len, ==, 1);
  ks_test_remove_tree (dir);
}

static gpointer
use_first_cb (gpointer data)
{
  GAsyncQueue *start = data;

  g_async_queue_pop (start);
  return GINT_TO_POINTER (ks_country_is_valid ("NL") &&
                          g_strcmp0 (ks_country_get_name ("NL"), "Netherlands") == 0 &&
                          g_strcmp0 (ks_country_lookup_by_name ("Netherlands"), "NL") == 0);
}

static void
test_threads_first_use (void)
{
  g_autoptr(GAsyncQueue) start = NULL;
  GThread *threads[N_THREADS];

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  start = g_async_queue_new ();
  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("iso-codes", use_first_cb, start);
  /* Release them together, so that they race to load. */
  for (guint i = 0; i < N_THREADS; i++)
    g_async_queue_push (start, GINT_TO_POINTER (1));
  for (guint i = 0; i < N_THREADS; i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int   argc,
      char *argv[])
{
  /* English names and messages, whatever the developer's desktop uses. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("KS_ISO_CODES_DIR");
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iso-codes/load", test_load);
  g_test_add_func ("/iso-codes/country/valid", test_country_valid);
  g_test_add_func ("/iso-codes/country/invalid", test_country_invalid);
  g_test_add_func ("/iso-codes/country/names-english", test_country_names_english);
  g_test_add_func ("/iso-codes/country/lookup-codes", test_country_lookup_codes);
  g_test_add_func ("/iso-codes/country/lookup-names-english", test_country_lookup_names_english);
  g_test_add_func ("/iso-codes/country/lookup-unknown", test_country_lookup_unknown);
  g_test_add_func ("/iso-codes/country/list-sorted", test_country_list_sorted);
  g_test_add_func ("/iso-codes/country/list-model", test_country_list_model);
  g_test_add_func ("/iso-codes/country/validate", test_country_validate);
  g_test_add_func ("/iso-codes/currency/valid", test_currency_valid);
  g_test_add_func ("/iso-codes/currency/names-english", test_currency_names_english);
  g_test_add_func ("/iso-codes/currency/list", test_currency_list);
  g_test_add_func ("/iso-codes/currency/validate", test_currency_validate);
  g_test_add_func ("/iso-codes/indonesian/country-names", test_indonesian_country_names);
  g_test_add_func ("/iso-codes/indonesian/lookup", test_indonesian_lookup);
  g_test_add_func ("/iso-codes/indonesian/list-sorted", test_indonesian_list_sorted);
  g_test_add_func ("/iso-codes/indonesian/list-model", test_indonesian_list_model);
  g_test_add_func ("/iso-codes/indonesian/currency-names", test_indonesian_currency_names);
  g_test_add_func ("/iso-codes/data/missing", test_missing_data);
  g_test_add_func ("/iso-codes/data/missing-currencies", test_missing_currencies);
  g_test_add_func ("/iso-codes/data/damaged", test_damaged_data);
  g_test_add_func ("/iso-codes/data/odd-entries", test_odd_entries_skipped);
  g_test_add_func ("/iso-codes/threads/first-use", test_threads_first_use);

  return g_test_run ();
}
