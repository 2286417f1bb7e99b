import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// The rules whose home moved for the initial load's speed (issue 15, contract §8) still hold
/// for anyone who writes with SQL, a clerk's psql above all (issue 8):
///  * the text cleaning on insert and update, whose WHEN clauses test a character range instead of
///    `IS NFC NORMALIZED` (SQL/definitions/06_enterprises.sql);
///  * the foreign keys enterprise → province / province_former and status history →
///    enterprise, now checked once per statement by triggers (SQL/0044).
@Suite struct StatementTieTests {
    static func sqlstate(_ work: () throws -> Void) -> (state: String?, constraint: String?) {
        do { try work(); return (nil, nil) } catch let error as PostgresError { return (error.sqlstate, error.constraint) } catch { return ("?", nil) }
    }

    /// Text as written → as stored: NFC (composed, and the singletons U+212B, U+1F71 replaced),
    /// ends trimmed, inner runs of spaces (NBSP, ideographic) one space; NFC text outside the
    /// Vietnamese letters kept as it is.
    static let cleaning: [(String, String)] = [
        ("Công ty Chè".decomposedStringWithCanonicalMapping, "Công ty Chè"),
        ("A\u{0301}", "Á"), ("e\u{0323}\u{0302}", "ệ"), ("\u{212B}ngström", "Ångström"), ("\u{1F71}", "\u{03AC}"),
        ("x\u{0300}", "x\u{0300}"), ("a\u{00A0}b", "a b"), ("a\u{3000}\u{2003}b", "a b"), ("  Công  ty ", "Công ty"),
        ("Công ty – “Sao”", "Công ty – “Sao”"), ("ĐĂÂÊÔƠƯ đăâêôơư ỹ", "ĐĂÂÊÔƠƯ đăâêôơư ỹ"), ("\u{1EFF}ʰɐ", "\u{1EFF}ʰɐ"),
    ]

