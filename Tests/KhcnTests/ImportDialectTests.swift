import Foundation
import TestSupport
import Testing

@Suite struct ImportDialectTests {
    /// Before an encoding-error the dialect line gives the delimiter found and no encoding
    /// (it used to claim "utf-8, ','" for a `;` file).
    @Test func dialectLineBeforeAnEncodingErrorTellsTheTruth() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("don-vi.csv").path
        // "xơ" in Windows-1258 is "xừ" in TCVN3: one word, both readings are syllables.
        try Data(Array("tax_code;name\r\n0101248141;x".utf8) + [0xF5, 0x0D, 0x0A]).write(to: URL(fileURLWithPath: file))

        let human = try KhcnRun.run(["import", "enterprises", file, "--dry-run"], database: database)
        #expect(human.status == 65)
        #expect(human.stdout.contains("bảng mã chưa rõ, phân cách “;”"), "\(human.stdout)")
        #expect(!human.stdout.contains("utf-8"))
        #expect(human.stdout.contains("--encoding windows-1258") || human.stderr.contains("--encoding windows-1258"))

        let english = try KhcnRun.run(["import", "enterprises", file, "--dry-run", "--lang", "en"], database: database)
        #expect(english.stdout.contains("encoding unknown, delimiter “;”"), "\(english.stdout)")

        let json = try KhcnRun.run(["import", "enterprises", file, "--dry-run", "--json"], database: database)
        let dialect = json.object["dialect"] as? [String: Any]
        #expect(dialect?["encoding"] is NSNull)
        #expect(dialect?["delimiter"] as? String == ";")
        #expect((json.object["errors"] as? [[String: Any]])?.first?["type"] as? String == "encoding-error")
    }
}
