import Postgres
import TestSupport
import Testing

@Suite struct ConnectionTests {
    @Test func roundTripsParametersAndNulls() throws {
        let connection = try Connection("dbname=postgres")
        let missing: String? = nil
        let result = try connection.query("SELECT \("Tân Trào")::text AS a, \(missing)::text AS b, \(41)::int + 1 AS c")
        #expect(result.columns.names == ["a", "b", "c"])
        #expect(result.rows.map(\.values) == [["Tân Trào", nil, "42"]])
        #expect(result.rows[0]["a"] == "Tân Trào")
        #expect(result.rows[0]["b"] == nil)
        #expect(try result.rows[0].decode("c", as: Int.self) == 42)
        #expect(throws: PostgresError.self) { try result.rows[0].decode("a", as: Int.self) }
        #expect(throws: PostgresError.self) { try result.rows[0].decode("b", as: String.self) }
    }

    @Test func refusesNULBytes() throws {
        let connection = try Connection("dbname=postgres")
        let error = try #require(throws: PostgresError.self) { try connection.query("SELECT \("a\u{0}b")::text") }
        #expect(error.kind == .invalidParameter)
    }

    @Test func serverErrorsCarrySQLSTATEAndConstraint() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        try connection.query("CREATE TABLE t (n int CONSTRAINT n_positive CHECK (n > 0))")
        let error = try #require(throws: PostgresError.self) { try connection.query("INSERT INTO t VALUES (-1)") }
        #expect(error.sqlstate == "23514")
        #expect(error.constraint == "n_positive")
        #expect(error.table == "t")
    }

    @Test func commitOfAbortedTransactionIsAnError() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        try connection.query("CREATE TABLE t (n int PRIMARY KEY)")
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction {
                try connection.query("INSERT INTO t VALUES (1)")
                _ = try? connection.query("INSERT INTO t VALUES (1)")  // fails; error swallowed
            }
        }
        #expect(error.kind == .transactionRolledBack)
        #expect(try connection.query("SELECT count(*) FROM t").scalar == "0")
    }

    @Test func copyInThenOutRoundTrips() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        try connection.query("CREATE TABLE t (a text, b text)")
        var chunks = [Array("Hà Giang\tx\n".utf8), Array("Tuyên Quang\t\\N\n".utf8)]
        let loaded = try connection.copyIn("COPY t FROM STDIN") { chunks.isEmpty ? nil : chunks.removeFirst() }
        #expect(loaded == 2)
        var out: [UInt8] = []
        try connection.copyOut("COPY (SELECT * FROM t ORDER BY a) TO STDOUT") { out.append(contentsOf: $0) }
        #expect(String(decoding: out, as: UTF8.self) == "Hà Giang\tx\nTuyên Quang\t\\N\n")
        // The connection is usable afterwards (every COPY result was read).
        #expect(try connection.query("SELECT 1").scalar == "1")
    }

    @Test func abortedCopyLoadsNothing() throws {
        struct Stop: Error {}
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        try connection.query("CREATE TABLE t (a text)")
        var sent = false
        #expect(throws: Stop.self) {
            try connection.copyIn("COPY t FROM STDIN") {
                if sent { throw Stop() }
                sent = true
                return Array("x\n".utf8)
            }
        }
        #expect(try connection.query("SELECT count(*) FROM t").scalar == "0")
    }

    @Test func streamsRowsOneAtATime() throws {
        let connection = try Connection("dbname=postgres")
        var seen: [String] = []
        try connection.forEachRow("SELECT g::text AS g FROM generate_series(1, \("5")::int) g") { seen.append($0["g"]!) }
        #expect(seen == ["1", "2", "3", "4", "5"])
    }

    @Test func unreachableServerIsAConnectionError() throws {
        let error = try #require(throws: PostgresError.self) {
            _ = try Connection("host=127.0.0.1 port=1 connect_timeout=2 dbname=x user=x")
        }
        #expect(error.kind == .connection)
    }
}
