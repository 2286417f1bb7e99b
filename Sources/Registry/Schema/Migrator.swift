import Foundation
import Postgres

/// What `khcn db status` reports.
public struct SchemaStatus: Sendable {
    public struct Applied: Sendable {
        public let version: Int
        public let name: String
        public let appliedAt: String
    }
    public let applied: [Applied]
    public let pending: [Migration]
    /// Applied versioned migrations whose text changed since they were applied (for a baseline:
    /// an old numbered file recorded under another name or SHA-256 than its `replaces.txt` says).
    public let edited: [Migration]
    /// Files of `definitions/` that are new or changed since they were last applied.
    public let definitionsPending: [Migration]
    public var current: Int { applied.map(\.version).max() ?? 0 }
}

/// Applies `SQL/` (README, "Migrations") in the manner of Flyway's versioned and repeatable
/// migrations:
///
/// 1. Versioned migrations, in number order, each once: `0035_baseline/` (the schema that the
///    numbered files 0001–0035 built, one file per area: tables, constraints, indexes, seeds,
///    grants, row-level security, and the value functions that constraints need) and every later
///    `NNNN_name.sql`. Each is recorded in `khcn_migrations` with the SHA-256 of its text; an
///    applied one that was edited is refused (`migration-edited`), the baseline included. A
///    database migrated by the old numbered files holds the baseline when its rows are exactly
///    those of `0035_baseline/replaces.txt`; one stopped part-way is refused
///    (`migration-before-baseline`): the old files (git history) must take it to 35 first.
/// 2. Then each file of `definitions/` (every function, trigger, view and policy, written so
///    that it can be re-applied: CREATE OR REPLACE …) whose SHA-256 differs from the one kept in
///    `khcn_definitions`, in name order. A rule changes by editing its one file in place.
///
/// Each file runs in its own transaction, all under an advisory lock, so that two clerks
/// migrating at once is safe (the second waits, then finds nothing to do); then every object
/// goes to the owner role (`khcn_claim_ownership()`, definitions/05_access.sql).
public struct Migrator {
    /// Any fixed number: the advisory lock that serialises migrations on one database.
    static let lockKey = "7355608"

    let connection: Connection
    let migrations: [Migration]
    let definitions: [Migration]
    /// `SQL/`: the numbered migrations, `definitions/`, and `roles.sql` (contract §9 roles, cluster-wide).
    let directory: URL

    public init(connection: Connection, directory: URL) throws(RegistryError) {
        self.connection = connection
        self.directory = directory
        let files = try MigrationFiles(directory)
        self.migrations = files.versioned
        self.definitions = files.definitions
    }

    /// `KHCN_SQL_DIR`, else the `SQL/` folder of the checkout that holds the running binary.
    public static func locateDirectory() throws(RegistryError) -> URL {
        try MigrationFiles.locate()
    }

    /// Builds the search indexes that a first load set aside and whose process died before it
    /// built them again after its commit (`SearchIndexes`; the next import of their table would
    /// too). Run after `migrate()`, which made the function it calls. Returns how many it built.
    public func buildSetAsideSearchIndexes() throws(RegistryError) -> Int {
        try translating {
            try connection.transaction {
                Int(try connection.query("""
                    SELECT coalesce(sum(khcn_rebuild_search_indexes(table_name)), 0)
                      FROM (SELECT DISTINCT table_name FROM khcn_deferred_index) t
                    """).scalar ?? "0") ?? 0
            }
        }
    }

