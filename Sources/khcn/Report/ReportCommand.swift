import ArgumentParser
import Foundation
import Registry

/// `khcn report`: the yearly report on the plan's targets (sent before 5 December), as a
/// Vietnamese administrative document (HTML), or the same numbers as Markdown or CSV.
struct ReportCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: words("Báo cáo tiến độ hằng năm: html, md hoặc csv.", "The yearly progress report: html, md or csv."),
        discussion: words("""
            Ví dụ:
              khcn report --format html --output bao-cao-2025.html --as-of 2025-11-30 --number 125 --signer "Nguyễn Văn A"
            """, """
            Example:
              khcn report --format html --output report-2025.html --as-of 2025-11-30 --number 125 --signer "Nguyễn Văn A"
            """))

    @Option(help: .vi("Ngày tính số liệu, dạng YYYY-MM-DD (nếu không có: hôm nay); ghi vào tiêu đề báo cáo.",
                       en: "The date the figures are counted on, YYYY-MM-DD (default today); it goes in the title.")) var asOf: DateArgument?
    @Option(help: .vi("Định dạng: html, md hoặc csv.", en: "html, md or csv.")) var format: ReportFormat
    @Option(help: .vi("Tệp sẽ ghi báo cáo ra.", en: "The file to write.")) var output: String
    @Option(help: .vi("Số văn bản, ví dụ 125/BC-SKHCN (chỉ ghi \"125\" thì thêm /BC-SKHCN).",
                       en: "The document's number, e.g. 125/BC-SKHCN (\"125\" alone gets /BC-SKHCN).")) var number: String?
    @Option(help: .vi("Họ và tên người ký.", en: "The full name of the person who signs.")) var signer: String?
    @Option(help: .vi("Chức vụ người ký, ví dụ \"KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC\" (| để xuống dòng; nếu không có: GIÁM ĐỐC).",
                       en: "The signer's title, e.g. \"KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC\" (| breaks the line; default GIÁM ĐỐC).")) var signerTitle: String?
    @Option(help: .vi("Tệp Markdown gồm các mục Đánh giá chung; Khó khăn, vướng mắc; Đề xuất, kiến nghị.",
                       en: "A Markdown file with the sections Đánh giá chung; Khó khăn, vướng mắc; Đề xuất, kiến nghị.")) var notes: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        // Contract §3: a missing notes file is 66, before anything is read or written.
        let notes = try notes.map(ReportNotes.read) ?? .empty
        let signing = try ReportSigning(number: number, signer: signer, signerTitle: signerTitle)
        let (out, session) = try openForReading()
        let day = try asOf?.date(field: "as_of") ?? session.today
        let progress = PlanProgress(session)
        let provenance = try progress.provenance()
        let province = ReportProvince(provenance)
        let targets = try progress.on(day, yearly: true)
        guard !targets.isEmpty else {
            // Issue 12: a province with no targets gets a clear sentence, not an empty document.
            if out.json {
                out.emit(.object([("output", .null), ("format", .string(format.rawValue)), ("as_of", .string(day.description)),
                                  ("province", .string(province.code)), ("targets", .int(0))]))
            }
            out.say(province.noTargetsSentence(out))
            return
        }
        let report = ReportData(
            asOf: day, madeOn: session.today, province: province, targets: try targets.map { try ReportTarget($0, asOf: day, progress) },
            provenance: provenance, seal: try Seals(session).latest(), signing: signing, notes: notes,
            regenerate: regenerateCommand(province: session.province.code), plan: progress)
        let watch = format == .html ? try WatchSection.load(session, on: day, printer: out) : nil
        // Contract §8: the records behind each figure go from the database to the file as they
        // come; the file appears under its name only once whole.
        try TextSink.writing(to: output) { sink in
            switch format {
            case .html: try HTMLReport(data: report, printer: out, watch: watch).write(to: sink)
            case .md: try MarkdownReport(data: report, printer: out).write(to: sink)
            case .csv: try sink.write(CSVReport(data: report).render())
            }
        }
        if out.json {
            out.emit(.object([("output", .string(output)), ("format", .string(format.rawValue)), ("as_of", .string(day.description)),
                              ("province", .string(province.code)), ("targets", .int(targets.count))]))
        } else {
            out.say(out.text("Đã ghi báo cáo \(output) (\(province.nameVi), số liệu tính đến ngày \(out.date(day))).",
                             "Wrote \(output) (\(province.nameEn), figures as of \(out.date(day)))."))
        }
    }

    /// The footer's command that makes the same report again: province, date and the
    /// signing options included, so an inspection gets the same document.
    func regenerateCommand(province: String) -> (String) -> String {
        func quoted(_ text: String) -> String {
            text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        var extra: [String] = []
        if let number { extra += ["--number", quoted(number)] }
        if let signer { extra += ["--signer", quoted(signer)] }
        if let signerTitle { extra += ["--signer-title", quoted(signerTitle)] }
        if let notes { extra += ["--notes", quoted(notes)] }
        return { asOf in
            (["khcn report --province", province, "--as-of", asOf, "--format", format.rawValue, "--output FILE"] + extra).joined(separator: " ")
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, csv
}

/// Who issues and signs (Decree 30/2020/NĐ-CP, Appendix I: number, signer's authority and
/// title, full name). What is not given is left blank for the clerk to fill by hand.
struct ReportSigning {
    let number: String?
    let signer: String?
    /// Lines of the title block: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC".
    let titleLines: [String]?

    init(number: String?, signer: String?, signerTitle: String?) throws(RegistryError) {
        let number = try CleanText.clean(number, field: "number", label: ("Số văn bản", "The number"), maxLength: 60, required: false)
        // "125" alone is the register's sequence number; the document type and issuer follow it.
        self.number = number.map { $0.contains("/") ? $0 : $0 + "/BC-SKHCN" }
        self.signer = try CleanText.clean(signer, field: "signer", label: ("Người ký", "The signer"), maxLength: 120, required: false)
        let title = try CleanText.clean(signerTitle, field: "signer_title", label: ("Chức vụ người ký", "The signer's title"), maxLength: 200, required: false)
        self.titleLines = title.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).uppercased(with: Locale(identifier: "vi")) } }
    }
}

