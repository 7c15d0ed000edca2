/* test-csv.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-csv.h"
#include "ks-error.h"
#include "ks-test-common.h"

/* Renders every record as "line:field|field", one per line, with line
 * breaks inside fields shown as \r and \n, so that a test states the
 * whole result in one string.  Stops at the first error. */
static char *
dump_len (const char  *csv,
          gsize        len,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, len);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  GString *out = g_string_new (NULL);
  GPtrArray *fields;

  while (ks_csv_reader_next_record (reader, &fields, error))
    {
      g_string_append_printf (out, "%u:", ks_csv_reader_get_line (reader));
      for (guint i = 0; i < fields->len; i++)
        {
          const char *p;

          if (i > 0)
            g_string_append_c (out, '|');
          for (p = g_ptr_array_index (fields, i); *p != '\0'; p++)
            {
              if (*p == '\n')
                g_string_append (out, "\\n");
              else if (*p == '\r')
                g_string_append (out, "\\r");
              else
                g_string_append_c (out, *p);
            }
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
dump (const char  *csv,
      GError     **error)
{
  return dump_len (csv, strlen (csv), error);
}

static void
assert_records (const char *csv,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = dump (csv, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

static void
assert_parse_error_len (const char *csv,
                        gsize       len,
                        const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = dump_len (csv, len, &error);

  g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_parse_error (const char *csv,
                    const char *message)
{
  assert_parse_error_len (csv, strlen (csv), message);
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *out = g_string_sized_new (strlen (unit) * times);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

static void
test_simple (void)
{
  assert_records ("name,city\nAna,Solo\nBudi,Klaten\n",
                  "1:name|city\n2:Ana|Solo\n3:Budi|Klaten\n");
}

static void
test_bom (void)
{
  assert_records ("\xEF\xBB\xBFregion,title\n33.14,A\n", "1:region|title\n2:33.14|A\n");
}

static void
test_bom_only_at_start (void)
{
  /* Further on, U+FEFF is text like any other. */
  assert_records ("a\n\xEF\xBB\xBF" "b\n", "1:a\n2:\xEF\xBB\xBF" "b\n");
}

static void
test_crlf (void)
{
  assert_records ("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n");
}

static void
test_lone_cr (void)
{
  assert_records ("a,b\rc,d\r", "1:a|b\n2:c|d\n");
}

static void
test_mixed_line_ends (void)
{
  assert_records ("a\r\nb\nc\rd", "1:a\n2:b\n3:c\n4:d\n");
}

static void
test_quoted_comma (void)
{
  assert_records ("\"Solo, Surakarta\",x\n", "1:Solo, Surakarta|x\n");
}

static void
test_quoted_line_breaks (void)
{
  /* Line breaks inside quotes are kept exactly as written. */
  assert_records ("\"one\ntwo\",\"three\r\nfour\",\"five\rsix\"\nnext\n",
                  "1:one\\ntwo|three\\r\\nfour|five\\rsix\n5:next\n");
}

static void
test_escaped_quotes (void)
{
  assert_records ("\"say \"\"halo\"\"\",\"\"\"\"\n", "1:say \"halo\"|\"\n");
}

static void
test_empty_fields (void)
{
  assert_records (",,\n\"\",x,\n", "1:||\n2:|x|\n");
}

static void
test_lone_empty_quoted_field (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\"\"\n", 3);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  /* Unlike a blank line, "" is a record with one empty field. */
  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "");
  g_assert_false (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_no_error (error);
}

static void
test_whitespace_kept (void)
{
  assert_records (" a , b \n\t\n\" c \",d \n", "1: a | b \n2:\t\n3: c |d \n");
}

static void
test_blank_lines (void)
{
  assert_records ("\n\r\n\ra\n\n\nb\r\n\r\n", "4:a\n7:b\n");
}

static void
test_line_numbers (void)
{
  const char *csv = "h1,h2,h3\r\n"
                    "\r\n"
                    "\"multi\nline\",x,\"a\r\nb\rc\"\n"
                    "\n"
                    "last,\"\",y";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 0);
  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 1);

  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 3);
  g_assert_cmpuint (ks_csv_reader_get_field_line (reader, 1), ==, 3);
  g_assert_cmpuint (ks_csv_reader_get_field_line (reader, 2), ==, 4);
  g_assert_cmpuint (ks_csv_reader_get_field_line (reader, 3), ==, 4);
  g_assert_cmpstr (g_ptr_array_index (fields, 2), ==, "a\r\nb\rc");

  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 8);
  g_assert_cmpuint (ks_csv_reader_get_field_line (reader, 3), ==, 8);

  g_assert_false (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
}

static void
test_empty_file (void)
{
  assert_records ("", "");
  assert_records ("\xEF\xBB\xBF", "");
  assert_records ("\r\n\n\r", "");
}

static void
test_header_only (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\xEF\xBB\xBF" "region, title \r\n", 19);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = ks_csv_reader_read_header (reader, &error);
  GPtrArray *fields = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (header), ==, 2);
  g_assert_cmpstr (header[0], ==, "region");
  g_assert_cmpstr (header[1], ==, " title ");
  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 1);
  g_assert_false (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_no_error (error);
}

static void
test_header_of_empty_file (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\n\n", 2);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = ks_csv_reader_read_header (reader, &error);

  g_assert_null (header);
  g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "The file is empty: it has no header row.");
}

