-- 0013 Records as they stood on a date D (contract §5 `--as-of`): every field that a later
-- event wrote is hidden, so that "as of 2023-01-01" never shows a 2024 grant number or a 2026
-- "last checked". One function per kind, set-based (one pass over the events, no per-record
-- replay), LANGUAGE sql and STABLE so that the planner inlines it and a filter on the key
-- (`ip show N --as-of D`) reaches the tables' indexes. Today's view is the same function with
-- D = today: events are never dated in the future, so nothing is hidden then.
-- A record that did not exist on D (filed, issued, established or granted after D) is absent.

-- Civil Code art. 147–148 (contract §4): a title is in force through `expires_on` and expired
-- from the next day; 0007 switched to `expired` one day early. Same replay otherwise (the
-- life-cycle trigger keeps calling it).
CREATE OR REPLACE FUNCTION ip_status_on(p_province text, p_number text, d date) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
    app ip_application;
    e record;
    status text := 'filed';
BEGIN
    SELECT * INTO app FROM ip_application WHERE province_code = p_province AND application_number = p_number;
    IF NOT FOUND OR app.filed_on > d THEN RETURN NULL; END IF;
    FOR e IN SELECT event FROM ip_event
              WHERE province_code = p_province AND application_number = p_number AND event_on <= d
              ORDER BY event_on, id LOOP
        status := CASE e.event
            WHEN 'published' THEN CASE WHEN status = 'filed' THEN 'published' ELSE status END
            WHEN 'examination-requested' THEN CASE WHEN status IN ('filed', 'published') THEN 'under_examination' ELSE status END
            WHEN 'granted' THEN 'granted'
            WHEN 'refused' THEN 'refused'
            WHEN 'withdrawn' THEN 'withdrawn'
            WHEN 'lapsed' THEN 'lapsed'
            WHEN 'invalidated' THEN 'invalidated'
            WHEN 'restored' THEN CASE WHEN status = 'lapsed' THEN 'granted' ELSE status END
            ELSE status END;   -- checked changes nothing
    END LOOP;
    IF status = 'granted' AND d > ip_expires_on(app.kind, app.filed_on) THEN
        status := 'expired';
    END IF;
    RETURN status;
END $$;

-- IP applications filed on or before D: the canonical columns of ip_canonical (0009) counting
-- only events dated on or before D (each event column is its latest such date, the grant
-- number only once granted), the status on D, the expiry, and the events up to D.
-- The status is the one ip_status_on's replay reaches, read from aggregates: granted, refused,
-- withdrawn, lapsed and invalidated set the status whatever came before ("resets"); the
-- other events only move it on from particular states. So after the last reset only a later
-- `restored` (lapsed → granted) changes anything; with no reset, examination-requested beats
-- published beats filed; and a granted title is expired after `expires_on`.
CREATE FUNCTION ip_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, kind text, application_number text, filed_on date, title text,
    applicant_tax_code text, applicant_name text, ipc text[],
    published_on date, examination_requested_on date, granted_on date, grant_number text, refused_on date,
    withdrawn_on date, lapsed_on date, invalidated_on date, restored_on date, checked_on date,
    status text, expires_on date, events json)
LANGUAGE sql STABLE AS $$
SELECT x.province_code, x.kind, x.application_number, x.filed_on, x.title, x.applicant_tax_code, x.applicant_name, x.ipc,
       x.published_on, x.examination_requested_on, x.granted_on, x.grant_number, x.refused_on,
       x.withdrawn_on, x.lapsed_on, x.invalidated_on, x.restored_on, x.checked_on,
       CASE WHEN x.last_reset IS NULL THEN
                CASE WHEN x.examined THEN 'under_examination' WHEN x.published THEN 'published' ELSE 'filed' END
            WHEN x.last_reset = 'granted' OR (x.last_reset = 'lapsed' AND x.last_reset_or_restore = 'restored') THEN
                CASE WHEN d > x.expires_on THEN 'expired' ELSE 'granted' END
            ELSE x.last_reset END,
       x.expires_on, x.events
  FROM (SELECT a.province_code, a.kind, a.application_number, a.filed_on, a.title, a.applicant_tax_code,
               a.applicant_name, a.ipc,
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
CREATE FUNCTION certificate_as_of(p_province text, d date)
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
CREATE FUNCTION fund_as_of(p_province text, d date)
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
CREATE FUNCTION gi_as_of(p_province text, d date)
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
