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
#include "ks-agreement-table-private.h"
#include "ks-agreement-writer.h"
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
  "   WHERE agreement_id = ?1 AND deleted_at IS NULL), ''), "                \
  "last_event_kind = coalesce ((SELECT kind FROM events"                     \
  "   WHERE agreement_id = ?1 AND deleted_at IS NULL"                        \
  "   ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1), ''), "   \
  "last_event_description = coalesce ((SELECT description FROM events"       \
  "   WHERE agreement_id = ?1 AND deleted_at IS NULL"                        \
  "   ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1), '') "    \
  "WHERE id = ?1"

/* What one save works out before and while it writes; the writing
 * itself is the bulk writer's, made for this one save, so that an editor's
 * save and an import's write the same rows and audit entries. */
typedef struct
{
  KsDatabase        *db;
  KsAgreement       *work;         /* a copy of the caller's, resolved */
  KsAgreement       *stored;       /* NULL for a new agreement */
  gint64             id;
  KsAgreementWriter *writer;
} SaveState;

static void
save_state_clear (SaveState *state)
{
  g_clear_object (&state->work);
  g_clear_object (&state->stored);
  g_clear_pointer (&state->writer, ks_agreement_writer_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SaveState, save_state_clear)

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

  ks_store_bind_text (stmt, 1, uuid);
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

  ks_store_set_string (&person->position, ks_store_column_text (stmt, 3));
  ks_store_set_string (&person->email, ks_store_column_text (stmt, 4));
  ks_store_set_string (&person->phone, ks_store_column_text (stmt, 5));
  ks_store_set_string (&person->signed_on, ks_store_column_text (stmt, 6));
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

  ks_store_bind_text (stmt, 1, uuid);
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

  ks_store_bind_text (stmt, 1, uuid);
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

  ks_store_bind_text (stmt, 1, parent_uuid);
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

/* Saving: the writing itself is the writer's (ks-agreement-writer.c) */

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

/**
 * ks_agreement_store_adopt_partner:
 * @stored: the partner as the register holds it
 *
 * Gives @ref the register's uuid, spelling and details: a partner picked
 * by name shows what a reload would.
 */
void
ks_agreement_store_adopt_partner (KsPartnerRef       *ref,
                                  const KsPartnerRef *stored)
{
  ks_store_set_string (&ref->uuid, stored->uuid);
  ks_store_set_string (&ref->name, stored->name);
  ks_store_set_string (&ref->kind, stored->kind);
  ks_store_set_string (&ref->country, stored->country);
  ks_store_set_string (&ref->locality, stored->locality);
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
  ks_store_bind_static (stmt, PARAM_UUID, ks_agreement_get_uuid (work));
  sqlite3_bind_int64 (stmt, PARAM_REGION_ID, region_id);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, PARAM_PARENT_ID, parent_id);
  else
    sqlite3_bind_null (stmt, PARAM_PARENT_ID);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    ks_store_bind_static (stmt, FIRST_TEXT + i, ks_agreement_get_string (work, text_fields[i].property));
  sqlite3_bind_int64 (stmt, PARAM_APBD_AMOUNT, ks_agreement_get_apbd_amount (work));
  sqlite3_bind_int64 (stmt, PARAM_PARTNER_AMOUNT, ks_agreement_get_partner_amount (work));
  ks_store_bind_static (stmt, PARAM_CREATED_AT, now);
  ks_store_bind_static (stmt, PARAM_UPDATED_AT, now);
}

static gboolean
save_in_transaction (SaveState   *state,
                     const char  *source,
                     GError     **error)
{
  state->writer = ks_agreement_writer_new (state->db, source);

  return find_stored (state, error) &&
         ks_agreement_writer_save (state->writer, state->work, state->stored, error) &&
         ks_agreement_writer_finish (state->writer, error);
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
  const char *written_at = ks_agreement_writer_get_written_at (state->writer);

  g_object_set (agreement, "uuid", ks_agreement_get_uuid (state->work), NULL);

  for (guint i = 0; i < partners->len; i++)
    ks_agreement_store_adopt_partner (g_ptr_array_index (partners, i), g_ptr_array_index (resolved_partners, i));
  for (guint i = 0; i < parties->len; i++)
    ks_store_set_string (&((KsLocalPartyRef *) g_ptr_array_index (parties, i))->name,
                         ((KsLocalPartyRef *) g_ptr_array_index (resolved_parties, i))->name);

  if (stored == NULL)
    ks_agreement_set_timestamps (agreement, written_at, written_at, NULL);
  else
    ks_agreement_set_timestamps (agreement, ks_agreement_get_created_at (stored),
                                 written_at != NULL ? written_at
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
 * ks_agreement_details_clear:
 * @details: details filled by ks_agreement_list_get_details()
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
