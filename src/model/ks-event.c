/* ks-event.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-event"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-error.h"
#include "ks-event.h"
#include "ks-iso-codes.h"
#include "ks-keys.h"
#include "ks-partial-date.h"

enum {
  PROP_0,
  PROP_UUID,
  PROP_AGREEMENT_UUID,
  PROP_OCCURRED_ON,
  PROP_KIND,
  PROP_DESCRIPTION,
  PROP_COST_CURRENCY,
  PROP_NEW_STAGE,
  PROP_OLD_ENDS_ON,
  PROP_NEW_ENDS_ON,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_COST_AMOUNT,
  N_PROPS
};

/* Every property but the amount is a string, kept by property id. */
#define N_STRINGS PROP_COST_AMOUNT

struct _KsEvent
{
  GObject  parent_instance;

  char    *strings[N_STRINGS];
  gint64   cost_amount;
};

G_DEFINE_FINAL_TYPE (KsEvent, ks_event, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char *
default_string (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_KIND:
      return "other";
    case PROP_COST_CURRENCY:
      return "IDR";
    default:
      return "";
    }
}

static void
set_string (KsEvent    *self,
            guint       prop_id,
            const char *value)
{
  if (value == NULL)
    value = default_string (prop_id);

  if (g_strcmp0 (self->strings[prop_id], value) == 0)
    return;

  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Starts a helper's message with the event's field it concerns. */
static gboolean
set_field_error (GError     **error,
                 GError      *cause,
                 const char  *field)
{
  /* Translators: the name of a field ("Date"), then what is wrong with it. */
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("%s: %s"), field, cause->message);
  return FALSE;
}

static gboolean
validate_date (const char  *text,
               const char  *field,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (text[0] == '\0' || ks_partial_date_validate (text, &local_error))
    return TRUE;

  return set_field_error (error, local_error, field);
}

/* ks_key_validate() would name the set "Stage"; the event's field is
 * the stage it moves the agreement to. */
static gboolean
validate_new_stage (const char  *stage,
                    GError     **error)
{
  g_autofree char *valid = NULL;

  if (stage[0] == '\0' || ks_key_is_valid (KS_KEY_SET_STAGE, stage))
    return TRUE;

  valid = g_strjoinv (", ", (char **) ks_key_set_get_keys (KS_KEY_SET_STAGE));
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("%s: “%s” is not known; use one of %s"),
               C_("event field", "New stage"), stage, valid);
  return FALSE;
}

static gboolean
validate_dates (KsEvent  *self,
                GError  **error)
{
  if (self->strings[PROP_OCCURRED_ON][0] == '\0')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("%s: an event needs the date it happened"),
                   C_("event field", "Date"));
      return FALSE;
    }

  if (!validate_date (self->strings[PROP_OCCURRED_ON], C_("event field", "Date"), error) ||
      !validate_date (self->strings[PROP_OLD_ENDS_ON], C_("event field", "Old end date"), error) ||
      !validate_date (self->strings[PROP_NEW_ENDS_ON], C_("event field", "New end date"), error))
    return FALSE;

  /* A renewal without a new end date is valid: an open-ended agreement
   * (the Sragen PDAM grant, "2012 – sekarang") is renewed without one. */
  return TRUE;
}

static gboolean
validate_cost (KsEvent  *self,
               GError  **error)
{
  if (self->cost_amount < 0)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("%s: the amount cannot be negative"),
                   C_("event field", "Cost"));
      return FALSE;
    }

  return ks_currency_validate (C_("event field", "Currency"), self->strings[PROP_COST_CURRENCY], error);
}

static gboolean
validate_description (KsEvent  *self,
                      GError  **error)
{
  const char *description = self->strings[PROP_DESCRIPTION];

  if (!g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("%s: the text is not valid UTF-8"),
                   C_("event field", "Description"));
      return FALSE;
    }

  if (g_utf8_strlen (description, -1) > KS_EVENT_DESCRIPTION_MAX)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID, _("%s: the text is longer than %u characters"),
                   C_("event field", "Description"), (guint) KS_EVENT_DESCRIPTION_MAX);
      return FALSE;
    }

  return TRUE;
}

