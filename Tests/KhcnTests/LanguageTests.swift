import Foundation
import TestSupport
import Testing

/// Issue 12, "in Vietnamese from the first keystroke": help, usage lines, parse errors, labels
/// and CSV headers in Vietnamese by default, English with `--lang en`, the §3 exit code, and
/// `--json` error objects unchanged.
@Suite struct LanguageTests {
    @Test func helpIsVietnameseWithExamples() throws {
        let root = try KhcnRun.run(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("CÁCH DÙNG: khcn <lệnh>") && root.stdout.contains("CÁC LỆNH:") && root.stdout.contains("Ví dụ:"))
        #expect(root.stdout.contains("Sổ đăng ký doanh nghiệp"))
        for english in ["USAGE:", "OPTIONS:", "SUBCOMMANDS:", "Show help information", "contract §"] {
            #expect(!root.stdout.contains(english), "\(english)")
        }
        let add = try KhcnRun.run(["enterprise", "add", "--help"])
        #expect(add.status == 0)
        #expect(add.stdout.contains("CÁCH DÙNG: khcn enterprise add [<tùy chọn>] --tax-code <tax-code> --name <name>"))
        #expect(add.stdout.contains("Ví dụ:\n  khcn enterprise add --tax-code 0101248141 --name"))
        #expect(add.stdout.contains("Tên doanh nghiệp như trên giấy chứng nhận đăng ký") && add.stdout.contains("TÙY CHỌN:"))
        let helpCommand = try KhcnRun.run(["help", "enterprise", "list"])
        #expect(helpCommand.status == 0 && helpCommand.stdout.contains("Số dòng tối đa (mặc định 50)."))
    }

    @Test func helpInEnglishWithLangEn() throws {
        for run in [try KhcnRun.run(["enterprise", "add", "--help", "--lang", "en"]),
                    try KhcnRun.run(["enterprise", "add", "--help"], environment: ["KHCN_LANG": "en"])] {
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE: khcn enterprise add [<options>] --tax-code <tax-code> --name <name>"))
            #expect(run.stdout.contains("Register an enterprise.") && run.stdout.contains("Example:"))
            #expect(!run.stdout.contains("TÙY CHỌN"))
        }
    }

    @Test func requiredReasonsShowInUsageLines() throws {
        for command in [["enterprise", "rekey"], ["enterprise", "delete"], ["import", "revert"], ["certificate", "revoke"]] {
            let run = try KhcnRun.run(command + ["--help"])
            let usage = run.stdout.split(separator: "\n").first { $0.hasPrefix("CÁCH DÙNG:") }.map(String.init) ?? ""
            #expect(usage.contains(" --reason <reason>") && !usage.contains("[--reason <reason>]"), "\(command): \(usage)")
        }
    }

    static let parseErrors: [([String], String, String)] = [
        (["enterprise", "add", "--tax-code", "0101248141"], "Thiếu tùy chọn bắt buộc '--name <name>'", "Missing expected argument '--name <name>'"),
        (["enterprise", "delete", "0101248141"], "Thiếu tùy chọn bắt buộc '--reason <reason>'", "Missing expected argument '--reason <reason>'"),
        (["enterprise", "list", "--limit", "0"], "--limit phải là một số nguyên dương", "--limit must be a positive number"),
        (["enterprise", "list", "--limit", "abc"], "Giá trị 'abc' không hợp lệ cho '--limit <limit>'", "The value 'abc' is invalid for '--limit <limit>'"),
        (["enterprise", "list", "--bogus"], "Không có tùy chọn '--bogus'", "Unknown option '--bogus'"),
        (["frobnicate"], "Không có lệnh “frobnicate”. Các lệnh của khcn: db, enterprise", "Unknown command 'frobnicate'"),
        (["enterprise", "lisst"], "Không có lệnh “lisst”. Các lệnh của khcn enterprise: add", "Unknown command 'lisst'"),
        (["ip", "record", "1-2024-00001", "--event", "granted", "--on", "2024-05-01"], "--event granted cần kèm --grant-number", "--event granted needs --grant-number"),
    ]

