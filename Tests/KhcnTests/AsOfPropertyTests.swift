import Foundation
@testable import Registry
import TestSupport
import Testing

/// Contract §5 `--as-of D`: every field printed is as it stood on D (issue 10, item 4). Random
/// valid histories go in through the registry API; for random dates (event days, the day
/// before, expiry days, far past, today) the JSON of `khcn … list --as-of D --json` must equal
/// what the replay of AsOfModel.swift (written without the SQL) says. Set KHCN_ASOF_SEED to
/// replay a failing run; the seed is in every failure message.
@Suite struct AsOfPropertyTests {
    static let histories = 40
    static let cliDates = 15
    static let apiDates = 40

    let seed = ProcessInfo.processInfo.environment["KHCN_ASOF_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
    let today = Day.today
    let start = Day(2000, 1, 1)

    /// Registers the enterprises that certificates and funds hang off.
    func enterprises(_ session: RegistrySession) throws -> [String] {
        let codes = TaxCodeCases.generated(count: Self.histories, from: 312_345_678)
        for code in codes { try register(code, established: "1995-01-01", in: session) }
        return codes
    }

    /// The dates to ask about: some of `interesting` (event days and their eves), far past, today, random days.
    func dates(_ interesting: [Day], count: Int, _ random: inout SeededRandom) -> [Day] {
        var days = [Day(1990, 1, 1), today]
        let pool = interesting.flatMap { [$0, $0 - 1] }.filter { $0 <= today }
        while days.count < count {
            days.append(random.chance(0.75) && !pool.isEmpty ? random.pick(pool) : Day(random.int(start.number...today.number)))
        }
        return days
    }

    /// Compares a list as printed with the replay's records, keyed by `key`.
    func check(_ printed: Any?, _ expected: [[String: Any]], key: ([String: Any]) -> String, _ context: String) {
        guard let printed = printed as? [[String: Any]] else {
            Issue.record("\(context): not a JSON array of objects")
            return
        }
        #expect(printed.map(key) == printed.map(key).sorted(), "\(context): order")
        let actual = Dictionary(printed.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = Dictionary(expected.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        #expect(actual.keys.sorted() == wanted.keys.sorted(), "\(context): which records")
        for (name, record) in wanted {
            guard let shown = actual[name] else { continue }
            #expect(canonicalText(Self.withoutFundUse(shown)) == canonicalText(record), "\(context), \(name)")
        }
    }

    /// A fund's allocations also carry their first-in first-out use (SQL/0027: used, balance,
    /// share_used, short_of_70), which WatchTests check; the replay models the stored columns.
    static func withoutFundUse(_ record: [String: Any]) -> [String: Any] {
        guard let allocations = record["allocations"] as? [[String: Any]] else { return record }
        var copy = record
        copy["allocations"] = allocations.map { $0.filter { !["used", "balance", "share_used", "short_of_70"].contains($0.key) } }
        return copy
    }

    /// One list's replay: a database of its own (dropped at the end), a session on it, and the
    /// random source of this list, `seed ^ salt` (each list its own, so that one replays alone).
    func replaying(salt: UInt64, _ body: (TestDatabase, RegistrySession, inout SeededRandom) throws -> Void) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        var random = SeededRandom(seed: seed ^ salt)
        try body(database, try RegistrySession(connection: try database.connect()), &random)
    }

    /// `khcn COMMAND list` as of some of the dates to ask about, and as of today, then the
    /// register's own list as of more dates, each against the replay's `expected(day, inForceOnly)`.
    func checkLists(_ command: String, _ noun: String, database: TestDatabase, interesting: [Day], _ random: inout SeededRandom,
                    key: ([String: Any]) -> String, expected: (Day, Bool) -> [[String: Any]],
                    list: (CivilDate) throws -> [CanonicalRecord]) throws {
        for day in dates(interesting, count: Self.cliDates, &random) {
            let run = try KhcnRun.run([command, "list", "--as-of", day.iso, "--json"], database: database)
            check(run.json, expected(day, true), key: key, "seed \(seed), \(command) list --as-of \(day.iso)")
        }
        check(try KhcnRun.run([command, "list", "--json"], database: database).json, expected(today, false), key: key, "seed \(seed), \(command) list")
        for day in dates(interesting, count: Self.apiDates, &random) {
            check(try list(day.date).map(parse), expected(day, true), key: key, "seed \(seed), \(noun) as of \(day.iso)")
        }
    }

    func parse(_ record: CanonicalRecord) -> Any? { try? JSONSerialization.jsonObject(with: Data(record.json.utf8)) }

    @Test func ipListAsOfEqualsTheReplay() throws {
        try replaying(salt: 0) { database, session, random in
            let ip = IPRegister(session)
            var histories: [IPHistory] = []
            for index in 1...Self.histories {
                let kind: IPKind = random.chance(0.5) ? .invention : .utilitySolution
                let filed = Day(random.int(start.number...(today.number - 1)))
                let number = "\(kind.typeDigit)-\(filed.parts.year)-\(String(format: "%05d", index))"
                var history = IPHistory(number: number, kind: kind, filed: filed, title: "Quy trình \(index)")
                _ = try ip.add(kind: kind, number: try ApplicationNumber(parsing: number), filed: filed.date, title: history.title,
                               applicantTaxCode: nil, applicantName: "Viện Nghiên cứu Nông nghiệp", ipc: ["A01H 4/00"], context: testClerk)
                var latest = filed
                var checks = (0...2).map { _ in Day(random.int(filed.number...today.number)) }
                for _ in 0..<6 where !random.chance(0.15) {
                    if !checks.isEmpty && random.chance(0.3) { history.events.append((.checked, checks.removeLast(), nil)) }
                    let day = latest + (random.chance(0.2) ? 0 : random.int(1...2500))
                    let allowed = history.allowed(on: day)
                    guard day <= today, !allowed.isEmpty else { break }
                    let event = random.pick(allowed)
                    history.events.append((event, day, event == .granted ? "\(kind.typeDigit)-\(String(format: "%07d", index))" : nil))
                    latest = day
                }
                history.events += checks.map { (.checked, $0, nil) }
                for (event, day, grant) in history.events {
                    _ = try ip.record(number: try ApplicationNumber(parsing: number), event: event, on: day.date, grantNumber: grant, context: testClerk)
                }
                histories.append(history)
            }
            let interesting = histories.flatMap { [$0.filed, $0.expires, $0.expires + 1] + $0.events.map(\.on) }
            let expected = { (day: Day) in histories.compactMap { $0.expected(on: day) } }
            let key = { (record: [String: Any]) in record["application_number"] as? String ?? "?" }
            for day in dates(interesting, count: Self.cliDates, &random) {
                let run = try KhcnRun.run(["ip", "list", "--as-of", day.iso, "--json"], database: database)
                #expect(run.status == 0, "seed \(seed): \(run.stderr)")
                check(run.json, expected(day), key: key, "seed \(seed), ip list --as-of \(day.iso)")
            }
            check(try KhcnRun.run(["ip", "list", "--json"], database: database).json, expected(today), key: key, "seed \(seed), ip list")
            for _ in 0..<8 {
                let history = random.pick(histories)
                let day = random.chance(0.2) ? history.filed - 1 : random.pick(dates(interesting, count: 3, &random))
                let run = try KhcnRun.run(["ip", "show", history.number, "--as-of", day.iso, "--json"], database: database)
                if let record = history.expected(on: day) {
                    // `ip show` adds the fee years (SQL/0027), which WatchTests check; the replay knows no fees.
                    let shown = (run.json as? [String: Any])?.filter { $0.key != "fees" && $0.key != "next_fee" } ?? [:]
                    #expect(canonicalText(shown) == canonicalText(record), "seed \(seed), ip show \(history.number) --as-of \(day.iso)")
                } else {
                    #expect(run.status == 3, "seed \(seed), ip show \(history.number) --as-of \(day.iso) before filing")
                }
            }
            for day in dates(interesting, count: Self.apiDates, &random) {
                let status = random.pick(IPStatus.allCases)
                let listed = try ip.list(status: status, asOf: day.date).map(parse)
                check(listed, expected(day).filter { $0["status"] as? String == status.rawValue }, key: key, "seed \(seed), --status \(status) --as-of \(day.iso)")
                // The database's own replay, ip_status_on, agrees with the set-based status.
                let disagreeing = try session.connection.query(
                    "SELECT application_number FROM ip_as_of('08', \(day.iso)::date) v WHERE v.status IS DISTINCT FROM ip_status_on('08', v.application_number, \(day.iso)::date)").rows
                #expect(disagreeing.isEmpty, "seed \(seed), ip_status_on on \(day.iso)")
            }
        }
    }

    @Test func certificateListAsOfEqualsTheReplay() throws {
        try replaying(salt: 1) { database, session, random in
            let register = CertificateRegister(session)
            var histories: [CertificateHistory] = []
            for (index, code) in try enterprises(session).enumerated() {
                let issued = Day(random.int(start.number...today.number))
                let number = String(format: "%03d/%04d/GCN-DNKHCN", index + 1, issued.parts.year)
                var history = CertificateHistory(number: number, taxCode: code, issued: issued)
                _ = try register.add(number: number, taxCode: try TaxCode(parsing: code), issued: issued.date, issuer: "Sở KH&CN Tuyên Quang",
                                     basis: nil, results: ["Bằng độc quyền giải pháp hữu ích"], context: testClerk)
                for step in 0..<random.int(0...3) {
                    let on = Day(random.int(issued.number...today.number))
                    history.amendments.append((on, step % 2 == 1, "Sửa đổi lần \(step + 1)", "\(step + 1)/QĐ-SKHCN"))
                    _ = try register.amend(number: number, on: on.date, description: "Sửa đổi lần \(step + 1)", reissued: step % 2 == 1,
                                           decision: "\(step + 1)/QĐ-SKHCN", context: testClerk)
                }
                if random.chance(0.6) {
                    let revoked = (on: Day(random.int(issued.number...today.number)), reason: "Không báo cáo \(index)", invalidated: random.chance(0.3))
                    history.revoked = revoked
                    _ = try register.revoke(number: number, on: revoked.on.date, reason: revoked.reason, invalidate: revoked.invalidated, context: testClerk)
                }
                histories.append(history)
            }
            let interesting = histories.flatMap { [$0.issued] + ($0.revoked.map { [$0.on] } ?? []) + $0.amendments.map(\.on) }
            let key = { (record: [String: Any]) in record["certificate_number"] as? String ?? "?" }
            try checkLists("certificate", "certificates", database: database, interesting: interesting, &random, key: key,
                           expected: { day, inForceOnly in histories.compactMap { $0.expected(on: day, inForceOnly: inForceOnly) } },
                           list: { try register.list(asOf: $0) })
        }
    }
}
