-- 0045 Audit rows found by key through a b-tree (contract §8: the initial load of a million
-- enterprises; issue 15).
--
-- audit_log_keys indexed every key of every row (GIN): a first load of 1,000,000 enterprises
-- wrote 1,000,000 entries into it, its pending list merged again and again (~3 s of the 22 s
-- of that load's INSERT, measured with the index and with these two). A row's first key is its
-- own key (every writer puts it there: SQL/definitions/04_audit.sql, 11_persons.sql; now a
-- rule), and only a record owned by an enterprise has a second, the owner's tax code. So a
-- b-tree on key, and the GIN for the rows with more than one key only, find the same rows:
-- queries ask `key = k OR (cardinality(keys) > 1 AND keys @> ARRAY[k])` (history, revert).
ALTER TABLE audit_log ADD CONSTRAINT audit_log_key_first CHECK (keys[1] = key);
CREATE INDEX audit_log_key ON audit_log (key);
CREATE INDEX audit_log_owner_keys ON audit_log USING gin (keys) WHERE cardinality(keys) > 1;
DROP INDEX audit_log_keys;
