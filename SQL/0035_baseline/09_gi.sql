-- Baseline 09 Geographical indications (chỉ dẫn địa lý). The State owns a GI; the certificate has
-- no expiry and names the managing organisation as written on it (many were district People's
-- Committees, abolished on 1 July 2025: keep the text as issued).
-- Triggers and "manager on D" are in SQL/definitions/10_gi.sql.

CREATE TABLE gi_certificate (
    province_code      text NOT NULL,
    certificate_number text NOT NULL
        CONSTRAINT gi_certificate_number_format CHECK (certificate_number ~ '^[0-9]{5}$'),
    name               text NOT NULL CONSTRAINT gi_certificate_name_length CHECK (char_length(name) BETWEEN 1 AND 300)
        CONSTRAINT gi_certificate_name_clean CHECK (khcn_text_is_clean(name, false)),
    product            text NOT NULL CONSTRAINT gi_certificate_product_length CHECK (char_length(product) BETWEEN 1 AND 300)
        CONSTRAINT gi_certificate_product_clean CHECK (khcn_text_is_clean(product, false)),
    granted_on         date NOT NULL,
    decision           text CONSTRAINT gi_certificate_decision_clean CHECK (khcn_text_is_clean(decision, false)),
    managing_org       text CONSTRAINT gi_certificate_managing_org_clean CHECK (khcn_text_is_clean(managing_org, false)),
    area               text CONSTRAINT gi_certificate_area_clean CHECK (khcn_text_is_clean(area, false)),
    application_number text
        CONSTRAINT gi_certificate_application_number_format CHECK (application_number ~ '^6-[0-9]{4}-[0-9]{5}$'),
    cancelled_on       date,
    CONSTRAINT gi_certificate_pkey PRIMARY KEY (province_code, certificate_number),
    CONSTRAINT gi_certificate_cancelled_after_grant CHECK (cancelled_on >= granted_on),
    CONSTRAINT gi_certificate_province_known FOREIGN KEY (province_code) REFERENCES province
);

-- Later managing organisations (the certificate keeps the one written on it) and the
-- enterprises authorised to use the indication (IP Law art. 121, 123).
CREATE TABLE gi_manager (
    province_code      text NOT NULL,
    certificate_number text NOT NULL,
    from_on            date NOT NULL,
    managing_org       text NOT NULL CONSTRAINT gi_manager_managing_org_length CHECK (char_length(managing_org) BETWEEN 1 AND 400)
        CONSTRAINT gi_manager_managing_org_clean CHECK (khcn_text_is_clean(managing_org, false)),
    decision           text CONSTRAINT gi_manager_decision_length CHECK (char_length(decision) <= 200)
        CONSTRAINT gi_manager_decision_clean CHECK (khcn_text_is_clean(decision, false)),
    CONSTRAINT gi_manager_pkey PRIMARY KEY (province_code, certificate_number, from_on),
    CONSTRAINT gi_manager_certificate_fkey FOREIGN KEY (province_code, certificate_number)
        REFERENCES gi_certificate ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE gi_user (
    province_code      text NOT NULL,
    certificate_number text NOT NULL,
    tax_code           text NOT NULL,
    from_on            date NOT NULL,
    until_on           date,                -- the last day of the authorisation (inclusive)
    decision           text CONSTRAINT gi_user_decision_length CHECK (char_length(decision) <= 200)
        CONSTRAINT gi_user_decision_clean CHECK (khcn_text_is_clean(decision, false)),
    CONSTRAINT gi_user_pkey PRIMARY KEY (province_code, certificate_number, tax_code, from_on),
    CONSTRAINT gi_user_certificate_fkey FOREIGN KEY (province_code, certificate_number)
        REFERENCES gi_certificate ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT gi_user_enterprise_fkey FOREIGN KEY (province_code, tax_code)
        REFERENCES enterprise ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT gi_user_until_after_from CHECK (until_on >= from_on),
    CONSTRAINT gi_user_no_overlap EXCLUDE USING gist (
        province_code WITH =, certificate_number WITH =, tax_code WITH =, daterange(from_on, until_on, '[]') WITH &&)
);
CREATE INDEX gi_user_by_enterprise ON gi_user (province_code, tax_code);

ALTER TABLE gi_certificate ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE gi_manager ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE gi_user ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON gi_certificate, gi_manager, gi_user TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON gi_certificate, gi_manager, gi_user TO khcn_clerk;
