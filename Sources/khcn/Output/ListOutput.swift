import Registry

/// What the lists show people beyond the record itself (issue 12: `certificate list`, `fund
/// list` and `ip list` showed no enterprise or applicant name; a limited enterprise list did
/// not say how many there were).
extension Printer {
    /// The table's columns: the record's, with the enterprise's name after its tax code (an
    /// application's applicant after its title). The name comes from a join and only the
    /// table shows it; `--json` keeps the canonical keys (contract §6).
    static func listColumns(_ kind: RecordKind) -> [String] {
        var columns = tableColumns[kind] ?? kind.columns
        switch kind {
        case .certificate, .fund:
            columns.insert(Printer.nameColumn, at: (columns.firstIndex(of: "tax_code") ?? -1) + 1)
        case .ip:
            columns.insert(Printer.nameColumn, at: (columns.firstIndex(of: "title") ?? -1) + 1)
        default:
            break
        }
        return columns
    }

    /// The key of the name column in a list's table (never a JSON key).
    static let nameColumn = "enterprise_name"

    func listLabel(_ key: String, kind: RecordKind) -> String {
        guard key == Printer.nameColumn else { return label(key) }
        return kind == .ip ? text("Chủ đơn", "Applicant") : text("Doanh nghiệp", "Enterprise")
    }

    /// `1.234` in Vietnamese, `1,234` in English.
    func number(_ value: Int) -> String {
        let digits = String(value)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(vietnamese ? "." : ",") }
            grouped.append(character)
        }
        return grouped
    }

    /// The line under a limited list: how many are shown, of how many.
    func shown(_ count: Int, of total: EnterpriseRegister.Total, noun: (String, String)) -> String {
        switch total {
        case .exactly(let all) where all == count:
            return text("\(number(count)) \(noun.0)", "\(number(count)) \(noun.1)")
        case .exactly(let all):
            return text("\(number(count)) trong tổng số \(number(all)) \(noun.0) (dùng --limit để xem thêm)",
                        "\(number(count)) of \(number(all)) \(noun.1) (use --limit for more)")
        case .moreThan(let floor):
            return text("\(number(count)) trong tổng số hơn \(number(floor)) \(noun.0) (dùng --limit hoặc thu hẹp điều kiện tìm)",
                        "\(number(count)) of more than \(number(floor)) \(noun.1) (use --limit or narrow the search)")
        }
    }
}

extension Printer {
    /// A list read whole (logins, provinces, targets, import batches): one JSON array for
    /// scripts (contract §2), else the table people read.
    func list<Item>(_ items: [Item], json object: (Item) -> JSON, table: ([Item]) -> String) {
        if json { emit(.array(items.map(object))) } else { say(table(items)) }
    }
}
