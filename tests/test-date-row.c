/* test-date-row.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ks-date-row.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  GtkWindow *window;
  KsDateRow *row;
  guint      value_notifies;
  guint      valid_notifies;
} Fixture;

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *list = gtk_list_box_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->row = KS_DATE_ROW (ks_date_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fixture->row), "Signed");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (fixture->row));
  gtk_window_set_child (fixture->window, list);
  g_signal_connect (fixture->row, "notify::value", G_CALLBACK (count_cb), &fixture->value_notifies);
  g_signal_connect (fixture->row, "notify::valid", G_CALLBACK (count_cb), &fixture->valid_notifies);
  gtk_window_present (fixture->window);
  ks_test_iterate (20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ks_test_iterate (10);
}

static void
type (Fixture    *fixture,
      const char *text)
{
  gtk_editable_set_text (ks_date_row_get_entry (fixture->row), text);
}

static const char *
subtitle (Fixture *fixture)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (fixture->row));
}

static void
test_date_row_reads_day_month_year (Fixture       *fixture,
                                    gconstpointer  data)
{
  type (fixture, "25/9/2015");

  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2015-09-25");
  g_assert_true (ks_date_row_get_valid (fixture->row));
  g_assert_cmpstr (subtitle (fixture), ==, "Understood as 25 September 2015");
  g_assert_cmpuint (fixture->value_notifies, ==, 1);
}

static void
test_date_row_reads_month_and_year (Fixture       *fixture,
                                    gconstpointer  data)
{
  type (fixture, "Sept 2015");
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2015-09");
  g_assert_cmpstr (subtitle (fixture), ==, "Understood as September 2015");

  type (fixture, "2015");
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2015");
  g_assert_cmpstr (subtitle (fixture), ==, "Understood as 2015");
}

/* A slip of the keyboard keeps the last date and says what is wrong. */
static void
test_date_row_flags_impossible_date (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (ks_date_row_get_entry (fixture->row));

  int position = 4;

  type (fixture, "2016");
  gtk_editable_insert_text (GTK_EDITABLE (entry), "?", -1, &position);
  g_assert_false (ks_date_row_get_valid (fixture->row));
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2016");

  type (fixture, "31/2/2015");
  g_assert_false (ks_date_row_get_valid (fixture->row));
  g_assert_nonnull (ks_date_row_get_error (fixture->row));
  g_assert_cmpstr (subtitle (fixture), ==, ks_date_row_get_error (fixture->row));
  g_assert_true (strstr (subtitle (fixture), "February 2015") != NULL);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  type (fixture, "28/2/2015");
  g_assert_true (ks_date_row_get_valid (fixture->row));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2015-02-28");
  /* Invalid, valid, invalid, valid: each turn is notified once. */
  g_assert_cmpuint (fixture->valid_notifies, ==, 4);
}

static void
test_date_row_refuses_words (Fixture       *fixture,
                             gconstpointer  data)
{
  type (fixture, "next spring");

  g_assert_false (ks_date_row_get_valid (fixture->row));
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "");
}

static void
test_date_row_clears (Fixture       *fixture,
                      gconstpointer  data)
{
  type (fixture, "2015");
  type (fixture, "  ");

  g_assert_true (ks_date_row_get_valid (fixture->row));
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "");
  g_assert_cmpstr (subtitle (fixture), ==, "");
}

/* What set_value shows must read back to the same value. */
static void
test_date_row_shows_value_as_written (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkEditable *entry = ks_date_row_get_entry (fixture->row);

  ks_date_row_set_value (fixture->row, "2017-04");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "April 2017");
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2017-04");

  g_assert_cmpuint (fixture->value_notifies, ==, 1);
  gtk_widget_activate (GTK_WIDGET (entry));
  type (fixture, "April 2017");
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2017-04");

  g_object_set (fixture->row, "value", NULL, NULL);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "");
}

/* A damaged value read from a register is shown and flagged, not lost. */
static void
test_date_row_flags_damaged_value (Fixture       *fixture,
                                   gconstpointer  data)
{
  ks_date_row_set_value (fixture->row, "2015-02-30");

  g_assert_cmpstr (gtk_editable_get_text (ks_date_row_get_entry (fixture->row)), ==, "2015-02-30");
  g_assert_false (ks_date_row_get_valid (fixture->row));
  g_assert_cmpstr (ks_date_row_get_value (fixture->row), ==, "2015-02-30");
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

  ADD ("/date-row/day-month-year", test_date_row_reads_day_month_year);
  ADD ("/date-row/month-and-year", test_date_row_reads_month_and_year);
  ADD ("/date-row/impossible-date", test_date_row_flags_impossible_date);
  ADD ("/date-row/refuses-words", test_date_row_refuses_words);
  ADD ("/date-row/clears", test_date_row_clears);
  ADD ("/date-row/shows-value-as-written", test_date_row_shows_value_as_written);
  ADD ("/date-row/damaged-value", test_date_row_flags_damaged_value);

#undef ADD

  return g_test_run ();
}
