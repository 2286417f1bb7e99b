import Foundation
import Postgres
import TestSupport
import Testing

/// A connection whose server went away is told apart from a server error (issue 10, item 5):
/// `connectionLost` while nothing was being committed, `commitOutcomeUnknown` during COMMIT.
/// The backend is ended with `pg_terminate_backend`, as a fast shutdown does (57P01).
@Suite struct LostConnectionTests {
    /// A connection to `database` in an open transaction, and a function that ends its backend.
    static func doomed(_ database: TestDatabase) throws -> (Connection, () throws -> Void) {
        let victim = try database.connect()
        let pid = try victim.query("SELECT pg_backend_pid()").scalar!
        try victim.query("BEGIN")
        try victim.query("INSERT INTO t VALUES (1)")
        let terminate = {
            let killer = try database.connect()
            #expect(try killer.query("SELECT pg_terminate_backend(\(pid)::int, 5000)").scalar == "t")
        }
        return (victim, terminate)
    }

    static func database() throws -> TestDatabase {
        let database = try TestDatabase.create(migrated: false)
        try database.connect().query("CREATE TABLE t (n int)")
        return database
    }

    @Test func aTerminatedBackendIsALostConnection() throws {
        let database = try LostConnectionTests.database()
        defer { database.drop() }
        let (victim, terminate) = try LostConnectionTests.doomed(database)
        try terminate()
        let error = try #require(throws: PostgresError.self) { try victim.query("INSERT INTO t VALUES (2)") }
        #expect(error.kind == .connectionLost, "\(error)")
        #expect(error.sqlstate == nil || error.sqlstate == "57P01", "\(error)")
        #expect(try database.connect().query("SELECT count(*) FROM t").scalar == "0")
    }

    @Test func aCopyIntoATerminatedBackendIsALostConnection() throws {
        let database = try LostConnectionTests.database()
        defer { database.drop() }
        let (victim, terminate) = try LostConnectionTests.doomed(database)
        var sent = 0
        let error = try #require(throws: PostgresError.self) {
            try victim.copyIn("COPY t FROM STDIN") {
                sent += 1
                if sent == 2 { try terminate() }
                return sent < 50 ? Array(String(repeating: "7\n", count: 10_000).utf8) : nil
            }
        }
        #expect(error.kind == .connectionLost, "\(error)")
        #expect(try database.connect().query("SELECT count(*) FROM t").scalar == "0")
    }

    @Test func losingTheConnectionDuringCommitLeavesTheOutcomeUnknown() throws {
        let database = try LostConnectionTests.database()
        defer { database.drop() }
        let (victim, terminate) = try LostConnectionTests.doomed(database)
        try terminate()
        let error = try #require(throws: PostgresError.self) { try victim.commit() }
        #expect(error.kind == .commitOutcomeUnknown, "\(error)")
    }

    @Test func aCommitOnAConnectionKnownLostCommittedNothing() throws {
        let database = try LostConnectionTests.database()
        defer { database.drop() }
        let (victim, terminate) = try LostConnectionTests.doomed(database)
        try terminate()
        _ = try? victim.query("SELECT 1")   // libpq learns that the server is gone
        let error = try #require(throws: PostgresError.self) { try victim.commit() }
        #expect(error.kind == .connectionLost, "\(error)")
    }
}
