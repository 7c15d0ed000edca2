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

/* Where a field of the current record starts: its offset in the
 * reader's buffer and the physical line of its first character. */
typedef struct
{
  gsize offset;
  guint line;
} FieldStart;

struct _KsCsvWriter
{
  GOutputStream *stream;
  GString       *buffer;
};

enum
{
  STOP_PLAIN  = 1 << 0,
  STOP_QUOTED = 1 << 1,
};

/* The bytes that end a run of ordinary text, in an unquoted and in a
 * quoted field; a table keeps the inner loop to one load per byte. */
static const guint8 stops[256] = {
  ['\0'] = STOP_PLAIN | STOP_QUOTED,
  ['\n'] = STOP_PLAIN | STOP_QUOTED,
  ['\r'] = STOP_PLAIN | STOP_QUOTED,
  ['"']  = STOP_PLAIN | STOP_QUOTED,
  [',']  = STOP_PLAIN,
};

/* Records are written to the stream in chunks of about this size. */
#define WRITER_CHUNK (64 * 1024)

static guint
current_column (KsCsvReader *self)
{
  return self->starts->len;
}

static guint
current_field_line (KsCsvReader *self)
{
  return g_array_index (self->starts, FieldStart, self->starts->len - 1).line;
}

static void
skip_bom (KsCsvReader *self)
{
  if (self->len >= 3 && memcmp (self->data, KS_CSV_BOM, 3) == 0)
    self->pos = 3;
}

/* Consumes one CRLF, LF or CR at the current position, if there is one. */
static gboolean
skip_line_end (KsCsvReader *self)
{
  if (self->pos >= self->len)
    return FALSE;

  if (self->data[self->pos] == '\r')
    {
      self->pos++;
      if (self->pos < self->len && self->data[self->pos] == '\n')
        self->pos++;
    }
  else if (self->data[self->pos] == '\n')
    self->pos++;
  else
    return FALSE;

  self->line++;
  return TRUE;
}

/* Advances to the next byte in @mask and says whether the bytes passed
 * were all ASCII, so that only other text pays for the UTF-8 check. */
static gsize
scan (KsCsvReader *self,
      guint8       mask,
      gboolean    *ascii)
{
  const guchar *start = (const guchar *) self->data + self->pos;
  const guchar *end = (const guchar *) self->data + self->len;
  const guchar *p = start;
  guchar seen = 0;

  while (p < end && (stops[*p] & mask) == 0)
    seen |= *p++;

  *ascii = (seen & 0x80) == 0;
  return (gsize) (p - start);
}

/* Bytes that do not continue a sequence; exact for valid UTF-8. */
static gsize
count_chars (const char *text,
             gsize       len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    n += ((guchar) text[i] & 0xC0) != 0x80;

  return n;
}

/* A run never holds a structural byte, and those are all ASCII, so a
 * field is valid UTF-8 exactly when each of its runs is: checking runs
 * before they are copied finds the bad line and bounds the buffer. */
static gboolean
append_run (KsCsvReader  *self,
            const char   *run,
            gsize         len,
            gboolean      ascii,
            GError      **error)
{
  gsize chars = len;

  if (!ascii)
    {
      if (!g_utf8_validate_len (run, len, NULL))
        {
          g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                       _("line %u, column %u: the text is not valid UTF-8"),
                       self->line, current_column (self));
          return FALSE;
        }
      chars = count_chars (run, len);
    }

  if (chars > KS_CSV_MAX_FIELD - self->field_chars)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u, column %u: the field is longer than %u characters"),
                   current_field_line (self), current_column (self), (guint) KS_CSV_MAX_FIELD);
      return FALSE;
    }

  self->field_chars += chars;
  g_string_append_len (self->buffer, run, len);
  return TRUE;
}

static gboolean
set_nul_error (KsCsvReader  *self,
               GError      **error)
{
  g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
               _("line %u, column %u: the text contains a NUL character"),
               self->line, current_column (self));
  return FALSE;
}

