import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Reads a canonical record's JSON.
func fields(_ record: CanonicalRecord) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(record.json.utf8))) as? [String: Any] ?? [:]
}

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
}

@Suite struct FundTests {
    @Test func negativeMoneyIsRefusedEverywhere() throws {
        #expect(throws: Money.Problem.negative(-5)) { try Money(parsing: "-5") }
        #expect(try Money(parsing: "1.000.000").dong == 1_000_000)
        #expect(try Money(parsing: "1 000 000").dong == 1_000_000)
        #expect(try Money(parsing: "1000000,00").dong == 1_000_000)
        #expect(throws: Money.Problem.self) { try Money(parsing: "1,5") }
        #expect(throws: Money.Problem.self) { try Money(parsing: "1.00.000") }
        try withRegistry { session in
            try register("0101248141", in: session)
            #expect(throws: PostgresError.self) {
                try session.connection.query("INSERT INTO st_fund (province_code, tax_code, established_on, capital) VALUES ('08', '0101248141', '2024-01-01', -1)")
            }
        }
    }

    @Test func twoOpenFundsAndClosureBeforeEstablishmentAreRefused() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let funds = FundRegister(session)
            _ = try funds.add(taxCode: code, established: CivilDate("2024-02-01"), decision: nil, capital: Money(dong: 1_000_000_000), notified: CivilDate("2024-02-20"), context: testClerk)
            #expect(throws: RegistryError.self) {
                try funds.add(taxCode: code, established: CivilDate("2025-01-01"), decision: nil, capital: nil, notified: nil, context: testClerk)
            }
            // The database refuses overlapping funds written with plain SQL too.
            #expect(throws: PostgresError.self) {
                try session.connection.query("INSERT INTO st_fund (province_code, tax_code, established_on) VALUES ('08', '0101248141', '2025-01-01')")
            }
            #expect(throws: RegistryError.self) { try funds.close(taxCode: code, on: CivilDate("2024-01-01"), context: testClerk) }
            _ = try funds.close(taxCode: code, on: CivilDate("2025-06-30"), context: testClerk)
            _ = try funds.add(taxCode: code, established: CivilDate("2025-07-01"), decision: nil, capital: nil, notified: nil, context: testClerk)
            #expect(try funds.list(asOf: CivilDate("2025-06-29")).count == 1)
            #expect(try funds.list(asOf: CivilDate("2025-06-30")).isEmpty)   // closed on D: not counted on D
            #expect(try funds.list().count == 2)
        }
    }

    @Test func allocationsGoToTheFundOpenThatYearAndCanBeCorrected() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let funds = FundRegister(session)
            _ = try funds.add(taxCode: code, established: CivilDate("2024-02-01"), decision: nil, capital: nil, notified: CivilDate("2024-03-15"), context: testClerk)
            _ = try funds.allocate(taxCode: code, year: 2024, allocated: Money(dong: 300_000_000), spent: nil, reportReceived: nil, context: testClerk)
            let record = try funds.allocate(taxCode: code, year: 2024, allocated: Money(dong: 350_000_000), spent: Money(dong: 100_000_000), reportReceived: CivilDate("2025-03-20"), context: testClerk)
            let allocations = fields(record)["allocations"] as? [[String: Any]] ?? []
            #expect(allocations.count == 1)
            #expect(allocations.first?["allocated"] as? Int == 350_000_000)
            #expect(throws: RegistryError.self) {
                try funds.allocate(taxCode: code, year: 2023, allocated: Money(dong: 1), spent: nil, reportReceived: nil, context: testClerk)
            }
        }
    }

    @Test func lateNotificationIsAWarning() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            let (_, warnings) = try FundRegister(session).add(
                taxCode: code, established: CivilDate("2024-02-01"), decision: nil, capital: nil, notified: CivilDate("2024-04-01"), context: testClerk)
            #expect(warnings.count == 1)
        }
    }
}

@Suite struct IPTests {
    func application(_ session: RegistrySession, _ number: String, kind: IPKind = .invention, filed: String) throws -> ApplicationNumber {
        let parsed = try ApplicationNumber(parsing: number)
        _ = try IPRegister(session).add(kind: kind, number: parsed, filed: CivilDate(filed), title: "Quy trình", applicantTaxCode: nil,
                                        applicantName: "Viện Nghiên cứu", ipc: ["A01H 4/00"], context: testClerk)
        return parsed
    }

    func status(_ record: CanonicalRecord) -> String? { fields(record)["status"] as? String }

