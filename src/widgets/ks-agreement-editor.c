/* ks-agreement-editor.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-agreement-editor.h"
#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-agreement-summary.h"
#include "ks-agreement.h"
#include "ks-amount.h"
#include "ks-attachment-list.h"
#include "ks-date-row.h"
#include "ks-event-timeline.h"
#include "ks-history-list.h"
#include "ks-iso-codes.h"
#include "ks-key-item.h"
#include "ks-keys.h"
#include "ks-partial-date.h"
#include "ks-partner-store.h"
#include "ks-person-row.h"
#include "ks-procedure-store.h"
#include "ks-region-store.h"
#include "ks-related-list.h"

/*
 * The editor edits a copy of the agreement (self->agreement) and compares
 * it with the state it started from (self->original): that comparison is
 * "modified".  Scalar fields are written into the copy as they are typed;
 * the list fields are edited in place through the rows that show them.
 * Every change re-runs the model's validation and shows each problem in
 * a red line under the row it is about.
 */
struct _KsAgreementEditor
{
  AdwWindow             parent_instance;

  KsDatabase           *db;
  KsAgreement          *original;
  KsAgreement          *agreement;
  char                 *uuid;

  GListStore           *regions;
  GListStore           *partners;
  GListStore           *steps;
  GListStore           *parent_parts;     /* parent_head, then every agreement */
  GtkStringList        *parent_head;      /* "None", the current parent */
  GPtrArray            *parent_uuids;     /* of parent_head's items */
  GPtrArray            *country_codes;
  GPtrArray            *currency_codes;
  GHashTable           *anchors;          /* field name → row */
  GHashTable           *problem_rows;     /* anchor row → problem row */
  GPtrArray            *party_rows;
  GPtrArray            *partner_rows;
  GPtrArray            *person_rows;
  GHashTable           *sector_checks;    /* key → GtkCheckButton */
  GHashTable           *obstacle_rows;    /* key → AdwExpanderRow */
  GHashTable           *step_rows;        /* step key → AdwExpanderRow */
  GPtrArray            *extra_dates;      /* KsDateRow of people and steps */
  char                 *apbd_error;
  char                 *partner_amount_error;

  guint                 loading : 1;
  guint                 valid : 1;
  guint                 modified : 1;
  guint                 closing : 1;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwPreferencesGroup  *other_problems_group;
  GtkLabel             *other_problems_label;
  GtkWidget            *title_row;
  GtkWidget            *region_row;
  GtkWidget            *form_row;
  GtkWidget            *document_row;
  GtkWidget            *stage_row;
  GtkWidget            *parent_row;
  GtkDropDown          *parent_dropdown;
  KsRelatedList        *related_list;
  GtkTextView          *description_view;
  GtkListBox           *local_parties_list;
  GtkWidget            *known_party_row;
  GtkDropDown          *known_party_dropdown;
  AdwEntryRow          *add_local_party_row;
  GtkListBox           *partners_list;
  GtkDropDown          *existing_partner_dropdown;
  GtkWidget            *add_existing_partner_button;
  AdwEntryRow          *new_partner_name_row;
  AdwComboRow          *new_partner_kind_row;
  GtkDropDown          *new_partner_country_dropdown;
  AdwEntryRow          *new_partner_locality_row;
  GtkWidget            *add_new_partner_button;
  GtkWidget            *sectors_row;
  GtkWidget            *signed_on_row;
  GtkWidget            *starts_on_row;
  GtkWidget            *ends_on_row;
  GtkWidget            *reported_by_agency_on_row;
  GtkWidget            *reported_to_center_on_row;
  GtkWidget            *dprd_approved_on_row;
  GtkWidget            *apbd_amount_row;
  GtkWidget            *partner_amount_row;
  GtkWidget            *currency_row;
  GtkDropDown          *currency_dropdown;
  GtkWidget            *region_doc_number_row;
  GtkWidget            *partner_doc_number_row;
  GtkListBox           *people_list;
  AdwPreferencesGroup  *procedure_group;
  AdwPreferencesGroup  *obstacles_group;
  GtkTextView          *notes_view;
};

G_DEFINE_FINAL_TYPE (KsAgreementEditor, ks_agreement_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_AT(self, offset) G_STRUCT_MEMBER (GtkWidget *, (self), (offset))

typedef struct
{
  gsize       offset;
  const char *property;
} FieldRow;

static const FieldRow text_rows[] = {
  { G_STRUCT_OFFSET (KsAgreementEditor, title_row), "title" },
  { G_STRUCT_OFFSET (KsAgreementEditor, region_doc_number_row), "region-doc-number" },
  { G_STRUCT_OFFSET (KsAgreementEditor, partner_doc_number_row), "partner-doc-number" },
};

static const FieldRow date_rows[] = {
  { G_STRUCT_OFFSET (KsAgreementEditor, signed_on_row), "signed-on" },
  { G_STRUCT_OFFSET (KsAgreementEditor, starts_on_row), "starts-on" },
  { G_STRUCT_OFFSET (KsAgreementEditor, ends_on_row), "ends-on" },
  { G_STRUCT_OFFSET (KsAgreementEditor, reported_by_agency_on_row), "reported-by-agency-on" },
  { G_STRUCT_OFFSET (KsAgreementEditor, reported_to_center_on_row), "reported-to-center-on" },
  { G_STRUCT_OFFSET (KsAgreementEditor, dprd_approved_on_row), "dprd-approved-on" },
};

static const struct {
  gsize       offset;
  const char *property;
  KsKeySet    set;
} key_rows[] = {
  { G_STRUCT_OFFSET (KsAgreementEditor, form_row), "form", KS_KEY_SET_FORM },
  { G_STRUCT_OFFSET (KsAgreementEditor, document_row), "document", KS_KEY_SET_DOCUMENT },
  { G_STRUCT_OFFSET (KsAgreementEditor, stage_row), "stage", KS_KEY_SET_STAGE },
};

static void refresh          (KsAgreementEditor *self);
static void rebuild_parties  (KsAgreementEditor *self);
static void rebuild_partners (KsAgreementEditor *self);
static void rebuild_people   (KsAgreementEditor *self);
static void describe_sectors (KsAgreementEditor *self);
static void suggest_parties  (KsAgreementEditor *self);
static void show_toast       (KsAgreementEditor *self,
                              const char        *message);

/* Amounts */

/* Staff also write the currency in front: "Rp 1.500.000". */
static gboolean
parse_amount (const char  *text,
              gint64      *hundredths,
              GError     **error)
{
  g_autofree char *bare = g_strstrip (g_strdup (text));

  if (g_ascii_strncasecmp (bare, "Rp", 2) == 0)
    return ks_amount_parse (bare + 2, hundredths, error);

  return ks_amount_parse (bare, hundredths, error);
}

/* No amount is shown as an empty field, not as "0". */
static char *
format_amount (gint64 hundredths)
{
  return hundredths != 0 ? ks_amount_format (hundredths) : g_strdup ("");
}

/* Problems */

static GtkWidget *
list_anchor (GPtrArray *rows,
             int        index)
{
  return index >= 0 && (guint) index < rows->len ? g_ptr_array_index (rows, index) : NULL;
}

/* The row a problem is about, or NULL to list it at the top. */
static GtkWidget *
find_anchor (KsAgreementEditor *self,
             KsProblem         *problem)
{
  GtkWidget *anchor = NULL;
  GPtrArray *rows = NULL;

  if (g_str_equal (problem->field, "local-parties"))
    rows = self->party_rows;
  else if (g_str_equal (problem->field, "partners"))
    rows = self->partner_rows;
  else if (g_str_equal (problem->field, "people"))
    rows = self->person_rows;

  /* A problem of a whole list (a name listed twice) goes under its end. */
  if (rows != NULL)
    anchor = list_anchor (rows, problem->index >= 0 ? problem->index : (int) rows->len - 1);
  else if (problem->index < 0)
    anchor = g_hash_table_lookup (self->anchors, problem->field);
  else if (g_str_equal (problem->field, "obstacles"))
    {
      GPtrArray *obstacles = ks_agreement_get_obstacles (self->agreement);
      KsObstacle *obstacle = g_ptr_array_index (obstacles, problem->index);

      anchor = g_hash_table_lookup (self->obstacle_rows, obstacle->key);
    }
  else if (g_str_equal (problem->field, "procedure"))
    {
      GPtrArray *entries = ks_agreement_get_procedure (self->agreement);
      KsProcedureEntry *entry = g_ptr_array_index (entries, problem->index);

      anchor = g_hash_table_lookup (self->step_rows, entry->step_key);
    }

  if (anchor != NULL && GTK_IS_LIST_BOX_ROW (anchor) &&
      GTK_IS_LIST_BOX (gtk_widget_get_parent (anchor)))
    return anchor;

  return NULL;
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *message)
{
  KsProblem *problem = g_new0 (KsProblem, 1);

  problem->field = g_strdup (field);
  problem->index = -1;
  problem->message = g_strdup (message);
  g_ptr_array_add (problems, problem);
}

static GPtrArray *
collect_problems (KsAgreementEditor *self)
{
  GPtrArray *problems = ks_agreement_validate_all (self->agreement);

  if (self->apbd_error != NULL)
    add_problem (problems, "apbd-amount", self->apbd_error);
  if (self->partner_amount_error != NULL)
    add_problem (problems, "partner-amount", self->partner_amount_error);

  return problems;
}

static GtkWidget *
problem_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* The message is the anchor row's description too, which is where a
   * screen reader finds it; Tab need not stop here. */
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static void
remove_problem_row (GtkWidget *anchor,
                    GtkWidget *problem_row)
{
  gtk_widget_remove_css_class (anchor, "error");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (anchor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (problem_row)), problem_row);
}

