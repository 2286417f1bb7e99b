-- 0025 The Vietnamese HINT of an IP event refused (khcn_refuse, 0004) named the event and the
-- application's status by their stored English codes: "Sự kiện examination-requested ngày…",
-- "khi đó đơn đang ở trạng thái withdrawn". Contract §2 wants a clerk's sentence wholly in
-- Vietnamese, so two small functions give the same words as khcn's Output/Labels.swift
-- (lower-cased, as they stand inside a sentence), and the trigger that embeds them is
-- replaced. The English MESSAGE (psql, `--json`, `--lang en`) is unchanged.

-- Labels.events, in the middle of a sentence; an unknown code is shown as it is.
CREATE FUNCTION khcn_event_word(p_event text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_event
        WHEN 'filed' THEN 'nộp đơn'
        WHEN 'published' THEN 'công bố đơn'
        WHEN 'examination-requested' THEN 'yêu cầu thẩm định nội dung'
        WHEN 'granted' THEN 'cấp bằng'
        WHEN 'refused' THEN 'từ chối'
        WHEN 'withdrawn' THEN 'rút đơn'
        WHEN 'lapsed' THEN 'mất hiệu lực'
        WHEN 'invalidated' THEN 'hủy bỏ hiệu lực'
        WHEN 'restored' THEN 'khôi phục hiệu lực'
        WHEN 'checked' THEN 'đối chiếu với Cục SHTT'
        WHEN 'fee-paid' THEN 'nộp phí duy trì'
        ELSE p_event END
$$;

-- Labels.statuses of an IP application (ip_status_on), in the middle of a sentence.
CREATE FUNCTION khcn_status_word(p_status text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_status
        WHEN 'filed' THEN 'đã nộp đơn'
        WHEN 'published' THEN 'đã công bố'
        WHEN 'under_examination' THEN 'đang thẩm định nội dung'
        WHEN 'granted' THEN 'đã cấp bằng'
        WHEN 'refused' THEN 'bị từ chối'
        WHEN 'withdrawn' THEN 'đã rút đơn'
        WHEN 'lapsed' THEN 'mất hiệu lực'
        WHEN 'expired' THEN 'hết thời hạn bảo hộ'
        WHEN 'invalidated' THEN 'bị hủy bỏ hiệu lực'
        WHEN 'protected' THEN 'đang được bảo hộ'
        WHEN 'cancelled' THEN 'đã chấm dứt'
        WHEN 'valid' THEN 'còn hiệu lực'
        WHEN 'revoked' THEN 'đã thu hồi'
        WHEN 'open' THEN 'đang hoạt động'
        WHEN 'closed' THEN 'đã giải thể'
        WHEN 'active' THEN 'đang hoạt động'
        WHEN 'suspended' THEN 'tạm ngừng kinh doanh'
        WHEN 'dissolved' THEN 'đã giải thể'
        ELSE p_status END
$$;

-- 0007's rules, unchanged; only the Vietnamese sentences name the event and status in Vietnamese.
CREATE OR REPLACE FUNCTION ip_event_before_insert() RETURNS trigger
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
