-- Baseline 11 The plan's targets as data (Kế hoạch 222/KH-UBND, Tuyên Quang, 18/12/2024) and dated
-- observations of the targets the registry cannot count. The counting rules of contract §7
-- are SQL functions of the as-of date (SQL/definitions/15_targets.sql), so that any SQL client
-- gets the numbers khcn prints — and the records behind them.

CREATE TABLE target (
    province_code text NOT NULL,
    code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]*$'),
    title         text NOT NULL          -- Vietnamese
        CONSTRAINT target_title_clean CHECK (khcn_text_is_clean(title, false)),
    title_en      text NOT NULL CONSTRAINT target_title_en_clean CHECK (khcn_text_is_clean(title_en, false)),
    comparator    text NOT NULL CHECK (comparator IN ('>=', '>')),
    threshold     numeric NOT NULL,       -- as the plan states it: 30 for "trên 30"
    stretch       numeric,
    unit          text NOT NULL,          -- count, percent
    baseline_date date NOT NULL,
    deadline      date NOT NULL,
    computed      boolean NOT NULL,       -- counted from the registry, or observed by a clerk
    rule          text CHECK (rule IN ('filed', 'granted')),
    counting      text NOT NULL           -- the counting rule in words, printed in the report
        CONSTRAINT target_counting_clean CHECK (khcn_text_is_clean(counting, false)),
    plan_wording  text NOT NULL CONSTRAINT target_plan_wording_clean CHECK (khcn_text_is_clean(plan_wording, false)),
    sort_order    integer NOT NULL,
    PRIMARY KEY (province_code, code),
    CONSTRAINT target_deadline_after_baseline CHECK (deadline > baseline_date),
    CONSTRAINT target_province_known FOREIGN KEY (province_code) REFERENCES province
);

CREATE TABLE target_observation (
    province_code text NOT NULL,
    code          text NOT NULL,
    observed_on   date NOT NULL,
    value         numeric NOT NULL,
    source        text CONSTRAINT target_observation_source_clean CHECK (khcn_text_is_clean(source, false)),
    PRIMARY KEY (province_code, code, observed_on),
    FOREIGN KEY (province_code, code) REFERENCES target ON UPDATE CASCADE ON DELETE RESTRICT
);

-- Seeds are schema data; changes from here on (rules, observations) are audited.
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


-- Targets are the plan's: only an admin chooses a counting rule (contract §9); clerks record
-- observations.
ALTER TABLE target ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE target_observation ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
GRANT SELECT ON target, target_observation TO khcn_viewer;
GRANT INSERT, UPDATE, DELETE ON target_observation TO khcn_clerk;
GRANT UPDATE (rule) ON target TO khcn_admin;
