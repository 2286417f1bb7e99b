import Foundation
import TestSupport
import Testing

/// Loads Samples/ through the CLI, as Scripts/demo does.
/// The samples, imported by a clerk login of the database (contract §9).
func loadSamples(_ database: TestDatabase) throws {
    try loadSamples(try database.createLogin(.clerk))
}

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

    @Test func markdownAndCSVCarryTheSameNumbers() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)   // as a clerk login over SCRAM (contract §9)
        try loadSamples(clerk)
        let folder = try Scratch.folder()
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

    @Test func markdownCarriesTheDateNumberSignerAndNotes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        try loadSamples(database)
        let notes = folder.appendingPathComponent("notes.md")
        try "Mở đầu.\n\n## 2. KHÓ KHĂN VÀ VƯỚNG MẮC\n- Thiếu số liệu.\n".write(to: notes, atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("report.md").path
        let run = try KhcnRun.run(["report", "--as-of", "2026-11-27", "--format", "md", "--output", path, "--number", "7/BC-SKHCN",
                                   "--signer", "Trần Thị Bình", "--notes", notes.path], database: database)
        #expect(run.status == 0, "\(run.stderr)")
        let md = try String(contentsOfFile: path, encoding: .utf8)
        #expect(md.contains("Số: 7/BC-SKHCN"))
        #expect(md.contains(decree30DateLine("Tuyên Quang", ReportPrintTests.todayInVietnam())))
        #expect(md.contains("tính đến ngày 27/11/2026"))
        #expect(md.contains("**GIÁM ĐỐC**") && md.contains("**Trần Thị Bình**"))
        #expect(md.contains("## IV. ĐÁNH GIÁ CHUNG\n\nMở đầu."))
        #expect(md.contains("## V. KHÓ KHĂN, VƯỚNG MẮC\n\n- Thiếu số liệu."))
        #expect(md.contains("“## Đề xuất, kiến nghị”"))   // the absent section says where it goes
        #expect(md.contains("Đơn nộp từ đầu kỳ") && md.contains("Văn bằng được cấp từ đầu kỳ"))
        #expect(md.contains("khcn report --province 08 --as-of 2026-11-27 --format md"))
    }

    /// Contract §3: a missing notes file or an unwritable output is 66, and nothing is written.
    @Test(arguments: [("notes", 66), ("heading", 65), ("output", 66)])
    func badNotesOrOutputWriteNothing(_ fault: String, _ status: Int32) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        let notes = folder.appendingPathComponent("notes.md")
        try "## Đánh giá chung\nỔn.\n\n## Kết luận\nHết.\n".write(to: notes, atomically: true, encoding: .utf8)
        var output = folder.appendingPathComponent("report.html").path
        var arguments = ["report", "--format", "html", "--json"]
        switch fault {
        case "notes": arguments += ["--notes", folder.appendingPathComponent("missing.md").path]
        case "heading": arguments += ["--notes", notes.path]
        default: output = folder.appendingPathComponent("no-such-folder/report.html").path
        }
        let run = try KhcnRun.run(arguments + ["--output", output], database: database)
        #expect(run.status == status, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(run.errorObject["field"] as? String == (fault == "output" ? "output" : "notes"))
        if fault == "heading" { #expect(run.stderr.contains("dòng 4") && run.stderr.contains("Kết luận")) }
    }

    /// Issue 12: another province is named from the national list; with no targets the report
    /// and progress say so and exit 0, writing no empty document.
    @Test func aProvinceWithoutTargetsIsNamedAndToldSo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        let output = folder.appendingPathComponent("report.html").path
        let report = try KhcnRun.run(["report", "--province", "01", "--format", "html", "--output", output], database: database)
        #expect(report.status == 0)
        #expect(report.stdout.contains("Chưa có chỉ tiêu nào được đặt cho thành phố Hà Nội (mã 01)"))
        #expect(!FileManager.default.fileExists(atPath: output))
        let progress = try KhcnRun.run(["progress", "--province", "19"], database: database)
        #expect(progress.status == 0 && progress.stdout.contains("tỉnh Thái Nguyên (mã 19)"))
        let english = try KhcnRun.run(["progress", "--province", "19", "--lang", "en"], database: database)
        #expect(english.stdout.contains("No targets are set for Thai Nguyen (code 19)"))
        let tuyenQuang = try KhcnRun.run(["progress"], database: database)
        #expect(tuyenQuang.stdout.hasPrefix("Tiến độ thực hiện Kế hoạch 222/KH-UBND, tỉnh Tuyên Quang"))
    }
}

/// Runs a tool with no input and returns its stdout (stderr is dropped); `environment` nil:
/// this process's.
@discardableResult
func runTool(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
