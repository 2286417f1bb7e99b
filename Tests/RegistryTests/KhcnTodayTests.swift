import Postgres
@testable import Registry
import TestSupport
import Testing

/// khcn_today() is the date in Vietnam (contract §2), read with the fixed offset +07:00 rather
/// than the zone's name (issue 15: a time-zone lookup per call, twice per written row). These
/// check that the two agree, by the server's own time-zone data, and whatever the session's zone.
@Suite struct KhcnTodayTests {
    /// Asia/Ho_Chi_Minh has been seven hours ahead of UTC, with no daylight saving, since 13 June
    /// 1975 through 2100 (every seventh hour: every hour of the day, every week).
    @Test func vietnamKeepsSevenHoursAheadOfUTC() throws {
        try withSchema { session in
            let offsets = try session.connection.query("""
                SELECT DISTINCT (t AT TIME ZONE 'Asia/Ho_Chi_Minh') - (t AT TIME ZONE 'UTC') AS offset
                  FROM generate_series('1975-06-13 17:00+00'::timestamptz, '2100-12-31 23:00+00', '7 hours') AS t
                """).rows.map { try $0.decode("offset", as: String.self) }
            #expect(offsets == ["07:00:00"])
        }
    }

    /// In sessions of zones far to the west and to the east of Vietnam, today is the date in
    /// Vietnam, as the zone's name gives it.
    @Test func todayIsTheDateInVietnamInEverySessionZone() throws {
        try withSchema { session in
            for zone in ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Ho_Chi_Minh"] {
                try session.connection.query("SELECT set_config('TimeZone', \(zone), false)")
                let row = try #require(try session.connection.query("""
                    SELECT khcn_today()::text AS today, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS by_name
                    """).first)
                #expect(try row.decode("today", as: String.self) == (try row.decode("by_name", as: String.self)), "\(zone)")
            }
        }
    }
}