static void
ks_event_finalize (GObject *object)
{
  KsEvent *self = KS_EVENT (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (ks_event_parent_class)->finalize (object);
}

static void
ks_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KsEvent *self = KS_EVENT (object);

  if (prop_id == PROP_COST_AMOUNT)
    g_value_set_int64 (value, self->cost_amount);
  else if (prop_id > PROP_0 && prop_id < N_STRINGS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  KsEvent *self = KS_EVENT (object);

  if (prop_id == PROP_COST_AMOUNT)
    {
      gint64 amount = g_value_get_int64 (value);

      if (amount != self->cost_amount)
        {
          self->cost_amount = amount;
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if (prop_id > PROP_0 && prop_id < N_STRINGS)
    set_string (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
string_pspec (const char *name,
              guint       prop_id)
{
  return g_param_spec_string (name, NULL, NULL, default_string (prop_id),
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                              G_PARAM_EXPLICIT_NOTIFY);
}

static void
ks_event_class_init (KsEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_event_finalize;
  object_class->get_property = ks_event_get_property;
  object_class->set_property = ks_event_set_property;

  properties[PROP_UUID] = string_pspec ("uuid", PROP_UUID);
  properties[PROP_AGREEMENT_UUID] = string_pspec ("agreement-uuid", PROP_AGREEMENT_UUID);
  properties[PROP_OCCURRED_ON] = string_pspec ("occurred-on", PROP_OCCURRED_ON);
  properties[PROP_KIND] = string_pspec ("kind", PROP_KIND);
  properties[PROP_DESCRIPTION] = string_pspec ("description", PROP_DESCRIPTION);
  properties[PROP_COST_CURRENCY] = string_pspec ("cost-currency", PROP_COST_CURRENCY);
  properties[PROP_NEW_STAGE] = string_pspec ("new-stage", PROP_NEW_STAGE);
  properties[PROP_OLD_ENDS_ON] = string_pspec ("old-ends-on", PROP_OLD_ENDS_ON);
  properties[PROP_NEW_ENDS_ON] = string_pspec ("new-ends-on", PROP_NEW_ENDS_ON);
  properties[PROP_CREATED_AT] = string_pspec ("created-at", PROP_CREATED_AT);
  properties[PROP_UPDATED_AT] = string_pspec ("updated-at", PROP_UPDATED_AT);
  properties[PROP_COST_AMOUNT] =
    g_param_spec_int64 ("cost-amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_event_init (KsEvent *self)
{
  for (guint i = PROP_0 + 1; i < N_STRINGS; i++)
    self->strings[i] = g_strdup (default_string (i));
}

/**
 * ks_event_new:
 *
 * Returns: (transfer full): an empty event of kind "other"; the store
 *   gives it a uuid when it is first saved
 */
KsEvent *
ks_event_new (void)
{
  return g_object_new (KS_TYPE_EVENT, NULL);
}

const char *
ks_event_get_uuid (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_UUID];
}

const char *
ks_event_get_agreement_uuid (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_AGREEMENT_UUID];
}

const char *
ks_event_get_occurred_on (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_OCCURRED_ON];
}

const char *
ks_event_get_kind (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_KIND];
}

const char *
ks_event_get_description (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_DESCRIPTION];
}

gint64
ks_event_get_cost_amount (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), 0);
  return self->cost_amount;
}

const char *
ks_event_get_cost_currency (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_COST_CURRENCY];
}

const char *
ks_event_get_new_stage (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_NEW_STAGE];
}

const char *
ks_event_get_old_ends_on (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_OLD_ENDS_ON];
}

const char *
ks_event_get_new_ends_on (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_NEW_ENDS_ON];
}

const char *
ks_event_get_created_at (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_CREATED_AT];
}

const char *
ks_event_get_updated_at (KsEvent *self)
{
  g_return_val_if_fail (KS_IS_EVENT (self), NULL);
  return self->strings[PROP_UPDATED_AT];
}

/**
 * ks_event_validate:
 *
 * Checks the rules an event must meet before it is saved; the message
 * names the field that breaks one.
 *
 * Returns: %TRUE when @self may be saved
 */
gboolean
ks_event_validate (KsEvent  *self,
                   GError  **error)
{
  g_return_val_if_fail (KS_IS_EVENT (self), FALSE);

  return validate_dates (self, error) &&
         ks_key_validate (KS_KEY_SET_EVENT_KIND, self->strings[PROP_KIND], error) &&
         validate_new_stage (self->strings[PROP_NEW_STAGE], error) &&
         validate_cost (self, error) &&
         validate_description (self, error);
}
