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

    /// A small file beside a larger table is matched by key, for the UPDATE as for the INSERT
    /// (issue 15), and writes what the join would: the changed rows, the new ones, nothing else.
    @Test func aSmallFileIsMatchedByKeyAndWritesTheSameRecords() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let session = try database.createLogin(.clerk).session()
        let codes = ImportIntegrityTests.taxCodes(count: 60)
        let first = try importing(session, .enterprise, try temporaryFile(
            "tax_code,name,address\n" + codes.prefix(50).map { "\($0),Công ty \($0),Số 1" }.joined(separator: "\n") + "\n"))
        #expect(first.inserted == 50)
        try database.connect().query("ANALYZE enterprise")
        let upsert = ImportUpsert(session: session, kind: .enterprise)
        #expect(try upsert.existingRecords(staged: 10) == .probedByKey)
        // Three changed, two as they are, five new.
        let rows = codes[0..<3].map { "\($0),Công ty \($0) mới,Số 2" } + codes[3..<5].map { "\($0),Công ty \($0),Số 1" }
            + codes[50..<55].map { "\($0),Công ty \($0),Số 3" }
        let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n" + rows.joined(separator: "\n") + "\n"))
        #expect((report.inserted, report.updated, report.unchanged) == (5, 3, 2), "\(report.errors)")
        #expect(try count(session, "SELECT count(*) FROM enterprise WHERE name LIKE '% mới' AND address = 'Số 2'") == 3)
        #expect(try count(session, "SELECT count(*) FROM enterprise WHERE address = 'Số 1'") == 47)
        #expect(try count(session, "SELECT count(*) FROM enterprise") == 55)
        #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(report.batch) AND action = 'update'") == 3)
        let update = UpsertSQL.spec(.fund).update(in: "08", line: nil, tracked: false, existing: .probedByKey).description
        #expect(update.contains("x.tax_code = ANY (ARRAY(SELECT s.tax_code FROM import_staging s WHERE NOT s.rejected))"), "\(update)")
    }

    @Test func onlyTheProvinceWithRecordsIsSearched() {
        let none = UpsertSQL.spec(.certificate).insert(in: "08", line: nil, tracked: false, existing: .nothingHeld).description
        let joined = UpsertSQL.spec(.certificate).insert(in: "08", line: nil, tracked: false, existing: .joined).description
        #expect(!none.contains("FROM st_certificate x"))
        #expect(joined.contains("NOT EXISTS (SELECT 1 FROM st_certificate x"))
    }
}