static gboolean
start_field (KsCsvReader  *self,
             GError      **error)
{
  FieldStart start = { self->buffer->len, self->line };

  if (self->starts->len == KS_CSV_MAX_FIELDS)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u: a record has more than %u fields"),
                   self->record_line, (guint) KS_CSV_MAX_FIELDS);
      return FALSE;
    }

  g_array_append_val (self->starts, start);
  self->field_chars = 0;
  return TRUE;
}

static gboolean
read_plain (KsCsvReader  *self,
            GError      **error)
{
  gboolean ascii;
  gsize n = scan (self, STOP_PLAIN, &ascii);

  if (!append_run (self, self->data + self->pos, n, ascii, error))
    return FALSE;
  self->pos += n;

  if (self->pos < self->len && self->data[self->pos] == '\0')
    return set_nul_error (self, error);
  if (self->pos < self->len && self->data[self->pos] == '"')
    {
      g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                   _("line %u, column %u: a quote inside an unquoted field; quote the whole field and double the quote"),
                   self->line, current_column (self));
      return FALSE;
    }

  return TRUE;
}

/* A line break inside quotes is part of the value, kept as it was
 * written, but still starts a new physical line. */
static gboolean
append_quoted_line_end (KsCsvReader  *self,
                        GError      **error)
{
  gsize n = 1;

  if (self->data[self->pos] == '\r' && self->pos + 1 < self->len && self->data[self->pos + 1] == '\n')
    n = 2;

  if (!append_run (self, self->data + self->pos, n, TRUE, error))
    return FALSE;

  self->pos += n;
  self->line++;
  return TRUE;
}

static gboolean
check_after_quote (KsCsvReader  *self,
                   GError      **error)
{
  char c;

  if (self->pos >= self->len)
    return TRUE;

  c = self->data[self->pos];
  if (c == ',' || c == '\r' || c == '\n')
    return TRUE;
  if (c == '\0')
    return set_nul_error (self, error);

  g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
               _("line %u, column %u: unexpected character after a closing quote"),
               self->line, current_column (self));
  return FALSE;
}

static gboolean
read_quoted (KsCsvReader  *self,
             GError      **error)
{
  guint start_line = self->line;

  self->pos++;   /* the opening quote */
  for (;;)
    {
      gboolean ascii;
      gsize n = scan (self, STOP_QUOTED, &ascii);

      if (!append_run (self, self->data + self->pos, n, ascii, error))
        return FALSE;
      self->pos += n;

      if (self->pos >= self->len)
        {
          g_set_error (error, KS_ERROR, KS_ERROR_PARSE,
                       _("line %u, column %u: a quoted field that starts here is never closed"),
                       start_line, current_column (self));
          return FALSE;
        }

      if (self->data[self->pos] == '\0')
        return set_nul_error (self, error);

      if (self->data[self->pos] != '"')
        {
          if (!append_quoted_line_end (self, error))
            return FALSE;
          continue;
        }

      if (self->pos + 1 >= self->len || self->data[self->pos + 1] != '"')
        break;

      /* A doubled quote stands for one. */
      if (!append_run (self, "\"", 1, TRUE, error))
        return FALSE;
      self->pos += 2;
    }

  self->pos++;   /* the closing quote */
  return check_after_quote (self, error);
}

static gboolean
read_record (KsCsvReader  *self,
             GError      **error)
{
  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->starts, 0);
  self->record_line = self->line;

  for (;;)
    {
      gboolean quoted;

      if (!start_field (self, error))
        return FALSE;

      quoted = self->pos < self->len && self->data[self->pos] == '"';
      if (!(quoted ? read_quoted (self, error) : read_plain (self, error)))
        return FALSE;
      g_string_append_c (self->buffer, '\0');

      if (self->pos < self->len && self->data[self->pos] == ',')
        {
          self->pos++;
          continue;
        }

      skip_line_end (self);
      return TRUE;
    }
}