/* Before list rows are rebuilt: their problem rows would be left behind. */
static void
clear_problem_rows (KsAgreementEditor *self)
{
  GHashTableIter iter;
  gpointer anchor, problem_row;

  g_hash_table_iter_init (&iter, self->problem_rows);
  while (g_hash_table_iter_next (&iter, &anchor, &problem_row))
    {
      remove_problem_row (anchor, problem_row);
      g_hash_table_iter_remove (&iter);
    }
}

static void
show_problem_row (KsAgreementEditor *self,
                  GtkWidget         *anchor,
                  const char        *message)
{
  GtkWidget *problem_row = g_hash_table_lookup (self->problem_rows, anchor);

  if (problem_row == NULL)
    {
      problem_row = problem_row_new ();
      gtk_list_box_insert (GTK_LIST_BOX (gtk_widget_get_parent (anchor)), problem_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (anchor)) + 1);
      g_hash_table_insert (self->problem_rows, anchor, problem_row);
    }

  gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (problem_row))),
                      message);
  /* In red, an expander row would turn all its inner rows red too. */
  if (!ADW_IS_EXPANDER_ROW (anchor))
    gtk_widget_add_css_class (anchor, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (anchor),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

static void
append_line (GHashTable *texts,
             gpointer    key,
             const char *line)
{
  GString *text = g_hash_table_lookup (texts, key);

  if (text == NULL)
    g_hash_table_insert (texts, key, g_string_new (line));
  else
    g_string_append_printf (text, "\n%s", line);
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
show_problems (KsAgreementEditor *self,
               GPtrArray         *problems)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, NULL, free_gstring);
  GHashTableIter iter;
  gpointer anchor, problem_row;
  GString *others;

  for (guint i = 0; i < problems->len; i++)
    {
      KsProblem *problem = g_ptr_array_index (problems, i);

      append_line (texts, find_anchor (self, problem), problem->message);
    }

  g_hash_table_iter_init (&iter, self->problem_rows);
  while (g_hash_table_iter_next (&iter, &anchor, &problem_row))
    if (!g_hash_table_contains (texts, anchor))
      {
        remove_problem_row (anchor, problem_row);
        g_hash_table_iter_remove (&iter);
      }

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &anchor, (gpointer *) &others))
    if (anchor != NULL)
      show_problem_row (self, anchor, others->str);

  others = g_hash_table_lookup (texts, NULL);
  gtk_label_set_text (self->other_problems_label, others != NULL ? others->str : "");
  gtk_widget_set_visible (GTK_WIDGET (self->other_problems_group), others != NULL);
}

static gboolean
dates_are_valid (KsAgreementEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_rows); i++)
    if (!ks_date_row_get_valid (KS_DATE_ROW (ROW_AT (self, date_rows[i].offset))))
      return FALSE;

  for (guint i = 0; i < self->extra_dates->len; i++)
    if (!ks_date_row_get_valid (g_ptr_array_index (self->extra_dates, i)))
      return FALSE;

  for (guint i = 0; i < self->person_rows->len; i++)
    if (!ks_person_row_get_valid (g_ptr_array_index (self->person_rows, i)))
      return FALSE;

  return TRUE;
}

static void
update_titles (KsAgreementEditor *self)
{
  const char *title = ks_agreement_get_title (self->agreement);

  adw_view_switcher_title_set_subtitle (self->switcher_title, title);
}

static void
update_progress (KsAgreementEditor *self)
{
  guint n_steps = self->steps != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->steps)) : 0;
  GPtrArray *entries = ks_agreement_get_procedure (self->agreement);
  g_autofree char *progress = NULL;
  guint n_done = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      KsProcedureEntry *entry = g_ptr_array_index (entries, i);

      if (entry->done_on[0] != '\0' && g_hash_table_contains (self->step_rows, entry->step_key))
        n_done++;
    }

  progress = g_strdup_printf (ngettext ("%u of %u step done", "%u of %u steps done", n_steps),
                              n_done, n_steps);
  adw_preferences_group_set_description (self->procedure_group, progress);
}

static void
refresh (KsAgreementEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (self->loading)
    return;

  problems = collect_problems (self);
  self->valid = problems->len == 0 && dates_are_valid (self);
  self->modified = !ks_agreement_equal (self->agreement, self->original);

  /* A blank new agreement is not yet wrong: it is not scolded until
   * something was typed. */
  if (self->uuid == NULL && !self->modified)
    g_ptr_array_set_size (problems, 0);
  show_problems (self, problems);
  update_titles (self);
  update_progress (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->valid && self->modified);
}

/* Scalar fields */

static void
text_row_changed_cb (GtkEditable       *editable,
                     KsAgreementEditor *self)
{
  if (self->loading)
    return;

  g_object_set (self->agreement, g_object_get_data (G_OBJECT (editable), "ks-property"),
                gtk_editable_get_text (editable), NULL);
  refresh (self);
}

static void
date_row_changed_cb (KsDateRow         *row,
                     GParamSpec        *pspec,
                     KsAgreementEditor *self)
{
  if (self->loading)
    return;

  g_object_set (self->agreement, g_object_get_data (G_OBJECT (row), "ks-property"),
                ks_date_row_get_value (row), NULL);
  refresh (self);
}

static void
date_row_valid_cb (KsAgreementEditor *self)
{
  refresh (self);
}

static void
key_row_selected_cb (AdwComboRow       *row,
                     GParamSpec        *pspec,
                     KsAgreementEditor *self)
{
  KsKeyItem *item = adw_combo_row_get_selected_item (row);

  if (self->loading || item == NULL)
    return;

  g_object_set (self->agreement, g_object_get_data (G_OBJECT (row), "ks-property"),
                ks_key_item_get_key (item), NULL);
  refresh (self);
}

static void
region_selected_cb (KsAgreementEditor *self)
{
  KsRegion *region = adw_combo_row_get_selected_item (ADW_COMBO_ROW (self->region_row));

  if (self->loading || region == NULL)
    return;

  g_object_set (self->agreement, "region-code", ks_region_get_code (region), NULL);
  suggest_parties (self);
  refresh (self);
}

