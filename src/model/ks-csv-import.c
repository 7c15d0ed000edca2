/* ks-csv-import.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-csv-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "ks-agreement-store.h"
#include "ks-agreement-writer.h"
#include "ks-csv.h"
#include "ks-csv-export.h"
#include "ks-csv-import-private.h"
#include "ks-csv-import.h"
#include "ks-error.h"
#include "ks-region-store.h"
#include "ks-region.h"

/* Which CSV column reports a problem in which agreement property. */
static const struct {
  const char  *property;
  KsCsvColumn  column;
} property_columns[] = {
  { "region-code", KS_CSV_REGION }, { "title", KS_CSV_TITLE },
  { "description", KS_CSV_DESCRIPTION }, { "local-parties", KS_CSV_LOCAL_PARTIES },
  { "partners", KS_CSV_PARTNERS }, { "form", KS_CSV_FORM },
  { "document", KS_CSV_DOCUMENT }, { "stage", KS_CSV_STAGE },
  { "sectors", KS_CSV_SECTORS }, { "signed-on", KS_CSV_SIGNED_ON },
  { "starts-on", KS_CSV_STARTS_ON }, { "ends-on", KS_CSV_ENDS_ON },
  { "reported-to-center-on", KS_CSV_REPORTED_TO_CENTER_ON },
  { "obstacles", KS_CSV_OBSTACLES }, { "notes", KS_CSV_NOTES },
};

/* Cancelling is looked at after this many records. */
#define CHECK_CANCEL_EVERY 256

typedef struct
{
  KsDatabase        *db;
  KsImportReport    *report;
  int                index[KS_CSV_N_COLUMNS];   /* field position, or -1 */
  GPtrArray         *record;                   /* the reader's, borrowed */
  guint              line;
  GHashTable        *uuids_seen;
  GHashTable        *region_codes;             /* region text → code */
  GListStore        *regions;                  /* read at the first new text */
  const char        *source;
  KsAgreementWriter *writer;                   /* NULL for a dry run */
  gboolean           single_saves;             /* the reference path, for tests */
  gboolean           mapped;                   /* the input is a mapped file */
  gsize              released;                 /* bytes of it given back */
  GError            *write_error;              /* the first failed write */
} Import;

KsImportReport *
ks_import_report_new (void)
{
  KsImportReport *report = g_new0 (KsImportReport, 1);

  report->errors = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
ks_import_report_free (KsImportReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->errors);
  g_free (report);
}

G_GNUC_PRINTF (3, 4)
static void
add_error (Import      *import,
           KsCsvColumn  column,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: "line 12, column “ends_on”: <what is wrong>" */
  g_ptr_array_add (import->report->errors,
                   g_strdup_printf (_("line %u, column “%s”: %s"),
                                    import->line, ks_csv_columns[column], message));
}

static const char *
field (Import      *import,
       KsCsvColumn  column)
{
  int i = import->index[column];

  if (i < 0 || (guint) i >= import->record->len)
    return "";
  return g_ptr_array_index (import->record, i);
}

/* ";"-separated lists; surrounding spaces are dropped, empty items kept
 * so that parallel lists stay aligned. */
static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text[0] == '\0')
    return g_new0 (char *, 1);

  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    g_strstrip (parts[i]);
  return g_steal_pointer (&parts);
}

static gboolean
read_header (Import       *import,
             KsCsvReader  *reader,
             GError      **error)
{
  guint line;

  for (guint c = 0; c < KS_CSV_N_COLUMNS; c++)
    import->index[c] = -1;

  if (!ks_csv_reader_next_record (reader, &import->record, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KS_ERROR, KS_ERROR_PARSE, _("The file is empty: it has no header row."));
      return FALSE;
    }
  line = ks_csv_reader_get_line (reader);

  for (guint i = 0; i < import->record->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (import->record, i)));
      guint c;

      for (c = 0; c < KS_CSV_N_COLUMNS && !g_str_equal (name, ks_csv_columns[c]); c++)
        ;
      if (c == KS_CSV_N_COLUMNS)
        g_ptr_array_add (import->report->errors,
                         g_strdup_printf (_("line %u, column %u: unknown column “%s”"), line, i + 1, name));
      else if (import->index[c] >= 0)
        g_ptr_array_add (import->report->errors,
                         g_strdup_printf (_("line %u, column %u: the column “%s” appears twice"), line, i + 1, name));
      else
        import->index[c] = (int) i;
    }

  if (import->index[KS_CSV_TITLE] < 0)
    g_ptr_array_add (import->report->errors,
                     g_strdup_printf (_("line %u: the required column “title” is missing"), line));
  if (import->index[KS_CSV_REGION] < 0)
    g_ptr_array_add (import->report->errors,
                     g_strdup_printf (_("line %u: the required column “region” is missing"), line));

  return import->report->errors->len == 0;
}

