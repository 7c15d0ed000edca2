/* ks-test-common.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ks-database.h"

G_BEGIN_DECLS

void     ks_test_init_i18n      (void);
char    *ks_test_make_tmpdir    (void);
void     ks_test_remove_tree    (const char *path);
char    *ks_test_dump_database  (const char *path);
GBytes  *ks_test_read_file      (const char *path);
void     ks_test_write_file     (const char *path,
                                 const void *data,
                                 gsize       len);
void     ks_test_copy_file      (const char *from,
                                 const char *to);
char    *ks_test_fixture_path   (const char *name);
char    *ks_test_pdf_text       (const char *path);
void     ks_test_damage_index   (const char *path,
                                 const char *index_name);

void     ks_test_exec           (KsDatabase *db,
                                 const char *sql);
char    *ks_test_query_text     (KsDatabase *db,
                                 const char *sql);
int      ks_test_query_int      (KsDatabase *db,
                                 const char *sql);

gboolean ks_test_switch_to_indonesian (void);
void     ks_test_remove_indonesian    (void);

G_END_DECLS
