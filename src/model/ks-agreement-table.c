/* ks-agreement-table.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-table"

#include "config.h"

#include <glib.h>
#include <string.h>

#ifdef G_OS_UNIX
# include <sys/mman.h>
# ifdef MADV_HUGEPAGE
#  define KS_USE_MADV_HUGEPAGE 1
# endif
#endif

#include "ks-agreement-table-private.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"

/*
 * One SELECT reads every listed column of every agreement into plain
 * structs, strings in one arena.  Each row also gets a casefolded search
 * text, day numbers for the smart views and years for the year filter;
 * collation keys are made per column the first time it is sorted, and a
 * reload takes over the keys of the rows that did not change.
 */

/* While loading only, next to the KS_ROW_* flags. */
#define STAGE_SIGNED_OR_LATER (1 << 7)

/* Blocks are aligned so that Linux can back them with huge pages: a
 * register of 100,000 agreements takes some 60 MB, and faulting that in
 * 4 KiB at a time costs more than reading it from SQLite. */
#define ARENA_BLOCK_SIZE (2 * 1024 * 1024)

/* A region's rows fit a few of these; blocks under malloc's mmap
 * threshold are reused from region to region instead of being mapped
 * and unmapped 500 times in a report. */
#define SMALL_ARENA_BLOCK_SIZE (64 * 1024)

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH_BITS (ONES * 0x80)

typedef struct
{
  KsAgreementTable *table;
  GArray           *regions;
  GHashTable       *region_index;    /* region id → index + 1 */
  GHashTable       *country_names;   /* countries column → folded names */
  GHashTable       *fold_cache;      /* character → folded text */
  GString          *buffer;
  GHashTable       *only_regions;    /* codes to keep, or NULL for all */
  gboolean          searchable;
  guint8            stage_flags[G_MAXINT8];
} Loader;

typedef struct
{
  const KsAgreementTable  *table;
  const char             **keys;       /* one collation key per row, or NULL */
  KsSummaryText            text;
  GCompareDataFunc         compare;    /* on pointers to row indices */
  gboolean                 by_stage;
  gboolean                 by_period;
} SortContext;

typedef struct
{
  guint64 prefix;
  guint   index;
} SortItem;

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
  COL_OBSTACLES,
  COL_LAST_EVENT_KIND,
  COL_LAST_EVENT_DESCRIPTION,
};

/* CROSS JOIN keeps agreements the outer loop, so rows come in id order
 * without a sort.  The CASE only spares the lookup of implementing
 * parties where the "not reported" rule cannot need it (its stage list
 * mirrors ks_stage_is_signed_or_later()); row_flags() decides. */
#define LOAD_COLUMNS \
  "SELECT a.id, a.uuid, a.title, a.description, a.notes, a.region_id, r.code, r.name, " \
  "a.local_parties_text, a.partners_text, a.countries, a.form, a.document, a.stage, " \
  "a.sectors_text, a.signed_on, a.starts_on, a.ends_on, a.last_event_on, " \
  "a.reported_to_center_on, a.reported_by_agency_on, a.updated_at, " \
  "CASE WHEN a.reported_by_agency_on = '' AND a.reported_to_center_on <> '' " \
  "AND a.stage IN ('signed', 'active', 'completed') " \
  "THEN EXISTS (SELECT 1 FROM agreement_local_parties alp " \
  "WHERE alp.agreement_id = a.id AND alp.role = 'implementing') ELSE 0 END "

/* A report's details come with the rows, not from a second pass over
 * the same pages. */
#define DETAIL_COLUMNS ", a.obstacles_text, a.last_event_kind, a.last_event_description "

#define ALL_REGIONS "FROM agreements a CROSS JOIN regions r ON r.id = a.region_id " \
  "WHERE a.deleted_at IS NULL ORDER BY a.id"

static const char load_sql[] = LOAD_COLUMNS ALL_REGIONS;
static const char load_many_regions_sql[] = LOAD_COLUMNS DETAIL_COLUMNS ALL_REGIONS;

/* One region's rows through the region index, not a scan of them all:
 * a report reads the register region by region. */
static const char load_region_sql[] =
  LOAD_COLUMNS DETAIL_COLUMNS
  "FROM regions r CROSS JOIN agreements a ON a.region_id = r.id "
  "WHERE r.code = ? AND a.deleted_at IS NULL ORDER BY a.id";

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

