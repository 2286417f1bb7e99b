import Foundation
import Postgres

/// One numbered file of `SQL/`, e.g. `0003_enterprises.sql`.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String
}

/// What `khcn db status` reports.
public struct SchemaStatus: Sendable {
    public struct Applied: Sendable {
        public let version: Int
        public let name: String
        public let appliedAt: String
    }
    public let applied: [Applied]
    public let pending: [Migration]
    /// Applied files whose text changed since they were applied.
    public let edited: [Migration]
    public var current: Int { applied.map(\.version).max() ?? 0 }
}

/// Applies `SQL/` in order, each file in its own transaction, under an advisory lock so that
/// two clerks migrating at once is safe (the second waits, then finds nothing to do). A
/// SHA-256 of each applied file is kept, and a file edited after it was applied is refused.
public struct Migrator {
    /// Any fixed number: the advisory lock that serialises migrations on one database.
    static let lockKey = "7355608"

    let connection: Connection
    let migrations: [Migration]
    /// `SQL/`: the numbered migrations, and `roles.sql` (contract §9 roles, cluster-wide).
    let directory: URL

    public init(connection: Connection, directory: URL) throws(RegistryError) {
        self.connection = connection
        self.directory = directory
        self.migrations = try Migrator.read(directory)
    }

    /// `KHCN_SQL_DIR`, else the `SQL/` folder of the checkout that holds the running binary
    /// (or the current directory, or this source file).
    public static func locateDirectory() throws(RegistryError) -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["KHCN_SQL_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent(),
        ]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.insert(URL(fileURLWithPath: executable).deletingLastPathComponent(), at: 0)
        }
        for start in starts {
            var folder = start.standardizedFileURL
            while folder.path != "/" {
                let candidate = folder.appendingPathComponent("SQL")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("0001_foundation.sql").path) {
                    return candidate
                }
                folder.deleteLastPathComponent()
            }
        }
        throw RegistryError(
            .bug, type: "internal-error",
            vi: "Không tìm thấy thư mục SQL/ của khcn; đặt KHCN_SQL_DIR trỏ tới nó.",
            en: "Cannot find khcn's SQL/ folder; set KHCN_SQL_DIR to point at it.")
    }

    static func read(_ directory: URL) throws(RegistryError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw RegistryError(.bug, type: "internal-error", vi: "Không đọc được \(directory.path)", en: "Cannot read \(directory.path)")
        }
        var migrations: [Migration] = []
        for name in names where name.hasSuffix(".sql") {
            guard let version = Int(name.prefix { $0.isNumber }), version > 0 else { continue }
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                throw RegistryError(.bug, type: "internal-error", vi: "Không đọc được \(name)", en: "Cannot read \(name)")
            }
            migrations.append(Migration(version: version, name: name, sql: String(decoding: data, as: UTF8.self)))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw RegistryError(.bug, type: "internal-error",
                                vi: "Hai tệp cùng số thứ tự: \(previous.name), \(next.name)",
                                en: "Two migrations share a number: \(previous.name), \(next.name)")
        }
        return migrations
    }

    /// Applies every pending migration; returns those applied now.
    @discardableResult
    public func migrate() throws(RegistryError) -> [Migration] {
        try translating {
            try ensureRoles()
            try connection.query("SELECT pg_advisory_lock(\(sql: Migrator.lockKey))")
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(sql: Migrator.lockKey))") }
            try connection.query("""
                CREATE TABLE IF NOT EXISTS khcn_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT session_user)
                """)
            let state = try status()
            if let edited = state.edited.first {
                throw Migrator.editedError(edited)
            }
            for migration in state.pending {
                try connection.transaction {
                    try connection.execute(script: migration.sql)
                    try connection.query(
                        "INSERT INTO khcn_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))")
                }
            }
            // Migrations run as a superuser; every object they made goes to the owner role.
            if try connection.query("SELECT to_regprocedure('khcn_claim_ownership()') IS NOT NULL").scalar == "t" {
                try connection.query("SELECT khcn_claim_ownership()")
            }
            return state.pending
        }
    }

    /// Compares the files with what the database says was applied.
    public func status() throws(RegistryError) -> SchemaStatus {
        try translating {
            let exists = try connection.query("SELECT to_regclass('khcn_migrations') IS NOT NULL").scalar == "t"
            guard exists else { return SchemaStatus(applied: [], pending: migrations, edited: []) }
            let rows = try connection.query("""
                SELECT version, name, to_char(applied_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS applied_at, checksum
                  FROM khcn_migrations ORDER BY version
                """).rows
            // Checksums of the files, computed by the server so that both sides use one SHA-256.
            var fileChecksums: [Int: String] = [:]
            if !migrations.isEmpty {
                let files = Query.joined(migrations.map { "(\($0.version)::int, encode(sha256(convert_to(\($0.sql)::text, 'UTF8')), 'hex'))" }, separator: ", ")
                let result = try connection.query("SELECT version, checksum FROM (VALUES \(files)) AS f(version, checksum)")
                for row in result.rows { fileChecksums[try row.decode("version")] = try row.decode("checksum", as: String.self) }
            }
            var applied: [SchemaStatus.Applied] = []
            var edited: [Migration] = []
            var appliedVersions = Set<Int>()
            for row in rows {
                let version: Int = try row.decode("version")
                appliedVersions.insert(version)
                applied.append(SchemaStatus.Applied(version: version, name: try row.decode("name"), appliedAt: try row.decode("applied_at")))
                if let file = migrations.first(where: { $0.version == version }), fileChecksums[version] != row["checksum"] {
                    edited.append(file)
                }
            }
            let pending = migrations.filter { !appliedVersions.contains($0.version) }
            return SchemaStatus(applied: applied, pending: pending, edited: edited)
        }
    }

    /// Cheap check before every command: all files applied? (no checksums; `db status` has them)
    public func requireMigrated() throws(RegistryError) {
        try translating {
            let exists = try connection.query("SELECT to_regclass('khcn_migrations') IS NOT NULL").scalar == "t"
            guard exists else { throw RegistryError.schemaNotMigrated(vi: "chưa có bảng khcn_migrations: cơ sở dữ liệu còn trống", en: "no khcn_migrations table") }
            let versions = try connection.query("SELECT version FROM khcn_migrations").rows.map { try $0.decode("version", as: Int.self) }
            let missing = migrations.filter { !versions.contains($0.version) }
            if !missing.isEmpty {
                throw RegistryError.schemaNotMigrated(vi: "còn chờ áp dụng: " + missing.map(\.name).joined(separator: ", "),
                                                     en: "pending: " + missing.map(\.name).joined(separator: ", "))
            }
        }
    }

    static func editedError(_ migration: Migration) -> RegistryError {
        RegistryError(
            .rule, type: "migration-edited", field: "migration", value: migration.name,
            vi: "Tệp \(migration.name) đã bị sửa sau khi áp dụng. Không sửa migration đã áp dụng; hãy hoàn nguyên tệp và thêm một tệp mới.",
            en: "\(migration.name) was edited after it was applied. Never edit an applied migration: restore the file and add a new one.")
    }
}