/* Pointers into the buffer are only taken once the record is complete,
 * because the buffer may move while it grows. */
static void
publish_fields (KsCsvReader *self)
{
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->starts->len; i++)
    {
      gsize offset = g_array_index (self->starts, FieldStart, i).offset;

      g_ptr_array_add (self->fields, self->buffer->str + offset);
    }
}

static KsCsvReader *
reader_new_for_data (const char *data,
                     gsize       len)
{
  KsCsvReader *self = g_new0 (KsCsvReader, 1);

  ks_csv_reader_init (self, data, len);
  self->buffer = g_string_sized_new (256);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (FieldStart), 32);
  self->fields = g_ptr_array_new_null_terminated (32, NULL, TRUE);
  return self;
}

/**
 * ks_csv_reader_new:
 * @bytes: the whole file, in any encoding; only UTF-8 is accepted
 *
 * Returns: (transfer full): a reader positioned before the first record
 */
KsCsvReader *
ks_csv_reader_new (GBytes *bytes)
{
  KsCsvReader *self;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  self = reader_new_for_data (data != NULL ? data : "", len);
  self->bytes = g_bytes_ref (bytes);
  return self;
}

void
ks_csv_reader_free (KsCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_pointer (&reader->bytes, g_bytes_unref);
  if (reader->buffer != NULL)
    g_string_free (reader->buffer, TRUE);
  g_clear_pointer (&reader->starts, g_array_unref);
  g_clear_pointer (&reader->fields, g_ptr_array_unref);
  g_clear_error (&reader->failure);
  g_free (reader);
}

/**
 * ks_csv_reader_next_record:
 * @fields_out: (out) (optional) (transfer none) (element-type utf8):
 *   the record's fields, owned by the reader and valid until the next
 *   call or until the reader is freed; the array is %NULL-terminated
 *
 * Reads the next record, skipping blank lines.  After an error every
 * later call fails with the same error.
 *
 * Returns: %TRUE if a record was read; %FALSE at the end of the input,
 *   with @error unset, or on an error
 */
gboolean
ks_csv_reader_next_record (KsCsvReader  *reader,
                           GPtrArray   **fields_out,
                           GError      **error)
{
  g_return_val_if_fail (reader != NULL && reader->buffer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fields_out != NULL)
    *fields_out = NULL;

  if (reader->failure == NULL)
    {
      while (skip_line_end (reader))
        ;
      if (reader->pos >= reader->len)
        return FALSE;

      if (read_record (reader, &reader->failure))
        {
          publish_fields (reader);
          reader->n_records++;
          if (fields_out != NULL)
            *fields_out = reader->fields;
          return TRUE;
        }
      g_ptr_array_set_size (reader->fields, 0);
    }

  if (error != NULL)
    *error = g_error_copy (reader->failure);
  return FALSE;
}

/**
 * ks_csv_reader_read_header:
 *
 * Reads the first record as the names of the columns, kept exactly as
 * written.  Call it before any other record is read.
 *
 * Returns: (transfer full) (nullable): the column names, or %NULL when
 *   the file has no record or the first one cannot be read
 */
GStrv
ks_csv_reader_read_header (KsCsvReader  *reader,
                           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (reader->n_records == 0, NULL);

  if (ks_csv_reader_next_record (reader, &fields, &local_error))
    return g_strdupv ((char **) fields->pdata);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error_literal (error, KS_ERROR, KS_ERROR_PARSE,
                         _("The file is empty: it has no header row."));
  return NULL;
}

/**
 * ks_csv_reader_get_line:
 *
 * A quoted field may hold line breaks, so records and lines differ.
 *
 * Returns: the 1-based physical line on which the last record read (or
 *   the one that failed) starts, 0 before the first
 */
