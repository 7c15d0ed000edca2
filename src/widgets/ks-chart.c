/* ks-chart.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ks-chart.h"

/*
 * The chart lays itself out anew on every snapshot (a few dozen bars at
 * most) and remembers where each segment went, so that a click finds
 * what is under the pointer without laying out twice.
 */

#define PAD          6.0
#define ROW_HEIGHT   26.0
#define BAR_SHARE    0.65
#define PLOT_HEIGHT  180.0
#define SWATCH       10.0
#define LEGEND_GAP   14.0

struct _KsChart
{
  GtkWidget         parent_instance;

  KsOverviewSeries *data;
  char             *title;
  char             *summary;
  gboolean          horizontal;
  gboolean          activatable;
  int               selected;
  GArray           *hits;        /* Hit, from the last snapshot */
};

typedef struct
{
  graphene_rect_t rect;
  guint           category;
  int             series;        /* -1: the bar as a whole */
} Hit;

/* Where things go, worked out for a width and height. */
typedef struct
{
  double legend_height;
  double label_width;            /* horizontal: the category labels' column */
  double axis_width;             /* vertical: the value labels' column */
  double max_value;
} Layout;

enum {
  PROP_0,
  PROP_TITLE,
  PROP_HORIZONTAL,
  PROP_ACTIVATABLE,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (KsChart, ks_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The GNOME palette (libadwaita's named colours), in the stage order of
 * ks-keys (exploration … terminated), for light and dark backgrounds. */
static const char * const light_palette[] = {
  "#3584e4", "#9141ac", "#e5a50a", "#986a44", "#2ec27e", "#77767b", "#ff7800", "#e01b24",
};
static const char * const dark_palette[] = {
  "#62a0ea", "#c061cb", "#f6d32d", "#cdab8f", "#33d17a", "#c0bfbc", "#ffa348", "#ed333b",
};

/* ------------------------------------------------------------------ */
/* Helpers */

static guint
n_categories (KsChart *self)
{
  return self->data != NULL ? self->data->n_categories : 0;
}

static gboolean
is_stacked (KsChart *self)
{
  return self->data != NULL && self->data->n_series > 1;
}

static void
get_foreground (KsChart *self,
                GdkRGBA *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A light foreground means a dark theme. */
static void
get_series_color (KsChart *self,
                  guint    series,
                  GdkRGBA *color)
{
  GdkRGBA fg;
  guint index = self->data->series_colors[series] % G_N_ELEMENTS (light_palette);
  gboolean dark;

  get_foreground (self, &fg);
  dark = 0.299 * fg.red + 0.587 * fg.green + 0.114 * fg.blue > 0.5;
  gdk_rgba_parse (color, dark ? dark_palette[index] : light_palette[index]);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Counts as integers; large amounts grouped the locale's way. */
static char *
format_value (double value)
{
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%'.0f", value);

  return g_strdup_printf ("%'.1f", value);
}

static PangoLayout *
make_layout (KsChart    *self,
             const char *text,
             double      width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

static double
text_width (KsChart    *self,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, -1);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
line_height (KsChart *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "0", -1);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
max_total (KsChart *self)
{
  double max = 0;

  for (guint i = 0; i < n_categories (self); i++)
    max = MAX (max, ks_overview_series_get_total (self->data, i));

  return max;
}

/* A round number above @max for the axis: 1, 2 or 5 times a power of ten. */
static double
nice_ceiling (double max)
{
  double magnitude, fraction;

  if (max <= 0)
    return 1;

  magnitude = pow (10, floor (log10 (max)));
  fraction = max / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;

  return 10 * magnitude;
}

/* ------------------------------------------------------------------ */
/* Legend */

/* Lays out (and with @cr, draws) the legend in rows; returns its height. */
static double
legend (KsChart *self,
        cairo_t *cr,
        double   width)
{
  double x = 0, y = 0, height = line_height (self);
  GdkRGBA fg, color;

  if (!is_stacked (self))
    return 0;

  get_foreground (self, &fg);
  for (guint i = 0; i < self->data->n_series; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, self->data->series_labels[i], -1);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      if (x > 0 && x + SWATCH + 4 + w > width)
        {
          x = 0;
          y += height + 2;
        }
      if (cr != NULL)
        {
          get_series_color (self, i, &color);
          set_source (cr, &color, 1);
          cairo_rectangle (cr, x, y + (height - SWATCH) / 2, SWATCH, SWATCH);
          cairo_fill (cr);
          set_source (cr, &fg, 0.8);
          show_text (cr, layout, x + SWATCH + 4, y);
        }
      x += SWATCH + 4 + w + LEGEND_GAP;
    }

  return y + height + 2 * PAD;
}

/* ------------------------------------------------------------------ */
/* Bars */

static void
add_hit (KsChart *self,
         double   x,
         double   y,
         double   w,
         double   h,
         guint    category,
         int      series)
{
  Hit hit;

  graphene_rect_init (&hit.rect, x, y, w, h);
  hit.category = category;
  hit.series = series;
  g_array_append_val (self->hits, hit);
}

/* Draws one bar's segments from (x, y) along the value axis; @along is
 * the length of the whole bar, @across its thickness. */
static void
draw_segments (KsChart *self,
               cairo_t *cr,
               guint    category,
               double   x,
               double   y,
               double   along,
               double   across)
{
  double total = ks_overview_series_get_total (self->data, category);
  double done = 0;
  GdkRGBA color;

  if (total <= 0)
    return;

  for (guint s = 0; s < self->data->n_series; s++)
    {
      double value = ks_overview_series_get (self->data, category, s);
      double length = along * value / total;

      if (value <= 0)
        continue;
      get_series_color (self, s, &color);
      set_source (cr, &color, 1);
      if (self->horizontal)
        {
          cairo_rectangle (cr, x + done, y, length, across);
          add_hit (self, x + done, y, length, across, category, is_stacked (self) ? (int) s : -1);
        }
      else
        {
          cairo_rectangle (cr, x, y - done - length, across, length);
          add_hit (self, x, y - done - length, across, length, category, is_stacked (self) ? (int) s : -1);
        }
      cairo_fill (cr);
      done += length;
    }
}

/* A rounded outline inside the bar's slot (the widget clips anything
 * outside), over a faint highlight. */
static void
draw_focus (KsChart *self,
            cairo_t *cr,
            double   x,
            double   y,
            double   w,
            double   h)
{
  double radius = 6;
  GdkRGBA fg;

  x += 1;
  y += 1;
  w -= 2;
  h -= 2;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);

  get_foreground (self, &fg);
  set_source (cr, &fg, 0.06);
  cairo_fill_preserve (cr);
  set_source (cr, &fg, 0.6);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static gboolean
shows_focus (KsChart *self,
             guint    category)
{
  return (int) category == self->selected && gtk_widget_has_visible_focus (GTK_WIDGET (self));
}

static void
draw_horizontal (KsChart *self,
                 cairo_t *cr,
                 double   width,
                 double   top)
{
  double label_width = 0, value_width = text_width (self, "0000000");
  double max = max_total (self);
  GdkRGBA fg;

  get_foreground (self, &fg);
  for (guint i = 0; i < n_categories (self); i++)
    label_width = MAX (label_width, text_width (self, self->data->category_labels[i]));
  label_width = MIN (label_width, width * 0.45);

  for (guint i = 0; i < n_categories (self); i++)
    {
      double y = top + i * ROW_HEIGHT;
      double total = ks_overview_series_get_total (self->data, i);
      double bar_x = label_width + 3 * PAD;
      double room = MAX (width - bar_x - value_width, 1);
      double length = max > 0 ? room * total / max : 0;
      double thickness = ROW_HEIGHT * BAR_SHARE;
      g_autoptr(PangoLayout) label = make_layout (self, self->data->category_labels[i], label_width);
      g_autofree char *text = format_value (total);
      g_autoptr(PangoLayout) value = make_layout (self, text, -1);
      double text_y = y + (ROW_HEIGHT - line_height (self)) / 2;

      set_source (cr, &fg, 0.85);
      show_text (cr, label, PAD, text_y);
      draw_segments (self, cr, i, bar_x, y + (ROW_HEIGHT - thickness) / 2, length, thickness);
      set_source (cr, &fg, 0.85);
      show_text (cr, value, bar_x + length + PAD, text_y);
      add_hit (self, 0, y, width, ROW_HEIGHT, i, -1);
      if (shows_focus (self, i))
        draw_focus (self, cr, 0, y, width, ROW_HEIGHT);
    }
}

/* Ticks at round steps (1, 2 or 5 times a power of ten), so that counts
 * get whole numbers; the axis ends at the first tick above the data. */
static void
axis_scale (KsChart *self,
            double  *step,
            guint   *n_steps)
{
  double max = max_total (self);

  *step = nice_ceiling (max / 4);
  *n_steps = MAX ((guint) ceil (max / *step - 1e-9), 1);
}

static double
axis_label_width (KsChart *self,
                  double   step,
                  guint    n_steps)
{
  double width = 0;

  for (guint tick = 0; tick <= n_steps; tick++)
    {
      g_autofree char *text = format_value (step * tick);

      width = MAX (width, text_width (self, text));
    }

  return width;
}

static void
draw_axis (KsChart *self,
           cairo_t *cr,
           double   x0,
           double   width,
           double   top,
           double   step,
           guint    n_steps)
{
  GdkRGBA fg;

  get_foreground (self, &fg);
  for (guint tick = 0; tick <= n_steps; tick++)
    {
      double y = top + PLOT_HEIGHT - PLOT_HEIGHT * tick / n_steps;
      g_autofree char *text = format_value (step * tick);
      g_autoptr(PangoLayout) layout = make_layout (self, text, -1);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      set_source (cr, &fg, 0.6);
      show_text (cr, layout, x0 - PAD - w, y - h / 2.0);
      set_source (cr, &fg, tick == 0 ? 0.4 : 0.12);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x0, floor (y) + 0.5);
      cairo_line_to (cr, width, floor (y) + 0.5);
      cairo_stroke (cr);
    }
}

static void
draw_vertical (KsChart *self,
               cairo_t *cr,
               double   width,
               double   top)
{
  double step;
  guint n_steps;
  double max, x0, slot, thickness;
  double base = top + PLOT_HEIGHT;
  GdkRGBA fg;

  axis_scale (self, &step, &n_steps);
  max = step * n_steps;
  x0 = axis_label_width (self, step, n_steps) + 2 * PAD;
  slot = (width - x0) / MAX (n_categories (self), 1);
  thickness = MIN (slot * BAR_SHARE, 48);

  get_foreground (self, &fg);
  draw_axis (self, cr, x0, width, top, step, n_steps);

  for (guint i = 0; i < n_categories (self); i++)
    {
      double x = x0 + i * slot + (slot - thickness) / 2;
      double total = ks_overview_series_get_total (self->data, i);
      double length = PLOT_HEIGHT * total / max;
      g_autoptr(PangoLayout) label = make_layout (self, self->data->category_labels[i], -1);
      int w;

      draw_segments (self, cr, i, x, base, length, thickness);
      pango_layout_get_pixel_size (label, &w, NULL);
      set_source (cr, &fg, 0.85);
      show_text (cr, label, x + (thickness - w) / 2, base + PAD);
      add_hit (self, x0 + i * slot, top, slot, PLOT_HEIGHT + PAD + line_height (self), i, -1);
      if (shows_focus (self, i))
        draw_focus (self, cr, x0 + i * slot, top, slot, PLOT_HEIGHT + PAD + line_height (self));
    }
}

static gboolean
is_empty (KsChart *self)
{
  return n_categories (self) == 0 || max_total (self) <= 0;
}

static void
draw_empty (KsChart *self,
            cairo_t *cr,
            double   width,
            double   height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, _("Nothing recorded"), -1);
  GdkRGBA fg;
  int w, h;

  get_foreground (self, &fg);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_source (cr, &fg, 0.55);
  show_text (cr, layout, (width - w) / 2, (height - h) / 2);
}

/* ------------------------------------------------------------------ */
/* Summary and activation */

static void
append_category (KsChart *self,
                 GString *out,
                 guint    i)
{
  g_autofree char *total = format_value (ks_overview_series_get_total (self->data, i));

  /* Translators: a bar of a chart, read out: "Kota Surakarta: 4". */
  g_string_append_printf (out, _("%s: %s"), self->data->category_labels[i], total);
  if (!is_stacked (self))
    return;

  g_string_append (out, " (");
  for (guint s = 0, n = 0; s < self->data->n_series; s++)
    {
      double value = ks_overview_series_get (self->data, i, s);
      g_autofree char *text = format_value (value);

      if (value == 0)
        continue;
      if (n++ > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, _("%s: %s"), self->data->series_labels[s], text);
    }
  g_string_append (out, ")");
}

static void
update_summary (KsChart *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (is_empty (self))
    g_string_append (out, _("Nothing recorded"));
  else
    for (guint i = 0; i < n_categories (self); i++)
      {
        if (i > 0)
          g_string_append (out, "; ");
        append_category (self, out, i);
      }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&out), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

static void
activate_category (KsChart *self,
                   guint    category,
                   int      series)
{
  if (!self->activatable || category >= n_categories (self))
    return;

  self->selected = category;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTIVATED], 0, self->data->category_keys[category],
                 series >= 0 ? self->data->series_keys[series] : NULL);
}

/* Segments were added before their bar's row, so the first hit is the
 * most precise. */
static const Hit *
find_hit (KsChart *self,
          double   x,
          double   y)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  for (guint i = 0; i < self->hits->len; i++)
    {
      const Hit *hit = &g_array_index (self->hits, Hit, i);

      if (graphene_rect_contains_point (&hit->rect, &point))
        return hit;
    }

