import Foundation
import Registry
import TestSupport
import Testing

extension AsOfPropertyTests {
    @Test func fundListAsOfEqualsTheReplay() throws {
        try replaying(salt: 2) { database, session, random in
            let register = FundRegister(session)
            var histories: [FundHistory] = []
            for code in try enterprises(session) {
                let taxCode = try TaxCode(parsing: code)
                var from = start
                // One or two funds, one after the other (one open at a time).
                for _ in 0..<(random.chance(0.4) ? 2 : 1) where from <= today {
                    let established = Day(random.int(from.number...min(today.number, from.number + 4000)))
                    let notified = random.chance(0.7) ? Day(min(today.number, established.number + random.int(0...60))) : nil
                    var fund = FundHistory(taxCode: code, established: established, capital: random.int(1...900) * 1_000_000, notified: notified)
                    _ = try register.add(taxCode: taxCode, established: established.date, decision: "12/QĐ-HĐQT", capital: Money(dong: Int64(fund.capital)),
                                         notified: notified?.date, context: testClerk)
                    let closed = random.chance(0.5) ? Day(random.int(established.number...today.number)) : nil
                    for year in established.parts.year...(closed ?? today).parts.year where random.chance(0.5) {
                        let first = Day(year, 1, 1)
                        let report = random.chance(0.6) ? Day(min(today.number, first.number + random.int(0...500))) : nil
                        let spent = random.chance(0.7) ? random.int(0...500) * 100_000 : nil
                        let allocated = random.int(1...900) * 100_000
                        fund.allocations.append((year, allocated, spent, report))
                        _ = try register.allocate(taxCode: taxCode, year: year, allocated: Money(dong: Int64(allocated)), spent: spent.map { Money(dong: Int64($0)) },
                                                  reportReceived: report?.date, context: testClerk)
                    }
                    if let closed {
                        fund.closed = closed
                        _ = try register.close(taxCode: taxCode, on: closed.date, context: testClerk)
                    }
                    histories.append(fund)
                    // A later fund starts after this one closed, in a later year (so each year's allocation has one fund).
                    guard let closed else { break }
                    from = Day(closed.parts.year + 1, 1, 1)
                }
            }
            let interesting = histories.flatMap {
                [$0.established] + [$0.notified, $0.closed].compactMap { $0 } + $0.allocations.flatMap { [Day($0.year, 1, 1)] + ($0.report.map { [$0] } ?? []) }
            }
            let key = { (record: [String: Any]) in "\(record["tax_code"] as? String ?? "?") \(record["established_on"] as? String ?? "?")" }
            try checkLists("fund", "funds", database: database, interesting: interesting, &random, key: key,
                           expected: { day, inForceOnly in histories.compactMap { $0.expected(on: day, inForceOnly: inForceOnly) } },
                           list: { try register.list(asOf: $0) })
        }
    }

    @Test func giListAsOfEqualsTheReplay() throws {
        try replaying(salt: 3) { database, session, random in
            let register = GIRegister(session)
            var histories: [GIHistory] = []
            for index in 1...Self.histories {
                let number = String(format: "%05d", index)
                var history = GIHistory(number: number, granted: Day(random.int(start.number...today.number)))
                _ = try register.add(number: number, name: "Chỉ dẫn \(number)", product: "Cam sành", granted: history.granted.date, decision: "1234/QĐ-SHTT",
                                     managingOrg: "UBND huyện Hàm Yên", area: nil, applicationNumber: nil, context: testClerk)
                if random.chance(0.4) {
                    let cancelled = Day(random.int(history.granted.number...today.number))
                    history.cancelled = cancelled
                    _ = try register.cancel(number: number, on: cancelled.date, context: testClerk)
                }
                histories.append(history)
            }
            let interesting = histories.flatMap { [$0.granted] + ($0.cancelled.map { [$0] } ?? []) }
            let key = { (record: [String: Any]) in record["certificate_number"] as? String ?? "?" }
            try checkLists("gi", "GIs", database: database, interesting: interesting, &random, key: key,
                           expected: { day, inForceOnly in histories.compactMap { $0.expected(on: day, inForceOnly: inForceOnly) } },
                           list: { try register.list(asOf: $0) })
        }
    }
}

/// Issue 10, item 4, as reported: an application granted in 2024 and last checked in 2026,
/// listed as of 2023-01-01, showed the grant number and the 2026 check next to `filed`.
@Suite struct AsOfRegressionTests {
    @Test func asOfBeforeTheGrantShowsNeitherGrantNumberNorLaterCheck() throws {
        try withKhcn { database, khcn in
            #expect(try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2022-00421", "--filed", "2022-03-15",
                             "--title", "Quy trình nhân giống chè Shan tuyết", "--applicant-name", "Viện Nghiên cứu").status == 0)
            #expect(try khcn("ip", "record", "1-2022-00421", "--event", "granted", "--on", "2024-05-10", "--grant-number", "1-0045678").status == 0)
            #expect(try khcn("ip", "record", "1-2022-00421", "--event", "checked", "--on", "2026-06-01").status == 0)

            let list = try khcn("ip", "list", "--as-of", "2023-01-01", "--json")
            let record = (list.json as? [[String: Any]])?.first ?? [:]
            #expect(record["status"] as? String == "filed")
            #expect(record["grant_number"] is NSNull)
            #expect(record["granted_on"] is NSNull)
            #expect(record["checked_on"] is NSNull)
            #expect((record["events"] as? [Any])?.isEmpty == true)
            let table = try khcn("ip", "list", "--as-of", "2023-01-01")
            #expect(!table.stdout.contains("1-0045678") && !table.stdout.contains("2026"), "\(table.stdout)")
            let show = try khcn("ip", "show", "1-2022-00421", "--as-of", "2023-01-01")
            #expect(!show.stdout.contains("1-0045678") && !show.stdout.contains("01/06/2026"), "\(show.stdout)")
            #expect(try khcn("ip", "show", "1-2022-00421", "--as-of", "2022-03-14").status == 3)
            // Today nothing is hidden.
            let now = (try khcn("ip", "list", "--json").json as? [[String: Any]])?.first ?? [:]
            #expect(now["grant_number"] as? String == "1-0045678")
            #expect(now["checked_on"] as? String == "2026-06-01")
        }
    }
}
