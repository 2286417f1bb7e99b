import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// SQL/ as a baseline, numbered migrations and definitions applied again when they change
/// (Migrator, README "Migrations"; issue 13: one home per definition).
@Suite struct MigrationLayoutTests {
    /// A copy of SQL/ that a test may edit.
    static func copyOfSQL() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-sql-" + UUID().uuidString)
        try FileManager.default.copyItem(at: try Migrator.locateDirectory(), to: copy)
        return copy
    }

    /// A migrated database and a copy of SQL/ the test may edit, both removed afterwards.
    static func withMigratedCopy(_ body: (TestDatabase, URL) throws -> Void) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let sql = try copyOfSQL()
        defer { try? FileManager.default.removeItem(at: sql) }
        try body(database, sql)
    }

    static func edit(_ file: URL, replacing old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    /// A database the numbered files 0001–0035 migrated has the baseline: nothing pending, nothing
    /// edited (the later numbered files it has applied keep their rows); `db migrate` then applies
    /// the definitions only, once.
    @Test func aDatabaseOfTheOldChainHoldsTheBaselineAndTakesTheDefinitionsOnly() throws {
        let database = try TestDatabase.create(oldChainThrough: 35)
        defer { database.drop() }
        let connection = try database.connect()
        let migrator = try Migrator(connection: connection, directory: try Migrator.locateDirectory())
        let before = try migrator.status()
        #expect(before.pending.map(\.name) == [])
        #expect(before.edited.map(\.name) == [])
        #expect(before.current == migrator.migrations.map(\.version).max())
        #expect(before.applied.filter { $0.version <= 35 }.count == 32)
        #expect(!before.definitionsPending.isEmpty)
        let applied = try migrator.migrate()
        #expect(applied.allSatisfy { $0.kind == .definitions })
        #expect(applied.map(\.name) == before.definitionsPending.map(\.name))
        let after = try migrator.status()
        #expect(after.pending.isEmpty && after.edited.isEmpty && after.definitionsPending.isEmpty)
        #expect(after.current == before.current)
        #expect(try migrator.migrate().isEmpty)
        // Still owned by the owner role, definer functions still pinned (khcn_claim_ownership).
        #expect(try connection.query("""
            SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND proowner <> 'khcn_owner'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = pg_proc.oid AND d.deptype = 'e')
            """).scalar == "0")
    }

    /// An old chain's row under another checksum than replaces.txt says is an edit of that file.
    @Test func anOldFileRecordedWithAnotherChecksumIsEdited() throws {
        let database = try TestDatabase.create(oldChainThrough: 35)
        defer { database.drop() }
        let connection = try database.connect()
        try connection.query("UPDATE khcn_migrations SET checksum = 'edited' WHERE version = 14")
        let migrator = try Migrator(connection: connection, directory: try Migrator.locateDirectory())
        #expect(try migrator.status().edited.map(\.name) == ["0014_provinces_and_text.sql"])
        let error = try #require(throws: RegistryError.self) { try migrator.migrate() }
        #expect(error.type == "migration-edited")
        #expect(error.value == "0014_provinces_and_text.sql")
    }

    /// A changed definitions file is applied again and changes the function; the others are not.
    @Test func anEditedDefinitionIsAppliedAgainAndOnlyIt() throws {
        try MigrationLayoutTests.withMigratedCopy { database, sql in
            let connection = try database.connect()
            func stamps() throws -> [String: String] {
                var found: [String: String] = [:]
                for row in try connection.query("SELECT name, applied_at::text AS at FROM khcn_definitions").rows {
                    found[try row.decode("name", as: String.self)] = try row.decode("at", as: String.self)
                }
                return found
            }
            let before = try stamps()
            try MigrationLayoutTests.edit(sql.appendingPathComponent("definitions/01_foundation.sql"),
                                          replacing: "RETURN (d + make_interval(months => months))::date;",
                                          with: "RETURN (d + make_interval(months => months + 0))::date;")
            let migrator = try Migrator(connection: connection, directory: sql)
            #expect(try migrator.status().definitionsPending.map(\.name) == ["definitions/01_foundation.sql"])
            #expect(try migrator.migrate().map(\.name) == ["definitions/01_foundation.sql"])
            let body = try connection.query("SELECT pg_get_functiondef('khcn_add_months(date, integer)'::regprocedure) AS body").scalar
            #expect(body?.contains("months + 0") == true)
            var after = try stamps()
            #expect(after.count == before.count)
            #expect(after["definitions/01_foundation.sql"] != before["definitions/01_foundation.sql"])
            var unchanged = before
            unchanged["definitions/01_foundation.sql"] = nil
            after["definitions/01_foundation.sql"] = nil
            #expect(after == unchanged)
            #expect(try migrator.status().definitionsPending.isEmpty)
        }
    }

    /// The baseline is a versioned migration like any other: once applied, never edited.
    @Test func anEditedBaselineIsRefused() throws {
        try MigrationLayoutTests.withMigratedCopy { database, sql in
            try MigrationLayoutTests.edit(sql.appendingPathComponent("0035_baseline/06_funds.sql"),
                                          replacing: "CHECK (capital >= 0)", with: "CHECK (capital >= 1)")
            let migrator = try Migrator(connection: try database.connect(), directory: sql)
            #expect(try migrator.status().edited.map(\.name) == ["0035_baseline"])
            let error = try #require(throws: RegistryError.self) { try migrator.migrate() }
            #expect(error.type == "migration-edited")
        }
    }

    /// A numbered file after the baseline is applied as before, once, before the definitions.
    @Test func aLaterNumberedMigrationIsAppliedOnce() throws {
        try MigrationLayoutTests.withMigratedCopy { database, sql in
            let next = try Migrator(connection: try database.connect(), directory: sql).migrations.map(\.version).max()! + 1
            let name = String(format: "%04d_note.sql", next)
            try "ALTER TABLE province ADD COLUMN note text;\n".write(to: sql.appendingPathComponent(name), atomically: true, encoding: .utf8)
            let migrator = try Migrator(connection: try database.connect(), directory: sql)
            #expect(try migrator.status().pending.map(\.name) == [name])
            #expect(try migrator.migrate().map(\.name) == [name])
            #expect(try migrator.status().current == next)
            #expect(try migrator.migrate().isEmpty)
        }
    }
}
