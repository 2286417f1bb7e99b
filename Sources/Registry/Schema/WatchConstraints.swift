/// The messages of the constraints SQL/0027 adds (fee payments, GI managers and users, the
/// priority date, the watch rules), looked up after `ConstraintCatalogue`'s own entries.
extension ConstraintCatalogue {
    static let watchEntries: [String: Entry] = [
        "ip_application_priority_not_after_filing": Entry(
            field: "priority_on", vi: "Ngày ưu tiên không được sau ngày nộp đơn.", en: "The priority date cannot be after the filing date."),
        "ip_fee_payment_year_plausible": Entry(
            field: "year", vi: "Năm hiệu lực từ 1 đến 20 (giải pháp hữu ích: đến 10).", en: "A validity year is 1 to 20 (utility solution: up to 10)."),
        "ip_fee_payment_paid_plausible": Entry(
            field: "paid_on", vi: "Ngày nộp phí không hợp lý (trước ngày nộp đơn hoặc ở tương lai).", en: "The payment date is not plausible (before filing, or in the future)."),
        "ip_fee_payment_pkey": Entry(
            field: "year", vi: "Phí năm hiệu lực này đã được ghi.", en: "The fee of this validity year is already recorded."),
        "ip_fee_payment_application_fkey": Entry(
            field: "application_number", vi: "Không có đơn số này trong sổ đăng ký.", en: "No application with this number is registered."),
        "gi_manager_pkey": Entry(
            field: "from_on", vi: "Đã ghi tổ chức quản lý từ ngày này.", en: "A managing organisation from this day is already recorded."),
        "gi_manager_from_plausible": Entry(
            field: "from_on", vi: "Ngày không hợp lý (trước ngày cấp văn bằng hoặc ở tương lai).", en: "The date is not plausible (before the grant, or in the future)."),
        "gi_manager_certificate_fkey": Entry(
            field: "certificate_number", vi: "Không có văn bằng chỉ dẫn địa lý số này.", en: "No GI certificate with this number is registered."),
        "gi_manager_managing_org_length": Entry(
            field: "managing_org", vi: "Tên tổ chức quản lý dài tối đa 400 ký tự.", en: "The managing organisation is at most 400 characters."),
        "gi_manager_decision_length": Entry(field: "decision", vi: "Quyết định dài tối đa 200 ký tự.", en: "The decision is at most 200 characters."),
        "gi_user_pkey": Entry(
            field: "from_on", vi: "Đã ghi doanh nghiệp này được phép sử dụng từ ngày này.", en: "This enterprise is already recorded as authorised from this day."),
        "gi_user_from_plausible": Entry(
            field: "from_on", vi: "Ngày không hợp lý (trước ngày cấp văn bằng hoặc ở tương lai).", en: "The date is not plausible (before the grant, or in the future)."),
        "gi_user_until_after_from": Entry(
            field: "until_on", vi: "Ngày kết thúc trước ngày bắt đầu.", en: "The end date is before the start date."),
        "gi_user_no_overlap": Entry(
            field: "from_on", vi: "Trùng thời gian với một lần cho phép khác của cùng doanh nghiệp.", en: "Overlaps another authorisation of the same enterprise."),
        "gi_user_enterprise_fkey": Entry(
            field: "tax_code", vi: "Không có doanh nghiệp mang mã số thuế này trong sổ đăng ký.", en: "No enterprise with this tax code is registered."),
        "gi_user_certificate_fkey": Entry(
            field: "certificate_number", vi: "Không có văn bằng chỉ dẫn địa lý số này.", en: "No GI certificate with this number is registered."),
        "gi_user_decision_length": Entry(field: "decision", vi: "Quyết định dài tối đa 200 ký tự.", en: "The decision is at most 200 characters."),
        "watch_rule_span": Entry(
            field: "applies_until", vi: "Quy tắc kết thúc trước khi bắt đầu áp dụng.", en: "The rule ends before it starts to apply."),
        "watch_rule_no_overlap": Entry(
            field: "applies_from", vi: "Hai dòng của cùng quy tắc trùng thời gian áp dụng.", en: "Two rows of one rule apply over the same dates."),
    ]
}
