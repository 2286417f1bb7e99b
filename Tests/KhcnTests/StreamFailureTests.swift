import Foundation
import Postgres
import TestSupport
import Testing

/// A `--json` list streams (contract §8), so a failure half-way comes after part of the
/// document. Contract §2: a failure prints its error object on stdout; it comes on a line of
/// its own after the cut list, so stdout as a whole does not parse (no script takes a cut
/// list for a whole one), and the exit code is the error's (§3).
@Suite struct StreamFailureTests {
    @Test func aListCutHalfWayEndsWithItsErrorObjectOnALineOfItsOwn() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try Self.loadEnterprises(into: database)

        // Stdout is read only a little at first: khcn blocks on a full pipe with its rows half-read.
        let process = Process()
        process.executableURL = try KhcnRun.executable
        process.arguments = ["enterprise", "list", "--limit", "6000", "--json"]
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_LANG"] = nil
        environment["KHCN_DATABASE_URL"] = database.conninfo
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first bytes of the list: the rows are coming (the query has sorted them).
        let first = out.fileHandleForReading.availableData
        let superuser = try database.connect()
        var terminated = false
        for _ in 0..<200 where !terminated {
            terminated = try superuser.query("""
                SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%ORDER BY name%'
                """).first?.decode("n", as: Int.self) ?? 0 > 0
            if !terminated { usleep(50_000) }
        }
        #expect(terminated)
        let stdout = String(decoding: first + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(stdout.hasPrefix("[\n  {"))
        #expect((try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) == nil, "a cut list must not parse as a whole one")
        // The error object starts a line of its own and runs to the end.
        let start = try #require(stdout.range(of: "\n{\n  \"error\": {", options: .backwards))
        let error = try JSONSerialization.jsonObject(with: Data(stdout[start.lowerBound...].utf8)) as? [String: Any]
        #expect((error?["error"] as? [String: Any])?["type"] as? String == "database-unavailable", "\(stdout.suffix(400))")
        #expect(stderr.contains("Lỗi"), "\(stderr.prefix(400))")
    }

    /// 5,000 enterprises: about 2 MB of JSON, far more than a pipe and a socket buffer hold.
    static func loadEnterprises(into database: TestDatabase) throws {
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("enterprises.csv")
        try ("tax_code,name,established_on,address\n" + TaxCodeCases.generated(count: 5_000, from: 101_248_000).enumerated().map {
            "\($0.element),Công ty Cổ phần Chè Shan tuyết Na Hang số \($0.offset),2019-05-01,Thôn Bản Tát xã Thượng Lâm tỉnh Tuyên Quang\n"
        }.joined()).write(to: file, atomically: true, encoding: .utf8)
        let imported = try KhcnRun.run(["import", "enterprises", file.path, "--json"], database: database)
        #expect(imported.status == 0, "\(imported.stdout.prefix(600)) \(imported.stderr.prefix(600))")
    }

    /// Nothing lost: output that could not be written (a full disk: /dev/full) is never an
    /// exit 0, whether it went out in pieces while streaming or at the last flush.
    @Test func outputThatCannotBeWrittenIsNotASuccess() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try Self.loadEnterprises(into: database)
        for arguments in [["enterprise", "list", "--limit", "6000", "--json"], ["enterprise", "list", "--limit", "6000"],
                          ["ip", "list", "--json"], ["province", "list", "--json"], ["enterprise", "show", TaxCodeCases.generated(count: 1, from: 101_248_000)[0]]] {
            let process = Process()
            process.executableURL = try KhcnRun.executable
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["KHCN_LANG"] = nil
            environment["KHCN_DATABASE_URL"] = database.conninfo
            process.environment = environment
            let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
            let err = Pipe()
            process.standardOutput = full
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 66, "\(arguments): \(stderr.prefix(300))")
            #expect(stderr.contains("kết quả bị cắt"), "\(arguments): \(stderr.prefix(300))")
        }
    }
}