static KsPartnerRef *
find_partner (GPtrArray  *existing,
              const char *name,
              const char *country)
{
  g_autofree char *folded = NULL;

  /* A new agreement, most rows of an import, has none to fold for. */
  if (existing == NULL || existing->len == 0)
    return NULL;

  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < existing->len; i++)
    {
      KsPartnerRef *ref = g_ptr_array_index (existing, i);
      g_autofree char *other = g_utf8_casefold (ref->name, -1);

      if (g_str_equal (folded, other) && g_str_equal (ref->country, country))
        return ref;
    }
  return NULL;
}

/* Partners the agreement already has keep their identity, kind and
 * locality, so that re-importing an export changes nothing. */
static void
set_partners (Import      *import,
              KsAgreement *agreement,
              GPtrArray   *previous)
{
  g_auto(GStrv) names = split_list (field (import, KS_CSV_PARTNERS));
  g_auto(GStrv) countries = split_list (field (import, KS_CSV_PARTNER_COUNTRIES));
  g_auto(GStrv) kinds = split_list (field (import, KS_CSV_PARTNER_KINDS));
  guint n = g_strv_length (names);
  GPtrArray *partners = ks_agreement_get_partners (agreement);

  if (import->index[KS_CSV_PARTNER_COUNTRIES] >= 0 && g_strv_length (countries) != n)
    add_error (import, KS_CSV_PARTNER_COUNTRIES,
               _("%u countries for %u partners; give one country per partner"),
               g_strv_length (countries), n);
  if (import->index[KS_CSV_PARTNER_KINDS] >= 0 && kinds[0] != NULL && g_strv_length (kinds) != n)
    add_error (import, KS_CSV_PARTNER_KINDS,
               _("%u kinds for %u partners; give one kind per partner"), g_strv_length (kinds), n);

  g_ptr_array_set_size (partners, 0);
  for (guint i = 0; i < n; i++)
    {
      const char *country = i < g_strv_length (countries) ? countries[i] : "";
      const char *kind = i < g_strv_length (kinds) ? kinds[i] : "";
      KsPartnerRef *known = find_partner (previous, names[i], country);

      if (known != NULL && (kind[0] == '\0' || g_str_equal (kind, known->kind)))
        g_ptr_array_add (partners, ks_partner_ref_copy (known));
      else
        g_ptr_array_add (partners, ks_partner_ref_new (NULL, names[i], kind[0] != '\0' ? kind : "other",
                                                       country, known != NULL ? known->locality : ""));
    }
}

static void
set_local_parties (Import      *import,
                   KsAgreement *agreement,
                   GPtrArray   *previous)
{
  g_auto(GStrv) names = split_list (field (import, KS_CSV_LOCAL_PARTIES));
  GPtrArray *parties = ks_agreement_get_local_parties (agreement);

  g_ptr_array_set_size (parties, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *role = "implementing";

      for (guint j = 0; previous != NULL && j < previous->len; j++)
        {
          KsLocalPartyRef *ref = g_ptr_array_index (previous, j);
          if (g_str_equal (ref->name, names[i]))
            role = ref->role;
        }
      g_ptr_array_add (parties, ks_local_party_ref_new (names[i], role));
    }
}

