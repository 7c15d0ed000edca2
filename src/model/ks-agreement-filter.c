/* ks-agreement-filter.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-filter"

#include "config.h"

#include <string.h>

#include "ks-agreement-filter.h"

enum {
  PROP_0,
  PROP_REGIONS,
  PROP_STAGES,
  PROP_FORMS,
  PROP_SECTORS,
  PROP_COUNTRIES,
  PROP_YEAR_FROM,
  PROP_YEAR_TO,
  PROP_SEARCH_TEXT,
  PROP_SMART_VIEW,
  PROP_FOLLOW_UP_MONTHS,
  PROP_EXPIRY_MONTHS,
  PROP_TODAY,
  N_PROPS
};

/* The sets, indexed from PROP_REGIONS. */
#define N_SETS (PROP_COUNTRIES - PROP_REGIONS + 1)

struct _KsAgreementFilter
{
  GObject      parent_instance;

  GStrv        sets[N_SETS];     /* sorted, no duplicates; NULL = all */
  guint        year_from;
  guint        year_to;
  char        *search_text;
  KsSmartView  smart_view;
  guint        follow_up_months;
  guint        expiry_months;
  GDate       *today;            /* NULL: the real date */
};

G_DEFINE_ENUM_TYPE (KsSmartView, ks_smart_view,
  G_DEFINE_ENUM_VALUE (KS_SMART_VIEW_NONE, "none"),
  G_DEFINE_ENUM_VALUE (KS_SMART_VIEW_NEEDS_FOLLOW_UP, "needs-follow-up"),
  G_DEFINE_ENUM_VALUE (KS_SMART_VIEW_EXPIRING, "expiring"),
  G_DEFINE_ENUM_VALUE (KS_SMART_VIEW_NOT_REPORTED, "not-reported"),
  G_DEFINE_ENUM_VALUE (KS_SMART_VIEW_MISSING_STEPS, "missing-steps"))

G_DEFINE_FINAL_TYPE (KsAgreementFilter, ks_agreement_filter, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted and unique, so that equal sets compare equal whatever order the
 * widgets list them in. */
static GStrv
normalize_set (const char * const *items)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new ();
  GStrv result;
  guint n = 0;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    if (items[i][0] != '\0')
      g_ptr_array_add (array, (gpointer) items[i]);

  if (array->len == 0)
    return NULL;

  g_ptr_array_sort (array, compare_strings);
  result = g_new0 (char *, array->len + 1);
  for (guint i = 0; i < array->len; i++)
    if (n == 0 || strcmp (result[n - 1], g_ptr_array_index (array, i)) != 0)
      result[n++] = g_strdup (g_ptr_array_index (array, i));

  return result;
}

