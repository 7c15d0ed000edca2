/* ks-report-pdf.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ks-error.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-report-pdf.h"

#define MARGIN        36.0
#define FOOTER_HEIGHT 18.0
#define PADDING        3.0
#define FONT_FAMILY   "Sans"
/* A cell shows this much of a long text; the register holds the rest. */
#define CELL_MAX_CHARS 400
/* Of a PDF's writing, the part laying out its pages takes: about as
 * long as drawing them. */
#define PAGINATION_SHARE 0.5

typedef enum
{
  BLOCK_HEAD,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_SIGNATURE,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char      *text;          /* a head's: the footer of its pages */
  const char *font;         /* a text's, when not the default */
  guint      n_columns;
  double    *widths;        /* shares of the page width */
  GStrv      headers;       /* a head's or signature's: its lines */
  GPtrArray *rows;          /* GStrv */
} Block;

typedef struct
{
  guint  page;
  Block *block;
  int    row;               /* -1: the table's header, or a whole block */
  double y;
  double height;
} Placement;

/* Where the layout of the pages stands: it goes a few rows at a time,
 * so that printing stays responsive and a PDF's writer can report and
 * hear a cancel. */
typedef struct
{
  KsReportPages *self;
  guint          page;
  double         y;
  double         top;
  double         bottom;
  guint          block;     /* the next block to place */
  guint          row;       /* the next row of a table block */
  double         header;    /* the height of that table's header */
  guint          n_steps;
  guint          n_done;
} Cursor;

struct _KsReportPages
{
  GObject         parent_instance;

  KsReport       *report;
  KsAnnualReport *annual;
  KsRequestList  *requests;
  char           *title;
  gboolean        portrait;
  GPtrArray      *blocks;
  GArray         *placements;
  GArray         *sections;   /* guint: the first page after each head */
  guint           n_pages;
  double          width;
  double          height;
  PangoContext   *context;
  Cursor          cursor;
};

G_DEFINE_FINAL_TYPE (KsReportPages, ks_report_pages, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Blocks */

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->widths);
  g_strfreev (block->headers);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static Block *
add_block (KsReportPages *self,
           BlockKind      kind,
           const char    *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  block->font = FONT_FAMILY " 9";
  g_ptr_array_add (self->blocks, block);
  return block;
}

static Block *
add_table (KsReportPages      *self,
           const char * const *headers,
           const double       *widths,
           guint               n_columns)
{
  Block *block = add_block (self, BLOCK_TABLE, NULL);

  block->n_columns = n_columns;
  block->headers = g_strdupv ((GStrv) headers);
  block->widths = g_memdup2 (widths, n_columns * sizeof (double));
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return block;
}

static char *
cell_text (const char *text)
{
  if (g_utf8_strlen (text, -1) <= CELL_MAX_CHARS)
    return g_strdup (text);

  g_autofree char *cut = g_utf8_substring (text, 0, CELL_MAX_CHARS);
  return g_strconcat (cut, "…", NULL);
}

static void
add_agreement_section (KsReportPages   *self,
                       KsAnnualSection  section)
{
  GPtrArray *rows = ks_annual_report_get_rows (self->annual, section);
  const char *headers[KS_REPORT_N_COLUMNS + 1] = { NULL };
  double widths[KS_REPORT_N_COLUMNS];
  Block *table;

  add_block (self, BLOCK_HEADING, ks_annual_section_get_title (section));
  if (rows->len == 0)
    {
      add_block (self, BLOCK_TEXT, _("None."));
      return;
    }

  for (guint col = 0; col < KS_REPORT_N_COLUMNS; col++)
    {
      headers[col] = ks_report_column_get_label (col);
      widths[col] = ks_report_column_get_width (col);
    }
  table = add_table (self, headers, widths, KS_REPORT_N_COLUMNS);
  for (guint i = 0; i < rows->len; i++)
    {
      const KsReportRow *row = g_ptr_array_index (rows, i);
      GStrv cells = g_new0 (char *, KS_REPORT_N_COLUMNS + 1);

      cells[KS_REPORT_COLUMN_NUMBER] = g_strdup_printf ("%u", i + 1);
      for (guint col = KS_REPORT_COLUMN_NUMBER + 1; col < KS_REPORT_N_COLUMNS; col++)
        cells[col] = cell_text (row->texts[col]);
      g_ptr_array_add (table->rows, cells);
    }
}

