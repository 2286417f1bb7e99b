import Foundation
import TestSupport
import Testing

/// Issue 12, finished: the commands added alongside it (user, audit, person, province, report)
/// speak Vietnamese by default too, the database's refusals name IP events and statuses in
/// Vietnamese, and `history` keeps a multi-line address under its value.
@Suite struct LanguageFinishTests {
    /// Every command path of `khcn`, read from the help screens themselves.
    static func commandPaths() throws -> [[String]] {
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while let path = queue.popLast() {
            found.append(path)
            let help = try KhcnRun.run(path + ["--help"]).stdout
            var inList = false
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "CÁC LỆNH:" { inList = true; continue }
                if line.isEmpty { inList = false }
                // "  add                     Thêm …": a name at the margin of two; wrapped text is further in.
                if inList, line.hasPrefix("  "), line.dropFirst(2).first?.isLetter == true, let name = line.split(separator: " ").first {
                    queue.append(path + [String(name)])
                }
            }
        }
        return found
    }

    /// Text the help screens held in English before (or that no help may say).
    static let englishLeftovers = [
        "Login name", "admin only", "Seal the", "Recompute", "person's", "The file to write", "The date the figures",
        "Print one JSON", "Language of human output", "PostgreSQL URL", "Province code", "Persons named", "default:",
        "Show help", "OPTIONS:", "USAGE:", "ARGUMENTS:", "contract §", "Full name", "Read the password", "repeat for several",
    ]

    @Test func everyHelpScreenIsVietnameseByDefaultAndEnglishWithLangEn() throws {
        let paths = try LanguageFinishTests.commandPaths()
        for command in [["user", "add"], ["user", "disable"], ["audit", "verify"], ["person", "erase"], ["province", "list"], ["report"]] {
            #expect(paths.contains(command), "\(command) not found among \(paths.count) commands")
        }
        for path in paths {
            let vi = try KhcnRun.run(path + ["--help"])
            #expect(vi.status == 0 && vi.stdout.contains("TỔNG QUAN:"), "\(path)")
            for english in LanguageFinishTests.englishLeftovers {
                #expect(!vi.stdout.contains(english), "khcn \(path.joined(separator: " ")) --help: “\(english)”")
            }
            let en = try KhcnRun.run(path + ["--help", "--lang", "en"])
            #expect(en.status == 0 && en.stdout.contains("OVERVIEW:") && !en.stdout.contains("TÙY CHỌN"), "\(path)")
            #expect(!en.stdout.contains("contract §"), "\(path)")
        }
        let add = try KhcnRun.run(["user", "add", "--help"])
        #expect(add.stdout.contains("Tạo tài khoản đăng nhập cá nhân") && add.stdout.contains("Tên đăng nhập: chữ thường không dấu"))
        #expect(add.stdout.contains("Ví dụ:\n  khcn user add"))
        let report = try KhcnRun.run(["report", "--help"])
        #expect(report.stdout.contains("Ngày tính số liệu") && report.stdout.contains("Họ và tên người ký."), "\(report.stdout)")
        let reportEn = try KhcnRun.run(["report", "--help", "--lang", "en"])
        #expect(reportEn.stdout.contains("The full name of the person who signs."))
        let ip = try KhcnRun.run(["ip", "add", "--help"])
        #expect(ip.stdout.contains("mặc định: organisation"), "\(ip.stdout)")
    }

    @Test func usageProblemsOfTheLaterCommandsAreVietnamese() throws {
        let seal = try KhcnRun.run(["audit", "verify", "--seal", "abc"])
        #expect(seal.status == 64)
        #expect(seal.stderr.contains("--seal cần một mã niêm phong SHA-256 gồm 64 chữ số thập lục phân (0–9, a–f), không phải “abc”"), "\(seal.stderr)")
        let sealEn = try KhcnRun.run(["audit", "verify", "--seal", "abc", "--lang", "en"])
        #expect(sealEn.status == 64 && sealEn.stderr.contains("--seal takes a SHA-256 hash of 64 hexadecimal digits, not “abc”"))
        let sealJSON = try KhcnRun.run(["audit", "verify", "--seal", "abc", "--json"])
        #expect(sealJSON.status == 64 && sealJSON.errorObject["type"] as? String == "usage-error")
        #expect((sealJSON.errorObject["message"] as? String)?.contains("--seal takes a SHA-256 hash") == true)

        for command in [["user", "disable", "t_someone"], ["user", "enable", "t_someone"], ["person", "erase", "12"]] {
            let run = try KhcnRun.run(command)
            #expect(run.status == 64 && run.stderr.contains("Lỗi: Thiếu tùy chọn bắt buộc '--reason <reason>'"), "\(command): \(run.stderr)")
            let usage = try KhcnRun.run(Array(command.prefix(2)) + ["--help"]).stdout
            #expect(usage.contains(" --reason <reason>") && !usage.contains("[--reason <reason>]"), "\(command)")
        }
    }

    @Test func refusedIPEventsNameEventAndStatusInVietnamese() throws {
        try withKhcn { database, khcn in
            #expect(try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-00007", "--filed", "2024-03-01",
                             "--title", "Quy trình chế biến chè", "--applicant-name", "Viện Nghiên cứu").status == 0)
            #expect(try khcn("ip", "record", "1-2024-00007", "--event", "withdrawn", "--on", "2024-06-01").status == 0)
            let english = ["published", "withdrawn", "examination-requested", "under_examination", "filed", "granted"]

            let late = try khcn("ip", "record", "1-2024-00007", "--event", "published", "--on", "2024-07-01")
            #expect(late.status == 65)
            #expect(late.stderr.contains("Không thể ghi sự kiện “công bố đơn” ngày 01/07/2024: khi đó đơn đang ở trạng thái “đã rút đơn”."),
                    "\(late.stderr)")
            let early = try khcn("ip", "record", "1-2024-00007", "--event", "examination-requested", "--on", "2024-02-01")
            #expect(early.status == 65)
            #expect(early.stderr.contains("Sự kiện “yêu cầu thẩm định nội dung” ngày 01/02/2024 trước ngày nộp đơn 01/03/2024."), "\(early.stderr)")
            for run in [late, early] {
                for word in english { #expect(!run.stderr.contains(word), "“\(word)” in \(run.stderr)") }
            }
            let lateEn = try khcn("ip", "record", "1-2024-00007", "--event", "published", "--on", "2024-07-01", "--lang", "en")
            #expect(lateEn.status == 65 && lateEn.stderr.contains("cannot record published on 2024-07-01: the application is withdrawn then"))
            let lateJSON = try khcn("ip", "record", "1-2024-00007", "--event", "published", "--on", "2024-07-01", "--json")
            #expect(lateJSON.status == 65 && lateJSON.errorObject["type"] as? String == "constraint-error")
            #expect(lateJSON.errorObject["message"] as? String == "cannot record published on 2024-07-01: the application is withdrawn then")
        }
    }

    @Test func historyKeepsAMultiLineAddressUnderItsValue() throws {
        try withKhcn { database, khcn in
            #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty TNHH Tân Trào",
                             "--address", "Tổ 3\nphường Minh Xuân").status == 0)
            let history = try khcn("history", "0101248141")
            #expect(history.status == 0)
            #expect(history.stdout.contains("    Địa chỉ: — → Tổ 3\n             phường Minh Xuân\n"), "\(history.stdout)")
            // Every line is a change heading, a field at the margin of four, or a continuation under a value.
            for line in history.stdout.split(separator: "\n") where line.hasPrefix(" ") {
                #expect(line.hasPrefix("    ") && (line.dropFirst(4).first != " " || line.hasPrefix("             ")), "\(line)")
            }
            let english = try khcn("history", "0101248141", "--lang", "en")
            #expect(english.stdout.contains("    Address: — → Tổ 3\n             phường Minh Xuân\n"), "\(english.stdout)")
        }
    }
}
