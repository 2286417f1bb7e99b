-- Definitions targets: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- The records a computed target counts on date d: (key, label, date that put it in the count).
-- Labels (names, titles) are looked up only when asked for: counting needs none.
-- 0029 The plan's progress counted with the owner's rights, so that a clerk gets it as fast as
-- the superuser (contract §8: `khcn progress` within 5× of `psql -c 'select 1'`).
--
-- The counting functions of SQL/0011 run one PL/pgSQL statement per target and date; as a
-- clerk, row-level security (SQL/0020) adds the policy's `province_code = ANY (…)` to each of
-- them, and its InitPlan, to every count (as a clerk on a generated registry of 200,000
-- enterprises, all of one province: median 145 ms against the superuser's 114 ms; more where the
-- tables hold other provinces). Run as the owner, which bypasses row-level security, they read
-- what the superuser reads. (The overdue count beside the targets, khcn_watch_overdue, costs the
-- same as a clerk and as the superuser: its time is its own work, not the policy's.)
--
-- What they may read stays what the session may see (the pattern of SQL/0026 and 0028): for a
-- province not granted to the session's login they return nothing at once, as before (the
-- policy then hid the province's targets, so the loop and every count found no rows). The
-- labels are the names of the province's own records, which the login may read anyway.

-- 3. The records a computed target counts on D (0011), each kind's state read from its as-of
--    function: one function per target, the one home of what it counts, for the list
--    (khcn_target_counted) and for the count (khcn_target_value). LANGUAGE sql, so that the
--    planner inlines it into the count, which then reads no label and no column it does not
--    need (issue 15: the figures of `khcn progress` at 1,000,000 enterprises; counting the
--    rows of the list through PL/pgSQL's RETURN QUERY cost ~20 ms per 50,000 records).
-- st-enterprises: first certificate issued in [baseline, d], and a certificate valid on d. Only
-- the enterprises with a certificate issued in [baseline, d] can count (an index range, SQL/0037:
-- the baseline's own count reads a handful instead of every certificate). From today on no
-- certificate is issued or revoked after d, so the state kept per enterprise with every
-- certificate recorded (st_certificate_holder, SQL/0041) is the state on d: an index range.
CREATE OR REPLACE FUNCTION khcn_target_st_enterprises(p_province text, d date, baseline date, with_labels boolean)
RETURNS TABLE (key text, label text, counted_on date)
LANGUAGE sql STABLE AS $$
SELECT f.tax_code,
       CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = f.tax_code) END,
       f.first_issued
  FROM (SELECT c.tax_code, min(c.issued_on) AS first_issued, bool_or(c.status = 'valid') AS holds_one
          FROM certificate_as_of(p_province, d) c
         WHERE c.tax_code IN (SELECT n.tax_code FROM st_certificate n
                               WHERE n.province_code = p_province AND n.issued_on BETWEEN baseline AND d)
         GROUP BY c.tax_code) f
 WHERE d < khcn_today() AND f.first_issued BETWEEN baseline AND d AND f.holds_one
UNION ALL
SELECT h.tax_code,
       CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = h.tax_code) END,
       h.first_issued_on
  FROM st_certificate_holder h
 WHERE d >= khcn_today() AND h.province_code = p_province AND h.first_issued_on BETWEEN baseline AND d AND h.holds_valid
$$;

-- st-funds: an enterprise with a fund open on d ("trên 30": more than 30). One row per open fund:
-- an enterprise has at most one fund open on any day (st_fund_one_open_per_enterprise), so this
-- is one row per enterprise without grouping them (SQL/0037 grouped them bytewise; now the
-- count is one pass over the funds).
CREATE OR REPLACE FUNCTION khcn_target_st_funds(p_province text, d date, with_labels boolean)
RETURNS TABLE (key text, label text, counted_on date)
LANGUAGE sql STABLE AS $$
SELECT f.tax_code,
       CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = f.tax_code) END,
       f.established_on
  FROM fund_as_of(p_province, d) f
 WHERE f.status = 'open'
$$;

-- ip-filings, by its rule: `granted`, grants dated in [baseline, d] (events counted, not a
-- state; the application is read only for its title: every event has its application, a
-- foreign key); else `filed`, filed in [baseline, d] less those withdrawn by d.
CREATE OR REPLACE FUNCTION khcn_target_ip_filings(p_province text, d date, baseline date, rule text, with_labels boolean)
RETURNS TABLE (key text, label text, counted_on date)
LANGUAGE sql STABLE AS $$
SELECT g.application_number,
       CASE WHEN with_labels THEN (SELECT a.title FROM ip_application a
                                    WHERE a.province_code = p_province AND a.application_number = g.application_number) END,
       g.event_on
  FROM ip_event g
 WHERE rule = 'granted' AND g.province_code = p_province AND g.event = 'granted' AND g.event_on BETWEEN baseline AND d
UNION ALL
SELECT a.application_number, CASE WHEN with_labels THEN a.title END, a.filed_on
  FROM ip_application a
 WHERE rule IS DISTINCT FROM 'granted' AND a.province_code = p_province AND a.filed_on BETWEEN baseline AND d
   AND NOT EXISTS (SELECT 1 FROM ip_event w
                    WHERE w.province_code = a.province_code AND w.application_number = a.application_number
                      AND w.event = 'withdrawn' AND w.event_on <= d)
$$;

