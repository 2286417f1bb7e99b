import Registry

/// Output of the registers whose records come as canonical JSON (certificates, funds, IP, GIs):
/// `--json` prints them as they are; people get cards and tables with Vietnamese labels,
/// dd/mm/yyyy dates and `1.000.000 đ`.
extension Printer {
    func json(_ record: CanonicalRecord) -> JSON { JSON.parse(record.json) }

    /// What every write prints.
    func written(_ record: CanonicalRecord, warnings: [Warning] = [], done: String) {
        if json {
            emit(json(record).adding("warnings", .array(warnings.map { .string($0.english) })))
            return
        }
        for warning in warnings { warn(text("Cảnh báo: ", "Warning: ") + (vietnamese ? warning.vietnamese : warning.english)) }
        say(done)
        say(card(record))
    }

    func show(_ record: CanonicalRecord) {
        if json { emit(json(record)) } else { say(card(record)) }
    }

    /// A list as the register hands it over, one record at a time (contract §8: lists
    /// stream). `--json` prints each record as it comes, exactly as `emit(.array(…))` would;
    /// the table too, once its first 1,000 rows have set the columns' widths (StreamingTable).
    func list(kind: RecordKind, empty: (String, String),
              _ produce: (_ named: Bool, (CanonicalRecord) throws -> Void) throws(RegistryError) -> Void) throws(RegistryError) {
        let columns = Printer.listColumns(kind)
        var table = StreamingTable(Table(columns.map { listLabel($0, kind: kind) },
                          rightAligned: Set(columns.enumerated().filter { Printer.moneyColumns.contains($0.element) }.map(\.offset)),
                          wrapped: Set(columns.enumerated().filter { [Printer.nameColumn, "title"].contains($0.element) }.map(\.offset))), emit: say)
        var count = 0
        var output = StandardOutput()
        var array = JSONArrayText(level: 1)
        defer { output.flush() }
        try produce(!json) { record in
            if json {
                output.append(array.separator())
                output.appendNested(record)
            } else if case .object(let pairs) = json(record) {
                var values = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
                values[Printer.nameColumn] = record.enterpriseName.map(JSON.string) ?? .null
                table.append(columns.map { format($0, values[$0] ?? .null, short: true) })
            }
            count += 1
        }
        if json {
            output.append(array.end + "\n")
        } else if count == 0 {
            say(text(empty.0, empty.1))
        } else {
            table.finish()
            say(text("\(count) hồ sơ", "\(count) record(s)"))
        }
    }

    // MARK: - Cards and tables

    static let tableColumns: [RecordKind: [String]] = [
        .certificate: ["certificate_number", "tax_code", "issued_on", "basis", "status", "revoked_on"],
        .fund: ["tax_code", "established_on", "capital", "notified_on", "closed_on", "status"],
        .ip: ["application_number", "kind", "filed_on", "title", "status", "grant_number", "checked_on"],
        .gi: ["certificate_number", "name", "product", "granted_on", "status"],
    ]

    func card(_ record: CanonicalRecord) -> String {
        guard case .object(let pairs) = json(record) else { return record.json }
        let title: String
        let value = { (key: String) in pairs.first { $0.0 == key }?.1 }
        switch record.kind {
        case .certificate: title = text("Giấy chứng nhận doanh nghiệp KH&CN số ", "S&T enterprise certificate ") + plain(value("certificate_number"))
        case .fund: title = text("Quỹ phát triển KH&CN của doanh nghiệp ", "S&T development fund of ") + plain(value("tax_code"))
        case .ip: title = text("Đơn ", "Application ") + plain(value("application_number"))
        case .gi: title = text("Chỉ dẫn địa lý — văn bằng số ", "Geographical indication — certificate ") + plain(value("certificate_number"))
        default: title = record.kind.rawValue
        }
        var fields: [(String, String)] = []
        var nested: [String] = []
        // An application's event dates are shown once, in its events table.
        let hidden: Set<String> = record.kind == .ip
            ? ["published_on", "examination_requested_on", "granted_on", "refused_on", "withdrawn_on", "lapsed_on",
               "invalidated_on", "restored_on", "checked_on"]
            : []
        for (key, item) in pairs where !hidden.contains(key) && !Labels.isInternal(key) {
            if case .array(let items) = item, items.first.map({ if case .object = $0 { true } else { false } }) ?? (key == "allocations" || key == "events") {
                nested.append(subtable(key, items))
                continue
            }
            fields.append((label(key), format(key, item)))
        }
        if record.kind == .ip {
            fields.append((text("Đối chiếu với Cục SHTT", "Checked against the IP Office"), freshness(value("checked_on"))))
        }
        return ([card(title, fields)] + nested).joined(separator: "\n")
    }

