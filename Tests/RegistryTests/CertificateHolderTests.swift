import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Issue 15, SQL/0041: the target st-enterprises counts, on a date from today on, the kept state
/// per enterprise (`st_certificate_holder`: first certificate's issue date, one not revoked).
/// It must stay what the certificates say after every way a certificate is written — the
/// register, an import and its revert, a clerk's own SQL, an enterprise's new tax code, a
/// deletion, TRUNCATE — and the figure must equal the pass over every certificate.
@Suite struct CertificateHolderTests {
    /// Kept rows that differ from the certificates grouped now (certificate_as_of with every
    /// certificate recorded), either way.
    func stale(_ superuser: Connection) throws -> Int {
        Int(try superuser.query("""
            WITH now AS (SELECT c.province_code, c.tax_code, min(c.issued_on) AS first_issued_on, bool_or(c.status = 'valid') AS holds_valid
                           FROM (SELECT DISTINCT province_code FROM st_certificate) p
                          CROSS JOIN LATERAL certificate_as_of(p.province_code, 'infinity') c
                          GROUP BY 1, 2)
            SELECT count(*) FROM ((SELECT * FROM st_certificate_holder EXCEPT ALL SELECT * FROM now)
                        UNION ALL (SELECT * FROM now EXCEPT ALL SELECT * FROM st_certificate_holder)) x
            """).scalar ?? "-1") ?? -1
    }