static gboolean
sets_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static void
set_set (KsAgreementFilter  *self,
         guint               prop_id,
         const char * const *items)
{
  GStrv normalized = normalize_set (items);
  GStrv *slot = &self->sets[prop_id - PROP_REGIONS];

  if (sets_equal ((const char * const *) *slot, (const char * const *) normalized))
    {
      g_strfreev (normalized);
      return;
    }

  g_strfreev (*slot);
  *slot = normalized;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_uint (KsAgreementFilter *self,
          guint             *field,
          guint              value,
          guint              prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ks_agreement_filter_finalize (GObject *object)
{
  KsAgreementFilter *self = KS_AGREEMENT_FILTER (object);

  for (guint i = 0; i < N_SETS; i++)
    g_strfreev (self->sets[i]);
  g_free (self->search_text);
  g_clear_pointer (&self->today, g_date_free);

  G_OBJECT_CLASS (ks_agreement_filter_parent_class)->finalize (object);
}

static void
ks_agreement_filter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KsAgreementFilter *self = KS_AGREEMENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_REGIONS:
    case PROP_STAGES:
    case PROP_FORMS:
    case PROP_SECTORS:
    case PROP_COUNTRIES:
      g_value_set_boxed (value, self->sets[prop_id - PROP_REGIONS]);
      break;
    case PROP_YEAR_FROM:
      g_value_set_uint (value, self->year_from);
      break;
    case PROP_YEAR_TO:
      g_value_set_uint (value, self->year_to);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_SMART_VIEW:
      g_value_set_enum (value, self->smart_view);
      break;
    case PROP_FOLLOW_UP_MONTHS:
      g_value_set_uint (value, self->follow_up_months);
      break;
    case PROP_EXPIRY_MONTHS:
      g_value_set_uint (value, self->expiry_months);
      break;
    case PROP_TODAY:
      g_value_set_boxed (value, self->today);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_agreement_filter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KsAgreementFilter *self = KS_AGREEMENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_REGIONS:
    case PROP_STAGES:
    case PROP_FORMS:
    case PROP_SECTORS:
    case PROP_COUNTRIES:
      set_set (self, prop_id, g_value_get_boxed (value));
      break;
    case PROP_YEAR_FROM:
      set_uint (self, &self->year_from, g_value_get_uint (value), prop_id);
      break;
    case PROP_YEAR_TO:
      set_uint (self, &self->year_to, g_value_get_uint (value), prop_id);
      break;
    case PROP_SEARCH_TEXT:
      ks_agreement_filter_set_search_text (self, g_value_get_string (value));
      break;
    case PROP_SMART_VIEW:
      ks_agreement_filter_set_smart_view (self, g_value_get_enum (value));
      break;
    case PROP_FOLLOW_UP_MONTHS:
      set_uint (self, &self->follow_up_months, g_value_get_uint (value), prop_id);
      break;
    case PROP_EXPIRY_MONTHS:
      set_uint (self, &self->expiry_months, g_value_get_uint (value), prop_id);
      break;
    case PROP_TODAY:
      ks_agreement_filter_set_today (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
set_pspec (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
uint_pspec (const char *name,
            guint       minimum,
            guint       maximum,
            guint       default_value)
{
  return g_param_spec_uint (name, NULL, NULL, minimum, maximum, default_value,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
ks_agreement_filter_class_init (KsAgreementFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_agreement_filter_finalize;
  object_class->get_property = ks_agreement_filter_get_property;
  object_class->set_property = ks_agreement_filter_set_property;

  properties[PROP_REGIONS] = set_pspec ("regions");
  properties[PROP_STAGES] = set_pspec ("stages");
  properties[PROP_FORMS] = set_pspec ("forms");
  properties[PROP_SECTORS] = set_pspec ("sectors");
  properties[PROP_COUNTRIES] = set_pspec ("countries");
  /* 0 leaves that end of the range open. */
  properties[PROP_YEAR_FROM] = uint_pspec ("year-from", 0, 9999, 0);
  properties[PROP_YEAR_TO] = uint_pspec ("year-to", 0, 9999, 0);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SMART_VIEW] =
    g_param_spec_enum ("smart-view", NULL, NULL, KS_TYPE_SMART_VIEW, KS_SMART_VIEW_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLLOW_UP_MONTHS] =
    uint_pspec ("follow-up-months", 1, 1200, KS_AGREEMENT_FILTER_DEFAULT_FOLLOW_UP_MONTHS);
  properties[PROP_EXPIRY_MONTHS] =
    uint_pspec ("expiry-months", 1, 1200, KS_AGREEMENT_FILTER_DEFAULT_EXPIRY_MONTHS);
  /* NULL: the computer's date, read each time the filter is applied. */
  properties[PROP_TODAY] =
    g_param_spec_boxed ("today", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_agreement_filter_init (KsAgreementFilter *self)
{
  self->search_text = g_strdup ("");
  self->follow_up_months = KS_AGREEMENT_FILTER_DEFAULT_FOLLOW_UP_MONTHS;
  self->expiry_months = KS_AGREEMENT_FILTER_DEFAULT_EXPIRY_MONTHS;
}

/**
 * ks_agreement_filter_new:
 *
 * Returns: (transfer full): a filter that lets every agreement through,
 *   with the default thresholds (12 months without follow-up, 6 months
 *   before expiry)
 */
KsAgreementFilter *
ks_agreement_filter_new (void)
{
  return g_object_new (KS_TYPE_AGREEMENT_FILTER, NULL);
}

#define DEFINE_SET_ACCESSORS(name, prop)                                          \
  void                                                                            \
  ks_agreement_filter_set_##name (KsAgreementFilter  *self,                       \
                                  const char * const *items)                      \
  {                                                                               \
    g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));                             \
    set_set (self, prop, items);                                                  \
  }                                                                               \
                                                                                  \
  const char * const *                                                            \
  ks_agreement_filter_get_##name (KsAgreementFilter *self)                        \
  {                                                                               \
    g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), NULL);                   \
    return (const char * const *) self->sets[prop - PROP_REGIONS];                \
  }

/**
 * ks_agreement_filter_set_regions:
 * @codes: (nullable) (array zero-terminated=1): region codes ("33.72");
 *   %NULL or empty for every region
 *
 * The other set setters work alike: stages, forms and sectors take keys,
 * countries ISO 3166-1 alpha-2 codes.  The getters return %NULL for "all".
 */
DEFINE_SET_ACCESSORS (regions, PROP_REGIONS)
DEFINE_SET_ACCESSORS (stages, PROP_STAGES)
DEFINE_SET_ACCESSORS (forms, PROP_FORMS)
DEFINE_SET_ACCESSORS (sectors, PROP_SECTORS)
DEFINE_SET_ACCESSORS (countries, PROP_COUNTRIES)

/**
 * ks_agreement_filter_set_year_range:
 * @year_from: first year, or 0 for no lower bound
 * @year_to: last year, or 0 for no upper bound
 *
 * Keeps the agreements whose period overlaps the years; when both are set
 * and @year_from is after @year_to, nothing matches.
 */
void
ks_agreement_filter_set_year_range (KsAgreementFilter *self,
                                    guint              year_from,
                                    guint              year_to)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));
  g_return_if_fail (year_from <= 9999 && year_to <= 9999);

  g_object_freeze_notify (G_OBJECT (self));
  set_uint (self, &self->year_from, year_from, PROP_YEAR_FROM);
  set_uint (self, &self->year_to, year_to, PROP_YEAR_TO);
  g_object_thaw_notify (G_OBJECT (self));
}

