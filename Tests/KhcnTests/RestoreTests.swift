import Foundation
import Postgres
import TestSupport
import Testing

/// `Scripts/db backup` and `restore` (contract §11), run against the test's own database on
/// the throwaway cluster of `Scripts/test` (KHCN_DB_CLUSTER, KHCN_DB_PORT, KHCN_DB_NAME).
@Suite struct RestoreTests {
    struct ScriptRun {
        let status: Int32
        let stderr: String
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func db(_ arguments: [String], database: TestDatabase) throws -> ScriptRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Scripts/db").path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_DB_NAME"] = database.name
        environment["KHCN_DB_PORT"] = environment["PGPORT"] ?? "5433"
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return ScriptRun(status: process.terminationStatus, stderr: stderr)
    }

    /// What the restore must bring back: the rows, and the owner the migrations would set.
    static func state(_ database: TestDatabase) throws -> [String?] {
        let connection = try database.connect()
        return try connection.query("""
            SELECT (SELECT string_agg(tax_code || ' ' || name, ', ' ORDER BY tax_code) FROM enterprise),
                   (SELECT count(*) FROM import_batch)::text,
                   (SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'restore_probe')
            """).rows[0].values
    }

    @Test func aBadArchiveChangesNothingAndAGoodOneRestoresWithOwners() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)

        do {
            let connection = try database.connect()
            // The owner role of issue 8; a SECURITY DEFINER function must stay owned by it.
            try connection.execute(script: """
                DO $$ BEGIN CREATE ROLE khcn_owner NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
                CREATE FUNCTION restore_probe() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';
                ALTER FUNCTION restore_probe() OWNER TO khcn_owner;
                """)
        }
        let small = folder.appendingPathComponent("small.csv").path
        try "tax_code,name\n0101248141,Công ty A\n".write(toFile: small, atomically: true, encoding: .utf8)
        #expect(try KhcnRun.run(["import", "enterprises", small], database: database).status == 0)
        let before = try RestoreTests.state(database)
        #expect(before == ["0101248141 Công ty A", "1", "khcn_owner"])

        let dump = folder.appendingPathComponent("registry.dump").path
        let backup = try RestoreTests.db(["backup", dump], database: database)
        #expect(backup.status == 0, "\(backup.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: dump)[.posixPermissions] as? Int
        #expect(mode == 0o600, "a backup holds the whole registry: owner-only")
        let size = try FileManager.default.attributesOfItem(atPath: dump)[.size] as? Int ?? 0
        #expect(try RestoreTests.db(["backup", dump], database: database).status != 0, "an existing backup is never overwritten")
        #expect((try FileManager.default.attributesOfItem(atPath: dump)[.size] as? Int) == size)

        // Garbage, a truncated copy, and a copy cut inside the table of contents: each refused,
        // the database exactly as it was.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dump))
        let bad: [(String, Data)] = [
            ("garbage.dump", Data("this is not a dump\n".utf8) + Data(repeating: 0x41, count: 4096)),
            ("truncated.dump", bytes.prefix(bytes.count * 3 / 4)),
            ("header-only.dump", bytes.prefix(200)),
        ]
        _ = try KhcnRun.run(["import", "enterprises", small], database: database)   // a second batch: state differs from the dump
        let changed = try RestoreTests.state(database)
        for (name, content) in bad {
            let path = folder.appendingPathComponent(name).path
            try content.write(to: URL(fileURLWithPath: path))
            let run = try RestoreTests.db(["restore", path], database: database)
            #expect(run.status != 0, "\(name) was accepted")
            #expect(run.stderr.contains("Nothing was changed"), "\(run.stderr)")
            #expect(try RestoreTests.state(database) == changed, "\(name) changed the database")
        }

        let restore = try RestoreTests.db(["restore", dump], database: database)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try RestoreTests.state(database) == before)
        let admin = try Connection("dbname=postgres")
        let leftovers = try admin.query(
            "SELECT count(*) FROM pg_database WHERE datname LIKE \(database.name + "\\_%")").scalar
        #expect(leftovers == "0", "no restore or old database left behind")
    }
}