static void
add_events (KsReportPages *self)
{
  GPtrArray *events = ks_annual_report_get_events (self->annual);
  const char *headers[] = {
    C_("report column", "No."), C_("report column", "Date"), C_("report column", "Region"),
    C_("report column", "Cooperation"), C_("report column", "Activity"), C_("report column", "Cost"), NULL
  };
  const double widths[] = { 7, 16, 20, 40, 90, 22 };
  g_autofree char *costs = ks_annual_report_format_costs (self->annual);
  Block *table;

  add_block (self, BLOCK_HEADING, _("Follow-up during the year"));
  if (events->len == 0)
    {
      add_block (self, BLOCK_TEXT, _("No follow-up was recorded this year."));
      return;
    }

  table = add_table (self, headers, widths, G_N_ELEMENTS (widths));
  for (guint i = 0; i < events->len; i++)
    {
      KsAnnualEvent *event = g_ptr_array_index (events, i);
      GStrv cells = g_new0 (char *, G_N_ELEMENTS (widths) + 1);

      cells[0] = g_strdup_printf ("%u", i + 1);
      cells[1] = g_strdup (event->date);
      cells[2] = g_strdup (event->region);
      cells[3] = cell_text (event->agreement);
      cells[4] = cell_text (event->activity);
      cells[5] = event->cost != 0 ? ks_annual_report_format_cost (event->cost, event->currency) : g_strdup ("");
      g_ptr_array_add (table->rows, cells);
    }
  if (costs[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf (_("Total cost: %s"), costs);

      add_block (self, BLOCK_TEXT, line);
    }
}

static void
add_obstacles (KsReportPages *self)
{
  const char *headers[] = { C_("report column", "Obstacle"), C_("report column", "Agreements"), NULL };
  const double widths[] = { 40, 15 };
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_OBSTACLE);
  const guint *counts = ks_annual_report_get_obstacles (self->annual);
  Block *table;

  add_block (self, BLOCK_HEADING, _("Obstacles recorded"));
  table = add_table (self, headers, widths, G_N_ELEMENTS (widths));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      GStrv cells = g_new0 (char *, 3);

      cells[0] = g_strdup (ks_key_get_label (KS_KEY_SET_OBSTACLE, keys[i]));
      cells[1] = g_strdup_printf ("%u", counts[i]);
      g_ptr_array_add (table->rows, cells);
    }
}

static GStrv head_lines (KsReportPages *self);

static void
add_head (KsReportPages *self,
          GStrv          lines,
          const char    *footer)
{
  Block *block = add_block (self, BLOCK_HEAD, footer);

  block->headers = lines;
}

static void
build_blocks (KsReportPages *self)
{
  add_head (self, head_lines (self), self->title);
  for (KsAnnualSection section = 0; section < KS_ANNUAL_N_SECTIONS; section++)
    {
      add_agreement_section (self, section);
      if (section == KS_ANNUAL_SECTION_ENDED)
        add_events (self);
    }
  add_obstacles (self);
}

static void
add_text (KsReportPages *self,
          const char    *text)
{
  add_block (self, BLOCK_TEXT, text)->font = FONT_FAMILY " 10";
}

