import Postgres

/// Inventions and utility solutions: applications and their dated events. The status and the
/// expiry are derived by the database from the events and the date asked about.
public struct IPRegister {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The applications meeting `conditions` (on `v`) as they stood on `day` (SQL/0027 `ip_as_of`):
    /// canonical columns, then `status`, `expires_on` and the `events`, each counting only events
    /// dated up to that day. With `fees`, also the fee years paid and the next one due (SQL/0027
    /// `ip_fees_as_of`); `named`, the applicant's display name (lists), looked up row by row
    /// rather than joined, so that the rows keep `ip_as_of`'s order by number and the list
    /// need not sort its JSON.
    func select(on day: CivilDate, _ conditions: [Query], named: Bool = false, fees: Bool = false) -> Query {
        let feeYears: Query = fees ? " CROSS JOIN LATERAL ip_fees_as_of(\(session.province), v.application_number, \(day)::date) f" : ""
        let name: Query = named
            ? ", COALESCE((SELECT e.name FROM enterprise e WHERE e.province_code = \(session.province) AND e.tax_code = r.applicant_tax_code), r.applicant_name) AS enterprise_name"
            : ""
        return """
        SELECT row_to_json(r)::text AS record\(name) FROM (
            SELECT v.kind, v.application_number, v.filed_on, v.title, v.applicant_tax_code, v.applicant_name, v.ipc,
                   v.published_on, v.examination_requested_on, v.granted_on, v.grant_number, v.refused_on,
                   v.withdrawn_on, v.lapsed_on, v.invalidated_on, v.restored_on, v.checked_on,
                   v.applicant_type, v.applicant_person_id, v.priority_on,
                   v.status, v.expires_on, v.events\(sql: fees ? ", f.fees, f.next_fee" : "")
              FROM ip_as_of(\(session.province), \(day)::date) v\(feeYears)
             WHERE \(Query.joined(conditions.isEmpty ? ["true"] : conditions, separator: " AND "))) r
        """
    }

