import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

@Suite struct CertificateTests {
    @Test func revokedIn2026IsValidAtEndOf2025AndNotAtEndOf2026() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let certificates = CertificateRegister(session)
            _ = try certificates.add(number: "01/2024", taxCode: code, issued: CivilDate("2024-03-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            _ = try certificates.revoke(number: "01/2024", on: CivilDate("2026-02-01"), reason: "3 năm không báo cáo", invalidate: false, context: testClerk)
            #expect(try certificates.list(asOf: CivilDate("2025-12-31")).count == 1)
            #expect(try certificates.list(asOf: CivilDate("2026-12-31")).isEmpty)
            #expect(fields(try certificates.find("01/2024", asOf: CivilDate("2025-12-31")))["status"] as? String == "valid")
            #expect(fields(try certificates.find("01/2024", asOf: CivilDate("2026-12-31")))["status"] as? String == "revoked")
        }
    }

    @Test func amendmentsAreDatedWithinTheCertificatesLife() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let certificates = CertificateRegister(session)
            _ = try certificates.add(number: "01", taxCode: code, issued: CivilDate("2024-03-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            let record = try certificates.amend(number: "01", on: CivilDate("2025-01-10"), description: "Bổ sung kết quả KH&CN", reissued: false,
                                                decision: "5/QĐ-SKHCN", context: testClerk)
            let amendments = fields(record)["amendments"] as? [[String: Any]] ?? []
            #expect(amendments.first?["description"] as? String == "Bổ sung kết quả KH&CN")
            #expect(throws: RegistryError.self) {
                try certificates.amend(number: "01", on: CivilDate("2024-01-01"), description: "x", reissued: true, decision: nil, context: testClerk)
            }
            #expect(try History(session).changes(key: "01").map(\.kind).contains("certificate-amendment"))
        }
    }

    @Test func basisDefaultsToTheDecreeInForceOnTheIssueDate() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let certificates = CertificateRegister(session)
            let (old, _) = try certificates.add(number: "A", taxCode: code, issued: CivilDate("2025-09-30"), issuer: nil, basis: nil, results: [], context: testClerk)
            let (new, _) = try certificates.add(number: "B", taxCode: code, issued: CivilDate("2025-10-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            #expect(fields(old)["basis"] as? String == "13/2019/NĐ-CP")
            #expect(fields(new)["basis"] as? String == "268/2025/NĐ-CP")
            let (_, warnings) = try certificates.add(number: "C", taxCode: code, issued: CivilDate("2024-01-10"), issuer: nil, basis: "268/2025", results: [], context: testClerk)
            #expect(warnings.count == 1)
        }
    }

    @Test func revocationBeforeIssueIsRefusedInSwiftAndInSQL() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let certificates = CertificateRegister(session)
            _ = try certificates.add(number: "01", taxCode: code, issued: CivilDate("2024-03-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            let error = try #require(throws: RegistryError.self) {
                try certificates.revoke(number: "01", on: CivilDate("2024-02-01"), reason: "x", invalidate: true, context: testClerk)
            }
            #expect(error.exitCode == 65)
            let sql = try #require(throws: PostgresError.self) {
                try session.connection.query("UPDATE st_certificate SET revoked_on = '2024-02-01', revocation_kind = 'revoked'")
            }
            #expect(sql.sqlstate == "23514")
        }
    }

    @Test func unknownEnterpriseIsNotFoundAndDissolvedBeforeIssueIsRefused() throws {
        try withRegistry { session in
            let certificates = CertificateRegister(session)
            let unknown = try #require(throws: RegistryError.self) {
                try certificates.add(number: "X", taxCode: TaxCode(parsing: "0100109106"), issued: CivilDate("2024-01-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            }
            #expect(unknown.exitCode == 3)
            let code = try register("0101248141", in: session)
            _ = try EnterpriseRegister(session).setStatus(code, to: .dissolved, on: CivilDate("2023-06-30"), context: testClerk)
            let dissolved = try #require(throws: RegistryError.self) {
                try certificates.add(number: "Y", taxCode: code, issued: CivilDate("2024-01-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            }
            #expect(dissolved.exitCode == 65)
            #expect(dissolved.english.contains("dissolved"))
            // Issued while it was still active: fine.
            _ = try certificates.add(number: "Z", taxCode: code, issued: CivilDate("2023-06-29"), issuer: nil, basis: nil, results: [], context: testClerk)
        }
    }
    /// "Holder established and not dissolved" has one home (khcn_refuse_unless_standing): a
    /// certificate and a fund are refused by it, each under its own rule, table and field.
    @Test(arguments: [
        ("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on) VALUES ('08', 'A', '0101248141', '2014-12-31')",
         "st_certificate_issued_plausible", "st_certificate", "issued_on", "Ngày cấp 31/12/2014 trước ngày thành lập doanh nghiệp (01/01/2015)."),
        ("INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on) VALUES ('08', 'B', '0101248141', '2024-01-01')",
         "st_certificate_holder_not_dissolved", "st_certificate", "tax_code", "Doanh nghiệp 0101248141 đã giải thể trước hoặc vào ngày cấp 01/01/2024."),
        ("INSERT INTO st_fund (province_code, tax_code, established_on) VALUES ('08', '0101248141', '2014-12-31')",
         "st_fund_established_plausible", "st_fund", "established_on", "Ngày lập quỹ 31/12/2014 trước ngày thành lập doanh nghiệp (01/01/2015)."),
        ("INSERT INTO st_fund (province_code, tax_code, established_on) VALUES ('08', '0101248141', '2024-01-01')",
         "st_fund_holder_not_dissolved", "st_fund", "established_on", "Doanh nghiệp 0101248141 đã giải thể trước hoặc vào ngày lập quỹ 01/01/2024."),
    ])
    func standingHolderIsOneRefusal(insert: String, rule: String, table: String, field: String, hint: String) throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            _ = try EnterpriseRegister(session).setStatus(code, to: .dissolved, on: CivilDate("2023-06-30"), context: testClerk)
            let refused = try #require(throws: PostgresError.self) { try session.connection.query(Query(sql: insert)) }
            #expect(refused.constraint == rule)
            #expect(refused.table == table)
            #expect(refused.column == field)
            #expect(refused.hint == hint)
        }
    }
}
