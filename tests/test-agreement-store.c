/* test-agreement-store.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "ks-agreement-list.h"
#include "ks-agreement-store.h"
#include "ks-database.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-test-common.h"

#define PARENT_UUID "0b7a4c1e-5d2f-4e8a-9c3b-1a2b3c4d5e01"
#define CHILD_UUID  "0b7a4c1e-5d2f-4e8a-9c3b-1a2b3c4d5e02"
#define GRANDCHILD_UUID "0b7a4c1e-5d2f-4e8a-9c3b-1a2b3c4d5e03"

typedef struct
{
  char       *dir;
  char       *path;
  KsDatabase *db;
} Fixture;

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

static KsAgreement *
new_minimal (const char *region,
             const char *title)
{
  KsAgreement *agreement = ks_agreement_new ();

  g_object_set (agreement, "region-code", region, "title", title, NULL);
  return agreement;
}

static KsPerson *
new_person (const char *side,
            const char *role,
            const char *name,
            const char *position,
            const char *email,
            const char *phone,
            const char *signed_on)
{
  KsPerson *person = ks_person_new (side, role, name);

  g_free (person->position);
  person->position = g_strdup (position);
  g_free (person->email);
  person->email = g_strdup (email);
  g_free (person->phone);
  person->phone = g_strdup (phone);
  g_free (person->signed_on);
  person->signed_on = g_strdup (signed_on);
  return person;
}

/* Every field and every list holds something distinct. */
static KsAgreement *
new_full (void)
{
  KsAgreement *agreement = new_minimal ("33.72", "Sister city Surakarta – Montana");

  g_object_set (agreement,
                "description", "Line one\nLine two\twith a tab",
                "form", "sister_city",
                "document", "mou",
                "stage", "active",
                "signed-on", "2015-09-10",
                "starts-on", "2015-09",
                "ends-on", "2023",
                "reported-by-agency-on", "2015-10",
                "reported-to-center-on", "2016-01-15",
                "dprd-approved-on", "2015-08",
                "apbd-amount", (gint64) 15000000000,
                "partner-amount", (gint64) 2500000,
                "partner-currency", "USD",
                "region-doc-number", "119/2015",
                "partner-doc-number", "MT-2015-7",
                "notes", "Renewal planned\nfor 2023",
                NULL);

  g_ptr_array_add (ks_agreement_get_local_parties (agreement),
                   ks_local_party_ref_new ("Dinas Pendidikan", "implementing"));
  g_ptr_array_add (ks_agreement_get_local_parties (agreement),
                   ks_local_party_ref_new ("Bagian Kerjasama", "coordinating"));
  g_ptr_array_add (ks_agreement_get_partners (agreement),
                   ks_partner_ref_new (NULL, "State of Montana", "local_government", "US", "Helena"));
  g_ptr_array_add (ks_agreement_get_partners (agreement),
                   ks_partner_ref_new (NULL, "Gemeente Leiden", "local_government", "NL", ""));
  g_ptr_array_add (ks_agreement_get_sectors (agreement), g_strdup ("tourism"));
  g_ptr_array_add (ks_agreement_get_sectors (agreement), g_strdup ("education"));
  g_ptr_array_add (ks_agreement_get_obstacles (agreement), ks_obstacle_new ("language", "Few staff speak English"));
  g_ptr_array_add (ks_agreement_get_obstacles (agreement), ks_obstacle_new ("budget", ""));
  g_ptr_array_add (ks_agreement_get_people (agreement),
                   new_person ("local", "signatory", "F. X. Hadi Rudyatmo", "Wali Kota",
                               "", "", "2015-09-10"));
  g_ptr_array_add (ks_agreement_get_people (agreement),
                   new_person ("partner", "contact", "Jane Doe", "Trade officer",
                               "jane.doe@mt.gov", "+1 406 555 0100", ""));
  g_ptr_array_add (ks_agreement_get_procedure (agreement),
                   ks_procedure_entry_new ("dprd_approval", "2015-08", "Perda 5/2015"));
  g_ptr_array_add (ks_agreement_get_procedure (agreement),
                   ks_procedure_entry_new ("cooperation_plan", "2015", ""));

  return agreement;
}

static void
save_ok (Fixture     *fixture,
         KsAgreement *agreement)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_no_error (error);
}

/* The first problem must be KS_ERROR_INVALID and name the field. */
static void
assert_invalid (KsAgreement *agreement,
                const char  *field_label)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_agreement_validate (agreement, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, field_label))
    g_error ("“%s” does not name “%s”", error->message, field_label);
}

static void
test_defaults (void)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();

  g_assert_cmpstr (ks_agreement_get_string (agreement, "form"), ==, "other");
  g_assert_cmpstr (ks_agreement_get_string (agreement, "document"), ==, "none");
  g_assert_cmpstr (ks_agreement_get_stage (agreement), ==, "exploration");
  g_assert_cmpstr (ks_agreement_get_string (agreement, "partner-currency"), ==, "IDR");
  g_assert_cmpstr (ks_agreement_get_uuid (agreement), ==, "");
  g_assert_cmpstr (ks_agreement_get_string (agreement, "deleted-at"), ==, "");
  g_assert_cmpint (ks_agreement_get_apbd_amount (agreement), ==, 0);

  /* NULL restores the default; no string is ever NULL. */
  g_object_set (agreement, "stage", "signed", "notes", NULL, NULL);
  g_object_set (agreement, "stage", NULL, NULL);
  g_assert_cmpstr (ks_agreement_get_stage (agreement), ==, "exploration");
  g_assert_cmpstr (ks_agreement_get_string (agreement, "notes"), ==, "");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  guint count = 0;

  g_signal_connect (agreement, "notify::title", G_CALLBACK (count_notify), &count);
  g_object_set (agreement, "title", "Grant", NULL);
  g_object_set (agreement, "title", "Grant", NULL);
  g_assert_cmpuint (count, ==, 1);

  count = 0;
  g_signal_handlers_disconnect_by_func (agreement, count_notify, &count);
  g_signal_connect (agreement, "notify::apbd-amount", G_CALLBACK (count_notify), &count);
  g_object_set (agreement, "apbd-amount", (gint64) 5, NULL);
  g_object_set (agreement, "apbd-amount", (gint64) 5, NULL);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_copy_is_deep_and_equal (void)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(KsAgreement) copy = ks_agreement_copy (agreement);
  KsPartnerRef *ref;

  g_assert_true (ks_agreement_equal (agreement, copy));

  ref = g_ptr_array_index (ks_agreement_get_partners (copy), 1);
  g_free (ref->locality);
  ref->locality = g_strdup ("Leiden");
  g_assert_false (ks_agreement_equal (agreement, copy));
  g_assert_cmpstr (((KsPartnerRef *) g_ptr_array_index (ks_agreement_get_partners (agreement), 1))->locality,
                   ==, "");
}

