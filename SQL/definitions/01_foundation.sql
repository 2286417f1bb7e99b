-- Definitions foundation: re-applied by `khcn db migrate` whenever this file changes (README, "Migrations"):
-- edit in place; every statement must be safe to run again. Bodies are checked when called.
SET check_function_bodies = off;

-- "Today" is the date in Vietnam (contract §2), whatever the server's or the session's time
-- zone. Vietnam keeps UTC+07:00 all year (the zone Asia/Ho_Chi_Minh has had no other offset
-- since 13 June 1975, and no daylight saving time), so the fixed offset gives the same date as
-- the zone's name without looking the zone up at each call: the enterprise triggers' WHEN
-- clauses call this twice per written row (issue 15: 0.19 s of a million-row load by name).
-- KhcnTodayTests checks both against the server's time-zone data.
CREATE OR REPLACE FUNCTION khcn_today() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (now() AT TIME ZONE INTERVAL '+07:00')::date;

-- 0027 What the records imply a clerk must do (contract §10), and the records it needs:
--   1. a priority date on IP applications (time limits count from it, contract §4);
--   2. maintenance fee payments per validity year (`ip record N --event fee-paid --year K`);
--   3. the later managing organisations of a GI and the enterprises authorised to use it;
--   4. the watch rules as data, each with its legal basis and the span of due dates it
--      governs, so that a rule changed by a new law is a new row, not new code;
--   5. the first-in first-out use of a fund's allocations (CIT Law art. 17; Circular 67/2022);
--   6. khcn_watch(province, D, within, kind): every item on D, set-based.

-- Month arithmetic of contract §4 / Civil Code art. 147–148: the same day N months later, or
-- the last day of that month when it has none (PostgreSQL clamps: 31 Aug + 42 months = 28 Feb;
-- 29 Feb + 42 months = 29 Aug). No shift for weekends or holidays.
CREATE OR REPLACE FUNCTION khcn_add_months(d date, months integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (d + make_interval(months => months))::date;

