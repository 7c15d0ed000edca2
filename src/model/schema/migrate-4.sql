-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Schema version 4: a report of 100,000 agreements showed each one's
-- newest event, looked up in the events table region by region; that
-- table is the register's largest and was read in scattered order.  The
-- newest event's kind and description are kept on the agreement next to
-- last_event_on, by ks_agreement_store_refresh_summary(), so a report
-- reads agreements alone.  "Newest" is the latest occurred_on, then the
-- latest entry (created_at, id), of the events not deleted.

ALTER TABLE agreements ADD COLUMN last_event_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN last_event_description TEXT NOT NULL DEFAULT '';

UPDATE agreements SET
  last_event_kind = coalesce ((SELECT kind FROM events
     WHERE agreement_id = agreements.id AND deleted_at IS NULL
     ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1), ''),
  last_event_description = coalesce ((SELECT description FROM events
     WHERE agreement_id = agreements.id AND deleted_at IS NULL
     ORDER BY occurred_on DESC, created_at DESC, id DESC LIMIT 1), '');