static const KsSummaryText key_texts[KS_N_KEY_COLUMNS] = {
  KS_SUMMARY_TITLE, KS_SUMMARY_LOCAL_PARTIES, KS_SUMMARY_PARTNERS,
};

/* ------------------------------------------------------------------ */
/* Strings */

static char *
arena_alloc (KsArena *arena,
             gsize    size)
{
  char *result;

  if (size > arena->left)
    {
      gsize unit = arena->small ? SMALL_ARENA_BLOCK_SIZE : ARENA_BLOCK_SIZE;
      gsize block = (size + unit - 1) / unit * unit;

      arena->pos = g_aligned_alloc (1, block, arena->small ? 16 : ARENA_BLOCK_SIZE);
#ifdef KS_USE_MADV_HUGEPAGE
      if (!arena->small)
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

/* Rows and their details hold pointers and 64-bit numbers, so they must
 * start on their alignment even when strings of any length came before
 * them in the arena (the row array grows there when rows were added
 * during a load). */
static gpointer
arena_alloc_aligned (KsArena *arena,
                     gsize    size,
                     gsize    align)
{
  char *memory = arena_alloc (arena, size + align - 1);

  return GSIZE_TO_POINTER ((GPOINTER_TO_SIZE (memory) + align - 1) & ~(align - 1));
}

static KsAgreementRow *
arena_alloc_rows (KsArena *arena,
                  gsize    n_rows)
{
  return arena_alloc_aligned (arena, n_rows * sizeof (KsAgreementRow), G_ALIGNOF (KsAgreementRow));
}

static const char *
arena_copy (KsArena    *arena,
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
arena_clear (KsArena *arena)
{
  g_slist_free_full (arena->blocks, g_aligned_free);
  arena->blocks = NULL;
  arena->pos = NULL;
  arena->left = 0;
}

/* ------------------------------------------------------------------ */
/* Partial dates ("2015", "2015-09", "2015-09-25"; anything else counts as
 * unknown).  The rules are ks-partial-date.h's: a date stands for the
 * last day it covers, and ks_period_overlaps_years() decides the year
 * range.  They are applied to day numbers and years worked out once per
 * row at load, since a filter must not parse 300,000 dates on each
 * change; tests check that both agree. */

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

  if (*year < KS_PARTIAL_DATE_MIN_YEAR || *year > KS_PARTIAL_DATE_MAX_YEAR ||
      *month > 12 || (len >= 7 && *month == 0))
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

/* ------------------------------------------------------------------ */
/* Loading */

static const char *
copy_column (KsAgreementTable *table,
             sqlite3_stmt     *stmt,
             int               column,
             gsize            *length)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  /* strlen() is cheaper than another call into SQLite, which locks. */
  *length = text != NULL ? strlen (text) : 0;
  return arena_copy (&table->strings, text, *length);
}

/* Known keys point at ks-keys' own strings; only unknown ones (from a
 * newer program) are stored. */
static const char *
copy_key (KsAgreementTable *table,
          sqlite3_stmt     *stmt,
          int               column,
          KsKeySet          set,
          gint8            *index)
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
  KsRegionEntry region;
  gsize length;

  if (found != NULL)
    return GPOINTER_TO_SIZE (found) - 1;

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
      const char *code = g_strstrip (codes[i]);
      const char *name = ks_country_get_name (code);

      /* An unknown code comes back as itself, already searchable. */
      if (name == NULL || g_str_equal (name, code))
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
build_haystack (Loader               *loader,
                sqlite3_stmt         *stmt,
                const KsAgreementRow *row,
                const gsize          *lengths)
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

  return arena_copy (&loader->table->haystacks, loader->buffer->str, loader->buffer->len);
}

/* The newest date that shows the agreement alive, so that one signed last
 * month is not flagged for lack of events. */
static guint32
activity_day (const KsAgreementRow *row)
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
  return (ks_stage_may_need_follow_up (stage) ? KS_ROW_MAY_NEED_FOLLOW_UP : 0) |
         (ks_stage_is_running (stage) ? KS_ROW_RUNNING : 0) |
         (ks_stage_is_signed_or_later (stage) ? STAGE_SIGNED_OR_LATER : 0);
}

