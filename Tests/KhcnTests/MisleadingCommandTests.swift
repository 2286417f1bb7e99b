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
}
