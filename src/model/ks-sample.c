/* ks-sample.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

#include "ks-agreement-store.h"
#include "ks-attachment-store.h"
#include "ks-error.h"
#include "ks-event-store.h"
#include "ks-event.h"
#include "ks-keys.h"
#include "ks-region-store.h"
#include "ks-sample.h"
#include "ks-store-util.h"

/* A register at national scale, made up but shaped like the real one, so
 * that the benchmark and staff testing a large office see realistic
 * lengths, Unicode names and partial dates.  Everything comes from one
 * GRand, so one seed always gives the same register. */

#define SAMPLE_SOURCE "sample"
#define N_REGIONS_MAX 514

typedef struct
{
  const char *country;
  const char *city;
} SampleCity;

static const SampleCity cities[] = {
  { "JP", "Ōsaka" }, { "JP", "Kitakyūshū" }, { "JP", "Yokohama" }, { "JP", "Sapporo" },
  { "CN", "Xi’an" }, { "CN", "Guangzhou" }, { "CN", "Chengdu" }, { "CN", "Nanning" },
  { "KR", "Busan" }, { "KR", "Jeonju" }, { "KR", "Seongnam" },
  { "DE", "München" }, { "DE", "Düsseldorf" }, { "DE", "Freiburg im Breisgau" },
  { "FR", "Île-de-France" }, { "FR", "Besançon" }, { "FR", "Nîmes" },
  { "NL", "Den Haag" }, { "NL", "’s-Hertogenbosch" }, { "NL", "Groningen" },
  { "AU", "Darwin" }, { "AU", "Fremantle" }, { "AU", "Toowoomba" },
  { "US", "San José" }, { "US", "Honolulu" }, { "US", "Sacramento" },
  { "MY", "Johor Bahru" }, { "MY", "Kota Kinabalu" }, { "MY", "Melaka" },
  { "SG", "Singapore" }, { "TH", "Chiang Mai" }, { "TH", "Khon Kaen" },
  { "VN", "Đà Nẵng" }, { "VN", "Huế" }, { "PH", "Davao" }, { "TL", "Dili" },
  { "PL", "Kraków" }, { "PL", "Łódź" }, { "CZ", "Brno" }, { "TR", "İzmir" },
  { "TR", "Eskişehir" }, { "SA", "Jeddah" }, { "AE", "Sharjah" }, { "EG", "Alexandria" },
  { "ZA", "eThekwini" }, { "BR", "São Paulo" }, { "MX", "Querétaro" }, { "IT", "Città di Torino" },
  { "ES", "Málaga" }, { "PT", "Guimarães" }, { "NO", "Tromsø" }, { "SE", "Malmö" },
  { "FI", "Jyväskylä" }, { "IS", "Reykjavík" }, { "NZ", "Whanganui" }, { "IN", "Pune" },
};

typedef struct
{
  const char *kind;
  const char *before;
  const char *after;
} PartnerTemplate;

static const PartnerTemplate partner_templates[] = {
  { "local_government", "City of ", "" },
  { "local_government", "Pemerintah Kota ", "" },
  { "education", "University of ", "" },
  { "education", "", " Polytechnic Institute" },
  { "company", "", " Trading Company" },
  { "ngo", "", " Friendship Association" },
  { "international_organisation", "", " Regional Office of the Cooperation Fund" },
  { "national_government", "Consulate General in ", "" },
};

static const char *region_prefixes[] = {
  "Suka", "Tanjung", "Muara", "Bukit", "Sungai", "Pasir", "Batu", "Karang",
  "Teluk", "Lubuk", "Padang", "Rawa", "Gunung", "Kali", "Tegal", "Sido",
};

static const char *region_suffixes[] = {
  "maju", "jaya", "sari", "raya", "indah", "baru", "makmur", "asri",
  "mulya", "harjo", "rejo", "agung", "wangi", "mekar", "damai", "lestari",
};

static const char *provinces[] = {
  "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32",
  "34", "35", "36", "51", "52", "53", "61", "62", "63", "64", "65", "71",
};

static const char *party_names[] = {
  "Bagian Kerja Sama Sekretariat Daerah", "Badan Perencanaan Pembangunan Daerah",
  "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan", "Dinas Pariwisata",
  "Dinas Perindustrian dan Perdagangan", "Dinas Pertanian dan Ketahanan Pangan",
  "Dinas Lingkungan Hidup", "Dinas Penanaman Modal dan PTSP", "Dinas Tenaga Kerja",
  "Dinas Pemuda dan Olahraga", "Dinas Pekerjaan Umum dan Penataan Ruang",
  "Badan Kepegawaian dan Pengembangan SDM", "Perumda Air Minum Tirta Utama",
};

