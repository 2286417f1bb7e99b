-- Baseline 01 Foundation: extensions and the value functions that constraints and indexes are
-- made of (they must exist before the tables, so they live here and not in SQL/definitions/;
-- like every file of this baseline, this one is never edited: change a rule in a new numbered
-- migration). Everything else callable is in SQL/definitions/ (README, "Migrations").

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Exclusion constraints on (text, daterange): funds never overlap, GI users, watch rules.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Case- and diacritic-insensitive form for searching ('Tân Trào' → 'tan trao', 'đ' → 'd').
-- unaccent() is only STABLE (it reads a dictionary); naming the dictionary makes this
-- wrapper safe to declare IMMUTABLE, so that it can back an index.
CREATE FUNCTION khcn_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

-- Text as stored: NFC (PostgreSQL compares bytes, so NFD would be a different name), no
-- surrounding white space, NULL when blank, and (issue 12) every run of horizontal spaces
-- (U+0020, U+00A0 and the other Unicode space separators; never a tab or a line break, which
-- addresses keep) written as one U+0020, so that two spellings of one name do not list as two.
-- The Swift CleanText.collapsingSpaces mirrors this for its pre-check and for imports (so that
-- re-importing a file still finds every row unchanged, contract §6).
CREATE FUNCTION khcn_clean_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN nullif(regexp_replace(regexp_replace(normalize($1, NFC), '^\s+|\s+$', '', 'g'),
                             '[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+', ' ', 'g'), '');

-- Tax code (mã số thuế), contract §4: 10 digits, or 13 written XXXXXXXXXX-NNN.
-- Check digit = 10 − (Σ weight·digit mod 11) with weights 31 29 23 19 17 13 7 5 3;
-- remainder 0 is never issued. The Swift type TaxCode holds the same rule for messages.
CREATE FUNCTION khcn_tax_code_is_valid(code text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    weights constant int[] := '{31,29,23,19,17,13,7,5,3}';
    total int := 0;
    remainder int;
BEGIN
    IF code !~ '^[0-9]{10}(-[0-9]{3})?$' THEN RETURN false; END IF;
    IF left(code, 2) = '00' OR substr(code, 3, 7) = '0000000' OR substr(code, 12, 3) = '000' THEN
        RETURN false;
    END IF;
    FOR i IN 1..9 LOOP
        total := total + weights[i] * substr(code, i, 1)::int;
    END LOOP;
    remainder := total % 11;
    RETURN remainder <> 0 AND substr(code, 10, 1)::int = 10 - remainder;
END $$;

-- Level-4 industry codes (VSIC 2018 / 2025): four digits each, none repeated.
CREATE FUNCTION khcn_vsic_codes_valid(codes text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN NOT EXISTS (SELECT 1 FROM unnest(codes) AS c WHERE c IS NULL OR c !~ '^[0-9]{4}$')
   AND cardinality(codes) = (SELECT count(DISTINCT c) FROM unnest(codes) AS c);

-- IPC symbols (International Patent Classification): section, class, subclass, and
-- optionally group/subgroup ("A01B", "A01B 1/00").
CREATE FUNCTION khcn_ipc_codes_valid(codes text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN NOT EXISTS (SELECT 1 FROM unnest(codes) AS c
                    WHERE c IS NULL OR c !~ '^[A-H][0-9]{2}[A-Z]( ?[0-9]{1,4}/[0-9]{1,6})?$');

-- The text rule (contract §4): control characters U+0000–001F and U+007F–009F and the
-- bidirectional overrides U+202A–202E and U+2066–2069 are refused in every field; tab and
-- line breaks (U+0009, U+000A, U+000D) are allowed in addresses only. (U+0000 never reaches
-- PostgreSQL text.) The Swift value CleanText holds the same rule for messages; a test runs
-- one table of cases through both. Each free-text column has CHECK <table>_<column>_clean
-- (listed in khcn_text_column, 14_rules.sql; khcn names the field from the constraint name).
CREATE FUNCTION khcn_text_refused_pattern(allow_line_breaks boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN allow_line_breaks
    THEN '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]'
    ELSE '[\x01-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]' END;

CREATE FUNCTION khcn_text_is_clean(t text, allow_line_breaks boolean DEFAULT false) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN t IS NULL OR t !~ khcn_text_refused_pattern(coalesce(allow_line_breaks, false));