static void
test_header_with_error (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,\"b\n", 5);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = ks_csv_reader_read_header (reader, &error);

  g_assert_null (header);
  g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "line 1, column 2: a quoted field that starts here is never closed");
}

static void
test_trailing_newline (void)
{
  assert_records ("a\n", "1:a\n");
  assert_records ("a,\r\n", "1:a|\n");
  assert_records ("\"a\"\r", "1:a\n");
}

static void
test_missing_final_newline (void)
{
  assert_records ("a\nb", "1:a\n2:b\n");
  assert_records ("a\n\"b\"", "1:a\n2:b\n");
  assert_records ("a\nb,", "1:a\n2:b|\n");
}

static void
test_fields_reused (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,b,c\nd\n", 8);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *first = NULL;
  GPtrArray *second = NULL;

  g_assert_true (ks_csv_reader_next_record (reader, &first, &error));
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_null (first->pdata[3]);
  g_assert_true (ks_csv_reader_next_record (reader, &second, &error));
  g_assert_true (first == second);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (second, 0), ==, "d");
  g_assert_null (second->pdata[1]);
  /* The array is NULL-terminated, so it serves as a string vector. */
  g_assert_cmpuint (g_strv_length ((char **) second->pdata), ==, 1);
}

static void
test_longest_field (void)
{
  g_autofree char *ascii = g_strnfill (KS_CSV_MAX_FIELD, 'x');
  g_autofree char *accented = repeat ("é", KS_CSV_MAX_FIELD);
  g_autofree char *csv = g_strdup_printf ("%s,\"%s\"\n", ascii, accented);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  /* The limit counts characters, not bytes. */
  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, ascii);
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, accented);
}

static void
test_long_multi_line_field (void)
{
  g_autofree char *body = repeat ("baris \"\"kutip\"\", koma\r\n", 2000);
  g_autofree char *csv = g_strdup_printf ("a,\"%s\"\nnext\n", body);
  g_autoptr(GString) expected = g_string_new (body);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  g_string_replace (expected, "\"\"", "\"", 0);
  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, expected->str);
  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 2002);
}

static void
test_field_too_long (void)
{
  g_autofree char *ascii = g_strnfill (KS_CSV_MAX_FIELD + 1, 'x');
  g_autofree char *accented = repeat ("é", KS_CSV_MAX_FIELD + 1);
  g_autofree char *plain = g_strdup_printf ("a\nb,%s\n", ascii);
  g_autofree char *quoted = g_strdup_printf ("a\nb,\"\n\n%s\"\n", accented);

  assert_parse_error (plain, "line 2, column 2: the field is longer than 65536 characters");
  /* The line is where the field starts, even past line breaks. */
  assert_parse_error (quoted, "line 2, column 2: the field is longer than 65536 characters");
}

