import Foundation
import Registry

/// A deterministic PRNG (SplitMix64) so that a failing history can be replayed from its seed.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// A calendar day as a day number (days since 1970-01-01), written here independently of
/// `CivilDate` and of PostgreSQL so that the replay shares no code with what it checks.
struct Day: Comparable, Hashable {
    let number: Int

    init(_ number: Int) { self.number = number }

    init(_ year: Int, _ month: Int, _ day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        number = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    var parts: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shifted + 2) / 5 + 1)
    }

    var iso: String {
        let (y, m, d) = parts
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    var date: CivilDate { CivilDate(iso: iso)! }

    static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    static func + (lhs: Day, rhs: Int) -> Day { Day(lhs.number + rhs) }
    static func - (lhs: Day, rhs: Int) -> Day { Day(lhs.number - rhs) }

    /// The same day N years later, or the month's last day (29 February → 28 February).
    func addingYears(_ years: Int) -> Day {
        let (y, m, d) = parts
        let lengths = [31, (y + years) % 4 == 0 && ((y + years) % 100 != 0 || (y + years) % 400 == 0) ? 29 : 28,
                       31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return Day(y + years, m, min(d, lengths[m - 1]))
    }

    static var today: Day {
        let today = CivilDate.today()
        return Day(today.year, today.month, today.day)
    }
}

/// JSON values built by the replay: nil becomes null.
func jsonValue(_ value: Any?) -> Any { value ?? NSNull() }

/// A JSON object as sorted, compact text, so that the replay and the command's output compare
/// as text and a failure prints both.
func canonicalText(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
}

/// One application and its events in the order they were recorded (the database breaks a
/// tie between same-day events by that order).
struct IPHistory {
    let number: String
    let kind: IPKind
    let filed: Day
    let title: String
    var events: [(event: IPEvent, on: Day, grant: String?)] = []

    var expires: Day { filed.addingYears(kind == .invention ? 20 : 10) }

    /// The events dated on or before `day`, by date then by recording order.
    func events(upTo day: Day) -> [(event: IPEvent, on: Day, grant: String?)] {
        events.enumerated().filter { $0.element.on <= day }
            .sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }.map(\.element)
    }

    /// Contract §5: the status replayed event by event; `checked` changes nothing; a granted
    /// title is expired from the day after `expires_on` (§4, Civil Code art. 147–148).
    func status(on day: Day) -> String {
        var status = "filed"
        for (event, _, _) in events(upTo: day) {
            switch event {
            case .published: if status == "filed" { status = "published" }
            case .examinationRequested: if status == "filed" || status == "published" { status = "under_examination" }
            case .granted, .refused, .withdrawn, .lapsed, .invalidated: status = event.rawValue
            case .restored: if status == "lapsed" { status = "granted" }
            case .checked, .feePaid: break
            }
        }
        return status == "granted" && day > expires ? "expired" : status
    }

    /// The events the life-cycle rules of SQL/0007 accept on `day`.
    func allowed(on day: Day) -> [IPEvent] {
        let status = status(on: day)
        var allowed: [IPEvent] = []
        if ["filed", "under_examination"].contains(status) && !events.contains(where: { $0.event == .published }) { allowed.append(.published) }
        if ["filed", "published"].contains(status) { allowed.append(.examinationRequested) }
        if ["filed", "published", "under_examination"].contains(status) { allowed += [.granted, .refused, .withdrawn] }
        if status == "granted" { allowed.append(.lapsed) }
        if ["granted", "lapsed", "expired"].contains(status) { allowed.append(.invalidated) }
        if status == "lapsed" { allowed.append(.restored) }
        return allowed
    }

    /// What `ip list --as-of day --json` must print for this application (nil: not filed yet).
    func expected(on day: Day) -> [String: Any]? {
        guard filed <= day else { return nil }
        let seen = events(upTo: day)
        func latest(_ event: IPEvent) -> Any { jsonValue(seen.filter { $0.event == event }.map(\.on).max()?.iso) }
        return [
            "kind": kind.rawValue, "application_number": number, "filed_on": filed.iso, "title": title,
            "applicant_tax_code": NSNull(), "applicant_name": "Viện Nghiên cứu Nông nghiệp", "applicant_type": "organisation", "applicant_person_id": NSNull(), "ipc": ["A01H 4/00"],
            "published_on": latest(.published), "examination_requested_on": latest(.examinationRequested),
            "granted_on": latest(.granted), "grant_number": jsonValue(seen.first { $0.event == .granted }?.grant),
            "refused_on": latest(.refused), "withdrawn_on": latest(.withdrawn), "lapsed_on": latest(.lapsed),
            "invalidated_on": latest(.invalidated), "restored_on": latest(.restored), "checked_on": latest(.checked), "priority_on": NSNull(),
            "status": status(on: day), "expires_on": expires.iso,
            "events": seen.map { ["event": $0.event.rawValue, "on": $0.on.iso, "grant_number": jsonValue($0.grant)] },
        ]
    }
}

