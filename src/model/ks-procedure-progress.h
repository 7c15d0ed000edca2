/* ks-procedure-progress.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

/**
 * KsProcedureGap:
 * @id: the agreement's id
 * @uuid: the agreement's uuid
 * @title: the agreement's title
 * @missing: the labels of the required steps not done, "A, B", translated
 * @n_missing: how many
 *
 * A signed agreement that misses a required step of the procedure.
 */
typedef struct
{
  gint64  id;
  char   *uuid;
  char   *title;
  char   *missing;
  guint   n_missing;
} KsProcedureGap;

gboolean   ks_procedure_progress_get        (KsDatabase      *db,
                                             gint64           agreement_id,
                                             guint           *n_done,
                                             guint           *n_required,
                                             GError         **error);
char      *ks_procedure_progress_format     (guint            n_done,
                                             guint            n_required);
GPtrArray *ks_procedure_progress_find_gaps  (KsDatabase      *db,
                                             GError         **error);
char      *ks_procedure_progress_list_missing (KsDatabase    *db,
                                             gint64           agreement_id,
                                             GError         **error);
void       ks_procedure_gap_free            (KsProcedureGap  *gap);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsProcedureGap, ks_procedure_gap_free)

G_END_DECLS
