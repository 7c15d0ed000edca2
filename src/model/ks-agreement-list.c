/* ks-agreement-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-list"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#ifdef G_OS_UNIX
# include <sys/mman.h>
# ifdef MADV_HUGEPAGE
#  define KS_USE_MADV_HUGEPAGE 1
# endif
#endif

#include "ks-agreement-list.h"
#include "ks-agreement-summary-private.h"
#include "ks-keys.h"

/*
 * The register's table, as a GListModel the window binds directly.
 *
 * One SELECT reads every listed column of every agreement into plain
 * structs (strings in one arena); summary objects are made only for
 * the rows a view asks for, and kept in a weak cache so that the same row
 * stays the same object while anyone holds it.  Filtering, searching and
 * sorting run over the structs: each row carries a casefolded search text
 * and precomputed day numbers, and collation keys are computed once per
 * row the first time a column is sorted.
 *
 * Three arrays of row indices describe what is shown: `order` (every row,
 * sorted), `filtered` (those the filter's criteria keep) and `visible`
 * (those that also match the search).  A keystroke scans `filtered`, or
 * only `visible` when the new text narrows the old one.
 */

/* Strings: a bump allocator, since every string of a table lives and dies
 * with it. */

/* Blocks are aligned so that Linux can back them with huge pages: a
 * register of 100,000 agreements takes some 60 MB, and faulting that in
 * 4 KiB at a time costs more than reading it from SQLite. */
#define ARENA_BLOCK_SIZE (2 * 1024 * 1024)

typedef struct
{
  GSList *blocks;
  char   *pos;
  gsize   left;
} Arena;

static char *
arena_alloc (Arena *arena,
             gsize  size)
{
  char *result;

  if (size > arena->left)
    {
      gsize block = (size + ARENA_BLOCK_SIZE - 1) / ARENA_BLOCK_SIZE * ARENA_BLOCK_SIZE;

      arena->pos = g_aligned_alloc (1, block, ARENA_BLOCK_SIZE);
#ifdef KS_USE_MADV_HUGEPAGE
      madvise (arena->pos, block, MADV_HUGEPAGE);
#endif
      arena->left = block;
      arena->blocks = g_slist_prepend (arena->blocks, arena->pos);
    }

  result = arena->pos;
  arena->pos += size;
  arena->left -= size;

  return result;
}

static const char *
arena_copy (Arena      *arena,
            const char *text,
            gsize       len)
{
  char *copy;

  if (len == 0)
    return "";

  copy = arena_alloc (arena, len + 1);
  memcpy (copy, text, len);
  copy[len] = '\0';

  return copy;
}

static void
arena_clear (Arena *arena)
{
  g_slist_free_full (arena->blocks, g_aligned_free);
  arena->blocks = NULL;
  arena->pos = NULL;
  arena->left = 0;
}

/* Precomputed from the stage and reporting columns at load. */
enum {
  ROW_MAY_NEED_FOLLOW_UP = 1 << 0,
  ROW_RUNNING            = 1 << 1,
  ROW_NOT_REPORTED       = 1 << 2,
  STAGE_SIGNED_OR_LATER  = 1 << 7,   /* while loading only */
};

typedef struct
{
  gint64       id;
  const char  *texts[KS_SUMMARY_N_TEXTS];
  const char  *haystack;        /* casefolded text the search looks in */
  guint32      activity_day;    /* day_number(): newest of event, signing, start; 0 none */
  guint32      ends_day;        /* day_number(): last day ends_on covers; 0 none */
  guint16      start_year;      /* 0: unknown */
  guint16      end_year;        /* 0: open */
  guint16      region;          /* index into Table.regions */
  gint8        stage;           /* ks_key_get_index(), -1 unknown */
  gint8        form;
  guint8       flags;
} Row;

typedef struct
{
  gint64       id;
  const char  *code;
  const char  *name;
  const char  *key;             /* collation key of the name, made when sorting */
} Region;

typedef enum
{
  KEY_TITLE,
  KEY_LOCAL_PARTIES,
  KEY_PARTNERS,
  N_KEY_COLUMNS
} KeyColumn;

typedef struct
{
  Row          *rows;           /* by id, in the arena */
  guint         n_rows;
  guint         capacity;
  Region       *regions;
  guint         n_regions;
  Arena         strings;
  const char  **keys[N_KEY_COLUMNS];
} Table;

struct _KsAgreementList
{
  GObject                parent_instance;

  KsDatabase            *db;
  KsAgreementFilter     *filter;
  Table                 *table;
  guint                 *order;
  guint                 *filtered;
  guint                  n_filtered;
  guint                 *visible;
  guint                  n_visible;
  GStrv                  search_terms;
  KsAgreementSortColumn  sort_column;
  gboolean               descending;
  GHashTable            *items;           /* id → KsAgreementSummary, weak */
  gint64                 loaded_changes;  /* what the table reflects, see data_version() */
  gint64                 loaded_data_version;
};

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_FILTER,
  PROP_N_ITEMS,
  PROP_TOTAL,
  N_PROPS
};

enum {
  COUNTS_CHANGED,
  N_SIGNALS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ENUM_TYPE (KsAgreementSortColumn, ks_agreement_sort_column,
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_TITLE, "title"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_REGION, "region"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_LOCAL_PARTIES, "local-parties"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_PARTNERS, "partners"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_FORM, "form"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_STAGE, "stage"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_PERIOD, "period"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_LAST_FOLLOW_UP, "last-follow-up"),
  G_DEFINE_ENUM_VALUE (KS_AGREEMENT_SORT_UPDATED, "updated"))

