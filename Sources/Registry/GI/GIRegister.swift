import Postgres

/// Geographical indications (chỉ dẫn địa lý): certificates granted by the IP Office,
/// cancelled rarely, never expiring.
public struct GIRegister {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The GIs meeting `conditions` (on `v`) as they stood on `day` (SQL/0013 `gi_as_of`, the one
    /// rule of a GI's state on a date): canonical columns and `status`.
    func select(on day: CivilDate, _ conditions: [Query]) -> Query {
        """
        SELECT row_to_json(r)::text AS record FROM (
            SELECT v.certificate_number, v.name, v.product, v.granted_on, v.decision, v.managing_org, v.area,
                   v.application_number, v.cancelled_on, v.status
              FROM gi_as_of(\(session.province), \(day)::date) v
             WHERE \(Query.joined(conditions.isEmpty ? ["true"] : conditions, separator: " AND "))) r
        """
    }

    /// `86` → `00086`; anything but 1–5 digits is refused.
    public static func certificateNumber(_ raw: String) throws(RegistryError) -> String {
        let text = raw.trimmingWhitespace()
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw RegistryError.invalid(
                "certificate_number", raw, vi: "Số văn bằng chỉ dẫn địa lý gồm tối đa 5 chữ số (ví dụ 00086).",
                en: "A GI certificate number has at most 5 digits (e.g. 00086).")
        }
        return String(repeating: "0", count: 5 - text.count) + text
    }

    public func add(
        number raw: String, name: String, product: String, granted: CivilDate, decision: String?, managingOrg: String?,
        area: String?, applicationNumber: String?, context: ChangeContext
    ) throws(RegistryError) -> CanonicalRecord {
        let number = try Self.certificateNumber(raw)
        let name = try CleanText.clean(name, field: "name", label: ("Tên chỉ dẫn địa lý", "The GI name"), maxLength: 300, required: true)!
        let product = try CleanText.clean(product, field: "product", label: ("Sản phẩm", "The product"), maxLength: 300, required: true)!
        let decision = try CleanText.clean(decision, field: "decision", label: ("Quyết định", "The decision"), maxLength: 200, required: false)
        let managingOrg = try CleanText.clean(managingOrg, field: "managing_org", label: ("Tổ chức quản lý", "The managing organisation"), maxLength: 400, required: false)
        let area = try CleanText.clean(area, field: "area", label: ("Khu vực", "The area"), maxLength: 2000, required: false)
        let application = try CleanText.clean(applicationNumber, field: "application_number", label: ("Số đơn", "The application number"), maxLength: 20, required: false)
        if let application, application.wholeMatch(of: /6-[0-9]{4}-[0-9]{5}/) == nil {
            throw RegistryError.invalid(
                "application_number", application, vi: "Số đơn chỉ dẫn địa lý có dạng 6-YYYY-NNNNN.",
                en: "A GI application number looks like 6-YYYY-NNNNN.")
        }
        // Mirrors gi_certificate_pkey, naming the number.
        if (try? find(number)) != nil {
            throw RegistryError.duplicate("certificate_number", number,
                                vi: "Văn bằng chỉ dẫn địa lý số \(number) đã có trong sổ đăng ký.",
                                en: "GI certificate \(number) is already registered.")
        }
        return try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO gi_certificate (province_code, certificate_number, name, product, granted_on, decision, managing_org, area, application_number)
                VALUES (\(session.province), \(number), \(name), \(product), \(granted)::date, \(decision), \(managingOrg), \(area), \(application))
                """)
            return try find(number)
        }
    }

    public func cancel(number raw: String, on date: CivilDate, context: ChangeContext) throws(RegistryError) -> CanonicalRecord {
        let number = try Self.certificateNumber(raw)
        // Mirrors gi_certificate_cancelled_after_grant, naming both dates and the `--on` option.
        return try session.end(
            "gi_certificate", key: "certificate_number", number, began: "granted_on", ended: "cancelled_on", on: date,
            context: context, notFound: notFound(number),
            alreadyEnded: { ("Văn bằng \(number) đã chấm dứt hiệu lực từ \($0).", "Certificate \(number) was already cancelled on \($1).") },
            before: { ("Ngày chấm dứt \(date.vietnamese) trước ngày cấp \($0.vietnamese).", "The cancellation date \(date) is before the grant date \($0).") },
            then: { try find(number) })
    }

    public func find(_ raw: String) throws(RegistryError) -> CanonicalRecord {
        let number = try Self.certificateNumber(raw)
        let rows = try session.records(.gi, select(on: session.today, ["v.certificate_number = \(number)"]))
        guard let record = rows.first else { throw notFound(number) }
        return record
    }

    /// Without `asOf`: every GI with its state today. With it: those granted on or before that
    /// day and not cancelled on it, as they stood then.
    public func list(asOf: CivilDate? = nil) throws(RegistryError) -> [CanonicalRecord] {
        try CanonicalRecord.collecting { body throws(RegistryError) in try each(asOf: asOf, body) }
    }

    /// The same as `list`, one record at a time.
    public func each(asOf: CivilDate? = nil, _ body: (CanonicalRecord) throws -> Void) throws(RegistryError) {
        try session.eachRecord(.gi, select(on: asOf ?? session.today, asOf == nil ? [] : ["v.status = 'protected'"]) + " ORDER BY r.certificate_number", body)
    }

    private func notFound(_ number: String) -> RegistryError {
        RegistryError.notFound("certificate_number", number, vi: "Không có văn bằng chỉ dẫn địa lý số \(number).",
                               en: "No GI certificate numbered \(number) is registered.")
    }
}