/// A certificate, its end (if any) and its amendments.
struct CertificateHistory {
    let number: String
    let taxCode: String
    let issued: Day
    var revoked: (on: Day, reason: String, invalidated: Bool)?
    var amendments: [(on: Day, reissued: Bool, description: String, decision: String)] = []

    /// `certificate list --as-of day`: in force on the day, with nothing dated after it.
    func expected(on day: Day, inForceOnly: Bool) -> [String: Any]? {
        let ended = revoked.map { $0.on <= day } ?? false
        guard issued <= day, !(inForceOnly && ended) else { return nil }
        let end = ended ? revoked : nil
        return [
            "tax_code": taxCode, "certificate_number": number, "issued_on": issued.iso, "issuer": "Sở KH&CN Tuyên Quang",
            "basis": issued < Day(2025, 10, 1) ? "13/2019/NĐ-CP" : "268/2025/NĐ-CP",
            "revoked_on": jsonValue(end?.on.iso), "revoke_reason": jsonValue(end?.reason),
            "revocation_kind": jsonValue(end.map { $0.invalidated ? "invalidated" : "revoked" }),
            "status": end.map { $0.invalidated ? "invalidated" : "revoked" } ?? "valid",
            "results": ["Bằng độc quyền giải pháp hữu ích"],
            "amendments": amendments.filter { $0.on <= day }
                .sorted { ($0.on, $0.reissued ? "reissued" : "amended") < ($1.on, $1.reissued ? "reissued" : "amended") }
                .map { ["on": $0.on.iso, "kind": $0.reissued ? "reissued" : "amended", "description": $0.description, "decision": $0.decision] },
        ]
    }
}

/// A fund with its notification, closure and yearly allocations.
struct FundHistory {
    let taxCode: String
    let established: Day
    let capital: Int
    let notified: Day?
    var closed: Day?
    var allocations: [(year: Int, allocated: Int, spent: Int?, report: Day?)] = []

    /// An allocation of year Y stands from 1 January of Y; its report date from that date.
    func expected(on day: Day, inForceOnly: Bool) -> [String: Any]? {
        let ended = closed.map { $0 <= day } ?? false
        guard established <= day, !(inForceOnly && ended) else { return nil }
        return [
            "tax_code": taxCode, "established_on": established.iso, "decision": "12/QĐ-HĐQT", "capital": capital,
            "notified_on": jsonValue(notified.flatMap { $0 <= day ? $0.iso : nil }),
            "closed_on": jsonValue(ended ? closed?.iso : nil), "status": ended ? "closed" : "open",
            "allocations": allocations.filter { Day($0.year, 1, 1) <= day }.sorted { $0.year < $1.year }.map {
                ["tax_code": taxCode, "established_on": established.iso, "year": $0.year, "allocated": $0.allocated,
                 "spent": jsonValue($0.spent), "report_received_on": jsonValue($0.report.flatMap { $0 <= day ? $0.iso : nil })]
            },
        ]
    }
}

/// A geographical indication and its cancellation (if any).
struct GIHistory {
    let number: String
    let granted: Day
    var cancelled: Day?

    func expected(on day: Day, inForceOnly: Bool) -> [String: Any]? {
        let ended = cancelled.map { $0 <= day } ?? false
        guard granted <= day, !(inForceOnly && ended) else { return nil }
        return [
            "certificate_number": number, "name": "Chỉ dẫn \(number)", "product": "Cam sành", "granted_on": granted.iso,
            "decision": "1234/QĐ-SHTT", "managing_org": "UBND huyện Hàm Yên", "area": NSNull(), "application_number": NSNull(),
            "cancelled_on": jsonValue(ended ? cancelled?.iso : nil), "status": ended ? "cancelled" : "protected",
        ]
    }
}