G_DEFINE_FINAL_TYPE_WITH_CODE (KsAgreementList, ks_agreement_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The tables whose changes can alter a listed column. */
static const char * const watched_tables[] = {
  "agreements", "events", "regions", "partners", "local_parties", NULL
};

enum {
  COL_ID,
  COL_UUID,
  COL_TITLE,
  COL_DESCRIPTION,
  COL_NOTES,
  COL_REGION_ID,
  COL_REGION_CODE,
  COL_REGION_NAME,
  COL_LOCAL_PARTIES,
  COL_PARTNERS,
  COL_COUNTRIES,
  COL_FORM,
  COL_DOCUMENT,
  COL_STAGE,
  COL_SECTORS,
  COL_SIGNED_ON,
  COL_STARTS_ON,
  COL_ENDS_ON,
  COL_LAST_EVENT_ON,
  COL_REPORTED_TO_CENTER_ON,
  COL_REPORTED_BY_AGENCY_ON,
  COL_UPDATED_AT,
  COL_HAS_IMPLEMENTING,
};

/* CROSS JOIN keeps agreements the outer loop, so rows come in id order
 * without a sort.  The CASE only spares the lookup of implementing
 * parties where the "not reported" rule cannot need it (its stage list
 * mirrors ks_stage_is_signed_or_later()); row_flags() decides. */
static const char load_sql[] =
  "SELECT a.id, a.uuid, a.title, a.description, a.notes, a.region_id, r.code, r.name, "
  "a.local_parties_text, a.partners_text, a.countries, a.form, a.document, a.stage, "
  "a.sectors_text, a.signed_on, a.starts_on, a.ends_on, a.last_event_on, "
  "a.reported_to_center_on, a.reported_by_agency_on, a.updated_at, "
  "CASE WHEN a.reported_by_agency_on = '' AND a.reported_to_center_on <> '' "
  "AND a.stage IN ('signed', 'active', 'completed') "
  "THEN EXISTS (SELECT 1 FROM agreement_local_parties alp "
  "WHERE alp.agreement_id = a.id AND alp.role = 'implementing') ELSE 0 END "
  "FROM agreements a CROSS JOIN regions r ON r.id = a.region_id "
  "WHERE a.deleted_at IS NULL ORDER BY a.id";

/* Columns copied as they are. */
static const struct {
  KsSummaryText text;
  int           column;
} plain_columns[] = {
  { KS_SUMMARY_UUID, COL_UUID },
  { KS_SUMMARY_TITLE, COL_TITLE },
  { KS_SUMMARY_LOCAL_PARTIES, COL_LOCAL_PARTIES },
  { KS_SUMMARY_PARTNERS, COL_PARTNERS },
  { KS_SUMMARY_COUNTRIES, COL_COUNTRIES },
  { KS_SUMMARY_SECTORS, COL_SECTORS },
  { KS_SUMMARY_SIGNED_ON, COL_SIGNED_ON },
  { KS_SUMMARY_STARTS_ON, COL_STARTS_ON },
  { KS_SUMMARY_ENDS_ON, COL_ENDS_ON },
  { KS_SUMMARY_LAST_EVENT_ON, COL_LAST_EVENT_ON },
  { KS_SUMMARY_REPORTED_TO_CENTER_ON, COL_REPORTED_TO_CENTER_ON },
  { KS_SUMMARY_REPORTED_BY_AGENCY_ON, COL_REPORTED_BY_AGENCY_ON },
  { KS_SUMMARY_UPDATED_AT, COL_UPDATED_AT },
};

/* ------------------------------------------------------------------ */
/* Partial dates.  ks-partial-date.h had no overlap or day helpers when
 * this was written; these read the stored forms ("2015", "2015-09",
 * "2015-09-25") and treat anything else as unknown. */

static inline gboolean
is_leap_year (guint year)
{
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static guint
days_in_month (guint month,
               guint year)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return days[month - 1] + (month == 2 && is_leap_year (year));
}

/* Days since the start of year 1, like g_date_get_julian(); only
 * compared, never shown.  GDate's own is slower for 300,000 dates. */
static guint32
day_number (guint year,
            guint month,
            guint day)
{
  static const guint16 before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
  guint32 y = year - 1;

  return y * 365 + y / 4 - y / 100 + y / 400 + before_month[month - 1] + day +
         (month > 2 && is_leap_year (year));
}

static gboolean
parse_partial_date (const char *text,
                    guint      *year,
                    guint      *month,
                    guint      *day)
{
  gsize len = strlen (text);

  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;

  *year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  *month = len >= 7 ? (guint) ((text[5] - '0') * 10 + (text[6] - '0')) : 0;
  *day = len == 10 ? (guint) ((text[8] - '0') * 10 + (text[9] - '0')) : 0;

  if (*year == 0 || *month > 12 || (len >= 7 && *month == 0))
    return FALSE;
  if (len == 10 && (*day == 0 || *day > days_in_month (*month, *year)))
    return FALSE;

  return TRUE;
}

/* The day number of the last day a partial date covers ("2018-03" →
 * 31 March 2018), or 0 when empty or unreadable. */
static guint32
partial_date_last_day (const char *text)
{
  guint year, month, day;

  if (text[0] == '\0' || !parse_partial_date (text, &year, &month, &day))
    return 0;

  if (month == 0)
    month = 12;
  if (day == 0)
    day = days_in_month (month, year);

  return day_number (year, month, day);
}

static guint32
date_day_number (const GDate *date)
{
  return day_number (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static guint16
partial_date_year (const char *text)
{
  guint year, month, day;

  if (text[0] == '\0' || !parse_partial_date (text, &year, &month, &day))
    return 0;

  return year;
}

/* ------------------------------------------------------------------ */
/* Search text: casefolded, compatibility decomposed, without accents,
 * so that "zurich" finds "Zürich" and "xi'an" finds "Xi’an". */

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH_BITS (ONES * 0x80)

static char *
fold_char_uncached (gunichar c)
{
  char utf8[8];
  int len = g_unichar_to_utf8 (c, utf8);
  g_autofree char *folded = g_utf8_casefold (utf8, len);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (g_unichar_type (d) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (d == 0x2018 || d == 0x2019 || d == 0x02BC || d == 0x2032)
        d = '\'';
      else if (d == 0x201C || d == 0x201D)
        d = '"';

      g_string_append_unichar (out, d);
    }

  return g_string_free (out, FALSE);
}

/* Folding works character by character (casefolding has no context, and
 * the marks canonical reordering would move are dropped), so a few
 * distinct characters cover a whole register. */
static const char *
fold_char (GHashTable *cache,
           gunichar    c)
{
  char *folded = g_hash_table_lookup (cache, GUINT_TO_POINTER (c));

  if (folded == NULL)
    {
      folded = fold_char_uncached (c);
      g_hash_table_insert (cache, GUINT_TO_POINTER (c), folded);
    }

  return folded;
}

static gsize
ascii_prefix (const char *text,
              gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      if ((word & HIGH_BITS) != 0)
        break;
    }
  while (i < len && (guchar) text[i] < 0x80)
    i++;

  return i;
}

/* Lowercases ASCII eight bytes at a time: a byte gets 0x20 when adding
 * 0x3f sets its high bit (≥ 'A') and adding 0x25 does not (≤ 'Z'); bytes
 * below 0x80 never carry into their neighbours. */
static void
append_lower_ascii (GString    *out,
                    const char *text,
                    gsize       len)
{
  gsize start = out->len;
  gsize i = 0;
  char *p;

  g_string_set_size (out, start + len);
  p = out->str + start;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word, upper;

      memcpy (&word, text + i, 8);
      upper = (word + ONES * (0x80 - 'A')) & ~(word + ONES * (0x7f - 'Z')) & HIGH_BITS;
      word |= upper >> 2;
      memcpy (p + i, &word, 8);
    }
  for (; i < len; i++)
    p[i] = text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A') : text[i];
}

static void
fold_append (GString    *out,
             const char *text,
             gsize       len,
             GHashTable *cache)
{
  const char *end = text + len;

  while (text < end)
    {
      gsize ascii = ascii_prefix (text, end - text);
      gunichar c;

      append_lower_ascii (out, text, ascii);
      text += ascii;
      if (text == end)
        break;

      c = g_utf8_get_char_validated (text, end - text);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          text++;   /* not UTF-8: skip the byte */
          continue;
        }
      g_string_append (out, fold_char (cache, c));
      text = g_utf8_next_char (text);
    }
}

