-- 0003 The enterprise register: the record that every other register hangs off.
-- Province code is the tenant key (Tuyên Quang = 08); the tax code is unique within it.

CREATE TABLE enterprise (
    province_code   text NOT NULL DEFAULT '08'
        CONSTRAINT enterprise_province_code_format CHECK (province_code ~ '^[0-9]{2}$'),
    tax_code        text NOT NULL
        CONSTRAINT enterprise_tax_code_valid CHECK (khcn_tax_code_is_valid(tax_code)),
    name            text NOT NULL
        CONSTRAINT enterprise_name_length CHECK (char_length(name) BETWEEN 1 AND 400),
    established_on  date
        CONSTRAINT enterprise_established_plausible CHECK (established_on >= DATE '1900-01-01'),
    address         text CHECK (char_length(address) <= 1000),
    commune_code    text
        CONSTRAINT enterprise_commune_code_format CHECK (commune_code ~ '^[0-9]{5}$'),
    legal_form      text CHECK (char_length(legal_form) <= 200),
    vsic            text[] NOT NULL DEFAULT '{}'
        CONSTRAINT enterprise_vsic_format CHECK (khcn_vsic_codes_valid(vsic)),
    vsic_version    smallint
        CONSTRAINT enterprise_vsic_version_known CHECK (vsic_version IN (2018, 2025)),
    status          text NOT NULL DEFAULT 'active'
        CONSTRAINT enterprise_status_known CHECK (status IN ('active', 'suspended', 'dissolved')),
    status_on       date,
    former_province text
        CONSTRAINT enterprise_former_province_known CHECK (former_province IN ('tuyen-quang', 'ha-giang')),
    CONSTRAINT enterprise_pkey PRIMARY KEY (province_code, tax_code),
    CONSTRAINT enterprise_vsic_needs_version CHECK (cardinality(vsic) = 0 OR vsic_version IS NOT NULL),
    CONSTRAINT enterprise_status_order CHECK (status_on >= established_on)
);

-- Diacritic-insensitive substring search on names (`tan trao` finds `Tân Trào`).
CREATE INDEX enterprise_name_search ON enterprise USING gin (khcn_fold(name) gin_trgm_ops);

-- Every dated status change, so that "was it dissolved on D?" can be answered later.
CREATE TABLE enterprise_status_change (
    province_code text NOT NULL,
    tax_code      text NOT NULL,
    status        text NOT NULL,
    effective_on  date,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (province_code, tax_code) REFERENCES enterprise ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX enterprise_status_change_by_enterprise ON enterprise_status_change (province_code, tax_code, effective_on);

-- Clean text on the way in (NFC, trimmed) and refuse what a CHECK cannot see: dates in the
-- future and status changes dated before the previous one.
CREATE FUNCTION enterprise_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.name := khcn_clean_text(NEW.name);
    NEW.address := khcn_clean_text(NEW.address);
    NEW.legal_form := khcn_clean_text(NEW.legal_form);
    NEW.commune_code := khcn_clean_text(NEW.commune_code);
    IF NEW.established_on > khcn_today() THEN
        RAISE EXCEPTION 'established_on % is in the future', NEW.established_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enterprise_established_plausible',
                  COLUMN = 'established_on', TABLE = 'enterprise';
    END IF;
    IF NEW.status_on > khcn_today() THEN
        RAISE EXCEPTION 'status_on % is in the future', NEW.status_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enterprise_status_order',
                  COLUMN = 'status_on', TABLE = 'enterprise';
    END IF;
    -- A new status dated before the current one is out of order (re-dating the same status,
    -- e.g. with a corrected founding date, is a correction, not a change).
    IF TG_OP = 'UPDATE' AND NEW.status_on < OLD.status_on AND NEW.status IS DISTINCT FROM OLD.status
       AND coalesce(current_setting('khcn.reverting', true), '') <> 'on' THEN
        RAISE EXCEPTION 'status change dated % precedes the previous one (%)', NEW.status_on, OLD.status_on
            USING ERRCODE = 'check_violation', CONSTRAINT = 'enterprise_status_order',
                  COLUMN = 'status_on', TABLE = 'enterprise';
    END IF;
    RETURN NEW;
END $$;
-- On insert the trigger runs only when a row needs it (the WHEN clause is evaluated without
-- calling PL/pgSQL), so that a clean bulk load of a million rows does not pay for it.
CREATE TRIGGER enterprise_before_insert BEFORE INSERT ON enterprise
    FOR EACH ROW
    WHEN (NEW.name IS NOT NFC NORMALIZED OR NEW.name ~ '^\s|\s$' OR NEW.name = ''
          OR NEW.address IS NOT NFC NORMALIZED OR NEW.address ~ '^\s|\s$' OR NEW.address = ''
          OR NEW.legal_form IS NOT NFC NORMALIZED OR NEW.legal_form ~ '^\s|\s$' OR NEW.legal_form = ''
          OR NEW.commune_code ~ '^\s|\s$' OR NEW.commune_code = ''
          OR NEW.established_on > khcn_today() OR NEW.status_on > khcn_today())
    EXECUTE FUNCTION enterprise_before_write();
CREATE TRIGGER enterprise_before_update BEFORE UPDATE ON enterprise
    FOR EACH ROW EXECUTE FUNCTION enterprise_before_write();

CREATE FUNCTION enterprise_record_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.status, NEW.status_on) IS DISTINCT FROM (OLD.status, OLD.status_on) THEN
        INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on)
        VALUES (NEW.province_code, NEW.tax_code, NEW.status, NEW.status_on);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER enterprise_record_status AFTER UPDATE ON enterprise
    FOR EACH ROW EXECUTE FUNCTION enterprise_record_status();

-- New enterprises: once per statement, so that bulk loads stay set-based.
CREATE FUNCTION enterprise_record_first_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on)
    SELECT province_code, tax_code, status, status_on FROM inserted_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER enterprise_record_first_status AFTER INSERT ON enterprise
    REFERENCING NEW TABLE AS inserted_rows
    FOR EACH STATEMENT EXECUTE FUNCTION enterprise_record_first_status();

SELECT khcn_attach_audit('enterprise', 'enterprise', '{tax_code}');

-- The status of an enterprise on a date: the last change dated on or before it
-- (an undated change counts from the beginning).
CREATE FUNCTION enterprise_status_on(p_province text, p_tax_code text, p_on date) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT status FROM enterprise_status_change
         WHERE province_code = p_province AND tax_code = p_tax_code
           AND coalesce(effective_on, '-infinity') <= p_on
         ORDER BY coalesce(effective_on, '-infinity') DESC, recorded_at DESC
         LIMIT 1);
