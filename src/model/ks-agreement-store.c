/* ks-agreement-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-private.h"
#include "ks-agreement-store-private.h"
#include "ks-agreement-store.h"
#include "ks-agreement-summary-private.h"
#include "ks-audit-changes.h"
#include "ks-error.h"
#include "ks-store-util.h"

/* The text columns of an agreement row that map one to one onto string
 * properties, in the order of the statements below (parameters ?4…?18,
 * columns 4…18 of SELECT_AGREEMENT). */
static const struct {
  const char *column;
  const char *property;
} text_fields[] = {
  { "title", "title" },
  { "description", "description" },
  { "form", "form" },
  { "document", "document" },
  { "stage", "stage" },
  { "signed_on", "signed-on" },
  { "starts_on", "starts-on" },
  { "ends_on", "ends-on" },
  { "reported_by_agency_on", "reported-by-agency-on" },
  { "reported_to_center_on", "reported-to-center-on" },
  { "dprd_approved_on", "dprd-approved-on" },
  { "partner_currency", "partner-currency" },
  { "region_doc_number", "region-doc-number" },
  { "partner_doc_number", "partner-doc-number" },
  { "notes", "notes" },
};

#define FIRST_TEXT 4

enum {
  COL_ID,
  COL_UUID,
  COL_REGION_CODE,
  COL_PARENT_UUID,
  COL_APBD_AMOUNT = FIRST_TEXT + G_N_ELEMENTS (text_fields),
  COL_PARTNER_AMOUNT,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_DELETED_AT,
};

/* Parameters of INSERT_AGREEMENT and UPDATE_AGREEMENT. */
enum {
  PARAM_UUID = 1,
  PARAM_REGION_ID,
  PARAM_PARENT_ID,
  PARAM_APBD_AMOUNT = FIRST_TEXT + G_N_ELEMENTS (text_fields),
  PARAM_PARTNER_AMOUNT,
  PARAM_CREATED_AT,
  PARAM_UPDATED_AT,
};

#define SELECT_AGREEMENT                                                      \
  "SELECT a.id, a.uuid, r.code, coalesce (p.uuid, ''), a.title, "            \
  "a.description, a.form, a.document, a.stage, a.signed_on, a.starts_on, "   \
  "a.ends_on, a.reported_by_agency_on, a.reported_to_center_on, "            \
  "a.dprd_approved_on, a.partner_currency, a.region_doc_number, "            \
  "a.partner_doc_number, a.notes, a.apbd_amount, a.partner_amount, "         \
  "a.created_at, a.updated_at, a.deleted_at "                                \
  "FROM agreements a JOIN regions r ON r.id = a.region_id "                  \
  "LEFT JOIN agreements p ON p.id = a.parent_id WHERE a.uuid = ?"

#define INSERT_AGREEMENT                                                      \
  "INSERT INTO agreements (" KS_AGREEMENT_ROW_COLUMNS ") VALUES ("           \
  KS_AGREEMENT_ROW_VALUES ")"

#define UPDATE_AGREEMENT                                                      \
  "UPDATE agreements SET " KS_AGREEMENT_ROW_ASSIGNMENTS " WHERE uuid = ?1"

/* The same expressions as migrate-2.sql and the consistency check, so
 * that a refreshed row always passes the check. */
#define REFRESH_SUMMARY                                                       \
  "UPDATE agreements SET "                                                    \
  "local_parties_text = coalesce ((SELECT group_concat (name, '; ') FROM ("  \
  "  SELECT lp.name AS name FROM agreement_local_parties alp"                \
  "    JOIN local_parties lp ON lp.id = alp.local_party_id"                  \
  "   WHERE alp.agreement_id = ?1 ORDER BY alp.position)), ''), "            \
  "partners_text = coalesce ((SELECT group_concat (name, '; ') FROM ("       \
  "  SELECT p.name AS name FROM agreement_partners ap"                       \
  "    JOIN partners p ON p.id = ap.partner_id"                              \
  "   WHERE ap.agreement_id = ?1 ORDER BY ap.position)), ''), "              \
  "countries = coalesce ((SELECT group_concat (country, ';') FROM ("         \
  "  SELECT p.country AS country FROM agreement_partners ap"                 \
  "    JOIN partners p ON p.id = ap.partner_id"                              \
  "   WHERE ap.agreement_id = ?1 ORDER BY ap.position)), ''), "              \
  "sectors_text = coalesce ((SELECT group_concat (sector, ';') FROM ("       \
  "  SELECT sector FROM agreement_sectors"                                   \
  "   WHERE agreement_id = ?1 ORDER BY sector)), ''), "                      \
  "obstacles_text = coalesce ((SELECT group_concat (obstacle, ';') FROM ("   \
  "  SELECT obstacle FROM agreement_obstacles"                               \
  "   WHERE agreement_id = ?1 ORDER BY obstacle)), ''), "                    \
  "last_event_on = coalesce ((SELECT max (occurred_on) FROM events"          \
  "   WHERE agreement_id = ?1 AND deleted_at IS NULL), '') "                 \
  "WHERE id = ?1"

/* What one save works out before and while it writes. */
typedef struct
{
  KsDatabase  *db;
  KsAgreement *work;               /* a copy of the caller's, resolved */
  KsAgreement *stored;             /* NULL for a new agreement */
  char        *now;
  gint64       id;
  gint64       region_id;
  gint64       parent_id;
  GArray      *partner_ids;        /* per partner ref */
  GArray      *party_ids;          /* per local party ref */
  GArray      *step_ids;           /* per procedure entry */
  GHashTable  *touched_partners;   /* ids of partner rows this save changed */
  gboolean     partners_changed;
  gboolean     parties_changed;
  gboolean     agreement_changed;
} SaveState;

