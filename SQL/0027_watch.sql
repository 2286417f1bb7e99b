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
CREATE FUNCTION khcn_add_months(d date, months integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (d + make_interval(months => months))::date;

-- 1. Priority date (Paris Convention priority: the earlier filing abroad, so never later than
--    the filing here).
ALTER TABLE ip_application ADD COLUMN priority_on date;
ALTER TABLE ip_application ADD CONSTRAINT ip_application_priority_not_after_filing CHECK (priority_on <= filed_on);

CREATE OR REPLACE VIEW ip_canonical AS
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
-- It reads with the reader's rights and policies (SQL/0020).
ALTER VIEW ip_canonical SET (security_invoker = true);

-- 2. Maintenance fees (phí duy trì hiệu lực, IP Law art. 94): one row per validity year paid,
--    years counted from the grant date. A payment changes no status and, unlike the life-cycle
--    events, may be dated before the latest event (a payment recorded late).
CREATE TABLE ip_fee_payment (
    province_code      text NOT NULL,
    application_number text NOT NULL,
    year               smallint NOT NULL CONSTRAINT ip_fee_payment_year_plausible CHECK (year BETWEEN 1 AND 20),
    paid_on            date NOT NULL,
    CONSTRAINT ip_fee_payment_pkey PRIMARY KEY (province_code, application_number, year),
    CONSTRAINT ip_fee_payment_application_fkey FOREIGN KEY (province_code, application_number)
        REFERENCES ip_application ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE FUNCTION ip_fee_payment_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    app ip_application;
    term integer;
BEGIN
    SELECT * INTO app FROM ip_application WHERE province_code = NEW.province_code AND application_number = NEW.application_number;
    IF NOT FOUND THEN RETURN NEW; END IF;   -- the foreign key reports it
    IF NEW.paid_on > khcn_today() THEN
        PERFORM khcn_refuse('ip_fee_payment_paid_plausible', 'ip_fee_payment', 'paid_on',
            format('the payment date %s is in the future', NEW.paid_on),
            format('Ngày nộp phí %s ở tương lai.', to_char(NEW.paid_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.paid_on < app.filed_on THEN
        PERFORM khcn_refuse('ip_fee_payment_paid_plausible', 'ip_fee_payment', 'paid_on',
            format('the payment date %s is before the filing date %s', NEW.paid_on, app.filed_on),
            format('Ngày nộp phí %s trước ngày nộp đơn %s.', to_char(NEW.paid_on, 'DD/MM/YYYY'), to_char(app.filed_on, 'DD/MM/YYYY')));
    END IF;
    term := CASE app.kind WHEN 'invention' THEN 20 ELSE 10 END;
    IF NEW.year > term THEN
        PERFORM khcn_refuse('ip_fee_payment_year_plausible', 'ip_fee_payment', 'year',
            format('a %s is protected for at most %s years; there is no validity year %s', app.kind, term, NEW.year),
            format('%s được bảo hộ tối đa %s năm; không có năm hiệu lực thứ %s.',
                   CASE app.kind WHEN 'invention' THEN 'Sáng chế' ELSE 'Giải pháp hữu ích' END,
                   term, NEW.year));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ip_fee_payment_before_write BEFORE INSERT OR UPDATE ON ip_fee_payment
    FOR EACH ROW EXECUTE FUNCTION ip_fee_payment_before_write();
-- Keyed by the application, so that `khcn history N` finds its payments.
SELECT khcn_attach_audit('ip_fee_payment', 'ip-fee', '{application_number}');

CREATE VIEW ip_fee_canonical AS
SELECT province_code, application_number, year, paid_on FROM ip_fee_payment;

-- The start of validity year K of a title granted on g: g + (K − 1) years (29 Feb → 28 Feb).
CREATE FUNCTION ip_fee_year_starts(granted_on date, k integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN khcn_add_months(granted_on, 12 * (k - 1));

-- 3. GIs: later managing organisations (the certificate keeps the one written on it) and the
--    enterprises authorised to use the indication (IP Law art. 121, 123).
CREATE TABLE gi_manager (
    province_code      text NOT NULL,
    certificate_number text NOT NULL,
    from_on            date NOT NULL,
    managing_org       text NOT NULL CONSTRAINT gi_manager_managing_org_length CHECK (char_length(managing_org) BETWEEN 1 AND 400),
    decision           text CONSTRAINT gi_manager_decision_length CHECK (char_length(decision) <= 200),
    CONSTRAINT gi_manager_pkey PRIMARY KEY (province_code, certificate_number, from_on),
    CONSTRAINT gi_manager_certificate_fkey FOREIGN KEY (province_code, certificate_number)
        REFERENCES gi_certificate ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE gi_user (
    province_code      text NOT NULL,
    certificate_number text NOT NULL,
    tax_code           text NOT NULL,
    from_on            date NOT NULL,
    until_on           date,                -- the last day of the authorisation (inclusive)
    decision           text CONSTRAINT gi_user_decision_length CHECK (char_length(decision) <= 200),
    CONSTRAINT gi_user_pkey PRIMARY KEY (province_code, certificate_number, tax_code, from_on),
    CONSTRAINT gi_user_certificate_fkey FOREIGN KEY (province_code, certificate_number)
        REFERENCES gi_certificate ON UPDATE CASCADE ON DELETE CASCADE,
    CONSTRAINT gi_user_enterprise_fkey FOREIGN KEY (province_code, tax_code)
        REFERENCES enterprise ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT gi_user_until_after_from CHECK (until_on >= from_on),
    CONSTRAINT gi_user_no_overlap EXCLUDE USING gist (
        province_code WITH =, certificate_number WITH =, tax_code WITH =, daterange(from_on, until_on, '[]') WITH &&)
);
CREATE INDEX gi_user_by_enterprise ON gi_user (province_code, tax_code);

-- A manager or a user from a date the GI existed, never in the future (contract §2).
CREATE FUNCTION gi_history_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    gi gi_certificate;
BEGIN
    IF TG_TABLE_NAME = 'gi_manager' THEN
        NEW.managing_org := khcn_clean_text(NEW.managing_org);
    END IF;
    NEW.decision := khcn_clean_text(NEW.decision);
    SELECT * INTO gi FROM gi_certificate WHERE province_code = NEW.province_code AND certificate_number = NEW.certificate_number;
    IF NOT FOUND THEN RETURN NEW; END IF;
    IF NEW.from_on > khcn_today() THEN
        PERFORM khcn_refuse(TG_TABLE_NAME || '_from_plausible', TG_TABLE_NAME, 'from_on',
            format('the date %s is in the future', NEW.from_on), format('Ngày %s ở tương lai.', to_char(NEW.from_on, 'DD/MM/YYYY')));
    END IF;
    IF NEW.from_on < gi.granted_on THEN
        PERFORM khcn_refuse(TG_TABLE_NAME || '_from_plausible', TG_TABLE_NAME, 'from_on',
            format('%s is before the GI certificate %s was granted (%s)', NEW.from_on, gi.certificate_number, gi.granted_on),
            format('Ngày %s trước ngày cấp văn bằng %s (%s).', to_char(NEW.from_on, 'DD/MM/YYYY'), gi.certificate_number,
                   to_char(gi.granted_on, 'DD/MM/YYYY')));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER gi_manager_before_write BEFORE INSERT OR UPDATE ON gi_manager
    FOR EACH ROW EXECUTE FUNCTION gi_history_before_write();
CREATE TRIGGER gi_user_before_write BEFORE INSERT OR UPDATE ON gi_user
    FOR EACH ROW EXECUTE FUNCTION gi_history_before_write();
SELECT khcn_attach_audit('gi_manager', 'gi-manager', '{certificate_number}');
SELECT khcn_attach_audit('gi_user', 'gi-user', '{certificate_number}');

CREATE VIEW gi_manager_canonical AS
SELECT province_code, certificate_number, managing_org, from_on, decision FROM gi_manager;
CREATE VIEW gi_user_canonical AS
SELECT province_code, certificate_number, tax_code, from_on, until_on, decision FROM gi_user;

-- Who managed the GI on D: the latest later manager from on or before D, else the certificate's.
CREATE FUNCTION gi_manager_on(p_province text, p_number text, d date) RETURNS text
LANGUAGE sql STABLE
RETURN coalesce(
    (SELECT m.managing_org FROM gi_manager m
      WHERE m.province_code = p_province AND m.certificate_number = p_number AND m.from_on <= d
      ORDER BY m.from_on DESC LIMIT 1),
    (SELECT g.managing_org FROM gi_certificate g WHERE g.province_code = p_province AND g.certificate_number = p_number));

-- 4. The watch rules (contract §10). One row per rule, subject (the IP kind where the period
--    differs) and span of due dates [applies_from, applies_until]: an item exists only where a
--    row governs its due date. Parameters: months / days (the period), share (fund-use-70),
--    due_date (gi-manager), names (the centrally-run cities, whose People's Committees are
--    provincial).
CREATE TABLE watch_rule (
    code          text NOT NULL CHECK (code IN ('ip-examination-request', 'ip-annuity', 'ip-expiry', 'fund-notification',
                                                'fund-report', 'fund-use-70', 'gi-manager')),
    subject       text NOT NULL DEFAULT '' CHECK (subject IN ('', 'invention', 'utility-solution')),
    kind          text NOT NULL CHECK (kind IN ('ip', 'fund', 'gi')),
    applies_from  date NOT NULL,
    applies_until date,
    title         text NOT NULL,
    title_en      text NOT NULL,
    basis         text NOT NULL,
    basis_en      text NOT NULL,
    action        text NOT NULL,
    action_en     text NOT NULL,
    months        integer,
    days          integer,
    share         numeric,
    due_date      date,
    names         text[],
    sort_order    integer NOT NULL,
    PRIMARY KEY (code, subject, applies_from),
    CONSTRAINT watch_rule_span CHECK (applies_until >= applies_from),
    CONSTRAINT watch_rule_no_overlap EXCLUDE USING gist (
        code WITH =, subject WITH =, daterange(applies_from, applies_until, '[]') WITH &&)
);
INSERT INTO khcn_text_column VALUES
    ('gi_manager', 'managing_org', false, '{certificate_number,from_on}'),
    ('gi_manager', 'decision', false, '{certificate_number,from_on}'),
    ('gi_user', 'decision', false, '{certificate_number,tax_code,from_on}'),
    ('watch_rule', 'title', false, '{code,subject,applies_from}'),
    ('watch_rule', 'title_en', false, '{code,subject,applies_from}'),
    ('watch_rule', 'basis', false, '{code,subject,applies_from}'),
    ('watch_rule', 'basis_en', false, '{code,subject,applies_from}'),
    ('watch_rule', 'action', false, '{code,subject,applies_from}'),
    ('watch_rule', 'action_en', false, '{code,subject,applies_from}');
SELECT khcn_add_text_rule(table_name, column_name, allow_line_breaks)
  FROM khcn_text_column WHERE table_name IN ('gi_manager'::regclass, 'gi_user'::regclass, 'watch_rule'::regclass);

INSERT INTO watch_rule (code, subject, kind, applies_from, applies_until, title, title_en, basis, basis_en, action, action_en,
                        months, days, share, due_date, names, sort_order) VALUES
('ip-examination-request', 'invention', 'ip', '2006-07-01', NULL,
 'Yêu cầu thẩm định nội dung đơn sáng chế', 'Request substantive examination (invention)',
 'Luật Sở hữu trí tuệ 50/2005/QH11 (sửa đổi, bổ sung), điều 113: 42 tháng từ ngày nộp đơn hoặc ngày ưu tiên',
 'IP Law 50/2005/QH11 as amended, art. 113: 42 months from the filing or priority date',
 'Nhắc chủ đơn nộp yêu cầu thẩm định nội dung; quá hạn thì đơn bị coi như đã rút — ghi sự kiện examination-requested hoặc withdrawn.',
 'Remind the applicant to request substantive examination; after the deadline the application is deemed withdrawn — record examination-requested or withdrawn.',
 42, NULL, NULL, NULL, NULL, 1),
('ip-examination-request', 'utility-solution', 'ip', '2006-07-01', NULL,
 'Yêu cầu thẩm định nội dung đơn giải pháp hữu ích', 'Request substantive examination (utility solution)',
 'Luật Sở hữu trí tuệ 50/2005/QH11 (sửa đổi, bổ sung), điều 113: 36 tháng từ ngày nộp đơn hoặc ngày ưu tiên',
 'IP Law 50/2005/QH11 as amended, art. 113: 36 months from the filing or priority date',
 'Nhắc chủ đơn nộp yêu cầu thẩm định nội dung; quá hạn thì đơn bị coi như đã rút — ghi sự kiện examination-requested hoặc withdrawn.',
 'Remind the applicant to request substantive examination; after the deadline the application is deemed withdrawn — record examination-requested or withdrawn.',
 36, NULL, NULL, NULL, NULL, 2),
('ip-annuity', '', 'ip', '2006-07-01', NULL,
 'Nộp phí duy trì hiệu lực văn bằng', 'Pay the maintenance fee',
 'Luật Sở hữu trí tuệ, điều 94 (duy trì hiệu lực; gia hạn 6 tháng có phí nộp muộn) và điều 95 (chấm dứt hiệu lực)',
 'IP Law art. 94 (maintenance; six months'' grace with a surcharge) and art. 95 (termination)',
 'Nhắc chủ văn bằng nộp phí năm hiệu lực này; được nộp muộn 6 tháng có phí nộp muộn, sau đó văn bằng chấm dứt hiệu lực từ ngày đầu năm hiệu lực — ghi fee-paid hoặc lapsed.',
 'Remind the holder to pay this validity year''s fee; six months'' grace with a surcharge, after which the title lapses from the start of the year — record fee-paid or lapsed.',
 6, NULL, NULL, NULL, NULL, 3),
('ip-expiry', '', 'ip', '2006-07-01', NULL,
 'Văn bằng hết thời hạn bảo hộ', 'Title reaches the end of its term',
 'Luật Sở hữu trí tuệ, điều 93 (sáng chế 20 năm, giải pháp hữu ích 10 năm từ ngày nộp đơn); Bộ luật Dân sự 2015, điều 147–148',
 'IP Law art. 93 (invention 20 years, utility solution 10 years from filing); Civil Code 2015 art. 147–148',
 'Báo chủ văn bằng ngày hết hạn; sau ngày này sáng chế thuộc về công chúng — cập nhật thống kê.',
 'Tell the holder the expiry date; afterwards the subject matter is in the public domain — update the statistics.',
 NULL, NULL, NULL, NULL, NULL, 4),
('fund-notification', '', 'fund', '2009-01-01', NULL,
 'Thông báo thành lập Quỹ phát triển KH&CN', 'Notify the S&T fund''s establishment',
 'Nghị định 95/2014/NĐ-CP; Thông tư 67/2022/TT-BTC: thông báo Sở KH&CN trong 30 ngày kể từ khi lập quỹ',
 'Decree 95/2014/NĐ-CP; Circular 67/2022/TT-BTC: notify the Department of S&T within 30 days of setting the fund up',
 'Nhắc doanh nghiệp gửi thông báo thành lập quỹ; khi nhận được, ghi ngày thông báo (notified_on).',
 'Remind the enterprise to send the notification; when it arrives, record notified_on.',
 NULL, 30, NULL, NULL, NULL, 5),
('fund-report', '', 'fund', '2009-01-01', NULL,
 'Báo cáo trích lập, sử dụng Quỹ (mẫu 03-6/TNDN)', 'Fund allocation and use report (form 03-6/TNDN)',
 'Luật Quản lý thuế 38/2019/QH14, điều 44 (hạn quyết toán: ngày cuối tháng thứ ba sau năm tài chính); Thông tư 67/2022/TT-BTC',
 'Tax Administration Law 38/2019/QH14 art. 44 (finalisation due the last day of the third month after the fiscal year); Circular 67/2022/TT-BTC',
 'Nhắc doanh nghiệp nộp báo cáo trích lập, sử dụng quỹ cùng hồ sơ quyết toán thuế TNDN; khi nhận được, ghi ngày nhận (report_received_on).',
 'Remind the enterprise to file the fund report with its CIT finalisation; when it arrives, record report_received_on.',
 3, NULL, NULL, NULL, NULL, 6),
('fund-use-70', '', 'fund', '2009-01-01', NULL,
 'Sử dụng ít nhất 70% khoản trích lập trong 5 năm', 'Use at least 70% of an allocation within five years',
 'Luật Thuế thu nhập doanh nghiệp, điều 17; Thông tư 67/2022/TT-BTC (sử dụng tính theo thứ tự trích trước dùng trước)',
 'CIT Law art. 17; Circular 67/2022/TT-BTC (use counted first-in, first-out)',
 'Nhắc doanh nghiệp: phần chưa dùng đủ 70% phải nộp lại thuế TNDN đã giảm kèm tiền lãi; ghi số đã sử dụng (spent) các năm.',
 'Warn the enterprise: short of 70%, the CIT relieved on the unused part is repaid with interest; record each year''s spending.',
 60, NULL, 0.70, NULL, NULL, 7),
('gi-manager', '', 'gi', '2025-07-01', NULL,
 'Ghi tổ chức quản lý chỉ dẫn địa lý thay cho UBND cấp huyện', 'Record the successor of a district People''s Committee managing a GI',
 'Luật Tổ chức chính quyền địa phương 72/2025/QH15; Nghị quyết 203/2025/QH15: không tổ chức cấp huyện từ 01/07/2025',
 'Law on Local Government 72/2025/QH15; Resolution 203/2025/QH15: no district level from 1 July 2025',
 'Xác định cơ quan kế thừa việc quản lý chỉ dẫn địa lý và ghi bằng khcn gi set-manager.',
 'Find the body that took over the GI''s management and record it with khcn gi set-manager.',
 NULL, NULL, NULL, '2025-07-01', '{hà nội,huế,hải phòng,đà nẵng,hồ chí minh,cần thơ}', 8);
-- The rules are national law, not a province's record: no province code, no audit rows (the
-- audit trail is per province); they change only through a later migration, which is the record.

-- A managing organisation that is a district-level People's Committee (abolished 1 July 2025):
-- "UBND huyện/quận/thị xã …" or "UBND thành phố X" where X is not a centrally-run city
-- (compared without case or diacritics; "Ủy ban nhân dân" and "TP." are read too).
CREATE FUNCTION khcn_is_district_committee(org text, cities text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce((
    SELECT m IS NOT NULL
       AND (m[1] NOT IN ('thanh pho', 'tp', 'tp.')
            OR NOT EXISTS (SELECT 1 FROM unnest(cities) c WHERE m[2] = khcn_fold(c) OR m[2] LIKE khcn_fold(c) || ' %'))
      FROM (SELECT regexp_match(khcn_fold(org),
                   '^\s*(?:ubnd|uy ban nhan dan)\s+(huyen|quan|thi xa|thanh pho|tp\.?)\s*(.*?)\s*$') AS m) x), false);

-- 5. Fund use, first-in first-out (CIT Law art. 17; Circular 67/2022/TT-BTC): a fund's yearly
--    spending is applied to its oldest allocations first, and spending never runs ahead of the
--    money allocated so far. With A(t), S(t) the cumulative allocations and spending up to
--    year t, the cumulative use is U(t) = S(t) + min(0, min over k ≤ t of A(k) − S(k)) (never
--    decreasing); the allocation of year Y has used min(A_Y, max(0, U(t) − A(Y − 1))) by year t.
--    `used` counts the spending reported up to D (an allocation stands from 1 January of its
--    year, 0013); `used_in_time` only the spending of years up to Y + 5, the five years the law allows.
CREATE FUNCTION fund_allocation_use(p_province text, d date)
RETURNS TABLE (tax_code text, established_on date, year smallint, allocated bigint, spent bigint,
               report_received_on date, used bigint, balance bigint, used_in_time bigint)
LANGUAGE sql STABLE AS $$
WITH cumulative AS (
    SELECT a.tax_code, a.established_on, a.year, a.allocated, a.spent,
           CASE WHEN a.report_received_on <= d THEN a.report_received_on END AS report_received_on,
           sum(a.allocated) OVER w AS a_cum, sum(coalesce(a.spent, 0)) OVER w AS s_cum
      FROM st_fund_allocation a
     WHERE a.province_code = p_province AND make_date(a.year, 1, 1) <= d
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

-- 6. The watch list on D (contract §10): every obligation overdue on D (due_on < D) or due
--    within `within` days (D ≤ due_on ≤ D + within), each from the rule row that governs its due
--    date. One set-based pass per rule over the state of the records on D (events, notices,
--    reports dated after D are not yet known, as in 0013).
CREATE FUNCTION khcn_watch(p_province text, d date, within integer DEFAULT 90, p_kind text DEFAULT NULL)
RETURNS TABLE (rule text, kind text, key text, tax_code text, name text, due_on date, state text,
               title text, title_en text, basis text, basis_en text, action text, action_en text,
               details jsonb, sort_order integer)
LANGUAGE sql STABLE AS $$
WITH ip AS (
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
titles AS (   -- in force on D (the status `granted` of 0013)
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
      FROM st_fund f JOIN watch_rule r ON r.code = 'fund-notification'
     WHERE f.province_code = p_province AND (p_kind IS NULL OR p_kind = 'fund')
       AND f.established_on <= d AND (f.notified_on IS NULL OR f.notified_on > d) AND (f.closed_on IS NULL OR f.closed_on > d)
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
      FROM gi_certificate g
     CROSS JOIN LATERAL (SELECT coalesce((SELECT x.managing_org FROM gi_manager x
                                           WHERE x.province_code = g.province_code AND x.certificate_number = g.certificate_number
                                             AND x.from_on <= d ORDER BY x.from_on DESC LIMIT 1), g.managing_org) AS org) m
      JOIN watch_rule r ON r.code = 'gi-manager'
     WHERE g.province_code = p_province AND (p_kind IS NULL OR p_kind = 'gi')
       AND g.granted_on <= d AND (g.cancelled_on IS NULL OR g.cancelled_on > d)
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
CREATE FUNCTION khcn_watch_overdue(p_province text, d date) RETURNS bigint
LANGUAGE sql STABLE
RETURN (SELECT count(*) FROM khcn_watch(p_province, d, 0) w WHERE w.state = 'overdue');

-- 7. What a record as of D shows (0013), now with the applicant's type and person (0023; a
--    person's name as the login may see it) and the priority date.
DROP FUNCTION ip_as_of(text, date);
CREATE FUNCTION ip_as_of(p_province text, d date)
RETURNS TABLE (
    province_code text, kind text, application_number text, filed_on date, title text,
    applicant_tax_code text, applicant_name text, ipc text[],
    published_on date, examination_requested_on date, granted_on date, grant_number text, refused_on date,
    withdrawn_on date, lapsed_on date, invalidated_on date, restored_on date, checked_on date,
    applicant_type text, applicant_person_id bigint, priority_on date,
    status text, expires_on date, events json)
LANGUAGE sql STABLE AS $$
SELECT x.province_code, x.kind, x.application_number, x.filed_on, x.title, x.applicant_tax_code,
       coalesce(p.name, x.applicant_name), x.ipc,
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
  LEFT JOIN person_visible p ON p.id = x.applicant_person_id
$$;

-- The maintenance fees of an application as known on D: the years paid (year 1 is paid before
-- the grant) and the next validity year due, with the day it starts (null before a grant, or
-- when every year of the term is paid).
CREATE FUNCTION ip_fees_as_of(p_province text, p_number text, d date, OUT fees json, OUT next_fee json)
LANGUAGE sql STABLE AS $$
SELECT coalesce((SELECT json_agg(json_build_object('year', p.year, 'paid_on', p.paid_on) ORDER BY p.year)
                   FROM ip_fee_payment p
                  WHERE p.province_code = p_province AND p.application_number = p_number AND p.paid_on <= d), '[]'),
       (SELECT json_build_object('year', k, 'due_on', ip_fee_year_starts(v.granted_on, k))
          FROM ip_as_of(p_province, d) v
         CROSS JOIN LATERAL generate_series(2, CASE v.kind WHEN 'invention' THEN 20 ELSE 10 END) AS k
         WHERE v.application_number = p_number AND v.status = 'granted'
           AND ip_fee_year_starts(v.granted_on, k) <= v.expires_on
           AND NOT EXISTS (SELECT 1 FROM ip_fee_payment p WHERE p.province_code = p_province
                              AND p.application_number = p_number AND p.year = k AND p.paid_on <= d)
         ORDER BY k LIMIT 1)
$$;

-- 8. Rights (SQL/0020): the new registers are isolated by province like every other, read by
--    viewers and written by clerks; the rules and the views are read by every login.
SELECT khcn_isolate_by_province(t) FROM unnest(ARRAY['ip_fee_payment', 'gi_manager', 'gi_user']::regclass[]) AS t;
GRANT SELECT ON ip_fee_payment, gi_manager, gi_user, watch_rule TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON ip_fee_payment, gi_manager, gi_user TO khcn_clerk;
ALTER VIEW ip_fee_canonical SET (security_invoker = true);
ALTER VIEW gi_manager_canonical SET (security_invoker = true);
ALTER VIEW gi_user_canonical SET (security_invoker = true);
GRANT SELECT ON ip_fee_canonical, gi_manager_canonical, gi_user_canonical TO khcn_viewer;
