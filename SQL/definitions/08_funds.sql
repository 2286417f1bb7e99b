-- Definitions funds: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION st_fund_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last_year int;
BEGIN
    NEW.decision := khcn_clean_text(NEW.decision);
    IF NEW.established_on > khcn_today() OR NEW.closed_on > khcn_today() OR NEW.notified_on > khcn_today() THEN
        PERFORM khcn_refuse('st_fund_dates_not_future', 'st_fund', 'established_on',
            'fund dates cannot be in the future', 'Ngày của quỹ không được ở tương lai.');
    END IF;
    IF TG_OP = 'INSERT' OR NEW.established_on IS DISTINCT FROM OLD.established_on THEN
        PERFORM khcn_refuse_unless_standing('st_fund_established_plausible', 'st_fund_holder_not_dissolved',
            NEW.province_code, NEW.tax_code, NEW.established_on, 'Ngày lập quỹ', 'fund establishment date');
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.closed_on IS NOT NULL THEN
        SELECT max(year) INTO last_year FROM st_fund_allocation
         WHERE province_code = OLD.province_code AND tax_code = OLD.tax_code AND established_on = OLD.established_on;
        IF last_year > extract(year FROM NEW.closed_on) THEN
            PERFORM khcn_refuse('st_fund_closed_after_allocations', 'st_fund', 'closed_on',
                format('the fund has an allocation for %s, after its closure on %s', last_year, NEW.closed_on),
                format('Quỹ có trích lập năm %s, sau ngày giải thể %s.', last_year, to_char(NEW.closed_on, 'DD/MM/YYYY')));
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER st_fund_before_write BEFORE INSERT OR UPDATE ON st_fund
    FOR EACH ROW EXECUTE FUNCTION st_fund_before_write();

CREATE OR REPLACE FUNCTION st_fund_allocation_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    fund st_fund;
BEGIN
    SELECT * INTO fund FROM st_fund
     WHERE province_code = NEW.province_code AND tax_code = NEW.tax_code AND established_on = NEW.established_on;
    IF FOUND AND (NEW.year < extract(year FROM fund.established_on)
                  OR NEW.year > extract(year FROM coalesce(fund.closed_on, DATE '9999-12-31'))) THEN
        PERFORM khcn_refuse('st_fund_allocation_year_plausible', 'st_fund_allocation', 'year',
            format('year %s is outside the fund''s life (%s – %s)', NEW.year, fund.established_on, coalesce(fund.closed_on::text, 'open')),
            format('Năm %s nằm ngoài thời gian hoạt động của quỹ (%s – %s).', NEW.year,
                   to_char(fund.established_on, 'DD/MM/YYYY'), coalesce(to_char(fund.closed_on, 'DD/MM/YYYY'), 'nay')));
    END IF;
    IF NEW.report_received_on > khcn_today() THEN
        PERFORM khcn_refuse('st_fund_allocation_report_not_future', 'st_fund_allocation', 'report_received_on',
            'the report date is in the future', 'Ngày nhận báo cáo ở tương lai.');
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER st_fund_allocation_before_write BEFORE INSERT OR UPDATE ON st_fund_allocation
    FOR EACH ROW EXECUTE FUNCTION st_fund_allocation_before_write();

-- 5. Fund use, first-in first-out (CIT Law art. 17; Circular 67/2022/TT-BTC): a fund's yearly
--    spending is applied to its oldest allocations first, and spending never runs ahead of the
--    money allocated so far. With A(t), S(t) the cumulative allocations and spending up to
--    year t, the cumulative use is U(t) = S(t) + min(0, min over k ≤ t of A(k) − S(k)) (never
--    decreasing); the allocation of year Y has used min(A_Y, max(0, U(t) − A(Y − 1))) by year t.
--    `used` counts the spending reported up to D (an allocation stands from 1 January of its
--    year, 0013); `used_in_time` only the spending of years up to Y + 5, the five years the law allows.
--    With p_until_year: only the funds with an allocation of a year up to it (their later
--    allocations included), so that the watch list's first items need not run every fund (SQL/0036).
CREATE OR REPLACE FUNCTION fund_allocation_use(p_province text, d date, p_until_year integer DEFAULT NULL)
RETURNS TABLE (tax_code text, established_on date, year smallint, allocated bigint, spent bigint,
               report_received_on date, used bigint, balance bigint, used_in_time bigint)
LANGUAGE sql STABLE AS $$
WITH cumulative AS (
    SELECT a.tax_code, a.established_on, a.year, a.allocated, a.spent,
           CASE WHEN a.report_received_on <= d THEN a.report_received_on END AS report_received_on,
           sum(a.allocated) OVER w AS a_cum, sum(coalesce(a.spent, 0)) OVER w AS s_cum
      FROM st_fund_allocation a
     WHERE a.province_code = p_province AND make_date(a.year, 1, 1) <= d
       AND (p_until_year IS NULL
            OR (a.tax_code, a.established_on) IN (SELECT b.tax_code, b.established_on FROM st_fund_allocation b
                                                   WHERE b.province_code = p_province AND b.year <= p_until_year))
    WINDOW w AS (PARTITION BY a.tax_code, a.established_on ORDER BY a.year)),
