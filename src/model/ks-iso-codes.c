/* ks-iso-codes.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-iso-codes"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ks-error.h"
#include "ks-iso-codes.h"

typedef struct
{
  char *code;
  char *name;       /* English, as in the data; translated on use */
  char *domain;
} IsoEntry;

typedef struct
{
  GHashTable *countries;    /* alpha-2 → IsoEntry */
  GHashTable *alpha3;       /* alpha-3 → alpha-2 */
  GHashTable *currencies;   /* alpha-3 → IsoEntry */
  GError     *error;
} IsoTables;

static void
iso_entry_free (gpointer data)
{
  IsoEntry *entry = data;

  g_free (entry->code);
  g_free (entry->name);
  g_free (entry);
}

/* KS_ISO_CODES_DIR lets tests point elsewhere; on Windows the data lives
 * beside the program, which g_get_system_data_dirs() knows about. */
static char *
find_data_dir (void)
{
  const char *override = g_getenv ("KS_ISO_CODES_DIR");
  const char * const *dirs = g_get_system_data_dirs ();

  if (override != NULL)
    return g_strdup (override);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (dirs[i], "iso-codes", "json", NULL);
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
    }

  return g_build_filename (ISO_CODES_PREFIX, "share", "iso-codes", "json", NULL);
}

static JsonArray *
load_array (JsonParser  *parser,
            const char  *dir,
            const char  *standard,
            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("iso_%s.json", standard);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), standard))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The list of countries and currencies could not be read from %s: %s"),
                   path, local_error != NULL ? local_error->message : _("unexpected content"));
      return NULL;
    }

  return json_object_get_array_member (json_node_get_object (root), standard);
}

static IsoEntry *
entry_new (JsonObject *object,
           const char *code_member,
           const char *domain)
{
  IsoEntry *entry = g_new0 (IsoEntry, 1);
  const char *name = json_object_has_member (object, "common_name")
                     ? json_object_get_string_member (object, "common_name")
                     : json_object_get_string_member_with_default (object, "name", "");

  entry->code = g_strdup (json_object_get_string_member_with_default (object, code_member, ""));
  entry->name = g_strdup (name);
  entry->domain = (char *) domain;
  return entry;
}

