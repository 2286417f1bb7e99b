/// The watch list (contract §10): what the records imply a clerk must do, overdue on a date or
/// due within a window. The rules are rows of `watch_rule` (SQL/0027), each with its legal
/// basis and the span of due dates it governs; `khcn_watch` evaluates them set-based.
public struct WatchList {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The kinds of record a rule watches (`--kind`).
    public enum Kind: String, Sendable, CaseIterable {
        case ip, fund, gi
    }

    /// One obligation: the rule, the record it comes from (key, enterprise), its due date and
    /// state, the legal basis and what to do (in the language asked for), and the rule's figures.
    public struct Item: Sendable {
        public let rule: String
        public let kind: String
        public let key: String
        public let taxCode: String?
        public let name: String?
        public let dueOn: CivilDate
        /// `overdue` (due before the as-of date) or `due`.
        public let state: String
        public let title: String
        public let basis: String
        public let action: String
        /// A JSON object (text) with the rule's own figures.
        public let details: String
    }

    /// The SQL of the list, in the contract's order: overdue first, then by due date (the same
    /// order: an overdue item falls due before the as-of date), then by rule and key.
    static func query(english: Bool) -> String {
        let suffix = english ? "_en" : ""
        return """
            SELECT w.rule, w.kind, w.key, w.tax_code, w.name, w.due_on::text, w.state,
                   w.title\(suffix), w.basis\(suffix), w.action\(suffix), w.details::text
              FROM khcn_watch($1, $2::date, $3::int, $4) w
             ORDER BY w.due_on, w.sort_order, w.key COLLATE "C"
             LIMIT $5::bigint
            """
    }

    /// Hands the items over one at a time (single-row mode): the full list streams (contract §8).
    public func each(
        asOf: CivilDate, within: Int = 90, kind: Kind? = nil, limit: Int? = nil, english: Bool = false,
        _ body: (Item) throws -> Void
    ) throws(RegistryError) {
        guard within >= 0 else {
            throw RegistryError.invalid("within", String(within), vi: "--within là số ngày, không âm.", en: "--within is a number of days, not negative.")
        }
        try session.read {
            try session.connection.forEachRow(
                Self.query(english: english),
                [session.province.code, asOf.description, String(within), kind?.rawValue, limit.map(String.init)]
            ) { row in
                try body(Item(
                    rule: row[0] ?? "", kind: row[1] ?? "", key: row[2] ?? "", taxCode: row[3], name: row[4],
                    dueOn: CivilDate(iso: row[5] ?? "") ?? asOf, state: row[6] ?? "", title: row[7] ?? "",
                    basis: row[8] ?? "", action: row[9] ?? "", details: row[10] ?? "{}"))
            }
        }
    }

    /// Every item, collected (tests, the report's short section).
    public func items(asOf: CivilDate, within: Int = 90, kind: Kind? = nil, limit: Int? = nil, english: Bool = false) throws(RegistryError) -> [Item] {
        var items: [Item] = []
        try each(asOf: asOf, within: within, kind: kind, limit: limit, english: english) { items.append($0) }
        return items
    }

    /// How many obligations are overdue on `asOf` (shown beside the targets, contract §10).
    public func overdueCount(asOf: CivilDate) throws(RegistryError) -> Int {
        try session.read {
            Int(try session.connection.query("SELECT khcn_watch_overdue(\(session.province), \(asOf.description)::date)").scalar ?? "0") ?? 0
        }
    }
}