static void
test_unterminated_quote (void)
{
  assert_parse_error ("a,b\nc,\"d\ne\n\n", "line 2, column 2: a quoted field that starts here is never closed");
  assert_parse_error ("\"", "line 1, column 1: a quoted field that starts here is never closed");
  assert_parse_error ("\"ab\"\"", "line 1, column 1: a quoted field that starts here is never closed");
}

static void
test_quote_in_unquoted_field (void)
{
  assert_parse_error ("a,b\"c\n",
                      "line 1, column 2: a quote inside an unquoted field; quote the whole field and double the quote");
  assert_parse_error ("x\n \"a\"\n",
                      "line 2, column 1: a quote inside an unquoted field; quote the whole field and double the quote");
}

static void
test_text_after_closing_quote (void)
{
  assert_parse_error ("x\n\"a\nb\"c,d\n", "line 3, column 1: unexpected character after a closing quote");
  assert_parse_error ("x,\"a\" \n", "line 1, column 2: unexpected character after a closing quote");
  assert_parse_error ("x,\"a\"\"\"b\n", "line 1, column 2: unexpected character after a closing quote");
}

static void
test_too_many_fields (void)
{
  g_autofree char *most = repeat (",", KS_CSV_MAX_FIELDS - 1);
  g_autofree char *too_many = repeat (",", KS_CSV_MAX_FIELDS);
  g_autofree char *ok = g_strdup_printf ("h\n%s\n", most);
  g_autofree char *bad = g_strdup_printf ("h\n\n%s\n", too_many);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = dump (ok, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (got, "1:h\n2:||"));
  assert_parse_error (bad, "line 3: a record has more than 256 fields");
}

static void
test_invalid_utf8_unquoted (void)
{
  assert_parse_error ("ok\nab,c\xC3\x28\n", "line 2, column 2: the text is not valid UTF-8");
  /* Latin-1, as spreadsheets on Windows often save. */
  assert_parse_error ("caf\xE9\n", "line 1, column 1: the text is not valid UTF-8");
  /* UTF-16 surrogates are not characters. */
  assert_parse_error ("a,\xED\xA0\x80\n", "line 1, column 2: the text is not valid UTF-8");
}

static void
test_invalid_utf8_quoted (void)
{
  /* The line is the one holding the bad byte. */
  assert_parse_error ("h\n\"first\nsecond \xFF\",x\n", "line 3, column 1: the text is not valid UTF-8");
  /* Removing one of a pair of quotes never joins a sequence. */
  assert_parse_error ("\"\xC3\"\"\xA9\"\n", "line 1, column 1: the text is not valid UTF-8");
  assert_parse_error ("\"\xF0\x9F\x98\"\n", "line 1, column 1: the text is not valid UTF-8");
}

static void
test_nul_byte (void)
{
  assert_parse_error_len ("a,b\0c\n", 6, "line 1, column 2: the text contains a NUL character");
  assert_parse_error_len ("a\n\"x\n\0\"\n", 8, "line 3, column 1: the text contains a NUL character");
  assert_parse_error_len ("\"x\"\0\n", 5, "line 1, column 1: the text contains a NUL character");
  assert_parse_error_len ("\0", 1, "line 1, column 1: the text contains a NUL character");
}

static void
test_error_is_sticky (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a\n\nb\"\nc\n", 8);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) second = NULL;
  GPtrArray *fields = NULL;

  g_assert_true (ks_csv_reader_next_record (reader, &fields, NULL));
  g_assert_false (ks_csv_reader_next_record (reader, &fields, &first));
  g_assert_error (first, KS_ERROR, KS_ERROR_PARSE);
  g_assert_null (fields);
  g_assert_cmpuint (ks_csv_reader_get_line (reader), ==, 3);
  g_assert_false (ks_csv_reader_next_record (reader, &fields, &second));
  g_assert_error (second, KS_ERROR, KS_ERROR_PARSE);
  g_assert_cmpstr (first->message, ==, second->message);
  g_assert_false (ks_csv_reader_next_record (reader, NULL, NULL));
}

