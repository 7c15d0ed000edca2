/* ks-overview-page.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-overview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ks-chart.h"
#include "ks-overview-page.h"
#include "ks-overview.h"

struct _KsOverviewPage
{
  GtkWidget        parent_instance;

  KsAgreementList *list;
  KsAgreementFilter *filter;     /* the list's, watched */
  guint            refresh_id;
  gboolean         stale;        /* changed while not shown */

  GtkWidget       *scroller;
  GtkLabel        *agreements_value;
  GtkLabel        *running_value;
  GtkLabel        *follow_up_value;
  GtkLabel        *expiring_value;
  GtkLabel        *not_reported_value;
  GtkLabel        *countries_value;
  GtkWidget       *agreements_button;
  GtkWidget       *running_button;
  GtkWidget       *follow_up_button;
  GtkWidget       *expiring_button;
  GtkWidget       *not_reported_button;
  KsChart         *region_chart;
  KsChart         *year_chart;
  KsChart         *spending_chart;
  KsChart         *country_chart;
  KsChart         *obstacle_chart;
  GtkLabel        *spending_note;
};

enum {
  PROP_0,
  PROP_LIST,
  N_PROPS
};

enum {
  SHOW_AGREEMENTS,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KsOverviewPage, ks_overview_page, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The filter properties the figures depend on. */
static const char * const watched_properties[] = {
  "regions", "year-from", "year-to", "follow-up-months", "expiry-months", "today", NULL
};

/* ------------------------------------------------------------------ */
/* Showing the figures */

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_label (label, text);
}

/* The chart shows rupiah in millions; other currencies are listed under
 * it, since adding them up would need exchange rates the register does
 * not have. */
static void
show_spending (KsOverviewPage         *self,
               const KsOverviewSeries *spending)
{
  g_autoptr(KsOverviewSeries) idr = ks_overview_series_copy (spending);
  g_autoptr(GString) others = g_string_new (NULL);
  int idr_index = -1;

  for (guint s = 0; s < spending->n_series; s++)
    {
      double total = 0;

      if (g_str_equal (spending->series_keys[s], "IDR"))
        {
          idr_index = s;
          continue;
        }
      for (guint c = 0; c < spending->n_categories; c++)
        total += ks_overview_series_get (spending, c, s);
      g_string_append_printf (others, "%s%s %'.2f", others->len > 0 ? ", " : "",
                              spending->series_keys[s], total);
    }

  idr->n_series = idr_index >= 0 ? 1 : 0;
  for (guint c = 0; c < spending->n_categories; c++)
    idr->values[c] = idr_index >= 0 ? ks_overview_series_get (spending, c, idr_index) / 1e6 : 0;
  if (idr_index >= 0)
    idr->series_colors[0] = spending->series_colors[idr_index];
  ks_chart_set_data (self->spending_chart, idr);

  if (others->len > 0)
    {
      g_autofree char *note = g_strdup_printf (_("Also spent in other currencies, not in the chart: %s"),
                                               others->str);

      gtk_label_set_label (self->spending_note, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spending_note), others->len > 0);
}

