import Foundation
@testable import Registry
import TestSupport
import Testing

/// Files as clerks have them: Vietnamese code pages, Excel's BOM and semicolons, odd line ends.
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
            let names = try session.connection.query("SELECT name || '|' || coalesce(address, '') AS entry FROM enterprise ORDER BY tax_code").rows.map { $0["entry"] }
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
