/* test-event-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ks-agreement-store.h"
#include "ks-audit-store.h"
#include "ks-database.h"
#include "ks-check.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-test-common.h"

#define AGREEMENT_UUID "6f1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c01"
#define OTHER_UUID     "6f1c2a52-4d7e-4c1b-9a59-3f0e8d1b2c02"

typedef struct
{
  char       *dir;
  char       *path;
  KsDatabase *db;
} Fixture;

static void
add_agreement (KsDatabase *db,
               const char *uuid,
               const char *region_code,
               const char *title,
               const char *stage,
               const char *ends_on)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (agreement,
                "uuid", uuid,
                "region-code", region_code,
                "title", title,
                "stage", stage,
                "ends-on", ends_on,
                NULL);
  ks_agreement_store_save (db, agreement, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = ks_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "register.db", NULL);
  fixture->db = ks_database_open (fixture->path, KS_DATABASE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ks_database_set_staff_name (fixture->db, "Siti Rahayu");

  add_agreement (fixture->db, AGREEMENT_UUID, "33.14", "Sister city Sragen", "signed", "2020-12");
  add_agreement (fixture->db, OTHER_UUID, "33.72", "Grant for schools", "exploration", "");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  ks_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static KsEvent *
new_event (const char *agreement_uuid,
           const char *occurred_on,
           const char *kind)
{
  return g_object_new (KS_TYPE_EVENT,
                       "agreement-uuid", agreement_uuid,
                       "occurred-on", occurred_on,
                       "kind", kind,
                       NULL);
}

static KsEvent *
save_new (KsDatabase *db,
          const char *occurred_on,
          const char *kind,
          const char *new_stage)
{
  g_autoptr(GError) error = NULL;
  KsEvent *event = new_event (AGREEMENT_UUID, occurred_on, kind);

  g_object_set (event, "new-stage", new_stage, NULL);
  ks_event_store_save (db, event, NULL, &error);
  g_assert_no_error (error);
  return event;
}

static void
assert_invalid (KsEvent    *event,
                const char *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_event_validate (event, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static void
test_validate_defaults (void)
{
  g_autoptr(KsEvent) event = ks_event_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ks_event_get_kind (event), ==, "other");
  g_assert_cmpstr (ks_event_get_cost_currency (event), ==, "IDR");
  g_assert_cmpstr (ks_event_get_new_stage (event), ==, "");

  g_object_set (event, "occurred-on", "2017-04", NULL);
  g_assert_true (ks_event_validate (event, &error));
  g_assert_no_error (error);
}

static void
test_validate_date_required (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "", "visit");

  assert_invalid (event, "Date");
}

static void
test_validate_date_invalid (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015-02-30", "visit");

  assert_invalid (event, "Date");
}

static void
test_validate_kind_unknown (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015", "party");

  assert_invalid (event, "Event kind");
}

static void
test_validate_stage_unknown (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015", "meeting");

  g_object_set (event, "new-stage", "finished", NULL);
  assert_invalid (event, "New stage");
}

static void
test_validate_negative_cost (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015", "visit");

  g_object_set (event, "cost-amount", (gint64) -100, NULL);
  assert_invalid (event, "Cost");
}

static void
test_validate_currency (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015", "visit");

  g_object_set (event, "cost-currency", "RUPIAH", NULL);
  assert_invalid (event, "Currency");
}

static void
test_validate_description_length (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015", "visit");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* Characters, not bytes: 20,000 two-byte letters are allowed. */
  for (guint i = 0; i < KS_EVENT_DESCRIPTION_MAX; i++)
    g_string_append (text, "é");
  g_object_set (event, "description", text->str, NULL);
  g_assert_true (ks_event_validate (event, &error));
  g_assert_no_error (error);

  g_string_append_c (text, 'x');
  g_object_set (event, "description", text->str, NULL);
  assert_invalid (event, "Description");
}

static void
test_validate_description_utf8 (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015", "visit");

  g_object_set (event, "description", "Kunjungan \xff\xfe", NULL);
  assert_invalid (event, "Description");
}

static void
test_validate_renewal_may_stay_open (void)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2020-11", "renewed");
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_event_validate (event, &error));
  g_assert_no_error (error);
}

static void
test_save_assigns_identity (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2016-03-01", "visit", "");
  g_autoptr(KsEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_uuid_string_is_valid (ks_event_get_uuid (event)));
  g_assert_cmpstr (ks_event_get_created_at (event), !=, "");
  g_assert_cmpstr (ks_event_get_created_at (event), ==, ks_event_get_updated_at (event));

  loaded = ks_event_store_load (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_event_get_occurred_on (loaded), ==, "2016-03-01");
  g_assert_cmpstr (ks_event_get_kind (loaded), ==, "visit");
  g_assert_cmpstr (ks_event_get_agreement_uuid (loaded), ==, AGREEMENT_UUID);
}

