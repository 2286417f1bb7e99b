import Postgres
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct KillTests {
    /// `kill -9` in the middle of an import leaves the database exactly as before: nothing is
    /// committed until the end.
    @Test func killedImportLeavesTheDatabaseAsItWas() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let database = scratch.database
        #expect(try scratch.importOneEnterprise() == 0)
        let big = try scratch.bigEnterpriseFile(from: 200_000_000)

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
        #expect(try watcher.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'enterprise_name_trigrams'").scalar == "1")
    }
}
