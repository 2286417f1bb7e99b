-- 0011 The plan's targets as data (Kế hoạch 222/KH-UBND, Tuyên Quang, 18/12/2024), dated
-- observations of the targets the registry cannot count, and the counting rules of
-- contract §7 as SQL functions of the as-of date, so that any SQL client gets the numbers
-- khcn prints — and the records behind them.

CREATE TABLE province (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name text NOT NULL
);
INSERT INTO province VALUES ('08', 'Tuyên Quang');

CREATE TABLE target (
    province_code text NOT NULL,
    code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]*$'),
    title         text NOT NULL,          -- Vietnamese
    title_en      text NOT NULL,
    comparator    text NOT NULL CHECK (comparator IN ('>=', '>')),
    threshold     numeric NOT NULL,       -- as the plan states it: 30 for "trên 30"
    stretch       numeric,
    unit          text NOT NULL,          -- count, percent
    baseline_date date NOT NULL,
    deadline      date NOT NULL,
    computed      boolean NOT NULL,       -- counted from the registry, or observed by a clerk
    rule          text CHECK (rule IN ('filed', 'granted')),
    counting      text NOT NULL,          -- the counting rule in words, printed in the report
    plan_wording  text NOT NULL,
    sort_order    integer NOT NULL,
    PRIMARY KEY (province_code, code),
    CONSTRAINT target_deadline_after_baseline CHECK (deadline > baseline_date)
);

CREATE TABLE target_observation (
    province_code text NOT NULL,
    code          text NOT NULL,
    observed_on   date NOT NULL,
    value         numeric NOT NULL,
    source        text,
    PRIMARY KEY (province_code, code, observed_on),
    FOREIGN KEY (province_code, code) REFERENCES target ON UPDATE CASCADE ON DELETE RESTRICT
);


INSERT INTO target VALUES
('08', 'st-enterprises', 'Doanh nghiệp khoa học và công nghệ thành lập mới', 'New S&T enterprises',
 '>=', 2, 3, 'count', '2024-01-01', '2030-12-31', true, NULL,
 'Doanh nghiệp có giấy chứng nhận doanh nghiệp KH&CN đầu tiên cấp từ 01/01/2024 đến ngày tính và còn giữ một giấy chứng nhận chưa bị thu hồi hoặc hủy bỏ hiệu lực vào ngày đó.',
 'Phấn đấu có thêm 02-03 doanh nghiệp khoa học và công nghệ.', 1),
('08', 'st-funds', 'Doanh nghiệp thành lập Quỹ phát triển khoa học và công nghệ', 'Enterprises with an S&T development fund',
 '>', 30, NULL, 'count', '2024-01-01', '2030-12-31', true, NULL,
 'Doanh nghiệp có quỹ phát triển KH&CN thành lập trước hoặc vào ngày tính và chưa giải thể vào ngày đó.',
 'Trên 30 doanh nghiệp thành lập Quỹ phát triển khoa học và công nghệ của doanh nghiệp.', 2),
('08', 'ip-filings', 'Sáng chế, giải pháp hữu ích được đăng ký bảo hộ', 'Inventions and utility solutions registered for protection',
 '>=', 5, NULL, 'count', '2024-01-01', '2030-12-31', true, 'filed',
 'Quy tắc “filed”: đơn nộp từ 01/01/2024 đến ngày tính, chưa rút vào ngày đó. Quy tắc “granted”: văn bằng cấp từ 01/01/2024 đến ngày tính. Cả hai số luôn được báo cáo.',
 'Có từ 05 sáng chế, giải pháp hữu ích trở lên được đăng ký bảo hộ.', 3),
('08', 'gi-products', 'Sản phẩm được cấp giấy chứng nhận chỉ dẫn địa lý', 'Products holding a GI certificate',
 '>=', 5, NULL, 'count', '2024-01-01', '2025-12-31', true, NULL,
 'Giấy chứng nhận chỉ dẫn địa lý cấp trước hoặc vào ngày tính và chưa chấm dứt hiệu lực vào ngày đó, bất kể năm cấp.',
 'Đến hết năm 2025, có ít nhất 05 sản phẩm được cấp giấy chứng nhận chỉ dẫn địa lý.', 4),
