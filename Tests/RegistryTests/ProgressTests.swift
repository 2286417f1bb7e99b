import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Loads Samples/ the way Scripts/demo does.
func loadSamples(_ session: RegistrySession) throws {
    let samples = try Migrator.locateDirectory().deletingLastPathComponent().appendingPathComponent("Samples")
    for kind in ["enterprises", "certificates", "funds", "fund-allocations", "ip", "ip-fees", "gi", "gi-managers", "gi-users"] {
        let report = try importing(session, RecordKind(fileKind: kind)!, samples.appendingPathComponent("\(kind).csv").path)
        #expect(report.valid, "\(kind): \(report.errors)")
    }
}

@Suite struct TargetStatusTests {
    /// (comparator, threshold, baseline, deadline, B, C, D) → status, contract §7 at its boundaries.
    static let cases: [(String, Double, String, String, Double, Double, String, String)] = [
        (">=", 2, "2024-01-01", "2030-12-31", 0, 2, "2030-12-31", "achieved"),            // deadline day, met
        (">=", 2, "2024-01-01", "2030-12-31", 0, 1, "2030-12-31", "missed"),              // deadline day, not met
        (">=", 2, "2024-01-01", "2030-12-31", 0, 1, "2031-06-01", "missed"),              // after the deadline
        (">=", 5, "2024-01-01", "2030-12-31", 0, 5, "2026-11-27", "achieved"),            // exactly the threshold
        (">", 30, "2024-01-01", "2030-12-31", 2, 30, "2026-11-27", "on_track"),           // "trên 30": 30 is not enough
        (">", 30, "2024-01-01", "2030-12-31", 2, 31, "2026-11-27", "achieved"),           // 31 is
        (">", 30, "2024-01-01", "2030-12-31", 2, 3, "2026-11-27", "needs_acceleration"),
        (">=", 5, "2024-01-01", "2030-12-31", 3, 2, "2026-11-27", "regressing"),          // revocations since the baseline
        (">=", 2, "2024-01-01", "2030-12-31", 3, 2, "2026-11-27", "achieved"),            // fewer than at the baseline, still met
        (">=", 5, "2024-01-01", "2030-12-31", 0, 0, "2025-09-30", "too_early"),           // e just under 0.25 (638/2556)
        (">=", 5, "2024-01-01", "2030-12-31", 0, 0, "2025-10-01", "stalled"),             // e = 0.25 exactly
        (">=", 10, "2024-01-01", "2026-01-01", 0, 4.8, "2025-01-01", "on_track"),         // only the 0.95·e clause holds
        (">=", 10, "2024-01-01", "2026-01-01", 0, 4.7, "2025-01-01", "needs_acceleration"),
        (">=", 5, "2024-01-01", "2030-12-31", 0, 1, "2024-03-01", "on_track"),            // zero baseline, early rise
    ]

    @Test func statusRulesAtTheirBoundaries() throws {
        try withRegistry { session in
            for (comparator, threshold, baseline, deadline, b, c, d, expected) in Self.cases {
                let row = try session.connection.query(
                    "SELECT status, projection::float8::text AS projection FROM khcn_target_status(\(comparator), \(threshold)::numeric, \(baseline)::date, \(deadline)::date, \(b)::numeric, \(c)::numeric, \(d)::date)").rows[0]
                #expect(row["status"] == expected, "\(comparator) \(threshold), B=\(b) C=\(c) on \(d)")
                if c <= b { #expect(row["projection"] == nil) }
            }
        }
    }

    @Test func projectionIsLinearFromTheBaseline() throws {
        try withRegistry { session in
            let value = try session.connection.query(
                "SELECT projection::float8 FROM khcn_target_status('>', 30, '2024-01-01', '2030-12-31', 2, 3, '2026-11-27')").scalar
            let since = 1061.0 / 365.25, to = 1495.0 / 365.25
            #expect(abs(Double(value!)! - (3 + 1 / since * to)) < 1e-9)
        }
    }
}

@Suite struct SampleProgressTests {
    /// The hand count of Samples/README.md.
    @Test func numbersMatchTheHandCountOnTheSampleData() throws {
        try withRegistry { session in
            try loadSamples(session)
            let progress = try PlanProgress(session).on(CivilDate("2026-11-27"), details: true)
            let byCode = Dictionary(uniqueKeysWithValues: progress.map { ($0.target.code, $0) })
            #expect(byCode["st-enterprises"]?.value == 2)
            #expect(byCode["st-enterprises"]?.status == .achieved)
            #expect(Set(byCode["st-enterprises"]?.counted.map(\.key) ?? []) == ["5977267135", "5567914149"])
            #expect(byCode["st-funds"]?.value == 3)
            #expect(byCode["st-funds"]?.baselineValue == 2)
            #expect(byCode["st-funds"]?.left.map(\.key) == ["5073574171"])
            #expect(byCode["st-funds"]?.status == .needsAcceleration)
            #expect(byCode["ip-filings"]?.filed == 3 && byCode["ip-filings"]?.granted == 2)
            #expect(byCode["ip-filings"]?.value == 3)
            #expect(byCode["gi-products"]?.value == 4 && byCode["gi-products"]?.status == .missed)
            #expect(byCode["budget-share"]?.status == .manual && byCode["budget-share"]?.value == nil)
            #expect(progress.count == 11)
        }
    }

