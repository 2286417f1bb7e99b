import Foundation
import Registry

/// The yearly report as one self-contained HTML file laid out as a Vietnamese administrative
/// report (Decree 30/2020/NĐ-CP, contract §7): issuing body and national motto, number, place
/// and date, title, body, signature block; inline CSS and SVG only, printable on A4.
/// Each part is one function and the body is a list of sections numbered when rendered, so a
/// section (the watch list) or a footer line (the audit seal) is added in one place.
struct HTMLReport {
    let data: ReportData
    let printer: Printer
    /// The short watch-list section, placed before the signature block.
    var watch: WatchSection? = nil

    private var out: Printer { printer }
    private var charts: ReportCharts { ReportCharts(out: out) }
    private var tables: ReportTables { ReportTables(out: out) }

    /// A numbered part of the body: "I. TÌNH HÌNH CHUNG", and what writes its HTML.
    struct Section {
        let title: String
        let write: (TextSink) throws -> Void

        init(title: String, html: String) {
            self.title = title
            write = { try $0.write(html) }
        }

        init(title: String, writing: @escaping (TextSink) throws -> Void) {
            self.title = title
            write = writing
        }
    }

    /// Writes the document part by part; the records behind each figure go to the file as the
    /// database hands them over (contract §8: the report streams).
    func write(to sink: TextSink) throws {
        try sink.write("""
        <!DOCTYPE html>
        <html lang="\(out.vietnamese ? "vi" : "en")">
        <head>
        <meta charset="utf-8">
        <title>\(htmlEscape(out.text("Báo cáo kết quả thực hiện các chỉ tiêu", "Report on the targets"))) — \(data.asOf)</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        \(header())
        \(titleBlock())

        """)
        for (index, section) in bodySections().enumerated() {
            try sink.write((index > 0 ? "\n" : "") + "<h2>\(Self.roman(index + 1)). \(htmlEscape(section.title))</h2>\n")
            try section.write(sink)
        }
        try sink.write("\n")
        if let watch { try sink.write(watch.render() + "\n") }
        try sink.write("""
        \(signature())
        \(footer())
        </body>
        </html>

        """)
    }

    /// Contract §9: the latest seal's hash and time, and how many audit rows came after it, so
    /// that `khcn audit verify --seal HASH` can later prove the trail as it stood.
    func sealLine() -> String {
        guard let latest = data.seal else {
            return out.text("Nhật ký kiểm toán chưa được niêm phong (khcn audit seal).", "The audit trail has not been sealed yet (khcn audit seal).")
        }
        return out.text(
            "Niêm phong nhật ký mới nhất: \(latest.seal.hash), lúc \(out.timestamp(latest.seal.sealedAt)); \(latest.rowsAfter) dòng nhật ký ghi sau đó. Kiểm tra: khcn audit verify --seal \(latest.seal.hash)",
            "Latest audit seal: \(latest.seal.hash), at \(latest.seal.sealedAt); \(latest.rowsAfter) audit rows written after it. Check: khcn audit verify --seal \(latest.seal.hash)")
    }

    /// The body, in order. Add a section here.
    func bodySections() -> [Section] {
        [overviewSection(), targetsSection(), manualSection()]
            + ReportNotes.Section.allCases.map(notesSection)
    }

    /// Issuing body beside the national motto, then number beside place and date (Decree 30, Appendix I).
    func header() -> String {
        let issuer = out.vietnamese ? "UBND \(data.province.titledVi.uppercased(with: Locale(identifier: "vi")))" : "PEOPLE'S COMMITTEE OF \(data.province.nameEn.uppercased())"
        let number = data.signing.number.map { out.text("Số: ", "No.: ") + htmlEscape($0) } ?? out.text("Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-SKHCN", "No.: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-SKHCN")
        return """
        <div class="header">
          <div class="issuer">\(htmlEscape(issuer))<b>\(out.text("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "DEPARTMENT OF SCIENCE AND TECHNOLOGY"))</b><div class="rule"></div></div>
          <div class="motto"><b>\(out.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"))</b><b>\(out.text("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))</b><div class="rule"></div></div>
        </div>
        <div class="number-date">
          <div class="number">\(number)</div>
          <div class="place">\(htmlEscape(out.placeAndDate(out.vietnamese ? data.province.place : data.province.nameEn, data.madeOn)))</div>
        </div>
        """
    }

    /// The title names what is reported and the date the figures are counted on (contract §5).
    func titleBlock() -> String {
        """
        <h1>\(out.text("BÁO CÁO", "REPORT"))</h1>
        <div class="subtitle">\(htmlEscape(out.reportSubject(data.province) + out.text(" (tính đến ngày \(out.date(data.asOf)))", " (as of \(out.date(data.asOf)))")))</div>
        """
    }