('08', 'budget-share', 'Tỷ lệ chi ngân sách tỉnh cho khoa học và công nghệ (%)', 'Share of the provincial budget spent on S&T (%)',
 '>=', 1, NULL, 'percent', '2024-01-01', '2030-12-31', false, NULL, 'Số liệu do Sở Tài chính cung cấp, cán bộ ghi nhận.',
 'Bảo đảm chi cho khoa học, công nghệ đạt 1% tổng chi ngân sách của tỉnh.', 5),
('08', 'research-topics-economy', 'Tỷ lệ đề tài nghiên cứu phục vụ phát triển kinh tế (%)', 'Research topics serving the economy (%)',
 '>', 60, NULL, 'percent', '2024-01-01', '2030-12-31', false, NULL, 'Mỗi năm; cán bộ ghi nhận theo tổng kết nhiệm vụ KH&CN.',
 'Hằng năm, trên 60% đề tài nghiên cứu phục vụ phát triển kinh tế - xã hội.', 6),
('08', 'tasks-applied', 'Tỷ lệ nhiệm vụ KH&CN được ứng dụng vào thực tiễn (%)', 'S&T tasks applied in practice (%)',
 '>=', 60, NULL, 'percent', '2024-01-01', '2030-12-31', false, NULL, 'Cán bộ ghi nhận theo đánh giá sau nghiệm thu.',
 '60% nhiệm vụ khoa học và công nghệ được ứng dụng vào thực tiễn.', 7),
('08', 'tfp-share', 'Đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng (%)', 'Contribution of TFP to growth (%)',
 '>=', 40, NULL, 'percent', '2024-01-01', '2030-12-31', false, NULL, 'Số liệu thống kê, cán bộ ghi nhận.',
 'Đóng góp của TFP vào tăng trưởng kinh tế đạt 40%.', 8),
('08', 'tech-transfer', 'Doanh nghiệp, hợp tác xã được chuyển giao công nghệ', 'Enterprises and cooperatives that received technology',
 '>=', 5, 7, 'count', '2024-01-01', '2030-12-31', false, NULL, 'Cán bộ ghi nhận theo hợp đồng chuyển giao.',
 'Chuyển giao công nghệ cho 05-07 doanh nghiệp, hợp tác xã.', 9),
('08', 'rd-entities', 'Doanh nghiệp, tổ chức, cá nhân nghiên cứu, sở hữu trí tuệ, tiêu chuẩn, chất lượng', 'Entities doing R&D, IP, standards or quality work',
 '>=', 30, 50, 'count', '2024-01-01', '2030-12-31', false, NULL, 'Cán bộ ghi nhận.',
 'Có 30-50 doanh nghiệp, tổ chức, cá nhân tham gia nghiên cứu, ứng dụng, sở hữu trí tuệ, tiêu chuẩn, đo lường, chất lượng.', 10),
('08', 'st-workforce', 'Tỷ lệ nhân lực KH&CN trong lực lượng lao động (%)', 'S&T workforce share (%)',
 '>=', 6, NULL, 'percent', '2024-01-01', '2030-12-31', false, NULL, 'Số liệu thống kê, cán bộ ghi nhận.',
 'Nhân lực khoa học và công nghệ đạt 6% lực lượng lao động, 100% có trình độ đại học trở lên.', 11);

-- Seeds are schema data; changes from here on (rules, observations) are audited.
SELECT khcn_attach_audit('target', 'target', '{code}');
SELECT khcn_attach_audit('target_observation', 'target-observation', '{code,observed_on}');

