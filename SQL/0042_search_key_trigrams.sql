-- 0042 The name search's trigram index on the name as one word (contract §8: a selective term
-- under 50 ms on the server, every term under 200 ms; issue 15).
--
-- enterprise_name_search (SQL/0035_baseline/04_enterprises.sql) indexed the folded name's
-- trigrams word by word: a term of common syllables (`oanh ha minh`, 35 names among 1,000,000)
-- asked for `anh`, `inh`, ` ha`, each in half the province, and rechecked the 1,976 names that
-- held them all (120–160 ms). Here every character but a–z and 0–9 becomes `0`, so a name is
-- one word for pg_trgm and its trigrams cross the spaces (`h0h`, `a0m`: a syllable's end and the
-- next one's start, far rarer): 144 names to recheck, 20 ms. The alphabet being closed (37
-- characters), a term of one or two letters is served too, by the few trigrams that can hold
-- it (khcn_enterprise_name_key_patterns, SQL/definitions/06_enterprises.sql).
-- The mapping is character by character, so a folded term inside a folded name stays inside
-- it once mapped: the index finds every match, and the search rechecks the folded name.
CREATE FUNCTION khcn_search_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN regexp_replace(khcn_fold($1), '[^a-z0-9]', '0', 'g');

-- (A first load interrupted before its indexes were rebuilt keeps the old one's definition.)
DROP INDEX IF EXISTS enterprise_name_search;
DELETE FROM khcn_deferred_index WHERE definition LIKE 'CREATE INDEX enterprise_name_search %';
CREATE INDEX enterprise_name_trigrams ON enterprise USING gin (khcn_search_text(name) gin_trgm_ops);
