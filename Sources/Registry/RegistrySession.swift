import Foundation
import Postgres

/// Who is changing the registry and why; every write carries one, and the database copies it
/// into the audit trail (contract §2: actor, reason, legal reference, import batch).
public struct ChangeContext: Sendable {
    public var actor: String
    public var reason: String?
    public var legalRef: String?
    public var batch: Int?
    /// Named with `--actor`/KHCN_ACTOR rather than defaulted to the OS user: a personal login
    /// may only name itself (contract §2).
    public var actorIsExplicit: Bool

    public init(actor: String, reason: String? = nil, legalRef: String? = nil, batch: Int? = nil, actorIsExplicit: Bool = true) {
        self.actor = actor
        self.actorIsExplicit = actorIsExplicit
        self.reason = reason
        self.legalRef = legalRef
        self.batch = batch
    }
}

/// An open registry for one province: a connection plus the tenant key that scopes every query.
///
/// Not `Sendable`: it owns a libpq connection, which belongs to one task at a time.
public final class RegistrySession {
    /// Internal: the CLI reaches the database only through Registry's own types (issue 13).
    let connection: Connection
    /// Tenant key (national list of administrative units; Tuyên Quang = 08): for a personal
    /// login, the province named if granted to it, else its first granted (contract §9).
    public let province: ProvinceCode
    /// Who the login is; nil on a database that predates SQL/0020.
    public let identity: SessionIdentity?
    /// Used by tests to pin "today"; nil means today's date in Vietnam.
    public var today: CivilDate { fixedToday ?? CivilDate.today() }
    let fixedToday: CivilDate?

    /// Connects with a URL/conninfo (empty: libpq's environment) for a 2-digit province code.
    /// The province is checked before connecting: a usage error (exit 64), not a data error.
    public convenience init(databaseURL: String, province: String?, today: CivilDate? = nil) throws(RegistryError) {
        var code: ProvinceCode?
        if let province {
            guard let valid = ProvinceCode(province) else {
                throw RegistryError(
                    .usage, type: "usage-error", field: "province", value: province,
                    vi: "Mã tỉnh gồm 2 chữ số (Tuyên Quang là 08).", en: "A province code is 2 digits (Tuyên Quang is 08).")
            }
            code = valid
        }
        try self.init(connection: try translating { try Connection(databaseURL) }, province: code, today: today)
    }

    /// `province` nil: the login's first granted province (08 for logins khcn did not make).
    public init(connection: Connection, province: ProvinceCode? = nil, today: CivilDate? = nil) throws(RegistryError) {
        self.connection = connection
        self.fixedToday = today
        try RegistrySession.configure(connection)
        let identity = try translating { try SessionIdentity.load(connection) }
        self.identity = identity
        self.province = try identity?.province(requested: province) ?? province ?? .tuyenQuang
    }

    /// Exit 77 naming the right when the login's role lacks it (contract §9).
    public func require(_ right: Right) throws(RegistryError) {
        try identity?.require(right)
    }

    /// The change context as the audit trail will record it: a personal login's own name.
    public func auditContext(_ context: ChangeContext) throws(RegistryError) -> ChangeContext {
        try identity?.actor(for: context) ?? context
    }

    /// Dates travel as ISO text whatever the server's defaults. A clerk's queries are short:
    /// compiling them to machine code (JIT) costs more than it saves. One round trip for the
    /// three (every command pays it; an everyday import is measured against a 0.1 s `\copy`,
    /// contract §8).
    private static func configure(_ connection: Connection) throws(RegistryError) {
        try translating {
            try connection.execute(script: "SET datestyle TO ISO, YMD; SET timezone TO 'Asia/Ho_Chi_Minh'; SET jit TO off")
        }
    }

    /// Runs a query that selects each record's canonical JSON object `AS record`.
    func records(_ kind: RecordKind, _ query: Query) throws(RegistryError) -> [CanonicalRecord] {
        try read { try connection.query(query).rows.map { CanonicalRecord(kind: kind, json: $0["record"] ?? "{}") } }
    }

    /// The same, one row at a time (libpq single-row mode): memory stays flat however many
    /// rows come back (contract §8: every list streams). A list that joins its enterprise
    /// (`joiningEnterprise`) selects its name second, `AS enterprise_name`.
    func eachRecord(_ kind: RecordKind, _ query: Query, _ body: (CanonicalRecord) throws -> Void) throws(RegistryError) {
        try read {
            try connection.forEachRow(query) { row in
                try body(CanonicalRecord(kind: kind, json: row["record"] ?? "{}", enterpriseName: row.has("enterprise_name") ? row["enterprise_name"] : nil))
            }
        }
    }

    /// Joins a list's rows `r` to their enterprise in this province, for its name (`e.name`).
    func joiningEnterprise(on column: String) -> Query {
        " LEFT JOIN enterprise e ON e.province_code = \(province) AND e.tax_code = r.\(sql: column)"
    }

    /// Refuses to run registry commands on a database whose schema is behind `SQL/` (exit 69),
    /// or for a province that is not on the national list (exit 65).
    public func requireMigrated() throws(RegistryError) {
        try migrator().requireMigrated()
        try requireKnownProvince()
    }

    /// Runs `body` in one transaction whose audit rows carry `context`.
    @discardableResult
    func write<T>(_ context: ChangeContext, right: Right = .registerWrite, _ body: () throws -> T) throws(RegistryError) -> T {
        try write(context, right: right, deciding: { () throws -> TransactionEnding<T> in .commit(try body()) })
    }

    /// The same for work that decides at its end whether to keep what it wrote: an import's dry
    /// run, or a file refused for its rows, rolls back and still hands back its report. The
    /// COMMIT is `Connection.commit`'s, so a connection lost there is "outcome unknown".
    func write<T>(_ context: ChangeContext, right: Right = .registerWrite, deciding body: () throws -> TransactionEnding<T>) throws(RegistryError) -> T {
        try require(right)
        let context = try auditContext(context)
        return try translating(on: connection) {
            try connection.transactionDeciding({
                try connection.query(
                    """
                    SELECT set_config('khcn.actor', \(context.actor), true), set_config('khcn.reason', \(context.reason ?? ""), true),
                           set_config('khcn.legal_ref', \(context.legalRef ?? ""), true), set_config('khcn.batch', \(context.batch.map(String.init) ?? ""), true)
                    """)
                return try body()
            })
        }
    }

    /// Runs read-only work, translating database errors.
    func read<T>(_ body: () throws -> T) throws(RegistryError) -> T {
        try translating(on: connection, body)
    }
}
