import Foundation
@testable import Registry
import TestSupport
import Testing

/// What an import no longer does when the file cannot need it (issue 15: an everyday file is
/// measured against a 0.1 s `\copy`, so fixed costs count): the check of a key twice in the
/// file is skipped when staging saw every key once (`StagedKeys`), the staging ANALYZE reads
/// only the columns the checks and the upsert match on, and `import_touched` is made for IP
/// only. Each test holds the behaviour these shortcuts must not change.
@Suite struct ImportFixedCostTests {
    /// A record of `text` as the parser gives it, and its staged values under `columns`.
    private func staged(_ text: String, _ kind: RecordKind) throws -> [(CSVRecord, [StagedValue?])] {
        let columns = ImportColumns.columns(kind)
        var records: [CSVRecord] = []
        var parser = CSVParser(delimiter: 0x2C)
        try parser.feed(Array(text.utf8)) { records.append($0) }
        try parser.finish { records.append($0) }
        let (mapping, problems) = ImportHeader.map(records[0].fields, columns: columns)
        #expect(problems.isEmpty)
        let decoder = RowDecoder(columns: columns, mapping: mapping, headerWidth: records[0].fields.count, dateOrder: .dmy,
                                 rules: RowRules(kind: kind, columns: columns, today: "2026-12-01"))
        return records.dropFirst().map { record in
            var values: [StagedValue?] = []
            #expect(decoder.decode(record, into: &values).isEmpty)
            return (record, values)
        }
    }

    @Test func stagingTellsWhetherAKeyMayStandTwice() throws {
        // The same code read from its bytes (line 2) and through the text path (line 4, spaced).
        let rows = try staged("tax_code,name\n0101248141,A\n0100109106,B\n\"0101 248 141\",C\n", .enterprise)
        let keys = StagedKeys(.enterprise, columns: ImportColumns.columns(.enterprise))
        keys.add(rows[0].0, rows[0].1)
        keys.add(rows[1].0, rows[1].1)
        #expect(!keys.mayRepeat)
        keys.add(rows[2].0, rows[2].1)
        #expect(keys.mayRepeat)
        // A key compared as a date is never ruled out by its text: the SQL check always runs.
        #expect(StagedKeys(.fund, columns: ImportColumns.columns(.fund)).mayRepeat)
        #expect(StagedKeys(.fundAllocation, columns: ImportColumns.columns(.fundAllocation)).mayRepeat)
        #expect(!StagedKeys(.certificate, columns: ImportColumns.columns(.certificate)).mayRepeat)
        // Past its limit a file is taken as one that may repeat a key: memory stays bounded
        // whatever the file size (contract §8), and the SQL check runs.
        let bounded = StagedKeys(.enterprise, columns: ImportColumns.columns(.enterprise), limit: 2)
        bounded.add(rows[0].0, rows[0].1)
        #expect(!bounded.mayRepeat)
        bounded.add(rows[1].0, rows[1].1)
        #expect(bounded.mayRepeat)
    }

    /// Keys in order need no memory past the limit, their order rules a repeat out; keys out
    /// of order are told by their hashes, whichever row repeats which.
    @Test func keysInOrderOrNotAreToldApart() throws {
        let codes = ["0100109106", "0100111948", "0100112437", "0101248141", "0102100740"]
        let rows = try staged("tax_code,name\n" + codes.map { "\($0),A\n" }.joined(), .enterprise)
        let columns = ImportColumns.columns(.enterprise)
        func keys(_ order: [Int], limit: Int = StagedKeys.limit) -> StagedKeys {
            let keys = StagedKeys(.enterprise, columns: columns, limit: limit)
            for i in order { keys.add(rows[i].0, rows[i].1) }
            return keys
        }
        #expect(!keys([0, 1, 2, 3, 4]).mayRepeat)
        #expect(!keys([0, 1, 2, 3, 4], limit: 2).mayRepeat)      // in order: past the limit all the same
        #expect(keys([0, 1, 2, 4, 3], limit: 2).mayRepeat)       // out of order past it: the SQL check runs
        #expect(!keys([3, 0, 4, 1, 2]).mayRepeat)
        #expect(keys([3, 0, 4, 1, 0]).mayRepeat)
        #expect(keys([0, 1, 2, 3, 3]).mayRepeat)                 // the order breaks at the repeat itself
        let growing = keys([4, 0, 1])
        #expect(!growing.mayRepeat)
        growing.add(rows[4].0, rows[4].1)                        // asked again after another row
        #expect(growing.mayRepeat)
    }

