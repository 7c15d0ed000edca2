/* ks-column-sorter.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-column-sorter"

#include "config.h"

#include "ks-column-sorter.h"

/*
 * The register's table is sorted by KsAgreementList on precomputed
 * collation keys, never by a GtkSorter over its rows.  A column still
 * needs a sorter for its header to be clickable, and the window needs to
 * know which column the user chose: GtkColumnViewSorter can only say so
 * from GTK 4.10, so ks_column_sorter_read_view() asks it by comparing
 * once — the column view's sorter consults its primary column first and
 * inverts that column's answer when the order is descending.
 */
struct _KsColumnSorter
{
  GtkSorter              parent_instance;

  KsAgreementSortColumn  column;
};

G_DEFINE_FINAL_TYPE (KsColumnSorter, ks_column_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Set during ks_column_sorter_read_view() only; the main thread's. */
static KsColumnSorter *first_asked;

static GtkOrdering
ks_column_sorter_compare (GtkSorter *sorter,
                          gpointer   item1,
                          gpointer   item2)
{
  if (first_asked == NULL)
    first_asked = KS_COLUMN_SORTER (sorter);

  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
ks_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
ks_column_sorter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KsColumnSorter *self = KS_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_enum (value, self->column);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_column_sorter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KsColumnSorter *self = KS_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      self->column = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_column_sorter_class_init (KsColumnSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = ks_column_sorter_get_property;
  object_class->set_property = ks_column_sorter_set_property;
  sorter_class->compare = ks_column_sorter_compare;
  sorter_class->get_order = ks_column_sorter_get_order;

  properties[PROP_COLUMN] =
    g_param_spec_enum ("column", NULL, NULL,
                       KS_TYPE_AGREEMENT_SORT_COLUMN, KS_AGREEMENT_SORT_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_column_sorter_init (KsColumnSorter *self)
{
}

KsColumnSorter *
ks_column_sorter_new (KsAgreementSortColumn column)
{
  return g_object_new (KS_TYPE_COLUMN_SORTER, "column", column, NULL);
}

KsAgreementSortColumn
ks_column_sorter_get_column (KsColumnSorter *self)
{
  g_return_val_if_fail (KS_IS_COLUMN_SORTER (self), KS_AGREEMENT_SORT_NONE);

  return self->column;
}

/**
 * ks_column_sorter_read_view:
 * @view: a column view whose columns have #KsColumnSorter sorters
 * @descending: (out): whether the user asked for descending order
 *
 * Returns: the column the user sorted by last (the one whose header
 *   shows the arrow), or %KS_AGREEMENT_SORT_NONE
 */
KsAgreementSortColumn
ks_column_sorter_read_view (GtkColumnView *view,
                            gboolean      *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;
  KsAgreementSortColumn column;

  /* Two distinct items: a sorter need not be asked about one item. */
  first_asked = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  column = first_asked != NULL ? first_asked->column : KS_AGREEMENT_SORT_NONE;
  first_asked = NULL;

  *descending = order == GTK_ORDERING_LARGER;
  return column;
}