static guint8
row_flags (const Loader         *loader,
           const KsAgreementRow *row,
           gboolean              has_implementing)
{
  guint8 flags = row->stage >= 0 ? loader->stage_flags[row->stage]
                                 : stage_flags (row->texts[KS_SUMMARY_STAGE]);

  if ((flags & STAGE_SIGNED_OR_LATER) != 0 &&
      (row->texts[KS_SUMMARY_REPORTED_TO_CENTER_ON][0] == '\0' ||
       (has_implementing && row->texts[KS_SUMMARY_REPORTED_BY_AGENCY_ON][0] == '\0')))
    flags |= KS_ROW_NOT_REPORTED;

  return flags & ~STAGE_SIGNED_OR_LATER;
}

/* Mixes eight bytes at a time; 64 bits make a missed change between two
 * loads of the same row practically impossible. */
static guint64
hash_bytes (guint64     hash,
            const char *text,
            gsize       len)
{
  guint64 word;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      memcpy (&word, text + i, 8);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      hash ^= hash >> 29;
    }
  for (word = 0; i < len; i++)
    word = (word << 8) | (guchar) text[i];

  /* The length ends the field, so that "ab" + "c" differs from "a" + "bc". */
  hash = (hash ^ word) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return (hash ^ (hash >> 29) ^ len) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
}

static guint64
hash_row (const KsAgreementRow *row)
{
  guint64 hash = (guint64) row->id;

  for (guint i = 0; i < KS_SUMMARY_N_TEXTS; i++)
    hash = hash_bytes (hash, row->texts[i], strlen (row->texts[i]));

  /* 0 means "not worked out yet". */
  return hash != 0 ? hash : 1;
}

/* Sized from a count that includes deleted rows (it reads an index, not
 * the table), so the array rarely grows. */
static void
reserve_rows (KsDatabase       *db,
              KsAgreementTable *table)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT count(*) FROM agreements", NULL);
  gint64 count = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);

  table->capacity = (guint) CLAMP (count, 0, G_MAXUINT / 2) + 16;
  table->rows = arena_alloc_rows (&table->strings, table->capacity);
}

static void
append_row (KsAgreementTable     *table,
            const KsAgreementRow *row)
{
  if (table->n_rows == table->capacity)
    {
      KsAgreementRow *rows = arena_alloc_rows (&table->strings, 2 * (gsize) table->capacity);

      memcpy (rows, table->rows, table->n_rows * sizeof (KsAgreementRow));
      table->rows = rows;
      table->capacity *= 2;
    }

  table->rows[table->n_rows++] = *row;
}

