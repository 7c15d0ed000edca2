/* ks-event-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-event-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-store.h"
#include "ks-audit-changes.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-store-util.h"

#define SELECT_EVENTS                                                         \
  "SELECT e.uuid, a.uuid, e.occurred_on, e.kind, e.description, "            \
  "e.cost_amount, e.cost_currency, e.new_stage, e.old_ends_on, "             \
  "e.new_ends_on, e.created_at, e.updated_at, e.id, e.agreement_id, "        \
  "e.deleted_at IS NOT NULL "                                                \
  "FROM events e JOIN agreements a ON a.id = e.agreement_id "

enum {
  COL_UUID,
  COL_AGREEMENT_UUID,
  COL_OCCURRED_ON,
  COL_KIND,
  COL_DESCRIPTION,
  COL_COST_AMOUNT,
  COL_COST_CURRENCY,
  COL_NEW_STAGE,
  COL_OLD_ENDS_ON,
  COL_NEW_ENDS_ON,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_ID,
  COL_AGREEMENT_ID,
  COL_DELETED,
};

/* An event as the register holds it, with what the object does not carry. */
typedef struct
{
  KsEvent  *event;
  gint64    id;
  gint64    agreement_id;
  gboolean  deleted;
} StoredEvent;

/* What a save decided, copied onto the caller's object once committed. */
typedef struct
{
  char *uuid;
  char *old_ends_on;
  char *created_at;
  char *updated_at;
} SavedFields;

static void
stored_event_clear (StoredEvent *stored)
{
  g_clear_object (&stored->event);
}

