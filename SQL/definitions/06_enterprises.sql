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
CREATE OR REPLACE TRIGGER enterprise_before_insert BEFORE INSERT ON enterprise
    FOR EACH ROW
    WHEN (NEW.name IS NOT NFC NORMALIZED OR NEW.name ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.name = ''
          OR NEW.address IS NOT NFC NORMALIZED OR NEW.address ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.address = ''
          OR NEW.legal_form IS NOT NFC NORMALIZED OR NEW.legal_form ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.legal_form = ''
          OR NEW.commune_code ~ '^\s|\s$' OR NEW.commune_code = ''
          OR NEW.established_on > khcn_today() OR NEW.status_on > khcn_today())
    EXECUTE FUNCTION enterprise_before_write();

-- On update likewise, and when the status moves to an earlier date (issue 15: an everyday
-- file updates thousands of rows that need none of it).
CREATE OR REPLACE TRIGGER enterprise_before_update BEFORE UPDATE ON enterprise
    FOR EACH ROW
    WHEN (NEW.name IS NOT NFC NORMALIZED OR NEW.name ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.name = ''
          OR NEW.address IS NOT NFC NORMALIZED OR NEW.address ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.address = ''
          OR NEW.legal_form IS NOT NFC NORMALIZED OR NEW.legal_form ~ '^\s|\s$|  |[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]' OR NEW.legal_form = ''
          OR NEW.commune_code ~ '^\s|\s$' OR NEW.commune_code = ''
          OR NEW.established_on > khcn_today() OR NEW.status_on > khcn_today()
          OR (NEW.status_on < OLD.status_on AND NEW.status IS DISTINCT FROM OLD.status))
    EXECUTE FUNCTION enterprise_before_write();

CREATE OR REPLACE FUNCTION enterprise_record_status() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF (NEW.status, NEW.status_on) IS DISTINCT FROM (OLD.status, OLD.status_on) THEN
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
-- everyday file changes the status of thousands of enterprises).
CREATE OR REPLACE FUNCTION enterprise_record_status_set() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on)
    SELECT n.province_code, n.tax_code, n.status, n.status_on
      FROM new_rows n JOIN old_rows o ON o.province_code = n.province_code AND o.tax_code = n.tax_code
     WHERE (n.status, n.status_on) IS DISTINCT FROM (o.status, o.status_on);
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_record_status_set AFTER UPDATE ON enterprise
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_record_status_set();

-- New enterprises: once per statement, so that bulk loads stay set-based.
CREATE OR REPLACE FUNCTION enterprise_record_first_status() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on)
    SELECT province_code, tax_code, status, status_on FROM inserted_rows;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER enterprise_record_first_status AFTER INSERT ON enterprise
    REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_record_first_status();

-- The status of an enterprise on a date: the last change dated on or before it
-- (an undated change counts from the beginning).
CREATE OR REPLACE FUNCTION enterprise_status_on(p_province text, p_tax_code text, p_on date) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT status FROM enterprise_status_change
         WHERE province_code = p_province AND tax_code = p_tax_code
           AND coalesce(effective_on, '-infinity') <= p_on
         ORDER BY coalesce(effective_on, '-infinity') DESC, recorded_at DESC
         LIMIT 1);

-- 0028 The name search at the speed of its trigram index for every login (contract §8: a
-- selective term under 50 ms on the server).
--
-- Under row-level security PostgreSQL evaluates a login's own conditions only after the
-- policy's, unless their functions are LEAKPROOF; `LIKE` (textlike) is not, so a clerk's
-- `khcn_fold(name) LIKE '%…%'` could not use `enterprise_name_search` and scanned the province:
-- 3.8 s for a selective term at 1,000,000 enterprises, against 51 ms as the superuser
-- (Scripts/bench as a clerk, issue 11). The match is therefore made here, with the owner's
-- rights, for a province the session may see (SQL/0026 `khcn_session_sees_province`), and the
-- caller joins the tax codes back under its own policy by primary key (texteq is leakproof).
-- With `p_limit`, only the first that many in the list's order (a search with no other filter:
-- a common word then sorts inside and hands back one page, not every match).
CREATE OR REPLACE FUNCTION khcn_enterprise_name_matches(p_province text, p_term text, p_limit integer DEFAULT NULL)
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
ROWS 100 AS $$
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN; END IF;
    RETURN QUERY
        SELECT e.tax_code FROM enterprise e
         WHERE e.province_code = p_province AND khcn_fold(e.name) LIKE '%' || khcn_fold(p_term) || '%' ESCAPE '\'
         ORDER BY e.name COLLATE "vi-VN-x-icu", e.tax_code
         LIMIT p_limit;
END $$;
REVOKE ALL ON FUNCTION khcn_enterprise_name_matches(text,text,integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_enterprise_name_matches(text,text,integer) TO khcn_viewer;

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