static void
test_equal_sees_order_and_scalars (void)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(KsAgreement) copy = ks_agreement_copy (agreement);
  g_autoptr(KsAgreement) other = ks_agreement_copy (agreement);
  GPtrArray *sectors = ks_agreement_get_sectors (copy);

  g_ptr_array_add (sectors, g_ptr_array_steal_index (sectors, 0));
  g_assert_false (ks_agreement_equal (agreement, copy));

  g_object_set (other, "partner-amount", (gint64) 1, NULL);
  g_assert_false (ks_agreement_equal (agreement, other));
}

static void
test_validate_full (void)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(GPtrArray) problems = ks_agreement_validate_all (agreement);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (ks_agreement_validate (agreement, &error));
  g_assert_no_error (error);
}

static void
test_validate_title_required (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", " \t ");

  assert_invalid (agreement, "Title:");
}

static void
test_validate_title_length (void)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(KsAgreement) agreement = NULL;

  /* 500 characters of two bytes each are fine; 501 are not. */
  for (guint i = 0; i < 500; i++)
    g_string_append (title, "é");
  agreement = new_minimal ("33.72", title->str);
  g_assert_true (ks_agreement_validate (agreement, NULL));

  g_string_append (title, "é");
  g_object_set (agreement, "title", title->str, NULL);
  assert_invalid (agreement, "Title:");
}

static void
test_validate_region_required (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("", "Grant");

  assert_invalid (agreement, "Region:");
}

static void
test_validate_utf8 (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  g_object_set (agreement, "description", "caf\xe9", NULL);
  assert_invalid (agreement, "Description:");
}

static void
test_validate_control_characters (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant\nfor schools");

  assert_invalid (agreement, "Title:");

  /* Newlines and tabs belong in multi-line fields, other controls not. */
  g_object_set (agreement, "title", "Grant", "notes", "one\n\ttwo", NULL);
  g_assert_true (ks_agreement_validate (agreement, NULL));
  g_object_set (agreement, "notes", "bell\a", NULL);
  assert_invalid (agreement, "Notes:");
}

static void
test_validate_notes_length (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autofree char *notes = g_strnfill (20001, 'x');

  g_object_set (agreement, "notes", notes, NULL);
  assert_invalid (agreement, "Notes:");
  notes[20000] = '\0';
  g_object_set (agreement, "notes", notes, NULL);
  g_assert_true (ks_agreement_validate (agreement, NULL));
}

static void
test_validate_unknown_keys (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  g_object_set (agreement, "form", "twinning", NULL);
  assert_invalid (agreement, "Form:");
  g_object_set (agreement, "form", "grant", "stage", "sined", NULL);
  assert_invalid (agreement, "Stage:");
}

static void
test_validate_duplicate_sector (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  g_ptr_array_add (ks_agreement_get_sectors (agreement), g_strdup ("health"));
  g_ptr_array_add (ks_agreement_get_sectors (agreement), g_strdup ("health"));
  assert_invalid (agreement, "Sector");
}

static void
test_validate_duplicate_obstacle (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  g_ptr_array_add (ks_agreement_get_obstacles (agreement), ks_obstacle_new ("budget", "travel"));
  g_ptr_array_add (ks_agreement_get_obstacles (agreement), ks_obstacle_new ("budget", ""));
  assert_invalid (agreement, "Obstacle");
}

static void
test_validate_list_keys (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  KsPerson *person = ks_person_new ("local", "boss", "Budi");

  g_ptr_array_add (ks_agreement_get_local_parties (agreement),
                   ks_local_party_ref_new ("PDAM", "funding"));
  assert_invalid (agreement, "Local party 1:");

  g_ptr_array_set_size (ks_agreement_get_local_parties (agreement), 0);
  g_ptr_array_add (ks_agreement_get_people (agreement), person);
  assert_invalid (agreement, "Person 1:");
}

static void
test_validate_invalid_date (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  g_object_set (agreement, "ends-on", "2015-02-30", NULL);
  assert_invalid (agreement, "End date:");
  g_object_set (agreement, "ends-on", "", "reported-to-center-on", "next year", NULL);
  assert_invalid (agreement, "Reported to the central government:");
}

static void
test_validate_end_before_start (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(GError) error = NULL;

  /* Compared by the first day each covers. */
  g_object_set (agreement, "starts-on", "2015", "ends-on", "2015-06", NULL);
  g_assert_true (ks_agreement_validate (agreement, NULL));
  g_object_set (agreement, "starts-on", "2015-01", "ends-on", "2015", NULL);
  g_assert_true (ks_agreement_validate (agreement, NULL));
  g_object_set (agreement, "starts-on", "2015-06-10", "ends-on", "2015-06", NULL);
  g_assert_false (ks_agreement_validate (agreement, NULL));

  g_object_set (agreement, "starts-on", "2016", "ends-on", "2015-02", NULL);
  g_assert_false (ks_agreement_validate (agreement, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "End date: 2015-02 is before the start date 2016");
}

static void
test_validate_partner (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  GPtrArray *partners = ks_agreement_get_partners (agreement);

  g_ptr_array_add (partners, ks_partner_ref_new (NULL, "  ", "ngo", "NL", ""));
  assert_invalid (agreement, "Partner 1:");

  g_ptr_array_set_size (partners, 0);
  g_ptr_array_add (partners, ks_partner_ref_new (NULL, "Oxfam", "ngo", "XX", ""));
  assert_invalid (agreement, "Partner 1 country");

  /* No country is allowed (an international organisation). */
  g_ptr_array_set_size (partners, 0);
  g_ptr_array_add (partners, ks_partner_ref_new (NULL, "UNDP", "international_organisation", "", ""));
  g_assert_true (ks_agreement_validate (agreement, NULL));
}

static void
test_validate_partner_listed_twice (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  GPtrArray *partners = ks_agreement_get_partners (agreement);

  g_ptr_array_add (partners, ks_partner_ref_new (NULL, "Kota Xi’an", "local_government", "CN", ""));
  g_ptr_array_add (partners, ks_partner_ref_new (NULL, "KOTA XI’AN ", "local_government", "CN", ""));
  assert_invalid (agreement, "Partners:");
}

/* Labels are made only for a failed check: each still names its field
 * with the item's number, the second item's as much as the first. */
static void
test_validate_labels_of_later_items (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(GPtrArray) problems = NULL;
  const char *expected[] = {
    "Partner 2 locality: the text must be on one line",
    "Person 2 phone: the text must be on one line",
    "Procedure step 2 date: ",
    "Procedure step 2 note: the text contains a control character (U+0007)",
    "Obstacle 2 note: the text contains a control character (U+0007)",
  };

  g_ptr_array_add (ks_agreement_get_partners (agreement),
                   ks_partner_ref_new (NULL, "Oxfam", "ngo", "NL", ""));
  g_ptr_array_add (ks_agreement_get_partners (agreement),
                   ks_partner_ref_new (NULL, "UNDP", "ngo", "NL", "Den\nHaag"));
  g_ptr_array_add (ks_agreement_get_people (agreement),
                   new_person ("partner", "contact", "Jane", "", "", "", ""));
  g_ptr_array_add (ks_agreement_get_people (agreement),
                   new_person ("partner", "contact", "John", "", "", "0271\n1", ""));
  g_ptr_array_add (ks_agreement_get_procedure (agreement),
                   ks_procedure_entry_new ("proposal", "", ""));
  g_ptr_array_add (ks_agreement_get_procedure (agreement),
                   ks_procedure_entry_new ("approval", "2015-13", "bell\a"));
  g_ptr_array_add (ks_agreement_get_obstacles (agreement), ks_obstacle_new ("budget", ""));
  g_ptr_array_add (ks_agreement_get_obstacles (agreement), ks_obstacle_new ("language", "bell\a"));

  problems = ks_agreement_validate_all (agreement);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      KsProblem *problem = g_ptr_array_index (problems, i);

      g_assert_true (g_str_has_prefix (problem->message, expected[i]));
      g_assert_cmpint (problem->index, ==, 1);
    }
}

