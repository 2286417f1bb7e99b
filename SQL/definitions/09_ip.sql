-- Definitions ip: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- Protection ends 20 years (invention) or 10 years (utility solution) after filing;
-- 29 February + N years → 28 February (PostgreSQL clamps to the month's end).
CREATE OR REPLACE FUNCTION ip_expires_on(kind text, filed_on date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (filed_on + CASE kind WHEN 'invention' THEN interval '20 years' ELSE interval '10 years' END)::date;

-- The status on date D, replayed from the events dated on or before D.
-- 0013 Records as they stood on a date D (contract §5 `--as-of`): every field that a later
-- event wrote is hidden, so that "as of 2023-01-01" never shows a 2024 grant number or a 2026
-- "last checked". One function per kind, set-based (one pass over the events, no per-record
-- replay), LANGUAGE sql and STABLE so that the planner inlines it and a filter on the key
-- (`ip show N --as-of D`) reaches the tables' indexes. Today's view is the same function with
-- D = today: events are never dated in the future, so nothing is hidden then.
-- A record that did not exist on D (filed, issued, established or granted after D) is absent.

-- Civil Code art. 147–148 (contract §4): a title is in force through `expires_on` and expired
-- from the next day; 0007 switched to `expired` one day early. Same replay otherwise (the
-- life-cycle trigger keeps calling it).
CREATE OR REPLACE FUNCTION ip_status_on(p_province text, p_number text, d date) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    app ip_application;
    e record;
    status text := 'filed';
BEGIN
    SELECT * INTO app FROM ip_application WHERE province_code = p_province AND application_number = p_number;
    IF NOT FOUND OR app.filed_on > d THEN RETURN NULL; END IF;
    FOR e IN SELECT event FROM ip_event
              WHERE province_code = p_province AND application_number = p_number AND event_on <= d
              ORDER BY event_on, id LOOP
        status := CASE e.event
            WHEN 'published' THEN CASE WHEN status = 'filed' THEN 'published' ELSE status END
            WHEN 'examination-requested' THEN CASE WHEN status IN ('filed', 'published') THEN 'under_examination' ELSE status END
            WHEN 'granted' THEN 'granted'
            WHEN 'refused' THEN 'refused'
            WHEN 'withdrawn' THEN 'withdrawn'
            WHEN 'lapsed' THEN 'lapsed'
            WHEN 'invalidated' THEN 'invalidated'
            WHEN 'restored' THEN CASE WHEN status = 'lapsed' THEN 'granted' ELSE status END
            ELSE status END;   -- checked changes nothing
    END LOOP;
    IF status = 'granted' AND d > ip_expires_on(app.kind, app.filed_on) THEN
        status := 'expired';
    END IF;
    RETURN status;
END $$;

CREATE OR REPLACE FUNCTION ip_application_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    first_event date;
BEGIN
    NEW.title := khcn_clean_text(NEW.title);
    NEW.applicant_name := khcn_clean_text(NEW.applicant_name);
    IF NEW.filed_on > khcn_today() THEN
        PERFORM khcn_refuse('ip_application_filed_plausible', 'ip_application', 'filed_on',
            format('filing date %s is in the future', NEW.filed_on), format('Ngày nộp đơn %s ở tương lai.', to_char(NEW.filed_on, 'DD/MM/YYYY')));
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT min(event_on) INTO first_event FROM ip_event
         WHERE province_code = OLD.province_code AND application_number = OLD.application_number;
        IF first_event < NEW.filed_on THEN
            PERFORM khcn_refuse('ip_application_filed_before_events', 'ip_application', 'filed_on',
                format('an event dated %s precedes the new filing date %s', first_event, NEW.filed_on),
                format('Có sự kiện ngày %s trước ngày nộp đơn mới %s.', to_char(first_event, 'DD/MM/YYYY'), to_char(NEW.filed_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER ip_application_before_write BEFORE INSERT OR UPDATE ON ip_application
    FOR EACH ROW EXECUTE FUNCTION ip_application_before_write();

-- Events arrive in date order and follow the life cycle: filed → published / examination
-- requested → granted or refused (or withdrawn before a decision); a title may lapse (and be
-- restored) or be invalidated. `checked` (compared with the IP Office's register) fits anywhere.
-- SQL/0007's trigger, its rules unchanged, with the guard, the owner's rights, and SQL/0025's
-- Vietnamese words for the event and the status in its Vietnamese hints.
-- SQL/0026's trigger, its checks and words unchanged; the life cycle is its own rule.
-- Its look-ups (the application, its events, ip_status_on's replay) go by key through the
-- indexes whatever the statistics say: an import's INSERT of 500,000 events fires it per row
-- while filling ip_event, and once ip_event had been analysed empty (an operator's `VACUUM
-- ANALYZE` before a first load) the plan PL/pgSQL kept from the first, tiny ip_event scanned every
-- event inserted so far (issue 15: the bench's 200,000 applications had not finished after 8
-- minutes, 137 s in the run before; by hand 20,000 took over 300 s, now 8 s).
CREATE OR REPLACE FUNCTION ip_event_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET enable_seqscan = off AS $$
DECLARE
    app ip_application;
    latest date;
    status text;
    allowed text[];
BEGIN
    NEW.grant_number := khcn_clean_text(NEW.grant_number);
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
        PERFORM khcn_refuse('ip_event_transition_allowed', 'ip_event', 'event',
            format('cannot record %s on %s: the application is %s then', NEW.event, NEW.event_on, status),
            format('Không thể ghi sự kiện “%s” ngày %s: khi đó đơn đang ở trạng thái “%s”.', khcn_event_word(NEW.event),
                   to_char(NEW.event_on, 'DD/MM/YYYY'), khcn_status_word(status)));
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER ip_event_before_insert BEFORE INSERT ON ip_event
    FOR EACH ROW EXECUTE FUNCTION ip_event_before_insert();

-- Events are facts with dates: they are added, never edited.
-- Events are facts with dates: they are added, never edited.
CREATE OR REPLACE FUNCTION ip_event_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.event, NEW.event_on, NEW.grant_number) IS DISTINCT FROM (OLD.event, OLD.event_on, OLD.grant_number) THEN
        PERFORM khcn_refuse('ip_event_append_only', 'ip_event', 'event',
            'recorded IP events cannot be edited', 'Không sửa được sự kiện đã ghi.');
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER ip_event_append_only BEFORE UPDATE ON ip_event
    FOR EACH ROW EXECUTE FUNCTION ip_event_is_append_only();

CREATE OR REPLACE FUNCTION ip_fee_payment_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    app ip_application;
    term integer;
BEGIN
    SELECT * INTO app FROM ip_application WHERE province_code = NEW.province_code AND application_number = NEW.application_number;
    IF NOT FOUND THEN RETURN NEW; END IF;   -- the foreign key reports it
    IF NEW.paid_on > khcn_today() THEN
        PERFORM khcn_refuse('ip_fee_payment_paid_plausible', 'ip_fee_payment', 'paid_on',
            format('the payment date %s is in the future', NEW.paid_on),
            format('Ngày nộp phí %s ở tương lai.', to_char(NEW.paid_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.paid_on < app.filed_on THEN
        PERFORM khcn_refuse('ip_fee_payment_paid_plausible', 'ip_fee_payment', 'paid_on',
            format('the payment date %s is before the filing date %s', NEW.paid_on, app.filed_on),
            format('Ngày nộp phí %s trước ngày nộp đơn %s.', to_char(NEW.paid_on, 'DD/MM/YYYY'), to_char(app.filed_on, 'DD/MM/YYYY')));
    END IF;
    term := CASE app.kind WHEN 'invention' THEN 20 ELSE 10 END;
    IF NEW.year > term THEN
        PERFORM khcn_refuse('ip_fee_payment_year_plausible', 'ip_fee_payment', 'year',
            format('a %s is protected for at most %s years; there is no validity year %s', app.kind, term, NEW.year),
            format('%s được bảo hộ tối đa %s năm; không có năm hiệu lực thứ %s.',
                   CASE app.kind WHEN 'invention' THEN 'Sáng chế' ELSE 'Giải pháp hữu ích' END,
                   term, NEW.year));
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER ip_fee_payment_before_write BEFORE INSERT OR UPDATE ON ip_fee_payment
    FOR EACH ROW EXECUTE FUNCTION ip_fee_payment_before_write();

-- The start of validity year K of a title granted on g: g + (K − 1) years (29 Feb → 28 Feb).
CREATE OR REPLACE FUNCTION ip_fee_year_starts(granted_on date, k integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN khcn_add_months(granted_on, 12 * (k - 1));

-- The maintenance fees of an application as known on D: the years paid (year 1 is paid before
-- the grant) and the next validity year due, with the day it starts (null before a grant, or
-- when every year of the term is paid).
CREATE OR REPLACE FUNCTION ip_fees_as_of(p_province text, p_number text, d date, OUT fees json, OUT next_fee json)
LANGUAGE sql STABLE AS $$
SELECT coalesce((SELECT json_agg(json_build_object('year', p.year, 'paid_on', p.paid_on) ORDER BY p.year)
                   FROM ip_fee_payment p
                  WHERE p.province_code = p_province AND p.application_number = p_number AND p.paid_on <= d), '[]'),
       (SELECT json_build_object('year', k, 'due_on', ip_fee_year_starts(v.granted_on, k))
          FROM ip_as_of(p_province, d) v
         CROSS JOIN LATERAL generate_series(2, CASE v.kind WHEN 'invention' THEN 20 ELSE 10 END) AS k
         WHERE v.application_number = p_number AND v.status = 'granted'
           AND ip_fee_year_starts(v.granted_on, k) <= v.expires_on
           AND NOT EXISTS (SELECT 1 FROM ip_fee_payment p WHERE p.province_code = p_province
                              AND p.application_number = p_number AND p.year = k AND p.paid_on <= d)
         ORDER BY k LIMIT 1)
$$;

