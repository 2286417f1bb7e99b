import Postgres

/// A record counted by a target: which one, how to name it, and the date that put it in.
public struct CountedRecord: Sendable {
    public let key: String
    public let label: String
    public let date: CivilDate
}

/// How far one target is on a date (contract §7), with the records behind the number.
public struct TargetProgress: Sendable {
    public let target: Target
    public let baselineValue: Double?
    public let value: Double?
    /// Unrounded; nil when C ≤ B.
    public let projection: Double?
    public let status: TargetStatus
    /// ip-filings reports both figures.
    public let filed: Int?
    public let granted: Int?
    public let observedOn: CivilDate?
    public let source: String?
    /// With details: the records counted on the date, and those counted at the baseline but not any more.
    public var counted: [CountedRecord] = []
    public var left: [CountedRecord] = []
    /// The value at the end of each year since the baseline (the last one on the as-of date).
    public var yearly: [(year: Int, value: Double)] = []
}

/// Where a target stands on a date (contract §7; SQL/0011 `khcn_target_status`, first rule that
/// applies), or `manual` for a target a clerk observes.
public enum TargetStatus: String, Sendable, CaseIterable, CustomStringConvertible {
    case achieved, missed, regressing
    case onTrack = "on_track"
    case needsAcceleration = "needs_acceleration"
    case tooEarly = "too_early"
    case stalled, manual

    public var description: String { rawValue }
}

/// Progress toward the plan's targets, computed by the SQL functions of `SQL/0011` so that any
/// SQL client gets the same numbers.
public struct PlanProgress {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    public func on(_ date: CivilDate, only code: String? = nil, details: Bool = false, yearly: Bool = false) throws(RegistryError) -> [TargetProgress] {
        let targets = try Targets(session).list()
        if let code, !targets.contains(where: { $0.code == code }) {
            throw RegistryError.notFound("target", code, vi: "Không có chỉ tiêu “\(code)” (xem khcn targets list).", en: "No target “\(code)” (see khcn targets list).")
        }
        let figures = try session.read {
            try session.connection.query(
                """
                SELECT code, baseline_value::float8 AS baseline_value, value::float8 AS value, projection::float8 AS projection,
                       status, filed::int AS filed, granted::int AS granted, observed_on::text AS observed_on, source
                  FROM khcn_progress(\(session.province), \(date)::date) WHERE \(code)::text IS NULL OR code = \(code)
                """).rows.compactMap { row -> TargetProgress? in
                guard let target = targets.first(where: { $0.code == row["code"] }) else { return nil }
                return TargetProgress(
                    target: target, baselineValue: try row.decodeIfPresent("baseline_value"), value: try row.decodeIfPresent("value"),
                    projection: try row.decodeIfPresent("projection"), status: try row.decode("status"),
                    filed: try row.decodeIfPresent("filed"), granted: try row.decodeIfPresent("granted"),
                    observedOn: row["observed_on"].flatMap { CivilDate(iso: $0) }, source: row["source"])
            }
        }
        var result: [TargetProgress] = []
        for var progress in figures {
            let target = progress.target
            if target.computed && details {
                var counted: [CountedRecord] = [], left: [CountedRecord] = []
                try eachCounted(target.code, on: date) { record, _ in counted.append(record) }
                try eachNoLongerCounted(target.code, countedOn: target.baselineDate, notOn: date) { record, _ in left.append(record) }
                (progress.counted, progress.left) = (counted, left)
            }
            if target.computed && yearly {
                progress.yearly = try self.yearly(target, until: date)
            }
            result.append(progress)
        }
        return result
    }

    /// The records a computed target counts on a date; `rule` (ip-filings: `filed` or
    /// `granted`) overrides the target's own, so a report can list the figure of either rule.
    public func counted(_ code: String, on date: CivilDate, rule: String? = nil) throws(RegistryError) -> [CountedRecord] {
        var records: [CountedRecord] = []
        try eachCounted(code, on: date, rule: rule) { record, _ in records.append(record) }
        return records
    }

