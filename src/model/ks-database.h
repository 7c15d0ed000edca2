/* ks-database.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Written into the file header (PRAGMA application_id) so that another
 * program's SQLite file is never mistaken for a register: "KSJS". */
#define KS_DATABASE_APPLICATION_ID 0x4B534A53
#define KS_DATABASE_SCHEMA_VERSION 4

#define KS_TYPE_DATABASE (ks_database_get_type ())

G_DECLARE_FINAL_TYPE (KsDatabase, ks_database, KS, DATABASE, GObject)

/**
 * KsDatabaseFlags:
 * @KS_DATABASE_FLAGS_NONE: open read-write, creating the file if missing
 * @KS_DATABASE_READ_ONLY: never write; the file must exist and be current
 * @KS_DATABASE_NO_CREATE: refuse to create a missing file
 * @KS_DATABASE_NO_SEED: a new file gets the schema but no reference data
 */
typedef enum
{
  KS_DATABASE_FLAGS_NONE = 0,
  KS_DATABASE_READ_ONLY  = 1 << 0,
  KS_DATABASE_NO_CREATE  = 1 << 1,
  KS_DATABASE_NO_SEED    = 1 << 2,
} KsDatabaseFlags;

/* A prepared statement from the connection's cache; g_autoptr() resets it
 * (it is never finalized by the caller). */
typedef sqlite3_stmt KsStatement;

KsDatabase   *ks_database_open              (const char       *path,
                                             KsDatabaseFlags   flags,
                                             GError          **error);
gboolean      ks_database_create_at_version (const char       *path,
                                             int               version,
                                             GError          **error);
const char   *ks_database_get_path          (KsDatabase       *self);
gboolean      ks_database_is_large       (KsDatabase       *self);
gboolean      ks_database_check_file        (const char       *path,
                                             GCancellable     *cancellable,
                                             GError          **error);
void          ks_database_set_check_limit   (goffset           max_bytes);
sqlite3      *ks_database_get_handle        (KsDatabase       *self);
int           ks_database_get_schema_version (KsDatabase      *self);

const char   *ks_database_get_staff_name    (KsDatabase       *self);
void          ks_database_set_staff_name    (KsDatabase       *self,
                                             const char       *staff_name);

KsStatement  *ks_database_prepare           (KsDatabase       *self,
                                             const char       *sql,
                                             GError          **error);
gboolean      ks_database_step_done         (KsDatabase       *self,
                                             KsStatement      *stmt,
                                             GError          **error);
gboolean      ks_database_exec              (KsDatabase       *self,
                                             const char       *sql,
                                             GError          **error);
gboolean      ks_database_set_error         (KsDatabase       *self,
                                             int               rc,
                                             GError          **error);
void          ks_statement_release          (KsStatement      *stmt);

gboolean      ks_database_begin             (KsDatabase       *self,
                                             GError          **error);
gboolean      ks_database_commit            (KsDatabase       *self,
                                             GError          **error);
void          ks_database_rollback          (KsDatabase       *self);
gboolean      ks_database_in_transaction    (KsDatabase       *self);

void          ks_database_changed           (KsDatabase       *self,
                                             const char       *table);

gboolean      ks_database_audit             (KsDatabase       *self,
                                             const char       *table,
                                             const char       *uuid,
                                             const char       *action,
                                             const char       *changes,
                                             const char       *source,
                                             GError          **error);

char         *ks_database_now               (void);
char         *ks_database_new_uuid          (void);

gboolean      ks_database_backup_to         (KsDatabase       *self,
                                             const char       *dest_path,
                                             GCancellable     *cancellable,
                                             GError          **error);
char         *ks_database_dup_backup_dir    (KsDatabase       *self);
gboolean      ks_database_restore_from      (KsDatabase       *self,
                                             const char       *backup_path,
                                             char            **saved_path,
                                             GCancellable     *cancellable,
                                             GError          **error);
gboolean      ks_database_auto_backup       (KsDatabase       *self,
                                             guint             keep,
                                             GDateTime        *now,
                                             GCancellable     *cancellable,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsStatement, ks_statement_release)

G_END_DECLS
