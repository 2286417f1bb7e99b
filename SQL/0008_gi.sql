-- 0008 Geographical indications (chỉ dẫn địa lý). The State owns a GI; the certificate has no
-- expiry and names the managing organisation as written on it (many were district People's
-- Committees, abolished on 1 July 2025: keep the text as issued).

CREATE TABLE gi_certificate (
    province_code      text NOT NULL,
    certificate_number text NOT NULL
        CONSTRAINT gi_certificate_number_format CHECK (certificate_number ~ '^[0-9]{5}$'),
    name               text NOT NULL CONSTRAINT gi_certificate_name_length CHECK (char_length(name) BETWEEN 1 AND 300),
    product            text NOT NULL CONSTRAINT gi_certificate_product_length CHECK (char_length(product) BETWEEN 1 AND 300),
    granted_on         date NOT NULL,
    decision           text,
    managing_org       text,
    area               text,
    application_number text
        CONSTRAINT gi_certificate_application_number_format CHECK (application_number ~ '^6-[0-9]{4}-[0-9]{5}$'),
    cancelled_on       date,
    CONSTRAINT gi_certificate_pkey PRIMARY KEY (province_code, certificate_number),
    CONSTRAINT gi_certificate_cancelled_after_grant CHECK (cancelled_on >= granted_on)
);

CREATE FUNCTION gi_certificate_before_write() RETURNS trigger
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
        PERFORM khcn_refuse('gi_certificate_cancelled_after_grant', 'gi_certificate', 'granted_on',
            'GI dates cannot be in the future', 'Ngày cấp / chấm dứt không được ở tương lai.');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER gi_certificate_before_write BEFORE INSERT OR UPDATE ON gi_certificate
    FOR EACH ROW EXECUTE FUNCTION gi_certificate_before_write();
SELECT khcn_attach_audit('gi_certificate', 'gi', '{certificate_number}');
