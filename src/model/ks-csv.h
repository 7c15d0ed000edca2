/* ks-csv.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The CSV interchange format at the level of bytes: UTF-8 (a BOM at the
 * start is skipped), fields separated by commas, RFC 4180 quoting with ""
 * for a quote, CRLF, LF or a lone CR ending a line.  Nothing here knows
 * what a column means; the importer maps fields to agreements.
 *
 * The reader takes untrusted input: every field is checked for UTF-8 and
 * NUL bytes, fields and records are bounded, and its memory never grows
 * past one record.  Blank lines are skipped but counted, a final line end
 * makes no empty record, and whitespace is kept as it is.
 */

/**
 * KS_CSV_MAX_FIELD:
 *
 * The longest field the reader accepts, in characters.
 */
#define KS_CSV_MAX_FIELD  (64 * 1024)

/**
 * KS_CSV_MAX_FIELDS:
 *
 * The most fields a record may have.
 */
#define KS_CSV_MAX_FIELDS 256

/**
 * KS_CSV_BOM:
 *
 * The UTF-8 byte order mark, which Excel needs to read a CSV file as
 * UTF-8.
 */
#define KS_CSV_BOM "\xEF\xBB\xBF"

/**
 * KsCsvReader:
 *
 * Reads records from a buffer.  Its members are private; the struct is
 * public only so that ks_csv_reader_init() can place one on the stack.
 */
typedef struct _KsCsvReader KsCsvReader;

struct _KsCsvReader
{
  /*< private >*/
  GBytes      *bytes;
  const char  *data;
  gsize        len;
  gsize        pos;
  guint        line;
  guint        record_line;
  guint        n_records;
  GString     *buffer;
  GArray      *starts;
  GPtrArray   *fields;
  GError      *failure;
  gsize        field_offset;
  gsize        counted_to;
  gsize        field_chars;
};

/**
 * KsCsvWriterFlags:
 * @KS_CSV_WRITER_NONE: UTF-8 without a byte order mark
 * @KS_CSV_WRITER_BOM: start with a byte order mark, for Excel
 */
typedef enum
{
  KS_CSV_WRITER_NONE = 0,
  KS_CSV_WRITER_BOM  = 1 << 0,
} KsCsvWriterFlags;

typedef struct _KsCsvWriter KsCsvWriter;

KsCsvReader *ks_csv_reader_new             (GBytes              *bytes);
void         ks_csv_reader_free            (KsCsvReader         *reader);
gboolean     ks_csv_reader_next_record     (KsCsvReader         *reader,
                                            GPtrArray          **fields_out,
                                            GError             **error);
GStrv        ks_csv_reader_read_header     (KsCsvReader         *reader,
                                            GError             **error);
guint        ks_csv_reader_get_line        (KsCsvReader         *reader);
gsize        ks_csv_reader_get_offset      (KsCsvReader         *reader);
guint        ks_csv_reader_get_field_line  (KsCsvReader         *reader,
                                            guint                column);

char        *ks_csv_quote_field            (const char          *value);
void         ks_csv_append_field           (GString             *out,
                                            const char          *value);
void         ks_csv_append_record          (GString             *out,
                                            const char * const  *values,
                                            guint                n_values);

KsCsvWriter *ks_csv_writer_new             (GOutputStream       *stream,
                                            KsCsvWriterFlags     flags);
void         ks_csv_writer_free            (KsCsvWriter         *writer);
gboolean     ks_csv_writer_write_record    (KsCsvWriter         *writer,
                                            const char * const  *values,
                                            guint                n_values,
                                            GCancellable        *cancellable,
                                            GError             **error);
gboolean     ks_csv_writer_flush           (KsCsvWriter         *writer,
                                            GCancellable        *cancellable,
                                            GError             **error);

/* The first reader API, on the stack and copying every field; kept until
 * ks-csv-import.c moves to ks_csv_reader_new(). */
void         ks_csv_reader_init            (KsCsvReader         *reader,
                                            const char          *data,
                                            gsize                len);
gboolean     ks_csv_reader_next            (KsCsvReader         *reader,
                                            GPtrArray           *fields,
                                            guint               *record_line,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsCsvReader, ks_csv_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsCsvWriter, ks_csv_writer_free)

G_END_DECLS
