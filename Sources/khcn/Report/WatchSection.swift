import Registry

/// The report's short section on the watch list (contract §10): how many obligations are
/// overdue on the report's date, and which (at most 30 listed, then a count), so that the
/// Department reports what is late beside the targets. Kept apart from `HTMLReport` and placed
/// by one call, before the signature block.
struct WatchSection {
    let items: [WatchList.Item]
    let printer: Printer
    static let listed = 30

    /// The overdue items on `day`, in the watch list's order.
    static func load(_ session: RegistrySession, on day: CivilDate, printer: Printer) throws(RegistryError) -> WatchSection {
        let items = try WatchList(session).items(asOf: day, within: 0, english: !printer.vietnamese).filter { $0.state == .overdue }
        return WatchSection(items: items, printer: printer)
    }

    /// The HTML placed before the signature block (before `</body>` if the layout has none).
    func insert(into html: String) -> String {
        let anchor = html.range(of: "<div class=\"signature\">") ?? html.range(of: "</body>")
        guard let anchor else { return html + render() }
        return html.replacingCharacters(in: anchor.lowerBound..<anchor.lowerBound, with: render() + "\n")
    }

    func render() -> String {
        let out = printer
        var html = "<h2>\(out.text("IV. VIỆC QUÁ HẠN CẦN XỬ LÝ", "IV. OVERDUE OBLIGATIONS"))</h2>\n"
        guard !items.isEmpty else {
            return html + "<p>\(escape(out.text("Không có việc nào quá hạn (khcn watch).", "Nothing is overdue (khcn watch).")))</p>"
        }
        html += "<p>\(escape(out.text("Có \(items.count) việc quá hạn theo các quy định dưới đây (chi tiết: khcn watch).", "\(items.count) obligation(s) overdue under the rules below (details: khcn watch).")))</p>\n"
        html += "<table><tr><th>\(out.text("Hạn", "Due"))</th><th>\(out.text("Việc", "Obligation"))</th><th>\(out.text("Hồ sơ", "Record"))</th>"
            + "<th>\(out.text("Doanh nghiệp / tên", "Enterprise / name"))</th><th>\(out.text("Căn cứ", "Basis"))</th></tr>\n"
        for item in items.prefix(Self.listed) {
            let who = [item.taxCode, item.name].compactMap { $0 }.joined(separator: " ")
            html += "<tr><td class=\"n\">\(escape(out.date(item.dueOn)))</td><td>\(escape(item.title))</td><td>\(escape(item.key))</td>"
                + "<td>\(escape(who))</td><td>\(escape(item.basis))</td></tr>\n"
        }
        html += "</table>\n"
        if items.count > Self.listed {
            html += "<p>\(escape(out.text("… và \(items.count - Self.listed) việc khác.", "… and \(items.count - Self.listed) more.")))</p>\n"
        }
        return html
    }

    private func escape(_ text: String) -> String {
        CleanText.escaped(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
