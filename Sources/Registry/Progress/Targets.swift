/// One measurable target of the plan (Kế hoạch 222/KH-UBND), as seeded in `SQL/0011`.
public struct Target: Sendable {
    public let code: String
    public let title: String
    public let titleEn: String
    /// "đạt 30" or "trên 30".
    public let comparator: Comparator
    /// As the plan states it: 30 for "trên 30".
    public let threshold: Double
    /// The smallest value that meets the target: 31 for "trên 30" doanh nghiệp, 60 for "trên
    /// 60%" (SQL/0031 `khcn_target_goal`, which the progress status uses too).
    public let smallestMeeting: Double
    public let stretch: Double?
    public let unit: String
    public let baselineDate: CivilDate
    public let deadline: CivilDate
    /// Counted from the registry, or observed by a clerk.
    public let computed: Bool
    /// `filed` or `granted` for ip-filings.
    public let rule: String?
    public let counting: String
    public let planWording: String

    /// How the value is compared with the threshold (the `target.comparator` column).
    public enum Comparator: String, Sendable, CustomStringConvertible {
        /// "đạt", "có từ … trở lên": the threshold itself meets the target.
        case atLeast = ">="
        /// "trên": only more than the threshold meets it.
        case moreThan = ">"

        public var description: String { rawValue }
    }
}

/// The targets of the session's province: list them, record observations of the manual ones,
/// choose the ip-filings rule. Every change is audited.
public struct Targets {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    public func list() throws(RegistryError) -> [Target] {
        try session.read {
            try session.connection.query(
                """
                SELECT code, title, title_en, comparator, threshold::float8 AS threshold, stretch::float8 AS stretch,
                       khcn_target_goal(comparator, threshold, unit)::float8 AS smallest_meeting, unit,
                       baseline_date::text AS baseline_date, deadline::text AS deadline, computed, rule, counting, plan_wording
                  FROM target WHERE province_code = \(session.province) ORDER BY sort_order
                """).rows.map { row in
                Target(code: try row.decode("code"), title: try row.decode("title"), titleEn: try row.decode("title_en"),
                       comparator: try row.decode("comparator", as: String.self) == ">" ? .moreThan : .atLeast,
                       threshold: try row.decode("threshold"), smallestMeeting: try row.decode("smallest_meeting"),
                       stretch: try row.decodeIfPresent("stretch"), unit: try row.decode("unit"),
                       baselineDate: try row.decode("baseline_date"), deadline: try row.decode("deadline"),
                       computed: try row.decode("computed"), rule: row["rule"], counting: try row.decode("counting"),
                       planWording: try row.decode("plan_wording"))
            }
        }
    }

    public func target(_ code: String) throws(RegistryError) -> Target {
        guard let target = try list().first(where: { $0.code == code }) else {
            throw RegistryError.notFound("code", code, vi: "Không có chỉ tiêu “\(code)” (xem khcn targets list).",
                                         en: "No target “\(code)” (see khcn targets list).")
        }
        return target
    }

    /// A dated observation of a target the registry cannot count (a percentage, a survey).
    public func record(_ code: String, value: Double, on date: CivilDate, source: String?, context: ChangeContext) throws(RegistryError) {
        let target = try target(code)
        if target.computed {
            throw RegistryError.invalid(
                "code", code, vi: "Chỉ tiêu “\(code)” được tính từ sổ đăng ký, không ghi tay được.",
                en: "Target “\(code)” is counted from the registry; it cannot be recorded by hand.")
        }
        if value < 0 {
            throw RegistryError.invalid(
                "value", String(format: "%g", value),
                vi: "Giá trị chỉ tiêu không được âm (\(String(format: "%g", value))): một tỷ lệ hay một số lượng đo được luôn từ 0 trở lên\(target.unit == "percent" ? " (tỷ lệ từ 0 đến 100 %)" : "").",
                en: "A target value cannot be negative (\(String(format: "%g", value))): a measured share or count is 0 or more\(target.unit == "percent" ? " (a share runs from 0 to 100%)" : "").")
        }
        if target.unit == "percent" && value > 100 {
            throw RegistryError.invalid("value", String(value), vi: "Giá trị phải từ 0\(target.unit == "percent" ? " đến 100 (%)" : "").",
                                        en: "The value must be 0 or more\(target.unit == "percent" ? ", at most 100 (%)" : "").")
        }
        if date > session.today {
            throw RegistryError.invalid("on", date.description, vi: "Ngày \(date.vietnamese) ở tương lai.", en: "The date \(date) is in the future.")
        }
        let source = try CleanText.clean(source, field: "source", label: ("Nguồn", "The source"), maxLength: 500, required: false)
        try session.write(context, right: .targetsRecord) {
            try session.connection.query(
                """
                INSERT INTO target_observation (province_code, code, observed_on, value, source) VALUES (\(session.province), \(code), \(date)::date, \(value)::numeric, \(source))
                ON CONFLICT (province_code, code, observed_on) DO UPDATE SET value = EXCLUDED.value, source = coalesce(EXCLUDED.source, target_observation.source)
                """)
        }
    }

    /// Which figure the ip-filings target counts: applications `filed` or titles `granted`.
    public func setRule(_ code: String, rule: String, context: ChangeContext) throws(RegistryError) {
        let target = try target(code)
        guard target.rule != nil else {
            throw RegistryError.invalid("code", code, vi: "Chỉ tiêu “\(code)” không có quy tắc để chọn.", en: "Target “\(code)” has no rule to choose.")
        }
        try session.write(context, right: .targetsSetRule) {
            try session.connection.query("UPDATE target SET rule = \(rule) WHERE province_code = \(session.province) AND code = \(code)")
        }
    }
}