static void
add_request_table (KsReportPages         *self,
                   const KsRequestAgency *agency)
{
  const char *headers[KS_REQUEST_LIST_N_COLUMNS + 1] = { NULL };
  double widths[KS_REQUEST_LIST_N_COLUMNS];
  Block *table;

  for (guint col = 0; col < KS_REQUEST_LIST_N_COLUMNS; col++)
    {
      headers[col] = ks_request_list_get_column_label (col);
      widths[col] = ks_request_list_get_column_width (col);
    }
  table = add_table (self, headers, widths, KS_REQUEST_LIST_N_COLUMNS);
  for (guint i = 0; i < agency->items->len; i++)
    {
      const KsRequestItem *item = g_ptr_array_index (agency->items, i);
      GStrv cells = g_new0 (char *, KS_REQUEST_LIST_N_COLUMNS + 1);

      cells[0] = g_strdup_printf ("%u", i + 1);
      for (guint col = 1; col < KS_REQUEST_LIST_N_COLUMNS; col++)
        {
          g_autofree char *text = ks_request_list_dup_cell (item, col);

          cells[col] = cell_text (text);
        }
      g_ptr_array_add (table->rows, cells);
    }
}

/* A letter per agency: letterhead and title, the address, the request,
 * the table of what is missing, the closing and the signature. */
static void
add_letter (KsReportPages         *self,
            const KsRequestAgency *agency)
{
  g_autofree char *addressee = ks_request_list_dup_addressee (agency);
  g_autofree char *body = ks_request_list_dup_body (agency);
  g_autofree char *footer = g_strdup_printf ("%s — %s", self->title, agency->name);
  Block *signature;

  add_head (self, g_strdupv ((char *[]) { self->title, NULL }), footer);
  add_text (self, addressee);
  add_text (self, ks_request_list_get_greeting ());
  add_text (self, body);
  add_request_table (self, agency);
  add_text (self, ks_request_list_get_closing ());
  signature = add_block (self, BLOCK_SIGNATURE, NULL);
  signature->headers = ks_request_list_dup_signature (self->requests);
}

static void
build_request_blocks (KsReportPages *self)
{
  guint n = ks_request_list_get_n_agencies (self->requests);

  for (guint i = 0; i < n; i++)
    add_letter (self, ks_request_list_get_agency (self->requests, i));

  if (n == 0)
    {
      add_head (self, head_lines (self), self->title);
      add_text (self, _("No agency has agreements to report on or to follow up."));
    }
}

/* ------------------------------------------------------------------ */
/* Text */

static PangoLayout *
make_layout (KsReportPages *self,
             const char    *text,
             const char    *font,
             double         width,
             PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static double
text_height (KsReportPages *self,
             const char    *text,
             const char    *font,
             double         width)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, font, width, PANGO_ALIGN_LEFT);

  return layout_height (layout);
}

static void
draw_text (KsReportPages  *self,
           cairo_t        *cr,
           const char     *text,
           const char     *font,
           double          x,
           double          y,
           double          width,
           PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = make_layout (self, text, font, width, alignment);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------------ */
/* The head of the first page: letterhead, rule, title block */

static GStrv
head_lines (KsReportPages *self)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&options->today),
                                          g_date_get_month (&options->today),
                                          g_date_get_day (&options->today));
  g_autofree char *today = ks_partial_date_format (iso);
  g_autofree char *generated = g_strdup_printf (_("Generated on %s"), today);

  g_strv_builder_add (builder, self->title);
  if (self->annual != NULL)
    {
      g_autofree char *regions = ks_annual_report_dup_regions_text (self->annual);

      g_strv_builder_add (builder, regions);
    }
  g_strv_builder_add (builder, generated);
  return g_strv_builder_end (builder);
}

static cairo_surface_t *
load_logo (KsReportPages *self)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  cairo_surface_t *logo;

  /* cairo reads PNG by itself; other formats would need an image library
   * the report layer does without. */
  if (options->logo_path == NULL || options->logo_path[0] == '\0' ||
      !g_str_has_suffix (options->logo_path, ".png"))
    return NULL;

  logo = cairo_image_surface_create_from_png (options->logo_path);
  if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (logo);
      return NULL;
    }

  return logo;
}