static void
test_validate_funding (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  g_object_set (agreement, "apbd-amount", (gint64) -1, NULL);
  assert_invalid (agreement, "Regional budget (APBD):");
  g_object_set (agreement, "apbd-amount", (gint64) 0, "partner-currency", "XXQ", NULL);
  assert_invalid (agreement, "Currency");
}

static void
test_validate_email (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  KsPerson *person = new_person ("partner", "contact", "Jane", "", "jane at example", "", "");

  g_ptr_array_add (ks_agreement_get_people (agreement), person);
  assert_invalid (agreement, "Person 1 e-mail:");

  g_free (person->email);
  person->email = g_strdup ("jane@example.org");
  g_assert_true (ks_agreement_validate (agreement, NULL));
}

static void
test_validate_all_in_form_order (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("", "");
  g_autoptr(GPtrArray) problems = NULL;
  KsProblem *problem;

  g_object_set (agreement, "ends-on", "2015-13", "notes", "\x01", NULL);
  g_ptr_array_add (ks_agreement_get_partners (agreement), ks_partner_ref_new (NULL, "", NULL, NULL, NULL));

  problems = ks_agreement_validate_all (agreement);
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_cmpstr (((KsProblem *) g_ptr_array_index (problems, 0))->field, ==, "title");
  g_assert_cmpstr (((KsProblem *) g_ptr_array_index (problems, 1))->field, ==, "region-code");
  problem = g_ptr_array_index (problems, 2);
  g_assert_cmpstr (problem->field, ==, "partners");
  g_assert_cmpint (problem->index, ==, 0);
  g_assert_cmpstr (((KsProblem *) g_ptr_array_index (problems, 3))->field, ==, "ends-on");
  problem = g_ptr_array_index (problems, 4);
  g_assert_cmpstr (problem->field, ==, "notes");
  g_assert_cmpint (problem->index, ==, -1);
  g_assert_true (g_str_has_prefix (problem->message, "Notes:"));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(KsAgreement) loaded = NULL;
  g_autoptr(GError) error = NULL;

  save_ok (fixture, agreement);
  loaded = ks_agreement_store_load (fixture->db, ks_agreement_get_uuid (agreement), &error);
  g_assert_no_error (error);

  /* The saved object holds what the register decided, so the two agree
   * on every field, list and timestamp. */
  g_assert_true (ks_agreement_equal (agreement, loaded));
  g_assert_cmpstr (ks_agreement_get_string (loaded, "description"), ==, "Line one\nLine two\twith a tab");
  g_assert_cmpint (ks_agreement_get_apbd_amount (loaded), ==, 15000000000);
  g_assert_cmpstr (((KsPerson *) g_ptr_array_index (ks_agreement_get_people (loaded), 1))->phone,
                   ==, "+1 406 555 0100");
  g_assert_cmpstr (((KsProcedureEntry *) g_ptr_array_index (ks_agreement_get_procedure (loaded), 0))->note,
                   ==, "Perda 5/2015");
  g_assert_cmpstr (((KsObstacle *) g_ptr_array_index (ks_agreement_get_obstacles (loaded), 0))->note,
                   ==, "Few staff speak English");
  g_assert_cmpstr (((KsLocalPartyRef *) g_ptr_array_index (ks_agreement_get_local_parties (loaded), 1))->role,
                   ==, "coordinating");
  g_assert_true (g_uuid_string_is_valid (((KsPartnerRef *) g_ptr_array_index (ks_agreement_get_partners (loaded),
                                                                                0))->uuid));
}

static void
test_assigns_identity (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autofree char *stored = NULL;

  save_ok (fixture, agreement);
  g_assert_true (g_uuid_string_is_valid (ks_agreement_get_uuid (agreement)));
  g_assert_cmpstr (ks_agreement_get_created_at (agreement), !=, "");
  g_assert_cmpstr (ks_agreement_get_created_at (agreement), ==, ks_agreement_get_updated_at (agreement));

  stored = ks_test_query_text (fixture->db, "SELECT r.code || '|' || a.title FROM agreements a "
                                    "JOIN regions r ON r.id = a.region_id");
  g_assert_cmpstr (stored, ==, "33.72|Grant");
}

static void
test_given_uuid_inserts (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.14", "Imported grant");
  gboolean deleted = TRUE;

  g_object_set (agreement, "uuid", PARENT_UUID, NULL);
  save_ok (fixture, agreement);
  g_assert_cmpstr (ks_agreement_get_uuid (agreement), ==, PARENT_UUID);
  g_assert_true (ks_agreement_store_exists (fixture->db, PARENT_UUID, &deleted, NULL));
  g_assert_false (deleted);
  g_assert_cmpint (ks_agreement_store_lookup_id (fixture->db, PARENT_UUID, NULL), >, 0);
}

