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
        /// The connection was lost after it had been made (server stopped or crashed, backend
        /// terminated, network gone) while no COMMIT was under way: the server rolls back
        /// whatever the open transaction had done, so nothing of it was committed.
        case connectionLost
        /// The connection was lost while COMMIT was on its way or awaiting its answer: the
        /// server may have committed or not, and the client cannot tell which.
        case commitOutcomeUnknown
    }

    public var kind: Kind
    public var message: String
    public var sqlstate: String?
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// For `.connection`: what failed (authentication, no such database, server down, …).
    public var failure: ConnectionFailure?

    public init(
        kind: Kind, message: String, sqlstate: String? = nil, detail: String? = nil,
        hint: String? = nil, constraint: String? = nil, table: String? = nil, column: String? = nil,
        failure: ConnectionFailure? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlstate = sqlstate ?? failure?.sqlstate
        self.failure = failure
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

    /// SQLSTATEs with which the server ends a session: class 08 (connection exception; 08P01,
    /// a protocol violation, is our bug, not an outage), 57P01 admin_shutdown (fast or smart
    /// shutdown, pg_terminate_backend), 57P02 crash_shutdown, 57P03 cannot_connect_now.
    public static func endsSession(_ sqlstate: String?) -> Bool {
        guard let sqlstate else { return false }
        return (sqlstate.hasPrefix("08") && sqlstate != "08P01") || ["57P01", "57P02", "57P03"].contains(sqlstate)
    }

    /// What libpq says when it finds the socket closed; such errors carry no SQLSTATE.
    static let lostConnectionPhrases = [
        "server closed the connection unexpectedly", "no connection to the server",
        "could not send data to server", "could not receive data from server", "connection to server was lost",
        "SSL SYSCALL error", "terminating connection",
    ]

    /// The statement referenced a table or function that does not exist (schema not migrated).
    public var isUndefinedObject: Bool {
        guard let sqlstate else { return false }
        return ["42P01", "42883", "3F000"].contains(sqlstate)
    }
}
