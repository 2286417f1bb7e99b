import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// The seven rules of contract §10 at their boundary days (the day before due, the due day,
/// the day after), items that disappear when the satisfying record is written, and rule rows
/// as data (an end date stops a row; a new row takes over).
@Suite struct WatchTests {
    /// (state, due date) of the items of `rule` for `key` on `day`, looking `within` days ahead.
    func seen(_ session: RegistrySession, _ rule: String, _ key: String, on day: String, within: Int = 0) throws -> [String] {
        try WatchList(session).items(asOf: CivilDate(day), within: within)
            .filter { $0.rule == rule && $0.key == key }
            .map { "\($0.state) \($0.dueOn)" }
    }

    /// Before due (outside a 0-day window, inside a 1-day one), on the due day, the day after.
    func expectBoundary(_ session: RegistrySession, _ rule: String, _ key: String, due: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dueDay = CivilDate(due)
        let before = dueDay.adding(days: -1)!.description, after = dueDay.adding(days: 1)!.description
        #expect(try seen(session, rule, key, on: before) == [], sourceLocation: sourceLocation)
        #expect(try seen(session, rule, key, on: before, within: 1) == ["due \(due)"], sourceLocation: sourceLocation)
        #expect(try seen(session, rule, key, on: due) == ["due \(due)"], sourceLocation: sourceLocation)
        #expect(try seen(session, rule, key, on: after) == ["overdue \(due)"], sourceLocation: sourceLocation)
    }

    /// Files application `number` (its kind is its first digit) on `filed`, for the enterprise
    /// `code`, or else for Nguyễn Văn A, a person named on the application.
    func file(_ number: String, on filed: String, by code: TaxCode?, priority: String? = nil, in session: RegistrySession) throws -> ApplicationNumber {
        let number = try ApplicationNumber(parsing: number)
        _ = try IPRegister(session).add(
            kind: number.kind, number: number, filed: CivilDate(filed), title: "Đơn \(number)", applicantTaxCode: code,
            applicantName: code == nil ? "Nguyễn Văn A" : nil, ipc: [], priority: priority.map { CivilDate($0) }, context: testClerk)
        return number
    }

    @Test func monthArithmeticClampsToTheMonthEndInSwiftAndSQL() throws {
        #expect(CivilDate("2024-02-29").adding(months: 42) == CivilDate("2027-08-29"))
        #expect(CivilDate("2023-08-31").adding(months: 42) == CivilDate("2027-02-28"))
        #expect(CivilDate("2024-02-29").adding(months: 36) == CivilDate("2027-02-28"))
        #expect(CivilDate("2024-02-29").adding(months: 48) == CivilDate("2028-02-29"))
        try withRegistry { session in
            var day = CivilDate("2023-12-25")
            while day < CivilDate("2024-03-05") {
                for months in [1, 6, 12, 36, 42] {
                    let sql = try session.connection.query("SELECT khcn_add_months(\(day.description)::date, \(months)::int)::text AS due").first?["due"]
                    #expect(sql == day.adding(months: months)?.description, "\(day) + \(months)")
                }
                day = day.adding(days: 1)!
            }
        }
    }