series AS (
    SELECT c.*, c.a_cum - c.allocated AS a_before,
           c.s_cum + least(0, min(c.a_cum - c.s_cum) OVER w) AS u_cum
      FROM cumulative c
    WINDOW w AS (PARTITION BY c.tax_code, c.established_on ORDER BY c.year)),
reach AS (
    SELECT s.*,
           max(s.u_cum) OVER (PARTITION BY s.tax_code, s.established_on) AS u_now,
           max(s.u_cum) OVER (PARTITION BY s.tax_code, s.established_on ORDER BY s.year::int
                              RANGE BETWEEN CURRENT ROW AND 5 FOLLOWING) AS u_in_time
      FROM series s)
SELECT r.tax_code, r.established_on, r.year, r.allocated, r.spent, r.report_received_on,
       least(r.allocated, greatest(0, r.u_now - r.a_before))::bigint,
       (r.allocated - least(r.allocated, greatest(0, r.u_now - r.a_before)))::bigint,
       least(r.allocated, greatest(0, r.u_in_time - r.a_before))::bigint
  FROM reach r
$$;

-- SQL/0037: each allocation's use in time (fund_allocation_use's `used_in_time`, over every
-- allocation of its fund), kept for the watch list's overdue count (definitions/16_watch.sql).
-- Kept by statement triggers on st_fund_allocation for the funds a statement touched (a fund's
-- other allocations move with it: first-in first-out), with the owner's rights, as
-- ip_watch_state; rebuilt whole by khcn_rebuild_derived() after any definitions file is applied.

-- Recomputes the kept use of the funds named (province, tax code, established on, in step):
-- one first-in first-out pass per province a statement touched, kept for the funds named (a
-- pass per fund ran the province's whole pass each time: an import of 26,000 allocations took
-- minutes; one pass costs ~0.1 s at 200,000 enterprises, also for a clerk's single write).
CREATE OR REPLACE FUNCTION st_fund_allocation_use_recompute(p_provinces text[], p_tax_codes text[], p_established date[]) RETURNS void
LANGUAGE sql AS $$
DELETE FROM st_fund_allocation_use k USING unnest(p_provinces, p_tax_codes, p_established) AS c (province_code, tax_code, established_on)
 WHERE k.province_code = c.province_code AND k.tax_code = c.tax_code AND k.established_on = c.established_on;
INSERT INTO st_fund_allocation_use
SELECT p.province_code, u.tax_code, u.established_on, u.year, u.allocated, u.used_in_time
  FROM (SELECT DISTINCT province FROM unnest(p_provinces) AS province) p (province_code)
 CROSS JOIN LATERAL fund_allocation_use(p.province_code, 'infinity') u
 WHERE (p.province_code, u.tax_code, u.established_on) IN
       (SELECT * FROM unnest(p_provinces, p_tax_codes, p_established) AS c (province_code, tax_code, established_on));
$$;

CREATE OR REPLACE FUNCTION st_fund_allocation_use_refresh() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    -- A second transaction writing allocations of the same fund waits here for the first to
    -- commit, then computes with its rows (as ip_watch_state_refresh does).
    PERFORM 1 FROM st_fund f
      JOIN (SELECT DISTINCT province_code, tax_code, established_on FROM changed) c USING (province_code, tax_code, established_on)
     ORDER BY f.province_code, f.tax_code, f.established_on FOR NO KEY UPDATE OF f;
    IF TG_OP = 'UPDATE' THEN   -- a fund an allocation left is recomputed too
        PERFORM st_fund_allocation_use_recompute(array_agg(f.province_code), array_agg(f.tax_code), array_agg(f.established_on))
           FROM (SELECT province_code, tax_code, established_on FROM changed
                 UNION SELECT province_code, tax_code, established_on FROM changed_before) f;
    ELSE
        PERFORM st_fund_allocation_use_recompute(array_agg(f.province_code), array_agg(f.tax_code), array_agg(f.established_on))
           FROM (SELECT DISTINCT province_code, tax_code, established_on FROM changed) f;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER st_fund_allocation_use_insert AFTER INSERT ON st_fund_allocation
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION st_fund_allocation_use_refresh();
CREATE OR REPLACE TRIGGER st_fund_allocation_use_update AFTER UPDATE ON st_fund_allocation
    REFERENCING OLD TABLE AS changed_before NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION st_fund_allocation_use_refresh();
CREATE OR REPLACE TRIGGER st_fund_allocation_use_delete AFTER DELETE ON st_fund_allocation
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION st_fund_allocation_use_refresh();