  return NULL;
}

static void
click_released_cb (KsChart         *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  const Hit *hit = find_hit (self, x, y);

  if (hit != NULL)
    activate_category (self, hit->category, hit->series);
}

static gboolean
query_tooltip_cb (KsChart    *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const Hit *hit;

  if (keyboard && self->selected >= 0 && (guint) self->selected < n_categories (self))
    append_category (self, text, self->selected);
  else if ((hit = find_hit (self, x, y)) != NULL)
    append_category (self, text, hit->category);
  else
    return FALSE;

  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
move_selection (KsChart *self,
                int      delta)
{
  int n = n_categories (self);

  if (n == 0)
    return;

  self->selected = self->selected < 0 ? 0 : CLAMP (self->selected + delta, 0, n - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_selection (KS_CHART (widget), -1);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_selection (KS_CHART (widget), 1);
}

static void
activate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KsChart *self = KS_CHART (widget);

  if (self->selected < 0)
    move_selection (self, 0);
  if (self->selected >= 0)
    activate_category (self, self->selected, -1);
}

/* ------------------------------------------------------------------ */
/* GtkWidget */

static double
content_height (KsChart *self,
                double   width)
{
  double height = legend (self, NULL, width);

  if (is_empty (self))
    return height + 3 * line_height (self);
  if (self->horizontal)
    return height + n_categories (self) * ROW_HEIGHT;

  return height + PLOT_HEIGHT + line_height (self) / 2 + PAD + line_height (self);
}

static void
ks_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  KsChart *self = KS_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
      return;
    }

  *minimum = *natural = (int) ceil (content_height (self, for_size > 0 ? for_size : 420));
}