static void
test_update_keeps_created_at (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) loaded = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *updated_at = NULL;

  save_ok (fixture, agreement);
  created_at = g_strdup (ks_agreement_get_created_at (agreement));
  updated_at = g_strdup (ks_agreement_get_updated_at (agreement));
  g_usleep (2000);

  g_object_set (agreement, "stage", "drafting", NULL);
  save_ok (fixture, agreement);
  loaded = ks_agreement_store_load (fixture->db, ks_agreement_get_uuid (agreement), NULL);
  g_assert_cmpstr (ks_agreement_get_created_at (loaded), ==, created_at);
  g_assert_cmpstr (ks_agreement_get_updated_at (loaded), >, updated_at);
  g_assert_cmpstr (ks_agreement_get_updated_at (agreement), ==, ks_agreement_get_updated_at (loaded));
  g_assert_cmpstr (ks_agreement_get_stage (loaded), ==, "drafting");
}

static JsonObject *
parse_changes (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_audit_insert (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *row = NULL;
  g_autofree char *json = NULL;
  JsonArray *pair;

  ks_agreement_store_save (fixture->db, agreement, "import:/tmp/data.csv", &error);
  g_assert_no_error (error);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM audit_log WHERE record_table = 'agreements'"),
                   ==, 1);
  row = ks_test_query_text (fixture->db, "SELECT action || '|' || who || '|' || source || '|' || "
                                 "(record_uuid = (SELECT uuid FROM agreements)) "
                                 "FROM audit_log WHERE record_table = 'agreements'");
  g_assert_cmpstr (row, ==, "insert|Siti Rahayu|import:/tmp/data.csv|1");

  json = ks_test_query_text (fixture->db, "SELECT changes FROM audit_log WHERE record_table = 'agreements'");
  changes = parse_changes (json);
  pair = json_object_get_array_member (changes, "title");
  g_assert_true (json_array_get_null_element (pair, 0));
  g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, "Sister city Surakarta – Montana");
  pair = json_object_get_array_member (changes, "sectors");
  g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, "tourism; education");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (changes, "apbd_amount"), 1),
                   ==, 15000000000);
  g_assert_false (json_object_has_member (changes, "parent"));
}

static void
test_audit_update_lists_changes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *json = NULL;
  g_autofree char *row = NULL;
  JsonArray *pair;

  save_ok (fixture, agreement);
  g_object_set (agreement, "ends-on", "2028", NULL);
  g_ptr_array_remove_index (ks_agreement_get_sectors (agreement), 0);
  save_ok (fixture, agreement);

  row = ks_test_query_text (fixture->db, "SELECT action || '|' || source FROM audit_log "
                                 "WHERE record_table = 'agreements' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (row, ==, "update|");
  json = ks_test_query_text (fixture->db, "SELECT changes FROM audit_log WHERE record_table = 'agreements' "
                                  "ORDER BY id DESC LIMIT 1");
  changes = parse_changes (json);
  g_assert_cmpuint (json_object_get_size (changes), ==, 2);
  pair = json_object_get_array_member (changes, "ends_on");
  g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, "2023");
  g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, "2028");
  pair = json_object_get_array_member (changes, "sectors");
  g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, "tourism; education");
  g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, "education");
}

static void
test_unchanged_writes_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(KsAgreement) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  save_ok (fixture, agreement);
  loaded = ks_agreement_store_load (fixture->db, ks_agreement_get_uuid (agreement), NULL);
  before = ks_test_dump_database (fixture->path);
  save_ok (fixture, loaded);
  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_partner_reused_by_name_and_country (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.14", "Visit");
  KsPartnerRef *ref;

  g_ptr_array_add (ks_agreement_get_partners (first),
                   ks_partner_ref_new (NULL, "Ústí nad Labem", "local_government", "CZ", "Ústí"));
  save_ok (fixture, first);

  /* Case differs beyond ASCII; the register's spelling wins. */
  g_ptr_array_add (ks_agreement_get_partners (second),
                   ks_partner_ref_new (NULL, "ÚSTÍ NAD LABEM", "other", "CZ", ""));
  save_ok (fixture, second);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM partners"), ==, 1);
  ref = g_ptr_array_index (ks_agreement_get_partners (second), 0);
  g_assert_cmpstr (ref->uuid, ==,
                   ((KsPartnerRef *) g_ptr_array_index (ks_agreement_get_partners (first), 0))->uuid);
  g_assert_cmpstr (ref->name, ==, "Ústí nad Labem");
  g_assert_cmpstr (ref->kind, ==, "local_government");
}

static void
test_partner_other_country_is_new (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.72", "Visit");

  g_ptr_array_add (ks_agreement_get_partners (first),
                   ks_partner_ref_new (NULL, "Perth", "local_government", "AU", ""));
  g_ptr_array_add (ks_agreement_get_partners (second),
                   ks_partner_ref_new (NULL, "Perth", "local_government", "GB", ""));
  save_ok (fixture, first);
  save_ok (fixture, second);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM partners"), ==, 2);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM audit_log WHERE record_table = 'partners' "
                                           "AND action = 'insert'"), ==, 2);
}

static void
test_partner_uuid_updates_row (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.14", "Visit");
  g_autofree char *summary = NULL;
  KsPartnerRef *ref;

  g_ptr_array_add (ks_agreement_get_partners (first),
                   ks_partner_ref_new (NULL, "Xian", "local_government", "CN", ""));
  save_ok (fixture, first);
  ref = g_ptr_array_index (ks_agreement_get_partners (first), 0);
  g_ptr_array_add (ks_agreement_get_partners (second), ks_partner_ref_copy (ref));
  save_ok (fixture, second);

  /* Correcting the spelling through the second agreement corrects the
   * first one's list too. */
  ref = g_ptr_array_index (ks_agreement_get_partners (second), 0);
  g_free (ref->name);
  ref->name = g_strdup ("Kota Xi’an");
  save_ok (fixture, second);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM partners"), ==, 1);
  summary = ks_test_query_text (fixture->db, "SELECT group_concat (partners_text, '|') FROM agreements");
  g_assert_cmpstr (summary, ==, "Kota Xi’an|Kota Xi’an");
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM audit_log WHERE record_table = 'partners' "
                                           "AND action = 'update'"), ==, 1);
}

