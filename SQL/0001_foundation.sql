-- 0001 Foundation: extensions and the shared rules that every registry table uses.
-- Never edit an applied migration: add a later file instead (khcn db migrate refuses edits).

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- "Today" is the date in Vietnam (contract §2), whatever the server's time zone.
CREATE FUNCTION khcn_today() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;

-- Case- and diacritic-insensitive form for searching ('Tân Trào' → 'tan trao', 'đ' → 'd').
-- unaccent() is only STABLE (it reads a dictionary); naming the dictionary makes this
-- wrapper safe to declare IMMUTABLE, so that it can back an index.
CREATE FUNCTION khcn_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

-- Text as stored: NFC (PostgreSQL compares bytes, so NFD would be a different name), no
-- surrounding white space, NULL when blank.
CREATE FUNCTION khcn_clean_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN nullif(regexp_replace(normalize($1, NFC), '^\s+|\s+$', '', 'g'), '');

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
