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
CREATE FUNCTION enterprise_standing_on(p_province text, p_tax_code text, p_on date,
                                       OUT established_on date, OUT before_established boolean, OUT dissolved boolean)
LANGUAGE sql STABLE AS $$
    SELECT e.established_on, p_on < e.established_on,
           enterprise_status_on(p_province, p_tax_code, p_on) = 'dissolved'
      FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = p_tax_code
$$;

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

CREATE OR REPLACE FUNCTION st_certificate_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    holder record;
BEGIN
    NEW.certificate_number := khcn_clean_text(NEW.certificate_number);
    NEW.issuer := khcn_clean_text(NEW.issuer);
    NEW.revoke_reason := khcn_clean_text(NEW.revoke_reason);
    NEW.basis := CASE
        WHEN NEW.basis IS NULL OR khcn_clean_text(NEW.basis) IS NULL THEN
            CASE WHEN NEW.issued_on < DATE '2025-10-01' THEN '13/2019/NĐ-CP' ELSE '268/2025/NĐ-CP' END
        WHEN NEW.basis LIKE '%13/2019%' THEN '13/2019/NĐ-CP'
        WHEN NEW.basis LIKE '%268/2025%' THEN '268/2025/NĐ-CP'
        ELSE NEW.basis END;
    IF NEW.revoked_on IS NOT NULL AND NEW.revocation_kind IS NULL THEN
        NEW.revocation_kind := 'revoked';
    END IF;
    IF NEW.issued_on > khcn_today() THEN
        PERFORM khcn_refuse('st_certificate_issued_plausible', 'st_certificate', 'issued_on',
            format('issue date %s is in the future', NEW.issued_on),
            format('Ngày cấp %s ở tương lai.', to_char(NEW.issued_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.revoked_on > khcn_today() THEN
        PERFORM khcn_refuse('st_certificate_revoked_not_future', 'st_certificate', 'revoked_on',
            format('revocation date %s is in the future', NEW.revoked_on),
            format('Ngày thu hồi %s ở tương lai.', to_char(NEW.revoked_on, 'DD/MM/YYYY')));
    END IF;
    -- The CHECK of the same name holds this rule; refused here first to name both dates.
    IF NEW.revoked_on < NEW.issued_on THEN
        PERFORM khcn_refuse('st_certificate_revoked_after_issue', 'st_certificate', 'revoked_on',
            format('revocation date %s is before the issue date %s', NEW.revoked_on, NEW.issued_on),
            format('Ngày thu hồi %s trước ngày cấp %s.', to_char(NEW.revoked_on, 'DD/MM/YYYY'), to_char(NEW.issued_on, 'DD/MM/YYYY')));
    END IF;
    holder := enterprise_standing_on(NEW.province_code, NEW.tax_code, NEW.issued_on);
    IF holder.before_established THEN
        PERFORM khcn_refuse('st_certificate_issued_plausible', 'st_certificate', 'issued_on',
            format('issue date %s is before the enterprise was established (%s)', NEW.issued_on, holder.established_on),
            format('Ngày cấp %s trước ngày thành lập doanh nghiệp (%s).', to_char(NEW.issued_on, 'DD/MM/YYYY'), to_char(holder.established_on, 'DD/MM/YYYY')));
    END IF;
    IF holder.dissolved THEN
        PERFORM khcn_refuse('st_certificate_holder_not_dissolved', 'st_certificate', 'tax_code',
            format('enterprise %s was dissolved on or before the issue date %s', NEW.tax_code, NEW.issued_on),
            format('Doanh nghiệp %s đã giải thể trước hoặc vào ngày cấp %s.', NEW.tax_code, to_char(NEW.issued_on, 'DD/MM/YYYY')));
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION st_fund_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    holder record;
    last_year int;
BEGIN
    NEW.decision := khcn_clean_text(NEW.decision);
    IF NEW.established_on > khcn_today() OR NEW.closed_on > khcn_today() OR NEW.notified_on > khcn_today() THEN
        PERFORM khcn_refuse('st_fund_dates_not_future', 'st_fund', 'established_on',
            'fund dates cannot be in the future', 'Ngày của quỹ không được ở tương lai.');
    END IF;
    IF TG_OP = 'INSERT' OR NEW.established_on IS DISTINCT FROM OLD.established_on THEN
        holder := enterprise_standing_on(NEW.province_code, NEW.tax_code, NEW.established_on);
        IF holder.before_established THEN
            PERFORM khcn_refuse('st_fund_established_plausible', 'st_fund', 'established_on',
                format('fund established %s, before the enterprise itself (%s)', NEW.established_on, holder.established_on),
                format('Quỹ thành lập ngày %s, trước cả doanh nghiệp (%s).', to_char(NEW.established_on, 'DD/MM/YYYY'), to_char(holder.established_on, 'DD/MM/YYYY')));
        END IF;
        IF holder.dissolved THEN
            PERFORM khcn_refuse('st_fund_holder_not_dissolved', 'st_fund', 'established_on',
                format('enterprise %s was dissolved on or before %s', NEW.tax_code, NEW.established_on),
                format('Doanh nghiệp %s đã giải thể trước hoặc vào ngày %s.', NEW.tax_code, to_char(NEW.established_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.closed_on IS NOT NULL THEN
        SELECT max(year) INTO last_year FROM st_fund_allocation
         WHERE province_code = OLD.province_code AND tax_code = OLD.tax_code AND established_on = OLD.established_on;
        IF last_year > extract(year FROM NEW.closed_on) THEN
            PERFORM khcn_refuse('st_fund_closed_after_allocations', 'st_fund', 'closed_on',
                format('the fund has an allocation for %s, after its closure on %s', last_year, NEW.closed_on),
                format('Quỹ có trích lập năm %s, sau ngày giải thể %s.', last_year, to_char(NEW.closed_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION st_fund_allocation_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    fund st_fund;
BEGIN
    SELECT * INTO fund FROM st_fund
     WHERE province_code = NEW.province_code AND tax_code = NEW.tax_code AND established_on = NEW.established_on;
    IF FOUND AND (NEW.year < extract(year FROM fund.established_on)
                  OR NEW.year > extract(year FROM coalesce(fund.closed_on, DATE '9999-12-31'))) THEN
        PERFORM khcn_refuse('st_fund_allocation_year_plausible', 'st_fund_allocation', 'year',
            format('year %s is outside the fund''s life (%s – %s)', NEW.year, fund.established_on, coalesce(fund.closed_on::text, 'open')),
            format('Năm %s nằm ngoài thời gian hoạt động của quỹ (%s – %s).', NEW.year,
                   to_char(fund.established_on, 'DD/MM/YYYY'), coalesce(to_char(fund.closed_on, 'DD/MM/YYYY'), 'nay')));
    END IF;
    IF NEW.report_received_on > khcn_today() THEN
        PERFORM khcn_refuse('st_fund_allocation_report_not_future', 'st_fund_allocation', 'report_received_on',
            'the report date is in the future', 'Ngày nhận báo cáo ở tương lai.');
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION gi_certificate_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Certificate numbers are stored zero-padded to 5 digits: 86 → 00086.
    NEW.certificate_number := khcn_clean_text(NEW.certificate_number);
    IF NEW.certificate_number ~ '^[0-9]{1,5}$' THEN
        NEW.certificate_number := lpad(NEW.certificate_number, 5, '0');
    END IF;
    NEW.name := khcn_clean_text(NEW.name);
    NEW.product := khcn_clean_text(NEW.product);
    NEW.decision := khcn_clean_text(NEW.decision);
    NEW.managing_org := khcn_clean_text(NEW.managing_org);
    NEW.area := khcn_clean_text(NEW.area);
    NEW.application_number := khcn_clean_text(NEW.application_number);
    IF NEW.granted_on > khcn_today() OR NEW.cancelled_on > khcn_today() THEN
        PERFORM khcn_refuse('gi_certificate_dates_not_future', 'gi_certificate', 'granted_on',
            'GI dates cannot be in the future', 'Ngày cấp / chấm dứt không được ở tương lai.');
    END IF;
    RETURN NEW;
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

-- SQL/0026's trigger, its checks and words unchanged; the life cycle is its own rule.
CREATE OR REPLACE FUNCTION ip_event_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
