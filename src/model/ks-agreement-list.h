/* ks-agreement-list.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ks-agreement-filter.h"
#include "ks-agreement-store.h"
#include "ks-agreement-summary.h"
#include "ks-database.h"

G_BEGIN_DECLS

/**
 * KsAgreementSortColumn:
 * @KS_AGREEMENT_SORT_NONE: the order agreements were entered in (by id)
 * @KS_AGREEMENT_SORT_TITLE: title, in the user's collation
 * @KS_AGREEMENT_SORT_REGION: region name, in the user's collation
 * @KS_AGREEMENT_SORT_LOCAL_PARTIES: local parties as listed
 * @KS_AGREEMENT_SORT_PARTNERS: partners as listed
 * @KS_AGREEMENT_SORT_FORM: the form's translated label
 * @KS_AGREEMENT_SORT_STAGE: stage order (exploration … completed, then
 *   stalled, terminated), not alphabetical
 * @KS_AGREEMENT_SORT_PERIOD: start, then end (partial dates as text)
 * @KS_AGREEMENT_SORT_LAST_FOLLOW_UP: date of the newest event
 * @KS_AGREEMENT_SORT_UPDATED: when the record was last changed
 *
 * Ties are broken by id; descending is the exact reverse of ascending.
 */
typedef enum
{
  KS_AGREEMENT_SORT_NONE,
  KS_AGREEMENT_SORT_TITLE,
  KS_AGREEMENT_SORT_REGION,
  KS_AGREEMENT_SORT_LOCAL_PARTIES,
  KS_AGREEMENT_SORT_PARTNERS,
  KS_AGREEMENT_SORT_FORM,
  KS_AGREEMENT_SORT_STAGE,
  KS_AGREEMENT_SORT_PERIOD,
  KS_AGREEMENT_SORT_LAST_FOLLOW_UP,
  KS_AGREEMENT_SORT_UPDATED,
} KsAgreementSortColumn;

#define KS_TYPE_AGREEMENT_SORT_COLUMN (ks_agreement_sort_column_get_type ())
GType ks_agreement_sort_column_get_type (void);

#define KS_TYPE_AGREEMENT_LIST (ks_agreement_list_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreementList, ks_agreement_list, KS, AGREEMENT_LIST, GObject)

/*
 * The register's table as a #GListModel of #KsAgreementSummary: every
 * agreement that is not deleted, through a #KsAgreementFilter and a sort
 * column, all worked out in memory (no GtkFilter or GtkSorter needed).
 * Items are made when asked for and stay the same object while anyone
 * holds them and their row does not change.
 *
 * The list reloads when a commit touched agreements, events, regions,
 * partners or local parties (#KsDatabase::changed; once per commit, before
 * ks_database_commit() returns), and reports the smallest changed range.
 * Properties: "database" and "scope" (construct-only), "filter", "n-items" and
 * "total" (read-only, notified on change).  #KsAgreementList::counts-changed
 * tells the sidebar to call ks_agreement_list_count_smart_view() again.
 */

KsAgreementList       *ks_agreement_list_new                 (KsDatabase            *db);
KsAgreementList       *ks_agreement_list_open                (KsDatabase            *db,
                                                              GError               **error);
void                   ks_agreement_list_open_async          (KsDatabase            *db,
                                                              KsAgreementSortColumn  sort_column,
                                                              gboolean               descending,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
KsAgreementList       *ks_agreement_list_open_finish         (GAsyncResult          *result,
                                                              GError               **error);
KsAgreementList       *ks_agreement_list_new_for_regions     (KsDatabase            *db,
                                                              const char * const    *region_codes);
gboolean               ks_agreement_list_get_details         (KsAgreementList       *self,
                                                              guint                  position,
                                                              KsAgreementDetails    *details);
gboolean               ks_agreement_list_set_scope           (KsAgreementList       *self,
                                                              const char * const    *region_codes,
                                                              GError               **error);
gboolean               ks_agreement_list_reload              (KsAgreementList       *self,
                                                              GError               **error);

void                   ks_agreement_list_set_filter          (KsAgreementList       *self,
                                                              KsAgreementFilter     *filter);
KsAgreementFilter     *ks_agreement_list_get_filter          (KsAgreementList       *self);
void                   ks_agreement_list_set_search          (KsAgreementList       *self,
                                                              const char            *text);
void                   ks_agreement_list_set_sort            (KsAgreementList       *self,
                                                              KsAgreementSortColumn  column,
                                                              gboolean               descending);
KsAgreementSortColumn  ks_agreement_list_get_sort_column     (KsAgreementList       *self);
gboolean               ks_agreement_list_get_sort_descending (KsAgreementList       *self);

guint                  ks_agreement_list_get_total           (KsAgreementList       *self);
guint                  ks_agreement_list_count_smart_view    (KsAgreementList       *self,
                                                              KsSmartView            view);
gboolean               ks_agreement_list_in_smart_view       (KsAgreementList       *self,
                                                              gint64                 id,
                                                              KsSmartView            view);
GArray                *ks_agreement_list_collect_ids         (KsAgreementList       *self,
                                                              KsAgreementFilter     *filter);
GHashTable            *ks_agreement_list_count_by_region     (KsAgreementList       *self);
KsDatabase            *ks_agreement_list_get_database        (KsAgreementList       *self);

G_END_DECLS
