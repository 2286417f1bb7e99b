import Postgres
@testable import Registry
import Testing
import TestSupport

/// An import's second connection merges the trigram index's pending list while the import
/// writes (issue 15), as a clerk, whatever transaction wrote the entries.
@Suite struct NameTrigramMergerTests {
    static let pending: Query = "SELECT pending_tuples FROM pgstatginindex('enterprise_name_trigrams')"

    @Test func aClerksSecondConnectionMergesWhatAnotherTransactionWrote() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let owner = try database.connect()
        try owner.query("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        // Without the statement's own merge, the names stay in the list, as in a statement still writing.
        try owner.query("ALTER TABLE enterprise DISABLE TRIGGER enterprise_name_trigrams_merged")
        let codes = ImportIntegrityTests.taxCodes(count: 2_000).joined(separator: ",")
        try owner.query("""
            INSERT INTO enterprise (province_code, tax_code, name)
            SELECT '08', code, 'Công ty Hợp tác ' || code FROM unnest(string_to_array(\(codes), ',')) AS code
            """)
        #expect(try Int(owner.query(Self.pending).scalar ?? "0") ?? 0 > 1_000)
        let clerk = try database.createLogin(.clerk).connect()
        NameTrigramMerger(settings: clerk.settings).finish()
        #expect(try owner.query(Self.pending).scalar == "0")
        #expect(try owner.query("SELECT count(*) FROM enterprise WHERE khcn_search_text(name) LIKE '%hop0tac%'").scalar == "2000")
    }
}