static GtkSizeRequestMode
ks_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
draw (KsChart *self,
      cairo_t *cr,
      double   width,
      double   height)
{
  double top;

  if (is_empty (self))
    {
      draw_empty (self, cr, width, height);
      return;
    }

  top = legend (self, cr, width);
  if (self->horizontal)
    draw_horizontal (self, cr, width, top);
  else
    draw_vertical (self, cr, width, top + line_height (self) / 2);
}

static void
ks_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  KsChart *self = KS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;

  g_array_set_size (self->hits, 0);
  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
ks_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ks_chart_parent_class)->css_changed (widget, change);

  /* Colours come from the foreground: follow light and dark. */
  gtk_widget_queue_draw (widget);
}

static void
ks_chart_state_flags_changed (GtkWidget     *widget,
                              GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (ks_chart_parent_class)->state_flags_changed (widget, previous);

  gtk_widget_queue_draw (widget);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
ks_chart_finalize (GObject *object)
{
  KsChart *self = KS_CHART (object);

  g_clear_pointer (&self->data, ks_overview_series_free);
  g_clear_pointer (&self->hits, g_array_unref);
  g_free (self->title);
  g_free (self->summary);

  G_OBJECT_CLASS (ks_chart_parent_class)->finalize (object);
}

static void
ks_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KsChart *self = KS_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_HORIZONTAL:
      g_value_set_boolean (value, self->horizontal);
      break;
    case PROP_ACTIVATABLE:
      g_value_set_boolean (value, self->activatable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  KsChart *self = KS_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ks_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_HORIZONTAL:
      ks_chart_set_horizontal (self, g_value_get_boolean (value));
      break;
    case PROP_ACTIVATABLE:
      ks_chart_set_activatable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_bindings (GtkWidgetClass *widget_class)
{
  static const struct { guint key; const char *action; } bindings[] = {
    { GDK_KEY_Left, "chart.previous" },
    { GDK_KEY_Up, "chart.previous" },
    { GDK_KEY_KP_Left, "chart.previous" },
    { GDK_KEY_KP_Up, "chart.previous" },
    { GDK_KEY_Right, "chart.next" },
    { GDK_KEY_Down, "chart.next" },
    { GDK_KEY_KP_Right, "chart.next" },
    { GDK_KEY_KP_Down, "chart.next" },
    { GDK_KEY_Return, "chart.activate" },
    { GDK_KEY_KP_Enter, "chart.activate" },
    { GDK_KEY_space, "chart.activate" },
  };

  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].key, 0, bindings[i].action, NULL);
}

