-- Definitions canonical: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- 0009 One view per kind with the canonical columns of contract §6, in order, after the
-- tenant key: what `khcn export` writes, what `--json` shows, what `khcn import` will read.
CREATE OR REPLACE VIEW enterprise_canonical WITH (security_invoker = true) AS
SELECT province_code, tax_code, name, established_on, address, commune_code, legal_form,
       vsic, vsic_version, status, status_on, former_province
  FROM enterprise;
GRANT SELECT ON enterprise_canonical TO khcn_viewer;

CREATE OR REPLACE VIEW certificate_canonical WITH (security_invoker = true) AS
SELECT province_code, tax_code, certificate_number, issued_on, issuer, basis,
       revoked_on, revoke_reason, revocation_kind
  FROM st_certificate;
GRANT SELECT ON certificate_canonical TO khcn_viewer;

CREATE OR REPLACE VIEW fund_canonical WITH (security_invoker = true) AS
SELECT province_code, tax_code, established_on, decision, capital, notified_on, closed_on
  FROM st_fund;
GRANT SELECT ON fund_canonical TO khcn_viewer;

CREATE OR REPLACE VIEW fund_allocation_canonical WITH (security_invoker = true) AS
SELECT province_code, tax_code, established_on, year, allocated, spent, report_received_on
  FROM st_fund_allocation;
GRANT SELECT ON fund_allocation_canonical TO khcn_viewer;

-- One column per event kind: the date of its latest occurrence.
-- The canonical IP view shows the applicant's name as the reader may see it, and the
-- applicant's type (contract §6 column `applicant_type`) and person id after the §6 columns.
CREATE OR REPLACE VIEW ip_canonical WITH (security_invoker = true) AS
SELECT a.province_code, a.kind, a.application_number, a.filed_on, a.title,
       a.applicant_tax_code, coalesce(p.name, a.applicant_name) AS applicant_name, a.ipc,
       max(e.event_on) FILTER (WHERE e.event = 'published') AS published_on,
       max(e.event_on) FILTER (WHERE e.event = 'examination-requested') AS examination_requested_on,
       max(e.event_on) FILTER (WHERE e.event = 'granted') AS granted_on,
       max(e.grant_number) FILTER (WHERE e.event = 'granted') AS grant_number,
       max(e.event_on) FILTER (WHERE e.event = 'refused') AS refused_on,
       max(e.event_on) FILTER (WHERE e.event = 'withdrawn') AS withdrawn_on,
       max(e.event_on) FILTER (WHERE e.event = 'lapsed') AS lapsed_on,
       max(e.event_on) FILTER (WHERE e.event = 'invalidated') AS invalidated_on,
       max(e.event_on) FILTER (WHERE e.event = 'restored') AS restored_on,
       max(e.event_on) FILTER (WHERE e.event = 'checked') AS checked_on,
       a.applicant_type, a.applicant_person_id, a.priority_on
  FROM ip_application a
  LEFT JOIN person_visible p ON p.id = a.applicant_person_id
  LEFT JOIN ip_event e ON e.province_code = a.province_code AND e.application_number = a.application_number
 GROUP BY a.province_code, a.application_number, p.name;
GRANT SELECT ON ip_canonical TO khcn_viewer;

CREATE OR REPLACE VIEW gi_canonical WITH (security_invoker = true) AS
SELECT province_code, certificate_number, name, product, granted_on, decision, managing_org,
       area, application_number, cancelled_on
  FROM gi_certificate;
GRANT SELECT ON gi_canonical TO khcn_viewer;

CREATE OR REPLACE FUNCTION ip_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, kind text, application_number text, filed_on date, title text,
    applicant_tax_code text, applicant_name text, ipc text[],
    published_on date, examination_requested_on date, granted_on date, grant_number text, refused_on date,
    withdrawn_on date, lapsed_on date, invalidated_on date, restored_on date, checked_on date,
    applicant_type text, applicant_person_id bigint, priority_on date,
    status text, expires_on date, events json)
