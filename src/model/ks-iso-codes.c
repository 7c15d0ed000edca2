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
#include <string.h>

#include "ks-country-item.h"
#include "ks-error.h"
#include "ks-iso-codes.h"

#define COUNTRY_DOMAIN  "iso_3166-1"
#define CURRENCY_DOMAIN "iso_4217"

typedef struct
{
  char *code;
  char *name;          /* English short name, "Korea, Republic of" */
  char *common_name;   /* English everyday name or NULL, "South Korea" */
} IsoEntry;

typedef struct
{
  GHashTable *countries;    /* alpha-2 → IsoEntry */
  GHashTable *codes;        /* alpha-2 and alpha-3 → alpha-2 */
  GHashTable *names;        /* folded name, English or translated → alpha-2 */
  GHashTable *currencies;   /* alpha-3 → IsoEntry */
  GError     *error;
} IsoTables;

typedef struct
{
  char       *key;
  const char *code;
} SortItem;

/* Stands in the name index for a name that several countries share, so
 * that typing it finds none of them rather than a random one. */
static const char ambiguous[] = "";

static IsoEntry *
iso_entry_new (const char *code,
               const char *name,
               const char *common_name)
{
  IsoEntry *entry = g_new0 (IsoEntry, 1);

  entry->code = g_strdup (code);
  entry->name = g_strdup (name);
  entry->common_name = g_strdup (common_name);
  return entry;
}

static void
iso_entry_free (gpointer data)
{
  IsoEntry *entry = data;

  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->common_name);
  g_free (entry);
}

static void
clear_sort_item (gpointer data)
{
  SortItem *item = data;

  g_free (item->key);
}

/* The everyday name ("South Korea") reads better than the short name
 * ("Korea, Republic of"), unless only the short name is translated.
 * gettext returns the very msgid pointer when it has no translation. */
static const char *
iso_entry_get_name (const IsoEntry *entry,
                    const char     *domain)
{
  const char *translated;

  if (entry->common_name != NULL)
    {
      translated = g_dgettext (domain, entry->common_name);
      if (translated != entry->common_name)
        return translated;
    }

  translated = g_dgettext (domain, entry->name);
  if (entry->common_name != NULL && translated == entry->name)
    return entry->common_name;

  return translated;
}

static const char *
iso_entry_get_english_name (const IsoEntry *entry)
{
  return entry->common_name != NULL ? entry->common_name : entry->name;
}

/* Case, accents and the kind of apostrophe do not matter when a name is
 * typed: "cote d’ivoire" finds "Côte d'Ivoire". */
static char *
fold_name (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2018 || c == 0x2019)
        c = '\'';
      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, bare->len);
}

/* A member that is missing, empty or not a string reads as NULL, so
 * that damaged data cannot trip json-glib's own checks. */
static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* KS_ISO_CODES_DIR lets tests point elsewhere; on Windows the data lives
 * beside the program, which g_get_system_data_dirs() knows about.
 * @share_dir is where the matching locale/ folder is. */
static char *
find_data_dir (char **share_dir)
{
  const char *override = g_getenv ("KS_ISO_CODES_DIR");
  const char * const *dirs = g_get_system_data_dirs ();

  if (override != NULL && override[0] != '\0')
    {
      *share_dir = g_build_filename (ISO_CODES_PREFIX, "share", NULL);
      return g_strdup (override);
    }

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (dirs[i], "iso-codes", "json", NULL);
      g_autofree char *file = g_build_filename (dir, "iso_3166-1.json", NULL);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        {
          *share_dir = g_strdup (dirs[i]);
          return g_steal_pointer (&dir);
        }
    }

  *share_dir = g_build_filename (ISO_CODES_PREFIX, "share", NULL);
  return g_build_filename (*share_dir, "iso-codes", "json", NULL);
}

static void
bind_domains (const char *share_dir)
{
  g_autofree char *localedir = g_build_filename (share_dir, "locale", NULL);

  bindtextdomain (COUNTRY_DOMAIN, localedir);
  bind_textdomain_codeset (COUNTRY_DOMAIN, "UTF-8");
  bindtextdomain (CURRENCY_DOMAIN, localedir);
  bind_textdomain_codeset (CURRENCY_DOMAIN, "UTF-8");
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
  JsonNode *member = NULL;

  if (json_parser_load_from_file (parser, path, &local_error) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    member = json_object_get_member (json_node_get_object (root), standard);

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("The list of countries and currencies could not be read from %s: %s"),
                   path, local_error != NULL ? local_error->message : _("unexpected content"));
      return NULL;
    }

  return json_node_get_array (member);
}

static void
index_name (IsoTables  *tables,
            const char *name,
            const char *alpha2)
{
  char *key;
  const char *known;

  if (name == NULL || (key = fold_name (name)) == NULL)
    return;

  known = g_hash_table_lookup (tables->names, key);
  if (known == alpha2)
    g_free (key);
  else
    g_hash_table_insert (tables->names, key, (gpointer) (known == NULL ? alpha2 : ambiguous));
}

