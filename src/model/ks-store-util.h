/* ks-store-util.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-database.h"

G_BEGIN_DECLS

/* Helpers shared by the model's stores and the agreement writer;
 * private to the model. */

gboolean     ks_store_begin        (KsDatabase   *db,
                                    gboolean     *owned,
                                    GError      **error);
gboolean     ks_store_end          (KsDatabase   *db,
                                    gboolean      owned,
                                    gboolean      ok,
                                    GError      **error);
void         ks_store_bind_text    (KsStatement  *stmt,
                                    int           param,
                                    const char   *text);
void         ks_store_bind_static  (KsStatement  *stmt,
                                    int           param,
                                    const char   *text);
void         ks_store_set_string   (char        **slot,
                                    const char   *value);
const char  *ks_store_column_text  (KsStatement  *stmt,
                                    int           column);
gboolean     ks_store_step_row     (KsDatabase   *db,
                                    KsStatement  *stmt,
                                    gboolean     *has_row,
                                    GError      **error);
gint64       ks_store_lookup_agreement (KsDatabase *db,
                                    const char   *uuid,
                                    GError      **error);
gboolean     ks_store_set_deleted  (KsDatabase   *db,
                                    const char   *table,
                                    gint64        id,
                                    gboolean      deleted,
                                    GError      **error);

G_END_DECLS
