/* test-load.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Many saves in a row and many readers at once, through the model: no
 * error, no lost write, and no reader ever sees a half-done save. */

#include "config.h"

#include <gio/gio.h>

#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-agreement.h"
#include "ks-database.h"
#include "ks-test-common.h"

#define N_READERS 100

typedef struct
{
  char      *path;
  gint      *done;
  gint      *n_committed;
  guint      n_reads;
  char      *failure;
} Reader;

static gboolean
save_one (KsDatabase *db,
          guint       n)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autofree char *title = g_strdup_printf ("Load %05u", n);
  g_autoptr(GError) error = NULL;

  g_object_set (agreement, "region-code", "33.14", "title", title, NULL);
  if (!ks_agreement_store_save (db, agreement, NULL, &error))
    g_error ("Save %u failed: %s", n, error->message);

  return TRUE;
}

/* Each reader has its own connection, as another window or a script
 * would; what it sees may lag the writer but never goes back. */
static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (reader->path, KS_DATABASE_READ_ONLY, &error);
  g_autoptr(KsAgreementList) list = NULL;
  guint last = 0;

  if (db == NULL)
    {
      reader->failure = g_strdup (error->message);
      return NULL;
    }

  list = ks_agreement_list_new (db);
  do
    {
      guint before = (guint) g_atomic_int_get (reader->n_committed);
      guint seen;

      if (!ks_agreement_list_reload (list, &error))
        {
          reader->failure = g_strdup (error->message);
          return NULL;
        }
      seen = g_list_model_get_n_items (G_LIST_MODEL (list));
      if (seen < last || seen < before || seen > (guint) g_atomic_int_get (reader->n_committed) + 1)
        {
          reader->failure = g_strdup_printf ("read %u after %u (%u committed)", seen, last, before);
          return NULL;
        }
      last = seen;
      reader->n_reads++;
      g_usleep (g_random_int_range (20000, 60000));
    }
  while (!g_atomic_int_get (reader->done));

  return NULL;
}

static guint
count_saves (void)
{
  const char *env = g_getenv ("KS_LOAD_SAVES");

  if (env != NULL)
    return (guint) g_ascii_strtoull (env, NULL, 10);
  return g_test_slow () ? 10000 : 1000;
}

static void
test_load_sequential_saves (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  guint n_saves = count_saves ();
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  for (guint i = 0; i < n_saves; i++)
    save_one (db, i);
  g_test_message ("%u saves in %.1f s", n_saves, (g_get_monotonic_time () - start) / 1e6);

  g_clear_object (&db);
  db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(DISTINCT title) FROM agreements"), ==, n_saves);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM audit_log WHERE action = 'insert' "
                                          "AND record_table = 'agreements'"), ==, n_saves);
  ks_test_remove_tree (dir);
}

static void
test_load_concurrent_readers (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDatabase) db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_autofree char *check = NULL;
  Reader readers[N_READERS];
  GThread *threads[N_READERS];
  gint done = 0, n_committed = 0;
  guint n_saves = g_test_slow () ? 1000 : 50, n_reads = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < N_READERS; i++)
    {
      readers[i] = (Reader) { path, &done, &n_committed, 0, NULL };
      threads[i] = g_thread_new ("reader", reader_thread, &readers[i]);
    }

  for (guint i = 0; i < n_saves; i++)
    {
      save_one (db, i);
      g_atomic_int_inc (&n_committed);
    }
  g_atomic_int_set (&done, 1);

  for (guint i = 0; i < N_READERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpstr (readers[i].failure, ==, NULL);
      g_assert_cmpuint (readers[i].n_reads, >, 0);
      n_reads += readers[i].n_reads;
    }
  g_test_message ("%u saves while %u readers read %u times", n_saves, N_READERS, n_reads);
  g_assert_cmpint (ks_test_query_int (db, "SELECT count(*) FROM agreements"), ==, n_saves);
  check = ks_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  ks_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/load/sequential-saves", test_load_sequential_saves);
  g_test_add_func ("/load/concurrent-readers", test_load_concurrent_readers);

  return g_test_run ();
}
