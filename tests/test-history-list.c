/* test-history-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-database.h"
#include "ks-event-store.h"
#include "ks-history-list.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

#define AGREEMENT_UUID "0b8c4f3e-6a1d-4d2e-9f7a-5c3b2a1d0e01"

typedef struct
{
  char          *tmpdir;
  KsDatabase    *db;
  GtkWindow     *window;
  KsHistoryList *history;
} Fixture;

static void
save_agreement (Fixture    *fixture,
                const char *title,
                const char *stage,
                const char *ends_on)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement,
                "uuid", AGREEMENT_UUID,
                "region-code", "33.09",
                "title", title,
                "stage", stage,
                "ends-on", ends_on,
                NULL);
  g_assert_true (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->tmpdir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->tmpdir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_database_set_staff_name (fixture->db, "Siti Rahma");

  save_agreement (fixture, "Kerja sama peternakan sapi perah", "exploration", "2023-09-09");
  ks_database_set_staff_name (fixture->db, "Budi Santoso");
  save_agreement (fixture, "Kerja sama teknis peternakan sapi perah", "active", "2028-09-09");

  fixture->history = KS_HISTORY_LIST (ks_history_list_new (fixture->db, AGREEMENT_UUID));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->history));
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

static GtkWidget *
row_at (Fixture *fixture,
        int      index)
{
  GtkListBox *box = GTK_LIST_BOX (ks_test_find_by_id (GTK_WIDGET (fixture->history), "list_box"));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (box, index));
}

static GtkWidget *
find_label_starting (GtkWidget  *root,
                     const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label_starting (child, prefix)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_history_says_who_changed_what (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWidget *changed = row_at (fixture, 0);
  GtkWidget *created = row_at (fixture, 1);
  GtkWidget *when;

  /* Newest first: Budi's change, then Siti's new record. */
  g_assert_nonnull (ks_test_find_label (changed, C_("history action", "Changed")));
  g_assert_nonnull (ks_test_find_label (changed, "Title: Kerja sama peternakan sapi perah → "
                                                 "Kerja sama teknis peternakan sapi perah"));
  g_assert_nonnull (ks_test_find_label (changed, "Stage: Exploration → Active"));
  g_assert_nonnull (ks_test_find_label (changed, "End date: 9 September 2023 → 9 September 2028"));
  when = find_label_starting (changed, "");
  g_assert_nonnull (when);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (when))),
                            " · Budi Santoso"));

  g_assert_nonnull (ks_test_find_label (created, C_("history action", "Created")));
  g_assert_nonnull (ks_test_find_label (created, "Title: Kerja sama peternakan sapi perah"));
  g_assert_nonnull (ks_test_find_label (created, "End date: 9 September 2023"));
  g_assert_nonnull (ks_test_find_label (created, "Region: Kabupaten Boyolali"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (
                                                  find_label_starting (created, "")))),
                            " · Siti Rahma"));
  g_assert_null (row_at (fixture, 2));
}

static void
test_history_shows_date_and_time (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%-d");

  /* "28 November 2026, 10:15 · Budi Santoso" */
  g_assert_nonnull (find_label_starting (row_at (fixture, 0), day));
}

static void
test_history_refreshes_with_events (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KsEvent) event = ks_event_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (event,
                "agreement-uuid", AGREEMENT_UUID,
                "occurred-on", "2024-02",
                "kind", "visit",
                "description", "Kunjungan ke Cepogo.",
                "cost-amount", (gint64) 250000000,
                NULL);
  g_assert_true (ks_event_store_save (fixture->db, event, NULL, &error));
  ks_test_iterate (20);

  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->history), "Event: Created"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->history), "Date: February 2024"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->history), "Kind: Visit"));
  g_assert_nonnull (ks_test_find_label (GTK_WIDGET (fixture->history), "Cost: 2,500,000"));
}

static void
test_history_empty_state (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *other = ks_history_list_new (fixture->db, "00000000-0000-4000-8000-000000000000");

  gtk_window_set_child (fixture->window, other);
  ks_test_iterate (20);
  g_assert_nonnull (ks_test_find_label (other, _("No History Yet")));
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

  ADD ("/history-list/who-changed-what", test_history_says_who_changed_what);
  ADD ("/history-list/date-and-time", test_history_shows_date_and_time);
  ADD ("/history-list/refreshes-with-events", test_history_refreshes_with_events);
  ADD ("/history-list/empty-state", test_history_empty_state);

#undef ADD

  return g_test_run ();
}