static void
add_country (IsoTables  *tables,
             JsonObject *object)
{
  const char *alpha2 = get_string (object, "alpha_2");
  const char *alpha3 = get_string (object, "alpha_3");
  const char *names[] = {
    get_string (object, "name"),
    get_string (object, "common_name"),
    get_string (object, "official_name"),
  };
  IsoEntry *entry;

  /* A repeated code would free the entry that the indexes point into. */
  if (alpha2 == NULL || names[0] == NULL || g_hash_table_contains (tables->countries, alpha2))
    return;

  entry = iso_entry_new (alpha2, names[0], names[1]);
  g_hash_table_insert (tables->countries, entry->code, entry);
  g_hash_table_insert (tables->codes, g_strdup (alpha2), entry->code);
  if (alpha3 != NULL)
    g_hash_table_insert (tables->codes, g_strdup (alpha3), entry->code);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (names[i] == NULL)
        continue;
      index_name (tables, names[i], entry->code);
      index_name (tables, g_dgettext (COUNTRY_DOMAIN, names[i]), entry->code);
    }
}

static void
add_currency (IsoTables  *tables,
              JsonObject *object)
{
  const char *alpha3 = get_string (object, "alpha_3");
  const char *name = get_string (object, "name");
  IsoEntry *entry;

  if (alpha3 == NULL || name == NULL || g_hash_table_contains (tables->currencies, alpha3))
    return;

  entry = iso_entry_new (alpha3, name, NULL);
  g_hash_table_insert (tables->currencies, entry->code, entry);
}

static gboolean
load_standard (IsoTables   *tables,
               const char  *dir,
               const char  *standard,
               void       (*add) (IsoTables  *tables,
                                  JsonObject *object),
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array = load_array (parser, dir, standard, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add (tables, json_node_get_object (node));
    }

  return TRUE;
}

static gboolean
load_tables (IsoTables  *tables,
             GError    **error)
{
  g_autofree char *share_dir = NULL;
  g_autofree char *dir = find_data_dir (&share_dir);

  /* Bound first: translated names are indexed while reading. */
  bind_domains (share_dir);

  return load_standard (tables, dir, "3166-1", add_country, error) &&
         load_standard (tables, dir, "4217", add_currency, error);
}

static IsoTables *
get_tables (void)
{
  static IsoTables *tables;

  if (g_once_init_enter (&tables))
    {
      IsoTables *loaded = g_new0 (IsoTables, 1);

      loaded->countries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, iso_entry_free);
      loaded->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      loaded->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      loaded->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, iso_entry_free);

      /* Half the data would make some valid codes look invalid. */
      if (!load_tables (loaded, &loaded->error))
        {
          g_hash_table_remove_all (loaded->codes);
          g_hash_table_remove_all (loaded->names);
          g_hash_table_remove_all (loaded->countries);
          g_hash_table_remove_all (loaded->currencies);
        }

      g_once_init_leave (&tables, loaded);
    }

  return tables;
}

static const IsoEntry *
lookup (GHashTable *table,
        const char *code)
{
  return code != NULL ? g_hash_table_lookup (table, code) : NULL;
}

/**
 * ks_iso_codes_load:
 * @error: return location for a #KS_ERROR_IO error
 *
 * Reads the data now, to report a missing iso-codes package early.
 * Calling it again returns the first outcome without reading anything.
 *
 * Returns: %TRUE when the countries and currencies are available
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

/**
 * ks_country_is_valid:
 * @alpha2: (nullable): a code such as "NL"
 *
 * Only the exact upper-case code counts: this checks what is stored,
 * while ks_country_lookup_by_name() is lenient with what users type.
 *
 * Returns: whether @alpha2 is an ISO 3166-1 alpha-2 code
 */
gboolean
ks_country_is_valid (const char *alpha2)
{
  return lookup (get_tables ()->countries, alpha2) != NULL;
}

/**
 * ks_country_get_name:
 * @alpha2: (nullable): a code such as "NL"
 *
 * Returns: (transfer none) (nullable): the country's name in the user's
 *   language, "Belanda"; @alpha2 itself when it is unknown
 */
const char *
ks_country_get_name (const char *alpha2)
{
  const IsoEntry *entry = lookup (get_tables ()->countries, alpha2);

  return entry != NULL ? iso_entry_get_name (entry, COUNTRY_DOMAIN) : alpha2;
}

/**
 * ks_country_lookup_by_name:
 * @text: (nullable): what the user typed: an alpha-2 or alpha-3 code in
 *   any case ("nl", "NLD"), or a name in English or the user's language
 *   ("Netherlands", "Belanda", "Kingdom of the Netherlands"), ignoring
 *   case, accents and surrounding spaces
 *
 * Returns: (transfer none) (nullable): the alpha-2 code, or %NULL when
 *   @text names no country or several
 */