static void
saved_fields_clear (SavedFields *saved)
{
  g_free (saved->uuid);
  g_free (saved->old_ends_on);
  g_free (saved->created_at);
  g_free (saved->updated_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredEvent, stored_event_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SavedFields, saved_fields_clear)

static KsEvent *
event_from_row (KsStatement *stmt)
{
  return g_object_new (KS_TYPE_EVENT,
                       "uuid", ks_store_column_text (stmt, COL_UUID),
                       "agreement-uuid", ks_store_column_text (stmt, COL_AGREEMENT_UUID),
                       "occurred-on", ks_store_column_text (stmt, COL_OCCURRED_ON),
                       "kind", ks_store_column_text (stmt, COL_KIND),
                       "description", ks_store_column_text (stmt, COL_DESCRIPTION),
                       "cost-amount", (gint64) sqlite3_column_int64 (stmt, COL_COST_AMOUNT),
                       "cost-currency", ks_store_column_text (stmt, COL_COST_CURRENCY),
                       "new-stage", ks_store_column_text (stmt, COL_NEW_STAGE),
                       "old-ends-on", ks_store_column_text (stmt, COL_OLD_ENDS_ON),
                       "new-ends-on", ks_store_column_text (stmt, COL_NEW_ENDS_ON),
                       "created-at", ks_store_column_text (stmt, COL_CREATED_AT),
                       "updated-at", ks_store_column_text (stmt, COL_UPDATED_AT),
                       NULL);
}

/* Deleted events are found too: saving or undeleting one must see it. */
static gboolean
find_stored (KsDatabase   *db,
             const char   *uuid,
             StoredEvent  *stored,
             GError      **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, SELECT_EVENTS "WHERE e.uuid = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;

  if (has_row)
    {
      stored->event = event_from_row (stmt);
      stored->id = sqlite3_column_int64 (stmt, COL_ID);
      stored->agreement_id = sqlite3_column_int64 (stmt, COL_AGREEMENT_ID);
      stored->deleted = sqlite3_column_int (stmt, COL_DELETED) != 0;
    }

  return TRUE;
}

static gboolean
read_agreement (KsDatabase  *db,
                gint64       agreement_id,
                char       **uuid,
                char       **stage,
                char       **ends_on,
                GError     **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (db, "SELECT uuid, stage, ends_on FROM agreements WHERE id = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;
  g_assert (has_row);

  *uuid = g_strdup (ks_store_column_text (stmt, 0));
  *stage = g_strdup (ks_store_column_text (stmt, 1));
  *ends_on = g_strdup (ks_store_column_text (stmt, 2));
  return TRUE;
}

/* An edit moves the agreement only when what the event says changed, so
 * that re-saving an old event does not undo a later change of stage. */
static gboolean
moves_stage (KsEvent *event,
             KsEvent *stored)
{
  const char *new_stage = ks_event_get_new_stage (event);

  return new_stage[0] != '\0' &&
         (stored == NULL || !g_str_equal (ks_event_get_new_stage (stored), new_stage));
}

static gboolean
is_renewal (KsEvent *event)
{
  return g_str_equal (ks_event_get_kind (event), "renewed") &&
         ks_event_get_new_ends_on (event)[0] != '\0';
}

static gboolean
renews (KsEvent *event,
        KsEvent *stored)
{
  return is_renewal (event) &&
         (stored == NULL || !is_renewal (stored) ||
          !g_str_equal (ks_event_get_new_ends_on (stored), ks_event_get_new_ends_on (event)));
}

static char *
old_ends_on_for (KsEvent    *event,
                 KsEvent    *stored,
                 const char *agreement_ends_on)
{
  /* Correcting a renewal's new date keeps the end date it replaced. */
  if (stored != NULL && is_renewal (stored) && ks_event_get_old_ends_on (stored)[0] != '\0')
    return g_strdup (ks_event_get_old_ends_on (stored));

  return g_strdup (agreement_ends_on);
}

static gboolean
update_agreement (KsDatabase  *db,
                  gint64       agreement_id,
                  const char  *agreement_uuid,
                  const char  *stage,
                  const char  *ends_on,
                  const char  *changes,
                  const char  *source,
                  GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *now = ks_database_now ();

  stmt = ks_database_prepare (db,
                              "UPDATE agreements SET stage = ?, ends_on = ?, updated_at = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ends_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, agreement_id);

  return ks_database_step_done (db, stmt, error) &&
         ks_database_audit (db, "agreements", agreement_uuid, "update", changes, source, error);
}

/* Moves the agreement to the event's stage and end date, and decides the
 * end date a renewal replaced. */
static gboolean
apply_to_agreement (KsDatabase   *db,
                    KsEvent      *event,
                    KsEvent      *stored,
                    gint64        agreement_id,
                    const char   *source,
                    char        **old_ends_on,
                    GError      **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autofree char *agreement_uuid = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *ends_on = NULL;
  g_autofree char *json = NULL;
  const char *target_stage, *target_ends_on;

  if (!read_agreement (db, agreement_id, &agreement_uuid, &stage, &ends_on, error))
    return FALSE;

  target_stage = moves_stage (event, stored) ? ks_event_get_new_stage (event) : stage;
  target_ends_on = ends_on;
  if (renews (event, stored))
    {
      *old_ends_on = old_ends_on_for (event, stored, ends_on);
      target_ends_on = ks_event_get_new_ends_on (event);
    }
  else
    *old_ends_on = g_strdup (ks_event_get_old_ends_on (event));

  ks_audit_changes_add_string (changes, "stage", stage, target_stage);
  ks_audit_changes_add_string (changes, "ends_on", ends_on, target_ends_on);
  if (ks_audit_changes_is_empty (changes))
    return TRUE;

  json = ks_audit_changes_to_json (changes);
  return update_agreement (db, agreement_id, agreement_uuid, target_stage, target_ends_on,
                           json, source, error);
}

/* The fields the audit trail compares, in the order it lists them; the
 * old end date is decided by the save and compared separately. */
static const struct
{
  const char  *field;
  const char *(*get) (KsEvent *event);
} audited_fields[] = {
  { "agreement", ks_event_get_agreement_uuid },
  { "occurred_on", ks_event_get_occurred_on },
  { "kind", ks_event_get_kind },
  { "description", ks_event_get_description },
  { "cost_currency", ks_event_get_cost_currency },
  { "new_stage", ks_event_get_new_stage },
  { "new_ends_on", ks_event_get_new_ends_on },
};

static void
add_event_changes (KsAuditChanges *changes,
                   KsEvent        *stored,
                   KsEvent        *event,
                   const char     *old_ends_on)
{
  gint64 stored_amount = stored != NULL ? ks_event_get_cost_amount (stored) : 0;

  for (guint i = 0; i < G_N_ELEMENTS (audited_fields); i++)
    ks_audit_changes_add_string (changes, audited_fields[i].field,
                                 stored != NULL ? audited_fields[i].get (stored) : NULL,
                                 audited_fields[i].get (event));

  ks_audit_changes_add_int (changes, "cost_amount", stored != NULL ? &stored_amount : NULL,
                            ks_event_get_cost_amount (event));
  ks_audit_changes_add_string (changes, "old_ends_on",
                               stored != NULL ? ks_event_get_old_ends_on (stored) : NULL,
                               old_ends_on);
}

/* Binds the nine columns INSERT and UPDATE share, from @first on, in the
 * order of both statements. */
static void
bind_event_fields (KsStatement *stmt,
                   int          first,
                   KsEvent     *event,
                   gint64       agreement_id,
                   const char  *old_ends_on)
{
  sqlite3_bind_int64 (stmt, first, agreement_id);
  sqlite3_bind_text (stmt, first + 1, ks_event_get_occurred_on (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 2, ks_event_get_kind (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 3, ks_event_get_description (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, first + 4, ks_event_get_cost_amount (event));
  sqlite3_bind_text (stmt, first + 5, ks_event_get_cost_currency (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 6, ks_event_get_new_stage (event), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 7, old_ends_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 8, ks_event_get_new_ends_on (event), -1, SQLITE_TRANSIENT);
}

static gboolean
insert_event (KsDatabase   *db,
              KsEvent      *event,
              gint64        agreement_id,
              SavedFields  *saved,
              GError      **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (db,
                         "INSERT INTO events (uuid, agreement_id, occurred_on, kind, description, "
                         "cost_amount, cost_currency, new_stage, old_ends_on, new_ends_on, "
                         "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, saved->uuid, -1, SQLITE_TRANSIENT);
  bind_event_fields (stmt, 2, event, agreement_id, saved->old_ends_on);
  sqlite3_bind_text (stmt, 11, saved->created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, saved->updated_at, -1, SQLITE_TRANSIENT);

  return ks_database_step_done (db, stmt, error);
}

static gboolean
update_event (KsDatabase   *db,
              KsEvent      *event,
              gint64        event_id,
              gint64        agreement_id,
              SavedFields  *saved,
              GError      **error)
{
  g_autoptr(KsStatement) stmt =
    ks_database_prepare (db,
                         "UPDATE events SET agreement_id = ?, occurred_on = ?, kind = ?, "
                         "description = ?, cost_amount = ?, cost_currency = ?, new_stage = ?, "
                         "old_ends_on = ?, new_ends_on = ?, updated_at = ? WHERE id = ?",
                         error);

  if (stmt == NULL)
    return FALSE;

  bind_event_fields (stmt, 1, event, agreement_id, saved->old_ends_on);
  sqlite3_bind_text (stmt, 10, saved->updated_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, event_id);

  return ks_database_step_done (db, stmt, error);
}

static gboolean
write_event (KsDatabase   *db,
             KsEvent      *event,
             StoredEvent  *stored,
             gint64        agreement_id,
             const char   *source,
             SavedFields  *saved,
             GError      **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autofree char *json = NULL;

  add_event_changes (changes, stored->event, event, saved->old_ends_on);
  if (stored->event != NULL && ks_audit_changes_is_empty (changes))
    {
      g_free (saved->updated_at);
      saved->updated_at = g_strdup (ks_event_get_updated_at (stored->event));
      return TRUE;
    }

  json = ks_audit_changes_to_json (changes);
  if (stored->event == NULL)
    return insert_event (db, event, agreement_id, saved, error) &&
           ks_database_audit (db, "events", saved->uuid, "insert", json, source, error);

  return update_event (db, event, stored->id, agreement_id, saved, error) &&
         ks_database_audit (db, "events", saved->uuid, "update", json, source, error);
}

static void
init_saved_fields (SavedFields *saved,
                   KsEvent     *event,
                   KsEvent     *stored)
{
  const char *uuid = ks_event_get_uuid (event);
  const char *created_at = ks_event_get_created_at (event);

  saved->uuid = uuid[0] != '\0' ? g_strdup (uuid) : ks_database_new_uuid ();
  saved->updated_at = ks_database_now ();
  /* A record from another register keeps the time it was first made. */
  if (stored != NULL)
    saved->created_at = g_strdup (ks_event_get_created_at (stored));
  else
    saved->created_at = g_strdup (created_at[0] != '\0' ? created_at : saved->updated_at);
}

static gboolean
save_event (KsDatabase   *db,
            KsEvent      *event,
            const char   *source,
            SavedFields  *saved,
            GError      **error)
{
  g_auto(StoredEvent) stored = { 0 };
  const char *uuid = ks_event_get_uuid (event);
  gint64 agreement_id = ks_store_lookup_agreement (db, ks_event_get_agreement_uuid (event), error);

  if (agreement_id <= 0)
    return FALSE;
  if (uuid[0] != '\0' && !find_stored (db, uuid, &stored, error))
    return FALSE;

  init_saved_fields (saved, event, stored.event);
  if (!apply_to_agreement (db, event, stored.event, agreement_id, source, &saved->old_ends_on, error) ||
      !write_event (db, event, &stored, agreement_id, source, saved, error) ||
      !ks_agreement_store_refresh_summary (db, agreement_id, error))
    return FALSE;

  /* The event moved to another agreement: the old one lost it. */
  if (stored.event != NULL && stored.agreement_id != agreement_id &&
      !ks_agreement_store_refresh_summary (db, stored.agreement_id, error))
    return FALSE;

  ks_database_changed (db, "events");
  ks_database_changed (db, "agreements");
  return TRUE;
}

static gboolean
set_event_deleted (KsDatabase  *db,
                   const char  *uuid,
                   gboolean     deleted,
                   GError     **error)
{
  g_auto(StoredEvent) stored = { 0 };

  if (!find_stored (db, uuid, &stored, error))
    return FALSE;

  if (stored.event == NULL)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND, _("There is no event “%s”."), uuid);
      return FALSE;
    }

  if (stored.deleted == deleted)
    return TRUE;

  if (!ks_store_set_deleted (db, "events", stored.id, deleted, error) ||
      !ks_database_audit (db, "events", uuid, deleted ? "delete" : "undelete", NULL, NULL, error) ||
      !ks_agreement_store_refresh_summary (db, stored.agreement_id, error))
    return FALSE;

  ks_database_changed (db, "events");
  ks_database_changed (db, "agreements");
  return TRUE;
}

/**
 * ks_event_store_list:
 * @agreement_uuid: the agreement whose timeline to read
 *
 * Returns: (transfer full) (nullable): a #GListStore of #KsEvent, newest
 *   first, without deleted events; %NULL when the agreement does not exist
 */
GListStore *
ks_event_store_list (KsDatabase  *db,
                     const char  *agreement_uuid,
                     GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;
  gint64 agreement_id;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (agreement_uuid != NULL, NULL);

  agreement_id = ks_store_lookup_agreement (db, agreement_uuid, error);
  if (agreement_id <= 0)
    return NULL;

  stmt = ks_database_prepare (db,
                              SELECT_EVENTS "WHERE e.agreement_id = ? AND e.deleted_at IS NULL "
                              "ORDER BY e.occurred_on DESC, e.created_at DESC, e.id DESC",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  store = g_list_store_new (KS_TYPE_EVENT);
  for (;;)
    {
      g_autoptr(KsEvent) event = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      event = event_from_row (stmt);
      g_list_store_append (store, event);
    }

  return g_steal_pointer (&store);
}

/**
 * ks_event_store_load:
 *
 * Returns: (transfer full) (nullable): the event, or %NULL with
 *   %KS_ERROR_NOT_FOUND when it does not exist or was deleted
 */
KsEvent *
ks_event_store_load (KsDatabase  *db,
                     const char  *uuid,
                     GError     **error)
{
  g_auto(StoredEvent) stored = { 0 };

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (!find_stored (db, uuid, &stored, error))
    return NULL;

  if (stored.event == NULL || stored.deleted)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND, _("There is no event “%s”."), uuid);
      return NULL;
    }

  return g_steal_pointer (&stored.event);
}

/**
 * ks_event_store_save:
 * @event: the event; an empty uuid makes a new one
 * @source: (nullable): where the change came from, for the audit trail
 *
 * Validates and writes @event.  An event with a new stage moves its
 * agreement to that stage; a renewal with a new end date records the
 * agreement's current end date as the old one and replaces it.  Both are
 * audited as updates of the agreement, whose summary is refreshed.  On
 * success @event gets its uuid, timestamps and old end date.
 */
gboolean
ks_event_store_save (KsDatabase  *db,
                     KsEvent     *event,
                     const char  *source,
                     GError     **error)
{
  g_auto(SavedFields) saved = { 0 };
  gboolean owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (KS_IS_EVENT (event), FALSE);

  if (!ks_event_validate (event, error) || !ks_store_begin (db, &owned, error))
    return FALSE;

  if (!ks_store_end (db, owned, save_event (db, event, source, &saved, error), error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (event));
  g_object_set (event,
                "uuid", saved.uuid,
                "old-ends-on", saved.old_ends_on,
                "created-at", saved.created_at,
                "updated-at", saved.updated_at,
                NULL);
  g_object_thaw_notify (G_OBJECT (event));
  return TRUE;
}

/**
 * ks_event_store_delete:
 *
 * Marks the event deleted (it stays in the file for merges and undo) and
 * refreshes its agreement's last follow-up.  Deleting a deleted event
 * does nothing.
 */
gboolean
ks_event_store_delete (KsDatabase  *db,
                       const char  *uuid,
                       GError     **error)
{
  gboolean owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  return ks_store_end (db, owned, set_event_deleted (db, uuid, TRUE, error), error);
}

/**
 * ks_event_store_undelete:
 *
 * Brings back a deleted event.
 */
gboolean
ks_event_store_undelete (KsDatabase  *db,
                         const char  *uuid,
                         GError     **error)
{
  gboolean owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  return ks_store_end (db, owned, set_event_deleted (db, uuid, FALSE, error), error);
}

/**
 * ks_event_store_list_in_years:
 * @db: the register
 * @from_year: the first year
 * @to_year: the last year
 *
 * The events of every agreement that is not deleted that happened in the
 * years (an event dated "2017" or "2017-04" belongs to 2017), oldest
 * first: the follow-up of the annual report.
 *
 * Returns: (transfer full): a list of #KsEvent, or %NULL with @error set
 */
GListStore *
ks_event_store_list_in_years (KsDatabase  *db,
                              int          from_year,
                              int          to_year,
                              GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;
  g_autofree char *from = g_strdup_printf ("%04d", from_year);
  g_autofree char *to = g_strdup_printf ("%04d~", to_year);

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  /* Partial ISO dates sort as text, and '~' sorts after "-12-31". */
  stmt = ks_database_prepare (db,
                              SELECT_EVENTS "WHERE e.occurred_on >= ? AND e.occurred_on < ? "
                              "AND e.deleted_at IS NULL AND a.deleted_at IS NULL "
                              "ORDER BY e.occurred_on, e.created_at, e.id",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  store = g_list_store_new (KS_TYPE_EVENT);
  for (;;)
    {
      g_autoptr(KsEvent) event = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      event = event_from_row (stmt);
      g_list_store_append (store, event);
    }

  return g_steal_pointer (&store);
}
