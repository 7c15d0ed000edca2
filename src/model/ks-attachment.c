/* ks-attachment.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-attachment"

#include "config.h"

#include "ks-attachment.h"

enum {
  PROP_0,
  PROP_UUID,
  PROP_AGREEMENT_UUID,
  PROP_NAME,
  PROP_MIME_TYPE,
  PROP_SHA256,
  PROP_CREATED_AT,
  PROP_SIZE,
  N_PROPS
};

/* Every property but the size is a string, kept by property id. */
#define N_STRINGS PROP_SIZE

struct _KsAttachment
{
  GObject  parent_instance;

  char    *strings[N_STRINGS];
  gint64   size;
};

G_DEFINE_FINAL_TYPE (KsAttachment, ks_attachment, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
ks_attachment_finalize (GObject *object)
{
  KsAttachment *self = KS_ATTACHMENT (object);

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (ks_attachment_parent_class)->finalize (object);
}

static void
ks_attachment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KsAttachment *self = KS_ATTACHMENT (object);

  if (prop_id == PROP_SIZE)
    g_value_set_int64 (value, self->size);
  else if (prop_id > PROP_0 && prop_id < N_STRINGS)
    g_value_set_string (value, self->strings[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_attachment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KsAttachment *self = KS_ATTACHMENT (object);

  if (prop_id == PROP_SIZE)
    self->size = g_value_get_int64 (value);
  else if (prop_id > PROP_0 && prop_id < N_STRINGS)
    {
      const char *text = g_value_get_string (value);

      g_free (self->strings[prop_id]);
      self->strings[prop_id] = g_strdup (text != NULL ? text : "");
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                              G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
ks_attachment_class_init (KsAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_attachment_finalize;
  object_class->get_property = ks_attachment_get_property;
  object_class->set_property = ks_attachment_set_property;

  properties[PROP_UUID] = string_pspec ("uuid");
  properties[PROP_AGREEMENT_UUID] = string_pspec ("agreement-uuid");
  properties[PROP_NAME] = string_pspec ("name");
  properties[PROP_MIME_TYPE] = string_pspec ("mime-type");
  properties[PROP_SHA256] = string_pspec ("sha256");
  properties[PROP_CREATED_AT] = string_pspec ("created-at");
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_attachment_init (KsAttachment *self)
{
}

const char *
ks_attachment_get_uuid (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), NULL);
  return self->strings[PROP_UUID];
}

const char *
ks_attachment_get_agreement_uuid (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), NULL);
  return self->strings[PROP_AGREEMENT_UUID];
}

const char *
ks_attachment_get_name (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), NULL);
  return self->strings[PROP_NAME];
}

const char *
ks_attachment_get_mime_type (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), NULL);
  return self->strings[PROP_MIME_TYPE];
}

const char *
ks_attachment_get_sha256 (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), NULL);
  return self->strings[PROP_SHA256];
}

gint64
ks_attachment_get_size (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), 0);
  return self->size;
}

const char *
ks_attachment_get_created_at (KsAttachment *self)
{
  g_return_val_if_fail (KS_IS_ATTACHMENT (self), NULL);
  return self->strings[PROP_CREATED_AT];
}