guint
ks_csv_reader_get_line (KsCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

/**
 * ks_csv_reader_get_offset:
 *
 * Returns: how many bytes of the input the reader has consumed; it never
 *   looks at them again
 */
gsize
ks_csv_reader_get_offset (KsCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->pos;
}

/**
 * ks_csv_reader_get_field_line:
 * @column: the 1-based position of a field in the last record read
 *
 * Returns: the 1-based physical line on which that field starts
 */
guint
ks_csv_reader_get_field_line (KsCsvReader *reader,
                              guint        column)
{
  g_return_val_if_fail (reader != NULL && reader->starts != NULL, 0);
  g_return_val_if_fail (column >= 1 && column <= reader->starts->len, 0);

  return g_array_index (reader->starts, FieldStart, column - 1).line;
}

/* One pass finds both the length and any byte that forces quotes; the
 * NUL that ends @value is among the stops. */
static gboolean
needs_quotes (const char *value,
              gsize      *len)
{
  const guchar *p = (const guchar *) value;

  while ((stops[*p] & STOP_PLAIN) == 0)
    p++;

  if (*p != '\0')
    {
      *len = strlen (value);
      return TRUE;
    }

  *len = (gsize) (p - (const guchar *) value);
  if (*len == 0)
    return FALSE;

  /* Many readers trim unquoted fields. */
  if (value[0] == ' ' || value[0] == '\t' || value[*len - 1] == ' ' || value[*len - 1] == '\t')
    return TRUE;

  /* At the start of a file, readers take it for the byte order mark. */
  return *len >= 3 && memcmp (value, KS_CSV_BOM, 3) == 0;
}

/**
 * ks_csv_append_field:
 * @out: the text to append to
 * @value: (nullable): UTF-8 text, written as given; %NULL is empty
 *
 * Appends @value, quoted only when a reader would otherwise change it.
 * Nothing is prefixed to values that spreadsheets take for formulas: the
 * CSV file carries the data exactly.
 */
void
ks_csv_append_field (GString    *out,
                     const char *value)
{
  const char *p;
  gsize len;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    value = "";

  if (!needs_quotes (value, &len))
    {
      g_string_append_len (out, value, len);
      return;
    }

  g_string_append_c (out, '"');
  for (p = value; *p != '\0';)
    {
      const char *quote = strchr (p, '"');

      if (quote == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, quote - p + 1);
      g_string_append_c (out, '"');
      p = quote + 1;
    }
  g_string_append_c (out, '"');
}

/**
 * ks_csv_quote_field:
 * @value: (nullable): UTF-8 text; %NULL is empty
 *
 * Returns: (transfer full): @value as it is written in a CSV file
 */
char *
ks_csv_quote_field (const char *value)
{
  GString *out = g_string_new (NULL);

  ks_csv_append_field (out, value);
  return g_string_free (out, FALSE);
}

/**
 * ks_csv_append_record:
 * @out: the text to append to
 * @values: (array length=n_values) (nullable): the fields; %NULL
 *   elements are empty
 * @n_values: at least 1
 *
 * Appends one record ending in CRLF, as RFC 4180 asks.
 */
void
ks_csv_append_record (GString            *out,
                      const char * const *values,
                      guint               n_values)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (values != NULL);
  g_return_if_fail (n_values > 0);

  /* A lone empty field would be a blank line, which readers skip. */
  if (n_values == 1 && (values[0] == NULL || values[0][0] == '\0'))
    {
      g_string_append (out, "\"\"\r\n");
      return;
    }

  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ks_csv_append_field (out, values[i]);
    }
  g_string_append (out, "\r\n");
}

/**
 * ks_csv_writer_new:
 * @stream: where the records go
 * @flags: whether to start with a byte order mark
 *
 * Records are buffered; call ks_csv_writer_flush() after the last one.
 *
 * Returns: (transfer full): a new writer
 */