static GHashTable *
fold_cache_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

static GStrv
parse_search_terms (const char *text)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GHashTable) cache = fold_cache_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  guint n = 0;

  if (text == NULL)
    return NULL;

  fold_append (folded, text, strlen (text), cache);
  words = g_strsplit_set (folded->str, " \t\n\r\f\v", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        g_strv_builder_add (builder, words[i]);
        n++;
      }

  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static gboolean
haystack_matches (const char         *haystack,
                  const char * const *terms)
{
  for (guint i = 0; terms[i] != NULL; i++)
    if (strstr (haystack, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* Matches for @new_terms are a subset of those for @old_terms when every
 * old word is part of a new one (the user kept typing). */
static gboolean
terms_narrow (const char * const *old_terms,
              const char * const *new_terms)
{
  if (old_terms == NULL)
    return TRUE;
  if (new_terms == NULL)
    return FALSE;

  for (guint i = 0; old_terms[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; !found && new_terms[j] != NULL; j++)
        found = strstr (new_terms[j], old_terms[i]) != NULL;
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Country names.  ks-iso-codes.h did not exist yet when this was
 * written; this reads the same iso-codes data and its gettext domain. */

static GHashTable *
load_country_names (void)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, "share", "iso-codes", "json",
                                            "iso_3166-1.json", NULL);
  g_autofree char *localedir = g_build_filename (ISO_CODES_PREFIX, "share", "locale", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *entries;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_debug ("Country names unavailable: %s", error->message);
      return names;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "3166-1"))
    return names;

  entries = json_object_get_array_member (json_node_get_object (root), "3166-1");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
      const char *name = json_object_get_string_member_with_default (entry, "name", NULL);

      if (code != NULL && name != NULL)
        g_hash_table_insert (names, g_strdup (code), g_strdup (name));
    }

  bindtextdomain ("iso_3166-1", localedir);
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");

  return names;
}

static const char *
country_name (const char *code)
{
  static GHashTable *names;
  const char *name;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, load_country_names ());

  name = g_hash_table_lookup (names, code);
  return name != NULL ? g_dgettext ("iso_3166-1", name) : NULL;
}

/* ------------------------------------------------------------------ */
/* Loading */

typedef struct
{
  Table      *table;
  GArray     *regions;
  GHashTable *region_index;    /* region id → index + 1 */
  GHashTable *country_names;   /* countries column → folded names */
  GHashTable *fold_cache;
  GString    *buffer;
  guint8      stage_flags[G_MAXINT8];
} Loader;

static void
table_free (Table *table)
{
  if (table == NULL)
    return;

  for (guint i = 0; i < N_KEY_COLUMNS; i++)
    g_free (table->keys[i]);
  g_free (table->regions);
  arena_clear (&table->strings);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static const char *
copy_column (Table        *table,
             sqlite3_stmt *stmt,
             int           column,
             gsize        *length)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  /* strlen() is cheaper than another call into SQLite, which locks. */
  *length = text != NULL ? strlen (text) : 0;
  return arena_copy (&table->strings, text, *length);
}

/* Known keys point at ks-keys' own strings; only unknown ones (from a
 * newer program) are stored. */
static const char *
copy_key (Table        *table,
          sqlite3_stmt *stmt,
          int           column,
          KsKeySet      set,
          gint8        *index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  int i;

  if (text == NULL)
    text = "";

  i = ks_key_get_index (set, text);
  *index = (gint8) i;
  if (i >= 0)
    return ks_key_set_get_keys (set)[i];

  return arena_copy (&table->strings, text, strlen (text));
}

static guint16
lookup_region (Loader       *loader,
               sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, COL_REGION_ID);
  gpointer found = g_hash_table_lookup (loader->region_index, GSIZE_TO_POINTER ((gsize) id));
  Region region;
  gsize length;

  if (found != NULL)
    return GPOINTER_TO_SIZE (found) - 1;

  region.id = id;
  region.code = copy_column (loader->table, stmt, COL_REGION_CODE, &length);
  region.name = copy_column (loader->table, stmt, COL_REGION_NAME, &length);
  region.key = NULL;
  g_array_append_val (loader->regions, region);
  g_hash_table_insert (loader->region_index, GSIZE_TO_POINTER ((gsize) id),
                       GSIZE_TO_POINTER ((gsize) loader->regions->len));

  return loader->regions->len - 1;
}

static const char *
folded_country_names (Loader     *loader,
                      const char *countries)
{
  g_auto(GStrv) codes = NULL;
  GString *names;

  if (countries[0] == '\0')
    return "";

  names = g_hash_table_lookup (loader->country_names, countries);
  if (names != NULL)
    return names->str;

  names = g_string_new (NULL);
  codes = g_strsplit (countries, ";", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *name = country_name (g_strstrip (codes[i]));

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append_c (names, '\n');
      fold_append (names, name, strlen (name), loader->fold_cache);
    }

  g_hash_table_insert (loader->country_names, (gpointer) countries, names);
  return names->str;
}

static void
append_field (Loader     *loader,
              const char *text,
              gsize       len)
{
  if (len == 0)
    return;

  fold_append (loader->buffer, text, len, loader->fold_cache);
  g_string_append_c (loader->buffer, '\n');
}

static void
append_column (Loader       *loader,
               sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text != NULL)
    append_field (loader, text, strlen (text));
}

/* A newline ends each field: search words never contain one, so no
 * match spans two fields. */
static const char *
build_haystack (Loader       *loader,
                sqlite3_stmt *stmt,
                const Row    *row,
                const gsize  *lengths)
{
  static const KsSummaryText fields[] = {
    KS_SUMMARY_LOCAL_PARTIES, KS_SUMMARY_PARTNERS, KS_SUMMARY_COUNTRIES,
  };
  const char *names = folded_country_names (loader, row->texts[KS_SUMMARY_COUNTRIES]);

  g_string_truncate (loader->buffer, 0);
  append_field (loader, row->texts[KS_SUMMARY_TITLE], lengths[KS_SUMMARY_TITLE]);
  append_column (loader, stmt, COL_DESCRIPTION);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    append_field (loader, row->texts[fields[i]], lengths[fields[i]]);
  append_field (loader, names, strlen (names));
  append_column (loader, stmt, COL_NOTES);

  return arena_copy (&loader->table->strings, loader->buffer->str, loader->buffer->len);
}

