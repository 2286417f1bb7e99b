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

    /// The records behind a figure: key, name, the date that put it in the count, written as
    /// `produce` hands them over (contract §8: the report streams); the caption, which
    /// carries their count, comes with the first.
    func writeRecords(to sink: TextSink, caption: @escaping (Int) -> String,
                      _ produce: ((CountedRecord, Int) throws -> Void) throws -> Void) throws {
        let headers = [out.text("TT", "No."), out.text("Mã", "Key"), out.text("Hồ sơ", "Record"), out.text("Ngày được tính", "Counted from")]
        func head(_ count: Int) -> String {
            "<p class=\"caption\">\(htmlEscape(caption(count)))</p>\n" + tableHead(headers, className: "records")
        }
        var index = 0
        try produce { record, total in
            if index == 0 { try sink.write(head(total)) }
            index += 1
            try sink.write("<tr><td class=\"c\">\(index)</td><td>\(htmlEscape(record.key))</td><td>\(htmlEscape(record.label))</td><td class=\"c\">\(htmlEscape(out.date(record.date)))</td></tr>\n")
        }
        if index == 0 { try sink.write(head(0) + "<tr><td colspan=\"4\"><i>\(out.text("Chưa có hồ sơ nào.", "None yet."))</i></td></tr>") }
        try sink.write(Self.tableEnd)
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
        tableHead(headers, className: className, columns: columns) + rows + Self.tableEnd
    }

    private func tableHead(_ headers: [String], className: String? = nil, columns: [String] = []) -> String {
        "<table\(className.map { " class=\"\($0)\"" } ?? "")>\n"
            + (columns.isEmpty ? "" : "<colgroup>" + columns.map { "<col class=\"\($0)\">" }.joined() + "</colgroup>\n") + "<thead><tr>" + headers.map { "<th>\(htmlEscape($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
    }

    private static let tableEnd = "</tbody>\n</table>"
}
