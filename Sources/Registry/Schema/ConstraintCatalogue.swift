/// The message behind each named constraint of `SQL/`, so that a row refused by the database
/// (whoever wrote it) is explained in the clerk's words. One entry per constraint name.
enum ConstraintCatalogue {
    struct Entry {
        let field: String
        let vi: String
        let en: String
    }

    /// The entry for a constraint; `table` (from the server's error) names the field of the
    /// text rules that SQL/0014 adds as `<table>_<column>_clean`.
    static func entry(_ constraint: String, table: String? = nil) -> Entry? {
        if let entry = entries[constraint] { return entry }
        if let entry = watchEntries[constraint] { return entry }
        if constraint.hasSuffix("_province_known") {
            return Entry(
                field: "province",
                vi: "Mã tỉnh không có trong danh mục 34 tỉnh, thành phố từ 01/07/2025 (Quyết định 19/2025/QĐ-TTg); xem khcn province list.",
                en: "The province code is not on the national list of the 34 provinces in force since 1 July 2025 (Decision 19/2025/QĐ-TTg); see khcn province list.")
        }
        if constraint.hasSuffix("_clean"), let table, constraint.hasPrefix(table + "_") {
            let field = String(constraint.dropFirst(table.count + 1).dropLast("_clean".count))
            return Entry(
                field: field,
                vi: "Trường \(field) chứa ký tự điều khiển hoặc ký tự đổi chiều văn bản (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), không được phép (hợp đồng §4).",
                en: "Field \(field) holds a control character or a bidirectional override (U+0000–001F, U+007F–009F, U+202A–202E, U+2066–2069), which is not allowed (contract §4).")
        }
        return nil
    }