static void
set_keys (Import      *import,
          KsAgreement *agreement)
{
  g_auto(GStrv) sectors = split_list (field (import, KS_CSV_SECTORS));
  g_auto(GStrv) obstacles = split_list (field (import, KS_CSV_OBSTACLES));
  GPtrArray *sector_list = ks_agreement_get_sectors (agreement);
  GPtrArray *obstacle_list = ks_agreement_get_obstacles (agreement);
  g_autoptr(GPtrArray) old_obstacles = g_ptr_array_copy (obstacle_list, (GCopyFunc) ks_obstacle_copy, NULL);

  g_ptr_array_set_free_func (old_obstacles, (GDestroyNotify) ks_obstacle_free);
  if (import->index[KS_CSV_SECTORS] >= 0)
    {
      g_ptr_array_set_size (sector_list, 0);
      for (guint i = 0; sectors[i] != NULL; i++)
        g_ptr_array_add (sector_list, g_strdup (sectors[i]));
    }

  if (import->index[KS_CSV_OBSTACLES] < 0)
    return;

  /* Obstacle notes are not in the CSV; keep the ones already written. */
  g_ptr_array_set_size (obstacle_list, 0);
  for (guint i = 0; obstacles[i] != NULL; i++)
    {
      const char *note = "";

      for (guint j = 0; j < old_obstacles->len; j++)
        {
          KsObstacle *old = g_ptr_array_index (old_obstacles, j);
          if (g_str_equal (old->key, obstacles[i]))
            note = old->note;
        }
      g_ptr_array_add (obstacle_list, ks_obstacle_new (obstacles[i], note));
    }
}

