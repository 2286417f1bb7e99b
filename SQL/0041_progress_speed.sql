-- 0041 The figures and the overdue count of `khcn progress` from index-only scans (contract §8:
-- `khcn progress --json` within 5× of `psql -c 'select 1'`; issue 15). At 1,000,000 enterprises
-- the command took 12× `select 1`: each count read every row it counted from the heap, and the
-- ip-annuity count (48,000 titles in force) and fund-use-70 (130,000 kept allocations) were
-- most of it. Each index below carries the columns its count reads, so the count never visits
-- the table (definitions/15_targets.sql, definitions/16_watch.sql khcn_watch_overdue_now).
-- The indexes replace those of the same keys (an import maintains as many as before), but for
-- st_fund_by_establishment (50,000 funds at 1,000,000 enterprises).

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
-- ip-filings (rule `filed`): the applications filed in the period, less the withdrawn ones.
DROP INDEX ip_application_by_filing;
CREATE INDEX ip_application_by_filing ON ip_application (province_code, filed_on) INCLUDE (application_number);
-- st-funds: the funds established by D and whether they were closed by then (fund_as_of).
CREATE INDEX st_fund_by_establishment ON st_fund (province_code, established_on) INCLUDE (closed_on);

-- st-enterprises on a date from today on: per enterprise with a certificate, what the target
-- reads of its certificates (the first one's issue date, whether one is not revoked), kept by
-- statement triggers on st_certificate (definitions/07_certificates.sql), so that the count is
-- an index range over the enterprises first certified since the baseline instead of a pass
-- grouping every certificate of the province. Its row-level security: definitions/05_access.sql;
-- its first filling: khcn_rebuild_derived() (definitions/16_watch.sql), after the definitions.
INSERT INTO khcn_rule (table_name, name, field, vi, en, basis, basis_en) VALUES
('st_certificate_holder', 'st_certificate_holder_pkey', 'tax_code', 'Mỗi doanh nghiệp có một trạng thái chứng nhận được lưu.',
 'One kept certificate state per enterprise.', 'hợp đồng §7, §8', 'contract §7, §8'),
('st_certificate_holder', 'st_certificate_holder_province_known', 'province_code', 'Mã tỉnh phải có trong danh mục tỉnh.',
 'The province code is one of the list.', 'hợp đồng §7, §8', 'contract §7, §8');
CREATE TABLE st_certificate_holder (
    province_code   text NOT NULL,
    tax_code        text NOT NULL,
    first_issued_on date NOT NULL,     -- the first certificate's issue date
    holds_valid     boolean NOT NULL,  -- a certificate not revoked (certificate_as_of's `valid`)
    CONSTRAINT st_certificate_holder_pkey PRIMARY KEY (province_code, tax_code),
    -- the list, not the enterprise: no lock on each enterprise row an import certifies (row
    -- locks on the enterprises were most of what keeping this state first cost an import)
    CONSTRAINT st_certificate_holder_province_known FOREIGN KEY (province_code) REFERENCES province (code)
);
CREATE INDEX st_certificate_holder_by_first_issue ON st_certificate_holder (province_code, first_issued_on) INCLUDE (holds_valid);
GRANT SELECT ON st_certificate_holder TO khcn_viewer;