LANGUAGE sql STABLE AS $$
SELECT x.province_code, x.kind, x.application_number, x.filed_on, x.title, x.applicant_tax_code,
       -- A person's name as the reader may see it, looked up for the rows that have a person
       -- (a join after the GROUP BY would undo its order and make a list sort its JSON again).
       CASE WHEN x.applicant_person_id IS NULL THEN x.applicant_name
            ELSE coalesce((SELECT p.name FROM person_visible p WHERE p.id = x.applicant_person_id), x.applicant_name) END,
       x.ipc,
       x.published_on, x.examination_requested_on, x.granted_on, x.grant_number, x.refused_on,
       x.withdrawn_on, x.lapsed_on, x.invalidated_on, x.restored_on, x.checked_on,
       x.applicant_type, x.applicant_person_id, x.priority_on,
       CASE WHEN x.last_reset IS NULL THEN
                CASE WHEN x.examined THEN 'under_examination' WHEN x.published THEN 'published' ELSE 'filed' END
            WHEN x.last_reset = 'granted' OR (x.last_reset = 'lapsed' AND x.last_reset_or_restore = 'restored') THEN
                CASE WHEN d > x.expires_on THEN 'expired' ELSE 'granted' END
            ELSE x.last_reset END,
       x.expires_on, x.events
  FROM (SELECT a.province_code, a.kind, a.application_number, a.filed_on, a.title, a.applicant_tax_code,
               a.applicant_name, a.ipc, a.applicant_type, a.applicant_person_id, a.priority_on,
               max(e.event_on) FILTER (WHERE e.event = 'published') AS published_on,
               max(e.event_on) FILTER (WHERE e.event = 'examination-requested') AS examination_requested_on,
               max(e.event_on) FILTER (WHERE e.event = 'granted') AS granted_on,
               max(e.grant_number) FILTER (WHERE e.event = 'granted') AS grant_number,
               max(e.event_on) FILTER (WHERE e.event = 'refused') AS refused_on,
               max(e.event_on) FILTER (WHERE e.event = 'withdrawn') AS withdrawn_on,
               max(e.event_on) FILTER (WHERE e.event = 'lapsed') AS lapsed_on,
               max(e.event_on) FILTER (WHERE e.event = 'invalidated') AS invalidated_on,
               max(e.event_on) FILTER (WHERE e.event = 'restored') AS restored_on,
               max(e.event_on) FILTER (WHERE e.event = 'checked') AS checked_on,
               (array_agg(e.event ORDER BY e.event_on DESC, e.id DESC)
                    FILTER (WHERE e.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated')))[1] AS last_reset,
               (array_agg(e.event ORDER BY e.event_on DESC, e.id DESC)
                    FILTER (WHERE e.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated', 'restored')))[1]
                   AS last_reset_or_restore,
               coalesce(bool_or(e.event = 'examination-requested'), false) AS examined,
               coalesce(bool_or(e.event = 'published'), false) AS published,
               ip_expires_on(a.kind, a.filed_on) AS expires_on,
               coalesce(json_agg(json_build_object('event', e.event, 'on', e.event_on, 'grant_number', e.grant_number)
                                 ORDER BY e.event_on, e.id) FILTER (WHERE e.id IS NOT NULL), '[]') AS events
          FROM ip_application a
          LEFT JOIN ip_event e
            ON e.province_code = a.province_code AND e.application_number = a.application_number AND e.event_on <= d
         WHERE a.province_code = p_province AND a.filed_on <= d
         GROUP BY a.province_code, a.application_number) AS x
$$;

-- S&T enterprise certificates issued on or before D. A revocation or invalidation dated after
-- D had not happened yet: its date, reason and kind are hidden and the status is `valid`.
-- Amendments and re-issues only up to D.
CREATE OR REPLACE FUNCTION certificate_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, tax_code text, certificate_number text, issued_on date, issuer text, basis text,
    revoked_on date, revoke_reason text, revocation_kind text, status text, results text[], amendments json)
LANGUAGE sql STABLE AS $$
SELECT c.province_code, c.tax_code, c.certificate_number, c.issued_on, c.issuer, c.basis,
       CASE WHEN c.revoked_on <= d THEN c.revoked_on END,
       CASE WHEN c.revoked_on <= d THEN c.revoke_reason END,
       CASE WHEN c.revoked_on <= d THEN c.revocation_kind END,
       CASE WHEN c.revoked_on <= d THEN c.revocation_kind ELSE 'valid' END,
       c.results,
       coalesce((SELECT json_agg(json_build_object('on', m.amended_on, 'kind', m.kind, 'description', m.description,
                                                   'decision', m.decision) ORDER BY m.amended_on, m.kind)
                   FROM st_certificate_amendment m
                  WHERE m.province_code = c.province_code AND m.certificate_number = c.certificate_number
                    AND m.amended_on <= d), '[]')
  FROM st_certificate c
 WHERE c.province_code = p_province AND c.issued_on <= d
$$;

-- Funds established on or before D; a notification or closure dated after D is hidden.
-- An allocation of year Y stands from 1 January of Y: it is that fiscal year's money, set aside
-- from the year's income (CIT Law art. 17, Circular 67/2022/TT-BTC), and its amounts
-- (allocated, spent) carry no date of their own; the report's receipt shows from its date.
CREATE OR REPLACE FUNCTION fund_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, tax_code text, established_on date, decision text, capital bigint, notified_on date,
    closed_on date, status text, allocations json)
LANGUAGE sql STABLE AS $$
SELECT f.province_code, f.tax_code, f.established_on, f.decision, f.capital,
       CASE WHEN f.notified_on <= d THEN f.notified_on END,
       CASE WHEN f.closed_on <= d THEN f.closed_on END,
       CASE WHEN f.closed_on <= d THEN 'closed' ELSE 'open' END,
       coalesce((SELECT json_agg(json_build_object(
                            'tax_code', x.tax_code, 'established_on', x.established_on, 'year', x.year,
                            'allocated', x.allocated,
                            'spent', x.spent,
                            'report_received_on', CASE WHEN x.report_received_on <= d THEN x.report_received_on END)
                        ORDER BY x.year)
                   FROM st_fund_allocation x
                  WHERE x.province_code = f.province_code AND x.tax_code = f.tax_code
                    AND x.established_on = f.established_on AND make_date(x.year, 1, 1) <= d), '[]')
  FROM st_fund f
 WHERE f.province_code = p_province AND f.established_on <= d
$$;

-- Geographical indications granted on or before D; a cancellation dated after D is hidden.
CREATE OR REPLACE FUNCTION gi_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, certificate_number text, name text, product text, granted_on date, decision text,
    managing_org text, area text, application_number text, cancelled_on date, status text)
LANGUAGE sql STABLE AS $$
SELECT g.province_code, g.certificate_number, g.name, g.product, g.granted_on, g.decision, g.managing_org, g.area,
       g.application_number,
       CASE WHEN g.cancelled_on <= d THEN g.cancelled_on END,
       CASE WHEN g.cancelled_on <= d THEN 'cancelled' ELSE 'protected' END
  FROM gi_certificate g
 WHERE g.province_code = p_province AND g.granted_on <= d
$$;

CREATE OR REPLACE VIEW ip_fee_canonical WITH (security_invoker = true) AS
SELECT province_code, application_number, year, paid_on FROM ip_fee_payment;
GRANT SELECT ON ip_fee_canonical TO khcn_viewer;

CREATE OR REPLACE VIEW gi_manager_canonical WITH (security_invoker = true) AS
SELECT province_code, certificate_number, managing_org, from_on, decision FROM gi_manager;
GRANT SELECT ON gi_manager_canonical TO khcn_viewer;

CREATE OR REPLACE VIEW gi_user_canonical WITH (security_invoker = true) AS
SELECT province_code, certificate_number, tax_code, from_on, until_on, decision FROM gi_user;
GRANT SELECT ON gi_user_canonical TO khcn_viewer;