static const char *
code_at (GPtrArray *codes,
         guint      position)
{
  return position < codes->len ? g_ptr_array_index (codes, position) : "";
}

/* Another agreement opens in its own editor, through the window's
 * action, as if it had been chosen in the register's table. */
static void
open_agreement (KsAgreementEditor *self,
                const char        *uuid)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL ||
      !gtk_widget_activate_action (GTK_WIDGET (parent), "win.edit-agreement", "s", uuid))
    g_warning ("No window to open the agreement %s in", uuid);
}

static void
open_parent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KsAgreementEditor *self = KS_AGREEMENT_EDITOR (widget);
  const char *uuid = ks_agreement_get_parent_uuid (self->agreement);

  if (uuid[0] != '\0')
    open_agreement (self, uuid);
}

static void
related_activated_cb (KsAgreementEditor *self,
                      const char        *uuid)
{
  open_agreement (self, uuid);
}

static void
update_open_parent (KsAgreementEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-parent",
                                 ks_agreement_get_parent_uuid (self->agreement)[0] != '\0');
}

static void
parent_selected_cb (KsAgreementEditor *self)
{
  GObject *item = gtk_drop_down_get_selected_item (self->parent_dropdown);
  const char *uuid;

  if (self->loading || item == NULL)
    return;

  if (KS_IS_AGREEMENT_SUMMARY (item))
    uuid = ks_agreement_summary_get_uuid (KS_AGREEMENT_SUMMARY (item));
  else
    uuid = code_at (self->parent_uuids, gtk_drop_down_get_selected (self->parent_dropdown));
  g_object_set (self->agreement, "parent-uuid", uuid, NULL);
  update_open_parent (self);
  refresh (self);
}

static void
currency_selected_cb (KsAgreementEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->currency_dropdown);

  if (self->loading || position >= self->currency_codes->len)
    return;

  g_object_set (self->agreement, "partner-currency",
                code_at (self->currency_codes, position), NULL);
  refresh (self);
}

static void
amount_changed_cb (GtkEditable       *editable,
                   KsAgreementEditor *self)
{
  gboolean is_apbd = GTK_WIDGET (editable) == self->apbd_amount_row;
  char **slot = is_apbd ? &self->apbd_error : &self->partner_amount_error;
  g_autoptr(GError) error = NULL;
  gint64 amount = 0;

  if (self->loading)
    return;

  g_clear_pointer (slot, g_free);
  if (parse_amount (gtk_editable_get_text (editable), &amount, &error))
    g_object_set (self->agreement, is_apbd ? "apbd-amount" : "partner-amount", amount, NULL);
  else
    /* Translators: a field's name, then what is wrong with it */
    *slot = g_strdup_printf (_("%s: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editable)),
                             error->message);
  refresh (self);
}

/* Typed amounts are shown grouped once the focus moves on. */
static void
amount_focus_left_cb (GtkEventControllerFocus *controller,
                      KsAgreementEditor       *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *shown = NULL;
  gint64 amount;

  if (!parse_amount (gtk_editable_get_text (GTK_EDITABLE (row)), &amount, NULL))
    return;

  shown = format_amount (amount);
  if (!g_str_equal (shown, gtk_editable_get_text (GTK_EDITABLE (row))))
    gtk_editable_set_text (GTK_EDITABLE (row), shown);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
buffer_changed_cb (GtkTextBuffer     *buffer,
                   KsAgreementEditor *self)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  text = buffer_text (buffer);
  g_object_set (self->agreement, g_object_get_data (G_OBJECT (buffer), "ks-property"), text, NULL);
  refresh (self);
}

/* Sectors, obstacles, procedure: rebuilt from their rows */

static void
sync_sectors (KsAgreementEditor *self)
{
  GPtrArray *sectors = ks_agreement_get_sectors (self->agreement);
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_SECTOR);

  g_ptr_array_set_size (sectors, 0);
  for (guint i = 0; keys[i] != NULL; i++)
    if (gtk_check_button_get_active (g_hash_table_lookup (self->sector_checks, keys[i])))
      g_ptr_array_add (sectors, g_strdup (keys[i]));
}

static void
sync_obstacles (KsAgreementEditor *self)
{
  GPtrArray *obstacles = ks_agreement_get_obstacles (self->agreement);
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_OBSTACLE);

  g_ptr_array_set_size (obstacles, 0);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      AdwExpanderRow *row = g_hash_table_lookup (self->obstacle_rows, keys[i]);
      GtkEditable *note = g_object_get_data (G_OBJECT (row), "ks-note");
      gboolean recorded = adw_expander_row_get_enable_expansion (row);

      /* The note stays readable when the row is folded. */
      adw_expander_row_set_subtitle (row, recorded ? gtk_editable_get_text (note) : "");
      if (recorded)
        g_ptr_array_add (obstacles, ks_obstacle_new (keys[i], gtk_editable_get_text (note)));
    }
}

static void
describe_step (AdwExpanderRow *row,
               const char     *done_on)
{
  g_autofree char *date = ks_partial_date_format (done_on);
  g_autofree char *subtitle = NULL;

  if (done_on[0] == '\0')
    subtitle = g_strdup (_("Not done yet"));
  else
    /* Translators: a procedure step's status, "Done on 4 May 2016" */
    subtitle = g_strdup_printf (_("Done on %s"), date);
  adw_expander_row_set_subtitle (row, subtitle);
}

/* Entries for steps no longer on the checklist are kept as they were. */
static void
sync_procedure (KsAgreementEditor *self)
{
  GPtrArray *entries = ks_agreement_get_procedure (self->agreement);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_procedure_entry_free);
  guint n_steps = self->steps != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->steps)) : 0;

  for (guint i = 0; i < entries->len; i++)
    {
      KsProcedureEntry *entry = g_ptr_array_index (entries, i);

      if (!g_hash_table_contains (self->step_rows, entry->step_key))
        g_ptr_array_add (kept, ks_procedure_entry_copy (entry));
    }

  g_ptr_array_set_size (entries, 0);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(KsProcedureStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      AdwExpanderRow *row = g_hash_table_lookup (self->step_rows, ks_procedure_step_get_key (step));
      KsDateRow *date = g_object_get_data (G_OBJECT (row), "ks-date");
      GtkEditable *note = g_object_get_data (G_OBJECT (row), "ks-note");
      const char *done_on = ks_date_row_get_value (date);

      describe_step (row, done_on);
      if (done_on[0] != '\0' || gtk_editable_get_text (note)[0] != '\0')
        g_ptr_array_add (entries, ks_procedure_entry_new (ks_procedure_step_get_key (step), done_on,
                                                          gtk_editable_get_text (note)));
    }

  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (entries, ks_procedure_entry_copy (g_ptr_array_index (kept, i)));
}

static void
sectors_changed_cb (KsAgreementEditor *self)
{
  if (self->loading)
    return;

  sync_sectors (self);
  describe_sectors (self);
  refresh (self);
}

static void
obstacles_changed_cb (KsAgreementEditor *self)
{
  if (self->loading)
    return;

  sync_obstacles (self);
  refresh (self);
}

static void
procedure_changed_cb (KsAgreementEditor *self)
{
  if (self->loading)
    return;

  sync_procedure (self);
  refresh (self);
}

/* Building the rows */

static GtkExpression *
label_expression (GType       type,
                  const char *property)
{
  return gtk_property_expression_new (type, NULL, property);
}

static void
setup_key_combo (AdwComboRow *row,
                 KsKeySet     set)
{
  g_autoptr(GListModel) model = ks_key_set_list_model_new (set);
  g_autoptr(GtkExpression) expression = label_expression (KS_TYPE_KEY_ITEM, "label");

  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_model (row, model);
}

