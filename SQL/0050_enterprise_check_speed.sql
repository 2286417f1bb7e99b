-- 0050 Five enterprise CHECKs written without a regular expression or a character count where
-- the bytes decide (contract §8: the everyday file and the initial load; issue 15).
--
-- PostgreSQL checks every CHECK of a row on UPDATE as on INSERT, so the everyday file's 10,000
-- rows pay all fifteen. char_length counts the characters of a multibyte text one by one; a text
-- of at most N bytes has at most N characters, so the count is needed only past N bytes (no name
-- the registry holds). `~ '^[0-9]{n}$'` runs the regular-expression engine; n bytes that ltrim of
-- the ten ASCII digits empties are exactly n ASCII digits ([0-9] in a PostgreSQL regular
-- expression is that range of codes; `$` is the end of the text). Same results for every value,
-- NULL included (CheckFunctionTests.enterpriseChecksGiveTheBaselineAnswers compares them with the
-- baseline's expressions).
-- Measured (by hand, a 1M registry, the everyday file's MERGE as the clerk in rolled-back
-- transactions, six alternations with a copy holding the old expressions): the MERGE 508 ms →
-- 480 ms (medians); on 10,000 rows by SELECT: 4.1 ms → 1.2 ms (name length), 6.0 → 4.3 (commune
-- code), 4.1 → 3.0 (province code). Names and messages are unchanged (khcn_rule keys on the
-- constraint name). The table is checked once for the five (one scan).
ALTER TABLE enterprise
    DROP CONSTRAINT enterprise_name_length,
    DROP CONSTRAINT enterprise_address_check,
    DROP CONSTRAINT enterprise_legal_form_check,
    DROP CONSTRAINT enterprise_commune_code_format,
    DROP CONSTRAINT enterprise_province_code_format,
    ADD CONSTRAINT enterprise_name_length
        CHECK (name <> '' AND (octet_length(name) <= 400 OR char_length(name) <= 400)),
    ADD CONSTRAINT enterprise_address_check
        CHECK (octet_length(address) <= 1000 OR char_length(address) <= 1000),
    ADD CONSTRAINT enterprise_legal_form_check
        CHECK (octet_length(legal_form) <= 200 OR char_length(legal_form) <= 200),
    ADD CONSTRAINT enterprise_commune_code_format
        CHECK (octet_length(commune_code) = 5 AND ltrim(commune_code, '0123456789') = ''),
    ADD CONSTRAINT enterprise_province_code_format
        CHECK (octet_length(province_code) = 2 AND ltrim(province_code, '0123456789') = '');