    @Test func utilitySolutionFiledIn2010AndGrantedIn2012IsExpiredToday() throws {
        try withRegistry { session in
            let number = try application(session, "2-2010-00012", kind: .utilitySolution, filed: "2010-03-01")
            let ip = IPRegister(session)
            _ = try ip.record(number: number, event: .granted, on: CivilDate("2012-01-01"), grantNumber: "2-0000999", context: testClerk)
            #expect(status(try ip.find(number)) == "expired")
            // In force through expires_on, expired from the next day (contract §4, Civil Code art. 147–148).
            #expect(status(try ip.find(number, asOf: CivilDate("2020-03-01"))) == "granted")
            #expect(status(try ip.find(number, asOf: CivilDate("2020-03-02"))) == "expired")
            #expect(fields(try ip.find(number))["expires_on"] as? String == "2020-03-01")
        }
    }

    @Test func leapDayFilingExpiresOnTheTwentyEighth() throws {
        try withRegistry { session in
            let number = try application(session, "2-2012-00001", kind: .utilitySolution, filed: "2012-02-29")
            #expect(fields(try IPRegister(session).find(number))["expires_on"] as? String == "2022-02-28")
            let invention = try application(session, "1-2005-00001", filed: "2004-02-29")   // national phase: year differs
            #expect(fields(try IPRegister(session).find(invention))["expires_on"] as? String == "2024-02-29")
        }
    }

    @Test func statusIsReplayedFromEventsAsOfAnyDate() throws {
        try withRegistry { session in
            let number = try application(session, "1-2020-00100", filed: "2020-01-10")
            let ip = IPRegister(session)
            for (event, day) in [(IPEvent.published, "2021-08-01"), (.examinationRequested, "2021-09-01"), (.checked, "2022-01-01")] {
                _ = try ip.record(number: number, event: event, on: CivilDate(day), grantNumber: nil, context: testClerk)
            }
            _ = try ip.record(number: number, event: .granted, on: CivilDate("2023-05-05"), grantNumber: "1-0030001", context: testClerk)
            _ = try ip.record(number: number, event: .lapsed, on: CivilDate("2025-01-10"), grantNumber: nil, context: testClerk)
            _ = try ip.record(number: number, event: .restored, on: CivilDate("2025-03-10"), grantNumber: nil, context: testClerk)
            // Before its filing the application did not exist (as of that day): not found, exit 3.
            #expect(throws: RegistryError.self) { try ip.find(number, asOf: CivilDate("2020-01-09")) }
            let expectations = [("2020-01-10", "filed"), ("2021-08-01", "published"), ("2021-12-31", "under_examination"),
                                ("2023-05-05", "granted"), ("2025-02-01", "lapsed"), ("2025-03-10", "granted")]
            for (day, expected) in expectations {
                #expect(status(try ip.find(number, asOf: CivilDate(day))) == expected, "on \(day)")
            }
            #expect(try ip.list(asOf: CivilDate("2019-12-31")).isEmpty)
            #expect(try ip.list(status: .granted).count == 1)
        }
    }

    @Test func eventsOutOfOrderAreRefused() throws {
        try withRegistry { session in
            let number = try application(session, "1-2020-00100", filed: "2020-01-10")
            let ip = IPRegister(session)
            // Granted before filed.
            #expect(throws: RegistryError.self) {
                try ip.record(number: number, event: .granted, on: CivilDate("2019-12-01"), grantNumber: "1-0000001", context: testClerk)
            }
            _ = try ip.record(number: number, event: .withdrawn, on: CivilDate("2021-01-01"), grantNumber: nil, context: testClerk)
            // Anything after withdrawal.
            for event in [IPEvent.published, .granted, .examinationRequested, .lapsed] {
                #expect(throws: RegistryError.self) {
                    try ip.record(number: number, event: event, on: CivilDate("2022-01-01"), grantNumber: event == .granted ? "1-0000002" : nil, context: testClerk)
                }
            }
            // Before the latest event.
            let other = try application(session, "1-2020-00200", filed: "2020-01-10")
            _ = try ip.record(number: other, event: .published, on: CivilDate("2021-08-01"), grantNumber: nil, context: testClerk)
            #expect(throws: RegistryError.self) {
                try ip.record(number: other, event: .examinationRequested, on: CivilDate("2021-07-01"), grantNumber: nil, context: testClerk)
            }
            // Unknown application.
            let unknown = try #require(throws: RegistryError.self) {
                try ip.record(number: ApplicationNumber(parsing: "1-2020-99999"), event: .published, on: CivilDate("2021-01-01"), grantNumber: nil, context: testClerk)
            }
            #expect(unknown.exitCode == 3)
        }
    }

    @Test func aGrantNumberBelongsToOneApplication() throws {
        try withRegistry { session in
            let first = try application(session, "1-2020-00100", filed: "2020-01-10")
            let second = try application(session, "1-2020-00200", filed: "2020-01-10")
            let ip = IPRegister(session)
            _ = try ip.record(number: first, event: .granted, on: CivilDate("2022-01-01"), grantNumber: "1-0030001", context: testClerk)
            let error = try #require(throws: RegistryError.self) {
                try ip.record(number: second, event: .granted, on: CivilDate("2022-01-01"), grantNumber: "1-0030001", context: testClerk)
            }
            #expect(error.type == "unique-error")
        }
    }

    @Test func kindMustMatchTheTypeDigit() throws {
        try withRegistry { session in
            #expect(throws: RegistryError.self) {
                try IPRegister(session).add(kind: .invention, number: ApplicationNumber(parsing: "2-2024-00001"), filed: CivilDate("2024-01-01"),
                                            title: "x", applicantTaxCode: nil, applicantName: "y", ipc: [], context: testClerk)
            }
            #expect(throws: PostgresError.self) {
                try session.connection.query("INSERT INTO ip_application (province_code, application_number, kind, filed_on, title, applicant_name) VALUES ('08', '2-2024-00001', 'invention', '2024-01-01', 'x', 'y')")
            }
        }
        #expect(throws: RegistryError.self) { try ApplicationNumber(parsing: "3-2024-00001") }
        #expect(throws: RegistryError.self) { try ApplicationNumber(parsing: "1-24-00001") }
        #expect(IPKind(word: "Giải pháp hữu ích") == .utilitySolution)
        #expect(IPKind(word: "sáng chế") == .invention)
    }
}

