import ArgumentParser
import Foundation
import Registry

/// `khcn report`: the yearly report on the plan's targets, as a Vietnamese administrative
/// document (HTML), or the same numbers as Markdown or CSV.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The yearly progress report: html, md or csv.")

    @Option(help: "The date to count on, YYYY-MM-DD (default today).") var asOf: DateArgument?
    @Option(help: "html, md or csv.") var format: ReportFormat
    @Option(help: "The file to write.") var output: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let out = global.printer
        let session = try global.openRegistry()
        let day = try asOf?.date(field: "as_of") ?? session.today
        let progress = PlanProgress(session)
        let report = ReportData(
            asOf: day, targets: try progress.on(day, details: true, yearly: true), provenance: try progress.provenance())
        let text: String
        switch format {
        case .html: text = try WatchSection.load(session, on: day, printer: out).insert(into: HTMLReport(data: report, printer: out).render())
        case .md: text = MarkdownReport(data: report, printer: out).render()
        case .csv: text = CSVReport(data: report).render()
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw RegistryError(.inputFile, type: "file-error", field: "output", value: output,
                                vi: "Không ghi được \(output).", en: "Cannot write \(output).")
        }
        if out.json {
            out.emit(.object([("output", .string(output)), ("format", .string(format.rawValue)), ("as_of", .string(day.description))]))
        } else {
            out.say(out.text("Đã ghi báo cáo \(output) (tính đến \(out.date(day))).", "Wrote \(output) (as of \(out.date(day)))."))
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, csv
}

struct ReportData {
    let asOf: CivilDate
    let targets: [TargetProgress]
    let provenance: PlanProgress.Provenance
}

/// The CSV carries the same numbers as the HTML and Markdown reports, one row per target.
struct CSVReport {
    let data: ReportData

    func render() -> String {
        let header = ["as_of", "code", "title", "title_en", "comparator", "threshold", "stretch", "baseline_date", "deadline",
                      "baseline_value", "value", "projection", "status", "rule", "filed", "granted", "observed_on", "source"]
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
        var lines = [header.joined(separator: ",")]
        for item in data.targets {
            let target = item.target
            let row = [data.asOf.description, target.code, target.title, target.titleEn, target.comparator, number(target.threshold),
                       number(target.stretch), target.baselineDate.description, target.deadline.description, number(item.baselineValue),
                       number(item.value), item.projection.map { String($0) } ?? "", item.status, target.rule ?? "",
                       item.filed.map(String.init) ?? "", item.granted.map(String.init) ?? "", item.observedOn?.description ?? "", item.source ?? ""]
            lines.append(row.map(ImportTemplate.quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The Markdown report: the same sections and numbers as the HTML one, without charts.
struct MarkdownReport {
    let data: ReportData
    let printer: Printer

    func render() -> String {
        let out = printer
        let province = data.provenance.provinceName ?? data.provenance.provinceCode
        var lines: [String] = []
        lines.append(out.text("# Báo cáo kết quả thực hiện các chỉ tiêu của Kế hoạch số 222/KH-UBND", "# Report on the targets of plan 222/KH-UBND"))
        lines.append("")
        lines.append(out.text("Sở Khoa học và Công nghệ tỉnh \(province) — số liệu tính đến ngày \(out.date(data.asOf)).",
                              "Department of Science and Technology of \(province) — figures as of \(out.date(data.asOf))."))
        lines.append("")
        lines.append("| " + [out.text("Mã", "Code"), out.text("Chỉ tiêu", "Target"), out.text("Mục tiêu", "Goal"), out.text("Đầu kỳ", "Baseline"),
                              out.text("Hiện tại", "Value"), out.text("Dự báo", "Projection"), out.text("Hạn", "Deadline"), out.text("Trạng thái", "Status")].joined(separator: " | ") + " |")
        lines.append("|---|---|---|---:|---:|---:|---|---|")
        for item in data.targets {
            var value = out.number(item.value)
            if item.target.code == "ip-filings" { value += out.text(" (nộp \(item.filed ?? 0), cấp \(item.granted ?? 0))", " (filed \(item.filed ?? 0), granted \(item.granted ?? 0))") }
            lines.append("| " + [item.target.code, out.vietnamese ? item.target.title : item.target.titleEn, out.goal(item.target),
                                  out.number(item.baselineValue), value, item.projection.map { out.number(($0 * 100).rounded() / 100) } ?? "—",
                                  out.date(item.target.deadline), out.statusWords(item.status)].joined(separator: " | ") + " |")
        }
        for item in data.targets where item.target.computed {
            lines.append("")
            lines.append("## \(item.target.code): " + (out.vietnamese ? item.target.title : item.target.titleEn))
            lines.append("")
            lines.append(out.text("Cách tính: ", "Counting rule: ") + item.target.counting)
            lines.append("")
            if !item.yearly.isEmpty {
                lines.append(out.text("Theo năm: ", "Year by year: ") + item.yearly.map { "\($0.year): \(out.number($0.value))" }.joined(separator: ", "))
                lines.append("")
            }
            lines.append(out.text("Hồ sơ được tính (\(item.counted.count)):", "Records counted (\(item.counted.count)):"))
            for record in item.counted { lines.append("- \(record.key) — \(record.label) (\(out.date(record.date)))") }
            if !item.left.isEmpty {
                lines.append("")
                lines.append(out.text("Không còn được tính so với đầu kỳ (\(item.left.count)):", "Counted at the baseline, no longer counted (\(item.left.count)):"))
                for record in item.left { lines.append("- \(record.key) — \(record.label)") }
            }
        }
        lines.append("")
        lines.append("---")
        lines.append(out.text("Tính đến \(out.date(data.asOf)); lập lúc \(data.provenance.generatedAt); phiên bản lược đồ \(data.provenance.schemaVersion); tạo lại bằng: khcn report --as-of \(data.asOf) --format md",
                              "As of \(data.asOf); generated \(data.provenance.generatedAt); schema version \(data.provenance.schemaVersion); regenerate with: khcn report --as-of \(data.asOf) --format md"))
        return lines.joined(separator: "\n") + "\n"
    }
}