    /// The figure and the records of st-enterprises on each day, as the clerk reads them, equal
    /// the pass that groups every certificate as of that day (the way any day before today is counted).
    func expectFigureAgrees(_ session: RegistrySession, _ superuser: Connection, on days: [CivilDate], _ step: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try stale(superuser) == 0, "\(step)", sourceLocation: sourceLocation)
        for day in days {
            let grouped = try superuser.query("""
                SELECT coalesce(string_agg(f.tax_code, ' ' ORDER BY f.tax_code), '') FROM (
                    SELECT c.tax_code, min(c.issued_on) AS first_issued, bool_or(c.status = 'valid') AS holds_one
                      FROM certificate_as_of(\(session.province), \(day)::date) c GROUP BY c.tax_code) f
                 WHERE f.first_issued BETWEEN '2024-01-01' AND \(day)::date AND f.holds_one
                """).scalar ?? ""
            let counted = try PlanProgress(session).counted("st-enterprises", on: day).map(\.key).sorted().joined(separator: " ")
            #expect(counted == grouped, "\(step) on \(day)", sourceLocation: sourceLocation)
            let figure = try PlanProgress(session).count("st-enterprises", on: day)
            #expect(figure == (grouped.isEmpty ? 0 : grouped.split(separator: " ").count), "\(step) on \(day)", sourceLocation: sourceLocation)
        }
    }

    @Test func theKeptCertificateStateFollowsEveryWriteAndTheFigureAgrees() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let superuser = try database.connect()
        let session = try database.createLogin(.clerk).session()   // the triggers run for a clerk, under row-level security
        let now = CivilDate(try superuser.query("SELECT khcn_today()::text").scalar ?? "")
        let days = [now, now.adding(days: 1)!, now.adding(days: 400)!]
        let check: (String) throws -> Void = { step in try expectFigureAgrees(session, superuser, on: days, step) }
        let first = try register("0101248141", in: session)
        let second = try register("0100109106", in: session)
        _ = try register("5434235645", in: session)
        let certificates = CertificateRegister(session)
        _ = try certificates.add(number: "01/2023/GCN", taxCode: first, issued: CivilDate("2023-05-01"), issuer: nil, basis: nil, results: [], context: testClerk)
        _ = try certificates.add(number: "02/2024/GCN", taxCode: second, issued: CivilDate("2024-03-01"), issuer: nil, basis: nil, results: [], context: testClerk)
        try check("issued")
        #expect(try superuser.query("SELECT count(*) FROM st_certificate_holder").scalar == "2")
        #expect(try PlanProgress(session).count("st-enterprises", on: now) == 1)
        _ = try certificates.revoke(number: "02/2024/GCN", on: CivilDate("2025-01-02"), reason: "Không còn đủ điều kiện", invalidate: false, context: testClerk)
        try check("revoked: the only certificate")
        #expect(try PlanProgress(session).count("st-enterprises", on: now) == 0)
        let imported = try importing(session, .certificate, try temporaryFile("""
            tax_code,certificate_number,issued_on,issuer,basis,revoked_on,revoke_reason,revocation_kind
            5434235645,03/2025/GCN,2025-01-10,,13/2019/NĐ-CP,,,
            0100109106,04/2025/GCN,2025-02-01,,13/2019/NĐ-CP,,,
            0101248141,05/2025/GCN,2025-03-01,,13/2019/NĐ-CP,,,
            """))
        try check("imported: a new holder, a second certificate, a later one")
        #expect(try PlanProgress(session).count("st-enterprises", on: now) == 2)
        _ = try ImportBatches(session).revert(try #require(imported.batch), context: testClerk)
        try check("import reverted")
        #expect(try superuser.query("SELECT count(*) FROM st_certificate_holder").scalar == "2")
        // A clerk's own SQL (the triggers hold for any client).
        try session.connection.query("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, basis) VALUES ('08', '06/2024/GCN', '5434235645', '2024-07-01', '13/2019/NĐ-CP')")
        try check("inserted by SQL")
        try session.connection.query("UPDATE st_certificate SET issued_on = '2024-02-01' WHERE certificate_number = '01/2023/GCN'")
        try check("first issue moved into the period by SQL")
        try session.connection.query("UPDATE st_certificate SET tax_code = '5434235645' WHERE certificate_number = '02/2024/GCN'")
        try check("certificate moved to another enterprise by SQL")
        try session.connection.query("UPDATE st_certificate SET revoked_on = NULL, revocation_kind = NULL, revoke_reason = NULL WHERE certificate_number = '02/2024/GCN'")
        try check("revocation withdrawn by SQL")
        // A corrected tax code: the certificates follow the enterprise (a cascade), and so does the state.
        _ = try EnterpriseRegister(session).rekey(first, to: try TaxCode(parsing: "5977267135"), context: testClerk)
        try check("enterprise rekeyed")
        #expect(try superuser.query("SELECT count(*) FROM st_certificate_holder WHERE tax_code = '0101248141'").scalar == "0")
        try session.connection.query("DELETE FROM st_certificate WHERE tax_code = '5977267135'")
        try check("deleted")
        _ = try EnterpriseRegister(session).delete(try TaxCode(parsing: "5977267135"), context: testClerk)
        try check("enterprise deleted")
        try superuser.query("TRUNCATE st_certificate, st_certificate_amendment")
        try check("truncated")
        #expect(try superuser.query("SELECT count(*) FROM st_certificate_holder").scalar == "0")
    }

    /// A second transaction certifying the same enterprise waits for the first to commit, then
    /// computes the state with both certificates (without the wait it would insert the
    /// enterprise's row a second time, or keep a state without the first's certificate).
    @Test func aSecondWriterOfOneEnterpriseWaitsAndSeesTheFirst() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let session = try database.createLogin(.clerk).session()
        _ = try register("0101248141", in: session)
        let first = try database.connect()
        try first.query("BEGIN")
        try first.query("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, basis) VALUES ('08', '01/2025/GCN', '0101248141', '2025-03-01', '13/2019/NĐ-CP')")
        let second = SecondWriter("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, basis) VALUES ('08', '02/2024/GCN', '0101248141', '2024-05-01', '13/2019/NĐ-CP')", on: database)
        #expect(!second.finishes(within: 1.5))   // the second waits for the first
        try first.query("COMMIT")
        #expect(second.finishes(within: 30))
        #expect(second.error == nil, "\(String(describing: second.error))")
        #expect(try first.query("SELECT count(*) || ' ' || min(first_issued_on) FROM st_certificate_holder").scalar == "1 2024-05-01")
        #expect(try stale(first) == 0)
    }

    /// The wait is per province (an advisory lock of the province, review of stop 20): a writer
    /// of another province goes on while 08's transaction is still open.
    @Test func aWriterOfAnotherProvinceDoesNotWait() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let first = try database.connect()
        let other = try #require(try first.query("SELECT min(code) FROM province WHERE code <> '08'").scalar)
        try first.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0101248141', 'A'), (\(other), '0100109106', 'B')")
        try first.query("BEGIN")
        try first.query("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, basis) VALUES ('08', '01/2025/GCN', '0101248141', '2025-03-01', '13/2019/NĐ-CP')")
        let second = SecondWriter("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, basis) VALUES (\(other), '02/2024/GCN', '0100109106', '2024-05-01', '13/2019/NĐ-CP')", on: database)
        #expect(second.finishes(within: 20))   // no wait for 08's open transaction
        try first.query("COMMIT")
        #expect(second.error == nil, "\(String(describing: second.error))")
        #expect(try first.query("SELECT count(*) FROM st_certificate_holder").scalar == "2")
        #expect(try stale(first) == 0)
    }
}
