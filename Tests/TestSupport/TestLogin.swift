import Foundation
import Postgres
import Registry

/// A personal login made with `khcn_user_add` for one test database, reached the way a clerk
/// reaches the server: over 127.0.0.1 with SCRAM, never as the superuser (contract §9).
public struct TestLogin: Sendable {
    public let login: String
    public let fullName: String
    public let role: Role
    let password: String
    public let database: TestDatabase

    static var port: String { ProcessInfo.processInfo.environment["PGPORT"] ?? "5432" }

    /// libpq conninfo with the password, for this process only (never printed).
    public var conninfo: String {
        "host=127.0.0.1 port=\(TestLogin.port) dbname=\(database.name) user=\(login) password=\(password) sslmode=disable"
    }

    /// A URL without the password, for the CLI: the password comes from `passfile()`.
    public var url: String { "postgresql://\(login)@127.0.0.1:\(TestLogin.port)/\(database.name)?sslmode=disable" }

    public func connect() throws -> Connection { try Connection(conninfo) }

    /// `province` as a test writes it (`"01"`); a typo crashes, which is what a test wants.
    public func session(province: String? = nil, today: CivilDate? = nil) throws -> RegistrySession {
        try RegistrySession(connection: try connect(), province: province.map { ProvinceCode($0)! }, today: today)
    }

    /// A 0600 pgpass file holding this login's password; PGPASSFILE for a CLI run.
    public func passfile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-pgpass-\(login)").path
        let line = "127.0.0.1:\(TestLogin.port):\(database.name):\(login):\(password)\n"
        FileManager.default.createFile(atPath: path, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// The environment a CLI run as this login needs (no password in it).
    public func environment() throws -> [String: String] {
        ["KHCN_DATABASE_URL": url, "PGPASSFILE": try passfile()]
    }
}

public extension TestDatabase {
    /// Makes a login of `role` for `provinces` with a random password, as the superuser
    /// would through `khcn user add`.
    func createLogin(_ role: Role, provinces: [String] = ["08"], fullName: String = "Nguyễn Thị Lan") throws -> TestLogin {
        let login = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(14).lowercased()
        let password = UUID().uuidString + UUID().uuidString
        let connection = try connect()
        let hash = try connection.encryptPassword(password, user: login)
        try connection.query("SELECT khcn_user_add(\(login), \(fullName), \(role.rawValue), string_to_array(\(provinces.joined(separator: ",")), ','), \(hash))")
        return TestLogin(login: login, fullName: fullName, role: role, password: password, database: self)
    }
}

/// A fresh migrated database and a registry session of a login of `role` (a clerk of 08 by
/// default): what the register, import, export and progress tests run as.
public func withRegistry(as role: Role, provinces: [String] = ["08"], today: CivilDate? = nil,
                         _ body: (RegistrySession) throws -> Void) throws {
    let database = try TestDatabase.create()
    defer { database.drop() }
    let login = try database.createLogin(role, provinces: provinces)
    try body(try login.session(today: today))
}
