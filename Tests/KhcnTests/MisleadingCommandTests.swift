import Foundation
import TestSupport
import Testing

/// Issue 12, "Commands that mislead": each case drives the built `khcn` and checks the
/// Vietnamese words and the contract §3 exit code.
@Suite struct MisleadingCommandTests {
    @Test func aTwelveDigitTaxCodeSuggestsOnlyACodeThatPassesTheCheck() throws {
        // 0 + 101248141-001 passes: offered. 0 + 010124814-100 starts with 00: never offered.
        let valid = try KhcnRun.run(["enterprise", "show", "101248141001"])
        #expect(valid.status == 65)
        #expect(valid.stderr.contains("0101248141-001 là mã hợp lệ"), "\(valid.stderr)")
        let invalid = try KhcnRun.run(["enterprise", "show", "010124814100"])
        #expect(invalid.status == 65)
        #expect(!invalid.stderr.contains("0010124814-100"), "\(invalid.stderr)")
        #expect(invalid.stderr.contains("có lẽ là số định danh cá nhân"), "\(invalid.stderr)")
    }

    @Test func targetsRecordAcceptsTheDecimalCommaAndExplainsNegatives() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let comma = try KhcnRun.run(["targets", "record", "budget-share", "0,9", "--on", "2026-01-01"], database: database)
        #expect(comma.status == 0, "\(comma.stderr)")
        #expect(comma.stdout.contains("Đã ghi budget-share = 0,90"))
        let negative = try KhcnRun.run(["targets", "record", "budget-share", "-3", "--on", "2026-01-01", "--json"], database: database)
        #expect(negative.status == 65)
        #expect(negative.stderr.contains("Giá trị chỉ tiêu không được âm (-3)"), "\(negative.stderr)")
        #expect(negative.errorObject["value"] as? String == "-3")
        let missing = try KhcnRun.run(["targets", "record", "budget-share", "--on", "2026-01-01"], database: database)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Thiếu giá trị"))
        let words = try KhcnRun.run(["targets", "record", "budget-share", "nhiều", "--on", "2026-01-01"], database: database)
        #expect(words.status == 64)
        #expect(words.stderr.contains("Không hiểu “nhiều”"))
    }

    @Test func exportRefusesJSON() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(["export", "enterprises", "--json"], database: database)
        #expect(run.status == 64)
        #expect(run.stderr.contains("export chỉ ghi CSV, không nhận --json"), "\(run.stderr)")
        #expect(run.errorObject["type"] as? String == "usage-error")
    }

    @Test func updateClearsAnOptionalFieldAndTheAuditTrailKeepsWhatItWas() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, database: database) }
        #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Chè", "--address", "Tổ 3",
                         "--legal-form", "Công ty TNHH", "--vsic", "1079", "--vsic-version", "2018").status == 0)
        let blank = try khcn("enterprise", "update", "0101248141", "--address", "")
        #expect(blank.status == 64)
        #expect(blank.stderr.contains("--address để trống không xoá được gì; để xoá trường này hãy dùng --clear address"), "\(blank.stderr)")
        let both = try khcn("enterprise", "update", "0101248141", "--address", "Tổ 4", "--clear", "address")
        #expect(both.status == 64)
        #expect(both.stderr.contains("Không thể vừa ghi vừa xoá “address”"))
        let cleared = try khcn("enterprise", "update", "0101248141", "--clear", "address", "--clear", "vsic", "--reason", "ghi nhầm", "--json")
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.object["address"] is NSNull)
        #expect(cleared.object["vsic"] as? [String] == [])
        #expect(cleared.object["legal_form"] as? String == "Công ty TNHH")
        let history = try khcn("history", "0101248141", "--json")
        let last = (history.json as? [[String: Any]])?.last
        #expect(last?["reason"] as? String == "ghi nhầm")
        #expect((last?["old"] as? [String: Any])?["address"] as? String == "Tổ 3")
        #expect((last?["new"] as? [String: Any])?["address"] is NSNull)
        let human = try khcn("enterprise", "update", "0101248141", "--clear", "legal-form")
        #expect(human.stdout.contains("Đã cập nhật doanh nghiệp 0101248141."))
    }

    @Test func aRefusedDeleteNamesTheRecordsThatPointAtTheEnterprise() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, database: database) }
        #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Chè").status == 0)
        #expect(try khcn("certificate", "add", "--tax-code", "0101248141", "--number", "05/2024/GCN", "--issued", "2024-06-10").status == 0)
        #expect(try khcn("fund", "add", "--tax-code", "0101248141", "--established", "2024-02-01").status == 0)
        #expect(try khcn("ip", "add", "--kind", "utility-solution", "--application-number", "2-2024-00321", "--filed", "2024-05-10",
                         "--title", "Thiết bị sao chè", "--applicant-tax-code", "0101248141").status == 0)
        let run = try khcn("enterprise", "delete", "0101248141", "--reason", "nhầm")
        #expect(run.status == 65)
        #expect(run.stderr.contains(
            "Không xóa được doanh nghiệp 0101248141: còn giấy chứng nhận 05/2024/GCN; quỹ KH&CN lập ngày 01/02/2024; đơn sở hữu trí tuệ 2-2024-00321 trỏ tới nó."),
            "\(run.stderr)")
    }

    @Test func giCancelEchoesTheNumberAsStored() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        #expect(try KhcnRun.run(["gi", "add", "--certificate-number", "86", "--name", "Hàm Yên", "--product", "Cam sành",
                                 "--granted", "2014-08-12"], database: database).status == 0)
        let run = try KhcnRun.run(["gi", "cancel", "86", "--on", "2020-01-01"], database: database)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Đã ghi chấm dứt văn bằng 00086 từ 01/01/2020."), "\(run.stdout)")
    }

    @Test func namesAreStoredWithRunsOfSpacesCollapsed() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let add = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty   TNHH\u{A0}\u{A0}Chè",
                                   "--address", "Tổ 3,   phường Minh Xuân\nTP  Tuyên Quang", "--json"], database: database)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.object["name"] as? String == "Công ty TNHH Chè")
        #expect(add.object["address"] as? String == "Tổ 3, phường Minh Xuân\nTP Tuyên Quang")
        // The database owns the rule: a row written without khcn is stored the same way.
        let connection = try database.connect()
        try connection.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0100109106', 'Hợp tác xã   Chè  Xanh')")
        let show = try KhcnRun.run(["enterprise", "show", "0100109106"], database: database)
        #expect(show.stdout.contains("Tên doanh nghiệp  Hợp tác xã Chè Xanh\n"), "\(show.stdout)")
    }

    /// The multi-line address continues under its value, whatever the line break (issue 12).
    @Test func aMultiLineAddressKeepsTheShowLayout() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        #expect(try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Chè",
                                 "--address", "Tổ 3\r\nphường Minh Xuân\nTP Tuyên Quang"], database: database).status == 0)
        let show = try KhcnRun.run(["enterprise", "show", "0101248141"], database: database)
        #expect(show.stdout.contains("""
              Địa chỉ           Tổ 3
                                phường Minh Xuân
                                TP Tuyên Quang
              Mã xã             —
            """), "\(show.stdout)")
    }
}
