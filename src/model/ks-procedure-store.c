/* ks-procedure-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-procedure-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-audit-changes.h"
#include "ks-error.h"
#include "ks-keys.h"
#include "ks-procedure-store.h"
#include "ks-store-util.h"

#define LABEL_MAX 200
#define CUSTOM_PREFIX "custom_"

#define SELECT_STEPS \
  "SELECT uuid, key, label, required, sort_order, id, deleted_at IS NOT NULL FROM procedure_steps "

enum {
  COL_UUID,
  COL_KEY,
  COL_LABEL,
  COL_REQUIRED,
  COL_SORT_ORDER,
  COL_ID,
  COL_DELETED,
};

/* A step as stored: its label column may be empty (the built-in one). */
typedef struct
{
  KsProcedureStep *step;
  char            *label;
  gint64           id;
  gboolean         deleted;
} StoredStep;

typedef gboolean (*StepEdit) (KsDatabase     *db,
                              StoredStep     *stored,
                              gconstpointer   data,
                              GError        **error);

static void
stored_step_clear (StoredStep *stored)
{
  g_clear_object (&stored->step);
  g_clear_pointer (&stored->label, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredStep, stored_step_clear)

/* Built-in steps follow the user's language until someone renames them. */
static const char *
builtin_label (const char *key)
{
  if (!ks_key_is_valid (KS_KEY_SET_PROCEDURE_STEP, key))
    return NULL;

  return ks_key_get_label (KS_KEY_SET_PROCEDURE_STEP, key);
}

static KsProcedureStep *
step_from_row (KsStatement *stmt)
{
  const char *key = ks_store_column_text (stmt, COL_KEY);
  const char *label = ks_store_column_text (stmt, COL_LABEL);

  if (label[0] == '\0')
    label = builtin_label (key) != NULL ? builtin_label (key) : key;

  return g_object_new (KS_TYPE_PROCEDURE_STEP,
                       "uuid", ks_store_column_text (stmt, COL_UUID),
                       "key", key,
                       "label", label,
                       "required", sqlite3_column_int (stmt, COL_REQUIRED) != 0,
                       "sort-order", sqlite3_column_int (stmt, COL_SORT_ORDER),
                       NULL);
}

static gboolean
find_step (KsDatabase  *db,
           const char  *uuid,
           StoredStep  *stored,
           GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, SELECT_STEPS "WHERE uuid = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND, _("There is no procedure step “%s”."), uuid);
      return FALSE;
    }

  stored->step = step_from_row (stmt);
  stored->label = g_strdup (ks_store_column_text (stmt, COL_LABEL));
  stored->id = sqlite3_column_int64 (stmt, COL_ID);
  stored->deleted = sqlite3_column_int (stmt, COL_DELETED) != 0;
  return TRUE;
}

static gboolean
validate_label (const char  *label,
                GError     **error)
{
  if (!g_utf8_validate (label, -1, NULL))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("The step label is not valid UTF-8 text."));
      return FALSE;
    }

  if (g_utf8_strlen (label, -1) > LABEL_MAX)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The step label is longer than %d characters."), LABEL_MAX);
      return FALSE;
    }

  return TRUE;
}

static gboolean
audit_step (KsDatabase      *db,
            const char      *uuid,
            const char      *action,
            KsAuditChanges  *changes,
            GError         **error)
{
  g_autofree char *json = ks_audit_changes_to_json (changes);

  if (!ks_database_audit (db, "procedure_steps", uuid, action, json, NULL, error))
    return FALSE;

  ks_database_changed (db, "procedure_steps");
  return TRUE;
}

/* @column is one of the code's own column names, never user text. */
static gboolean
update_column (KsDatabase    *db,
               gint64         id,
               const char    *column,
               const GValue  *value,
               GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE procedure_steps SET %s = ?, updated_at = ? WHERE id = ?",
                                          column);
  g_autofree char *now = ks_database_now ();
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (G_VALUE_HOLDS_STRING (value))
    sqlite3_bind_text (stmt, 1, g_value_get_string (value), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, g_value_get_int64 (value));
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);

  return ks_database_step_done (db, stmt, error);
}

static gboolean
update_int (KsDatabase  *db,
            StoredStep  *stored,
            const char  *column,
            gint64       old_value,
            gint64       new_value,
            GError     **error)
{
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_auto(GValue) value = G_VALUE_INIT;

  if (old_value == new_value)
    return TRUE;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, new_value);
  ks_audit_changes_add_int (changes, column, &old_value, new_value);

  return update_column (db, stored->id, column, &value, error) &&
         audit_step (db, ks_procedure_step_get_uuid (stored->step), "update", changes, error);
}

