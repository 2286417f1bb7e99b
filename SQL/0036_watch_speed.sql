-- 0036 The watch list and the overdue count fast at national scale (contract §8: `khcn watch
-- --json --limit 50` and `khcn progress --json` within 5× of `psql -c 'select 1'`; issues 14, 15).
--
-- SQL/0031's khcn_watch aggregated every application's events, ran the funds' first-in
-- first-out over every allocation and built every item's details before the sort (200,000
-- enterprises: 114,000 items, ~1.2 s for the first 50; the overdue count beside the targets
-- ~0.6 s). Now:
--   1. ip_watch_state: per application what the watch rules read from its events and fees
--      (acted on? in force? granted on, the first unpaid validity year), kept by statement
--      triggers on ip_application, ip_event and ip_fee_payment, so a rule reads a row instead
--      of aggregating events;
--   2. partial indexes on each rule's earliest possible due date ("lower bound"), so that the
--      first candidates of a rule come from an index scan that stops;
--   3. khcn_watch_due: the items due up to a bound, at most N candidates per rule; the list of
--      N takes a first pass to find a bound the N-th item is due by, then every item due by
--      it, sorts, cuts to N and only then names the enterprises and persons;
--   4. the overdue count counts items due before D without building their details.
-- The IP state is what every recorded event and fee says, so it answers for D on or after
-- today (no event or fee may be dated in the future: SQL/0026, 0027); for an earlier D the list
-- keeps SQL/0031's pass over the records as they stood on D (khcn_watch_on). Likewise a fund's
-- notice, closure and reports are never dated after today, so for such a D "none recorded" is
-- "none by D"; GIs are read through gi_as_of and gi_manager_on as before. The rules stay rows of
-- watch_rule, read at every call.

-- 1. A rule's period never counts backwards: a due date is never before the date it counts from,
--    which is what makes that date a lower bound.
ALTER TABLE watch_rule ADD CONSTRAINT watch_rule_period_not_negative CHECK (months >= 0 AND days >= 0);
INSERT INTO khcn_rule (table_name, name, field, vi, en, basis, basis_en) VALUES
('watch_rule', 'watch_rule_period_not_negative', 'months', 'Thời hạn của quy tắc (tháng, ngày) không âm.',
 'A rule''s period (months, days) is not negative.', 'hợp đồng §10', 'contract §10'),
('ip_watch_state', 'ip_watch_state_pkey', 'application_number', 'Mỗi đơn có một trạng thái theo dõi.',
 'One watch state per application.', 'hợp đồng §10, §8', 'contract §10, §8'),
('ip_watch_state', 'ip_watch_state_application_fkey', 'application_number', 'Trạng thái theo dõi thuộc về một đơn đã có.',
 'The watch state belongs to an existing application.', 'hợp đồng §10, §8', 'contract §10, §8');

-- 2. What the watch rules read of an application, as its recorded events and fees now say.
CREATE TABLE ip_watch_state (
    province_code      text NOT NULL,
    application_number text NOT NULL,
    kind               text NOT NULL,
    counted_from       date NOT NULL,     -- the priority date, else the filing date (contract §4)
    expires_on         date NOT NULL,
    acted              boolean NOT NULL,  -- examination requested, granted, refused or withdrawn
    in_force           boolean NOT NULL,  -- granted, or lapsed and restored (ip_as_of's `granted` before expiry)
    granted_on         date,
    grant_number       text,
    fee_year           smallint,          -- the first validity year K ≥ 2 of the term with no fee paid (titles in force)
    fee_due_from       date,              -- the day that year starts: the earliest ip-annuity item of the title
    CONSTRAINT ip_watch_state_pkey PRIMARY KEY (province_code, application_number),
    CONSTRAINT ip_watch_state_application_fkey FOREIGN KEY (province_code, application_number)
        REFERENCES ip_application ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX ip_watch_state_examination ON ip_watch_state (province_code, counted_from) WHERE NOT acted;
CREATE INDEX ip_watch_state_annuity ON ip_watch_state (province_code, fee_due_from) WHERE fee_due_from IS NOT NULL;
CREATE INDEX ip_watch_state_expiry ON ip_watch_state (province_code, expires_on) WHERE in_force;
-- The funds' lower bounds: the day an open fund with no notice was set up, the year of an
-- allocation with no report; and the funds with an allocation up to a year (first-in first-out).
CREATE INDEX st_fund_unnotified ON st_fund (province_code, established_on) WHERE notified_on IS NULL AND closed_on IS NULL;
CREATE INDEX st_fund_allocation_unreported ON st_fund_allocation (province_code, year) WHERE report_received_on IS NULL;
CREATE INDEX st_fund_allocation_by_year ON st_fund_allocation (province_code, year);
GRANT SELECT ON ip_watch_state TO khcn_viewer;
-- Its row-level security: definitions/05_access.sql; its view, triggers and first filling:
-- definitions/16_watch.sql (re-applied after this file).

-- 3. khcn_watch takes a limit and fund_allocation_use a year (definitions/16_watch.sql and
--    08_funds.sql make them again, with SQL/0031's khcn_watch kept as khcn_watch_on).
DROP FUNCTION IF EXISTS khcn_watch_overdue(text, date);
DROP FUNCTION IF EXISTS khcn_watch(text, date, integer, text);
DROP FUNCTION IF EXISTS fund_allocation_use(text, date);
