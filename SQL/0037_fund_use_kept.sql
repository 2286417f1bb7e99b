-- 0037 The overdue count beside the targets without running every fund's first-in first-out
-- (contract §8: `khcn progress --json` within 5× of `psql -c 'select 1'`; issue 15).
--
-- After SQL/0036 the count (khcn_watch_overdue) still ran fund_allocation_use over every
-- allocation of the province for fund-use-70 (200,000 enterprises: ~26,000 allocations, three
-- window passes, ~100 ms of a ~0.5 s `progress`). What that rule reads of an allocation, the
-- spending of years up to Y + 5 applied to it first-in first-out (`used_in_time`), depends on
-- the fund's allocations only, so it is kept per allocation, as ip_watch_state keeps the IP
-- state: by statement triggers on st_fund_allocation that recompute the funds a statement
-- touched (definitions/08_funds.sql, beside fund_allocation_use); khcn_rebuild_derived() fills it
-- after any definitions file is applied.
INSERT INTO khcn_rule (table_name, name, field, vi, en, basis, basis_en) VALUES
('st_fund_allocation_use', 'st_fund_allocation_use_pkey', 'year', 'Mỗi khoản trích lập có một mức sử dụng được lưu.',
 'One kept use per allocation.', 'hợp đồng §10, §8', 'contract §10, §8'),
('st_fund_allocation_use', 'st_fund_allocation_use_allocation_fkey', 'year', 'Mức sử dụng được lưu thuộc về một khoản trích lập đã có.',
 'The kept use belongs to an existing allocation.', 'hợp đồng §10, §8', 'contract §10, §8');

-- The use of each allocation as every allocation of its fund says (no date: the as-of date only
-- hides allocations of later years, which khcn_watch_overdue_now checks before reading this).
CREATE TABLE st_fund_allocation_use (
    province_code  text NOT NULL,
    tax_code       text NOT NULL,
    established_on date NOT NULL,
    year           smallint NOT NULL,
    allocated      bigint NOT NULL,
    used_in_time   bigint NOT NULL,   -- fund_allocation_use's: spending of years up to Y + 5, first-in first-out
    CONSTRAINT st_fund_allocation_use_pkey PRIMARY KEY (province_code, tax_code, established_on, year),
    CONSTRAINT st_fund_allocation_use_allocation_fkey FOREIGN KEY (province_code, tax_code, established_on, year)
        REFERENCES st_fund_allocation ON UPDATE CASCADE ON DELETE CASCADE
);
-- fund-use-70's items are those of a span of years (khcn_year_end_items)
CREATE INDEX st_fund_allocation_use_by_year ON st_fund_allocation_use (province_code, year);
GRANT SELECT ON st_fund_allocation_use TO khcn_viewer;
-- Its row-level security: definitions/05_access.sql; its triggers: definitions/08_funds.sql;
-- its first filling: khcn_rebuild_derived() (definitions/16_watch.sql), after the definitions.

-- The targets' own counting (definitions/15_targets.sql): `ip-filings` (rule `filed`) leaves out
-- the applications withdrawn by D, which read every event of the province (~107,000 at 200,000
-- enterprises, ~20 ms of each of its counts); the withdrawals alone, by application.
CREATE INDEX ip_event_withdrawals ON ip_event (province_code, application_number, event_on) WHERE event = 'withdrawn';
