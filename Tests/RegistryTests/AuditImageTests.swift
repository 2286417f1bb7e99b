import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// The statement triggers audit_insert and audit_delete (khcn_audit_rows_sql, contract §9) write
/// one audit row per row of the statement: its image without province_code, its key and the
/// keys it is found by. Issue 15 made each image once per row (`OFFSET 0`); these facts stay.
@Suite struct AuditImageTests {
    static let facts = """
        SELECT string_agg(concat_ws(' | ', province_code, kind, action, key, keys::text, old::text, new::text, batch, reason), E'\\n' ORDER BY id) AS facts
          FROM audit_log WHERE kind IN ('enterprise', 'fund')
        """

    @Test func insertAndDeleteOfManyRowsAreAuditedWithTheirImagesAndKeys() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("BEGIN")
            try connection.query("SELECT set_config('khcn.reason', 'nạp lần đầu', true), set_config('khcn.batch', '7', true)")
            try connection.query("""
                INSERT INTO enterprise (tax_code, name, established_on, vsic, vsic_version) VALUES
                  ('0101248141', 'Công ty Tân Trào', '2015-01-02', '{7210,7220}', 2018), ('0100109106', 'Hợp tác xã Đông Sơn', NULL, '{}', NULL)
                """)
            try connection.query("INSERT INTO st_fund (province_code, tax_code, established_on, capital) VALUES ('08', '0101248141', '2020-03-04', 5000000)")
            try connection.query("COMMIT")
            try connection.query("DELETE FROM st_fund")
            let expected = """
                08 | enterprise | insert | 0101248141 | {0101248141} | {"name": "Công ty Tân Trào", "vsic": ["7210", "7220"], "status": "active", "address": null, "tax_code": "0101248141", "status_on": null, "legal_form": null, "commune_code": null, "vsic_version": 2018, "established_on": "2015-01-02", "former_province": null} | 7 | nạp lần đầu
                08 | enterprise | insert | 0100109106 | {0100109106} | {"name": "Hợp tác xã Đông Sơn", "vsic": [], "status": "active", "address": null, "tax_code": "0100109106", "status_on": null, "legal_form": null, "commune_code": null, "vsic_version": null, "established_on": null, "former_province": null} | 7 | nạp lần đầu
                08 | fund | insert | 0101248141/2020-03-04 | {0101248141/2020-03-04,0101248141} | {"capital": 5000000, "decision": null, "tax_code": "0101248141", "closed_on": null, "notified_on": null, "established_on": "2020-03-04"} | 7 | nạp lần đầu
                08 | fund | delete | 0101248141/2020-03-04 | {0101248141/2020-03-04,0101248141} | {"capital": 5000000, "decision": null, "tax_code": "0101248141", "closed_on": null, "notified_on": null, "established_on": "2020-03-04"}
                """
            #expect(try connection.query(Query(sql: Self.facts)).scalar == expected)
            // The stored images are the rows as to_jsonb writes them, province_code left out.
            #expect(try connection.query("""
                SELECT count(*) FROM enterprise e JOIN audit_log a ON a.kind = 'enterprise' AND a.key = e.tax_code
                 WHERE a.new = to_jsonb(e) - 'province_code' AND a.province_code = e.province_code
                """).scalar == "2")
        }
    }

    /// A key may hold province_code, which the image leaves out (issue 15 makes the image
    /// without it): a grant of a province is found as `login/province` whichever trigger writes
    /// its row (insert, an update per statement, a move per row), its images without it.
    @Test func aKeyWithTheProvinceReadsItFromTheRow() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let login = try database.createLogin(.clerk, provinces: ["08", "01"])
        let owner = try database.connect()
        let other = try #require(try owner.query("SELECT min(code) FROM province WHERE code NOT IN ('01', '08')").scalar)
        try owner.query("UPDATE khcn_user_province SET granted_at = granted_at - interval '1 day' WHERE province_code = '08'")
        try owner.query("UPDATE khcn_user_province SET province_code = \(other) WHERE province_code = '01'")
        let rows = try owner.query("""
            SELECT action, key, keys::text AS keys, province_code,
                   coalesce(new, old) ? 'province_code' AS has_province, coalesce(new, old) ? 'login' AS has_login
              FROM audit_log WHERE kind = 'user-province' ORDER BY id
            """).rows
        let user = login.login
        #expect(Set(rows.map { "\($0["action"] ?? "") \($0["province_code"] ?? "") \($0["keys"] ?? "")" }) == [
            "insert 08 {\(user)/08}", "insert 01 {\(user)/01}", "update 08 {\(user)/08}",
            "update \(other) {\(user)/\(other),\(user)/01}"], "\(rows)")
        for row in rows {
            #expect(row["key"] == "\(user)/\(row["province_code"] ?? "")" && row["has_province"] == "f" && row["has_login"] == "t", "\(row)")
        }
    }

    /// Issue 15: the planner pulled the image's subquery up and copied to_jsonb(r) into every
    /// expression reading it (9 calls per row, 8.4 s of a 200,000-row first load); once now.
    @Test func eachRowImageIsMadeOnce() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("CREATE TEMP TABLE inserted_rows AS SELECT * FROM enterprise WITH NO DATA")
            let statement = try #require(try connection.query("SELECT khcn_audit_rows_sql('insert', '{tax_code}', khcn_audit_image_columns('enterprise'))").scalar)
            try connection.query(Query(sql: "PREPARE audit_rows (text, text, text, text, bigint) AS " + statement))
            let plan = try connection.query("EXPLAIN (VERBOSE) EXECUTE audit_rows ('enterprise', 'x', NULL, NULL, NULL)")
                .rows.compactMap { $0.values.first ?? nil }.joined(separator: "\n")
            #expect(plan.components(separatedBy: "to_jsonb(").count - 1 == 1, "\(plan)")
        }
    }
}