guint
ks_agreement_filter_get_year_from (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), 0);
  return self->year_from;
}

guint
ks_agreement_filter_get_year_to (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), 0);
  return self->year_to;
}

/**
 * ks_agreement_filter_set_search_text:
 * @text: (nullable): what the user typed; %NULL or "" for no search
 *
 * Every word must occur, ignoring case and accents, in the title,
 * description, local parties, partners, partner country codes or their
 * names in the user's language, or notes.
 */
void
ks_agreement_filter_set_search_text (KsAgreementFilter *self,
                                     const char        *text)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->search_text, text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

const char *
ks_agreement_filter_get_search_text (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), NULL);
  return self->search_text;
}

void
ks_agreement_filter_set_smart_view (KsAgreementFilter *self,
                                    KsSmartView        view)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));
  g_return_if_fail (view <= KS_SMART_VIEW_LAST);

  if (self->smart_view == view)
    return;

  self->smart_view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SMART_VIEW]);
}

KsSmartView
ks_agreement_filter_get_smart_view (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), KS_SMART_VIEW_NONE);
  return self->smart_view;
}

/**
 * ks_agreement_filter_set_follow_up_months:
 * @months: how long an agreement may go without activity before it
 *   "needs follow-up"; at least 1
 */
void
ks_agreement_filter_set_follow_up_months (KsAgreementFilter *self,
                                          guint              months)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));
  g_return_if_fail (months >= 1 && months <= 1200);

  set_uint (self, &self->follow_up_months, months, PROP_FOLLOW_UP_MONTHS);
}

guint
ks_agreement_filter_get_follow_up_months (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), 0);
  return self->follow_up_months;
}

/**
 * ks_agreement_filter_set_expiry_months:
 * @months: how far ahead an end date makes an agreement "expiring"; at
 *   least 1
 */
void
ks_agreement_filter_set_expiry_months (KsAgreementFilter *self,
                                       guint              months)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));
  g_return_if_fail (months >= 1 && months <= 1200);

  set_uint (self, &self->expiry_months, months, PROP_EXPIRY_MONTHS);
}

guint
ks_agreement_filter_get_expiry_months (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), 0);
  return self->expiry_months;
}

/**
 * ks_agreement_filter_set_today:
 * @today: (nullable): the date the smart views measure from; %NULL for
 *   the computer's date (tests and reports "as of" a date pass one)
 */
void
ks_agreement_filter_set_today (KsAgreementFilter *self,
                               const GDate       *today)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  if (today == NULL && self->today == NULL)
    return;
  if (today != NULL && self->today != NULL && g_date_compare (today, self->today) == 0)
    return;

  g_clear_pointer (&self->today, g_date_free);
  if (today != NULL)
    self->today = g_date_copy (today);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * ks_agreement_filter_get_today:
 * @today: (out caller-allocates): set to the date in effect: the one
 *   given to ks_agreement_filter_set_today(), or the computer's date
 */
void
ks_agreement_filter_get_today (KsAgreementFilter *self,
                               GDate             *today)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));
  g_return_if_fail (today != NULL);

  if (self->today != NULL)
    {
      *today = *self->today;
      return;
    }

  now = g_date_time_new_now_local ();
  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * ks_agreement_filter_is_active:
 *
 * Returns: whether any criterion hides agreements (thresholds and today
 *   alone do not), e.g. to offer "Clear filters"
 */
gboolean
ks_agreement_filter_is_active (KsAgreementFilter *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_FILTER (self), FALSE);

  for (guint i = 0; i < N_SETS; i++)
    if (self->sets[i] != NULL)
      return TRUE;

  return self->year_from != 0 || self->year_to != 0 ||
         self->search_text[0] != '\0' ||
         self->smart_view != KS_SMART_VIEW_NONE;
}

/**
 * ks_agreement_filter_clear:
 *
 * Drops every criterion; keeps the thresholds and today.
 */
void
ks_agreement_filter_clear (KsAgreementFilter *self)
{
  g_return_if_fail (KS_IS_AGREEMENT_FILTER (self));

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < N_SETS; i++)
    set_set (self, PROP_REGIONS + i, NULL);
  ks_agreement_filter_set_year_range (self, 0, 0);
  ks_agreement_filter_set_search_text (self, NULL);
  ks_agreement_filter_set_smart_view (self, KS_SMART_VIEW_NONE);
  g_object_thaw_notify (G_OBJECT (self));
}