-- gi-products: the GIs protected on d.
CREATE OR REPLACE FUNCTION khcn_target_gi_products(p_province text, d date, with_labels boolean)
RETURNS TABLE (key text, label text, counted_on date)
LANGUAGE sql STABLE AS $$
SELECT g.certificate_number, CASE WHEN with_labels THEN g.name || ' – ' || g.product END, g.granted_on
  FROM gi_as_of(p_province, d) g
 WHERE g.status = 'protected'
$$;

-- The records listed (0011, with 0029's guard and owner's rights); `p_rule` overrides the
-- target's own (ip-filings: `filed` or `granted`).
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
    WHEN 'st-enterprises' THEN RETURN QUERY SELECT * FROM khcn_target_st_enterprises(p_province, d, t.baseline_date, with_labels);
    WHEN 'st-funds' THEN RETURN QUERY SELECT * FROM khcn_target_st_funds(p_province, d, with_labels);
    WHEN 'ip-filings' THEN RETURN QUERY SELECT * FROM khcn_target_ip_filings(p_province, d, t.baseline_date, coalesce(p_rule, t.rule), with_labels);
    WHEN 'gi-products' THEN RETURN QUERY SELECT * FROM khcn_target_gi_products(p_province, d, with_labels);
    ELSE RETURN;
    END CASE;
END $$;
REVOKE ALL ON FUNCTION khcn_target_counted(text,text,date,text,boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_target_counted(text,text,date,text,boolean) TO khcn_viewer;

-- The figure: the same records counted, not listed.
CREATE OR REPLACE FUNCTION khcn_target_value(p_province text, p_code text, d date, p_rule text DEFAULT NULL) RETURNS numeric
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    t target;
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN 0; END IF;
    SELECT * INTO t FROM target WHERE province_code = p_province AND code = p_code;
    IF NOT FOUND OR NOT t.computed THEN RETURN 0; END IF;
    RETURN CASE p_code
        WHEN 'st-enterprises' THEN (SELECT count(*) FROM khcn_target_st_enterprises(p_province, d, t.baseline_date, false))
        WHEN 'st-funds' THEN (SELECT count(*) FROM khcn_target_st_funds(p_province, d, false))
        WHEN 'ip-filings' THEN (SELECT count(*) FROM khcn_target_ip_filings(p_province, d, t.baseline_date, coalesce(p_rule, t.rule), false))
        WHEN 'gi-products' THEN (SELECT count(*) FROM khcn_target_gi_products(p_province, d, false))
        ELSE 0 END;
END $$;
REVOKE ALL ON FUNCTION khcn_target_value(text,text,date,text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_target_value(text,text,date,text) TO khcn_viewer;

-- Contract §7 status, first rule that applies. B = value at baseline, C = value on d,
-- T = smallest value that meets the target (threshold, or threshold + 1 for "trên"),
-- e = elapsed share of the period; years = days / 365.25.
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

-- Every target on date d: one row per target with its value and status (manual targets:
-- the last observation on or before d, status 'manual').
CREATE OR REPLACE FUNCTION khcn_progress(p_province text, d date)
RETURNS TABLE (code text, baseline_value numeric, value numeric, projection numeric, status text,
               filed numeric, granted numeric, observed_on date, source text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    t target;
    b numeric;
    c numeric;
    o target_observation;
BEGIN
    IF NOT khcn_session_sees_province(p_province) THEN RETURN; END IF;
    FOR t IN SELECT * FROM target WHERE province_code = p_province ORDER BY sort_order LOOP
        code := t.code;
        filed := NULL; granted := NULL; observed_on := NULL; source := NULL; projection := NULL;
        IF t.computed THEN
            b := khcn_target_value(p_province, t.code, t.baseline_date);
            c := khcn_target_value(p_province, t.code, d);
            baseline_value := b;
            value := c;
            SELECT s.status, s.projection INTO status, projection
              FROM khcn_target_status(t.comparator, t.threshold, t.baseline_date, t.deadline, b, c, d) s;
            IF t.code = 'ip-filings' THEN   -- the target's own rule is already counted (SQL/0037)
                filed := CASE WHEN coalesce(t.rule, 'filed') = 'filed' THEN c ELSE khcn_target_value(p_province, t.code, d, 'filed') END;
                granted := CASE WHEN t.rule = 'granted' THEN c ELSE khcn_target_value(p_province, t.code, d, 'granted') END;
            END IF;
        ELSE
            SELECT * INTO o FROM target_observation x
             WHERE x.province_code = p_province AND x.code = t.code AND x.observed_on <= d
             ORDER BY x.observed_on DESC LIMIT 1;
            baseline_value := NULL;
            value := o.value;
            observed_on := o.observed_on;
            source := o.source;
            status := 'manual';
        END IF;
        RETURN NEXT;
    END LOOP;
END $$;
REVOKE ALL ON FUNCTION khcn_progress(text,date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khcn_progress(text,date) TO khcn_viewer;

-- 2. "Trên 30" (more than 30) is met from 31 on: the smallest value that meets a target,
--    decided here for the progress status (below) and for the bars and charts khcn draws
--    (Targets.list reads it). Only a count moves up by one: "trên 60%" is met by 60.5%.
CREATE OR REPLACE FUNCTION khcn_target_goal(comparator text, threshold numeric, unit text) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN comparator = '>' AND unit = 'count' THEN threshold + 1 ELSE threshold END;