static gboolean
read_digits (const char *text,
             guint       n,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

#define NOT_A_DATE G_MAXUINT32

/* A partial date (YYYY, YYYY-MM or YYYY-MM-DD) as a number that orders
 * like strcmp() does its text; 0 for no date.  Anything else, which the
 * register does not hold, is NOT_A_DATE and left to the full comparison. */
static guint32
date_prefix (const char *date)
{
  guint year, month = 0, day = 0;

  if (date[0] == '\0')
    return 0;
  if (!read_digits (date, 4, &year))
    return NOT_A_DATE;
  if (date[4] == '-' && !read_digits (date + 5, 2, &month))
    return NOT_A_DATE;
  if (month != 0 && date[7] == '-' && !read_digits (date + 8, 2, &day))
    return NOT_A_DATE;
  if (date[month == 0 ? 4 : day == 0 ? 7 : 10] != '\0')
    return NOT_A_DATE;

  return (year + 1) << 9 | month << 5 | day;
}

/* Both dates whole in one number: the period sort then compares numbers
 * alone, where the first bytes of the start (a year and a month) left a
 * few hundred ties each to the strings. */
static guint64
period_prefix (const char *starts_on,
               const char *ends_on)
{
  return (guint64) date_prefix (starts_on) << 32 | date_prefix (ends_on);
}

static const char **
copy_details (KsAgreementTable *table,
              sqlite3_stmt     *stmt)
{
  static const int columns[KS_N_DETAILS] = {
    [KS_DETAIL_NOTES] = COL_NOTES,
    [KS_DETAIL_OBSTACLES] = COL_OBSTACLES,
    [KS_DETAIL_LAST_EVENT_KIND] = COL_LAST_EVENT_KIND,
    [KS_DETAIL_LAST_EVENT_DESCRIPTION] = COL_LAST_EVENT_DESCRIPTION,
  };
  const char **details = (const char **) arena_alloc_aligned (&table->strings, sizeof (char *) * KS_N_DETAILS,
                                                               G_ALIGNOF (char *));
  gsize length;

  for (guint i = 0; i < KS_N_DETAILS; i++)
    details[i] = copy_column (table, stmt, columns[i], &length);

  return details;
}

static void
read_row (Loader       *loader,
          sqlite3_stmt *stmt)
{
  KsAgreementTable *table = loader->table;
  const KsRegionEntry *region;
  gsize lengths[KS_SUMMARY_N_TEXTS];
  gint8 ignored;
  KsAgreementRow row;

  row.id = sqlite3_column_int64 (stmt, COL_ID);
  for (guint i = 0; i < G_N_ELEMENTS (plain_columns); i++)
    row.texts[plain_columns[i].text] = copy_column (table, stmt, plain_columns[i].column,
                                                    &lengths[plain_columns[i].text]);

  row.region = lookup_region (loader, stmt);
  region = &g_array_index (loader->regions, KsRegionEntry, row.region);
  row.texts[KS_SUMMARY_REGION_CODE] = region->code;
  row.texts[KS_SUMMARY_REGION_NAME] = region->name;
  row.texts[KS_SUMMARY_FORM] = copy_key (table, stmt, COL_FORM, KS_KEY_SET_FORM, &ignored);
  row.texts[KS_SUMMARY_DOCUMENT] = copy_key (table, stmt, COL_DOCUMENT, KS_KEY_SET_DOCUMENT, &ignored);
  row.texts[KS_SUMMARY_STAGE] = copy_key (table, stmt, COL_STAGE, KS_KEY_SET_STAGE, &row.stage);

  row.haystack = loader->searchable ? build_haystack (loader, stmt, &row, lengths) : "";
  /* A table loaded by region is a report's: no search, its details instead. */
  row.details = loader->searchable ? NULL : copy_details (table, stmt);
  row.activity_day = activity_day (&row);
  row.ends_day = partial_date_last_day (row.texts[KS_SUMMARY_ENDS_ON]);
  row.period_prefix = period_prefix (row.texts[KS_SUMMARY_STARTS_ON], row.texts[KS_SUMMARY_ENDS_ON]);
  row.end_year = partial_date_year (row.texts[KS_SUMMARY_ENDS_ON]);
  row.start_year = partial_date_year (ks_period_stand_in_start (row.texts[KS_SUMMARY_STARTS_ON],
                                                                 row.texts[KS_SUMMARY_SIGNED_ON],
                                                                 row.texts[KS_SUMMARY_ENDS_ON],
                                                                 row.texts[KS_SUMMARY_LAST_EVENT_ON]));
  row.flags = row_flags (loader, &row, sqlite3_column_int (stmt, COL_HAS_IMPLEMENTING) != 0);
  row.hash = 0;

  append_row (table, &row);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

/* ------------------------------------------------------------------ */
/* Sorting */

/* The key g_utf8_collate_key() makes.  For ASCII text in a UTF-8
 * locale that is strxfrm() of the text itself (normalizing ASCII changes
 * nothing), which is done here without GLib's normalization pass and its
 * second strxfrm() for the length: most titles are ASCII, and the first
 * sort by title collates 100,000 of them. */
static const char *
collate_key (KsArena    *strings,
             const char *text)
{
  gsize len = strlen (text);
  g_autofree char *key = NULL;
  char buffer[512];
  gsize key_len;

  if (g_get_charset (NULL) && ascii_prefix (text, len) == len)
    {
      key_len = strxfrm (buffer, text, sizeof buffer);
      if (key_len < sizeof buffer)
        return arena_copy (strings, buffer, key_len);
    }

  key = g_utf8_collate_key (text, len);
  return arena_copy (strings, key, strlen (key));
}

/* Whether @previous has a key for @row's text in @column: after saving
 * one agreement, only its row needs collating again.  Both tables are in
 * id order, so *cursor only moves forward. */
static const char *
previous_key (const KsAgreementTable *previous,
              guint                  *cursor,
              const KsAgreementRow   *row,
              KsKeyColumn             column)
{
  KsSummaryText text = key_texts[column];

  if (previous == NULL || previous->keys[column] == NULL)
    return NULL;

  while (*cursor < previous->n_rows && previous->rows[*cursor].id < row->id)
    (*cursor)++;
  if (*cursor == previous->n_rows || previous->rows[*cursor].id != row->id ||
      strcmp (previous->rows[*cursor].texts[text], row->texts[text]) != 0)
    return NULL;

  return previous->keys[column][*cursor];
}

/* Equal texts (the same partner on many rows) share one key.  The keys
 * of @previous move over with their storage, so a reload collates only
 * what changed. */
static void
make_keys (KsAgreementTable *table,
           KsKeyColumn       column,
           KsAgreementTable *previous)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  KsArena *strings = &table->key_strings[column];
  guint cursor = 0;

  if (previous != NULL && previous->keys[column] != NULL)
    {
      *strings = previous->key_strings[column];
      memset (&previous->key_strings[column], 0, sizeof (KsArena));
    }

  table->keys[column] = g_new (const char *, MAX (table->n_rows, 1));
  for (guint i = 0; i < table->n_rows; i++)
    {
      const KsAgreementRow *row = &table->rows[i];
      const char *text = row->texts[key_texts[column]];
      const char *key = previous_key (previous, &cursor, row, column);

      if (key == NULL)
        key = g_hash_table_lookup (seen, text);
      if (key == NULL)
        {
          key = collate_key (strings, text);
          g_hash_table_insert (seen, (gpointer) text, (gpointer) key);
        }
      table->keys[column][i] = key;
    }
}

static const char **
ensure_keys (KsAgreementTable *table,
             KsKeyColumn       column)
{
  if (table->keys[column] == NULL)
    make_keys (table, column, NULL);

  return table->keys[column];
}

static const char **
region_keys (KsAgreementTable *table)
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
form_keys (KsAgreementTable *table)
{
  g_autoptr(GHashTable) by_form = g_hash_table_new (g_str_hash, g_str_equal);
  const char **keys = g_new (const char *, table->n_rows);

  for (guint i = 0; i < table->n_rows; i++)
    {
      const char *form = table->rows[i].texts[KS_SUMMARY_FORM];
      const char *key = g_hash_table_lookup (by_form, form);

      if (key == NULL)
        {
          key = collate_key (&table->strings, ks_key_get_label (KS_KEY_SET_FORM, form));
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
  const KsAgreementRow *x = &context->table->rows[i], *y = &context->table->rows[j];
  int result = strcmp (x->texts[KS_SUMMARY_STARTS_ON], y->texts[KS_SUMMARY_STARTS_ON]);

  if (result == 0)
    result = strcmp (x->texts[KS_SUMMARY_ENDS_ON], y->texts[KS_SUMMARY_ENDS_ON]);

  return result != 0 ? result : compare_index (i, j);
}

static int
stage_rank (const KsAgreementRow *row)
{
  /* Unknown stages (a newer program's) after the known ones. */
  return row->stage >= 0 ? row->stage : G_MAXINT8;
}

static int
compare_stage (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const SortContext *context = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const KsAgreementRow *x = &context->table->rows[i], *y = &context->table->rows[j];
  int result = stage_rank (x) - stage_rank (y);

  if (result == 0 && x->stage < 0)
    result = strcmp (x->texts[KS_SUMMARY_STAGE], y->texts[KS_SUMMARY_STAGE]);

  return result != 0 ? result : compare_index (i, j);
}

/* The first eight bytes as a number that orders like strcmp(). */
static guint64
string_prefix (const char *text)
{
  guint64 prefix = 0;

  for (guint i = 0; i < 8 && text[i] != '\0'; i++)
    prefix |= (guint64) (guchar) text[i] << (56 - 8 * i);

  return prefix;
}

/* Whether equal period prefixes mean equal dates. */
static inline gboolean
is_whole_period (guint64 prefix)
{
  return (prefix >> 32) != NOT_A_DATE && (prefix & G_MAXUINT32) != NOT_A_DATE;
}

/* Most comparisons end at the prefixes, stored next to the index: the
 * sort then rarely touches the rows' scattered strings. */
static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const SortContext *context = data;
  const SortItem *x = a, *y = b;

  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  if (context->by_period && is_whole_period (x->prefix))
    return compare_index (x->index, y->index);

  return context->compare (&x->index, &y->index, data);
}

static guint64
sort_prefix (const SortContext *context,
             guint              index)
{
  const KsAgreementRow *row = &context->table->rows[index];

  if (context->keys != NULL)
    return string_prefix (context->keys[index]);
  if (context->by_stage)
    return stage_rank (row);
  if (context->by_period)
    return row->period_prefix;

  return string_prefix (row->texts[context->text]);
}

/* Least significant byte first, each pass keeping the order of the one
 * before, so that equal prefixes stay in row order.  A comparison sort
 * of 100,000 items took 15 ms, mostly in calls to its compare function.
 * One read counts the bytes of every position; positions where all
 * items have the same byte (most of a date's) are skipped. */
static void
sort_by_prefix (SortItem *items,
                SortItem *buffer,
                guint     n)
{
  guint starts[8 * 256] = { 0 };
  SortItem *from = items, *to = buffer;

  if (n < 2)
    return;

  for (guint i = 0; i < n; i++)
    for (guint byte = 0; byte < 8; byte++)
      starts[byte * 256 + ((items[i].prefix >> (8 * byte)) & 0xff)]++;

  for (guint byte = 0; byte < 8; byte++)
    {
      guint *start = starts + byte * 256;
      guint shift = 8 * byte;
      guint offset = 0;

      if (start[(items[0].prefix >> shift) & 0xff] == n)
        continue;
      for (guint digit = 0; digit < 256; digit++)
        {
          guint count = start[digit];

          start[digit] = offset;
          offset += count;
        }
      for (guint i = 0; i < n; i++)
        to[start[(from[i].prefix >> shift) & 0xff]++] = from[i];

      {
        SortItem *sorted = to;

        to = from;
        from = sorted;
      }
    }

  if (from != items)
    memcpy (items, from, n * sizeof (SortItem));
}

/* Items with equal prefixes, in row order so far, get the full
 * comparison, unless the prefix held all there was to compare. */
static void
sort_ties (SortItem          *items,
           guint              n,
           const SortContext *context)
{
  guint end;

  for (guint start = 0; start < n; start = end)
    {
      for (end = start + 1; end < n && items[end].prefix == items[start].prefix; end++)
        ;
      if (end - start > 1 && !(context->by_period && is_whole_period (items[start].prefix)))
        g_qsort_with_data (items + start, end - start, sizeof (SortItem),
                           compare_items, (gpointer) context);
    }
}

/* The items and the radix sort's buffer, two per row.  A whole
 * register's are kept for the snapshot's later sorts and written through
 * when made: that happens at the first sort, as the register loads,
 * where new pages cost little beside reading it; on a user's click they
 * cost more than the sort (some 800 per 100,000 rows, each 15 µs on a
 * virtual machine).  A region's few come from the heap and go back
 * (@transient), so that a report's 500 regions leave no scattered blocks. */
static SortItem *
sort_scratch (KsAgreementTable  *table,
              SortItem         **transient)
{
  gsize size = 2 * (gsize) MAX (table->n_rows, 1) * sizeof (SortItem);

  if (table->strings.small)
    return *transient = g_malloc (size);

  if (table->sort_scratch == NULL)
    {
      table->sort_scratch = g_malloc (size);
      memset (table->sort_scratch, 0, size);
    }

  return table->sort_scratch;
}

/* ------------------------------------------------------------------ */
/* Private API (ks-agreement-table-private.h) */

/**
 * ks_agreement_table_new:
 *
 * Returns: (transfer full): a snapshot without rows
 */
KsAgreementTable *
ks_agreement_table_new (void)
{
  return g_new0 (KsAgreementTable, 1);
}

static void
loader_init (Loader           *loader,
             KsAgreementTable *table,
             gboolean          searchable)
{
  loader->table = table;
  loader->regions = g_array_new (FALSE, FALSE, sizeof (KsRegionEntry));
  loader->region_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  loader->country_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_string);
  loader->fold_cache = fold_cache_new ();
  loader->buffer = g_string_sized_new (1024);
  loader->searchable = searchable;
  loader->only_regions = NULL;
  for (guint i = 0; i < ks_key_set_get_n_keys (KS_KEY_SET_STAGE); i++)
    loader->stage_flags[i] = stage_flags (ks_key_set_get_keys (KS_KEY_SET_STAGE)[i]);
}

static void
loader_finish (Loader *loader)
{
  KsAgreementTable *table = loader->table;

  table->n_regions = loader->regions->len;
  table->regions = (KsRegionEntry *) g_array_free (loader->regions, FALSE);
  g_hash_table_unref (loader->region_index);
  g_hash_table_unref (loader->country_names);
  g_hash_table_unref (loader->fold_cache);
  g_string_free (loader->buffer, TRUE);
}

static gboolean
loader_read (Loader        *loader,
             KsDatabase    *db,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (loader->only_regions == NULL ||
        g_hash_table_contains (loader->only_regions, sqlite3_column_text (stmt, COL_REGION_CODE)))
      read_row (loader, stmt);

  if (rc != SQLITE_DONE)
    {
      ks_database_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

KsAgreementTable *
ks_agreement_table_load (KsDatabase  *db,
                         GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, load_sql, error);
  g_autoptr(KsAgreementTable) table = NULL;
  Loader loader;
  gboolean ok;

  if (stmt == NULL)
    return NULL;

  table = g_new0 (KsAgreementTable, 1);
  reserve_rows (db, table);
  loader_init (&loader, table, TRUE);
  ok = loader_read (&loader, db, stmt, error);
  loader_finish (&loader);

  return ok ? g_steal_pointer (&table) : NULL;
}

static int
compare_row_ids (gconstpointer a,
                 gconstpointer b)
{
  const KsAgreementRow *x = a, *y = b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/**
 * ks_agreement_table_load_regions:
 * @region_codes: the regions whose agreements to read
 *
 * A snapshot of the agreements of @region_codes only, without search
 * texts but with their details (KsAgreementRow.details): what a report
 * needs of one region at a time, in memory that does not grow with the
 * rest of the register.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
/* Many regions (an annual report of a province) are read in one pass
 * over the file, keeping their rows, rather than by hundreds of jumps
 * through the region index. */
static KsAgreementTable *
load_many_regions (KsDatabase          *db,
                   const char * const  *region_codes,
                   GError             **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, load_many_regions_sql, error);
  g_autoptr(KsAgreementTable) table = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  Loader loader;
  gboolean ok;

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; region_codes[i] != NULL; i++)
    g_hash_table_add (wanted, (gpointer) region_codes[i]);

  table = g_new0 (KsAgreementTable, 1);
  reserve_rows (db, table);
  loader_init (&loader, table, FALSE);
  loader.only_regions = wanted;
  ok = loader_read (&loader, db, stmt, error);
  loader_finish (&loader);

  return ok ? g_steal_pointer (&table) : NULL;
}

KsAgreementTable *
ks_agreement_table_load_regions (KsDatabase          *db,
                                 const char * const  *region_codes,
                                 GError             **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(KsAgreementTable) table = NULL;
  gboolean ok = TRUE;
  Loader loader;

  if (g_strv_length ((char **) region_codes) > KS_AGREEMENT_TABLE_FEW_REGIONS)
    return load_many_regions (db, region_codes, error);

  stmt = ks_database_prepare (db, load_region_sql, error);
  if (stmt == NULL)
    return NULL;

  table = g_new0 (KsAgreementTable, 1);
  table->strings.small = TRUE;
  table->haystacks.small = TRUE;
  for (guint i = 0; i < KS_N_KEY_COLUMNS; i++)
    table->key_strings[i].small = TRUE;
  table->capacity = 256;
  table->rows = arena_alloc_rows (&table->strings, table->capacity);
  loader_init (&loader, table, FALSE);
  for (guint i = 0; ok && region_codes[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, region_codes[i], -1, SQLITE_TRANSIENT);
      ok = loader_read (&loader, db, stmt, error);
    }
  loader_finish (&loader);

  /* Each region comes in id order; the table as a whole must be too. */
  if (ok && region_codes[0] != NULL && region_codes[1] != NULL)
    qsort (table->rows, table->n_rows, sizeof (KsAgreementRow), compare_row_ids);

  return ok ? g_steal_pointer (&table) : NULL;
}

void
ks_agreement_table_free (KsAgreementTable *table)
{
  if (table == NULL)
    return;

  for (guint i = 0; i < KS_N_KEY_COLUMNS; i++)
    {
      g_free (table->keys[i]);
      arena_clear (&table->key_strings[i]);
    }
  g_free (table->regions);
  g_free (table->sort_scratch);
  arena_clear (&table->haystacks);
  arena_clear (&table->strings);
  g_free (table);
}

const KsAgreementRow *
ks_agreement_table_find (const KsAgreementTable *table,
                         gint64                  id)
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

/**
 * ks_agreement_table_take_keys:
 * @previous: the snapshot @table replaces
 *
 * Moves the collation keys @previous made over to @table, keeping those
 * whose text did not change and making the others.
 */
void
ks_agreement_table_take_keys (KsAgreementTable *table,
                              KsAgreementTable *previous)
{
  for (guint i = 0; i < KS_N_KEY_COLUMNS; i++)
    if (previous->keys[i] != NULL && table->keys[i] == NULL)
      make_keys (table, i, previous);
}

/**
 * ks_agreement_table_sort:
 *
 * Returns: (transfer full): every row index of @table in the order asked
 *   for; ties in id order, descending the exact reverse
 */
guint *
ks_agreement_table_sort (KsAgreementTable      *table,
                         KsAgreementSortColumn  column,
                         gboolean               descending)
{
  SortContext context = { table, NULL, KS_SUMMARY_TITLE, compare_keys, FALSE };
  g_autofree const char **owned_keys = NULL;
  g_autofree SortItem *transient = NULL;
  SortItem *items;
  guint n = table->n_rows;
  guint *order = g_new (guint, MAX (n, 1));

  switch (column)
    {
    case KS_AGREEMENT_SORT_NONE:
      for (guint i = 0; i < n; i++)
        order[descending ? n - 1 - i : i] = i;
      return order;
    case KS_AGREEMENT_SORT_TITLE:
      context.keys = ensure_keys (table, KS_KEY_COLUMN_TITLE);
      break;
    case KS_AGREEMENT_SORT_LOCAL_PARTIES:
      context.keys = ensure_keys (table, KS_KEY_COLUMN_LOCAL_PARTIES);
      break;
    case KS_AGREEMENT_SORT_PARTNERS:
      context.keys = ensure_keys (table, KS_KEY_COLUMN_PARTNERS);
      break;
    case KS_AGREEMENT_SORT_REGION:
      context.keys = owned_keys = region_keys (table);
      break;
    case KS_AGREEMENT_SORT_FORM:
      context.keys = owned_keys = form_keys (table);
      break;
    case KS_AGREEMENT_SORT_STAGE:
      context.compare = compare_stage;
      context.by_stage = TRUE;
      break;
    case KS_AGREEMENT_SORT_PERIOD:
      context.compare = compare_period;
      context.by_period = TRUE;
      break;
    case KS_AGREEMENT_SORT_LAST_FOLLOW_UP:
      context.compare = compare_text;
      context.text = KS_SUMMARY_LAST_EVENT_ON;
      break;
    case KS_AGREEMENT_SORT_UPDATED:
      context.compare = compare_text;
      context.text = KS_SUMMARY_UPDATED_AT;
      break;
    default:
      g_assert_not_reached ();
    }

  items = sort_scratch (table, &transient);
  for (guint i = 0; i < n; i++)
    {
      items[i].prefix = sort_prefix (&context, i);
      items[i].index = i;
    }
  sort_by_prefix (items, items + n, n);
  sort_ties (items, n, &context);

  for (guint i = 0; i < n; i++)
    order[descending ? n - 1 - i : i] = items[i].index;

  return order;
}

GStrv
ks_search_terms_new (const char *text)
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

/**
 * ks_agreement_row_equal:
 *
 * Whether two snapshots hold the same row: same id, same texts.  Equal
 * 64-bit hashes stand for equal texts, which makes a missed change
 * practically impossible; they are worked out on first use, since only
 * reloads compare rows.
 */
gboolean
ks_agreement_row_equal (KsAgreementRow *a,
                        KsAgreementRow *b)
{
  if (a->id != b->id)
    return FALSE;

  if (a->hash == 0)
    a->hash = hash_row (a);
  if (b->hash == 0)
    b->hash = hash_row (b);

  return a->hash == b->hash;
}

gboolean
ks_search_terms_match (const char * const *terms,
                       const char         *haystack)
{
  for (guint i = 0; terms[i] != NULL; i++)
    if (strstr (haystack, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* Matches for @new_terms are a subset of those for @old_terms when every
 * old word is part of a new one (the user kept typing). */
gboolean
ks_search_terms_narrow (const char * const *old_terms,
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

guint32
ks_day_number (const GDate *date)
{
  return day_number (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}
