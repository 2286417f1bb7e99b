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
        #expect(try upsert.existingRecords(staged: 10) == .mergedJoined)
    }

    /// A clerk's registry of 50 enterprises (the first 50 of `codes`, all at "Số 1"), analysed;
    /// `counted` false: the server keeps no row counts for that login (`track_counts` off).
    /// The caller drops `database`.
    private func fiftyEnterprises(counted: Bool) throws -> (database: TestDatabase, session: RegistrySession, codes: [String]) {
        let database = try TestDatabase.create()
        do {
            let login = try database.createLogin(.clerk)
            if !counted { try database.connect().query("ALTER ROLE \(sql: login.login) SET track_counts = off") }
            let session = try login.session()
            let codes = ImportIntegrityTests.taxCodes(count: 60)
            let first = try importing(session, .enterprise, try temporaryFile(
                "tax_code,name,address\n" + codes.prefix(50).map { "\($0),Công ty \($0),Số 1" }.joined(separator: "\n") + "\n"))
            #expect(first.inserted == 50)
            try database.connect().query("ANALYZE enterprise")
            return (database, session, codes)
        } catch {
            database.drop()
            throw error
        }
    }

    /// Imports the first three of the fifty changed (name "… mới", "Số 2"), the next `unchanged`
    /// as they are, and five new ones, and checks what every way of writing them must leave:
    /// the counts, the records, and an audit row for each one written.
    private func expectThreeChangedAndFiveNew(_ session: RegistrySession, _ codes: [String], unchanged: Int,
                                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rows = codes[0..<3].map { "\($0),Công ty \($0) mới,Số 2" } + codes[3..<3 + unchanged].map { "\($0),Công ty \($0),Số 1" }
            + codes[50..<55].map { "\($0),Công ty \($0),Số 3" }
        let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n" + rows.joined(separator: "\n") + "\n"))
        #expect((report.inserted, report.updated, report.unchanged) == (5, 3, unchanged), "\(report.errors)", sourceLocation: sourceLocation)
        #expect(try count(session, "SELECT count(*) FROM enterprise WHERE name LIKE '% mới' AND address = 'Số 2'") == 3, sourceLocation: sourceLocation)
        #expect(try count(session, "SELECT count(*) FROM enterprise WHERE address = 'Số 1'") == 47, sourceLocation: sourceLocation)
        #expect(try count(session, "SELECT count(*) FROM enterprise") == 55, sourceLocation: sourceLocation)
        for (action, written) in [("update", 3), ("insert", 5)] {
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(report.batch) AND action = \(action)") == written,
                    "\(action)", sourceLocation: sourceLocation)
        }
    }

    /// A file as large as the table (a re-import) is joined to it once, by one MERGE (issue
    /// 15: the UPDATE and the INSERT's anti-join each joined it); where the server counts no
    /// rows, by the two statements. The same records, counts and audit rows either way.
    @Test(arguments: [true, false]) func aFileAsLargeAsTheTableIsJoinedOnceAndWritesTheSameRecords(counted: Bool) throws {
        let (database, session, codes) = try fiftyEnterprises(counted: counted)
        defer { database.drop() }
        #expect(try ImportUpsert(session: session, kind: .enterprise).existingRecords(staged: 55) == (counted ? .mergedJoined : .joined))
        // The whole file again: three changed, 47 as they are, five new.
        try expectThreeChangedAndFiveNew(session, codes, unchanged: 47)
        let merge = UpsertSQL.statements(.enterprise, in: "08", line: nil, existing: .mergedJoined).map(\.query.description)
        #expect(merge.count == 1 && merge[0].hasPrefix("MERGE INTO enterprise x") && !merge[0].contains("= ANY"), "\(merge)")
        #expect(UpsertSQL.statements(.ip, in: "08", line: nil, existing: .mergedJoined).count == 3)
    }

    /// A small file beside a larger table is matched by key (issue 15), in one MERGE whose
    /// counts are the server's own count of the transaction's rows, and writes what the join
    /// would: the changed rows, the new ones, nothing else. Where the server counts no rows
    /// (`track_counts` off, here for this login alone), an UPDATE and an INSERT that each probe by
    /// key write and count the same.
    @Test(arguments: [true, false]) func aSmallFileIsMatchedByKeyAndWritesTheSameRecords(counted: Bool) throws {
        let (database, session, codes) = try fiftyEnterprises(counted: counted)
        defer { database.drop() }
        let upsert = ImportUpsert(session: session, kind: .enterprise)
        #expect(try upsert.existingRecords(staged: 10) == (counted ? .merged : .probedByKey))
        // Three changed, two as they are, five new.
        try expectThreeChangedAndFiveNew(session, codes, unchanged: 2)
        let update = UpsertSQL.spec(.fund).update(in: "08", line: nil, tracked: false, existing: .probedByKey).description
        #expect(update.contains("x.tax_code = ANY (ARRAY(SELECT s.tax_code FROM import_staging s WHERE NOT s.rejected))"), "\(update)")
        let merge = UpsertSQL.statements(.fund, in: "08", line: nil, existing: .merged).map(\.query.description)
        #expect(merge.count == 1 && merge[0].hasPrefix("MERGE INTO st_fund x"), "\(merge)")
        #expect(merge[0].contains("x.tax_code = ANY (ARRAY(SELECT s.tax_code FROM import_staging s WHERE NOT s.rejected))"), "\(merge)")
        // IP lists what its statements touch: never merged.
        #expect(UpsertSQL.statements(.ip, in: "08", line: nil, existing: .merged).count == 3)
    }

    /// A row of a merged file that only the database can refuse (a status dated before the
    /// founding date it keeps) fails the MERGE; each row is then tried on its own, that line is
    /// named, and the others are written and counted once.
    @Test func aRowTheDatabaseRefusesInAMergedFileIsNamed() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let session = try database.createLogin(.clerk).session()
        let codes = ImportIntegrityTests.taxCodes(count: 60)
        _ = try importing(session, .enterprise, try temporaryFile(
            "tax_code,name,established_on\n" + codes.prefix(50).map { "\($0),Công ty \($0),01/01/2020" }.joined(separator: "\n") + "\n"))
        try database.connect().query("ANALYZE enterprise")
        #expect(try ImportUpsert(session: session, kind: .enterprise).existingRecords(staged: 5) == .merged)
        let rows = ["\(codes[0]),Công ty \(codes[0]) mới,,", "\(codes[1]),Công ty \(codes[1]),dissolved,01/06/2019",
                    "\(codes[50]),Công ty \(codes[50]),,", "\(codes[51]),Công ty \(codes[51]),,"]
        let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,status,status_on\n" + rows.joined(separator: "\n") + "\n")) {
            $0.maxErrors = 1
        }
        #expect((report.inserted, report.updated, report.rejected) == (2, 1, 1), "\(report.errors)")
        #expect(report.errors.map(\.line) == [3], "\(report.errors)")
        #expect(try count(session, "SELECT count(*) FROM enterprise WHERE status = 'dissolved'") == 0)
        #expect(try count(session, "SELECT count(*) FROM enterprise") == 52)
    }

    @Test func onlyTheProvinceWithRecordsIsSearched() {
        let none = UpsertSQL.spec(.certificate).insert(in: "08", line: nil, tracked: false, existing: .nothingHeld).description
        let joined = UpsertSQL.spec(.certificate).insert(in: "08", line: nil, tracked: false, existing: .joined).description
        #expect(!none.contains("FROM st_certificate x"))
        #expect(joined.contains("NOT EXISTS (SELECT 1 FROM st_certificate x"))
    }
}
