-- 0041 The figures and the overdue count of `khcn progress` from index-only scans (contract §8:
-- `khcn progress --json` within 5× of `psql -c 'select 1'`; issue 15). At 1,000,000 enterprises
-- the command took 12× `select 1`: each count read every row it counted from the heap, and the
-- ip-annuity count (48,000 titles in force) and fund-use-70 (130,000 kept allocations) were
-- most of it. Each index below carries the columns its count reads, so the count never visits
-- the table (definitions/15_targets.sql, definitions/16_watch.sql khcn_watch_overdue_now).
-- The same rows as before: an IP, fund or allocation import maintains one index for one, as
-- before (ip_watch_state and st_fund_allocation_use are kept by statement triggers).

-- ip-annuity: per title in force, the validity years started before D, by arithmetic on these.
DROP INDEX ip_watch_state_annuity;
CREATE INDEX ip_watch_state_annuity ON ip_watch_state (province_code, fee_due_from)
    INCLUDE (expires_on, granted_on, fee_year, kind) WHERE fee_due_from IS NOT NULL;
-- ip-examination-request: the rule row is chosen by the kind.
DROP INDEX ip_watch_state_examination;
CREATE INDEX ip_watch_state_examination ON ip_watch_state (province_code, counted_from) INCLUDE (kind) WHERE NOT acted;
-- fund-use-70: the allocation and its use in time.
DROP INDEX st_fund_allocation_use_by_year;
CREATE INDEX st_fund_allocation_use_by_year ON st_fund_allocation_use (province_code, year) INCLUDE (allocated, used_in_time);
-- st-funds: the funds established by D and whether they were closed by then (fund_as_of).
CREATE INDEX st_fund_by_establishment ON st_fund (province_code, established_on) INCLUDE (closed_on);
