/* ks-sidebar.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-region-store.h"
#include "ks-region.h"
#include "ks-sidebar.h"

/*
 * The register's views: all agreements, the smart views, then the
 * regions as staff think of them — their own first, the Karesidenan
 * group, every region with agreements, and on request all the others.
 * Selecting an entry sets the list's filter; the counts follow every
 * change to the register.
 */

typedef enum
{
  SECTION_VIEWS,
  SECTION_REGIONS,
} Section;

typedef struct
{
  char        *key;
  char        *title;
  const char  *icon_name;
  Section      section;
  KsSmartView  view;
  GStrv        regions;
  guint        count;
} Entry;

struct _KsSidebar
{
  GtkWidget        parent_instance;

  GtkListBox      *list_box;

  KsDatabase      *db;
  KsAgreementList *agreements;
  GPtrArray       *entries;
  char            *home_region;
  char            *selected;
  guint            show_all_regions : 1;
  guint            rebuilding : 1;
};

G_DEFINE_FINAL_TYPE (KsSidebar, ks_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MORE_KEY "more"

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  g_free (entry->title);
  g_strfreev (entry->regions);
  g_free (entry);
}

static Entry *
add_entry (KsSidebar   *self,
           char        *key,
           const char  *title,
           Section      section,
           guint        count)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->key = key;
  entry->title = g_strdup (title);
  entry->section = section;
  entry->count = count;
  g_ptr_array_add (self->entries, entry);

  return entry;
}

static Entry *
find_entry (KsSidebar  *self,
            const char *key)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->key, key) == 0)
        return entry;
    }

  return NULL;
}

static void
add_views (KsSidebar *self)
{
  static const struct {
    const char  *key;
    const char  *title;
    const char  *icon_name;
    KsSmartView  view;
  } views[] = {
    { "all", N_("All Agreements"), "view-list-symbolic", KS_SMART_VIEW_NONE },
    { "needs-follow-up", N_("Needs Follow-up"), "emblem-important-symbolic", KS_SMART_VIEW_NEEDS_FOLLOW_UP },
    { "expiring", N_("Expiring"), "x-office-calendar-symbolic", KS_SMART_VIEW_EXPIRING },
    { "not-reported", N_("Not Reported"), "document-send-symbolic", KS_SMART_VIEW_NOT_REPORTED },
    { "missing-steps", N_("Missing Steps"), "checkbox-mixed-symbolic", KS_SMART_VIEW_MISSING_STEPS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      guint count = views[i].view == KS_SMART_VIEW_NONE
                    ? ks_agreement_list_get_total (self->agreements)
                    : ks_agreement_list_count_smart_view (self->agreements, views[i].view);
      Entry *entry = add_entry (self, g_strdup (views[i].key), _(views[i].title),
                                SECTION_VIEWS, count);

      entry->icon_name = views[i].icon_name;
      entry->view = views[i].view;
    }
}

static guint
region_count (GHashTable *counts,
              const char *code)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, code));
}

static void
add_region (KsSidebar  *self,
            KsRegion   *region,
            GHashTable *counts)
{
  const char *code = ks_region_get_code (region);
  Entry *entry = add_entry (self, g_strconcat ("region:", code, NULL),
                            ks_region_get_name (region), SECTION_REGIONS,
                            region_count (counts, code));

  entry->regions = g_new0 (char *, 2);
  entry->regions[0] = g_strdup (code);
}

static KsRegion *
find_region (GListModel *regions,
             const char *code)
{
  guint n = g_list_model_get_n_items (regions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);

      if (g_strcmp0 (ks_region_get_code (region), code) == 0)
        return region;
    }

  return NULL;
}

/* One entry per group (the Karesidenan), holding its regions' codes. */
static void
add_groups (KsSidebar  *self,
            GListModel *regions,
            GHashTable *counts)
{
  guint n = g_list_model_get_n_items (regions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (regions, i);
      const char *group = ks_region_get_group (region);
      g_autofree char *key = NULL;
      Entry *entry;
      guint len;

      if (group[0] == '\0')
        continue;

      key = g_strconcat ("group:", group, NULL);
      if ((entry = find_entry (self, key)) == NULL)
        {
          entry = add_entry (self, g_steal_pointer (&key), group, SECTION_REGIONS, 0);
          entry->icon_name = "find-location-symbolic";
          entry->regions = g_new0 (char *, 1);
        }

      len = g_strv_length (entry->regions);
      entry->regions = g_renew (char *, entry->regions, len + 2);
      entry->regions[len] = g_strdup (ks_region_get_code (region));
      entry->regions[len + 1] = NULL;
      entry->count += region_count (counts, ks_region_get_code (region));
    }
}

