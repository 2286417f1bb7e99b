-- 0030 One home per rule (issue 13). Every rule of the registry is either a named constraint
-- or a trigger refusal raised through khcn_refuse(), and each name has one row here: the
-- field it concerns, the message in Vietnamese and English, and its basis (the law, or the
-- contract section). khcn reads its messages from this table (RegistryError) and lists it
-- (`khcn rules`); a test checks the table against pg_constraint and the functions' refusals
-- in both directions. A later migration that adds a constraint or a refusal adds its row.
-- The trigger functions that refused otherwise, or under a name meaning another rule, are
-- redefined in SQL/0032 (this file holds the table and its rows).

CREATE TABLE khcn_rule (
    name       text PRIMARY KEY,
    table_name text NOT NULL,
    field      text,
    vi         text NOT NULL,
    en         text NOT NULL,
    basis      text NOT NULL,
    CONSTRAINT khcn_rule_messages CHECK (vi <> '' AND en <> '' AND basis <> '')
);
-- National (not per province): every login reads it; only migrations write it.
GRANT SELECT ON khcn_rule TO khcn_viewer;

-- The one way for a trigger or function to refuse a row: a check_violation naming the rule
-- as CONSTRAINT, the English message as MESSAGE and the Vietnamese one as HINT. A refusal
-- that says no more than its rule passes only the name: table, field and messages then come
-- from khcn_rule. (SQL/0004's signature, now with defaults.)
CREATE OR REPLACE FUNCTION khcn_refuse(p_constraint text, p_table text DEFAULT NULL, p_column text DEFAULT NULL,
                                       p_english text DEFAULT NULL, p_vietnamese text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    r khcn_rule;
BEGIN
    SELECT * INTO r FROM khcn_rule WHERE name = p_constraint;
    RAISE EXCEPTION '%', coalesce(p_english, r.en, p_constraint)
        USING ERRCODE = 'check_violation', CONSTRAINT = p_constraint, TABLE = coalesce(p_table, r.table_name, ''),
              COLUMN = coalesce(p_column, r.field, ''), HINT = coalesce(p_vietnamese, r.vi, p_constraint);
END $$;

-- The text rule's constraints (SQL/0014) get their row as they are made.
CREATE OR REPLACE FUNCTION khcn_add_text_rule(p_table regclass, p_column text, p_allow_line_breaks boolean DEFAULT false,
                                              p_validated boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (khcn_text_is_clean(%s, %L))%s',
                   p_table, p_table::text || '_' || p_column || '_clean',
                   khcn_text_column_expression(p_table, p_column), p_allow_line_breaks,
                   CASE WHEN p_validated THEN '' ELSE ' NOT VALID' END);
    PERFORM khcn_add_text_rule_row(p_table::text, p_column);
END $$;

CREATE FUNCTION khcn_add_text_rule_row(p_table text, p_column text) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO khcn_rule (name, table_name, field, vi, en, basis)
    VALUES (p_table || '_' || p_column || '_clean', p_table, p_column,
            format('Trường %s chứa ký tự điều khiển hoặc ký tự đổi chiều văn bản (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), không được phép (hợp đồng §4).', p_column),
            format('Field %s holds a control character or a bidirectional override (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), which is not allowed (contract §4).', p_column),
            'contract §4 (text)')
    ON CONFLICT (name) DO NOTHING
$$;

-- The text rules made so far (SQL/0014, 0024, 0027): <table>_<column>_clean.
SELECT khcn_add_text_rule_row(t.relname, substring(c.conname FROM length(t.relname) + 2 FOR length(c.conname) - length(t.relname) - 7))
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
 WHERE c.connamespace = 'public'::regnamespace AND c.contype = 'c'
   AND starts_with(c.conname, t.relname || '_') AND right(c.conname, 6) = '_clean';

-- Every table holding a province code references the national list (SQL/0014).
INSERT INTO khcn_rule (name, table_name, field, vi, en, basis)
SELECT t || '_province_known', t, 'province',
       'Mã tỉnh không có trong danh mục 34 tỉnh, thành phố từ 01/07/2025 (Quyết định 19/2025/QĐ-TTg); xem khcn province list.',
       'The province code is not on the national list of the 34 provinces in force since 1 July 2025 (Decision 19/2025/QĐ-TTg); see khcn province list.',
       'Decision 19/2025/QĐ-TTg; contract §4'
  FROM unnest('{enterprise,ip_application,gi_certificate,target,import_batch,person}'::text[]) AS t;

INSERT INTO khcn_rule (table_name, name, field, vi, en, basis) VALUES
-- The enterprise register (SQL/0003).
('enterprise', 'enterprise_pkey', 'tax_code', 'Mã số thuế này đã có trong sổ đăng ký của tỉnh.', 'This tax code is already registered in this province.', 'contract §4 (tax code unique per province)'),
('enterprise', 'enterprise_tax_code_valid', 'tax_code', 'Mã số thuế không hợp lệ (10 chữ số với chữ số kiểm tra đúng, hoặc 13 chữ số dạng XXXXXXXXXX-NNN).', 'Invalid tax code (10 digits with a correct check digit, or 13 written XXXXXXXXXX-NNN).', 'contract §4 (tax code)'),
('enterprise', 'enterprise_name_length', 'name', 'Tên doanh nghiệp phải có từ 1 đến 400 ký tự.', 'The name must have 1 to 400 characters.', 'contract §4 (text)'),
('enterprise', 'enterprise_address_check', 'address', 'Địa chỉ dài tối đa 1000 ký tự.', 'The address is at most 1000 characters.', 'contract §4 (text)'),
('enterprise', 'enterprise_legal_form_check', 'legal_form', 'Loại hình doanh nghiệp dài tối đa 200 ký tự.', 'The legal form is at most 200 characters.', 'contract §4 (text)'),
('enterprise', 'enterprise_commune_code_format', 'commune_code', 'Mã xã gồm đúng 5 chữ số (danh mục đơn vị hành chính).', 'A commune code is exactly 5 digits (national list of administrative units).', 'national list of administrative units'),
('enterprise', 'enterprise_vsic_format', 'vsic', 'Mã ngành VSIC cấp 4 gồm đúng 4 chữ số.', 'A level-4 VSIC code is exactly 4 digits.', 'Decision 27/2018/QĐ-TTg; Decision 36/2025/QĐ-TTg'),
('enterprise', 'enterprise_vsic_version_known', 'vsic_version', 'Phiên bản VSIC là 2018 hoặc 2025.', 'The VSIC version is 2018 or 2025.', 'Decision 27/2018/QĐ-TTg; Decision 36/2025/QĐ-TTg'),
('enterprise', 'enterprise_vsic_needs_version', 'vsic_version', 'Có mã ngành thì phải ghi phiên bản VSIC (2018 hoặc 2025).', 'Industry codes need their VSIC version (2018 or 2025).', 'Decision 36/2025/QĐ-TTg (the version kept with each code)'),
('enterprise', 'enterprise_status_known', 'status', 'Trạng thái là active, suspended hoặc dissolved.', 'The status is active, suspended or dissolved.', 'contract §5 (enterprise status)'),
('enterprise', 'enterprise_former_province_known', 'former_province', 'Tỉnh cũ phải là một tỉnh đã sáp nhập vào tỉnh của hồ sơ (với 08: tuyen-quang hoặc ha-giang; xem khcn province list).', 'The former province must be one merged into the record''s province (for 08: tuyen-quang or ha-giang; see khcn province list).', 'Decision 19/2025/QĐ-TTg; contract §4'),
('enterprise', 'enterprise_province_code_format', 'province', 'Mã tỉnh gồm 2 chữ số (Tuyên Quang là 08).', 'A province code is 2 digits (Tuyên Quang is 08).', 'Decision 19/2025/QĐ-TTg; contract §4'),
('enterprise', 'enterprise_established_plausible', 'established_on', 'Ngày thành lập phải từ 01/01/1900 và không sau hôm nay.', 'The establishment date must be on or after 1900-01-01 and not in the future.', 'contract §2 (dates are never in the future)'),
('enterprise', 'enterprise_status_order', 'status_on', 'Ngày đổi trạng thái không được trước ngày thành lập hoặc trước lần đổi trạng thái trước.', 'A status change cannot be dated before the establishment date or before the previous status change.', 'contract §5 (status history)'),
('enterprise', 'enterprise_status_on_not_future', 'status_on', 'Ngày đổi trạng thái không được sau hôm nay.', 'A status change cannot be dated in the future.', 'contract §2 (dates are never in the future)'),
('enterprise_status_change', 'enterprise_status_change_province_code_tax_code_fkey', 'tax_code', 'Lịch sử trạng thái chỉ ghi cho doanh nghiệp có trong sổ đăng ký.', 'A status change belongs to a registered enterprise.', 'contract §5 (status history)'),
-- S&T enterprise certificates (SQL/0005, 0012).
('st_certificate', 'st_certificate_pkey', 'certificate_number', 'Số giấy chứng nhận này đã có trong sổ đăng ký.', 'This certificate number is already registered.', 'Decree 13/2019/NĐ-CP; Decree 268/2025/NĐ-CP'),
('st_certificate', 'st_certificate_number_format', 'certificate_number', 'Số giấy chứng nhận có từ 1 đến 60 ký tự và không bắt đầu bằng khoảng trắng.', 'A certificate number has 1 to 60 characters and does not start with a space.', 'contract §4'),
('st_certificate', 'st_certificate_enterprise_fkey', 'tax_code', 'Không có doanh nghiệp mang mã số thuế này trong sổ đăng ký (hoặc còn giấy chứng nhận trỏ tới nó).', 'No enterprise with this tax code is registered (or certificates still point at it).', 'Decree 268/2025/NĐ-CP (a certificate is issued to an enterprise)'),
('st_certificate', 'st_certificate_basis_known', 'basis', 'Căn cứ là 13/2019/NĐ-CP hoặc 268/2025/NĐ-CP.', 'The basis is 13/2019/NĐ-CP or 268/2025/NĐ-CP.', 'Decree 13/2019/NĐ-CP; Law 93/2025/QH15; Decree 268/2025/NĐ-CP'),
('st_certificate', 'st_certificate_revocation_kind_known', 'revocation_kind', 'Hình thức chấm dứt là revoked (thu hồi) hoặc invalidated (hủy bỏ hiệu lực).', 'The revocation kind is revoked or invalidated.', 'Decree 268/2025/NĐ-CP (revocation, invalidation)'),
('st_certificate', 'st_certificate_revocation_complete', 'revoked_on', 'Có hình thức thu hồi thì phải có ngày thu hồi.', 'A revocation kind needs a revocation date.', 'Decree 268/2025/NĐ-CP (revocation, invalidation)'),
('st_certificate', 'st_certificate_revoked_after_issue', 'revoked_on', 'Ngày thu hồi không được trước ngày cấp.', 'A certificate cannot be revoked before it was issued.', 'Decree 268/2025/NĐ-CP (revocation, invalidation)'),
('st_certificate', 'st_certificate_revoked_not_future', 'revoked_on', 'Ngày thu hồi không được ở tương lai.', 'The revocation date cannot be in the future.', 'contract §2 (dates are never in the future)'),
('st_certificate', 'st_certificate_issued_plausible', 'issued_on', 'Ngày cấp không được ở tương lai hoặc trước ngày thành lập doanh nghiệp.', 'The issue date cannot be in the future or before the enterprise was established.', 'contract §2; Decree 268/2025/NĐ-CP'),
('st_certificate', 'st_certificate_holder_not_dissolved', 'tax_code', 'Không cấp giấy chứng nhận cho doanh nghiệp đã giải thể trước hoặc vào ngày cấp.', 'No certificate is issued to an enterprise dissolved on or before the issue date.', 'Decree 268/2025/NĐ-CP (a certificate is issued to an existing enterprise)'),
('st_certificate_amendment', 'st_certificate_amendment_pkey', 'on', 'Giấy chứng nhận đã có một lần sửa đổi / cấp lại cùng loại vào ngày này.', 'The certificate already has an amendment or re-issue of this kind on this day.', 'Decree 268/2025/NĐ-CP (amendment, re-issue)'),
('st_certificate_amendment', 'st_certificate_amendment_province_code_certificate_number_fkey', 'certificate_number', 'Không có giấy chứng nhận số này trong sổ đăng ký.', 'No certificate with this number is registered.', 'Decree 268/2025/NĐ-CP (amendment, re-issue)'),
('st_certificate_amendment', 'st_certificate_amendment_kind_known', 'kind', 'Loại là amended (sửa đổi, bổ sung) hoặc reissued (cấp lại).', 'The kind is amended or reissued.', 'Decree 268/2025/NĐ-CP (amendment, re-issue)'),
('st_certificate_amendment', 'st_certificate_amendment_description_length', 'description', 'Nội dung sửa đổi có từ 1 đến 2000 ký tự.', 'The description has 1 to 2000 characters.', 'contract §4 (text)'),
('st_certificate_amendment', 'st_certificate_amendment_dated', 'on', 'Ngày sửa đổi phải từ ngày cấp đến hôm nay.', 'An amendment is dated between the issue date and today.', 'contract §2; Decree 268/2025/NĐ-CP'),
-- S&T development funds (SQL/0006).
('st_fund', 'st_fund_pkey', 'established_on', 'Doanh nghiệp đã có quỹ lập ngày này.', 'The enterprise already has a fund established on this date.', 'contract §5 (funds)'),
('st_fund', 'st_fund_enterprise_fkey', 'tax_code', 'Không có doanh nghiệp mang mã số thuế này (hoặc còn quỹ trỏ tới nó).', 'No enterprise with this tax code is registered (or funds still point at it).', 'contract §5 (funds)'),
('st_fund', 'st_fund_one_open_per_enterprise', 'established_on', 'Doanh nghiệp đã có một quỹ đang hoạt động trong thời gian này; mỗi lúc chỉ một quỹ.', 'The enterprise already has a fund open over this period; one fund at a time.', 'Circular 67/2022/TT-BTC (one fund per enterprise)'),
('st_fund', 'st_fund_capital_not_negative', 'capital', 'Vốn không được âm.', 'Capital cannot be negative.', 'contract §4 (money)'),
('st_fund', 'st_fund_closed_after_established', 'closed_on', 'Ngày giải thể quỹ không được trước ngày lập quỹ.', 'A fund cannot close before it was established.', 'contract §5 (funds)'),
('st_fund', 'st_fund_closed_after_allocations', 'closed_on', 'Quỹ không được giải thể trước năm của lần trích lập cuối cùng.', 'A fund cannot close before the year of its last allocation.', 'contract §5 (funds)'),
('st_fund', 'st_fund_dates_not_future', 'established_on', 'Ngày của quỹ không được ở tương lai.', 'Fund dates cannot be in the future.', 'contract §2 (dates are never in the future)'),
('st_fund', 'st_fund_notified_after_established', 'notified_on', 'Ngày thông báo không được trước ngày lập quỹ.', 'The notification cannot precede the fund.', 'Circular 67/2022/TT-BTC (notification within 30 days of set-up)'),
('st_fund', 'st_fund_established_plausible', 'established_on', 'Quỹ không được lập trước ngày thành lập doanh nghiệp.', 'A fund cannot be established before its enterprise.', 'contract §5 (funds)'),
('st_fund', 'st_fund_holder_not_dissolved', 'established_on', 'Doanh nghiệp đã giải thể trước hoặc vào ngày lập quỹ.', 'The enterprise was dissolved on or before the fund''s establishment date.', 'contract §5 (funds)'),
('st_fund_allocation', 'st_fund_allocation_pkey', 'year', 'Năm này đã có số trích lập.', 'This year already has an allocation.', 'form 03-6/TNDN (one report per year)'),
('st_fund_allocation', 'st_fund_allocation_fund_fkey', 'established_on', 'Không có quỹ nào lập ngày này cho doanh nghiệp này.', 'No fund of this enterprise was established on that date.', 'contract §5 (funds)'),
('st_fund_allocation', 'st_fund_allocation_allocated_not_negative', 'allocated', 'Số trích lập không được âm.', 'The allocation cannot be negative.', 'contract §4 (money)'),
('st_fund_allocation', 'st_fund_allocation_spent_not_negative', 'spent', 'Số sử dụng không được âm.', 'The amount spent cannot be negative.', 'contract §4 (money)'),
('st_fund_allocation', 'st_fund_allocation_year_plausible', 'year', 'Năm không hợp lý.', 'The year is not plausible.', 'contract §5 (an allocation falls within the fund''s life)'),
('st_fund_allocation', 'st_fund_allocation_report_after_year_start', 'report_received_on', 'Ngày nhận báo cáo không được trước đầu năm tài chính.', 'The report cannot be received before its fiscal year began.', 'form 03-6/TNDN'),
('st_fund_allocation', 'st_fund_allocation_report_not_future', 'report_received_on', 'Ngày nhận báo cáo không được ở tương lai.', 'The report date cannot be in the future.', 'contract §2 (dates are never in the future)'),
-- Inventions and utility solutions (SQL/0007, 0023, 0027).
('ip_application', 'ip_application_pkey', 'application_number', 'Số đơn này đã có trong sổ đăng ký.', 'This application number is already registered.', 'contract §4 (application number)'),
('ip_application', 'ip_application_number_format', 'application_number', 'Số đơn có dạng 1-YYYY-NNNNN (sáng chế) hoặc 2-YYYY-NNNNN (giải pháp hữu ích).', 'An application number is 1-YYYY-NNNNN (invention) or 2-YYYY-NNNNN (utility solution).', 'contract §4 (application number)'),
('ip_application', 'ip_application_kind_known', 'kind', 'Loại là invention hoặc utility-solution.', 'The kind is invention or utility-solution.', 'IP Law (invention, utility solution)'),
('ip_application', 'ip_application_kind_matches_number', 'kind', 'Loại không khớp chữ số đầu của số đơn (1 sáng chế, 2 giải pháp hữu ích).', 'The kind does not match the application number''s type digit (1 invention, 2 utility solution).', 'contract §4 (application number)'),
('ip_application', 'ip_application_has_applicant', 'applicant_name', 'Cần mã số thuế hoặc tên của chủ đơn.', 'The applicant''s tax code or name is needed.', 'contract §5 (IP applications)'),
('ip_application', 'ip_application_applicant_fkey', 'applicant_tax_code', 'Không có doanh nghiệp mang mã số thuế chủ đơn này (hoặc còn đơn trỏ tới nó).', 'No enterprise with the applicant''s tax code is registered (or applications still point at it).', 'contract §5 (IP applications)'),
('ip_application', 'ip_application_applicant_type_known', 'applicant_type', 'Chủ đơn là organisation (tổ chức) hoặc person (cá nhân).', 'The applicant type is organisation or person.', 'contract §5 (IP applications)'),
('ip_application', 'ip_application_applicant_person_id_fkey', 'applicant_person_id', 'Không có cá nhân mang mã này trong sổ đăng ký.', 'No person with this id is registered.', 'Law 91/2025/QH15 (personal data kept apart)'),
('ip_application', 'ip_application_person_by_id', 'applicant_person_id', 'Chủ đơn là cá nhân thì chỉ ghi mã cá nhân, không ghi tên hay mã số thuế.', 'A person applicant is recorded by person id only, without a name or tax code.', 'Law 91/2025/QH15 (personal data kept apart)'),
('ip_application', 'ip_application_ipc_format', 'ipc', 'Mã IPC không đúng dạng (ví dụ A01G 9/14).', 'An IPC code is not well formed (e.g. A01G 9/14).', 'International Patent Classification'),
('ip_application', 'ip_application_title_length', 'title', 'Tên có từ 1 đến 1000 ký tự.', 'The title has 1 to 1000 characters.', 'contract §4 (text)'),
('ip_application', 'ip_application_priority_not_after_filing', 'priority_on', 'Ngày ưu tiên không được sau ngày nộp đơn.', 'The priority date cannot be after the filing date.', 'IP Law (priority date); contract §4'),
('ip_application', 'ip_application_filed_plausible', 'filed_on', 'Ngày nộp đơn không được ở tương lai.', 'The filing date cannot be in the future.', 'contract §2 (dates are never in the future)'),
('ip_application', 'ip_application_filed_before_events', 'filed_on', 'Ngày nộp đơn không được sau sự kiện đầu tiên đã ghi.', 'The filing date cannot be after the first recorded event.', 'IP Law (life cycle of an application)'),
('ip_event', 'ip_event_pkey', 'id', 'Sự kiện này đã được ghi.', 'This event is already recorded.', 'contract §5 (IP events)'),
('ip_event', 'ip_event_application_fkey', 'application_number', 'Không có đơn này trong sổ đăng ký.', 'No such application is registered.', 'contract §5 (IP events)'),
('ip_event', 'ip_event_kind_known', 'event', 'Sự kiện là published, examination-requested, granted, refused, withdrawn, lapsed, invalidated, restored hoặc checked.', 'The event is published, examination-requested, granted, refused, withdrawn, lapsed, invalidated, restored or checked.', 'IP Law (life cycle of an application)'),
('ip_event', 'ip_event_grant_number_with_grant', 'grant_number', 'Số bằng đi kèm (và chỉ đi kèm) sự kiện granted.', 'A grant number goes with, and only with, a granted event.', 'contract §4 (grant number)'),
('ip_event', 'ip_event_grant_number_unique', 'grant_number', 'Số bằng này đã thuộc một đơn khác.', 'This grant number already belongs to another application.', 'contract §4 (grant number)'),
('ip_event', 'ip_event_order', 'on', 'Ngày sự kiện phải từ ngày nộp đơn đến hôm nay và không trước sự kiện gần nhất đã ghi.', 'An event is dated between the filing date and today, and not before the latest recorded event.', 'IP Law (life cycle of an application); contract §2'),
('ip_event', 'ip_event_transition_allowed', 'event', 'Sự kiện không hợp với trạng thái của đơn vào ngày đó (nộp đơn → công bố / yêu cầu thẩm định → cấp hoặc từ chối; bằng đã cấp → mất hiệu lực, hủy bỏ, khôi phục).', 'The event does not follow from the application''s status on that day (filed → published / examination requested → granted or refused; a granted title → lapsed, invalidated, restored).', 'IP Law (life cycle of an application)'),
('ip_event', 'ip_event_append_only', 'event', 'Không sửa được sự kiện đã ghi.', 'Recorded IP events cannot be edited.', 'contract §5 (IP events are facts with dates)'),
('ip_fee_payment', 'ip_fee_payment_pkey', 'year', 'Phí năm hiệu lực này đã được ghi.', 'The fee of this validity year is already recorded.', 'IP Law (maintenance fees per validity year)'),
('ip_fee_payment', 'ip_fee_payment_application_fkey', 'application_number', 'Không có đơn số này trong sổ đăng ký.', 'No application with this number is registered.', 'contract §10'),
('ip_fee_payment', 'ip_fee_payment_year_plausible', 'year', 'Năm hiệu lực từ 1 đến 20 (giải pháp hữu ích: đến 10).', 'A validity year is 1 to 20 (utility solution: up to 10).', 'IP Law (term of protection: 20 years, utility solution 10)'),
('ip_fee_payment', 'ip_fee_payment_paid_plausible', 'paid_on', 'Ngày nộp phí không hợp lý (trước ngày nộp đơn hoặc ở tương lai).', 'The payment date is not plausible (before filing, or in the future).', 'contract §2; contract §10'),
-- Geographical indications (SQL/0008, 0027).
('gi_certificate', 'gi_certificate_pkey', 'certificate_number', 'Số văn bằng này đã có trong sổ đăng ký.', 'This GI certificate number is already registered.', 'contract §4 (GI certificate number)'),
('gi_certificate', 'gi_certificate_number_format', 'certificate_number', 'Số văn bằng gồm 5 chữ số.', 'A GI certificate number has 5 digits.', 'contract §4 (GI certificate number)'),
('gi_certificate', 'gi_certificate_application_number_format', 'application_number', 'Số đơn chỉ dẫn địa lý có dạng 6-YYYY-NNNNN.', 'A GI application number looks like 6-YYYY-NNNNN.', 'IP Office numbering (6 = geographical indication)'),
('gi_certificate', 'gi_certificate_name_length', 'name', 'Tên chỉ dẫn địa lý có từ 1 đến 300 ký tự.', 'The GI name has 1 to 300 characters.', 'contract §4 (text)'),
('gi_certificate', 'gi_certificate_product_length', 'product', 'Tên sản phẩm có từ 1 đến 300 ký tự.', 'The product has 1 to 300 characters.', 'contract §4 (text)'),
('gi_certificate', 'gi_certificate_cancelled_after_grant', 'cancelled_on', 'Ngày chấm dứt không được trước ngày cấp.', 'A GI cannot be cancelled before it was granted.', 'IP Law (geographical indications)'),
('gi_certificate', 'gi_certificate_dates_not_future', 'granted_on', 'Ngày cấp / chấm dứt không được ở tương lai.', 'GI dates cannot be in the future.', 'contract §2 (dates are never in the future)'),
('gi_manager', 'gi_manager_pkey', 'from_on', 'Đã ghi tổ chức quản lý từ ngày này.', 'A managing organisation from this day is already recorded.', 'contract §10 (GI managers)'),
('gi_manager', 'gi_manager_from_plausible', 'from_on', 'Ngày không hợp lý (trước ngày cấp văn bằng hoặc ở tương lai).', 'The date is not plausible (before the grant, or in the future).', 'contract §2; contract §10'),
('gi_manager', 'gi_manager_certificate_fkey', 'certificate_number', 'Không có văn bằng chỉ dẫn địa lý số này.', 'No GI certificate with this number is registered.', 'contract §10 (GI managers)'),
('gi_manager', 'gi_manager_managing_org_length', 'managing_org', 'Tên tổ chức quản lý dài tối đa 400 ký tự.', 'The managing organisation is at most 400 characters.', 'contract §4 (text)'),
('gi_manager', 'gi_manager_decision_length', 'decision', 'Quyết định dài tối đa 200 ký tự.', 'The decision is at most 200 characters.', 'contract §4 (text)'),
('gi_user', 'gi_user_pkey', 'from_on', 'Đã ghi doanh nghiệp này được phép sử dụng từ ngày này.', 'This enterprise is already recorded as authorised from this day.', 'contract §10 (GI users)'),
('gi_user', 'gi_user_from_plausible', 'from_on', 'Ngày không hợp lý (trước ngày cấp văn bằng hoặc ở tương lai).', 'The date is not plausible (before the grant, or in the future).', 'contract §2; contract §10'),
('gi_user', 'gi_user_until_after_from', 'until_on', 'Ngày kết thúc trước ngày bắt đầu.', 'The end date is before the start date.', 'contract §10 (GI users)'),
('gi_user', 'gi_user_no_overlap', 'from_on', 'Trùng thời gian với một lần cho phép khác của cùng doanh nghiệp.', 'Overlaps another authorisation of the same enterprise.', 'contract §10 (GI users)'),
('gi_user', 'gi_user_enterprise_fkey', 'tax_code', 'Không có doanh nghiệp mang mã số thuế này trong sổ đăng ký.', 'No enterprise with this tax code is registered.', 'contract §10 (GI users)'),
('gi_user', 'gi_user_certificate_fkey', 'certificate_number', 'Không có văn bằng chỉ dẫn địa lý số này.', 'No GI certificate with this number is registered.', 'contract §10 (GI users)'),
('gi_user', 'gi_user_decision_length', 'decision', 'Quyết định dài tối đa 200 ký tự.', 'The decision is at most 200 characters.', 'contract §4 (text)'),
-- The watch list's rules (SQL/0027).
('watch_rule', 'watch_rule_pkey', 'applies_from', 'Quy tắc này đã có một dòng áp dụng từ ngày này.', 'This rule already has a row applying from this day.', 'contract §10'),
('watch_rule', 'watch_rule_code_check', 'code', 'Mã quy tắc theo dõi không có trong danh sách.', 'The watch rule code is not on the list.', 'contract §10'),
('watch_rule', 'watch_rule_kind_check', 'kind', 'Loại là ip, fund hoặc gi.', 'The kind is ip, fund or gi.', 'contract §10'),
('watch_rule', 'watch_rule_subject_check', 'subject', 'Đối tượng là invention, utility-solution hoặc để trống.', 'The subject is invention, utility-solution or empty.', 'contract §10'),
('watch_rule', 'watch_rule_span', 'applies_until', 'Quy tắc kết thúc trước khi bắt đầu áp dụng.', 'The rule ends before it starts to apply.', 'contract §10 (a law''s amendment is a new row)'),
('watch_rule', 'watch_rule_no_overlap', 'applies_from', 'Hai dòng của cùng quy tắc trùng thời gian áp dụng.', 'Two rows of one rule apply over the same dates.', 'contract §10 (a law''s amendment is a new row)'),
-- Persons (SQL/0023).
('person', 'person_pkey', 'id', 'Mã cá nhân này đã có.', 'This person id is already taken.', 'Law 91/2025/QH15'),
('person', 'person_name_length', 'name', 'Họ tên có từ 1 đến 400 ký tự.', 'The name has 1 to 400 characters.', 'contract §4 (text)'),
('person', 'person_name_unique', 'name', 'Đã có một cá nhân cùng họ tên trong tỉnh.', 'A person with this name is already recorded in this province.', 'Law 91/2025/QH15 (collect what the purpose needs)'),
('person', 'person_erase_once', 'id', 'Tên của cá nhân này đã được xóa.', 'This person''s name was already erased.', 'Law 91/2025/QH15 (erasure on request)'),
-- Imports and their batches (SQL/0010, 0015).
('import_batch', 'import_batch_pkey', 'batch', 'Số lô nhập này đã có.', 'This import batch number is already taken.', 'contract §6 (import batches)'),
('import_batch', 'import_batch_sha256_check', 'sha256', 'Dấu SHA-256 của tệp gồm 64 chữ số thập lục phân.', 'A file''s SHA-256 is 64 hexadecimal digits.', 'contract §6 (import batches)'),
('import_batch', 'import_batch_size_check', 'size', 'Cỡ tệp không được âm.', 'The file size cannot be negative.', 'contract §6 (import batches)'),
('import_batch', 'import_batch_revert_once', 'batch', 'Lô nhập này đã được hoàn tác.', 'This import batch was already reverted.', 'contract §6 (import revert)'),
('import_batch', 'import_batch_revert_unchanged', 'batch', 'Không hoàn tác được lô khi hồ sơ của lô đã thay đổi sau đó.', 'A batch cannot be reverted once its records changed after it.', 'contract §6 (import revert)'),
('import_batch_counter', 'import_batch_counter_pkey', 'single', 'Bộ đếm số lô chỉ có một dòng.', 'The batch counter has one row.', 'contract §6 (batch numbers without gaps)'),
('import_batch_counter', 'import_batch_counter_single_check', 'single', 'Bộ đếm số lô chỉ có một dòng.', 'The batch counter has one row.', 'contract §6 (batch numbers without gaps)'),
('import_batch_counter', 'import_batch_counter_last_id_check', 'last_id', 'Số lô cuối không được âm.', 'The last batch number cannot be negative.', 'contract §6 (batch numbers without gaps)'),
('khcn_record_table', 'khcn_record_table_pkey', 'kind', 'Mỗi loại hồ sơ chỉ thuộc một bảng.', 'Each record kind has one table.', 'contract §5 (history)'),
-- Provinces and targets (SQL/0011, 0014).
('province', 'province_pkey', 'code', 'Mã tỉnh này đã có trong danh mục.', 'This province code is already on the list.', 'Decision 19/2025/QĐ-TTg'),
('province', 'province_code_check', 'code', 'Mã tỉnh gồm 2 chữ số.', 'A province code is 2 digits.', 'Decision 19/2025/QĐ-TTg'),
('province_former', 'province_former_pkey', 'former_province', 'Tỉnh cũ này đã được ghi cho tỉnh.', 'This former province is already recorded for the province.', 'Decision 19/2025/QĐ-TTg'),
('province_former', 'province_former_province_code_fkey', 'province', 'Tỉnh không có trong danh mục.', 'The province is not on the list.', 'Decision 19/2025/QĐ-TTg'),
('province_former', 'province_former_slug_key', 'former_province', 'Một tỉnh cũ chỉ sáp nhập vào một tỉnh mới.', 'A former province merged into exactly one new one.', 'Decision 19/2025/QĐ-TTg'),
('province_former', 'province_former_province_code_position_key', 'position', 'Thứ tự tỉnh cũ trong một tỉnh không được trùng.', 'The former provinces of one province have distinct positions.', 'Decision 19/2025/QĐ-TTg'),
('province_former', 'province_former_slug_format', 'former_province', 'Tên tỉnh cũ viết thường, không dấu, nối bằng gạch ngang (ví dụ ha-giang).', 'A former province is written in kebab-case without diacritics (e.g. ha-giang).', 'contract §4 (province)'),
('target', 'target_pkey', 'code', 'Chỉ tiêu này đã có cho tỉnh.', 'This target is already defined for the province.', 'contract §7'),
('target', 'target_code_check', 'code', 'Mã chỉ tiêu viết thường, bắt đầu bằng chữ cái (chữ, số, gạch ngang).', 'A target code is lower case, starts with a letter (letters, digits, hyphens).', 'contract §7'),
('target', 'target_comparator_check', 'comparator', 'Phép so sánh là >= hoặc >.', 'The comparator is >= or >.', 'contract §7'),
('target', 'target_rule_check', 'rule', 'Cách đếm là filed (nộp đơn) hoặc granted (được cấp).', 'The counting rule is filed or granted.', 'contract §7 ("được đăng ký bảo hộ")'),
('target', 'target_deadline_after_baseline', 'deadline', 'Hạn của chỉ tiêu phải sau ngày gốc.', 'A target''s deadline is after its baseline date.', 'contract §7'),
('target_observation', 'target_observation_pkey', 'observed_on', 'Chỉ tiêu đã có số liệu ghi nhận ngày này.', 'The target already has an observation on this day.', 'contract §7'),
('target_observation', 'target_observation_province_code_code_fkey', 'code', 'Không có chỉ tiêu này cho tỉnh.', 'No such target is defined for the province.', 'contract §7'),
('khcn_text_column', 'khcn_text_column_pkey', 'column_name', 'Cột này đã có trong danh sách cột văn bản.', 'This column is already on the list of text columns.', 'contract §4 (text)'),
-- Logins, their provinces, and the audit trail (SQL/0002, 0020–0022).
('khcn_user', 'khcn_user_pkey', 'login', 'Tên đăng nhập này đã có.', 'This login already exists.', 'contract §9'),
('khcn_user', 'khcn_user_role_known', 'role', 'Vai trò là admin, clerk hoặc viewer.', 'The role is admin, clerk or viewer.', 'contract §9 (roles)'),
('khcn_user', 'khcn_user_login_format', 'login', 'Tên đăng nhập gồm 2–63 chữ thường không dấu, chữ số hoặc _, bắt đầu bằng chữ cái, không bắt đầu bằng pg_ hay khcn_.', 'A login is 2 to 63 lower-case letters, digits or _, starting with a letter and not with pg_ or khcn_.', 'contract §9 (personal logins)'),
('khcn_user', 'khcn_user_password_hashed', 'password', 'Mật khẩu phải được băm SCRAM-SHA-256 trước khi gửi, không bao giờ gửi nguyên văn.', 'A password must arrive hashed as SCRAM-SHA-256, never in plain text.', 'contract §9 (passwords)'),
('khcn_user', 'khcn_user_login_unique', 'login', 'Đã có một vai trò cơ sở dữ liệu cùng tên.', 'A database role of that name already exists.', 'contract §9 (personal logins)'),
('khcn_user', 'khcn_user_not_self', 'login', 'Không thể tự khóa tài khoản của chính mình.', 'A login cannot disable itself.', 'contract §9'),
('khcn_user_province', 'khcn_user_province_pkey', 'province', 'Tỉnh này đã được cấp cho tài khoản.', 'This province is already granted to the login.', 'contract §9 (provinces)'),
('khcn_user_province', 'khcn_user_province_login_fkey', 'login', 'Không có tài khoản khcn này.', 'No such khcn login.', 'contract §9'),
('khcn_user_province', 'khcn_user_province_code_format', 'province', 'Mã tỉnh gồm 2 chữ số.', 'A province code is 2 digits.', 'contract §9 (provinces)'),
('khcn_user_province', 'khcn_user_province_required', 'province', 'Tài khoản cần được cấp ít nhất một tỉnh.', 'A login needs at least one province.', 'contract §9 (provinces)'),
('khcn_user_province', 'khcn_user_province_granted', 'province', 'Tỉnh chưa được cấp cho tài khoản này.', 'The province is not granted to this login.', 'contract §9 (provinces)'),
('audit_log', 'audit_log_pkey', 'id', 'Dòng nhật ký này đã có.', 'This audit row already exists.', 'contract §9 (audit trail)'),
('audit_log', 'audit_log_action_check', 'action', 'Hành động là insert, update hoặc delete.', 'The action is insert, update or delete.', 'contract §9 (audit trail)'),
('audit_seal', 'audit_seal_pkey', 'id', 'Dấu niêm phong này đã có.', 'This seal already exists.', 'contract §9 (sealed audit trail)'),
('audit_seal', 'audit_seal_check', 'to_id', 'Dấu niêm phong phủ một khoảng dòng không rỗng (từ ≤ đến).', 'A seal covers a non-empty range of rows (from ≤ to).', 'contract §9 (sealed audit trail)'),
('audit_seal', 'audit_seal_count_check', 'count', 'Dấu niêm phong phủ ít nhất một dòng.', 'A seal covers at least one row.', 'contract §9 (sealed audit trail)'),
('audit_seal', 'audit_seal_hash_check', 'hash', 'Mã băm là 64 chữ số thập lục phân.', 'A hash is 64 hexadecimal digits.', 'contract §9 (sealed audit trail)'),
('audit_seal', 'audit_seal_hash_key', 'hash', 'Hai dấu niêm phong không thể có cùng mã băm.', 'Two seals cannot have the same hash.', 'contract §9 (sealed audit trail)'),
('audit_seal_row', 'audit_seal_row_pkey', 'id', 'Dòng này đã được niêm phong.', 'This row is already sealed.', 'contract §9 (sealed audit trail)'),
-- The migrations' own table (made by `khcn db migrate`, Sources/Registry/Schema/Migrator.swift).
('khcn_migrations', 'khcn_migrations_pkey', 'version', 'Lần cập nhật lược đồ này đã được ghi.', 'This schema migration is already recorded.', 'khcn db migrate'),
-- This table's own.
('khcn_rule', 'khcn_rule_pkey', 'name', 'Mỗi quy tắc có một tên riêng.', 'Each rule has a name of its own.', 'issue 13 (one home per rule)'),
('khcn_rule', 'khcn_rule_messages', 'vi', 'Mỗi quy tắc có thông báo tiếng Việt, tiếng Anh và căn cứ.', 'Each rule has a Vietnamese and an English message and a basis.', 'contract §2 (messages in both languages)');
