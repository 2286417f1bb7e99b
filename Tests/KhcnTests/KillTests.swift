import Postgres
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct KillTests {
    /// The n-th valid 10-digit tax code after `start` (check digit 10 − Σ w·d mod 11).
    static func taxCodes(count: Int, from start: Int) -> [String] {
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
        var codes: [String] = []
        var base = start
        while codes.count < count {
            let digits = String(base).map { $0.wholeNumberValue! }
            let remainder = zip(digits, weights).map(*).reduce(0, +) % 11
            if remainder != 0 { codes.append(String(base) + String(10 - remainder)) }
            base += 1
        }
        return codes
    }

    /// `kill -9` in the middle of an import leaves the database exactly as before: nothing is
    /// committed until the end.
    @Test func killedImportLeavesTheDatabaseAsItWas() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = folder.appendingPathComponent("small.csv").path
        try "tax_code,name\n0101248141,Công ty A\n".write(toFile: small, atomically: true, encoding: .utf8)
        #expect(try KhcnRun.run(["import", "enterprises", small], database: database).status == 0)

        var text = "tax_code,name,established_on,address,commune_code\n"
        for (index, code) in KillTests.taxCodes(count: 300_000, from: 200_000_000).enumerated() {
            text += "\(code),Công ty Thử nghiệm Số \(index),01/02/2020,\"Số \(index), phường Minh Xuân\",02242\n"
        }
        let big = folder.appendingPathComponent("big.csv").path
        try text.write(toFile: big, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try KhcnRun.executable
        process.arguments = ["import", "enterprises", big]
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_DATABASE_URL"] = database.conninfo
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the server is loading (staging or upserting), then kill the client hard.
        let watcher = try database.connect()
        var busy = false
        for _ in 0..<200 where !busy {
            usleep(50_000)
            busy = try watcher.query(
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND (query LIKE 'COPY%' OR query LIKE '%INSERT%')").scalar == "t"
        }
        #expect(busy, "the import never reached the server")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // The server notices the lost client and rolls back.
        var settled = false
        for _ in 0..<200 where !settled {
            usleep(50_000)
            settled = try watcher.query(
                "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").scalar == "t"
        }
        #expect(settled)
        let state = try watcher.query(
            "SELECT (SELECT count(*) FROM enterprise), (SELECT count(*) FROM import_batch), (SELECT count(*) FROM audit_log)").rows[0]
        #expect(state.values == ["1", "1", "1"])
        #expect(try watcher.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'enterprise_name_search'").scalar == "1")
    }
}