    public func add(
        kind: IPKind, number: ApplicationNumber, filed: CivilDate, title: String, applicantTaxCode: TaxCode?,
        applicantName: String?, applicantType: ApplicantType = .organisation, ipc: [String], priority: CivilDate? = nil, context: ChangeContext
    ) throws(RegistryError) -> (CanonicalRecord, [Warning]) {
        let title = try CleanText.clean(title, field: "title", label: ("Tên sáng chế", "The title"), maxLength: 1000, required: true)!
        let applicantName = try CleanText.clean(applicantName, field: "applicant_name", label: ("Chủ đơn", "The applicant"), maxLength: 400, required: false)
        if number.kind != kind {
            throw RegistryError.invalid(
                "application_number", number.description,
                vi: "Số đơn \(number) bắt đầu bằng \(number.typeDigit) (\(number.kind.vietnamese.lowercased())) nhưng loại là \(kind.vietnamese.lowercased()).",
                en: "Application number \(number) starts with \(number.typeDigit) (\(number.kind.rawValue)) but the kind is \(kind.rawValue).")
        }
        if applicantTaxCode == nil && applicantName == nil {
            throw RegistryError(.usage, type: "usage-error", field: "applicant", vi: "Cần --applicant-tax-code hoặc --applicant-name.",
                                en: "Give --applicant-tax-code or --applicant-name.")
        }
        if applicantType == .person && (applicantName == nil || applicantTaxCode != nil) {
            throw RegistryError(.usage, type: "usage-error", field: "applicant_type", value: applicantType.rawValue,
                                vi: "Chủ đơn là cá nhân: cần --applicant-name, không kèm --applicant-tax-code.",
                                en: "A person applicant takes --applicant-name, without --applicant-tax-code.")
        }
        var codes: [String] = []
        for code in ipc {
            let cleaned = code.trimmingWhitespace().uppercased()
            guard IPRegister.isIPC(cleaned) else {
                throw RegistryError.invalid(
                    "ipc", code, vi: "Mã IPC “\(code)” không đúng dạng (ví dụ A01G 9/14).", en: "IPC code “\(code)” is not well formed (e.g. A01G 9/14).")
            }
            codes.append(cleaned)
        }
        var warnings: [Warning] = []
        if let priority {
            try Self.checkPriority(priority, filed: filed, warnings: &warnings)
        }
        if number.year != filed.year {
            warnings.append(Warning(
                vi: "Năm trong số đơn (\(number.year)) khác năm nộp đơn (\(filed.year)); đúng với đơn vào giai đoạn quốc gia.",
                en: "The year in the application number (\(number.year)) differs from the filing year (\(filed.year)); normal for a national-phase entry."))
        }
        if let applicantTaxCode { _ = try EnterpriseRegister(session).find(applicantTaxCode) }
        // Mirrors ip_application_pkey, naming the number.
        if try exists(number) {
            throw RegistryError.duplicate("application_number", number.description,
                                vi: "Đơn số \(number) đã có trong sổ đăng ký.", en: "Application \(number) is already registered.")
        }
        let record = try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO ip_application (province_code, application_number, kind, filed_on, title, applicant_tax_code, applicant_name, ipc, applicant_type, priority_on)
                VALUES (\(session.province), \(number.description), \(kind.rawValue), \(filed)::date, \(title), \(applicantTaxCode), \(applicantName), \(codes)::text[], \(applicantType.rawValue), \(priority)::date)
                """)
            return try find(number)
        }
        return (record, warnings)
    }

    /// Adds a dated event; out-of-order events are refused by the database (SQL/0007).
    public func record(
        number: ApplicationNumber, event: IPEvent, on date: CivilDate, grantNumber: String?, context: ChangeContext
    ) throws(RegistryError) -> (CanonicalRecord, [Warning]) {
        _ = try find(number)   // an unknown application is exit 3, before anything else
        if event == .feePaid {
            throw RegistryError(.usage, type: "usage-error", field: "year", vi: "Sự kiện fee-paid cần --year.", en: "The fee-paid event needs --year.")
        }
        var warnings: [Warning] = []
        let grant = try CleanText.clean(grantNumber, field: "grant_number", label: ("Số bằng", "The grant number"), maxLength: 30, required: false)
        if let grant, !IPRegister.isGrantNumber(grant, kind: number.kind) {
            warnings.append(Warning(
                vi: "Số bằng “\(grant)” không theo dạng \(number.typeDigit)-NNNNNNN; đã lưu như đã ghi.",
                en: "Grant number “\(grant)” does not look like \(number.typeDigit)-NNNNNNN; stored as given."))
        }
        if let grant {
            let holder = try session.read {
                try session.connection.query(
                    "SELECT application_number FROM ip_event WHERE province_code = \(session.province) AND grant_number = \(grant)").first?["application_number"]
            }
            // Mirrors ip_event_grant_number_unique, naming the application that holds the number.
            if let holder {
                throw RegistryError.duplicate("grant_number", grant,
                                    vi: "Số bằng \(grant) đã thuộc đơn \(holder).", en: "Grant number \(grant) already belongs to application \(holder).")
            }
        }
        let record = try session.write(context) {
            try session.connection.query(
                "INSERT INTO ip_event (province_code, application_number, event, event_on, grant_number) VALUES (\(session.province), \(number.description), \(event.rawValue), \(date)::date, \(grant))")
            return try find(number)
        }
        return (record, warnings)
    }

    /// The application as it stands today, or as it stood on `asOf` (not found before its filing).
    public func find(_ number: ApplicationNumber, asOf: CivilDate? = nil) throws(RegistryError) -> CanonicalRecord {
        let rows = try session.records(.ip, select(on: asOf ?? session.today, ["v.application_number = \(number.description)"], fees: true))
        guard let record = rows.first else {
            if let asOf, try exists(number) {
                throw RegistryError.notFound(
                    "as_of", asOf.description,
                    vi: "Đơn số \(number) chưa được nộp vào ngày \(asOf.vietnamese).", en: "Application \(number) had not been filed on \(asOf).")
            }
            throw RegistryError.notFound(
                "application_number", number.description,
                vi: "Không có đơn số \(number) trong sổ đăng ký.", en: "No application numbered \(number) is registered.")
        }
        return record
    }

    /// Applications (filed on or before `asOf`, if given) as they stood that day, with their status then.
    public func list(kind: IPKind? = nil, status: IPStatus? = nil, asOf: CivilDate? = nil, applicant: TaxCode? = nil) throws(RegistryError) -> [CanonicalRecord] {
        try CanonicalRecord.collecting { body throws(RegistryError) in try each(kind: kind, status: status, asOf: asOf, applicant: applicant, body) }
    }

    /// The same as `list`, handed over one record at a time so that memory stays flat;
    /// `named`, with the applicant's name for a table (`--json` has no use for it).
    public func each(
        kind: IPKind? = nil, status: IPStatus? = nil, asOf: CivilDate? = nil, applicant: TaxCode? = nil, named: Bool = true,
        _ body: (CanonicalRecord) throws -> Void
    ) throws(RegistryError) {
        var conditions: [Query] = []
        if let kind { conditions.append("v.kind = \(kind.rawValue)") }
        if let applicant { conditions.append("v.applicant_tax_code = \(applicant)") }
        if let status { conditions.append("v.status = \(status.rawValue)") }
        try session.eachRecord(.ip, select(on: asOf ?? session.today, conditions, named: named) + " ORDER BY r.application_number", body)
    }

    private func exists(_ number: ApplicationNumber) throws(RegistryError) -> Bool {
        try session.holds("ip_application", key: "application_number", number.description)
    }

    /// IPC symbols such as `A01G 9/14` or `C12N`.
    static func isIPC(_ code: String) -> Bool {
        let pattern = /^[A-H][0-9]{2}[A-Z]( ?[0-9]{1,4}\/[0-9]{1,6})?$/
        return code.wholeMatch(of: pattern) != nil
    }

    /// `T-NNNNNNN`, T matching the kind.
    static func isGrantNumber(_ text: String, kind: IPKind) -> Bool {
        let parts = text.split(separator: "-")
        return parts.count == 2 && parts[0] == String(kind.typeDigit) && parts[1].count == 7 && parts[1].allSatisfy(\.isNumber)
    }
}