static gboolean
load_tables (IsoTables  *tables,
             GError    **error)
{
  g_autofree char *dir = find_data_dir ();
  g_autofree char *localedir = g_build_filename (dir, "..", "..", "locale", NULL);
  g_autoptr(JsonParser) countries = json_parser_new ();
  g_autoptr(JsonParser) currencies = json_parser_new ();
  JsonArray *array;

  if ((array = load_array (countries, dir, "3166-1", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      IsoEntry *entry = entry_new (object, "alpha_2", "iso_3166-1");

      g_hash_table_insert (tables->alpha3,
                           g_strdup (json_object_get_string_member_with_default (object, "alpha_3", "")),
                           g_strdup (entry->code));
      g_hash_table_insert (tables->countries, entry->code, entry);
    }

  if ((array = load_array (currencies, dir, "4217", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      IsoEntry *entry = entry_new (json_array_get_object_element (array, i), "alpha_3", "iso_4217");
      g_hash_table_insert (tables->currencies, entry->code, entry);
    }

  bindtextdomain ("iso_3166-1", localedir);
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");
  bindtextdomain ("iso_4217", localedir);
  bind_textdomain_codeset ("iso_4217", "UTF-8");
  return TRUE;
}

static IsoTables *
get_tables (void)
{
  static IsoTables *tables;

  if (g_once_init_enter (&tables))
    {
      IsoTables *loaded = g_new0 (IsoTables, 1);

      loaded->countries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, iso_entry_free);
      loaded->alpha3 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      loaded->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, iso_entry_free);
      load_tables (loaded, &loaded->error);
      g_once_init_leave (&tables, loaded);
    }

  return tables;
}

/**
 * ks_iso_codes_load:
 *
 * Reads the data now, to report a missing iso-codes package early.
 */
gboolean
ks_iso_codes_load (GError **error)
{
  IsoTables *tables = get_tables ();

  if (tables->error != NULL)
    {
      g_propagate_error (error, g_error_copy (tables->error));
      return FALSE;
    }

  return TRUE;
}

static const IsoEntry *
lookup (GHashTable *table,
        const char *code)
{
  return code != NULL ? g_hash_table_lookup (table, code) : NULL;
}

gboolean
ks_country_is_valid (const char *alpha2)
{
  return lookup (get_tables ()->countries, alpha2) != NULL;
}

/**
 * ks_country_get_name:
 *
 * Returns: (transfer none): the country's name in the user's language, or
 *   @alpha2 itself when it is unknown
 */
const char *
ks_country_get_name (const char *alpha2)
{
  const IsoEntry *entry = lookup (get_tables ()->countries, alpha2);

  return entry != NULL ? g_dgettext (entry->domain, entry->name) : alpha2;
}

/**
 * ks_country_lookup:
 * @text: a code (NL, nl, NLD) or a name in English or the user's language
 *
 * Returns: (transfer none) (nullable): the alpha-2 code
 */
const char *
ks_country_lookup (const char *text)
{
  IsoTables *tables = get_tables ();
  g_autofree char *upper = NULL;
  g_autofree char *folded = NULL;
  const IsoEntry *entry;
  const char *alpha2;
  GHashTableIter iter;
  gpointer value;

  if (text == NULL || text[0] == '\0')
    return NULL;

  upper = g_ascii_strup (text, -1);
  if ((entry = lookup (tables->countries, upper)) != NULL)
    return entry->code;
  if ((alpha2 = g_hash_table_lookup (tables->alpha3, upper)) != NULL)
    return alpha2;

  folded = g_utf8_casefold (text, -1);
  g_hash_table_iter_init (&iter, tables->countries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      IsoEntry *country = value;
      g_autofree char *english = g_utf8_casefold (country->name, -1);
      g_autofree char *translated = g_utf8_casefold (g_dgettext (country->domain, country->name), -1);

      if (g_str_equal (folded, english) || g_str_equal (folded, translated))
        return country->code;
    }

  return NULL;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (ks_country_get_name (*(const char * const *) a),
                         ks_country_get_name (*(const char * const *) b));
}

/**
 * ks_country_list:
 *
 * Returns: (transfer container): every alpha-2 code, by translated name
 */
GPtrArray *
ks_country_list (void)
{
  GPtrArray *codes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, get_tables ()->countries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (codes, key);

  g_ptr_array_sort (codes, compare_by_name);
  return codes;
}

/* Prefixes @problem with the field's name when there is one. */
static gboolean
set_invalid (const char  *field_label,
             char        *problem,
             GError     **error)
{
  if (field_label != NULL)
    g_set_error (error, KS_ERROR, KS_ERROR_INVALID, "%s: %s", field_label, problem);
  else
    g_set_error_literal (error, KS_ERROR, KS_ERROR_INVALID, problem);

  g_free (problem);
  return FALSE;
}

/**
 * ks_country_validate:
 * @field_label: (nullable): the translated field name to start the message
 */
gboolean
ks_country_validate (const char  *field_label,
                     const char  *code,
                     GError     **error)
{
  if (ks_country_is_valid (code))
    return TRUE;

  return set_invalid (field_label,
                      g_strdup_printf (_("“%s” is not an ISO 3166-1 country code"),
                                       code != NULL ? code : ""),
                      error);
}

gboolean
ks_currency_is_valid (const char *alpha3)
{
  return lookup (get_tables ()->currencies, alpha3) != NULL;
}

const char *
ks_currency_get_name (const char *alpha3)
{
  const IsoEntry *entry = lookup (get_tables ()->currencies, alpha3);

  return entry != NULL ? g_dgettext (entry->domain, entry->name) : alpha3;
}

/**
 * ks_currency_validate:
 * @field_label: (nullable): the translated field name to start the message
 */
gboolean
ks_currency_validate (const char  *field_label,
                      const char  *code,
                      GError     **error)
{
  if (ks_currency_is_valid (code))
    return TRUE;

  return set_invalid (field_label,
                      g_strdup_printf (_("“%s” is not an ISO 4217 currency code"),
                                       code != NULL ? code : ""),
                      error);
}
