-- 0026 IP events checked with the owner's rights, so that a clerk's import is as fast as the
-- superuser's (contract §8: the bench imports as a clerk with row-level security on).
--
-- ip_event_before_insert looks up the application by its primary key for every event row
-- (itself and through ip_status_on). As a clerk, row-level security adds the policy's
-- `province_code = ANY ($0)` to those lookups; with the generic plan of a PL/pgSQL statement,
-- on a table loaded in the same transaction (no statistics yet), the planner then prices the
-- (province_code, filed_on) index below the primary key and reads every application of the
-- province per event row: 12,000 applications took 147 s as a clerk against 3.5 s for 4,000 as
-- the superuser (quadratic; the bench's 200,000 would take hours). Run as the owner, which
-- bypasses row-level security, the lookups use the primary key again.
--
-- What it may read stays what the session may see: for a province not granted to the
-- session's login the trigger returns at once, exactly as before (its lookups then found
-- nothing under the policy), and the policy's WITH CHECK refuses the row.

-- Whether the session's login sees the rows of a province: a superuser or a BYPASSRLS login
-- sees all; any other login the provinces granted to it (the policies' rule, SQL/0020).
CREATE FUNCTION khcn_session_sees_province(p_province text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND (rolsuper OR rolbypassrls))
        OR p_province = ANY (khcn_my_provinces())
$$;
REVOKE ALL ON FUNCTION khcn_session_sees_province(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_session_sees_province(text) TO khcn_viewer;

-- SQL/0007's trigger, its rules unchanged, with the guard, the owner's rights, and SQL/0025's
-- Vietnamese words for the event and the status in its Vietnamese hints.
CREATE OR REPLACE FUNCTION ip_event_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    app ip_application;
    latest date;
    status text;
    allowed text[];
BEGIN
    NEW.grant_number := khcn_clean_text(NEW.grant_number);
    -- A province the session may not see: nothing to check, as before; the policy's WITH CHECK
    -- refuses the row, and no message tells it about another province's application.
    IF NOT khcn_session_sees_province(NEW.province_code) THEN RETURN NEW; END IF;
    SELECT * INTO app FROM ip_application
     WHERE province_code = NEW.province_code AND application_number = NEW.application_number;
    IF NOT FOUND THEN RETURN NEW; END IF;   -- the foreign key reports it
    IF NEW.event_on < app.filed_on THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'on',
            format('%s on %s is before the filing date %s', NEW.event, NEW.event_on, app.filed_on),
            format('Sự kiện “%s” ngày %s trước ngày nộp đơn %s.', khcn_event_word(NEW.event),
                   to_char(NEW.event_on, 'DD/MM/YYYY'), to_char(app.filed_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.event_on > khcn_today() THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'on',
            format('%s on %s is in the future', NEW.event, NEW.event_on),
            format('Sự kiện “%s” ngày %s ở tương lai.', khcn_event_word(NEW.event), to_char(NEW.event_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.event = 'checked' THEN RETURN NEW; END IF;
    SELECT max(event_on) INTO latest FROM ip_event
     WHERE province_code = NEW.province_code AND application_number = NEW.application_number AND event <> 'checked';
    IF NEW.event_on < latest THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'on',
            format('%s on %s is dated before the latest recorded event (%s)', NEW.event, NEW.event_on, latest),
            format('Sự kiện “%s” ngày %s trước sự kiện gần nhất đã ghi (%s).', khcn_event_word(NEW.event),
                   to_char(NEW.event_on, 'DD/MM/YYYY'), to_char(latest, 'DD/MM/YYYY')));
    END IF;
    status := ip_status_on(NEW.province_code, NEW.application_number, NEW.event_on);
    allowed := CASE NEW.event
        WHEN 'published' THEN '{filed,under_examination}'
        WHEN 'examination-requested' THEN '{filed,published}'
        WHEN 'granted' THEN '{filed,published,under_examination}'
        WHEN 'refused' THEN '{filed,published,under_examination}'
        WHEN 'withdrawn' THEN '{filed,published,under_examination}'
        WHEN 'lapsed' THEN '{granted}'
        WHEN 'invalidated' THEN '{granted,lapsed,expired}'
        WHEN 'restored' THEN '{lapsed}'
    END::text[];
    IF NOT status = ANY (allowed)
       OR (NEW.event = 'published' AND EXISTS (SELECT 1 FROM ip_event WHERE province_code = NEW.province_code
               AND application_number = NEW.application_number AND event = 'published')) THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'event',
            format('cannot record %s on %s: the application is %s then', NEW.event, NEW.event_on, status),
            format('Không thể ghi sự kiện “%s” ngày %s: khi đó đơn đang ở trạng thái “%s”.', khcn_event_word(NEW.event),
                   to_char(NEW.event_on, 'DD/MM/YYYY'), khcn_status_word(status)));
    END IF;
    RETURN NEW;
END $$;

SELECT khcn_claim_ownership();