    func overviewSection() -> Section {
        let good = data.computed.filter { [.achieved, .onTrack].contains($0.progress.status) }.count
        let html = """
        <p>\(htmlEscape(out.text("Trong \(data.computed.count) chỉ tiêu được tính trực tiếp từ sổ đăng ký, \(good) chỉ tiêu đã đạt hoặc đúng tiến độ; \(data.manual.count) chỉ tiêu còn lại do cán bộ ghi nhận từ số liệu của các cơ quan (mục III). Mỗi con số dưới đây kèm danh sách hồ sơ được tính để có thể kiểm tra lại.", "Of the \(data.computed.count) targets counted from the registry, \(good) are achieved or on track; the other \(data.manual.count) are recorded by hand from other agencies' figures (part III). Every number below comes with the records it counts, so that it can be checked.")))</p>
        \(tables.overview(data.targets))
        """
        return Section(title: out.text("TÌNH HÌNH CHUNG", "OVERVIEW"), html: html)
    }

    func targetsSection() -> Section {
        Section(title: out.text("KẾT QUẢ TỪNG CHỈ TIÊU", "TARGET BY TARGET")) { sink in
            for (offset, item) in data.computed.enumerated() {
                if offset > 0 { try sink.write("\n") }
                try target(offset + 1, item, to: sink)
            }
        }
    }

    /// One computed target: its figures, two charts, the counting rule and the records.
    func target(_ index: Int, _ item: ReportTarget, to sink: TextSink) throws {
        let target = item.target, progress = item.progress
        var figures = out.text("Đầu kỳ (\(out.date(target.baselineDate))): \(out.number(progress.baselineValue)); hiện tại: \(out.number(progress.value)); mục tiêu: \(out.planGoal(target)) trước \(out.date(target.deadline)).",
                               "Baseline (\(out.date(target.baselineDate))): \(out.number(progress.baselineValue)); now: \(out.number(progress.value)); goal: \(out.planGoal(target)) by \(out.date(target.deadline)).")
        if let projection = progress.projection {
            figures += out.text(" Dự báo tuyến tính đến hạn: \(out.number((projection * 10).rounded() / 10)).", " Linear projection at the deadline: \(out.number((projection * 10).rounded() / 10)).")
        }
        if target.code == "ip-filings" {
            figures += out.text(" Đơn nộp: \(progress.filed ?? 0); văn bằng được cấp: \(progress.granted ?? 0); chỉ tiêu đang tính theo quy tắc “\(target.rule ?? "filed")”.",
                                " Filed: \(progress.filed ?? 0); granted: \(progress.granted ?? 0); the target counts rule “\(target.rule ?? "filed")”.")
        }
        let why = out.missedExplanation(item, asOf: data.asOf).map { "<p class=\"why\">\(htmlEscape($0))</p>" } ?? ""
        try sink.write("""
        <div class="target">
        <div class="target-head">
        <h3>\(index). \(htmlEscape(tables.title(target))) — <span class="status-\(progress.status)">\(htmlEscape(out.statusWords(progress.status)))</span></h3>
        <p>\(htmlEscape(figures))</p>
        \(why)
        <div class="charts">\(figure(charts.valueBar(item, caption: target.code), caption: out.text("Hiện tại so với mục tiêu", "Now against the goal")))\(figure(charts.yearly(item), caption: out.text("Cuối mỗi năm; \(data.asOf.year): đến \(out.date(data.asOf))", "Each year's end; \(data.asOf.year): on \(out.date(data.asOf))")))</div>
        </div>
        <p><i>\(htmlEscape(out.text("Cách tính: ", "Counting rule: ") + target.counting))</i></p>

        """)
        let plan = data.plan, day = data.asOf
        if item.rules.isEmpty {
            try tables.writeRecords(to: sink, caption: { out.text("Hồ sơ được tính (\($0)):", "Records counted (\($0)):") }) {
                try plan.eachCounted(target.code, on: day, $0)
            }
        } else {
            for rule in item.rules {
                try tables.writeRecords(to: sink, caption: { out.ruleHeading(rule, count: $0, active: rule == (target.rule ?? "filed")) }) {
                    try plan.eachCounted(target.code, on: day, rule: rule, $0)
                }
            }
        }
        // "key — label; key — label" in one paragraph, escaped piece by piece as it comes.
        var first = true
        try plan.eachNoLongerCounted(target.code, countedOn: target.baselineDate, notOn: day) { record, _ in
            let prefix = first ? "<p>" + htmlEscape(out.text("Được tính ở đầu kỳ nhưng nay không còn: ", "Counted at the baseline, no longer counted: ")) : htmlEscape("; ")
            first = false
            try sink.write(prefix + htmlEscape("\(record.key) — \(record.label)"))
        }
        if !first { try sink.write(".</p>") }
        try sink.write("\n</div>")
    }