-- The records a computed target counts on date d: (key, label, date that put it in the count).
-- Labels (names, titles) are looked up only when asked for: counting needs none.
CREATE FUNCTION khcn_target_counted(p_province text, p_code text, d date, p_rule text DEFAULT NULL, with_labels boolean DEFAULT true)
RETURNS TABLE (key text, label text, counted_on date)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    t target;
BEGIN
    SELECT * INTO t FROM target WHERE province_code = p_province AND code = p_code;
    IF NOT FOUND OR NOT t.computed THEN RETURN; END IF;
    CASE p_code
    WHEN 'st-enterprises' THEN
        -- First certificate issued in [baseline, d], and a certificate still valid on d.
        RETURN QUERY
        SELECT f.tax_code,
               CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = f.tax_code) END,
               f.first_issued
          FROM (SELECT c.tax_code, min(c.issued_on) AS first_issued,
                       bool_or(c.revoked_on IS NULL OR c.revoked_on > d) AS holds_one
                  FROM st_certificate c
                 WHERE c.province_code = p_province AND c.issued_on <= d
                 GROUP BY c.tax_code) f
         WHERE f.first_issued BETWEEN t.baseline_date AND d AND f.holds_one;
    WHEN 'st-funds' THEN
        -- A fund established on or before d and not closed on d ("trên 30": more than 30).
        RETURN QUERY
        SELECT f.tax_code,
               CASE WHEN with_labels THEN (SELECT e.name FROM enterprise e WHERE e.province_code = p_province AND e.tax_code = f.tax_code) END,
               max(f.established_on)
          FROM st_fund f
         WHERE f.province_code = p_province AND f.established_on <= d AND (f.closed_on IS NULL OR f.closed_on > d)
         GROUP BY f.tax_code;
    WHEN 'ip-filings' THEN
        IF coalesce(p_rule, t.rule) = 'granted' THEN
            RETURN QUERY
            SELECT a.application_number, a.title, g.event_on
              FROM ip_application a JOIN ip_event g USING (province_code, application_number)
             WHERE a.province_code = p_province AND g.event = 'granted' AND g.event_on BETWEEN t.baseline_date AND d;
        ELSE
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
          FROM gi_certificate g
         WHERE g.province_code = p_province AND g.granted_on <= d AND (g.cancelled_on IS NULL OR g.cancelled_on > d);
    ELSE
        RETURN;
    END CASE;
END $$;

CREATE FUNCTION khcn_target_value(p_province text, p_code text, d date, p_rule text DEFAULT NULL) RETURNS numeric
LANGUAGE sql STABLE
RETURN (SELECT count(*) FROM khcn_target_counted(p_province, p_code, d, p_rule, false));

-- What the counting rules look up by date.
CREATE INDEX ip_application_by_filing ON ip_application (province_code, filed_on);
-- (partial, so that it never competes with ip_event_by_application in the life-cycle trigger)
CREATE INDEX ip_event_grants_by_date ON ip_event (province_code, event_on) WHERE event = 'granted';
CREATE INDEX st_certificate_by_issue ON st_certificate (province_code, issued_on);

-- Contract §7 status, first rule that applies. B = value at baseline, C = value on d,
-- T = smallest value that meets the target (threshold, or threshold + 1 for "trên"),
-- e = elapsed share of the period; years = days / 365.25.
CREATE FUNCTION khcn_target_status(
    comparator text, threshold numeric, baseline_date date, deadline date, b numeric, c numeric, d date,
    OUT status text, OUT projection numeric)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    met boolean := CASE comparator WHEN '>' THEN c > threshold ELSE c >= threshold END;
    t numeric := CASE comparator WHEN '>' THEN threshold + 1 ELSE threshold END;
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
CREATE FUNCTION khcn_progress(p_province text, d date)
RETURNS TABLE (code text, baseline_value numeric, value numeric, projection numeric, status text,
               filed numeric, granted numeric, observed_on date, source text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    t target;
    b numeric;
    c numeric;
    o target_observation;
BEGIN
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
            IF t.code = 'ip-filings' THEN
                filed := khcn_target_value(p_province, t.code, d, 'filed');
                granted := khcn_target_value(p_province, t.code, d, 'granted');
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
