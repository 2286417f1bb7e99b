import Postgres

/// The two histories of a GI (contract §5): the managing organisations after the one written on
/// the certificate (which stays as written: many were district People's Committees, abolished
/// on 1 July 2025), and the enterprises authorised to use the indication, with their dates
/// (IP Law art. 121, 123). Both are audited, imported and exported (`gi-managers`, `gi-users`).
extension GIRegister {
    /// The GI as it stood on `asOf` (default today): its canonical columns and status, the
    /// organisation managing it that day (`managing_org_on`), and both histories up to that day,
    /// each authorisation saying whether it was in force then (`until_on` is its last day).
    public func findWithHistory(_ raw: String, asOf: CivilDate? = nil) throws(RegistryError) -> CanonicalRecord {
        let number = try Self.certificateNumber(raw)
        let day = asOf ?? session.today
        let rows = try session.records(.gi, """
            SELECT row_to_json(r)::text AS record FROM (
                SELECT v.certificate_number, v.name, v.product, v.granted_on, v.decision, v.managing_org, v.area,
                       v.application_number, v.cancelled_on, v.status,
                       gi_manager_on(\(session.province), v.certificate_number, \(day)::date) AS managing_org_on,
                       coalesce((SELECT json_agg(json_build_object('managing_org', m.managing_org, 'from_on', m.from_on,
                                                                   'decision', m.decision) ORDER BY m.from_on)
                                   FROM gi_manager m
                                  WHERE m.province_code = v.province_code AND m.certificate_number = v.certificate_number
                                    AND m.from_on <= \(day)::date), '[]') AS managers,
                       coalesce((SELECT json_agg(json_build_object('tax_code', u.tax_code, 'name', e.name, 'from_on', u.from_on,
                                                                   'until_on', u.until_on, 'decision', u.decision,
                                                                   'authorised', u.until_on IS NULL OR u.until_on >= \(day)::date)
                                                 ORDER BY u.from_on, u.tax_code)
                                   FROM gi_user u LEFT JOIN enterprise e ON e.province_code = u.province_code AND e.tax_code = u.tax_code
                                  WHERE u.province_code = v.province_code AND u.certificate_number = v.certificate_number
                                    AND u.from_on <= \(day)::date), '[]') AS users
                  FROM gi_as_of(\(session.province), \(day)::date) v
                 WHERE v.certificate_number = \(number)) r
            """)
        guard let record = rows.first else {
            if let asOf, (try? find(number)) != nil {
                throw RegistryError.notFound("as_of", asOf.description, vi: "Văn bằng \(number) chưa được cấp vào ngày \(asOf.vietnamese).",
                                             en: "GI certificate \(number) had not been granted on \(asOf).")
            }
            _ = try find(number)
            throw RegistryError.notFound("certificate_number", number, vi: "Không có văn bằng chỉ dẫn địa lý số \(number).",
                                         en: "No GI certificate numbered \(number) is registered.")
        }
        return record
    }

    /// Records a later managing organisation, from `date`.
    public func setManager(number raw: String, org: String, on date: CivilDate, decision: String?, context: ChangeContext) throws(RegistryError) -> CanonicalRecord {
        let number = try Self.certificateNumber(raw)
        let org = try CleanText.clean(org, field: "managing_org", label: ("Tổ chức quản lý", "The managing organisation"), maxLength: 400, required: true)!
        let decision = try CleanText.clean(decision, field: "decision", label: ("Quyết định", "The decision"), maxLength: 200, required: false)
        _ = try find(number)
        let clash = try session.read {
            try session.connection.query(
                "SELECT managing_org FROM gi_manager WHERE province_code = \(session.province) AND certificate_number = \(number) AND from_on = \(date)::date").first?["managing_org"]
        }
        // Mirrors gi_manager_pkey, naming the organisation already recorded.
        if let clash {
            throw RegistryError.duplicate("on", date.description,
                                vi: "Đã ghi tổ chức quản lý từ ngày \(date.vietnamese): \(clash).",
                                en: "A managing organisation from \(date) is already recorded: \(clash).")
        }
        return try recording("INSERT INTO gi_manager (province_code, certificate_number, from_on, managing_org, decision) VALUES (\(session.province), \(number), \(date)::date, \(org), \(decision))", number: number, context: context)
    }

    /// Records an enterprise authorised to use the GI from `date` (through `until`, if given).
    public func authorize(
        number raw: String, taxCode: TaxCode, on date: CivilDate, until: CivilDate?, decision: String?, context: ChangeContext
    ) throws(RegistryError) -> CanonicalRecord {
        let number = try Self.certificateNumber(raw)
        let decision = try CleanText.clean(decision, field: "decision", label: ("Quyết định", "The decision"), maxLength: 200, required: false)
        _ = try find(number)
        _ = try EnterpriseRegister(session).find(taxCode)
        // Mirrors gi_user_until_after_from, naming both dates.
        if let until, until < date {
            throw RegistryError.invalid("until", until.description, vi: "Ngày kết thúc \(until.vietnamese) trước ngày bắt đầu \(date.vietnamese).",
                                        en: "The end date \(until) is before the start date \(date).")
        }
        let overlap = try session.read {
            try session.connection.query(
                """
                SELECT from_on::text AS from_on FROM gi_user
                 WHERE province_code = \(session.province) AND certificate_number = \(number) AND tax_code = \(taxCode)
                   AND daterange(from_on, until_on, '[]') && daterange(\(date)::date, \(until)::date, '[]')
                """).first?["from_on"]
        }
        // Mirrors gi_user_no_overlap, naming the authorisation it overlaps.
        if let overlap {
            throw RegistryError.duplicate("on", date.description,
                                vi: "Doanh nghiệp \(taxCode) đã được phép sử dụng chỉ dẫn địa lý \(number) trong khoảng thời gian này (từ \(CivilDate(iso: overlap)?.vietnamese ?? overlap)).",
                                en: "Enterprise \(taxCode) is already authorised to use GI \(number) in this period (from \(overlap)).")
        }
        return try recording("INSERT INTO gi_user (province_code, certificate_number, tax_code, from_on, until_on, decision) VALUES (\(session.province), \(number), \(taxCode), \(date)::date, \(until)::date, \(decision))", number: number, context: context)
    }

    /// Writes one row of a GI's later history (a manager, an authorised user) and returns the
    /// certificate with its whole history, as `gi show` prints it.
    private func recording(_ insert: Query, number: String, context: ChangeContext) throws(RegistryError) -> CanonicalRecord {
        try session.write(context) {
            try session.connection.query(insert)
            return try findWithHistory(number)
        }
    }
}
