/* ks-region-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-region-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-audit-changes.h"
#include "ks-error.h"
#include "ks-keys.h"
#include "ks-region-store.h"
#include "ks-store-util.h"

#define OR_EMPTY(text) ((text) != NULL ? (text) : "")

static KsRegion *
region_from_row (KsStatement *stmt)
{
  return g_object_new (KS_TYPE_REGION,
                       "uuid", ks_store_column_text (stmt, 0),
                       "code", ks_store_column_text (stmt, 1),
                       "name", ks_store_column_text (stmt, 2),
                       "kind", ks_store_column_text (stmt, 3),
                       "province-code", ks_store_column_text (stmt, 4),
                       "group", ks_store_column_text (stmt, 5),
                       NULL);
}

/* Names are compared as a person reads them: case and Unicode forms do
 * not matter. */
static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}

static gboolean
is_two_digits (const char *text)
{
  return g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]);
}

/* "33" (a province) or "33.14" (a kabupaten or kota). */
static gboolean
is_region_code (const char *code)
{
  gsize len = strlen (code);

  return (len == 2 && is_two_digits (code)) ||
         (len == 5 && is_two_digits (code) && code[2] == '.' && is_two_digits (code + 3));
}

static KsRegion *
find_by_code (GListModel *regions,
              const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);

      if (g_str_equal (ks_region_get_code (region), code))
        return g_steal_pointer (&region);
    }

  return NULL;
}

static KsRegion *
find_by_name (GListModel *regions,
              const char *folded)
{
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);
      g_autofree char *name = fold_name (ks_region_get_name (region));

      if (g_str_equal (name, folded))
        return g_steal_pointer (&region);
    }

  return NULL;
}

/* "Sragen" for "Kabupaten Sragen": the regions whose name ends with the
 * text as a whole word. */
static GPtrArray *
find_by_bare_name (GListModel *regions,
                   const char *folded)
{
  g_autofree char *suffix = g_strconcat (" ", folded, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);
      g_autofree char *name = fold_name (ks_region_get_name (region));

      if (g_str_has_suffix (name, suffix))
        g_ptr_array_add (found, g_steal_pointer (&region));
    }

  return found;
}

static void
set_ambiguous_error (GError     **error,
                     const char  *text,
                     GPtrArray   *found)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      KsRegion *region = g_ptr_array_index (found, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "%s (%s)", ks_region_get_name (region), ks_region_get_code (region));
    }

  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               _("The region “%s” is ambiguous: it could be %s. Give the code or the full name."),
               text, list->str);
}

static gboolean
validate_code_and_kind (const char  *code,
                        const char  *kind,
                        GError     **error)
{
  if (!is_region_code (code))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The region code “%s” is not a Kemendagri code such as “33” or “33.14”."), code);
      return FALSE;
    }

  if (!ks_key_is_valid (KS_KEY_SET_REGION_KIND, kind))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The region kind “%s” is unknown; it must be kabupaten, kota or provinsi."), kind);
      return FALSE;
    }

  if ((strlen (code) == 2) != g_str_equal (kind, "provinsi"))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The region code “%s” does not fit the kind “%s”: a provinsi has a code such as “33”, "
                     "a kabupaten or kota a code such as “33.14”."),
                   code, kind);
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

static gboolean
validate_names (const char  *code,
                const char  *name,
                const char  *province_code,
                const char  *group,
                GError     **error)
{
  if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (group, -1, NULL) ||
      has_control (name) || has_control (group))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The name or group of region “%s” is not valid one-line text."), code);
      return FALSE;
    }

  if (g_utf8_strlen (name, -1) > KS_REGION_NAME_MAX || g_utf8_strlen (group, -1) > KS_REGION_NAME_MAX)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The name or group of region “%s” is longer than %u characters."),
                   code, (guint) KS_REGION_NAME_MAX);
      return FALSE;
    }

  if (name[0] == '\0')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("The region “%s” needs a name."), code);
      return FALSE;
    }

  if (strncmp (province_code, code, 2) != 0 || strlen (province_code) != 2)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("The province code “%s” does not match the region code “%s”."),
                   province_code, code);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_unique (KsDatabase  *db,
              const char  *code,
              const char  *name,
              GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT 1 FROM regions WHERE code = ?", error);
  g_autoptr(GListStore) regions = NULL;
  g_autoptr(KsRegion) same_name = NULL;
  g_autofree char *folded = fold_name (name);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  /* Deleted regions count: the code column is unique over all rows. */
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;
  if (has_row)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("There is already a region with the code “%s”."), code);
      return FALSE;
    }

  /* Imports find regions by name, so a name must name one region. */
  regions = ks_region_store_list (db, error);
  if (regions == NULL)
    return FALSE;
  same_name = find_by_name (G_LIST_MODEL (regions), folded);
  if (same_name != NULL)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   _("There is already a region named “%s” (%s)."),
                   ks_region_get_name (same_name), ks_region_get_code (same_name));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_region (KsDatabase  *db,
               KsRegion    *region,
               const char  *source,
               GError     **error)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(KsAuditChanges) changes = ks_audit_changes_new ();
  g_autofree char *now = ks_database_now ();
  g_autofree char *json = NULL;

  stmt = ks_database_prepare (db,
                              "INSERT INTO regions (uuid, code, name, kind, province_code, region_group, "
                              "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, ks_region_get_uuid (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ks_region_get_code (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, ks_region_get_name (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ks_region_get_kind (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ks_region_get_province_code (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, ks_region_get_group (region), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!ks_database_step_done (db, stmt, error))
    return FALSE;

  ks_audit_changes_add_string (changes, "code", NULL, ks_region_get_code (region));
  ks_audit_changes_add_string (changes, "name", NULL, ks_region_get_name (region));
  ks_audit_changes_add_string (changes, "kind", NULL, ks_region_get_kind (region));
  ks_audit_changes_add_string (changes, "province_code", NULL, ks_region_get_province_code (region));
  ks_audit_changes_add_string (changes, "region_group", NULL, ks_region_get_group (region));
  json = ks_audit_changes_to_json (changes);
  if (!ks_database_audit (db, "regions", ks_region_get_uuid (region), "insert", json, source, error))
    return FALSE;

  ks_database_changed (db, "regions");
  return TRUE;
}

