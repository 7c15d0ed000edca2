/* ks-procedure-progress.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-procedure-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-keys.h"
#include "ks-procedure-progress.h"

/*
 * How far an agreement is through the checklist of PP 28/2018 and
 * Permendagri 25/2020.  A step is done when the agreement's checklist
 * has a date for it; the DPRD approval and the report to the central
 * government also count when the agreement's own date fields say so,
 * since those are where most users record them.
 *
 * Every required step must be done by the time an agreement is signed
 * (signed, active or completed); earlier stages owe nothing yet, and
 * stalled or terminated ones are judged by the other views.
 */

/* One row per required step and agreement: ?1 = agreement id, or NULL for
 * every signed agreement. */
#define STEPS_SQL                                                                 \
  "SELECT a.id, a.uuid, a.title, s.key, s.label, "                                \
  "  (EXISTS (SELECT 1 FROM agreement_procedure ap WHERE ap.agreement_id = a.id " \
  "           AND ap.step_id = s.id AND ap.done_on <> '') "                       \
  "   OR (s.key = 'dprd_approval' AND a.dprd_approved_on <> '') "                 \
  "   OR (s.key = 'report_to_center' AND a.reported_to_center_on <> '')) "        \
  "FROM agreements a CROSS JOIN procedure_steps s "                               \
  "WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL AND s.required "           \
  "  AND (a.id = ?1 OR (?1 IS NULL AND a.stage IN ('signed', 'active', 'completed'))) " \
  "ORDER BY a.id, s.sort_order, s.id"

enum { COL_ID, COL_UUID, COL_TITLE, COL_KEY, COL_LABEL, COL_DONE };

static const char *
step_label (KsStatement *stmt)
{
  const char *label = (const char *) sqlite3_column_text (stmt, COL_LABEL);
  const char *key = (const char *) sqlite3_column_text (stmt, COL_KEY);

  if (label != NULL && label[0] != '\0')
    return label;
  if (ks_key_is_valid (KS_KEY_SET_PROCEDURE_STEP, key))
    return ks_key_get_label (KS_KEY_SET_PROCEDURE_STEP, key);

  return key;
}

/**
 * ks_procedure_progress_get:
 * @n_done: (out): required steps done
 * @n_required: (out): required steps
 *
 * Returns: %FALSE with @error set when the register could not be read
 */
gboolean
ks_procedure_progress_get (KsDatabase  *db,
                           gint64       agreement_id,
                           guint       *n_done,
                           guint       *n_required,
                           GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n_done != NULL && n_required != NULL, FALSE);

  *n_done = *n_required = 0;
  stmt = ks_database_prepare (db, STEPS_SQL, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      (*n_required)++;
      if (sqlite3_column_int (stmt, COL_DONE))
        (*n_done)++;
    }

  if (rc != SQLITE_DONE)
    return ks_database_set_error (db, rc, error);

  return TRUE;
}

/**
 * ks_procedure_progress_format:
 *
 * Returns: (transfer full): "4 of 6 steps", translated
 */
char *
ks_procedure_progress_format (guint n_done,
                              guint n_required)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step", "%u of %u steps", n_required),
                          n_done, n_required);
}

static KsProcedureGap *
gap_new (KsStatement *stmt)
{
  KsProcedureGap *gap = g_new0 (KsProcedureGap, 1);

  gap->id = sqlite3_column_int64 (stmt, COL_ID);
  gap->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, COL_UUID));
  gap->title = g_strdup ((const char *) sqlite3_column_text (stmt, COL_TITLE));

  return gap;
}

static void
gap_add_step (KsProcedureGap *gap,
              const char     *label)
{
  char *missing = gap->missing == NULL ? g_strdup (label)
                                       : g_strdup_printf ("%s, %s", gap->missing, label);

  g_free (gap->missing);
  gap->missing = missing;
  gap->n_missing++;
}

/**
 * ks_procedure_progress_find_gaps:
 *
 * The agreements that are signed, active or completed and miss a
 * required step (signed without the DPRD approval recorded, say), in id
 * order.
 *
 * Returns: (transfer full) (element-type KsProcedureGap): the gaps, or
 *   %NULL with @error set
 */
GPtrArray *
ks_procedure_progress_find_gaps (KsDatabase  *db,
                                 GError     **error)
{
  g_autoptr(GPtrArray) gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_procedure_gap_free);
  g_autoptr(KsStatement) stmt = NULL;
  KsProcedureGap *gap = NULL;
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  stmt = ks_database_prepare (db, STEPS_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_null (stmt, 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, COL_DONE))
        continue;
      if (gap == NULL || gap->id != sqlite3_column_int64 (stmt, COL_ID))
        {
          gap = gap_new (stmt);
          g_ptr_array_add (gaps, gap);
        }
      gap_add_step (gap, step_label (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      ks_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&gaps);
}

/**
 * ks_procedure_progress_list_missing:
 * @agreement_id: an agreement's id
 *
 * What ks_procedure_progress_find_gaps() says of one agreement, whatever
 * its stage.
 *
 * Returns: (transfer full): the labels of the required steps it has not
 *   done, "A, B" (translated), "" when none, or %NULL with @error set
 */
char *
ks_procedure_progress_list_missing (KsDatabase  *db,
                                    gint64       agreement_id,
                                    GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(KsProcedureGap) gap = g_new0 (KsProcedureGap, 1);
  int rc;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  stmt = ks_database_prepare (db, STEPS_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!sqlite3_column_int (stmt, COL_DONE))
      gap_add_step (gap, step_label (stmt));

  if (rc != SQLITE_DONE)
    {
      ks_database_set_error (db, rc, error);
      return NULL;
    }

  return gap->missing != NULL ? g_steal_pointer (&gap->missing) : g_strdup ("");
}

void
ks_procedure_gap_free (KsProcedureGap *gap)
{
  if (gap == NULL)
    return;

  g_free (gap->uuid);
  g_free (gap->title);
  g_free (gap->missing);
  g_free (gap);
}