static void
add_regions (KsSidebar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) regions = ks_region_store_list (self->db, &error);
  g_autoptr(GHashTable) counts = NULL;
  KsRegion *home;
  guint n;

  if (regions == NULL)
    {
      g_warning ("The regions cannot be listed: %s", error->message);
      return;
    }

  counts = ks_agreement_list_count_by_region (self->agreements);
  home = find_region (G_LIST_MODEL (regions), self->home_region);
  if (home != NULL)
    add_region (self, home, counts);
  add_groups (self, G_LIST_MODEL (regions), counts);

  n = g_list_model_get_n_items (G_LIST_MODEL (regions));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (regions), i);

      if (region == home)
        continue;
      if (self->show_all_regions || region_count (counts, ks_region_get_code (region)) > 0)
        add_region (self, region, counts);
    }

  add_entry (self, g_strdup (MORE_KEY),
             self->show_all_regions ? _("Show Fewer Regions") : _("Show All Regions"),
             SECTION_REGIONS, 0);
}

static GtkWidget *
create_row (Entry *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (entry->title);

  if (entry->icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (entry->icon_name));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), title);

  if (g_strcmp0 (entry->key, MORE_KEY) == 0)
    {
      gtk_widget_add_css_class (title, "dim-label");
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%u", entry->count);
      GtkWidget *count = gtk_label_new (text);

      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "ks-sidebar-entry", entry);

  return row;
}

static Entry *
row_entry (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "ks-sidebar-entry") : NULL;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  Entry *entry = row_entry (row);
  Entry *previous = row_entry (before);
  GtkWidget *header;

  if (previous == NULL || previous->section == entry->section)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (_("Regions"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static void
apply_entry (KsSidebar *self,
             Entry     *entry)
{
  KsAgreementFilter *filter = ks_agreement_list_get_filter (self->agreements);

  ks_agreement_filter_set_smart_view (filter, entry->view);
  ks_agreement_filter_set_regions (filter, (const char * const *) entry->regions);
}

static void
set_selected (KsSidebar  *self,
              const char *key)
{
  if (g_strcmp0 (self->selected, key) == 0)
    return;

  g_free (self->selected);
  self->selected = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
row_selected_cb (KsSidebar     *self,
                 GtkListBoxRow *row)
{
  Entry *entry = row_entry (row);

  if (entry == NULL || self->rebuilding)
    return;

  set_selected (self, entry->key);
  apply_entry (self, entry);
}

static void rebuild_showing (KsSidebar *self,
                             gboolean   keep_selection);

static void
row_activated_cb (KsSidebar     *self,
                  GtkListBoxRow *row)
{
  Entry *entry = row_entry (row);

  if (entry == NULL || g_strcmp0 (entry->key, MORE_KEY) != 0)
    return;

  self->show_all_regions = !self->show_all_regions;
  rebuild_showing (self, FALSE);
}

static void
remove_rows (KsSidebar *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
  g_ptr_array_set_size (self->entries, 0);
}

static GtkListBoxRow *
find_row (KsSidebar  *self,
          const char *key)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      Entry *entry = row_entry (row);

      if (entry != NULL && g_strcmp0 (entry->key, key) == 0)
        return row;
    }

  return NULL;
}

/* A selected region that no longer has agreements stays listed (all
 * regions are shown then), so the selection never jumps under the
 * user's hand; only asking for fewer regions may move it. */
static void
rebuild_showing (KsSidebar *self,
                 gboolean   keep_selection)
{
  g_autofree char *selected = g_strdup (self->selected);
  GtkListBoxRow *row;

  self->rebuilding = TRUE;
  remove_rows (self);
  if (self->agreements != NULL)
    {
      add_views (self);
      add_regions (self);
    }
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (self->entries, i)));

  row = find_row (self, selected);
  if (row == NULL && keep_selection && g_str_has_prefix (selected, "region:") &&
      !self->show_all_regions)
    {
      self->show_all_regions = TRUE;
      self->rebuilding = FALSE;
      rebuild_showing (self, TRUE);
      return;
    }
  if (row == NULL)
    row = find_row (self, "all");
  gtk_list_box_select_row (self->list_box, row);
  self->rebuilding = FALSE;

  if (row != NULL && g_strcmp0 (row_entry (row)->key, selected) != 0)
    row_selected_cb (self, row);
}

