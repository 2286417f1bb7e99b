import Foundation
import TestSupport
import Testing

/// Contract §6: `export --excel` (BOM, CRLF between records, formulas neutralised) comes back
/// through import unchanged, and `--output` is opened before anything else.
@Suite struct ExportExcelTests {
    static let formula = "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")"

    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-export-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func excelExportRoundTripsFormulasAndLineBreaksThroughImport() throws {
        let source = try TestDatabase.create()
        defer { source.drop() }
        let adds: [[String]] = [
            ["--tax-code", "0101248141", "--name", ExportExcelTests.formula, "--address", "Tổ 3\nphường Minh Xuân", "--legal-form=-Công ty TNHH"],
            ["--tax-code", "0100109106", "--name", "+84 Hợp tác xã", "--address", "@Đồng Văn", "--legal-form", "'=đã có dấu nháy"],
            ["--tax-code", "0100109106-001", "--name", "Chi nhánh 'Hà Giang'", "--established", "2020-01-15"],
        ]
        for arguments in adds {
            let add = try KhcnRun.run(["enterprise", "add"] + arguments, database: source)
            #expect(add.status == 0, "\(add.stderr)")
        }
        let path = try folder().appendingPathComponent("doanh-nghiep.csv").path
        let export = try KhcnRun.run(["export", "enterprises", "--excel", "--output", path], database: source)
        #expect(export.status == 0, "\(export.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm vào đây\"\")\""))
        #expect(text.contains("'+84 Hợp tác xã") && text.contains("'@Đồng Văn") && text.contains("'-Công ty TNHH"))
        #expect(text.contains("''=đã có dấu nháy"))
        #expect(text.contains("Chi nhánh 'Hà Giang'") && !text.contains("''Hà Giang"))
        // CRLF ends each record; the line break inside the address stays a single LF.
        #expect(text.contains("\"Tổ 3\nphường Minh Xuân\""))
        #expect(!text.contains("\r\r"))
        #expect(text.components(separatedBy: "\r\n").count == 5)   // header + 3 records, then the end

        let target = try TestDatabase.create()
        defer { target.drop() }
        let first = try KhcnRun.run(["import", "enterprises", path, "--json"], database: target)
        #expect(first.status == 0, "\(first.stderr)")
        #expect((first.object["stats"] as? [String: Any])?["inserted"] as? Int == 3)
        let plain = try KhcnRun.run(["export", "enterprises"], database: source).stdout
        #expect(try KhcnRun.run(["export", "enterprises"], database: target).stdout == plain)
        let show = try KhcnRun.run(["enterprise", "show", "0101248141", "--json"], database: target)
        #expect(show.object["name"] as? String == ExportExcelTests.formula)
        #expect(show.object["address"] as? String == "Tổ 3\nphường Minh Xuân")

        let again = try KhcnRun.run(["import", "enterprises", path, "--json"], database: target)
        let stats = again.object["stats"] as? [String: Any] ?? [:]
        #expect(stats["unchanged"] as? Int == 3, "\(again.stdout)")
        #expect(stats["updated"] as? Int == 0)
    }

    @Test func plainExportIsUnchanged() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        _ = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "=1+1"], database: database)
        let export = try KhcnRun.run(["export", "enterprises"], database: database)
        #expect(export.stdout.hasPrefix("tax_code,name,"))
        #expect(export.stdout.contains("\n0101248141,=1+1,"))
        #expect(!export.stdout.contains("\r"))
    }

    @Test(arguments: ["missing-folder/out.csv", "a-folder", "read-only.csv"])
    func anUnwritableOutputExits66AndChangesNothing(_ name: String) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let folder = try folder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a-folder"), withIntermediateDirectories: true)
        try Data("sentinel".utf8).write(to: folder.appendingPathComponent("a-folder/keep.txt"))
        let readOnly = folder.appendingPathComponent("read-only.csv")
        try Data("old".utf8).write(to: readOnly)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly.path)
        // Root ignores file permissions: the read-only case then says nothing about khcn.
        if name == "read-only.csv" && getuid() == 0 { return }
        // Contract §5: export refuses --json (64), so the failure is read from stderr.
        let run = try KhcnRun.run(["export", "enterprises", "--excel", "--output", folder.appendingPathComponent(name).path],
                                  database: database)
        #expect(run.status == 66, "\(run.stderr)")
        #expect(run.stderr.contains("[trường output"), "\(run.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("a-folder/keep.txt"), encoding: .utf8) == "sentinel")
        #expect(try String(contentsOf: readOnly, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a-folder", "read-only.csv"])
    }
}
