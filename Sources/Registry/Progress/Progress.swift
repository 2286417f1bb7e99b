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
    /// achieved, missed, regressing, on_track, needs_acceleration, too_early, stalled, manual.
    public let status: String
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
        let rows = try session.read {
            try session.connection.query(
                """
                SELECT code, baseline_value::text, value::text, projection::float8::text, status, filed::text, granted::text,
                       observed_on::text, source
                  FROM khcn_progress(\(session.province), \(date.description)::date) WHERE \(code)::text IS NULL OR code = \(code)
                """).rows
        }
        var result: [TargetProgress] = []
        for row in rows {
            guard let target = targets.first(where: { $0.code == row[0] }) else { continue }
            var progress = TargetProgress(
                target: target, baselineValue: row[1].flatMap(Double.init), value: row[2].flatMap(Double.init),
                projection: row[3].flatMap(Double.init), status: row[4]!, filed: row[5].flatMap { Int($0) },
                granted: row[6].flatMap { Int($0) }, observedOn: row[7].flatMap { CivilDate(iso: $0) }, source: row[8])
            if target.computed && details {
                progress.counted = try counted(target.code, on: date)
                let now = Set(progress.counted.map(\.key))
                progress.left = try counted(target.code, on: target.baselineDate).filter { !now.contains($0.key) }
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
        try session.read {
            try session.connection.query(
                "SELECT key, label, counted_on::text FROM khcn_target_counted(\(session.province), \(code), \(date.description)::date, \(rule)::text) ORDER BY counted_on, key").rows.map {
                CountedRecord(key: $0[0]!, label: $0[1] ?? "", date: CivilDate(iso: $0[2]!)!)
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
        let list = "{" + days.map(\.description).joined(separator: ",") + "}"
        let rows = try session.read {
            try session.connection.query(
                "SELECT extract(year FROM d)::int::text, khcn_target_value(\(session.province), \(target.code), d)::text FROM unnest(\(list)::date[]) AS d ORDER BY d").rows
        }
        return rows.map { (Int($0[0]!)!, Double($0[1]!)!) }
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
                SELECT (SELECT name FROM province WHERE code = \(session.province)), (SELECT max(version) FROM khcn_migrations)::text,
                       to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
                       (SELECT name_en FROM province WHERE code = \(session.province))
                """).rows[0]
        }
        return Provenance(provinceCode: session.province.code, provinceName: row[0], provinceNameEn: row[3],
                          schemaVersion: Int(row[1] ?? "0") ?? 0, generatedAt: row[2] ?? "")
    }
}
