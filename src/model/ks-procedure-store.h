/* ks-procedure-store.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"
#include "ks-procedure-step.h"

G_BEGIN_DECLS

/* The procedure checklist's steps: reference data a user may edit.  Every
 * change is one audited transaction, or joins the caller's. */

GListStore      *ks_procedure_store_list         (KsDatabase          *db,
                                                  GError             **error);
KsProcedureStep *ks_procedure_store_add          (KsDatabase          *db,
                                                  const char          *label,
                                                  gboolean             required,
                                                  GError             **error);
gboolean         ks_procedure_store_rename       (KsDatabase          *db,
                                                  const char          *uuid,
                                                  const char          *label,
                                                  GError             **error);
gboolean         ks_procedure_store_set_required (KsDatabase          *db,
                                                  const char          *uuid,
                                                  gboolean             required,
                                                  GError             **error);
gboolean         ks_procedure_store_reorder      (KsDatabase          *db,
                                                  const char * const  *uuids,
                                                  GError             **error);
gboolean         ks_procedure_store_delete       (KsDatabase          *db,
                                                  const char          *uuid,
                                                  GError             **error);
gboolean         ks_procedure_store_undelete     (KsDatabase          *db,
                                                  const char          *uuid,
                                                  GError             **error);

G_END_DECLS
