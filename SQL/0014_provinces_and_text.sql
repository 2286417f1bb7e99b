-- 0014 Provinces and clean text (contract §4): the national list of the 34 provinces in force
-- since 1 July 2025, which every province code must name, and the rule that no stored text
-- holds a control character or a bidirectional override.
--
-- A database migrated before this file may already hold rows that break these rules (issue 10:
-- `--province 99` was accepted; names with ESC were stored raw). Such rows are looked for FIRST
-- and, if any, the migration stops listing them with the SQL that fixes each, instead of failing
-- on the first bare constraint error. khcn refuses to work on a database with a pending
-- migration, so the fixes are SQL (run through Scripts/db psql or psql; they are audited).

-- 1. The 34 provinces (Decision 19/2025/QĐ-TTg, codes per NSO dispatch 915/CTK-CSCL) and the 63
--    former provinces merged into them (Resolution 60-NQ/TW; the province that kept its name
--    first, then the others in order of their old codes). Generated from shared/data/provinces.csv
--    (sources in shared/data/SOURCES.md); a test checks that the two agree. `slug` is the
--    kebab-case form without diacritics that --former-province and JSON use (contract §2).
ALTER TABLE province ADD COLUMN name_en text;   -- the name without diacritics (not an exonym)

CREATE TABLE province_former (
    province_code text NOT NULL REFERENCES province,
    slug          text NOT NULL CONSTRAINT province_former_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name          text NOT NULL,
    position      smallint NOT NULL,
    PRIMARY KEY (province_code, slug),
    UNIQUE (slug),                      -- a former province merged into exactly one new one
    UNIQUE (province_code, position)
);

INSERT INTO province (code, name, name_en) VALUES
    ('01', 'Hà Nội', 'Ha Noi'),
    ('04', 'Cao Bằng', 'Cao Bang'),
    ('08', 'Tuyên Quang', 'Tuyen Quang'),
    ('11', 'Điện Biên', 'Dien Bien'),
    ('12', 'Lai Châu', 'Lai Chau'),
    ('14', 'Sơn La', 'Son La'),
    ('15', 'Lào Cai', 'Lao Cai'),
    ('19', 'Thái Nguyên', 'Thai Nguyen'),
    ('20', 'Lạng Sơn', 'Lang Son'),
    ('22', 'Quảng Ninh', 'Quang Ninh'),
    ('24', 'Bắc Ninh', 'Bac Ninh'),
    ('25', 'Phú Thọ', 'Phu Tho'),
    ('31', 'Hải Phòng', 'Hai Phong'),
    ('33', 'Hưng Yên', 'Hung Yen'),
    ('37', 'Ninh Bình', 'Ninh Binh'),
    ('38', 'Thanh Hóa', 'Thanh Hoa'),
    ('40', 'Nghệ An', 'Nghe An'),
    ('42', 'Hà Tĩnh', 'Ha Tinh'),
    ('44', 'Quảng Trị', 'Quang Tri'),
    ('46', 'Huế', 'Hue'),
    ('48', 'Đà Nẵng', 'Da Nang'),
    ('51', 'Quảng Ngãi', 'Quang Ngai'),
    ('52', 'Gia Lai', 'Gia Lai'),
    ('56', 'Khánh Hòa', 'Khanh Hoa'),
    ('66', 'Đắk Lắk', 'Dak Lak'),
    ('68', 'Lâm Đồng', 'Lam Dong'),
    ('75', 'Đồng Nai', 'Dong Nai'),
    ('79', 'Hồ Chí Minh', 'Ho Chi Minh'),
    ('80', 'Tây Ninh', 'Tay Ninh'),
    ('82', 'Đồng Tháp', 'Dong Thap'),
    ('86', 'Vĩnh Long', 'Vinh Long'),
    ('91', 'An Giang', 'An Giang'),
    ('92', 'Cần Thơ', 'Can Tho'),
    ('96', 'Cà Mau', 'Ca Mau')
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en;

