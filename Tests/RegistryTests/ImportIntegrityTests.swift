import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Nothing lost, nothing false: what an import says it did is what it did, and what it leaves
/// behind (batches, their ids, files) tells no lie.
@Suite struct ImportIntegrityTests {
    // MARK: Compared as the database stores it

    /// U+2126 OHM SIGN and U+212B ANGSTROM SIGN become U+03A9 and U+00C5 in NFC, which the
    /// database stores: the same file again is all `unchanged`, in a field and in a key.
    @Test func cellsThatNFCChangesAreUnchangedOnReimport() throws {
        try withRegistry { session in
            try register("0101248141", in: session)
            let enterprises = try temporaryFile("tax_code,name,address\n0100109106,Công ty 5\u{2126},Phòng 3 \u{212B}\n")
            let certificates = try temporaryFile("tax_code,certificate_number,issued_on\n0101248141,01/2024-\u{212B},2024-03-01\n")
            #expect(try importing(session, .enterprise, enterprises).inserted == 1)
            #expect(try importing(session, .certificate, certificates).inserted == 1)
            let audited = try count(session, "SELECT count(*) FROM audit_log")
            let again = try importing(session, .enterprise, enterprises)
            #expect(again.unchanged == 1 && again.updated == 0 && again.inserted == 0, "\(again.errors)")
            let certificatesAgain = try importing(session, .certificate, certificates)
            #expect(certificatesAgain.valid, "\(certificatesAgain.errors)")
            #expect(certificatesAgain.unchanged == 1 && certificatesAgain.inserted == 0 && certificatesAgain.updated == 0)
            #expect(try count(session, "SELECT count(*) FROM audit_log") == audited)
            #expect(try session.connection.query("SELECT name FROM enterprise WHERE tax_code = '0100109106'").scalar == "Công ty 5\u{03A9}")
        }
    }

    // MARK: Outputs opened first

    @Test func anUnwritableRejectsPathIsExit66WithNothingChanged() throws {
        let source = try temporaryFile("tax_code,name\n0101248141,A\n101248141,B\n")
        try withRegistry { session in
            for path in ["/nonexistent/rejects.csv", FileManager.default.temporaryDirectory.path, source] {
                let error = try #require(throws: RegistryError.self) {
                    try importing(session, .enterprise, source) { $0.maxErrors = 1; $0.rejectsPath = path }
                }
                #expect(error.exitCode == 66, "\(path)")
                #expect(error.field == "rejects")
            }
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
            #expect(try count(session, "SELECT count(*) FROM import_batch") == 0)
            #expect(try String(contentsOfFile: source, encoding: .utf8) == "tax_code,name\n0101248141,A\n101248141,B\n")
        }
    }

    @Test func theRejectsFileIsWrittenEvenWithNoBadRowAndLeftOutWhenTheInputIsMissing() throws {
        let source = try temporaryFile("tax_code,name\r\n0101248141,A\r\n")
        let rejects = source + ".rejects.csv"
        try withRegistry { session in
            let report = try importing(session, .enterprise, source) { $0.rejectsPath = rejects }
            #expect(report.exitCode == 0)
            #expect(try String(contentsOfFile: rejects, encoding: .utf8) == "tax_code,name\r\n")
            let missing = rejects + ".2"
            #expect(throws: RegistryError.self) { try importing(session, .enterprise, source + ".missing") { $0.rejectsPath = missing } }
            #expect(!FileManager.default.fileExists(atPath: missing))
        }
    }

    // MARK: Dry runs agree with imports

    /// A dry run within `--max-errors` exits 0 like the import it stands for (contract §3),
    /// on both paths: row by row (small files) and set-based (above `rowByRowLimit` rows).
    @Test(arguments: [3, 20_005])
    func aDryRunWithinMaxErrorsExitsLikeTheImport(rows: Int) throws {
        var text = "tax_code,name\n101248141,Mất số 0\n"
        for code in ImportIntegrityTests.taxCodes(count: rows - 1) { text += "\(code),Công ty \(code)\n" }
        let path = try temporaryFile(text)
        try withRegistry { session in
            let dry = try importing(session, .enterprise, path) { $0.dryRun = true; $0.maxErrors = 1 }
            #expect(dry.exitCode == 0 && !dry.valid && dry.rejected == 1 && dry.inserted == rows - 1)
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
            let real = try importing(session, .enterprise, path) { $0.maxErrors = 1 }
            #expect(real.exitCode == dry.exitCode && real.inserted == dry.inserted && real.rejected == dry.rejected)
            let strict = try importing(session, .enterprise, path) { $0.dryRun = true }
            #expect(strict.exitCode == 65)   // no --max-errors: refused, like the import
        }
    }

    // MARK: Ids without gaps

    /// Neither a dry run nor an import that the database refuses and rolls back uses up a batch
    /// number: the batches in the database are numbered 1, 2, 3, … (SQL/0015).
    @Test func refusedImportsAndDryRunsLeaveNoGapInBatchIds() throws {
        try withRegistry { session in
            let first = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n"))
            #expect(first.batch == 1)
            // A lapse needs a granted title: the database refuses line 3 during the upsert,
            // after the batch row was written; the whole import rolls back.
            let refused = """
                kind,application_number,filed_on,title,applicant_name,lapsed_on
                invention,1-2020-00001,2020-01-01,A,Viện X,
                invention,1-2020-00002,2020-01-01,B,Viện X,2021-01-01

                """
            let rolledBack = try importing(session, .ip, try temporaryFile(refused))
            #expect(rolledBack.exitCode == 65 && rolledBack.errors.map(\.line) == [3])
            let dry = try importing(session, .ip, try temporaryFile(refused)) { $0.dryRun = true; $0.maxErrors = 1 }
            #expect(dry.exitCode == 0)
            let next = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0100109106,B\n"))
            #expect(next.batch == 2)
            #expect(try session.connection.query("SELECT string_agg(id::text, ',' ORDER BY id) FROM import_batch").scalar == "1,2")
        }
    }

    /// The batch records the size and SHA-256 of exactly the bytes read.
    @Test func theBatchRecordsTheSizeOfTheFile() throws {
        let text = "\u{FEFF}tax_code,name\n0101248141,Công ty A\n"
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile(text, name: "doanh-nghiep.csv"))
            let row = try #require(try session.connection.query("SELECT file_name, size FROM import_batch WHERE id = \(report.batch)").first)
            #expect(row["file_name"] == "doanh-nghiep.csv" && row["size"] == String(text.utf8.count))
        }
    }

    /// Valid 10-digit tax codes (check digit 10 − Σ w·d mod 11).
    static func taxCodes(count: Int, from start: Int = 300_001_000) -> [String] {
        TaxCodeCases.generated(count: count, from: start)
    }
}
