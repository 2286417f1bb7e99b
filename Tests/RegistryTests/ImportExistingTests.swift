import Postgres
@testable import Registry
import TestSupport
import Testing

/// How an import's INSERT tells new rows from rows the province already holds
/// (`UpsertSQL.Existing`). A province without a record of the table needs no test at all, so no
/// anti-join reads the table while the INSERT fills it: planned from statistics that say
/// "empty" (an operator's `VACUUM ANALYZE` before a first load), that anti-join re-read every
/// page inserted so far for each staged row (issue 15: 100,000 certificates 187 s, then 16 s).
@Suite struct ImportExistingTests {
    @Test func aProvinceWithoutRecordsLooksForNone() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let session = try database.createLogin(.clerk).session()
        let upsert = ImportUpsert(session: session, kind: .enterprise)
        #expect(try upsert.existingRecords(staged: 10) == .nothingHeld)
        // Another province's records are not this one's.
        let owner = try database.connect()
        let other = try #require(try owner.query("SELECT min(code) FROM province WHERE code <> '08'").scalar)
        try owner.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES (\(other), '0100109106', 'B')")
        #expect(try upsert.existingRecords(staged: 10) == .nothingHeld)
        try owner.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0101248141', 'A')")
        #expect(try upsert.existingRecords(staged: 10) == .joined)
    }

    @Test func onlyTheProvinceWithRecordsIsSearched() {
        let none = UpsertSQL.spec(.certificate).insert(in: "08", line: nil, tracked: false, existing: .nothingHeld).description
        let joined = UpsertSQL.spec(.certificate).insert(in: "08", line: nil, tracked: false, existing: .joined).description
        #expect(!none.contains("FROM st_certificate x"))
        #expect(joined.contains("NOT EXISTS (SELECT 1 FROM st_certificate x"))
    }
}
