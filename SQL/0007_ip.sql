-- 0007 Inventions and utility solutions (sáng chế, giải pháp hữu ích). The status and the
-- expiry are DERIVED from the dated events and the date asked about; never stored.
-- Application numbers: 1-YYYY-NNNNN (invention), 2-YYYY-NNNNN (utility solution).

CREATE FUNCTION khcn_ipc_codes_valid(codes text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN NOT EXISTS (SELECT 1 FROM unnest(codes) AS c
                    WHERE c IS NULL OR c !~ '^[A-H][0-9]{2}[A-Z]( ?[0-9]{1,4}/[0-9]{1,6})?$');

CREATE TABLE ip_application (
    province_code      text NOT NULL,
    application_number text NOT NULL
        CONSTRAINT ip_application_number_format CHECK (application_number ~ '^[12]-[0-9]{4}-[0-9]{5}$'),
    kind               text NOT NULL
        CONSTRAINT ip_application_kind_known CHECK (kind IN ('invention', 'utility-solution')),
    filed_on           date NOT NULL,
    title              text NOT NULL CONSTRAINT ip_application_title_length CHECK (char_length(title) BETWEEN 1 AND 1000),
    applicant_tax_code text,
    applicant_name     text,
    ipc                text[] NOT NULL DEFAULT '{}'
        CONSTRAINT ip_application_ipc_format CHECK (khcn_ipc_codes_valid(ipc)),
    CONSTRAINT ip_application_pkey PRIMARY KEY (province_code, application_number),
    CONSTRAINT ip_application_applicant_fkey FOREIGN KEY (province_code, applicant_tax_code)
        REFERENCES enterprise (province_code, tax_code) ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT ip_application_kind_matches_number
        CHECK (left(application_number, 1) = CASE kind WHEN 'invention' THEN '1' ELSE '2' END),
    CONSTRAINT ip_application_has_applicant CHECK (applicant_tax_code IS NOT NULL OR applicant_name IS NOT NULL)
);
CREATE INDEX ip_application_by_applicant ON ip_application (province_code, applicant_tax_code);

CREATE TABLE ip_event (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    province_code      text NOT NULL,
    application_number text NOT NULL,
    event              text NOT NULL CONSTRAINT ip_event_kind_known CHECK (event IN (
        'published', 'examination-requested', 'granted', 'refused', 'withdrawn',
        'lapsed', 'invalidated', 'restored', 'checked')),
    event_on           date NOT NULL,
    grant_number       text,
    CONSTRAINT ip_event_application_fkey FOREIGN KEY (province_code, application_number)
        REFERENCES ip_application ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT ip_event_grant_number_with_grant CHECK ((event = 'granted') = (grant_number IS NOT NULL))
);
CREATE INDEX ip_event_by_application ON ip_event (province_code, application_number, event_on, id);
-- A grant number belongs to one application.
CREATE UNIQUE INDEX ip_event_grant_number_unique ON ip_event (province_code, grant_number) WHERE grant_number IS NOT NULL;

-- Protection ends 20 years (invention) or 10 years (utility solution) after filing;
-- 29 February + N years → 28 February (PostgreSQL clamps to the month's end).
CREATE FUNCTION ip_expires_on(kind text, filed_on date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (filed_on + CASE kind WHEN 'invention' THEN interval '20 years' ELSE interval '10 years' END)::date;

-- The status on date D, replayed from the events dated on or before D.
CREATE FUNCTION ip_status_on(p_province text, p_number text, d date) RETURNS text
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
    IF status = 'granted' AND d >= ip_expires_on(app.kind, app.filed_on) THEN
        status := 'expired';
    END IF;
    RETURN status;
END $$;

CREATE FUNCTION ip_application_before_write() RETURNS trigger
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
            PERFORM khcn_refuse('ip_event_order', 'ip_application', 'filed_on',
                format('an event dated %s precedes the new filing date %s', first_event, NEW.filed_on),
                format('Có sự kiện ngày %s trước ngày nộp đơn mới %s.', to_char(first_event, 'DD/MM/YYYY'), to_char(NEW.filed_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ip_application_before_write BEFORE INSERT OR UPDATE ON ip_application
    FOR EACH ROW EXECUTE FUNCTION ip_application_before_write();
SELECT khcn_attach_audit('ip_application', 'ip', '{application_number}');

-- Events arrive in date order and follow the life cycle: filed → published / examination
-- requested → granted or refused (or withdrawn before a decision); a title may lapse (and be
-- restored) or be invalidated. `checked` (compared with the IP Office's register) fits anywhere.
CREATE FUNCTION ip_event_before_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    app ip_application;
    latest date;
    status text;
    allowed text[];
BEGIN
    NEW.grant_number := khcn_clean_text(NEW.grant_number);
    SELECT * INTO app FROM ip_application
     WHERE province_code = NEW.province_code AND application_number = NEW.application_number;
    IF NOT FOUND THEN RETURN NEW; END IF;   -- the foreign key reports it
    IF NEW.event_on < app.filed_on THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'on',
            format('%s on %s is before the filing date %s', NEW.event, NEW.event_on, app.filed_on),
            format('Sự kiện %s ngày %s trước ngày nộp đơn %s.', NEW.event, to_char(NEW.event_on, 'DD/MM/YYYY'), to_char(app.filed_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.event_on > khcn_today() THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'on',
            format('%s on %s is in the future', NEW.event, NEW.event_on),
            format('Sự kiện %s ngày %s ở tương lai.', NEW.event, to_char(NEW.event_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.event = 'checked' THEN RETURN NEW; END IF;
    SELECT max(event_on) INTO latest FROM ip_event
     WHERE province_code = NEW.province_code AND application_number = NEW.application_number AND event <> 'checked';
    IF NEW.event_on < latest THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'on',
            format('%s on %s is dated before the latest recorded event (%s)', NEW.event, NEW.event_on, latest),
            format('Sự kiện %s ngày %s trước sự kiện gần nhất đã ghi (%s).', NEW.event, to_char(NEW.event_on, 'DD/MM/YYYY'), to_char(latest, 'DD/MM/YYYY')));
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
            format('Không thể ghi %s ngày %s: khi đó đơn đang ở trạng thái %s.', NEW.event, to_char(NEW.event_on, 'DD/MM/YYYY'), status));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ip_event_before_insert BEFORE INSERT ON ip_event
    FOR EACH ROW EXECUTE FUNCTION ip_event_before_insert();

-- Events are facts with dates: they are added, never edited.
CREATE FUNCTION ip_event_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.event, NEW.event_on, NEW.grant_number) IS DISTINCT FROM (OLD.event, OLD.event_on, OLD.grant_number) THEN
        PERFORM khcn_refuse('ip_event_order', 'ip_event', 'event',
            'recorded IP events cannot be edited', 'Không sửa được sự kiện đã ghi.');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ip_event_append_only BEFORE UPDATE ON ip_event
    FOR EACH ROW EXECUTE FUNCTION ip_event_is_append_only();
SELECT khcn_attach_audit('ip_event', 'ip-event', '{application_number}');
