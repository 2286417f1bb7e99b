-- Definitions enterprises: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- Clean text on the way in (NFC, trimmed) and refuse what a CHECK cannot see: dates in the
-- future and status changes dated before the previous one.
CREATE OR REPLACE FUNCTION enterprise_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.name := khcn_clean_text(NEW.name);
    NEW.address := khcn_clean_text(NEW.address);
    NEW.legal_form := khcn_clean_text(NEW.legal_form);
    NEW.commune_code := khcn_clean_text(NEW.commune_code);
    IF NEW.established_on > khcn_today() THEN
        PERFORM khcn_refuse('enterprise_established_plausible');
    END IF;
    IF NEW.status_on > khcn_today() THEN
        PERFORM khcn_refuse('enterprise_status_on_not_future');
    END IF;
    -- A new status dated before the current one is out of order (re-dating the same status,
    -- e.g. with a corrected founding date, is a correction, not a change).
    IF TG_OP = 'UPDATE' AND NEW.status_on < OLD.status_on AND NEW.status IS DISTINCT FROM OLD.status
       AND coalesce(current_setting('khcn.reverting', true), '') <> 'on' THEN
        PERFORM khcn_refuse('enterprise_status_order');
    END IF;
    RETURN NEW;
END $$;

-- On insert the trigger runs only when a row needs it (the WHEN clause is evaluated without
-- calling PL/pgSQL), so that a clean bulk load of a million rows does not pay for it.
-- One regular expression per text says whether it may need cleaning: a space to trim or
-- collapse, or a character outside U+0001–U+02FF and U+1E00–U+1EFF (Vietnamese letters,
-- precomposed): every character there is a starter that NFC keeps (Unicode quick check
-- "Yes", combining class 0), so a text of those alone is already NFC and `IS NFC NORMALIZED`
-- need not run (issue 15: three NFC tests were 0.5 s of a 200,000-row load). Any other
-- character (a combining mark, an NBSP, a dash) sends the row to enterprise_before_write,
-- which normalises it: the rule is the same for a clerk's psql (issue 8), only its test is cheaper.
CREATE OR REPLACE TRIGGER enterprise_before_insert BEFORE INSERT ON enterprise
    FOR EACH ROW
    WHEN (NEW.name ~ '^\s|\s$|  |[^\x01-\x9F\xA1-\u02FF\u1E00-\u1EFF]' OR NEW.name = ''
          OR NEW.address ~ '^\s|\s$|  |[^\x01-\x9F\xA1-\u02FF\u1E00-\u1EFF]' OR NEW.address = ''
          OR NEW.legal_form ~ '^\s|\s$|  |[^\x01-\x9F\xA1-\u02FF\u1E00-\u1EFF]' OR NEW.legal_form = ''
          OR NEW.commune_code ~ '^\s|\s$' OR NEW.commune_code = ''
          OR NEW.established_on > khcn_today() OR NEW.status_on > khcn_today())
    EXECUTE FUNCTION enterprise_before_write();

-- On update likewise (the same one test per text), and when the status moves to an earlier
-- date (issue 15: an everyday file updates thousands of rows that need none of it).
CREATE OR REPLACE TRIGGER enterprise_before_update BEFORE UPDATE ON enterprise
    FOR EACH ROW
    WHEN (NEW.name ~ '^\s|\s$|  |[^\x01-\x9F\xA1-\u02FF\u1E00-\u1EFF]' OR NEW.name = ''
          OR NEW.address ~ '^\s|\s$|  |[^\x01-\x9F\xA1-\u02FF\u1E00-\u1EFF]' OR NEW.address = ''
          OR NEW.legal_form ~ '^\s|\s$|  |[^\x01-\x9F\xA1-\u02FF\u1E00-\u1EFF]' OR NEW.legal_form = ''
          OR NEW.commune_code ~ '^\s|\s$' OR NEW.commune_code = ''
          OR NEW.established_on > khcn_today() OR NEW.status_on > khcn_today()
          OR (NEW.status_on < OLD.status_on AND NEW.status IS DISTINCT FROM OLD.status))
    EXECUTE FUNCTION enterprise_before_write();

-- The status history (SQL/0048): every change is a row of enterprise_status_change; the status
-- an enterprise was written with is read from the enterprise itself until its status first
-- changes, and is then written as a row (recorded_at NULL: not a change recorded at a time of
-- its own) just before that change. So a first load writes no history at all.
CREATE OR REPLACE VIEW enterprise_status_history WITH (security_invoker = true) AS
SELECT c.province_code, c.tax_code, c.status, c.effective_on, c.recorded_at
  FROM enterprise_status_change c
UNION ALL
SELECT e.province_code, e.tax_code, e.status, e.status_on, NULL::timestamptz
  FROM enterprise e
 WHERE NOT EXISTS (SELECT 1 FROM enterprise_status_change c WHERE c.province_code = e.province_code AND c.tax_code = e.tax_code);
GRANT SELECT ON enterprise_status_history TO khcn_viewer;

-- A status dated on the founding day that moves with a corrected founding date (as an import's
-- merge moves it, UpsertSQL) re-dates the record; the status did not change. While nothing of
-- the enterprise's history is written, its status is read from the enterprise itself, which
-- then says it rightly, so such a correction writes no row (issue 15: the everyday file
-- corrects 5,000 founding dates, and wrote two history rows for each, ~50 ms of its 0.8 s).
-- Once rows are written, every change of status or of its date is written as before.
CREATE OR REPLACE FUNCTION khcn_status_redated_with_founding(old_status text, old_on date, old_founded date,
                                                             new_status text, new_on date, new_founded date) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN coalesce(new_status = old_status AND old_on = old_founded AND new_on = new_founded, false);