static void
refresh (KsOverviewPage *self)
{
  g_autoptr(KsOverview) overview = NULL;
  g_autoptr(GError) error = NULL;

  self->stale = FALSE;
  if (self->list == NULL)
    return;

  overview = ks_overview_compute (self->list, &error);
  if (overview == NULL)
    {
      g_warning ("The overview could not be computed: %s", error->message);
      return;
    }

  set_count (self->agreements_value, overview->n_agreements);
  set_count (self->running_value, overview->n_running);
  set_count (self->follow_up_value, overview->n_needs_follow_up);
  set_count (self->expiring_value, overview->n_expiring);
  set_count (self->not_reported_value, overview->n_not_reported);
  set_count (self->countries_value, overview->n_countries);

  ks_chart_set_data (self->region_chart, overview->by_region);
  ks_chart_set_data (self->year_chart, overview->by_year);
  ks_chart_set_data (self->country_chart, overview->by_country);
  ks_chart_set_data (self->obstacle_chart, overview->obstacles);
  show_spending (self, overview->spending);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  KsOverviewPage *self = data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Several notifications arrive together (regions and years, a reload);
 * one refresh covers them all.  A hidden page (the table is shown) only
 * remembers to refresh when it is shown: saving an agreement in a large
 * register should not wait for charts nobody sees. */
static void
queue_refresh (KsOverviewPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* ------------------------------------------------------------------ */
/* Filters to show */

/* A filter for the page's regions and years, with the list's
 * thresholds, for the caller to narrow. */
static KsAgreementFilter *
new_filter (KsOverviewPage *self)
{
  KsAgreementFilter *filter = ks_agreement_filter_new ();
  GDate today;

  if (self->filter == NULL)
    return filter;

  ks_agreement_filter_get_today (self->filter, &today);
  ks_agreement_filter_set_regions (filter, ks_agreement_filter_get_regions (self->filter));
  ks_agreement_filter_set_year_range (filter, ks_agreement_filter_get_year_from (self->filter),
                                      ks_agreement_filter_get_year_to (self->filter));
  ks_agreement_filter_set_follow_up_months (filter, ks_agreement_filter_get_follow_up_months (self->filter));
  ks_agreement_filter_set_expiry_months (filter, ks_agreement_filter_get_expiry_months (self->filter));
  ks_agreement_filter_set_today (filter, &today);

  return filter;
}

static void
show (KsOverviewPage    *self,
      KsAgreementFilter *filter)
{
  g_signal_emit (self, signals[SHOW_AGREEMENTS], 0, filter);
}

static void
figure_clicked_cb (KsOverviewPage *self,
                   GtkButton      *button)
{
  g_autoptr(KsAgreementFilter) filter = new_filter (self);
  GtkWidget *widget = GTK_WIDGET (button);

  if (widget == self->running_button)
    {
      const char *running[] = { "signed", "active", NULL };

      ks_agreement_filter_set_stages (filter, running);
    }
  else if (widget == self->follow_up_button)
    ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NEEDS_FOLLOW_UP);
  else if (widget == self->expiring_button)
    ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_EXPIRING);
  else if (widget == self->not_reported_button)
    ks_agreement_filter_set_smart_view (filter, KS_SMART_VIEW_NOT_REPORTED);

  show (self, filter);
}

static void
region_chart_activated_cb (KsOverviewPage *self,
                           const char     *region,
                           const char     *stage,
                           KsChart        *chart)
{
  g_autoptr(KsAgreementFilter) filter = new_filter (self);
  const char *regions[] = { region, NULL };
  const char *stages[] = { stage, NULL };

  ks_agreement_filter_set_regions (filter, regions);
  if (stage != NULL)
    ks_agreement_filter_set_stages (filter, stages);
  show (self, filter);
}

/* A year's bar shows the agreements running that year. */
static void
year_chart_activated_cb (KsOverviewPage *self,
                         const char     *year,
                         const char     *series,
                         KsChart        *chart)
{
  g_autoptr(KsAgreementFilter) filter = new_filter (self);
  guint64 value = g_ascii_strtoull (year, NULL, 10);

  ks_agreement_filter_set_year_range (filter, value, value);
  show (self, filter);
}

static void
spending_chart_activated_cb (KsOverviewPage *self,
                             const char     *year,
                             const char     *series,
                             KsChart        *chart)
{
  year_chart_activated_cb (self, year, series, chart);
}

static void
country_chart_activated_cb (KsOverviewPage *self,
                            const char     *country,
                            const char     *series,
                            KsChart        *chart)
{
  g_autoptr(KsAgreementFilter) filter = new_filter (self);
  const char *countries[] = { country, NULL };

  ks_agreement_filter_set_countries (filter, countries);
  show (self, filter);
}

/* The table cannot filter by obstacle; the chart is not activatable. */
static void
obstacle_chart_activated_cb (KsOverviewPage *self,
                             const char     *obstacle,
                             const char     *series,
                             KsChart        *chart)
{
}

