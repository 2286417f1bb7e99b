-- 0033 A rule's basis in both languages (contract §2: Vietnamese by default, English with
-- --lang en). SQL/0030 wrote each basis in English only, so `khcn rules` printed English
-- words in its Vietnamese table. `basis` is now the Vietnamese text and `basis_en` the
-- English one; a migration that adds a rule writes both (khcn_add_text_rule_row does).

ALTER TABLE khcn_rule ADD COLUMN basis_en text;
UPDATE khcn_rule SET basis_en = basis;
UPDATE khcn_rule r SET basis = m.vi
  FROM (VALUES
    ('contract §4 (text)', 'hợp đồng §4 (văn bản)'),
    ('Decision 19/2025/QĐ-TTg; contract §4', 'Quyết định 19/2025/QĐ-TTg; hợp đồng §4'),
    ('contract §5 (funds)', 'hợp đồng §5 (quỹ)'),
    ('contract §2 (dates are never in the future)', 'hợp đồng §2 (ngày không bao giờ ở tương lai)'),
    ('Decision 19/2025/QĐ-TTg', 'Quyết định 19/2025/QĐ-TTg'),
    ('contract §7', 'hợp đồng §7'),
    ('contract §9 (sealed audit trail)', 'hợp đồng §9 (nhật ký thay đổi được niêm phong)'),
    ('contract §10', 'hợp đồng §10'),
    ('contract §10 (GI users)', 'hợp đồng §10 (tổ chức, cá nhân được sử dụng chỉ dẫn địa lý)'),
    ('contract §9 (provinces)', 'hợp đồng §9 (các tỉnh)'),
    ('contract §6 (batch numbers without gaps)', 'hợp đồng §6 (số lô nhập liên tục, không bỏ số)'),
    ('Decree 268/2025/NĐ-CP (amendment, re-issue)', 'Nghị định 268/2025/NĐ-CP (sửa đổi, bổ sung, cấp lại)'),
    ('contract §5 (IP applications)', 'hợp đồng §5 (đơn sở hữu trí tuệ)'),
    ('contract §9', 'hợp đồng §9'),
    ('contract §2; contract §10', 'hợp đồng §2; hợp đồng §10'),
    ('contract §6 (import batches)', 'hợp đồng §6 (các lô nhập)'),
    ('Decree 268/2025/NĐ-CP (revocation, invalidation)', 'Nghị định 268/2025/NĐ-CP (thu hồi, hủy bỏ hiệu lực)'),
    ('IP Law (life cycle of an application)', 'Luật Sở hữu trí tuệ (các giai đoạn của đơn)'),
    ('contract §4 (money)', 'hợp đồng §4 (số tiền)'),
    ('contract §4 (application number)', 'hợp đồng §4 (số đơn)'),
    ('contract §9 (personal logins)', 'hợp đồng §9 (tài khoản cá nhân)'),
    ('contract §4 (grant number)', 'hợp đồng §4 (số văn bằng)'),
    ('contract §10 (a law''s amendment is a new row)', 'hợp đồng §10 (văn bản sửa đổi là một dòng mới)'),
    ('contract §5 (status history)', 'hợp đồng §5 (lịch sử trạng thái)'),
    ('contract §2; Decree 268/2025/NĐ-CP', 'hợp đồng §2; Nghị định 268/2025/NĐ-CP'),
    ('Law 91/2025/QH15 (personal data kept apart)', 'Luật 91/2025/QH15 (dữ liệu cá nhân lưu riêng)'),
    ('contract §10 (GI managers)', 'hợp đồng §10 (tổ chức quản lý chỉ dẫn địa lý)'),
    ('Decision 27/2018/QĐ-TTg; Decision 36/2025/QĐ-TTg', 'Quyết định 27/2018/QĐ-TTg; Quyết định 36/2025/QĐ-TTg'),
    ('contract §9 (audit trail)', 'hợp đồng §9 (nhật ký thay đổi)'),
    ('contract §4 (GI certificate number)', 'hợp đồng §4 (số văn bằng chỉ dẫn địa lý)'),
    ('contract §5 (IP events)', 'hợp đồng §5 (sự kiện của đơn)'),
    ('contract §6 (import revert)', 'hợp đồng §6 (hoàn tác lô nhập)'),
    ('contract §5 (enterprise status)', 'hợp đồng §5 (trạng thái doanh nghiệp)'),
    ('contract §2 (messages in both languages)', 'hợp đồng §2 (thông báo bằng hai thứ tiếng)'),
    ('contract §5 (an allocation falls within the fund''s life)', 'hợp đồng §5 (khoản trích lập nằm trong thời gian quỹ hoạt động)'),
    ('contract §5 (IP events are facts with dates)', 'hợp đồng §5 (sự kiện của đơn là sự việc có ngày)'),
    ('form 03-6/TNDN', 'mẫu 03-6/TNDN'),
    ('Decree 13/2019/NĐ-CP; Law 93/2025/QH15; Decree 268/2025/NĐ-CP', 'Nghị định 13/2019/NĐ-CP; Luật 93/2025/QH15; Nghị định 268/2025/NĐ-CP'),
    ('IP Law (life cycle of an application); contract §2', 'Luật Sở hữu trí tuệ (các giai đoạn của đơn); hợp đồng §2'),
    ('contract §4 (province)', 'hợp đồng §4 (mã tỉnh)'),
    ('contract §9 (passwords)', 'hợp đồng §9 (mật khẩu)'),
    ('Circular 67/2022/TT-BTC (one fund per enterprise)', 'Thông tư 67/2022/TT-BTC (mỗi doanh nghiệp một quỹ)'),
    ('International Patent Classification', 'Bảng phân loại sáng chế quốc tế (IPC)'),
    ('Decree 268/2025/NĐ-CP (a certificate is issued to an enterprise)', 'Nghị định 268/2025/NĐ-CP (giấy chứng nhận cấp cho doanh nghiệp)'),
    ('Law 91/2025/QH15 (collect what the purpose needs)', 'Luật 91/2025/QH15 (chỉ thu thập dữ liệu cần cho mục đích)'),
    ('contract §4 (tax code unique per province)', 'hợp đồng §4 (mã số thuế không trùng trong một tỉnh)'),
    ('Decree 13/2019/NĐ-CP; Decree 268/2025/NĐ-CP', 'Nghị định 13/2019/NĐ-CP; Nghị định 268/2025/NĐ-CP'),
    ('contract §4 (tax code)', 'hợp đồng §4 (mã số thuế)'),
    ('IP Law (invention, utility solution)', 'Luật Sở hữu trí tuệ (sáng chế, giải pháp hữu ích)'),
    ('contract §9 (roles)', 'hợp đồng §9 (vai trò)'),
    ('IP Office numbering (6 = geographical indication)', 'cách đánh số của Cục Sở hữu trí tuệ (6 = chỉ dẫn địa lý)'),
    ('Law 91/2025/QH15 (erasure on request)', 'Luật 91/2025/QH15 (xóa dữ liệu theo yêu cầu)'),
    ('IP Law (geographical indications)', 'Luật Sở hữu trí tuệ (chỉ dẫn địa lý)'),
    ('contract §7 ("được đăng ký bảo hộ")', 'hợp đồng §7 ("được đăng ký bảo hộ")'),
    ('IP Law (maintenance fees per validity year)', 'Luật Sở hữu trí tuệ (phí duy trì theo năm hiệu lực)'),
    ('issue 13 (one home per rule)', 'yêu cầu số 13 (mỗi quy tắc một nơi)'),
    ('Decree 268/2025/NĐ-CP (a certificate is issued to an existing enterprise)', 'Nghị định 268/2025/NĐ-CP (giấy chứng nhận cấp cho doanh nghiệp đang hoạt động)'),
    ('contract §5 (history)', 'hợp đồng §5 (lịch sử)'),
    ('Circular 67/2022/TT-BTC (notification within 30 days of set-up)', 'Thông tư 67/2022/TT-BTC (thông báo trong 30 ngày kể từ khi lập quỹ)'),
    ('contract §4', 'hợp đồng §4'),
    ('Law 91/2025/QH15', 'Luật 91/2025/QH15'),
    ('form 03-6/TNDN (one report per year)', 'mẫu 03-6/TNDN (mỗi năm một báo cáo)'),
    ('IP Law (priority date); contract §4', 'Luật Sở hữu trí tuệ (ngày ưu tiên); hợp đồng §4'),
    ('Decision 36/2025/QĐ-TTg (the version kept with each code)', 'Quyết định 36/2025/QĐ-TTg (ghi phiên bản cùng mỗi mã)'),
    ('IP Law (term of protection: 20 years, utility solution 10)', 'Luật Sở hữu trí tuệ (thời hạn bảo hộ: 20 năm, giải pháp hữu ích 10 năm)'),
    ('national list of administrative units', 'danh mục đơn vị hành chính quốc gia'),
    ('khcn db migrate', 'khcn db migrate')
  ) AS m(en, vi)
 WHERE r.basis_en = m.en;
ALTER TABLE khcn_rule ALTER COLUMN basis_en SET NOT NULL;

CREATE OR REPLACE FUNCTION khcn_add_text_rule_row(p_table text, p_column text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO khcn_rule (name, table_name, field, vi, en, basis, basis_en)
    VALUES (p_table || '_' || p_column || '_clean', p_table, p_column,
            format('Trường %s chứa ký tự điều khiển hoặc ký tự đổi chiều văn bản (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), không được phép (hợp đồng §4).', p_column),
            format('Field %s holds a control character or a bidirectional override (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), which is not allowed (contract §4).', p_column),
            'hợp đồng §4 (văn bản)', 'contract §4 (text)')
    ON CONFLICT (name) DO NOTHING
$$;
