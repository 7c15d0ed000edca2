/* ks-exchange.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_EXCHANGE_SUFFIX ".kerjasama"

/**
 * KsExchangePrefer:
 * @KS_EXCHANGE_PREFER_NONE: a conflict leaves both versions untouched
 * @KS_EXCHANGE_PREFER_MINE: a conflict keeps the open register's version
 * @KS_EXCHANGE_PREFER_THEIRS: a conflict takes the incoming file's version
 */
typedef enum
{
  KS_EXCHANGE_PREFER_NONE,
  KS_EXCHANGE_PREFER_MINE,
  KS_EXCHANGE_PREFER_THEIRS,
} KsExchangePrefer;

/**
 * KsExchangeConflict:
 * @table: "agreements", "events" or "attachments"
 * @uuid: the record both registers changed
 * @agreement_uuid: the agreement it belongs to (itself for an agreement)
 * @title: the agreement's title in the open register, else in the file
 * @diffs: (element-type KsAuditDiff): per field, @old_value is the open
 *   register's ("mine") and @new_value the file's ("theirs")
 * @resolution: what the merge did with it
 */
typedef struct
{
  char             *table;
  char             *uuid;
  char             *agreement_uuid;
  char             *title;
  GPtrArray        *diffs;
  KsExchangePrefer  resolution;
} KsExchangeConflict;

/**
 * KsMergeReport:
 * @n_added: records (agreements, events, attachments) new to the register
 * @n_updated: records that took the file's version
 * @n_deleted: records the file's deletion removed from the lists
 * @n_unchanged: records already equal, or changed on this side only
 * @n_conflicts: records changed on both sides
 * @conflicts: (element-type KsExchangeConflict): the conflicts
 * @peer_uuid: the register the file was exported from
 * @exported_at: when it was exported (the sender's clock)
 * @n_regions_added: regions the file's agreements are in that the
 *   register did not have (added in the other register)
 *
 * What a merge did or, for a dry run, would do.
 */
typedef struct
{
  guint      n_added;
  guint      n_updated;
  guint      n_deleted;
  guint      n_unchanged;
  guint      n_conflicts;
  GPtrArray *conflicts;
  char      *peer_uuid;
  char      *exported_at;
  guint      n_regions_added;
} KsMergeReport;

/**
 * KsMergeOptions:
 * @dry_run: do everything, then undo it: the report tells what would happen
 * @prefer: how to resolve conflicts without a choice of their own
 * @choices: (nullable) (element-type utf8 KsExchangePrefer): record uuid →
 *   GINT_TO_POINTER (#KsExchangePrefer), a choice per conflict
 */
typedef struct
{
  gboolean          dry_run;
  KsExchangePrefer  prefer;
  GHashTable       *choices;
} KsMergeOptions;

/**
 * KsExchangeSelection:
 * @region_codes: (nullable) (array zero-terminated=1): regions whose
 *   agreements to export
 * @agencies: (nullable) (array zero-terminated=1): local parties (dinas,
 *   PDAM, school…) whose agreements to export, by name in any case and in
 *   any region
 * @uuids: (nullable) (array zero-terminated=1): agreements to export
 *
 * Which agreements an exchange file holds: those matching any of the
 * three (a union), plus the agreements they belong to; every agreement
 * when all three are %NULL.
 */
typedef struct
{
  const char * const *region_codes;
  const char * const *agencies;
  const char * const *uuids;
} KsExchangeSelection;

/**
 * KsExchangeProgress:
 * @done: agreements merged so far
 * @total: agreements in the file
 *
 * Called on the merging thread.
 */
typedef void (*KsExchangeProgress) (guint    done,
                                    guint    total,
                                    gpointer user_data);

KsMergeReport *ks_merge_report_new          (void);
void           ks_merge_report_free         (KsMergeReport *report);
void           ks_exchange_conflict_free    (KsExchangeConflict *conflict);

char          *ks_exchange_dup_register_uuid (KsDatabase          *db,
                                              GError             **error);

gboolean       ks_exchange_export           (KsDatabase          *db,
                                             const char          *path,
                                             const char * const  *region_codes,
                                             const char * const  *uuids,
                                             guint               *n_exported,
                                             GCancellable        *cancellable,
                                             GError             **error);

gboolean       ks_exchange_export_selection (KsDatabase                *db,
                                             const char                *path,
                                             const KsExchangeSelection *selection,
                                             guint                     *n_exported,
                                             GCancellable              *cancellable,
                                             GError                   **error);

gboolean       ks_exchange_merge            (KsDatabase          *db,
                                             const char          *path,
                                             const KsMergeOptions *options,
                                             KsExchangeProgress   progress,
                                             gpointer             user_data,
                                             GCancellable        *cancellable,
                                             KsMergeReport       *report,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsMergeReport, ks_merge_report_free)

G_END_DECLS
