/* ks-test-common.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "ks-test-common.h"

/* Tests read the catalogues built in the tree, never installed ones. */
void
ks_test_init_i18n (void)
{
  const char *localedir = g_getenv ("KS_TEST_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

char *
ks_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kerjasama-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
ks_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      ks_test_remove_tree (child);
    }
  g_rmdir (path);
}

static void
dump_table (sqlite3    *db,
            const char *table,
            GString    *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "== %s\n", table);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s|", text != NULL ? (const char *) text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/**
 * ks_test_dump_database:
 *
 * A text image of every table and the schema, to compare a register before
 * and after an operation that must not have changed it.
 */
char *
ks_test_dump_database (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_string_append_printf (out, "%s\n", sql != NULL ? sql : "");
      if (sql != NULL && g_str_has_prefix (sql, "CREATE TABLE"))
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    dump_table (db, g_ptr_array_index (tables, i), out);

  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

GBytes *
ks_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

void
ks_test_write_file (const char *path,
                    const void *data,
                    gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

void
ks_test_copy_file (const char *from,
                   const char *to)
{
  g_autoptr(GBytes) bytes = ks_test_read_file (from);

  ks_test_write_file (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Overwrites the root page of an index with noise: SQLite's check finds
 * it, while reading the tables (as opening and listing do) does not. */
void
ks_test_damage_index (const char *path,
                      const char *index_name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *data = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int page = 0, page_size = 0;
  gsize size;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                       "FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, index_name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  bytes = ks_test_read_file (path);
  size = g_bytes_get_size (bytes);
  data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_assert_cmpuint ((gsize) page * page_size, <=, size);
  for (int i = 0; i < page_size; i++)
    data[(gsize) (page - 1) * page_size + i] = (guint8) (i * 37 + 11);
  ks_test_write_file (path, data, size);
}

char *
ks_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

void
ks_test_exec (KsDatabase *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  ks_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* The first column of the first row, which must exist. */
char *
ks_test_query_text (KsDatabase *db,
                    const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

int
ks_test_query_int (KsDatabase *db,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* Where ks_test_switch_to_indonesian() generated id_ID.UTF-8. */
static char *locale_dir;

/**
 * ks_test_switch_to_indonesian:
 *
 * Runs the calling test case again in a subprocess, in id_ID.UTF-8
 * (generated with localedef when the system lacks it, or the catalogue
 * alone with LANGUAGE=id when it cannot be).  Returns %TRUE in the
 * subprocess, which goes on with the test; %FALSE in the parent, which
 * has checked that the subprocess passed.
 */
gboolean
ks_test_switch_to_indonesian (void)
{
  g_autofree char *target = NULL;
  const char *argv[] = { "localedef", "-i", "id_ID", "-f", "UTF-8", NULL, NULL };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }

  locale_dir = ks_test_make_tmpdir ();
  target = g_build_filename (locale_dir, "id_ID.UTF-8", NULL);
  argv[5] = target;
  if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL))
    g_setenv ("LOCPATH", locale_dir, TRUE);
  g_setenv ("LC_ALL", "id_ID.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  ks_test_init_i18n ();
  if (setlocale (LC_ALL, NULL) == NULL || !g_str_has_prefix (setlocale (LC_ALL, NULL), "id_ID"))
    {
      /* No locale data: the catalogue still speaks Indonesian. */
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "id", TRUE);
      ks_test_init_i18n ();
    }
  return TRUE;
}

/* Removes the locale ks_test_switch_to_indonesian() generated. */
void
ks_test_remove_indonesian (void)
{
  if (locale_dir != NULL)
    ks_test_remove_tree (locale_dir);
  g_clear_pointer (&locale_dir, g_free);
}

/* The text of a PDF, its columns kept in place (pdftotext -layout). */
char *
ks_test_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}
