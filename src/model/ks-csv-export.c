/* ks-csv-export.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-csv-export"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-store.h"
#include "ks-csv.h"
#include "ks-csv-export.h"
#include "ks-error.h"

const char * const ks_csv_columns[KS_CSV_N_COLUMNS] = {
  "region", "title", "description", "local_parties", "partners",
  "partner_countries", "partner_kinds", "form", "document", "stage",
  "sectors", "signed_on", "starts_on", "ends_on", "reported_to_center_on",
  "obstacles", "notes", "uuid",
};

/* Lists join with ";" — the one separator DESIGN.md gives them. */
static char *
join_field (GPtrArray *items,
            gsize      offset)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      const char *text = offset == G_MAXSIZE ? item : G_STRUCT_MEMBER (const char *, item, offset);

      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

static void
append_agreement (GString     *out,
                  KsAgreement *agreement)
{
  g_autofree char *parties = join_field (ks_agreement_get_local_parties (agreement),
                                         G_STRUCT_OFFSET (KsLocalPartyRef, name));
  g_autofree char *partners = join_field (ks_agreement_get_partners (agreement),
                                          G_STRUCT_OFFSET (KsPartnerRef, name));
  g_autofree char *countries = join_field (ks_agreement_get_partners (agreement),
                                           G_STRUCT_OFFSET (KsPartnerRef, country));
  g_autofree char *kinds = join_field (ks_agreement_get_partners (agreement),
                                       G_STRUCT_OFFSET (KsPartnerRef, kind));
  g_autofree char *sectors = join_field (ks_agreement_get_sectors (agreement), G_MAXSIZE);
  g_autofree char *obstacles = join_field (ks_agreement_get_obstacles (agreement),
                                           G_STRUCT_OFFSET (KsObstacle, key));
  const char *values[KS_CSV_N_COLUMNS] = {
    [KS_CSV_REGION] = ks_agreement_get_region_code (agreement),
    [KS_CSV_TITLE] = ks_agreement_get_title (agreement),
    [KS_CSV_DESCRIPTION] = ks_agreement_get_string (agreement, "description"),
    [KS_CSV_LOCAL_PARTIES] = parties,
    [KS_CSV_PARTNERS] = partners,
    [KS_CSV_PARTNER_COUNTRIES] = countries,
    [KS_CSV_PARTNER_KINDS] = kinds,
    [KS_CSV_FORM] = ks_agreement_get_string (agreement, "form"),
    [KS_CSV_DOCUMENT] = ks_agreement_get_string (agreement, "document"),
    [KS_CSV_STAGE] = ks_agreement_get_stage (agreement),
    [KS_CSV_SECTORS] = sectors,
    [KS_CSV_SIGNED_ON] = ks_agreement_get_string (agreement, "signed-on"),
    [KS_CSV_STARTS_ON] = ks_agreement_get_string (agreement, "starts-on"),
    [KS_CSV_ENDS_ON] = ks_agreement_get_string (agreement, "ends-on"),
    [KS_CSV_REPORTED_TO_CENTER_ON] = ks_agreement_get_string (agreement, "reported-to-center-on"),
    [KS_CSV_OBSTACLES] = obstacles,
    [KS_CSV_NOTES] = ks_agreement_get_string (agreement, "notes"),
    [KS_CSV_UUID] = ks_agreement_get_uuid (agreement),
  };

  ks_csv_append_record (out, values, KS_CSV_N_COLUMNS);
}

static GPtrArray *
list_uuids (KsDatabase  *db,
            GError     **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KsStatement) stmt = ks_database_prepare (db,
    "SELECT a.uuid FROM agreements a JOIN regions r ON r.id = a.region_id "
    "WHERE a.deleted_at IS NULL ORDER BY r.code, a.title, a.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      ks_database_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&uuids);
}

static char *
export_text (KsDatabase          *db,
             const char * const  *uuids,
             guint                n_uuids,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  ks_csv_append_record (out, ks_csv_columns, KS_CSV_N_COLUMNS);
  for (guint i = 0; i < n_uuids; i++)
    {
      g_autoptr(KsAgreement) agreement = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      agreement = ks_agreement_store_load (db, uuids[i], error);
      if (agreement == NULL)
        return NULL;
      append_agreement (out, agreement);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
write_file (const char  *path,
            const char  *text,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be written: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * ks_csv_export_text:
 *
 * Returns: (transfer full) (nullable): every agreement that is not
 *   deleted, in the CSV interchange format, by region and title
 */
char *
ks_csv_export_text (KsDatabase    *db,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) uuids = list_uuids (db, error);

  if (uuids == NULL)
    return NULL;

  return export_text (db, (const char * const *) uuids->pdata, uuids->len, cancellable, error);
}

/**
 * ks_csv_export_agreements_file:
 * @uuids: (array zero-terminated=1): the agreements to write, in order
 *
 * Writes the chosen agreements (the table's selected rows) in the same
 * format as ks_csv_export_file(), whole or not at all.
 */
gboolean
ks_csv_export_agreements_file (KsDatabase          *db,
                               const char          *path,
                               const char * const  *uuids,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (uuids != NULL, FALSE);

  text = export_text (db, uuids, g_strv_length ((char **) uuids), cancellable, error);
  return text != NULL && write_file (path, text, error);
}

/**
 * ks_csv_export_file:
 *
 * Writes the file whole or not at all (g_file_set_contents replaces it
 * atomically).
 */
gboolean
ks_csv_export_file (KsDatabase    *db,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *text = ks_csv_export_text (db, cancellable, error);

  return text != NULL && write_file (path, text, error);
}
