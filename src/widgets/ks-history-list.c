/* ks-history-list.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-history-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-amount.h"
#include "ks-audit-diff.h"
#include "ks-audit-store.h"
#include "ks-history-list.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-region-store.h"

/* Values longer than this are cut: the history says what changed, the
 * record itself shows the whole text. */
#define MAX_VALUE_CHARS 160

struct _KsHistoryList
{
  GtkWidget      parent_instance;

  KsDatabase    *db;
  char          *record_uuid;
  GListStore    *entries;

  GtkStack      *stack;
  GtkListBox    *list_box;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (KsHistoryList, ks_history_list, GTK_TYPE_WIDGET)

typedef enum
{
  VALUE_TEXT,
  VALUE_DATE,
  VALUE_KEY,
  VALUE_KEY_LIST,
  VALUE_AMOUNT,
  VALUE_SIZE,
  VALUE_MIME_TYPE,
  VALUE_REGION,
  VALUE_HIDDEN,
} ValueKind;

/* How each field the stores write is shown; the names come from
 * ks_audit_field_get_label(). */
static const struct
{
  const char *field;
  ValueKind   kind;
  KsKeySet    set;
} fields[] = {
  { "region", VALUE_REGION, 0 },
  { "parent", VALUE_HIDDEN, 0 },
  { "agreement", VALUE_HIDDEN, 0 },
  { "title", VALUE_TEXT, 0 },
  { "description", VALUE_TEXT, 0 },
  { "form", VALUE_KEY, KS_KEY_SET_FORM },
  { "document", VALUE_KEY, KS_KEY_SET_DOCUMENT },
  { "stage", VALUE_KEY, KS_KEY_SET_STAGE },
  { "signed_on", VALUE_DATE, 0 },
  { "starts_on", VALUE_DATE, 0 },
  { "ends_on", VALUE_DATE, 0 },
  { "reported_by_agency_on", VALUE_DATE, 0 },
  { "reported_to_center_on", VALUE_DATE, 0 },
  { "dprd_approved_on", VALUE_DATE, 0 },
  { "apbd_amount", VALUE_AMOUNT, 0 },
  { "partner_amount", VALUE_AMOUNT, 0 },
  { "partner_currency", VALUE_TEXT, 0 },
  { "region_doc_number", VALUE_TEXT, 0 },
  { "partner_doc_number", VALUE_TEXT, 0 },
  { "notes", VALUE_TEXT, 0 },
  { "local_parties", VALUE_TEXT, 0 },
  { "partners", VALUE_TEXT, 0 },
  { "sectors", VALUE_KEY_LIST, KS_KEY_SET_SECTOR },
  { "obstacles", VALUE_KEY_LIST, KS_KEY_SET_OBSTACLE },
  { "people", VALUE_TEXT, 0 },
  { "procedure", VALUE_TEXT, 0 },
  { "occurred_on", VALUE_DATE, 0 },
  { "kind", VALUE_KEY, KS_KEY_SET_EVENT_KIND },
  { "cost_amount", VALUE_AMOUNT, 0 },
  { "cost_currency", VALUE_TEXT, 0 },
  { "new_stage", VALUE_KEY, KS_KEY_SET_STAGE },
  { "old_ends_on", VALUE_DATE, 0 },
  { "new_ends_on", VALUE_DATE, 0 },
  { "name", VALUE_TEXT, 0 },
  { "mime_type", VALUE_MIME_TYPE, 0 },
  { "size", VALUE_SIZE, 0 },
  { "sha256", VALUE_HIDDEN, 0 },
};

static int
find_field (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].field, field))
      return i;

  return -1;
}

/* "trade; culture" or "budget: no travel money; language". */
static char *
format_key_list (KsKeySet    set,
                 const char *value)
{
  g_auto(GStrv) items = g_strsplit (value, "; ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *note = strstr (items[i], ": ");

      if (note != NULL)
        *note = '\0';
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, ks_key_get_label (set, items[i]));
      if (note != NULL)
        g_string_append_printf (out, " (%s)", note + 2);
    }

  return g_string_free (out, FALSE);
}

