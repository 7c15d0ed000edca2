/* ks-agreement-table-private.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement-list.h"
#include "ks-agreement-summary-private.h"
#include "ks-database.h"

G_BEGIN_DECLS

/*
 * The rows behind #KsAgreementList: one snapshot of every agreement that
 * is not deleted, read by one SELECT into plain structs, with what
 * filtering, searching and sorting need worked out once per row.  A new
 * snapshot replaces the old one on every reload; nothing in it changes
 * afterwards, except that sort keys and row hashes are added when first
 * needed.
 */

/* Bump allocator: every string of a snapshot lives and dies with it. */
typedef struct
{
  GSList *blocks;
  char   *pos;
  gsize   left;
  gboolean small;   /* blocks of 64 KiB rather than huge pages */
} KsArena;

/* What a report shows of an agreement beyond its summary; only a table
 * loaded by region holds them, in the same pass as the rest. */
typedef enum
{
  KS_DETAIL_NOTES,
  KS_DETAIL_OBSTACLES,
  KS_DETAIL_LAST_EVENT_KIND,
  KS_DETAIL_LAST_EVENT_DESCRIPTION,
  KS_N_DETAILS
} KsDetailText;

/* Worked out from the stage and reporting columns at load. */
enum {
  KS_ROW_MAY_NEED_FOLLOW_UP = 1 << 0,
  KS_ROW_RUNNING            = 1 << 1,
  KS_ROW_NOT_REPORTED       = 1 << 2,
};

typedef struct
{
  gint64       id;
  const char  *texts[KS_SUMMARY_N_TEXTS];
  const char  *haystack;        /* casefolded text the search looks in; "" when loaded by region */
  const char **details;         /* KS_N_DETAILS texts when loaded by region, else NULL */
  guint64      hash;            /* of id and texts, for reloads; 0 until needed */
  guint64      period_prefix;   /* starts_on and ends_on as one sortable number */
  guint32      activity_day;    /* ks_day_number(): newest of event, signing, start; 0 none */
  guint32      ends_day;        /* ks_day_number(): last day ends_on covers; 0 none */
  guint16      start_year;      /* of starts_on, signed_on or ends_on; 0 unknown */
  guint16      end_year;        /* of ends_on; 0 open */
  guint16      region;          /* index into KsAgreementTable.regions */
  gint8        stage;           /* ks_key_get_index(), -1 unknown */
  guint8       flags;
} KsAgreementRow;

typedef struct
{
  const char  *code;
  const char  *name;
  const char  *key;             /* collation key of the name, made when sorting */
} KsRegionEntry;

typedef enum
{
  KS_KEY_COLUMN_TITLE,
  KS_KEY_COLUMN_LOCAL_PARTIES,
  KS_KEY_COLUMN_PARTNERS,
  KS_N_KEY_COLUMNS
} KsKeyColumn;

typedef struct
{
  KsAgreementRow  *rows;        /* by id, in the arena */
  guint            n_rows;
  guint            capacity;
  KsRegionEntry   *regions;
  guint            n_regions;
  KsArena          strings;
  KsArena          haystacks;   /* apart, so that a search reads them one after the other */
  const char     **keys[KS_N_KEY_COLUMNS];         /* per row, or NULL until sorted */
  KsArena          key_strings[KS_N_KEY_COLUMNS];  /* handed on to the next snapshot */
  gpointer         sort_scratch;  /* two items per row, made by the first sort */
} KsAgreementTable;

/* Up to this many regions are read through the region index, more in
 * one pass over the file. */
#define KS_AGREEMENT_TABLE_FEW_REGIONS 16

KsAgreementTable     *ks_agreement_table_new        (void);
KsAgreementTable     *ks_agreement_table_load       (KsDatabase             *db,
                                                     GError                **error);
KsAgreementTable     *ks_agreement_table_load_regions (KsDatabase           *db,
                                                       const char * const   *region_codes,
                                                       GError              **error);
void                  ks_agreement_table_free       (KsAgreementTable       *table);
const KsAgreementRow *ks_agreement_table_find       (const KsAgreementTable *table,
                                                     gint64                  id);
void                  ks_agreement_table_take_keys  (KsAgreementTable       *table,
                                                     KsAgreementTable       *previous);
guint                *ks_agreement_table_sort       (KsAgreementTable       *table,
                                                     KsAgreementSortColumn   column,
                                                     gboolean                descending);

GStrv                 ks_search_terms_new           (const char             *text);
gboolean              ks_search_terms_match         (const char * const     *terms,
                                                     const char             *haystack);
gboolean              ks_search_terms_narrow        (const char * const     *old_terms,
                                                     const char * const     *new_terms);

gboolean              ks_agreement_row_equal        (KsAgreementRow         *a,
                                                     KsAgreementRow         *b);

guint32               ks_day_number                 (const GDate            *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAgreementTable, ks_agreement_table_free)

G_END_DECLS
