-- 0040 The enterprise CHECK functions at the cost of an expression (contract §8: the initial
-- load of a million enterprises no slower than `psql \copy`; issue 15).
--
-- SQL/0035_baseline/01_foundation.sql wrote khcn_tax_code_is_valid in PL/pgSQL (a regular
-- expression and a loop of nine casts) and khcn_vsic_codes_valid as an SQL function whose
-- subqueries keep it from being inlined: every row of a bulk insert called both (200,000
-- enterprises: 0.43 s and 0.58 s). Both are replaced, same name, same results (the test
-- CheckFunctionTests compares them with the old bodies over edge values and generated codes),
-- as single expressions that PostgreSQL inlines into the CHECK constraints that call them
-- (an SQL function that is one expression, not STRICT, not SECURITY DEFINER and no more
-- volatile than declared is expanded in place, so no function call is left per row). NULL
-- gives NULL as before (the CHECK passes; NOT NULL is its own rule).

-- Tax code (mã số thuế), contract §4: 10 digits, or 13 written XXXXXXXXXX-NNN; not partition 00,
-- not digits 3–9 all zero, not suffix 000. Check digit d10 = 10 − (Σ wᵢ·dᵢ mod 11) with weights
-- 31 29 23 19 17 13 7 5 3, and remainder 0 never issued: as 0 ≤ d10 ≤ 9, that is exactly
-- (Σ wᵢ·dᵢ + d10) mod 11 = 10. Digits are read as ascii(dᵢ) − 48: Σ (wᵢ + 1 for d10) · 48 = 7104.
-- The format is checked by mapping every digit to 0 (cheaper than the regular expression).
-- The Swift type TaxCode holds the same rule for messages.
CREATE OR REPLACE FUNCTION khcn_tax_code_is_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN translate(code, '123456789', '000000000') NOT IN ('0000000000', '0000000000-000')
                 OR left(code, 2) = '00' OR substr(code, 3, 7) = '0000000' OR substr(code, 12, 3) = '000' THEN false
            ELSE (31 * ascii(substr(code, 1, 1)) + 29 * ascii(substr(code, 2, 1)) + 23 * ascii(substr(code, 3, 1))
                  + 19 * ascii(substr(code, 4, 1)) + 17 * ascii(substr(code, 5, 1)) + 13 * ascii(substr(code, 6, 1))
                  + 7 * ascii(substr(code, 7, 1)) + 5 * ascii(substr(code, 8, 1)) + 3 * ascii(substr(code, 9, 1))
                  + ascii(substr(code, 10, 1)) - 7104) % 11 = 10 END;

-- Level-4 industry codes (VSIC 2018 / 2025): four digits each, none repeated. Most records carry
-- none (an empty list, the column's default): that case is decided inline; a list is checked by
-- khcn_vsic_list_valid, the baseline's body unchanged.
CREATE FUNCTION khcn_vsic_list_valid(codes text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN NOT EXISTS (SELECT 1 FROM unnest(codes) AS c WHERE c IS NULL OR c !~ '^[0-9]{4}$')
   AND cardinality(codes) = (SELECT count(DISTINCT c) FROM unnest(codes) AS c);

CREATE OR REPLACE FUNCTION khcn_vsic_codes_valid(codes text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN cardinality(codes) = 0 THEN true ELSE khcn_vsic_list_valid(codes) END;
