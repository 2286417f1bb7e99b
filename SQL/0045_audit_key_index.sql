-- 0045 Audit rows found by key through a b-tree (contract §8: the initial load of a million
-- enterprises; issue 15).
--
-- audit_log_keys indexed every key of every row (GIN): a first load of 1,000,000 enterprises
-- wrote 1,000,000 entries into it and merged its pending list again and again. Measured: the
-- same 1,000,000 audit rows inserted into a copy of audit_log took 3.7 s more with that GIN and
-- 0.6 s more with a b-tree on key instead (by hand, issue-15 stop 22). A row's first key is its own
-- key (every writer puts it there: SQL/definitions/04_audit.sql, 11_persons.sql; a rule from
-- now on), and only two kinds of row have more: a record owned by an enterprise (the owner's tax
-- code) and a rekey (the old keys). So a b-tree on key, and the GIN for the rows with more than
-- one key only, find the same rows: `khcn history` asks
-- `key = ANY (k) OR (cardinality(keys) > 1 AND keys && k)`.
DO $$
DECLARE
    offending text := (SELECT string_agg(id::text, ', ') FROM (
                           SELECT id FROM audit_log WHERE keys[1] IS DISTINCT FROM key ORDER BY id LIMIT 20) o);
BEGIN
    IF offending IS NOT NULL THEN
        RAISE EXCEPTION 'audit rows whose first key is not their key (ids %): they would not be found by key', offending;
    END IF;
END $$;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_key_first CHECK (keys[1] = key);
INSERT INTO khcn_rule (table_name, name, field, vi, en, basis, basis_en) VALUES
('audit_log', 'audit_log_key_first', 'keys', 'Khóa đầu tiên của một dòng nhật ký là khóa của chính dòng đó (để tra được theo khóa).',
 'The first key of an audit row is its own key (so that it is found by key).', 'hợp đồng §9 (nhật ký thay đổi)', 'contract §9 (audit trail)');
CREATE INDEX audit_log_key ON audit_log (key);
CREATE INDEX audit_log_owner_keys ON audit_log USING gin (keys) WHERE cardinality(keys) > 1;
DROP INDEX audit_log_keys;
