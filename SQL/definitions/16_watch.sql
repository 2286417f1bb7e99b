-- Definitions watch: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- The rules are national law, not a province's record: no province code, no audit rows (the
-- audit trail is per province); they change only through a later migration, which is the record.

-- A managing organisation that is a district-level People's Committee (abolished 1 July 2025):
-- "UBND huyện/quận/thị xã …" or "UBND thành phố X" where X is not a centrally-run city
-- (compared without case or diacritics; "Ủy ban nhân dân" and "TP." are read too).
CREATE OR REPLACE FUNCTION khcn_is_district_committee(org text, cities text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce((
    SELECT m IS NOT NULL
       AND (m[1] NOT IN ('thanh pho', 'tp', 'tp.')
            OR NOT EXISTS (SELECT 1 FROM unnest(cities) c WHERE m[2] = khcn_fold(c) OR m[2] LIKE khcn_fold(c) || ' %'))
      FROM (SELECT regexp_match(khcn_fold(org),
                   '^\s*(?:ubnd|uy ban nhan dan)\s+(huyen|quan|thi xa|thanh pho|tp\.?)\s*(.*?)\s*$') AS m) x), false);

-- 6. The watch list on D (contract §10): every obligation overdue on D (due_on < D) or due
--    within `within` days (D ≤ due_on ≤ D + within), each from the rule row that governs its due
--    date. One set-based pass per rule over the state of the records on D (events, notices,
--    reports dated after D are not yet known, as in 0013).
-- 4. The watch list on D (0027): funds and GIs drawn from their state on D, the GI's manager
--    from gi_manager_on.
CREATE OR REPLACE FUNCTION khcn_watch(p_province text, d date, within integer DEFAULT 90, p_kind text DEFAULT NULL)
RETURNS TABLE (rule text, kind text, key text, tax_code text, name text, due_on date, state text,
               title text, title_en text, basis text, basis_en text, action text, action_en text,
               details jsonb, sort_order integer)
LANGUAGE sql STABLE AS $$
WITH ip AS (
    -- IP stays 0027's pass over the events, which skips `checked` and `published`: ip_as_of here
    -- made the watch list a third slower (SQL/0031 notes); `titles` is ip_as_of's `granted`.
    SELECT a.application_number, a.kind AS ip_kind, a.filed_on, a.priority_on, a.applicant_tax_code,
           -- a person applicant's name as the login may see it (initials for a viewer, SQL/0023)
           coalesce((SELECT p.name FROM person_visible p WHERE p.id = a.applicant_person_id), a.applicant_name) AS applicant_name,
           ip_expires_on(a.kind, a.filed_on) AS expires_on,
           coalesce(bool_or(e.event IN ('examination-requested', 'granted', 'refused', 'withdrawn')), false) AS acted,
           max(e.event_on) FILTER (WHERE e.event = 'granted') AS granted_on,
           max(e.grant_number) FILTER (WHERE e.event = 'granted') AS grant_number,
           (array_agg(e.event ORDER BY e.event_on DESC, e.id DESC)
                FILTER (WHERE e.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated')))[1] AS last_reset,
           (array_agg(e.event ORDER BY e.event_on DESC, e.id DESC)
                FILTER (WHERE e.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated', 'restored')))[1] AS last_change
      FROM ip_application a
      LEFT JOIN ip_event e
        ON e.province_code = a.province_code AND e.application_number = a.application_number
       AND e.event_on <= d AND e.event NOT IN ('checked', 'published')
     WHERE a.province_code = p_province AND a.filed_on <= d AND (p_kind IS NULL OR p_kind = 'ip')
     GROUP BY a.province_code, a.application_number),
titles AS (   -- in force on D (the status `granted` of ip_as_of)
    SELECT * FROM ip
     WHERE (last_reset = 'granted' OR (last_reset = 'lapsed' AND last_change = 'restored')) AND d <= expires_on),
items AS (
    SELECT r.code, ip.application_number AS key, ip.applicant_tax_code AS tax_code, ip.applicant_name AS name,
           khcn_add_months(coalesce(ip.priority_on, ip.filed_on), r.months) AS due_on, r,
           jsonb_build_object('counted_from', coalesce(ip.priority_on, ip.filed_on),
                              'from', CASE WHEN ip.priority_on IS NULL THEN 'filing' ELSE 'priority' END,
                              'filed_on', ip.filed_on, 'priority_on', ip.priority_on, 'months', r.months) AS details
      FROM ip JOIN watch_rule r ON r.code = 'ip-examination-request' AND r.subject = ip.ip_kind
     WHERE NOT ip.acted
    UNION ALL
    SELECT r.code, t.application_number, t.applicant_tax_code, t.applicant_name, ip_fee_year_starts(t.granted_on, k), r,
           jsonb_build_object('year', k, 'granted_on', t.granted_on, 'grant_number', t.grant_number,
                              'grace_until', khcn_add_months(ip_fee_year_starts(t.granted_on, k), r.months),
                              'lapses_from', ip_fee_year_starts(t.granted_on, k))
      FROM titles t
      JOIN watch_rule r ON r.code = 'ip-annuity'
     CROSS JOIN LATERAL generate_series(2, CASE t.ip_kind WHEN 'invention' THEN 20 ELSE 10 END) AS k
     WHERE ip_fee_year_starts(t.granted_on, k) <= least(t.expires_on, d + within)
       AND NOT EXISTS (SELECT 1 FROM ip_fee_payment p
                        WHERE p.province_code = p_province AND p.application_number = t.application_number
                          AND p.year = k AND p.paid_on <= d)
    UNION ALL
    SELECT r.code, t.application_number, t.applicant_tax_code, t.applicant_name, t.expires_on, r,
           jsonb_build_object('granted_on', t.granted_on, 'grant_number', t.grant_number, 'filed_on', t.filed_on)
      FROM titles t JOIN watch_rule r ON r.code = 'ip-expiry'
     WHERE t.expires_on <= d + within
    UNION ALL
    SELECT r.code, f.tax_code, f.tax_code, NULL, f.established_on + r.days, r,
           jsonb_build_object('established_on', f.established_on, 'decision', f.decision, 'days', r.days)
      FROM fund_as_of(p_province, d) f JOIN watch_rule r ON r.code = 'fund-notification'
     WHERE (p_kind IS NULL OR p_kind = 'fund') AND f.status = 'open' AND f.notified_on IS NULL
    UNION ALL
    SELECT r.code, x.tax_code, x.tax_code, NULL, khcn_add_months(make_date(x.year, 12, 31), r.months), r,
           jsonb_build_object('year', x.year, 'established_on', x.established_on, 'allocated', x.allocated, 'spent', x.spent)
      FROM st_fund_allocation x JOIN watch_rule r ON r.code = 'fund-report'
     WHERE x.province_code = p_province AND (p_kind IS NULL OR p_kind = 'fund')
       AND make_date(x.year, 1, 1) <= d AND (x.report_received_on IS NULL OR x.report_received_on > d)
    UNION ALL
    SELECT r.code, u.tax_code, u.tax_code, NULL, khcn_add_months(make_date(u.year, 12, 31), r.months), r,
           jsonb_build_object('year', u.year, 'established_on', u.established_on, 'allocated', u.allocated,
                              'used', u.used_in_time, 'required', ceil(u.allocated * r.share)::bigint,
                              'short', ceil(u.allocated * r.share)::bigint - u.used_in_time)
      FROM fund_allocation_use(p_province, d) u JOIN watch_rule r ON r.code = 'fund-use-70'
     WHERE (p_kind IS NULL OR p_kind = 'fund') AND u.allocated > 0 AND u.used_in_time < ceil(u.allocated * r.share)
    UNION ALL
    SELECT r.code, g.certificate_number, NULL, g.name, r.due_date, r,
           jsonb_build_object('managing_org', m.org, 'managing_org_on_certificate', g.managing_org, 'product', g.product)
      FROM gi_as_of(p_province, d) g
     CROSS JOIN LATERAL (SELECT gi_manager_on(p_province, g.certificate_number, d) AS org) m
      JOIN watch_rule r ON r.code = 'gi-manager'
     WHERE (p_kind IS NULL OR p_kind = 'gi') AND g.status = 'protected'
       AND khcn_is_district_committee(m.org, r.names))
SELECT i.code, (i.r).kind, i.key, i.tax_code, coalesce(e.name, i.name), i.due_on,
       CASE WHEN i.due_on < d THEN 'overdue' ELSE 'due' END,
       (i.r).title, (i.r).title_en, (i.r).basis, (i.r).basis_en, (i.r).action, (i.r).action_en,
       i.details || jsonb_build_object('weekend', extract(isodow FROM i.due_on) >= 6),
       (i.r).sort_order
  FROM items i
  LEFT JOIN enterprise e ON e.province_code = p_province AND e.tax_code = i.tax_code
 WHERE i.due_on <= d + within
   AND i.due_on >= (i.r).applies_from AND (i.due_on <= (i.r).applies_until OR (i.r).applies_until IS NULL)
$$;

-- The list in the contract's order: overdue first, then by due date (the same thing, since an
-- overdue item is due before D), then by rule and key.
CREATE OR REPLACE FUNCTION khcn_watch_overdue(p_province text, d date) RETURNS bigint
LANGUAGE sql STABLE
RETURN (SELECT count(*) FROM khcn_watch(p_province, d, 0) w WHERE w.state = 'overdue');

