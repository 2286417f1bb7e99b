-- 0047 The folded name made without starting an executor for each call (contract §8: the
-- initial load of a million enterprises and the everyday file; issue 15).
--
-- khcn_fold (SQL/0035_baseline/01_foundation.sql) was an SQL function. PostgreSQL inlines an SQL
-- function only when its body is as immutable as the function is declared, and unaccent() is
-- only STABLE, so khcn_fold was never inlined: every call went through the SQL-function
-- executor, which starts and ends a query for each row. The two search indexes read it once per
-- written row (enterprise_in_list_order directly, enterprise_name_trigrams through
-- khcn_search_text), and so do person_name_folded and every search. Measured (by hand, 300,000
-- names, six interleaved runs each): `khcn_fold(name)` 649–906 ms as SQL, 450–635 ms as
-- PL/pgSQL (whose one expression is planned once per session and then evaluated directly);
-- `khcn_search_text(name)` 1,048–1,319 ms before, 775–1,039 ms with this. In a profile of a
-- first load the SQL-function executor was 9.8% of the server's samples, all of it in the two
-- index builds; 5.8% of an everyday import's.
--
-- The same expression, so the same value for every text: the indexes built with the SQL form
-- stay valid (no REINDEX; EnterpriseSearchTests.theFoldIsTheBaselineExpressionForEveryText).
CREATE OR REPLACE FUNCTION khcn_fold(text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
    -- unaccent() is only STABLE (it reads a dictionary); naming the dictionary makes this
    -- wrapper safe to declare IMMUTABLE, so that it can back an index.
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));
END $$;