INSERT INTO province_former (province_code, slug, name, position) VALUES
    ('01', 'ha-noi', 'Hà Nội', 1),
    ('04', 'cao-bang', 'Cao Bằng', 1),
    ('08', 'tuyen-quang', 'Tuyên Quang', 1),
    ('08', 'ha-giang', 'Hà Giang', 2),
    ('11', 'dien-bien', 'Điện Biên', 1),
    ('12', 'lai-chau', 'Lai Châu', 1),
    ('14', 'son-la', 'Sơn La', 1),
    ('15', 'lao-cai', 'Lào Cai', 1),
    ('15', 'yen-bai', 'Yên Bái', 2),
    ('19', 'thai-nguyen', 'Thái Nguyên', 1),
    ('19', 'bac-kan', 'Bắc Kạn', 2),
    ('20', 'lang-son', 'Lạng Sơn', 1),
    ('22', 'quang-ninh', 'Quảng Ninh', 1),
    ('24', 'bac-ninh', 'Bắc Ninh', 1),
    ('24', 'bac-giang', 'Bắc Giang', 2),
    ('25', 'phu-tho', 'Phú Thọ', 1),
    ('25', 'hoa-binh', 'Hòa Bình', 2),
    ('25', 'vinh-phuc', 'Vĩnh Phúc', 3),
    ('31', 'hai-phong', 'Hải Phòng', 1),
    ('31', 'hai-duong', 'Hải Dương', 2),
    ('33', 'hung-yen', 'Hưng Yên', 1),
    ('33', 'thai-binh', 'Thái Bình', 2),
    ('37', 'ninh-binh', 'Ninh Bình', 1),
    ('37', 'ha-nam', 'Hà Nam', 2),
    ('37', 'nam-dinh', 'Nam Định', 3),
    ('38', 'thanh-hoa', 'Thanh Hóa', 1),
    ('40', 'nghe-an', 'Nghệ An', 1),
    ('42', 'ha-tinh', 'Hà Tĩnh', 1),
    ('44', 'quang-tri', 'Quảng Trị', 1),
    ('44', 'quang-binh', 'Quảng Bình', 2),
    ('46', 'hue', 'Huế', 1),
    ('48', 'da-nang', 'Đà Nẵng', 1),
    ('48', 'quang-nam', 'Quảng Nam', 2),
    ('51', 'quang-ngai', 'Quảng Ngãi', 1),
    ('51', 'kon-tum', 'Kon Tum', 2),
    ('52', 'gia-lai', 'Gia Lai', 1),
    ('52', 'binh-dinh', 'Bình Định', 2),
    ('56', 'khanh-hoa', 'Khánh Hòa', 1),
    ('56', 'ninh-thuan', 'Ninh Thuận', 2),
    ('66', 'dak-lak', 'Đắk Lắk', 1),
    ('66', 'phu-yen', 'Phú Yên', 2),
    ('68', 'lam-dong', 'Lâm Đồng', 1),
    ('68', 'binh-thuan', 'Bình Thuận', 2),
    ('68', 'dak-nong', 'Đắk Nông', 3),
    ('75', 'dong-nai', 'Đồng Nai', 1),
    ('75', 'binh-phuoc', 'Bình Phước', 2),
    ('79', 'ho-chi-minh', 'Hồ Chí Minh', 1),
    ('79', 'binh-duong', 'Bình Dương', 2),
    ('79', 'ba-ria-vung-tau', 'Bà Rịa - Vũng Tàu', 3),
    ('80', 'tay-ninh', 'Tây Ninh', 1),
    ('80', 'long-an', 'Long An', 2),
    ('82', 'dong-thap', 'Đồng Tháp', 1),
    ('82', 'tien-giang', 'Tiền Giang', 2),
    ('86', 'vinh-long', 'Vĩnh Long', 1),
    ('86', 'ben-tre', 'Bến Tre', 2),
    ('86', 'tra-vinh', 'Trà Vinh', 3),
    ('91', 'an-giang', 'An Giang', 1),
    ('91', 'kien-giang', 'Kiên Giang', 2),
    ('92', 'can-tho', 'Cần Thơ', 1),
    ('92', 'hau-giang', 'Hậu Giang', 2),
    ('92', 'soc-trang', 'Sóc Trăng', 3),
    ('96', 'ca-mau', 'Cà Mau', 1),
    ('96', 'bac-lieu', 'Bạc Liêu', 2);

-- A code that is not on the list is not a province (0011 seeded only 08; nothing points here yet).
DELETE FROM province WHERE name_en IS NULL;
ALTER TABLE province ALTER COLUMN name_en SET NOT NULL;