static double
draw_head (KsReportPages *self,
           cairo_t       *cr,
           Block         *block,
           double         y0)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  double width = self->width - 2 * MARGIN;
  GStrv lines = block->headers;
  cairo_surface_t *logo = load_logo (self);
  double y = y0;

  for (guint i = 0; options->letterhead != NULL && options->letterhead[i] != NULL; i++)
    {
      const char *font = i == 0 ? FONT_FAMILY " Bold 13" : FONT_FAMILY " 10";

      if (cr != NULL)
        draw_text (self, cr, options->letterhead[i], font, MARGIN, y, width, PANGO_ALIGN_CENTER);
      y += text_height (self, options->letterhead[i], font, width);
    }
  if (logo != NULL)
    {
      double size = MAX (y - y0, 48.0);
      double scale = size / MAX (cairo_image_surface_get_height (logo), 1);

      if (cr != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, MARGIN, y0);
          cairo_scale (cr, scale, scale);
          cairo_set_source_surface (cr, logo, 0, 0);
          cairo_paint (cr);
          cairo_restore (cr);
        }
      y = MAX (y, y0 + size);
      cairo_surface_destroy (logo);
    }
  if (y > y0)
    {
      /* The double rule under an Indonesian letterhead (kop surat). */
      if (cr != NULL)
        {
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, MARGIN, y + 4);
          cairo_line_to (cr, MARGIN + width, y + 4);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 0.6);
          cairo_move_to (cr, MARGIN, y + 7);
          cairo_line_to (cr, MARGIN + width, y + 7);
          cairo_stroke (cr);
        }
      y += 18;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *font = i == 0 ? FONT_FAMILY " Bold 14" : FONT_FAMILY " 10";

      if (cr != NULL)
        draw_text (self, cr, lines[i], font, MARGIN, y, width, PANGO_ALIGN_CENTER);
      y += text_height (self, lines[i], font, width) + (i == 0 ? 4 : 1);
    }

  return y + 10 - y0;
}

/* The signature block, in the right half of the page as on an
 * Indonesian letter: date, position, room to sign, name. */
static double
draw_signature (KsReportPages *self,
                cairo_t       *cr,
                Block         *block,
                double         y0)
{
  double width = (self->width - 2 * MARGIN) * 0.45;
  double x = self->width - MARGIN - width;
  double y = y0 + 12;

  for (guint i = 0; block->headers[i] != NULL; i++)
    {
      const char *line = block->headers[i];
      gboolean last = block->headers[i + 1] == NULL;
      const char *font = last ? FONT_FAMILY " Bold 10" : FONT_FAMILY " 10";

      if (line[0] == '\0')
        {
          y += 56;
          continue;
        }
      if (cr != NULL)
        draw_text (self, cr, line, font, x, y, width, PANGO_ALIGN_CENTER);
      y += text_height (self, line, font, width) + 2;
    }

  return y - y0;
}

static const char *
section_footer (KsReportPages *self,
                guint          section)
{
  guint n = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == BLOCK_HEAD && n++ == section)
        return block->text;
    }

  return self->title;
}

/* ------------------------------------------------------------------ */
/* Tables */

static double
column_width (Block  *block,
              guint   col,
              double  table_width)
{
  double total = 0;

  for (guint i = 0; i < block->n_columns; i++)
    total += block->widths[i];

  return table_width * block->widths[col] / total;
}

static double
table_width (KsReportPages *self,
             Block         *block)
{
  double full = self->width - 2 * MARGIN;

  /* A narrow table (the obstacle tally) stays narrow. */
  return block->n_columns <= 2 ? full * 0.45 : full;
}

static double
table_row_height (KsReportPages *self,
                  Block         *block,
                  int            row)
{
  const char * const *cells = row < 0 ? (const char * const *) block->headers
                                      : g_ptr_array_index (block->rows, row);
  const char *font = row < 0 ? FONT_FAMILY " Bold 8" : FONT_FAMILY " 8";
  double width = table_width (self, block);
  double height = 0;

  for (guint col = 0; col < block->n_columns; col++)
    height = MAX (height, text_height (self, cells[col], font,
                                       column_width (block, col, width) - 2 * PADDING));

  return height + 2 * PADDING;
}

