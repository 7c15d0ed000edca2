/* test-attachment-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ks-attachment-list.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

#define BOYOLALI_UUID "6cd17f1f-32dd-4386-9688-1accf8c09e6f"

/* A scan's first bytes: NULs and high bytes must survive the trip. */
static const guint8 binary_data[] = { 0x25, 0x50, 0x44, 0x46, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x0a, 0x80, 0x00 };

typedef struct
{
  char             *tmpdir;
  KsDatabase       *db;
  GtkWindow        *window;
  KsAttachmentList *list;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added;

  fixture->tmpdir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->tmpdir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_database_set_staff_name (fixture->db, "Siti Rahma");
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));

  fixture->list = KS_ATTACHMENT_LIST (ks_attachment_list_new (fixture->db, BOYOLALI_UUID));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->list));
  gtk_window_present (fixture->window);
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ks_test_iterate (20);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const void *contents,
            gsize       length)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);

  ks_test_write_file (path, contents, length);
  return g_file_new_for_path (path);
}

static int
count_attachments (Fixture *fixture)
{
  return ks_test_query_int (fixture->db, "SELECT count(*) FROM attachments WHERE deleted_at IS NULL");
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
  int         count;
} Wait;

static gboolean
count_reached (gpointer data)
{
  Wait *wait = data;

  return count_attachments (wait->fixture) == wait->count &&
         (wait->text == NULL || ks_test_find_label (GTK_WIDGET (wait->fixture->list), wait->text) != NULL);
}

static void
add_and_wait (Fixture    *fixture,
              GFile      *file,
              const char *name)
{
  Wait wait = { fixture, name, count_attachments (fixture) + 1 };

  ks_attachment_list_add_file (fixture->list, file);
  g_assert_true (ks_test_wait_for (count_reached, &wait, 5000));
}

/* A label whose text contains @part, for messages that quote sizes. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *part)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          strstr (gtk_label_get_text (GTK_LABEL (child)), part) != NULL)
        return child;
      if ((found = find_label_containing (child, part)) != NULL)
        return found;
    }

  return NULL;
}

static AdwActionRow *
row_at (Fixture *fixture,
        int      index)
{
  GtkListBox *box = GTK_LIST_BOX (ks_test_find_by_id (GTK_WIDGET (fixture->list), "list_box"));

  return ADW_ACTION_ROW (gtk_list_box_get_row_at_index (box, index));
}

static char *
first_uuid (Fixture *fixture)
{
  return ks_test_query_text (fixture->db, "SELECT uuid FROM attachments ORDER BY id DESC LIMIT 1");
}

static void
test_attachments_empty_state (Fixture       *fixture,
                              gconstpointer  data)
{
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->list), _("No Attachments")));
}

static void
test_attachments_add_and_save_copy (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "scan.bin", binary_data, sizeof binary_data);
  g_autofree char *copy_path = g_build_filename (fixture->tmpdir, "copy.bin", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GBytes) copied = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *who = NULL;

  add_and_wait (fixture, file, "scan.bin");
  uuid = first_uuid (fixture);
  /* Added through another connection, still in the staff member's name. */
  who = ks_test_query_text (fixture->db, "SELECT who FROM audit_log WHERE record_table = 'attachments'");
  g_assert_cmpstr (who, ==, "Siti Rahma");

  g_assert_true (ks_attachment_list_save_copy (fixture->list, uuid, copy));
  copied = ks_test_read_file (copy_path);
  g_assert_cmpmem (g_bytes_get_data (copied, NULL), g_bytes_get_size (copied),
                   binary_data, sizeof binary_data);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->list), "Saved “copy.bin”"));
}

static void
test_attachments_show_size_and_type (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *text = "Notulen rapat koordinasi kerja sama.\n";
  g_autoptr(GFile) older = write_file (fixture, "scan.bin", binary_data, sizeof binary_data);
  g_autoptr(GFile) newer = write_file (fixture, "notulen.txt", text, strlen (text));
  g_autofree char *size = g_format_size (strlen (text));
  g_autofree char *type = g_content_type_get_description ("text/plain");
  g_autofree char *expected = g_strdup_printf ("%s · %s", size, type);

  add_and_wait (fixture, older, "scan.bin");
  add_and_wait (fixture, newer, "notulen.txt");

  /* Newest first. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 0))), ==, "notulen.txt");
  g_assert_cmpstr (adw_action_row_get_subtitle (row_at (fixture, 0)), ==, expected);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (fixture, 1))), ==, "scan.bin");
}

static void
test_attachments_remove_and_undo (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "scan.bin", binary_data, sizeof binary_data);
  g_autofree char *uuid = NULL;
  GtkWidget *label, *button;

  add_and_wait (fixture, file, "scan.bin");
  uuid = first_uuid (fixture);

  gtk_widget_activate_action (GTK_WIDGET (fixture->list), "attachments.remove", "s", uuid);
  ks_test_iterate (50);
  g_assert_cmpint (count_attachments (fixture), ==, 0);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->list), _("No Attachments")));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->list), "“scan.bin” removed"));

  label = ks_test_find_label (GTK_WIDGET (fixture->list), _("Undo"));
  g_assert_nonnull (label);
  button = gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
  g_signal_emit_by_name (button, "clicked");
  ks_test_iterate (50);

  g_assert_cmpint (count_attachments (fixture), ==, 1);
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->list), "scan.bin"));
}

static void
test_attachments_refuse_large_file (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "huge.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  /* A sparse file: the size is refused before anything is read. */
  stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_seekable_truncate (G_SEEKABLE (stream), 60 * 1000 * 1000, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));

  ks_attachment_list_add_file (fixture->list, file);
  for (guint i = 0; i < 100 && find_label_containing (GTK_WIDGET (fixture->list), "huge.pdf") == NULL; i++)
    ks_test_iterate (20);

  g_assert_nonnull (find_label_containing (GTK_WIDGET (fixture->list), "huge.pdf"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (fixture->list), "at most"));
  g_assert_cmpint (count_attachments (fixture), ==, 0);
}

static void
test_attachments_refuse_missing_file (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "gone.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ks_attachment_list_add_file (fixture->list, file);
  for (guint i = 0; i < 100 && find_label_containing (GTK_WIDGET (fixture->list), "gone.pdf") == NULL; i++)
    ks_test_iterate (20);

  g_assert_nonnull (find_label_containing (GTK_WIDGET (fixture->list), "cannot be read"));
  g_assert_cmpint (count_attachments (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/attachment-list/empty-state", test_attachments_empty_state);
  ADD ("/attachment-list/add-and-save-copy", test_attachments_add_and_save_copy);
  ADD ("/attachment-list/size-and-type", test_attachments_show_size_and_type);
  ADD ("/attachment-list/remove-and-undo", test_attachments_remove_and_undo);
  ADD ("/attachment-list/refuse-large-file", test_attachments_refuse_large_file);
  ADD ("/attachment-list/refuse-missing-file", test_attachments_refuse_missing_file);

#undef ADD

  return g_test_run ();
}
