-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Schema version 3: an import of 100,000 agreements looks every partner
-- and local party up by its folded name (ks_agreement_fold_name(): case,
-- Unicode compatibility forms, surrounding spaces).  Folding every
-- candidate of a country or region on each save made imports quadratic,
-- so the folded name is stored and indexed.  ks_fold_name() is that C
-- function, registered on the connection only while migrating.

ALTER TABLE partners ADD COLUMN folded_name TEXT NOT NULL DEFAULT '';
ALTER TABLE local_parties ADD COLUMN folded_name TEXT NOT NULL DEFAULT '';

UPDATE partners SET folded_name = ks_fold_name (name);
UPDATE local_parties SET folded_name = ks_fold_name (name);

CREATE INDEX partners_folded_name ON partners (country, folded_name);
CREATE INDEX local_parties_folded_name ON local_parties (region_id, folded_name);