    private static let entries: [String: Entry] = [
        "enterprise_pkey": Entry(
            field: "tax_code",
            vi: "Mã số thuế này đã có trong sổ đăng ký của tỉnh.",
            en: "This tax code is already registered in this province."),
        "enterprise_tax_code_valid": Entry(
            field: "tax_code",
            vi: "Mã số thuế không hợp lệ (10 chữ số với chữ số kiểm tra đúng, hoặc 13 chữ số dạng XXXXXXXXXX-NNN).",
            en: "Invalid tax code (10 digits with a correct check digit, or 13 written XXXXXXXXXX-NNN)."),
        "enterprise_name_length": Entry(
            field: "name", vi: "Tên doanh nghiệp phải có từ 1 đến 400 ký tự.", en: "The name must have 1 to 400 characters."),
        "enterprise_commune_code_format": Entry(
            field: "commune_code", vi: "Mã xã gồm đúng 5 chữ số (danh mục đơn vị hành chính).",
            en: "A commune code is exactly 5 digits (national list of administrative units)."),
        "enterprise_vsic_format": Entry(
            field: "vsic", vi: "Mã ngành VSIC cấp 4 gồm đúng 4 chữ số.", en: "A level-4 VSIC code is exactly 4 digits."),
        "enterprise_vsic_version_known": Entry(
            field: "vsic_version", vi: "Phiên bản VSIC là 2018 hoặc 2025.", en: "The VSIC version is 2018 or 2025."),
        "enterprise_vsic_needs_version": Entry(
            field: "vsic_version", vi: "Có mã ngành thì phải ghi phiên bản VSIC (2018 hoặc 2025).",
            en: "Industry codes need their VSIC version (2018 or 2025)."),
        "enterprise_status_known": Entry(
            field: "status", vi: "Trạng thái là active, suspended hoặc dissolved.", en: "The status is active, suspended or dissolved."),
        "enterprise_former_province_known": Entry(
            field: "former_province",
            vi: "Tỉnh cũ phải là một tỉnh đã sáp nhập vào tỉnh của hồ sơ (với 08: tuyen-quang hoặc ha-giang; xem khcn province list).",
            en: "The former province must be one merged into the record's province (for 08: tuyen-quang or ha-giang; see khcn province list)."),
        "enterprise_province_code_format": Entry(
            field: "province", vi: "Mã tỉnh gồm 2 chữ số (Tuyên Quang là 08).", en: "A province code is 2 digits (Tuyên Quang is 08)."),
        "enterprise_established_plausible": Entry(
            field: "established_on", vi: "Ngày thành lập phải từ 01/01/1900 và không sau hôm nay.",
            en: "The establishment date must be on or after 1900-01-01 and not in the future."),
        "enterprise_status_order": Entry(
            field: "status_on", vi: "Ngày đổi trạng thái không được trước ngày thành lập hoặc trước lần đổi trạng thái trước.",
            en: "A status change cannot be dated before the establishment date or before the previous status change."),
        "st_certificate_pkey": Entry(
            field: "certificate_number", vi: "Số giấy chứng nhận này đã có trong sổ đăng ký.", en: "This certificate number is already registered."),
        "st_certificate_enterprise_fkey": Entry(
            field: "tax_code", vi: "Không có doanh nghiệp mang mã số thuế này trong sổ đăng ký (hoặc còn giấy chứng nhận trỏ tới nó).",
            en: "No enterprise with this tax code is registered (or certificates still point at it)."),
        "st_certificate_basis_known": Entry(
            field: "basis", vi: "Căn cứ là 13/2019/NĐ-CP hoặc 268/2025/NĐ-CP.", en: "The basis is 13/2019/NĐ-CP or 268/2025/NĐ-CP."),
        "st_certificate_revocation_kind_known": Entry(
            field: "revocation_kind", vi: "Hình thức chấm dứt là revoked (thu hồi) hoặc invalidated (hủy bỏ hiệu lực).",
            en: "The revocation kind is revoked or invalidated."),
        "st_certificate_revocation_complete": Entry(
            field: "revoked_on", vi: "Có hình thức thu hồi thì phải có ngày thu hồi.", en: "A revocation kind needs a revocation date."),
        "st_certificate_revoked_after_issue": Entry(
            field: "revoked_on", vi: "Ngày thu hồi không được trước ngày cấp.", en: "A certificate cannot be revoked before it was issued."),
        "st_fund_pkey": Entry(
            field: "established_on", vi: "Doanh nghiệp đã có quỹ lập ngày này.", en: "The enterprise already has a fund established on this date."),
        "st_fund_enterprise_fkey": Entry(
            field: "tax_code", vi: "Không có doanh nghiệp mang mã số thuế này (hoặc còn quỹ trỏ tới nó).",
            en: "No enterprise with this tax code is registered (or funds still point at it)."),
        "st_fund_one_open_per_enterprise": Entry(
            field: "established_on", vi: "Doanh nghiệp đã có một quỹ đang hoạt động trong thời gian này; mỗi lúc chỉ một quỹ.",
            en: "The enterprise already has a fund open over this period; one fund at a time."),
        "st_fund_capital_not_negative": Entry(field: "capital", vi: "Vốn không được âm.", en: "Capital cannot be negative."),
        "st_fund_closed_after_established": Entry(
            field: "closed_on", vi: "Ngày giải thể quỹ không được trước ngày lập quỹ.", en: "A fund cannot close before it was established."),
        "st_fund_notified_after_established": Entry(
            field: "notified_on", vi: "Ngày thông báo không được trước ngày lập quỹ.", en: "The notification cannot precede the fund."),
        "st_fund_allocation_pkey": Entry(
            field: "year", vi: "Năm này đã có số trích lập.", en: "This year already has an allocation."),
        "st_fund_allocation_fund_fkey": Entry(
            field: "established_on", vi: "Không có quỹ nào lập ngày này cho doanh nghiệp này.", en: "No fund of this enterprise was established on that date."),
        "st_fund_allocation_allocated_not_negative": Entry(field: "allocated", vi: "Số trích lập không được âm.", en: "The allocation cannot be negative."),
        "st_fund_allocation_spent_not_negative": Entry(field: "spent", vi: "Số sử dụng không được âm.", en: "The amount spent cannot be negative."),
        "st_fund_allocation_year_plausible": Entry(field: "year", vi: "Năm không hợp lý.", en: "The year is not plausible."),
        "st_fund_allocation_report_after_year_start": Entry(
            field: "report_received_on", vi: "Ngày nhận báo cáo không được trước đầu năm tài chính.",
            en: "The report cannot be received before its fiscal year began."),
        "ip_application_pkey": Entry(field: "application_number", vi: "Số đơn này đã có trong sổ đăng ký.", en: "This application number is already registered."),
        "ip_application_number_format": Entry(
            field: "application_number", vi: "Số đơn có dạng 1-YYYY-NNNNN (sáng chế) hoặc 2-YYYY-NNNNN (giải pháp hữu ích).",
            en: "An application number is 1-YYYY-NNNNN (invention) or 2-YYYY-NNNNN (utility solution)."),
        "ip_application_kind_known": Entry(field: "kind", vi: "Loại là invention hoặc utility-solution.", en: "The kind is invention or utility-solution."),
        "ip_application_kind_matches_number": Entry(
            field: "kind", vi: "Loại không khớp chữ số đầu của số đơn (1 sáng chế, 2 giải pháp hữu ích).",
            en: "The kind does not match the application number's type digit (1 invention, 2 utility solution)."),
        "ip_application_has_applicant": Entry(
            field: "applicant_name", vi: "Cần mã số thuế hoặc tên của chủ đơn.", en: "The applicant's tax code or name is needed."),
        "ip_application_applicant_fkey": Entry(
            field: "applicant_tax_code", vi: "Không có doanh nghiệp mang mã số thuế chủ đơn này (hoặc còn đơn trỏ tới nó).",
            en: "No enterprise with the applicant's tax code is registered (or applications still point at it)."),
        "ip_application_ipc_format": Entry(field: "ipc", vi: "Mã IPC không đúng dạng (ví dụ A01G 9/14).", en: "An IPC code is not well formed (e.g. A01G 9/14)."),
        "ip_application_title_length": Entry(field: "title", vi: "Tên có từ 1 đến 1000 ký tự.", en: "The title has 1 to 1000 characters."),
        "ip_event_grant_number_unique": Entry(
            field: "grant_number", vi: "Số bằng này đã thuộc một đơn khác.", en: "This grant number already belongs to another application."),
        "ip_event_grant_number_with_grant": Entry(
            field: "grant_number", vi: "Số bằng đi kèm (và chỉ đi kèm) sự kiện granted.", en: "A grant number goes with, and only with, a granted event."),
        "ip_event_application_fkey": Entry(field: "application_number", vi: "Không có đơn này trong sổ đăng ký.", en: "No such application is registered."),
        "gi_certificate_pkey": Entry(field: "certificate_number", vi: "Số văn bằng này đã có trong sổ đăng ký.", en: "This GI certificate number is already registered."),
        "gi_certificate_number_format": Entry(field: "certificate_number", vi: "Số văn bằng gồm 5 chữ số.", en: "A GI certificate number has 5 digits."),
        "gi_certificate_application_number_format": Entry(
            field: "application_number", vi: "Số đơn chỉ dẫn địa lý có dạng 6-YYYY-NNNNN.", en: "A GI application number looks like 6-YYYY-NNNNN."),
        "gi_certificate_cancelled_after_grant": Entry(
            field: "cancelled_on", vi: "Ngày chấm dứt không được trước ngày cấp.", en: "A GI cannot be cancelled before it was granted."),
        "enterprise_text_clean": Entry(
            field: "name", vi: "Văn bản không được rỗng sau khi bỏ khoảng trắng.", en: "Text must not be empty after trimming."),
    ]
}