@Suite struct GITests {
    @Test func numbersArePaddedAndCancellationIsAsOf() throws {
        try withRegistry { session in
            let gis = GIRegister(session)
            let record = try gis.add(number: "86", name: "Hàm Yên", product: "Cam sành", granted: CivilDate("2014-08-12"), decision: "1234/QĐ-SHTT",
                                     managingOrg: "UBND huyện Hàm Yên", area: nil, applicationNumber: "6-2013-00012", context: testClerk)
            #expect(fields(record)["certificate_number"] as? String == "00086")
            // psql writers get the same padding.
            try session.connection.query("INSERT INTO gi_certificate (province_code, certificate_number, name, product, granted_on) VALUES ('08', '7', 'Na Hang', 'Chè', '2020-01-01')")
            #expect(fields(try gis.find("7"))["name"] as? String == "Na Hang")
            _ = try gis.cancel(number: "00086", on: CivilDate("2026-01-01"), context: testClerk)
            #expect(try gis.list(asOf: CivilDate("2025-12-31")).count == 2)
            #expect(try gis.list(asOf: CivilDate("2026-01-01")).count == 1)
            #expect(throws: RegistryError.self) { try gis.cancel(number: "86", on: CivilDate("2026-02-01"), context: testClerk) }
            #expect(throws: RegistryError.self) { try gis.add(number: "86", name: "x", product: "y", granted: CivilDate("2014-08-12"), decision: nil, managingOrg: nil, area: nil, applicationNumber: nil, context: testClerk) }
        }
    }
}

@Suite struct EnterpriseFileTests {
    @Test func deleteIsRefusedWhileRecordsPointAtItAndRekeyCarriesThem() throws {
        try withRegistry { session in
            let code = try register("0101248141", in: session)
            _ = try CertificateRegister(session).add(number: "01", taxCode: code, issued: CivilDate("2024-03-01"), issuer: nil, basis: nil, results: [], context: testClerk)
            _ = try FundRegister(session).add(taxCode: code, established: CivilDate("2024-02-01"), decision: nil, capital: nil, notified: nil, context: testClerk)
            let refused = try #require(throws: RegistryError.self) { try EnterpriseRegister(session).delete(code, context: testClerk) }
            #expect(refused.type == "foreign-key-error")
            #expect(refused.exitCode == 65)
            let fixed = try TaxCode(parsing: "0100109106")
            _ = try EnterpriseRegister(session).rekey(code, to: fixed, context: testClerk)
            let file = try EnterpriseRegister(session).file(fixed)
            #expect(file.certificates.count == 1)
            #expect(file.funds.count == 1)
            #expect(fields(file.certificates[0])["tax_code"] as? String == "0100109106")
            let kinds = Set(try History(session).changes(key: "0100109106").map(\.kind))
            #expect(kinds == ["enterprise", "certificate", "fund"])
        }
    }

    @Test func exportIsCanonicalCSV() throws {
        try withRegistry { session in
            let code = try register("0101248141", "Công ty \"Tân Trào\", chi nhánh", in: session)
            _ = try EnterpriseRegister(session).update(code, EnterpriseFields(vsic: ["7210", "2100"], vsicVersion: 2018), context: testClerk)
            var bytes: [UInt8] = []
            try Exporter(session).export(.enterprise) { bytes.append(contentsOf: $0) }
            #expect(String(decoding: bytes, as: UTF8.self) == """
                tax_code,name,established_on,address,commune_code,legal_form,vsic,vsic_version,status,status_on,former_province
                0101248141,"Công ty ""Tân Trào"", chi nhánh",2015-01-01,,,,7210|2100,2018,active,2015-01-01,

                """)
        }
    }
}
