import Foundation
import Postgres
@testable import Registry
import Testing
import TestSupport

/// A large first load sets its table's search indexes aside and builds them after its commit,
/// side by side on two connections (issue 15); indexes a dead process left set aside are built
/// by the next import of the table or by `khcn db migrate`.
@Suite struct SearchIndexBuildTests {
    static let indexes = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'enterprise'"

    /// What `buildSetAside` gives the second connection: the same server, database and login,
    /// the password included (a clerk's SCRAM login over 127.0.0.1).
    @Test func aConnectionsSettingsOpenAnotherAsTheSameLogin() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let first = try clerk.connect()
        let second = try Connection(first.settings)
        let who: Query = "SELECT current_user || '@' || current_database() || ':' || inet_server_addr()::text"
        #expect(try second.query(who).scalar == first.query(who).scalar)
        #expect(try second.query("SELECT current_user").scalar == clerk.login)
        // A password libpq must read back quoted: a quote, a backslash, a space.
        let login = "t_quoted_" + UUID().uuidString.prefix(8).lowercased()
        let password = #"it's a\b"#
        try database.connect().query(Query(sql: "CREATE ROLE \(login) LOGIN PASSWORD '\(password.replacingOccurrences(of: "'", with: "''"))'"))
        defer { _ = try? database.connect().query(Query(sql: "DROP ROLE \(login)")) }
        let port = ProcessInfo.processInfo.environment["PGPORT"] ?? "5432"
        let quoted = try Connection("host=127.0.0.1 port=\(port) dbname=\(database.name) user=\(login) sslmode=disable "
                                    + #"password='it\'s a\\b'"#)
        #expect(try Connection(quoted.settings).query("SELECT current_user").scalar == login)
    }

    /// A clerk's first load of 50,000 enterprises (the size from which indexes are set aside)
    /// returns with every index in place and valid, nothing left set aside.
    @Test func aLargeFirstLoadReturnsWithEveryIndexBuilt() throws {
        try withRegistry(as: .clerk) { session in
            let before = try session.connection.query(Query(sql: Self.indexes)).scalar
            var text = "tax_code,name,established_on\n"
            for (index, code) in TaxCodeCases.generated(count: SearchIndexes.threshold, from: 401_234_567).enumerated() {
                text += "\(code),Công ty Hợp tác Số \(index),01/02/2020\n"
            }
            let report = try importing(session, .enterprise, try temporaryFile(text))
            #expect(report.inserted == SearchIndexes.threshold && report.searchIndexesSetAside)
            #expect(try session.connection.query(Query(sql: Self.indexes)).scalar == before)
            #expect(try count(session, "SELECT count(*) FROM pg_index WHERE indrelid = 'enterprise'::regclass AND NOT (indisvalid AND indisready)") == 0)
            #expect(try count(session, "SELECT count(*) FROM khcn_deferred_search_indexes('enterprise')") == 0)
            // The trigram index answers a search.
            #expect(try count(session, "SELECT count(*) FROM enterprise WHERE khcn_search_text(name) LIKE '%hop0tac0so01234%'") == 11)
        }
    }

    /// Indexes set aside by a load committed without building them (its process died) are
    /// built by the next import of the table, however small, and by `khcn db migrate`.
    @Test(arguments: ["import", "migrate"])
    func indexesLeftSetAsideAreBuiltByTheNextImportOrByMigrate(by builder: String) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let owner = try database.connect()
        let before = try owner.query(Query(sql: Self.indexes)).scalar
        let raw = try clerk.connect()
        try raw.query("BEGIN")
        #expect(try raw.query("SELECT khcn_defer_search_indexes('enterprise'::regclass)").scalar == "2")
        try raw.query("COMMIT")
        #expect(try owner.query(Query(sql: Self.indexes)).scalar == "enterprise_pkey")
        #expect(try raw.query("SELECT string_agg(n, ',') FROM khcn_deferred_search_indexes('enterprise') n").scalar
                == "enterprise_in_list_order,enterprise_name_trigrams")
        if builder == "import" {
            let report = try importing(try clerk.session(), .enterprise, try temporaryFile("tax_code,name\n0101248141,Công ty A\n"))
            #expect(report.inserted == 1 && !report.searchIndexesSetAside)
        } else {
            let migrator = try Migrator(connection: owner, directory: try Migrator.locateDirectory())
            _ = try migrator.migrate()
            #expect(try migrator.buildSetAsideSearchIndexes() == 2)
        }
        #expect(try owner.query(Query(sql: Self.indexes)).scalar == before)
        #expect(try owner.query("SELECT count(*) FROM khcn_deferred_index").scalar == "0")
    }
}