static void
set_scalars (Import      *import,
             KsAgreement *agreement)
{
  static const struct { KsCsvColumn column; const char *property; } scalars[] = {
    { KS_CSV_TITLE, "title" }, { KS_CSV_DESCRIPTION, "description" },
    { KS_CSV_FORM, "form" }, { KS_CSV_DOCUMENT, "document" }, { KS_CSV_STAGE, "stage" },
    { KS_CSV_SIGNED_ON, "signed-on" }, { KS_CSV_STARTS_ON, "starts-on" },
    { KS_CSV_ENDS_ON, "ends-on" }, { KS_CSV_REPORTED_TO_CENTER_ON, "reported-to-center-on" },
    { KS_CSV_NOTES, "notes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scalars); i++)
    {
      g_autofree char *value = NULL;
      gboolean multi_line = scalars[i].column == KS_CSV_DESCRIPTION || scalars[i].column == KS_CSV_NOTES;

      /* A missing optional column leaves the field as it is. */
      if (import->index[scalars[i].column] < 0)
        continue;

      value = g_strdup (field (import, scalars[i].column));
      if (!multi_line)
        g_strstrip (value);
      else
        {
          /* The register keeps LF line ends; spreadsheets write CRLF. */
          g_autoptr(GString) text = g_string_new (value);
          g_string_replace (text, "\r\n", "\n", 0);
          g_free (value);
          value = g_string_free (g_steal_pointer (&text), FALSE);
        }

      /* Empty keys fall back to the defaults, as the format allows. */
      if (value[0] == '\0' && (scalars[i].column == KS_CSV_FORM ||
                               scalars[i].column == KS_CSV_DOCUMENT ||
                               scalars[i].column == KS_CSV_STAGE))
        g_object_set (agreement, scalars[i].property, NULL, NULL);
      else
        g_object_set (agreement, scalars[i].property, value, NULL);
    }
}

static gboolean
set_region (Import      *import,
            KsAgreement *agreement)
{
  g_autofree char *text = g_strstrip (g_strdup (field (import, KS_CSV_REGION)));
  g_autoptr(KsRegion) region = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *code;

  if (text[0] == '\0')
    {
      add_error (import, KS_CSV_REGION, _("a region is required (a code such as 33.14, or its name)"));
      return FALSE;
    }

  /* A national file names each of its 514 regions hundreds of times;
   * the regions themselves are read once, not for each new text. */
  code = g_hash_table_lookup (import->region_codes, text);
  if (code != NULL)
    {
      g_object_set (agreement, "region-code", code, NULL);
      return TRUE;
    }

  if (import->regions == NULL)
    import->regions = ks_region_store_list (import->db, &local_error);
  if (import->regions != NULL)
    region = ks_region_store_find (G_LIST_MODEL (import->regions), text, &local_error);
  if (region == NULL)
    {
      add_error (import, KS_CSV_REGION, "%s", local_error->message);
      return FALSE;
    }

  g_hash_table_insert (import->region_codes, g_steal_pointer (&text),
                       g_strdup (ks_region_get_code (region)));
  g_object_set (agreement, "region-code", ks_region_get_code (region), NULL);
  return TRUE;
}

/* Starts from the stored agreement when the row names one, so that what
 * the CSV does not carry (people, amounts, checklist) is kept. */
static KsAgreement *
start_agreement (Import  *import,
                 gboolean *existing)
{
  g_autofree char *uuid = g_strstrip (g_strdup (field (import, KS_CSV_UUID)));
  g_autoptr(KsAgreement) agreement = NULL;

  *existing = FALSE;
  if (uuid[0] == '\0')
    return ks_agreement_new ();

  if (!g_uuid_string_is_valid (uuid))
    {
      add_error (import, KS_CSV_UUID, _("“%s” is not a valid identifier"), uuid);
      return NULL;
    }
  if (!g_hash_table_add (import->uuids_seen, g_strdup (uuid)))
    {
      add_error (import, KS_CSV_UUID, _("the identifier %s appears on an earlier line too"), uuid);
      return NULL;
    }

  if (ks_agreement_store_exists (import->db, uuid, NULL, NULL))
    {
      agreement = ks_agreement_store_load (import->db, uuid, NULL);
      *existing = agreement != NULL;
    }
  if (agreement == NULL)
    {
      agreement = ks_agreement_new ();
      g_object_set (agreement, "uuid", uuid, NULL);
    }

  return g_steal_pointer (&agreement);
}

static KsCsvColumn
column_of (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (property_columns); i++)
    if (g_str_equal (property_columns[i].property, property))
      return property_columns[i].column;

  return KS_CSV_TITLE;
}

/* Every rule is checked, so that one pass lists all of a row's problems;
 * a region already reported as unknown is not reported again as empty. */
static void
check_rules (Import      *import,
             KsAgreement *agreement,
             gboolean     region_reported)
{
  g_autoptr(GPtrArray) problems = ks_agreement_validate_all (agreement);

  for (guint i = 0; i < problems->len; i++)
    {
      KsProblem *problem = g_ptr_array_index (problems, i);

      if (region_reported && g_str_equal (problem->field, "region-code"))
        continue;
      add_error (import, column_of (problem->field), "%s", problem->message);
    }
}

/* Rows are written as they are read, into the transaction that the end
 * of the file commits or rolls back; once the file has an error or a
 * write failed, the rest is only checked, so that every error is listed. */
static void
write_agreement (Import      *import,
                 KsAgreement *agreement,
                 KsAgreement *stored)
{
  if (import->writer == NULL || import->write_error != NULL || import->report->errors->len > 0)
    return;

  if (!ks_database_in_transaction (import->db) &&
      !ks_database_begin (import->db, &import->write_error))
    return;

  if (import->single_saves)
    ks_agreement_store_save (import->db, agreement, import->source, &import->write_error);
  else
    ks_agreement_writer_save (import->writer, agreement, stored, &import->write_error);
}

static void
read_record (Import *import)
{
  g_autoptr(KsAgreement) agreement = NULL;
  g_autoptr(KsAgreement) before = NULL;
  guint n_errors = import->report->errors->len;
  gboolean existing, region_ok;

  agreement = start_agreement (import, &existing);
  if (agreement == NULL)
    return;
  /* A new agreement has nothing to keep or to compare with. */
  if (existing)
    before = ks_agreement_copy (agreement);

  region_ok = set_region (import, agreement);
  set_scalars (import, agreement);
  if (import->index[KS_CSV_LOCAL_PARTIES] >= 0)
    set_local_parties (import, agreement, before != NULL ? ks_agreement_get_local_parties (before) : NULL);
  if (import->index[KS_CSV_PARTNERS] >= 0)
    set_partners (import, agreement, before != NULL ? ks_agreement_get_partners (before) : NULL);
  set_keys (import, agreement);

  check_rules (import, agreement, !region_ok);
  if (import->report->errors->len > n_errors)
    return;

  if (!existing)
    import->report->n_added++;
  else if (ks_agreement_equal (before, agreement))
    {
      import->report->n_unchanged++;
      return;
    }
  else
    import->report->n_updated++;

  write_agreement (import, agreement, before);
}

static void
set_invalid_error (KsImportReport  *report,
                   GError         **error)
{
  g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The file has %u error; nothing was imported.",
                            "The file has %u errors; nothing was imported.",
                            report->errors->len),
               report->errors->len);
}