    @Test func aClerksInsertOrUpdateIsCleanedAsBefore() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let raw = try clerk.connect()
        // One column at a time: the row's other texts clean, so that each column's own test
        // must send the row to the cleaning.
        for (written, stored) in StatementTieTests.cleaning {
            for column in ["name", "address", "legal_form"] {
                let others = ["name", "address", "legal_form"].filter { $0 != column }
                try raw.query("INSERT INTO enterprise (tax_code, \(sql: column), \(sql: others.joined(separator: ", "))) VALUES ('0100109106', \(written), 'X', 'X')")
                let value = try raw.query("SELECT \(sql: column) FROM enterprise WHERE tax_code = '0100109106'").scalar
                // Scalar by scalar: Swift's == holds NFD and NFC text equal.
                #expect(value.map { Array($0.unicodeScalars) } == Array(stored.unicodeScalars), "\(column) “\(written.unicodeScalars.map { String($0.value, radix: 16) })”")
                // And on update (enterprise_before_update has the same test per text).
                try raw.query("UPDATE enterprise SET \(sql: column) = 'Y' WHERE tax_code = '0100109106'")
                try raw.query("UPDATE enterprise SET \(sql: column) = \(written) WHERE tax_code = '0100109106'")
                let updated = try raw.query("SELECT \(sql: column) FROM enterprise WHERE tax_code = '0100109106'").scalar
                #expect(updated.map { Array($0.unicodeScalars) } == Array(stored.unicodeScalars), "update of \(column) “\(written.unicodeScalars.map { String($0.value, radix: 16) })”")
                try raw.query("DELETE FROM enterprise WHERE tax_code = '0100109106'")
            }
        }
    }

    @Test func aFormerProvinceIsCheckedForEveryRowOfAStatement() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let raw = try database.createLogin(.clerk).connect()
        let refused = StatementTieTests.sqlstate {
            try raw.query("""
                INSERT INTO enterprise (tax_code, name, former_province) VALUES
                  ('0100109106', 'A', 'ha-giang'), ('0101248141', 'B', NULL), ('0102100740', 'C', 'binh-duong')
                """)
        }
        #expect(refused.state == "23503" && refused.constraint == "enterprise_former_province_known")
        #expect(try raw.query("SELECT count(*) FROM enterprise").scalar == "0")
        try raw.query("INSERT INTO enterprise (tax_code, name, former_province) VALUES ('0100109106', 'A', 'ha-giang')")
        let moved = StatementTieTests.sqlstate {
            try raw.query("UPDATE enterprise SET former_province = 'ha-noi' WHERE tax_code = '0100109106'")
        }
        #expect(moved.state == "23503" && moved.constraint == "enterprise_former_province_known")
        try raw.query("UPDATE enterprise SET former_province = 'tuyen-quang' WHERE tax_code = '0100109106'")
        // The list keeps what an enterprise names (even for the superuser).
        let owner = try database.connect()
        let dropped = StatementTieTests.sqlstate { try owner.query("DELETE FROM province_former WHERE slug = 'tuyen-quang'") }
        #expect(dropped.state == "23503" && dropped.constraint == "enterprise_former_province_known")
        let superuser = StatementTieTests.sqlstate {
            try owner.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('99', '0100112437', 'D')")
        }
        #expect(superuser.state == "23503" && superuser.constraint == "enterprise_province_known")
        // TRUNCATE fires no row trigger: refused by its own while an enterprise is registered.
        let emptiedFormer = StatementTieTests.sqlstate { try owner.query("TRUNCATE province_former") }
        #expect(emptiedFormer.state == "23503" && emptiedFormer.constraint == "enterprise_former_province_known")
        let emptied = StatementTieTests.sqlstate { try owner.query("TRUNCATE province CASCADE") }
        #expect(emptied.state == "23503" && emptied.constraint == "enterprise_province_known")
        #expect(try owner.query("SELECT count(*) FROM province_former WHERE slug = 'tuyen-quang'").scalar == "1")
    }

    /// SQL/0048: a new enterprise writes no status row; its history is the status it was written
    /// with until that first changes, when that status is written (recorded_at NULL) just
    /// before the change, by the statement trigger and by a rekey's row trigger alike. A status
    /// re-dated with a corrected founding date is no change (khcn_status_redated_with_founding).
    @Test func theFirstStatusIsTheOneWrittenWithTheEnterprise() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let raw = try database.createLogin(.clerk).connect()
        let owner = try database.connect()
        func rows() throws -> String? {
            try owner.query("""
                SELECT string_agg(tax_code || ' ' || status || ' ' || coalesce(effective_on::text, '-') || ' ' || (recorded_at IS NULL)::text,
                                  ', ' ORDER BY tax_code, recorded_at NULLS FIRST) FROM enterprise_status_change
                """).scalar
        }
        func status(_ code: String, _ on: String) throws -> String? {
            try owner.query("SELECT enterprise_status_on('08', \(code), \(on)::date)").scalar
        }
        try raw.query("""
            INSERT INTO enterprise (tax_code, name, established_on, status_on) VALUES ('0100109106', 'A', '2015-01-01', '2015-01-01'),
                   ('0101248141', 'B', '2015-01-01', '2015-01-01'), ('0100112437', 'C', '2016-01-01', '2016-01-01'),
                   ('0100111948', 'D', '2017-01-01', '2017-01-01')
            """)
        #expect(try rows() == nil)
        #expect(try status("0100109106", "2014-12-31") == nil && status("0100109106", "2015-01-01") == "active")
        // The first change writes the status it replaces, then itself; a later one only itself.
        try raw.query("UPDATE enterprise SET status = 'suspended', status_on = '2020-01-01' WHERE tax_code IN ('0100109106', '0101248141')")
        try raw.query("UPDATE enterprise SET status = 'active', status_on = '2021-01-01' WHERE tax_code = '0100109106'")
        #expect(try rows() == "0100109106 active 2015-01-01 true, 0100109106 suspended 2020-01-01 false, 0100109106 active 2021-01-01 false, "
                + "0101248141 active 2015-01-01 true, 0101248141 suspended 2020-01-01 false")
        #expect(try status("0100109106", "2019-12-31") == "active" && status("0100109106", "2020-06-01") == "suspended"
                && status("0100109106", "2021-01-01") == "active")
        // A founding date corrected with the status dated on it (as an import's merge moves it)
        // re-dates the record, no change of status: nothing written while nothing is, and the
        // status reads from the new date. Once rows are written, a re-dating is written too.
        let before = try rows()
        try raw.query("UPDATE enterprise SET established_on = '2016-03-01', status_on = '2016-03-01' WHERE tax_code = '0100112437'")
        #expect(try rows() == before)
        #expect(try status("0100112437", "2016-02-29") == nil && status("0100112437", "2016-03-01") == "active")
        try raw.query("UPDATE enterprise SET established_on = '2014-01-01' WHERE tax_code = '0101248141'")
        #expect(try rows() == before, "a status dated after the founding day stays where it is")
        try raw.transaction {   // a revert's way back to the founding status (an earlier date)
            try raw.query("SET LOCAL khcn.reverting = on")
            try raw.query("UPDATE enterprise SET established_on = '2015-01-01', status_on = '2015-01-01', status = 'active' WHERE tax_code = '0101248141'")
        }
        try raw.query("UPDATE enterprise SET established_on = '2015-02-01', status_on = '2015-02-01' WHERE tax_code = '0101248141'")
        let written = try rows() ?? ""
        #expect(written.hasSuffix("0101248141 suspended 2020-01-01 false, 0101248141 active 2015-01-01 false, 0101248141 active 2015-02-01 false"), "\(written)")
        // A change dated the day of the status it replaces: from that day the change counts.
        try raw.query("UPDATE enterprise SET status = 'dissolved' WHERE tax_code = '0100112437'")
        #expect(try status("0100112437", "2016-03-01") == "dissolved" && status("0100112437", "2016-02-29") == nil)
        // A rekey that changes the status too (its row trigger): both rows under the new key.
        try raw.query("UPDATE enterprise SET tax_code = '0102100740', status = 'suspended', status_on = '2022-01-01' WHERE tax_code = '0100111948'")
        #expect(try owner.query("""
            SELECT string_agg(status || ' ' || effective_on || ' ' || (recorded_at IS NULL)::text, ', ' ORDER BY recorded_at NULLS FIRST)
              FROM enterprise_status_change WHERE tax_code IN ('0100111948', '0102100740')
            """).scalar == "active 2017-01-01 true, suspended 2022-01-01 false")
        #expect(try status("0102100740", "2021-12-31") == "active" && status("0102100740", "2022-01-01") == "suspended")
        // A revert may move a status back in time; enterprise_status_on, which reads the
        // enterprise's own status beside the rows, answers what the history view gives.
        try raw.transaction {
            try raw.query("SET LOCAL khcn.reverting = on")
            try raw.query("UPDATE enterprise SET status = 'suspended', status_on = '2020-01-01' WHERE tax_code = '0100109106'")
        }
        let disagreeing = try owner.query("""
            SELECT e.tax_code || ' ' || d AS wrong FROM enterprise e,
                   unnest('{2014-12-31,2015-01-01,2016-01-01,2017-01-01,2019-12-31,2020-01-01,2020-06-01,2021-01-01,2022-01-01,2030-01-01}'::date[]) d
             WHERE enterprise_status_on(e.province_code, e.tax_code, d) IS DISTINCT FROM
                   (SELECT h.status FROM enterprise_status_history h
                     WHERE h.province_code = e.province_code AND h.tax_code = e.tax_code AND coalesce(h.effective_on, '-infinity') <= d
                     ORDER BY coalesce(h.effective_on, '-infinity') DESC, h.recorded_at DESC NULLS LAST LIMIT 1)
            """).rows.map { $0["wrong"] ?? "" }
        #expect(disagreeing.isEmpty, "\(disagreeing)")
        #expect(try status("0100109106", "2020-06-01") == "suspended" && status("0100109106", "2021-06-01") == "active")
    }

    @Test func theStatusHistoryFollowsItsEnterprise() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let raw = try database.createLogin(.clerk).connect()
        let owner = try database.connect()
        func history() throws -> String? {
            try owner.query("SELECT string_agg(tax_code || ' ' || status, ', ' ORDER BY tax_code, recorded_at NULLS FIRST) FROM enterprise_status_history").scalar
        }
        try raw.query("INSERT INTO enterprise (tax_code, name, established_on) VALUES ('0100109106', 'A', '2015-01-01'), ('0101248141', 'B', '2015-01-01')")
        try raw.query("UPDATE enterprise SET status = 'suspended', status_on = '2020-01-01' WHERE tax_code = '0100109106'")
        #expect(try history() == "0100109106 active, 0100109106 suspended, 0101248141 active")
        // A rekey moves the rows (ON UPDATE CASCADE), a delete takes them (ON DELETE CASCADE).
        try raw.query("UPDATE enterprise SET tax_code = '0102100740' WHERE tax_code = '0100109106'")
        #expect(try history() == "0101248141 active, 0102100740 active, 0102100740 suspended")
        try raw.query("DELETE FROM enterprise WHERE tax_code = '0101248141'")
        #expect(try history() == "0102100740 active, 0102100740 suspended")
        // A status row needs its enterprise, whoever writes it.
        let orphan = StatementTieTests.sqlstate {
            try owner.query("INSERT INTO enterprise_status_change (province_code, tax_code, status) VALUES ('08', '0102100740', 'active'), ('08', '0100112437', 'active')")
        }
        #expect(orphan.state == "23503" && orphan.constraint == "enterprise_status_change_province_code_tax_code_fkey")
        let moved = StatementTieTests.sqlstate {
            try owner.query("UPDATE enterprise_status_change SET tax_code = '0100112437'")
        }
        #expect(moved.state == "23503")
        // The enterprise triggers skip the check for the rows of their own statement only: in the
        // transaction that just wrote an enterprise, or with their flag set by hand (a setting any
        // login may set), an orphan is refused all the same.
        for before: Query in ["INSERT INTO enterprise (tax_code, name) VALUES ('0101248141', 'C')",
                              "SET LOCAL khcn.status_of_written_enterprises = on"] {
            let refused = StatementTieTests.sqlstate {
                try owner.query("BEGIN")
                defer { _ = try? owner.query("ROLLBACK") }
                try owner.query(before)
                try owner.query("INSERT INTO enterprise_status_change (province_code, tax_code, status) VALUES ('08', '0100112437', 'active')")
            }
            #expect(refused.state == "23503" && refused.constraint == "enterprise_status_change_province_code_tax_code_fkey", "after \(before)")
        }
        try owner.query("TRUNCATE enterprise CASCADE")
        #expect(try history() == nil)
    }
}