/* The folded name that later saves look the partner up by follows a
 * correction of its spelling. */
static void
test_partner_rename_updates_folded_name (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.14", "Visit");
  g_autofree char *folded = NULL;
  KsPartnerRef *ref;

  g_ptr_array_add (ks_agreement_get_partners (first),
                   ks_partner_ref_new (NULL, "Xian", "local_government", "CN", ""));
  save_ok (fixture, first);
  ref = g_ptr_array_index (ks_agreement_get_partners (first), 0);
  g_free (ref->name);
  ref->name = g_strdup ("Kota Xi’an");
  save_ok (fixture, first);

  folded = ks_test_query_text (fixture->db, "SELECT folded_name FROM partners");
  g_assert_cmpstr (folded, ==, "kota xi’an");
  g_ptr_array_add (ks_agreement_get_partners (second),
                   ks_partner_ref_new (NULL, "KOTA XI’AN", "other", "CN", ""));
  save_ok (fixture, second);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM partners"), ==, 1);
}

static void
test_partner_same_by_uuid_and_name (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.72", "Visit");
  g_autoptr(GError) error = NULL;
  KsPartnerRef *ref;

  g_ptr_array_add (ks_agreement_get_partners (first), ks_partner_ref_new (NULL, "JICA", NULL, "JP", ""));
  save_ok (fixture, first);
  ref = g_ptr_array_index (ks_agreement_get_partners (first), 0);
  g_ptr_array_add (ks_agreement_get_partners (second), ks_partner_ref_copy (ref));
  g_ptr_array_add (ks_agreement_get_partners (second), ks_partner_ref_new (NULL, "jica", NULL, "JP", ""));

  g_assert_false (ks_agreement_store_save (fixture->db, second, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Partners: “JICA” is listed twice");
}

static void
test_local_party_reused_per_region (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.72", "Visit");
  g_autoptr(KsAgreement) elsewhere = new_minimal ("33.14", "Exchange");

  g_ptr_array_add (ks_agreement_get_local_parties (first), ks_local_party_ref_new ("Dinas Pariwisata", NULL));
  g_ptr_array_add (ks_agreement_get_local_parties (second),
                   ks_local_party_ref_new ("DINAS PARIWISATA", "coordinating"));
  g_ptr_array_add (ks_agreement_get_local_parties (elsewhere), ks_local_party_ref_new ("Dinas Pariwisata", NULL));
  save_ok (fixture, first);
  save_ok (fixture, second);
  save_ok (fixture, elsewhere);

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM local_parties"), ==, 2);
  g_assert_cmpstr (((KsLocalPartyRef *) g_ptr_array_index (ks_agreement_get_local_parties (second), 0))->name,
                   ==, "Dinas Pariwisata");
  g_assert_cmpstr (((KsLocalPartyRef *) g_ptr_array_index (ks_agreement_get_local_parties (first), 0))->role,
                   ==, "implementing");
}

static void
test_unknown_region (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ks_test_dump_database (fixture->path);
  g_autofree char *after = NULL;

  g_object_set (agreement, "region-code", "99.99", NULL);
  g_assert_false (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Region: there is no region with code 99.99");

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (ks_agreement_get_uuid (agreement), ==, "");
}

static void
test_invalid_leaves_register_unchanged (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  save_ok (fixture, agreement);
  before = ks_test_dump_database (fixture->path);

  g_object_set (agreement, "title", "", "stage", "completed", NULL);
  g_assert_false (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* A failure after partners, parties and the row were written must take
 * all of them back, and leave the caller's object untouched. */
static void
test_failed_write_rolls_back (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autoptr(KsAgreement) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  ks_test_exec (fixture->db,
           "CREATE TRIGGER refuse_sectors BEFORE INSERT ON agreement_sectors "
           "BEGIN SELECT RAISE (ABORT, 'refused'); END");
  original = ks_agreement_copy (agreement);
  before = ks_test_dump_database (fixture->path);

  g_assert_false (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_DATABASE);
  g_assert_false (ks_database_in_transaction (fixture->db));

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (ks_agreement_equal (agreement, original));
}

static void
test_failure_inside_caller_transaction (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(KsAgreement) good = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) bad = new_minimal ("33.72", "Visit");
  g_autoptr(GError) error = NULL;

  /* The bad one fails after its partner and row went in. */
  ks_test_exec (fixture->db,
           "CREATE TRIGGER refuse_sectors BEFORE INSERT ON agreement_sectors "
           "BEGIN SELECT RAISE (ABORT, 'refused'); END");
  g_ptr_array_add (ks_agreement_get_partners (bad), ks_partner_ref_new (NULL, "Leiden", NULL, "NL", ""));
  g_ptr_array_add (ks_agreement_get_sectors (bad), g_strdup ("culture"));

  g_assert_true (ks_database_begin (fixture->db, NULL));
  save_ok (fixture, good);
  g_assert_false (ks_agreement_store_save (fixture->db, bad, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_DATABASE);
  g_assert_true (ks_database_in_transaction (fixture->db));
  g_assert_true (ks_database_commit (fixture->db, NULL));

  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 1);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM partners"), ==, 0);
}

static void
count_change (KsDatabase *db,
              const char *table,
              guint      *count)
{
  (*count)++;
}

static void
test_joins_caller_transaction (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  guint agreements = 0, partners = 0, parties = 0;

  g_signal_connect (fixture->db, "changed::agreements", G_CALLBACK (count_change), &agreements);
  g_signal_connect (fixture->db, "changed::partners", G_CALLBACK (count_change), &partners);
  g_signal_connect (fixture->db, "changed::local_parties", G_CALLBACK (count_change), &parties);

  g_assert_true (ks_database_begin (fixture->db, NULL));
  save_ok (fixture, agreement);
  g_assert_cmpuint (agreements, ==, 0);
  g_assert_true (ks_database_in_transaction (fixture->db));
  g_assert_true (ks_database_commit (fixture->db, NULL));

  g_assert_cmpuint (agreements, ==, 1);
  g_assert_cmpuint (partners, ==, 1);
  g_assert_cmpuint (parties, ==, 1);
}

static void
test_changed_signal_without_new_partners (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  guint agreements = 0, partners = 0;

  g_signal_connect (fixture->db, "changed::agreements", G_CALLBACK (count_change), &agreements);
  g_signal_connect (fixture->db, "changed::partners", G_CALLBACK (count_change), &partners);
  save_ok (fixture, agreement);

  g_assert_cmpuint (agreements, ==, 1);
  g_assert_cmpuint (partners, ==, 0);
}

static void
test_load_unknown (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsAgreement) agreement = ks_agreement_store_load (fixture->db, PARENT_UUID, &error);

  g_assert_null (agreement);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No agreement with the identifier " PARENT_UUID);
  g_assert_false (ks_agreement_store_exists (fixture->db, PARENT_UUID, NULL, NULL));
}

static void
test_unknown_step (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (ks_agreement_get_procedure (agreement), ks_procedure_entry_new ("blessing", "2015", ""));
  g_assert_false (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Procedure step 1:"));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT count(*) FROM agreements"), ==, 0);
}

static void
save_with_parent (Fixture    *fixture,
                  const char *uuid,
                  const char *parent)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", uuid);

  g_object_set (agreement, "uuid", uuid, "parent-uuid", parent, NULL);
  save_ok (fixture, agreement);
}

static void
test_parent_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KsAgreement) child = NULL;

  save_with_parent (fixture, PARENT_UUID, NULL);
  save_with_parent (fixture, CHILD_UUID, PARENT_UUID);
  child = ks_agreement_store_load (fixture->db, CHILD_UUID, NULL);
  g_assert_cmpstr (ks_agreement_get_parent_uuid (child), ==, PARENT_UUID);
}

