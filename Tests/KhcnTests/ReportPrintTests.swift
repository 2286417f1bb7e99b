import Foundation
import TestSupport
import Testing

/// Issue 12: the yearly report printed by a real headless browser (Debian's chromium, installed
/// by `Scripts/setup --test`) on A4, and read back from the PDF page by page with pdftotext.
@Suite struct ReportPrintTests {
    /// Thirty-six extra funds with names long enough to wrap, so the records table runs across
    /// a page break; a GI granted before the deadline and cancelled after it; two observations.
    static func loadPrintFixture(_ database: TestDatabase, in folder: URL) throws -> [String] {
        try loadSamples(database)
        let codes = validTaxCodes(36, prefix: "57")
        let enterprises = folder.appendingPathComponent("e.csv"), funds = folder.appendingPathComponent("f.csv")
        try ("tax_code,name,established_on\n" + codes.enumerated().map {
            "\($0.element),Công ty TNHH Đầu tư Phát triển Nông nghiệp Công nghệ cao và Dược liệu Vùng núi phía Bắc TQ-\(String(format: "%03d", $0.offset + 1)),2020-01-01\n"
        }.joined()).write(to: enterprises, atomically: true, encoding: .utf8)
        // Notified in time, so that the funds give no watch item: the report's overdue section
        // would name their tax codes a second time.
        try ("tax_code,established_on,notified_on\n" + codes.map { "\($0),2025-02-10,2025-02-20\n" }.joined()).write(to: funds, atomically: true, encoding: .utf8)
        for (kind, file) in [("enterprises", enterprises), ("funds", funds)] {
            let run = try KhcnRun.run(["import", kind, file.path], database: database)
            #expect(run.status == 0, "\(run.stderr)")
        }
        for command in [["gi", "add", "--certificate-number", "130", "--name", "Chiêm Hóa (thử)", "--product", "Cam", "--granted", "2025-06-10"],
                        ["gi", "cancel", "130", "--on", "2026-03-02"],
                        ["targets", "record", "budget-share", "0.85", "--on", "2025-12-31", "--source", "Sở Tài chính"],
                        ["targets", "record", "tech-transfer", "3", "--on", "2026-06-30", "--source", "Hợp đồng chuyển giao"]] {
            let run = try KhcnRun.run(command, database: database)
            #expect(run.status == 0, "\(command): \(run.stderr)")
        }
        return codes
    }

    @Test func printedReportHasItsDateSignerWholeRowsAndChartAxes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        let codes = try Self.loadPrintFixture(database, in: folder)
        let notes = folder.appendingPathComponent("notes.md")
        try "## Đánh giá chung\nSở đã **hoàn thành** số hóa sổ đăng ký <năm 2026>.\n\n## Đề xuất, kiến nghị\n- Đề nghị các sở cung cấp số liệu định kỳ.\n"
            .write(to: notes, atomically: true, encoding: .utf8)
        let html = folder.appendingPathComponent("report.html").path
        let run = try KhcnRun.run(["report", "--as-of", "2026-11-27", "--format", "html", "--output", html, "--number", "125",
                                   "--signer", "Nguyễn Văn An", "--signer-title", "KT. GIÁM ĐỐC|Phó Giám đốc", "--notes", notes.path], database: database)
        #expect(run.status == 0, "\(run.stderr)")
        let source = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!source.contains("<script") && !source.contains("src=\"http") && !source.contains("href=\"http"))
        #expect(source.contains("&lt;năm 2026&gt;") && source.contains("<b>hoàn thành</b>"))   // notes are escaped
        #expect(source.contains("khcn report --province 08 --as-of 2026-11-27 --format html"))

        let pages = try printedPages(html, in: folder)
        let all = pages.joined(separator: "\n")
        // The PDF's text in reading order, wrapped lines joined, for sentences that wrap.
        let raw = try runTool("/usr/bin/pdftotext", ["-raw", pdfPath(folder), "-"]).split(separator: "\n").map(String.init)
        let flat = raw.joined(separator: " ")
        // Dated the day it is made (Decree 30: day < 10 and months 1–2 get a leading zero);
        // the as-of date is in the title.
        #expect(all.contains(decree30DateLine("Tuyên Quang", Self.todayInVietnam())), "\(pages[0])")
        #expect(flat.contains("tính đến ngày 27/11/2026"))
        #expect(pages[0].contains("Số: 125/BC-SKHCN"))
        #expect(flat.contains("KT. GIÁM ĐỐC") && flat.contains("PHÓ GIÁM ĐỐC") && flat.contains("Nguyễn Văn An"))
        #expect(flat.contains("Đề nghị các sở cung cấp số liệu định kỳ."))
        #expect(flat.contains("## Khó khăn, vướng mắc"))   // where the absent section goes
        // Every figure traceable: both ip-filings lists, the missed GI explained, manual sources.
        #expect(flat.contains("quy tắc “filed”") && flat.contains("quy tắc “granted”") && flat.contains("2-2022-00117"))
        #expect(flat.contains("Vì sao không đạt") && flat.contains("00130"))
        #expect(flat.contains("Ghi nhận ngày 31/12/2025; nguồn: Sở Tài chính"))
        #expect(flat.contains("trên 30") && flat.contains("từ 05 trở lên") && flat.contains("ít nhất 05"))

        // No table row split across pages: each fund's key, its name's last words and its date
        // are on one page, and that page repeats the table's header row.
        #expect(pages.count >= 3)
        var pagesWithFunds = Set<Int>()
        for (index, code) in codes.enumerated() {
            let onPages = pages.indices.filter { pages[$0].contains(code) }
            #expect(onPages.count == 1, "\(code) on pages \(onPages)")
            guard let page = onPages.first else { continue }
            pagesWithFunds.insert(page)
            let line = pages[page].split(separator: "\n").first { $0.contains(code) } ?? ""
            #expect(line.contains("10/02/2025"), "\(code): the date is not on the key's line: \(line)")
            #expect(pages[page].contains("TQ-\(String(format: "%03d", index + 1))"), "\(code): its name ends on another page")
            #expect(pages[page].contains("Ngày được"), "page \(page + 1) has rows without the header")
        }
        #expect(pagesWithFunds.count >= 2, "the records table should cross a page break in this fixture")

        // Each chart has its axis values: 11 horizontal axes (4 computed + 7 manual targets) on
        // one line "0 10 20 …", 4 vertical ones (the yearly charts) one value a line.
        #expect(horizontalAxes(raw) == 11, "\(raw)")
        #expect(verticalAxes(raw) == 4)
        // Text at least 9 pt printed: a word's box is about 1.1 × its font size.
        let smallest = try wordHeights(pdfPath(folder)).min() ?? 0
        #expect(smallest >= 9.8, "smallest word box \(smallest) pt")
    }

    static func todayInVietnam() -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        return calendar.dateComponents([.year, .month, .day], from: Date())
    }
}