static const char *topics[] = {
  "pengembangan pariwisata berbasis budaya", "peningkatan kapasitas aparatur sipil negara",
  "pertukaran pelajar dan guru", "pengelolaan sampah dan energi terbarukan",
  "pelayanan kesehatan ibu dan anak", "promosi perdagangan dan investasi UMKM",
  "penyediaan air minum dan sanitasi", "magang tenaga kerja terampil",
  "pertanian organik dan peternakan sapi perah", "pembangunan infrastruktur kota cerdas",
  "trade and investment promotion", "sister city friendship", "vocational training for nurses",
  "cultural exchange and the performing arts", "disaster risk reduction",
};

static const char *sentences[] = {
  "Kedua pihak sepakat untuk saling bertukar informasi, tenaga ahli dan pengalaman "
  "dalam bidang yang menjadi kepentingan bersama.",
  "Kegiatan dilaksanakan secara bertahap sesuai dengan rencana kerja tahunan yang "
  "disusun bersama oleh perangkat daerah terkait.",
  "Pembiayaan bersumber dari APBD dan kontribusi mitra sesuai dengan ketentuan "
  "peraturan perundang-undangan.",
  "Pelaksanaan kerja sama dievaluasi setiap tahun dan hasilnya dilaporkan kepada "
  "Menteri Dalam Negeri melalui Gubernur.",
  "Delegasi mitra berkunjung untuk meninjau lokasi dan bertemu dengan pelaku usaha "
  "setempat.",
  "The parties will exchange delegations at least once a year and keep each other "
  "informed of progress through their liaison officers.",
  "Training is delivered in English with interpretation into Bahasa Indonesia where "
  "needed.",
  "Either party may end the agreement with six months’ written notice.",
};

static const char *obstacle_notes[] = {
  "", "Pergantian pejabat di kedua pihak", "Anggaran belum dialokasikan dalam APBD",
  "Perbedaan bahasa dalam rapat teknis", "Menunggu persetujuan DPRD",
};

static const char *
pick (GRand       *rand,
      const char **items,
      guint        n_items)
{
  return items[g_rand_int_range (rand, 0, n_items)];
}

#define PICK(rand, array) pick ((rand), (const char **) (array), G_N_ELEMENTS (array))

static const char *
pick_key (GRand    *rand,
          KsKeySet  set)
{
  return pick (rand, (const char **) ks_key_set_get_keys (set), ks_key_set_get_n_keys (set));
}

/* A version 4 uuid from the generator, so that the seed fixes it too. */
static char *
random_uuid (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          g_rand_int (rand), g_rand_int (rand) & 0xffff,
                          g_rand_int (rand) & 0x0fff,
                          (g_rand_int (rand) & 0x3fff) | 0x8000,
                          g_rand_int (rand) & 0xffff, g_rand_int (rand));
}

/* Year, month or day precision, as the register's sources give them. */
static char *
random_date (GRand *rand,
             int    year,
             int    month)
{
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_strdup_printf ("%04d", year);
    case 1:
      return g_strdup_printf ("%04d-%02d", year, month);
    default:
      return g_strdup_printf ("%04d-%02d-%02d", year, month, g_rand_int_range (rand, 1, 29));
    }
}

static gboolean
count_agreements (KsDatabase  *db,
                  gint64      *count,
                  GError     **error)
{
  g_autoptr(KsStatement) stmt = ks_database_prepare (db, "SELECT count(*) FROM agreements", error);
  gboolean has_row;

  if (stmt == NULL || !ks_store_step_row (db, stmt, &has_row, error))
    return FALSE;

  *count = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Region i beyond Jawa Tengah: 20 kabupaten and 5 kota per province,
 * with names that stay distinct up to 512 regions. */
static char *
add_generated_region (KsDatabase  *db,
                      guint        i,
                      GError     **error)
{
  const char *province = provinces[(i / 25) % G_N_ELEMENTS (provinces)];
  guint k = i % 25 + 1;
  gboolean is_kota = k > 20;
  g_autofree char *code = g_strdup_printf ("%s.%02u", province, is_kota ? 70 + k - 20 : k);
  g_autofree char *name = g_strdup_printf ("%s %s%s%s", is_kota ? "Kota" : "Kabupaten",
                                           region_prefixes[i % 16], region_suffixes[(i / 16) % 16],
                                           i >= 256 ? " Barat" : "");
  g_autoptr(KsRegion) region = NULL;

  region = ks_region_store_add (db, code, name, is_kota ? "kota" : "kabupaten",
                                province, "", error);
  return region != NULL ? g_steal_pointer (&code) : NULL;
}

/* The codes agreements are spread over: the shipped kabupaten/kota of
 * Jawa Tengah, then generated ones, one region per 200 agreements. */
static GPtrArray *
prepare_regions (KsDatabase  *db,
                 guint        n_agreements,
                 GError     **error)
{
  g_autoptr(GListStore) regions = ks_region_store_list (db, error);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  guint n_wanted = CLAMP (n_agreements / 200, 1, N_REGIONS_MAX);

  if (regions == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (regions)); i++)
    {
      g_autoptr(KsRegion) region = g_list_model_get_item (G_LIST_MODEL (regions), i);

      if (!g_str_equal (ks_region_get_kind (region), "provinsi"))
        g_ptr_array_add (codes, g_strdup (ks_region_get_code (region)));
    }

  for (guint i = 0; codes->len < n_wanted; i++)
    {
      char *code = add_generated_region (db, i, error);

      if (code == NULL)
        return NULL;
      g_ptr_array_add (codes, code);
    }

  return g_steal_pointer (&codes);
}