static gboolean
rename_step (KsDatabase     *db,
             StoredStep     *stored,
             gconstpointer   data,
             GError        **error)
{
  g_autofree char *label = g_strstrip (g_strdup (data));
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  const char *builtin = builtin_label (ks_procedure_step_get_key (stored->step));

  if (!validate_label (label, error))
    return FALSE;

  /* The built-in label, as typed or emptied, stays translatable. */
  if (builtin != NULL && (label[0] == '\0' || g_str_equal (label, builtin)))
    label[0] = '\0';
  else if (label[0] == '\0')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("The step needs a label."));
      return FALSE;
    }

  ks_audit_changes_add_string (changes, "label", stored->label, label);
  if (ks_audit_changes_is_empty (changes))
    return TRUE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, label);
  return update_column (db, stored->id, "label", &value, error) &&
         audit_step (db, ks_procedure_step_get_uuid (stored->step), "update", changes, error);
}

static gboolean
set_required (KsDatabase     *db,
              StoredStep     *stored,
              gconstpointer   data,
              GError        **error)
{
  return update_int (db, stored, "required",
                     ks_procedure_step_get_required (stored->step),
                     GPOINTER_TO_INT (data) != 0, error);
}

static gboolean
set_deleted (KsDatabase     *db,
             StoredStep     *stored,
             gconstpointer   data,
             GError        **error)
{
  gboolean deleted = GPOINTER_TO_INT (data) != 0;
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();

  if (stored->deleted == deleted)
    return TRUE;

  return ks_store_set_deleted (db, "procedure_steps", stored->id, deleted, error) &&
         audit_step (db, ks_procedure_step_get_uuid (stored->step),
                     deleted ? "delete" : "undelete", changes, error);
}

static gboolean
edit_step (KsDatabase     *db,
           const char     *uuid,
           StepEdit        edit,
           gconstpointer   data,
           GError        **error)
{
  g_auto(StoredStep) stored = { 0 };
  gboolean owned;

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  return ks_store_end (db, owned,
                       find_step (db, uuid, &stored, error) && edit (db, &stored, data, error),
                       error);
}

static guint
custom_number (const char *key)
{
  guint64 number = 0;

  if (!g_str_has_prefix (key, CUSTOM_PREFIX) ||
      !g_ascii_string_to_unsigned (key + strlen (CUSTOM_PREFIX), 10, 1, G_MAXUINT, &number, NULL))
    return 0;

  return number;
}

/* Keys of deleted steps are never reused: checklists may still name them. */
static gboolean
next_key_and_order (KsDatabase  *db,
                    char       **key,
                    int         *sort_order,
                    GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT key, sort_order FROM procedure_steps", error);
  guint last = 0;
  int max_order = 0;

  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;

      last = MAX (last, custom_number (ks_store_column_text (stmt, 0)));
      max_order = MAX (max_order, sqlite3_column_int (stmt, 1));
    }

  *key = g_strdup_printf (CUSTOM_PREFIX "%u", last + 1);
  *sort_order = max_order + 1;
  return TRUE;
}

static gboolean
insert_step (KsDatabase       *db,
             KsProcedureStep  *step,
             GError          **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autofree char *now = ks_database_now ();
  gint64 required = ks_procedure_step_get_required (step);

  stmt = ks_database_prepare (db,
                              "INSERT INTO procedure_steps (uuid, key, label, required, sort_order, "
                              "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ks_procedure_step_get_uuid (step), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ks_procedure_step_get_key (step), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ks_procedure_step_get_label (step), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, required);
  sqlite3_bind_int (stmt, 5, ks_procedure_step_get_sort_order (step));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!ks_database_step_done (db, stmt, error))
    return FALSE;

  ks_audit_changes_add_string (changes, "key", NULL, ks_procedure_step_get_key (step));
  ks_audit_changes_add_string (changes, "label", NULL, ks_procedure_step_get_label (step));
  ks_audit_changes_add_int (changes, "required", NULL, required);
  ks_audit_changes_add_int (changes, "sort_order", NULL, ks_procedure_step_get_sort_order (step));
  return audit_step (db, ks_procedure_step_get_uuid (step), "insert", changes, error);
}

static gboolean
add_step (KsDatabase        *db,
          const char        *label,
          gboolean           required,
          KsProcedureStep  **step,
          GError           **error)
{
  g_autofree char *uuid = ks_database_new_uuid ();
  g_autofree char *key = NULL;
  int sort_order;

  if (!next_key_and_order (db, &key, &sort_order, error))
    return FALSE;

  *step = g_object_new (KS_TYPE_PROCEDURE_STEP,
                        "uuid", uuid,
                        "key", key,
                        "label", label,
                        "required", required,
                        "sort-order", sort_order,
                        NULL);
  return insert_step (db, *step, error);
}

