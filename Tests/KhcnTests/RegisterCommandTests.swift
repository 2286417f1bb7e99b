import Foundation
import TestSupport
import Testing

@Suite struct RegisterCommandTests {
    @Test func everyRegisterWorksFromTheCommandLine() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)   // as a clerk login over SCRAM (contract §9)
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, as: clerk) }
        #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Tân Trào", "--established", "2015-01-01").status == 0)

        let certificate = try khcn("certificate", "add", "--tax-code", "0101248141", "--number", "01/2024", "--issued", "2024-03-01", "--json")
        #expect(certificate.status == 0, "\(certificate.stderr)")
        #expect(certificate.object["basis"] as? String == "13/2019/NĐ-CP")
        #expect(certificate.object["warnings"] as? [String] == [])
        #expect(try khcn("certificate", "revoke", "01/2024", "--on", "2026-02-01", "--reason", "không báo cáo").status == 0)
        #expect((try khcn("certificate", "list", "--as-of", "2025-12-31", "--json").json as? [Any])?.count == 1)
        #expect((try khcn("certificate", "list", "--as-of", "2026-12-31", "--json").json as? [Any])?.count == 0)

        #expect(try khcn("fund", "add", "--tax-code", "0101248141", "--established", "2024-02-01", "--capital", "1.000.000.000").status == 0)
        let allocation = try khcn("fund", "allocate", "--tax-code", "0101248141", "--year", "2024", "--amount", "300000000", "--json")
        #expect((allocation.object["allocations"] as? [[String: Any]])?.first?["allocated"] as? Int == 300_000_000)
        #expect(try khcn("fund", "allocate", "--tax-code", "0101248141", "--year", "2024", "--amount", "-5").status == 65)
        #expect(try khcn("fund", "allocate", "--tax-code", "0101248141", "--year", "2024", "--amount", "năm triệu").status == 64)

        #expect(try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-01234", "--filed", "2024-05-10",
                         "--title", "Quy trình", "--applicant-tax-code", "0101248141").status == 0)
        #expect(try khcn("ip", "record", "1-2024-01234", "--event", "granted", "--on", "2026-01-05").status == 64)   // needs --grant-number
        let granted = try khcn("ip", "record", "1-2024-01234", "--event", "granted", "--on", "2026-01-05", "--grant-number", "1-0045678", "--json")
        #expect(granted.object["status"] as? String == "granted")
        #expect(granted.object["expires_on"] as? String == "2044-05-10")
        #expect((granted.object["events"] as? [[String: Any]])?.first?.keys.sorted() == ["event", "grant_number", "on"])
        #expect(try khcn("ip", "record", "1-2024-01234", "--event", "published", "--on", "2025-01-01").status == 65)
        #expect(try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-09999", "--filed", "2024-05-10",
                         "--title", "x", "--applicant-tax-code", "0100109106").status == 3)

        #expect(try khcn("gi", "add", "--certificate-number", "86", "--name", "Hàm Yên", "--product", "Cam sành", "--granted", "2014-08-12").status == 0)
        #expect(try khcn("gi", "show", "00086", "--json").object["certificate_number"] as? String == "00086")
        #expect(try khcn("gi", "show", "99", "--json").status == 3)

        let show = try khcn("enterprise", "show", "0101248141", "--json")
        #expect((show.object["certificates"] as? [Any])?.count == 1)
        #expect((show.object["funds"] as? [Any])?.count == 1)
        #expect((show.object["ip_applications"] as? [Any])?.count == 1)
        #expect(try khcn("enterprise", "delete", "0101248141", "--reason", "x").status == 65)

        let export = try khcn("export", "gi")
        #expect(export.stdout == "certificate_number,name,product,granted_on,decision,managing_org,area,application_number,cancelled_on\n00086,Hàm Yên,Cam sành,2014-08-12,,,,,\n")
        let excel = try khcn("export", "gi", "--excel")
        #expect(excel.stdout.hasPrefix("\u{FEFF}certificate_number"))
        #expect(excel.stdout.hasSuffix(",,,,\r\n"))
        #expect(try khcn("export", "nothing").status == 64)
    }

    @Test func exportToAFileWritesItWhole() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let clerk = try scratch.clerk()
        let folder = scratch.folder, file = scratch.folder.appendingPathComponent("enterprises.csv").path
        _ = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "A"], as: clerk)
        #expect(try KhcnRun.run(["export", "enterprises", "--output", file], as: clerk).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("tax_code,name,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["enterprises.csv"])
    }
}

@Suite struct ImportCommandTests {
    @Test func importPrintsTheContractSummaryAndExitCodes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let clerk = try scratch.clerk()
        let folder = scratch.folder
        let good = try scratch.file("good.csv", "tax_code,name\n0101248141,A\n")
        let bad = try scratch.file("bad.csv", "tax_code,name\n0101248142,A\n")
        let reportFile = folder.appendingPathComponent("report.json").path

        let run = try KhcnRun.run(["import", "enterprises", good, "--json", "--report", reportFile], as: clerk)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(run.object.keys) == ["valid", "dry_run", "batch", "dialect", "stats", "errors", "errors_omitted"])
        #expect((run.object["dialect"] as? [String: Any])?.keys.sorted() == ["bom", "delimiter", "encoding"])
        #expect((run.object["stats"] as? [String: Any])?["inserted"] as? Int == 1)
        #expect(run.object["batch"] as? Int == 1)
        #expect(try String(contentsOfFile: reportFile, encoding: .utf8).contains("\"inserted\": 1"))

        let failed = try KhcnRun.run(["import", "enterprises", bad, "--json"], as: clerk)
        #expect(failed.status == 65)
        let error = (failed.object["errors"] as? [[String: Any]])?.first
        #expect(error?.keys.sorted() == ["field", "line", "message", "record", "type", "value"])
        #expect(error?["line"] as? Int == 2 && error?["record"] as? Int == 1)

        #expect(try KhcnRun.run(["import", "enterprises", folder.appendingPathComponent("missing.csv").path], as: clerk).status == 66)
        #expect(try KhcnRun.run(["import", "enterprises", folder.path], as: clerk).status == 66)
        #expect(try KhcnRun.run(["import", "enterprises", good, "--encoding", "latin1"], as: clerk).status == 64)
        #expect(try KhcnRun.run(["import", "nothing", good], as: clerk).status == 64)

        let template = try KhcnRun.run(["import", "template", "funds"], as: clerk)
        #expect(template.stdout.hasPrefix("tax_code,established_on,decision,capital,notified_on,closed_on\n"))
        let list = try KhcnRun.run(["import", "list", "--json"], as: clerk)
        #expect((list.json as? [[String: Any]])?.count == 1)
        #expect(try KhcnRun.run(["import", "revert", "1"], as: clerk).status == 64)   // --reason required
        #expect(try KhcnRun.run(["import", "revert", "1", "--reason", "thử"], as: clerk).status == 0)
        #expect(try KhcnRun.run(["import", "revert", "99", "--reason", "thử"], as: clerk).status == 3)
    }
}
