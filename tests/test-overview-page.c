/* test-overview-page.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ks-agreement-list.h"
#include "ks-application.h"
#include "ks-chart.h"
#include "ks-database.h"
#include "ks-demo.h"
#include "ks-keys.h"
#include "ks-overview-page.h"
#include "ks-test-common.h"
#include "ks-test-ui.h"

typedef struct
{
  char              *tmpdir;
  KsDatabase        *db;
  KsAgreementList   *list;
  GtkWindow         *window;
  KsOverviewPage    *page;
  KsAgreementFilter *shown;      /* from the last show-agreements */
} Fixture;

/* One application per process: it loads the style sheet and resources. */
static KsApplication *test_app;

static void
show_agreements_cb (KsOverviewPage    *page,
                    KsAgreementFilter *filter,
                    Fixture           *fixture)
{
  g_set_object (&fixture->shown, filter);
}

/* The study data as of 1 December 2017, the page in a window. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_added;
  GDate today;

  if (test_app == NULL)
    {
      test_app = ks_application_new ();
      g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (test_app), NULL, &error);
      g_assert_no_error (error);
    }

  fixture->tmpdir = ks_test_make_tmpdir ();
  path = g_build_filename (fixture->tmpdir, "register.db", NULL);
  fixture->db = ks_database_open (path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (ks_demo_load (fixture->db, &n_added, &error));
  ks_test_exec (fixture->db, "UPDATE events SET cost_amount = 1250000000 WHERE occurred_on = '2017-10-30'");
  ks_test_exec (fixture->db, "UPDATE events SET cost_amount = 300000, cost_currency = 'EUR' "
                             "WHERE occurred_on = '2015-09-25'");

  fixture->list = ks_agreement_list_new (fixture->db);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 12, 2017);
  ks_agreement_filter_set_today (ks_agreement_list_get_filter (fixture->list), &today);

  fixture->page = KS_OVERVIEW_PAGE (ks_overview_page_new ());
  ks_overview_page_set_list (fixture->page, fixture->list);
  g_signal_connect (fixture->page, "show-agreements", G_CALLBACK (show_agreements_cb), fixture);

  fixture->window = GTK_WINDOW (gtk_application_window_new (GTK_APPLICATION (test_app)));
  gtk_window_set_default_size (fixture->window, 1100, 1250);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  ks_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ks_test_iterate (20);
  g_clear_object (&fixture->shown);
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static const char *
label_text (Fixture    *fixture,
            const char *id)
{
  GtkWidget *label = ks_test_find_by_id (GTK_WIDGET (fixture->page), id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
  const char *expected;
} LabelWait;

static gboolean
label_shows (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (label_text (wait->fixture, wait->id), wait->expected) == 0;
}

/* The page refreshes from an idle callback; a busy machine may take a
 * while to run it. */
static void
assert_label_becomes (Fixture    *fixture,
                      const char *id,
                      const char *expected)
{
  LabelWait wait = { fixture, id, expected };

  ks_test_wait_for (label_shows, &wait, 5000);
  g_assert_cmpstr (label_text (fixture, id), ==, expected);
}

static KsChart *
chart (Fixture    *fixture,
       const char *id)
{
  GtkWidget *widget = ks_test_find_by_id (GTK_WIDGET (fixture->page), id);

  g_assert_true (KS_IS_CHART (widget));
  return KS_CHART (widget);
}

/* What the table shows once the window applies the emitted filter. */
static guint
apply_shown (Fixture *fixture)
{
  g_assert_nonnull (fixture->shown);
  ks_agreement_list_set_filter (fixture->list, fixture->shown);

  return g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
}