    func table(_ objects: [JSON], columns: [String]) -> String {
        var table = Table(columns.map(label), rightAligned: Set(columns.enumerated().filter { Printer.moneyColumns.contains($0.element) }.map(\.offset)))
        for object in objects {
            guard case .object(let pairs) = object else { continue }
            let values = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            table.append(columns.map { format($0, values[$0] ?? .null, short: true) })
        }
        return table.rendered()
    }

    private func subtable(_ key: String, _ items: [JSON]) -> String {
        let heading = "  " + label(key) + ":"
        guard case .object(let first)? = items.first else { return heading + " " + text("(chưa có)", "(none)") }
        let columns = first.map(\.0).filter { !["tax_code", "established_on"].contains($0) || key != "allocations" }
        return heading + "\n" + table(items, columns: columns).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
    }

    private func plain(_ value: JSON?) -> String {
        if case .string(let text)? = value { return text }
        return value.map { $0.rendered(pretty: false) } ?? ""
    }

    static let moneyColumns: Set<String> = ["capital", "allocated", "spent", "used", "balance", "short_of_70"]

    /// 0.455 → 45,5% (Vietnamese decimal comma) / 45.5%.
    func percent(_ share: Double) -> String {
        let text = String(format: "%.1f%%", share * 100)
        return vietnamese ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func format(_ key: String, _ value: JSON, short: Bool = false) -> String {
        switch value {
        case .null: return "—"
        case .bool(let flag): return flag ? text("có", "yes") : text("không", "no")
        case .string(let code) where key == "applicant_type": return word(code)
        case .number(let share) where key == "share_used": return percent(share)
        case .int(let share) where key == "share_used": return percent(Double(share))
        case .int(let number) where Printer.moneyColumns.contains(key): return money(number)
        case .int(let number): return String(number)
        case .string(let text) where key.hasSuffix("_on") || key == "on":
            return CivilDate(iso: text).map { date($0) } ?? text
        case .string(let text) where key == "status": return statusWord(text)
        case .string(let text) where key == "kind": return IPKind(word: text).map { vietnamese ? $0.vietnamese : $0.english } ?? word(text)
        case .string(let text) where key == "event": return eventWord(text)
        case .object(let pairs) where key == "next_fee":
            let year = pairs.first { $0.0 == "year" }?.1, due = pairs.first { $0.0 == "due_on" }?.1
            return text("năm \(format("year", year ?? .null)), hạn \(format("due_on", due ?? .null))", "year \(format("year", year ?? .null)), due \(format("due_on", due ?? .null))")
        case .string(let text) where key == "revocation_kind": return statusWord(text)
        case .string(let text) where key == "former_province": return FormerProvince(rawValue: text).map { vietnamese ? $0.vietnamese : $0.english } ?? text
        case .string(let text) where short && text.count > 48: return String(text.prefix(47)) + "…"
        case .string(let text): return text
        case .array(let items): return items.isEmpty ? "—" : items.map { format(key, $0) }.joined(separator: ", ")
        default: return value.rendered(pretty: false)
        }
    }

    /// How fresh the IP status is: when it was last compared with the IP Office's register.
    private func freshness(_ checked: JSON?) -> String {
        guard case .string(let iso)? = checked, let day = CivilDate(iso: iso) else {
            return text("chưa đối chiếu lần nào", "never checked")
        }
        let today = CivilDate.today()
        var days = 0
        var cursor = day
        while cursor < today, days < 100_000, let next = cursor.adding(days: 1) { cursor = next; days += 1 }
        return text("\(date(day)) (\(days) ngày trước)", "\(date(day)) (\(days) days ago)")
    }
}