static void
test_parent_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "PKS");
  g_autoptr(GError) error = NULL;

  g_object_set (agreement, "parent-uuid", PARENT_UUID, NULL);
  g_assert_false (ks_agreement_store_save (fixture->db, agreement, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Parent agreement:"));
}

static void
test_parent_cycle_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KsAgreement) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  save_with_parent (fixture, PARENT_UUID, NULL);
  save_with_parent (fixture, CHILD_UUID, PARENT_UUID);
  save_with_parent (fixture, GRANDCHILD_UUID, CHILD_UUID);
  before = ks_test_dump_database (fixture->path);

  parent = ks_agreement_store_load (fixture->db, PARENT_UUID, NULL);
  g_object_set (parent, "parent-uuid", GRANDCHILD_UUID, NULL);
  g_assert_false (ks_agreement_store_save (fixture->db, parent, NULL, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Parent agreement:"));

  after = ks_test_dump_database (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static char *
child_uuids (Fixture    *fixture,
             const char *parent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) children = ks_agreement_store_list_children (fixture->db, parent, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uuids = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (children)); i++)
    {
      g_autoptr(KsAgreementSummary) child = g_list_model_get_item (G_LIST_MODEL (children), i);

      g_strv_builder_add (builder, ks_agreement_summary_get_uuid (child));
    }
  uuids = g_strv_builder_end (builder);

  return g_strjoinv (",", uuids);
}

/* Direct children only, by start date, without the deleted. */
static void
test_parent_lists_children (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KsAgreement) second = new_minimal ("33.72", "Amendment");
  g_autoptr(KsAgreement) deleted = new_minimal ("33.72", "Withdrawn PKS");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) children = NULL;
  g_autoptr(KsAgreementSummary) first = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *expected = NULL;

  save_with_parent (fixture, PARENT_UUID, NULL);
  save_with_parent (fixture, CHILD_UUID, PARENT_UUID);
  save_with_parent (fixture, GRANDCHILD_UUID, CHILD_UUID);
  g_object_set (second, "parent-uuid", PARENT_UUID, "starts-on", "2016", "stage", "signed", NULL);
  save_ok (fixture, second);
  g_object_set (deleted, "parent-uuid", PARENT_UUID, NULL);
  save_ok (fixture, deleted);
  g_assert_true (ks_agreement_store_delete (fixture->db, ks_agreement_get_uuid (deleted), &error));
  g_assert_no_error (error);

  listed = child_uuids (fixture, PARENT_UUID);
  expected = g_strconcat (ks_agreement_get_uuid (second), ",", CHILD_UUID, NULL);
  g_assert_cmpstr (listed, ==, expected);
  g_clear_pointer (&listed, g_free);
  listed = child_uuids (fixture, CHILD_UUID);
  g_assert_cmpstr (listed, ==, GRANDCHILD_UUID);
  g_clear_pointer (&listed, g_free);
  listed = child_uuids (fixture, GRANDCHILD_UUID);
  g_assert_cmpstr (listed, ==, "");

  children = ks_agreement_store_list_children (fixture->db, PARENT_UUID, &error);
  first = g_list_model_get_item (G_LIST_MODEL (children), 0);
  g_assert_cmpstr (ks_agreement_summary_get_title (first), ==, "Amendment");
  g_assert_cmpstr (ks_agreement_summary_get_stage (first), ==, "signed");
  g_assert_cmpstr (ks_agreement_summary_get_starts_on (first), ==, "2016");
}

/* A chain that already loops (a damaged or hand-edited file) must not
 * hang the walk up the chain. */
static void
test_parent_looping_chain_ends (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = NULL;

  save_with_parent (fixture, PARENT_UUID, NULL);
  save_with_parent (fixture, CHILD_UUID, PARENT_UUID);
  ks_test_exec (fixture->db,
           "UPDATE agreements SET parent_id = (SELECT id FROM agreements WHERE uuid = '" CHILD_UUID "') "
           "WHERE uuid = '" PARENT_UUID "'");
  save_with_parent (fixture, GRANDCHILD_UUID, NULL);

  agreement = ks_agreement_store_load (fixture->db, GRANDCHILD_UUID, NULL);
  g_object_set (agreement, "parent-uuid", CHILD_UUID, NULL);
  save_ok (fixture, agreement);
}

static void
test_parent_self_refused (void)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "MoU");

  g_object_set (agreement, "uuid", PARENT_UUID, "parent-uuid", PARENT_UUID, NULL);
  assert_invalid (agreement, "Parent agreement:");
}