static void
ks_chart_class_init (KsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ks_chart_finalize;
  object_class->get_property = ks_chart_get_property;
  object_class->set_property = ks_chart_set_property;

  widget_class->measure = ks_chart_measure;
  widget_class->get_request_mode = ks_chart_get_request_mode;
  widget_class->snapshot = ks_chart_snapshot;
  widget_class->css_changed = ks_chart_css_changed;
  widget_class->state_flags_changed = ks_chart_state_flags_changed;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HORIZONTAL] =
    g_param_spec_boolean ("horizontal", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ACTIVATABLE] =
    g_param_spec_boolean ("activatable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KsChart::activated:
   * @category_key: the bar's key (a region code, a year, a country code)
   * @series_key: (nullable): the segment's key (a stage), or %NULL for
   *   the whole bar
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  add_bindings (widget_class);
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ks_chart_init (KsChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  self->selected = -1;
  self->activatable = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  update_summary (self);
}

/* ------------------------------------------------------------------ */
/* Public API */

GtkWidget *
ks_chart_new (void)
{
  return g_object_new (KS_TYPE_CHART, NULL);
}

/**
 * ks_chart_set_data:
 * @data: (nullable): the numbers to show; copied
 */
void
ks_chart_set_data (KsChart                *self,
                   const KsOverviewSeries *data)
{
  g_return_if_fail (KS_IS_CHART (self));

  g_clear_pointer (&self->data, ks_overview_series_free);
  if (data != NULL)
    self->data = ks_overview_series_copy (data);
  if (self->selected >= (int) n_categories (self))
    self->selected = (int) n_categories (self) - 1;

  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ks_chart_set_title (KsChart    *self,
                    const char *title)
{
  g_return_if_fail (KS_IS_CHART (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
ks_chart_get_title (KsChart *self)
{
  g_return_val_if_fail (KS_IS_CHART (self), NULL);

  return self->title;
}

void
ks_chart_set_horizontal (KsChart  *self,
                         gboolean  horizontal)
{
  g_return_if_fail (KS_IS_CHART (self));

  horizontal = !!horizontal;
  if (horizontal == self->horizontal)
    return;

  self->horizontal = horizontal;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HORIZONTAL]);
}

gboolean
ks_chart_get_horizontal (KsChart *self)
{
  g_return_val_if_fail (KS_IS_CHART (self), FALSE);

  return self->horizontal;
}

/**
 * ks_chart_set_activatable:
 *
 * Whether bars can be clicked or activated with the keyboard; a chart
 * that cannot is not focusable either.
 */
void
ks_chart_set_activatable (KsChart  *self,
                          gboolean  activatable)
{
  g_return_if_fail (KS_IS_CHART (self));

  activatable = !!activatable;
  if (activatable == self->activatable)
    return;

  self->activatable = activatable;
  gtk_widget_set_focusable (GTK_WIDGET (self), activatable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATABLE]);
}

gboolean
ks_chart_get_activatable (KsChart *self)
{
  g_return_val_if_fail (KS_IS_CHART (self), FALSE);

  return self->activatable;
}

/**
 * ks_chart_get_summary:
 *
 * Returns: the values as text ("Kota Surakarta: 4 (Exploration: 1, …);
 *   …"), which is also the accessible description
 */
const char *
ks_chart_get_summary (KsChart *self)
{
  g_return_val_if_fail (KS_IS_CHART (self), NULL);

  return self->summary;
}

/**
 * ks_chart_get_selected:
 *
 * Returns: the index of the bar the keyboard is on, or -1
 */
int
ks_chart_get_selected (KsChart *self)
{
  g_return_val_if_fail (KS_IS_CHART (self), -1);

  return self->selected;
}