static void
rebuild (KsSidebar *self)
{
  rebuild_showing (self, TRUE);
}

static void
counts_changed_cb (KsSidebar *self)
{
  rebuild (self);
}

static void
ks_sidebar_dispose (GObject *object)
{
  GtkWidget *child;
  KsSidebar *self = KS_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_SIDEBAR);
  /* The scrolled window has no id, so the template does not own it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->agreements);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (ks_sidebar_parent_class)->dispose (object);
}

static void
ks_sidebar_finalize (GObject *object)
{
  KsSidebar *self = KS_SIDEBAR (object);

  g_ptr_array_unref (self->entries);
  g_free (self->home_region);
  g_free (self->selected);

  G_OBJECT_CLASS (ks_sidebar_parent_class)->finalize (object);
}

static void
ks_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KsSidebar *self = KS_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_string (value, self->selected);
      break;

    case PROP_TITLE:
      g_value_set_string (value, ks_sidebar_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_sidebar_class_init (KsSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_sidebar_dispose;
  object_class->finalize = ks_sidebar_finalize;
  object_class->get_property = ks_sidebar_get_property;

  properties[PROP_SELECTED] =
    g_param_spec_string ("selected", NULL, NULL, "all",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, KsSidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ks-sidebar");
}

static void
ks_sidebar_init (KsSidebar *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->home_region = g_strdup ("");
  self->selected = g_strdup ("all");
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list_box, header_func, NULL, NULL);
}

GtkWidget *
ks_sidebar_new (void)
{
  return g_object_new (KS_TYPE_SIDEBAR, NULL);
}

/**
 * ks_sidebar_set_register:
 *
 * Lists @agreements' views and regions; selecting one sets the list's
 * filter (smart view and regions).
 */
void
ks_sidebar_set_register (KsSidebar       *self,
                         KsDatabase      *db,
                         KsAgreementList *agreements)
{
  g_return_if_fail (KS_IS_SIDEBAR (self));
  g_return_if_fail (KS_IS_DATABASE (db));
  g_return_if_fail (KS_IS_AGREEMENT_LIST (agreements));

  g_set_object (&self->db, db);
  g_set_object (&self->agreements, agreements);
  g_signal_connect_object (agreements, "counts-changed",
                           G_CALLBACK (counts_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

void
ks_sidebar_set_home_region (KsSidebar  *self,
                            const char *code)
{
  g_return_if_fail (KS_IS_SIDEBAR (self));

  if (g_strcmp0 (self->home_region, code) == 0)
    return;

  g_free (self->home_region);
  self->home_region = g_strdup (code != NULL ? code : "");
  rebuild (self);
}

/**
 * ks_sidebar_select:
 * @key: "all", a smart view's nick ("needs-follow-up", "expiring",
 *   "not-reported", "missing-steps"), "region:CODE" or "group:NAME"
 */
void
ks_sidebar_select (KsSidebar  *self,
                   const char *key)
{
  GtkListBoxRow *row;

  g_return_if_fail (KS_IS_SIDEBAR (self));

  if ((row = find_row (self, key)) == NULL && g_str_has_prefix (key, "region:"))
    {
      self->show_all_regions = TRUE;
      rebuild (self);
      row = find_row (self, key);
    }
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
}

const char *
ks_sidebar_get_selected (KsSidebar *self)
{
  g_return_val_if_fail (KS_IS_SIDEBAR (self), NULL);

  return self->selected;
}

/**
 * ks_sidebar_get_title:
 *
 * Returns: (nullable): the selected entry's name, translated
 */
const char *
ks_sidebar_get_title (KsSidebar *self)
{
  Entry *entry;

  g_return_val_if_fail (KS_IS_SIDEBAR (self), NULL);

  entry = find_entry (self, self->selected);
  return entry != NULL ? entry->title : NULL;
}

/**
 * ks_sidebar_get_count:
 *
 * Returns: the count shown beside the entry @key, 0 when not listed
 */
guint
ks_sidebar_get_count (KsSidebar  *self,
                      const char *key)
{
  Entry *entry;

  g_return_val_if_fail (KS_IS_SIDEBAR (self), 0);

  entry = find_entry (self, key);
  return entry != NULL ? entry->count : 0;
}
