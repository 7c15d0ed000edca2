/* ks-partner-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-partner-store"

#include "config.h"

#include "ks-partner-store.h"
#include "ks-store-util.h"

static KsPartner *
partner_from_row (KsStatement *stmt)
{
  return g_object_new (KS_TYPE_PARTNER,
                       "uuid", ks_store_column_text (stmt, 0),
                       "name", ks_store_column_text (stmt, 1),
                       "kind", ks_store_column_text (stmt, 2),
                       "country", ks_store_column_text (stmt, 3),
                       "locality", ks_store_column_text (stmt, 4),
                       NULL);
}

/**
 * ks_partner_store_list:
 *
 * The partners already in the register, for the editor to pick from.
 *
 * Returns: (transfer full) (nullable): a #GListStore of #KsPartner sorted
 *   by name (ignoring ASCII case), without deleted partners
 */
GListStore *
ks_partner_store_list (KsDatabase  *db,
                       GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  stmt = ks_database_prepare (db,
                              "SELECT uuid, name, kind, country, locality FROM partners "
                              "WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, country, id",
                              error);
  if (stmt == NULL)
    return NULL;

  store = g_list_store_new (KS_TYPE_PARTNER);
  for (;;)
    {
      g_autoptr(KsPartner) partner = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      partner = partner_from_row (stmt);
      g_list_store_append (store, partner);
    }

  return g_steal_pointer (&store);
}