/* The newest date that shows the agreement alive, so that one signed last
 * month is not flagged for lack of events. */
static guint32
activity_day (const Row *row)
{
  guint32 event = partial_date_last_day (row->texts[KS_SUMMARY_LAST_EVENT_ON]);
  guint32 signed_on = partial_date_last_day (row->texts[KS_SUMMARY_SIGNED_ON]);
  guint32 starts_on = partial_date_last_day (row->texts[KS_SUMMARY_STARTS_ON]);

  return MAX (event, MAX (signed_on, starts_on));
}

/* What a stage implies, from ks-keys' predicates; worked out once per
 * load for the known stages. */
static guint8
stage_flags (const char *stage)
{
  return (ks_stage_may_need_follow_up (stage) ? ROW_MAY_NEED_FOLLOW_UP : 0) |
         (ks_stage_is_running (stage) ? ROW_RUNNING : 0) |
         (ks_stage_is_signed_or_later (stage) ? STAGE_SIGNED_OR_LATER : 0);
}

static guint8
row_flags (const Loader *loader,
           const Row    *row,
           gboolean      has_implementing)
{
  guint8 flags = row->stage >= 0 ? loader->stage_flags[row->stage]
                                 : stage_flags (row->texts[KS_SUMMARY_STAGE]);

  if ((flags & STAGE_SIGNED_OR_LATER) != 0 &&
      (row->texts[KS_SUMMARY_REPORTED_TO_CENTER_ON][0] == '\0' ||
       (has_implementing && row->texts[KS_SUMMARY_REPORTED_BY_AGENCY_ON][0] == '\0')))
    flags |= ROW_NOT_REPORTED;

  return flags & ~STAGE_SIGNED_OR_LATER;
}

/* Sized from a count that includes deleted rows (it reads an index, not
 * the table), so the array rarely grows. */
static void
reserve_rows (KsDatabase *db,
              Table      *table)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT count(*) FROM agreements", NULL);
  gint64 count = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);

  table->capacity = (guint) CLAMP (count, 0, G_MAXUINT / 2) + 16;
  table->rows = (Row *) arena_alloc (&table->strings, table->capacity * sizeof (Row));
}

static void
append_row (Table     *table,
            const Row *row)
{
  if (table->n_rows == table->capacity)
    {
      Row *rows = (Row *) arena_alloc (&table->strings, 2 * table->capacity * sizeof (Row));

      memcpy (rows, table->rows, table->n_rows * sizeof (Row));
      table->rows = rows;
      table->capacity *= 2;
    }

  table->rows[table->n_rows++] = *row;
}

static void
read_row (Loader       *loader,
          sqlite3_stmt *stmt)
{
  Table *table = loader->table;
  const Region *region;
  const char *start;
  gsize lengths[KS_SUMMARY_N_TEXTS];
  gint8 ignored;
  Row row;

  row.id = sqlite3_column_int64 (stmt, COL_ID);
  for (guint i = 0; i < G_N_ELEMENTS (plain_columns); i++)
    row.texts[plain_columns[i].text] = copy_column (table, stmt, plain_columns[i].column,
                                                    &lengths[plain_columns[i].text]);

  row.region = lookup_region (loader, stmt);
  region = &g_array_index (loader->regions, Region, row.region);
  row.texts[KS_SUMMARY_REGION_CODE] = region->code;
  row.texts[KS_SUMMARY_REGION_NAME] = region->name;
  row.texts[KS_SUMMARY_FORM] = copy_key (table, stmt, COL_FORM, KS_KEY_SET_FORM, &row.form);
  row.texts[KS_SUMMARY_DOCUMENT] = copy_key (table, stmt, COL_DOCUMENT, KS_KEY_SET_DOCUMENT, &ignored);
  row.texts[KS_SUMMARY_STAGE] = copy_key (table, stmt, COL_STAGE, KS_KEY_SET_STAGE, &row.stage);

  row.haystack = build_haystack (loader, stmt, &row, lengths);
  row.activity_day = activity_day (&row);
  row.ends_day = partial_date_last_day (row.texts[KS_SUMMARY_ENDS_ON]);
  start = row.texts[KS_SUMMARY_STARTS_ON][0] != '\0' ? row.texts[KS_SUMMARY_STARTS_ON]
                                                       : row.texts[KS_SUMMARY_SIGNED_ON];
  row.start_year = partial_date_year (start);
  row.end_year = partial_date_year (row.texts[KS_SUMMARY_ENDS_ON]);
  row.flags = row_flags (loader, &row, sqlite3_column_int (stmt, COL_HAS_IMPLEMENTING) != 0);

  append_row (table, &row);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static Table *
table_load (KsDatabase  *db,
            GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, load_sql, error);
  g_autoptr(Table) table = NULL;
  Loader loader;
  int rc;

  if (stmt == NULL)
    return NULL;

  table = g_new0 (Table, 1);
  reserve_rows (db, table);
  loader.table = table;
  loader.regions = g_array_new (FALSE, FALSE, sizeof (Region));
  loader.region_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  loader.country_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_string);
  loader.fold_cache = fold_cache_new ();
  loader.buffer = g_string_sized_new (1024);
  for (guint i = 0; i < ks_key_set_get_n_keys (KS_KEY_SET_STAGE); i++)
    loader.stage_flags[i] = stage_flags (ks_key_set_get_keys (KS_KEY_SET_STAGE)[i]);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_row (&loader, stmt);

  table->n_regions = loader.regions->len;
  table->regions = (Region *) g_array_free (loader.regions, FALSE);
  g_hash_table_unref (loader.region_index);
  g_hash_table_unref (loader.country_names);
  g_hash_table_unref (loader.fold_cache);
  g_string_free (loader.buffer, TRUE);

  if (rc != SQLITE_DONE)
    {
      ks_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&table);
}

