import Foundation
import Postgres
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server going away in the middle of an import is exit 69 with a message that says the
/// import was not applied (issue 10, item 5), not a bug (exit 1). The shared test server stays
/// up: the importing backend is ended with `pg_terminate_backend`, which is what a fast
/// shutdown does to every backend (SQLSTATE 57P01).
@Suite(.serialized) struct LostConnectionTests {
    /// Starts the import, waits until its backend runs a statement matching `phase` (a LIKE
    /// pattern), ends that backend, and returns the CLI's exit status and JSON error.
    /// `first`: only the backend that connected first (the import's own, not the second
    /// connection that builds search indexes beside it).
    func importTerminated(during phase: String, database: TestDatabase, file: String, first: Bool = false) throws -> (Int32, [String: Any]) {
        let process = Process()
        process.executableURL = try KhcnRun.executable
        process.arguments = ["import", "enterprises", file, "--json", "--lang", "en"]
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_DATABASE_URL"] = database.conninfo
        environment["KHCN_LANG"] = nil
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watcher = try database.connect()
        var ended = false
        let deadline = Date().addingTimeInterval(300)   // parsing 300,000 rows is slow on a busy machine
        while !ended && process.isRunning && Date() < deadline {
            usleep(20_000)
            ended = try watcher.query(
                """
                SELECT count(*) > 0 FROM (
                  SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                   WHERE datname = current_database() AND pid <> pg_backend_pid()
                     AND state = 'active' AND query LIKE \(phase)
                     AND (NOT \(first) OR backend_start = (SELECT min(backend_start) FROM pg_stat_activity
                                                          WHERE datname = current_database() AND pid <> pg_backend_pid()))) t
                """).scalar == "t"
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(ended, "the import never reached \(phase)")
        let json = (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any] ?? [:]
        return (process.terminationStatus, json["error"] as? [String: Any] ?? [:])
    }

    /// The staging COPY, and the write: the MERGE of a file joined to the table (an INSERT where
    /// the server counts no rows; both say `INTO enterprise`).
    @Test(arguments: ["COPY%", "%INTO enterprise%"])
    func terminatedImportIsUnavailableAndNotApplied(phase: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let database = scratch.database
        #expect(try scratch.importOneEnterprise() == 0)

        let (status, error) = try importTerminated(during: phase, database: database, file: try scratch.bigEnterpriseFile(from: 301_234_567))
        #expect(status == 69)
        #expect(error["type"] as? String == "database-unavailable")
        let message = error["message"] as? String ?? ""
        #expect(message.contains("NOT applied"), "\(message)")
        #expect((error["sqlstate"] as? String) != "", "an empty SQLSTATE says nothing")

        let state = try database.connect().query(
            "SELECT (SELECT count(*) FROM enterprise), (SELECT count(*) FROM import_batch), (SELECT count(*) FROM audit_log)").rows[0]
        #expect(state.values == ["1", "1", "1"], "nothing of the terminated import is committed")
    }

    /// The import's backend ended while it builds the search indexes its first load set aside,
    /// after the commit: exit 69 saying the batch is recorded in full, and it is; the next
    /// import of the table builds what was left set aside (issue 15).
    @Test func aFirstLoadEndedWhileBuildingItsIndexesIsKeptAndSaysSo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let database = scratch.database
        let (status, error) = try importTerminated(during: "%khcn_rebuild_search_indexes%", database: database,
                                                   file: try scratch.bigEnterpriseFile(from: 301_234_567), first: true)
        #expect(status == 69)
        #expect(error["type"] as? String == "indexes-not-built")
        #expect((error["message"] as? String ?? "").contains("recorded in full"), "\(error)")
        let watcher = try database.connect()
        #expect(try watcher.query("SELECT (SELECT count(*) FROM enterprise), (SELECT count(*) FROM import_batch)").rows[0].values == ["300000", "1"])
        #expect(try watcher.query("SELECT count(*) FROM khcn_deferred_index").scalar != "0")
        #expect(try scratch.importOneEnterprise() == 0)
        #expect(try watcher.query("SELECT count(*) FROM khcn_deferred_index").scalar == "0")
        #expect(try watcher.query("SELECT count(*) FROM pg_indexes WHERE tablename = 'enterprise'").scalar == "3")
    }
}
