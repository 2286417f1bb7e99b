-- Definitions certificates: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION st_certificate_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
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
    PERFORM khcn_refuse_unless_standing('st_certificate_issued_plausible', 'st_certificate_holder_not_dissolved',
        NEW.province_code, NEW.tax_code, NEW.issued_on, 'Ngày cấp', 'issue date');
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER st_certificate_before_write BEFORE INSERT OR UPDATE ON st_certificate
    FOR EACH ROW EXECUTE FUNCTION st_certificate_before_write();

CREATE OR REPLACE FUNCTION st_certificate_amendment_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    issued date;
BEGIN
    NEW.description := khcn_clean_text(NEW.description);
    NEW.decision := khcn_clean_text(NEW.decision);
    SELECT issued_on INTO issued FROM st_certificate
     WHERE province_code = NEW.province_code AND certificate_number = NEW.certificate_number;
    IF NEW.amended_on < issued OR NEW.amended_on > khcn_today() THEN
        PERFORM khcn_refuse('st_certificate_amendment_dated', 'st_certificate_amendment', 'on',
            format('an amendment dated %s must fall between the issue date %s and today', NEW.amended_on, issued),
            format('Ngày sửa đổi %s phải từ ngày cấp %s đến hôm nay.', to_char(NEW.amended_on, 'DD/MM/YYYY'), to_char(issued, 'DD/MM/YYYY')));
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER st_certificate_amendment_before_write BEFORE INSERT OR UPDATE ON st_certificate_amendment
    FOR EACH ROW EXECUTE FUNCTION st_certificate_amendment_before_write();