-- A rekey that also changes the status: the status it had, if never written, then the new one.
-- (Before enterprise_status_follows_key, by name, so the rows are still under the old key.)
CREATE OR REPLACE FUNCTION enterprise_record_status() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF (NEW.status, NEW.status_on) IS DISTINCT FROM (OLD.status, OLD.status_on) THEN
        IF NOT EXISTS (SELECT 1 FROM enterprise_status_change
                        WHERE province_code = OLD.province_code AND tax_code = OLD.tax_code) THEN
            IF khcn_status_redated_with_founding(OLD.status, OLD.status_on, OLD.established_on,
                                                 NEW.status, NEW.status_on, NEW.established_on) THEN
                RETURN NULL;
            END IF;
            INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on, recorded_at)
            VALUES (NEW.province_code, NEW.tax_code, OLD.status, OLD.status_on, NULL);
        END IF;
        INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on)
        VALUES (NEW.province_code, NEW.tax_code, NEW.status, NEW.status_on);
    END IF;
    RETURN NULL;
END $$;

-- Per row only when the tax code moves too (a rekey, paired with nothing below).
CREATE OR REPLACE TRIGGER enterprise_record_status AFTER UPDATE ON enterprise
    FOR EACH ROW WHEN ((NEW.status, NEW.status_on) IS DISTINCT FROM (OLD.status, OLD.status_on)
                       AND (NEW.province_code, NEW.tax_code) IS DISTINCT FROM (OLD.province_code, OLD.tax_code))
    EXECUTE FUNCTION enterprise_record_status();

-- Every other status change once per statement, old and new paired by key (issue 15: an
-- everyday file changes the status of thousands of enterprises), each preceded by the status
-- the enterprise was written with when that was never written (its first change). Paired by
-- hash, as the audit pairs them (khcn_audit_update_set, 04_audit.sql: transition tables have no
-- statistics, and the planner sorted both sides for a merge join): the everyday file's 5,000
-- updated enterprises took 15 ms here, 9.5 of them in the two sorts (issue 15, stop 30,
-- auto_explain of the import's MERGE at 1,000,000 enterprises).
CREATE OR REPLACE FUNCTION enterprise_record_status_set() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET enable_mergejoin = off AS $$
BEGIN
    PERFORM set_config('khcn.status_of_written_enterprises', 'on', true);
    INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on, recorded_at)
    SELECT n.province_code, n.tax_code, w.status, w.effective_on, w.recorded_at
      FROM new_rows n JOIN old_rows o ON o.province_code = n.province_code AND o.tax_code = n.tax_code
     CROSS JOIN LATERAL (SELECT NOT EXISTS (SELECT 1 FROM enterprise_status_change c
                                             WHERE c.province_code = o.province_code AND c.tax_code = o.tax_code) AS unwritten) h
     CROSS JOIN LATERAL (
           SELECT o.status, o.status_on AS effective_on, NULL::timestamptz AS recorded_at WHERE h.unwritten
           UNION ALL
           SELECT n.status, n.status_on, now()) w
     WHERE (n.status, n.status_on) IS DISTINCT FROM (o.status, o.status_on)
       AND NOT (h.unwritten AND khcn_status_redated_with_founding(o.status, o.status_on, o.established_on,
                                                                  n.status, n.status_on, n.established_on));
    PERFORM set_config('khcn.status_of_written_enterprises', '', true);
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_record_status_set AFTER UPDATE ON enterprise
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_record_status_set();

-- New enterprises write no status row (SQL/0048): the trigger that did is gone.
DROP TRIGGER IF EXISTS enterprise_record_first_status ON enterprise;
DROP FUNCTION IF EXISTS enterprise_record_first_status();

