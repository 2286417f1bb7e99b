import Foundation
import TestSupport
import Testing

/// Issue 12, "commands that mislead": import errors in line order and within 100 columns, the
/// import's phases on a terminal, and lists that name the enterprise and give their total.
@Suite struct ClerkOutputTests {
    @Test func importErrorsAreListedByLineWithinAHundredColumns() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        // Line 2's problem is found by the registry check, after line 3's parse errors.
        let file = folder.appendingPathComponent("gcn.csv").path
        try """
            tax_code,certificate_number,issued_on,issuer,basis
            0101248141,01/GCN,2024-06-10,Sở KH&CN,13/2019/NĐ-CP
            0101248142,02/GCN,31/02/2024,Sở,13/2019
            0100109106,03/GCN,2024-06-10,Sở KH&CN Tuyên Quang,268/2025/NĐ-CP

            """.write(toFile: file, atomically: true, encoding: .utf8)

        let human = try KhcnRun.run(["import", "certificates", file], database: database)
        #expect(human.status == 65)
        let lines = human.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        let numbered = lines.compactMap { line in
            Int(line.prefix(4).trimmingCharacters(in: .whitespaces)).map { ($0, line) }
        }.filter { $0.1.contains("-error") }
        #expect(numbered.map(\.0) == [2, 3, 3, 4], "\(human.stdout)")
        // The "what to fix" text is wrapped under its own column, not cut.
        #expect(lines.contains { $0.hasSuffix("đăng ký; hãy nhập doanh nghiệp trước.") && $0.hasPrefix("     ") }, "\(human.stdout)")

        let json = try KhcnRun.run(["import", "certificates", file, "--json"], database: database)
        let errorLines = (json.object["errors"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }
        #expect(errorLines == [2, 3, 3, 4])
    }

