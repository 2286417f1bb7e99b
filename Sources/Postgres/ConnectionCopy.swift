import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Connection {
    /// `COPY … FROM STDIN`: sends the chunks that `produce` yields (it returns nil at the end).
    /// If `produce` throws, the COPY is aborted and nothing is loaded.
    @discardableResult
    public func copyIn(_ statement: Query, _ produce: () throws -> [UInt8]?) throws -> Int {
        try begin(statement, expecting: PGRES_COPY_IN, "COPY FROM STDIN")
        var producerError: Error?
        do {
            while let chunk = try produce() {
                let sent = chunk.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { base in
                        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                            PQputCopyData(handle, $0, Int32(buffer.count))
                        }
                    } ?? 1
                }
                guard sent == 1 else { throw lastError() }
            }
        } catch {
            producerError = error
        }
        let ended = PQputCopyEnd(handle, producerError == nil ? nil : "aborted by client")
        let outcome = drainResults()
        if let producerError { throw producerError }
        guard ended == 1 else { throw lastError() }
        return try outcome.get()
    }

    /// `COPY … TO STDOUT`: hands each chunk (usually one row) to `consume` as it arrives.
    public func copyOut(_ statement: Query, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try begin(statement, expecting: PGRES_COPY_OUT, "COPY TO STDOUT")
        var failure: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                if failure == nil {
                    do {
                        try buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                            try consume(UnsafeBufferPointer(start: $0, count: Int(length)))
                        }
                    } catch { failure = error }
                }
                PQfreemem(buffer)
            } else if length == -1 {
                break
            } else {
                failure = failure ?? lastError()
                break
            }
        }
        let outcome = drainResults()
        if let failure { throw failure }
        _ = try outcome.get()
    }

    /// Sends the COPY statement and checks that the server now waits for data (`COPY_IN`) or
    /// sends it (`COPY_OUT`); an error of the statement itself is the server's, with its SQLSTATE.
    private func begin(_ statement: Query, expecting state: ExecStatusType, _ copy: String) throws {
        let sql = try literal(statement)
        guard let start = PQexec(handle, sql) else { throw lastError() }
        defer { PQclear(start) }
        guard PQresultStatus(start) == state else {
            if PQresultStatus(start) == PGRES_FATAL_ERROR { throw self.failure(start) }
            throw PostgresError(kind: .client, message: "expected \(copy), got another result")
        }
    }

    /// After COPY, libpq keeps results until they are all read; reads them and returns the
    /// row count of the COPY or the first error.
    func drainResults() -> Result<Int, PostgresError> {
        var outcome: Result<Int, PostgresError> = .success(0)
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK:
                if case .success = outcome { outcome = .success(Int(Connection.text(PQcmdTuples(result)) ?? "") ?? 0) }
            case PGRES_FATAL_ERROR:
                if case .success = outcome { outcome = .failure(self.failure(result)) }
            default:
                break
            }
        }
        return outcome
    }

    /// COPY takes no parameters, so its values are written in as literals quoted by libpq
    /// itself (`PQescapeLiteral`, which knows the connection's encoding).
    private func literal(_ statement: Query) throws -> String {
        let sql = try statement.inlined { value in
            try Connection.checkNoNUL(value)
            guard let quoted = PQescapeLiteral(handle, value, value.utf8.count) else { throw lastError() }
            defer { PQfreemem(quoted) }
            return String(cString: quoted)
        }
        try Connection.checkNoNUL(sql)
        return sql
    }
}