static char *
random_description (GRand *rand)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 7);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, sentences));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_partners (KsAgreement *agreement,
              GRand       *rand)
{
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      const SampleCity *city = &cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))];
      const PartnerTemplate *template =
        &partner_templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (partner_templates))];
      g_autofree char *name = g_strconcat (template->before, city->city, template->after, NULL);
      GPtrArray *partners = ks_agreement_get_partners (agreement);
      gboolean listed = FALSE;

      for (guint j = 0; j < partners->len; j++)
        listed |= g_str_equal (((KsPartnerRef *) g_ptr_array_index (partners, j))->name, name);
      if (!listed)
        g_ptr_array_add (partners, ks_partner_ref_new (NULL, name, template->kind,
                                                       city->country, city->city));
    }
}

static void
add_parties_and_keys (KsAgreement *agreement,
                      GRand       *rand)
{
  guint party = g_rand_int_range (rand, 0, G_N_ELEMENTS (party_names));
  guint n_sectors = g_rand_int_range (rand, 1, 4);
  guint n_obstacles = g_rand_int_range (rand, 0, 4);

  g_ptr_array_add (ks_agreement_get_local_parties (agreement),
                   ks_local_party_ref_new (party_names[party], "implementing"));
  if (g_rand_boolean (rand))
    g_ptr_array_add (ks_agreement_get_local_parties (agreement),
                     ks_local_party_ref_new (party_names[(party + 1) % G_N_ELEMENTS (party_names)],
                                             "coordinating"));

  for (guint i = 0; i < n_sectors; i++)
    {
      const char *sector = pick_key (rand, KS_KEY_SET_SECTOR);

      if (!g_ptr_array_find_with_equal_func (ks_agreement_get_sectors (agreement), sector,
                                             g_str_equal, NULL))
        g_ptr_array_add (ks_agreement_get_sectors (agreement), g_strdup (sector));
    }

  for (guint i = 0; i + 1 < n_obstacles; i++)
    {
      const char *key = pick_key (rand, KS_KEY_SET_OBSTACLE);
      GPtrArray *obstacles = ks_agreement_get_obstacles (agreement);
      gboolean listed = FALSE;

      for (guint j = 0; j < obstacles->len; j++)
        listed |= g_str_equal (((KsObstacle *) g_ptr_array_index (obstacles, j))->key, key);
      if (!listed)
        g_ptr_array_add (obstacles, ks_obstacle_new (key, PICK (rand, obstacle_notes)));
    }
}

static void
set_dates (KsAgreement *agreement,
           GRand       *rand,
           int         *year)
{
  int month = g_rand_int_range (rand, 1, 13);
  g_autofree char *signed_on = NULL;
  g_autofree char *ends_on = NULL;

  *year = g_rand_int_range (rand, 2005, 2026);
  if (g_str_equal (ks_agreement_get_stage (agreement), "exploration"))
    return;

  signed_on = random_date (rand, *year, month);
  ends_on = random_date (rand, *year + g_rand_int_range (rand, 1, 6), month);
  g_object_set (agreement, "signed-on", signed_on, "starts-on", signed_on, "ends-on", ends_on, NULL);
  if (g_rand_int_range (rand, 0, 3) == 0)
    g_object_set (agreement, "reported-to-center-on", ends_on, NULL);
}

static KsAgreement *
random_agreement (GRand      *rand,
                  const char *region_code,
                  int        *year)
{
  g_autoptr(KsAgreement) agreement = ks_agreement_new ();
  g_autofree char *uuid = random_uuid (rand);
  g_autofree char *description = random_description (rand);
  g_autofree char *title = NULL;
  const char *first_partner;

  add_partners (agreement, rand);
  first_partner = ((KsPartnerRef *) g_ptr_array_index (ks_agreement_get_partners (agreement), 0))->name;
  title = g_strdup_printf (g_rand_boolean (rand) ? "Kerja sama %s dengan %s"
                                                 : "Memorandum of Understanding on %s with %s",
                           PICK (rand, topics), first_partner);
  g_object_set (agreement, "uuid", uuid, "region-code", region_code, "title", title,
                "description", description,
                "form", pick_key (rand, KS_KEY_SET_FORM),
                "document", pick_key (rand, KS_KEY_SET_DOCUMENT),
                "stage", pick_key (rand, KS_KEY_SET_STAGE),
                "notes", g_rand_int_range (rand, 0, 4) == 0 ? PICK (rand, sentences) : "",
                "apbd-amount", (gint64) g_rand_int_range (rand, 0, 50000) * 100000,
                NULL);
  add_parties_and_keys (agreement, rand);
  set_dates (agreement, rand, year);

  return g_steal_pointer (&agreement);
}

