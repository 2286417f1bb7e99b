import Postgres
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `khcn import` driven as a shell script drives it: from a pipe, a FIFO or `<(…)`, with
/// outputs that cannot be written, and with its JSON report read back.
@Suite struct ImportStreamTests {
    /// A file well over the reader's 1 MiB chunk, with one bad row at its end.
    static let rows = 25_000
    static let big: [UInt8] = {
        var text = "tax_code,name,established_on\n"
        for (index, code) in TaxCodeCases.generated(count: rows, from: 310_001_000).enumerated() {
            text += "\(code),Công ty Thử nghiệm Số \(index),01/02/2020\n"
        }
        return Array((text + "101248141,Mất số 0 đầu,01/02/2020\n").utf8)
    }()

    static func sha256(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-sha-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    /// Runs `executable arguments` with `input` written to its standard input from another thread.
    static func run(_ executable: URL, _ arguments: [String], stdin input: [UInt8]?, database: TestDatabase,
                    feeding fifo: String? = nil) throws -> KhcnRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_LANG"] = nil
        environment["KHCN_DATABASE_URL"] = database.conninfo
        process.environment = environment
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // A khcn that stops reading early must fail this test, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            if let fifo, let input, let handle = FileHandle(forWritingAtPath: fifo) {   // blocks until khcn opens it
                try? handle.write(contentsOf: input)
                try? handle.close()
            } else if fifo == nil, let input {
                try? stdin.fileHandleForWriting.write(contentsOf: input)
            }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return KhcnRun(status: process.terminationStatus,
                       stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `body` with a database and a folder of its own, both removed afterwards.
    static func withScratch(_ body: (TestDatabase, URL) throws -> Void) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let folder = try ImportStreamTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(database, folder)
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The whole input is read, the bad last row is found, and the batch's SHA-256 and size
    /// are those of every byte sent.
    static func expectWholeInputImported(_ run: KhcnRun, database: TestDatabase) throws {
        #expect(run.status == 0, "\(run.stderr)")
        let stats = run.object["stats"] as? [String: Any] ?? [:]
        #expect(stats["rows"] as? Int == rows + 1)
        #expect(stats["inserted"] as? Int == rows)
        #expect(stats["rejected"] as? Int == 1)
        #expect((run.object["errors"] as? [[String: Any]])?.first?["line"] as? Int == rows + 2)
        let connection = try database.connect()
        let batch = try connection.query("SELECT sha256, size, (SELECT count(*) FROM enterprise) AS enterprises FROM import_batch").rows
        #expect(batch.map { [$0["sha256"], $0["size"], $0["enterprises"]] } == [[try sha256(big), String(big.count), String(rows)]])
    }

    @Test(arguments: ["-", "/dev/stdin"])
    func standardInputIsReadToItsEnd(name: String) throws {
        try ImportStreamTests.withScratch { database, folder in
            let rejects = folder.appendingPathComponent("loi.csv").path
            let run = try ImportStreamTests.run(try KhcnRun.executable, ["import", "enterprises", name, "--max-errors", "1", "--rejects", rejects, "--json"],
                                                 stdin: ImportStreamTests.big, database: database)
            try ImportStreamTests.expectWholeInputImported(run, database: database)
            // The bad row, read from the pipe after the first mebibyte, comes back as its bytes.
            #expect(try String(contentsOfFile: rejects, encoding: .utf8) == "tax_code,name,established_on\n101248141,Mất số 0 đầu,01/02/2020\n")
            let connection = try database.connect()
            #expect(try connection.query("SELECT file_name FROM import_batch").scalar == "stdin")
        }
    }

    @Test func aFIFOIsReadToItsEnd() throws {
        try ImportStreamTests.withScratch { database, folder in
            let fifo = folder.appendingPathComponent("doanh-nghiep.csv").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let run = try ImportStreamTests.run(try KhcnRun.executable, ["import", "enterprises", fifo, "--max-errors", "1", "--json"],
                                                 stdin: ImportStreamTests.big, database: database, feeding: fifo)
            try ImportStreamTests.expectWholeInputImported(run, database: database)
        }
    }

    @Test func processSubstitutionIsReadToItsEnd() throws {
        try ImportStreamTests.withScratch { database, folder in
            let file = folder.appendingPathComponent("doanh-nghiep.csv").path
            try Data(ImportStreamTests.big).write(to: URL(fileURLWithPath: file))
            let khcn = try KhcnRun.executable.path
            let run = try ImportStreamTests.run(URL(fileURLWithPath: "/bin/bash"),
                                                 ["-c", "'\(khcn)' import enterprises <(cat '\(file)') --max-errors 1 --json"],
                                                 stdin: nil, database: database)
            try ImportStreamTests.expectWholeInputImported(run, database: database)
        }
    }

    /// `- < file`: standard input is a regular file, still read once and kept for the rejects.
    @Test func standardInputRedirectedFromAFileWritesTheRejects() throws {
        try ImportStreamTests.withScratch { database, folder in
            let file = folder.appendingPathComponent("dn.csv").path, rejects = folder.appendingPathComponent("loi.csv").path
            try "MST;Tên doanh nghiệp\r\n0101248141;A\r\n101248141;B\r\n".write(toFile: file, atomically: true, encoding: .utf8)
            let run = try ImportStreamTests.run(URL(fileURLWithPath: "/bin/bash"),
                                                 ["-c", "'\(try KhcnRun.executable.path)' import enterprises - --max-errors 1 --rejects '\(rejects)' --json < '\(file)'"],
                                                 stdin: nil, database: database)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try String(contentsOfFile: rejects, encoding: .utf8) == "MST;Tên doanh nghiệp\r\n101248141;B\r\n")
        }
    }

