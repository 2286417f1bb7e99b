import Foundation
@testable import Registry
import TestSupport
import Testing

/// Bad files and bad rows: each problem named by line, field and value (contract §6).
@Suite struct ImportRuleTests {
    @Test func emptyFileIsAHeaderErrorAndHeaderOnlyIsValid() throws {
        try withRegistry { session in
            let empty = try importing(session, .enterprise, try temporaryFile(""))
            #expect(empty.errors.first?.kind == .header)
            #expect(empty.exitCode == 65)
            let header = try importing(session, .enterprise, try temporaryFile("tax_code,name\n"))
            #expect(header.valid && header.exitCode == 0 && header.rows == 0)
        }
    }

    @Test func unknownDuplicateAndMissingHeadersAreHeaderErrors() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("MST,tax code,ghi chú\n0101248141,0101248141,x\n"))
            let kinds = report.errors.map(\.kind)
            #expect(kinds.allSatisfy { $0 == .header })
            #expect(report.errors.count == 3)   // duplicate tax_code, unknown "ghi chú", missing name
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
        }
    }

    @Test func oneBadRowRejectsTheWholeFile() throws {
        let file = "tax_code,name,established_on\n0101248141,A,2020-01-01\n101248141,B,31/02/2025\n0100109106,C,45123\n0101248141,D,01/01/2020\n"
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile(file))
            #expect(!report.valid)
            #expect(report.exitCode == 65)
            #expect(report.batch == nil)
            let byLine = Dictionary(grouping: report.errors, by: { $0.line ?? 0 })
            #expect(byLine[3]?.map(\.field) == ["tax_code", "established_on"])
            #expect(byLine[3]?.first?.english.contains("leading zero") == true)
            #expect(byLine[4]?.first?.english.contains("Excel serial date") == true)
            #expect(byLine[5]?.first?.kind == .unique)
            #expect(byLine[5]?.first?.english.contains("line 2") == true)
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
            #expect(try count(session, "SELECT count(*) FROM import_batch") == 0)
        }
    }

    @Test func maxErrorsLoadsTheGoodRowsAndWritesTheBadOnesAsTheirOriginalBytes() throws {
        // A line break inside a quoted cell: allowed in an address only (contract §4).
        let original = Array("MST;Tên doanh nghiệp;Địa chỉ\r\n0101248141;A;\r\n101248141;B;\r\n0100109106;C;\"Tổ 3\r\nsecond line\"\r\n0100109106;D;\r\n".utf8)
        let bytes = try encode(String(decoding: original, as: UTF8.self), as: "WINDOWS-1258")
        let source = try temporaryFile(bytes)
        let rejects = source + ".rejects.csv"
        try withRegistry { session in
            let report = try importing(session, .enterprise, source) { $0.maxErrors = 2; $0.rejectsPath = rejects; $0.encoding = .windows1258 }
            #expect(report.exitCode == 0)
            #expect(!report.valid)
            #expect(report.inserted == 2 && report.rejected == 2)
            #expect(report.batch != nil)
            let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: rejects)))
            let expected = try encode("MST;Tên doanh nghiệp;Địa chỉ\r\n101248141;B;\r\n0100109106;D;\r\n", as: "WINDOWS-1258")
            #expect(written == expected)
            let tooMany = try importing(session, .enterprise, source) { $0.maxErrors = 1; $0.encoding = .windows1258 }
            #expect(tooMany.exitCode == 65)
        }
    }

    @Test func aQuoteLeftOpenNamesTheLineWhereItBegan() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n0100109106,\"B\n0101248141,C\n"))
            #expect(report.errors.map(\.kind) == [.format])
            #expect(report.errors.first?.english.contains("line 3") == true)
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
        }
    }

    /// A ragged row is a format error; a certificate of an unknown enterprise a foreign-key error.
    @Test(arguments: [
        (RecordKind.enterprise, "tax_code,name\n0101248141,A,extra\n", ImportProblem.Kind.format),
        (.certificate, "tax_code,certificate_number,issued_on\n0101248141,01,2024-01-01\n", .foreignKey),
    ])
    func aBadRowIsReportedWithItsKindOfProblemAndLine(_ kind: RecordKind, _ file: String, _ problem: ImportProblem.Kind) throws {
        try withRegistry { session in
            let report = try importing(session, kind, try temporaryFile(file))
            #expect(report.errors.first?.kind == problem)
            #expect(report.errors.first?.line == 2)
        }
    }

    @Test func moneyAndDatesAreReadAsClerksWriteThem() throws {
        try withRegistry { session in
            try register("0101248141", in: session)
            let report = try importing(session, .fund, try temporaryFile(
                "tax_code,established_on,capital,notified_on\n0101248141,01/02/2024,1.500.000.000,5.2.2024\n"))
            #expect(report.inserted == 1, "\(report.errors)")
            #expect(try session.connection.query("SELECT capital::text || ' ' || notified_on::text FROM st_fund").scalar == "1500000000 2024-02-05")
            let bad = try importing(session, .fund, try temporaryFile("tax_code,established_on,capital\n0101248141,2024-02-01,\"1,5\"\n"))
            #expect(bad.errors.first?.kind == .type)
            let mdy = try importing(session, .fund, try temporaryFile("tax_code,established_on,closed_on\n0101248141,02/01/2024,03/31/2025\n")) { $0.dateOrder = .mdy }
            #expect(mdy.updated == 1, "\(mdy.errors)")
        }
    }


    @Test func aGrantNumberHeldByAnotherApplicationIsAUniqueError() throws {
        try withRegistry { session in
            let file = """
                kind,application_number,filed_on,title,applicant_name,granted_on,grant_number
                sáng chế,1-2020-00001,2020-01-01,A,Viện X,2022-01-01,1-0000001
                Giải pháp hữu ích,2-2020-00002,2020-01-01,B,Viện X,2022-01-01,1-0000001

                """
            let report = try importing(session, .ip, try temporaryFile(file))
            #expect(report.errors.map(\.kind) == [.unique])
            #expect(report.errors.first?.line == 3)
        }
    }

    @Test func rulesOnlyTheDatabaseKnowsAreReportedByLine() throws {
        try withRegistry { session in
            // A lapse needs a granted title: the life-cycle trigger refuses line 3.
            let file = """
                kind,application_number,filed_on,title,applicant_name,lapsed_on
                invention,1-2020-00001,2020-01-01,A,Viện X,
                invention,1-2020-00002,2020-01-01,B,Viện X,2021-01-01

                """
            let report = try importing(session, .ip, try temporaryFile(file)) { $0.maxErrors = 1 }
            #expect(report.errors.map(\.line) == [3])
            #expect(report.inserted == 1)
            #expect(report.exitCode == 0)
        }
    }

    @Test func missingFileAndDirectoryExit66() throws {
        try withRegistry { session in
            let missing = try #require(throws: RegistryError.self) { try importing(session, .enterprise, "/nonexistent/file.csv") }
            #expect(missing.exitCode == 66)
            let directory = try #require(throws: RegistryError.self) { try importing(session, .enterprise, FileManager.default.temporaryDirectory.path) }
            #expect(directory.exitCode == 66)
        }
    }
}