    /// The hand-recorded targets: a table with date and source, and each one drawn.
    func manualSection() -> Section {
        let drawn = data.manual.map { item in
            figure(charts.valueBar(item, caption: item.target.code), caption: tables.title(item.target) + ". " + out.observation(item))
        }
        return Section(title: out.text("CÁC CHỈ TIÊU GHI NHẬN THỦ CÔNG", "TARGETS RECORDED BY HAND"),
                       html: tables.manual(data.manual) + "\n<div class=\"manual-charts\">\(drawn.joined())</div>")
    }

    /// A narrative part from `--notes`, or where to write it when absent.
    func notesSection(_ section: ReportNotes.Section) -> Section {
        let blocks = data.notes.blocks(section)
        let html = blocks.isEmpty ? "<p class=\"placeholder\">\(htmlEscape(out.notesPlaceholder(section)))</p>" : blocks.map { block in
            switch block {
            case .paragraph(let text): "<p>\(htmlInline(text))</p>"
            case .subheading(let text): "<h4>\(htmlInline(text))</h4>"
            case .list(let items): "<ul>" + items.map { "<li>\(htmlInline($0))</li>" }.joined() + "</ul>"
            }
        }.joined(separator: "\n")
        let title = out.vietnamese ? section.title.vi : section.title.en
        return Section(title: title.uppercased(with: Locale(identifier: "vi")), html: html)
    }

    /// Recipients on the left; the signer's title, space for signature and seal, and the name.
    func signature() -> String {
        let titleLines = data.signing.titleLines ?? [out.text("GIÁM ĐỐC", "DIRECTOR")]
        let name = data.signing.signer.map { "<b>\(htmlEscape($0))</b>" } ?? ""
        return """
        <div class="signature">
          <div class="recipients"><b>\(out.text("Nơi nhận:", "To:"))</b><br>- \(out.text("UBND \(htmlEscape(data.province.titledVi)) (b/c)", "Provincial People's Committee"));<br>- \(out.text("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"));<br>- \(out.text("Lưu: VT", "File"))</div>
          <div class="signer">\(titleLines.map { "<b>\(htmlEscape($0))</b>" }.joined(separator: "<br>"))<div class="space"></div>\(name)</div>
        </div>
        """
    }

    func footer() -> String {
        "<footer>\n" + footerLines().map { "<p>\(htmlEscape($0))</p>" }.joined(separator: "\n") + "\n</footer>"
    }

    /// Provenance: what a reader needs to check or remake the document. Add a line here.
    func footerLines() -> [String] {
        let p = data.provenance
        return [
            out.text("Số liệu tính đến ngày \(out.date(data.asOf)); lập lúc \(p.generatedAt) từ sổ đăng ký khcn, \(data.province.titledVi) (mã \(p.provinceCode)), phiên bản lược đồ \(p.schemaVersion). Lập lại đúng báo cáo này: \(data.regenerate(data.asOf.description)).",
                     "Figures as of \(data.asOf); generated \(p.generatedAt) from the khcn registry, \(data.province.nameEn) (code \(p.provinceCode)), schema version \(p.schemaVersion). Regenerate this report: \(data.regenerate(data.asOf.description))."),
            sealLine(),
            out.text("Cách đánh giá: quy tắc đầu tiên thỏa mãn — đã qua hạn: đạt/không đạt theo số liệu tại ngày tính; đã đạt; giảm so với đầu kỳ; tăng và dự báo tuyến tính đến hạn đạt mục tiêu (hoặc mức tăng ≥ 95% tỷ lệ thời gian đã qua): đúng tiến độ; tăng nhưng chưa đủ: cần đẩy nhanh; đã qua dưới 25% thời gian: còn sớm; còn lại: chững lại.",
                     "Status: first rule that applies — deadline passed: achieved/missed on the as-of figure; met: achieved; below baseline: regressing; rising and a linear projection meets the target (or the gain is ≥ 95% of the elapsed share): on track; rising: needs acceleration; under 25% of the period elapsed: too early; otherwise stalled."),
        ]
    }

    private func figure(_ svg: String, caption: String) -> String {
        svg.isEmpty ? "" : "<figure>\(svg)<figcaption>\(htmlEscape(caption))</figcaption></figure>"
    }

    static func roman(_ number: Int) -> String {
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][min(number, 12) - 1]
    }
}
