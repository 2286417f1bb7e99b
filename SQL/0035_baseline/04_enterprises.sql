-- Baseline 04 The enterprise register: the record that every other register hangs off.
-- Province code is the tenant key (Tuyên Quang = 08); the tax code is unique within it.
-- Its triggers (clean text, dates not in the future, the status history) and "status on D"
-- are in SQL/definitions/06_enterprises.sql.

CREATE TABLE enterprise (
    province_code   text NOT NULL DEFAULT '08'
        CONSTRAINT enterprise_province_code_format CHECK (province_code ~ '^[0-9]{2}$'),
    tax_code        text NOT NULL
        CONSTRAINT enterprise_tax_code_valid CHECK (khcn_tax_code_is_valid(tax_code)),
    name            text NOT NULL
        CONSTRAINT enterprise_name_length CHECK (char_length(name) BETWEEN 1 AND 400)
        CONSTRAINT enterprise_name_clean CHECK (khcn_text_is_clean(name, false)),
    established_on  date
        CONSTRAINT enterprise_established_plausible CHECK (established_on >= DATE '1900-01-01'),
    address         text CHECK (char_length(address) <= 1000)
        CONSTRAINT enterprise_address_clean CHECK (khcn_text_is_clean(address, true)),
    commune_code    text
        CONSTRAINT enterprise_commune_code_format CHECK (commune_code ~ '^[0-9]{5}$'),
    legal_form      text CHECK (char_length(legal_form) <= 200)
        CONSTRAINT enterprise_legal_form_clean CHECK (khcn_text_is_clean(legal_form, false)),
    vsic            text[] NOT NULL DEFAULT '{}'
        CONSTRAINT enterprise_vsic_format CHECK (khcn_vsic_codes_valid(vsic)),
    vsic_version    smallint
        CONSTRAINT enterprise_vsic_version_known CHECK (vsic_version IN (2018, 2025)),
    status          text NOT NULL DEFAULT 'active'
        CONSTRAINT enterprise_status_known CHECK (status IN ('active', 'suspended', 'dissolved')),
    status_on       date,
    former_province text,
    CONSTRAINT enterprise_pkey PRIMARY KEY (province_code, tax_code),
    CONSTRAINT enterprise_vsic_needs_version CHECK (cardinality(vsic) = 0 OR vsic_version IS NOT NULL),
    CONSTRAINT enterprise_status_order CHECK (status_on >= established_on),
    CONSTRAINT enterprise_province_known FOREIGN KEY (province_code) REFERENCES province,
    -- A former province is one of those merged into the record's own province (contract §4).
    CONSTRAINT enterprise_former_province_known
        FOREIGN KEY (province_code, former_province) REFERENCES province_former (province_code, slug)
);

-- Diacritic-insensitive substring search on names (`tan trao` finds `Tân Trào`).
CREATE INDEX enterprise_name_search ON enterprise USING gin (khcn_fold(name) gin_trgm_ops);

-- Every dated status change, so that "was it dissolved on D?" can be answered later. Written
-- only by the enterprise triggers (with the owner's rights): certificates, funds and targets
-- rely on it, so no login writes it (SQL/0035).
CREATE TABLE enterprise_status_change (
    province_code text NOT NULL,
    tax_code      text NOT NULL,
    status        text NOT NULL,
    effective_on  date,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (province_code, tax_code) REFERENCES enterprise ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX enterprise_status_change_by_enterprise ON enterprise_status_change (province_code, tax_code, effective_on);

ALTER TABLE enterprise ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE enterprise_status_change ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON enterprise, enterprise_status_change TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON enterprise TO khcn_clerk;