KsCsvWriter *
ks_csv_writer_new (GOutputStream    *stream,
                   KsCsvWriterFlags  flags)
{
  KsCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (KsCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_string_sized_new (WRITER_CHUNK + 4096);
  if ((flags & KS_CSV_WRITER_BOM) != 0)
    g_string_append (self->buffer, KS_CSV_BOM);
  return self;
}

/**
 * ks_csv_writer_free:
 *
 * Frees the writer without writing what is still buffered, so that a
 * failed export can simply be dropped.
 */
void
ks_csv_writer_free (KsCsvWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_object (&writer->stream);
  if (writer->buffer != NULL)
    g_string_free (writer->buffer, TRUE);
  g_free (writer);
}

static gboolean
set_write_error (GError  **error,
                 GError   *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, KS_ERROR, KS_ERROR_CANCELLED, _("The operation was cancelled."));
  else
    g_set_error (error, KS_ERROR, KS_ERROR_IO, _("The CSV text cannot be written: %s"), cause->message);
  return FALSE;
}

static gboolean
write_buffer (KsCsvWriter   *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Not every stream looks at the cancellable, memory streams never. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    return set_write_error (error, local_error);

  if (self->buffer->len == 0)
    return TRUE;

  if (!g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, &local_error))
    return set_write_error (error, local_error);

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

/**
 * ks_csv_writer_write_record:
 * @values: (array length=n_values): the fields; %NULL elements are empty
 * @n_values: at least 1
 *
 * Writes one record as ks_csv_append_record() does; the stream only
 * sees it once enough text has gathered.
 *
 * Returns: %FALSE if the stream failed
 */
gboolean
ks_csv_writer_write_record (KsCsvWriter         *writer,
                            const char * const  *values,
                            guint                n_values,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (values != NULL && n_values > 0, FALSE);

  ks_csv_append_record (writer->buffer, values, n_values);
  if (writer->buffer->len < WRITER_CHUNK)
    return TRUE;

  return write_buffer (writer, cancellable, error);
}

/**
 * ks_csv_writer_flush:
 *
 * Writes every buffered record and flushes the stream.
 *
 * Returns: %FALSE if the stream failed
 */
gboolean
ks_csv_writer_flush (KsCsvWriter   *writer,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);

  if (!write_buffer (writer, cancellable, error))
    return FALSE;
  if (!g_output_stream_flush (writer->stream, cancellable, &local_error))
    return set_write_error (error, local_error);

  return TRUE;
}

/**
 * ks_csv_reader_init:
 * @reader: uninitialized storage
 * @data: the whole file; it must outlive @reader
 *
 * Sets up a reader for ks_csv_reader_next(); it holds no memory, so it
 * needs no freeing.  New code uses ks_csv_reader_new().
 */
void
ks_csv_reader_init (KsCsvReader *reader,
                    const char  *data,
                    gsize        len)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || len == 0);

  *reader = (KsCsvReader) { .data = data != NULL ? data : "", .len = len, .line = 1 };
  skip_bom (reader);
}

/**
 * ks_csv_reader_next:
 * @fields: cleared, then filled with copies of the record's fields
 * @record_line: (out): the line the record starts on
 *
 * Returns: %FALSE at the end of the data (@error unset) or on an error
 */
gboolean
ks_csv_reader_next (KsCsvReader  *reader,
                    GPtrArray    *fields,
                    guint        *record_line,
                    GError      **error)
{
  g_autoptr(KsCsvReader) work = NULL;
  GPtrArray *record = NULL;

  g_return_val_if_fail (reader != NULL && reader->data != NULL, FALSE);
  g_return_val_if_fail (fields != NULL && record_line != NULL, FALSE);

  /* A stack reader owns no buffers, so each call borrows some. */
  work = reader_new_for_data (reader->data, reader->len);
  work->pos = reader->pos;
  work->line = reader->line;

  g_ptr_array_set_size (fields, 0);
  if (!ks_csv_reader_next_record (work, &record, error))
    {
      reader->pos = work->pos;
      reader->line = work->line;
      return FALSE;
    }

  for (guint i = 0; i < record->len; i++)
    g_ptr_array_add (fields, g_strdup (g_ptr_array_index (record, i)));
  *record_line = work->record_line;
  reader->pos = work->pos;
  reader->line = work->line;
  return TRUE;
}
