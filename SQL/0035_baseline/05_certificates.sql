-- Baseline 05 S&T enterprise certificates (Giấy chứng nhận doanh nghiệp khoa học và công nghệ).
-- No fixed term: a certificate ends by revocation (thu hồi) or invalidation (hủy bỏ hiệu lực).
-- Legal basis: Decree 13/2019/NĐ-CP until Law 93/2025/QH15 took effect (1 Oct 2025), then
-- Decree 268/2025/NĐ-CP; each certificate keeps its own.
-- Its triggers are in SQL/definitions/07_certificates.sql.

CREATE TABLE st_certificate (
    province_code      text NOT NULL,
    certificate_number text NOT NULL
        CONSTRAINT st_certificate_number_format CHECK (certificate_number ~ '^[^\s].{0,59}$')
        CONSTRAINT st_certificate_certificate_number_clean CHECK (khcn_text_is_clean(certificate_number, false)),
    tax_code           text NOT NULL,
    issued_on          date NOT NULL,
    issuer             text CONSTRAINT st_certificate_issuer_clean CHECK (khcn_text_is_clean(issuer, false)),
    basis              text NOT NULL
        CONSTRAINT st_certificate_basis_known CHECK (basis IN ('13/2019/NĐ-CP', '268/2025/NĐ-CP')),
    results            text[] NOT NULL DEFAULT '{}'   -- the S&T results relied on, as written
        CONSTRAINT st_certificate_results_clean CHECK (khcn_text_is_clean(array_to_string(results, ' '), false)),
    revoked_on         date,
    revoke_reason      text CONSTRAINT st_certificate_revoke_reason_clean CHECK (khcn_text_is_clean(revoke_reason, false)),
    revocation_kind    text
        CONSTRAINT st_certificate_revocation_kind_known CHECK (revocation_kind IN ('revoked', 'invalidated')),
    CONSTRAINT st_certificate_pkey PRIMARY KEY (province_code, certificate_number),
    CONSTRAINT st_certificate_enterprise_fkey FOREIGN KEY (province_code, tax_code)
        REFERENCES enterprise ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT st_certificate_revocation_complete CHECK ((revoked_on IS NULL) = (revocation_kind IS NULL)),
    CONSTRAINT st_certificate_revoked_after_issue CHECK (revoked_on >= issued_on)
);
CREATE INDEX st_certificate_by_enterprise ON st_certificate (province_code, tax_code);
-- What the counting rules look up by date.
CREATE INDEX st_certificate_by_issue ON st_certificate (province_code, issued_on);

-- Amendments and re-issues (sửa đổi, bổ sung, cấp lại): dated entries on the certificate's
-- file, each with what changed and the decision behind it.
CREATE TABLE st_certificate_amendment (
    province_code      text NOT NULL,
    certificate_number text NOT NULL,
    amended_on         date NOT NULL,
    kind               text NOT NULL DEFAULT 'amended'
        CONSTRAINT st_certificate_amendment_kind_known CHECK (kind IN ('amended', 'reissued')),
    description        text NOT NULL CONSTRAINT st_certificate_amendment_description_length
        CHECK (char_length(description) BETWEEN 1 AND 2000)
        CONSTRAINT st_certificate_amendment_description_clean CHECK (khcn_text_is_clean(description, false)),
    decision           text CONSTRAINT st_certificate_amendment_decision_clean CHECK (khcn_text_is_clean(decision, false)),
    PRIMARY KEY (province_code, certificate_number, amended_on, kind),
    FOREIGN KEY (province_code, certificate_number) REFERENCES st_certificate ON UPDATE CASCADE ON DELETE RESTRICT
);

ALTER TABLE st_certificate ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE st_certificate_amendment ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON st_certificate, st_certificate_amendment TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON st_certificate, st_certificate_amendment TO khcn_clerk;