    /// Contract §6: outputs are opened before anything is written; an unwritable one is 66.
    @Test(arguments: ["--report", "--rejects"])
    func anUnwritableOutputIsExit66WithNothingChanged(flag: String) throws {
        try ImportStreamTests.withScratch { database, folder in
            let file = folder.appendingPathComponent("dn.csv").path
            try "tax_code,name\n0101248141,Công ty A\n".write(toFile: file, atomically: true, encoding: .utf8)
            for target in ["/nonexistent/out.json", folder.path] {
                let run = try KhcnRun.run(["import", "enterprises", file, flag, target, "--max-errors", "1", "--json"], database: database)
                #expect(run.status == 66, "\(flag) \(target): \(run.stderr)")
                #expect(run.errorObject["type"] as? String == "file-error")
                #expect(run.stderr.contains(target))
            }
            let connection = try database.connect()
            #expect(try connection.query("SELECT (SELECT count(*) FROM enterprise) + (SELECT count(*) FROM import_batch) + (SELECT count(*) FROM audit_log)").scalar == "0")
            // Both written when they can be.
            let report = folder.appendingPathComponent("r.json").path, rejects = folder.appendingPathComponent("r.csv").path
            #expect(try KhcnRun.run(["import", "enterprises", file, "--report", report, "--rejects", rejects], database: database).status == 0)
            #expect(FileManager.default.fileExists(atPath: report) && FileManager.default.fileExists(atPath: rejects))
        }
    }

    /// Contract §3: a dry run within --max-errors exits 0, as the import does.
    @Test func aDryRunWithinMaxErrorsExitsLikeTheImport() throws {
        try ImportStreamTests.withScratch { database, folder in
            let file = folder.appendingPathComponent("dn.csv").path
            try "tax_code,name\n0101248141,A\n101248141,B\n".write(toFile: file, atomically: true, encoding: .utf8)
            let dry = try KhcnRun.run(["import", "enterprises", file, "--dry-run", "--max-errors", "1", "--json"], database: database)
            #expect(dry.status == 0, "\(dry.stdout)")
            #expect(dry.object["valid"] as? Bool == false && dry.object["batch"] is NSNull)
            let english = try KhcnRun.run(["import", "enterprises", file, "--dry-run", "--max-errors", "1", "--lang", "en"], database: database)
            #expect(english.status == 0 && english.stdout.contains("the good rows would be loaded"))
            let real = try KhcnRun.run(["import", "enterprises", file, "--max-errors", "1", "--json"], database: database)
            #expect(real.status == dry.status)
        }
    }

    /// Contract §6: the report lists at most 1,000 errors and says how many it left out.
    @Test func aReportCutAtAThousandErrorsSaysHowManyWereLeftOut() throws {
        try ImportStreamTests.withScratch { database, folder in
            let file = folder.appendingPathComponent("dn.csv").path
            let report = folder.appendingPathComponent("r.json").path
            try ("tax_code,name\n" + String(repeating: "123,Sai\n", count: 1_003)).write(toFile: file, atomically: true, encoding: .utf8)
            let run = try KhcnRun.run(["import", "enterprises", file, "--json", "--report", report], database: database)
            #expect(run.status == 65)
            #expect((run.object["errors"] as? [Any])?.count == 1_000)
            #expect(run.object["errors_omitted"] as? Int == 3)
            let written = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
            #expect(written?["errors_omitted"] as? Int == 3)
            let clean = try KhcnRun.run(["import", "enterprises", file, "--dry-run", "--json", "--max-errors", "2000"], database: database)
            #expect(clean.object["errors_omitted"] as? Int == 3 && clean.status == 0)
        }
    }
}