    /// The same records handed over one at a time in counting order (date, then key), each
    /// with how many there are in all, so that a caption with the count can come before them
    /// (contract §8: every command streams; SQL counts them as it sorts).
    public func eachCounted(_ code: String, on date: CivilDate, rule: String? = nil,
                            _ body: (CountedRecord, _ total: Int) throws -> Void) throws(RegistryError) {
        try each(
            """
            SELECT key, label, counted_on::text AS counted_on, count(*) OVER () AS total
              FROM khcn_target_counted(\(session.province), \(code), \(date)::date, \(rule)::text) ORDER BY counted_on, key
            """, body)
    }

    /// The records a target counted on `then` and no longer counts on `date` (those counted at
    /// the baseline that left, or those counted on the deadline since lost), in the counting
    /// order of `then`. Computed in SQL: neither list is held here.
    public func eachNoLongerCounted(_ code: String, countedOn then: CivilDate, notOn date: CivilDate,
                                    _ body: (CountedRecord, _ total: Int) throws -> Void) throws(RegistryError) {
        try each(
            """
            SELECT b.key, b.label, b.counted_on::text AS counted_on, count(*) OVER () AS total
              FROM khcn_target_counted(\(session.province), \(code), \(then)::date) b
             WHERE NOT EXISTS (SELECT 1 FROM khcn_target_counted(\(session.province), \(code), \(date)::date, NULL, false) n WHERE n.key = b.key)
             ORDER BY b.counted_on, b.key
            """, body)
    }

    /// How many records a target counts on a date (its figure; `rule` as in `counted`).
    public func count(_ code: String, on date: CivilDate, rule: String? = nil) throws(RegistryError) -> Int {
        try session.read {
            try session.connection.query(
                "SELECT khcn_target_value(\(session.province), \(code), \(date)::date, \(rule)::text)::int AS value").rows[0].decode("value")
        }
    }

    /// Single-row mode: one record in memory at a time, whatever the count.
    private func each(_ query: Query, _ body: (CountedRecord, Int) throws -> Void) throws(RegistryError) {
        try session.read {
            try session.connection.forEachRow(query) { row in
                try body(CountedRecord(key: try row.decode("key"), label: row["label"] ?? "", date: try row.decode("counted_on")),
                         try row.decode("total"))
            }
        }
    }

    /// The count on 31 December of each year from the baseline's to the as-of date's (that
    /// year's figure is the one on the as-of date).
    func yearly(_ target: Target, until date: CivilDate) throws(RegistryError) -> [(year: Int, value: Double)] {
        guard date >= target.baselineDate else { return [] }
        var days: [CivilDate] = []
        for year in target.baselineDate.year...date.year {
            let end = CivilDate(year: year, month: 12, day: 31)!
            days.append(end < date ? end : date)
        }
        return try session.read {
            try session.connection.query(
                """
                SELECT extract(year FROM d)::int AS year, khcn_target_value(\(session.province), \(target.code), d)::float8 AS value
                  FROM unnest(\(days)::date[]) AS d ORDER BY d
                """).rows.map { (try $0.decode("year"), try $0.decode("value")) }
        }
    }
}

extension PlanProgress {
    /// What a printed report needs to name its issuer and to be regenerated later.
    public struct Provenance: Sendable {
        public let provinceCode: String
        public let provinceName: String?
        /// The name without diacritics, for English output (`Tuyen Quang`).
        public let provinceNameEn: String?
        public let schemaVersion: Int
        /// RFC 3339, +07:00.
        public let generatedAt: String
    }

    public func provenance() throws(RegistryError) -> Provenance {
        let row = try session.read {
            try session.connection.query(
                """
                SELECT (SELECT name FROM province WHERE code = \(session.province)) AS name,
                       (SELECT name_en FROM province WHERE code = \(session.province)) AS name_en,
                       (SELECT max(version) FROM khcn_migrations) AS version,
                       to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS generated_at
                """).rows[0]
        }
        return Provenance(provinceCode: session.province.code, provinceName: row["name"], provinceNameEn: row["name_en"],
                          schemaVersion: Int(row["version"] ?? "0") ?? 0, generatedAt: row["generated_at"] ?? "")
    }
}

extension TargetStatus: PostgresDecodable {
    public init?(postgresText: String) { self.init(rawValue: postgresText) }
}