    /// Runs `khcn` with stderr on a pseudo-terminal (util-linux `script`), as a clerk sees it:
    /// the terminal's output, stdout and stderr together.
    static func onTerminal(_ arguments: [String], database: TestDatabase) throws -> String {
        let command = ([try KhcnRun.executable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_LANG"] = nil
        environment["KHCN_DATABASE_URL"] = database.conninfo
        environment["KHCN_PROGRESS_DELAY"] = "0"
        return try runTool("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
    }

    @Test func importShowsItsPhasesOnATerminalAndNothingElsewhere() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        let file = folder.appendingPathComponent("dn.csv").path
        try "tax_code,name\n0100109106,Công ty Tân Trào\n0101248141,Công ty Minh Xuân\n".write(toFile: file, atomically: true, encoding: .utf8)

        let dryRun = try Self.onTerminal(["import", "enterprises", file, "--dry-run"], database: database)
        #expect(dryRun.contains("Đang kiểm tra — đọc tệp") && dryRun.contains("Đang kiểm tra — kiểm tra với sổ đăng ký"), "\(dryRun)")
        #expect(dryRun.contains("Đang kiểm tra — thử ghi (sẽ hoàn tác)"), "\(dryRun)")
        #expect(!dryRun.contains("Đang nhập"), "\(dryRun)")
        #expect(dryRun.range(of: #"Đọc \d+,\d s · Kiểm tra \d+,\d s · Thử ghi \d+,\d s"#, options: .regularExpression) != nil, "\(dryRun)")

        let real = try Self.onTerminal(["import", "enterprises", file], database: database)
        #expect(real.contains("Đang nhập — đọc tệp") && real.contains("Đang nhập — ghi vào sổ đăng ký"), "\(real)")
        #expect(real.range(of: #"Đọc \d+,\d s · Kiểm tra \d+,\d s · Ghi \d+,\d s"#, options: .regularExpression) != nil, "\(real)")
        #expect(real.contains("Đã ghi lô nhập số 1."))

        let english = try Self.onTerminal(["import", "enterprises", file, "--dry-run", "--lang", "en"], database: database)
        #expect(english.contains("Checking — reading the file") && english.contains("Trial write"), "\(english)")

        // stderr a pipe: no bar, no timings, no control characters.
        let piped = try KhcnRun.run(["import", "enterprises", file], database: database, environment: ["KHCN_PROGRESS_DELAY": "0"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "\(piped.stderr.debugDescription)")
        #expect(!piped.stdout.contains("\u{1B}") && !piped.stdout.contains("\r"))
    }

    @Test func listsNameTheEnterpriseOrApplicantInTheTableOnly() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws -> KhcnRun {
            let writes = ["add"].contains(arguments[1])
            let run = try KhcnRun.run(arguments + (writes ? ["--actor", "Lan", "--reason", "hồ sơ"] : []), database: database)
            #expect(run.status == 0, "\(arguments) \(run.stderr)")
            return run
        }
        _ = try khcn("enterprise", "add", "--tax-code", "0100109106", "--name", "Công ty Tân Trào")
        _ = try khcn("certificate", "add", "--tax-code", "0100109106", "--number", "05/2024/GCN", "--issued", "2024-06-10")
        _ = try khcn("fund", "add", "--tax-code", "0100109106", "--established", "2024-07-01")
        _ = try khcn("ip", "add", "--kind", "utility-solution", "--application-number", "2-2024-00321", "--filed", "2024-05-10",
                     "--title", "Máy sao chè", "--applicant-tax-code", "0100109106")
        _ = try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2025-00042", "--filed", "2025-02-10",
                     "--title", "Cam không hạt", "--applicant-name", "Nguyễn Văn An")

        for (list, header) in [("certificate", "Doanh nghiệp"), ("fund", "Doanh nghiệp")] {
            let run = try khcn(list, "list")
            #expect(run.stdout.split(separator: "\n").first?.contains(header) == true, "\(run.stdout)")
            #expect(run.stdout.contains("0100109106  Công ty Tân Trào"), "\(run.stdout)")
            let english = try khcn(list, "list", "--lang", "en")
            #expect(english.stdout.contains("Enterprise") && english.stdout.contains("Công ty Tân Trào"))
        }
        let ip = try khcn("ip", "list")
        #expect(ip.stdout.contains("Chủ đơn"), "\(ip.stdout)")
        #expect(ip.stdout.range(of: #"Máy sao chè +Công ty Tân Trào"#, options: .regularExpression) != nil, "\(ip.stdout)")
        #expect(ip.stdout.contains("Nguyễn Văn An"))
        // JSON keeps the canonical keys of contract §6.
        let json = try khcn("certificate", "list", "--json")
        #expect((json.json as? [[String: Any]])?.first?.keys.contains("enterprise_name") == false)
        #expect(!(try khcn("ip", "list", "--json")).stdout.contains("Công ty Tân Trào"))
    }

    @Test func enterpriseListGivesItsTotalAndFiltersByCommuneAndAddress() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        var text = "tax_code,name,address,commune_code\n"
        text += "0100109106,Công ty Tân Trào,\"Tổ 3, phường Minh Xuân\",02242\n"
        text += "0101248141,Công ty Hà Giang,\"Số 5, phường Nguyễn Trãi\",02500\n"
        for (index, code) in TaxCodeCases.generated(count: 1_000, from: 300_001_000).enumerated() {
            text += "\(code),Công ty Thử nghiệm Số \(index),\"Thôn \(index), xã Thái Bình\",02300\n"
        }
        let file = folder.appendingPathComponent("dn.csv").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try KhcnRun.run(["import", "enterprises", file], database: database).status == 0)
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, database: database) }

        #expect(try khcn("enterprise", "list", "--limit", "5").stdout.contains("5 trong tổng số hơn 1.000 doanh nghiệp"))
        #expect(try khcn("enterprise", "list", "--limit", "5", "--lang", "en").stdout.contains("5 of more than 1,000 enterprise(s)"))
        let some = try khcn("enterprise", "list", "--search", "số 99", "--limit", "3")
        #expect(some.stdout.contains("3 trong tổng số 11 doanh nghiệp (dùng --limit để xem thêm)"), "\(some.stdout)")
        #expect(try khcn("enterprise", "list", "--search", "số 99", "--limit", "11").stdout.contains("\n11 doanh nghiệp\n"))

        let commune = try khcn("enterprise", "list", "--commune", "02242")
        #expect(commune.stdout.contains("Công ty Tân Trào") && commune.stdout.contains("\n1 doanh nghiệp"), "\(commune.stdout)")
        let address = try khcn("enterprise", "list", "--address", "NGUYEN trai", "--json")
        #expect((address.json as? [[String: Any]])?.compactMap { $0["tax_code"] as? String } == ["0101248141"])
        #expect(try khcn("enterprise", "list", "--address", "xa thai binh", "--commune", "02300", "--limit", "2")
            .stdout.contains("2 trong tổng số 1.000 doanh nghiệp"))
        #expect(try khcn("enterprise", "list", "--commune", "99999").stdout.contains("Không có doanh nghiệp nào phù hợp."))
    }
}
