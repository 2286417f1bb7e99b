import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Issue 15, SQL/0037: the overdue count beside the targets (contract §10) is counted without
/// building the items — annuity years by arithmetic, fund-use-70 from the kept use of each
/// allocation — and must equal the number of `overdue` items of the pass over the records
/// (`khcn_watch_on`) on every date on or after today, around every due day and rule span.
@Suite struct OverdueCountTests {
    func today(_ connection: Connection) throws -> CivilDate {
        CivilDate(try connection.query("SELECT khcn_today()::text").scalar ?? "")
    }

    /// The fast count and the listed count on each day, as the clerk reads them.
    func expectCountsAgree(_ session: RegistrySession, on days: [CivilDate], _ step: String = "",
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        for day in days {
            let counted = try session.connection.query("SELECT khcn_watch_overdue_now(\(session.province), \(day)::date)").scalar
            let listed = try session.connection.query(
                "SELECT count(*) FROM khcn_watch_on(\(session.province), \(day)::date, 0) w WHERE w.state = 'overdue'").scalar
            #expect(counted == listed, "\(step) on \(day)", sourceLocation: sourceLocation)
            #expect(try WatchList(session).overdueCount(asOf: day) == Int(listed ?? ""), "\(step) on \(day)", sourceLocation: sourceLocation)
        }
    }

    /// Kept rows that differ from the first-in first-out over every allocation now.
    func stale(_ superuser: Connection) throws -> Int {
        Int(try superuser.query("""
            WITH now AS (SELECT p.province_code, u.tax_code, u.established_on, u.year, u.allocated, u.used_in_time
                           FROM (SELECT DISTINCT province_code FROM st_fund_allocation) p
                          CROSS JOIN LATERAL fund_allocation_use(p.province_code, 'infinity') u)
            SELECT count(*) FROM ((SELECT * FROM st_fund_allocation_use EXCEPT ALL SELECT * FROM now)
                        UNION ALL (SELECT * FROM now EXCEPT ALL SELECT * FROM st_fund_allocation_use)) x
            """).scalar ?? "-1") ?? -1
    }

    /// ip_fee_year_on is the inverse of ip_fee_year_starts: year K has started on the day it
    /// starts and not the day before, for grants on every day of two years (29 February too).
    @Test func theStartedValidityYearIsTheInverseOfTheDayItStarts() throws {
        try withSchema { session in
            let wrong = try session.connection.query("""
                SELECT count(*) FROM generate_series(DATE '2023-01-01', DATE '2024-12-31', interval '1 day') AS g (day)
                 CROSS JOIN generate_series(1, 21) AS k
                 WHERE ip_fee_year_on(g.day::date, ip_fee_year_starts(g.day::date, k)) <> k
                    OR ip_fee_year_on(g.day::date, ip_fee_year_starts(g.day::date, k) - 1) <> k - 1
                """).scalar
            #expect(wrong == "0")
            #expect(try session.connection.query("SELECT ip_fee_year_on('2024-02-29', '2025-02-28')").scalar == "2")
            #expect(try session.connection.query("SELECT ip_fee_year_on('2024-02-29', '2025-02-27')").scalar == "1")
        }
    }