static const Row *
table_find (const Table *table,
            gint64       id)
{
  guint lo = 0, hi = table->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->rows[mid].id == id)
        return &table->rows[mid];
      if (table->rows[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static gboolean
rows_equal (const Row *a,
            const Row *b)
{
  if (a->id != b->id)
    return FALSE;

  for (guint i = 0; i < KS_SUMMARY_N_TEXTS; i++)
    if (a->texts[i] != b->texts[i] && strcmp (a->texts[i], b->texts[i]) != 0)
      return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Sorting */

typedef struct
{
  const Table  *table;
  const char  **keys;           /* one collation key per row */
  KsSummaryText text;
} SortContext;

static const char *
collate_key (GHashTable   *seen,
             Arena        *strings,
             const char   *text)
{
  const char *key = g_hash_table_lookup (seen, text);
  g_autofree char *made = NULL;

  if (key != NULL)
    return key;

  made = g_utf8_collate_key (text, -1);
  key = arena_copy (strings, made, strlen (made));
  g_hash_table_insert (seen, (gpointer) text, (gpointer) key);

  return key;
}

/* Once per table: the same titles, parties and partners recur, so equal
 * texts share a key. */
static const char **
ensure_keys (Table     *table,
             KeyColumn  column)
{
  static const KsSummaryText texts[N_KEY_COLUMNS] = {
    KS_SUMMARY_TITLE, KS_SUMMARY_LOCAL_PARTIES, KS_SUMMARY_PARTNERS,
  };
  g_autoptr(GHashTable) seen = NULL;

  if (table->keys[column] != NULL)
    return table->keys[column];

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  table->keys[column] = g_new (const char *, table->n_rows);
  for (guint i = 0; i < table->n_rows; i++)
    table->keys[column][i] = collate_key (seen, &table->strings, table->rows[i].texts[texts[column]]);

  return table->keys[column];
}

static const char **
region_keys (Table *table)
{
  const char **keys = g_new (const char *, table->n_rows);

  for (guint i = 0; i < table->n_regions; i++)
    if (table->regions[i].key == NULL)
      {
        g_autofree char *key = g_utf8_collate_key (table->regions[i].name, -1);
        g_autofree char *with_code = g_strconcat (key, "\x01", table->regions[i].code, NULL);

        table->regions[i].key = arena_copy (&table->strings, with_code, strlen (with_code));
      }

  for (guint i = 0; i < table->n_rows; i++)
    keys[i] = table->regions[table->rows[i].region].key;

  return keys;
}

/* Forms sort by what the user reads, their translated labels. */
static const char **
form_keys (Table *table)
{
  g_autoptr(GHashTable) by_form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_label = g_hash_table_new (g_str_hash, g_str_equal);
  const char **keys = g_new (const char *, table->n_rows);

  for (guint i = 0; i < table->n_rows; i++)
    {
      const char *form = table->rows[i].texts[KS_SUMMARY_FORM];
      const char *key = g_hash_table_lookup (by_form, form);

      if (key == NULL)
        {
          key = collate_key (by_label, &table->strings, ks_key_get_label (KS_KEY_SET_FORM, form));
          g_hash_table_insert (by_form, (gpointer) form, (gpointer) key);
        }
      keys[i] = key;
    }

  return keys;
}

static inline int
compare_index (guint a,
               guint b)
{
  /* Rows are in id order, so the index breaks ties by id. */
  return a < b ? -1 : a > b;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const SortContext *context = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int result = strcmp (context->keys[i], context->keys[j]);

  return result != 0 ? result : compare_index (i, j);
}

static int
compare_text (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const SortContext *context = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int result = strcmp (context->table->rows[i].texts[context->text],
                       context->table->rows[j].texts[context->text]);

  return result != 0 ? result : compare_index (i, j);
}

static int
compare_period (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const SortContext *context = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const Row *x = &context->table->rows[i], *y = &context->table->rows[j];
  int result = strcmp (x->texts[KS_SUMMARY_STARTS_ON], y->texts[KS_SUMMARY_STARTS_ON]);

  if (result == 0)
    result = strcmp (x->texts[KS_SUMMARY_ENDS_ON], y->texts[KS_SUMMARY_ENDS_ON]);

  return result != 0 ? result : compare_index (i, j);
}

static int
compare_stage (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const SortContext *context = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const Row *x = &context->table->rows[i], *y = &context->table->rows[j];
  /* Unknown stages (a newer program's) after the known ones. */
  int rank_x = x->stage >= 0 ? x->stage : G_MAXINT8;
  int rank_y = y->stage >= 0 ? y->stage : G_MAXINT8;
  int result = rank_x - rank_y;

  if (result == 0 && x->stage < 0)
    result = strcmp (x->texts[KS_SUMMARY_STAGE], y->texts[KS_SUMMARY_STAGE]);

  return result != 0 ? result : compare_index (i, j);
}

static void
reverse (guint *array,
         guint  n)
{
  for (guint i = 0; i < n / 2; i++)
    {
      guint swap = array[i];

      array[i] = array[n - 1 - i];
      array[n - 1 - i] = swap;
    }
}

static void
sort_rows (KsAgreementList *self)
{
  Table *table = self->table;
  SortContext context = { table, NULL, KS_SUMMARY_TITLE };
  g_autofree const char **owned_keys = NULL;
  GCompareDataFunc compare = compare_keys;

  g_free (self->order);
  self->order = g_new (guint, MAX (table->n_rows, 1));
  for (guint i = 0; i < table->n_rows; i++)
    self->order[i] = i;

  switch (self->sort_column)
    {
    case KS_AGREEMENT_SORT_NONE:
      compare = NULL;
      break;
    case KS_AGREEMENT_SORT_TITLE:
      context.keys = ensure_keys (table, KEY_TITLE);
      break;
    case KS_AGREEMENT_SORT_LOCAL_PARTIES:
      context.keys = ensure_keys (table, KEY_LOCAL_PARTIES);
      break;
    case KS_AGREEMENT_SORT_PARTNERS:
      context.keys = ensure_keys (table, KEY_PARTNERS);
      break;
    case KS_AGREEMENT_SORT_REGION:
      context.keys = owned_keys = region_keys (table);
      break;
    case KS_AGREEMENT_SORT_FORM:
      context.keys = owned_keys = form_keys (table);
      break;
    case KS_AGREEMENT_SORT_STAGE:
      compare = compare_stage;
      break;
    case KS_AGREEMENT_SORT_PERIOD:
      compare = compare_period;
      break;
    case KS_AGREEMENT_SORT_LAST_FOLLOW_UP:
      compare = compare_text;
      context.text = KS_SUMMARY_LAST_EVENT_ON;
      break;
    case KS_AGREEMENT_SORT_UPDATED:
      compare = compare_text;
      context.text = KS_SUMMARY_UPDATED_AT;
      break;
    default:
      g_assert_not_reached ();
    }

  if (compare != NULL)
    g_qsort_with_data (self->order, table->n_rows, sizeof (guint), compare, &context);
  if (self->descending)
    reverse (self->order, table->n_rows);
}

/* ------------------------------------------------------------------ */
/* Filtering */

typedef struct
{
  const char * const *stages;
  const char * const *forms;
  const char * const *sectors;
  const char * const *countries;
  gboolean           *region_ok;     /* per table region; NULL = all */
  guint               year_from;
  guint               year_to;
  KsSmartView         view;
  guint32             today;
  guint32             follow_up_limit;
  guint32             expiry_limit;
} Criteria;

static void
prepare_limits (KsAgreementFilter *filter,
                Criteria          *criteria)
{
  GDate today, date;

  ks_agreement_filter_get_today (filter, &today);
  criteria->today = date_day_number (&today);

  date = today;
  g_date_subtract_months (&date, ks_agreement_filter_get_follow_up_months (filter));
  criteria->follow_up_limit = date_day_number (&date);

  date = today;
  g_date_add_months (&date, ks_agreement_filter_get_expiry_months (filter));
  criteria->expiry_limit = date_day_number (&date);
}

static void
prepare_criteria (KsAgreementList *self,
                  Criteria        *criteria)
{
  KsAgreementFilter *filter = self->filter;
  const char * const *regions = ks_agreement_filter_get_regions (filter);

  criteria->stages = ks_agreement_filter_get_stages (filter);
  criteria->forms = ks_agreement_filter_get_forms (filter);
  criteria->sectors = ks_agreement_filter_get_sectors (filter);
  criteria->countries = ks_agreement_filter_get_countries (filter);
  criteria->year_from = ks_agreement_filter_get_year_from (filter);
  criteria->year_to = ks_agreement_filter_get_year_to (filter);
  criteria->view = ks_agreement_filter_get_smart_view (filter);
  prepare_limits (filter, criteria);

  criteria->region_ok = NULL;
  if (regions != NULL)
    {
      criteria->region_ok = g_new0 (gboolean, MAX (self->table->n_regions, 1));
      for (guint i = 0; i < self->table->n_regions; i++)
        criteria->region_ok[i] = g_strv_contains (regions, self->table->regions[i].code);
    }
}

/* Whether a ";"-separated column names any member of @set. */
static gboolean
list_has_any (const char         *list,
              const char * const *set)
{
  while (*list != '\0')
    {
      const char *end = strchr (list, ';');
      gsize len = end != NULL ? (gsize) (end - list) : strlen (list);

      for (guint i = 0; set[i] != NULL; i++)
        if (strlen (set[i]) == len && g_ascii_strncasecmp (set[i], list, len) == 0)
          return TRUE;

      if (end == NULL)
        break;
      list = end + 1;
    }

  return FALSE;
}

/* An agreement's period runs from its start (or signing) to its end; an
 * empty end means it is still running.  An agreement with no date at all
 * cannot be placed in any year. */
static gboolean
row_in_years (const Row *row,
              guint      year_from,
              guint      year_to)
{
  if (year_from == 0 && year_to == 0)
    return TRUE;
  if (row->start_year == 0 && row->end_year == 0)
    return FALSE;
  if (year_from != 0 && year_to != 0 && year_from > year_to)
    return FALSE;
  if (year_to != 0 && row->start_year != 0 && row->start_year > year_to)
    return FALSE;
  if (year_from != 0 && row->end_year != 0 && row->end_year < year_from)
    return FALSE;

  return TRUE;
}

/* Needs follow-up measures from the newest of the last event, the signing
 * and the start, each taken at the last day it covers; an agreement with
 * none of them has nothing showing it alive and is flagged. */
static gboolean
row_in_view (const Row      *row,
             const Criteria *criteria)
{
  switch (criteria->view)
    {
    case KS_SMART_VIEW_NONE:
      return TRUE;
    case KS_SMART_VIEW_NEEDS_FOLLOW_UP:
      return (row->flags & ROW_MAY_NEED_FOLLOW_UP) != 0 &&
             row->activity_day <= criteria->follow_up_limit;
    case KS_SMART_VIEW_EXPIRING:
      return (row->flags & ROW_RUNNING) != 0 &&
             row->ends_day != 0 &&
             row->ends_day >= criteria->today &&
             row->ends_day <= criteria->expiry_limit;
    case KS_SMART_VIEW_NOT_REPORTED:
      return (row->flags & ROW_NOT_REPORTED) != 0;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
row_matches (const Row      *row,
             const Criteria *criteria)
{
  return (criteria->region_ok == NULL || criteria->region_ok[row->region]) &&
         (criteria->stages == NULL || g_strv_contains (criteria->stages, row->texts[KS_SUMMARY_STAGE])) &&
         (criteria->forms == NULL || g_strv_contains (criteria->forms, row->texts[KS_SUMMARY_FORM])) &&
         (criteria->sectors == NULL || list_has_any (row->texts[KS_SUMMARY_SECTORS], criteria->sectors)) &&
         (criteria->countries == NULL || list_has_any (row->texts[KS_SUMMARY_COUNTRIES], criteria->countries)) &&
         row_in_years (row, criteria->year_from, criteria->year_to) &&
         row_in_view (row, criteria);
}

static void
filter_rows (KsAgreementList *self)
{
  Criteria criteria;
  guint n = 0;

  prepare_criteria (self, &criteria);

  g_free (self->filtered);
  self->filtered = g_new (guint, MAX (self->table->n_rows, 1));
  for (guint i = 0; i < self->table->n_rows; i++)
    if (row_matches (&self->table->rows[self->order[i]], &criteria))
      self->filtered[n++] = self->order[i];
  self->n_filtered = n;

  g_free (criteria.region_ok);
}

static guint *
search_rows (KsAgreementList *self,
             const guint     *source,
             guint            n_source,
             guint           *n_out)
{
  const char * const *terms = (const char * const *) self->search_terms;
  guint *result = g_new (guint, MAX (n_source, 1));
  guint n = 0;

  if (terms == NULL)
    {
      memcpy (result, source, n_source * sizeof (guint));
      *n_out = n_source;
      return result;
    }

  for (guint i = 0; i < n_source; i++)
    if (haystack_matches (self->table->rows[source[i]].haystack, terms))
      result[n++] = source[i];

  *n_out = n;
  return result;
}

/* ------------------------------------------------------------------ */
/* Publishing changes */

static gboolean
same_item (const Table *old_table,
           guint        old_index,
           const Table *new_table,
           guint        new_index)
{
  if (old_table == new_table)
    return old_index == new_index;

  return rows_equal (&old_table->rows[old_index], &new_table->rows[new_index]);
}

/* Installs @visible and reports the smallest changed range: rows equal at
 * both ends of the old and new lists are left alone, so one saved
 * agreement is one changed item. */
static void
publish (KsAgreementList *self,
         const Table     *old_table,
         guint           *visible,
         guint            n_visible)
{
  g_autofree guint *old_visible = self->visible;
  guint old_n = self->n_visible;
  guint limit = MIN (old_n, n_visible);
  guint prefix = 0, suffix = 0;

  self->visible = visible;
  self->n_visible = n_visible;

  while (prefix < limit &&
         same_item (old_table, old_visible[prefix], self->table, visible[prefix]))
    prefix++;
  while (suffix < limit - prefix &&
         same_item (old_table, old_visible[old_n - 1 - suffix],
                    self->table, visible[n_visible - 1 - suffix]))
    suffix++;

  if (prefix + suffix != old_n || prefix + suffix != n_visible)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, n_visible - prefix - suffix);
  if (old_n != n_visible)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
refresh_visible (KsAgreementList *self,
                 const Table     *old_table)
{
  guint n = 0;
  guint *visible = search_rows (self, self->filtered, self->n_filtered, &n);

  publish (self, old_table, visible, n);
}

static void
refilter (KsAgreementList *self)
{
  filter_rows (self);
  refresh_visible (self, self->table);
}

static void
research (KsAgreementList *self)
{
  g_auto(GStrv) old_terms = g_steal_pointer (&self->search_terms);
  const guint *source = self->filtered;
  guint n_source = self->n_filtered;
  guint *visible;
  guint n = 0;

  self->search_terms = parse_search_terms (ks_agreement_filter_get_search_text (self->filter));
  if (old_terms != NULL && terms_narrow ((const char * const *) old_terms,
                                         (const char * const *) self->search_terms))
    {
      source = self->visible;
      n_source = self->n_visible;
    }

  visible = search_rows (self, source, n_source, &n);
  publish (self, self->table, visible, n);
}

/* ------------------------------------------------------------------ */
/* Items */

static void
item_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  KsAgreementList *self = data;
  gint64 id = ks_agreement_summary_get_id (KS_AGREEMENT_SUMMARY (where_the_object_was));

  if (g_hash_table_lookup (self->items, &id) == (gpointer) where_the_object_was)
    g_hash_table_remove (self->items, &id);
}

/* Keeps the cached items that the new table shows unchanged, so views
 * get the same objects back and keep their selection. */
static void
prune_items (KsAgreementList *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Row *row = table_find (self->table, *(gint64 *) key);

      if (row != NULL &&
          ks_agreement_summary_has_texts (value, row->id, (const char * const *) row->texts))
        continue;

      g_object_weak_unref (value, item_finalized_cb, self);
      g_hash_table_iter_remove (&iter);
    }
}

static void
forget_items (KsAgreementList *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, item_finalized_cb, self);
  g_hash_table_remove_all (self->items);
}

/* ------------------------------------------------------------------ */
/* Reloading */

/* Own commits raise total_changes, other connections' raise
 * data_version; both unchanged means a "changed" signal brings nothing
 * the table does not already hold (one commit signals once per table). */
static void
data_version (KsAgreementList *self,
              gint64          *changes,
              gint64          *version)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (self->db, "PRAGMA data_version", NULL);

  *changes = sqlite3_total_changes64 (ks_database_get_handle (self->db));
  *version = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

static void
database_changed_cb (KsAgreementList *self,
                     const char      *table,
                     KsDatabase      *db)
{
  g_autoptr(GError) error = NULL;
  gint64 changes, version;

  if (!g_strv_contains (watched_tables, table))
    return;

  data_version (self, &changes, &version);
  if (changes == self->loaded_changes && version == self->loaded_data_version)
    return;

  if (!ks_agreement_list_reload (self, &error))
    g_warning ("The register’s list could not be refreshed: %s", error->message);
}

static void
filter_notify_cb (KsAgreementList   *self,
                  GParamSpec        *pspec,
                  KsAgreementFilter *filter)
{
  const char *name = g_param_spec_get_name (pspec);
  gboolean threshold = g_str_equal (name, "follow-up-months") ||
                       g_str_equal (name, "expiry-months") ||
                       g_str_equal (name, "today");

  if (g_str_equal (name, "search-text"))
    research (self);
  else if (!threshold || ks_agreement_filter_get_smart_view (filter) != KS_SMART_VIEW_NONE)
    refilter (self);

  if (threshold)
    g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* ------------------------------------------------------------------ */
/* GListModel */

static GType
ks_agreement_list_get_item_type (GListModel *model)
{
  return KS_TYPE_AGREEMENT_SUMMARY;
}

static guint
ks_agreement_list_get_n_items (GListModel *model)
{
  return KS_AGREEMENT_LIST (model)->n_visible;
}

static gpointer
ks_agreement_list_get_item (GListModel *model,
                            guint       position)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (model);
  KsAgreementSummary *item;
  const Row *row;
  gint64 *key;

  if (position >= self->n_visible)
    return NULL;

  row = &self->table->rows[self->visible[position]];
  item = g_hash_table_lookup (self->items, &row->id);
  if (item != NULL)
    return g_object_ref (item);

  item = ks_agreement_summary_new_from_texts (row->id, (const char * const *) row->texts);
  key = g_new (gint64, 1);
  *key = row->id;
  g_hash_table_insert (self->items, key, item);
  g_object_weak_ref (G_OBJECT (item), item_finalized_cb, self);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ks_agreement_list_get_item_type;
  iface->get_n_items = ks_agreement_list_get_n_items;
  iface->get_item = ks_agreement_list_get_item;
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
ks_agreement_list_constructed (GObject *object)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (ks_agreement_list_parent_class)->constructed (object);

  g_assert (KS_IS_DATABASE (self->db));
  g_signal_connect_object (self->db, "changed", G_CALLBACK (database_changed_cb),
                           self, G_CONNECT_SWAPPED);

  if (!ks_agreement_list_reload (self, &error))
    g_warning ("The register’s list could not be read: %s", error->message);
}

static void
ks_agreement_list_dispose (GObject *object)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  if (self->items != NULL)
    forget_items (self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_agreement_list_parent_class)->dispose (object);
}

static void
ks_agreement_list_finalize (GObject *object)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->table, table_free);
  g_free (self->order);
  g_free (self->filtered);
  g_free (self->visible);
  g_strfreev (self->search_terms);

  G_OBJECT_CLASS (ks_agreement_list_parent_class)->finalize (object);
}

