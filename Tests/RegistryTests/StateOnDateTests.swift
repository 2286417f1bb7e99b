import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Issue 13 (SQL/0031): a record's state on a date D has one home, its kind's as-of function,
/// and "trên 30" is decided once, in the database.
@Suite struct StateOnDateTests {
    /// No database function but the as-of functions decides from the dates whether a
    /// certificate, fund or GI was in force on D; the plan's counting and the watch list read
    /// the as-of functions instead.
    @Test func onlyTheAsOfFunctionsDecideTheStateFromTheDates() throws {
        try withRegistry { session in
            let definitions = try session.connection.query(
                """
                SELECT p.proname AS name, pg_get_functiondef(p.oid) AS body
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND p.prokind = 'f'
                """).rows
            let body = Dictionary(definitions.map { (try! $0.decode("name", as: String.self), try! $0.decode("body", as: String.self)) },
                                  uniquingKeysWith: { first, _ in first })
            let homes: Set = ["certificate_as_of", "fund_as_of", "gi_as_of"]
            for (name, text) in body where !homes.contains(name) {
                for decision in ["revoked_on IS NULL OR", "revoked_on <= d", "closed_on IS NULL OR", "closed_on <= d",
                                 "cancelled_on IS NULL OR", "cancelled_on <= d"] {
                    #expect(!text.contains(decision), "\(name) decides a state itself: \(decision)")
                }
            }
            // One function per computed target (issue 15), each reading its kind's as-of function.
            for (target, reader) in [("khcn_target_st_enterprises", "certificate_as_of"), ("khcn_target_st_funds", "fund_as_of"),
                                     ("khcn_target_gi_products", "gi_as_of")] {
                #expect(body[target]?.contains(reader) == true, "\(target) does not read \(reader)")
            }
            // The watch list on any date (SQL/0036: khcn_watch reads it for a date before today).
            #expect(body["khcn_watch_on"]?.contains("fund_as_of") == true && body["khcn_watch_on"]?.contains("gi_as_of") == true)
            #expect(body["khcn_watch_on"]?.contains("gi_manager_on") == true)
            #expect(body["khcn_watch_due"]?.contains("gi_as_of") == true && body["khcn_watch_due"]?.contains("gi_manager_on") == true)
            #expect(body["st_certificate_status_on"] == nil)
        }
    }

    /// The smallest value meeting each target comes from the database (khcn_target_goal): 31
    /// for "trên 30" doanh nghiệp, the threshold itself for "từ … trở lên" and for a share.
    @Test func theSmallestValueMeetingATargetIsTheDatabases() throws {
        try withRegistry { session in
            let targets = Dictionary(uniqueKeysWithValues: try Targets(session).list().map { ($0.code, $0) })
            #expect(targets["st-funds"]?.comparator == .moreThan && targets["st-funds"]?.smallestMeeting == 31)
            #expect(targets["st-enterprises"]?.comparator == .atLeast && targets["st-enterprises"]?.smallestMeeting == 2)
            #expect(targets["research-topics-economy"]?.comparator == .moreThan && targets["research-topics-economy"]?.smallestMeeting == 60)
            let goal = try session.connection.query("SELECT khcn_target_goal('>', 30, 'count')::text AS goal").first?["goal"]
            #expect(goal == "31")
        }
    }

    /// What progress counts on D is what the lists show as in force on D, for each kind.
    @Test func progressCountsWhatTheListsShowOnTheSampleData() throws {
        try withRegistry { session in
            try loadSamples(session)
            let progress = PlanProgress(session)
            for day in ["2023-12-31", "2024-06-30", "2025-06-30", "2025-12-31", "2026-11-27"].map({ CivilDate($0) }) {
                let funds = try FundRegister(session).list(asOf: day).compactMap { try? JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any] }
                #expect(Set(try progress.counted("st-funds", on: day).map(\.key)) == Set(funds.compactMap { $0["tax_code"] as? String }), "\(day)")
                let gis = try GIRegister(session).list(asOf: day).compactMap { try? JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any] }
                #expect(Set(try progress.counted("gi-products", on: day).map(\.key)) == Set(gis.compactMap { $0["certificate_number"] as? String }), "\(day)")
                let holders = try CertificateRegister(session).list(asOf: day).compactMap { try? JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any] }
                #expect(Set(try progress.counted("st-enterprises", on: day).map(\.key)).isSubset(of: Set(holders.compactMap { $0["tax_code"] as? String })), "\(day)")
            }
        }
    }
}