-- SQL/0044: what the foreign key enterprise_status_change → enterprise did, once per statement
-- (issue 15: its check per row was 1.2–1.9 s of a 200,000-row load). Only the enterprise
-- triggers (with the owner's rights) and the owner write the history (SQL/0035).
--  1. Every status row belongs to an enterprise: refused otherwise under the foreign key's
--     name and SQLSTATE (23503, the rule's row in khcn_rule), and the enterprises are locked
--     FOR KEY SHARE as the foreign key locked them, so that no other transaction deletes or
--     rekeys one before this one commits. Not for the rows the statement trigger above
--     writes, from the enterprises its own statement just updated (flagged by
--     `khcn.status_of_written_enterprises` around its INSERT): those exist, and this
--     transaction already holds them, as no other may delete or rekey a row it updated before
--     it ends (issue 15: locking a first load's million enterprises again was 3.8 s of 52, when
--     a first load still wrote a status row for each). The flag is an ordinary setting any
--     login may set, so it counts only inside a trigger (`pg_trigger_depth() > 1`: that INSERT
--     fires this at depth 2); a statement of its own, the owner's included, is checked whatever
--     the flag says (test: StatementTieTests).
CREATE OR REPLACE FUNCTION enterprise_status_change_has_enterprise() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    missing record;
BEGIN
    IF pg_trigger_depth() > 1 AND current_setting('khcn.status_of_written_enterprises', true) = 'on' THEN
        RETURN NULL;
    END IF;
    -- One join that locks and counts (each row matches at most one enterprise, by its key);
    -- the query that names a missing one runs only when the counts differ.
    IF (SELECT count(*) FROM (SELECT 1 FROM written_rows w JOIN enterprise e
                                ON e.province_code = w.province_code AND e.tax_code = w.tax_code
                                FOR KEY SHARE OF e) locked) = (SELECT count(*) FROM written_rows) THEN
        RETURN NULL;
    END IF;
    SELECT w.province_code, w.tax_code INTO missing FROM written_rows w
     WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.province_code = w.province_code AND e.tax_code = w.tax_code)
     LIMIT 1;
    PERFORM khcn_refuse('enterprise_status_change_province_code_tax_code_fkey', NULL, NULL,
        format('insert or update on table "enterprise_status_change" violates foreign key constraint "enterprise_status_change_province_code_tax_code_fkey": key (province_code, tax_code)=(%s, %s) is not present in table "enterprise"', missing.province_code, missing.tax_code),
        NULL, 'foreign_key_violation');
END $$;

CREATE OR REPLACE TRIGGER enterprise_status_change_insert_has_enterprise AFTER INSERT ON enterprise_status_change
    REFERENCING NEW TABLE AS written_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_status_change_has_enterprise();
CREATE OR REPLACE TRIGGER enterprise_status_change_update_has_enterprise AFTER UPDATE ON enterprise_status_change
    REFERENCING NEW TABLE AS written_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_status_change_has_enterprise();

--  2. ON UPDATE CASCADE: the rows follow a rekey (or a move to another province), per row
--     like the key's other followers (a rekey moves one enterprise).
CREATE OR REPLACE FUNCTION enterprise_status_follows_key() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    UPDATE enterprise_status_change SET province_code = NEW.province_code, tax_code = NEW.tax_code
     WHERE province_code = OLD.province_code AND tax_code = OLD.tax_code;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_status_follows_key AFTER UPDATE ON enterprise
    FOR EACH ROW WHEN ((NEW.province_code, NEW.tax_code) IS DISTINCT FROM (OLD.province_code, OLD.tax_code))
    EXECUTE FUNCTION enterprise_status_follows_key();

--  3. ON DELETE CASCADE, once per statement (a revert deletes a whole batch), and TRUNCATE
--     enterprise (which the foreign key refused unless the history went too) takes it along.
CREATE OR REPLACE FUNCTION enterprise_status_goes_with_enterprise() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE enterprise_status_change;
    ELSE
        DELETE FROM enterprise_status_change s USING deleted_rows d
         WHERE s.province_code = d.province_code AND s.tax_code = d.tax_code;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_status_goes_with_enterprise AFTER DELETE ON enterprise
    REFERENCING OLD TABLE AS deleted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_status_goes_with_enterprise();
CREATE OR REPLACE TRIGGER enterprise_status_truncated_with_enterprise AFTER TRUNCATE ON enterprise
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_status_goes_with_enterprise();

-- SQL/0044: the foreign keys enterprise_province_known (the 34 provinces, Decision
-- 19/2025/QĐ-TTg) and enterprise_former_province_known (a province merged into the record's),
-- once per statement of an insert (issue 15: a trigger call per row was 1.3 s of CPU in a
-- 200,000-row load). Refused under the constraint's name with SQLSTATE 23503 as before (the
-- rules' rows in khcn_rule give the messages); the province rows are locked FOR KEY SHARE as
-- the foreign keys locked them. `p_codes`/`p_formers`: the distinct codes and (code, former)
-- pairs written.
CREATE OR REPLACE FUNCTION khcn_refuse_unknown_provinces(p_codes text[], p_formers text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    bad text;
BEGIN
    IF (SELECT count(*) FROM (SELECT 1 FROM province p WHERE p.code = ANY (p_codes) FOR KEY SHARE) locked) <> cardinality(p_codes) THEN
        SELECT c INTO bad FROM unnest(p_codes) c WHERE NOT EXISTS (SELECT 1 FROM province p WHERE p.code = c) LIMIT 1;
        PERFORM khcn_refuse('enterprise_province_known', NULL, NULL,
            format('insert or update on table "enterprise" violates foreign key constraint "enterprise_province_known": key (province_code)=(%s) is not present in table "province"', bad),
            NULL, 'foreign_key_violation');
    END IF;
    IF cardinality(p_formers) > 0
       AND (SELECT count(*) FROM (SELECT 1 FROM province_former f WHERE f.province_code || '/' || f.slug = ANY (p_formers)
                                     FOR KEY SHARE) locked) <> cardinality(p_formers) THEN
        SELECT c INTO bad FROM unnest(p_formers) c
         WHERE NOT EXISTS (SELECT 1 FROM province_former f WHERE f.province_code || '/' || f.slug = c) LIMIT 1;
        PERFORM khcn_refuse('enterprise_former_province_known', NULL, NULL,
            format('insert or update on table "enterprise" violates foreign key constraint "enterprise_former_province_known": key (province_code, former_province)=(%s) is not present in table "province_former"', replace(bad, '/', ', ')),
            NULL, 'foreign_key_violation');
    END IF;
END $$;
REVOKE ALL ON FUNCTION khcn_refuse_unknown_provinces(text[], text[]) FROM PUBLIC;

CREATE OR REPLACE FUNCTION enterprise_provinces_known() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        PERFORM khcn_refuse_unknown_provinces(ARRAY[NEW.province_code],
            CASE WHEN NEW.former_province IS NULL THEN '{}' ELSE ARRAY[NEW.province_code || '/' || NEW.former_province] END);
    ELSE
        PERFORM khcn_refuse_unknown_provinces(
            ARRAY(SELECT DISTINCT province_code FROM inserted_rows),
            ARRAY(SELECT DISTINCT province_code || '/' || former_province FROM inserted_rows WHERE former_province IS NOT NULL));
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_provinces_known AFTER INSERT ON enterprise
    REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_provinces_known();
CREATE OR REPLACE TRIGGER enterprise_provinces_known_on_update AFTER UPDATE ON enterprise
    FOR EACH ROW WHEN ((NEW.province_code, NEW.former_province) IS DISTINCT FROM (OLD.province_code, OLD.former_province))
    EXECUTE FUNCTION enterprise_provinces_known();

-- The other side of those keys (ON DELETE / ON UPDATE NO ACTION): a province code or a former
-- province that an enterprise still names stays on the list. Like every check of these ties,
-- it reads with the statement's snapshot, right under READ COMMITTED (khcn's level, and psql's
-- default); a REPEATABLE READ transaction of the owner deleting a province would not see an
-- enterprise committed after it began (only the owner writes the province lists).
CREATE OR REPLACE FUNCTION province_kept_while_used() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF TG_TABLE_NAME = 'province' THEN
        IF (TG_OP = 'DELETE' OR NEW.code IS DISTINCT FROM OLD.code)
           AND EXISTS (SELECT 1 FROM enterprise e WHERE e.province_code = OLD.code) THEN
            PERFORM khcn_refuse('enterprise_province_known', 'province', 'code',
                format('province %s is still named by enterprises (foreign key enterprise_province_known)', OLD.code),
                format('Tỉnh %s vẫn còn doanh nghiệp trong sổ đăng ký.', OLD.code), 'foreign_key_violation');
        END IF;
    ELSIF (TG_OP = 'DELETE' OR (NEW.province_code, NEW.slug) IS DISTINCT FROM (OLD.province_code, OLD.slug))
          AND EXISTS (SELECT 1 FROM enterprise e WHERE e.province_code = OLD.province_code AND e.former_province = OLD.slug) THEN
        PERFORM khcn_refuse('enterprise_former_province_known', 'province_former', 'slug',
            format('former province %s is still named by enterprises of %s (foreign key enterprise_former_province_known)', OLD.slug, OLD.province_code),
            format('Tỉnh cũ %s vẫn được doanh nghiệp của tỉnh %s ghi.', OLD.slug, OLD.province_code), 'foreign_key_violation');
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER province_kept_while_used AFTER UPDATE OR DELETE ON province
    FOR EACH ROW EXECUTE FUNCTION province_kept_while_used();
CREATE OR REPLACE TRIGGER province_former_kept_while_used AFTER UPDATE OR DELETE ON province_former
    FOR EACH ROW EXECUTE FUNCTION province_kept_while_used();

-- TRUNCATE fires no row trigger: emptying either list while an enterprise is registered is
-- refused as the foreign keys refused it (review of stop 20).
CREATE OR REPLACE FUNCTION province_not_truncated_while_used() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM enterprise) THEN
        PERFORM khcn_refuse(CASE TG_TABLE_NAME WHEN 'province' THEN 'enterprise_province_known'
                                               ELSE 'enterprise_former_province_known' END,
            TG_TABLE_NAME, NULL,
            format('%s is still named by enterprises (foreign key)', TG_TABLE_NAME),
            'Danh mục tỉnh vẫn được doanh nghiệp trong sổ đăng ký ghi.', 'foreign_key_violation');
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER province_not_truncated_while_used BEFORE TRUNCATE ON province
    FOR EACH STATEMENT EXECUTE FUNCTION province_not_truncated_while_used();
CREATE OR REPLACE TRIGGER province_former_not_truncated_while_used BEFORE TRUNCATE ON province_former
    FOR EACH STATEMENT EXECUTE FUNCTION province_not_truncated_while_used();

-- The status of an enterprise on a date: the last status of its history dated on or before it
-- (an undated one counts from the beginning; on the same date a recorded change comes after the
-- status the enterprise was written with, whose recorded_at is NULL). The history is
-- enterprise_status_history; read here without that view's NOT EXISTS, as the recorded rows
-- and the enterprise's own status always: once a row is recorded, the enterprise's status and
-- date are those of its last recorded change, so as one more candidate, sorting before any row
-- of its date, they never change the answer. One table read fewer, each under its policy, for a
-- function called for every certificate and fund an import checks (2,000 calls as a clerk:
-- 82–90 ms against 119–123 through the view).
CREATE OR REPLACE FUNCTION enterprise_status_on(p_province text, p_tax_code text, p_on date) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT status FROM (SELECT c.status, c.effective_on, c.recorded_at FROM enterprise_status_change c
                             WHERE c.province_code = p_province AND c.tax_code = p_tax_code
                            UNION ALL
                            SELECT e.status, e.status_on, NULL FROM enterprise e
                             WHERE e.province_code = p_province AND e.tax_code = p_tax_code) h
         WHERE coalesce(effective_on, '-infinity') <= p_on
         ORDER BY coalesce(effective_on, '-infinity') DESC, recorded_at DESC NULLS LAST
         LIMIT 1);