static GtkWidget *
remove_button_new (const char *accessible_label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_name (button, "remove");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return button;
}

/* Fifteen sectors would make a long page: they fold into one row that
 * names the chosen ones. */
static void
describe_sectors (KsAgreementEditor *self)
{
  GPtrArray *sectors = ks_agreement_get_sectors (self->agreement);
  GString *chosen = g_string_new (NULL);

  for (guint i = 0; i < sectors->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of chosen sectors */
        g_string_append (chosen, _(", "));
      g_string_append (chosen, ks_key_get_label (KS_KEY_SET_SECTOR, g_ptr_array_index (sectors, i)));
    }
  if (chosen->len == 0)
    g_string_append (chosen, _("None chosen"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->sectors_row), chosen->str);
  g_string_free (chosen, TRUE);
}

static void
build_sectors (KsAgreementEditor *self)
{
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_SECTOR);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *name = g_strdup_printf ("sector-%s", keys[i]);
      const char *label = ks_key_get_label (KS_KEY_SET_SECTOR, keys[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_set_name (check, name);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (sectors_changed_cb), self);
      g_hash_table_insert (self->sector_checks, (gpointer) keys[i], check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->sectors_row), row);
    }

  g_hash_table_insert (self->anchors, (gpointer) "sectors", self->sectors_row);
}

static void
build_obstacles (KsAgreementEditor *self)
{
  const char * const *keys = ks_key_set_get_keys (KS_KEY_SET_OBSTACLE);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *note = adw_entry_row_new ();
      g_autofree char *name = g_strdup_printf ("obstacle-%s", keys[i]);
      g_autofree char *note_name = g_strdup_printf ("obstacle-%s-note", keys[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     ks_key_get_label (KS_KEY_SET_OBSTACLE, keys[i]));
      adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("What happened"));
      gtk_widget_set_name (row, name);
      gtk_widget_set_name (note, note_name);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note);
      g_object_set_data (G_OBJECT (row), "ks-note", note);
      g_signal_connect_swapped (row, "notify::enable-expansion",
                                G_CALLBACK (obstacles_changed_cb), self);
      g_signal_connect_swapped (note, "changed", G_CALLBACK (obstacles_changed_cb), self);
      g_hash_table_insert (self->obstacle_rows, (gpointer) keys[i], row);
      adw_preferences_group_add (self->obstacles_group, row);
    }
}

static void
build_step (KsAgreementEditor *self,
            KsProcedureStep   *step)
{
  const char *key = ks_procedure_step_get_key (step);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *date = ks_date_row_new ();
  GtkWidget *note = adw_entry_row_new ();
  g_autofree char *name = g_strdup_printf ("step-%s", key);
  g_autofree char *date_name = g_strdup_printf ("step-%s-date", key);
  g_autofree char *note_name = g_strdup_printf ("step-%s-note", key);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ks_procedure_step_get_label (step));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Done on"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note"));
  gtk_widget_set_name (row, name);
  gtk_widget_set_name (date, date_name);
  gtk_widget_set_name (note, note_name);
  describe_step (ADW_EXPANDER_ROW (row), "");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), date);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note);
  g_object_set_data (G_OBJECT (row), "ks-date", date);
  g_object_set_data (G_OBJECT (row), "ks-note", note);
  g_signal_connect_swapped (date, "notify::value", G_CALLBACK (procedure_changed_cb), self);
  g_signal_connect_swapped (date, "notify::valid", G_CALLBACK (date_row_valid_cb), self);
  g_signal_connect_swapped (note, "changed", G_CALLBACK (procedure_changed_cb), self);
  g_ptr_array_add (self->extra_dates, date);
  g_hash_table_insert (self->step_rows, g_strdup (key), row);
  adw_preferences_group_add (self->procedure_group, row);
}

static gboolean
build_procedure (KsAgreementEditor  *self,
                 GError            **error)
{
  self->steps = ks_procedure_store_list (self->db, error);
  if (self->steps == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->steps)); i++)
    {
      g_autoptr(KsProcedureStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      build_step (self, step);
    }

  return TRUE;
}

static gboolean
build_regions (KsAgreementEditor  *self,
               GError            **error)
{
  g_autoptr(GtkExpression) expression = label_expression (KS_TYPE_REGION, "name");

  self->regions = ks_region_store_list (self->db, error);
  if (self->regions == NULL)
    return FALSE;

  adw_combo_row_set_expression (ADW_COMBO_ROW (self->region_row), expression);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->region_row), G_LIST_MODEL (self->regions));
  return TRUE;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  else
    {
      /* A popover gives its list the least width it asks for. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 32);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
    }
  gtk_list_item_set_child (item, label);
}

/* The choosers list strings, and the parent chooser agreements too. */
static char *
choice_label (GObject *item)
{
  if (KS_IS_AGREEMENT_SUMMARY (item))
    /* Translators: an agreement and its region, "Sister city Solo – Xi'an (Kota Surakarta)" */
    return g_strdup_printf (_("%s (%s)"), ks_agreement_summary_get_title (KS_AGREEMENT_SUMMARY (item)),
                            ks_agreement_summary_get_region_name (KS_AGREEMENT_SUMMARY (item)));
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));

  return g_strdup ("");
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  ellipsize)
{
  g_autofree char *label = choice_label (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), label);
}

static GtkListItemFactory *
label_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (ellipsize));
  return factory;
}

/* Long names (partners, agreements) are cut short on the button, so that
 * the row keeps room for its title, and shown whole in the list. */
static void
set_choice_model (GtkDropDown *dropdown,
                  GListModel  *choices)
{
  g_autoptr(GtkExpression) expression =
    gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (choice_label), NULL, NULL);
  g_autoptr(GtkListItemFactory) factory = label_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = label_factory_new (FALSE);

  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_model (dropdown, choices);
  g_object_unref (choices);
}

static void
set_string_model (GtkDropDown   *dropdown,
                  GtkStringList *strings)
{
  set_choice_model (dropdown, G_LIST_MODEL (strings));
}

/* A register may hold 100,000 agreements, which take a moment to list:
 * the chooser starts with its plain choices ("None", the current parent)
 * and reads the register's list when it is first used.  That list makes
 * its rows only when they are shown. */
static void
build_parents (KsAgreementEditor *self)
{
  self->parent_parts = g_list_store_new (G_TYPE_LIST_MODEL);
  self->parent_head = gtk_string_list_new (NULL);
  gtk_string_list_append (self->parent_head, C_("parent agreement", "None"));
  g_ptr_array_add (self->parent_uuids, g_strdup (""));
  g_list_store_append (self->parent_parts, self->parent_head);

  set_choice_model (self->parent_dropdown,
                    G_LIST_MODEL (gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->parent_parts)))));
}

static void
parent_chooser_entered_cb (KsAgreementEditor *self)
{
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(GError) error = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->parent_parts)) > 1)
    return;

  list = ks_agreement_list_open (self->db, &error);
  if (list == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  ks_agreement_list_set_sort (list, KS_AGREEMENT_SORT_TITLE, FALSE);
  g_list_store_append (self->parent_parts, list);
}

static void
build_countries (KsAgreementEditor *self)
{
  g_autoptr(GPtrArray) codes = ks_country_list ();
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, C_("country", "Not known"));
  g_ptr_array_add (self->country_codes, g_strdup (""));
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);

      gtk_string_list_append (names, ks_country_get_name (code));
      g_ptr_array_add (self->country_codes, g_strdup (code));
    }

  set_string_model (self->new_partner_country_dropdown, names);
}

static void
build_currencies (KsAgreementEditor *self)
{
  g_autoptr(GPtrArray) codes = ks_currency_list ();
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      /* Translators: a currency code and name, "IDR – Indonesian Rupiah" */
      g_autofree char *label = g_strdup_printf (_("%s – %s"), code, ks_currency_get_name (code));

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->currency_codes, g_strdup (code));
    }

  set_string_model (self->currency_dropdown, names);
}

