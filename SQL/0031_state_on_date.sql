-- 0031 One home for "the state of a record on date D" (issue 13): the as-of function of its
-- kind decides it.
--   certificate_as_of (0013)  status valid | revoked | invalidated
--   fund_as_of (0013)         status open | closed; notified_on hidden until its date
--   gi_as_of (0013)           status protected | cancelled
--   gi_manager_on (0027)      the organisation managing a GI on D
-- Lists and shows already read them; here the plan's counting (0011, 0029) and the watch list
-- (0027) read them too instead of re-deciding the state from the dates. They are LANGUAGE sql
-- and STABLE, so the planner inlines them and never computes a column nobody reads (the
-- amendments, the allocations): same results, same speed. Exports write the stored columns
-- (0009), not a state.
-- IP keeps two forms of its one rule, measured rather than merged: ip_as_of (0027), set-based,
-- for lists, shows and ip_fees_as_of; ip_status_on (0013), a replay of one application's
-- events, for the event trigger (0026) and `person show`, about twice as cheap per call (as
-- ip_as_of the import of the 200,000-row bench's 107,000 events took ~0.2 ms more per event);
-- AsOfPropertyTests checks the two agree on random histories. The watch list keeps its own
-- pass over the events too (it skips `checked` and `published`; through ip_as_of it ran a
-- third slower), its `titles` being ip_as_of's `granted`. The plan's ip-filings counts
-- events (filings less withdrawals, grants), not a status.

-- 1. The certificate's status on D was written a third time (0005) and never called.
DROP FUNCTION st_certificate_status_on(st_certificate, date);

-- 2. "Trên 30" (more than 30) is met from 31 on: the smallest value that meets a target,
--    decided here for the progress status (below) and for the bars and charts khcn draws
--    (Targets.list reads it). Only a count moves up by one: "trên 60%" is met by 60.5%.
CREATE FUNCTION khcn_target_goal(comparator text, threshold numeric, unit text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN comparator = '>' AND unit = 'count' THEN threshold + 1 ELSE threshold END;

-- Contract §7 status, as 0011 wrote it, with T from khcn_target_goal. A status is computed for
-- the targets the registry counts, whose unit is `count`; the others are `manual`.
CREATE OR REPLACE FUNCTION khcn_target_status(
    comparator text, threshold numeric, baseline_date date, deadline date, b numeric, c numeric, d date,
    OUT status text, OUT projection numeric)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    met boolean := CASE comparator WHEN '>' THEN c > threshold ELSE c >= threshold END;
    t numeric := khcn_target_goal(comparator, threshold, 'count');
    e numeric := (d - baseline_date)::numeric / (deadline - baseline_date);
    years_since numeric := (d - baseline_date) / 365.25;
    years_to numeric := (deadline - d) / 365.25;
BEGIN
    projection := CASE WHEN c > b AND years_since > 0 THEN c + (c - b) / years_since * years_to END;
    status := CASE
        WHEN d >= deadline THEN CASE WHEN met THEN 'achieved' ELSE 'missed' END
        WHEN met THEN 'achieved'
        WHEN c < b THEN 'regressing'
        WHEN c > b AND (projection >= t OR (c - b) / (t - b) >= 0.95 * e) THEN 'on_track'
        WHEN c > b THEN 'needs_acceleration'
        WHEN e < 0.25 THEN 'too_early'
        ELSE 'stalled' END;
END $$;

-- 3. The records a computed target counts on D (0011, with 0029's guard and owner's rights),
--    each kind's state read from its as-of function.
CREATE OR REPLACE FUNCTION khcn_target_counted(p_province text, p_code text, d date, p_rule text DEFAULT NULL, with_labels boolean DEFAULT true)
RETURNS TABLE (key text, label text, counted_on date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    t target;
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN; END IF;
    SELECT * INTO t FROM target WHERE province_code = p_province AND code = p_code;
    IF NOT FOUND OR NOT t.computed THEN RETURN; END IF;
    CASE p_code
    WHEN 'st-enterprises' THEN
        -- First certificate issued in [baseline, d], and a certificate valid on d.
        RETURN QUERY
        SELECT f.tax_code,
               CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = f.tax_code) END,
               f.first_issued
          FROM (SELECT c.tax_code, min(c.issued_on) AS first_issued, bool_or(c.status = 'valid') AS holds_one
                  FROM certificate_as_of(p_province, d) c
                 GROUP BY c.tax_code) f
         WHERE f.first_issued BETWEEN t.baseline_date AND d AND f.holds_one;
    WHEN 'st-funds' THEN
        -- A fund open on d ("trên 30": more than 30).
        RETURN QUERY
        SELECT f.tax_code,
               CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = f.tax_code) END,
               max(f.established_on)
          FROM fund_as_of(p_province, d) f
         WHERE f.status = 'open'
         GROUP BY f.tax_code;
    WHEN 'ip-filings' THEN
        IF coalesce(p_rule, t.rule) = 'granted' THEN
            -- Grants dated in [baseline, d]: events counted, not a state.
            RETURN QUERY
            SELECT a.application_number, a.title, g.event_on
              FROM ip_application a JOIN ip_event g USING (province_code, application_number)
             WHERE a.province_code = p_province AND g.event = 'granted' AND g.event_on BETWEEN t.baseline_date AND d;
        ELSE
            -- Filed in [baseline, d], less those withdrawn by d: events counted, not a state.
            RETURN QUERY
            SELECT a.application_number, a.title, a.filed_on
              FROM ip_application a
             WHERE a.province_code = p_province AND a.filed_on BETWEEN t.baseline_date AND d
               AND NOT EXISTS (SELECT 1 FROM ip_event w
                                WHERE w.province_code = a.province_code AND w.application_number = a.application_number
                                  AND w.event = 'withdrawn' AND w.event_on <= d);
        END IF;
    WHEN 'gi-products' THEN
        RETURN QUERY
        SELECT g.certificate_number, g.name || ' – ' || g.product, g.granted_on
          FROM gi_as_of(p_province, d) g
         WHERE g.status = 'protected';
    ELSE
        RETURN;
    END CASE;
END $$;

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