/// The province that issues the report, named from the national list (Decision 19/2025/QĐ-TTg).
struct ReportProvince {
    let code: String
    let nameVi: String
    let nameEn: String

    init(_ provenance: PlanProgress.Provenance) {
        code = provenance.provinceCode
        nameVi = provenance.provinceName ?? provenance.provinceCode
        nameEn = provenance.provinceNameEn ?? nameVi
    }

    /// Resolution 202/2025/QH15: six of the 34 are centrally-run cities ("thành phố"), the rest provinces ("tỉnh").
    var isCity: Bool { ["01", "31", "46", "48", "79", "92"].contains(code) }

    /// "tỉnh Tuyên Quang", "thành phố Hà Nội".
    var titledVi: String { (isCity ? "thành phố " : "tỉnh ") + nameVi }

    /// The place in "…, ngày … tháng … năm …": the province's name ("Thành phố Hồ Chí Minh" in full).
    var place: String { code == "79" ? "Thành phố Hồ Chí Minh" : nameVi }

    func noTargetsSentence(_ out: Printer) -> String {
        out.text("Chưa có chỉ tiêu nào được đặt cho \(titledVi) (mã \(code)): không lập báo cáo, không ghi tệp nào. Các chỉ tiêu của Kế hoạch 222/KH-UBND được đặt cho tỉnh Tuyên Quang (mã 08); xem khcn province list.",
                 "No targets are set for \(nameEn) (code \(code)): no report made, no file written. The targets of plan 222/KH-UBND are set for Tuyen Quang (code 08); see khcn province list.")
    }
}

/// Everything the three formats print, gathered once so that they carry the same numbers.
struct ReportData {
    let asOf: CivilDate
    /// The document is dated the day it is made (contract §5), not the as-of date.
    let madeOn: CivilDate
    let province: ReportProvince
    let targets: [ReportTarget]
    let provenance: PlanProgress.Provenance
    /// The latest audit seal, printed in the HTML footer (contract §9).
    let seal: LatestSeal?
    let signing: ReportSigning
    let notes: ReportNotes
    /// Given the as-of date, the command that makes this report again.
    let regenerate: (String) -> String
    /// Where the records behind each figure are read from while the report is written.
    let plan: PlanProgress

    var computed: [ReportTarget] { targets.filter { $0.target.computed } }
    var manual: [ReportTarget] { targets.filter { !$0.target.computed } }
}

/// One target with what a reader needs to trace its figure. The records behind it are not
/// held: the report reads them from `ReportData.plan` as it writes them (contract §8).
struct ReportTarget {
    let progress: TargetProgress
    /// ip-filings: both rules' records are listed, `filed` and `granted` (both figures are reported, §7).
    var rules: [String] = []
    /// A target judged after its deadline whose figure met the goal on the deadline but not on
    /// the as-of date (a GI cancelled after the deadline): the value then and the records since lost.
    var metAtDeadline: (value: Double, lost: [CountedRecord])?

    var target: Target { progress.target }

    init(_ progress: TargetProgress, asOf day: CivilDate, _ plan: PlanProgress) throws(RegistryError) {
        self.progress = progress
        let target = progress.target
        guard target.computed else { return }
        if target.rule != nil { rules = ["filed", "granted"] }
        if progress.status == .missed, day > target.deadline {
            let value = Double(try plan.count(target.code, on: target.deadline))
            if target.comparator == .moreThan ? value > target.threshold : value >= target.threshold {
                // The records lost since the deadline, named in one sentence: a few (a GI cancelled).
                var lost: [CountedRecord] = []
                try plan.eachNoLongerCounted(target.code, countedOn: target.deadline, notOn: day) { record, _ in lost.append(record) }
                metAtDeadline = (value, lost)
            }
        }
    }
}
