/* ks-demo.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-demo.h"
#include "ks-error.h"
#include "ks-event.h"
#include "ks-event-store.h"

#define DEMO_RESOURCE RESOURCE_BASE_PATH "/data/demo.ini"
#define DEMO_SOURCE "demo"

/* Scalar keys of demo.ini and the agreement properties they fill. */
static const struct {
  const char *key;
  const char *property;
} scalar_keys[] = {
  { "region", "region-code" },
  { "title", "title" },
  { "description", "description" },
  { "form", "form" },
  { "document", "document" },
  { "stage", "stage" },
  { "signed_on", "signed-on" },
  { "starts_on", "starts-on" },
  { "ends_on", "ends-on" },
  { "notes", "notes" },
};

static void
set_string (char       **slot,
           const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static char **
get_list (GKeyFile   *demo,
          const char *group,
          const char *key,
          gsize      *length)
{
  char **list = g_key_file_get_string_list (demo, group, key, length, NULL);

  if (list == NULL)
    {
      *length = 0;
      return g_new0 (char *, 1);
    }
  return list;
}

static const char *
nth (char  **list,
     gsize   length,
     gsize   i)
{
  return i < length ? list[i] : "";
}

static void
fill_lists (KsAgreement *agreement,
            GKeyFile    *demo,
            const char  *group)
{
  gsize n_parties, n_roles, n_partners, n_countries, n_kinds, n_localities;
  gsize n_sectors, n_obstacles, n_notes;
  g_auto(GStrv) parties = get_list (demo, group, "local_parties", &n_parties);
  g_auto(GStrv) roles = get_list (demo, group, "local_party_roles", &n_roles);
  g_auto(GStrv) partners = get_list (demo, group, "partners", &n_partners);
  g_auto(GStrv) countries = get_list (demo, group, "partner_countries", &n_countries);
  g_auto(GStrv) kinds = get_list (demo, group, "partner_kinds", &n_kinds);
  g_auto(GStrv) localities = get_list (demo, group, "partner_localities", &n_localities);
  g_auto(GStrv) sectors = get_list (demo, group, "sectors", &n_sectors);
  g_auto(GStrv) obstacles = get_list (demo, group, "obstacles", &n_obstacles);
  g_auto(GStrv) notes = get_list (demo, group, "obstacle_notes", &n_notes);

  for (gsize i = 0; i < n_parties; i++)
    g_ptr_array_add (ks_agreement_get_local_parties (agreement),
                     ks_local_party_ref_new (parties[i], nth (roles, n_roles, i)));

  for (gsize i = 0; i < n_partners; i++)
    g_ptr_array_add (ks_agreement_get_partners (agreement),
                     ks_partner_ref_new (NULL, partners[i],
                                         nth (kinds, n_kinds, i),
                                         nth (countries, n_countries, i),
                                         nth (localities, n_localities, i)));

  for (gsize i = 0; i < n_sectors; i++)
    g_ptr_array_add (ks_agreement_get_sectors (agreement), g_strdup (sectors[i]));

  for (gsize i = 0; i < n_obstacles; i++)
    g_ptr_array_add (ks_agreement_get_obstacles (agreement),
                     ks_obstacle_new (obstacles[i], nth (notes, n_notes, i)));
}

static KsAgreement *
agreement_from_group (GKeyFile   *demo,
                      const char *group,
                      const char *uuid)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();

  g_object_set (agreement, "uuid", uuid, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (scalar_keys); i++)
    {
      g_autofree char *value = g_key_file_get_string (demo, group, scalar_keys[i].key, NULL);

      /* The study often does not say which document was signed; the
       * register then records none until staff know better. */
      if (g_str_equal (scalar_keys[i].key, "document") && (value == NULL || value[0] == '\0'))
        set_string (&value, "none");

      g_object_set (agreement, scalar_keys[i].property, value != NULL ? value : "", NULL);
    }

  fill_lists (agreement, demo, group);
  return g_steal_pointer (&agreement);
}

