import Registry

/// The one home of the words a person reads for a stored code (contract §2: Vietnamese by
/// default, English with `--lang en`): field labels (§6 column names and audit-image columns),
/// statuses, IP events and the other enum values. `--json` never uses them.
enum Labels {
    static let fields: [String: (vi: String, en: String)] = [
        "tax_code": ("Mã số thuế", "Tax code"), "certificate_number": ("Số", "Number"),
        "issued_on": ("Ngày cấp", "Issued"), "issuer": ("Cơ quan cấp", "Issuer"), "basis": ("Căn cứ", "Legal basis"),
        "revoked_on": ("Ngày thu hồi", "Revoked"), "revoke_reason": ("Lý do thu hồi", "Reason"),
        "revocation_kind": ("Hình thức", "Revocation kind"), "status": ("Trạng thái", "Status"),
        "results": ("Kết quả KH&CN", "S&T results"), "amendments": ("Sửa đổi, cấp lại", "Amendments and re-issues"),
        "description": ("Nội dung", "What changed"), "amended_on": ("Ngày sửa đổi", "Amended"),
        "established_on": ("Ngày thành lập", "Established"), "decision": ("Quyết định", "Decision"), "capital": ("Vốn", "Capital"),
        "notified_on": ("Ngày thông báo", "Notified"), "closed_on": ("Ngày giải thể", "Closed"),
        "allocations": ("Trích lập theo năm", "Yearly allocations"), "year": ("Năm", "Year"),
        "allocated": ("Trích lập", "Allocated"), "spent": ("Sử dụng", "Spent"), "report_received_on": ("Nhận báo cáo", "Report received"),
        "kind": ("Loại", "Kind"), "application_number": ("Số đơn", "Application number"), "filed_on": ("Ngày nộp đơn", "Filed"),
        "title": ("Tên", "Title"), "applicant_tax_code": ("MST chủ đơn", "Applicant tax code"), "applicant_name": ("Chủ đơn", "Applicant"),
        "ipc": ("Phân loại IPC", "IPC"), "published_on": ("Ngày công bố", "Published"),
        "examination_requested_on": ("Yêu cầu thẩm định", "Examination requested"), "granted_on": ("Ngày cấp bằng", "Granted"),
        "grant_number": ("Số bằng", "Grant number"), "refused_on": ("Ngày từ chối", "Refused"), "withdrawn_on": ("Ngày rút đơn", "Withdrawn"),
        "lapsed_on": ("Ngày mất hiệu lực", "Lapsed"), "invalidated_on": ("Ngày hủy bỏ", "Invalidated"),
        "restored_on": ("Ngày khôi phục", "Restored"), "checked_on": ("Đối chiếu lần cuối", "Last checked"),
        "expires_on": ("Hết hạn bảo hộ", "Expires"), "events": ("Diễn biến", "Events"), "event": ("Sự kiện", "Event"),
        "on": ("Ngày", "On"), "event_on": ("Ngày", "On"),
        "name": ("Tên", "Name"), "product": ("Sản phẩm", "Product"), "managing_org": ("Tổ chức quản lý", "Managing organisation"),
        "area": ("Khu vực", "Area"), "cancelled_on": ("Ngày chấm dứt", "Cancelled"),
        "address": ("Địa chỉ", "Address"), "commune_code": ("Mã xã", "Commune code"), "legal_form": ("Loại hình", "Legal form"),
        "vsic": ("Mã ngành", "Industry codes"), "vsic_version": ("Phiên bản VSIC", "VSIC version"),
        "status_on": ("Ngày trạng thái", "Status since"), "former_province": ("Tỉnh cũ", "Former province"),
        "priority_on": ("Ngày ưu tiên", "Priority date"), "fees": ("Phí duy trì đã nộp", "Maintenance fees paid"),
        "paid_on": ("Ngày nộp phí", "Paid on"), "next_fee": ("Năm phí kế tiếp", "Next fee due"), "due_on": ("Hạn", "Due"),
        "managers": ("Tổ chức quản lý sau này", "Later managing organisations"), "users": ("Được phép sử dụng", "Authorised users"),
        "from_on": ("Từ ngày", "From"), "until_on": ("Đến ngày", "Until"),
        "managing_org_on": ("Tổ chức quản lý vào ngày", "Managing organisation on the day"),
        "authorised": ("Đang được phép", "Authorised on the day"), "used": ("Đã dùng (FIFO)", "Used (FIFO)"),
        "balance": ("Còn lại", "Balance"), "share_used": ("Tỷ lệ đã dùng", "Share used"),
        "short_of_70": ("Còn thiếu để đủ 70%", "Short of 70%"), "applicant_type": ("Loại chủ đơn", "Applicant type"),
    ]

    /// Columns of an audit image that only the database needs (surrogate keys): never shown.
    static func isInternal(_ field: String) -> Bool { field == "id" || field.hasSuffix("_id") || field == "province_code" }

