import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// SQL/0036: for a date on or after today the watch list reads the kept `ip_watch_state` and
/// stops at its limit in the database (contract §8); it must list exactly what the pass over
/// the records as they stood on the date (`khcn_watch_on`, SQL/0031's) lists, in the same
/// order, whatever the window, kind or limit, and the kept state must follow every write.
@Suite struct WatchSpeedTests {
    /// Rows where the kept state and the state computed from the records now differ.
    func stale(_ superuser: Connection) throws -> Int {
        Int(try superuser.query("""
            SELECT count(*) FROM ((SELECT * FROM ip_watch_state EXCEPT ALL SELECT * FROM ip_watch_state_now)
                        UNION ALL (SELECT * FROM ip_watch_state_now EXCEPT ALL SELECT * FROM ip_watch_state)) x
            """).scalar ?? "-1") ?? -1
    }

    /// The list as text, from `khcn_watch` (fast for today on) and from `khcn_watch_on`.
    func lists(_ session: RegistrySession, on day: CivilDate, within: Int, kind: String?, limit: Int?) throws -> (fast: String, full: String) {
        let order: Query = #"ORDER BY w.due_on, w.sort_order, w.key COLLATE "C""#
        let fast = try session.connection.query("""
            SELECT coalesce(string_agg(w::text, E'\\n' \(order)), '') FROM khcn_watch(\(session.province), \(day)::date, \(within)::int, \(kind)::text, \(limit)::bigint) w
            """).scalar ?? "?"
        let full = try session.connection.query("""
            SELECT coalesce(string_agg(w::text, E'\\n' \(order)), '')
              FROM (SELECT * FROM khcn_watch_on(\(session.province), \(day)::date, \(within)::int, \(kind)::text) w \(order) LIMIT \(limit)::bigint) w
            """).scalar ?? "?"
        return (fast, full)
    }

    func expectAgree(_ session: RegistrySession, on days: [CivilDate], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for day in days {
            for within in [0, 90, 4000] {
                for kind in [nil, "ip", "fund", "gi"] {
                    for limit in [nil, 1, 4, 50] as [Int?] {
                        let (fast, full) = try lists(session, on: day, within: within, kind: kind, limit: limit)
                        #expect(fast == full, "on \(day) within \(within) kind \(kind ?? "-") limit \(limit.map(String.init) ?? "-")",
                                sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    func today(_ session: RegistrySession) throws -> CivilDate {
        CivilDate(try session.connection.query("SELECT khcn_today()::text").scalar ?? "")
    }

    /// The samples (an item of every rule) on today, tomorrow, next years and, through the
    /// full path, days before today; and the overdue count both ways.
    @Test func samplesListTheSameItemsInTheSameOrderAsThePassOverTheRecords() throws {
        try withRegistry { session in
            try loadSamples(session)
            let now = try today(session)
            let days = [now, now.adding(days: 1)!, now.adding(days: 200)!, now.adding(months: 30)!, now.adding(days: -1)!, CivilDate("2026-06-01")]
            try expectAgree(session, on: days)
            for day in days {
                let counted = try session.connection.query("SELECT khcn_watch_overdue(\(session.province), \(day)::date)").scalar
                let listed = try session.connection.query(
                    "SELECT count(*) FROM khcn_watch_on(\(session.province), \(day)::date, 0) w WHERE w.state = 'overdue'").scalar
                #expect(counted == listed, "\(day)")
            }
            #expect(try WatchList(session).items(asOf: now, limit: 3).map(\.key) == WatchList(session).items(asOf: now).prefix(3).map(\.key))
        }
    }

    /// The kept state follows events recorded one by one and imported, fees paid one by one and
    /// imported, an import reverted, and an application deleted; the list agrees at each step.
    @Test func theKeptStateFollowsEveryWrite() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let superuser = try database.connect()
        let session = try database.createLogin(.clerk).session()   // the triggers run for a clerk, under row-level security
        let code = try register("0101248141", in: session)
        let ip = IPRegister(session)
        let now = try today(session)
        let check: (String) throws -> Void = { step in
            #expect(try stale(superuser) == 0, "\(step)")
            try expectAgree(session, on: [now, now.adding(months: 14)!])
        }
        let invention = try ApplicationNumber(parsing: "1-2012-00001")
        _ = try ip.add(kind: .invention, number: invention, filed: CivilDate("2012-02-29"), title: "A", applicantTaxCode: code, applicantName: nil, ipc: [], context: testClerk)
        let utility = try ApplicationNumber(parsing: "2-2020-00002")
        _ = try ip.add(kind: .utilitySolution, number: utility, filed: CivilDate("2020-05-31"), title: "B", applicantTaxCode: nil, applicantName: "Nguyễn Văn A", ipc: [], priority: CivilDate("2019-08-31"), context: testClerk)
        try check("added")
        _ = try ip.record(number: invention, event: .examinationRequested, on: CivilDate("2013-01-10"), grantNumber: nil, context: testClerk)
        _ = try ip.record(number: invention, event: .granted, on: CivilDate("2016-02-29"), grantNumber: "1-0000001", context: testClerk)
        try check("granted")
        _ = try ip.payFees(number: invention, years: [2, 3, 5], on: CivilDate("2018-03-01"), context: testClerk)
        try check("fees paid, year 4 not")
        #expect(try superuser.query("SELECT fee_year::text || ' ' || fee_due_from FROM ip_watch_state WHERE application_number = '1-2012-00001'").scalar == "4 2019-02-28")
        _ = try ip.record(number: invention, event: .lapsed, on: CivilDate("2020-03-01"), grantNumber: nil, context: testClerk)
        try check("lapsed")
        _ = try ip.record(number: invention, event: .restored, on: CivilDate("2020-06-01"), grantNumber: nil, context: testClerk)
        try check("restored")
        let events = try importing(session, .ip, try temporaryFile("""
            kind,application_number,filed_on,title,applicant_tax_code,applicant_name,ipc,published_on,examination_requested_on,granted_on,grant_number
            utility-solution,2-2020-00002,2020-05-31,B,,Nguyễn Văn A,,2021-01-05,2021-02-01,2022-07-15,2-0000009
            invention,1-2021-00003,2021-03-31,C,0101248141,,,,,,
            """))
        try check("imported")
        let fees = try importing(session, .ipFee, try temporaryFile("application_number,year,paid_on\n2-2020-00002,2,2023-07-01\n2-2020-00002,3,2024-07-01\n"))
        try check("fees imported")
        _ = try ImportBatches(session).revert(try #require(fees.batch), context: testClerk)
        try check("fees reverted")
        _ = try ImportBatches(session).revert(try #require(events.batch), context: testClerk)
        try check("import reverted")
        #expect(try superuser.query("SELECT count(*) FROM ip_watch_state").scalar == "2")
        try superuser.query("DELETE FROM ip_application WHERE application_number = '2-2020-00002'")
        try check("deleted")
        #expect(try superuser.query("SELECT string_agg(application_number, ',') FROM ip_watch_state").scalar == "1-2012-00001")
    }
}
