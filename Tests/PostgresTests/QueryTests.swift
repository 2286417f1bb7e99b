import Postgres
import TestSupport
import Testing

/// The typed query: values become numbered placeholders in the order they appear, however
/// the statement was put together, and never enter the SQL text.
@Suite struct QueryTests {
    @Test func interpolatedValuesArePlaceholdersInOrder() {
        let taxCode = "5000123456"
        let limit = 20
        let none: String? = nil
        let query: Query = "SELECT * FROM enterprise WHERE tax_code = \(taxCode) AND name = \(none) LIMIT \(limit)"
        #expect(query.sql == "SELECT * FROM enterprise WHERE tax_code = $1 AND name = $2 LIMIT $3")
        #expect(query.bindings == ["5000123456", nil, "20"])
    }

    @Test func composedQueriesAreNumberedOnce() {
        let province = "08"
        let inner: Query = "tax_code = \(province + "1") OR name = \("x")"
        let query: Query = "SELECT 1 WHERE province_code = \(province) AND (\(inner))" + " AND status = \("active")"
        #expect(query.sql == "SELECT 1 WHERE province_code = $1 AND (tax_code = $2 OR name = $3) AND status = $4")
        #expect(query.bindings == ["08", "081", "x", "active"])
        let joined = Query.joined(["a = \(1)", "b = \(2)"], separator: " AND ")
        #expect(joined.sql == "a = $1 AND b = $2")
    }

    @Test func trustedSQLIsTextAndArraysAreLiterals() {
        let column = "tax_code"
        let query: Query = "SELECT \(sql: column) FROM t WHERE x = ANY(\(["a", "b\"c", "d\\e"])::text[]) AND y = \(true)"
        #expect(query.sql == "SELECT tax_code FROM t WHERE x = ANY($1::text[]) AND y = $2")
        #expect(query.bindings == [#"{"a","b\"c","d\\e"}"#, "true"])
    }

    @Test func valuesRoundTripThroughTheServerAndCopy() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        let hostile = "'); DROP TABLE t; --"
        let values = ["Hà Giang", "quote \" and \\ backslash", "{braces}", ""]
        let row = try #require(try connection.query("SELECT \(hostile)::text AS h, \(values)::text[] = ARRAY['Hà Giang', 'quote \" and \\ backslash', '{braces}', '']::text[] AS same").first)
        #expect(row["h"] == hostile)
        #expect(try row.decode("same", as: Bool.self))
        try connection.query("CREATE TABLE t (name text)")
        try connection.query("INSERT INTO t VALUES ('a'), (\(hostile))")
        var out: [UInt8] = []
        try connection.copyOut("COPY (SELECT name FROM t WHERE name = \(hostile)) TO STDOUT") { out += $0 }
        #expect(String(decoding: out, as: UTF8.self) == hostile + "\n")
        var streamed: [String?] = []
        try connection.forEachRow("SELECT name FROM t WHERE name <> \("zzz") ORDER BY name") { streamed.append($0["name"]) }
        #expect(streamed == [hostile, "a"])
    }
}
