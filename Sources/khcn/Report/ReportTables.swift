import Foundation
import Registry

/// The report's tables. Each has a `<thead>` (repeated by the browser on every printed page)
/// and rows that the style keeps whole (issue 12).
struct ReportTables {
    let out: Printer

    /// Every target on one table: goal as the plan writes it, baseline, now, deadline, status.
    func overview(_ targets: [ReportTarget]) -> String {
        var rows = ""
        for (index, item) in targets.enumerated() {
            let progress = item.progress
            var value = out.figure(progress.value, item.target)
            if item.target.code == "ip-filings" {
                value = out.text("\(progress.filed ?? 0) nộp; \(progress.granted ?? 0) cấp", "\(progress.filed ?? 0) filed; \(progress.granted ?? 0) granted")
            }
            rows += "<tr><td class=\"c\">\(index + 1)</td><td>\(htmlEscape(title(item.target)))</td><td class=\"c\">\(htmlEscape(out.planGoal(item.target)))</td>"
                + "<td class=\"n\">\(htmlEscape(item.target.computed ? out.number(progress.baselineValue) : "—"))</td><td class=\"n\">\(htmlEscape(value))</td>"
                + "<td class=\"c\">\(htmlEscape(out.date(item.target.deadline)))</td><td class=\"status-\(progress.status)\">\(htmlEscape(out.statusWords(progress.status)))</td></tr>\n"
        }
        return table([out.text("TT", "No."), out.text("Chỉ tiêu", "Target"), out.text("Mục tiêu", "Goal"), out.text("Đầu kỳ", "Baseline"),
                      out.text("Hiện tại", "Now"), out.text("Hạn", "Deadline"), out.text("Đánh giá", "Status")], rows: rows, className: "overview",
                     columns: ["tt", "title", "goal", "base", "now", "deadline", "status"])
    }

    /// The records behind a figure: key, name, the date that put it in the count.
    func records(_ list: [CountedRecord], caption: String) -> String {
        var rows = ""
        for (index, record) in list.enumerated() {
            rows += "<tr><td class=\"c\">\(index + 1)</td><td>\(htmlEscape(record.key))</td><td>\(htmlEscape(record.label))</td><td class=\"c\">\(htmlEscape(out.date(record.date)))</td></tr>\n"
        }
        if list.isEmpty { rows = "<tr><td colspan=\"4\"><i>\(out.text("Chưa có hồ sơ nào.", "None yet."))</i></td></tr>" }
        return "<p class=\"caption\">\(htmlEscape(caption))</p>\n"
            + table([out.text("TT", "No."), out.text("Mã", "Key"), out.text("Hồ sơ", "Record"), out.text("Ngày được tính", "Counted from")],
                    rows: rows, className: "records")
    }

    /// The hand-recorded targets: the figure, when it was observed and where it came from.
    func manual(_ targets: [ReportTarget]) -> String {
        var rows = ""
        for (index, item) in targets.enumerated() {
            rows += "<tr><td class=\"c\">\(index + 1)</td><td>\(htmlEscape(title(item.target)))</td><td class=\"c\">\(htmlEscape(out.planGoal(item.target)))</td>"
                + "<td class=\"n\">\(htmlEscape(out.figure(item.progress.value, item.target)))</td><td class=\"c\">\(htmlEscape(out.date(item.progress.observedOn)))</td>"
                + "<td>\(htmlEscape(item.progress.source ?? "—"))</td></tr>\n"
        }
        return table([out.text("TT", "No."), out.text("Chỉ tiêu", "Target"), out.text("Mục tiêu", "Goal"), out.text("Giá trị ghi nhận", "Observed"),
                      out.text("Ngày ghi nhận", "Observed on"), out.text("Nguồn", "Source")], rows: rows)
    }

    func title(_ target: Target) -> String { out.vietnamese ? target.title : target.titleEn }

    private func table(_ headers: [String], rows: String, className: String? = nil, columns: [String] = []) -> String {
        "<table\(className.map { " class=\"\($0)\"" } ?? "")>\n"
            + (columns.isEmpty ? "" : "<colgroup>" + columns.map { "<col class=\"\($0)\">" }.joined() + "</colgroup>\n") + "<thead><tr>" + headers.map { "<th>\(htmlEscape($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n\(rows)</tbody>\n</table>"
    }
}
