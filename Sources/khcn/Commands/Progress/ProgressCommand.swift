import ArgumentParser
import Foundation
import Registry

/// `khcn progress`: how far the province is from each target, with the records behind it.
struct ProgressCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress", abstract: words("Tiến độ thực hiện các chỉ tiêu của kế hoạch tại một ngày.", "Progress toward the plan's targets on a date."))

    @Option(help: .vi("Ngày tính số liệu, dạng YYYY-MM-DD (mặc định hôm nay).", en: "The date to count on, YYYY-MM-DD (default today).")) var asOf: DateArgument?
    @Option(help: .vi("Chỉ chỉ tiêu này.", en: "Only this target.")) var target: String?
    @Flag(help: .vi("Liệt kê các hồ sơ được tính, và các hồ sơ không còn được tính kể từ mốc ban đầu.", en: "List the records counted, and those that left the count since the baseline.")) var details = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let day = try asOf?.date(field: "as_of") ?? CivilDate.today()
        // Contract §10: the count of overdue obligations beside the targets, counted on a
        // second connection while this one opens and reads the targets (contract §8: 5×
        // `select 1`).
        let overdueCount = OverdueCountBeside(databaseURL: global.readingURL, province: global.provinceCode, asOf: day)
        let (out, session) = try openForReading()
        let plan = PlanProgress(session)
        // The figures only: with --details the records behind them are printed as they come
        // from the database (contract §8: every command streams).
        let progress = try plan.on(day, only: target)
        let overdue = try overdueCount.value(orOn: session)
        if out.json {
            try out.streamJSON(progress, asOf: day, overdue: overdue, details: details ? plan : nil)
            return
        }
        // Issue 12: the province is named from the national list; with no targets, say so.
        let province = ReportProvince(try plan.provenance())
        guard !progress.isEmpty else {
            out.say(out.text("Chưa có chỉ tiêu nào được đặt cho \(province.titledVi) (mã \(province.code)). Các chỉ tiêu của Kế hoạch 222/KH-UBND được đặt cho tỉnh Tuyên Quang (mã 08); xem khcn province list.",
                             "No targets are set for \(province.nameEn) (code \(province.code)). The targets of plan 222/KH-UBND are set for Tuyen Quang (code 08); see khcn province list."))
            return
        }
        out.say(province.code == "08"
                ? out.text("Tiến độ thực hiện Kế hoạch 222/KH-UBND, tỉnh Tuyên Quang — tính đến ngày \(out.date(day))",
                           "Progress on plan 222/KH-UBND, Tuyen Quang — as of \(out.date(day))")
                : out.text("Tiến độ các chỉ tiêu của \(province.titledVi) — tính đến ngày \(out.date(day))",
                           "Progress on the targets of \(province.nameEn) — as of \(out.date(day))"))
        out.say("")
        let colour = isatty(STDOUT_FILENO) == 1
        var table = Table([out.text("Chỉ tiêu", "Target"), out.text("Giá trị", "Value"), out.text("Mục tiêu", "Goal"),
                           out.text("Tiến độ", "Progress"), out.text("Hạn", "Deadline"), out.text("Trạng thái", "Status")],
                          rightAligned: [1])
        for item in progress {
            var value = out.number(item.value)
            if item.target.unit == "percent", item.value != nil { value += "%" }
            if item.target.code == "ip-filings" {
                value = out.text("\(item.filed ?? 0) nộp / \(item.granted ?? 0) cấp", "\(item.filed ?? 0) filed / \(item.granted ?? 0) granted")
            }
            table.append([item.target.code, value, out.goal(item.target), out.bar(item), out.date(item.target.deadline), out.statusWords(item.status)])
        }
        let lines = table.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            guard colour, index >= 2 else { out.say(line); continue }
            let status = progress[index - 2].status
            let code = ["achieved": "32", "on_track": "32", "needs_acceleration": "33", "too_early": "36", "manual": "2",
                        "missed": "31", "regressing": "31", "stalled": "31"][status.rawValue] ?? "0"
            let word = out.statusWords(status)
            out.say(String(line.dropLast(word.count)), colouring: word, code: code)
        }
        out.say("")
        for item in progress where item.target.computed {
            out.say("  \(item.target.code): " + (out.vietnamese ? item.target.title : item.target.titleEn)
                    + out.text(" — đầu kỳ (\(out.date(item.target.baselineDate))): \(out.number(item.baselineValue))",
                               " — at baseline (\(out.date(item.target.baselineDate))): \(out.number(item.baselineValue))")
                    + (item.projection.map { out.text(", dự báo đến hạn: \(out.number(($0 * 10).rounded() / 10))", ", projected by the deadline: \(out.number(($0 * 10).rounded() / 10))") } ?? ""))
            if details {
                try plan.eachCounted(item.target.code, on: day) { record, _ in
                    out.say("      + \(record.key)  \(record.label)  (\(out.date(record.date)))")
                }
                try plan.eachNoLongerCounted(item.target.code, countedOn: item.target.baselineDate, notOn: day) { record, _ in
                    out.say(out.text("      − \(record.key)  \(record.label)  (không còn được tính)", "      − \(record.key)  \(record.label)  (no longer counted)"))
                }
            }
        }
        if !details { out.say(out.text("Xem hồ sơ được tính: khcn progress --details", "Records behind each number: khcn progress --details")) }
        out.say(out.text("Việc quá hạn cần xử lý: \(overdue) (xem khcn watch --as-of \(day))", "Overdue obligations: \(overdue) (see khcn watch --as-of \(day))"))
    }
}
