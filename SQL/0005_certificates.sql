-- 0005 S&T enterprise certificates (Giấy chứng nhận doanh nghiệp khoa học và công nghệ).
-- No fixed term: a certificate ends by revocation (thu hồi) or invalidation (hủy bỏ hiệu lực).
-- Legal basis: Decree 13/2019/NĐ-CP until Law 93/2025/QH15 took effect (1 Oct 2025), then
-- Decree 268/2025/NĐ-CP; each certificate keeps its own.

CREATE TABLE st_certificate (
    province_code      text NOT NULL,
    certificate_number text NOT NULL
        CONSTRAINT st_certificate_number_format CHECK (certificate_number ~ '^[^\s].{0,59}$'),
    tax_code           text NOT NULL,
    issued_on          date NOT NULL,
    issuer             text,
    basis              text NOT NULL
        CONSTRAINT st_certificate_basis_known CHECK (basis IN ('13/2019/NĐ-CP', '268/2025/NĐ-CP')),
    results            text[] NOT NULL DEFAULT '{}',   -- the S&T results relied on, as written
    revoked_on         date,
    revoke_reason      text,
    revocation_kind    text
        CONSTRAINT st_certificate_revocation_kind_known CHECK (revocation_kind IN ('revoked', 'invalidated')),
    CONSTRAINT st_certificate_pkey PRIMARY KEY (province_code, certificate_number),
    CONSTRAINT st_certificate_enterprise_fkey FOREIGN KEY (province_code, tax_code)
        REFERENCES enterprise ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT st_certificate_revocation_complete CHECK ((revoked_on IS NULL) = (revocation_kind IS NULL)),
    CONSTRAINT st_certificate_revoked_after_issue CHECK (revoked_on >= issued_on)
);
CREATE INDEX st_certificate_by_enterprise ON st_certificate (province_code, tax_code);

CREATE FUNCTION st_certificate_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    holder enterprise;
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
        PERFORM khcn_refuse('st_certificate_revoked_after_issue', 'st_certificate', 'revoked_on',
            format('revocation date %s is in the future', NEW.revoked_on),
            format('Ngày thu hồi %s ở tương lai.', to_char(NEW.revoked_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.revoked_on < NEW.issued_on THEN
        PERFORM khcn_refuse('st_certificate_revoked_after_issue', 'st_certificate', 'revoked_on',
            format('revocation date %s is before the issue date %s', NEW.revoked_on, NEW.issued_on),
            format('Ngày thu hồi %s trước ngày cấp %s.', to_char(NEW.revoked_on, 'DD/MM/YYYY'), to_char(NEW.issued_on, 'DD/MM/YYYY')));
    END IF;
    SELECT * INTO holder FROM enterprise WHERE province_code = NEW.province_code AND tax_code = NEW.tax_code;
    IF FOUND THEN
        IF NEW.issued_on < holder.established_on THEN
            PERFORM khcn_refuse('st_certificate_issued_plausible', 'st_certificate', 'issued_on',
                format('issue date %s is before the enterprise was established (%s)', NEW.issued_on, holder.established_on),
                format('Ngày cấp %s trước ngày thành lập doanh nghiệp (%s).', to_char(NEW.issued_on, 'DD/MM/YYYY'), to_char(holder.established_on, 'DD/MM/YYYY')));
        END IF;
        IF enterprise_status_on(NEW.province_code, NEW.tax_code, NEW.issued_on) = 'dissolved' THEN
            PERFORM khcn_refuse('st_certificate_holder_not_dissolved', 'st_certificate', 'tax_code',
                format('enterprise %s was dissolved on or before the issue date %s', NEW.tax_code, NEW.issued_on),
                format('Doanh nghiệp %s đã giải thể trước hoặc vào ngày cấp %s.', NEW.tax_code, to_char(NEW.issued_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER st_certificate_before_write BEFORE INSERT OR UPDATE ON st_certificate
    FOR EACH ROW EXECUTE FUNCTION st_certificate_before_write();
SELECT khcn_attach_audit('st_certificate', 'certificate', '{certificate_number}');

-- In force on D: issued on or before D and not revoked or invalidated on D.
CREATE FUNCTION st_certificate_status_on(c st_certificate, d date) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE
    WHEN c.issued_on > d THEN 'not_issued'
    WHEN c.revoked_on <= d THEN c.revocation_kind
    ELSE 'valid' END;
