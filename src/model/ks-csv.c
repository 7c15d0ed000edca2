/* ks-csv.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-csv.h"
#include "ks-error.h"

void
ks_csv_reader_init (KsCsvReader *reader,
                    const char  *data,
                    gsize        len)
{
  reader->data = data;
  reader->len = len;
  reader->pos = 0;
  reader->line = 1;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = 3;
}

/* Consumes one line end at the current position, if there is one. */
static gboolean
skip_line_end (KsCsvReader *reader)
{
  if (reader->pos >= reader->len)
    return FALSE;

  if (reader->data[reader->pos] == '\r')
    {
      reader->pos++;
      if (reader->pos < reader->len && reader->data[reader->pos] == '\n')
        reader->pos++;
    }
  else if (reader->data[reader->pos] == '\n')
    reader->pos++;
  else
    return FALSE;

  reader->line++;
  return TRUE;
}

static gboolean
at_field_end (KsCsvReader *reader)
{
  char c;

  if (reader->pos >= reader->len)
    return TRUE;
  c = reader->data[reader->pos];
  return c == ',' || c == '\r' || c == '\n';
}

static gboolean
finish_field (GString     *field,
              GPtrArray   *fields,
              guint        line,
              GError     **error)
{
  guint column = fields->len + 1;

  if (!g_utf8_validate_len (field->str, field->len, NULL))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u, column %u: the text is not valid UTF-8"), line, column);
      return FALSE;
    }
  if (fields->len >= KS_CSV_MAX_FIELDS)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u: a record has more than %u fields"), line, KS_CSV_MAX_FIELDS);
      return FALSE;
    }

  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
  return TRUE;
}

static gboolean
add_char (GString  *field,
          char      c,
          guint     line,
          guint     column,
          GError  **error)
{
  if (c == '\0')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u, column %u: the text contains a NUL character"), line, column);
      return FALSE;
    }
  if (field->len >= KS_CSV_MAX_FIELD)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u, column %u: the field is longer than %u bytes"),
                   line, column, (guint) KS_CSV_MAX_FIELD);
      return FALSE;
    }
  g_string_append_c (field, c);
  return TRUE;
}

static gboolean
read_quoted (KsCsvReader  *reader,
             GString      *field,
             guint         column,
             GError      **error)
{
  guint start_line = reader->line;

  reader->pos++;   /* the opening quote */
  for (;;)
    {
      char c;

      if (reader->pos >= reader->len)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                       _("line %u, column %u: a quoted field that starts here is never closed"),
                       start_line, column);
          return FALSE;
        }

      c = reader->data[reader->pos];
      if (c == '"')
        {
          if (reader->pos + 1 < reader->len && reader->data[reader->pos + 1] == '"')
            reader->pos++;
          else
            break;
        }
      else if (c == '\n' || (c == '\r' && !(reader->pos + 1 < reader->len && reader->data[reader->pos + 1] == '\n')))
        reader->line++;

      if (!add_char (field, c, start_line, column, error))
        return FALSE;
      reader->pos++;
    }

  reader->pos++;   /* the closing quote */
  if (!at_field_end (reader))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u, column %u: unexpected text after a closing quote"),
                   reader->line, column);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_plain (KsCsvReader  *reader,
            GString      *field,
            guint         column,
            GError      **error)
{
  while (!at_field_end (reader))
    {
      char c = reader->data[reader->pos];

      if (c == '"')
        {
          g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                       _("line %u, column %u: a quote inside an unquoted field; quote the whole field and double the quote"),
                       reader->line, column);
          return FALSE;
        }
      if (!add_char (field, c, reader->line, column, error))
        return FALSE;
      reader->pos++;
    }

  return TRUE;
}

/**
 * ks_csv_reader_next:
 * @fields: cleared, then filled with the record's fields (char *)
 * @record_line: (out): the line the record starts on
 *
 * Blank lines are skipped.
 *
 * Returns: %FALSE at the end of the data (@error unset) or on an error
 */
gboolean
ks_csv_reader_next (KsCsvReader  *reader,
                    GPtrArray    *fields,
                    guint        *record_line,
                    GError      **error)
{
  g_autoptr(GString) field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);

  while (skip_line_end (reader))
    ;
  if (reader->pos >= reader->len)
    return FALSE;

  *record_line = reader->line;
  for (;;)
    {
      guint column = fields->len + 1;
      gboolean ok = reader->data[reader->pos] == '"'
                    ? read_quoted (reader, field, column, error)
                    : read_plain (reader, field, column, error);

      if (!ok || !finish_field (field, fields, *record_line, error))
        return FALSE;

      if (reader->pos < reader->len && reader->data[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }

      skip_line_end (reader);
      return TRUE;
    }
}

/* Quotes only when RFC 4180 needs it, or when spaces at either end would
 * otherwise be lost by a reader that trims. */
void
ks_csv_append_field (GString    *out,
                     const char *value)
{
  gsize len = strlen (value);
  gboolean quote = strpbrk (value, ",\"\r\n") != NULL ||
                   (len > 0 && (value[0] == ' ' || value[len - 1] == ' '));

  if (!quote)
    {
      g_string_append_len (out, value, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
ks_csv_append_record (GString            *out,
                      const char * const *values,
                      guint               n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ks_csv_append_field (out, values[i] != NULL ? values[i] : "");
    }
  g_string_append (out, "\r\n");
}
