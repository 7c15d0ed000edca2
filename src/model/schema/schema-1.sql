-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kerjasama register, schema version 1.
--
-- Every record that can travel between registers (exchange files, merges)
-- has a uuid, created_at/updated_at (UTC, ISO 8601 with milliseconds) and a
-- soft deleted_at.  Dates of the domain are partial ISO dates ('2012',
-- '2017-04', '2015-09-10'), stored as text so that they sort; '' = unknown.
-- Keys (form, stage, ...) are validated by the model, not by CHECKs, so
-- that a newer program's keys are refused with a message, not a constraint
-- error.  Amounts are integers in hundredths of the currency unit.

CREATE TABLE regions (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  province_code TEXT NOT NULL DEFAULT '',
  region_group  TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);

CREATE TABLE local_parties (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  region_id   INTEGER NOT NULL REFERENCES regions (id),
  name        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT,
  UNIQUE (region_id, name)
);

CREATE TABLE partners (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'other',
  country     TEXT NOT NULL DEFAULT '',
  locality    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
);
CREATE INDEX partners_name ON partners (name);

CREATE TABLE agreements (
  id                     INTEGER PRIMARY KEY,
  uuid                   TEXT NOT NULL UNIQUE,
  region_id              INTEGER NOT NULL REFERENCES regions (id),
  parent_id              INTEGER REFERENCES agreements (id),
  title                  TEXT NOT NULL,
  description            TEXT NOT NULL DEFAULT '',
  form                   TEXT NOT NULL DEFAULT 'other',
  document               TEXT NOT NULL DEFAULT 'none',
  stage                  TEXT NOT NULL DEFAULT 'exploration',
  signed_on              TEXT NOT NULL DEFAULT '',
  starts_on              TEXT NOT NULL DEFAULT '',
  ends_on                TEXT NOT NULL DEFAULT '',
  reported_by_agency_on  TEXT NOT NULL DEFAULT '',
  reported_to_center_on  TEXT NOT NULL DEFAULT '',
  dprd_approved_on       TEXT NOT NULL DEFAULT '',
  apbd_amount            INTEGER NOT NULL DEFAULT 0,
  partner_amount         INTEGER NOT NULL DEFAULT 0,
  partner_currency       TEXT NOT NULL DEFAULT 'IDR',
  region_doc_number      TEXT NOT NULL DEFAULT '',
  partner_doc_number     TEXT NOT NULL DEFAULT '',
  notes                  TEXT NOT NULL DEFAULT '',
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  deleted_at             TEXT
);
CREATE INDEX agreements_region ON agreements (region_id);
CREATE INDEX agreements_parent ON agreements (parent_id);
CREATE INDEX agreements_stage ON agreements (stage);

CREATE TABLE agreement_partners (
  agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  partner_id    INTEGER NOT NULL REFERENCES partners (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, partner_id)
);
CREATE INDEX agreement_partners_partner ON agreement_partners (partner_id);

CREATE TABLE agreement_local_parties (
  agreement_id    INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  local_party_id  INTEGER NOT NULL REFERENCES local_parties (id),
  role            TEXT NOT NULL DEFAULT 'implementing',
  position        INTEGER NOT NULL,
  PRIMARY KEY (agreement_id, local_party_id)
);
CREATE INDEX agreement_local_parties_party ON agreement_local_parties (local_party_id);

CREATE TABLE agreement_sectors (
  agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  sector        TEXT NOT NULL,
  PRIMARY KEY (agreement_id, sector)
);

CREATE TABLE agreement_obstacles (
  agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  obstacle      TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, obstacle)
);

-- Contact persons and signatories on both sides.
CREATE TABLE people (
  id            INTEGER PRIMARY KEY,
  agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  side          TEXT NOT NULL,             -- 'local' or 'partner'
  role          TEXT NOT NULL,             -- 'contact' or 'signatory'
  name          TEXT NOT NULL,
  position      TEXT NOT NULL DEFAULT '',
  email         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  signed_on     TEXT NOT NULL DEFAULT '',
  sort_order    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_agreement ON people (agreement_id);

-- The steps the regulations ask for; reference data a user may edit.
-- An empty label means the translated built-in label of the key.
CREATE TABLE procedure_steps (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  key         TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL DEFAULT '',
  required    INTEGER NOT NULL DEFAULT 1,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
);

CREATE TABLE agreement_procedure (
  agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  step_id       INTEGER NOT NULL REFERENCES procedure_steps (id),
  done_on       TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (agreement_id, step_id)
);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  agreement_id   INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  occurred_on    TEXT NOT NULL,
  kind           TEXT NOT NULL DEFAULT 'other',
  description    TEXT NOT NULL DEFAULT '',
  cost_amount    INTEGER NOT NULL DEFAULT 0,
  cost_currency  TEXT NOT NULL DEFAULT 'IDR',
  new_stage      TEXT NOT NULL DEFAULT '',
  old_ends_on    TEXT NOT NULL DEFAULT '',
  new_ends_on    TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  deleted_at     TEXT
);
CREATE INDEX events_agreement ON events (agreement_id, occurred_on);

CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  agreement_id  INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  mime_type     TEXT NOT NULL DEFAULT 'application/octet-stream',
  sha256        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  data          BLOB NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);
CREATE INDEX attachments_agreement ON attachments (agreement_id);
CREATE INDEX attachments_sha256 ON attachments (sha256);

-- Append-only: the model has no update or delete for it.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  who           TEXT NOT NULL,
  record_table  TEXT NOT NULL,
  record_uuid   TEXT NOT NULL,
  action        TEXT NOT NULL,             -- insert, update, delete, undelete, import, merge
  changes       TEXT NOT NULL DEFAULT '',  -- JSON object: field -> [old, new]
  source        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_record ON audit_log (record_uuid, at);

-- Peers this register has merged with, for three-way merges.
CREATE TABLE merge_peers (
  peer_uuid     TEXT PRIMARY KEY,
  last_merged   TEXT NOT NULL
);

CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