static gboolean
add_region (KsDatabase  *db,
            KsRegion    *region,
            const char  *source,
            GError     **error)
{
  return check_unique (db, ks_region_get_code (region), ks_region_get_name (region), error) &&
         insert_region (db, region, source, error);
}

/* Validates what ks_region_store_add() and ks_region_store_adopt() are
 * given, and returns the region to insert. */
static KsRegion *
new_region (const char  *uuid,
            const char  *code,
            const char  *name,
            const char  *kind,
            const char  *province_code,
            const char  *group,
            GError     **error)
{
  g_autofree char *clean_name = g_strstrip (g_strdup (name));
  g_autofree char *clean_group = g_strstrip (g_strdup (group != NULL ? group : ""));
  g_autofree char *province = province_code != NULL && province_code[0] != '\0'
                              ? g_strdup (province_code) : g_strndup (code, 2);

  if (!validate_code_and_kind (code, kind, error) ||
      !validate_names (code, clean_name, province, clean_group, error))
    return NULL;

  return g_object_new (KS_TYPE_REGION,
                       "uuid", uuid,
                       "code", code,
                       "name", clean_name,
                       "kind", kind,
                       "province-code", province,
                       "group", clean_group,
                       NULL);
}

static gboolean
uuid_is_taken (KsDatabase  *db,
               const char  *uuid,
               gboolean    *taken,
               GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT 1 FROM regions WHERE uuid = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  return ks_store_step_row (db, stmt, taken, error);
}

/**
 * ks_region_store_list:
 *
 * Returns: (transfer full) (nullable): a #GListStore of #KsRegion in code
 *   order, without deleted regions
 */
GListStore *
ks_region_store_list (KsDatabase  *db,
                      GError     **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  stmt = ks_database_prepare (db,
                              "SELECT uuid, code, name, kind, province_code, region_group FROM regions "
                              "WHERE deleted_at IS NULL ORDER BY code",
                              error);
  if (stmt == NULL)
    return NULL;

  store = g_list_store_new (KS_TYPE_REGION);
  for (;;)
    {
      g_autoptr(KsRegion) region = NULL;
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      region = region_from_row (stmt);
      g_list_store_append (store, region);
    }

  return g_steal_pointer (&store);
}

/**
 * ks_region_store_lookup:
 * @text: a code ("33.14"), a full name in any case ("kabupaten sragen"),
 *   or the end of exactly one region's name ("Sragen")
 *
 * Finds the region a person or a CSV file means.
 *
 * Returns: (transfer full) (nullable): the region, or %NULL with
 *   %KS_ERROR_NOT_FOUND, or %KS_ERROR_INVALID when @text could mean
 *   several regions
 */
KsRegion *
ks_region_store_lookup (KsDatabase  *db,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(GListStore) regions = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  regions = ks_region_store_list (db, error);
  if (regions == NULL)
    return NULL;

  return ks_region_store_find (G_LIST_MODEL (regions), text, error);
}

/**
 * ks_region_store_find:
 * @regions: (element-type KsRegion): the register's regions, as
 *   ks_region_store_list() read them
 * @text: what ks_region_store_lookup() takes
 *
 * ks_region_store_lookup() in a list read once, for a caller with many
 * texts to look up (an import of a national file names all 514 regions).
 *
 * Returns: (transfer full) (nullable): the region, or %NULL with the
 *   errors of ks_region_store_lookup()
 */