-- 2. The text rule (contract §4): control characters U+0000–001F and U+007F–009F and the
--    bidirectional overrides U+202A–202E and U+2066–2069 are refused in every field; tab and
--    line breaks (U+0009, U+000A, U+000D) are allowed in addresses only. (U+0000 never reaches
--    PostgreSQL text.) The Swift value CleanText holds the same rule for messages; a test runs
--    one table of cases through both.
CREATE FUNCTION khcn_text_refused_pattern(allow_line_breaks boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN allow_line_breaks
    THEN '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]'
    ELSE '[\x01-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]' END;

CREATE FUNCTION khcn_text_is_clean(t text, allow_line_breaks boolean DEFAULT false) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN t IS NULL OR t !~ khcn_text_refused_pattern(coalesce(allow_line_breaks, false));

-- The first refused character, written U+XXXX (NULL when the text is clean).
CREATE FUNCTION khcn_text_first_refused(t text, allow_line_breaks boolean DEFAULT false) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN 'U+' || upper(lpad(to_hex(ascii(substring(t FROM khcn_text_refused_pattern(allow_line_breaks)))), 4, '0'));

-- Which columns hold free text, and which of them are addresses. Columns whose own CHECK
-- already allows only digits or a fixed word (tax codes, commune codes, statuses, application
-- numbers) need no text rule. Later migrations add their columns here and call
-- khcn_add_text_rule.
CREATE TABLE khcn_text_column (
    table_name        regclass NOT NULL,
    column_name       text NOT NULL,
    allow_line_breaks boolean NOT NULL DEFAULT false,
    key_columns       text[] NOT NULL,          -- how a report names the row
    PRIMARY KEY (table_name, column_name)
);
INSERT INTO khcn_text_column VALUES
    ('enterprise', 'name', false, '{tax_code}'),
    ('enterprise', 'address', true, '{tax_code}'),
    ('enterprise', 'legal_form', false, '{tax_code}'),
    ('st_certificate', 'certificate_number', false, '{certificate_number}'),
    ('st_certificate', 'issuer', false, '{certificate_number}'),
    ('st_certificate', 'revoke_reason', false, '{certificate_number}'),
    ('st_certificate', 'results', false, '{certificate_number}'),
    ('st_certificate_amendment', 'description', false, '{certificate_number,amended_on,kind}'),
    ('st_certificate_amendment', 'decision', false, '{certificate_number,amended_on,kind}'),
    ('st_fund', 'decision', false, '{tax_code,established_on}'),
    ('ip_application', 'title', false, '{application_number}'),
    ('ip_application', 'applicant_name', false, '{application_number}'),
    ('ip_event', 'grant_number', false, '{application_number,event}'),
    ('gi_certificate', 'name', false, '{certificate_number}'),
    ('gi_certificate', 'product', false, '{certificate_number}'),
    ('gi_certificate', 'decision', false, '{certificate_number}'),
    ('gi_certificate', 'managing_org', false, '{certificate_number}'),
    ('gi_certificate', 'area', false, '{certificate_number}'),
    ('target', 'title', false, '{code}'),
    ('target', 'title_en', false, '{code}'),
    ('target', 'counting', false, '{code}'),
    ('target', 'plan_wording', false, '{code}'),
    ('target_observation', 'source', false, '{code,observed_on}'),
    ('import_batch', 'actor', false, '{id}'),
    ('import_batch', 'reverted_by', false, '{id}'),
    ('import_batch', 'revert_reason', false, '{id}');

-- The text of a column as the rule sees it (a text[] column: its elements joined by a space).
CREATE FUNCTION khcn_text_column_expression(p_table regclass, p_column text) RETURNS text
LANGUAGE sql STABLE
RETURN (SELECT CASE WHEN a.atttypid = 'text[]'::regtype THEN format('array_to_string(%I, '' '')', p_column)
                    ELSE quote_ident(p_column) END
          FROM pg_attribute a WHERE a.attrelid = p_table AND a.attname = p_column AND NOT a.attisdropped);

-- Adds CHECK <table>_<column>_clean; khcn names the field from that constraint name.
-- `validated` false: only new rows are checked (the audit trail, which can never be corrected).
CREATE FUNCTION khcn_add_text_rule(p_table regclass, p_column text, p_allow_line_breaks boolean DEFAULT false,
                                   p_validated boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (khcn_text_is_clean(%s, %L))%s',
                   p_table, p_table::text || '_' || p_column || '_clean',
                   khcn_text_column_expression(p_table, p_column), p_allow_line_breaks,
                   CASE WHEN p_validated THEN '' ELSE ' NOT VALID' END);
END $$;

-- 3. Rows that already break the rules: every one is listed (up to 30, then a count), with
--    the SQL that fixes it, and nothing is changed.
DO $check$
DECLARE
    c record;
    r record;
    shown integer := 0;
    total integer := 0;
    lines_en text[] := '{}';
    lines_vi text[] := '{}';
    fixes text[] := '{}';
    pattern text;
    n integer;
    merged text;
    needs_code boolean := false;
BEGIN
    -- Control characters and bidirectional overrides, column by column.
    FOR c IN SELECT * FROM khcn_text_column ORDER BY table_name::text, column_name LOOP
        pattern := khcn_text_refused_pattern(c.allow_line_breaks);
        n := 0;
        FOR r IN EXECUTE format(
            'SELECT province_code AS province, concat_ws(''/'', %s) AS key, khcn_text_first_refused(%s, %L) AS refused
               FROM %s WHERE NOT khcn_text_is_clean(%2$s, %3$L) ORDER BY 1, 2',
            (SELECT string_agg(format('%I', k), ', ') FROM unnest(c.key_columns) k),
            khcn_text_column_expression(c.table_name, c.column_name), c.allow_line_breaks, c.table_name)
        LOOP
            n := n + 1;
            total := total + 1;
            IF shown < 30 THEN
                shown := shown + 1;
                lines_en := lines_en || format('  %s %s (province %s), column %s: character %s', c.table_name, r.key, r.province, c.column_name, r.refused);
                lines_vi := lines_vi || format('  bảng %s, %s (tỉnh %s), cột %s: ký tự %s', c.table_name, r.key, r.province, c.column_name, r.refused);
            END IF;
        END LOOP;
        IF n > 0 THEN
            fixes := fixes || CASE WHEN c.column_name = 'results' THEN
                format('  UPDATE %s SET %I = (SELECT array_agg(regexp_replace(x, %L, '''', ''g'')) FROM unnest(%2$I) x) WHERE array_to_string(%2$I, '' '') ~ %3$L;',
                       c.table_name, c.column_name, pattern)
            ELSE
                format('  UPDATE %s SET %I = regexp_replace(%2$I, %L, '''', ''g'') WHERE %2$I ~ %3$L;', c.table_name, c.column_name, pattern)
            END;
        END IF;
    END LOOP;
    -- Province codes not on the list. Records that hang off an enterprise or a fund follow
    -- their parent's code (ON UPDATE CASCADE), so only the tables that own a code are read.
    FOR c IN SELECT * FROM (VALUES ('enterprise'::regclass, 'tax_code'), ('ip_application', 'application_number'),
                                   ('gi_certificate', 'certificate_number'), ('target', 'code'), ('import_batch', 'id'))
                            AS t(table_name, key_column) LOOP
        FOR r IN EXECUTE format(
            'SELECT province_code AS province, count(*) AS n, string_agg(%I::text, '', '' ORDER BY %1$I) AS keys
               FROM %s t WHERE NOT EXISTS (SELECT 1 FROM province p WHERE p.code = t.province_code)
              GROUP BY province_code ORDER BY province_code', c.key_column, c.table_name)
        LOOP
            total := total + r.n;
            IF shown < 30 THEN
                shown := shown + 1;
                lines_en := lines_en || format('  %s with province code %s, which is not on the list: %s row(s): %s',
                                               c.table_name, r.province, r.n, left(r.keys, 200));
                lines_vi := lines_vi || format('  bảng %s có mã tỉnh %s, không có trong danh mục: %s dòng: %s',
                                               c.table_name, r.province, r.n, left(r.keys, 200));
            END IF;
            fixes := fixes || format('  UPDATE %s SET province_code = ''NN'' WHERE province_code = %L;', c.table_name, r.province);
            needs_code := true;
        END LOOP;
    END LOOP;
    -- Former provinces that were not merged into the record's province.
    FOR r IN SELECT e.province_code, e.tax_code, e.former_province FROM enterprise e
              WHERE e.former_province IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM province_former f WHERE f.province_code = e.province_code AND f.slug = e.former_province)
              ORDER BY 1, 2 LOOP
        total := total + 1;
        IF shown < 30 THEN
            shown := shown + 1;
            merged := coalesce((SELECT string_agg(slug, ', ' ORDER BY position) FROM province_former WHERE province_code = r.province_code), '—');
            lines_en := lines_en || format('  enterprise %s (province %s): former province %s was not merged into province %2$s (these were: %4$s)',
                                           r.tax_code, r.province_code, r.former_province, merged);
            lines_vi := lines_vi || format('  doanh nghiệp %s (tỉnh %s): tỉnh cũ %s không sáp nhập vào tỉnh %2$s (các tỉnh đã sáp nhập: %4$s)',
                                           r.tax_code, r.province_code, r.former_province, merged);
        END IF;
        fixes := fixes || format('  UPDATE enterprise SET former_province = NULL WHERE province_code = %L AND tax_code = %L;', r.province_code, r.tax_code);
    END LOOP;
    IF total > 0 THEN
        IF total > shown THEN
            lines_en := lines_en || format('  … and %s more', total - shown);
            lines_vi := lines_vi || format('  … và %s dòng khác', total - shown);
        END IF;
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'khcn_migration_0014', TABLE = 'province',
            MESSAGE = format(E'0014_provinces_and_text.sql not applied: %s stored row(s) break the rules of contract §4 (province codes from the list of 34; no control characters or bidirectional overrides in text):\n%s\nNothing was changed. Fix them as the database owner (Scripts/db psql, or psql; the changes are audited), then run khcn db migrate again:\n%s%s',
                             total, array_to_string(lines_en, E'\n'), array_to_string(fixes, E'\n'),
                             CASE WHEN needs_code THEN E'\nFor NN put the right province code (the list is in SQL/0014_provinces_and_text.sql), or DELETE rows entered by mistake; records that hang off an enterprise follow it.' ELSE '' END),
            HINT = format(E'Chưa áp dụng được 0014_provinces_and_text.sql: %s dòng đã lưu vi phạm quy tắc §4 (mã tỉnh phải thuộc danh mục 34 tỉnh; văn bản không được chứa ký tự điều khiển hay ký tự đổi chiều):\n%s\nChưa có gì thay đổi. Hãy sửa bằng quyền chủ cơ sở dữ liệu (Scripts/db psql hoặc psql; thay đổi được ghi vào nhật ký), rồi chạy lại khcn db migrate:\n%s%s',
                          total, array_to_string(lines_vi, E'\n'), array_to_string(fixes, E'\n'),
                          CASE WHEN needs_code THEN E'\nThay NN bằng mã tỉnh đúng (danh mục ở SQL/0014_provinces_and_text.sql), hoặc DELETE các dòng nhập nhầm; hồ sơ gắn với doanh nghiệp đi theo doanh nghiệp.' ELSE '' END);
    END IF;
END $check$;

-- 4. The rules themselves.
-- Province codes: the tables that own one reference the list; the others (certificates, funds,
-- allocations, amendments, IP events, status changes, target observations) carry their
-- parent's code through a foreign key that includes it. The audit trail is not tied to the
-- list: its rows are copies of checked rows, and it can never be corrected.
ALTER TABLE enterprise ADD CONSTRAINT enterprise_province_known FOREIGN KEY (province_code) REFERENCES province;
ALTER TABLE ip_application ADD CONSTRAINT ip_application_province_known FOREIGN KEY (province_code) REFERENCES province;
ALTER TABLE gi_certificate ADD CONSTRAINT gi_certificate_province_known FOREIGN KEY (province_code) REFERENCES province;
ALTER TABLE target ADD CONSTRAINT target_province_known FOREIGN KEY (province_code) REFERENCES province;
ALTER TABLE import_batch ADD CONSTRAINT import_batch_province_known FOREIGN KEY (province_code) REFERENCES province;

-- A former province is one of those merged into the record's own province (contract §4).
ALTER TABLE enterprise DROP CONSTRAINT enterprise_former_province_known;
ALTER TABLE enterprise ADD CONSTRAINT enterprise_former_province_known
    FOREIGN KEY (province_code, former_province) REFERENCES province_former (province_code, slug);

SELECT khcn_add_text_rule(table_name, column_name, allow_line_breaks) FROM khcn_text_column;
-- The audit trail keeps what was written before this rule (it is append-only); new rows are checked.
INSERT INTO khcn_text_column VALUES ('audit_log', 'actor', false, '{id}'), ('audit_log', 'reason', false, '{id}'),
                                    ('audit_log', 'legal_ref', false, '{id}');
SELECT khcn_add_text_rule('audit_log', c, false, false) FROM unnest('{actor,reason,legal_ref}'::text[]) c;
