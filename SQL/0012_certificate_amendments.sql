-- 0012 Amendments and re-issues of S&T enterprise certificates (sửa đổi, bổ sung, cấp lại):
-- dated entries on the certificate's file, each with what changed and the decision behind it.

CREATE TABLE st_certificate_amendment (
    province_code      text NOT NULL,
    certificate_number text NOT NULL,
    amended_on         date NOT NULL,
    kind               text NOT NULL DEFAULT 'amended'
        CONSTRAINT st_certificate_amendment_kind_known CHECK (kind IN ('amended', 'reissued')),
    description        text NOT NULL CONSTRAINT st_certificate_amendment_description_length
        CHECK (char_length(description) BETWEEN 1 AND 2000),
    decision           text,
    PRIMARY KEY (province_code, certificate_number, amended_on, kind),
    FOREIGN KEY (province_code, certificate_number) REFERENCES st_certificate ON UPDATE CASCADE ON DELETE RESTRICT
);

CREATE FUNCTION st_certificate_amendment_before_write() RETURNS trigger
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
CREATE TRIGGER st_certificate_amendment_before_write BEFORE INSERT OR UPDATE ON st_certificate_amendment
    FOR EACH ROW EXECUTE FUNCTION st_certificate_amendment_before_write();
SELECT khcn_attach_audit('st_certificate_amendment', 'certificate-amendment', '{certificate_number}');

INSERT INTO khcn_record_table VALUES ('certificate-amendment', 'st_certificate_amendment', '{certificate_number,amended_on,kind}', 0);
