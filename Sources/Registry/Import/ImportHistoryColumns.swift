/// The columns of the kinds that record a history beside a main record (contract §6, SQL/0027):
/// maintenance fee payments of an application, later managers and authorised users of a GI.
extension ImportColumns {
    static func historyColumns(_ kind: RecordKind) -> [ImportColumn] {
        switch kind {
        case .ipFee: [
            ImportColumn(name: "application_number", aliases: ["Số đơn"], required: true, parse: applicationNumber),
            ImportColumn(name: "year", aliases: ["Năm hiệu lực"], required: true, parse: validityYear),
            ImportColumn(name: "paid_on", aliases: ["Ngày nộp phí"], required: true, rule: .date),
        ]
        case .giManager: [
            ImportColumn(name: "certificate_number", aliases: ["Số văn bằng", "Số GCN"], required: true, parse: giNumber),
            ImportColumn(name: "managing_org", aliases: ["Tổ chức quản lý"], required: true, rule: .text(400)),
            ImportColumn(name: "from_on", aliases: ["Từ ngày"], required: true, rule: .date),
            ImportColumn(name: "decision", aliases: ["Quyết định"], required: false, rule: .text(200)),
        ]
        case .giUser: [
            ImportColumn(name: "certificate_number", aliases: ["Số văn bằng", "Số GCN"], required: true, parse: giNumber),
            ImportColumn(name: "tax_code", aliases: ["Mã số thuế", "MST"], required: true, rule: .taxCode),
            ImportColumn(name: "from_on", aliases: ["Từ ngày"], required: true, rule: .date),
            ImportColumn(name: "until_on", aliases: ["Đến ngày"], required: false, rule: .date),
            ImportColumn(name: "decision", aliases: ["Quyết định"], required: false, rule: .text(200)),
        ]
        default: []
        }
    }

    static func historyExample(_ kind: RecordKind) -> [String] {
        switch kind {
        case .ipFee: ["2-2024-00321", "2", "2027-04-10"]
        case .giManager: ["00086", "UBND tỉnh Tuyên Quang", "2025-07-01", "1234/QĐ-UBND"]
        case .giUser: ["00086", "0101248141", "2024-01-15", "2029-01-14", "56/QĐ-SKHCN"]
        default: []
        }
    }

    /// A validity year of a patent or utility solution: 1 to 20 (the kind's term is the database's check).
    static func validityYear(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        guard let value = Int(text), (1...20).contains(value), text.count <= 2 else {
            throw CellProblem(kind: .type, vi: "Năm hiệu lực là số từ 1 đến 20 (tính từ ngày cấp bằng).", en: "A validity year is a number from 1 to 20 (counted from the grant date).")
        }
        return String(value)
    }
}