/* Every field that comes out is valid UTF-8 within the limit, whatever
 * went in; run under the sanitizers, this also looks for bad reads. */
static void
check_any_input (const char *data,
                 gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;
  guint last_line = 0;

  while (ks_csv_reader_next_record (reader, &fields, &error))
    {
      g_assert_cmpuint (fields->len, >=, 1);
      g_assert_cmpuint (fields->len, <=, KS_CSV_MAX_FIELDS);
      g_assert_cmpuint (ks_csv_reader_get_line (reader), >, last_line);
      last_line = ks_csv_reader_get_line (reader);
      for (guint i = 0; i < fields->len; i++)
        {
          const char *field = g_ptr_array_index (fields, i);

          g_assert_true (g_utf8_validate (field, -1, NULL));
          g_assert_cmpuint (g_utf8_strlen (field, -1), <=, KS_CSV_MAX_FIELD);
          g_assert_cmpuint (ks_csv_reader_get_field_line (reader, i + 1), >=, last_line);
        }
    }
  if (error != NULL)
    g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
}

static void
test_random_bytes (void)
{
  static const char alphabet[] = { ',', '"', '\r', '\n', 'a', ' ', '\0', '\xC3', '\xA9', '\xFF', '\xEF', '\xBB', '\xBF' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  for (guint round = 0; round < 5000; round++)
    {
      char buffer[64];
      gsize len = g_rand_int_range (rand, 0, sizeof buffer + 1);

      for (gsize i = 0; i < len; i++)
        buffer[i] = round % 2 == 0
                    ? alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]
                    : (char) g_rand_int_range (rand, 0, 256);
      check_any_input (buffer, len);
    }
}

static void
test_seed_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint n_files = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autoptr(GBytes) bytes = ks_test_read_file (file);
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *got = dump_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &parse_error);

      /* The file names say which seeds must be accepted. */
      if (g_str_has_prefix (name, "valid-"))
        g_assert_no_error (parse_error);
      else
        g_assert_error (parse_error, KS_ERROR, KS_ERROR_PARSE);
      check_any_input (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 10);
}

static void
test_quote_rules (void)
{
  static const struct { const char *value; const char *written; } cases[] = {
    { "", "" },
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\ronly", "\"cr\ronly\"" },
    { " padded", "\" padded\"" },
    { "padded ", "\"padded \"" },
    { "\ttab", "\"\ttab\"" },
    { "in side", "in side" },
    { "=1+1", "=1+1" },
    { "@SUM(A1)", "@SUM(A1)" },
    { "Kota Busan 부산", "Kota Busan 부산" },
    { "\xEF\xBB\xBF" "bom", "\"\xEF\xBB\xBF" "bom\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = ks_csv_quote_field (cases[i].value);

      g_assert_cmpstr (written, ==, cases[i].written);
    }
}

static void
test_append_record (void)
{
  const char *values[] = { "plain", NULL, "a,b", "" };
  const char *lone_empty[] = { "" };
  g_autoptr(GString) out = g_string_new (NULL);

  ks_csv_append_record (out, values, G_N_ELEMENTS (values));
  g_assert_cmpstr (out->str, ==, "plain,,\"a,b\",\r\n");

  /* Otherwise it would be a blank line, which readers skip. */
  g_string_truncate (out, 0);
  ks_csv_append_record (out, lone_empty, 1);
  g_assert_cmpstr (out->str, ==, "\"\"\r\n");
}