static void
test_delete_and_undelete (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actions = NULL;
  gboolean deleted = FALSE;
  const char *uuid;

  save_ok (fixture, agreement);
  uuid = ks_agreement_get_uuid (agreement);

  g_assert_true (ks_agreement_store_delete (fixture->db, uuid, &error));
  g_assert_no_error (error);
  g_assert_true (ks_agreement_store_exists (fixture->db, uuid, &deleted, NULL));
  g_assert_true (deleted);
  loaded = ks_agreement_store_load (fixture->db, uuid, NULL);
  g_assert_true (ks_agreement_is_deleted (loaded));

  g_assert_true (ks_agreement_store_undelete (fixture->db, uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT deleted_at IS NULL FROM agreements"), ==, 1);

  actions = ks_test_query_text (fixture->db, "SELECT group_concat (action, ',') FROM "
                                     "(SELECT action FROM audit_log WHERE record_table = 'agreements' ORDER BY id)");
  g_assert_cmpstr (actions, ==, "insert,delete,undelete");
}

static void
test_delete_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ks_agreement_store_delete (fixture->db, PARENT_UUID, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_false (ks_database_in_transaction (fixture->db));
}

/* The table's bulk delete: all or nothing, and Undo brings all back. */
static void
test_delete_many_and_undelete (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.14", "Sister school");
  g_autoptr(GError) error = NULL;
  const char *uuids[3];

  save_ok (fixture, first);
  save_ok (fixture, second);
  uuids[0] = ks_agreement_get_uuid (first);
  uuids[1] = ks_agreement_get_uuid (second);
  uuids[2] = NULL;

  g_assert_true (ks_agreement_store_delete_many (fixture->db, uuids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count(*) FROM agreements WHERE deleted_at IS NOT NULL"), ==, 2);

  g_assert_true (ks_agreement_store_undelete_many (fixture->db, uuids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count(*) FROM agreements WHERE deleted_at IS NULL"), ==, 2);
}

static void
test_delete_many_all_or_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(GError) error = NULL;
  const char *uuids[3] = { NULL, PARENT_UUID, NULL };

  save_ok (fixture, agreement);
  uuids[0] = ks_agreement_get_uuid (agreement);

  g_assert_false (ks_agreement_store_delete_many (fixture->db, uuids, &error));
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
  g_assert_false (ks_database_in_transaction (fixture->db));
  g_assert_cmpint (ks_test_query_int (fixture->db,
                                      "SELECT count(*) FROM agreements WHERE deleted_at IS NULL"), ==, 1);
}

static void
test_saved_deleted_stays_deleted (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");

  save_ok (fixture, agreement);
  g_assert_true (ks_agreement_store_delete (fixture->db, ks_agreement_get_uuid (agreement), NULL));

  g_object_set (agreement, "title", "Grant for schools", NULL);
  save_ok (fixture, agreement);
  g_assert_true (ks_agreement_is_deleted (agreement));
  g_assert_cmpint (ks_test_query_int (fixture->db, "SELECT deleted_at IS NOT NULL FROM agreements"), ==, 1);
}

static void
test_summary_columns (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_full ();
  g_autofree char *summary = NULL;

  save_ok (fixture, agreement);
  summary = ks_test_query_text (fixture->db,
                        "SELECT local_parties_text || '|' || partners_text || '|' || countries || '|' || "
                        "sectors_text || '|' || obstacles_text || '|' || last_event_on FROM agreements");
  g_assert_cmpstr (summary, ==,
                   "Dinas Pendidikan; Bagian Kerjasama|State of Montana; Gemeente Leiden|US;NL|"
                   "education;tourism|budget;language|");
}

static void
test_summary_last_event (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KsAgreement) agreement = new_minimal ("33.72", "Grant");
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  gint64 id;

  save_ok (fixture, agreement);
  id = ks_agreement_store_lookup_id (fixture->db, ks_agreement_get_uuid (agreement), &error);
  g_assert_no_error (error);

  ks_test_exec (fixture->db,
           "INSERT INTO events (uuid, agreement_id, occurred_on, created_at, updated_at, deleted_at) VALUES "
           "('e1', 1, '2016-03', 'x', 'x', NULL), ('e2', 1, '2017-05-02', 'x', 'x', NULL), "
           "('e3', 1, '2019', 'x', 'x', '2020')");
  g_assert_true (ks_agreement_store_refresh_summary (fixture->db, id, &error));
  g_assert_no_error (error);

  last = ks_test_query_text (fixture->db, "SELECT last_event_on FROM agreements");
  g_assert_cmpstr (last, ==, "2017-05-02");
}

static void
test_lookup_unknown (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ks_agreement_store_lookup_id (fixture->db, PARENT_UUID, &error), ==, 0);
  g_assert_error (error, KS_ERROR, KS_ERROR_NOT_FOUND);
}

static void
add_event (Fixture     *fixture,
           KsAgreement *agreement,
           const char  *date,
           const char  *description)
{
  g_autoptr(KsEvent) event = g_object_new (KS_TYPE_EVENT,
                                           "agreement-uuid", ks_agreement_get_uuid (agreement),
                                           "occurred-on", date, "kind", "meeting",
                                           "description", description, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_event_store_save (fixture->db, event, "test", &error));
  g_assert_no_error (error);
}

static void
assert_details_equal (const KsAgreementDetails *a,
                      const KsAgreementDetails *b)
{
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpstr (a->obstacles, ==, b->obstacles);
  g_assert_cmpstr (a->last_event_on, ==, b->last_event_on);
  g_assert_cmpstr (a->last_event_kind, ==, b->last_event_kind);
  g_assert_cmpstr (a->last_event_description, ==, b->last_event_description);
}

/* The agreement row's own columns, read apart from the list. */
static void
read_details_row (KsDatabase         *db,
                  gint64              agreement_id,
                  KsAgreementDetails *details)
{
  const char *columns[] = { "notes", "obstacles_text", "last_event_on", "last_event_kind",
                            "last_event_description" };
  char **slots[] = { &details->notes, &details->obstacles, &details->last_event_on,
                     &details->last_event_kind, &details->last_event_description };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM agreements WHERE id = %" G_GINT64_FORMAT,
                                              columns[i], agreement_id);

      *slots[i] = ks_test_query_text (db, sql);
    }
}

/* Reports read the details of a region's agreements with its list; they
 * must be what the agreement's row holds. */
static void
test_list_details (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KsAgreement) first = new_minimal ("33.72", "Grant");
  g_autoptr(KsAgreement) second = new_minimal ("33.72", "Visit");
  g_autoptr(KsAgreement) elsewhere = new_minimal ("33.14", "Exchange");
  const char *codes[] = { "33.72", NULL };
  g_autoptr(KsAgreementList) list = NULL;
  g_autoptr(KsAgreementList) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsAgreementDetails) unused = { NULL };

  g_object_set (first, "notes", "Catatan", NULL);
  g_ptr_array_add (ks_agreement_get_obstacles (first), ks_obstacle_new ("budget", ""));
  g_ptr_array_add (ks_agreement_get_obstacles (first), ks_obstacle_new ("language", "Few speak English"));
  save_ok (fixture, first);
  save_ok (fixture, second);
  save_ok (fixture, elsewhere);
  add_event (fixture, first, "2016-03", "Older");
  add_event (fixture, first, "2017-10-30", "Newest");
  add_event (fixture, elsewhere, "2018", "Other region");

  list = ks_agreement_list_new_for_regions (fixture->db, codes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KsAgreementSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_auto(KsAgreementDetails) listed = { NULL };
      g_auto(KsAgreementDetails) one = { NULL };
      gboolean is_first = g_str_equal (ks_agreement_summary_get_uuid (summary), ks_agreement_get_uuid (first));

      g_assert_true (ks_agreement_list_get_details (list, i, &listed));
      read_details_row (fixture->db, ks_agreement_summary_get_id (summary), &one);
      assert_details_equal (&listed, &one);
      g_assert_cmpstr (listed.notes, ==, is_first ? "Catatan" : "");
      g_assert_cmpstr (listed.obstacles, ==, is_first ? "budget;language" : "");
      g_assert_cmpstr (listed.last_event_on, ==, is_first ? "2017-10-30" : "");
      g_assert_cmpstr (listed.last_event_description, ==, is_first ? "Newest" : "");
    }
  g_assert_false (ks_agreement_list_get_details (list, 2, &unused));

  /* The window's list of the whole register has no use for them. */
  whole = ks_agreement_list_open (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (whole)), ==, 3);
  g_assert_false (ks_agreement_list_get_details (whole, 0, &unused));
}

