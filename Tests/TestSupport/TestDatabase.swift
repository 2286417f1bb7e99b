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

    /// A database as the numbered files 0001…`version` before the baseline left it (SQL/0035_baseline/
    /// replaces.txt): the schema is the baseline's (and, for 35, the same), the bookkeeping the old
    /// one — rows under the old names and checksums, no khcn_definitions.
    public static func create(oldChainThrough version: Int) throws -> TestDatabase {
        let database = try create()
        let connection = try database.connect()
        let listing = try String(contentsOf: try Migrator.locateDirectory().appendingPathComponent("0035_baseline/replaces.txt"), encoding: .utf8)
        // Numbered files after the baseline were applied by the new layout: their rows stay for a
        // database of the whole old chain, and go for one stopped before its end.
        try connection.query("DELETE FROM khcn_migrations WHERE version <= 35 OR \(version) < 35")
        try connection.query("DROP TABLE khcn_definitions")
        for line in listing.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ").map(String.init)
            guard let number = Int(fields[0].prefix(4)), number <= version else { continue }
            try connection.query("INSERT INTO khcn_migrations (version, name, checksum) VALUES (\(number), \(fields[0]), \(fields[1]))")
        }
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