    /// Derived statuses of certificates, funds, IP applications, GIs and enterprises.
    static let statuses: [String: (vi: String, en: String)] = [
        "valid": ("Còn hiệu lực", "Valid"), "revoked": ("Đã thu hồi", "Revoked"), "invalidated": ("Bị hủy bỏ hiệu lực", "Invalidated"),
        "not_issued": ("Chưa cấp", "Not yet issued"), "open": ("Đang hoạt động", "Open"), "closed": ("Đã giải thể", "Closed"),
        "not_established": ("Chưa thành lập", "Not yet established"), "filed": ("Đã nộp đơn", "Filed"),
        "published": ("Đã công bố", "Published"), "under_examination": ("Đang thẩm định nội dung", "Under examination"),
        "granted": ("Đã cấp bằng", "Granted"), "refused": ("Bị từ chối", "Refused"), "withdrawn": ("Đã rút đơn", "Withdrawn"),
        "lapsed": ("Mất hiệu lực", "Lapsed"), "expired": ("Hết thời hạn bảo hộ", "Expired"),
        "protected": ("Đang được bảo hộ", "Protected"), "cancelled": ("Đã chấm dứt", "Cancelled"), "not_granted": ("Chưa cấp", "Not yet granted"),
        "active": ("Đang hoạt động", "Active"), "suspended": ("Tạm ngừng kinh doanh", "Suspended"), "dissolved": ("Đã giải thể", "Dissolved"),
    ]

    /// The events of an IP application's life (contract §5, `khcn ip record --event`).
    static let events: [String: (vi: String, en: String)] = [
        "filed": ("Nộp đơn", "Filed"),
        "published": ("Công bố đơn", "Published"), "examination-requested": ("Yêu cầu thẩm định nội dung", "Examination requested"),
        "granted": ("Cấp bằng", "Granted"), "refused": ("Từ chối", "Refused"), "withdrawn": ("Rút đơn", "Withdrawn"),
        "lapsed": ("Mất hiệu lực", "Lapsed"), "invalidated": ("Hủy bỏ hiệu lực", "Invalidated"),
        "restored": ("Khôi phục hiệu lực", "Restored"), "checked": ("Đối chiếu với Cục SHTT", "Checked with the IP Office"),
        "fee-paid": ("Nộp phí duy trì", "Maintenance fee paid"),
    ]

    /// Other stored codes: amendment kinds, the counting rules of `ip-filings`, audit actions.
    static let words: [String: (vi: String, en: String)] = [
        "amended": ("Sửa đổi, bổ sung", "Amendment"), "reissued": ("Cấp lại", "Re-issue"),
        "insert": ("thêm mới", "insert"), "update": ("sửa", "update"), "delete": ("xóa", "delete"),
        "organisation": ("Tổ chức", "Organisation"), "person": ("Cá nhân", "Person"),
    ]

    /// What `ip-filings` counts (`khcn targets set-rule`).
    static let rules: [String: (vi: String, en: String)] = [
        "filed": ("số đơn đã nộp", "applications filed"), "granted": ("số bằng đã cấp", "titles granted"),
    ]
}

extension Printer {
    private func pick(_ table: [String: (vi: String, en: String)], _ code: String) -> String {
        table[code].map { text($0.vi, $0.en) } ?? code
    }

    func label(_ key: String) -> String { pick(Labels.fields, key) }
    func statusWord(_ code: String) -> String { pick(Labels.statuses, code) }
    func eventWord(_ code: String) -> String { pick(Labels.events, code) }
    func word(_ code: String) -> String { pick(Labels.words, code) }
    func ruleWord(_ code: String) -> String { pick(Labels.rules, code) }
}

extension Labels {
    /// The kinds of record, as `history` names them.
    static let kinds: [RecordKind: (vi: String, en: String)] = [
        .enterprise: ("Doanh nghiệp", "Enterprise"), .certificate: ("Giấy chứng nhận", "Certificate"),
        .fund: ("Quỹ", "Fund"), .fundAllocation: ("Trích lập quỹ", "Fund allocation"),
        .ip: ("Đơn", "Application"), .ipEvent: ("Sự kiện của đơn", "Application event"), .gi: ("Chỉ dẫn địa lý", "GI"),
        .ipFee: ("Phí duy trì", "Maintenance fee"), .giManager: ("Tổ chức quản lý CDĐL", "GI managing organisation"),
        .giUser: ("Doanh nghiệp được phép sử dụng CDĐL", "GI authorised user"),
    ]
}

extension Printer {
    func kindWord(_ kind: RecordKind) -> String { Labels.kinds[kind].map { text($0.vi, $0.en) } ?? kind.rawValue }

    /// A value of an audit image as everywhere else (money, dates, statuses); "—" when empty.
    func historyValue(_ field: String, _ value: JSON?) -> String {
        guard let value else { return "—" }
        return format(field, value)
    }
}