static char *
partner_description (const char *kind,
                     const char *country,
                     const char *locality)
{
  GString *out = g_string_new (ks_key_get_label (KS_KEY_SET_PARTNER_KIND, kind));

  if (country[0] != '\0')
    g_string_append_printf (out, " · %s", ks_country_get_name (country));
  if (locality[0] != '\0')
    g_string_append_printf (out, " · %s", locality);

  return g_string_free (out, FALSE);
}

static gboolean
build_existing_partners (KsAgreementEditor  *self,
                         GError            **error)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  guint n;

  self->partners = ks_partner_store_list (self->db, error);
  if (self->partners == NULL)
    {
      g_object_unref (names);
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->partners));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsPartner) partner = g_list_model_get_item (G_LIST_MODEL (self->partners), i);
      const char *country = ks_partner_get_country (partner);
      g_autofree char *label = NULL;

      if (country[0] != '\0')
        label = g_strdup_printf (_("%s (%s)"), ks_partner_get_name (partner),
                                 ks_country_get_name (country));
      else
        label = g_strdup (ks_partner_get_name (partner));
      gtk_string_list_append (names, label);
    }

  set_string_model (self->existing_partner_dropdown, names);
  gtk_widget_set_sensitive (self->add_existing_partner_button, n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->existing_partner_dropdown), n > 0);
  return TRUE;
}

/* Local parties */

static void
remove_list_item_cb (GtkButton         *button,
                     KsAgreementEditor *self)
{
  GPtrArray *array = g_object_get_data (G_OBJECT (button), "ks-array");
  gpointer item = g_object_get_data (G_OBJECT (button), "ks-item");
  void (*rebuild) (KsAgreementEditor *) = g_object_get_data (G_OBJECT (button), "ks-rebuild");

  g_ptr_array_remove (array, item);
  rebuild (self);
  refresh (self);
}

static void
connect_remove (KsAgreementEditor *self,
                GtkWidget         *button,
                GPtrArray         *array,
                gpointer           item,
                void             (*rebuild) (KsAgreementEditor *))
{
  g_object_set_data (G_OBJECT (button), "ks-array", array);
  g_object_set_data (G_OBJECT (button), "ks-item", item);
  g_object_set_data (G_OBJECT (button), "ks-rebuild", rebuild);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_list_item_cb), self);
}

static void
party_role_selected_cb (GtkDropDown       *dropdown,
                        GParamSpec        *pspec,
                        KsAgreementEditor *self)
{
  KsLocalPartyRef *ref = g_object_get_data (G_OBJECT (dropdown), "ks-item");
  KsKeyItem *item = gtk_drop_down_get_selected_item (dropdown);

  if (self->loading || item == NULL)
    return;

  g_free (ref->role);
  ref->role = g_strdup (ks_key_item_get_key (item));
  refresh (self);
}

static GtkWidget *
party_row_new (KsAgreementEditor *self,
               KsLocalPartyRef   *ref)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GListModel) roles = ks_key_set_list_model_new (KS_KEY_SET_PARTY_ROLE);
  g_autoptr(GtkExpression) expression = label_expression (KS_TYPE_KEY_ITEM, "label");
  GtkWidget *role = gtk_drop_down_new (g_object_ref (roles), gtk_expression_ref (expression));
  g_autofree char *role_label = g_strdup_printf (_("Role of %s"), ref->name);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), ref->name);
  GtkWidget *remove = remove_button_new (remove_label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ref->name);
  gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (role),
                              MAX (0, ks_key_get_index (KS_KEY_SET_PARTY_ROLE, ref->role)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (role),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role_label,
                                  -1);
  g_object_set_data (G_OBJECT (role), "ks-item", ref);
  g_signal_connect (role, "notify::selected", G_CALLBACK (party_role_selected_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  connect_remove (self, remove, ks_agreement_get_local_parties (self->agreement), ref,
                  rebuild_parties);
  return row;
}

static void
rebuild_parties (KsAgreementEditor *self)
{
  GPtrArray *parties = ks_agreement_get_local_parties (self->agreement);

  clear_problem_rows (self);
  for (guint i = 0; i < self->party_rows->len; i++)
    gtk_list_box_remove (self->local_parties_list, g_ptr_array_index (self->party_rows, i));
  g_ptr_array_set_size (self->party_rows, 0);

  for (guint i = 0; i < parties->len; i++)
    {
      GtkWidget *row = party_row_new (self, g_ptr_array_index (parties, i));

      gtk_list_box_insert (self->local_parties_list, row, i);
      g_ptr_array_add (self->party_rows, row);
    }
}

static gboolean
has_party (KsAgreementEditor *self,
           const char        *name)
{
  GPtrArray *parties = ks_agreement_get_local_parties (self->agreement);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < parties->len; i++)
    {
      KsLocalPartyRef *ref = g_ptr_array_index (parties, i);
      g_autofree char *other = g_utf8_casefold (ref->name, -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }

  return FALSE;
}

static void
add_party (KsAgreementEditor *self,
           const char        *name)
{
  if (name[0] == '\0' || has_party (self, name))
    return;

  g_ptr_array_add (ks_agreement_get_local_parties (self->agreement),
                   ks_local_party_ref_new (name, "implementing"));
  rebuild_parties (self);
  refresh (self);
}

static void
add_local_party_cb (KsAgreementEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_local_party_row))));

  add_party (self, name);
  gtk_editable_set_text (GTK_EDITABLE (self->add_local_party_row), "");
}

static void
add_known_party_cb (KsAgreementEditor *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->known_party_dropdown);

  if (item != NULL)
    add_party (self, gtk_string_object_get_string (item));
}

/* The region's agencies are offered as they are written in the register. */
static void
suggest_parties (KsAgreementEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  names = ks_region_store_list_local_parties (self->db, ks_agreement_get_region_code (self->agreement),
                                              &error);
  if (names == NULL)
    {
      g_warning ("The region's local parties cannot be listed: %s", error->message);
      names = g_new0 (char *, 1);
    }

  set_string_model (self->known_party_dropdown, gtk_string_list_new ((const char * const *) names));
  gtk_widget_set_visible (self->known_party_row, names[0] != NULL);
}

/* Partners */

static GtkWidget *
partner_row_new (KsAgreementEditor *self,
                 KsPartnerRef      *ref)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = partner_description (ref->kind, ref->country, ref->locality);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), ref->name);
  GtkWidget *remove = remove_button_new (remove_label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ref->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  connect_remove (self, remove, ks_agreement_get_partners (self->agreement), ref, rebuild_partners);
  return row;
}

static void
rebuild_partners (KsAgreementEditor *self)
{
  GPtrArray *partners = ks_agreement_get_partners (self->agreement);

  clear_problem_rows (self);
  for (guint i = 0; i < self->partner_rows->len; i++)
    gtk_list_box_remove (self->partners_list, g_ptr_array_index (self->partner_rows, i));
  g_ptr_array_set_size (self->partner_rows, 0);

  for (guint i = 0; i < partners->len; i++)
    {
      GtkWidget *row = partner_row_new (self, g_ptr_array_index (partners, i));

      gtk_list_box_append (self->partners_list, row);
      g_ptr_array_add (self->partner_rows, row);
    }
}

static gboolean
has_partner (KsAgreementEditor *self,
             const char        *uuid)
{
  GPtrArray *partners = ks_agreement_get_partners (self->agreement);

  for (guint i = 0; i < partners->len; i++)
    if (g_str_equal (((KsPartnerRef *) g_ptr_array_index (partners, i))->uuid, uuid))
      return TRUE;

  return FALSE;
}

