/* ks-agreement-writer.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-agreement-private.h"
#include "ks-agreement-store-private.h"
#include "ks-agreement-store.h"
#include "ks-agreement-writer.h"
#include "ks-error.h"
#include "ks-store-util.h"

/*
 * An import of 100,000 agreements through ks_agreement_store_save() paid,
 * per agreement, a savepoint, a reload of what it had just read, a dozen
 * look-ups of regions, partners, parties and steps, and a refresh of the
 * row's summaries by five subqueries.  This writer does what that save
 * does, in the same order and with the same audit entries, but keeps
 * every look-up for the next agreement and writes the summaries with the
 * row.  Partners and parties only ever come into being or back to life
 * during an import, so a cached answer stays the register's answer; the
 * rare update or undelete that could change one drops the cache.
 *
 * It never opens a transaction: the caller's one makes the whole import
 * all or nothing, and a failed save leaves it to be rolled back.
 */

typedef struct
{
  gint64        id;
  KsPartnerRef *ref;      /* as the register holds it */
} Partner;

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *name;
  gboolean  deleted;
} Party;

struct _KsAgreementWriter
{
  KsDatabase *db;
  char       *source;
  char       *now;               /* of the save, as the single save's */
  char       *audit_at;          /* of the last audit entry */
  gboolean    wrote_row;         /* by the last save */
  gint64      second;            /* of now, since the epoch */
  char       *second_text;       /* now up to the seconds */

  GHashTable *statements;        /* SQL constant → KsStatement */
  GHashTable *region_ids;        /* code → gint64 */
  GHashTable *step_ids;          /* key → gint64 */
  GHashTable *partners;          /* id → Partner, owning */
  GHashTable *partners_by_uuid;  /* uuid → Partner */
  GHashTable *partners_by_name;  /* "country\037name" → Partner */
  GHashTable *parties;           /* id → Party, owning */
  GHashTable *parties_by_name;   /* "region id\037name" → Party */
  GHashTable *touched_partners;  /* ids of partners an update changed */

  /* Per save, reused. */
  GArray     *partner_ids;
  GArray     *party_ids;
  GArray     *step_ids_of_save;

  gboolean    agreements_changed;
  gboolean    partners_changed;
  gboolean    parties_changed;
};

/* The agreement row with its summaries, which ks_agreement_store_refresh_summary()
 * would otherwise compute from the rows just written (?23…?27). */
#define INSERT_ROW                                                            \
  "INSERT INTO agreements (" KS_AGREEMENT_ROW_COLUMNS ", local_parties_text, " \
  "partners_text, countries, sectors_text, obstacles_text) VALUES ("         \
  KS_AGREEMENT_ROW_VALUES ", ?23, ?24, ?25, ?26, ?27)"

/* last_event_on stays: an import writes no events. */
#define UPDATE_ROW                                                            \
  "UPDATE agreements SET " KS_AGREEMENT_ROW_ASSIGNMENTS ", "                 \
  "local_parties_text = ?23, partners_text = ?24, countries = ?25, "         \
  "sectors_text = ?26, obstacles_text = ?27 WHERE uuid = ?1"

#define SELECT_PARTNER "SELECT id, uuid, name, kind, country, locality FROM partners "
#define SELECT_PARTY "SELECT id, uuid, name, deleted_at IS NOT NULL FROM local_parties "

enum {
  PARAM_LOCAL_PARTIES_TEXT = 23,
  PARAM_PARTNERS_TEXT,
  PARAM_COUNTRIES,
  PARAM_SECTORS_TEXT,
  PARAM_OBSTACLES_TEXT,
};

static void
partner_free (Partner *partner)
{
  ks_partner_ref_free (partner->ref);
  g_free (partner);
}

static void
party_free (Party *party)
{
  g_free (party->uuid);
  g_free (party->name);
  g_free (party);
}

/* ks_database_prepare() finds its statement by hashing and comparing
 * the whole SQL text, some hundreds of bytes for a row; the writer's
 * texts are constants, known by their address. */