    @Test(arguments: parseErrors)
    func parseErrorsAreVietnameseWithExit64(_ arguments: [String], _ vietnamese: String, _ english: String) throws {
        let run = try KhcnRun.run(arguments)
        #expect(run.status == 64)
        #expect(run.stderr.contains("Lỗi: " + vietnamese), "\(run.stderr)")
        for leak in ["Missing expected", "Unexpected argument", "Unknown option", "is invalid for", "Usage:", "See '", "Error:"] {
            #expect(!run.stderr.contains(leak), "\(leak) in \(run.stderr)")
        }
        let en = try KhcnRun.run(arguments + ["--lang", "en"])
        #expect(en.status == 64 && en.stderr.contains(english), "\(en.stderr)")
        let json = try KhcnRun.run(arguments + ["--json"])
        #expect(json.status == 64)
        #expect(Set(json.errorObject.keys) == ["type", "field", "value", "message", "sqlstate"])
        #expect(json.errorObject["type"] as? String == "usage-error")
        #expect((json.errorObject["message"] as? String)?.contains(english) == true)
    }

    @Test func historyShowsVietnameseLabelsAndFormattedValuesWithoutIds() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, database: database) }
        #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty TNHH Tân Trào", "--established", "2019-03-12").status == 0)
        #expect(try khcn("fund", "add", "--tax-code", "0101248141", "--established", "2024-02-01", "--capital", "1500000000").status == 0)
        #expect(try khcn("certificate", "add", "--tax-code", "0101248141", "--number", "01/2024", "--issued", "2024-03-01").status == 0)
        #expect(try khcn("certificate", "revoke", "01/2024", "--on", "2025-02-01", "--reason", "không báo cáo").status == 0)
        let history = try khcn("history", "0101248141")
        #expect(history.status == 0)
        #expect(history.stdout.contains("Vốn: — → 1.500.000.000 đ"), "\(history.stdout)")
        #expect(history.stdout.contains("Ngày thành lập: — → 12/03/2019"))
        #expect(history.stdout.contains("Tên: — → Công ty TNHH Tân Trào") && history.stdout.contains("thêm mới"))
        #expect(!history.stdout.contains("id:") && !history.stdout.contains("∅") && !history.stdout.contains("capital"))
        let certificate = try khcn("history", "01/2024")
        #expect(certificate.stdout.contains("Hình thức: — → Đã thu hồi"), "\(certificate.stdout)")
        #expect(!certificate.stdout.contains("revoked"))
        let english = try khcn("history", "0101248141", "--lang", "en")
        #expect(english.stdout.contains("Capital: — → 1,500,000,000 VND"), "\(english.stdout)")
    }

    @Test func vietnameseHeadersInTemplatesAndExportsAreAcceptedByImport() throws {
        let template = try KhcnRun.run(["import", "template", "enterprises", "--headers", "vi"])
        #expect(template.status == 0)
        #expect(template.stdout.hasPrefix("Mã số thuế,Tên doanh nghiệp,Ngày thành lập,Địa chỉ,Mã xã,Loại hình,Mã ngành,Phiên bản VSIC,Trạng thái,Ngày trạng thái,Tỉnh cũ\n"))
        let help = try KhcnRun.run(["import", "file", "--help"])
        #expect(help.stdout.contains("tax_code* [Mã số thuế, MST, Mã số doanh nghiệp]"))

        let database = try TestDatabase.create()
        defer { database.drop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-vi-headers-\(UUID().uuidString).csv")
        try Data(template.stdout.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let load = try KhcnRun.run(["import", "enterprises", file.path, "--json"], database: database)
        #expect(load.status == 0, "\(load.stdout)\(load.stderr)")
        #expect((load.object["stats"] as? [String: Any])?["inserted"] as? Int == 1)
        let export = try KhcnRun.run(["export", "enterprises", "--headers", "vi"], database: database)
        #expect(export.status == 0)
        #expect(export.stdout == template.stdout, "\(export.stdout)")
    }

    @Test func wordsOfRecordsAndDatabaseStateAreVietnamese() throws {
        let empty = try TestDatabase.create(migrated: false)
        defer { empty.drop() }
        let unmigrated = try KhcnRun.run(["enterprise", "list"], database: empty)
        #expect(unmigrated.status == 69)
        #expect(unmigrated.stderr.contains("chưa có bảng khcn_migrations") && !unmigrated.stderr.contains("no khcn_migrations table"))

        let database = try TestDatabase.create()
        defer { database.drop() }
        let rule = try KhcnRun.run(["targets", "set-rule", "ip-filings", "granted"], database: database)
        #expect(rule.status == 0, "\(rule.stderr)")
        #expect(rule.stdout.contains("số bằng đã cấp") && !rule.stdout.contains("“granted”"), "\(rule.stdout)")
    }
}
