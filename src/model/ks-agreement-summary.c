/* ks-agreement-summary.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-agreement-summary"

#include "config.h"

#include <string.h>

#include "ks-agreement-summary-private.h"

/* String properties follow PROP_ID in KsSummaryText order. */
#define FIRST_TEXT_PROP PROP_UUID

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_REGION_CODE,
  PROP_REGION_NAME,
  PROP_LOCAL_PARTIES,
  PROP_PARTNERS,
  PROP_COUNTRIES,
  PROP_FORM,
  PROP_DOCUMENT,
  PROP_STAGE,
  PROP_SECTORS,
  PROP_SIGNED_ON,
  PROP_STARTS_ON,
  PROP_ENDS_ON,
  PROP_LAST_EVENT_ON,
  PROP_REPORTED_TO_CENTER_ON,
  PROP_REPORTED_BY_AGENCY_ON,
  PROP_UPDATED_AT,
  N_PROPS
};

G_STATIC_ASSERT (N_PROPS - FIRST_TEXT_PROP == KS_SUMMARY_N_TEXTS);

struct _KsAgreementSummary
{
  GObject     parent_instance;

  gint64      id;
  /* Point into one block, allocated with the object: summaries are
   * created while scrolling and must be cheap. */
  const char *texts[KS_SUMMARY_N_TEXTS];
  char       *storage;
};

G_DEFINE_FINAL_TYPE (KsAgreementSummary, ks_agreement_summary, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ks_agreement_summary_finalize (GObject *object)
{
  KsAgreementSummary *self = KS_AGREEMENT_SUMMARY (object);

  g_free (self->storage);

  G_OBJECT_CLASS (ks_agreement_summary_parent_class)->finalize (object);
}

static void
ks_agreement_summary_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KsAgreementSummary *self = KS_AGREEMENT_SUMMARY (object);

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id >= FIRST_TEXT_PROP && prop_id < N_PROPS)
    g_value_set_string (value, self->texts[prop_id - FIRST_TEXT_PROP]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_agreement_summary_class_init (KsAgreementSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[KS_SUMMARY_N_TEXTS] = {
    "uuid", "title", "region-code", "region-name", "local-parties",
    "partners", "countries", "form", "document", "stage", "sectors",
    "signed-on", "starts-on", "ends-on", "last-event-on",
    "reported-to-center-on", "reported-by-agency-on", "updated-at",
  };

  object_class->finalize = ks_agreement_summary_finalize;
  object_class->get_property = ks_agreement_summary_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  for (guint i = 0; i < KS_SUMMARY_N_TEXTS; i++)
    properties[FIRST_TEXT_PROP + i] =
      g_param_spec_string (names[i], NULL, NULL, "",
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_agreement_summary_init (KsAgreementSummary *self)
{
}

/* Private: @texts has KS_SUMMARY_N_TEXTS strings; %NULL counts as "". */
KsAgreementSummary *
ks_agreement_summary_new_from_texts (gint64              id,
                                     const char * const *texts)
{
  KsAgreementSummary *self = g_object_new (KS_TYPE_AGREEMENT_SUMMARY, NULL);
  gsize lengths[KS_SUMMARY_N_TEXTS];
  gsize total = 0;
  char *p;

  for (guint i = 0; i < KS_SUMMARY_N_TEXTS; i++)
    {
      lengths[i] = texts[i] != NULL ? strlen (texts[i]) : 0;
      total += lengths[i] + 1;
    }

  self->id = id;
  self->storage = p = g_malloc (total);
  for (guint i = 0; i < KS_SUMMARY_N_TEXTS; i++)
    {
      if (lengths[i] > 0)
        memcpy (p, texts[i], lengths[i]);
      p[lengths[i]] = '\0';
      self->texts[i] = p;
      p += lengths[i] + 1;
    }

  return self;
}

/* Private: whether the summary still shows the row read from the database,
 * so that a reload can hand out the same object and keep selections. */
gboolean
ks_agreement_summary_has_texts (KsAgreementSummary *self,
                                gint64              id,
                                const char * const *texts)
{
  if (self->id != id)
    return FALSE;

  for (guint i = 0; i < KS_SUMMARY_N_TEXTS; i++)
    if (strcmp (self->texts[i], texts[i] != NULL ? texts[i] : "") != 0)
      return FALSE;

  return TRUE;
}

gint64
ks_agreement_summary_get_id (KsAgreementSummary *self)
{
  g_return_val_if_fail (KS_IS_AGREEMENT_SUMMARY (self), 0);
  return self->id;
}

#define DEFINE_TEXT_GETTER(name, index)                           \
  const char *                                                    \
  ks_agreement_summary_get_##name (KsAgreementSummary *self)      \
  {                                                               \
    g_return_val_if_fail (KS_IS_AGREEMENT_SUMMARY (self), NULL);  \
    return self->texts[index];                                    \
  }

DEFINE_TEXT_GETTER (uuid, KS_SUMMARY_UUID)
DEFINE_TEXT_GETTER (title, KS_SUMMARY_TITLE)
DEFINE_TEXT_GETTER (region_code, KS_SUMMARY_REGION_CODE)
DEFINE_TEXT_GETTER (region_name, KS_SUMMARY_REGION_NAME)
DEFINE_TEXT_GETTER (local_parties, KS_SUMMARY_LOCAL_PARTIES)
DEFINE_TEXT_GETTER (partners, KS_SUMMARY_PARTNERS)
DEFINE_TEXT_GETTER (countries, KS_SUMMARY_COUNTRIES)
DEFINE_TEXT_GETTER (form, KS_SUMMARY_FORM)
DEFINE_TEXT_GETTER (document, KS_SUMMARY_DOCUMENT)
DEFINE_TEXT_GETTER (stage, KS_SUMMARY_STAGE)
DEFINE_TEXT_GETTER (sectors, KS_SUMMARY_SECTORS)
DEFINE_TEXT_GETTER (signed_on, KS_SUMMARY_SIGNED_ON)
DEFINE_TEXT_GETTER (starts_on, KS_SUMMARY_STARTS_ON)
DEFINE_TEXT_GETTER (ends_on, KS_SUMMARY_ENDS_ON)
DEFINE_TEXT_GETTER (last_event_on, KS_SUMMARY_LAST_EVENT_ON)
DEFINE_TEXT_GETTER (reported_to_center_on, KS_SUMMARY_REPORTED_TO_CENTER_ON)
DEFINE_TEXT_GETTER (reported_by_agency_on, KS_SUMMARY_REPORTED_BY_AGENCY_ON)
DEFINE_TEXT_GETTER (updated_at, KS_SUMMARY_UPDATED_AT)