/* The pages of a mapped file that the reader has passed count in the
 * process's memory until they are given back; dropping them keeps an
 * import of any size within a few megabytes of input.  They are read
 * from the file again should anything touch them. */
static void
release_consumed (Import      *import,
                  KsCsvReader *reader,
                  GBytes      *bytes)
{
#if defined(G_OS_UNIX) && defined(MADV_DONTNEED)
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start, end;

  if (!import->mapped || data == NULL)
    return;

  start = ((guintptr) data + import->released + page - 1) / page * page;
  end = ((guintptr) data + ks_csv_reader_get_offset (reader)) / page * page;
  if (end <= start || end - start < 64 * page)
    return;

  madvise ((void *) start, end - start, MADV_DONTNEED);
  import->released = end - (guintptr) data;
#endif
}

/* Reads every record, writing the valid ones while the file has no
 * error; FALSE only when cancelled. */
static gboolean
read_records (Import        *import,
              KsCsvReader   *reader,
              GBytes        *bytes,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) parse_error = NULL;
  guint n = 0;

  if (!read_header (import, reader, &parse_error))
    {
      if (parse_error != NULL)
        g_ptr_array_add (import->report->errors, g_strdup (parse_error->message));
      return TRUE;
    }

  while (ks_csv_reader_next_record (reader, &import->record, &parse_error))
    {
      if (++n % CHECK_CANCEL_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          release_consumed (import, reader, bytes);
        }
      import->line = ks_csv_reader_get_line (reader);
      read_record (import);
    }
  if (parse_error != NULL)
    g_ptr_array_add (import->report->errors, g_strdup (parse_error->message));

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Commits what read_records() wrote; an import that had nothing to
 * write still opens and commits its (empty) transaction, as the single
 * saves did, so a read-only register is reported the same way. */
static gboolean
commit (Import  *import,
        GError **error)
{
  if (!ks_database_in_transaction (import->db) && !ks_database_begin (import->db, error))
    return FALSE;

  if (!ks_agreement_writer_finish (import->writer, error) ||
      !ks_database_commit (import->db, error))
    {
      ks_database_rollback (import->db);
      return FALSE;
    }

  return TRUE;
}

/* SQLite's default 2 MB page cache holds the indexes of a few thousand
 * agreements; past that, every row's identifier and audit entry landed
 * on a page read back from the file (a third of an import's system time
 * at 100,000 rows).  The import gets a larger but fixed cache, which
 * holds the 35 MB of indexes of 100,000 agreements (16 MB left 1.6 s of
 * its 7.5 s of CPU in reading pages back); returns the size to restore. */
#define IMPORT_CACHE_KIB 65536

static int
enlarge_cache (KsDatabase *db)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "PRAGMA cache_size", NULL);
  g_autofree char *sql = NULL;
  int previous;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  previous = sqlite3_column_int (stmt, 0);
  if (previous < 0 && -previous >= IMPORT_CACHE_KIB)
    return 0;

  sql = g_strdup_printf ("PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
  ks_database_exec (db, sql, NULL);
  return previous;
}

static void
restore_cache (KsDatabase *db,
               int         previous)
{
  g_autofree char *sql = NULL;

  if (previous == 0)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = %d", previous);
  ks_database_exec (db, sql, NULL);
}

