-- 0049 The folded name and the tax-code rule as expressions PostgreSQL expands in place
-- (contract §8: the everyday file and the initial load of a million enterprises; issue 15).
--
-- khcn_fold (SQL/0047) is a PL/pgSQL function because unaccent() is only STABLE, so an SQL
-- function calling it was never inlined. khcn_unaccent is unaccent's own C function under a
-- name of ours declared IMMUTABLE, with the dictionary named as before (the reason the
-- wrapper may be IMMUTABLE at all): khcn_fold is then one SQL expression, expanded into every
-- index expression and query that calls it, with no PL/pgSQL call left. Every written
-- enterprise folds its name twice (enterprise_in_list_order, enterprise_name_trigrams through
-- khcn_search_text), every trigram search once per candidate. Measured (by hand, 100,000
-- names, best of three): `khcn_fold(name)` 125 ms as PL/pgSQL, 87 ms as this expression.
-- The same C function and dictionary, so the same value for every text: the indexes built
-- with the earlier forms stay valid (no REINDEX;
-- EnterpriseSearchTests.theFoldIsTheBaselineExpressionForEveryText).
-- A LANGUAGE c function can only be made by a superuser: `khcn db migrate` runs as one
-- (README, "For the operator").
CREATE FUNCTION khcn_unaccent(regdictionary, text) RETURNS text
AS '$libdir/unaccent', 'unaccent_dict' LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION khcn_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(public.khcn_unaccent('public.unaccent'::regdictionary, $1));

-- The tax-code rule (SQL/0040) with its format read by ltrim and its digits by get_byte
-- (after the format has admitted only ASCII digits and one hyphen, so the cast to bytea reads
-- each character as its byte): translate() and ten ascii(substr()) were 1.77 µs a code, this
-- is 1.26 µs (by hand, 100,000 codes, best of four); every row an import writes pays it,
-- updated rows included (PostgreSQL checks every CHECK on UPDATE). Same results for every
-- text, NULL included (CheckFunctionTests compares it with the baseline's body).
CREATE OR REPLACE FUNCTION khcn_tax_code_is_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN CASE octet_length(code)
                     WHEN 10 THEN ltrim(code, '0123456789') <> ''
                     WHEN 14 THEN ltrim(code, '0123456789') <> '-' || right(code, 3) OR ltrim(right(code, 3), '0123456789') <> ''
                     ELSE code IS NOT NULL OR NULL END
                 OR left(code, 2) = '00' OR substr(code, 3, 7) = '0000000' OR substr(code, 12, 3) = '000' THEN false
            ELSE (31 * get_byte(code::bytea, 0) + 29 * get_byte(code::bytea, 1) + 23 * get_byte(code::bytea, 2)
                  + 19 * get_byte(code::bytea, 3) + 17 * get_byte(code::bytea, 4) + 13 * get_byte(code::bytea, 5)
                  + 7 * get_byte(code::bytea, 6) + 5 * get_byte(code::bytea, 7) + 3 * get_byte(code::bytea, 8)
                  + get_byte(code::bytea, 9) - 7104) % 11 = 10 END;
