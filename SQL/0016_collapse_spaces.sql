-- Issue 12: a name typed or pasted with a run of spaces ("Công ty   Chè", or a no-break
-- space from a word processor) was stored as typed, so two spellings of one name listed as
-- two. Stored text now has every run of horizontal spaces (U+0020, U+00A0 and the other
-- Unicode space separators; never a tab or a line break, which addresses keep) written as
-- one U+0020. The Swift CleanText.collapsingSpaces mirrors this for its pre-check and for
-- imports (so that re-importing a file still finds every row unchanged, contract §6).
-- Rows stored before this migration keep their spaces until they are next written.

CREATE OR REPLACE FUNCTION khcn_clean_text(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN nullif(regexp_replace(regexp_replace(normalize($1, NFC), '^\s+|\s+$', '', 'g'),
                             '[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+', ' ', 'g'), '');

-- The insert trigger runs only for rows that need it (SQL/0003); a run of spaces now does.
DROP TRIGGER enterprise_before_insert ON enterprise;
CREATE TRIGGER enterprise_before_insert BEFORE INSERT ON enterprise
    FOR EACH ROW
    WHEN (NEW.name IS NOT NFC NORMALIZED OR NEW.name ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.name = ''
          OR NEW.address IS NOT NFC NORMALIZED OR NEW.address ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.address = ''
          OR NEW.legal_form IS NOT NFC NORMALIZED OR NEW.legal_form ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.legal_form = ''
          OR NEW.commune_code ~ '^\s|\s$' OR NEW.commune_code = ''
          OR NEW.established_on > khcn_today() OR NEW.status_on > khcn_today())
    EXECUTE FUNCTION enterprise_before_write();