static KsEvent *
event_from_group (GKeyFile   *demo,
                  const char *group,
                  const char *uuid)
{
  g_autofree char *agreement = g_key_file_get_string (demo, group, "agreement", NULL);
  g_autofree char *date = g_key_file_get_string (demo, group, "date", NULL);
  g_autofree char *kind = g_key_file_get_string (demo, group, "kind", NULL);
  g_autofree char *description = g_key_file_get_string (demo, group, "description", NULL);
  g_autofree char *stage = g_key_file_get_string (demo, group, "stage", NULL);

  return g_object_new (KS_TYPE_EVENT,
                       "uuid", uuid,
                       "agreement-uuid", agreement != NULL ? agreement : "",
                       "occurred-on", date != NULL ? date : "",
                       "kind", kind != NULL ? kind : "other",
                       "description", description != NULL ? description : "",
                       "new-stage", stage != NULL ? stage : "",
                       NULL);
}

/* Events only move an agreement forward when they are recorded now; the
 * study's history ends in the stage demo.ini gives, so that is restored
 * after the events went in. */
static gboolean
restore_stage (KsDatabase  *db,
               const char  *uuid,
               const char  *stage,
               GError     **error)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_store_load (db, uuid, error);

  if (agreement == NULL)
    return FALSE;
  if (g_strcmp0 (ks_agreement_get_stage (agreement), stage) == 0)
    return TRUE;

  g_object_set (agreement, "stage", stage, NULL);
  return ks_agreement_store_save (db, agreement, DEMO_SOURCE, error);
}

static gboolean
load_groups (KsDatabase  *db,
             GKeyFile    *demo,
             guint       *n_added,
             GError     **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (demo, NULL);
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer uuid, stage;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *uuid_in_group = strchr (groups[i], ' ');
      gboolean deleted;

      if (!g_str_has_prefix (groups[i], "agreement ") || uuid_in_group == NULL)
        continue;
      uuid_in_group++;

      /* Idempotent: what is there already, even deleted, stays as staff left it. */
      if (ks_agreement_store_exists (db, uuid_in_group, &deleted, NULL))
        continue;

      {
        g_autoptr(KsAgreement) agreement = agreement_from_group (demo, groups[i], uuid_in_group);

        if (!ks_agreement_store_save (db, agreement, DEMO_SOURCE, error))
          return FALSE;
        g_hash_table_insert (added, g_strdup (uuid_in_group),
                             g_strdup (ks_agreement_get_stage (agreement)));
      }
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *uuid_in_group = strchr (groups[i], ' ');
      g_autoptr(KsEvent) event = NULL;
      g_autofree char *agreement = NULL;

      if (!g_str_has_prefix (groups[i], "event ") || uuid_in_group == NULL)
        continue;
      agreement = g_key_file_get_string (demo, groups[i], "agreement", NULL);
      if (agreement == NULL || !g_hash_table_contains (added, agreement))
        continue;

      event = event_from_group (demo, groups[i], uuid_in_group + 1);
      if (!ks_event_store_save (db, event, DEMO_SOURCE, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, added);
  while (g_hash_table_iter_next (&iter, &uuid, &stage))
    if (!restore_stage (db, uuid, stage, error))
      return FALSE;

  *n_added = g_hash_table_size (added);
  return TRUE;
}

/**
 * ks_demo_load:
 * @n_added: (out): how many agreements were new
 *
 * Adds the agreements of the 2012–2017 Karesidenan Surakarta field study
 * that the register does not have yet, in one transaction.
 */
gboolean
ks_demo_load (KsDatabase  *db,
              guint       *n_added,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) demo = g_key_file_new ();

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);

  bytes = g_resources_lookup_data (DEMO_RESOURCE, 0, error);
  if (bytes == NULL || !g_key_file_load_from_bytes (demo, bytes, G_KEY_FILE_NONE, error))
    return FALSE;

  if (!ks_database_begin (db, error))
    return FALSE;

  if (!load_groups (db, demo, n_added, error) || !ks_database_commit (db, error))
    {
      ks_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}
