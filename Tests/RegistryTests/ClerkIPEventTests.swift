import Foundation
import Postgres
import Registry
import TestSupport
import Testing

/// SQL/0026: a clerk's IP events are checked with the owner's rights, so that row-level
/// security does not turn the per-event application lookup into a scan of the province (the
/// time is `Scripts/bench`'s to measure, contract §8); the rules still hold for a clerk and
/// the owner's rights tell a clerk nothing about another province. And the first-load index
/// deferral that the bench's 1M initial import takes works for a clerk.
@Suite struct ClerkIPEventTests {
    /// Applications 1-2020-00001… of `province`, each filed 2020-01-01.
    static func applications(_ count: Int, province: String) -> String {
        """
        INSERT INTO ip_application (province_code, application_number, kind, filed_on, title, applicant_name)
        SELECT '\(province)', format('1-2020-%s', lpad(i::text, 5, '0')), 'invention', '2020-01-01', 'Sáng chế', 'Viện X'
          FROM generate_series(1, \(count)) AS i
        """
    }

    @Test func theLifeCycleStillHoldsForAClerkAndAnotherProvinceStaysUnseen() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try database.connect().query(Query(sql: ClerkIPEventTests.applications(1, province: "01")))
        let clerk = try database.createLogin(.clerk, provinces: ["08"])
        let raw = try clerk.connect()
        try raw.query(Query(sql: ClerkIPEventTests.applications(1, province: "08")))
        // A lapse needs a granted title: the trigger, with the owner's rights, still refuses it.
        let refused = SecurityTests.sqlstate {
            try raw.query("INSERT INTO ip_event (province_code, application_number, event, event_on) VALUES ('08', '1-2020-00001', 'lapsed', '2021-01-01')")
        }
        #expect(refused != nil && refused != "42501")
        // In 01 the same event is refused by the policy alone: no life-cycle message, which
        // would tell the clerk that 01 holds that application and in what state.
        do {
            try raw.query("INSERT INTO ip_event (province_code, application_number, event, event_on) VALUES ('01', '1-2020-00001', 'lapsed', '2021-01-01')")
            Issue.record("an event in 01 was accepted from a clerk of 08")
        } catch let error as PostgresError {
            #expect(error.sqlstate == "42501")
            #expect(error.message.contains("row-level security"), "\(error.message)")
        }
    }

    /// The first load of ≥50,000 rows into an empty table (the bench's 1M initial import)
    /// drops the search indexes and rebuilds them afterwards through SQL/0021's definer
    /// functions: a clerk may ask for both, and gets back what was dropped.
    @Test func aClerkDefersAndRebuildsTheSearchIndexesOfAnEmptyTable() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk, provinces: ["08"])
        let raw = try clerk.connect()
        let indexes = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'enterprise'"
        let before = try raw.query(Query(sql: indexes)).scalar
        try raw.query("BEGIN")
        let dropped = Int(try raw.query("SELECT khcn_defer_search_indexes('enterprise'::regclass)").scalar ?? "0") ?? 0
        #expect(dropped > 0)
        #expect(try raw.query(Query(sql: indexes)).scalar != before)
        #expect(try raw.query("SELECT khcn_rebuild_search_indexes('enterprise'::regclass)").scalar == "\(dropped)")
        try raw.query("COMMIT")
        #expect(try raw.query(Query(sql: indexes)).scalar == before)
    }
}
