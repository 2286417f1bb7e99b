import Foundation
import TestSupport
import Testing

/// Loads Samples/ through the CLI, as Scripts/demo does.
func loadSamples(_ clerk: TestLogin) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for kind in ["enterprises", "certificates", "funds", "fund-allocations", "ip", "gi"] {
        let run = try KhcnRun.run(["import", kind, root.appendingPathComponent("Samples/\(kind).csv").path], as: clerk)
        #expect(run.status == 0, "\(kind): \(run.stdout) \(run.stderr)")
    }
}

@Suite struct ReportTests {
    @Test func progressJSONFollowsTheContract() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)   // as a clerk login over SCRAM (contract §9)
        try loadSamples(clerk)
        let run = try KhcnRun.run(["progress", "--as-of", "2026-11-27", "--json", "--details"], as: clerk)
        #expect(run.status == 0)
        #expect(run.object["as_of"] as? String == "2026-11-27")
        let targets = run.object["targets"] as? [[String: Any]] ?? []
        #expect(targets.count == 11)
        let funds = targets.first { $0["code"] as? String == "st-funds" } ?? [:]
        #expect(funds["threshold"] as? Int == 30 && funds["comparator"] as? String == ">")
        #expect(Set(funds.keys).isSuperset(of: ["code", "title", "title_en", "comparator", "threshold", "stretch", "baseline_date", "deadline",
                                                "baseline_value", "value", "projection", "status", "rule", "counted", "left"]))
        #expect((funds["left"] as? [[String: Any]])?.first?.keys.sorted() == ["date", "key", "label"])
        let ip = targets.first { $0["code"] as? String == "ip-filings" } ?? [:]
        #expect((ip["figures"] as? [String: Int]) == ["filed": 3, "granted": 2])
        #expect(ip["rule"] as? String == "filed")
        let manual = targets.first { $0["code"] as? String == "tfp-share" } ?? [:]
        #expect(manual["status"] as? String == "manual")
        #expect(manual.keys.contains("observed_on") && manual.keys.contains("source"))
        #expect(try KhcnRun.run(["progress", "--target", "nothing"], as: clerk).status == 3)
    }

    /// Renders the HTML report in a real headless browser (Debian's chromium, installed by
    /// Scripts/test) and reads the PDF back: A4 pages, the motto and the Vietnamese numbers.
    @Test func htmlReportPrintsOnA4InARealBrowser() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)   // as a clerk login over SCRAM (contract §9)
        try loadSamples(clerk)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("report.html").path
        let run = try KhcnRun.run(["report", "--as-of", "2026-11-27", "--format", "html", "--output", html], as: clerk)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!text.contains("<script"))
        #expect(!text.contains("src=\"http") && !text.contains("href=\"http"))
        #expect(text.contains("<svg"))

        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let browser = try #require(chromium, "chromium is needed for this test (Scripts/test installs it)")
        let pdf = folder.appendingPathComponent("report.pdf").path
        try runTool(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(html)"])
        let info = try runTool("/usr/bin/pdfinfo", [pdf])
        #expect(info.contains("A4"))
        let pages = try runTool("/usr/bin/pdftotext", ["-layout", pdf, "-"])
        #expect(pages.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(pages.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(pages.contains("BÁO CÁO"))
        #expect(pages.contains("Tuyên Quang, ngày 27 tháng 11 năm 2026"))
        #expect(pages.contains("5073574171"))   // the fund that left the count is named
        #expect(pages.contains("GIÁM ĐỐC"))
    }

    @Test func markdownAndCSVCarryTheSameNumbers() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)   // as a clerk login over SCRAM (contract §9)
        try loadSamples(clerk)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ["md", "csv"] {
            let path = folder.appendingPathComponent("report.\(format)").path
            #expect(try KhcnRun.run(["report", "--as-of", "2026-11-27", "--format", format, "--output", path], as: clerk).status == 0)
        }
        let csv = try String(contentsOfFile: folder.appendingPathComponent("report.csv").path, encoding: .utf8)
        #expect(csv.contains("2026-11-27,st-funds,"))
        #expect(csv.contains(",2,3,4.409"))   // baseline 2, value 3, projection
        let md = try String(contentsOfFile: folder.appendingPathComponent("report.md").path, encoding: .utf8)
        #expect(md.contains("| st-funds |"))
        #expect(md.contains("5073574171"))
    }
}

@discardableResult
func runTool(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