static void
draw_table_row (KsReportPages *self,
                cairo_t       *cr,
                Block         *block,
                int            row,
                double         y,
                double         height)
{
  const char * const *cells = row < 0 ? (const char * const *) block->headers
                                      : g_ptr_array_index (block->rows, row);
  const char *font = row < 0 ? FONT_FAMILY " Bold 8" : FONT_FAMILY " 8";
  double width = table_width (self, block);
  double x = MARGIN;

  for (guint col = 0; col < block->n_columns; col++)
    {
      double w = column_width (block, col, width);

      if (row < 0)
        {
          cairo_set_source_rgb (cr, 0.87, 0.89, 0.93);
          cairo_rectangle (cr, x, y, w, height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x, y, w, height);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (self, cr, cells[col], font, x + PADDING, y + PADDING, w - 2 * PADDING,
                 row < 0 || col == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
      x += w;
    }
}

/* ------------------------------------------------------------------ */
/* Pagination */


static void
place (Cursor *cursor,
       Block  *block,
       int     row,
       double  height)
{
  Placement placement = { cursor->page, block, row, cursor->y, height };

  g_array_append_val (cursor->self->placements, placement);
  cursor->y += height;
}

static void
new_page (Cursor *cursor)
{
  cursor->page++;
  cursor->y = cursor->top;
}

static void place_block (Cursor *cursor,
                         Block  *block,
                         Block  *next);

static void
place_table_row (Cursor *cursor,
                 Block  *block,
                 guint   i)
{
  double height = table_row_height (cursor->self, block, i);

  /* A page never ends on a header, and every page of a table starts
   * with one. */
  if (i == 0 && cursor->y + cursor->header + height > cursor->bottom)
    new_page (cursor);
  else if (i > 0 && cursor->y + height > cursor->bottom)
    {
      new_page (cursor);
      place (cursor, block, -1, cursor->header);
    }
  if (i == 0)
    place (cursor, block, -1, cursor->header);
  place (cursor, block, i, height);
}

/* One step of the layout: a table's next row, or a whole other block. */
static void
place_next (Cursor *cursor)
{
  GPtrArray *blocks = cursor->self->blocks;
  Block *block = g_ptr_array_index (blocks, cursor->block);

  cursor->n_done++;
  if (block->kind != BLOCK_TABLE)
    {
      place_block (cursor, block,
                   cursor->block + 1 < blocks->len ? g_ptr_array_index (blocks, cursor->block + 1) : NULL);
      cursor->block++;
      return;
    }

  if (cursor->row == 0)
    cursor->header = table_row_height (cursor->self, block, -1);
  if (cursor->row < block->rows->len)
    place_table_row (cursor, block, cursor->row++);
  if (cursor->row >= block->rows->len)
    {
      cursor->y += 8;
      cursor->block++;
      cursor->row = 0;
    }
}

static void
place_block (Cursor *cursor,
             Block  *block,
             Block  *next)
{
  KsReportPages *self = cursor->self;
  double width = self->width - 2 * MARGIN;
  double height;

  switch (block->kind)
    {
    case BLOCK_HEAD:
      /* Each head starts a document of its own (a letter): a new page,
       * numbered from 1 in the footer. */
      if (cursor->self->placements->len > 0)
        new_page (cursor);
      g_array_append_val (self->sections, cursor->page);
      place (cursor, block, -1, draw_head (self, NULL, block, cursor->y));
      break;
    case BLOCK_HEADING:
      height = text_height (self, block->text, FONT_FAMILY " Bold 11", width) + 6;
      /* Keep a heading with the start of what it introduces. */
      if (cursor->y + height + (next != NULL && next->kind == BLOCK_TABLE
                                ? table_row_height (self, next, -1) + table_row_height (self, next, 0)
                                : 20) > cursor->bottom)
        new_page (cursor);
      place (cursor, block, -1, height);
      break;
    case BLOCK_TEXT:
      height = text_height (self, block->text, block->font, width) + 8;
      if (cursor->y + height > cursor->bottom)
        new_page (cursor);
      place (cursor, block, -1, height);
      break;
    case BLOCK_TABLE:
      g_assert_not_reached ();
    case BLOCK_SIGNATURE:
      /* The signature is never alone on a page without the text above. */
      height = draw_signature (self, NULL, block, cursor->y);
      if (cursor->y + height > cursor->bottom)
        new_page (cursor);
      place (cursor, block, -1, height);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Overrides */

static void
ks_report_pages_finalize (GObject *object)
{
  KsReportPages *self = KS_REPORT_PAGES (object);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->annual);
  g_clear_object (&self->requests);
  g_clear_object (&self->report);
  g_free (self->title);

  G_OBJECT_CLASS (ks_report_pages_parent_class)->finalize (object);
}

static void
ks_report_pages_class_init (KsReportPagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_report_pages_finalize;
}

static void
ks_report_pages_init (KsReportPages *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->sections = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ks_report_pages_new:
 * @annual: the report to lay out
 *
 * Returns: (transfer full): the pages, to paginate before drawing
 */
KsReportPages *
ks_report_pages_new (KsAnnualReport *annual)
{
  KsReportPages *self;

  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (annual), NULL);

  self = g_object_new (KS_TYPE_REPORT_PAGES, NULL);
  self->annual = g_object_ref (annual);
  self->report = g_object_ref (ks_annual_report_get_report (annual));
  self->title = ks_annual_report_dup_title (annual);
  build_blocks (self);
  return self;
}

static void
update_context (KsReportPages *self,
                cairo_t       *cr)
{
  if (self->context == NULL)
    {
      self->context = pango_cairo_create_context (cr);
      /* The unit is the point, so a 10 pt font is 10 units high. */
      pango_cairo_context_set_resolution (self->context, 72.0);
    }
  else
    pango_cairo_update_context (cr, self->context);
}

/**
 * ks_report_pages_new_for_requests:
 * @requests: the agencies' request lists
 *
 * A letter per agency, A4 portrait, each numbered from page 1.
 *
 * Returns: (transfer full): the pages, to paginate before drawing
 */
KsReportPages *
ks_report_pages_new_for_requests (KsRequestList *requests)
{
  KsReportPages *self;

  g_return_val_if_fail (KS_IS_REQUEST_LIST (requests), NULL);

  self = g_object_new (KS_TYPE_REPORT_PAGES, NULL);
  self->requests = g_object_ref (requests);
  self->report = g_object_ref (ks_request_list_get_report (requests));
  self->title = g_strdup (ks_request_list_get_title ());
  self->portrait = TRUE;
  build_request_blocks (self);
  return self;
}

/**
 * ks_report_pages_get_portrait:
 *
 * Returns: whether the pages are meant for portrait paper (letters)
 *   rather than landscape (tables)
 */
gboolean
ks_report_pages_get_portrait (KsReportPages *self)
{
  g_return_val_if_fail (KS_IS_REPORT_PAGES (self), FALSE);

  return self->portrait;
}

/**
 * ks_report_pages_get_title:
 *
 * Returns: (transfer none): the document's title, for a print job's name
 */
const char *
ks_report_pages_get_title (KsReportPages *self)
{
  g_return_val_if_fail (KS_IS_REPORT_PAGES (self), NULL);

  return self->title;
}

static guint
count_steps (KsReportPages *self)
{
  guint n = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      n += block->kind == BLOCK_TABLE ? MAX (block->rows->len, 1) : 1;
    }

  return n;
}

/**
 * ks_report_pages_begin_layout:
 * @cr: a cairo context like the one pages will be drawn on, in points
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Starts laying out the pages, which ks_report_pages_continue_layout()
 * then does a few rows at a time.
 */
void
ks_report_pages_begin_layout (KsReportPages *self,
                              cairo_t       *cr,
                              double         width,
                              double         height)
{
  g_return_if_fail (KS_IS_REPORT_PAGES (self));

  update_context (self, cr);
  self->width = width;
  self->height = height;
  self->n_pages = 0;
  g_array_set_size (self->placements, 0);
  g_array_set_size (self->sections, 0);
  self->cursor = (Cursor) { self, 0, MARGIN, MARGIN, height - MARGIN - FOOTER_HEIGHT };
  self->cursor.n_steps = count_steps (self);
}

/**
 * ks_report_pages_continue_layout:
 * @max_steps: how many rows (or other blocks) to place at most
 * @fraction: (out) (optional): how much of the layout is done, 0 to 1
 *
 * Returns: %TRUE once every page is laid out
 *   (ks_report_pages_get_n_pages() tells how many)
 */
gboolean
ks_report_pages_continue_layout (KsReportPages *self,
                                 guint          max_steps,
                                 double        *fraction)
{
  Cursor *cursor = &self->cursor;

  g_return_val_if_fail (KS_IS_REPORT_PAGES (self), TRUE);

  for (guint n = 0; n < max_steps && cursor->block < self->blocks->len; n++)
    place_next (cursor);

  if (fraction != NULL)
    *fraction = MIN (1.0, (double) cursor->n_done / MAX (cursor->n_steps, 1));

  if (cursor->block < self->blocks->len)
    return FALSE;

  self->n_pages = cursor->page + 1;
  return TRUE;
}

/**
 * ks_report_pages_paginate:
 * @cr: a cairo context like the one pages will be drawn on, in points
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Lays out all the pages at once.
 *
 * Returns: the number of pages
 */
guint
ks_report_pages_paginate (KsReportPages *self,
                          cairo_t       *cr,
                          double         width,
                          double         height)
{
  g_return_val_if_fail (KS_IS_REPORT_PAGES (self), 0);

  ks_report_pages_begin_layout (self, cr, width, height);
  ks_report_pages_continue_layout (self, G_MAXUINT, NULL);
  return self->n_pages;
}

guint
ks_report_pages_get_n_pages (KsReportPages *self)
{
  g_return_val_if_fail (KS_IS_REPORT_PAGES (self), 0);

  return self->n_pages;
}

static void
draw_footer (KsReportPages *self,
             cairo_t       *cr,
             guint          page)
{
  guint section = 0;
  guint first, last;
  const char *title;
  g_autofree char *number = NULL;

  while (section + 1 < self->sections->len && g_array_index (self->sections, guint, section + 1) <= page)
    section++;
  first = g_array_index (self->sections, guint, section);
  last = section + 1 < self->sections->len ? g_array_index (self->sections, guint, section + 1) - 1
                                           : self->n_pages - 1;
  title = section_footer (self, section);
  /* Translators: the footer of a printed report page, "Page 1 of 3" */
  number = g_strdup_printf (_("Page %u of %u"), page - first + 1, last - first + 1);
  double width = self->width - 2 * MARGIN;
  double y = self->height - MARGIN - FOOTER_HEIGHT + 8;

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  /* The title keeps clear of the number, whatever its length. */
  draw_text (self, cr, title, FONT_FAMILY " 7", MARGIN, y, width / 2 - 40, PANGO_ALIGN_LEFT);
  draw_text (self, cr, number, FONT_FAMILY " 8", MARGIN, y, width, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

/* Placements are in page order: the first of @page by bisection, so
 * that drawing thousands of pages does not walk all of them per page. */
static guint
first_placement (KsReportPages *self,
                 guint          page)
{
  guint low = 0, high = self->placements->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->placements, Placement, middle).page < page)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

/**
 * ks_report_pages_draw_page:
 * @cr: where to draw, in points
 * @page: from 0, below the number ks_report_pages_paginate() returned
 */
void
ks_report_pages_draw_page (KsReportPages *self,
                           cairo_t       *cr,
                           guint          page)
{
  double width;

  g_return_if_fail (KS_IS_REPORT_PAGES (self));
  g_return_if_fail (page < self->n_pages);

  update_context (self, cr);
  width = self->width - 2 * MARGIN;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = first_placement (self, page); i < self->placements->len; i++)
    {
      Placement *placement = &g_array_index (self->placements, Placement, i);
      Block *block = placement->block;

      if (placement->page != page)
        break;

      if (block->kind == BLOCK_HEAD)
        draw_head (self, cr, block, placement->y);
      else if (block->kind == BLOCK_SIGNATURE)
        draw_signature (self, cr, block, placement->y);
      else if (block->kind == BLOCK_HEADING)
        draw_text (self, cr, block->text, FONT_FAMILY " Bold 11", MARGIN, placement->y, width, PANGO_ALIGN_LEFT);
      else if (block->kind == BLOCK_TEXT)
        draw_text (self, cr, block->text, block->font, MARGIN, placement->y, width, PANGO_ALIGN_LEFT);
      else
        draw_table_row (self, cr, block, placement->row, placement->y, placement->height);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  g_autofree char *display = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, KS_ERROR, KS_ERROR_IO, _("Could not write “%s”: %s"),
               display, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
draw_pages (KsReportPages     *pages,
            cairo_t           *cr,
            double             width,
            double             height,
            GCancellable      *cancellable,
            KsReportProgress   progress,
            gpointer           progress_data,
            GError           **error)
{
  double fraction = 0;

  ks_report_pages_begin_layout (pages, cr, width, height);
  while (!ks_report_pages_continue_layout (pages, 256, &fraction))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (PAGINATION_SHARE * fraction, progress_data);
    }

  for (guint page = 0; page < pages->n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      ks_report_pages_draw_page (pages, cr, page);
      cairo_show_page (cr);
      if (progress != NULL && page % 16 == 15)
        progress (PAGINATION_SHARE + (1 - PAGINATION_SHARE) * (page + 1) / pages->n_pages,
                  progress_data);
    }

  return TRUE;
}

static gboolean
draw_pdf (KsReportPages     *pages,
          const char        *temp_path,
          const char        *path,
          GCancellable      *cancellable,
          KsReportProgress   progress,
          gpointer           progress_data,
          GError           **error)
{
  const KsReportOptions *options = ks_report_get_options (pages->report);
  double width = pages->portrait ? KS_REPORT_PAGE_HEIGHT : KS_REPORT_PAGE_WIDTH;
  double height = pages->portrait ? KS_REPORT_PAGE_WIDTH : KS_REPORT_PAGE_HEIGHT;
  cairo_surface_t *surface = cairo_pdf_surface_create (temp_path, width, height);
  cairo_t *cr = cairo_create (surface);
  gboolean ok;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pages->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, options->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);

  ok = draw_pages (pages, cr, width, height, cancellable, progress, progress_data, error);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (ok)
    ok = check_cairo (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);

  return ok;
}

/**
 * ks_report_pages_write:
 * @pages: the pages of a report
 * @path: the PDF to write (replaced when it exists)
 * @cancellable: (nullable): stops the writing, heard every few rows
 * @progress: (nullable) (scope call): told how far the writing is
 *
 * Returns: %TRUE when @path holds the whole document; a failure or a
 *   cancel leaves nothing behind
 */
gboolean
ks_report_pages_write (KsReportPages     *pages,
                       const char        *path,
                       GCancellable      *cancellable,
                       KsReportProgress   progress,
                       gpointer           progress_data,
                       GError           **error)
{
  g_autofree char *temp_path = NULL;

  g_return_val_if_fail (KS_IS_REPORT_PAGES (pages), FALSE);

  temp_path = ks_report_temp_path_for (path, error);
  if (temp_path == NULL)
    return FALSE;

  if (!draw_pdf (pages, temp_path, path, cancellable, progress, progress_data, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }

  return ks_report_commit_temp (temp_path, path, error);
}

/**
 * ks_report_pages_write_pdf:
 * @annual: the report
 * @path: the PDF to write (replaced when it exists)
 *
 * Returns: %TRUE when @path holds the whole document
 */
gboolean
ks_report_pages_write_pdf (KsAnnualReport    *annual,
                           const char        *path,
                           GCancellable      *cancellable,
                           KsReportProgress   progress,
                           gpointer           progress_data,
                           GError           **error)
{
  g_autoptr(KsReportPages) pages = NULL;

  g_return_val_if_fail (KS_IS_ANNUAL_REPORT (annual), FALSE);

  pages = ks_report_pages_new (annual);
  return ks_report_pages_write (pages, path, cancellable, progress, progress_data, error);
}