/* Renders the window to a PNG when KS_TEST_SCREENSHOT_DIR is set. */
static void
maybe_screenshot (Fixture    *fixture,
                  const char *name)
{
  const char *dir = g_getenv ("KS_TEST_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width, height;

  if (dir == NULL)
    return;

  ks_test_iterate (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *n_countries = g_strdup_printf ("%d", ks_test_query_int (fixture->db,
    "SELECT count (DISTINCT country) FROM partners WHERE id IN (SELECT partner_id FROM agreement_partners)"));

  g_assert_cmpstr (label_text (fixture, "agreements_value"), ==, "15");
  g_assert_cmpstr (label_text (fixture, "running_value"), ==, "5");
  g_assert_cmpstr (label_text (fixture, "follow_up_value"), ==, "6");
  g_assert_cmpstr (label_text (fixture, "expiring_value"), ==, "0");
  g_assert_cmpstr (label_text (fixture, "not_reported_value"), ==, "8");
  g_assert_cmpstr (label_text (fixture, "countries_value"), ==, n_countries);

  maybe_screenshot (fixture, "overview.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  maybe_screenshot (fixture, "overview-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_chart_values (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *poor_fit = g_strdup_printf ("%s: 2", ks_key_get_label (KS_KEY_SET_OBSTACLE, "poor_fit"));
  g_autofree char *surakarta = g_strdup_printf ("Kota Surakarta: 4 (%s: 1, %s: 1, %s: 1, %s: 1)",
                                                ks_key_get_label (KS_KEY_SET_STAGE, "exploration"),
                                                ks_key_get_label (KS_KEY_SET_STAGE, "loi_signed"),
                                                ks_key_get_label (KS_KEY_SET_STAGE, "active"),
                                                ks_key_get_label (KS_KEY_SET_STAGE, "terminated"));
  const char *regions = ks_chart_get_summary (chart (fixture, "region_chart"));
  const char *spending = ks_chart_get_summary (chart (fixture, "spending_chart"));

  /* The numbers are there for screen readers as text. */
  g_assert_nonnull (strstr (regions, surakarta));
  g_assert_nonnull (strstr (ks_chart_get_summary (chart (fixture, "obstacle_chart")), poor_fit));
  g_assert_nonnull (strstr (ks_chart_get_summary (chart (fixture, "year_chart")), "2012: 4"));
  /* Rupiah in millions; the euros are listed beside the chart. */
  g_assert_nonnull (strstr (spending, "2017: 12.5"));
  g_assert_nonnull (strstr (label_text (fixture, "spending_note"), "EUR 3000.00"));
  g_assert_true (gtk_widget_get_visible (ks_test_find_by_id (GTK_WIDGET (fixture->page), "spending_note")));
}

static void
test_follows_filter (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *regions[] = { "33.11", "33.72", NULL };
  KsAgreementFilter *filter = ks_agreement_list_get_filter (fixture->list);

  ks_agreement_filter_set_regions (filter, regions);
  assert_label_becomes (fixture, "agreements_value", "4");
  assert_label_becomes (fixture, "follow_up_value", "1");
  g_assert_true (g_str_has_prefix (ks_chart_get_summary (chart (fixture, "region_chart")),
                                   "Kabupaten Sukoharjo: 0"));

  ks_agreement_filter_set_follow_up_months (filter, 30);
  assert_label_becomes (fixture, "follow_up_value", "0");
}

static void
test_refreshes_when_shown (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *regions[] = { "33.72", NULL };

  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);
  ks_agreement_filter_set_regions (ks_agreement_list_get_filter (fixture->list), regions);
  ks_test_iterate (50);
  g_assert_cmpstr (label_text (fixture, "agreements_value"), ==, "15");

  gtk_widget_set_visible (GTK_WIDGET (fixture->page), TRUE);
  assert_label_becomes (fixture, "agreements_value", "4");
}

static void
test_keyboard_activates_bar (Fixture       *fixture,
                             gconstpointer  data)
{
  KsChart *regions = chart (fixture, "region_chart");
  const char * const *shown_regions;

  gtk_widget_grab_focus (GTK_WIDGET (regions));
  gtk_widget_activate_action (GTK_WIDGET (regions), "chart.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (regions), "chart.next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (regions), "chart.activate", NULL);
  g_assert_cmpint (ks_chart_get_selected (regions), ==, 1);
  gtk_window_set_focus_visible (fixture->window, TRUE);
  maybe_screenshot (fixture, "overview-focus.png");

  /* The second region in code order is Wonogiri (33.12), one agreement. */
  shown_regions = ks_agreement_filter_get_regions (fixture->shown);
  g_assert_cmpstr (shown_regions[0], ==, "33.12");
  g_assert_null (shown_regions[1]);
  g_assert_null (ks_agreement_filter_get_stages (fixture->shown));
  g_assert_cmpuint (apply_shown (fixture), ==, 1);
}

static void
test_segment_shows_stage (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KsAgreementSummary) item = NULL;

  /* What a click on Surakarta's "LoI signed" segment emits. */
  g_signal_emit_by_name (chart (fixture, "region_chart"), "activated", "33.72", "loi_signed");
  g_assert_cmpuint (apply_shown (fixture), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  g_assert_cmpstr (ks_agreement_summary_get_title (item), ==, "Sister city Surakarta – Xi'an");

  /* The table now holds Surakarta's agreements, and the page follows
   * its regions: China stands for Xi'an and Guilin. */
  g_signal_emit_by_name (chart (fixture, "country_chart"), "activated", "CN", NULL);
  g_assert_cmpuint (apply_shown (fixture), ==, 2);

  g_signal_emit_by_name (chart (fixture, "year_chart"), "activated", "2017", NULL);
  g_assert_cmpuint (ks_agreement_filter_get_year_from (fixture->shown), ==, 2017);
  g_assert_cmpuint (ks_agreement_filter_get_year_to (fixture->shown), ==, 2017);
}

static void
test_figure_shows_view (Fixture       *fixture,
                        gconstpointer  data)
{
  g_signal_emit_by_name (ks_test_find_by_id (GTK_WIDGET (fixture->page), "follow_up_button"), "clicked");
  g_assert_cmpint (ks_agreement_filter_get_smart_view (fixture->shown), ==, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
  g_assert_cmpuint (apply_shown (fixture), ==, 6);

  g_signal_emit_by_name (ks_test_find_by_id (GTK_WIDGET (fixture->page), "running_button"), "clicked");
  g_assert_cmpuint (apply_shown (fixture), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/overview-page/figures", test_figures);
  ADD ("/overview-page/chart-values", test_chart_values);
  ADD ("/overview-page/follows-filter", test_follows_filter);
  ADD ("/overview-page/refreshes-when-shown", test_refreshes_when_shown);
  ADD ("/overview-page/keyboard-activates-bar", test_keyboard_activates_bar);
  ADD ("/overview-page/segment-shows-stage", test_segment_shows_stage);
  ADD ("/overview-page/figure-shows-view", test_figure_shows_view);

  return g_test_run ();
}