static KsStatement *
prepare (KsAgreementWriter  *self,
         const char         *sql,
         GError            **error)
{
  KsStatement *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = ks_database_prepare (self->db, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* ------------------------------------------------------------------ */
/* Time and the audit trail */

/* ks_database_now() formats a GDateTime each call, a good part of a
 * row's cost in an import; the same text is built from the clock with
 * the date and time of day formatted once a second. */
static void
format_now (KsAgreementWriter  *self,
            char              **slot)
{
  gint64 now = g_get_real_time ();
  gint64 second = now / G_USEC_PER_SEC;

  if (second != self->second)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (second);

      g_free (self->second_text);
      self->second_text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
      self->second = second;
    }

  g_free (*slot);
  *slot = g_strdup_printf ("%s.%06dZ", self->second_text, (int) (now % G_USEC_PER_SEC));
}

/* One time for all the rows a save writes, as ks_agreement_store_save()
 * has always done. */
static void
update_now (KsAgreementWriter *self)
{
  format_now (self, &self->now);
}

/* ks_database_audit() with the writer's clock: a time of its own, as
 * ks_database_audit() takes, so that the save's time stays. */
static gboolean
audit (KsAgreementWriter  *self,
       const char         *table,
       const char         *uuid,
       const char         *action,
       const char         *changes,
       GError            **error)
{
  g_autoptr(KsStatement) stmt =
    prepare (self,
                         "INSERT INTO audit_log (at, who, record_table, record_uuid, "
                         "action, changes, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);

  if (stmt == NULL)
    return FALSE;

  format_now (self, &self->audit_at);
  ks_store_bind_static (stmt, 1, self->audit_at);
  ks_store_bind_static (stmt, 2, ks_database_get_staff_name (self->db));
  ks_store_bind_static (stmt, 3, table);
  ks_store_bind_static (stmt, 4, uuid);
  ks_store_bind_static (stmt, 5, action);
  ks_store_bind_static (stmt, 6, changes);
  ks_store_bind_static (stmt, 7, self->source);
  return ks_database_step_done (self->db, stmt, error);
}

/* ------------------------------------------------------------------ */
/* Reference data: regions, steps */

static gboolean
lookup_code (KsAgreementWriter  *self,
             GHashTable         *cache,
             const char         *sql,
             const char         *code,
             gint64             *id,
             GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  gint64 *cached = g_hash_table_lookup (cache, code);
  gboolean has_row;

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  ks_store_bind_text (stmt, 1, code);
  if (!ks_store_step_row (self->db, stmt, &has_row, error))
    return FALSE;

  *id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  if (has_row)
    g_hash_table_insert (cache, g_strdup (code), new_id (*id));
  return TRUE;
}

static gboolean
lookup_region (KsAgreementWriter  *self,
               KsAgreement        *work,
               gint64             *region_id,
               GError            **error)
{
  const char *code = ks_agreement_get_region_code (work);

  if (!lookup_code (self, self->region_ids, "SELECT id FROM regions WHERE code = ?", code,
                    region_id, error))
    return FALSE;

  if (*region_id == 0)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("Region: there is no region with code %s"), code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
lookup_steps (KsAgreementWriter  *self,
              KsAgreement        *work,
              GError            **error)
{
  GPtrArray *procedure = ks_agreement_get_procedure (work);

  g_array_set_size (self->step_ids_of_save, 0);
  for (guint i = 0; i < procedure->len; i++)
    {
      KsProcedureEntry *entry = g_ptr_array_index (procedure, i);
      gint64 id;

      if (!lookup_code (self, self->step_ids, "SELECT id FROM procedure_steps WHERE key = ?",
                        entry->step_key, &id, error))
        return FALSE;
      if (id == 0)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                       _("Procedure step %u: there is no step “%s” in the checklist"),
                       i + 1, entry->step_key);
          return FALSE;
        }
      g_array_append_val (self->step_ids_of_save, id);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The parent chain */

static gboolean
read_parent_of (KsAgreementWriter  *self,
                gint64              id,
                gint64             *parent_id,
                GError            **error)
{
  g_autoptr(KsStatement) stmt =
    prepare (self, "SELECT parent_id FROM agreements WHERE id = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!ks_store_step_row (self->db, stmt, &has_row, error))
    return FALSE;

  *parent_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* As the single save checks it: the chain upwards from the parent never
 * comes back to this agreement; a loop elsewhere ends the walk. */
static gboolean
check_no_cycle (KsAgreementWriter  *self,
                gint64              id,
                gint64              parent_id,
                const char         *parent_title,
                GError            **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 current = parent_id;

  while (current != 0)
    {
      if (current == id)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                       _("Parent agreement: “%s” already follows this agreement, "
                         "so this one cannot follow it"),
                       parent_title);
          return FALSE;
        }

      if (!g_hash_table_add (visited, new_id (current)))
        break;
      if (!read_parent_of (self, current, &current, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
lookup_parent (KsAgreementWriter  *self,
               KsAgreement        *work,
               gint64              id,
               gint64             *parent_id,
               GError            **error)
{
  const char *parent_uuid = ks_agreement_get_parent_uuid (work);
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *title = NULL;
  gboolean has_row;

  *parent_id = 0;
  if (parent_uuid[0] == '\0')
    return TRUE;

  stmt = prepare (self, "SELECT id, title FROM agreements WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  ks_store_bind_text (stmt, 1, parent_uuid);
  if (!ks_store_step_row (self->db, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("Parent agreement: there is no agreement with the identifier %s"), parent_uuid);
      return FALSE;
    }

  *parent_id = sqlite3_column_int64 (stmt, 0);
  title = g_strdup (ks_store_column_text (stmt, 1));
  ks_statement_release (g_steal_pointer (&stmt));

  return id == 0 || check_no_cycle (self, id, *parent_id, title, error);
}

/* ------------------------------------------------------------------ */
/* Partners */

static Partner *
remember_partner (KsAgreementWriter  *self,
                  gint64              id,
                  const KsPartnerRef *ref)
{
  Partner *partner = g_hash_table_lookup (self->partners, &id);

  if (partner == NULL)
    {
      partner = g_new0 (Partner, 1);
      partner->id = id;
      partner->ref = ks_partner_ref_copy (ref);
      g_hash_table_insert (self->partners, new_id (id), partner);
      g_hash_table_insert (self->partners_by_uuid, partner->ref->uuid, partner);
    }
  return partner;
}

/* Runs a SELECT_PARTNER statement whose parameters are bound. */
static gboolean
step_partner (KsAgreementWriter  *self,
              KsStatement        *stmt,
              Partner           **partner,
              GError            **error)
{
  g_autoptr(KsPartnerRef) ref = NULL;
  gboolean has_row;

  *partner = NULL;
  if (!ks_store_step_row (self->db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  ref = ks_partner_ref_new (ks_store_column_text (stmt, 1), ks_store_column_text (stmt, 2),
                            ks_store_column_text (stmt, 3), ks_store_column_text (stmt, 4),
                            ks_store_column_text (stmt, 5));
  *partner = remember_partner (self, sqlite3_column_int64 (stmt, 0), ref);
  return TRUE;
}

static gboolean
find_partner_by_uuid (KsAgreementWriter  *self,
                      const char         *uuid,
                      Partner           **partner,
                      GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;

  *partner = g_hash_table_lookup (self->partners_by_uuid, uuid);
  if (*partner != NULL)
    return TRUE;

  stmt = prepare (self, SELECT_PARTNER "WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  ks_store_bind_text (stmt, 1, uuid);
  return step_partner (self, stmt, partner, error);
}

/* The exact spelling first, then the folded name, as the single save
 * looks them up. */
static gboolean
query_partner_by_name (KsAgreementWriter  *self,
                       KsPartnerRef       *ref,
                       Partner           **partner,
                       GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *folded = NULL;

  stmt = prepare (self,
                              SELECT_PARTNER "WHERE deleted_at IS NULL AND name = ? AND country = ? "
                              "ORDER BY id LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  ks_store_bind_text (stmt, 1, ref->name);
  ks_store_bind_text (stmt, 2, ref->country);
  if (!step_partner (self, stmt, partner, error))
    return FALSE;
  if (*partner != NULL)
    return TRUE;
  ks_statement_release (g_steal_pointer (&stmt));

  folded = ks_agreement_fold_name (ref->name);
  stmt = prepare (self,
                              SELECT_PARTNER "WHERE deleted_at IS NULL AND country = ? AND folded_name = ? "
                              "ORDER BY id LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  ks_store_bind_text (stmt, 1, ref->country);
  ks_store_bind_text (stmt, 2, folded);
  return step_partner (self, stmt, partner, error);
}

static char *
partner_key (const KsPartnerRef *ref)
{
  return g_strconcat (ref->country, "\037", ref->name, NULL);
}

static gboolean
insert_partner (KsAgreementWriter  *self,
                KsPartnerRef       *ref,
                gint64             *id,
                GError            **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *folded = ks_agreement_fold_name (ref->name);

  /* A partner from another register keeps its identity. */
  if (ref->uuid[0] == '\0')
    {
      g_free (ref->uuid);
      ref->uuid = ks_database_new_uuid ();
    }

  stmt = prepare (self,
                              "INSERT INTO partners (uuid, name, kind, country, locality, "
                              "created_at, updated_at, folded_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  ks_store_bind_text (stmt, 1, ref->uuid);
  ks_store_bind_text (stmt, 2, ref->name);
  ks_store_bind_text (stmt, 3, ref->kind);
  ks_store_bind_text (stmt, 4, ref->country);
  ks_store_bind_text (stmt, 5, ref->locality);
  ks_store_bind_text (stmt, 6, self->now);
  ks_store_bind_text (stmt, 7, self->now);
  ks_store_bind_text (stmt, 8, folded);
  if (!ks_database_step_done (self->db, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (ks_database_get_handle (self->db));
  remember_partner (self, *id, ref);
  self->partners_changed = TRUE;

  ks_agreement_store_partner_changes (changes, NULL, ref);
  json = ks_audit_changes_to_json (changes);
  return audit (self, "partners", ref->uuid, "insert", json, error);
}

/* Editing a partner changes it for every agreement naming it; their
 * summaries are refreshed at the end. */
static gboolean
update_partner (KsAgreementWriter  *self,
                Partner            *stored,
                const KsPartnerRef *ref,
                GError            **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *folded = NULL;

  ks_agreement_store_partner_changes (changes, stored->ref, ref);
  if (ks_audit_changes_is_empty (changes))
    return TRUE;

  folded = ks_agreement_fold_name (ref->name);
  stmt = prepare (self,
                              "UPDATE partners SET name = ?, kind = ?, country = ?, locality = ?, "
                              "updated_at = ?, folded_name = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  ks_store_bind_text (stmt, 1, ref->name);
  ks_store_bind_text (stmt, 2, ref->kind);
  ks_store_bind_text (stmt, 3, ref->country);
  ks_store_bind_text (stmt, 4, ref->locality);
  ks_store_bind_text (stmt, 5, self->now);
  ks_store_bind_text (stmt, 6, folded);
  sqlite3_bind_int64 (stmt, 7, stored->id);
  if (!ks_database_step_done (self->db, stmt, error))
    return FALSE;

  ks_store_set_string (&stored->ref->name, ref->name);
  ks_store_set_string (&stored->ref->kind, ref->kind);
  ks_store_set_string (&stored->ref->country, ref->country);
  ks_store_set_string (&stored->ref->locality, ref->locality);
  /* Names may now find another partner. */
  g_hash_table_remove_all (self->partners_by_name);
  self->partners_changed = TRUE;
  g_hash_table_add (self->touched_partners, new_id (stored->id));

  json = ks_audit_changes_to_json (changes);
  return audit (self, "partners", ref->uuid, "update", json, error);
}

static gboolean
resolve_partner_by_name (KsAgreementWriter  *self,
                         KsPartnerRef       *ref,
                         gint64             *id,
                         GError            **error)
{
  g_autofree char *key = partner_key (ref);
  Partner *partner = g_hash_table_lookup (self->partners_by_name, key);

  if (partner == NULL && !query_partner_by_name (self, ref, &partner, error))
    return FALSE;

  if (partner == NULL)
    {
      if (!insert_partner (self, ref, id, error))
        return FALSE;
      partner = g_hash_table_lookup (self->partners, id);
    }
  else
    {
      ks_agreement_store_adopt_partner (ref, partner->ref);
      *id = partner->id;
    }

  g_hash_table_insert (self->partners_by_name, g_steal_pointer (&key), partner);
  return TRUE;
}

static gboolean
resolve_partner (KsAgreementWriter  *self,
                 KsPartnerRef       *ref,
                 gint64             *id,
                 GError            **error)
{
  Partner *stored = NULL;

  g_strstrip (ref->name);
  if (ref->uuid[0] == '\0')
    return resolve_partner_by_name (self, ref, id, error);

  if (!find_partner_by_uuid (self, ref->uuid, &stored, error))
    return FALSE;
  if (stored == NULL)
    return insert_partner (self, ref, id, error);

  *id = stored->id;
  return update_partner (self, stored, ref, error);
}

static gboolean
resolve_partners (KsAgreementWriter  *self,
                  KsAgreement        *work,
                  GError            **error)
{
  GPtrArray *partners = ks_agreement_get_partners (work);

  g_array_set_size (self->partner_ids, 0);
  for (guint i = 0; i < partners->len; i++)
    {
      KsPartnerRef *ref = g_ptr_array_index (partners, i);
      gint64 id = 0;

      if (!resolve_partner (self, ref, &id, error))
        return FALSE;

      /* One entry by uuid and one by name can be the same partner. */
      for (guint j = 0; j < i; j++)
        if (g_array_index (self->partner_ids, gint64, j) == id)
          {
            g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                         _("%s: “%s” is listed twice"), _("Partners"), ref->name);
            return FALSE;
          }
      g_array_append_val (self->partner_ids, id);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Local parties */

static gboolean
step_party (KsAgreementWriter  *self,
            KsStatement        *stmt,
            Party             **party,
            GError            **error)
{
  gboolean has_row;
  gint64 id;

  *party = NULL;
  if (!ks_store_step_row (self->db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  id = sqlite3_column_int64 (stmt, 0);
  *party = g_hash_table_lookup (self->parties, &id);
  if (*party != NULL)
    return TRUE;

  *party = g_new0 (Party, 1);
  (*party)->id = id;
  (*party)->uuid = g_strdup (ks_store_column_text (stmt, 1));
  (*party)->name = g_strdup (ks_store_column_text (stmt, 2));
  (*party)->deleted = sqlite3_column_int (stmt, 3) != 0;
  g_hash_table_insert (self->parties, new_id (id), *party);
  return TRUE;
}

/* The name is unique per region whatever deleted_at says, so a deleted
 * party is found too (live ones first). */
static gboolean
query_party (KsAgreementWriter  *self,
             gint64              region_id,
             const char         *name,
             Party             **party,
             GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *folded = NULL;

  stmt = prepare (self, SELECT_PARTY "WHERE region_id = ? AND name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, region_id);
  ks_store_bind_text (stmt, 2, name);
  if (!step_party (self, stmt, party, error))
    return FALSE;
  if (*party != NULL)
    return TRUE;
  ks_statement_release (g_steal_pointer (&stmt));

  folded = ks_agreement_fold_name (name);
  stmt = prepare (self,
                              SELECT_PARTY "WHERE region_id = ? AND folded_name = ? "
                              "ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, region_id);
  ks_store_bind_text (stmt, 2, folded);
  return step_party (self, stmt, party, error);
}

static gboolean
insert_party (KsAgreementWriter  *self,
              KsAgreement        *work,
              gint64              region_id,
              const char         *name,
              Party             **party,
              GError            **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *folded = ks_agreement_fold_name (name);
  g_autofree char *uuid = ks_database_new_uuid ();
  gint64 id;

  stmt = prepare (self,
                              "INSERT INTO local_parties (uuid, region_id, name, "
                              "created_at, updated_at, folded_name) VALUES (?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  ks_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, region_id);
  ks_store_bind_text (stmt, 3, name);
  ks_store_bind_text (stmt, 4, self->now);
  ks_store_bind_text (stmt, 5, self->now);
  ks_store_bind_text (stmt, 6, folded);
  if (!ks_database_step_done (self->db, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (ks_database_get_handle (self->db));
  *party = g_new0 (Party, 1);
  (*party)->id = id;
  (*party)->uuid = g_strdup (uuid);
  (*party)->name = g_strdup (name);
  g_hash_table_insert (self->parties, new_id (id), *party);
  self->parties_changed = TRUE;

  ks_audit_changes_add_string (changes, "region", NULL, ks_agreement_get_region_code (work));
  ks_audit_changes_add_string (changes, "name", NULL, name);
  json = ks_audit_changes_to_json (changes);
  return audit (self, "local_parties", uuid, "insert", json, error);
}

/* Named again, so in use again. */
static gboolean
undelete_party (KsAgreementWriter  *self,
                Party              *party,
                GError            **error)
{
  if (!ks_store_set_deleted (self->db, "local_parties", party->id, FALSE, error) ||
      !audit (self, "local_parties", party->uuid, "undelete", NULL, error))
    return FALSE;

  party->deleted = FALSE;
  self->parties_changed = TRUE;
  /* A live party now comes before others of the same folded name. */
  g_hash_table_remove_all (self->parties_by_name);
  return TRUE;
}

static gboolean
resolve_party (KsAgreementWriter  *self,
               KsAgreement        *work,
               gint64              region_id,
               KsLocalPartyRef    *ref,
               gint64             *id,
               GError            **error)
{
  g_autofree char *key = NULL;
  Party *party;

  g_strstrip (ref->name);
  key = g_strdup_printf ("%" G_GINT64_FORMAT "\037%s", region_id, ref->name);
  party = g_hash_table_lookup (self->parties_by_name, key);
  if (party == NULL && !query_party (self, region_id, ref->name, &party, error))
    return FALSE;

  if (party == NULL)
    {
      if (!insert_party (self, work, region_id, ref->name, &party, error))
        return FALSE;
    }
  else if (party->deleted && !undelete_party (self, party, error))
    return FALSE;

  g_hash_table_insert (self->parties_by_name, g_steal_pointer (&key), party);
  ks_store_set_string (&ref->name, party->name);
  *id = party->id;
  return TRUE;
}

static gboolean
resolve_parties (KsAgreementWriter  *self,
                 KsAgreement        *work,
                 gint64              region_id,
                 GError            **error)
{
  GPtrArray *parties = ks_agreement_get_local_parties (work);

  g_array_set_size (self->party_ids, 0);
  for (guint i = 0; i < parties->len; i++)
    {
      gint64 id = 0;

      if (!resolve_party (self, work, region_id, g_ptr_array_index (parties, i), &id, error))
        return FALSE;
      g_array_append_val (self->party_ids, id);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The row and its summaries */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ORDER BY on a text column compares bytes, as strcmp() does. */
static char *
join_sorted (GPtrArray *keys)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (keys->len);
  GString *out = g_string_new (NULL);

  /* Borrowed: a copy would take the list's free function along. */
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (keys, i));
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append (out, g_ptr_array_index (sorted, i));
    }
  return g_string_free (out, FALSE);
}

/* The same texts as REFRESH_SUMMARY in ks-agreement-store.c computes from
 * the rows just written: names in list order, keys sorted. */
static void
bind_summaries (KsStatement *stmt,
                KsAgreement *work)
{
  GPtrArray *parties = ks_agreement_get_local_parties (work);
  GPtrArray *partners = ks_agreement_get_partners (work);
  GPtrArray *obstacles = ks_agreement_get_obstacles (work);
  g_autoptr(GPtrArray) obstacle_keys = g_ptr_array_sized_new (obstacles->len);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) partner_names = g_string_new (NULL);
  g_autoptr(GString) countries = g_string_new (NULL);
  g_autofree char *sectors = join_sorted (ks_agreement_get_sectors (work));
  g_autofree char *obstacles_text = NULL;

  for (guint i = 0; i < parties->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "; " : "",
                            ((KsLocalPartyRef *) g_ptr_array_index (parties, i))->name);
  for (guint i = 0; i < partners->len; i++)
    {
      KsPartnerRef *ref = g_ptr_array_index (partners, i);

      g_string_append_printf (partner_names, "%s%s", i > 0 ? "; " : "", ref->name);
      g_string_append_printf (countries, "%s%s", i > 0 ? ";" : "", ref->country);
    }
  for (guint i = 0; i < obstacles->len; i++)
    g_ptr_array_add (obstacle_keys, ((KsObstacle *) g_ptr_array_index (obstacles, i))->key);
  obstacles_text = join_sorted (obstacle_keys);

  ks_store_bind_text (stmt, PARAM_LOCAL_PARTIES_TEXT, names->str);
  ks_store_bind_text (stmt, PARAM_PARTNERS_TEXT, partner_names->str);
  ks_store_bind_text (stmt, PARAM_COUNTRIES, countries->str);
  ks_store_bind_text (stmt, PARAM_SECTORS_TEXT, sectors);
  ks_store_bind_text (stmt, PARAM_OBSTACLES_TEXT, obstacles_text);
}

static gboolean
write_row (KsAgreementWriter  *self,
           KsAgreement        *work,
           gboolean            insert,
           gint64              region_id,
           gint64              parent_id,
           gint64             *id,
           GError            **error)
{
  g_autoptr(KsStatement) stmt = prepare (self, insert ? INSERT_ROW : UPDATE_ROW, error);

  if (stmt == NULL)
    return FALSE;

  ks_agreement_store_bind_row (stmt, work, region_id, parent_id, self->now);
  bind_summaries (stmt, work);
  if (!ks_database_step_done (self->db, stmt, error))
    return FALSE;

  if (insert)
    *id = sqlite3_last_insert_rowid (ks_database_get_handle (self->db));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The link tables, rewritten whole as the single save does */

static gboolean
clear_links (KsAgreementWriter  *self,
             gint64              id,
             GError            **error)
{
  static const char * const statements[] = {
    "DELETE FROM agreement_partners WHERE agreement_id = ?",
    "DELETE FROM agreement_local_parties WHERE agreement_id = ?",
    "DELETE FROM agreement_sectors WHERE agreement_id = ?",
    "DELETE FROM agreement_obstacles WHERE agreement_id = ?",
    "DELETE FROM people WHERE agreement_id = ?",
    "DELETE FROM agreement_procedure WHERE agreement_id = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(KsStatement) stmt = prepare (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!ks_database_step_done (self->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

typedef void (*BindItem) (KsAgreementWriter *self,
                          KsStatement       *stmt,
                          gpointer           item,
                          guint              index);

static gboolean
insert_list (KsAgreementWriter  *self,
             gint64              id,
             const char         *sql,
             GPtrArray          *list,
             BindItem            bind,
             GError            **error)
{
  g_autoptr(KsStatement) stmt = NULL;

  if (list->len == 0)
    return TRUE;

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      bind (self, stmt, g_ptr_array_index (list, i), i);
      if (!ks_database_step_done (self->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
bind_partner_link (KsAgreementWriter *self, KsStatement *stmt, gpointer item, guint index)
{
  sqlite3_bind_int64 (stmt, 2, g_array_index (self->partner_ids, gint64, index));
  sqlite3_bind_int (stmt, 3, index);
}

static void
bind_party_link (KsAgreementWriter *self, KsStatement *stmt, gpointer item, guint index)
{
  KsLocalPartyRef *ref = item;

  sqlite3_bind_int64 (stmt, 2, g_array_index (self->party_ids, gint64, index));
  ks_store_bind_static (stmt, 3, ref->role);
  sqlite3_bind_int (stmt, 4, index);
}

static void
bind_sector (KsAgreementWriter *self, KsStatement *stmt, gpointer item, guint index)
{
  ks_store_bind_static (stmt, 2, item);
}

static void
bind_obstacle (KsAgreementWriter *self, KsStatement *stmt, gpointer item, guint index)
{
  KsObstacle *obstacle = item;

  ks_store_bind_static (stmt, 2, obstacle->key);
  ks_store_bind_static (stmt, 3, obstacle->note);
}

static void
bind_person (KsAgreementWriter *self, KsStatement *stmt, gpointer item, guint index)
{
  KsPerson *person = item;

  ks_store_bind_text (stmt, 2, person->side);
  ks_store_bind_text (stmt, 3, person->role);
  ks_store_bind_text (stmt, 4, person->name);
  ks_store_bind_text (stmt, 5, person->position);
  ks_store_bind_text (stmt, 6, person->email);
  ks_store_bind_text (stmt, 7, person->phone);
  ks_store_bind_text (stmt, 8, person->signed_on);
  sqlite3_bind_int (stmt, 9, index);
}

static void
bind_step (KsAgreementWriter *self, KsStatement *stmt, gpointer item, guint index)
{
  KsProcedureEntry *entry = item;

  sqlite3_bind_int64 (stmt, 2, g_array_index (self->step_ids_of_save, gint64, index));
  ks_store_bind_text (stmt, 3, entry->done_on);
  ks_store_bind_text (stmt, 4, entry->note);
}

static gboolean
write_links (KsAgreementWriter  *self,
             KsAgreement        *work,
             gint64              id,
             GError            **error)
{
  return insert_list (self, id,
                      "INSERT INTO agreement_partners (agreement_id, partner_id, position) "
                      "VALUES (?, ?, ?)",
                      ks_agreement_get_partners (work), bind_partner_link, error) &&
         insert_list (self, id,
                      "INSERT INTO agreement_local_parties (agreement_id, local_party_id, "
                      "role, position) VALUES (?, ?, ?, ?)",
                      ks_agreement_get_local_parties (work), bind_party_link, error) &&
         insert_list (self, id,
                      "INSERT INTO agreement_sectors (agreement_id, sector) VALUES (?, ?)",
                      ks_agreement_get_sectors (work), bind_sector, error) &&
         insert_list (self, id,
                      "INSERT INTO agreement_obstacles (agreement_id, obstacle, note) VALUES (?, ?, ?)",
                      ks_agreement_get_obstacles (work), bind_obstacle, error) &&
         insert_list (self, id,
                      "INSERT INTO people (agreement_id, side, role, name, position, email, phone, "
                      "signed_on, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      ks_agreement_get_people (work), bind_person, error) &&
         insert_list (self, id,
                      "INSERT INTO agreement_procedure (agreement_id, step_id, done_on, note) "
                      "VALUES (?, ?, ?, ?)",
                      ks_agreement_get_procedure (work), bind_step, error);
}

/* ------------------------------------------------------------------ */
/* One agreement */

static gboolean
write_agreement (KsAgreementWriter  *self,
                 KsAgreement        *work,
                 KsAgreement        *stored,
                 gint64              id,
                 gint64              region_id,
                 gint64              parent_id,
                 GError            **error)
{
  g_autoptr(KsAuditChanges) changes = ks_agreement_store_diff (stored, work);
  g_autofree char *json = NULL;

  /* Saving what the register already holds writes nothing. */
  if (stored != NULL && ks_audit_changes_is_empty (changes))
    return TRUE;

  json = ks_audit_changes_to_json (changes);
  if (!write_row (self, work, stored == NULL, region_id, parent_id, &id, error) ||
      (stored != NULL && !clear_links (self, id, error)) ||
      !write_links (self, work, id, error))
    return FALSE;

  self->agreements_changed = TRUE;
  self->wrote_row = TRUE;
  return audit (self, "agreements", ks_agreement_get_uuid (work),
                stored == NULL ? "insert" : "update", json, error);
}

/**
 * ks_agreement_writer_save:
 * @agreement: the agreement to write, valid (ks_agreement_validate());
 *   its uuid, partners and local parties take what the register decides
 * @stored: (nullable): the register's copy of @agreement, as
 *   ks_agreement_store_load() read it; %NULL for a new agreement
 *
 * Writes @agreement as ks_agreement_store_save() would, in the caller's
 * transaction.  A failed save leaves writes behind: roll back.
 */
gboolean
ks_agreement_writer_save (KsAgreementWriter  *self,
                          KsAgreement        *agreement,
                          KsAgreement        *stored,
                          GError            **error)
{
  gint64 region_id = 0, parent_id = 0, id = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (KS_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (ks_database_in_transaction (self->db), FALSE);

  update_now (self);
  self->wrote_row = FALSE;

  if (ks_agreement_get_uuid (agreement)[0] == '\0')
    {
      g_autofree char *uuid = ks_database_new_uuid ();

      g_object_set (agreement, "uuid", uuid, NULL);
    }
  if (stored != NULL &&
      (id = ks_agreement_store_lookup_id (self->db, ks_agreement_get_uuid (agreement), error)) == 0)
    return FALSE;

  return lookup_region (self, agreement, &region_id, error) &&
         lookup_parent (self, agreement, id, &parent_id, error) &&
         lookup_steps (self, agreement, error) &&
         resolve_partners (self, agreement, error) &&
         resolve_parties (self, agreement, region_id, error) &&
         write_agreement (self, agreement, stored, id, region_id, parent_id, error);
}

/**
 * ks_agreement_writer_get_written_at:
 *
 * Returns: (nullable): the updated_at the last ks_agreement_writer_save()
 *   gave its agreement, or %NULL when it found nothing to write
 */
const char *
ks_agreement_writer_get_written_at (KsAgreementWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->wrote_row ? self->now : NULL;
}

/* ------------------------------------------------------------------ */
/* Life cycle */

/**
 * ks_agreement_writer_new:
 * @source: (nullable): recorded in the audit trail, e.g. "import:file.csv"
 *
 * Returns: (transfer full): a writer for @db; use it inside one
 *   transaction and end with ks_agreement_writer_finish()
 */
KsAgreementWriter *
ks_agreement_writer_new (KsDatabase *db,
                         const char *source)
{
  KsAgreementWriter *self = g_new0 (KsAgreementWriter, 1);

  self->db = g_object_ref (db);
  self->source = g_strdup (source);
  self->second = -1;
  self->statements = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->region_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->step_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) partner_free);
  self->partners_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->partners_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parties = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) party_free);
  self->parties_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched_partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->party_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->step_ids_of_save = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

void
ks_agreement_writer_free (KsAgreementWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->db);
  g_free (self->source);
  g_free (self->now);
  g_free (self->audit_at);
  g_free (self->second_text);
  g_hash_table_unref (self->statements);
  g_hash_table_unref (self->region_ids);
  g_hash_table_unref (self->step_ids);
  g_hash_table_unref (self->partners_by_uuid);
  g_hash_table_unref (self->partners_by_name);
  g_hash_table_unref (self->partners);
  g_hash_table_unref (self->parties_by_name);
  g_hash_table_unref (self->parties);
  g_hash_table_unref (self->touched_partners);
  g_array_unref (self->partner_ids);
  g_array_unref (self->party_ids);
  g_array_unref (self->step_ids_of_save);
  g_free (self);
}

/* Other agreements naming a partner an update renamed or moved. */
static gboolean
refresh_partner_agreements (KsAgreementWriter  *self,
                            GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer partner_id;

  g_hash_table_iter_init (&iter, self->touched_partners);
  while (g_hash_table_iter_next (&iter, &partner_id, NULL))
    {
      g_autoptr(KsStatement) stmt =
        prepare (self, "SELECT agreement_id FROM agreement_partners WHERE partner_id = ?",
                             error);
      gboolean has_row;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) partner_id);
      for (;;)
        {
          gint64 id;

          if (!ks_store_step_row (self->db, stmt, &has_row, error))
            return FALSE;
          if (!has_row)
            break;
          id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    if (!ks_agreement_store_refresh_summary (self->db, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

/**
 * ks_agreement_writer_finish:
 *
 * Refreshes what the saves left to the end and announces the changed
 * tables, which #KsDatabase::changed reports when the caller commits.
 */
gboolean
ks_agreement_writer_finish (KsAgreementWriter  *self,
                            GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!refresh_partner_agreements (self, error))
    return FALSE;

  if (self->agreements_changed || self->partners_changed)
    ks_database_changed (self->db, "agreements");
  if (self->partners_changed)
    ks_database_changed (self->db, "partners");
  if (self->parties_changed)
    ks_database_changed (self->db, "local_parties");
  return TRUE;
}
