import Foundation
import Registry

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
        for item in data.targets.map(\.progress) {
            let target = item.target
            let row = [data.asOf.description, target.code, target.title, target.titleEn, target.comparator.rawValue, number(target.threshold),
                       number(target.stretch), target.baselineDate.description, target.deadline.description, number(item.baselineValue),
                       number(item.value), item.projection.map { String($0) } ?? "", item.status.rawValue, target.rule ?? "",
                       item.filed.map(String.init) ?? "", item.granted.map(String.init) ?? "", item.observedOn?.description ?? "", item.source ?? ""]
            lines.append(row.map(ImportTemplate.quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The Markdown report: the same parts, numbers, date, number, signer and notes as the HTML
/// one, without charts. Written line by line, the records as the database hands them over
/// (contract §8: the report streams).
struct MarkdownReport {
    let data: ReportData
    let printer: Printer

    func write(to sink: TextSink) throws {
        let out = printer
        var lines: [String] = []
        /// Every line ends with a line break; the lines gathered so far go out before records are read.
        func flush() throws {
            try sink.write(lines.map { $0 + "\n" }.joined())
            lines.removeAll()
        }
        let number = data.signing.number ?? "     /BC-SKHCN"
        lines.append(out.text("UBND \(data.province.titledVi.uppercased(with: Locale(identifier: "vi"))) — SỞ KHOA HỌC VÀ CÔNG NGHỆ", "PEOPLE'S COMMITTEE OF \(data.province.nameEn.uppercased()) — DEPARTMENT OF SCIENCE AND TECHNOLOGY"))
        lines.append("")
        lines.append(out.text("Số: \(number)", "No.: \(number)") + " — *" + out.placeAndDate(out.vietnamese ? data.province.place : data.province.nameEn, data.madeOn) + "*")
        lines.append("")
        lines.append(out.text("# BÁO CÁO", "# REPORT"))
        lines.append("")
        lines.append("**" + out.reportSubject(data.province) + out.text(" (tính đến ngày \(out.date(data.asOf)))", " (as of \(out.date(data.asOf)))") + "**")
        var part = 0
        func heading(_ vi: String, _ en: String) {
            part += 1
            lines += ["", "## \(HTMLReport.roman(part)). " + out.text(vi, en), ""]
        }
        heading("TÌNH HÌNH CHUNG", "OVERVIEW")
        lines.append("| " + [out.text("Mã", "Code"), out.text("Chỉ tiêu", "Target"), out.text("Mục tiêu", "Goal"), out.text("Đầu kỳ", "Baseline"),
                              out.text("Hiện tại", "Value"), out.text("Dự báo", "Projection"), out.text("Hạn", "Deadline"), out.text("Trạng thái", "Status")].joined(separator: " | ") + " |")
        lines.append("|---|---|---|---:|---:|---:|---|---|")
        for item in data.targets.map(\.progress) {
            var value = out.figure(item.value, item.target)
            if item.target.code == "ip-filings" { value += out.text(" (nộp \(item.filed ?? 0), cấp \(item.granted ?? 0))", " (filed \(item.filed ?? 0), granted \(item.granted ?? 0))") }
            lines.append("| " + [item.target.code, out.vietnamese ? item.target.title : item.target.titleEn, out.planGoal(item.target),
                                  out.number(item.baselineValue), value, item.projection.map { out.number(($0 * 100).rounded() / 100) } ?? "—",
                                  out.date(item.target.deadline), out.statusWords(item.status)].joined(separator: " | ") + " |")
        }
        heading("KẾT QUẢ TỪNG CHỈ TIÊU", "TARGET BY TARGET")
        try flush()
        for item in data.computed { try target(item, to: sink) }
        heading("CÁC CHỈ TIÊU GHI NHẬN THỦ CÔNG", "TARGETS RECORDED BY HAND")
        for item in data.manual {
            lines.append("- \(item.target.code): \(out.figure(item.progress.value, item.target)) — " + out.text("mục tiêu ", "goal ") + out.planGoal(item.target) + ". " + out.observation(item))
        }
        for section in ReportNotes.Section.allCases {
            heading(section.title.vi.uppercased(with: Locale(identifier: "vi")), section.title.en.uppercased())
            lines += notes(section)
        }
        lines.append("")
        lines.append(out.text("**Nơi nhận:** UBND \(data.province.titledVi) (b/c); Bộ Khoa học và Công nghệ; Lưu: VT.", "**To:** Provincial People's Committee; Ministry of Science and Technology; File."))
        lines.append("")
        lines += (data.signing.titleLines ?? [out.text("GIÁM ĐỐC", "DIRECTOR")]).map { "**\($0)**  " }
        lines.append("")
        lines.append(data.signing.signer.map { "**\($0)**" } ?? "")
        lines.append("")
        lines.append("---")
        lines.append(out.text("Số liệu tính đến ngày \(out.date(data.asOf)); lập lúc \(data.provenance.generatedAt); \(data.province.titledVi) (mã \(data.province.code)); phiên bản lược đồ \(data.provenance.schemaVersion); lập lại: \(data.regenerate(data.asOf.description))",
                              "Figures as of \(data.asOf); generated \(data.provenance.generatedAt); \(data.province.nameEn) (code \(data.province.code)); schema version \(data.provenance.schemaVersion); regenerate with: \(data.regenerate(data.asOf.description))"))
        try flush()
    }

    private func target(_ item: ReportTarget, to sink: TextSink) throws {
        let out = printer, target = item.target
        var lines = ["", "### \(target.code): " + (out.vietnamese ? target.title : target.titleEn) + " — " + out.statusWords(item.progress.status), ""]
        lines.append(out.text("Mục tiêu: \(out.planGoal(target)) trước \(out.date(target.deadline)). Cách tính: ", "Goal: \(out.planGoal(target)) by \(out.date(target.deadline)). Counting rule: ") + target.counting)
        if let why = out.missedExplanation(item, asOf: data.asOf) { lines += ["", "> " + why] }
        if !item.progress.yearly.isEmpty {
            lines += ["", out.text("Theo năm: ", "Year by year: ") + item.progress.yearly.map { "\($0.year): \(out.number($0.value))" }.joined(separator: ", ")]
        }
        try sink.write(lines.map { $0 + "\n" }.joined())
        let plan = data.plan, day = data.asOf
        let lists: [(caption: (Int) -> String, rule: String?)] = item.rules.isEmpty
            ? [({ out.text("Hồ sơ được tính (\($0))", "Records counted (\($0))") }, nil)]
            : item.rules.map { rule in ({ out.ruleHeading(rule, count: $0, active: rule == (target.rule ?? "filed")) }, rule) }
        for list in lists {
            var count = 0
            try plan.eachCounted(target.code, on: day, rule: list.rule) { record, total in
                if count == 0 { try sink.write("\n" + list.caption(total) + ":\n") }
                count += 1
                try sink.write("- \(record.key) — \(record.label) (\(out.date(record.date)))\n")
            }
            if count == 0 { try sink.write("\n" + list.caption(0) + ":\n") }
        }
        var first = true
        try plan.eachNoLongerCounted(target.code, countedOn: target.baselineDate, notOn: day) { record, total in
            if first {
                try sink.write("\n" + out.text("Không còn được tính so với đầu kỳ (\(total)):", "Counted at the baseline, no longer counted (\(total)):") + "\n")
                first = false
            }
            try sink.write("- \(record.key) — \(record.label)\n")
        }
    }

    private func notes(_ section: ReportNotes.Section) -> [String] {
        let blocks = data.notes.blocks(section)
        if blocks.isEmpty { return ["*" + printer.notesPlaceholder(section) + "*"] }
        var lines: [String] = []
        for block in blocks {
            if !lines.isEmpty { lines.append("") }
            switch block {
            case .paragraph(let text): lines.append(text)
            case .subheading(let text): lines.append("#### " + text)
            case .list(let items): lines += items.map { "- " + $0 }
            }
        }
        return lines
    }
}
