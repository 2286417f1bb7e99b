import Foundation
import TestSupport
import Testing

/// Issue 12, "commands that mislead": import errors in line order and within 100 columns, the
/// import's phases on a terminal, and lists that name the enterprise and give their total.
@Suite struct ClerkOutputTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func importErrorsAreListedByLineWithinAHundredColumns() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Line 2's problem is found by the registry check, after line 3's parse errors.
        let file = folder.appendingPathComponent("gcn.csv").path
        try """
            tax_code,certificate_number,issued_on,issuer,basis
            0101248141,01/GCN,2024-06-10,Sở KH&CN,13/2019/NĐ-CP
            0101248142,02/GCN,31/02/2024,Sở,13/2019
            0100109106,03/GCN,2024-06-10,Sở KH&CN Tuyên Quang,268/2025/NĐ-CP

            """.write(toFile: file, atomically: true, encoding: .utf8)

        let human = try KhcnRun.run(["import", "certificates", file], database: database)
        #expect(human.status == 65)
        let lines = human.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        let numbered = lines.compactMap { line in
            Int(line.prefix(4).trimmingCharacters(in: .whitespaces)).map { ($0, line) }
        }.filter { $0.1.contains("-error") }
        #expect(numbered.map(\.0) == [2, 3, 3, 4], "\(human.stdout)")
        // The "what to fix" text is wrapped under its own column, not cut.
        #expect(lines.contains { $0.hasSuffix("đăng ký; hãy nhập doanh nghiệp trước.") && $0.hasPrefix("     ") }, "\(human.stdout)")

        let json = try KhcnRun.run(["import", "certificates", file, "--json"], database: database)
        let errorLines = (json.object["errors"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
        #expect(errorLines == [2, 3, 3, 4])
    }

    /// Runs `khcn` with stderr on a pseudo-terminal (util-linux `script`), as a clerk sees it:
    /// the terminal's output, stdout and stderr together.
    static func onTerminal(_ arguments: [String], database: TestDatabase) throws -> String {
        let command = ([try KhcnRun.executable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_LANG"] = nil
        environment["KHCN_DATABASE_URL"] = database.conninfo
        environment["KHCN_PROGRESS_DELAY"] = "0"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func importShowsItsPhasesOnATerminalAndNothingElsewhere() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("dn.csv").path
        try "tax_code,name\n0100109106,Công ty Tân Trào\n0101248141,Công ty Minh Xuân\n".write(toFile: file, atomically: true, encoding: .utf8)

        let dryRun = try Self.onTerminal(["import", "enterprises", file, "--dry-run"], database: database)
        #expect(dryRun.contains("Đang kiểm tra — đọc tệp") && dryRun.contains("Đang kiểm tra — kiểm tra với sổ đăng ký"), "\(dryRun)")
        #expect(dryRun.contains("Đang kiểm tra — thử ghi (sẽ hoàn tác)"), "\(dryRun)")
        #expect(!dryRun.contains("Đang nhập"), "\(dryRun)")
        #expect(dryRun.range(of: #"Đọc \d+,\d s · Kiểm tra \d+,\d s · Thử ghi \d+,\d s"#, options: .regularExpression) != nil, "\(dryRun)")

        let real = try Self.onTerminal(["import", "enterprises", file], database: database)
        #expect(real.contains("Đang nhập — đọc tệp") && real.contains("Đang nhập — ghi vào sổ đăng ký"), "\(real)")
        #expect(real.range(of: #"Đọc \d+,\d s · Kiểm tra \d+,\d s · Ghi \d+,\d s"#, options: .regularExpression) != nil, "\(real)")
        #expect(real.contains("Đã ghi lô nhập số 1."))

        let english = try Self.onTerminal(["import", "enterprises", file, "--dry-run", "--lang", "en"], database: database)
        #expect(english.contains("Checking — reading the file") && english.contains("Trial write"), "\(english)")

        // stderr a pipe: no bar, no timings, no control characters.
        let piped = try KhcnRun.run(["import", "enterprises", file], database: database, environment: ["KHCN_PROGRESS_DELAY": "0"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "\(piped.stderr.debugDescription)")
        #expect(!piped.stdout.contains("\u{1B}") && !piped.stdout.contains("\r"))
    }
}
