import Registry

/// The report's short section on the watch list (contract §10): how many obligations are
/// overdue on the report's date, and which (at most 30 listed, then a count), so that the
/// Department reports what is late beside the targets. Kept apart from `HTMLReport` and placed
/// by one call, before the signature block.
struct WatchSection {
    /// The first `listed` overdue items, in the watch list's order.
    let items: [WatchList.Item]
    /// How many are overdue in all.
    let overdue: Int
    let printer: Printer
    static let listed = 30

    /// The first overdue items on `day` and their count. Only those are read: on a national
    /// registry hundreds of thousands are overdue, and the report streams (contract §8: under
    /// 100 MB). Overdue items come first in the list's order (due before `day`), so the first
    /// `listed` items with no window hold every overdue one the section shows.
    static func load(_ session: RegistrySession, on day: CivilDate, printer: Printer) throws(RegistryError) -> WatchSection {
        let watch = WatchList(session)
        let items = try watch.items(asOf: day, within: 0, limit: listed, english: !printer.vietnamese).filter { $0.state == .overdue }
        return WatchSection(items: items, overdue: try watch.overdueCount(asOf: day), printer: printer)
    }

    /// The HTML placed before the signature block (`HTMLReport.write`).
    func render() -> String {
        let out = printer
        var html = "<h2>\(out.text("IV. VIỆC QUÁ HẠN CẦN XỬ LÝ", "IV. OVERDUE OBLIGATIONS"))</h2>\n"
        guard overdue > 0 else {
            return html + "<p>\(escape(out.text("Không có việc nào quá hạn (khcn watch).", "Nothing is overdue (khcn watch).")))</p>"
        }
        html += "<p>\(escape(out.text("Có \(overdue) việc quá hạn theo các quy định dưới đây (chi tiết: khcn watch).", "\(overdue) obligation(s) overdue under the rules below (details: khcn watch).")))</p>\n"
        html += "<table><tr><th>\(out.text("Hạn", "Due"))</th><th>\(out.text("Việc", "Obligation"))</th><th>\(out.text("Hồ sơ", "Record"))</th>"
            + "<th>\(out.text("Doanh nghiệp / tên", "Enterprise / name"))</th><th>\(out.text("Căn cứ", "Basis"))</th></tr>\n"
        for item in items {
            let who = [item.taxCode, item.name].compactMap { $0 }.joined(separator: " ")
            html += "<tr><td class=\"n\">\(escape(out.date(item.dueOn)))</td><td>\(escape(item.title))</td><td>\(escape(item.key))</td>"
                + "<td>\(escape(who))</td><td>\(escape(item.basis))</td></tr>\n"
        }
        html += "</table>\n"
        if overdue > items.count {
            html += "<p>\(escape(out.text("… và \(overdue - items.count) việc khác.", "… and \(overdue - items.count) more.")))</p>\n"
        }
        return html
    }

    private func escape(_ text: String) -> String {
        CleanText.escaped(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