static gboolean
import_bytes (KsDatabase      *db,
              GBytes          *bytes,
              gboolean         mapped,
              const char      *source,
              gboolean         dry_run,
              gboolean         single_saves,
              KsImportReport  *report,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(GHashTable) uuids_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) region_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *source_text = g_strconcat ("import:", source != NULL ? source : "", NULL);
  g_autoptr(KsAgreementWriter) writer = NULL;
  g_autoptr(KsCsvReader) reader = ks_csv_reader_new (bytes);
  Import import = { db, report, { 0 }, NULL, 0, uuids_seen, region_codes, NULL, source_text, NULL,
                    single_saves, FALSE, 0, NULL };
  int previous_cache = 0;
  gboolean ok;

  if (!dry_run)
    {
      import.writer = writer = ks_agreement_writer_new (db, source_text);
      previous_cache = enlarge_cache (db);
    }

  import.mapped = mapped;
  ok = read_records (&import, reader, bytes, cancellable, error);
  if (ok && report->errors->len > 0)
    {
      set_invalid_error (report, error);
      ok = FALSE;
    }
  else if (ok && import.write_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import.write_error));
      ok = FALSE;
    }
  else if (ok && !dry_run)
    ok = commit (&import, error);

  if (!ok)
    ks_database_rollback (db);
  restore_cache (db, previous_cache);
  g_clear_error (&import.write_error);
  g_clear_object (&import.regions);
  return ok;
}

/**
 * ks_csv_import_bytes:
 * @source: (nullable): recorded in the audit trail, e.g. the file's path
 * @dry_run: check and count, but write nothing
 * @report: filled with the counts and every problem found
 * @cancellable: (nullable): stops the import, which then writes nothing
 *
 * All or nothing: the rows are written as they are read, in one
 * transaction that is committed only when the whole file is valid; an
 * error anywhere, or cancelling (%G_IO_ERROR_CANCELLED), rolls it back.
 * Memory does not grow with the number of rows.
 *
 * Returns: %FALSE when the file has errors (listed in @report), the
 *   register could not be written or the import was cancelled
 */
gboolean
ks_csv_import_bytes (KsDatabase      *db,
                     GBytes          *bytes,
                     const char      *source,
                     gboolean         dry_run,
                     KsImportReport  *report,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (!ks_database_in_transaction (db), FALSE);

  return import_bytes (db, bytes, FALSE, source, dry_run, FALSE, report, cancellable, error);
}

/**
 * ks_csv_import_bytes_by_single_saves:
 *
 * ks_csv_import_bytes() writing each row with ks_agreement_store_save(),
 * as the import did before it had a bulk writer: the reference the
 * tests hold the writer to.
 */
gboolean
ks_csv_import_bytes_by_single_saves (KsDatabase      *db,
                                     GBytes          *bytes,
                                     const char      *source,
                                     KsImportReport  *report,
                                     GError         **error)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (!ks_database_in_transaction (db), FALSE);

  return import_bytes (db, bytes, FALSE, source, FALSE, TRUE, report, NULL, error);
}

/* Mapped rather than read, so that a file of 100,000 rows is not copied
 * into memory; what cannot be mapped (a pipe) is read. */
static GBytes *
read_file (const char  *path,
           gboolean    *is_mapped,
           GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize len = 0;

  *is_mapped = mapped != NULL;
  if (mapped != NULL)
    return g_mapped_file_get_bytes (mapped);

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, KS_ERROR, KS_ERROR_IO,
                   _("“%s” cannot be read: %s"), path, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (data, len);
}

/**
 * ks_csv_import_file:
 * @cancellable: (nullable): stops the import, which then writes nothing
 *
 * ks_csv_import_bytes() on the file at @path.
 */
gboolean
ks_csv_import_file (KsDatabase      *db,
                    const char      *path,
                    gboolean         dry_run,
                    KsImportReport  *report,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean mapped;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (!ks_database_in_transaction (db), FALSE);

  bytes = read_file (path, &mapped, error);
  if (bytes == NULL)
    return FALSE;

  return import_bytes (db, bytes, mapped, path, dry_run, FALSE, report, cancellable, error);
}
