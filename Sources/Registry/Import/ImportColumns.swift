import Foundation

/// The header line of templates and exports (`--headers`): the canonical §6 names, or the
/// Vietnamese names in brackets, which import accepts as well.
public enum CSVHeaders: String, Sendable, CaseIterable {
    case canonical
    case vietnamese = "vi"
}

/// One canonical column of an import kind: its name, the other headers clerks write for it,
/// whether a row needs it, and how a cell becomes the canonical text that is staged.
struct ImportColumn {
    let name: String
    let aliases: [String]
    let required: Bool
    let rule: CellRule

    init(name: String, aliases: [String], required: Bool, rule: CellRule) {
        self.name = name
        self.aliases = aliases
        self.required = required
        self.rule = rule
    }

    /// A column whose cells only the text path reads (`CellRule.other`).
    init(name: String, aliases: [String], required: Bool, parse: @escaping (String, DateOrder) throws(CellProblem) -> String?) {
        self.init(name: name, aliases: aliases, required: required, rule: .other(parse))
    }

    /// Header matching ignores case, diacritics, spaces and underscores (contract §6).
    static func fold(_ header: String) -> String {
        header.precomposedStringWithCanonicalMapping.lowercased()
            .replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: nil)
            .filter { $0 != " " && $0 != "_" && $0 != "\u{00A0}" && $0 != "-" }
    }
}

/// The columns of each import kind, in canonical order (contract §6), with their cell rules.
enum ImportColumns {
    static func columns(_ kind: RecordKind) -> [ImportColumn] {
        switch kind {
        case .enterprise: [
            ImportColumn(name: "tax_code", aliases: ["Mã số thuế", "MST", "Mã số doanh nghiệp"], required: true, rule: .taxCode),
            ImportColumn(name: "name", aliases: ["Tên doanh nghiệp"], required: true, rule: .text(400)),
            ImportColumn(name: "established_on", aliases: ["Ngày thành lập"], required: false, rule: .date),
            ImportColumn(name: "address", aliases: ["Địa chỉ"], required: false, rule: .text(1000, lineBreaks: true)),
            ImportColumn(name: "commune_code", aliases: ["Mã xã"], required: false, rule: .communeCode),
            ImportColumn(name: "legal_form", aliases: ["Loại hình"], required: false, rule: .text(200)),
            ImportColumn(name: "vsic", aliases: ["Mã ngành"], required: false, parse: vsic),
            ImportColumn(name: "vsic_version", aliases: ["Phiên bản VSIC"], required: false, parse: choice(["2018": "2018", "2025": "2025"], "2018, 2025")),
            ImportColumn(name: "status", aliases: ["Trạng thái"], required: false, parse: choice([
                "active": "active", "suspended": "suspended", "dissolved": "dissolved",
                "hoatdong": "active", "danghoatdong": "active", "tamngung": "suspended", "tamngungkinhdoanh": "suspended", "giaithe": "dissolved",
            ], "active, suspended, dissolved (hoạt động, tạm ngừng, giải thể)")),
            ImportColumn(name: "status_on", aliases: ["Ngày trạng thái"], required: false, rule: .date),
            ImportColumn(name: "former_province", aliases: ["Tỉnh cũ"], required: false, parse: choice([
                "tuyenquang": "tuyen-quang", "hagiang": "ha-giang",
            ], "tuyen-quang, ha-giang")),
        ]
        case .certificate: [
            ImportColumn(name: "tax_code", aliases: ["Mã số thuế", "MST"], required: true, rule: .taxCode),
            ImportColumn(name: "certificate_number", aliases: ["Số giấy chứng nhận"], required: true, rule: .text(60)),
            ImportColumn(name: "issued_on", aliases: ["Ngày cấp"], required: true, rule: .date),
            ImportColumn(name: "issuer", aliases: ["Cơ quan cấp"], required: false, rule: .text(300)),
            ImportColumn(name: "basis", aliases: ["Căn cứ"], required: false, parse: basis),
            ImportColumn(name: "revoked_on", aliases: ["Ngày thu hồi"], required: false, rule: .date),
            ImportColumn(name: "revoke_reason", aliases: ["Lý do thu hồi"], required: false, rule: .text(2000)),
            ImportColumn(name: "revocation_kind", aliases: ["Hình thức thu hồi"], required: false, parse: choice([
                "revoked": "revoked", "invalidated": "invalidated", "thuhoi": "revoked", "huybohieuluc": "invalidated",
            ], "revoked, invalidated")),
        ]
        case .fund: [
            ImportColumn(name: "tax_code", aliases: ["Mã số thuế", "MST"], required: true, rule: .taxCode),
            ImportColumn(name: "established_on", aliases: ["Ngày thành lập quỹ"], required: true, rule: .date),
            ImportColumn(name: "decision", aliases: ["Quyết định"], required: false, rule: .text(200)),
            ImportColumn(name: "capital", aliases: ["Vốn"], required: false, parse: money),
            ImportColumn(name: "notified_on", aliases: ["Ngày thông báo"], required: false, rule: .date),
            ImportColumn(name: "closed_on", aliases: ["Ngày giải thể"], required: false, rule: .date),
        ]
        case .fundAllocation: [
            ImportColumn(name: "tax_code", aliases: ["Mã số thuế", "MST"], required: true, rule: .taxCode),
            ImportColumn(name: "established_on", aliases: ["Ngày thành lập quỹ"], required: true, rule: .date),
            ImportColumn(name: "year", aliases: ["Năm"], required: true, parse: year),
            ImportColumn(name: "allocated", aliases: ["Trích lập"], required: true, parse: money),
            ImportColumn(name: "spent", aliases: ["Sử dụng"], required: false, parse: money),
            ImportColumn(name: "report_received_on", aliases: ["Ngày nhận báo cáo"], required: false, rule: .date),
        ]
        case .ip: [
            ImportColumn(name: "kind", aliases: ["Loại"], required: true, parse: ipKind),
            ImportColumn(name: "application_number", aliases: ["Số đơn"], required: true, parse: applicationNumber),
            ImportColumn(name: "filed_on", aliases: ["Ngày nộp đơn"], required: true, rule: .date),
            ImportColumn(name: "title", aliases: ["Tên"], required: true, rule: .text(1000)),
            ImportColumn(name: "applicant_tax_code", aliases: ["MST chủ đơn"], required: false, rule: .taxCode),
            ImportColumn(name: "applicant_name", aliases: ["Chủ đơn"], required: false, rule: .text(400)),
            ImportColumn(name: "ipc", aliases: ["Mã IPC", "Phân loại IPC"], required: false, parse: ipc),
            ImportColumn(name: "published_on", aliases: ["Ngày công bố"], required: false, rule: .date),
            ImportColumn(name: "examination_requested_on", aliases: ["Ngày yêu cầu thẩm định"], required: false, rule: .date),
            ImportColumn(name: "granted_on", aliases: ["Ngày cấp bằng"], required: false, rule: .date),
            ImportColumn(name: "grant_number", aliases: ["Số bằng"], required: false, rule: .text(30)),
            ImportColumn(name: "refused_on", aliases: ["Ngày từ chối"], required: false, rule: .date),
            ImportColumn(name: "withdrawn_on", aliases: ["Ngày rút đơn"], required: false, rule: .date),
            ImportColumn(name: "lapsed_on", aliases: ["Ngày mất hiệu lực"], required: false, rule: .date),
            ImportColumn(name: "invalidated_on", aliases: ["Ngày hủy bỏ hiệu lực"], required: false, rule: .date),
            ImportColumn(name: "restored_on", aliases: ["Ngày khôi phục"], required: false, rule: .date),
            ImportColumn(name: "checked_on", aliases: ["Ngày đối chiếu"], required: false, rule: .date),
            // Contract §9: a person's name is personal data, held apart (SQL/0023).
            ImportColumn(name: "applicant_type", aliases: ["Loại chủ đơn"], required: false, parse: choice([
                "organisation": "organisation", "organization": "organisation", "person": "person",
                "tochuc": "organisation", "canhan": "person",
            ], "organisation, person")),
            ImportColumn(name: "priority_on", aliases: ["Ngày ưu tiên"], required: false, rule: .date),
        ]
        case .ipFee, .giManager, .giUser: historyColumns(kind)
        case .gi: [
            ImportColumn(name: "certificate_number", aliases: ["Số văn bằng", "Số GCN"], required: true, parse: giNumber),
            ImportColumn(name: "name", aliases: ["Tên chỉ dẫn địa lý"], required: true, rule: .text(300)),
            ImportColumn(name: "product", aliases: ["Sản phẩm"], required: true, rule: .text(300)),
            ImportColumn(name: "granted_on", aliases: ["Ngày cấp"], required: true, rule: .date),
            ImportColumn(name: "decision", aliases: ["Quyết định"], required: false, rule: .text(200)),
            ImportColumn(name: "managing_org", aliases: ["Tổ chức quản lý"], required: false, rule: .text(400)),
            ImportColumn(name: "area", aliases: ["Khu vực"], required: false, rule: .text(2000)),
            ImportColumn(name: "application_number", aliases: ["Số đơn"], required: false, parse: giApplicationNumber),
            ImportColumn(name: "cancelled_on", aliases: ["Ngày chấm dứt"], required: false, rule: .date),
        ]
        case .ipEvent: []
        }
    }

