-- 0046 The search text of a name made without a regular expression when it needs none
-- (contract §8: the initial load of a million enterprises; issue 15).
--
-- khcn_search_text (SQL/0042) writes every character of the folded name outside a–z and 0–9 as
-- `0`. regexp_replace did it for every name: 4.3 s of the 6.9 s the search texts of 1,000,000
-- names cost, in the build of enterprise_name_trigrams after a first load, and again for each
-- row an everyday file writes. A folded name of letters, digits and spaces (nearly all: every
-- name the bench generates) needs only its spaces replaced; one match of the regular
-- expression says which names need more (1,000,000 names: 3.3 s against 6.0–6.9 s).
-- The value is the same for every text (so enterprise_name_trigrams stays valid, no REINDEX):
-- EnterpriseSearchTests compares the two on the texts that take each branch.
CREATE FUNCTION khcn_zero_separated(folded text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    IF folded ~ '[^a-z0-9 ]' THEN
        RETURN regexp_replace(folded, '[^a-z0-9]', '0', 'g');
    END IF;
    RETURN replace(folded, ' ', '0');
END $$;

-- A PL/pgSQL function, not SQL: PostgreSQL would inline an SQL one, and the folded name (one
-- unaccent) would then be made again for each place it is read.
CREATE OR REPLACE FUNCTION khcn_search_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN khcn_zero_separated(khcn_fold($1));