static char *
write_to_memory (KsCsvWriterFlags     flags,
                 const char * const  *values,
                 guint                n_values,
                 guint                n_records)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(KsCsvWriter) writer = ks_csv_writer_new (stream, flags);
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);

  for (guint i = 0; i < n_records; i++)
    {
      g_assert_true (ks_csv_writer_write_record (writer, values, n_values, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (ks_csv_writer_flush (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));

  return g_strndup (g_memory_output_stream_get_data (memory), g_memory_output_stream_get_data_size (memory));
}

static void
test_writer_stream (void)
{
  const char *values[] = { "region", "title" };
  g_autofree char *text = write_to_memory (KS_CSV_WRITER_NONE, values, 2, 2);

  g_assert_cmpstr (text, ==, "region,title\r\nregion,title\r\n");
}

static void
test_writer_bom (void)
{
  const char *values[] = { "a" };
  g_autofree char *text = write_to_memory (KS_CSV_WRITER_BOM, values, 1, 1);
  g_autofree char *empty = write_to_memory (KS_CSV_WRITER_BOM, values, 1, 0);

  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF" "a\r\n");
  g_assert_cmpstr (empty, ==, "\xEF\xBB\xBF");
}

static void
test_writer_many_records (void)
{
  const char *values[] = { "33.14", "Kerja sama \"kota kembar\"", "line\nbreak", "" };
  g_autofree char *text = write_to_memory (KS_CSV_WRITER_NONE, values, G_N_ELEMENTS (values), 10000);
  g_autoptr(GString) expected = g_string_new (NULL);

  /* Far more than one chunk, so the writer hands text on several times. */
  for (guint i = 0; i < 10000; i++)
    ks_csv_append_record (expected, values, G_N_ELEMENTS (values));
  g_assert_cmpuint (strlen (text), ==, expected->len);
  g_assert_cmpstr (text, ==, expected->str);
}

static void
test_writer_errors (void)
{
  const char *values[] = { "a" };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KsCsvWriter) writer = ks_csv_writer_new (stream, KS_CSV_WRITER_NONE);
  g_autoptr(KsCsvWriter) closed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_csv_writer_write_record (writer, values, 1, NULL, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (ks_csv_writer_flush (writer, cancellable, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  closed = ks_csv_writer_new (stream, KS_CSV_WRITER_NONE);
  g_assert_true (ks_csv_writer_write_record (closed, values, 1, NULL, &error));
  g_assert_false (ks_csv_writer_flush (closed, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "The CSV text cannot be written: "));
}

static void
test_round_trip (void)
{
  static const char * const awkward[] = {
    "plain", "", " leading space", "trailing space ", "\ttab", "comma, inside",
    "\"quoted\"", "\"", "\"\"", "line\nbreak", "crlf\r\nbreak", "cr\rbreak", "\n",
    "=HYPERLINK(\"http://x\")", "+62 271 123", "-5", "@SUM(A1:A2)",
    "Kota Busan 부산광역시", "Montréal", "Saint-Étienne 🤝", "\xEF\xBB\xBF" "bom first",
    "a\xEF\xBB\xBF" "bom inside", ",", "a,\"b\"\r\n,c",
  };
  static const char * const lone_empty[] = { "" };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(KsCsvWriter) writer = ks_csv_writer_new (stream, KS_CSV_WRITER_NONE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsCsvReader) reader = NULL;
  GPtrArray *fields = NULL;

  /* "bom first" opens the file, where a BOM would otherwise be dropped. */
  g_assert_true (g_str_has_prefix (awkward[20], KS_CSV_BOM));
  g_assert_true (ks_csv_writer_write_record (writer, awkward + 20, 1, NULL, &error));
  g_assert_true (ks_csv_writer_write_record (writer, awkward, G_N_ELEMENTS (awkward), NULL, &error));
  g_assert_true (ks_csv_writer_write_record (writer, lone_empty, 1, NULL, &error));
  g_assert_true (ks_csv_writer_flush (writer, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  g_assert_no_error (error);

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  reader = ks_csv_reader_new (bytes);

  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, awkward[20]);

  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (awkward));
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    g_assert_cmpstr (g_ptr_array_index (fields, i), ==, awkward[i]);

  g_assert_true (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "");

  g_assert_false (ks_csv_reader_next_record (reader, &fields, &error));
  g_assert_no_error (error);
}

static void
test_stack_reader (void)
{
  const char *csv = "\xEF\xBB\xBF" "a,b\r\n\r\n\"multi\nline\",x\nbad\"\n";
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  KsCsvReader reader;
  guint line = 0;

  ks_csv_reader_init (&reader, csv, strlen (csv));
  g_assert_true (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "a");
  g_assert_true (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "multi\nline");
  g_assert_false (ks_csv_reader_next (&reader, fields, &line, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "line 5, column 1: a quote inside an unquoted field; quote the whole field and double the quote");
  g_assert_cmpuint (fields->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader/simple", test_simple);
  g_test_add_func ("/csv/reader/bom", test_bom);
  g_test_add_func ("/csv/reader/bom-only-at-start", test_bom_only_at_start);
  g_test_add_func ("/csv/reader/crlf", test_crlf);
  g_test_add_func ("/csv/reader/lone-cr", test_lone_cr);
  g_test_add_func ("/csv/reader/mixed-line-ends", test_mixed_line_ends);
  g_test_add_func ("/csv/reader/quoted-comma", test_quoted_comma);
  g_test_add_func ("/csv/reader/quoted-line-breaks", test_quoted_line_breaks);
  g_test_add_func ("/csv/reader/escaped-quotes", test_escaped_quotes);
  g_test_add_func ("/csv/reader/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/reader/lone-empty-quoted-field", test_lone_empty_quoted_field);
  g_test_add_func ("/csv/reader/whitespace-kept", test_whitespace_kept);
  g_test_add_func ("/csv/reader/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/reader/line-numbers", test_line_numbers);
  g_test_add_func ("/csv/reader/empty-file", test_empty_file);
  g_test_add_func ("/csv/reader/header-only", test_header_only);
  g_test_add_func ("/csv/reader/header-of-empty-file", test_header_of_empty_file);
  g_test_add_func ("/csv/reader/header-with-error", test_header_with_error);
  g_test_add_func ("/csv/reader/trailing-newline", test_trailing_newline);
  g_test_add_func ("/csv/reader/missing-final-newline", test_missing_final_newline);
  g_test_add_func ("/csv/reader/fields-reused", test_fields_reused);
  g_test_add_func ("/csv/reader/longest-field", test_longest_field);
  g_test_add_func ("/csv/reader/long-multi-line-field", test_long_multi_line_field);
  g_test_add_func ("/csv/reader/stack-reader", test_stack_reader);
  g_test_add_func ("/csv/reader/random-bytes", test_random_bytes);
  g_test_add_func ("/csv/reader/seed-corpus", test_seed_corpus);

  g_test_add_func ("/csv/error/field-too-long", test_field_too_long);
  g_test_add_func ("/csv/error/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/error/quote-in-unquoted-field", test_quote_in_unquoted_field);
  g_test_add_func ("/csv/error/text-after-closing-quote", test_text_after_closing_quote);
  g_test_add_func ("/csv/error/too-many-fields", test_too_many_fields);
  g_test_add_func ("/csv/error/invalid-utf8-unquoted", test_invalid_utf8_unquoted);
  g_test_add_func ("/csv/error/invalid-utf8-quoted", test_invalid_utf8_quoted);
  g_test_add_func ("/csv/error/nul-byte", test_nul_byte);
  g_test_add_func ("/csv/error/sticky", test_error_is_sticky);

  g_test_add_func ("/csv/writer/quote-rules", test_quote_rules);
  g_test_add_func ("/csv/writer/append-record", test_append_record);
  g_test_add_func ("/csv/writer/stream", test_writer_stream);
  g_test_add_func ("/csv/writer/bom", test_writer_bom);
  g_test_add_func ("/csv/writer/many-records", test_writer_many_records);
  g_test_add_func ("/csv/writer/errors", test_writer_errors);
  g_test_add_func ("/csv/writer/round-trip", test_round_trip);

  return g_test_run ();
}
