-- Baseline 02 Provinces (contract §4): the national list of the 34 provinces in force since
-- 1 July 2025, which every province code must name (enterprise, ip_application,
-- gi_certificate, target, import_batch and person reference it; the other registry tables
-- carry their parent's code through a foreign key that includes it; the audit trail is not
-- tied to the list: its rows are copies of checked rows, and it can never be corrected).
--
-- The 34 provinces (Decision 19/2025/QĐ-TTg, codes per NSO dispatch 915/CTK-CSCL) and the 63
-- former provinces merged into them (Resolution 60-NQ/TW; the province that kept its name
-- first, then the others in order of their old codes). Generated from shared/data/provinces.csv
-- (sources in shared/data/SOURCES.md); a test checks that the two agree. `slug` is the
-- kebab-case form without diacritics that --former-province and JSON use (contract §2).
-- Reference data, the same for every login (`khcn province list`): readable by all, written by
-- none, no row-level security.

CREATE TABLE province (
    code    text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name    text NOT NULL,
    name_en text NOT NULL    -- the name without diacritics (not an exonym)
);

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
    ('96', 'Cà Mau', 'Ca Mau');

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

GRANT SELECT ON province, province_former TO khcn_viewer;
