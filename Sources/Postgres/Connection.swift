import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, owned by one task at a time (it is deliberately not `Sendable`).
///
/// Every statement is parameterised and sent in text format; values that cannot travel
/// (NUL bytes) are refused before they reach the server.
public final class Connection {
    let handle: OpaquePointer

    /// Connects with a libpq connection string or URL. An empty string means libpq's own
    /// environment and defaults (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGSERVICE`, …).
    public init(_ conninfo: String = "") throws {
        try Connection.checkParses(conninfo)
        guard let handle = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Connection.text(PQerrorMessage(handle))?.trimmingTrailingNewlines() ?? "connection failed"
            let failure = ConnectionFailure.classify(message, needsPassword: PQconnectionNeedsPassword(handle) == 1)
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: Connection.redactingPassword(message, of: conninfo), failure: failure)
        }
        self.handle = handle
        // Notices ("relation already exists, skipping") are for psql users, not for our stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        if PQsetClientEncoding(handle, "UTF8") != 0 {
            throw PostgresError(kind: .client, message: "the server refused client_encoding UTF8")
        }
    }

    deinit { PQfinish(handle) }

    // MARK: - What we are connected to (never includes the password)

    public var host: String { Connection.text(PQhost(handle)) ?? "" }
    public var port: String { Connection.text(PQport(handle)) ?? "" }
    public var database: String { Connection.text(PQdb(handle)) ?? "" }
    public var user: String { Connection.text(PQuser(handle)) ?? "" }
    /// e.g. 150018 for 15.18.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    // MARK: - Passwords

    /// Hashes a password on the client with the server's algorithm (SCRAM-SHA-256), so that
    /// the plain password never travels to the server or its log (contract §9).
    public func encryptPassword(_ password: String, user: String) throws -> String {
        try Connection.checkNoNUL(password)
        guard let hashed = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else { throw lastError() }
        defer { PQfreemem(hashed) }
        return String(cString: hashed)
    }

    // MARK: - Statements

    /// Runs one statement, its values bound as parameters (text format; nil is SQL NULL).
    @discardableResult
    public func query(_ query: Query) throws -> QueryResult {
        try consume(try send(query) { sql, count, values in PQexecParams(handle, sql, count, nil, values, nil, nil, 0) })
    }

    /// Renders `query` and hands its text and values, checked for NUL bytes, to a libpq call.
    private func send<R>(_ query: Query, _ call: (String, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> R) throws -> R {
        let (sql, parameters) = query.render()
        try Connection.checkNoNUL(sql)
        for value in parameters { if let value { try Connection.checkNoNUL(value) } }
        return withCStrings(parameters) { call(sql, Int32(parameters.count), $0) }
    }

    /// Runs a script of several statements without parameters (migrations).
    public func execute(script sql: String) throws {
        try Connection.checkNoNUL(sql)
        let result = PQexec(handle, sql)
        _ = try consume(result)
    }

    /// Runs `body` inside BEGIN … COMMIT. Any error rolls back; a COMMIT that the server
    /// turned into ROLLBACK (because an earlier statement failed) is reported as an error.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try transactionDeciding { .commit(try body()) }
    }

    /// The same for work that decides at its end whether to keep what it wrote (a dry run
    /// rolls back and still returns its report).
    public func transactionDeciding<T>(_ body: () throws -> TransactionEnding<T>) throws -> T {
        try query("BEGIN")
        let ending: TransactionEnding<T>
        do {
            ending = try body()
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
        switch ending {
        case .commit(let value):
            try commit()
            return value
        case .rollBack(let value):
            try query("ROLLBACK")
            return value
        }
    }

    /// COMMIT, checked. A COMMIT that the server turned into ROLLBACK is an error. A connection
    /// lost while COMMIT is under way leaves the outcome unknown (`commitOutcomeUnknown`): the
    /// server may have committed just before it went away, or while waiting for a synchronous
    /// standby. Only a connection already known to be gone means that nothing was committed.
    public func commit() throws {
        guard PQstatus(handle) == CONNECTION_OK else { throw lastError() }
        let answer: QueryResult
        do {
            answer = try query("COMMIT")
        } catch var error as PostgresError where error.kind == .connectionLost {
            error.kind = .commitOutcomeUnknown
            throw error
        }
        guard answer.commandTag == "COMMIT" else {
            throw PostgresError(
                kind: .transactionRolledBack,
                message: "COMMIT answered \(answer.commandTag): the transaction was rolled back")
        }
    }

    /// Streams the rows of a (possibly huge) query one at a time, in libpq's single-row mode,
    /// so memory stays constant whatever the result size.
    public func forEachRow(_ query: Query, _ body: (Row) throws -> Void) throws {
        let sent = try send(query) { sql, count, values in PQsendQueryParams(handle, sql, count, nil, values, nil, nil, 0) }
        guard sent == 1 else { throw lastError() }
        PQsetSingleRowMode(handle)
        var failure: Error?
        var columns: Columns?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_SINGLE_TUPLE, failure == nil {
                let count = PQnfields(result)
                let names = columns ?? Connection.columns(result)
                columns = names
                let row = Row(columns: names, values: (0..<count).map { Connection.value(result, 0, $0) })
                do { try body(row) } catch { failure = error }
            } else if status == PGRES_FATAL_ERROR, failure == nil {
                failure = self.failure(result)
            }
        }
        if let failure { throw failure }
    }

    // MARK: - Internals

    private func consume(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else { throw lastError() }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            let columnCount = PQnfields(result)
            let rowCount = PQntuples(result)
            var rows: [[String?]] = []
            rows.reserveCapacity(Int(rowCount))
            for row in 0..<rowCount {
                rows.append((0..<columnCount).map { Connection.value(result, row, $0) })
            }
            return QueryResult(
                columns: Connection.columns(result), values: rows,
                commandTag: Connection.text(PQcmdStatus(result)) ?? "",
                affectedRows: Int(Connection.text(PQcmdTuples(result)) ?? "") ?? 0)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
            throw self.failure(result)
        default:
            throw PostgresError(kind: .client, message: "unexpected result status \(PQresultStatus(result).rawValue)")
        }
    }

    /// libpq's own error. A connection that was made and is now bad was lost, not refused.
    func lastError() -> PostgresError {
        let message = Connection.text(PQerrorMessage(handle))?.trimmingTrailingNewlines() ?? "unknown libpq error"
        let kind: PostgresError.Kind = PQstatus(handle) == CONNECTION_OK ? .client : .connectionLost
        return PostgresError(kind: kind, message: message)
    }

    /// A failed result, classified. A server that ends the session (fast shutdown,
    /// pg_terminate_backend: 57P01; crash: 57P02) or a socket that libpq found closed (no
    /// SQLSTATE at all) is a lost connection, whichever statement or COPY was running.
    func failure(_ result: OpaquePointer) -> PostgresError {
        var error = Connection.serverError(result)
        guard error.sqlstate != "08P01" else { return error }
        let libpqSawItClose = error.sqlstate == nil
            && PostgresError.lostConnectionPhrases.contains { error.message.contains($0) }
        if PQstatus(handle) == CONNECTION_BAD || PostgresError.endsSession(error.sqlstate) || libpqSawItClose {
            error.kind = .connectionLost
        }
        return error
    }

    private static func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            text(PQresultErrorField(result, Int32(code.asciiValue!)))
        }
        return PostgresError(
            kind: .server,
            message: field("M") ?? text(PQresultErrorMessage(result))?.trimmingTrailingNewlines() ?? "server error",
            sqlstate: field("C"), detail: field("D"), hint: field("H"),
            constraint: field("n"), table: field("t"), column: field("c"))
    }

    static func columns(_ result: OpaquePointer) -> Columns {
        Columns((0..<PQnfields(result)).map { Connection.text(PQfname(result, $0)) ?? "?" })
    }

    static func value(_ result: OpaquePointer, _ row: Int32, _ column: Int32) -> String? {
        if PQgetisnull(result, row, column) == 1 { return nil }
        guard let bytes = PQgetvalue(result, row, column) else { return nil }
        let length = Int(PQgetlength(result, row, column))
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// libpq may return NULL for any `char *`.
    static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func checkNoNUL(_ text: String) throws {
        if text.utf8.contains(0) {
            throw PostgresError(kind: .invalidParameter, message: "text contains a NUL byte, which PostgreSQL cannot store")
        }
    }
}

/// How a transaction's work ends: keep its changes, or undo them and return all the same.
public enum TransactionEnding<T> {
    case commit(T)
    case rollBack(T)
}