    @Test func aKeyTwiceIsReportedWhicheverPathItsCellsTook() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile(
                "tax_code,name\n0101248141,A\n0100109106,B\n\"0101 248 141\",C\n"))
            #expect(report.errors.map(\.kind) == [.unique])
            #expect(report.errors.first?.line == 4)
            #expect(report.errors.first?.english.contains("line 2") == true)
            // Distinct keys: nothing refused, every row written.
            let clean = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n0100109106,B\n"))
            #expect(clean.valid && clean.inserted == 2, "\(clean.errors)")
            // A fund's key holds a date: the same day written two ways is the same key.
            let funds = try importing(session, .fund, try temporaryFile(
                "tax_code,established_on\n0101248141,2024-02-01\n0101248141,01/02/2024\n"))
            #expect(funds.errors.map(\.kind) == [.unique], "\(funds.errors)")
            #expect(funds.errors.first?.line == 3)
        }
    }

    @Test func theStagingStatisticsNameOnlyStagedColumns() {
        for kind in RecordKind.allCases where kind != .ipEvent {
            let staged = Set(ImportColumns.columns(kind).map(\.name))
            let analyzed = RegistryChecks.analyzedColumns(kind)
            #expect(Array(analyzed.prefix(2)) == ["line", "rejected"])
            #expect(analyzed.dropFirst(2).allSatisfy(staged.contains), "\(kind): \(analyzed)")
            #expect(UpsertSQL.spec(kind).keys.allSatisfy { analyzed.contains($0.column) }, "\(kind)")
        }
    }

    /// A small sample, yet the row count the plans read stays exact, and every staged column
    /// outside the analysed ones is left without statistics (run on a real staging table).
    @Test func theStagingStatisticsSampleFewRowsAndCountThemAll() throws {
        try withRegistry { session in
            let connection = session.connection
            try connection.execute(script: "BEGIN;\n" + ImportStaging.createTables(.enterprise, columns: ImportColumns.columns(.enterprise)))
            defer { try? connection.execute(script: "ROLLBACK") }
            try connection.execute(script: """
                INSERT INTO import_staging (line, end_line, tax_code, name, established_on)
                SELECT n, n, lpad(n::text, 10, '0'), 'Công ty ' || n, '01/02/2020' FROM generate_series(2, 10001) AS n
                """)
            try connection.execute(script: RegistryChecks.analyzeScript(.enterprise))
            let table = try #require(connection.query("""
                SELECT c.reltuples::bigint AS counted,
                       (SELECT max(cardinality(histogram_bounds::text::text[])) FROM pg_stats
                         WHERE tablename = 'import_staging' AND attname IN ('line', 'tax_code')) AS bounds,
                       (SELECT array_agg(attname::text ORDER BY attname) FROM pg_stats WHERE tablename = 'import_staging') AS analysed
                  FROM pg_class c WHERE c.oid = 'import_staging'::regclass
                """).first)
            #expect(try table.decode("counted", as: Int.self) == 10_000)
            #expect(try table.decode("bounds", as: Int.self) <= RegistryChecks.statisticsTarget + 1)
            #expect(table["analysed"] == "{" + RegistryChecks.analyzedColumns(.enterprise).sorted().joined(separator: ",") + "}")
        }
    }

    /// A large file's statements over the whole of it get 512 MB for the transaction, the dry
    /// run's count included (its hash of a million records spilled to eight temporary batches
    /// at 32 MB); a small file leaves the server's setting as it is.
    @Test func aLargeFileIsJoinedInMemoryAndASmallOneUnderTheServersSetting() throws {
        try withRegistry { session in
            let connection = session.connection
            let server = try #require(connection.query("SELECT current_setting('work_mem') AS m").first?["m"])
            for (staged, expected) in [(SearchIndexes.threshold - 1, server), (SearchIndexes.threshold, "512MB")] {
                try connection.execute(script: "BEGIN;\n" + ImportStaging.createTables(.enterprise, columns: ImportColumns.columns(.enterprise)))
                var report = ImportReport()
                try DryRunEstimate(session: session, kind: .enterprise).count(staged: staged, into: &report)
                let setting = try connection.query("SELECT current_setting('work_mem') AS m").first?["m"]
                try connection.execute(script: "ROLLBACK")
                #expect(setting == expected, "\(staged) staged rows")
            }
            #expect(try connection.query("SELECT current_setting('work_mem') AS m").first?["m"] == server)
        }
    }

    /// The reader hands a file on in pieces of at most 64 KB, every byte once: the staging
    /// COPY then sends the first rows while it checks the next.
    @Test func aFileIsHandedOnInPiecesTheServerCanStoreWhileTheRestIsRead() throws {
        let row = "0101248141,Công ty Thương mại Tân Trào,01/02/2003\n"
        let text = "tax_code,name,established_on\n" + String(repeating: row, count: 4_000)
        let reader = try SourceReader(path: try temporaryFile(text), encoding: nil)
        var pieces: [[UInt8]] = []
        while let piece = try reader.next() { pieces.append(piece) }
        #expect(pieces.count == (text.utf8.count + 65_535) / 65_536)
        #expect(pieces.allSatisfy { $0.count <= 65_536 })
        #expect(pieces.flatMap { $0 } == Array(text.utf8))
    }

    /// The staging table is analysed for the checks that join it and for files past the
    /// row-by-row limit, not for a small file that goes straight to the upsert.
    @Test func onlyAFileThatIsJoinedGathersStagingStatistics() {
        #expect(!RegistryChecks.gathersStatistics(checks: 0, staged: 10_000))
        #expect(RegistryChecks.gathersStatistics(checks: 1, staged: 10))
        #expect(RegistryChecks.gathersStatistics(checks: 0, staged: ImportUpsert.rowByRowLimit + 1))
    }

    /// A small file's staging table gets room for itself, not the 512 MB a million rows need
    /// (every local buffer's descriptor is set up when the table is first written); a file of
    /// unknown size (a pipe) gets the most. Checked on a real session's setting.
    @Test func theStagingTableGetsLocalBuffersForItsFile() throws {
        #expect(ImportStaging.localBuffers(fileSize: 0) == 8)
        #expect(ImportStaging.localBuffers(fileSize: 1_607_273) == 20)   // the bench's everyday file
        #expect(ImportStaging.localBuffers(fileSize: 160_791_193) == 512)
        #expect(ImportStaging.localBuffers(fileSize: nil) == 512)
        try withRegistry { session in
            let connection = session.connection
            try connection.execute(script: "BEGIN;\n" + ImportStaging.createTables(.enterprise, columns: ImportColumns.columns(.enterprise), fileSize: 1_607_273))
            defer { try? connection.execute(script: "ROLLBACK") }
            #expect(try connection.query("SELECT current_setting('temp_buffers') AS b").first?["b"] == "20MB")
        }
    }

    @Test func onlyAnIPImportMakesItsListOfTouchedApplications() {
        let enterprise = ImportStaging.createTables(.enterprise, columns: ImportColumns.columns(.enterprise))
        #expect(enterprise.contains("CREATE TEMP TABLE import_staging") && !enterprise.contains("import_touched"))
        #expect(ImportStaging.createTables(.ip, columns: ImportColumns.columns(.ip)).contains("CREATE TEMP TABLE import_touched"))
    }

    @Test func theBatchNumberReachesTheAuditRowsOfItsImport() throws {
        try withRegistry { session in
            let first = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n"))
            let second = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,B\n0100109106,C\n"))
            let batches = [try #require(first.batch), try #require(second.batch)]
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(batches[0])") == 1)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(batches[1]) AND action = 'update'") == 1)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(batches[1]) AND action = 'insert'") == 1)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE kind = 'enterprise' AND batch IS NULL") == 0)
        }
    }
}