static void
ks_agreement_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_visible);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, ks_agreement_list_get_total (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_agreement_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KsAgreementList *self = KS_AGREEMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->db = g_value_dup_object (value);
      break;
    case PROP_FILTER:
      ks_agreement_list_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_agreement_list_class_init (KsAgreementListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ks_agreement_list_constructed;
  object_class->dispose = ks_agreement_list_dispose;
  object_class->finalize = ks_agreement_list_finalize;
  object_class->get_property = ks_agreement_list_get_property;
  object_class->set_property = ks_agreement_list_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, KS_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, KS_TYPE_AGREEMENT_FILTER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KsAgreementList::counts-changed:
   *
   * Emitted when ks_agreement_list_count_smart_view() may answer
   * differently: after a reload, or when a threshold or today changed.
   */
  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ks_agreement_list_init (KsAgreementList *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->table = g_new0 (Table, 1);
  self->order = g_new (guint, 1);
  self->filtered = g_new (guint, 1);
  self->visible = g_new (guint, 1);
  self->filter = ks_agreement_filter_new ();
  g_signal_connect_object (self->filter, "notify", G_CALLBACK (filter_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_agreement_list_new:
 * @db: the register
 *
 * Reads every agreement that is not deleted, unsorted (in the order they
 * were entered) and unfiltered, and follows the register's changes: after
 * a commit that touched agreements, events, regions, partners or local
 * parties, the list reloads before ks_database_commit() returns.  A read
 * failure is logged and leaves the list empty; call
 * ks_agreement_list_reload() to get the error.
 *
 * Returns: (transfer full): a #GListModel of #KsAgreementSummary
 */
KsAgreementList *
ks_agreement_list_new (KsDatabase *db)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  return g_object_new (KS_TYPE_AGREEMENT_LIST, "database", db, NULL);
}

/**
 * ks_agreement_list_reload:
 *
 * Reads the register again and reports what changed as narrowly as it
 * can; items whose row did not change stay the same objects.
 *
 * Returns: %FALSE with @error set if the register could not be read; the
 *   list then keeps what it showed
 */
gboolean
ks_agreement_list_reload (KsAgreementList  *self,
                          GError          **error)
{
  g_autoptr(Table) old_table = NULL;
  Table *table;
  gint64 changes, version;
  guint old_total;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data_version (self, &changes, &version);
  table = table_load (self->db, error);
  if (table == NULL)
    return FALSE;

  self->loaded_changes = changes;
  self->loaded_data_version = version;
  old_table = g_steal_pointer (&self->table);
  old_total = old_table->n_rows;
  self->table = table;

  sort_rows (self);
  filter_rows (self);
  prune_items (self);
  refresh_visible (self, old_table);

  if (old_total != table->n_rows)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);

  return TRUE;
}

/**
 * ks_agreement_list_set_filter:
 * @filter: (nullable): the criteria to apply, or %NULL for a new filter
 *   that lets everything through
 *
 * The list follows later changes of @filter's properties.
 */
void
ks_agreement_list_set_filter (KsAgreementList   *self,
                              KsAgreementFilter *filter)
{
  g_autoptr(KsAgreementFilter) new_filter = NULL;

  g_return_if_fail (KS_IS_AGREEMENT_LIST (self));
  g_return_if_fail (filter == NULL || KS_IS_AGREEMENT_FILTER (filter));

  if (filter != NULL && filter == self->filter)
    return;

  new_filter = filter != NULL ? g_object_ref (filter) : ks_agreement_filter_new ();
  g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, new_filter);
  g_signal_connect_object (self->filter, "notify", G_CALLBACK (filter_notify_cb),
                           self, G_CONNECT_SWAPPED);

  g_clear_pointer (&self->search_terms, g_strfreev);
  self->search_terms = parse_search_terms (ks_agreement_filter_get_search_text (self->filter));
  refilter (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/**
 * ks_agreement_list_get_filter:
 *
 * Returns: (transfer none): the filter in use; change its properties to
 *   change what the list shows
 */
KsAgreementFilter *
ks_agreement_list_get_filter (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), NULL);

  return self->filter;
}

/**
 * ks_agreement_list_set_search:
 * @text: (nullable): what the user typed
 *
 * Sets the filter's #KsAgreementFilter:search-text; the path for every
 * keystroke.  See ks_agreement_filter_set_search_text() for what matches.
 */
void
ks_agreement_list_set_search (KsAgreementList *self,
                              const char      *text)
{
  g_return_if_fail (KS_IS_AGREEMENT_LIST (self));

  ks_agreement_filter_set_search_text (self->filter, text);
}

/**
 * ks_agreement_list_set_sort:
 * @column: what to sort by
 * @descending: %TRUE for the reverse order
 */
void
ks_agreement_list_set_sort (KsAgreementList       *self,
                            KsAgreementSortColumn  column,
                            gboolean               descending)
{
  g_return_if_fail (KS_IS_AGREEMENT_LIST (self));
  g_return_if_fail (column <= KS_AGREEMENT_SORT_UPDATED);

  descending = !!descending;
  if (column == self->sort_column && descending == self->descending)
    return;

  /* Descending is the exact reverse, so a flip needs no sorting. */
  if (column == self->sort_column)
    {
      guint *visible = g_memdup2 (self->visible, MAX (self->n_visible, 1) * sizeof (guint));

      self->descending = descending;
      reverse (self->order, self->table->n_rows);
      reverse (self->filtered, self->n_filtered);
      reverse (visible, self->n_visible);
      publish (self, self->table, visible, self->n_visible);
      return;
    }

  self->sort_column = column;
  self->descending = descending;
  sort_rows (self);
  refilter (self);
}

KsAgreementSortColumn
ks_agreement_list_get_sort_column (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), KS_AGREEMENT_SORT_NONE);

  return self->sort_column;
}

gboolean
ks_agreement_list_get_sort_descending (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), FALSE);

  return self->descending;
}

/**
 * ks_agreement_list_get_total:
 *
 * Returns: how many agreements the register holds (not deleted), before
 *   any filter or search, for "shown of total"
 */
guint
ks_agreement_list_get_total (KsAgreementList *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), 0);

  return self->table->n_rows;
}

/**
 * ks_agreement_list_count_smart_view:
 * @view: a smart view
 *
 * Counts over every agreement that is not deleted, whatever the filter's
 * other criteria, with the filter's thresholds and today; for the
 * sidebar.  Recount on #KsAgreementList::counts-changed.
 *
 * Returns: how many agreements @view holds
 */
guint
ks_agreement_list_count_smart_view (KsAgreementList *self,
                                    KsSmartView      view)
{
  Criteria criteria = { 0 };
  guint n = 0;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (self), 0);
  g_return_val_if_fail (view <= KS_SMART_VIEW_NOT_REPORTED, 0);

  criteria.view = view;
  prepare_limits (self->filter, &criteria);
  for (guint i = 0; i < self->table->n_rows; i++)
    if (row_in_view (&self->table->rows[i], &criteria))
      n++;

  return n;
}
