import Postgres

/// One rule of the registry as its home, table `khcn_rule` (SQL/0030), states it: a named
/// constraint or a trigger refusal, the field it concerns, its message in both languages of
/// contract §2, and its legal basis or contract section.
public struct Rule: Sendable, Equatable {
    public let name: String
    /// The record kind of contract §5/§6 (`enterprises`, `ip`, …) or the part of the registry
    /// (`audit`, `users`, …) it guards (SQL/0034 `khcn_rule_kind`).
    public let kind: String
    public let table: String
    public let field: String?
    public let vietnamese: String
    public let english: String
    /// The law or contract section the rule rests on, in Vietnamese and in English (SQL/0033).
    public let basisVietnamese: String
    public let basisEnglish: String

    public func message(_ language: Language) -> String {
        language == .vietnamese ? vietnamese : english
    }

    public func basis(_ language: Language) -> String {
        language == .vietnamese ? basisVietnamese : basisEnglish
    }

    init(_ row: Row) throws {
        name = try row.decode("name")
        kind = try row.decode("kind")
        table = try row.decode("table_name")
        field = try row.decodeIfPresent("field")
        vietnamese = try row.decode("vi")
        english = try row.decode("en")
        basisVietnamese = try row.decode("basis")
        basisEnglish = try row.decode("basis_en")
    }

    static let columns = "name, khcn_rule_kind(table_name) AS kind, table_name, field, vi, en, basis, basis_en"
}

/// Every rule, for `khcn rules`: any login may read them (the table is national).
public struct Rules {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    public func list() throws(RegistryError) -> [Rule] {
        try session.read {
            try session.connection.query("SELECT \(sql: Rule.columns) FROM khcn_rule ORDER BY kind, table_name, name")
                .rows.map(Rule.init)
        }
    }

    /// The rule of that name, or nil when it cannot be read: no such row, a schema before
    /// SQL/0030, or a transaction that an error has aborted (the caller tries again after the
    /// rollback, see `RegistryError.explained(on:)`). Runs only when a refusal arrives.
    static func lookup(_ name: String, on connection: Connection) -> Rule? {
        guard let row = try? connection.query("SELECT \(sql: Rule.columns) FROM khcn_rule WHERE name = \(name)").first else {
            return nil
        }
        return try? Rule(row)
    }
}

extension RegistryError {
    /// A row the server refused, in its own words: what stays when the rule cannot be read.
    static func refusedByServer(_ error: PostgresError, state: String) -> RegistryError {
        RegistryError(
            .rule, type: state == "23505" ? "unique-error" : state == "23503" ? "foreign-key-error" : "constraint-error",
            field: error.column,
            vi: "Cơ sở dữ liệu từ chối giá trị: \(error.message)", en: "The database refused the value: \(error.message)",
            sqlstate: state)
    }

    /// The error with its rule's field and messages from `khcn_rule`, read on `connection`
    /// (one query, only for an error that names a rule not yet read). Inside a transaction
    /// the error aborted the read fails and the error stays pending: explain it again once
    /// the transaction is rolled back (`RegistrySession.write` does).
    func explained(on connection: Connection?) -> RegistryError {
        guard let name = pendingRule, let connection, let rule = Rules.lookup(name, on: connection) else { return self }
        var explained = self
        explained.field = rule.field
        explained.vietnamese = rule.vietnamese
        explained.english = rule.english
        explained.pendingRule = nil
        return explained
    }
}

/// Runs database work and reports failures in registry terms, a refusal with its rule's
/// messages as read on `connection` (see `RegistryError.explained(on:)`).
func translating<T>(on connection: Connection?, _ work: () throws -> T) throws(RegistryError) -> T {
    do {
        return try translating(work)
    } catch {
        throw error.explained(on: connection)
    }
}

extension RegistrySession {
    /// `error` with its rule's messages, read on this session's connection; for a refusal
    /// caught outside `write`/`read` (e.g. after ROLLBACK TO SAVEPOINT in an import).
    public func explained(_ error: RegistryError) -> RegistryError { error.explained(on: connection) }
}