    /// The header a clerk reads for each column, in canonical order: the canonical name, or
    /// (`--headers vi`) the first Vietnamese name that import accepts for it (contract §6).
    public static func headers(_ kind: RecordKind, _ language: CSVHeaders) -> [String] {
        columns(kind).map { language == .vietnamese ? $0.aliases.first ?? $0.name : $0.name }
    }

    /// An example row for `khcn import template KIND`.
    static func example(_ kind: RecordKind) -> [String] {
        switch kind {
        case .enterprise: ["0101248141", "Công ty TNHH Chè Đinh Tuyên", "2020-01-15", "Tổ 3, phường Minh Xuân", "02242", "Công ty TNHH", "1079|0127", "2018", "active", "2020-01-15", "tuyen-quang"]
        case .certificate: ["0101248141", "05/2024/GCN-DNKHCN", "2024-06-10", "Sở KH&CN Tuyên Quang", "13/2019/NĐ-CP", "", "", ""]
        case .fund: ["0101248141", "2024-02-01", "05/QĐ-HĐQT", "1500000000", "2024-02-20", ""]
        case .fundAllocation: ["0101248141", "2024-02-01", "2024", "300000000", "120000000", "2025-03-20"]
        case .ip: ["utility-solution", "2-2024-00321", "2024-05-10", "Thiết bị sao chè liên tục", "0101248141", "", "A23F 3/06", "2025-01-20", "2025-02-03", "2026-04-15", "2-0003456", "", "", "", "", "", "2026-11-02", "organisation", ""]
        case .ipFee, .giManager, .giUser: historyExample(kind)
        case .gi: ["00086", "Hàm Yên", "Cam sành", "2014-08-12", "1234/QĐ-SHTT", "UBND huyện Hàm Yên", "Huyện Hàm Yên, tỉnh Tuyên Quang", "6-2013-00012", ""]
        case .ipEvent: []
        }
    }
}
