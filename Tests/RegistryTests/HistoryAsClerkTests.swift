import Postgres
@testable import Registry
import TestSupport
import Testing

/// `khcn history` as a clerk (issue 15): the audit rows are found through the indexes of SQL/0045
/// by khcn_audit_history_ids, with the owner's rights, because under the policy PostgreSQL applies
/// a login's `&&` only after it and so read the whole trail; and that function answers only for
/// a province the session sees.
@Suite struct HistoryAsClerkTests {
    @Test func aClerksHistoryReadsTheTrailThroughItsIndexes() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let owner = try database.connect()
        try EnterpriseSearchTests.fill(owner, count: 20_000)
        let (old, new) = ("0100109106", "0101248141")
        try owner.query("INSERT INTO enterprise (tax_code, name) VALUES (\(old), 'Công ty Cũ')")
        try owner.query("UPDATE enterprise SET tax_code = \(new) WHERE tax_code = \(old)")
        try owner.query("ANALYZE audit_log")
        let clerk = try database.createLogin(.clerk)
        // The story under both codes, the rekey followed back.
        let story = try History(try clerk.session()).changes(key: new)
        #expect(story.map(\.action) == ["insert", "update"] && story.first?.key == old, "\(story.map(\.key))")
        // No sequential scan of audit_log in the clerk's transaction.
        let connection = try clerk.connect()
        try connection.query("BEGIN")
        let found = try connection.query("SELECT count(*) FROM audit_log WHERE id = ANY (ARRAY(SELECT khcn_audit_history_ids('08', ARRAY[\(new)])))").scalar
        let scans = try connection.query("SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname = 'audit_log'").first
        try connection.query("COMMIT")
        #expect(found == "2")
        #expect(scans?["seq_scan"] == "0" && (Int(scans?["idx_scan"] ?? "0") ?? 0) > 0, "\(String(describing: scans))")
        // A clerk of another province is answered nothing.
        let stranger = try database.createLogin(.clerk, provinces: ["01"]).connect()
        #expect(try stranger.query("SELECT count(*) FROM khcn_audit_history_ids('08', ARRAY[\(new), \(old)])").scalar == "0")
    }
}