    @Test func pastDatesReplayAsTheyWere() throws {
        try withRegistry { session in
            try loadSamples(session)
            let progress = PlanProgress(session)
            // 5470067643's certificate was revoked on 2025-12-15: counted the day before, not on it.
            #expect(try progress.counted("st-enterprises", on: CivilDate("2025-12-14")).count == 3)
            #expect(try progress.counted("st-enterprises", on: CivilDate("2025-12-15")).count == 2)
            #expect(try progress.counted("st-enterprises", on: CivilDate("2024-06-09")).isEmpty)
            // 2-2025-00231 was withdrawn on 2025-09-30.
            #expect(try progress.counted("ip-filings", on: CivilDate("2025-09-29")).map(\.key).contains("2-2025-00231"))
            #expect(try !progress.counted("ip-filings", on: CivilDate("2025-09-30")).map(\.key).contains("2-2025-00231"))
            // GI target: 4 of 5 at its deadline.
            #expect(try progress.on(CivilDate("2025-12-31"), only: "gi-products").first?.status == .missed)
        }
    }

    /// Choosing a counting rule is an admin's right (contract §9).
    @Test func manualTargetsTakeTheLastObservationAndTheRuleCanBeChosen() throws {
        try withRegistry(as: .admin) { session in
            try loadSamples(session)
            let targets = Targets(session)
            try targets.record("budget-share", value: 0.7, on: CivilDate("2024-12-31"), source: "Sở Tài chính", context: testClerk)
            try targets.record("budget-share", value: 0.85, on: CivilDate("2025-12-31"), source: nil, context: testClerk)
            let progress = PlanProgress(session)
            #expect(try progress.on(CivilDate("2025-06-30"), only: "budget-share").first?.value == 0.7)
            #expect(try progress.on(CivilDate("2026-01-01"), only: "budget-share").first?.value == 0.85)
            #expect(throws: RegistryError.self) { try targets.record("st-funds", value: 40, on: CivilDate("2025-01-01"), source: nil, context: testClerk) }
            #expect(throws: RegistryError.self) { try targets.record("budget-share", value: 140, on: CivilDate("2025-01-01"), source: nil, context: testClerk) }
            try targets.setRule("ip-filings", rule: "granted", context: testClerk)
            #expect(try progress.on(CivilDate("2026-11-27"), only: "ip-filings").first?.value == 2)
            #expect(try History(session).changes(key: "ip-filings").last?.action == "update")
        }
    }
}

/// SQL/0029: the counting functions run with the owner's rights (contract §8, progress under
/// row-level security), guarded by the session's provinces (contract §9).
@Suite struct ProgressUnderRowLevelSecurityTests {
    static func figures(_ province: String) -> Query {
        "SELECT code, baseline_value, value, projection, status, filed, granted FROM khcn_progress(\(province), '2026-11-27') ORDER BY code"
    }

    @Test func clerkOf08GetsTheSuperusersFiguresAndNoneOfAnotherProvince() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk, provinces: ["08"])
        try loadSamples(try clerk.session())
        // Province 01 gets the plan's targets and one fund that 08's clerk must never count.
        let owner = try database.connect()
        try owner.query("""
            INSERT INTO target SELECT '01', code, title, title_en, comparator, threshold, stretch, unit, baseline_date, deadline,
                   computed, rule, counting, plan_wording, sort_order FROM target WHERE province_code = '08'
            """)
        try owner.query("INSERT INTO enterprise (province_code, tax_code, name, established_on) VALUES ('01', '0100109106', 'Công ty Hà Nội', '2015-01-01')")
        try owner.query("INSERT INTO st_fund (province_code, tax_code, established_on) VALUES ('01', '0100109106', '2024-05-01')")
        let asClerk = try clerk.connect()
        let mine = try asClerk.query(Self.figures("08")).rows
        #expect(mine.count == 11)
        #expect(mine.map { $0.values.map { $0 ?? "∅" } } == (try owner.query(Self.figures("08")).rows).map { $0.values.map { $0 ?? "∅" } })
        #expect(try owner.query("SELECT value FROM khcn_progress('01', '2026-11-27') WHERE code = 'st-funds'").scalar == "1")
        #expect(try asClerk.query(Self.figures("01")).rows.isEmpty)
        #expect(try asClerk.query("SELECT count(*) FROM khcn_target_counted('01', 'st-funds', '2026-11-27')").scalar == "0")
        #expect(try asClerk.query("SELECT khcn_target_value('01', 'st-funds', '2026-11-27')").scalar == "0")
    }
}
