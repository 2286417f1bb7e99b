import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

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