    /// Applies every pending versioned migration, then every new or changed definitions file;
    /// returns those applied now.
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
            // No key constraint: every constraint is a rule with its row in khcn_rule, and this
            // table is the migrator's own; the advisory lock keeps one row per name.
            try connection.query("""
                CREATE TABLE IF NOT EXISTS khcn_definitions (
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    applied_by text NOT NULL DEFAULT session_user)
                """)
            // Every login may read what was applied (`khcn db status`), as with khcn_migrations.
            try connection.query("GRANT SELECT ON khcn_definitions TO khcn_viewer")
            let state = try status()
            if let edited = state.edited.first {
                throw Migrator.editedError(edited)
            }
            if let baseline = state.pending.first(where: { !$0.replaces.isEmpty }),
               let reached = state.applied.map(\.version).max(), reached < baseline.version {
                throw Migrator.beforeBaselineError(baseline, reached: reached)
            }
            for migration in state.pending {
                try connection.transaction {
                    try connection.execute(script: migration.sql)
                    try connection.query(
                        "INSERT INTO khcn_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(Migrator.checksum(migration)))")
                }
            }
            for definition in state.definitionsPending {
                try connection.transaction {
                    try connection.execute(script: definition.sql)
                    try connection.query("DELETE FROM khcn_definitions WHERE name = \(definition.name)")
                    try connection.query("INSERT INTO khcn_definitions (name, checksum) VALUES (\(definition.name), \(Migrator.checksum(definition)))")
                }
            }
            // Derived state (ip_watch_state) follows the definitions it is computed by, whichever
            // file changed (definitions/16_watch.sql).
            if !state.definitionsPending.isEmpty,
               try connection.query("SELECT to_regprocedure('khcn_rebuild_derived()') IS NOT NULL").scalar == "t" {
                _ = try connection.transaction { try connection.query("SELECT khcn_rebuild_derived()") }
            }
            // Migrations run as a superuser; every object they made goes to the owner role.
            if try connection.query("SELECT to_regprocedure('khcn_claim_ownership()') IS NOT NULL").scalar == "t" {
                try connection.query("SELECT khcn_claim_ownership()")
            }
            return state.pending + state.definitionsPending
        }
    }

    /// The same SHA-256 as `checksum`, computed here (the UTF-8 bytes of the text, as convert_to gives).
    static func localChecksum(_ migration: Migration) -> String {
        let digest = SHA256Digest()
        Array(migration.sql.utf8).withUnsafeBytes { digest.update($0) }
        return digest.hexDigest()
    }

    /// The SHA-256 of a file's text, computed by the server so that both sides use one SHA-256.
    static func checksum(_ migration: Migration) -> Query {
        "encode(sha256(convert_to(\(migration.sql)::text, 'UTF8')), 'hex')"
    }

    /// Compares the files with what the database says was applied.
    public func status() throws(RegistryError) -> SchemaStatus {
        try translating {
            let exists = try connection.query("SELECT to_regclass('khcn_migrations') IS NOT NULL").scalar == "t"
            guard exists else { return SchemaStatus(applied: [], pending: migrations, edited: [], definitionsPending: definitions) }
            let rows = try connection.query("""
                SELECT version, name, to_char(applied_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS applied_at, checksum
                  FROM khcn_migrations ORDER BY version
                """).rows
            let fileChecksums = try checksums(migrations + definitions)
            var applied: [SchemaStatus.Applied] = []
            var recorded: [Int: (name: String, checksum: String)] = [:]
            for row in rows {
                let version: Int = try row.decode("version")
                let name: String = try row.decode("name")
                applied.append(SchemaStatus.Applied(version: version, name: name, appliedAt: try row.decode("applied_at")))
                recorded[version] = (name, try row.decode("checksum"))
            }
            var pending: [Migration] = []
            var edited: [Migration] = []
            for migration in migrations {
                if let row = recorded[migration.version], row.name == migration.name || migration.replaces.isEmpty {
                    if fileChecksums[migration.name] != row.checksum { edited.append(migration) }
                } else if !migration.replaces.isEmpty, recorded[migration.version] != nil {
                    // Migrated by the numbered files the baseline stands for: each must be recorded as listed.
                    let stray = recorded.filter { $0.key <= migration.version }.values
                        .filter { row in !migration.replaces.contains { $0.name == row.name && $0.checksum == row.checksum } }
                    let missing = migration.replaces.filter { old in !recorded.values.contains { $0.name == old.name } }
                    edited += (stray.map(\.name) + missing.map(\.name)).sorted().map { Migration(.versioned, name: $0, sql: "") }
                } else {
                    pending.append(migration)
                }
            }
            var definitionsPending = definitions
            if try connection.query("SELECT to_regclass('khcn_definitions') IS NOT NULL").scalar == "t" {
                let done = try connection.query("SELECT name, checksum FROM khcn_definitions").rows
                    .map { (try $0.decode("name", as: String.self), try $0.decode("checksum", as: String.self)) }
                definitionsPending.removeAll { file in done.contains { $0.0 == file.name && $0.1 == fileChecksums[file.name] } }
            }
            return SchemaStatus(applied: applied, pending: pending, edited: edited, definitionsPending: definitionsPending)
        }
    }

    /// The SHA-256 of each file, by name, in one query.
    func checksums(_ files: [Migration]) throws -> [String: String] {
        guard !files.isEmpty else { return [:] }
        let values = Query.joined(files.map { "(\($0.name)::text, \(Migrator.checksum($0)))" }, separator: ", ")
        var checksums: [String: String] = [:]
        for row in try connection.query("SELECT name, checksum FROM (VALUES \(values)) AS f(name, checksum)").rows {
            checksums[try row.decode("name")] = try row.decode("checksum", as: String.self)
        }
        return checksums
    }

    /// Cheap check before every command: every versioned migration applied (by number), and
    /// every definitions file applied as it is now (its SHA-256, computed here: a release that
    /// only edits a rule's file is refused until `khcn db migrate`, exit 69).
    public func requireMigrated() throws(RegistryError) {
        try translating {
            let tables = try connection.query("""
                SELECT to_regclass('khcn_migrations') IS NOT NULL AS migrations, to_regclass('khcn_definitions') IS NOT NULL AS definitions
                """).rows[0]
            guard tables["migrations"] == "t" else { throw RegistryError.schemaNotMigrated(vi: "chưa có bảng khcn_migrations: cơ sở dữ liệu còn trống", en: "no khcn_migrations table") }
            // One round trip: the numbers applied, and each definitions file as "name checksum".
            let recorded: Query = tables["definitions"] == "t"
                ? "SELECT version::text AS applied FROM khcn_migrations UNION ALL SELECT name || ' ' || checksum FROM khcn_definitions"
                : "SELECT version::text AS applied FROM khcn_migrations"
            let applied = Set(try connection.query(recorded).rows.compactMap { $0["applied"] })
            let missing = migrations.filter { !applied.contains(String($0.version)) }
                + definitions.filter { !applied.contains("\($0.name) \(Migrator.localChecksum($0))") }
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

    static func beforeBaselineError(_ baseline: Migration, reached: Int) -> RegistryError {
        RegistryError(
            .rule, type: "migration-before-baseline", field: "migration", value: String(reached),
            vi: "Cơ sở dữ liệu mới ở phiên bản \(reached), trước \(baseline.name) (phiên bản \(baseline.version)). Hãy cập nhật nó tới phiên bản \(baseline.version) bằng các tệp SQL cũ (khcn bản git 0a4756a), rồi chạy lại khcn db migrate.",
            en: "The database is at version \(reached), before \(baseline.name) (version \(baseline.version)). Bring it to version \(baseline.version) with the old SQL files (khcn at git 0a4756a), then run khcn db migrate again.")
    }
}
