import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Writes `bytes` to a fresh temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

func temporaryFile(_ text: String, name: String = "input.csv") throws -> String { try temporaryFile(Array(text.utf8), name: name) }

/// Converts UTF-8 text with glibc iconv (the same converter the importer uses to read it back).
func encode(_ text: String, as encoding: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    process.arguments = ["-f", "UTF-8", "-t", encoding]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
}

func importing(_ session: RegistrySession, _ kind: RecordKind, _ path: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportReport {
    var options = ImportOptions()
    configure(&options)
    return try Importer(session).run(kind, path: path, options: options, context: testClerk)
}

func count(_ session: RegistrySession, _ sql: String) throws -> Int {
    Int(try session.connection.query(Query(sql: sql)).scalar ?? "-1") ?? -1
}

@Suite struct ImportDecodingTests {
    static let vietnamese = "tax_code,name,address\n0101248141,Công ty Tân Trào,Tổ 5 phường Minh Xuân\n0100109106,Hợp tác xã Đồng Văn,Xã Đồng Văn – Hà Giang cũ ở Đồng Văn"

    @Test(arguments: [("WINDOWS-1258", SourceEncoding.windows1258), ("TCVN5712-1", .tcvn3), ("UTF-16", .utf16)])
    func detectsAndConvertsVietnameseCodePagesKeepingTheLastLetter(_ iconvName: String, _ expected: SourceEncoding) throws {
        // "Đồng Văn" ends the file with no line break: the converter's final flush must keep its letters.
        let text = ImportDecodingTests.vietnamese.replacingOccurrences(of: " – Hà Giang cũ ở Đồng Văn", with: " Đồng Vă")
        let path = try temporaryFile(try encode(text, as: iconvName))
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.encoding == expected)
            #expect(report.inserted == 2, "\(report.errors)")
            let names = try session.connection.query("SELECT name || '|' || coalesce(address, '') FROM enterprise ORDER BY tax_code").rows.map { $0[0]! }
            #expect(names == ["Hợp tác xã Đồng Văn|Xã Đồng Văn Đồng Vă", "Công ty Tân Trào|Tổ 5 phường Minh Xuân"])
        }
    }

    @Test func utf8WithBOMSemicolonsAndCRLFFromExcel() throws {
        let path = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("Mã số thuế;Tên doanh nghiệp\r\n0101248141;\"Công ty \"\"A\"\"; chi nhánh\"\r\n".utf8))
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.bom)
            #expect(report.delimiter == UInt8(ascii: ";"))
            #expect(report.inserted == 1)
            #expect(try session.connection.query("SELECT name FROM enterprise").scalar == "Công ty \"A\"; chi nhánh")
        }
    }

    @Test func crOnlyLineEndsAndLineBreaksInsideQuotes() throws {
        let path = try temporaryFile("tax_code,name,address\r0101248141,A,\"Tổ 1\rphường 2\"\r0100109106,B,\r")
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.inserted == 2, "\(report.errors)")
            #expect(report.rows == 2)
        }
    }

    @Test func nfdTextIsStoredNFC() throws {
        let path = try temporaryFile("tax_code,name\n0101248141,Công ty Ta\u{0302}n Tra\u{0300}o\n")
        try withRegistry { session in
            _ = try importing(session, .enterprise, path)
            #expect(try session.connection.query("SELECT name = normalize(name, NFC) AND name = 'Công ty Tân Trào' FROM enterprise").scalar == "t")
        }
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() throws {
        let path = try temporaryFile(Array("tax_code,name\n0101248141,ab".utf8) + [0xFF] + Array("c\n".utf8))
        try withRegistry { session in
            let report = try importing(session, .enterprise, path) { $0.encoding = .utf8 }
            #expect(report.errors.first?.kind == .encoding)
            #expect(report.errors.first?.line == 2)
            #expect(report.errors.first?.english.contains("column 14") == true)
            #expect(report.exitCode == 65)
        }
    }

    @Test func unsureDetectionStopsAndNamesTheFlag() throws {
        // Bytes that read as neither Vietnamese code page.
        let path = try temporaryFile(Array("tax_code,name\n0101248141,".utf8) + [0xA4, 0xA6, 0xA8, 0xAE, 0xB0, 0xB1] + [0x0A])
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.errors.first?.kind == .encoding)
            #expect(report.errors.first?.english.contains("--encoding") == true)
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
        }
    }
}

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

    @Test func aRaggedRowIsAFormatError() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A,extra\n"))
            #expect(report.errors.first?.kind == .format)
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

    @Test func unknownEnterpriseIsAForeignKeyError() throws {
        try withRegistry { session in
            let report = try importing(session, .certificate, try temporaryFile("tax_code,certificate_number,issued_on\n0101248141,01,2024-01-01\n"))
            #expect(report.errors.first?.kind == .foreignKey)
            #expect(report.errors.first?.line == 2)
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

@Suite struct ImportBatchTests {
    @Test func reimportingTheSameFileChangesNothingButRecordsTheBatch() throws {
        let path = try temporaryFile("tax_code,name\n0101248141,A\n0100109106,B\n")
        try withRegistry { session in
            let first = try importing(session, .enterprise, path)
            #expect(first.inserted == 2)
            let audited = try count(session, "SELECT count(*) FROM audit_log")
            let again = try importing(session, .enterprise, path)
            #expect(again.unchanged == 2 && again.inserted == 0 && again.updated == 0)
            #expect(again.batch == first.batch.map { $0 + 1 })
            #expect(try count(session, "SELECT count(*) FROM audit_log") == audited)
            #expect(try count(session, "SELECT count(*) FROM import_batch") == 2)
            #expect(try session.connection.query("SELECT sha256 FROM import_batch ORDER BY id").rows.map { $0[0]! }.count == 2)
        }
    }

    @Test func aBlankCellNeverErasesAStoredValue() throws {
        try withRegistry { session in
            _ = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n0101248141,A,Tổ 1\n"))
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n0101248141,B,\n"))
            #expect(report.updated == 1)
            #expect(try session.connection.query("SELECT name || ' ' || address FROM enterprise").scalar == "B Tổ 1")
        }
    }

    @Test func dryRunWritesNothing() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n")) { $0.dryRun = true }
            #expect(report.valid && report.exitCode == 0 && report.inserted == 1 && report.batch == nil)
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE kind <> 'user-province'") == 0)
            #expect(try count(session, "SELECT count(*) FROM import_batch") == 0)
        }
    }

    @Test func everyChangePointsAtItsBatchAndRevertPutsEverythingBack() throws {
        try withRegistry { session in
            _ = try EnterpriseRegister(session).add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "A", address: "Tổ 1"), context: testClerk)
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n0101248141,A mới,Tổ 2\n0100109106,B,\n"))
            let batch = try #require(report.batch)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(batch)") == 2)
            let undone = try ImportBatches(session).revert(batch, context: ChangeContext(actor: "Nguyễn Thị Lan", reason: "nhập nhầm tệp"))
            #expect(undone == 2)
            #expect(try session.connection.query("SELECT string_agg(tax_code || ' ' || name || ' ' || address, ';') FROM enterprise").scalar == "0101248141 A Tổ 1")
            let history = try History(session).changes(key: "0101248141")
            #expect(history.last?.reason == "nhập nhầm tệp")
            #expect(throws: RegistryError.self) { try ImportBatches(session).revert(batch, context: testClerk) }   // only once
        }
    }

    @Test func revertIsRefusedNamingRecordsChangedAfterTheBatch() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n0100109106,B\n"))
            _ = try EnterpriseRegister(session).update(try TaxCode(parsing: "0100109106"), EnterpriseFields(name: "B2"), context: testClerk)
            let error = try #require(throws: RegistryError.self) { try ImportBatches(session).revert(report.batch!, context: testClerk) }
            #expect(error.exitCode == 65)
            #expect(error.english.contains("0100109106"))
            #expect(!error.english.contains("0101248141"))
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 2)
        }
    }
}

