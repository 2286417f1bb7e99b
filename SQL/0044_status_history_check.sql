-- 0044 The status history's tie to its enterprise checked once per statement (contract §8:
-- the initial load of a million enterprises; issue 15).
--
-- The foreign key enterprise_status_change → enterprise checked each new row on its own (a
-- query and a key-share lock per row): a 200,000-row load wrote 200,000 first statuses and
-- spent 1.2–1.9 s in those checks. Its three duties are now in SQL/definitions/06_enterprises.sql,
-- each once per statement: a status row needs its enterprise (same rule name, same SQLSTATE
-- 23503, the enterprise rows key-share locked as the foreign key locked them), and the rows
-- follow their enterprise when its key changes and go with it when it is deleted or truncated.
ALTER TABLE enterprise_status_change DROP CONSTRAINT IF EXISTS enterprise_status_change_province_code_tax_code_fkey;

-- Likewise enterprise → province and → province_former (1.3 s of CPU at 200,000 rows, a
-- trigger call per row even for the rows without a former province): checked once per
-- statement of an insert, per row of an update that moves either, under the same rule names
-- and SQLSTATE, the referenced rows key-share locked; and the national lists refuse to lose a
-- code or a former province still in use (SQL/definitions/06_enterprises.sql).
ALTER TABLE enterprise DROP CONSTRAINT IF EXISTS enterprise_province_known,
                       DROP CONSTRAINT IF EXISTS enterprise_former_province_known;