/* "Kabupaten Boyolali" for "33.09"; the code when the region is gone. */
static char *
format_region (KsHistoryList *self,
               const char    *code)
{
  g_autoptr(KsRegion) region = ks_region_store_lookup (self->db, code, NULL);

  return g_strdup (region != NULL ? ks_region_get_name (region) : code);
}

static char *
format_value (KsHistoryList *self,
              int            index,
              const char    *value)
{
  if (value[0] == '\0')
    return g_strdup (C_("history value", "empty"));
  if (index < 0)
    return g_strdup (value);

  switch (fields[index].kind)
    {
    case VALUE_DATE:
      return ks_partial_date_format (value);
    case VALUE_KEY:
      return g_strdup (ks_key_get_label (fields[index].set, value));
    case VALUE_KEY_LIST:
      return format_key_list (fields[index].set, value);
    case VALUE_AMOUNT:
      return ks_amount_format (g_ascii_strtoll (value, NULL, 10));
    case VALUE_SIZE:
      return g_format_size (g_ascii_strtoull (value, NULL, 10));
    case VALUE_REGION:
      return format_region (self, value);
    case VALUE_MIME_TYPE:
      {
        g_autofree char *type = g_content_type_from_mime_type (value);

        return type != NULL ? g_content_type_get_description (type) : g_strdup (value);
      }
    case VALUE_TEXT:
    case VALUE_HIDDEN:
    default:
      return g_strdup (value);
    }
}

static char *
shorten (char *text)
{
  char *cut;

  if (g_utf8_strlen (text, -1) <= MAX_VALUE_CHARS)
    return text;

  cut = g_utf8_offset_to_pointer (text, MAX_VALUE_CHARS);
  *cut = '\0';
  cut = g_strconcat (text, "…", NULL);
  g_free (text);
  return cut;
}

/* "End date: 9 September 2023 → 9 September 2028", or "Title: Sister
 * city" when the record is new; NULL for what a new record need not say
 * (its checksum, the agreement it belongs to). */
static char *
describe_diff (KsHistoryList     *self,
               const KsAuditDiff *diff)
{
  int index = find_field (diff->field);
  const char *label = ks_audit_field_get_label (diff->field);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (index >= 0 && fields[index].kind == VALUE_HIDDEN)
    /* Translators: a field whose values (identifiers) mean nothing to staff */
    return diff->old_value != NULL ? g_strdup_printf (_("%s changed"), label) : NULL;

  new_text = shorten (format_value (self, index, diff->new_value));
  if (diff->old_value == NULL)
    /* Translators: a field of a new record and its value, "Title: Sister city" */
    return g_strdup_printf (_("%s: %s"), label, new_text);

  old_text = shorten (format_value (self, index, diff->old_value));
  /* Translators: a field, its old and its new value */
  return g_strdup_printf (_("%s: %s → %s"), label, old_text, new_text);
}

static const char *
action_label (const char *action)
{
  if (g_str_equal (action, "insert"))
    return C_("history action", "Created");
  if (g_str_equal (action, "update"))
    return C_("history action", "Changed");
  if (g_str_equal (action, "delete"))
    return C_("history action", "Deleted");
  if (g_str_equal (action, "undelete"))
    return C_("history action", "Restored");
  if (g_str_equal (action, "import"))
    return C_("history action", "Imported");
  if (g_str_equal (action, "merge"))
    return C_("history action", "Merged");
  return action;
}

/* An agreement's history holds its events' and attachments' entries
 * too: those say which kind of record they are about. */
static char *
entry_title (KsAuditEntry *entry)
{
  const char *table = ks_audit_entry_get_record_table (entry);
  const char *action = action_label (ks_audit_entry_get_action (entry));

  if (g_str_equal (table, "events"))
    /* Translators: what happened to an event of the agreement, "Event: Created" */
    return g_strdup_printf (C_("history title", "Event: %s"), action);
  if (g_str_equal (table, "attachments"))
    return g_strdup_printf (C_("history title", "Attachment: %s"), action);

  return g_strdup (action);
}

