import Foundation
import TestSupport
import Testing

/// `khcn watch` (contract §10), the fee payments and priority date of `ip`, the GI histories and
/// `fund show` (§5), from the command line: JSON shapes, languages and exit codes.
@Suite struct WatchCommandTests {
    @Test func watchAndItsRecordsFromTheCommandLine() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, database: database) }
        #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Tân Trào", "--established", "2015-01-01").status == 0)
        // Priority date: never after the filing date; time limits count from it.
        #expect(try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-00001", "--filed", "2024-03-10",
                         "--title", "A", "--applicant-tax-code", "0101248141", "--priority", "2024-04-01").status == 65)
        let added = try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-00001", "--filed", "2024-03-10",
                             "--title", "A", "--applicant-tax-code", "0101248141", "--priority", "2023-08-31", "--json")
        #expect(added.object["priority_on"] as? String == "2023-08-31")
        let watch = try khcn("watch", "--as-of", "2027-03-01", "--json")
        #expect(watch.status == 0, "\(watch.stderr)")
        #expect(watch.object["as_of"] as? String == "2027-03-01")
        let item = try #require((watch.object["items"] as? [[String: Any]])?.first)
        #expect(Set(item.keys) == ["rule", "kind", "key", "tax_code", "name", "due_on", "state", "basis", "action", "details"])
        #expect(item["rule"] as? String == "ip-examination-request" && item["due_on"] as? String == "2027-02-28")
        #expect(item["state"] as? String == "overdue" && item["name"] as? String == "Công ty Tân Trào")
        #expect((item["action"] as? String)?.hasPrefix("Nhắc chủ đơn") == true)
        let english = try khcn("watch", "--as-of", "2027-03-01", "--json", "--lang", "en")
        #expect(((english.object["items"] as? [[String: Any]])?.first?["action"] as? String)?.hasPrefix("Remind the applicant") == true)
        #expect(try khcn("watch", "--as-of", "2027-03-01", "--kind", "fund", "--json").object["items"] as? [Any] != nil)
        #expect(((try khcn("watch", "--as-of", "2027-03-01", "--kind", "fund", "--json").object["items"]) as? [Any])?.isEmpty == true)
        #expect(try khcn("watch", "--kind", "trademark").status == 64)
        #expect(try khcn("watch", "--within", "-1").status == 64)
        #expect(try khcn("watch", "--as-of", "2027-02-30").status == 65)
        let human = try khcn("watch", "--as-of", "2027-03-01")
        #expect(human.stdout.contains("QUÁ HẠN") && human.stdout.contains("28/02/2027 (cuối tuần)") && human.stdout.contains("điều 113"))

        // Fees: several years at once, exempt from the event order; --year only with fee-paid.
        #expect(try khcn("ip", "record", "1-2024-00001", "--event", "granted", "--on", "2026-01-05", "--grant-number", "1-0045678").status == 0)
        #expect(try khcn("ip", "record", "1-2024-00001", "--event", "checked", "--on", "2026-06-01").status == 0)
        #expect(try khcn("ip", "record", "1-2024-00001", "--event", "fee-paid", "--on", "2026-01-05").status == 64)
        #expect(try khcn("ip", "record", "1-2024-00001", "--event", "checked", "--on", "2026-06-02", "--year", "2").status == 64)
        let paid = try khcn("ip", "record", "1-2024-00001", "--event", "fee-paid", "--on", "2026-01-05", "--year", "1", "--year", "2", "--json")
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.object["status"] as? String == "granted")
        #expect((paid.object["fees"] as? [[String: Any]])?.map { $0["year"] as? Int } == [1, 2])
        #expect((paid.object["next_fee"] as? [String: Any])?["due_on"] as? String == "2028-01-05")
        #expect(try khcn("ip", "record", "1-2024-00001", "--event", "fee-paid", "--on", "2026-01-06", "--year", "2").status == 65)
        #expect(try khcn("ip", "record", "1-2099-00001", "--event", "fee-paid", "--on", "2026-01-06", "--year", "2").status == 3)

        // GI histories: the certificate's manager stays as written; --as-of answers who managed.
        #expect(try khcn("gi", "add", "--certificate-number", "86", "--name", "Hàm Yên", "--product", "Cam sành", "--granted", "2014-08-12",
                         "--managing-org", "UBND huyện Hàm Yên").status == 0)
        #expect(try khcn("gi", "set-manager", "86", "--org", "UBND tỉnh Tuyên Quang", "--on", "2025-07-01", "--decision", "1/QĐ").status == 0)
        #expect(try khcn("gi", "set-manager", "86", "--org", "X", "--on", "2013-01-01").status == 65)   // before the grant
        #expect(try khcn("gi", "authorize", "86", "--tax-code", "0101248141", "--on", "2020-01-01", "--until", "2024-12-31").status == 0)
        #expect(try khcn("gi", "authorize", "86", "--tax-code", "0101248141", "--on", "2024-06-01").status == 65)   // overlaps
        #expect(try khcn("gi", "authorize", "86", "--tax-code", "0100109106", "--on", "2024-06-01").status == 3)
        let then = try khcn("gi", "show", "86", "--as-of", "2024-01-01", "--json")
        #expect(then.object["managing_org"] as? String == "UBND huyện Hàm Yên" && then.object["managing_org_on"] as? String == "UBND huyện Hàm Yên")
        #expect((then.object["users"] as? [[String: Any]])?.first?["authorised"] as? Bool == true)
        let now = try khcn("gi", "show", "86", "--json")
        #expect(now.object["managing_org"] as? String == "UBND huyện Hàm Yên" && now.object["managing_org_on"] as? String == "UBND tỉnh Tuyên Quang")
        #expect((now.object["users"] as? [[String: Any]])?.first?["authorised"] as? Bool == false)
        let history = try khcn("history", "00086", "--json").json as? [[String: Any]] ?? []
        #expect(Set(history.compactMap { $0["kind"] as? String }) == ["gi", "gi-manager", "gi-user"])

        // Funds: each allocation's balance and share used, first-in first-out.
        #expect(try khcn("fund", "add", "--tax-code", "0101248141", "--established", "2020-02-01", "--notified", "2020-02-10").status == 0)
        #expect(try khcn("fund", "allocate", "--tax-code", "0101248141", "--year", "2020", "--amount", "1000", "--spent", "0").status == 0)
        #expect(try khcn("fund", "allocate", "--tax-code", "0101248141", "--year", "2021", "--amount", "1000", "--spent", "1500").status == 0)
        let funds = try khcn("fund", "show", "0101248141", "--json")
        let allocations = try #require(((funds.json as? [[String: Any]])?.first?["allocations"]) as? [[String: Any]])
        #expect(allocations.map { $0["used"] as? Int } == [1000, 500] && allocations.map { $0["balance"] as? Int } == [0, 500])
        #expect(allocations.map { $0["short_of_70"] as? Int } == [0, 200])
        #expect(try khcn("fund", "show", "0100109106").status == 3)
        let progress = try khcn("progress", "--as-of", "2027-03-01", "--json")
        // Overdue then: the reports of 2020 and 2021, and 2021's allocation short of 70% by 2026-12-31.
        #expect(progress.object["overdue"] as? Int == 3)
    }
}