static gboolean
check_permutation (GListModel          *steps,
                   const char * const  *uuids,
                   GError             **error)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (steps);

  for (guint i = 0; uuids[i] != NULL; i++)
    if (!g_hash_table_add (listed, (gpointer) uuids[i]))
      n = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsProcedureStep) step = g_list_model_get_item (steps, i);

      if (!g_hash_table_contains (listed, ks_procedure_step_get_uuid (step)))
        n = 0;
    }

  if (n != 0 && n == g_hash_table_size (listed))
    return TRUE;

  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("The new order of the procedure steps must list every step exactly once."));
  return FALSE;
}

static gboolean
reorder_steps (KsDatabase          *db,
               const char * const  *uuids,
               GError             **error)
{
  g_autoptr(GListStore) steps = ks_procedure_store_list (db, error);

  if (steps == NULL || !check_permutation (G_LIST_MODEL (steps), uuids, error))
    return FALSE;

  for (guint i = 0; uuids[i] != NULL; i++)
    {
      g_auto(StoredStep) stored = { 0 };

      if (!find_step (db, uuids[i], &stored, error) ||
          !update_int (db, &stored, "sort_order",
                       ks_procedure_step_get_sort_order (stored.step), i + 1, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ks_procedure_store_list:
 *
 * Returns: (transfer full) (nullable): a #GListStore of #KsProcedureStep
 *   in checklist order, without deleted steps
 */
GListStore *
ks_procedure_store_list (KsDatabase  *db,
                         GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  stmt = ks_database_prepare (db, SELECT_STEPS "WHERE deleted_at IS NULL ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return NULL;

  store = g_list_store_new (KS_TYPE_PROCEDURE_STEP);
  for (;;)
    {
      g_autoptr(KsProcedureStep) step = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      step = step_from_row (stmt);
      g_list_store_append (store, step);
    }

  return g_steal_pointer (&store);
}

/**
 * ks_procedure_store_add:
 * @label: what the step is called
 * @required: whether every agreement needs it
 *
 * Adds a step of the user's own at the end of the checklist, with a key
 * such as "custom_1".
 *
 * Returns: (transfer full) (nullable): the new step
 */
KsProcedureStep *
ks_procedure_store_add (KsDatabase  *db,
                        const char  *label,
                        gboolean     required,
                        GError     **error)
{
  g_autoptr(KsProcedureStep) step = NULL;
  g_autofree char *clean = NULL;
  gboolean owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  clean = g_strstrip (g_strdup (label));
  if (!validate_label (clean, error))
    return NULL;
  if (clean[0] == '\0')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("The step needs a label."));
      return NULL;
    }

  if (!ks_store_begin (db, &owned, error) ||
      !ks_store_end (db, owned, add_step (db, clean, required, &step, error), error))
    return NULL;

  return g_steal_pointer (&step);
}

/**
 * ks_procedure_store_rename:
 * @label: the new label; "" gives a built-in step back its translated label
 */
gboolean
ks_procedure_store_rename (KsDatabase  *db,
                           const char  *uuid,
                           const char  *label,
                           GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  return edit_step (db, uuid, rename_step, label, error);
}

gboolean
ks_procedure_store_set_required (KsDatabase  *db,
                                 const char  *uuid,
                                 gboolean     required,
                                 GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return edit_step (db, uuid, set_required, GINT_TO_POINTER (required != FALSE), error);
}

/**
 * ks_procedure_store_reorder:
 * @uuids: every step not deleted, once each, in the new order
 */
gboolean
ks_procedure_store_reorder (KsDatabase          *db,
                            const char * const  *uuids,
                            GError             **error)
{
  gboolean owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuids != NULL, FALSE);

  if (!ks_store_begin (db, &owned, error))
    return FALSE;

  return ks_store_end (db, owned, reorder_steps (db, uuids, error), error);
}

/**
 * ks_procedure_store_delete:
 *
 * Removes a step from the checklist; agreements keep the dates recorded
 * for it.
 */
gboolean
ks_procedure_store_delete (KsDatabase  *db,
                           const char  *uuid,
                           GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return edit_step (db, uuid, set_deleted, GINT_TO_POINTER (TRUE), error);
}

gboolean
ks_procedure_store_undelete (KsDatabase  *db,
                             const char  *uuid,
                             GError     **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return edit_step (db, uuid, set_deleted, GINT_TO_POINTER (FALSE), error);
}
