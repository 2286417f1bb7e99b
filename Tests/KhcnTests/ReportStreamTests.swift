import Foundation
import TestSupport
import Testing

/// Contract §8 (issue 15): `progress --details` and `report` stream the records behind each
/// number instead of holding them. The streamed output must be byte for byte what the code
/// that held everything printed: each output below is compared, its time of making, the
/// day's date and the schema version masked (the version moves with every migration), with the
/// SHA-256 of what main f45a82e (before streaming) printed for the same fixture. (Recorded again
/// when SQL/0040 came: with the version mapped back to 39 the new outputs gave f45a82e's
/// digests, so the version was their only difference.) `KHCN_REFERENCE_KHCN=/path/to/old/khcn` also runs that binary and compares
/// the texts themselves; `KHCN_PRINT_DIGESTS=1` prints the digests to record new ones.
@Suite struct ReportStreamTests {
    /// The print fixture (36 funds counted, a GI lost after its deadline, two observations),
    /// and 30 more funds open at the baseline and closed since: 70 records in st-funds alone,
    /// 31 of them "counted at the baseline, no longer counted".
    static func loadFixture(_ database: TestDatabase, in folder: URL) throws {
        _ = try ReportPrintTests.loadPrintFixture(database, in: folder)
        let codes = validTaxCodes(30, prefix: "58")
        let enterprises = folder.appendingPathComponent("e2.csv"), funds = folder.appendingPathComponent("f2.csv")
        try ("tax_code,name,established_on\n" + codes.enumerated().map {
            "\($0.element),Công ty Cổ phần Dược liệu & Chè Na Hang số \(String(format: "%02d", $0.offset + 1)),2019-05-01\n"
        }.joined()).write(to: enterprises, atomically: true, encoding: .utf8)
        try ("tax_code,established_on,notified_on,closed_on\n" + codes.enumerated().map {
            "\($0.element),2023-0\($0.offset % 9 + 1)-15,2023-0\($0.offset % 9 + 1)-25,2025-09-30\n"
        }.joined()).write(to: funds, atomically: true, encoding: .utf8)
        for (kind, file) in [("enterprises", enterprises), ("funds", funds)] {
            let run = try KhcnRun.run(["import", kind, file.path], database: database)
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    /// name → (arguments, output file or nil for stdout).
    static let outputs: [(name: String, arguments: [String], file: String?)] = [
        ("progress.json", ["progress", "--as-of", "2026-11-27", "--details", "--json"], nil),
        ("progress.txt", ["progress", "--as-of", "2026-11-27", "--details"], nil),
        ("progress-en.txt", ["progress", "--as-of", "2026-11-27", "--details", "--lang", "en"], nil),
        ("report.html", ["report", "--as-of", "2026-11-27", "--format", "html", "--number", "125", "--signer", "Nguyễn Văn An"], "report.html"),
        ("report-en.html", ["report", "--as-of", "2026-11-27", "--format", "html", "--lang", "en"], "report-en.html"),
        ("report.md", ["report", "--as-of", "2026-11-27", "--format", "md"], "report.md"),
        ("report-en.md", ["report", "--as-of", "2026-11-27", "--format", "md", "--lang", "en"], "report-en.md"),
        ("report.csv", ["report", "--as-of", "2026-11-27", "--format", "csv"], "report.csv"),
    ]

    /// SHA-256 of each masked output as main f45a82e printed it.
    static let digests: [String: String] = [
        "progress.json": "9929c79fc3b3bc8b6e7cecfd9685fb71f07a078e35ac5da7e9d39484172fa98d",
        "progress.txt": "a0b03db5dfca3fdc558ed50ac8a5ec1b6b100dd7131aebe27f97d23988a935b1",
        "progress-en.txt": "57ce32cddac9c6392e167a8701aaa19deb614affccf421f78fac0ad41f11de13",
        "report.html": "6c83008bce908dd84c274d6a7f2c7305d115a2821c6064346f2cbefdfe39f533",
        "report-en.html": "ac8739bab2b3014d87a916c113631c6e44195c04b41a8f2bfa88170ad4ae7ba1",
        "report.md": "3b50801eed861dab7e03ee51ab5be8016bd6a05ba09869a00c90b38f39235e0b",
        "report-en.md": "dae5e1980b75e7a73c88112407eaf3deca56e05c54af8a4e9f0a690190ada371",
        "report.csv": "fa140fccd436f788ae97811d9844ecbdd9ccbe82705c61951150222ffa83ab7c",
    ]

    @Test func streamedOutputsAreByteIdenticalToTheHeldOnes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        try Self.loadFixture(database, in: folder)
        let reference = ProcessInfo.processInfo.environment["KHCN_REFERENCE_KHCN"]
        for output in Self.outputs {
            let text = try Self.produce(output, database: database, folder: folder, binary: nil)
            let digest = try Self.sha256(text, in: folder)
            if ProcessInfo.processInfo.environment["KHCN_PRINT_DIGESTS"] != nil { print("DIGEST \"\(output.name)\": \"\(digest)\",") }
            #expect(digest == Self.digests[output.name], "\(output.name): \(text.prefix(300))")
            if let reference {
                let old = try Self.produce(output, database: database, folder: folder, binary: reference)
                #expect(old == text, "\(output.name) differs from \(reference)")
            }
        }
        // The records are all there: 39 funds counted, 31 left (30 closed, one sample fund).
        let json = try Self.produce(Self.outputs[0], database: database, folder: folder, binary: nil)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        let funds = (object["targets"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "st-funds" } ?? [:]
        #expect((funds["counted"] as? [Any])?.count == 39)
        #expect((funds["left"] as? [Any])?.count == 31)
        let html = try Self.produce(Self.outputs[3], database: database, folder: folder, binary: nil)
        #expect(html.components(separatedBy: "<tr><td class=\"c\">").count - 1 >= 39 + 11)
        #expect(html.contains("Hồ sơ được tính (39):"))
    }

    /// Runs one command and returns what it printed or wrote, with the time of making and
    /// today's date masked.
    static func produce(_ output: (name: String, arguments: [String], file: String?), database: TestDatabase, folder: URL,
                        binary: String?) throws -> String {
        var arguments = output.arguments
        let path = output.file.map { folder.appendingPathComponent($0).path }
        if let path { arguments += ["--output", path] }
        let stdout: String
        if let binary {
            var environment = ProcessInfo.processInfo.environment
            environment["KHCN_LANG"] = nil
            environment["KHCN_DATABASE_URL"] = database.conninfo
            stdout = try runTool(binary, arguments, environment: environment)
        } else {
            let run = try KhcnRun.run(arguments, database: database)
            #expect(run.status == 0, "\(output.name): \(run.stderr)")
            stdout = run.stdout
        }
        var text = try path.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? stdout
        text = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00"#, with: "GENERATED", options: .regularExpression)
        let today = ReportPrintTests.todayInVietnam()
        text = text.replacingOccurrences(of: decree30DateLine("Tuyên Quang", today), with: "TODAY")
        text = text.replacingOccurrences(of: String(format: "Tuyen Quang, %04d-%02d-%02d", today.year!, today.month!, today.day!), with: "TODAY")
        text = text.replacingOccurrences(of: #"(lược đồ|schema version) \d+"#, with: "$1 N", options: .regularExpression)
        return text
    }

    static func sha256(_ text: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("digest.txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return String(try runTool("/usr/bin/sha256sum", [file.path]).prefix(64))
    }
}