static void
test_list_newest_first (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2015", "contact", "");
  g_autoptr(KsEvent) b = save_new (fixture->db, "2017-04", "visit", "");
  g_autoptr(KsEvent) c = save_new (fixture->db, "2016-09-10", "meeting", "");
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsEvent) first = NULL;
  g_autoptr(KsEvent) last = NULL;

  list = ks_event_store_list (fixture->db, AGREEMENT_UUID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (ks_event_get_occurred_on (first), ==, "2017-04");
  g_assert_cmpstr (ks_event_get_occurred_on (last), ==, "2015");
}

static void
test_list_unknown_agreement (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;

  list = ks_event_store_list (fixture->db, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (list);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

static void
test_save_moves_stage (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2018-05-02", "meeting", "active");
  g_autofree char *stage = ks_test_query_text (fixture->db, "SELECT stage FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");

  g_assert_cmpstr (stage, ==, "active");
}

static void
test_stage_move_audited (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2018-05-02", "meeting", "stalled");
  g_autofree char *changes =
    ks_test_query_text (fixture->db, "SELECT changes FROM audit_log WHERE record_table = 'agreements' "
                             "AND record_uuid = '" AGREEMENT_UUID "' AND action = 'update'");
  g_autofree char *who =
    ks_test_query_text (fixture->db, "SELECT who FROM audit_log WHERE record_table = 'agreements' "
                             "AND action = 'update'");

  g_assert_cmpstr (changes, ==, "{\"stage\":[\"signed\",\"stalled\"]}");
  g_assert_cmpstr (who, ==, "Siti Rahayu");
}

static void
test_resave_keeps_later_stage (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2018-05-02", "meeting", "active");
  g_autoptr(KsAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = NULL;

  /* Staff later mark it stalled; correcting the old event's text must
   * not bring it back to active. */
  agreement = ks_agreement_store_load (fixture->db, AGREEMENT_UUID, &error);
  g_assert_no_error (error);
  g_object_set (agreement, "stage", "stalled", NULL);
  ks_agreement_store_save (fixture->db, agreement, NULL, &error);
  g_assert_no_error (error);
  g_object_set (event, "description", "Rapat koordinasi", NULL);
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);

  stage = ks_test_query_text (fixture->db, "SELECT stage FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  g_assert_cmpstr (stage, ==, "stalled");
}

static void
test_renewal_records_end_dates (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2020-11-20", "renewed");
  g_autoptr(KsEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ends_on = NULL;
  g_autofree char *changes = NULL;

  g_object_set (event, "new-ends-on", "2025-12", NULL);
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_event_get_old_ends_on (event), ==, "2020-12");

  loaded = ks_event_store_load (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ks_event_get_old_ends_on (loaded), ==, "2020-12");
  g_assert_cmpstr (ks_event_get_new_ends_on (loaded), ==, "2025-12");

  ends_on = ks_test_query_text (fixture->db, "SELECT ends_on FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  g_assert_cmpstr (ends_on, ==, "2025-12");
  changes = ks_test_query_text (fixture->db, "SELECT changes FROM audit_log WHERE record_table = 'agreements' "
                                     "AND action = 'update'");
  g_assert_cmpstr (changes, ==, "{\"ends_on\":[\"2020-12\",\"2025-12\"]}");
}

static void
test_renewal_correction_keeps_old_end (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2020-11-20", "renewed");
  g_autoptr(GError) error = NULL;
  g_autofree char *ends_on = NULL;

  g_object_set (event, "new-ends-on", "2025-12", NULL);
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);

  g_object_set (event, "new-ends-on", "2026-06", NULL);
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (ks_event_get_old_ends_on (event), ==, "2020-12");
  ends_on = ks_test_query_text (fixture->db, "SELECT ends_on FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  g_assert_cmpstr (ends_on, ==, "2026-06");
}

static void
test_save_updates_last_event (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2016-09-10", "visit", "");
  g_autoptr(KsEvent) b = save_new (fixture->db, "2017-04", "report", "");
  g_autofree char *last = ks_test_query_text (fixture->db, "SELECT last_event_on FROM agreements "
                                                   "WHERE uuid = '" AGREEMENT_UUID "'");

  g_assert_cmpstr (last, ==, "2017-04");
}

/* The newest event's kind and description, as the agreement row keeps
 * them for reports. */
static char *
stored_newest (KsDatabase *db)
{
  return ks_test_query_text (db, "SELECT last_event_kind || '|' || last_event_description "
                                 "FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
}

static void
resave_description (KsDatabase *db,
                    KsEvent    *event,
                    const char *description)
{
  g_autoptr(GError) error = NULL;

  g_object_set (event, "description", description, NULL);
  ks_event_store_save (db, event, NULL, &error);
  g_assert_no_error (error);
}

static void
test_add_updates_newest_event (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2017-04", "visit", "");
  g_autoptr(KsEvent) b = NULL;
  g_autoptr(KsEvent) c = NULL;
  g_autofree char *first = NULL;
  g_autofree char *later = NULL;
  g_autofree char *older = NULL;

  resave_description (fixture->db, a, "Kunjungan ke Belanda");
  first = stored_newest (fixture->db);
  g_assert_cmpstr (first, ==, "visit|Kunjungan ke Belanda");

  /* The same day: the later entry is the newest. */
  b = save_new (fixture->db, "2017-04", "report", "");
  later = stored_newest (fixture->db);
  g_assert_cmpstr (later, ==, "report|");

  /* An older date does not displace it. */
  c = save_new (fixture->db, "2016", "meeting", "");
  older = stored_newest (fixture->db);
  g_assert_cmpstr (older, ==, "report|");
}

static void
test_edit_updates_newest_event (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2016", "visit", "");
  g_autoptr(KsEvent) b = save_new (fixture->db, "2017-04", "report", "");
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *moved = NULL;

  resave_description (fixture->db, b, "Laporan tahunan");
  described = stored_newest (fixture->db);
  g_assert_cmpstr (described, ==, "report|Laporan tahunan");

  /* Moved before the other, it is no longer the newest. */
  g_object_set (b, "occurred-on", "2015", NULL);
  ks_event_store_save (fixture->db, b, NULL, &error);
  g_assert_no_error (error);
  moved = stored_newest (fixture->db);
  g_assert_cmpstr (moved, ==, "visit|");
}

static void
test_delete_updates_newest_event (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2016", "visit", "");
  g_autoptr(KsEvent) b = save_new (fixture->db, "2017-04", "report", "");
  g_autoptr(GError) error = NULL;
  g_autofree char *after_delete = NULL;
  g_autofree char *after_undelete = NULL;
  g_autofree char *none = NULL;

  ks_event_store_delete (fixture->db, ks_event_get_uuid (b), &error);
  g_assert_no_error (error);
  after_delete = stored_newest (fixture->db);
  g_assert_cmpstr (after_delete, ==, "visit|");

  ks_event_store_undelete (fixture->db, ks_event_get_uuid (b), &error);
  g_assert_no_error (error);
  after_undelete = stored_newest (fixture->db);
  g_assert_cmpstr (after_undelete, ==, "report|");

  ks_event_store_delete (fixture->db, ks_event_get_uuid (a), &error);
  g_assert_no_error (error);
  ks_event_store_delete (fixture->db, ks_event_get_uuid (b), &error);
  g_assert_no_error (error);
  none = stored_newest (fixture->db);
  g_assert_cmpstr (none, ==, "|");
}

/* A register written by hand, or by a version that forgot to keep them,
 * shows a report a stale newest event; the check says so. */
static void
test_check_finds_stale_newest_event (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2016", "visit", "");
  g_autoptr(KsEvent) b = save_new (fixture->db, "2017-04", "report", "");
  g_autoptr(GPtrArray) sound = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_check_run (fixture->db, &sound, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sound->len, ==, 0);

  ks_test_exec (fixture->db, "UPDATE agreements SET last_event_kind = 'visit' "
                             "WHERE uuid = '" AGREEMENT_UUID "'");
  ks_test_exec (fixture->db, "UPDATE agreements SET last_event_description = 'Usang' "
                             "WHERE uuid = '" OTHER_UUID "'");
  g_assert_true (ks_check_run (fixture->db, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "Agreement “Sister city Sragen”: the summary shown in the list is out of date");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==,
                   "Agreement “Grant for schools”: the summary shown in the list is out of date");
}

static void
test_move_to_other_agreement (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2016-09-10", "visit", "");
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *other = NULL;

  g_object_set (event, "agreement-uuid", OTHER_UUID, NULL);
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);

  mine = ks_test_query_text (fixture->db, "SELECT last_event_on FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  other = ks_test_query_text (fixture->db, "SELECT last_event_on FROM agreements WHERE uuid = '" OTHER_UUID "'");
  g_assert_cmpstr (mine, ==, "");
  g_assert_cmpstr (other, ==, "2016-09-10");
}

static void
test_update_audited_with_changes (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2016-09-10", "visit", "");
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *source = NULL;

  g_object_set (event, "cost-amount", (gint64) 1250000, "description", "Kunjungan ke Xi'an", NULL);
  ks_event_store_save (fixture->db, event, "editor", &error);
  g_assert_no_error (error);

  changes = ks_test_query_text (fixture->db, "SELECT changes FROM audit_log WHERE record_table = 'events' "
                                     "AND action = 'update'");
  source = ks_test_query_text (fixture->db, "SELECT source FROM audit_log WHERE action = 'update'");
  g_assert_cmpstr (changes, ==, "{\"description\":[\"\",\"Kunjungan ke Xi'an\"],\"cost_amount\":[0,1250000]}");
  g_assert_cmpstr (source, ==, "editor");
}

static void
test_unchanged_save_writes_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2016-09-10", "visit", "active");
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_invalid_leaves_register_unchanged (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2015-13", "visit");
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (event, "new-stage", "active", NULL);
  g_assert_false (ks_event_store_save (fixture->db, event, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (ks_event_get_uuid (event), ==, "");

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_unknown_agreement_leaves_register_unchanged (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(KsEvent) event = new_event ("00000000-0000-4000-8000-000000000000", "2015", "visit");
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_event_store_save (fixture->db, event, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* A failure after the agreement was already moved must undo the move. */
static void
test_failed_write_undoes_stage_move (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2018", "meeting");
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  ks_test_exec (fixture->db, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.events "
                        "BEGIN SELECT RAISE (ABORT, 'refused by test'); END");
  g_object_set (event, "new-stage", "active", NULL);
  g_assert_false (ks_event_store_save (fixture->db, event, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_DATABASE);
  g_assert_false (ks_database_in_transaction (fixture->db));

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_failure_inside_caller_transaction (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(KsEvent) good = new_event (AGREEMENT_UUID, "2017", "visit");
  g_autoptr(KsEvent) bad = new_event (AGREEMENT_UUID, "2018", "meeting");
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = NULL;

  ks_test_exec (fixture->db, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.events "
                        "WHEN new.occurred_on = '2018' BEGIN SELECT RAISE (ABORT, 'refused'); END");
  g_assert_true (ks_database_begin (fixture->db, NULL));
  g_assert_true (ks_event_store_save (fixture->db, good, NULL, NULL));
  g_object_set (bad, "new-stage", "terminated", NULL);
  g_assert_false (ks_event_store_save (fixture->db, bad, NULL, &error));
  g_assert_nonnull (error);

  /* The caller's transaction goes on with the good event only. */
  g_assert_true (ks_database_in_transaction (fixture->db));
  g_assert_true (ks_database_commit (fixture->db, NULL));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM events"), ==, 1);
  stage = ks_test_query_text (fixture->db, "SELECT stage FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  g_assert_cmpstr (stage, ==, "signed");
}

static void
test_joins_caller_transaction (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsEvent) event = new_event (AGREEMENT_UUID, "2017", "visit");
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_database_begin (fixture->db, NULL));
  ks_event_store_save (fixture->db, event, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ks_database_in_transaction (fixture->db));
  ks_database_rollback (fixture->db);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM events"), ==, 0);
}

static void
count_change (KsDatabase *db,
              const char *table,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_changed_signals (Fixture       *fixture,
                      gconstpointer  data)
{
  guint events = 0, agreements = 0;
  g_autoptr(KsEvent) event = NULL;

  g_signal_connect (fixture->db, "changed::events", G_CALLBACK (count_change), &events);
  g_signal_connect (fixture->db, "changed::agreements", G_CALLBACK (count_change), &agreements);
  event = save_new (fixture->db, "2017", "visit", "");

  g_assert_cmpuint (events, ==, 1);
  g_assert_cmpuint (agreements, ==, 1);
}

static void
test_delete_hides_and_refreshes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KsEvent) a = save_new (fixture->db, "2016", "visit", "");
  g_autoptr(KsEvent) b = save_new (fixture->db, "2017-04", "report", "");
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  ks_event_store_delete (fixture->db, ks_event_get_uuid (b), &error);
  g_assert_no_error (error);

  list = ks_event_store_list (fixture->db, AGREEMENT_UUID, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  last = ks_test_query_text (fixture->db, "SELECT last_event_on FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  g_assert_cmpstr (last, ==, "2016");
  /* Soft: the row stays for merges and undo. */
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM events WHERE deleted_at IS NOT NULL"), ==, 1);
}

static void
test_undelete_restores (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2017-04", "report", "");
  g_autoptr(KsEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;

  ks_event_store_delete (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);
  ks_event_store_undelete (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);

  loaded = ks_event_store_load (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);
  last = ks_test_query_text (fixture->db, "SELECT last_event_on FROM agreements WHERE uuid = '" AGREEMENT_UUID "'");
  g_assert_cmpstr (last, ==, "2017-04");
}

static void
test_delete_audited (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KsEvent) event = save_new (fixture->db, "2017-04", "report", "");
  g_autoptr(GListStore) trail = NULL;
  g_autoptr(KsAuditEntry) newest = NULL;
  g_autoptr(KsAuditEntry) oldest = NULL;
  g_autoptr(GError) error = NULL;

  ks_event_store_delete (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);
  /* Deleting again changes and audits nothing. */
  ks_event_store_delete (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);

  trail = ks_audit_store_list_for_record (fixture->db, ks_event_get_uuid (event), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (trail)), ==, 2);
  newest = g_list_model_get_item (G_LIST_MODEL (trail), 0);
  oldest = g_list_model_get_item (G_LIST_MODEL (trail), 1);
  g_assert_cmpstr (ks_audit_entry_get_action (newest), ==, "delete");
  g_assert_cmpstr (ks_audit_entry_get_action (oldest), ==, "insert");
  g_assert_cmpstr (ks_audit_entry_get_who (newest), ==, ks_database_get_staff_name (fixture->db));
  g_assert_cmpstr (ks_audit_entry_get_record_table (newest), ==, "events");
}

static void
test_delete_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_event_store_delete (fixture->db, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_false (ks_database_in_transaction (fixture->db));
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/validate/defaults", test_validate_defaults);
  g_test_add_func ("/event/validate/date-required", test_validate_date_required);
  g_test_add_func ("/event/validate/date-invalid", test_validate_date_invalid);
  g_test_add_func ("/event/validate/kind-unknown", test_validate_kind_unknown);
  g_test_add_func ("/event/validate/stage-unknown", test_validate_stage_unknown);
  g_test_add_func ("/event/validate/negative-cost", test_validate_negative_cost);
  g_test_add_func ("/event/validate/currency", test_validate_currency);
  g_test_add_func ("/event/validate/description-length", test_validate_description_length);
  g_test_add_func ("/event/validate/description-utf8", test_validate_description_utf8);
  g_test_add_func ("/event/validate/renewal-may-stay-open", test_validate_renewal_may_stay_open);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/event/save/assigns-identity", test_save_assigns_identity);
  ADD ("/event/save/moves-stage", test_save_moves_stage);
  ADD ("/event/save/stage-move-audited", test_stage_move_audited);
  ADD ("/event/save/resave-keeps-later-stage", test_resave_keeps_later_stage);
  ADD ("/event/save/renewal-records-end-dates", test_renewal_records_end_dates);
  ADD ("/event/save/renewal-correction-keeps-old-end", test_renewal_correction_keeps_old_end);
  ADD ("/event/save/updates-last-event", test_save_updates_last_event);
  ADD ("/event/save/move-to-other-agreement", test_move_to_other_agreement);
  ADD ("/event/save/updates-newest-event", test_add_updates_newest_event);
  ADD ("/event/save/edit-updates-newest-event", test_edit_updates_newest_event);
  ADD ("/event/delete/updates-newest-event", test_delete_updates_newest_event);
  ADD ("/event/check/stale-newest-event", test_check_finds_stale_newest_event);
  ADD ("/event/save/update-audited", test_update_audited_with_changes);
  ADD ("/event/save/unchanged-writes-nothing", test_unchanged_save_writes_nothing);
  ADD ("/event/save/invalid-unchanged", test_invalid_leaves_register_unchanged);
  ADD ("/event/save/unknown-agreement-unchanged", test_unknown_agreement_leaves_register_unchanged);
  ADD ("/event/save/failed-write-undoes-stage", test_failed_write_undoes_stage_move);
  ADD ("/event/save/failure-in-caller-transaction", test_failure_inside_caller_transaction);
  ADD ("/event/save/joins-caller-transaction", test_joins_caller_transaction);
  ADD ("/event/save/changed-signals", test_changed_signals);
  ADD ("/event/list/newest-first", test_list_newest_first);
  ADD ("/event/list/unknown-agreement", test_list_unknown_agreement);
  ADD ("/event/delete/hides-and-refreshes", test_delete_hides_and_refreshes);
  ADD ("/event/delete/undelete", test_undelete_restores);
  ADD ("/event/delete/audited", test_delete_audited);
  ADD ("/event/delete/unknown", test_delete_unknown);

#undef ADD

  return g_test_run ();
}