static char *
format_when (const char *at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso_day = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return g_strdup (at);

  local = g_date_time_to_local (utc);
  iso_day = g_date_time_format (local, "%Y-%m-%d");
  day = ks_partial_date_format (iso_day);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a date and a time of day, "28 November 2026, 10:15" */
  return g_strdup_printf (C_("date and time", "%s, %s"), day, time);
}

/* "28 November 2026, 10:15 · Siti Rahma · Study data" */
static char *
entry_subtitle (KsAuditEntry *entry)
{
  g_autofree char *when = format_when (ks_audit_entry_get_at (entry));
  const char *who = ks_audit_entry_get_who (entry);
  const char *source = ks_audit_entry_get_source (entry);
  GString *out = g_string_new (when);

  g_string_append (out, " · ");
  g_string_append (out, who[0] != '\0' ? who : _("unknown staff member"));
  if (source[0] != '\0')
    {
      g_string_append (out, " · ");
      /* Translators: where a change came from: a file imported, a merge */
      g_string_append_printf (out, _("from %s"), source);
    }

  return g_string_free (out, FALSE);
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  return label;
}

static void
add_changes (KsHistoryList *self,
             GtkBox        *box,
             KsAuditEntry  *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diffs = ks_audit_diff_parse (ks_audit_entry_get_changes (entry), &error);

  if (diffs == NULL)
    {
      add_label (box, error->message, "error");
      return;
    }

  for (guint i = 0; i < diffs->len; i++)
    {
      g_autofree char *text = describe_diff (self, g_ptr_array_index (diffs, i));

      if (text != NULL)
        add_label (box, text, NULL);
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  KsHistoryList *self = user_data;
  KsAuditEntry *entry = item;
  g_autofree char *title = entry_title (entry);
  g_autofree char *subtitle = entry_subtitle (entry);
  g_autofree char *name = g_strdup_printf ("%s, %s", title, subtitle);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  add_label (GTK_BOX (box), title, "heading");
  gtk_widget_add_css_class (add_label (GTK_BOX (box), subtitle, "caption"), "dim-label");
  add_changes (self, GTK_BOX (box), entry);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
reload (KsHistoryList *self)
{
  g_autoptr(GListStore) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gpointer *items = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  guint n;

  entries = ks_audit_store_list_for_record (self->db, self->record_uuid, &error);
  if (entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (entries));
  items = g_new0 (gpointer, n + 1);
  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (G_LIST_MODEL (entries), i);
  g_list_store_splice (self->entries, 0, n_old, items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* Every store writes its audit entry in the transaction that changes its
 * table, so any change may add to the history. */
static void
database_changed_cb (KsHistoryList *self,
                     const char    *table,
                     KsDatabase    *db)
{
  reload (self);
}

static void
ks_history_list_dispose (GObject *object)
{
  KsHistoryList *self = KS_HISTORY_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_HISTORY_LIST);
  g_clear_object (&self->db);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->record_uuid, g_free);

  G_OBJECT_CLASS (ks_history_list_parent_class)->dispose (object);
}

static void
ks_history_list_class_init (KsHistoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_history_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-history-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KsHistoryList, stack);
  gtk_widget_class_bind_template_child (widget_class, KsHistoryList, list_box);
  gtk_widget_class_bind_template_child (widget_class, KsHistoryList, error_page);
}

static void
ks_history_list_init (KsHistoryList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_list_store_new (KS_TYPE_AUDIT_ENTRY);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->entries), create_row_cb, self, NULL);
}

/**
 * ks_history_list_new:
 * @record_uuid: the record whose history to show
 *
 * Returns: (transfer floating): the history
 */
GtkWidget *
ks_history_list_new (KsDatabase *db,
                     const char *record_uuid)
{
  KsHistoryList *self;

  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (record_uuid != NULL, NULL);

  self = g_object_new (KS_TYPE_HISTORY_LIST, NULL);
  self->db = g_object_ref (db);
  self->record_uuid = g_strdup (record_uuid);
  g_signal_connect_object (db, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}