static void
save_state_clear (SaveState *state)
{
  g_clear_object (&state->work);
  g_clear_object (&state->stored);
  g_clear_pointer (&state->now, g_free);
  g_clear_pointer (&state->partner_ids, g_array_unref);
  g_clear_pointer (&state->party_ids, g_array_unref);
  g_clear_pointer (&state->step_ids, g_array_unref);
  g_clear_pointer (&state->touched_partners, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SaveState, save_state_clear)

static void
bind_text (KsStatement *stmt,
           int          param,
           const char  *text)
{
  sqlite3_bind_text (stmt, param, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_static (KsStatement *stmt,
             int          param,
             const char  *text)
{
  sqlite3_bind_text (stmt, param, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static void
set_ref_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

/* Reading */

static void
not_found (const char  *uuid,
           GError     **error)
{
  g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
               _("No agreement with the identifier %s"), uuid);
}

static KsAgreement *
agreement_from_row (KsStatement *stmt)
{
  gint64 apbd_amount = sqlite3_column_int64 (stmt, COL_APBD_AMOUNT);
  gint64 partner_amount = sqlite3_column_int64 (stmt, COL_PARTNER_AMOUNT);
  KsAgreement *agreement = g_object_new (KS_TYPE_AGREEMENT,
                                         "uuid", ks_store_column_text (stmt, COL_UUID),
                                         "region-code", ks_store_column_text (stmt, COL_REGION_CODE),
                                         "parent-uuid", ks_store_column_text (stmt, COL_PARENT_UUID),
                                         "apbd-amount", apbd_amount,
                                         "partner-amount", partner_amount,
                                         NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_object_set (agreement, text_fields[i].property,
                  ks_store_column_text (stmt, FIRST_TEXT + i), NULL);

  ks_agreement_set_timestamps (agreement,
                               ks_store_column_text (stmt, COL_CREATED_AT),
                               ks_store_column_text (stmt, COL_UPDATED_AT),
                               ks_store_column_text (stmt, COL_DELETED_AT));
  return agreement;
}

static KsAgreement *
read_row (KsDatabase  *db,
          const char  *uuid,
          gint64      *id,
          GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, SELECT_AGREEMENT, error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, uuid);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return NULL;

  if (!has_row)
    {
      not_found (uuid, error);
      return NULL;
    }

  *id = sqlite3_column_int64 (stmt, COL_ID);
  return agreement_from_row (stmt);
}

typedef gpointer (*RowReader) (KsStatement *stmt);

/* Appends one element per row of @sql, which takes the agreement id. */
static gboolean
read_list (KsDatabase  *db,
           const char  *sql,
           gint64       id,
           RowReader    reader,
           GPtrArray   *list,
           GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  for (;;)
    {
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;

      g_ptr_array_add (list, reader (stmt));
    }
}

static gpointer
partner_from_row (KsStatement *stmt)
{
  return ks_partner_ref_new (ks_store_column_text (stmt, 0), ks_store_column_text (stmt, 1),
                             ks_store_column_text (stmt, 2), ks_store_column_text (stmt, 3),
                             ks_store_column_text (stmt, 4));
}

static gpointer
local_party_from_row (KsStatement *stmt)
{
  return ks_local_party_ref_new (ks_store_column_text (stmt, 0), ks_store_column_text (stmt, 1));
}

static gpointer
sector_from_row (KsStatement *stmt)
{
  return g_strdup (ks_store_column_text (stmt, 0));
}

static gpointer
obstacle_from_row (KsStatement *stmt)
{
  return ks_obstacle_new (ks_store_column_text (stmt, 0), ks_store_column_text (stmt, 1));
}

static gpointer
person_from_row (KsStatement *stmt)
{
  KsPerson *person = ks_person_new (ks_store_column_text (stmt, 0), ks_store_column_text (stmt, 1),
                                    ks_store_column_text (stmt, 2));

  set_ref_string (&person->position, ks_store_column_text (stmt, 3));
  set_ref_string (&person->email, ks_store_column_text (stmt, 4));
  set_ref_string (&person->phone, ks_store_column_text (stmt, 5));
  set_ref_string (&person->signed_on, ks_store_column_text (stmt, 6));
  return person;
}

static gpointer
procedure_entry_from_row (KsStatement *stmt)
{
  return ks_procedure_entry_new (ks_store_column_text (stmt, 0), ks_store_column_text (stmt, 1),
                                 ks_store_column_text (stmt, 2));
}

/* Lists without a position column come back in the order they were
 * written, which rowid keeps. */
static gboolean
read_lists (KsDatabase   *db,
            gint64        id,
            KsAgreement  *agreement,
            GError      **error)
{
  return read_list (db,
                    "SELECT p.uuid, p.name, p.kind, p.country, p.locality "
                    "FROM agreement_partners ap JOIN partners p ON p.id = ap.partner_id "
                    "WHERE ap.agreement_id = ? ORDER BY ap.position",
                    id, partner_from_row, ks_agreement_get_partners (agreement), error) &&
         read_list (db,
                    "SELECT lp.name, alp.role FROM agreement_local_parties alp "
                    "JOIN local_parties lp ON lp.id = alp.local_party_id "
                    "WHERE alp.agreement_id = ? ORDER BY alp.position",
                    id, local_party_from_row, ks_agreement_get_local_parties (agreement), error) &&
         read_list (db,
                    "SELECT sector FROM agreement_sectors WHERE agreement_id = ? ORDER BY rowid",
                    id, sector_from_row, ks_agreement_get_sectors (agreement), error) &&
         read_list (db,
                    "SELECT obstacle, note FROM agreement_obstacles WHERE agreement_id = ? "
                    "ORDER BY rowid",
                    id, obstacle_from_row, ks_agreement_get_obstacles (agreement), error) &&
         read_list (db,
                    "SELECT side, role, name, position, email, phone, signed_on FROM people "
                    "WHERE agreement_id = ? ORDER BY sort_order, id",
                    id, person_from_row, ks_agreement_get_people (agreement), error) &&
         read_list (db,
                    "SELECT s.key, ap.done_on, ap.note FROM agreement_procedure ap "
                    "JOIN procedure_steps s ON s.id = ap.step_id "
                    "WHERE ap.agreement_id = ? ORDER BY ap.rowid",
                    id, procedure_entry_from_row, ks_agreement_get_procedure (agreement), error);
}

static KsAgreement *
load_with_id (KsDatabase  *db,
              const char  *uuid,
              gint64      *id,
              GError     **error)
{
  g_autoptr(KsAgreement) agreement = read_row (db, uuid, id, error);

  if (agreement == NULL || !read_lists (db, *id, agreement, error))
    return NULL;

  return g_steal_pointer (&agreement);
}

/**
 * ks_agreement_store_load:
 *
 * Reads a whole agreement, deleted or not, with its lists in the order
 * the register shows them.
 *
 * Returns: (transfer full) (nullable): the agreement, or %NULL with
 *   %KS_ERROR_NOT_FOUND for an unknown @uuid
 */
KsAgreement *
ks_agreement_store_load (KsDatabase  *db,
                         const char  *uuid,
                         GError     **error)
{
  gint64 id;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  return load_with_id (db, uuid, &id, error);
}

/**
 * ks_agreement_store_exists:
 * @deleted: (out) (optional): whether the agreement is soft-deleted
 *
 * Returns: %TRUE when the register holds @uuid, deleted or not; %FALSE
 *   when it does not, or with @error set when the register failed
 */
gboolean
ks_agreement_store_exists (KsDatabase  *db,
                           const char  *uuid,
                           gboolean    *deleted,
                           GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  stmt = ks_database_prepare (db, "SELECT deleted_at IS NOT NULL FROM agreements WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  if (!ks_store_step_row (db, stmt, &has_row, error) || !has_row)
    return FALSE;

  if (deleted != NULL)
    *deleted = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * ks_agreement_store_lookup_id:
 *
 * Returns: the row id of @uuid, deleted or not; 0 with
 *   %KS_ERROR_NOT_FOUND when there is none
 */
gint64
ks_agreement_store_lookup_id (KsDatabase  *db,
                              const char  *uuid,
                              GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (KS_IS_DATABASE (db), 0);
  g_return_val_if_fail (uuid != NULL, 0);

  stmt = ks_database_prepare (db, "SELECT id FROM agreements WHERE uuid = ?", error);
  if (stmt == NULL)
    return 0;

  bind_text (stmt, 1, uuid);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return 0;

  if (!has_row)
    {
      not_found (uuid, error);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* The columns a related agreement is shown with; the others stay "". */
#define CHILDREN_SQL                                                              \
  "SELECT c.id, c.uuid, c.title, c.document, c.stage, c.signed_on, c.starts_on, " \
  "  c.ends_on "                                                                  \
  "FROM agreements c JOIN agreements p ON p.id = c.parent_id "                    \
  "WHERE p.uuid = ? AND c.deleted_at IS NULL "                                    \
  "ORDER BY coalesce (nullif (c.starts_on, ''), nullif (c.signed_on, ''), '9999'), c.id"

static KsAgreementSummary *
child_summary_new (KsStatement *stmt)
{
  static const int columns[] = {
    KS_SUMMARY_UUID, KS_SUMMARY_TITLE, KS_SUMMARY_DOCUMENT, KS_SUMMARY_STAGE,
    KS_SUMMARY_SIGNED_ON, KS_SUMMARY_STARTS_ON, KS_SUMMARY_ENDS_ON,
  };
  const char *texts[KS_SUMMARY_N_TEXTS] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    texts[columns[i]] = (const char *) sqlite3_column_text (stmt, i + 1);

  return ks_agreement_summary_new_from_texts (sqlite3_column_int64 (stmt, 0), texts);
}

/**
 * ks_agreement_store_list_children:
 * @parent_uuid: an agreement's uuid
 *
 * The agreements that follow, implement, amend or renew @parent_uuid
 * (their parent is it), not deleted, by start (or signing) date; the
 * summaries carry the uuid, title, document, stage and dates only.
 *
 * Returns: (transfer full): a #GListStore of #KsAgreementSummary, empty
 *   for an unknown @parent_uuid, or %NULL with @error set
 */
GListStore *
ks_agreement_store_list_children (KsDatabase  *db,
                                  const char  *parent_uuid,
                                  GError     **error)
{
  g_autoptr(GListStore) children = g_list_store_new (KS_TYPE_AGREEMENT_SUMMARY);
  g_autoptr(KsStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (parent_uuid != NULL, NULL);

  stmt = ks_database_prepare (db, CHILDREN_SQL, error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, parent_uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KsAgreementSummary) child = child_summary_new (stmt);

      g_list_store_append (children, child);
    }
  if (rc != SQLITE_DONE)
    {
      ks_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&children);
}

/**
 * ks_agreement_store_refresh_summary:
 * @agreement_id: the agreement's row id
 *
 * Recomputes the summary columns the register's list reads (parties,
 * partners, countries, sectors, obstacles, last event) from the link
 * tables and events; every store that changes them calls this in its
 * transaction.
 */
gboolean
ks_agreement_store_refresh_summary (KsDatabase  *db,
                                    gint64       agreement_id,
                                    GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);

  stmt = ks_database_prepare (db, REFRESH_SUMMARY, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  return ks_database_step_done (db, stmt, error);
}

/* Resolving references */

static gboolean
lookup_region (SaveState  *state,
               GError    **error)
{
  const char *code = ks_agreement_get_region_code (state->work);
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, "SELECT id FROM regions WHERE code = ?",
                                                     error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, code);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("Region: there is no region with code %s"), code);
      return FALSE;
    }

  state->region_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
find_stored (SaveState  *state,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *uuid = ks_agreement_get_uuid (state->work);

  if (uuid[0] == '\0')
    {
      g_autofree char *new_uuid = ks_database_new_uuid ();

      g_object_set (state->work, "uuid", new_uuid, NULL);
      return TRUE;
    }

  state->stored = load_with_id (state->db, uuid, &state->id, &local_error);
  if (state->stored != NULL)
    return TRUE;

  /* A uuid the register has not seen: an import or a merge adds it. */
  if (g_error_matches (local_error, KS_ERROR, KS_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
read_parent_of (KsDatabase  *db,
                gint64       id,
                gint64      *parent_id,
                GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT parent_id FROM agreements WHERE id = ?",
                                                     error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;

  *parent_id = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Following the chain upwards from the new parent must never come back
 * to this agreement.  A chain already looping (a damaged file) ends the
 * walk too. */
static gboolean
check_no_cycle (SaveState   *state,
                const char  *parent_title,
                GError     **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 current = state->parent_id;

  while (current != 0)
    {
      if (current == state->id)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                       _("Parent agreement: “%s” already follows this agreement, "
                         "so this one cannot follow it"),
                       parent_title);
          return FALSE;
        }

      if (!g_hash_table_add (visited, g_memdup2 (&current, sizeof current)))
        break;
      if (!read_parent_of (state->db, current, &current, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
lookup_parent (SaveState  *state,
               GError    **error)
{
  const char *parent_uuid = ks_agreement_get_parent_uuid (state->work);
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *title = NULL;
  gboolean has_row;

  if (parent_uuid[0] == '\0')
    return TRUE;

  stmt = ks_database_prepare (state->db, "SELECT id, title FROM agreements WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, parent_uuid);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("Parent agreement: there is no agreement with the identifier %s"), parent_uuid);
      return FALSE;
    }

  state->parent_id = sqlite3_column_int64 (stmt, 0);
  title = g_strdup (ks_store_column_text (stmt, 1));
  ks_statement_release (g_steal_pointer (&stmt));

  /* Only an agreement already in the register can be someone's parent. */
  return state->id == 0 || check_no_cycle (state, title, error);
}

static gboolean
lookup_step (SaveState         *state,
             KsProcedureEntry  *entry,
             guint              i,
             GError           **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db,
                                                     "SELECT id FROM procedure_steps WHERE key = ?",
                                                     error);
  gboolean has_row;
  gint64 step_id;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, entry->step_key);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("Procedure step %u: there is no step “%s” in the checklist"),
                   i + 1, entry->step_key);
      return FALSE;
    }

  step_id = sqlite3_column_int64 (stmt, 0);
  g_array_append_val (state->step_ids, step_id);
  return TRUE;
}

/* Steps are reference data a user edits, so only the register knows
 * which keys exist; a deleted step still names its old entries. */
static gboolean
lookup_steps (SaveState  *state,
              GError    **error)
{
  GPtrArray *procedure = ks_agreement_get_procedure (state->work);

  for (guint i = 0; i < procedure->len; i++)
    if (!lookup_step (state, g_ptr_array_index (procedure, i), i, error))
      return FALSE;

  return TRUE;
}

/* Partners: shared by every agreement that names them */

#define SELECT_PARTNER "SELECT id, uuid, name, kind, country, locality FROM partners "

static KsPartnerRef *
stored_partner_from_row (KsStatement *stmt,
                         gint64      *id)
{
  *id = sqlite3_column_int64 (stmt, 0);
  return ks_partner_ref_new (ks_store_column_text (stmt, 1), ks_store_column_text (stmt, 2),
                             ks_store_column_text (stmt, 3), ks_store_column_text (stmt, 4),
                             ks_store_column_text (stmt, 5));
}

static gboolean
find_partner_by_uuid (SaveState     *state,
                      const char    *uuid,
                      gint64        *id,
                      KsPartnerRef **stored,
                      GError       **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, SELECT_PARTNER "WHERE uuid = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, uuid);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    *stored = stored_partner_from_row (stmt, id);
  return TRUE;
}

/* Names differing in case only are one partner; SQLite's NOCASE knows
 * ASCII only ("ÖSTERREICH"), so the stored folded name is looked up once
 * the exact spelling, which the index finds, failed. */
static gboolean
find_partner_by_folded_name (SaveState     *state,
                             KsPartnerRef  *ref,
                             gint64        *id,
                             KsPartnerRef **stored,
                             GError       **error)
{
  g_autofree char *folded = ks_agreement_fold_name (ref->name);
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db,
                         SELECT_PARTNER "WHERE deleted_at IS NULL AND country = ? AND folded_name = ? "
                         "ORDER BY id LIMIT 1",
                         error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ref->country);
  bind_text (stmt, 2, folded);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    *stored = stored_partner_from_row (stmt, id);
  return TRUE;
}

static gboolean
find_partner_by_name (SaveState     *state,
                      KsPartnerRef  *ref,
                      gint64        *id,
                      KsPartnerRef **stored,
                      GError       **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db,
                         SELECT_PARTNER "WHERE deleted_at IS NULL AND name = ? AND country = ? "
                         "ORDER BY id LIMIT 1",
                         error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ref->name);
  bind_text (stmt, 2, ref->country);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      *stored = stored_partner_from_row (stmt, id);
      return TRUE;
    }

  ks_statement_release (g_steal_pointer (&stmt));
  return find_partner_by_folded_name (state, ref, id, stored, error);
}

static void
add_partner_changes (KsAuditChanges     *changes,
                     const KsPartnerRef *old,
                     const KsPartnerRef *ref)
{
  ks_agreement_store_partner_changes (changes, old, ref);
}

/**
 * ks_agreement_store_partner_changes:
 * @old: (nullable): the stored partner; %NULL for a new one
 *
 * Adds what the audit trail records for a partner written as @ref.
 */
void
ks_agreement_store_partner_changes (KsAuditChanges     *changes,
                                    const KsPartnerRef *old,
                                    const KsPartnerRef *ref)
{
  ks_audit_changes_add_string (changes, "name", old != NULL ? old->name : NULL, ref->name);
  ks_audit_changes_add_string (changes, "kind", old != NULL ? old->kind : NULL, ref->kind);
  ks_audit_changes_add_string (changes, "country", old != NULL ? old->country : NULL, ref->country);
  ks_audit_changes_add_string (changes, "locality", old != NULL ? old->locality : NULL, ref->locality);
}

static gboolean
insert_partner (SaveState     *state,
                KsPartnerRef  *ref,
                const char    *source,
                gint64        *id,
                GError       **error)
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

  stmt = ks_database_prepare (state->db,
                              "INSERT INTO partners (uuid, name, kind, country, locality, "
                              "created_at, updated_at, folded_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ref->uuid);
  bind_text (stmt, 2, ref->name);
  bind_text (stmt, 3, ref->kind);
  bind_text (stmt, 4, ref->country);
  bind_text (stmt, 5, ref->locality);
  bind_text (stmt, 6, state->now);
  bind_text (stmt, 7, state->now);
  bind_text (stmt, 8, folded);
  if (!ks_database_step_done (state->db, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (ks_database_get_handle (state->db));
  state->partners_changed = TRUE;

  add_partner_changes (changes, NULL, ref);
  json = ks_audit_changes_to_json (changes);
  return ks_database_audit (state->db, "partners", ref->uuid, "insert", json, source, error);
}

/* Editing a partner through one agreement changes it for all of them;
 * their summaries are refreshed before the save ends. */
static gboolean
update_partner (SaveState           *state,
                gint64               id,
                const KsPartnerRef  *stored,
                const KsPartnerRef  *ref,
                const char          *source,
                GError             **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *folded = NULL;

  add_partner_changes (changes, stored, ref);
  if (ks_audit_changes_is_empty (changes))
    return TRUE;

  folded = ks_agreement_fold_name (ref->name);
  stmt = ks_database_prepare (state->db,
                              "UPDATE partners SET name = ?, kind = ?, country = ?, locality = ?, "
                              "updated_at = ?, folded_name = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, ref->name);
  bind_text (stmt, 2, ref->kind);
  bind_text (stmt, 3, ref->country);
  bind_text (stmt, 4, ref->locality);
  bind_text (stmt, 5, state->now);
  bind_text (stmt, 6, folded);
  sqlite3_bind_int64 (stmt, 7, id);
  if (!ks_database_step_done (state->db, stmt, error))
    return FALSE;

  state->partners_changed = TRUE;
  g_hash_table_add (state->touched_partners, g_memdup2 (&id, sizeof id));

  json = ks_audit_changes_to_json (changes);
  return ks_database_audit (state->db, "partners", ref->uuid, "update", json, source, error);
}

/* A partner picked by name takes the register's spelling and details, so
 * that the caller's object shows what a reload would. */
static void
adopt_partner (KsPartnerRef       *ref,
               const KsPartnerRef *stored)
{
  set_ref_string (&ref->uuid, stored->uuid);
  set_ref_string (&ref->name, stored->name);
  set_ref_string (&ref->kind, stored->kind);
  set_ref_string (&ref->country, stored->country);
  set_ref_string (&ref->locality, stored->locality);
}

static gboolean
resolve_partner (SaveState     *state,
                 KsPartnerRef  *ref,
                 const char    *source,
                 gint64        *id,
                 GError       **error)
{
  g_autoptr(KsPartnerRef) stored = NULL;

  g_strstrip (ref->name);

  if (ref->uuid[0] != '\0')
    {
      if (!find_partner_by_uuid (state, ref->uuid, id, &stored, error))
        return FALSE;
      return stored != NULL
             ? update_partner (state, *id, stored, ref, source, error)
             : insert_partner (state, ref, source, id, error);
    }

  if (!find_partner_by_name (state, ref, id, &stored, error))
    return FALSE;
  if (stored == NULL)
    return insert_partner (state, ref, source, id, error);

  adopt_partner (ref, stored);
  return TRUE;
}

static gboolean
resolve_partners (SaveState   *state,
                  const char  *source,
                  GError     **error)
{
  GPtrArray *partners = ks_agreement_get_partners (state->work);

  for (guint i = 0; i < partners->len; i++)
    {
      KsPartnerRef *ref = g_ptr_array_index (partners, i);
      gint64 id = 0;

      if (!resolve_partner (state, ref, source, &id, error))
        return FALSE;

      /* One entry by uuid and one by name can be the same partner. */
      for (guint j = 0; j < i; j++)
        if (g_array_index (state->partner_ids, gint64, j) == id)
          {
            g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                         _("%s: “%s” is listed twice"), _("Partners"), ref->name);
            return FALSE;
          }
      g_array_append_val (state->partner_ids, id);
    }

  return TRUE;
}

/* Local parties: units of the agreement's region, found by name */

typedef struct
{
  gint64    id;
  char     *uuid;
  char     *name;
  gboolean  deleted;
} StoredParty;

static void
stored_party_clear (StoredParty *party)
{
  g_clear_pointer (&party->uuid, g_free);
  g_clear_pointer (&party->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredParty, stored_party_clear)

#define SELECT_PARTY "SELECT id, uuid, name, deleted_at IS NOT NULL FROM local_parties "

static void
stored_party_from_row (KsStatement *stmt,
                       StoredParty *party)
{
  party->id = sqlite3_column_int64 (stmt, 0);
  party->uuid = g_strdup (ks_store_column_text (stmt, 1));
  party->name = g_strdup (ks_store_column_text (stmt, 2));
  party->deleted = sqlite3_column_int (stmt, 3) != 0;
}

/* The name is unique per region whatever deleted_at says, so a deleted
 * party is found too (live ones first). */
static gboolean
find_party_by_folded_name (SaveState    *state,
                           const char   *name,
                           StoredParty  *party,
                           GError      **error)
{
  g_autofree char *folded = ks_agreement_fold_name (name);
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db,
                         SELECT_PARTY "WHERE region_id = ? AND folded_name = ? "
                         "ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
                         error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, state->region_id);
  bind_text (stmt, 2, folded);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    stored_party_from_row (stmt, party);
  return TRUE;
}

static gboolean
find_party (SaveState    *state,
            const char   *name,
            StoredParty  *party,
            GError      **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (state->db, SELECT_PARTY "WHERE region_id = ? AND name = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, state->region_id);
  bind_text (stmt, 2, name);
  if (!ks_store_step_row (state->db, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      stored_party_from_row (stmt, party);
      return TRUE;
    }

  ks_statement_release (g_steal_pointer (&stmt));
  return find_party_by_folded_name (state, name, party, error);
}

static gboolean
insert_party (SaveState    *state,
              const char   *name,
              const char   *source,
              StoredParty  *party,
              GError      **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *folded = ks_agreement_fold_name (name);

  stmt = ks_database_prepare (state->db,
                              "INSERT INTO local_parties (uuid, region_id, name, "
                              "created_at, updated_at, folded_name) VALUES (?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  party->uuid = ks_database_new_uuid ();
  party->name = g_strdup (name);
  bind_text (stmt, 1, party->uuid);
  sqlite3_bind_int64 (stmt, 2, state->region_id);
  bind_text (stmt, 3, name);
  bind_text (stmt, 4, state->now);
  bind_text (stmt, 5, state->now);
  bind_text (stmt, 6, folded);
  if (!ks_database_step_done (state->db, stmt, error))
    return FALSE;

  party->id = sqlite3_last_insert_rowid (ks_database_get_handle (state->db));
  state->parties_changed = TRUE;

  ks_audit_changes_add_string (changes, "region", NULL, ks_agreement_get_region_code (state->work));
  ks_audit_changes_add_string (changes, "name", NULL, name);
  json = ks_audit_changes_to_json (changes);
  return ks_database_audit (state->db, "local_parties", party->uuid, "insert", json, source, error);
}

static gboolean
resolve_party (SaveState        *state,
               KsLocalPartyRef  *ref,
               const char       *source,
               gint64           *id,
               GError          **error)
{
  g_auto(StoredParty) party = { 0 };

  g_strstrip (ref->name);
  if (!find_party (state, ref->name, &party, error))
    return FALSE;

  if (party.id == 0)
    {
      if (!insert_party (state, ref->name, source, &party, error))
        return FALSE;
    }
  else if (party.deleted)
    {
      /* Named again, so in use again. */
      if (!ks_store_set_deleted (state->db, "local_parties", party.id, FALSE, error) ||
          !ks_database_audit (state->db, "local_parties", party.uuid, "undelete", NULL, source, error))
        return FALSE;
      state->parties_changed = TRUE;
    }

  set_ref_string (&ref->name, party.name);
  *id = party.id;
  return TRUE;
}

static gboolean
resolve_parties (SaveState   *state,
                 const char  *source,
                 GError     **error)
{
  GPtrArray *parties = ks_agreement_get_local_parties (state->work);

  for (guint i = 0; i < parties->len; i++)
    {
      gint64 id = 0;

      if (!resolve_party (state, g_ptr_array_index (parties, i), source, &id, error))
        return FALSE;
      g_array_append_val (state->party_ids, id);
    }

  return TRUE;
}

/* The audit trail: lists are compared and recorded as one line of text */

typedef char * (*Describe) (gconstpointer item);

static char *
describe_partner (gconstpointer item)
{
  const KsPartnerRef *ref = item;

  return ref->country[0] != '\0'
         ? g_strdup_printf ("%s (%s)", ref->name, ref->country)
         : g_strdup (ref->name);
}

static char *
describe_party (gconstpointer item)
{
  const KsLocalPartyRef *ref = item;

  return g_strdup_printf ("%s (%s)", ref->name, ref->role);
}

static char *
describe_sector (gconstpointer item)
{
  return g_strdup (item);
}

static char *
describe_obstacle (gconstpointer item)
{
  const KsObstacle *obstacle = item;

  return obstacle->note[0] != '\0'
         ? g_strdup_printf ("%s: %s", obstacle->key, obstacle->note)
         : g_strdup (obstacle->key);
}

static void
append_labelled (GString    *out,
                 const char *label,
                 const char *value)
{
  if (value[0] != '\0')
    g_string_append_printf (out, ", %s=%s", label, value);
}

static char *
describe_person (gconstpointer item)
{
  const KsPerson *person = item;
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s [%s %s]", person->name, person->side, person->role);
  append_labelled (out, "position", person->position);
  append_labelled (out, "email", person->email);
  append_labelled (out, "phone", person->phone);
  append_labelled (out, "signed_on", person->signed_on);
  return g_string_free (out, FALSE);
}

static char *
describe_step (gconstpointer item)
{
  const KsProcedureEntry *entry = item;
  GString *out = g_string_new (entry->step_key);

  append_labelled (out, "done_on", entry->done_on);
  append_labelled (out, "note", entry->note);
  return g_string_free (out, FALSE);
}

static char *
join_list (GPtrArray *list,
           Describe   describe)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *text = describe (g_ptr_array_index (list, i));

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

static void
add_list_change (KsAuditChanges *changes,
                 const char     *field,
                 GPtrArray      *old_list,
                 GPtrArray      *new_list,
                 Describe        describe)
{
  g_autofree char *old_text = old_list != NULL ? join_list (old_list, describe) : NULL;
  g_autofree char *new_text = join_list (new_list, describe);

  ks_audit_changes_add_string (changes, field, old_text, new_text);
}

static void
add_list_changes (KsAuditChanges *changes,
                  KsAgreement    *old,
                  KsAgreement    *work)
{
#define OLD_LIST(getter) (old != NULL ? getter (old) : NULL)
  add_list_change (changes, "local_parties", OLD_LIST (ks_agreement_get_local_parties),
                   ks_agreement_get_local_parties (work), describe_party);
  add_list_change (changes, "partners", OLD_LIST (ks_agreement_get_partners),
                   ks_agreement_get_partners (work), describe_partner);
  add_list_change (changes, "sectors", OLD_LIST (ks_agreement_get_sectors),
                   ks_agreement_get_sectors (work), describe_sector);
  add_list_change (changes, "obstacles", OLD_LIST (ks_agreement_get_obstacles),
                   ks_agreement_get_obstacles (work), describe_obstacle);
  add_list_change (changes, "people", OLD_LIST (ks_agreement_get_people),
                   ks_agreement_get_people (work), describe_person);
  add_list_change (changes, "procedure", OLD_LIST (ks_agreement_get_procedure),
                   ks_agreement_get_procedure (work), describe_step);
#undef OLD_LIST
}

static KsAuditChanges *
compute_changes (SaveState *state)
{
  return ks_agreement_store_diff (state->stored, state->work);
}

/**
 * ks_agreement_store_diff:
 * @old: (nullable): the stored agreement; %NULL for a new one
 * @work: the agreement as it is about to be written, its partners and
 *   local parties resolved
 *
 * What the audit trail records for a save: every field and list that
 * differs, as "field": [old, new].
 *
 * Returns: (transfer full): the changes; empty when there are none
 */
KsAuditChanges *
ks_agreement_store_diff (KsAgreement *old,
                         KsAgreement *work)
{
  KsAuditChanges *changes = ks_audit_changes_new ();
  gint64 old_apbd = old != NULL ? ks_agreement_get_apbd_amount (old) : 0;
  gint64 old_partner = old != NULL ? ks_agreement_get_partner_amount (old) : 0;

#define OLD_STRING(property) (old != NULL ? ks_agreement_get_string (old, property) : NULL)
  ks_audit_changes_add_string (changes, "region", OLD_STRING ("region-code"),
                               ks_agreement_get_region_code (work));
  ks_audit_changes_add_string (changes, "parent", OLD_STRING ("parent-uuid"),
                               ks_agreement_get_parent_uuid (work));
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    ks_audit_changes_add_string (changes, text_fields[i].column,
                                 OLD_STRING (text_fields[i].property),
                                 ks_agreement_get_string (work, text_fields[i].property));
#undef OLD_STRING
  ks_audit_changes_add_int (changes, "apbd_amount", old != NULL ? &old_apbd : NULL,
                            ks_agreement_get_apbd_amount (work));
  ks_audit_changes_add_int (changes, "partner_amount", old != NULL ? &old_partner : NULL,
                            ks_agreement_get_partner_amount (work));
  add_list_changes (changes, old, work);

  return changes;
}

/* Writing */

/**
 * ks_agreement_store_bind_row:
 * @stmt: a statement whose parameters ?1…?22 are those of
 *   %KS_AGREEMENT_ROW_VALUES or %KS_AGREEMENT_ROW_ASSIGNMENTS
 * @parent_id: the parent's row id, 0 for none
 * @now: created_at and updated_at
 *
 * Binds the agreement row's own columns, as every save writes them.
 */
void
ks_agreement_store_bind_row (KsStatement *stmt,
                             KsAgreement *work,
                             gint64       region_id,
                             gint64       parent_id,
                             const char  *now)
{
  /* @work and @now outlive the step: the texts, a description of some
   * kilobytes among them, are not copied. */
  bind_static (stmt, PARAM_UUID, ks_agreement_get_uuid (work));
  sqlite3_bind_int64 (stmt, PARAM_REGION_ID, region_id);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, PARAM_PARENT_ID, parent_id);
  else
    sqlite3_bind_null (stmt, PARAM_PARENT_ID);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    bind_static (stmt, FIRST_TEXT + i, ks_agreement_get_string (work, text_fields[i].property));
  sqlite3_bind_int64 (stmt, PARAM_APBD_AMOUNT, ks_agreement_get_apbd_amount (work));
  sqlite3_bind_int64 (stmt, PARAM_PARTNER_AMOUNT, ks_agreement_get_partner_amount (work));
  bind_static (stmt, PARAM_CREATED_AT, now);
  bind_static (stmt, PARAM_UPDATED_AT, now);
}

static gboolean
write_row (SaveState  *state,
           GError    **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (state->db,
                                                     state->stored == NULL ? INSERT_AGREEMENT
                                                                           : UPDATE_AGREEMENT,
                                                     error);
  KsAgreement *work = state->work;

  if (stmt == NULL)
    return FALSE;

  ks_agreement_store_bind_row (stmt, work, state->region_id, state->parent_id, state->now);
  if (!ks_database_step_done (state->db, stmt, error))
    return FALSE;

  if (state->stored == NULL)
    state->id = sqlite3_last_insert_rowid (ks_database_get_handle (state->db));
  return TRUE;
}

static gboolean
clear_links (SaveState  *state,
             GError    **error)
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
      g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, state->id);
      if (!ks_database_step_done (state->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Binds one list element's values from parameter 2 on; parameter 1 is the
 * agreement. */
typedef void (*BindItem) (SaveState   *state,
                          KsStatement *stmt,
                          gpointer     item,
                          guint        index);

static gboolean
insert_list (SaveState   *state,
             const char  *sql,
             GPtrArray   *list,
             BindItem     bind,
             GError     **error)
{
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(KsStatement) stmt = ks_database_prepare (state->db, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, state->id);
      bind (state, stmt, g_ptr_array_index (list, i), i);
      if (!ks_database_step_done (state->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
bind_partner_link (SaveState *state, KsStatement *stmt, gpointer item, guint index)
{
  sqlite3_bind_int64 (stmt, 2, g_array_index (state->partner_ids, gint64, index));
  sqlite3_bind_int (stmt, 3, index);
}

static void
bind_party_link (SaveState *state, KsStatement *stmt, gpointer item, guint index)
{
  KsLocalPartyRef *ref = item;

  sqlite3_bind_int64 (stmt, 2, g_array_index (state->party_ids, gint64, index));
  bind_text (stmt, 3, ref->role);
  sqlite3_bind_int (stmt, 4, index);
}

static void
bind_sector (SaveState *state, KsStatement *stmt, gpointer item, guint index)
{
  bind_text (stmt, 2, item);
}

static void
bind_obstacle (SaveState *state, KsStatement *stmt, gpointer item, guint index)
{
  KsObstacle *obstacle = item;

  bind_text (stmt, 2, obstacle->key);
  bind_text (stmt, 3, obstacle->note);
}

static void
bind_person (SaveState *state, KsStatement *stmt, gpointer item, guint index)
{
  KsPerson *person = item;

  bind_text (stmt, 2, person->side);
  bind_text (stmt, 3, person->role);
  bind_text (stmt, 4, person->name);
  bind_text (stmt, 5, person->position);
  bind_text (stmt, 6, person->email);
  bind_text (stmt, 7, person->phone);
  bind_text (stmt, 8, person->signed_on);
  sqlite3_bind_int (stmt, 9, index);
}

static void
bind_step (SaveState *state, KsStatement *stmt, gpointer item, guint index)
{
  KsProcedureEntry *entry = item;

  sqlite3_bind_int64 (stmt, 2, g_array_index (state->step_ids, gint64, index));
  bind_text (stmt, 3, entry->done_on);
  bind_text (stmt, 4, entry->note);
}

/* The link tables are rewritten whole: their rows have no identity of
 * their own. */
static gboolean
write_links (SaveState  *state,
             GError    **error)
{
  KsAgreement *work = state->work;

  return clear_links (state, error) &&
         insert_list (state,
                      "INSERT INTO agreement_partners (agreement_id, partner_id, position) "
                      "VALUES (?, ?, ?)",
                      ks_agreement_get_partners (work), bind_partner_link, error) &&
         insert_list (state,
                      "INSERT INTO agreement_local_parties (agreement_id, local_party_id, "
                      "role, position) VALUES (?, ?, ?, ?)",
                      ks_agreement_get_local_parties (work), bind_party_link, error) &&
         insert_list (state,
                      "INSERT INTO agreement_sectors (agreement_id, sector) VALUES (?, ?)",
                      ks_agreement_get_sectors (work), bind_sector, error) &&
         insert_list (state,
                      "INSERT INTO agreement_obstacles (agreement_id, obstacle, note) VALUES (?, ?, ?)",
                      ks_agreement_get_obstacles (work), bind_obstacle, error) &&
         insert_list (state,
                      "INSERT INTO people (agreement_id, side, role, name, position, email, phone, "
                      "signed_on, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      ks_agreement_get_people (work), bind_person, error) &&
         insert_list (state,
                      "INSERT INTO agreement_procedure (agreement_id, step_id, done_on, note) "
                      "VALUES (?, ?, ?, ?)",
                      ks_agreement_get_procedure (work), bind_step, error);
}

/* Other agreements naming a partner this save renamed or moved. */
static gboolean
refresh_partner_agreements (SaveState  *state,
                            GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer partner_id;

  g_hash_table_iter_init (&iter, state->touched_partners);
  while (g_hash_table_iter_next (&iter, &partner_id, NULL))
    {
      g_autoptr(KsStatement) stmt =
        ks_database_prepare (state->db,
                             "SELECT agreement_id FROM agreement_partners WHERE partner_id = ?",
                             error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) partner_id);
      for (;;)
        {
          gboolean has_row;
          gint64 id;

          if (!ks_store_step_row (state->db, stmt, &has_row, error))
            return FALSE;
          if (!has_row)
            break;
          id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    if (!ks_agreement_store_refresh_summary (state->db, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
write_agreement (SaveState   *state,
                 const char  *source,
                 GError     **error)
{
  g_autoptr(KsAuditChanges) changes = compute_changes (state);
  g_autofree char *json = NULL;

  /* Saving what the register already holds writes nothing. */
  state->agreement_changed = state->stored == NULL || !ks_audit_changes_is_empty (changes);
  if (!state->agreement_changed)
    return TRUE;

  json = ks_audit_changes_to_json (changes);
  return write_row (state, error) &&
         write_links (state, error) &&
         ks_agreement_store_refresh_summary (state->db, state->id, error) &&
         ks_database_audit (state->db, "agreements", ks_agreement_get_uuid (state->work),
                            state->stored == NULL ? "insert" : "update", json, source, error);
}

static gboolean
save_in_transaction (SaveState   *state,
                     const char  *source,
                     GError     **error)
{
  if (!lookup_region (state, error) ||
      !find_stored (state, error) ||
      !lookup_parent (state, error) ||
      !lookup_steps (state, error) ||
      !resolve_partners (state, source, error) ||
      !resolve_parties (state, source, error) ||
      !write_agreement (state, source, error) ||
      !refresh_partner_agreements (state, error))
    return FALSE;

  if (state->agreement_changed || state->partners_changed)
    ks_database_changed (state->db, "agreements");
  if (state->partners_changed)
    ks_database_changed (state->db, "partners");
  if (state->parties_changed)
    ks_database_changed (state->db, "local_parties");
  return TRUE;
}

/* Hands what the register decided back to the caller's object, once it
 * is committed: a failed save leaves the object as it was. */
static void
write_back (KsAgreement *agreement,
            SaveState   *state)
{
  GPtrArray *partners = ks_agreement_get_partners (agreement);
  GPtrArray *resolved_partners = ks_agreement_get_partners (state->work);
  GPtrArray *parties = ks_agreement_get_local_parties (agreement);
  GPtrArray *resolved_parties = ks_agreement_get_local_parties (state->work);
  KsAgreement *stored = state->stored;

  g_object_set (agreement, "uuid", ks_agreement_get_uuid (state->work), NULL);

  for (guint i = 0; i < partners->len; i++)
    adopt_partner (g_ptr_array_index (partners, i), g_ptr_array_index (resolved_partners, i));
  for (guint i = 0; i < parties->len; i++)
    set_ref_string (&((KsLocalPartyRef *) g_ptr_array_index (parties, i))->name,
                    ((KsLocalPartyRef *) g_ptr_array_index (resolved_parties, i))->name);

  if (stored == NULL)
    ks_agreement_set_timestamps (agreement, state->now, state->now, NULL);
  else
    ks_agreement_set_timestamps (agreement, ks_agreement_get_created_at (stored),
                                 state->agreement_changed ? state->now
                                                          : ks_agreement_get_updated_at (stored),
                                 ks_agreement_get_deleted_at (stored));
}

/**
 * ks_agreement_store_save:
 * @source: (nullable): where the change comes from, for the audit trail
 *   ("import:/path/file.csv"); %NULL for the editor
 *
 * Validates @agreement and writes it with its lists: a new one when its
 * uuid is empty (it gets one) or unknown, else over the stored one, which
 * stays deleted if it was.  Partners without a uuid are found by name
 * (ignoring case) and country or added; partners with one are updated.
 * Local parties are found by name in the agreement's region or added.
 * On success @agreement holds the uuids, spellings and timestamps the
 * register now has; on failure neither it nor the register changed.
 *
 * Saving what is already stored writes nothing.
 */
gboolean
ks_agreement_store_save (KsDatabase   *db,
                         KsAgreement  *agreement,
                         const char   *source,
                         GError      **error)
{
  g_auto(SaveState) state = { 0 };
  gboolean owned, ok;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (KS_IS_AGREEMENT (agreement), FALSE);

  if (!ks_agreement_validate (agreement, error))
    return FALSE;

  state.db = db;
  state.work = ks_agreement_copy (agreement);
  state.now = ks_database_now ();
  state.partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state.party_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state.step_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  state.touched_partners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  ok = save_in_transaction (&state, source, error);
  if (!ks_store_end (db, owned, ok, error))
    return FALSE;

  write_back (agreement, &state);
  return TRUE;
}

static gboolean
set_deleted (KsDatabase  *db,
             const char  *uuid,
             gboolean     deleted,
             GError     **error)
{
  gboolean was_deleted = FALSE;
  gint64 id;

  id = ks_agreement_store_lookup_id (db, uuid, error);
  if (id == 0 || !ks_agreement_store_exists (db, uuid, &was_deleted, error))
    return FALSE;

  if (was_deleted == deleted)
    return TRUE;

  if (!ks_store_set_deleted (db, "agreements", id, deleted, error) ||
      !ks_database_audit (db, "agreements", uuid, deleted ? "delete" : "undelete", NULL, NULL, error))
    return FALSE;

  ks_database_changed (db, "agreements");
  return TRUE;
}

static gboolean
set_deleted_in_transaction (KsDatabase  *db,
                            const char  *uuid,
                            gboolean     deleted,
                            GError     **error)
{
  gboolean owned, ok;

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  ok = set_deleted (db, uuid, deleted, error);
  return ks_store_end (db, owned, ok, error);
}

/**
 * ks_agreement_store_delete:
 *
 * Marks the agreement deleted; it stays in the register (for merges and
 * undo) but leaves the lists.  Deleting a deleted agreement does nothing.
 *
 * Returns: %FALSE with %KS_ERROR_NOT_FOUND for an unknown @uuid
 */
gboolean
ks_agreement_store_delete (KsDatabase  *db,
                           const char  *uuid,
                           GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return set_deleted_in_transaction (db, uuid, TRUE, error);
}

static gboolean
set_deleted_many (KsDatabase          *db,
                  const char * const  *uuids,
                  gboolean             deleted,
                  GError             **error)
{
  gboolean owned, ok = TRUE;

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  for (guint i = 0; ok && uuids[i] != NULL; i++)
    ok = set_deleted (db, uuids[i], deleted, error);
  return ks_store_end (db, owned, ok, error);
}

/**
 * ks_agreement_store_delete_many:
 * @uuids: (array zero-terminated=1): the agreements to delete
 *
 * Deletes them all in one transaction, or none of them: the table's
 * bulk delete, undone with ks_agreement_store_undelete_many().
 *
 * Returns: %FALSE with %KS_ERROR_NOT_FOUND when one @uuid is unknown
 */
gboolean
ks_agreement_store_delete_many (KsDatabase          *db,
                                const char * const  *uuids,
                                GError             **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuids != NULL, FALSE);

  return set_deleted_many (db, uuids, TRUE, error);
}

/**
 * ks_agreement_store_undelete_many:
 * @uuids: (array zero-terminated=1): the agreements to bring back
 *
 * Returns: %FALSE with %KS_ERROR_NOT_FOUND when one @uuid is unknown;
 *   then none is brought back
 */
gboolean
ks_agreement_store_undelete_many (KsDatabase          *db,
                                  const char * const  *uuids,
                                  GError             **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuids != NULL, FALSE);

  return set_deleted_many (db, uuids, FALSE, error);
}

/**
 * ks_agreement_store_undelete:
 *
 * Brings a deleted agreement back.
 *
 * Returns: %FALSE with %KS_ERROR_NOT_FOUND for an unknown @uuid
 */
gboolean
ks_agreement_store_undelete (KsDatabase  *db,
                             const char  *uuid,
                             GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return set_deleted_in_transaction (db, uuid, FALSE, error);
}

/**
 * ks_agreement_store_load_details:
 * @db: the register
 * @agreement_id: the agreement's row id (#KsAgreementSummary:id)
 * @details: (out caller-allocates): filled in; clear it with
 *   ks_agreement_details_clear()
 *
 * Reads the notes, obstacles and newest event of one agreement with two
 * cached statements, so that a report of 100,000 agreements does not load
 * whole records.
 *
 * Returns: %TRUE on success; %FALSE with %KS_ERROR_NOT_FOUND when there is
 *   no such agreement
 */
gboolean
ks_agreement_store_load_details (KsDatabase          *db,
                                 gint64               agreement_id,
                                 KsAgreementDetails  *details,
                                 GError             **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(KsStatement) event = NULL;
  gboolean has_row;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (details != NULL, FALSE);

  memset (details, 0, sizeof *details);
  stmt = ks_database_prepare (db, "SELECT notes, obstacles_text FROM agreements WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, agreement_id);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND,
                   _("The agreement is no longer in the register."));
      return FALSE;
    }
  details->notes = g_strdup (ks_store_column_text (stmt, 0));
  details->obstacles = g_strdup (ks_store_column_text (stmt, 1));

  event = ks_database_prepare (db,
                               "SELECT occurred_on, kind, description FROM events "
                               "WHERE agreement_id = ? AND deleted_at IS NULL "
                               "ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1",
                               error);
  if (event != NULL)
    sqlite3_bind_int64 (event, 1, agreement_id);
  if (event == NULL || !ks_store_step_row (db, event, &has_row, error))
    {
      ks_agreement_details_clear (details);
      return FALSE;
    }
  details->last_event_on = g_strdup (has_row ? ks_store_column_text (event, 0) : "");
  details->last_event_kind = g_strdup (has_row ? ks_store_column_text (event, 1) : "");
  details->last_event_description = g_strdup (has_row ? ks_store_column_text (event, 2) : "");

  return TRUE;
}

static void
details_free (gpointer data)
{
  ks_agreement_details_clear (data);
  g_free (data);
}

/* The newest event of each agreement straight from the events index:
 * its date is the agreement's last_event_on (kept by every save, checked
 * by ks_check_database()), ties go to the later entry. */
#define DETAILS_COLUMNS                                                         \
  "SELECT a.id, a.notes, a.obstacles_text, e.occurred_on, e.kind, e.description, r.code "

#define DETAILS_NEWEST_EVENT                                                    \
  "LEFT JOIN events e ON e.id = (SELECT x.id FROM events x "                    \
  "WHERE x.agreement_id = a.id AND x.occurred_on = a.last_event_on "            \
  "AND x.deleted_at IS NULL "                                                   \
  "ORDER BY x.created_at DESC, x.id DESC LIMIT 1) "

/* Up to this many regions are read through the region index, more in
 * one pass over the file (as ks_agreement_table_load_regions() does). */
#define FEW_REGIONS 16

/* With @wanted, only the rows of those region codes are kept. */
static gboolean
read_details (KsDatabase    *db,
              sqlite3_stmt  *stmt,
              GHashTable    *wanted,
              GHashTable    *table,
              GError       **error)
{
  gboolean has_row, ok;

  while ((ok = ks_store_step_row (db, stmt, &has_row, error)) && has_row)
    {
      KsAgreementDetails *details;
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (wanted != NULL && !g_hash_table_contains (wanted, sqlite3_column_text (stmt, 6)))
        continue;

      details = g_new0 (KsAgreementDetails, 1);

      details->notes = g_strdup (ks_store_column_text (stmt, 1));
      details->obstacles = g_strdup (ks_store_column_text (stmt, 2));
      details->last_event_on = g_strdup (ks_store_column_text (stmt, 3));
      details->last_event_kind = g_strdup (ks_store_column_text (stmt, 4));
      details->last_event_description = g_strdup (ks_store_column_text (stmt, 5));
      g_hash_table_insert (table, g_memdup2 (&id, sizeof id), details);
    }

  return ok;
}

/**
 * ks_agreement_store_load_regions_details:
 * @region_codes: the regions whose agreements to read
 *
 * What ks_agreement_store_load_details() gives, for every live agreement
 * of the regions at once.  A report of 100,000 agreements read them one
 * by one in its own order, which jumped about a file far larger than
 * SQLite's cache; region by region, the rows come in file order.
 *
 * Returns: (transfer full): agreement id (gint64 *) → #KsAgreementDetails,
 *   or %NULL on error
 */
GHashTable *
ks_agreement_store_load_regions_details (KsDatabase          *db,
                                         const char * const  *region_codes,
                                         GError             **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, details_free);
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (region_codes != NULL, NULL);

  if (g_strv_length ((char **) region_codes) > FEW_REGIONS)
    {
      wanted = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; region_codes[i] != NULL; i++)
        g_hash_table_add (wanted, (gpointer) region_codes[i]);
      stmt = ks_database_prepare (db,
                                  DETAILS_COLUMNS "FROM agreements a CROSS JOIN regions r ON r.id = a.region_id "
                                  DETAILS_NEWEST_EVENT "WHERE a.deleted_at IS NULL",
                                  error);
      return stmt != NULL && read_details (db, stmt, wanted, table, error) ? g_steal_pointer (&table) : NULL;
    }

  stmt = ks_database_prepare (db,
                              DETAILS_COLUMNS "FROM regions r CROSS JOIN agreements a ON a.region_id = r.id "
                              DETAILS_NEWEST_EVENT "WHERE r.code = ? AND a.deleted_at IS NULL",
                              error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; region_codes[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, region_codes[i], -1, SQLITE_TRANSIENT);
      if (!read_details (db, stmt, NULL, table, error))
        return NULL;
    }

  return g_steal_pointer (&table);
}

/**
 * ks_agreement_details_clear:
 * @details: details filled by ks_agreement_store_load_details()
 */
void
ks_agreement_details_clear (KsAgreementDetails *details)
{
  g_clear_pointer (&details->notes, g_free);
  g_clear_pointer (&details->obstacles, g_free);
  g_clear_pointer (&details->last_event_on, g_free);
  g_clear_pointer (&details->last_event_kind, g_free);
  g_clear_pointer (&details->last_event_description, g_free);
}