-- 0028 The name search at the speed of its indexes for every login (contract §8: a selective
-- term under 50 ms on the server, every term under 200 ms).
--
-- Under row-level security PostgreSQL evaluates a login's own conditions only after the
-- policy's, unless their functions are LEAKPROOF; `LIKE` (textlike) is not, so a clerk's
-- `khcn_fold(name) LIKE '%…%'` could not use `enterprise_name_search` and scanned the province:
-- 3.8 s for a selective term at 1,000,000 enterprises, against 51 ms as the superuser
-- (Scripts/bench as a clerk, issue 11). The match is therefore made here, with the owner's
-- rights, for a province the session may see (SQL/0026 `khcn_session_sees_province`), and the
-- caller joins the tax codes back under its own policy by primary key (texteq is leakproof).
-- With `p_limit`, only the first that many in the list's order (a search with no other filter:
-- the page, or the count that stops at its cap); without it, every match.
--
-- The search itself is khcn_enterprise_name_search (SQL/0039), and the count beside a full page
-- khcn_enterprise_name_count.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_matches(p_province text, p_term text, p_limit integer DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
ROWS 100 AS $$
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN; END IF;
    RETURN QUERY SELECT khcn_enterprise_name_search(p_province, p_term, p_limit, 1000, 5000);
END $$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_matches(text,text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_enterprise_name_matches(text,text,integer) TO khcn_viewer;

-- How many enterprises of the province a term matches, counting stops at `p_cap`
-- (EnterpriseRegister.countCap: "1 trong tổng số …" under a full page). Order does not matter
-- here: the first 5 × `p_cap` names in the list's order (a common term stops there); else, for
-- a term the planner expects in a tenth of the names or more, the names in the table's order
-- (where a word common late in the list, `hop tac xa`, is spread out: about 10 × `p_cap` names
-- folded, at most 50 × `p_cap`); else the trigram index (SQL/0042), whose candidates are
-- rechecked only until `p_cap` match. VOLATILE only because PostgreSQL refuses EXPLAIN (the
-- estimate) in a STABLE function.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_count(p_province text, p_term text, p_cap integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    pattern constant text := '%' || khcn_fold(p_term) || '%';
    found integer;
    plan json;
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN 0; END IF;
    SELECT count(*) INTO found FROM khcn_enterprise_name_walk_first(p_province, pattern, p_cap, 5 * p_cap);
    IF found >= p_cap THEN RETURN found; END IF;
    EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM enterprise WHERE province_code = %L AND khcn_search_text(name) LIKE %L',
                   p_province, '%' || khcn_enterprise_name_key(p_term) || '%') INTO plan;
    IF (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric
       >= 0.1 * (SELECT reltuples FROM pg_class WHERE oid = 'public.enterprise'::regclass) THEN
        found := khcn_enterprise_name_count_stored(p_province, pattern, p_cap, 50 * p_cap);
        IF found >= p_cap THEN RETURN found; END IF;
    END IF;
    RETURN khcn_enterprise_name_found_count(p_province, pattern, khcn_enterprise_name_key_patterns(p_term), p_cap);
END $$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_count(text,text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_enterprise_name_count(text,text,integer) TO khcn_viewer;

-- How many of the first `p_scanned` enterprises of the province in the table's order match,
-- counting stops at `p_cap`. Called with the owner's rights.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_count_stored(p_province text, p_pattern text, p_cap integer, p_scanned integer)
RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = on SET enable_indexscan = off SET enable_indexonlyscan = off SET enable_bitmapscan = off
SET max_parallel_workers_per_gather = 0
RETURN (SELECT count(*) FROM (
            SELECT 1 FROM (SELECT e.name FROM enterprise e WHERE e.province_code = p_province LIMIT p_scanned) stored
             WHERE khcn_fold(stored.name) LIKE p_pattern
             LIMIT p_cap) few);
REVOKE ALL ON FUNCTION khcn_enterprise_name_count_stored(text,text,integer,integer) FROM PUBLIC;

-- A term as the trigram index (SQL/0042 khcn_search_text) sees it, still a LIKE pattern: folded,
-- an escaped character (EnterpriseRegister's `\%`, `\_`, `\\`) taken as itself, every character
-- but a–z and 0–9 made `0`, and a bare `%` or `_` kept as the wildcard it is in the search's own
-- LIKE (a clerk's psql may pass one, and the fold makes one of ％ ﹪ ＿: made `0`, the key would
-- ask for a separator where the search matches any letter — the review of stop 20).
CREATE OR REPLACE FUNCTION khcn_enterprise_name_key(p_term text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
RETURN regexp_replace(regexp_replace(regexp_replace(khcn_fold(p_term), '\\[^a-z0-9]', '0', 'g'),
                                     '\\([a-z0-9])', '\1', 'g'),
                      '[^a-z0-9%_]', '0', 'g');

-- Whether the key holds a wildcard: then the short-key patterns below do not apply.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_key_is_literal(p_key text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
RETURN strpos(p_key, '%') = 0 AND strpos(p_key, '_') = 0;

-- Whether the key has a trigram of its own (three characters: `a b` is `a0b`); a shorter one
-- is found through the trigrams that can hold it (khcn_enterprise_name_key_patterns).
CREATE OR REPLACE FUNCTION khcn_trigram_serves(p_term text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, public, pg_temp
RETURN char_length(khcn_enterprise_name_key(p_term)) >= 3 AND khcn_enterprise_name_key_is_literal(khcn_enterprise_name_key(p_term));

-- LIKE patterns on khcn_search_text(name), one of which every name holding the term matches,
-- each with a trigram for the index (pg_trgm pads a word with two spaces before, one after):
-- `xy` starts the name (`xy%`: trigram ` xy`) or follows one of the 36 characters of the
-- alphabet (`%axy%` … `%9xy%`); `x` starts it, is second (`ax%`) or follows two (`%abx%`):
-- 1 + 36 + 1,296 patterns, each a look-up in the index (about 1 ms in all for a letter no name
-- holds, at 1,000,000 enterprises). A longer key is one pattern: its rarer trigrams
-- (khcn_enterprise_name_key_pattern).
CREATE OR REPLACE FUNCTION khcn_enterprise_name_key_patterns(p_term text) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
    -- MATERIALIZED: folded once, not once for each of the 1,333 patterns (109 ms for `w`).
    WITH k(key) AS MATERIALIZED (SELECT khcn_enterprise_name_key(p_term)),
         a(c) AS (SELECT substr('abcdefghijklmnopqrstuvwxyz0123456789', i, 1) FROM generate_series(1, 36) i)
    SELECT CASE WHEN NOT khcn_enterprise_name_key_is_literal(key) THEN ARRAY['%' || key || '%']
                ELSE CASE char_length(key)
           WHEN 1 THEN ARRAY[key || '%'] || ARRAY(SELECT a.c || key || '%' FROM a)
                       || ARRAY(SELECT '%' || a.c || b.c || key || '%' FROM a, a b)
           WHEN 2 THEN ARRAY[key || '%'] || ARRAY(SELECT '%' || a.c || key || '%' FROM a)
           ELSE ARRAY[khcn_enterprise_name_key_pattern(key)] END END
      FROM k
$$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_key_patterns(text) FROM PUBLIC;

-- A LIKE pattern for a key of three characters or more that asks the index for its rarer
-- trigrams only: the index reads every name list of the trigrams it is given, and a common
-- one (`anh`, in half the names) costs more to read than it saves in rechecks. Trigrams are
-- taken from the rarest (as often as the names of the table's statistics, ANALYZE's sample,
-- hold them) until the names expected to hold them all are under 100, at most six; those
-- that overlap join into one piece of the key, the pieces kept in order (`%h0h%a0mi%`), so
-- every name holding the key matches the pattern. Without statistics, or with a wildcard in the
-- key: the whole key. Trigrams are chosen among the key's first 200 characters only.
-- `oanh ha minh` at 1,000,000 enterprises: `%h0ha0mi%`, 5 of its 10 trigrams (by hand, a set of
-- five: 13 ms against 22 for all ten, index and rechecks).
CREATE OR REPLACE FUNCTION khcn_enterprise_name_key_pattern(p_key text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    sample text[];
    expected numeric;
    chosen integer[] := '{}';
    r record;
    pieces text[] := '{}';
    first integer;
    last integer;
    p integer;
BEGIN
    IF char_length(p_key) <= 5 OR NOT khcn_enterprise_name_key_is_literal(p_key) THEN RETURN '%' || p_key || '%'; END IF;
    SELECT array_agg(khcn_search_text(v)) INTO sample
      FROM pg_stats s, unnest(s.histogram_bounds::text::text[]) v
     WHERE s.schemaname = 'public' AND s.tablename = 'enterprise' AND s.attname = 'name' AND NOT s.inherited;
    IF sample IS NULL THEN RETURN '%' || p_key || '%'; END IF;
    expected := greatest((SELECT reltuples FROM pg_class WHERE oid = 'public.enterprise'::regclass), 1);
    FOR r IN SELECT i, (SELECT count(*) FROM unnest(sample) t WHERE strpos(t, substr(p_key, i, 3)) > 0) AS hits
               FROM generate_series(1, least(char_length(p_key), 200) - 2) i ORDER BY 2, 1 LOOP
        EXIT WHEN cardinality(chosen) >= 6 OR (cardinality(chosen) > 0 AND expected < 100);
        chosen := chosen || r.i;
        expected := expected * (r.hits + 0.5) / (cardinality(sample) + 1);
    END LOOP;
    FOREACH p IN ARRAY ARRAY(SELECT unnest(chosen) ORDER BY 1) LOOP
        IF first IS NOT NULL AND p <= last THEN
            last := p + 2;
        ELSE
            IF first IS NOT NULL THEN pieces := pieces || substr(p_key, first, last - first + 1); END IF;
            first := p;
            last := p + 2;
        END IF;
    END LOOP;
    pieces := pieces || substr(p_key, first, last - first + 1);
    RETURN '%' || array_to_string(pieces, '%') || '%';
END $$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_key_pattern(text) FROM PUBLIC;

-- 0039, 0042 Two indexes, each fast where the other is slow (issue 15):
--  1. when the planner expects at most `p_sorted` matches (from the statistics of
--     khcn_search_text(name): a sample, ANALYZE), the trigram index finds them, then they are
--     sorted: a selective term, and one or two letters that few names hold (`w`, `zz`: the
--     walk below went through the whole province for them, 270 ms at 1,000,000). A wrong
--     estimate costs time, never rows;
--  2. otherwise walk the list's order (index enterprise_in_list_order, the folded name read
--     from it) through its first `p_walked` names: a common term (`a`, `ng`, `cong ty`) fills
--     the page there;
--  3. otherwise (a word common only further on, such as `hop tac xa` after every `Công ty`) the
--     walk goes on to the page, with parallel workers (a Gather Merge keeps the order).
-- Every path returns the same rows in the same order (EnterpriseSearchTests, with small
-- thresholds so that each path runs). Called by khcn_enterprise_name_matches with the owner's
-- rights; VOLATILE only because PostgreSQL refuses EXPLAIN (the estimate) in a STABLE function.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_search(p_province text, p_term text, p_limit integer,
                                                       p_walked integer, p_sorted integer)
RETURNS SETOF text
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off
SET enable_indexscan = on SET enable_indexonlyscan = on
SET parallel_setup_cost = 0 SET parallel_tuple_cost = 0 SET min_parallel_index_scan_size = 0
ROWS 100 AS $$
DECLARE
    pattern constant text := '%' || khcn_fold(p_term) || '%';
    first text[];
    plan json;
BEGIN
    IF p_limit IS NOT NULL THEN
        EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM enterprise WHERE province_code = %L AND khcn_search_text(name) LIKE %L',
                       p_province, '%' || khcn_enterprise_name_key(p_term) || '%') INTO plan;
    END IF;
    -- Every match of a term the trigram index serves, when no page bounds the search (another
    -- filter is applied by the caller).
    IF (p_limit IS NULL AND khcn_trigram_serves(p_term))
       OR (plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric <= p_sorted THEN
        RETURN QUERY SELECT khcn_enterprise_name_found(p_province, pattern, khcn_enterprise_name_key_patterns(p_term), p_limit);
        RETURN;
    END IF;
    -- A common term fills the page in the first names; a rare one walks on.
    IF p_limit IS NOT NULL THEN
        first := ARRAY(SELECT khcn_enterprise_name_walk_first(p_province, pattern, p_limit, p_walked));
        IF cardinality(first) >= p_limit THEN
            RETURN QUERY SELECT unnest(first);
            RETURN;
        END IF;
    END IF;
    -- The walk itself, here rather than in a function so that it may run in parallel
    -- (PostgreSQL runs a set-returning function's query one row at a time, never in parallel).
    RETURN QUERY
        SELECT e.tax_code FROM enterprise e
         WHERE e.province_code = p_province AND khcn_fold(e.name) LIKE pattern
         ORDER BY e.name COLLATE "vi-VN-x-icu", e.tax_code
         LIMIT p_limit;
END $$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_search(text,text,integer,integer,integer) FROM PUBLIC;

-- The matches found through the trigram index (SQL/0042): names matching one of `p_keys`
-- (khcn_enterprise_name_key_patterns), rechecked against `p_pattern`, in the list's order, at
-- most `p_limit`. An SQL function is planned for any patterns: 1,333 of them would cost 20 ms
-- to estimate one by one. Called with the owner's rights.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_found(p_province text, p_pattern text, p_keys text[], p_limit integer)
RETURNS SETOF text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = off SET enable_indexscan = off SET enable_indexonlyscan = off
SET enable_bitmapscan = on SET enable_sort = on SET max_parallel_workers_per_gather = 0
ROWS 100 AS $$
    SELECT e.tax_code FROM enterprise e
     WHERE e.province_code = p_province AND khcn_search_text(e.name) LIKE ANY (p_keys) AND khcn_fold(e.name) LIKE p_pattern
     ORDER BY e.name COLLATE "vi-VN-x-icu", e.tax_code
     LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_found(text,text,text[],integer) FROM PUBLIC;

-- How many of them, counting stops at `p_cap` (no order: the candidates are rechecked in the
-- table's order until `p_cap` match).
CREATE OR REPLACE FUNCTION khcn_enterprise_name_found_count(p_province text, p_pattern text, p_keys text[], p_cap integer)
RETURNS integer
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = off SET enable_indexscan = off SET enable_indexonlyscan = off SET enable_bitmapscan = on
SET max_parallel_workers_per_gather = 0
RETURN (SELECT count(*) FROM (
            SELECT 1 FROM enterprise e
             WHERE e.province_code = p_province AND khcn_search_text(e.name) LIKE ANY (p_keys) AND khcn_fold(e.name) LIKE p_pattern
             LIMIT p_cap) few);
REVOKE ALL ON FUNCTION khcn_enterprise_name_found_count(text,text,text[],integer) FROM PUBLIC;

-- The trigram index's pending list merged at the end of every statement that wrote names, so a
-- search never reads it: GIN keeps new entries in an unsorted list until it holds 4 MB, and a
-- short term asks the index through up to 1,333 patterns (khcn_enterprise_name_key_patterns),
-- each scan reading the whole list again (issue 15: `w` took 986 ms at 1,000,000 enterprises
-- with the 263 pages five everyday imports and their reverts had left, 9 ms merged). Merging is
-- work the writes owe anyway (GIN merges the list when it fills, or autovacuum does): about
-- 10 ms for an everyday file's 10,000 rows, nothing for a list already empty. Skipped while a
-- first load has set the index aside (khcn_defer_search_indexes), and while the index is not
-- valid and ready (an operator's CREATE INDEX CONCURRENTLY, or one that failed): merging it then
-- would fail every write. With the owner's rights: gin_clean_pending_list is the index owner's.
-- Returns the pending pages merged. Also called by an import's second connection while the
-- import writes (`NameTrigramMerger`): the merge then runs on the server's other core, beside the
-- writing statement, whose own merge finds little left (issue 15: an everyday file of 10,000
-- rows 76 ms faster, paired median of 16 runs at 1,000,000 enterprises). A merge only moves
-- index entries from the list into the index, whoever wrote them and whether or not they commit.
CREATE OR REPLACE FUNCTION khcn_merge_name_trigrams() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = to_regclass('public.enterprise_name_trigrams')
                                          AND i.indisvalid AND i.indisready) THEN
        RETURN gin_clean_pending_list('public.enterprise_name_trigrams'::regclass);
    END IF;
    RETURN 0;
END $$;
REVOKE ALL ON FUNCTION khcn_merge_name_trigrams() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_merge_name_trigrams() TO khcn_clerk;

CREATE OR REPLACE FUNCTION enterprise_name_trigrams_merged() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    PERFORM khcn_merge_name_trigrams();
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_name_trigrams_merged AFTER INSERT OR UPDATE ON enterprise
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_name_trigrams_merged();

-- The tax codes whose folded name matches `p_pattern` (a LIKE pattern, backslash escaping by
-- default: `ESCAPE '\'` would add a call per row), in the list's order, at most `p_limit`: one
-- ordered pass over enterprise_in_list_order (SQL/0039) that stops at the limit, the folded name
-- read from the index. The settings make that the plan whatever the estimates (a SQL function
-- is planned once for any term). Called with the owner's rights.
CREATE OR REPLACE FUNCTION khcn_enterprise_name_walk(p_province text, p_pattern text, p_limit integer)
RETURNS SETOF text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off
SET enable_indexscan = on SET enable_indexonlyscan = on
ROWS 100 AS $$
    SELECT e.tax_code FROM enterprise e
     WHERE e.province_code = p_province AND khcn_fold(e.name) LIKE p_pattern
     ORDER BY e.name COLLATE "vi-VN-x-icu", e.tax_code
     LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_walk(text,text,integer) FROM PUBLIC;

-- The same among the first `p_walked` enterprises of the province only (a bounded first look;
-- the subquery costs a node per row, so the whole walk above does without it).
CREATE OR REPLACE FUNCTION khcn_enterprise_name_walk_first(p_province text, p_pattern text, p_limit integer, p_walked integer)
RETURNS SETOF text
LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off
SET enable_indexscan = on SET enable_indexonlyscan = on
ROWS 100 AS $$
    SELECT w.tax_code FROM (
        SELECT e.tax_code, e.name, khcn_fold(e.name) AS folded FROM enterprise e
         WHERE e.province_code = p_province
         ORDER BY e.name COLLATE "vi-VN-x-icu", e.tax_code
         LIMIT p_walked) w
     WHERE w.folded LIKE p_pattern
     ORDER BY w.name COLLATE "vi-VN-x-icu", w.tax_code
     LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_walk_first(text,text,integer,integer) FROM PUBLIC;

-- 0032 Every trigger refusal through one mechanism, one name per rule (issue 13), the rules'
-- rows being in SQL/0030. What a clerk reads does not change: each refusal keeps its words.
--  * enterprise_before_write raised its own check_violations (SQL/0003): now khcn_refuse,
--    its messages being the rules' own (what khcn showed from its catalogue before).
--  * Names that meant two rules are split: a future revocation (st_certificate_revoked_not_future),
--    future fund dates (st_fund_dates_not_future), a closure before the last allocation
--    (st_fund_closed_after_allocations), a dissolved holder of a fund (st_fund_holder_not_dissolved),
--    a future report (st_fund_allocation_report_not_future), a future status date
--    (enterprise_status_on_not_future), future GI dates (gi_certificate_dates_not_future), and
--    ip_event_order's life cycle (ip_event_transition_allowed), edits (ip_event_append_only)
--    and a filing date moved past the events (ip_application_filed_before_events).
--  * "The holder was established and not dissolved on D" was written in SQL/0005 and 0006:
--    now enterprise_standing_on, which both triggers call.

-- The enterprise's standing on D: when it was established, whether D is before that, and
-- whether it was dissolved on or before D. No row (all NULL) when no such enterprise is
-- visible. A certificate or a fund needs an enterprise established and not dissolved
-- (Decree 268/2025/NĐ-CP; contract §5).
CREATE OR REPLACE FUNCTION enterprise_standing_on(p_province text, p_tax_code text, p_on date,
                                       OUT established_on date, OUT before_established boolean, OUT dissolved boolean)
LANGUAGE sql STABLE AS $$
    SELECT e.established_on, p_on < e.established_on,
           enterprise_status_on(p_province, p_tax_code, p_on) = 'dissolved'
      FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = p_tax_code
$$;

-- Refuses a record dated D whose enterprise was not yet established, or already dissolved, on D:
-- the one home of "holder established and not dissolved" for every record that needs a standing
-- enterprise (a certificate on its issue date, a fund on the day it was set up; Decree
-- 268/2025/NĐ-CP; contract §5). The two rules name their table and field in khcn_rule;
-- p_date_vi / p_date_en say which date D is in the message.
CREATE OR REPLACE FUNCTION khcn_refuse_unless_standing(p_rule_established text, p_rule_dissolved text,
    p_province text, p_tax_code text, p_on date, p_date_vi text, p_date_en text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    holder record := enterprise_standing_on(p_province, p_tax_code, p_on);
BEGIN
    IF holder.before_established THEN
        PERFORM khcn_refuse(p_rule_established, NULL, NULL,
            format('%s %s is before the enterprise was established (%s)', p_date_en, p_on, holder.established_on),
            format('%s %s trước ngày thành lập doanh nghiệp (%s).', p_date_vi, to_char(p_on, 'DD/MM/YYYY'), to_char(holder.established_on, 'DD/MM/YYYY')));
    ELSIF holder.dissolved THEN
        PERFORM khcn_refuse(p_rule_dissolved, NULL, NULL,
            format('enterprise %s was dissolved on or before the %s %s', p_tax_code, p_date_en, p_on),
            format('Doanh nghiệp %s đã giải thể trước hoặc vào %s %s.', p_tax_code, lower(p_date_vi), to_char(p_on, 'DD/MM/YYYY')));
    END IF;
END $$;