/* Events never move the stage here: the generated stage is the story's
 * end, as the demo's is. */
static gboolean
add_events (KsDatabase  *db,
            GRand       *rand,
            const char  *agreement_uuid,
            int          year,
            GError     **error)
{
  guint n = g_rand_int_range (rand, 0, 11);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = random_uuid (rand);
      g_autofree char *date = random_date (rand, MIN (year + (int) i / 2, 2026),
                                           g_rand_int_range (rand, 1, 13));
      g_autoptr(KsEvent) event =
        g_object_new (KS_TYPE_EVENT, "uuid", uuid, "agreement-uuid", agreement_uuid,
                      "occurred-on", date, "kind", pick_key (rand, KS_KEY_SET_EVENT_KIND),
                      "description", PICK (rand, sentences), NULL);

      if (!ks_event_store_save (db, event, SAMPLE_SOURCE, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_attachment (KsDatabase  *db,
                const char  *agreement_uuid,
                guint        i,
                GError     **error)
{
  g_autofree char *text = g_strdup_printf ("Lampiran contoh %u untuk perjanjian %s.\n", i, agreement_uuid);
  g_autofree char *name = g_strdup_printf ("lampiran-%u.txt", i);
  g_autoptr(GBytes) data = g_bytes_new_take (text, strlen (text));
  g_autoptr(KsAttachment) attachment = NULL;

  text = NULL;
  attachment = ks_attachment_store_add (db, agreement_uuid, name, "text/plain", data, error);
  return attachment != NULL;
}

/**
 * ks_sample_add_regions:
 * @n_agreements: the sample's size
 *
 * Adds the generated regions a sample of @n_agreements spreads over, so
 * that its CSV export can be imported into another register.
 *
 * Returns: (transfer full) (element-type utf8): the codes of all the
 *   regions the sample uses, or %NULL on error
 */
GPtrArray *
ks_sample_add_regions (KsDatabase  *db,
                       guint        n_agreements,
                       GError     **error)
{
  return prepare_regions (db, n_agreements, error);
}

static gboolean
generate (KsDatabase  *db,
          guint        n_agreements,
          GRand       *rand,
          GError     **error)
{
  g_autoptr(GPtrArray) regions = prepare_regions (db, n_agreements, error);

  if (regions == NULL)
    return FALSE;

  for (guint i = 0; i < n_agreements; i++)
    {
      const char *region = g_ptr_array_index (regions, g_rand_int_range (rand, 0, regions->len));
      int year = 0;
      g_autoptr(KsAgreement) agreement = random_agreement (rand, region, &year);
      const char *uuid = ks_agreement_get_uuid (agreement);

      if (!ks_agreement_store_save (db, agreement, SAMPLE_SOURCE, error) ||
          !add_events (db, rand, uuid, year, error) ||
          (i % 1000 == 0 && !add_attachment (db, uuid, i, error)))
        return FALSE;
    }

  return TRUE;
}

/**
 * ks_sample_generate:
 * @n_agreements: how many agreements to make
 * @seed: the generator's seed; the same seed makes the same register
 *
 * Fills a new or empty register with @n_agreements made-up agreements
 * over the regions of Jawa Tengah plus generated regions (up to 514 in
 * all), with partners, events, obstacles and a few attachments, in one
 * transaction.  A register that holds agreements is refused.
 */
gboolean
ks_sample_generate (KsDatabase  *db,
                    guint        n_agreements,
                    guint32      seed,
                    GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 count = 0;

  g_return_val_if_fail (KS_IS_DATABASE (db), FALSE);

  if (!count_agreements (db, &count, error))
    return FALSE;
  if (count > 0)
    {
      g_set_error (error, KS_ERROR, KS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The register already holds %lld agreement; generate the sample into a new or empty register",
                                "The register already holds %lld agreements; generate the sample into a new or empty register",
                                (gulong) count),
                   (long long) count);
      return FALSE;
    }

  if (!ks_database_begin (db, error))
    return FALSE;
  if (!generate (db, n_agreements, rand, error) || !ks_database_commit (db, error))
    {
      ks_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}
