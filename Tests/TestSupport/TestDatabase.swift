import Foundation
import Postgres
import Registry

/// A database of its own for one test or suite, on the server that `Scripts/test` started
/// (found through libpq's environment: PGHOST, PGPORT, PGUSER). Creating it FAILS when no
/// server is reachable, so a broken set-up never passes as green.
public struct TestDatabase: Sendable {
    public let name: String

    /// libpq connection string for this database (the rest comes from the environment).
    public var conninfo: String { "dbname=\(name)" }

    /// Creates an empty database; `migrated` applies every file in SQL/.
    public static func create(migrated: Bool = true) throws -> TestDatabase {
        let name = "khcn_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let admin = try Connection("dbname=postgres")
        try admin.query("CREATE DATABASE \(sql: name)")
        let database = TestDatabase(name: name)
        if migrated {
            let connection = try database.connect()
            _ = try Migrator(connection: connection, directory: try Migrator.locateDirectory()).migrate()
        }
        return database
    }

    /// A database migrated up to and including `version` only, as a registry installed before
    /// a later migration would be (for testing what that migration does to existing rows).
    public static func create(migratedThrough version: Int) throws -> TestDatabase {
        let database = try create(migrated: false)
        let source = try Migrator.locateDirectory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-sql-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where name == "roles.sql" || (name.hasSuffix(".sql") && (Int(name.prefix { $0.isNumber }) ?? .max) <= version) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        _ = try Migrator(connection: try database.connect(), directory: folder).migrate()
        return database
    }

    public func connect() throws -> Connection { try Connection(conninfo) }

    /// Drops the database (best effort: a failing test should still report its own failure).
    /// Logins are cluster-wide: those made for this database go with it.
    public func drop() {
        let logins = (try? connect().query("SELECT login FROM khcn_user").rows.compactMap { $0["login"] }) ?? []
        guard let admin = try? Connection("dbname=postgres") else { return }
        _ = try? admin.query("DROP DATABASE IF EXISTS \(sql: name) WITH (FORCE)")
        for login in logins {
            _ = try? admin.query("DROP ROLE IF EXISTS \"\(sql: login)\"")
            // The login's pgpass file (TestLogin.passfile) holds its password: it goes with it.
            try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("khcn-pgpass-\(login)"))
        }
    }
}
