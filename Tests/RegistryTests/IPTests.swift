import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

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
