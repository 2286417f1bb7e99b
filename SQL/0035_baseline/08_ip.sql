-- Baseline 08 Inventions and utility solutions (sáng chế, giải pháp hữu ích). The status and the
-- expiry are DERIVED from the dated events and the date asked about; never stored.
-- Application numbers: 1-YYYY-NNNNN (invention), 2-YYYY-NNNNN (utility solution).
-- The life cycle, the status on D and the fees are in SQL/definitions/09_ip.sql.

CREATE TABLE ip_application (
    province_code      text NOT NULL,
    application_number text NOT NULL
        CONSTRAINT ip_application_number_format CHECK (application_number ~ '^[12]-[0-9]{4}-[0-9]{5}$'),
    kind               text NOT NULL
        CONSTRAINT ip_application_kind_known CHECK (kind IN ('invention', 'utility-solution')),
    filed_on           date NOT NULL,
    title              text NOT NULL CONSTRAINT ip_application_title_length CHECK (char_length(title) BETWEEN 1 AND 1000)
        CONSTRAINT ip_application_title_clean CHECK (khcn_text_is_clean(title, false)),
    applicant_tax_code text,
    applicant_name     text CONSTRAINT ip_application_applicant_name_clean CHECK (khcn_text_is_clean(applicant_name, false)),
    ipc                text[] NOT NULL DEFAULT '{}'
        CONSTRAINT ip_application_ipc_format CHECK (khcn_ipc_codes_valid(ipc)),
    -- The applicant is an enterprise (tax code), an organisation or a person (contract §9).
    applicant_type     text NOT NULL DEFAULT 'organisation'
        CONSTRAINT ip_application_applicant_type_known CHECK (applicant_type IN ('organisation', 'person')),
    applicant_person_id bigint REFERENCES person (id),
    -- Priority date (Paris Convention priority: the earlier filing abroad, so never later than
    -- the filing here).
    priority_on        date,
    CONSTRAINT ip_application_pkey PRIMARY KEY (province_code, application_number),
    CONSTRAINT ip_application_applicant_fkey FOREIGN KEY (province_code, applicant_tax_code)
        REFERENCES enterprise (province_code, tax_code) ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT ip_application_province_known FOREIGN KEY (province_code) REFERENCES province,
    CONSTRAINT ip_application_kind_matches_number
        CHECK (left(application_number, 1) = CASE kind WHEN 'invention' THEN '1' ELSE '2' END),
    CONSTRAINT ip_application_has_applicant
        CHECK (applicant_tax_code IS NOT NULL OR applicant_name IS NOT NULL OR applicant_person_id IS NOT NULL),
    -- A person's name is never stored on the application (nor, therefore, in its audit images).
    CONSTRAINT ip_application_person_by_id
        CHECK ((applicant_type = 'person') = (applicant_person_id IS NOT NULL)
               AND (applicant_type <> 'person' OR (applicant_name IS NULL AND applicant_tax_code IS NULL))),
    CONSTRAINT ip_application_priority_not_after_filing CHECK (priority_on <= filed_on)
);
CREATE INDEX ip_application_by_applicant ON ip_application (province_code, applicant_tax_code);
CREATE INDEX ip_application_by_person ON ip_application (applicant_person_id) WHERE applicant_person_id IS NOT NULL;
-- What the counting rules look up by date.
CREATE INDEX ip_application_by_filing ON ip_application (province_code, filed_on);

CREATE TABLE ip_event (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    province_code      text NOT NULL,
    application_number text NOT NULL,
    event              text NOT NULL CONSTRAINT ip_event_kind_known CHECK (event IN (
        'published', 'examination-requested', 'granted', 'refused', 'withdrawn',
        'lapsed', 'invalidated', 'restored', 'checked')),
    event_on           date NOT NULL,
    grant_number       text CONSTRAINT ip_event_grant_number_clean CHECK (khcn_text_is_clean(grant_number, false)),
    CONSTRAINT ip_event_application_fkey FOREIGN KEY (province_code, application_number)
        REFERENCES ip_application ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT ip_event_grant_number_with_grant CHECK ((event = 'granted') = (grant_number IS NOT NULL))
);
CREATE INDEX ip_event_by_application ON ip_event (province_code, application_number, event_on, id);
-- A grant number belongs to one application.
CREATE UNIQUE INDEX ip_event_grant_number_unique ON ip_event (province_code, grant_number) WHERE grant_number IS NOT NULL;
-- (partial, so that it never competes with ip_event_by_application in the life-cycle trigger)
CREATE INDEX ip_event_grants_by_date ON ip_event (province_code, event_on) WHERE event = 'granted';

-- Maintenance fees (phí duy trì hiệu lực, IP Law art. 94): one row per validity year paid,
-- years counted from the grant date. A payment changes no status and, unlike the life-cycle
-- events, may be dated before the latest event (a payment recorded late).
CREATE TABLE ip_fee_payment (
    province_code      text NOT NULL,
    application_number text NOT NULL,
    year               smallint NOT NULL CONSTRAINT ip_fee_payment_year_plausible CHECK (year BETWEEN 1 AND 20),
    paid_on            date NOT NULL,
    CONSTRAINT ip_fee_payment_pkey PRIMARY KEY (province_code, application_number, year),
    CONSTRAINT ip_fee_payment_application_fkey FOREIGN KEY (province_code, application_number)
        REFERENCES ip_application ON UPDATE CASCADE ON DELETE CASCADE
);

ALTER TABLE ip_application ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE ip_event ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE ip_fee_payment ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON ip_application, ip_event, ip_fee_payment TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON ip_application, ip_event, ip_fee_payment TO khcn_clerk;