@Suite struct ExportRoundTripTests {
    /// export → import into an empty database → export gives identical bytes, for every kind.
    @Test func everyKindRoundTrips() throws {
        var exports: [RecordKind: [UInt8]] = [:]
        let kinds: [RecordKind] = [.enterprise, .certificate, .fund, .fundAllocation, .ip, .gi, .ipFee, .giManager, .giUser]
        try withRegistry { session in
            let code = try register("0101248141", "Công ty \"Tân Trào\", chi nhánh", in: session)
            _ = try EnterpriseRegister(session).update(code, EnterpriseFields(address: "Tổ 3\nphường Minh Xuân", vsic: ["7210", "2100"], vsicVersion: 2018), context: testClerk)
            let other = try register("0100109106", in: session)
            _ = try EnterpriseRegister(session).setStatus(other, to: .suspended, on: CivilDate("2024-07-01"), context: testClerk)
            _ = try CertificateRegister(session).add(number: "01/2024", taxCode: code, issued: CivilDate("2024-03-01"), issuer: "Sở KH&CN", basis: nil, results: [], context: testClerk)
            _ = try CertificateRegister(session).revoke(number: "01/2024", on: CivilDate("2026-02-01"), reason: "không báo cáo", invalidate: true, context: testClerk)
            _ = try FundRegister(session).add(taxCode: code, established: CivilDate("2024-02-01"), decision: "05/QĐ", capital: Money(dong: 1_500_000_000), notified: CivilDate("2024-02-10"), context: testClerk)
            _ = try FundRegister(session).allocate(taxCode: code, year: 2024, allocated: Money(dong: 300_000_000), spent: Money(dong: 1), reportReceived: CivilDate("2025-03-20"), context: testClerk)
            let number = try ApplicationNumber(parsing: "2-2024-00321")
            _ = try IPRegister(session).add(kind: .utilitySolution, number: number, filed: CivilDate("2024-05-10"), title: "Thiết bị", applicantTaxCode: code, applicantName: nil, ipc: ["A23F 3/06", "B01D"], priority: CivilDate("2024-01-05"), context: testClerk)
            for (event, day, grant) in [(IPEvent.published, "2025-01-20", nil), (.examinationRequested, "2025-02-03", nil), (.granted, "2026-04-15", "2-0003456"), (.checked, "2026-11-02", nil)] as [(IPEvent, String, String?)] {
                _ = try IPRegister(session).record(number: number, event: event, on: CivilDate(day), grantNumber: grant, context: testClerk)
            }
            _ = try GIRegister(session).add(number: "86", name: "Hàm Yên", product: "Cam sành", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: "UBND huyện Hàm Yên", area: "Huyện Hàm Yên, tỉnh Tuyên Quang", applicationNumber: nil, context: testClerk)
            _ = try IPRegister(session).payFees(number: number, years: [2, 1], on: CivilDate("2026-05-01"), context: testClerk)
            _ = try GIRegister(session).setManager(number: "86", org: "UBND tỉnh Tuyên Quang", on: CivilDate("2025-07-01"), decision: "12/QĐ-UBND", context: testClerk)
            _ = try GIRegister(session).authorize(number: "86", taxCode: code, on: CivilDate("2024-01-15"), until: CivilDate("2029-01-14"), decision: "56/QĐ, \"SKHCN\"", context: testClerk)
            _ = try GIRegister(session).authorize(number: "86", taxCode: other, on: CivilDate("2024-02-01"), until: nil, decision: nil, context: testClerk)
            for kind in kinds {
                var bytes: [UInt8] = []
                try Exporter(session).export(kind) { bytes.append(contentsOf: $0) }
                exports[kind] = bytes
            }
        }
        try withRegistry { session in
            for kind in kinds {
                let report = try importing(session, kind, try temporaryFile(exports[kind]!))
                #expect(report.valid, "\(kind): \(report.errors)")
                var bytes: [UInt8] = []
                try Exporter(session).export(kind) { bytes.append(contentsOf: $0) }
                #expect(bytes == exports[kind]!, "\(kind)")
            }
        }
    }
}
