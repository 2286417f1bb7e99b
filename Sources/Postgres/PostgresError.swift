/// A failure reported by libpq or by the server, carrying the server's fields so that callers
/// can decide by SQLSTATE and constraint name rather than by parsing message text.
///
/// `description` never includes connection strings or passwords; `detail` may carry row
/// values (tax data), so callers decide whether to show it.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached or refused the connection.
        case connection
        /// The server executed the statement and reported an error.
        case server
        /// A value cannot be sent (e.g. it contains a NUL byte).
        case invalidParameter
        /// libpq or the protocol misbehaved (unexpected result status, COPY out of step).
        case client
        /// COMMIT answered ROLLBACK: an earlier statement in the transaction had failed.
        case transactionRolledBack
    }

    public var kind: Kind
    public var message: String
    public var sqlstate: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?

    public init(
        kind: Kind, message: String, sqlstate: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlstate = sqlstate
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = message
        if let sqlstate { text += " (SQLSTATE \(sqlstate))" }
        return text
    }

    /// Serialization failure, deadlock or lock timeout: the same work may succeed if retried.
    public var isTransient: Bool {
        guard let sqlstate else { return false }
        return ["40001", "40P01", "55P03"].contains(sqlstate)
    }

    /// The statement referenced a table or function that does not exist (schema not migrated).
    public var isUndefinedObject: Bool {
        guard let sqlstate else { return false }
        return ["42P01", "42883", "3F000"].contains(sqlstate)
    }
}
