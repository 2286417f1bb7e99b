import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// The kept `ip_watch_state` (SQL/0036, definitions/16_watch.sql) stays what the records say when
/// the definitions it is computed by change and when two transactions write one application.
@Suite struct WatchStateKeepingTests {
    /// A change to any definitions file (here the one with khcn_add_months, which due dates and
    /// fee years are computed by) rebuilds the state, however it was left.
    @Test func anyChangedDefinitionRebuildsTheState() throws {
        try MigrationLayoutTests.withMigratedCopy { database, sql in
            let superuser = try database.connect()
            let session = try database.createLogin(.clerk).session()
            try loadSamples(session)
            try superuser.query("UPDATE ip_watch_state SET acted = NOT acted, fee_year = NULL")
            #expect(try WatchSpeedTests().stale(superuser) > 0)
            try superuser.query("UPDATE st_fund_allocation_use SET used_in_time = used_in_time + 1")
            #expect(try OverdueCountTests().stale(superuser) > 0)
            try MigrationLayoutTests.edit(sql.appendingPathComponent("definitions/01_foundation.sql"),
                                          replacing: "RETURN (d + make_interval(months => months))::date;",
                                          with: "RETURN (d + make_interval(months => months))::date;  -- the same")
            let migrator = try Migrator(connection: superuser, directory: sql)
            #expect(throws: RegistryError.self) { try migrator.requireMigrated() }   // exit 69 until migrated
            #expect(try migrator.migrate().map(\.name) == ["definitions/01_foundation.sql"])
            try migrator.requireMigrated()
            #expect(try WatchSpeedTests().stale(superuser) == 0)
            #expect(try OverdueCountTests().stale(superuser) == 0)
            // Row-level security is forced again on every table the rebuild lifted it from.
            #expect(try superuser.query("""
                SELECT count(*) FROM pg_class WHERE relname IN ('ip_application', 'ip_event', 'ip_fee_payment', 'ip_watch_state',
                                                               'st_fund_allocation', 'st_fund_allocation_use')
                   AND relrowsecurity AND relforcerowsecurity
                """).scalar == "6")
            // Any login may read what was applied (khcn db status).
            let viewer = try database.createLogin(.viewer).session()
            #expect(try Migrator(connection: viewer.connection, directory: sql).status().definitionsPending.isEmpty)
        }
    }

    /// A second transaction recording an event of the same application waits for the first to
    /// commit, then computes the state with both events: one row, never a stale one.
    @Test func aSecondWriterOfOneApplicationWaitsAndSeesTheFirst() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let session = try database.createLogin(.clerk).session()
        let code = try register("0101248141", in: session)
        let number = try ApplicationNumber(parsing: "1-2024-00001")
        _ = try IPRegister(session).add(kind: .invention, number: number, filed: CivilDate("2024-01-10"), title: "A",
                                        applicantTaxCode: code, applicantName: nil, ipc: [], context: testClerk)
        let first = try database.connect()
        try first.query("BEGIN")
        try first.query("INSERT INTO ip_event (province_code, application_number, event, event_on) VALUES ('08', '1-2024-00001', 'published', '2024-06-01')")
        let second = SecondWriter("INSERT INTO ip_event (province_code, application_number, event, event_on) VALUES ('08', '1-2024-00001', 'examination-requested', '2024-07-01')", on: database)
        #expect(!second.finishes(within: 1.5))   // the second waits for the first
        try first.query("COMMIT")
        #expect(second.finishes(within: 30))
        #expect(second.error == nil, "\(String(describing: second.error))")
        #expect(try first.query("SELECT count(*) || ' ' || bool_and(acted) FROM ip_watch_state WHERE application_number = '1-2024-00001'").scalar == "1 true")
        #expect(try WatchSpeedTests().stale(first) == 0)
    }
}