const char *
ks_country_lookup_by_name (const char *text)
{
  IsoTables *tables = get_tables ();
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  const char *alpha2;
  gsize len;

  if (text == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  len = strlen (trimmed);
  if (len == 2 || len == 3)
    {
      g_autofree char *upper = g_ascii_strup (trimmed, len);

      if ((alpha2 = g_hash_table_lookup (tables->codes, upper)) != NULL)
        return alpha2;
    }

  if (len == 0 || (folded = fold_name (trimmed)) == NULL)
    return NULL;

  alpha2 = g_hash_table_lookup (tables->names, folded);
  return alpha2 != ambiguous ? alpha2 : NULL;
}

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *first = a;
  const SortItem *second = b;
  int cmp = strcmp (first->key, second->key);

  return cmp != 0 ? cmp : strcmp (first->code, second->code);
}

/**
 * ks_country_list:
 *
 * Returns: (transfer container) (element-type utf8): every alpha-2 code,
 *   in the order of the countries' names in the user's language
 */
GPtrArray *
ks_country_list (void)
{
  GHashTable *countries = get_tables ()->countries;
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem),
                                               g_hash_table_size (countries));
  GPtrArray *codes = g_ptr_array_sized_new (g_hash_table_size (countries));
  GHashTableIter iter;
  gpointer value;

  g_array_set_clear_func (items, clear_sort_item);
  g_hash_table_iter_init (&iter, countries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const IsoEntry *entry = value;
      SortItem item = {
        g_utf8_collate_key (iso_entry_get_name (entry, COUNTRY_DOMAIN), -1),
        entry->code,
      };

      g_array_append_val (items, item);
    }

  g_array_sort (items, compare_sort_items);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (codes, (gpointer) g_array_index (items, SortItem, i).code);

  return codes;
}

/**
 * ks_country_list_model_new:
 *
 * The rows of a searchable country chooser, in the order of
 * ks_country_list().
 *
 * Returns: (transfer full): a #GListModel of #KsCountryItem
 */
GListModel *
ks_country_list_model_new (void)
{
  GHashTable *countries = get_tables ()->countries;
  g_autoptr(GPtrArray) codes = ks_country_list ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (codes->len, g_object_unref);
  GListStore *store = g_list_store_new (KS_TYPE_COUNTRY_ITEM);

  for (guint i = 0; i < codes->len; i++)
    {
      const IsoEntry *entry = g_hash_table_lookup (countries, g_ptr_array_index (codes, i));

      g_ptr_array_add (items, ks_country_item_new (entry->code,
                                                   iso_entry_get_name (entry, COUNTRY_DOMAIN),
                                                   iso_entry_get_english_name (entry)));
    }

  /* One items-changed for the whole list. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

/**
 * ks_country_validate:
 * @field_label: (nullable): the translated field name to start the message
 * @code: (nullable): the code to check
 * @error: return location for a #KS_ERROR_INVALID error
 *
 * Returns: whether @code is an ISO 3166-1 alpha-2 code
 */
gboolean
ks_country_validate (const char  *field_label,
                     const char  *code,
                     GError     **error)
{
  if (ks_country_is_valid (code))
    return TRUE;

  /* Both forms are whole sentences, for translators. */
  if (field_label != NULL)
    g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                 _("%s: “%s” is not an ISO 3166-1 country code"),
                 field_label, code != NULL ? code : "");
  else
    g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                 _("“%s” is not an ISO 3166-1 country code"),
                 code != NULL ? code : "");

  return FALSE;
}

/**
 * ks_currency_is_valid:
 * @alpha3: (nullable): a code such as "IDR"
 *
 * Returns: whether @alpha3 is an ISO 4217 code, exactly as written
 */
gboolean
ks_currency_is_valid (const char *alpha3)
{
  return lookup (get_tables ()->currencies, alpha3) != NULL;
}

/**
 * ks_currency_get_name:
 * @alpha3: (nullable): a code such as "USD"
 *
 * Returns: (transfer none) (nullable): the currency's name in the user's
 *   language, "Dollar Amerika"; @alpha3 itself when it is unknown
 */
const char *
ks_currency_get_name (const char *alpha3)
{
  const IsoEntry *entry = lookup (get_tables ()->currencies, alpha3);

  return entry != NULL ? iso_entry_get_name (entry, CURRENCY_DOMAIN) : alpha3;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * ks_currency_list:
 *
 * Returns: (transfer container) (element-type utf8): every ISO 4217 code,
 *   alphabetically, since amounts are labelled by code
 */
GPtrArray *
ks_currency_list (void)
{
  GHashTable *currencies = get_tables ()->currencies;
  GPtrArray *codes = g_ptr_array_sized_new (g_hash_table_size (currencies));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, currencies);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (codes, key);

  g_ptr_array_sort (codes, compare_codes);
  return codes;
}

/**
 * ks_currency_validate:
 * @field_label: (nullable): the translated field name to start the message
 * @code: (nullable): the code to check
 * @error: return location for a #KS_ERROR_INVALID error
 *
 * Returns: whether @code is an ISO 4217 code
 */
gboolean
ks_currency_validate (const char  *field_label,
                      const char  *code,
                      GError     **error)
{
  if (ks_currency_is_valid (code))
    return TRUE;

  if (field_label != NULL)
    g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                 _("%s: “%s” is not an ISO 4217 currency code"),
                 field_label, code != NULL ? code : "");
  else
    g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                 _("“%s” is not an ISO 4217 currency code"),
                 code != NULL ? code : "");

  return FALSE;
}