static void
add_existing_partner_cb (KsAgreementEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->existing_partner_dropdown);
  g_autoptr(KsPartner) partner = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  partner = g_list_model_get_item (G_LIST_MODEL (self->partners), position);
  if (partner == NULL || has_partner (self, ks_partner_get_uuid (partner)))
    return;

  g_ptr_array_add (ks_agreement_get_partners (self->agreement),
                   ks_partner_ref_new (ks_partner_get_uuid (partner), ks_partner_get_name (partner),
                                       ks_partner_get_kind (partner), ks_partner_get_country (partner),
                                       ks_partner_get_locality (partner)));
  rebuild_partners (self);
  refresh (self);
}

static void
new_partner_name_changed_cb (KsAgreementEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_partner_name_row))));

  gtk_widget_set_sensitive (self->add_new_partner_button, name[0] != '\0');
}

static void
add_new_partner_cb (KsAgreementEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_partner_name_row))));
  g_autofree char *locality = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_partner_locality_row))));
  KsKeyItem *kind = adw_combo_row_get_selected_item (self->new_partner_kind_row);
  const char *country = code_at (self->country_codes,
                                 gtk_drop_down_get_selected (self->new_partner_country_dropdown));

  if (name[0] == '\0')
    return;

  g_ptr_array_add (ks_agreement_get_partners (self->agreement),
                   ks_partner_ref_new (NULL, name, kind != NULL ? ks_key_item_get_key (kind) : NULL,
                                       country, locality));
  gtk_editable_set_text (GTK_EDITABLE (self->new_partner_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_partner_locality_row), "");
  gtk_drop_down_set_selected (self->new_partner_country_dropdown, 0);
  rebuild_partners (self);
  refresh (self);
}

/* People */

static void
person_changed_cb (KsAgreementEditor *self)
{
  refresh (self);
}

/* The row goes before the person it edits. */
static void
person_remove_cb (KsPersonRow       *row,
                  KsAgreementEditor *self)
{
  GPtrArray *people = ks_agreement_get_people (self->agreement);
  KsPerson *person = ks_person_row_get_person (row);
  guint index;

  if (!g_ptr_array_find (people, person, &index))
    return;

  g_ptr_array_steal_index (people, index);
  rebuild_people (self);
  ks_person_free (person);
  refresh (self);
}

static void
rebuild_people (KsAgreementEditor *self)
{
  GPtrArray *people = ks_agreement_get_people (self->agreement);

  clear_problem_rows (self);
  for (guint i = 0; i < self->person_rows->len; i++)
    gtk_list_box_remove (self->people_list, g_ptr_array_index (self->person_rows, i));
  g_ptr_array_set_size (self->person_rows, 0);

  for (guint i = 0; i < people->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("person-%u", i);
      GtkWidget *row = ks_person_row_new (g_ptr_array_index (people, i), name);

      g_signal_connect_swapped (row, "changed", G_CALLBACK (person_changed_cb), self);
      g_signal_connect (row, "remove", G_CALLBACK (person_remove_cb), self);
      gtk_list_box_append (self->people_list, row);
      g_ptr_array_add (self->person_rows, row);
    }
}

static void
add_person_cb (KsAgreementEditor *self)
{
  GtkWidget *row;

  g_ptr_array_add (ks_agreement_get_people (self->agreement),
                   ks_person_new ("local", "contact", ""));
  rebuild_people (self);
  refresh (self);

  /* The new person opens, ready for a name. */
  row = g_ptr_array_index (self->person_rows, self->person_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (row);
}

/* Showing an agreement */

static void
select_region (KsAgreementEditor *self,
               const char        *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->regions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (self->regions), i);

      if (g_str_equal (ks_region_get_code (region), code))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (self->region_row), i);
          return;
        }
    }

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->region_row), GTK_INVALID_LIST_POSITION);
}

static guint
find_code (GPtrArray  *codes,
           const char *code)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &index))
    return index;

  return GTK_INVALID_LIST_POSITION;
}

/* The current parent joins the head of the chooser, so that it need
 * not be looked for among every agreement; a deleted one still shows. */
static void
select_parent (KsAgreementEditor *self,
               const char        *uuid)
{
  g_autoptr(KsAgreement) parent = NULL;

  if (uuid[0] == '\0')
    {
      gtk_drop_down_set_selected (self->parent_dropdown, 0);
      return;
    }

  parent = ks_agreement_store_load (self->db, uuid, NULL);
  gtk_string_list_append (self->parent_head, parent != NULL ? ks_agreement_get_title (parent) : uuid);
  g_ptr_array_add (self->parent_uuids, g_strdup (uuid));
  gtk_drop_down_set_selected (self->parent_dropdown, self->parent_uuids->len - 1);
}

