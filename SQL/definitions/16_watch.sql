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

-- What an application's events up to D say, as the watch rules read them (`checked` and
-- `published` change nothing here): acted on (examination requested, or decided), the grant's
-- date and number, and the last event that resets its life and the last change (a title is in
-- force when the last reset is `granted`, or `lapsed` and then `restored`: ip_as_of's `granted`).
-- The one home of this reading for the list on any D (khcn_watch_on) and the state kept for
-- today (ip_watch_state_now); inlined by the planner (one SQL statement, no SET).
CREATE OR REPLACE FUNCTION ip_events_read(p_province text, p_application text, d date)
RETURNS TABLE (acted boolean, granted_on date, grant_number text, last_reset text, last_change text)
LANGUAGE sql STABLE AS $$
SELECT coalesce(bool_or(v.event IN ('examination-requested', 'granted', 'refused', 'withdrawn')), false),
       max(v.event_on) FILTER (WHERE v.event = 'granted'),
       max(v.grant_number) FILTER (WHERE v.event = 'granted'),
       (array_agg(v.event ORDER BY v.event_on DESC, v.id DESC)
            FILTER (WHERE v.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated')))[1],
       (array_agg(v.event ORDER BY v.event_on DESC, v.id DESC)
            FILTER (WHERE v.event IN ('granted', 'refused', 'withdrawn', 'lapsed', 'invalidated', 'restored')))[1]
  FROM ip_event v
 WHERE v.province_code = p_province AND v.application_number = p_application AND v.event_on <= d
   AND v.event NOT IN ('checked', 'published')
$$;

-- 6. The watch list on D (contract §10): every obligation overdue on D (due_on < D) or due
--    within `within` days (D ≤ due_on ≤ D + within), each from the rule row that governs its due
--    date. One set-based pass per rule over the state of the records on D (events, notices,
--    reports dated after D are not yet known, as in 0013).
-- 4. The watch list on D (0027): funds and GIs drawn from their state on D, the GI's manager
--    from gi_manager_on.
CREATE OR REPLACE FUNCTION khcn_watch_on(p_province text, d date, within integer DEFAULT 90, p_kind text DEFAULT NULL)
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
           ip_expires_on(a.kind, a.filed_on) AS expires_on, e.acted, e.granted_on, e.grant_number, e.last_reset, e.last_change
      FROM ip_application a
     CROSS JOIN LATERAL ip_events_read(a.province_code, a.application_number, d) e
     WHERE a.province_code = p_province AND a.filed_on <= d AND (p_kind IS NULL OR p_kind = 'ip')),
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

-- 7. The watch list fast from today on (SQL/0036): what the rules read of an application, kept
--    in ip_watch_state; each rule's first candidates from an index; details after the cut.
-- The state computed from the records, one application at a time (a lateral pass, so that a
-- trigger refreshing a few applications reads only theirs).
CREATE OR REPLACE VIEW ip_watch_state_now WITH (security_invoker = true) AS
SELECT x.province_code, x.application_number, x.kind, x.counted_from, x.expires_on, x.acted, x.in_force,
       x.granted_on, x.grant_number, f.k::smallint AS fee_year, ip_fee_year_starts(x.granted_on, f.k) AS fee_due_from
  FROM (SELECT a.province_code, a.application_number, a.kind, coalesce(a.priority_on, a.filed_on) AS counted_from,
               ip_expires_on(a.kind, a.filed_on) AS expires_on, e.acted,
               coalesce(e.last_reset = 'granted' OR (e.last_reset = 'lapsed' AND e.last_change = 'restored'), false) AS in_force,
               e.granted_on, e.grant_number
          FROM ip_application a
         CROSS JOIN LATERAL ip_events_read(a.province_code, a.application_number, 'infinity') e) x
  LEFT JOIN LATERAL (
       SELECT k FROM generate_series(2, CASE x.kind WHEN 'invention' THEN 20 ELSE 10 END) AS k
        WHERE x.in_force AND ip_fee_year_starts(x.granted_on, k) <= x.expires_on
          AND NOT EXISTS (SELECT 1 FROM ip_fee_payment p
                           WHERE p.province_code = x.province_code AND p.application_number = x.application_number AND p.year = k)
        ORDER BY k LIMIT 1) f ON true;

-- The kept state (ip_watch_state here, st_fund_allocation_use of definitions/08_funds.sql,
-- st_certificate_holder of definitions/07_certificates.sql) is
-- derived: `khcn db migrate` calls this after applying any definitions file (the view, or a
-- function it reads such as ip_expires_on or fund_allocation_use, may have changed). Row-level security is forced on these tables, even for
-- their owner: the migrator (a superuser or the owner role) lifts it for this transaction only,
-- and the ACCESS EXCLUSIVE locks that takes keep every writer out until the state is whole.
CREATE OR REPLACE FUNCTION khcn_rebuild_derived() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    source regclass;
    sources regclass[] := ARRAY['ip_application', 'ip_event', 'ip_fee_payment', 'ip_watch_state',
                                'st_fund_allocation', 'st_fund_allocation_use',
                                'st_certificate', 'st_certificate_holder']::regclass[];
BEGIN
    FOREACH source IN ARRAY sources LOOP
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', source);
    END LOOP;
    PERFORM ip_watch_state_fill();
    PERFORM st_certificate_holder_fill();   -- definitions/07_certificates.sql
    PERFORM st_fund_allocation_use_recompute(array_agg(province_code), array_agg(tax_code), array_agg(established_on))
       FROM st_fund;
    FOREACH source IN ARRAY sources LOOP
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', source);
    END LOOP;
END $$;
REVOKE ALL ON FUNCTION khcn_rebuild_derived() FROM PUBLIC;

-- The whole state from the records (the rebuild above, and TRUNCATE of the event or fee table,
-- which only the owner or a superuser may do).
CREATE OR REPLACE FUNCTION ip_watch_state_fill() RETURNS void
LANGUAGE sql AS $$
DELETE FROM ip_watch_state;
INSERT INTO ip_watch_state SELECT * FROM ip_watch_state_now;
$$;

CREATE OR REPLACE FUNCTION ip_watch_state_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ip_watch_state_fill();
    RETURN NULL;
END $$;

-- Kept by statement-level triggers over the rows a statement changed (an import of 100,000
-- events refreshes each application once); the transition table is `changed` (and, for an
-- update, `changed_before`: a renumbered application leaves its old number). With the owner's
-- rights: a clerk reads the state, only these triggers write it.
CREATE OR REPLACE FUNCTION ip_watch_state_refresh() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    -- Two transactions changing one application at once would each compute its state without
    -- the other's rows: the second waits here until the first commits, then reads afresh (NO KEY
    -- UPDATE does not wait for the KEY SHARE locks of the foreign keys: no deadlock).
    PERFORM 1 FROM ip_application a
      JOIN (SELECT DISTINCT province_code, application_number FROM changed) c USING (province_code, application_number)
     ORDER BY a.province_code, a.application_number FOR NO KEY UPDATE OF a;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM ip_watch_state s USING (SELECT DISTINCT province_code, application_number FROM changed_before) c
         WHERE s.province_code = c.province_code AND s.application_number = c.application_number;
    END IF;
    DELETE FROM ip_watch_state s USING (SELECT DISTINCT province_code, application_number FROM changed) c
     WHERE s.province_code = c.province_code AND s.application_number = c.application_number;
    INSERT INTO ip_watch_state
    SELECT v.* FROM (SELECT DISTINCT province_code, application_number FROM changed) c
      JOIN ip_watch_state_now v ON v.province_code = c.province_code AND v.application_number = c.application_number;
    RETURN NULL;
END $$;

-- The same three statement triggers on each table the state is read from.
DO $$
DECLARE
    source text;
BEGIN
    FOREACH source IN ARRAY ARRAY['ip_application', 'ip_event', 'ip_fee_payment'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$s_watch_insert AFTER INSERT ON %1$s '
                       'REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ip_watch_state_refresh()', source);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$s_watch_update AFTER UPDATE ON %1$s '
                       'REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ip_watch_state_refresh()', source);
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$s_watch_delete AFTER DELETE ON %1$s '
                       'REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ip_watch_state_refresh()', source);
    END LOOP;
    -- TRUNCATE ip_application cascades to the state through its foreign key.
    FOREACH source IN ARRAY ARRAY['ip_event', 'ip_fee_payment'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %1$s_watch_truncate AFTER TRUNCATE ON %1$s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ip_watch_state_truncated()', source);
    END LOOP;
END $$;

-- The items of D (on or after today) due by p_bound (and by D + within), from the state of
-- the records now, with the details only when asked for. With p_each: only some items, each
-- rule's from its first p_each candidates in the order of their earliest possible due date
-- (fund-use-70 and gi-manager, which have no such order, give none). Unnamed: the list names
-- the enterprise or person of the few it keeps. `application_number` is the IP item's.
CREATE OR REPLACE FUNCTION khcn_watch_due(p_province text, d date, within integer, p_kind text, p_bound date, p_each bigint, p_details boolean)
RETURNS TABLE (r watch_rule, key text, tax_code text, application_number text, name text, due_on date, details jsonb)
LANGUAGE sql STABLE AS $$
WITH examination AS (
    SELECT s.* FROM ip_watch_state s
     WHERE s.province_code = p_province AND NOT s.acted AND s.counted_from <= p_bound AND (p_kind IS NULL OR p_kind = 'ip')
     ORDER BY s.counted_from LIMIT p_each),
annuity AS (
    SELECT s.* FROM ip_watch_state s
     WHERE s.province_code = p_province AND s.fee_due_from <= p_bound AND d <= s.expires_on AND (p_kind IS NULL OR p_kind = 'ip')
     ORDER BY s.fee_due_from LIMIT p_each),
-- Open on D with no notice by D, no report by D: for D on or after today, none recorded yet.
unnotified AS (
    SELECT f.tax_code, f.established_on, f.decision FROM st_fund f
     WHERE f.province_code = p_province AND f.notified_on IS NULL AND f.closed_on IS NULL AND f.established_on <= p_bound
       AND (p_kind IS NULL OR p_kind = 'fund')
     ORDER BY f.established_on LIMIT p_each),
unreported AS (
    SELECT x.tax_code, x.established_on, x.year, x.allocated, x.spent FROM st_fund_allocation x
     WHERE x.province_code = p_province AND x.report_received_on IS NULL
       AND x.year <= extract(year FROM least(d, p_bound))::integer AND (p_kind IS NULL OR p_kind = 'fund')
     ORDER BY x.year LIMIT p_each),
items AS (
    SELECT r, s.application_number AS key, NULL::text AS tax_code, s.application_number, NULL::text AS name,
           khcn_add_months(s.counted_from, r.months) AS due_on,
           CASE WHEN p_details THEN
               (SELECT jsonb_build_object('counted_from', s.counted_from,
                                          'from', CASE WHEN a.priority_on IS NULL THEN 'filing' ELSE 'priority' END,
                                          'filed_on', a.filed_on, 'priority_on', a.priority_on, 'months', r.months)
                  FROM ip_application a WHERE a.province_code = p_province AND a.application_number = s.application_number) END AS details
      FROM examination s JOIN watch_rule r ON r.code = 'ip-examination-request' AND r.subject = s.kind
    UNION ALL
    SELECT r, t.application_number, NULL, t.application_number, NULL, ip_fee_year_starts(t.granted_on, k),
           CASE WHEN p_details THEN
               jsonb_build_object('year', k, 'granted_on', t.granted_on, 'grant_number', t.grant_number,
                                  'grace_until', khcn_add_months(ip_fee_year_starts(t.granted_on, k), r.months),
                                  'lapses_from', ip_fee_year_starts(t.granted_on, k)) END
      FROM annuity t
      JOIN watch_rule r ON r.code = 'ip-annuity'
     CROSS JOIN LATERAL generate_series(t.fee_year, CASE t.kind WHEN 'invention' THEN 20 ELSE 10 END) AS k
     WHERE ip_fee_year_starts(t.granted_on, k) <= least(t.expires_on, d + within, p_bound)
       AND (k = t.fee_year
            OR NOT EXISTS (SELECT 1 FROM ip_fee_payment p
                            WHERE p.province_code = p_province AND p.application_number = t.application_number AND p.year = k))
    UNION ALL
    SELECT r, t.application_number, NULL, t.application_number, NULL, t.expires_on,
           CASE WHEN p_details THEN
               (SELECT jsonb_build_object('granted_on', t.granted_on, 'grant_number', t.grant_number, 'filed_on', a.filed_on)
                  FROM ip_application a WHERE a.province_code = p_province AND a.application_number = t.application_number) END
      FROM ip_watch_state t JOIN watch_rule r ON r.code = 'ip-expiry'
     WHERE t.province_code = p_province AND t.in_force AND t.expires_on >= d AND t.expires_on <= least(d + within, p_bound)
       AND (p_kind IS NULL OR p_kind = 'ip')
    UNION ALL
    SELECT r, f.tax_code, f.tax_code, NULL, NULL, f.established_on + r.days,
           CASE WHEN p_details THEN jsonb_build_object('established_on', f.established_on, 'decision', f.decision, 'days', r.days) END
      FROM unnotified f JOIN watch_rule r ON r.code = 'fund-notification'
    UNION ALL
    SELECT r, x.tax_code, x.tax_code, NULL, NULL, khcn_add_months(make_date(x.year, 12, 31), r.months),
           CASE WHEN p_details THEN
               jsonb_build_object('year', x.year, 'established_on', x.established_on, 'allocated', x.allocated, 'spent', x.spent) END
      FROM unreported x JOIN watch_rule r ON r.code = 'fund-report'
    UNION ALL
    SELECT r, u.tax_code, u.tax_code, NULL, NULL, khcn_add_months(make_date(u.year, 12, 31), r.months),
           CASE WHEN p_details THEN
               jsonb_build_object('year', u.year, 'established_on', u.established_on, 'allocated', u.allocated,
                                  'used', u.used_in_time, 'required', ceil(u.allocated * r.share)::bigint,
                                  'short', ceil(u.allocated * r.share)::bigint - u.used_in_time) END
      FROM fund_allocation_use(p_province, d, nullif(least(extract(year FROM p_bound), extract(year FROM d))::integer,
                                                      extract(year FROM d)::integer)) u   -- NULL: every fund
      JOIN watch_rule r ON r.code = 'fund-use-70'
     WHERE p_each IS NULL AND (p_kind IS NULL OR p_kind = 'fund') AND u.year <= extract(year FROM p_bound)::integer
       AND EXISTS (SELECT 1 FROM st_fund_allocation b WHERE b.province_code = p_province AND b.year <= extract(year FROM p_bound)::integer)
       AND u.allocated > 0 AND u.used_in_time < ceil(u.allocated * r.share)
    UNION ALL
    SELECT r, g.certificate_number, NULL, NULL, g.name, r.due_date,
           CASE WHEN p_details THEN
               jsonb_build_object('managing_org', m.org, 'managing_org_on_certificate', g.managing_org, 'product', g.product) END
      FROM watch_rule r
     CROSS JOIN gi_as_of(p_province, d) g
     CROSS JOIN LATERAL (SELECT gi_manager_on(p_province, g.certificate_number, d) AS org) m
     WHERE p_each IS NULL AND r.code = 'gi-manager' AND r.due_date <= p_bound AND (p_kind IS NULL OR p_kind = 'gi') AND g.status = 'protected'
       AND khcn_is_district_committee(m.org, r.names))
SELECT i.r, i.key, i.tax_code, i.application_number, i.name, i.due_on, i.details
  FROM items i
 WHERE i.due_on <= least(d + within, p_bound)
   AND i.due_on >= (i.r).applies_from AND (i.due_on <= (i.r).applies_until OR (i.r).applies_until IS NULL)
$$;

-- The watch list on D (contract §10), in its order (overdue first, then by due date, rule and
-- key), its first p_limit items (NULL: all). For D on or after today: a first pass takes each
-- rule's first p_limit candidates; their p_limit-th due date bounds the list's p_limit-th item
-- (they are items, so at least p_limit items are due by it), and the second pass reads only
-- the items due by that date. Before today: khcn_watch_on.
CREATE OR REPLACE FUNCTION khcn_watch(p_province text, d date, within integer DEFAULT 90, p_kind text DEFAULT NULL, p_limit bigint DEFAULT NULL)
RETURNS TABLE (rule text, kind text, key text, tax_code text, name text, due_on date, state text,
               title text, title_en text, basis text, basis_en text, action text, action_en text,
               details jsonb, sort_order integer)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    bound date := d + within;
BEGIN
    IF d < khcn_today() THEN
        RETURN QUERY SELECT w.* FROM khcn_watch_on(p_province, d, within, p_kind) w
                      ORDER BY w.due_on, w.sort_order, w.key COLLATE "C" LIMIT p_limit;
        RETURN;
    END IF;
    IF p_limit > 0 THEN
        bound := coalesce((SELECT i.due_on FROM khcn_watch_due(p_province, d, within, p_kind, bound, p_limit, false) i
                            ORDER BY i.due_on OFFSET p_limit - 1 LIMIT 1), bound);
    END IF;
    -- Named one by one, after the cut (an index lookup each: no pass over every enterprise).
    RETURN QUERY
    SELECT (i.r).code, (i.r).kind, i.key, i.tax_code,
           coalesce((SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = i.tax_code), i.name),
           i.due_on, CASE WHEN i.due_on < d THEN 'overdue' ELSE 'due' END,
           (i.r).title, (i.r).title_en, (i.r).basis, (i.r).basis_en, (i.r).action, (i.r).action_en,
           i.details || jsonb_build_object('weekend', extract(isodow FROM i.due_on) >= 6),
           (i.r).sort_order
      FROM (SELECT x.r, x.key, x.due_on, x.details,
                   CASE WHEN x.application_number IS NULL THEN x.tax_code ELSE a.applicant_tax_code END AS tax_code,
                   CASE WHEN x.application_number IS NULL THEN x.name
                        -- a person applicant's name as the login may see it (initials for a viewer, SQL/0023)
                        ELSE coalesce((SELECT p.name FROM person_visible p WHERE p.id = a.applicant_person_id), a.applicant_name) END AS name
              FROM (SELECT * FROM khcn_watch_due(p_province, d, within, p_kind, bound, NULL, true) y
                     ORDER BY y.due_on, (y.r).sort_order, y.key COLLATE "C" LIMIT p_limit) x
              LEFT JOIN LATERAL (SELECT b.applicant_tax_code, b.applicant_person_id, b.applicant_name FROM ip_application b
                                  WHERE b.province_code = p_province AND b.application_number = x.application_number
                                  LIMIT 1) a ON true) i
     ORDER BY i.due_on, (i.r).sort_order, i.key COLLATE "C";
END $$;

-- The last validity year of a title granted on g that has started by x (0 or less before the
-- grant): the inverse of ip_fee_year_starts, by arithmetic. Year K starts in the calendar year
-- of g plus K − 1, so the answer is that difference plus one, or one less when the start of that
-- year (29 February clamped to the 28th) is still after x.
-- Not STRICT, so that the planner inlines it (null in, null out all the same).
CREATE OR REPLACE FUNCTION ip_fee_year_on(granted_on date, x date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 1 + date_part('year', x)::integer - date_part('year', granted_on)::integer
         - CASE WHEN ip_fee_year_starts(granted_on, 1 + date_part('year', x)::integer - date_part('year', granted_on)::integer) > x
                THEN 1 ELSE 0 END;

-- The years Y whose item "31 December of Y + months" is due before D and within the span
-- [applies_from, applies_until] of a rule row (fund-report, fund-use-70): the due date grows
-- with Y, so the items are those of the years first_year..last_year, and an index on the year
-- reads only them (no month arithmetic per allocation). The span's first year is found from two
-- years before the first one that could reach applies_from.
CREATE OR REPLACE FUNCTION khcn_year_end_items(months integer, applies_from date, applies_until date, d date,
                                               OUT first_year integer, OUT last_year integer)
LANGUAGE sql STABLE AS $$
SELECT min(y) FILTER (WHERE due >= applies_from),
       max(y) FILTER (WHERE due < d AND (due <= applies_until OR applies_until IS NULL))
  FROM generate_series(date_part('year', applies_from)::integer - months / 12 - 2, date_part('year', d)::integer) AS y
 CROSS JOIN LATERAL (SELECT khcn_add_months(make_date(y, 12, 31), months) AS due) x
$$;

-- The number of items overdue on D (D on or after today: what khcn_watch_due lists before D,
-- that is every item of khcn_watch_on whose state is `overdue`), each rule counted without
-- building its items (contract §8: `khcn progress`, which shows this count, within 5× of
-- `psql -c 'select 1'`; issue 15). Building them cost ~240 ms of a 0.5 s `progress` on 200,000
-- enterprises, two thirds of it the ~66,000 annuity items. Per rule row (its span of due dates):
--   ip-annuity: the validity years from the title's first unpaid one (kept in ip_watch_state)
--     to the last started before D and within the span, by arithmetic (ip_fee_year_on), less
--     the later years already paid (out of order: rare, and only those rows are read);
--   ip-expiry: none (an expiry item before D is a title no longer in force on D);
--   fund-use-70: from st_fund_allocation_use (SQL/0037; kept in definitions/08_funds.sql);
--   the others as khcn_watch_due selects them, counted.
-- At 1,000,000 enterprises (issue 15) each count reads only an index (SQL/0041 gives each the
-- columns it reads): PL/pgSQL, so that the statement is planned with D and the province (a
-- LANGUAGE sql body is planned without them and read every title from the heap); the annuity
-- titles are read once, not kept in a CTE and read again (~48,000 rows; the years paid out of
-- order are looked up from the payments' side); fund-use-70 reads only its span of years; the GI rule
-- tests each managing organisation once, not once per GI.
CREATE OR REPLACE FUNCTION khcn_watch_overdue_now(p_province text, d date) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
BEGIN
RETURN (
WITH annuity AS NOT MATERIALIZED (
    SELECT s.application_number, s.fee_year,
           -- a title granted on or after the rule's first day has no year before it (saves
           -- one ip_fee_year_on a title: ~13 ms of 48,000 titles)
           CASE WHEN s.granted_on >= r.applies_from THEN s.fee_year::integer
                ELSE greatest(s.fee_year::integer, ip_fee_year_on(s.granted_on, r.applies_from - 1) + 1) END AS first_year,
           least(CASE s.kind WHEN 'invention' THEN 20 ELSE 10 END,
                 ip_fee_year_on(s.granted_on, least(d - 1, r.applies_until))) AS last_year
      FROM ip_watch_state s JOIN watch_rule r ON r.code = 'ip-annuity'
     WHERE s.province_code = p_province AND s.fee_due_from < d AND d <= s.expires_on),
counts AS (
    SELECT (SELECT coalesce(sum(greatest(0, a.last_year - a.first_year + 1)), 0) FROM annuity a)
         - (SELECT count(*) FROM annuity a JOIN ip_fee_payment p
                ON p.province_code = p_province AND p.application_number = a.application_number
               AND p.year > a.fee_year AND p.year BETWEEN a.first_year AND a.last_year) AS n
    UNION ALL
    SELECT count(*) FROM ip_watch_state s JOIN watch_rule r ON r.code = 'ip-examination-request' AND r.subject = s.kind
     WHERE s.province_code = p_province AND NOT s.acted AND s.counted_from < d
       AND khcn_add_months(s.counted_from, r.months) < d
       AND khcn_add_months(s.counted_from, r.months) >= r.applies_from
       AND (khcn_add_months(s.counted_from, r.months) <= r.applies_until OR r.applies_until IS NULL)
    UNION ALL
    SELECT count(*) FROM st_fund f JOIN watch_rule r ON r.code = 'fund-notification'
     WHERE f.province_code = p_province AND f.notified_on IS NULL AND f.closed_on IS NULL AND f.established_on < d
       AND f.established_on + r.days < d
       AND f.established_on + r.days >= r.applies_from AND (f.established_on + r.days <= r.applies_until OR r.applies_until IS NULL)
    UNION ALL
    SELECT count(*) FROM watch_rule r
     CROSS JOIN LATERAL khcn_year_end_items(r.months, r.applies_from, r.applies_until, d) b
      JOIN st_fund_allocation x ON x.province_code = p_province AND x.report_received_on IS NULL
                               AND x.year BETWEEN b.first_year AND b.last_year
     WHERE r.code = 'fund-report'
    UNION ALL
    SELECT count(*) FROM watch_rule r
     CROSS JOIN LATERAL khcn_year_end_items(r.months, r.applies_from, r.applies_until, d) b
     CROSS JOIN LATERAL (
        -- The kept use, unless an allocation of a year after D's (hidden on D) is recorded:
        -- then the first-in first-out on D, as khcn_watch_due runs it (the latest year from
        -- the index's end, not a scan for a later one).
        SELECT u.allocated, u.used_in_time FROM st_fund_allocation_use u
         WHERE u.province_code = p_province AND u.year BETWEEN b.first_year AND b.last_year AND u.year < extract(year FROM d)::integer
           AND coalesce((SELECT max(x.year) FROM st_fund_allocation x WHERE x.province_code = p_province), 0) <= extract(year FROM d)::integer
        UNION ALL
        SELECT u.allocated, u.used_in_time FROM fund_allocation_use(p_province, d) u
         WHERE u.year BETWEEN b.first_year AND b.last_year AND u.year < extract(year FROM d)::integer
           AND (SELECT max(x.year) FROM st_fund_allocation x WHERE x.province_code = p_province) > extract(year FROM d)::integer) u
     WHERE r.code = 'fund-use-70' AND u.allocated > 0 AND u.used_in_time < ceil(u.allocated * r.share)
    UNION ALL
    SELECT coalesce(sum(o.n), 0) FROM watch_rule r CROSS JOIN (
        -- gi_manager_on, written out (its call cost ~0.1 ms a GI)
        SELECT coalesce((SELECT m.managing_org FROM gi_manager m
                          WHERE m.province_code = p_province AND m.certificate_number = g.certificate_number
                            AND m.from_on <= d
                          ORDER BY m.from_on DESC LIMIT 1), g.managing_org) AS org, count(*) AS n
          FROM gi_as_of(p_province, d) g WHERE g.status = 'protected' GROUP BY 1) o
     WHERE r.code = 'gi-manager' AND r.due_date < d
       AND r.due_date >= r.applies_from AND (r.due_date <= r.applies_until OR r.applies_until IS NULL)
       AND khcn_is_district_committee(o.org, r.names))
SELECT sum(n)::bigint FROM counts);
END $$;

-- How many items are overdue on D (beside the targets, contract §10): counted, not built.
CREATE OR REPLACE FUNCTION khcn_watch_overdue(p_province text, d date) RETURNS bigint
LANGUAGE sql STABLE
RETURN CASE WHEN d < khcn_today()
            THEN (SELECT count(*) FROM khcn_watch_on(p_province, d, 0) w WHERE w.state = 'overdue')
            ELSE khcn_watch_overdue_now(p_province, d) END;

