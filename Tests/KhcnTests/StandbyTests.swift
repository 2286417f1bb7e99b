import Foundation
import Postgres
import Testing

/// `Scripts/db standby` and `failover` (contract §11), on a pair of clusters of the test's own
/// (not the throwaway cluster of `Scripts/test`: promotion and retirement would break it).
/// Every cluster it starts is stopped and its folders removed, even when the test fails.
@Suite struct StandbyTests {
    struct ScriptRun {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// One primary (port) and its standby (port + 1), named for this test.
    struct Pair {
        let name: String
        let port: Int

        /// Named `prefix` + this process + a random tail; the primary's port is one of `slots`
        /// even ports from `firstPort`, away from `Scripts/test`'s 55000–55999 and from the
        /// other suites that start clusters of their own.
        init(prefix: String = "sb", firstPort: Int = 58_200, slots: Int32 = 300) {
            name = "\(prefix)\(getpid())" + UUID().uuidString.prefix(6).lowercased()
            port = firstPort + Int(getpid() % slots) * 2
        }

        func db(_ arguments: [String]) throws -> ScriptRun {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [RestoreTests.root.appendingPathComponent("Scripts/db").path] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["KHCN_DB_CLUSTER"] = name
            environment["KHCN_DB_PORT"] = String(port)
            environment["KHCN_DB_NAME"] = "khcn"
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            // Reaped here: Foundation's waitUntilExit() was seen to miss the exit of a script
            // that left a server running in the background (the child stayed a zombie).
            var raw: Int32 = 0
            let status: Int32
            if waitpid(process.processIdentifier, &raw, 0) == process.processIdentifier {
                status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
            } else {
                process.waitUntilExit()
                status = process.terminationStatus
            }
            return ScriptRun(status: status,
                             stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
        }

        /// `Scripts/db start` for the primary, with the data folder and socket it names (nil
        /// when it did not start): what `tearDown` removes.
        func startPrimary() throws -> (run: ScriptRun, data: String?, socket: String?) {
            let start = try db(["start"])
            return (start, field("data", in: start.stderr), field("socket", in: start.stderr))
        }

        /// `Scripts/db status` names the data folder and the socket.
        func field(_ label: String, in text: String) -> String? {
            guard let range = text.range(of: "\(label) ") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "," && $0 != ")" && $0 != "\n" })
        }

        /// Stops both clusters and removes their folders (best effort).
        func tearDown(data: String?, socket: String?) {
            _ = try? db(["stop"])
            for base in [data, socket].compactMap({ $0 }) {
                try? FileManager.default.removeItem(atPath: base)
                try? FileManager.default.removeItem(atPath: base + "-standby")
            }
        }

        /// The superuser over a node's socket (peer), for checks the CLI does not make.
        func count(socket: String, port: Int, _ sql: String) throws -> String? {
            let connection = try Connection("host=\(socket) port=\(port) dbname=khcn user=postgres")
            return try connection.query(Query(sql: sql)).scalar
        }
    }

    @Test func aCommittedImportIsOnTheStandbyAndWritesGoOnAfterFailover() throws {
        let pair = Pair()
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (start, data, socket) = try pair.startPrimary()
        defer { pair.tearDown(data: data, socket: socket) }
        try #require(start.status == 0, "\(start.stderr)")
        let primary = try #require(socket), p1 = pair.port, p2 = pair.port + 1

        // The superuser gets a password for TCP (SCRAM; no `trust` anywhere), kept in a 0600 pgpass.
        let password = UUID().uuidString
        _ = try Connection("host=\(primary) port=\(p1) dbname=khcn user=postgres")
            .query("ALTER ROLE postgres PASSWORD '\(sql: password)'")
        let pgpass = folder.appendingPathComponent("pgpass").path
        FileManager.default.createFile(atPath: pgpass, contents: Data("127.0.0.1:*:*:postgres:\(password)\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let environment = ["PGPASSFILE": pgpass]
        let direct = "postgresql://postgres@127.0.0.1:\(p1)/khcn"
        let multiHost = "postgresql://postgres@127.0.0.1:\(p1),127.0.0.1:\(p2)/khcn?target_session_attrs=read-write"
        let migrate = try KhcnRun.run(["db", "migrate", "--database-url", direct], environment: environment)
        try #require(migrate.status == 0, "\(migrate.stderr)")

        let standby = try pair.db(["standby", "start"])
        try #require(standby.status == 0, "\(standby.stderr)")
        let status = try pair.db(["standby", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("streaming") && status.stdout.contains("replay_lag"), "\(status.stdout)")

        // remote_apply: once the import is acknowledged, the standby already shows it.
        let first = folder.appendingPathComponent("first.csv").path
        try "tax_code,name\n0101248141,Công ty A\n".write(toFile: first, atomically: true, encoding: .utf8)
        let imported = try KhcnRun.run(["import", "enterprises", first, "--database-url", multiHost], environment: environment)
        try #require(imported.status == 0, "\(imported.stderr)")
        let onStandby = try pair.count(socket: primary + "-standby", port: p2,
                                       "SELECT count(*) || ' ' || pg_is_in_recovery() FROM enterprise WHERE tax_code = '0101248141'")
        #expect(onStandby == "1 true")

        let failover = try pair.db(["failover"])
        try #require(failover.status == 0, "\(failover.stderr)")
        // The same multi-host URL now finds the promoted standby for writes.
        let second = folder.appendingPathComponent("second.csv").path
        try "tax_code,name\n0100109106,Công ty B\n".write(toFile: second, atomically: true, encoding: .utf8)
        let after = try KhcnRun.run(["import", "enterprises", second, "--database-url", multiHost], environment: environment)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try pair.count(socket: primary + "-standby", port: p2, "SELECT count(*) FROM enterprise") == "2")

        // The old primary is never started as a primary again.
        let restart = try pair.db(["start"])
        #expect(restart.status != 0)
        #expect(restart.stderr.contains("retired") && restart.stderr.contains("standby rebuild"), "\(restart.stderr)")
        #expect(throws: (any Error).self) { try pair.count(socket: primary, port: p1, "SELECT 1") }

        // … but `standby rebuild` makes it the new standby, with everything acknowledged so far.
        let rebuild = try pair.db(["standby", "rebuild"])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(try pair.count(socket: primary, port: p1, "SELECT count(*) || ' ' || pg_is_in_recovery() FROM enterprise") == "2 true")
    }
}
