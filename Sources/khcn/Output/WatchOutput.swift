import Registry

extension Printer {
    /// The §10 object of one item (keys in the contract's order).
    func json(_ item: WatchList.Item) -> JSON {
        .object([
            ("rule", .string(item.rule)), ("kind", .string(item.kind.rawValue)), ("key", .string(item.key)),
            ("tax_code", .optional(item.taxCode)), ("name", .optional(item.name)), ("due_on", .string(item.dueOn.description)),
            ("state", .string(item.state.rawValue)), ("basis", .string(item.basis)), ("action", .string(item.action)),
            ("details", JSON.parse(item.details)),
        ])
    }

    func watchHeading(_ day: CivilDate, within: Int) -> String {
        text("Việc cần xử lý — tính đến ngày \(date(day)): quá hạn và đến hạn trong \(within) ngày tới",
             "What needs action — as of \(date(day)): overdue, and due within the next \(within) days")
    }

    /// A table of the items as they come (`produce` hands them over one at a time: the full
    /// list of a national registry streams, contract §8), then each rule present once with its
    /// legal basis and what to do.
    func watchTable(_ produce: ((WatchList.Item) throws -> Void) throws(RegistryError) -> Void) throws(RegistryError) {
        var table = StreamingTable(Table([text("Tình trạng", "State"), text("Hạn", "Due"), text("Quy tắc", "Rule"), text("Hồ sơ", "Record"),
                                          text("Doanh nghiệp / tên", "Enterprise / name"), text("Chi tiết", "Details")]), emit: say)
        var rules: [(String, WatchList.Item)] = []
        var count = 0, overdue = 0
        try produce { item in
            let who = [item.taxCode, item.name.map { $0.count > 40 ? String($0.prefix(39)) + "…" : $0 }].compactMap { $0 }.joined(separator: " ")
            table.append([watchState(item.state), watchDue(item), item.rule, item.key, who.isEmpty ? "—" : who, watchDetails(item)])
            if !rules.contains(where: { $0.0 == item.rule && $0.1.title == item.title }) { rules.append((item.rule, item)) }
            count += 1
            if item.state == .overdue { overdue += 1 }
        }
        guard count > 0 else {
            say(text("Không có việc nào quá hạn hoặc sắp đến hạn.", "Nothing overdue or coming due."))
            return
        }
        table.finish()
        say(text("\(count) việc, trong đó \(overdue) quá hạn.", "\(count) item(s), \(overdue) overdue."))
        say("")
        for (rule, item) in rules {
            say("  \(rule): \(item.title)")
            say(text("      Căn cứ: ", "      Basis: ") + item.basis)
            say(text("      Việc cần làm: ", "      What to do: ") + item.action)
        }
    }

    func watchState(_ state: WatchList.State) -> String {
        state == .overdue ? text("QUÁ HẠN", "OVERDUE") : text("đến hạn", "due")
    }

    /// The statutory date; a weekend is said, never shifted (contract §4, Civil Code art. 148).
    func watchDue(_ item: WatchList.Item) -> String {
        guard case .object(let pairs) = JSON.parse(item.details), pairs.contains(where: { $0.0 == "weekend" && $0.1 == .bool(true) }) else {
            return date(item.dueOn)
        }
        return date(item.dueOn) + text(" (cuối tuần)", " (weekend)")
    }

    /// The rule's own figures in a few words.
    func watchDetails(_ item: WatchList.Item) -> String {
        guard case .object(let pairs) = JSON.parse(item.details) else { return "" }
        let value = { (key: String) -> JSON in pairs.first { $0.0 == key }?.1 ?? .null }
        func day(_ key: String) -> String { if case .string(let iso) = value(key) { return date(CivilDate(iso: iso)) }; return "—" }
        func int(_ key: String) -> Int { if case .int(let number) = value(key) { return number }; return 0 }
        switch item.rule {
        case "ip-examination-request":
            return value("from") == .string("priority")
                ? text("\(int("months")) tháng từ ngày ưu tiên \(day("priority_on"))", "\(int("months")) months from priority \(day("priority_on"))")
                : text("\(int("months")) tháng từ ngày nộp \(day("filed_on"))", "\(int("months")) months from filing \(day("filed_on"))")
        case "ip-annuity":
            return text("năm hiệu lực \(int("year")); nộp muộn đến \(day("grace_until"))", "validity year \(int("year")); grace until \(day("grace_until"))")
        case "ip-expiry":
            return text("bằng \(value("grant_number") == .null ? "—" : format("grant_number", value("grant_number")))", "title \(format("grant_number", value("grant_number")))")
        case "fund-notification":
            return text("quỹ lập \(day("established_on"))", "fund set up \(day("established_on"))")
        case "fund-report":
            return text("năm \(int("year"))", "year \(int("year"))")
        case "fund-use-70":
            return text("năm \(int("year")): thiếu \(money(int("short")))", "year \(int("year")): \(money(int("short"))) short")
        case "gi-manager":
            return format("managing_org", value("managing_org"), short: true)
        default:
            return ""
        }
    }
}
