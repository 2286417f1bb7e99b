-- 0009 One view per kind with the canonical columns of contract §6, in order, after the
-- tenant key: what `khcn export` writes, what `--json` shows, what `khcn import` will read.

CREATE VIEW enterprise_canonical AS
SELECT province_code, tax_code, name, established_on, address, commune_code, legal_form,
       vsic, vsic_version, status, status_on, former_province
  FROM enterprise;

CREATE VIEW certificate_canonical AS
SELECT province_code, tax_code, certificate_number, issued_on, issuer, basis,
       revoked_on, revoke_reason, revocation_kind
  FROM st_certificate;

CREATE VIEW fund_canonical AS
SELECT province_code, tax_code, established_on, decision, capital, notified_on, closed_on
  FROM st_fund;

CREATE VIEW fund_allocation_canonical AS
SELECT province_code, tax_code, established_on, year, allocated, spent, report_received_on
  FROM st_fund_allocation;

-- One column per event kind: the date of its latest occurrence.
CREATE VIEW ip_canonical AS
SELECT a.province_code, a.kind, a.application_number, a.filed_on, a.title,
       a.applicant_tax_code, a.applicant_name, a.ipc,
       max(e.event_on) FILTER (WHERE e.event = 'published') AS published_on,
       max(e.event_on) FILTER (WHERE e.event = 'examination-requested') AS examination_requested_on,
       max(e.event_on) FILTER (WHERE e.event = 'granted') AS granted_on,
       max(e.grant_number) FILTER (WHERE e.event = 'granted') AS grant_number,
       max(e.event_on) FILTER (WHERE e.event = 'refused') AS refused_on,
       max(e.event_on) FILTER (WHERE e.event = 'withdrawn') AS withdrawn_on,
       max(e.event_on) FILTER (WHERE e.event = 'lapsed') AS lapsed_on,
       max(e.event_on) FILTER (WHERE e.event = 'invalidated') AS invalidated_on,
       max(e.event_on) FILTER (WHERE e.event = 'restored') AS restored_on,
       max(e.event_on) FILTER (WHERE e.event = 'checked') AS checked_on
  FROM ip_application a
  LEFT JOIN ip_event e USING (province_code, application_number)
 GROUP BY a.province_code, a.application_number;

CREATE VIEW gi_canonical AS
SELECT province_code, certificate_number, name, product, granted_on, decision, managing_org,
       area, application_number, cancelled_on
  FROM gi_certificate;