KsRegion *
ks_region_store_find (GListModel  *regions,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *code = NULL;
  g_autofree char *folded = NULL;
  KsRegion *region;

  g_return_val_if_fail (G_IS_LIST_MODEL (regions), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  code = g_strstrip (g_strdup (text));
  folded = fold_name (text);
  if ((region = find_by_code (regions, code)) != NULL ||
      (region = find_by_name (regions, folded)) != NULL)
    return region;

  found = find_by_bare_name (regions, folded);
  if (found->len == 1 && folded[0] != '\0')
    return g_object_ref (g_ptr_array_index (found, 0));

  if (found->len > 1 && folded[0] != '\0')
    set_ambiguous_error (error, code, found);
  else
    g_set_error (error, KS_ERROR, KS_ERROR_NOT_FOUND, _("There is no region “%s”."), code);
  return NULL;
}

/**
 * ks_region_store_add:
 * @code: the Kemendagri code, "34" or "34.71"
 * @name: the official name, "Kota Yogyakarta"
 * @kind: kabupaten, kota or provinsi
 * @province_code: (nullable): the province's code; %NULL or "" for the
 *   first two digits of @code
 * @group: (nullable): a group of regions, or %NULL
 *
 * Adds a region the register does not ship, audited.
 *
 * Returns: (transfer full) (nullable): the new region
 */
KsRegion *
ks_region_store_add (KsDatabase  *db,
                     const char  *code,
                     const char  *name,
                     const char  *kind,
                     const char  *province_code,
                     const char  *group,
                     GError     **error)
{
  g_autoptr(KsRegion) region = NULL;
  g_autofree char *uuid = NULL;
  gboolean owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  uuid = ks_database_new_uuid ();
  region = new_region (uuid, code, name, kind, province_code, group, error);
  if (region == NULL ||
      !ks_store_begin (db, &owned, error) ||
      !ks_store_end (db, owned, add_region (db, region, NULL, error), error))
    return NULL;

  return g_steal_pointer (&region);
}

/**
 * ks_region_store_adopt:
 * @region: a region as another register has it, from a file that may
 *   have been crafted
 * @source: (nullable): where it came from, for the audit trail
 *
 * Adds a region another register added, validated like
 * ks_region_store_add() and keeping its uuid when that is free, so that
 * an agreement made there finds its region here.
 *
 * Returns: %TRUE when the region was added
 */
gboolean
ks_region_store_adopt (KsDatabase  *db,
                       KsRegion    *region,
                       const char  *source,
                       GError     **error)
{
  g_autoptr(KsRegion) copy = NULL;
  g_autofree char *uuid = NULL;
  const char *their_uuid;
  gboolean taken = TRUE, owned;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (KS_IS_REGION (region), FALSE);

  their_uuid = ks_region_get_uuid (region);
  if (their_uuid != NULL && g_uuid_string_is_valid (their_uuid) &&
      !uuid_is_taken (db, their_uuid, &taken, error))
    return FALSE;
  uuid = taken ? ks_database_new_uuid () : g_strdup (their_uuid);

  copy = new_region (uuid, OR_EMPTY (ks_region_get_code (region)), OR_EMPTY (ks_region_get_name (region)),
                     OR_EMPTY (ks_region_get_kind (region)), ks_region_get_province_code (region),
                     ks_region_get_group (region), error);

  return copy != NULL &&
         ks_store_begin (db, &owned, error) &&
         ks_store_end (db, owned, add_region (db, copy, source, error), error);
}

/**
 * ks_region_store_list_local_parties:
 * @region_code: a region's Kemendagri code
 *
 * The local parties the register knows in a region, for the editor to
 * suggest: the same agency is then written the same way every time.
 *
 * Returns: (transfer full) (nullable): the names, not deleted, ignoring
 *   case in alphabetical order; empty for an unknown region
 */
GStrv
ks_region_store_list_local_parties (KsDatabase  *db,
                                    const char  *region_code,
                                    GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (region_code != NULL, NULL);

  stmt = ks_database_prepare (db,
                              "SELECT lp.name FROM local_parties lp "
                              "JOIN regions r ON r.id = lp.region_id "
                              "WHERE r.code = ?1 AND lp.deleted_at IS NULL "
                              "ORDER BY lp.name COLLATE NOCASE, lp.name",
                              error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, region_code, -1, SQLITE_TRANSIENT);
  for (;;)
    {
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      g_strv_builder_add (names, ks_store_column_text (stmt, 0));
    }

  return g_strv_builder_end (names);
}

/**
 * ks_region_store_list_agencies:
 *
 * The local parties of every region, each name once however it is
 * written, for choosing an agency to export.
 *
 * Returns: (transfer full) (nullable): the names, not deleted, ignoring
 *   case in alphabetical order
 */
GStrv
ks_region_store_list_agencies (KsDatabase  *db,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(KsStatement) stmt = NULL;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);

  stmt = ks_database_prepare (db,
                              "SELECT min (name) FROM local_parties WHERE deleted_at IS NULL "
                              "GROUP BY folded_name ORDER BY min (name) COLLATE NOCASE, min (name)",
                              error);
  if (stmt == NULL)
    return NULL;

  for (;;)
    {
      gboolean has_row;

      if (!ks_store_step_row (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;

      g_strv_builder_add (names, ks_store_column_text (stmt, 0));
    }

  return g_strv_builder_end (names);
}