static void
show_text (GtkTextView *view,
           const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
show_amount (GtkWidget *row,
             gint64     amount)
{
  g_autofree char *text = format_amount (amount);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
show_scalars (KsAgreementEditor *self)
{
  KsAgreement *agreement = self->agreement;

  for (guint i = 0; i < G_N_ELEMENTS (text_rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (ROW_AT (self, text_rows[i].offset)),
                           ks_agreement_get_string (agreement, text_rows[i].property));
  for (guint i = 0; i < G_N_ELEMENTS (date_rows); i++)
    ks_date_row_set_value (KS_DATE_ROW (ROW_AT (self, date_rows[i].offset)),
                           ks_agreement_get_string (agreement, date_rows[i].property));
  for (guint i = 0; i < G_N_ELEMENTS (key_rows); i++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (ROW_AT (self, key_rows[i].offset)),
                                MAX (0, ks_key_get_index (key_rows[i].set,
                                                          ks_agreement_get_string (agreement, key_rows[i].property))));

  select_region (self, ks_agreement_get_region_code (agreement));
  select_parent (self, ks_agreement_get_parent_uuid (agreement));
  update_open_parent (self);
  gtk_drop_down_set_selected (self->currency_dropdown,
                              find_code (self->currency_codes,
                                         ks_agreement_get_string (agreement, "partner-currency")));
  show_amount (self->apbd_amount_row, ks_agreement_get_apbd_amount (agreement));
  show_amount (self->partner_amount_row, ks_agreement_get_partner_amount (agreement));
  show_text (self->description_view, ks_agreement_get_string (agreement, "description"));
  show_text (self->notes_view, ks_agreement_get_string (agreement, "notes"));
}

static void
show_checks (KsAgreementEditor *self)
{
  GPtrArray *sectors = ks_agreement_get_sectors (self->agreement);
  GPtrArray *obstacles = ks_agreement_get_obstacles (self->agreement);
  GPtrArray *entries = ks_agreement_get_procedure (self->agreement);

  for (guint i = 0; i < sectors->len; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->sector_checks, g_ptr_array_index (sectors, i));

      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
    }

  for (guint i = 0; i < obstacles->len; i++)
    {
      KsObstacle *obstacle = g_ptr_array_index (obstacles, i);
      AdwExpanderRow *row = g_hash_table_lookup (self->obstacle_rows, obstacle->key);

      if (row == NULL)
        continue;
      adw_expander_row_set_enable_expansion (row, TRUE);
      gtk_editable_set_text (g_object_get_data (G_OBJECT (row), "ks-note"), obstacle->note);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      KsProcedureEntry *entry = g_ptr_array_index (entries, i);
      AdwExpanderRow *row = g_hash_table_lookup (self->step_rows, entry->step_key);

      if (row == NULL)
        continue;
      ks_date_row_set_value (g_object_get_data (G_OBJECT (row), "ks-date"), entry->done_on);
      gtk_editable_set_text (g_object_get_data (G_OBJECT (row), "ks-note"), entry->note);
    }
}

/* The rows rebuild the check lists in their own order, so the baseline
 * is taken after that: opening and closing an agreement changes nothing. */
static void
show_agreement (KsAgreementEditor *self)
{
  self->loading = TRUE;
  show_scalars (self);
  suggest_parties (self);
  show_checks (self);
  rebuild_parties (self);
  rebuild_partners (self);
  rebuild_people (self);
  sync_sectors (self);
  sync_obstacles (self);
  sync_procedure (self);
  describe_sectors (self);
  self->loading = FALSE;

  g_clear_object (&self->original);
  self->original = ks_agreement_copy (self->agreement);
  refresh (self);
}

/* The record's own pages */

/* An event may move the stage or renew the end date in the register; the
 * editor takes both over, as the starting point too, so that saving the
 * other fields keeps them. */
static void
timeline_changed_cb (KsAgreementEditor *self)
{
  static const char * const moved[] = { "stage", "ends-on" };
  g_autoptr(KsAgreement) stored = ks_agreement_store_load (self->db, self->uuid, NULL);

  if (stored == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      const char *value = ks_agreement_get_string (stored, moved[i]);

      g_object_set (self->agreement, moved[i], value, NULL);
      g_object_set (self->original, moved[i], value, NULL);
    }

  self->loading = TRUE;
  show_scalars (self);
  self->loading = FALSE;
  refresh (self);
}

static void
add_page (KsAgreementEditor *self,
          GtkWidget         *child,
          const char        *name,
          const char        *title,
          const char        *icon_name)
{
  AdwViewStackPage *page = adw_view_stack_add_titled (self->view_stack, child, name, title);

  adw_view_stack_page_set_icon_name (page, icon_name);
}

/* Events, files and the history belong to an agreement in the register,
 * so a new one gets them once saved. */
static void
add_record_pages (KsAgreementEditor *self)
{
  GtkWidget *timeline = ks_event_timeline_new (self->db, self->uuid);

  g_signal_connect_object (timeline, "changed", G_CALLBACK (timeline_changed_cb),
                           self, G_CONNECT_SWAPPED);
  add_page (self, timeline, "timeline", _("Timeline"), "x-office-calendar-symbolic");
  add_page (self, ks_attachment_list_new (self->db, self->uuid), "attachments",
            _("Attachments"), "mail-attachment-symbolic");
  add_page (self, ks_history_list_new (self->db, self->uuid), "history",
            _("History"), "document-open-recent-symbolic");
}

/* Saving and closing */

static void
show_toast (KsAgreementEditor *self,
            const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static gboolean
save (KsAgreementEditor *self)
{
  g_autoptr(GError) error = NULL;

  refresh (self);
  if (!self->valid)
    {
      show_toast (self, _("Correct the fields marked in red before saving"));
      return FALSE;
    }

  if (!ks_agreement_store_save (self->db, self->agreement, "editor", &error))
    {
      /* Translators: the reason follows */
      g_autofree char *message = g_strdup_printf (_("The agreement was not saved: %s"), error->message);

      show_toast (self, message);
      return FALSE;
    }

  g_free (self->uuid);
  self->uuid = g_strdup (ks_agreement_get_uuid (self->agreement));
  g_clear_object (&self->original);
  self->original = ks_agreement_copy (self->agreement);
  self->modified = FALSE;
  g_signal_emit (self, signals[SAVED], 0, self->uuid);

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (KS_AGREEMENT_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
unsaved_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     KsAgreementEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    save (self);
}

static void
ask_about_changes (KsAgreementEditor *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"),
                                              _("This agreement has changes that are not saved. "
                                                "Discarded changes cannot be recovered."));
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_responses (message,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (message, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (message, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (message, "save", self->valid);
  adw_message_dialog_set_default_response (message, self->valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
ks_agreement_editor_close_request (GtkWindow *window)
{
  KsAgreementEditor *self = KS_AGREEMENT_EDITOR (window);

  refresh (self);
  if (self->modified && !self->closing)
    {
      ask_about_changes (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (ks_agreement_editor_parent_class)->close_request (window);
}

/* Setting up */

static void
tag_row (KsAgreementEditor *self,
         GtkWidget         *row,
         const char        *property)
{
  g_object_set_data (G_OBJECT (row), "ks-property", (gpointer) property);
  g_hash_table_insert (self->anchors, (gpointer) property, row);
}

static void
connect_scalars (KsAgreementEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, text_rows[i].offset);

      tag_row (self, row, text_rows[i].property);
      g_signal_connect (row, "changed", G_CALLBACK (text_row_changed_cb), self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (date_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, date_rows[i].offset);

      tag_row (self, row, date_rows[i].property);
      g_signal_connect (row, "notify::value", G_CALLBACK (date_row_changed_cb), self);
      g_signal_connect_swapped (row, "notify::valid", G_CALLBACK (date_row_valid_cb), self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (key_rows); i++)
    {
      GtkWidget *row = ROW_AT (self, key_rows[i].offset);

      tag_row (self, row, key_rows[i].property);
      setup_key_combo (ADW_COMBO_ROW (row), key_rows[i].set);
      g_signal_connect (row, "notify::selected", G_CALLBACK (key_row_selected_cb), self);
    }
}

static void
connect_others (KsAgreementEditor *self)
{
  const struct { GtkWidget *row; const char *property; } others[] = {
    { self->region_row, "region-code" },
    { self->parent_row, "parent-uuid" },
    { self->apbd_amount_row, "apbd-amount" },
    { self->partner_amount_row, "partner-amount" },
    { self->currency_row, "partner-currency" },
  };
  GtkTextBuffer *description = gtk_text_view_get_buffer (self->description_view);
  GtkTextBuffer *notes = gtk_text_view_get_buffer (self->notes_view);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    tag_row (self, others[i].row, others[i].property);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = i == 0 ? self->apbd_amount_row : self->partner_amount_row;
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (row, "changed", G_CALLBACK (amount_changed_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (amount_focus_left_cb), self);
      gtk_widget_add_controller (row, focus);
    }

  g_object_set_data (G_OBJECT (description), "ks-property", (gpointer) "description");
  g_object_set_data (G_OBJECT (notes), "ks-property", (gpointer) "notes");
  g_signal_connect (description, "changed", G_CALLBACK (buffer_changed_cb), self);
  g_signal_connect (notes, "changed", G_CALLBACK (buffer_changed_cb), self);
  g_signal_connect_swapped (self->region_row, "notify::selected", G_CALLBACK (region_selected_cb), self);
  g_signal_connect_swapped (self->currency_dropdown, "notify::selected", G_CALLBACK (currency_selected_cb), self);
  g_signal_connect_swapped (self->new_partner_name_row, "changed",
                            G_CALLBACK (new_partner_name_changed_cb), self);
}

static void
connect_parent_chooser (KsAgreementEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (self->parent_dropdown, "notify::selected", G_CALLBACK (parent_selected_cb), self);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (parent_chooser_entered_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->parent_dropdown), focus);

  /* A click may open the list without moving the focus. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parent_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_signal_connect_swapped (child, "show", G_CALLBACK (parent_chooser_entered_cb), self);
}

static gboolean
build (KsAgreementEditor  *self,
       GError            **error)
{
  self->loading = TRUE;
  build_sectors (self);
  build_obstacles (self);
  build_countries (self);
  build_currencies (self);
  setup_key_combo (self->new_partner_kind_row, KS_KEY_SET_PARTNER_KIND);
  gtk_widget_set_sensitive (self->add_new_partner_button, FALSE);
  connect_scalars (self);
  connect_others (self);
  connect_parent_chooser (self);
  build_parents (self);
  if (!build_regions (self, error) ||
      !build_existing_partners (self, error) || !build_procedure (self, error))
    return FALSE;

  self->loading = FALSE;
  return TRUE;
}

static void
ks_agreement_editor_dispose (GObject *object)
{
  KsAgreementEditor *self = KS_AGREEMENT_EDITOR (object);

  /* Rows that go away may still report changes: nothing is edited now. */
  self->loading = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_AGREEMENT_EDITOR);
  g_clear_object (&self->db);
  g_clear_object (&self->original);
  g_clear_object (&self->agreement);
  g_clear_object (&self->regions);
  g_clear_object (&self->partners);
  g_clear_object (&self->steps);
  g_clear_object (&self->parent_head);
  g_clear_object (&self->parent_parts);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->problem_rows, g_hash_table_unref);
  g_clear_pointer (&self->sector_checks, g_hash_table_unref);
  g_clear_pointer (&self->obstacle_rows, g_hash_table_unref);
  g_clear_pointer (&self->step_rows, g_hash_table_unref);

  G_OBJECT_CLASS (ks_agreement_editor_parent_class)->dispose (object);
}

static void
ks_agreement_editor_finalize (GObject *object)
{
  KsAgreementEditor *self = KS_AGREEMENT_EDITOR (object);

  g_free (self->uuid);
  g_free (self->apbd_error);
  g_free (self->partner_amount_error);
  g_ptr_array_unref (self->parent_uuids);
  g_ptr_array_unref (self->country_codes);
  g_ptr_array_unref (self->currency_codes);
  g_ptr_array_unref (self->party_rows);
  g_ptr_array_unref (self->partner_rows);
  g_ptr_array_unref (self->person_rows);
  g_ptr_array_unref (self->extra_dates);

  G_OBJECT_CLASS (ks_agreement_editor_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KsAgreementEditor, name)

static void
bind_children (GtkWidgetClass *widget_class)
{
  BIND (toast_overlay);
  BIND (switcher_title);
  BIND (view_stack);
  BIND (other_problems_group);
  BIND (other_problems_label);
  BIND (title_row);
  BIND (region_row);
  BIND (form_row);
  BIND (document_row);
  BIND (stage_row);
  BIND (parent_row);
  BIND (parent_dropdown);
  BIND (related_list);
  BIND (description_view);
  BIND (local_parties_list);
  BIND (known_party_row);
  BIND (known_party_dropdown);
  BIND (add_local_party_row);
  BIND (partners_list);
  BIND (existing_partner_dropdown);
  BIND (add_existing_partner_button);
  BIND (new_partner_name_row);
  BIND (new_partner_kind_row);
  BIND (new_partner_country_dropdown);
  BIND (new_partner_locality_row);
  BIND (add_new_partner_button);
  BIND (sectors_row);
  BIND (signed_on_row);
  BIND (starts_on_row);
  BIND (ends_on_row);
  BIND (reported_by_agency_on_row);
  BIND (reported_to_center_on_row);
  BIND (dprd_approved_on_row);
  BIND (apbd_amount_row);
  BIND (partner_amount_row);
  BIND (currency_row);
  BIND (currency_dropdown);
  BIND (region_doc_number_row);
  BIND (partner_doc_number_row);
  BIND (people_list);
  BIND (procedure_group);
  BIND (obstacles_group);
  BIND (notes_view);
}

#undef BIND

static void
ks_agreement_editor_class_init (KsAgreementEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ks_agreement_editor_dispose;
  object_class->finalize = ks_agreement_editor_finalize;
  window_class->close_request = ks_agreement_editor_close_request;

  /**
   * KsAgreementEditor::saved:
   * @uuid: the saved agreement's uuid
   *
   * Emitted after the agreement was written to the register, just before
   * the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (KS_TYPE_DATE_ROW);
  g_type_ensure (KS_TYPE_RELATED_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/ks-agreement-editor.ui");
  bind_children (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, add_local_party_cb);
  gtk_widget_class_bind_template_callback (widget_class, related_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_known_party_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_existing_partner_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_new_partner_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_person_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.open-parent", NULL, open_parent_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "editor.open-parent", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
ks_agreement_editor_init (KsAgreementEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->anchors = g_hash_table_new (g_str_hash, g_str_equal);
  self->problem_rows = g_hash_table_new (NULL, NULL);
  self->sector_checks = g_hash_table_new (g_str_hash, g_str_equal);
  self->obstacle_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->step_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parent_uuids = g_ptr_array_new_with_free_func (g_free);
  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);
  self->party_rows = g_ptr_array_new ();
  self->partner_rows = g_ptr_array_new ();
  self->person_rows = g_ptr_array_new ();
  self->extra_dates = g_ptr_array_new ();
  self->loading = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

static KsAgreement *
new_agreement (GSettings *settings)
{
  KsAgreement *agreement = ks_agreement_new ();

  if (settings != NULL)
    {
      g_autofree char *home = g_settings_get_string (settings, "home-region");

      g_object_set (agreement, "region-code", home, NULL);
    }

  return agreement;
}

/**
 * ks_agreement_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @settings: (nullable): the application's settings, for the home region
 * @uuid: (nullable): the agreement to edit, or %NULL for a new one
 *
 * Returns: (transfer none) (nullable): a modal editor, not shown yet
 *   (GTK holds it until it is closed), or %NULL with @error set when the
 *   agreement or the register's lists cannot be read
 */
KsAgreementEditor *
ks_agreement_editor_new (GtkWindow   *parent,
                         KsDatabase  *db,
                         GSettings   *settings,
                         const char  *uuid,
                         GError     **error)
{
  g_autoptr(KsAgreement) agreement = NULL;
  KsAgreementEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  agreement = uuid != NULL ? ks_agreement_store_load (db, uuid, error) : new_agreement (settings);
  if (agreement == NULL)
    return NULL;

  self = g_object_new (KS_TYPE_AGREEMENT_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->db = g_object_ref (db);
  self->agreement = g_steal_pointer (&agreement);
  self->uuid = g_strdup (uuid);

  if (!build (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  if (uuid != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Agreement"));
      adw_view_switcher_title_set_title (self->switcher_title, _("Edit Agreement"));
    }
  show_agreement (self);
  if (uuid != NULL)
    {
      add_record_pages (self);
      ks_related_list_set_parent (self->related_list, self->db, uuid);
      gtk_widget_set_visible (GTK_WIDGET (self->related_list), TRUE);
    }
  return self;
}

/**
 * ks_agreement_editor_set_region:
 * @region_code: the Kemendagri code of the region a new agreement
 *   belongs to
 *
 * Gives a new agreement its region (the one the register shows); that is
 * where the editor starts, not a change.
 */
void
ks_agreement_editor_set_region (KsAgreementEditor *self,
                                const char        *region_code)
{
  g_return_if_fail (KS_IS_AGREEMENT_EDITOR (self));
  g_return_if_fail (region_code != NULL);

  if (ks_agreement_get_uuid (self->agreement)[0] != '\0')
    return;

  g_object_set (self->agreement, "region-code", region_code, NULL);
  g_object_set (self->original, "region-code", region_code, NULL);
  self->loading = TRUE;
  select_region (self, region_code);
  suggest_parties (self);
  self->loading = FALSE;
  refresh (self);
}

/**
 * ks_agreement_editor_get_uuid:
 *
 * Returns: (nullable): the agreement's uuid; %NULL for a new agreement
 *   until it is saved
 */
const char *
ks_agreement_editor_get_uuid (KsAgreementEditor *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_EDITOR (self), NULL);

  return self->uuid;
}

gboolean
ks_agreement_editor_get_modified (KsAgreementEditor *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_EDITOR (self), FALSE);

  return self->modified;
}

/**
 * ks_agreement_editor_get_view_stack:
 *
 * Returns: (transfer none): the #AdwViewStack whose first page is
 *   "details"; other pages (timeline, attachments, history) are added to it
 */
GtkWidget *
ks_agreement_editor_get_view_stack (KsAgreementEditor *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_EDITOR (self), NULL);

  return GTK_WIDGET (self->view_stack);
}

/**
 * ks_agreement_editor_show_page:
 * @name: "details", or for a saved agreement "timeline", "attachments"
 *   or "history"
 */
void
ks_agreement_editor_show_page (KsAgreementEditor *self,
                               const char        *name)
{
  g_return_if_fail (KS_IS_AGREEMENT_EDITOR (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}