int
main (int   argc,
      char *argv[])
{
  ks_test_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/defaults", test_defaults);
  g_test_add_func ("/agreement/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/agreement/copy-is-deep", test_copy_is_deep_and_equal);
  g_test_add_func ("/agreement/equal-sees-order", test_equal_sees_order_and_scalars);
  g_test_add_func ("/agreement/validate/full", test_validate_full);
  g_test_add_func ("/agreement/validate/title-required", test_validate_title_required);
  g_test_add_func ("/agreement/validate/title-length", test_validate_title_length);
  g_test_add_func ("/agreement/validate/region-required", test_validate_region_required);
  g_test_add_func ("/agreement/validate/utf8", test_validate_utf8);
  g_test_add_func ("/agreement/validate/control-characters", test_validate_control_characters);
  g_test_add_func ("/agreement/validate/notes-length", test_validate_notes_length);
  g_test_add_func ("/agreement/validate/unknown-keys", test_validate_unknown_keys);
  g_test_add_func ("/agreement/validate/duplicate-sector", test_validate_duplicate_sector);
  g_test_add_func ("/agreement/validate/duplicate-obstacle", test_validate_duplicate_obstacle);
  g_test_add_func ("/agreement/validate/list-keys", test_validate_list_keys);
  g_test_add_func ("/agreement/validate/invalid-date", test_validate_invalid_date);
  g_test_add_func ("/agreement/validate/end-before-start", test_validate_end_before_start);
  g_test_add_func ("/agreement/validate/partner", test_validate_partner);
  g_test_add_func ("/agreement/validate/partner-listed-twice", test_validate_partner_listed_twice);
  g_test_add_func ("/agreement/validate/labels-of-later-items", test_validate_labels_of_later_items);
  g_test_add_func ("/agreement/validate/funding", test_validate_funding);
  g_test_add_func ("/agreement/validate/email", test_validate_email);
  g_test_add_func ("/agreement/validate/all-in-form-order", test_validate_all_in_form_order);
  g_test_add_func ("/agreement/validate/parent-self", test_parent_self_refused);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/agreement-store/save/round-trip", test_round_trip);
  ADD ("/agreement-store/save/assigns-identity", test_assigns_identity);
  ADD ("/agreement-store/save/given-uuid-inserts", test_given_uuid_inserts);
  ADD ("/agreement-store/save/update-keeps-created-at", test_update_keeps_created_at);
  ADD ("/agreement-store/save/audit-insert", test_audit_insert);
  ADD ("/agreement-store/save/audit-update", test_audit_update_lists_changes);
  ADD ("/agreement-store/save/unchanged-writes-nothing", test_unchanged_writes_nothing);
  ADD ("/agreement-store/save/partner-reused", test_partner_reused_by_name_and_country);
  ADD ("/agreement-store/save/partner-other-country", test_partner_other_country_is_new);
  ADD ("/agreement-store/save/partner-uuid-updates", test_partner_uuid_updates_row);
  ADD ("/agreement-store/save/partner-rename-refolds", test_partner_rename_updates_folded_name);
  ADD ("/agreement-store/list-details", test_list_details);
  ADD ("/agreement-store/save/partner-listed-twice", test_partner_same_by_uuid_and_name);
  ADD ("/agreement-store/save/local-party-reused", test_local_party_reused_per_region);
  ADD ("/agreement-store/save/unknown-region", test_unknown_region);
  ADD ("/agreement-store/save/invalid-unchanged", test_invalid_leaves_register_unchanged);
  ADD ("/agreement-store/save/failed-write-rolls-back", test_failed_write_rolls_back);
  ADD ("/agreement-store/save/failure-in-caller-transaction", test_failure_inside_caller_transaction);
  ADD ("/agreement-store/save/joins-caller-transaction", test_joins_caller_transaction);
  ADD ("/agreement-store/save/changed-signal", test_changed_signal_without_new_partners);
  ADD ("/agreement-store/save/unknown-step", test_unknown_step);
  ADD ("/agreement-store/parent/round-trip", test_parent_round_trip);
  ADD ("/agreement-store/parent/missing", test_parent_missing);
  ADD ("/agreement-store/parent/cycle-refused", test_parent_cycle_refused);
  ADD ("/agreement-store/parent/looping-chain-ends", test_parent_looping_chain_ends);
  ADD ("/agreement-store/parent/lists-children", test_parent_lists_children);
  ADD ("/agreement-store/load/unknown", test_load_unknown);
  ADD ("/agreement-store/lookup/unknown", test_lookup_unknown);
  ADD ("/agreement-store/delete/undelete", test_delete_and_undelete);
  ADD ("/agreement-store/delete/unknown", test_delete_unknown);
  ADD ("/agreement-store/delete/many", test_delete_many_and_undelete);
  ADD ("/agreement-store/delete/many-all-or-nothing", test_delete_many_all_or_nothing);
  ADD ("/agreement-store/delete/save-keeps-deleted", test_saved_deleted_stays_deleted);
  ADD ("/agreement-store/summary/columns", test_summary_columns);
  ADD ("/agreement-store/summary/last-event", test_summary_last_event);

#undef ADD

  return g_test_run ();
}