/* ------------------------------------------------------------------ */
/* Following the list */

static void
filter_notify_cb (KsOverviewPage    *self,
                  GParamSpec        *pspec,
                  KsAgreementFilter *filter)
{
  if (g_strv_contains (watched_properties, g_param_spec_get_name (pspec)))
    queue_refresh (self);
}

static void
watch_filter (KsOverviewPage *self)
{
  KsAgreementFilter *filter = self->list != NULL ? ks_agreement_list_get_filter (self->list) : NULL;

  if (filter == self->filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "notify", G_CALLBACK (filter_notify_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
list_filter_changed_cb (KsOverviewPage  *self,
                        GParamSpec      *pspec,
                        KsAgreementList *list)
{
  watch_filter (self);
  queue_refresh (self);
}

/* ------------------------------------------------------------------ */
/* GtkWidget */

static void
ks_overview_page_map (GtkWidget *widget)
{
  KsOverviewPage *self = KS_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (ks_overview_page_parent_class)->map (widget);

  if (self->stale)
    refresh (self);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
ks_overview_page_dispose (GObject *object)
{
  KsOverviewPage *self = KS_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  ks_overview_page_set_list (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (ks_overview_page_parent_class)->dispose (object);
}

static void
ks_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KsOverviewPage *self = KS_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KsOverviewPage *self = KS_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      ks_overview_page_set_list (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, agreements_value);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, running_value);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, follow_up_value);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, expiring_value);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, not_reported_value);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, countries_value);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, agreements_button);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, running_button);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, expiring_button);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, not_reported_button);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, region_chart);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, year_chart);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, spending_chart);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, country_chart);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, obstacle_chart);
  gtk_widget_class_bind_template_child (widget_class, KsOverviewPage, spending_note);
}

static void
ks_overview_page_class_init (KsOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_overview_page_dispose;
  object_class->get_property = ks_overview_page_get_property;
  object_class->set_property = ks_overview_page_set_property;
  widget_class->map = ks_overview_page_map;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL, KS_TYPE_AGREEMENT_LIST,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KsOverviewPage::show-agreements:
   * @filter: a new filter selecting what was clicked: the page's regions
   *   and years (and the list's thresholds and today), narrowed to a
   *   region and stage, a year, a country, a stage set or a smart view
   *
   * The window applies @filter's criteria to its table and shows it.
   */
  signals[SHOW_AGREEMENTS] =
    g_signal_new ("show-agreements",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KS_TYPE_AGREEMENT_FILTER);

  g_type_ensure (KS_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/ks-overview-page.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, figure_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_chart_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_chart_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, spending_chart_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_chart_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, obstacle_chart_activated_cb);
}

static void
ks_overview_page_init (KsOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Public API */

GtkWidget *
ks_overview_page_new (void)
{
  return g_object_new (KS_TYPE_OVERVIEW_PAGE, NULL);
}

/**
 * ks_overview_page_set_list:
 * @list: (nullable): the register's list, whose filter's regions and
 *   years the page follows
 *
 * Shows the figures at once, or when the page is first shown, then
 * follows @list's reloads and its filter's changes.
 */
void
ks_overview_page_set_list (KsOverviewPage  *self,
                           KsAgreementList *list)
{
  g_return_if_fail (KS_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (list == NULL || KS_IS_AGREEMENT_LIST (list));

  if (list == self->list)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);
  if (list != NULL)
    {
      g_signal_connect_object (list, "counts-changed", G_CALLBACK (queue_refresh),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::filter", G_CALLBACK (list_filter_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  watch_filter (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->stale = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

/**
 * ks_overview_page_get_list:
 *
 * Returns: (transfer none) (nullable): the list the page shows
 */
KsAgreementList *
ks_overview_page_get_list (KsOverviewPage *self)
{
  g_return_val_if_fail (KS_IS_OVERVIEW_PAGE (self), NULL);

  return self->list;
}
