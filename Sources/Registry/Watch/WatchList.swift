import Postgres

/// The watch list (contract §10): what the records imply a clerk must do, overdue on a date or
/// due within a window. The rules are rows of `watch_rule` (SQL/0027), each with its legal
/// basis and the span of due dates it governs; `khcn_watch` evaluates them set-based.
public struct WatchList {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The kinds of record a rule watches (`--kind`).
    public enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        case ip, fund, gi

        public var description: String { rawValue }
    }

    /// An obligation is overdue on the as-of date when it fell due before it; else it is due.
    public enum State: String, Sendable, CustomStringConvertible {
        case overdue, due

        public var description: String { rawValue }
    }

    /// One obligation: the rule, the record it comes from (key, enterprise), its due date and
    /// state, the legal basis and what to do (in the language asked for), and the rule's figures.
    public struct Item: Sendable {
        public let rule: String
        public let kind: Kind
        public let key: String
        public let taxCode: String?
        public let name: String?
        public let dueOn: CivilDate
        public let state: State
        public let title: String
        public let basis: String
        public let action: String
        /// A JSON object (text) with the rule's own figures.
        public let details: String
    }

    /// The list, in the contract's order: overdue first, then by due date (the same order: an
    /// overdue item falls due before the as-of date), then by rule and key. The limit goes to
    /// `khcn_watch` (SQL/0036), which then reads only the items it can keep (contract §8).
    func query(asOf: CivilDate, within: Int, kind: Kind?, limit: Int?, english: Bool) -> Query {
        let suffix = english ? "_en" : ""
        return """
            SELECT w.rule, w.kind, w.key, w.tax_code, w.name, w.due_on::text AS due_on, w.state,
                   w.title\(sql: suffix) AS title, w.basis\(sql: suffix) AS basis, w.action\(sql: suffix) AS action, w.details::text AS details
              FROM khcn_watch(\(session.province), \(asOf)::date, \(within)::int, \(kind?.rawValue)::text, \(limit)::bigint) w
             ORDER BY w.due_on, w.sort_order, w.key COLLATE "C"
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
            try session.connection.forEachRow(query(asOf: asOf, within: within, kind: kind, limit: limit, english: english)) { row in
                try body(Item(
                    rule: try row.decode("rule"), kind: try row.decode("kind"), key: try row.decode("key"), taxCode: row["tax_code"],
                    name: row["name"], dueOn: try row.decode("due_on"), state: try row.decode("state"),
                    title: try row.decode("title"), basis: try row.decode("basis"), action: try row.decode("action"),
                    details: row["details"] ?? "{}"))
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
            try session.connection.query("SELECT khcn_watch_overdue(\(session.province), \(asOf)::date) AS overdue").rows[0].decode("overdue")
        }
    }
}

extension WatchList.Kind: PostgresDecodable {
    public init?(postgresText: String) { self.init(rawValue: postgresText) }
}

extension WatchList.State: PostgresDecodable {
    public init?(postgresText: String) { self.init(rawValue: postgresText) }
}