    @Test func examinationRequestCountsFromFilingOrPriorityAndEndsWithTheRequest() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let ip = IPRegister(session)
            let leap = try file("1-2024-00001", on: "2024-02-29", by: code, in: session)
            try expectBoundary(session, "ip-examination-request", leap.description, due: "2027-08-29")   // 29 Feb + 42 months
            let utility = try file("2-2024-00002", on: "2024-02-29", by: nil, in: session)
            try expectBoundary(session, "ip-examination-request", utility.description, due: "2027-02-28")   // + 36 months
            let item = try #require(WatchList(session).items(asOf: CivilDate("2027-03-01")).first { $0.key == utility.description })
            #expect(item.taxCode == nil && item.name == "Nguyễn Văn A")
            let priority = try file("1-2024-00003", on: "2024-03-10", by: code, priority: "2023-08-31", in: session)
            try expectBoundary(session, "ip-examination-request", priority.description, due: "2027-02-28")   // 31 Aug + 42 months
            _ = try ip.record(number: leap, event: .examinationRequested, on: CivilDate("2024-06-01"), grantNumber: nil, context: testClerk)
            #expect(try seen(session, "ip-examination-request", leap.description, on: "2027-09-01") == [])
            #expect(try seen(session, "ip-examination-request", leap.description, on: "2024-05-31", within: 2000) == ["due 2027-08-29"])
        }
    }

    @Test func annuityPerValidityYearFromTheGrantUntilPaidAndExpiry() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let ip = IPRegister(session)
            let number = try file("2-2020-00001", on: "2020-02-29", by: code, in: session)
            _ = try ip.record(number: number, event: .granted, on: CivilDate("2024-02-29"), grantNumber: "2-0000001", context: testClerk)
            try expectBoundary(session, "ip-annuity", number.description, due: "2025-02-28")   // year 2 starts 29 Feb + 1 year
            #expect(try seen(session, "ip-annuity", number.description, on: "2026-03-01") == ["overdue 2025-02-28", "overdue 2026-02-28"])
            // A payment dated before the latest event is accepted, and changes no status.
            _ = try ip.record(number: number, event: .checked, on: CivilDate("2026-06-01"), grantNumber: nil, context: testClerk)
            let (record, _) = try ip.payFees(number: number, years: [2, 3], on: CivilDate("2025-03-10"), context: testClerk)
            #expect(record.json.contains(#""status":"granted""#))
            #expect(record.json.contains(#""next_fee":{"year" : 4, "due_on" : "2027-02-28"}"#))
            #expect(try seen(session, "ip-annuity", number.description, on: "2026-03-01") == [])
            #expect(try seen(session, "ip-annuity", number.description, on: "2025-03-09") == ["overdue 2025-02-28"])   // not yet paid then
            #expect(throws: RegistryError.self) { try ip.payFees(number: number, years: [3], on: CivilDate("2025-03-11"), context: testClerk) }
            #expect(throws: RegistryError.self) { try ip.payFees(number: number, years: [11], on: CivilDate("2025-03-11"), context: testClerk) }
            // Expiry: in force through 2030-02-28 (29 Feb + 10 years), due within the window only.
            #expect(try seen(session, "ip-expiry", number.description, on: "2029-11-30", within: 90) == ["due 2030-02-28"])
            #expect(try seen(session, "ip-expiry", number.description, on: "2029-11-29", within: 90) == [])
            #expect(try seen(session, "ip-expiry", number.description, on: "2030-02-28") == ["due 2030-02-28"])
            #expect(try seen(session, "ip-expiry", number.description, on: "2030-03-01") == [])
        }
    }

    @Test func fundNotificationReportAndSeventyPercentFirstInFirstOut() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let funds = FundRegister(session)
            _ = try funds.add(taxCode: code, established: CivilDate("2019-03-01"), decision: nil, capital: nil, notified: CivilDate("2019-04-05"), context: testClerk)
            try expectBoundary(session, "fund-notification", code.description, due: "2019-03-31")
            #expect(try seen(session, "fund-notification", code.description, on: "2019-04-05") == [])   // notified that day
            _ = try funds.allocate(taxCode: code, year: 2019, allocated: Money(dong: 1_000), spent: Money(dong: 0), reportReceived: CivilDate("2020-04-10"), context: testClerk)
            _ = try funds.allocate(taxCode: code, year: 2020, allocated: Money(dong: 1_000), spent: Money(dong: 1_500), reportReceived: nil, context: testClerk)
            try expectBoundary(session, "fund-report", code.description, due: "2020-03-31")
            #expect(try seen(session, "fund-report", code.description, on: "2020-04-10") == [])
            // First in, first out: 2020's 1,500 covers 2019 entirely and half of 2020 (short 200 of 700).
            try expectBoundary(session, "fund-use-70", code.description, due: "2025-12-31")
            let item = try #require(WatchList(session).items(asOf: CivilDate("2026-01-01")).first { $0.rule == "fund-use-70" })
            #expect(item.details.contains(#""short": 200"#) && item.details.contains(#""year": 2020"#))
            #expect(try seen(session, "fund-use-70", code.description, on: "2025-01-01").isEmpty)   // 2019's is fully used
        }
    }

    @Test func districtManagedGIUntilASuccessorIsRecorded() throws {
        try withRegistry { session in
            let gis = GIRegister(session)
            _ = try gis.add(number: "86", name: "Hàm Yên", product: "Cam sành", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: "UBND huyện Hàm Yên", area: nil, applicationNumber: nil, context: testClerk)
            _ = try gis.add(number: "87", name: "X", product: "Y", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: "UBND thành phố Hồ Chí Minh", area: nil, applicationNumber: nil, context: testClerk)
            _ = try gis.add(number: "88", name: "X", product: "Y", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: "Ủy ban nhân dân thành phố Tuyên Quang", area: nil, applicationNumber: nil, context: testClerk)
            try expectBoundary(session, "gi-manager", "00086", due: "2025-07-01")
            #expect(try seen(session, "gi-manager", "00087", on: "2025-07-02") == [])
            #expect(try seen(session, "gi-manager", "00088", on: "2025-07-02") == ["overdue 2025-07-01"])
            _ = try gis.setManager(number: "86", org: "UBND tỉnh Tuyên Quang", on: CivilDate("2025-08-01"), decision: nil, context: testClerk)
            #expect(try seen(session, "gi-manager", "00086", on: "2025-07-31") == ["overdue 2025-07-01"])
            #expect(try seen(session, "gi-manager", "00086", on: "2025-08-01") == [])
            let record = try gis.findWithHistory("86", asOf: CivilDate("2025-07-31"))
            #expect(record.json.contains(#""managing_org_on":"UBND huyện Hàm Yên""#))
            #expect(try gis.findWithHistory("86").json.contains(#""managing_org_on":"UBND tỉnh Tuyên Quang""#))
        }
    }

    /// A rule row governs the due dates in its span: closing it stops its items, and a new row
    /// (a new decree) takes over without new code.
    @Test func ruleRowsApplyWithinTheirDates() throws {
        // Rule rows change only by migration, so the superuser edits them here.
        try withSchema { session in
            let code = try register("0101248141", in: session)
            _ = try FundRegister(session).add(taxCode: code, established: CivilDate("2024-01-02"), decision: nil, capital: nil, notified: CivilDate("2024-01-10"), context: testClerk)
            for year in [2024, 2025] {
                _ = try FundRegister(session).allocate(taxCode: code, year: year, allocated: Money(dong: 10), spent: Money(dong: 10), reportReceived: nil, context: testClerk)
            }
            #expect(try seen(session, "fund-report", code.description, on: "2026-06-01") == ["overdue 2025-03-31", "overdue 2026-03-31"])
            try session.connection.query("UPDATE watch_rule SET applies_until = '2025-12-31' WHERE code = 'fund-report'")
            #expect(try seen(session, "fund-report", code.description, on: "2026-06-01") == ["overdue 2025-03-31"])
            try session.connection.query("""
                INSERT INTO watch_rule (code, kind, applies_from, title, title_en, basis, basis_en, action, action_en, months, sort_order)
                SELECT code, kind, '2026-01-01', title, title_en, 'Nghị định giả định', 'A hypothetical decree', action, action_en, 4, sort_order
                  FROM watch_rule WHERE code = 'fund-report'
                """)
            let items = try WatchList(session).items(asOf: CivilDate("2026-06-01")).filter { $0.rule == "fund-report" }
            #expect(items.map { "\($0.dueOn) \($0.basis)" } == [
                "2025-03-31 Luật Quản lý thuế 38/2019/QH14, điều 44 (hạn quyết toán: ngày cuối tháng thứ ba sau năm tài chính); Thông tư 67/2022/TT-BTC",
                "2026-04-30 Nghị định giả định"])
        }
    }

    /// Scripts/demo shows `khcn watch --as-of 2026-12-01`: the samples give an item of every rule
    /// (the hand count of Samples/README.md), and progress counts the overdue ones.
    @Test func samplesGiveAnItemOfEveryRule() throws {
        try withRegistry { session in
            try loadSamples(session)
            let items = try WatchList(session).items(asOf: CivilDate("2026-12-01"))
            #expect(Set(items.map(\.rule)) == ["ip-examination-request", "ip-annuity", "ip-expiry", "fund-notification",
                                                "fund-report", "fund-use-70", "gi-manager"])
            #expect(items.count == 12 && items.filter { $0.state == .overdue }.count == 9)
            #expect(items.map(\.dueOn) == items.map(\.dueOn).sorted())
            #expect(try WatchList(session).overdueCount(asOf: CivilDate("2026-12-01")) == 9)
            #expect(try WatchList(session).items(asOf: CivilDate("2026-12-01"), kind: .gi).map(\.key) == ["00077", "00102", "00121"])
            #expect(try WatchList(session).items(asOf: CivilDate("2026-12-01"), limit: 2).count == 2)
            let english = try WatchList(session).items(asOf: CivilDate("2026-12-01"), kind: .gi, english: true)
            #expect(english.first?.action.hasPrefix("Find the body") == true)
        }
    }
    /// `khcn progress` counts the overdue obligations on a second connection while it reads the
    /// targets (`OverdueCountBeside`): what is committed, as any query of another transaction
    /// sees it; on the command's own session when the second cannot connect.
    @Test func theOverdueCountBesideTheTargetsIsCountedOnASecondConnection() throws {
        try withRegistry { session in
            try loadSamples(session)
            let day = CivilDate("2026-12-01")
            let connection = session.connection
            try connection.query("BEGIN")
            let owner = try #require(try connection.query("""
                SELECT e.tax_code FROM enterprise e WHERE NOT EXISTS (SELECT 1 FROM st_fund f WHERE f.tax_code = e.tax_code)
                   AND e.established_on < '2024-01-01' ORDER BY e.tax_code LIMIT 1
                """).scalar)
            // A fund never notified: overdue on the day, for this transaction only.
            try connection.query("INSERT INTO st_fund (province_code, tax_code, established_on) VALUES ('08', \(owner), '2025-01-02')")
            let own = try WatchList(session).overdueCount(asOf: day)
            let beside = try OverdueCountBeside(databaseURL: connection.settings, province: "08", asOf: day).value(orOn: session)
            let unreachable = try OverdueCountBeside(databaseURL: "host=127.0.0.1 port=1", province: "08", asOf: day).value(orOn: session)
            try connection.query("ROLLBACK")
            #expect(beside == 9)
            #expect(own == 10 && unreachable == 10)
        }
    }
}