    /// Titles granted on 29 February and at a month's end, fees paid out of order, the annuity
    /// rule split in two rows with a gap between them: the count agrees the day before, on and
    /// after every year's start, up to and past expiry.
    @Test func annuitiesCountedByArithmeticAgreeAroundEveryDueDay() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let superuser = try database.connect()
        let session = try database.createLogin(.clerk).session()
        let code = try register("0101248141", in: session)
        let ip = IPRegister(session)
        let invention = try ApplicationNumber(parsing: "1-2022-00001")
        _ = try ip.add(kind: .invention, number: invention, filed: CivilDate("2022-01-10"), title: "A", applicantTaxCode: code, applicantName: nil, ipc: [], context: testClerk)
        _ = try ip.record(number: invention, event: .examinationRequested, on: CivilDate("2022-06-01"), grantNumber: nil, context: testClerk)
        _ = try ip.record(number: invention, event: .granted, on: CivilDate("2024-02-29"), grantNumber: "1-0000001", context: testClerk)
        let utility = try ApplicationNumber(parsing: "2-2020-00002")
        _ = try ip.add(kind: .utilitySolution, number: utility, filed: CivilDate("2020-05-31"), title: "B", applicantTaxCode: nil, applicantName: "Nguyễn Văn A", ipc: [], priority: CivilDate("2019-08-31"), context: testClerk)
        _ = try ip.record(number: utility, event: .examinationRequested, on: CivilDate("2020-07-01"), grantNumber: nil, context: testClerk)
        _ = try ip.record(number: utility, event: .granted, on: CivilDate("2021-03-31"), grantNumber: "2-0000002", context: testClerk)
        _ = try ip.payFees(number: utility, years: [2, 4, 8], on: CivilDate("2024-01-02"), context: testClerk)   // 3 unpaid, 8 ahead
        let now = try today(superuser)
        var days = [now, now.adding(days: 1)!, CivilDate("2030-05-31"), CivilDate("2030-06-01"), CivilDate("2044-01-11")]
        for start in ["2027-02-28", "2028-02-29", "2029-02-28", "2027-03-31", "2028-03-31", "2029-03-31", "2030-03-31", "2031-03-31"] {
            let day = CivilDate(start)
            days += [day.adding(days: -1)!, day, day.adding(days: 1)!]
        }
        days = days.filter { $0 >= now }
        try expectCountsAgree(session, on: days, "one rule row")
        try superuser.query("UPDATE watch_rule SET applies_until = '2027-12-31' WHERE code = 'ip-annuity'")
        try superuser.query("""
            INSERT INTO watch_rule (code, subject, kind, applies_from, applies_until, title, title_en, basis, basis_en, action, action_en,
                                    months, days, share, due_date, names, sort_order)
            SELECT code, subject, kind, '2028-03-15', NULL, title, title_en, basis, basis_en, action, action_en,
                   months, days, share, due_date, names, sort_order FROM watch_rule WHERE code = 'ip-annuity'
            """)
        try expectCountsAgree(session, on: days, "two rule rows, a gap")
    }

    /// The kept use follows allocations added one by one, re-allocated (an upsert), imported,
    /// reverted, moved to another year and deleted; the count agrees around 31 December of the
    /// years whose items fall due, and with an allocation of next year (hidden on today).
    @Test func theKeptFundUseFollowsEveryWriteAndTheCountAgrees() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let superuser = try database.connect()
        let session = try database.createLogin(.clerk).session()   // the triggers run for a clerk, under row-level security
        let now = try today(superuser)
        let days = [now, now.adding(days: 1)!] + (now.year...now.year + 7).flatMap {
            [CivilDate(year: $0, month: 12, day: 31)!, CivilDate(year: $0 + 1, month: 1, day: 1)!]
        }.filter { $0 >= now }
        let funds = FundRegister(session)
        let first = try register("0101248141", in: session)
        let second = try register("0100109106", in: session)
        _ = try funds.add(taxCode: first, established: CivilDate("2019-03-01"), decision: nil, capital: nil, notified: CivilDate("2019-04-05"), context: testClerk)
        _ = try funds.add(taxCode: second, established: CivilDate("2018-01-15"), decision: nil, capital: nil, notified: nil, context: testClerk)
        let check: (String) throws -> Void = { step in
            #expect(try stale(superuser) == 0, "\(step)")
            try expectCountsAgree(session, on: days, step)
        }
        _ = try funds.allocate(taxCode: first, year: 2019, allocated: Money(dong: 1_000), spent: Money(dong: 0), reportReceived: CivilDate("2020-04-10"), context: testClerk)
        _ = try funds.allocate(taxCode: first, year: 2020, allocated: Money(dong: 1_000), spent: Money(dong: 1_500), reportReceived: nil, context: testClerk)
        _ = try funds.allocate(taxCode: second, year: 2021, allocated: Money(dong: 5_000), spent: Money(dong: 100), reportReceived: nil, context: testClerk)
        try check("allocated")
        #expect(try superuser.query("SELECT count(*) FROM st_fund_allocation_use").scalar == "3")
        _ = try funds.allocate(taxCode: first, year: 2019, allocated: Money(dong: 1_000), spent: Money(dong: 900), reportReceived: CivilDate("2020-04-10"), context: testClerk)
        try check("re-allocated: the fund's later year moves with it")
        let imported = try importing(session, .fundAllocation, try temporaryFile("""
            tax_code,established_on,year,allocated,spent,report_received_on
            0101248141,2019-03-01,2021,2000,0,
            0100109106,2018-01-15,2022,3000,2900,
            0100109106,2018-01-15,2023,1000,0,
            """))
        try check("imported")
        _ = try ImportBatches(session).revert(try #require(imported.batch), context: testClerk)
        try check("import reverted")
        try superuser.query("UPDATE st_fund_allocation SET year = 2022 WHERE tax_code = '0100109106' AND year = 2021")
        try check("moved to another year")
        _ = try funds.allocate(taxCode: second, year: now.year + 1, allocated: Money(dong: 7_000), spent: Money(dong: 7_000), reportReceived: nil, context: testClerk)
        try check("an allocation of next year")
        try superuser.query("DELETE FROM st_fund_allocation WHERE tax_code = '0101248141' AND year = 2019")
        try check("deleted")
        #expect(try superuser.query("SELECT count(*) FROM st_fund_allocation_use").scalar == "3")
    }
}
