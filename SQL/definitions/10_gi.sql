-- Definitions gi: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

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

CREATE OR REPLACE TRIGGER gi_certificate_before_write BEFORE INSERT OR UPDATE ON gi_certificate
    FOR EACH ROW EXECUTE FUNCTION gi_certificate_before_write();

-- A manager or a user from a date the GI existed, never in the future (contract §2).
CREATE OR REPLACE FUNCTION gi_history_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    gi gi_certificate;
BEGIN
    IF TG_TABLE_NAME = 'gi_manager' THEN
        NEW.managing_org := khcn_clean_text(NEW.managing_org);
    END IF;
    NEW.decision := khcn_clean_text(NEW.decision);
    SELECT * INTO gi FROM gi_certificate WHERE province_code = NEW.province_code AND certificate_number = NEW.certificate_number;
    IF NOT FOUND THEN RETURN NEW; END IF;
    IF NEW.from_on > khcn_today() THEN
        PERFORM khcn_refuse(TG_TABLE_NAME || '_from_plausible', TG_TABLE_NAME, 'from_on',
            format('the date %s is in the future', NEW.from_on), format('Ngày %s ở tương lai.', to_char(NEW.from_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.from_on < gi.granted_on THEN
        PERFORM khcn_refuse(TG_TABLE_NAME || '_from_plausible', TG_TABLE_NAME, 'from_on',
            format('%s is before the GI certificate %s was granted (%s)', NEW.from_on, gi.certificate_number, gi.granted_on),
            format('Ngày %s trước ngày cấp văn bằng %s (%s).', to_char(NEW.from_on, 'DD/MM/YYYY'), gi.certificate_number,
                   to_char(gi.granted_on, 'DD/MM/YYYY')));
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER gi_manager_before_write BEFORE INSERT OR UPDATE ON gi_manager
    FOR EACH ROW EXECUTE FUNCTION gi_history_before_write();

CREATE OR REPLACE TRIGGER gi_user_before_write BEFORE INSERT OR UPDATE ON gi_user
    FOR EACH ROW EXECUTE FUNCTION gi_history_before_write();

-- Who managed the GI on D: the latest later manager from on or before D, else the certificate's.
CREATE OR REPLACE FUNCTION gi_manager_on(p_province text, p_number text, d date) RETURNS text
LANGUAGE sql STABLE
RETURN coalesce(
    (SELECT m.managing_org FROM gi_manager m
      WHERE m.province_code = p_province AND m.certificate_number = p_number AND m.from_on <= d
      ORDER BY m.from_on DESC LIMIT 1),
    (SELECT g.managing_org FROM gi_certificate g WHERE g.province_code = p_province AND g.certificate_number = p_number));