func decree30DateLine(_ place: String, _ day: DateComponents) -> String {
    let dd = day.day! < 10 ? String(format: "%02d", day.day!) : String(day.day!)
    let mm = day.month! < 3 ? String(format: "%02d", day.month!) : String(day.month!)
    return "\(place), ngày \(dd) tháng \(mm) năm \(day.year!)"
}

/// Tax codes with a correct check digit (contract §4), for fixtures.
func validTaxCodes(_ count: Int, prefix: String) -> [String] {
    let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
    var codes: [String] = [], seed = 1_000_000
    while codes.count < count {
        seed += 7919
        let body = prefix + String(seed)
        let r = zip(weights, body.compactMap(\.wholeNumberValue)).map(*).reduce(0, +) % 11
        if r != 0 { codes.append(body + String(10 - r)) }
    }
    return codes
}

private func pdfPath(_ folder: URL) -> String { folder.appendingPathComponent("report.pdf").path }

/// Prints the HTML with headless chromium and returns the text of each page.
func printedPages(_ html: String, in folder: URL) throws -> [String] {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    let browser = try #require(chromium, "chromium is needed for this test (Scripts/test installs it)")
    let pdf = pdfPath(folder)
    try runTool(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(html)"])
    let info = try runTool("/usr/bin/pdfinfo", [pdf])
    #expect(info.contains("A4"))
    let count = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
    return try (1...max(count, 1)).map { try runTool("/usr/bin/pdftotext", ["-layout", "-f", "\($0)", "-l", "\($0)", pdf, "-"]) }
}

private func numbers(_ line: String) -> [Double]? {
    let parts = line.split(separator: " ").map { Double($0.replacingOccurrences(of: ",", with: ".")) }
    return parts.contains(nil) ? nil : parts.compactMap { $0 }
}

private func isAxis(_ values: [Double]) -> Bool {
    values.count >= 3 && values.first == 0 && zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
}

/// Lines like "0 10 20 30 40".
func horizontalAxes(_ lines: [String]) -> Int { lines.filter { numbers($0).map(isAxis) ?? false }.count }

/// Runs of lines "0", "10", "20", … (at least three).
func verticalAxes(_ lines: [String]) -> Int {
    var count = 0, run: [Double] = []
    for line in lines + [""] {
        if let values = numbers(line), values.count == 1, run.isEmpty ? values[0] == 0 : values[0] > run.last! {
            run.append(values[0])
        } else {
            if isAxis(run) { count += 1 }
            run = numbers(line).flatMap { $0 == [0] ? $0 : nil } ?? []
        }
    }
    return count
}

/// The height in points of every word's box in the PDF (`pdftotext -bbox`).
func wordHeights(_ pdf: String) throws -> [Double] {
    let text = try runTool("/usr/bin/pdftotext", ["-bbox", pdf, "-"])
    var heights: [Double] = []
    for line in text.split(separator: "\n") where line.contains("<word ") {
        func attribute(_ name: String) -> Double? {
            guard let start = line.range(of: "\(name)=\"") else { return nil }
            return Double(line[start.upperBound...].prefix { $0 != "\"" })
        }
        if let top = attribute("yMin"), let bottom = attribute("yMax") { heights.append(bottom - top) }
    }
    return heights
}
