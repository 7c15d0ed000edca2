-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Schema version 2: listing 100,000 agreements must read one table, so the
-- summaries the register's table shows are kept on the agreement row and
-- refreshed whenever the agreement, its links or its events change.

ALTER TABLE agreements ADD COLUMN local_parties_text TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN partners_text TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN countries TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN sectors_text TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN obstacles_text TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN last_event_on TEXT NOT NULL DEFAULT '';

UPDATE agreements SET
  local_parties_text = coalesce ((
    SELECT group_concat (name, '; ') FROM (
      SELECT lp.name AS name
        FROM agreement_local_parties alp
        JOIN local_parties lp ON lp.id = alp.local_party_id
       WHERE alp.agreement_id = agreements.id
       ORDER BY alp.position)), ''),
  partners_text = coalesce ((
    SELECT group_concat (name, '; ') FROM (
      SELECT p.name AS name
        FROM agreement_partners ap
        JOIN partners p ON p.id = ap.partner_id
       WHERE ap.agreement_id = agreements.id
       ORDER BY ap.position)), ''),
  countries = coalesce ((
    SELECT group_concat (country, ';') FROM (
      SELECT p.country AS country
        FROM agreement_partners ap
        JOIN partners p ON p.id = ap.partner_id
       WHERE ap.agreement_id = agreements.id
       ORDER BY ap.position)), ''),
  sectors_text = coalesce ((
    SELECT group_concat (sector, ';') FROM (
      SELECT sector FROM agreement_sectors
       WHERE agreement_id = agreements.id ORDER BY sector)), ''),
  obstacles_text = coalesce ((
    SELECT group_concat (obstacle, ';') FROM (
      SELECT obstacle FROM agreement_obstacles
       WHERE agreement_id = agreements.id ORDER BY obstacle)), ''),
  last_event_on = coalesce ((
    SELECT max (occurred_on) FROM events
     WHERE agreement_id = agreements.id AND deleted_at IS NULL), '');

CREATE INDEX agreements_last_event ON agreements (last_event_on);
