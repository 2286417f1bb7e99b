import Postgres

/// S&T enterprise certificates (Giấy chứng nhận doanh nghiệp KH&CN): issue, revoke or
/// invalidate, and list as in force on a date.
public struct CertificateRegister {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The two legal bases a certificate can rest on.
    public enum Basis: String, Sendable, CaseIterable {
        case decree13of2019 = "13/2019/NĐ-CP"
        case decree268of2025 = "268/2025/NĐ-CP"

        /// Law 93/2025/QH15 took effect on 1 Oct 2025; Decree 268/2025 applies from then.
        public static func inForce(on date: CivilDate) -> Basis {
            date < CivilDate(year: 2025, month: 10, day: 1)! ? .decree13of2019 : .decree268of2025
        }

        /// Accepts `13/2019`, `Nghị định 268/2025/NĐ-CP`, ….
        public init?(text: String) {
            if text.contains("13/2019") { self = .decree13of2019 } else if text.contains("268/2025") { self = .decree268of2025 } else { return nil }
        }
    }

    /// The certificates meeting `conditions` (on `v`) as they stood on `day` (SQL/0013
    /// `certificate_as_of`, the one rule of a certificate's state on a date): canonical columns,
    /// `status`, the S&T results relied on and the amendments up to that day; `named`, with the
    /// holder's name (lists).
    func select(on day: CivilDate, _ conditions: [Query], named: Bool = false) -> Query {
        """
        SELECT row_to_json(r)::text AS record\(sql: named ? ", e.name AS enterprise_name" : "") FROM (
            SELECT v.tax_code, v.certificate_number, v.issued_on, v.issuer, v.basis, v.revoked_on, v.revoke_reason,
                   v.revocation_kind, v.status, v.results, v.amendments
              FROM certificate_as_of(\(session.province), \(day)::date) v
             WHERE \(Query.joined(conditions.isEmpty ? ["true"] : conditions, separator: " AND "))) r\(named ? session.joiningEnterprise(on: "tax_code") : "")
        """
    }

    public func add(
        number rawNumber: String, taxCode: TaxCode, issued: CivilDate, issuer: String?, basis rawBasis: String?,
        results: [String], context: ChangeContext
    ) throws(RegistryError) -> (CanonicalRecord, [Warning]) {
        let number = try CleanText.clean(rawNumber, field: "certificate_number", label: ("Số giấy chứng nhận", "The certificate number"), maxLength: 60, required: true)!
        let issuer = try CleanText.clean(issuer, field: "issuer", label: ("Cơ quan cấp", "The issuer"), maxLength: 300, required: false)
        var warnings: [Warning] = []
        var basis = Basis.inForce(on: issued)
        if let rawBasis {
            guard let given = Basis(text: rawBasis) else {
                throw RegistryError.invalid(
                    "basis", rawBasis, vi: "Căn cứ phải là Nghị định 13/2019/NĐ-CP hoặc 268/2025/NĐ-CP.",
                    en: "The basis is Decree 13/2019/NĐ-CP or Decree 268/2025/NĐ-CP.")
            }
            if given != basis {
                warnings.append(Warning(
                    vi: "Căn cứ \(given.rawValue) không phải văn bản có hiệu lực vào ngày cấp \(issued.vietnamese) (\(basis.rawValue)).",
                    en: "Basis \(given.rawValue) was not the decree in force on the issue date \(issued) (\(basis.rawValue))."))
            }
            basis = given
        }
        var cleanResults: [String] = []
        for result in results {
            if let text = try CleanText.clean(result, field: "results", label: ("Kết quả KH&CN", "An S&T result"), maxLength: 500, required: false) {
                cleanResults.append(text)
            }
        }
        _ = try EnterpriseRegister(session).find(taxCode)
        // Mirrors st_certificate_pkey, naming the number.
        if try session.holds("st_certificate", key: "certificate_number", number) {
            throw RegistryError.duplicate("certificate_number", number,
                vi: "Số giấy chứng nhận \(number) đã có trong sổ đăng ký.", en: "Certificate number \(number) is already registered.")
        }
        let record = try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, issuer, basis, results)
                VALUES (\(session.province), \(number), \(taxCode), \(issued)::date, \(issuer), \(basis.rawValue), \(cleanResults)::text[])
                """)
            return try find(number)
        }
        return (record, warnings)
    }

    /// Ends a certificate: revocation (thu hồi) or invalidation (hủy bỏ hiệu lực).
    public func revoke(
        number: String, on date: CivilDate, reason: String, invalidate: Bool, context: ChangeContext
    ) throws(RegistryError) -> CanonicalRecord {
        let number = number.trimmingWhitespace()
        // Mirrors st_certificate_revoked_after_issue, naming both dates and the `--on` option.
        return try session.end(
            "st_certificate", key: "certificate_number", number, began: "issued_on", ended: "revoked_on", on: date,
            also: ", revoke_reason = \(reason), revocation_kind = \(invalidate ? "invalidated" : "revoked")", context: context, notFound: notFound(number),
            alreadyEnded: { ("Giấy chứng nhận \(number) đã bị thu hồi/hủy bỏ từ \($0).", "Certificate \(number) was already revoked or invalidated on \($1).") },
            before: { ("Ngày thu hồi \(date.vietnamese) trước ngày cấp \($0.vietnamese).", "The revocation date \(date) is before the issue date \($0).") },
            then: { try find(number) })
    }

    /// Records an amendment or re-issue (sửa đổi, bổ sung / cấp lại) on the certificate's file.
    public func amend(
        number: String, on date: CivilDate, description: String, reissued: Bool, decision: String?, context: ChangeContext
    ) throws(RegistryError) -> CanonicalRecord {
        let number = number.trimmingWhitespace()
        _ = try find(number)
        let description = try CleanText.clean(description, field: "description", label: ("Nội dung sửa đổi", "The description"), maxLength: 2000, required: true)!
        return try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO st_certificate_amendment (province_code, certificate_number, amended_on, kind, description, decision)
                VALUES (\(session.province), \(number), \(date)::date, \(reissued ? "reissued" : "amended"), \(description), \(decision ?? context.legalRef))
                """)
            return try find(number)
        }
    }

    public func find(_ number: String, asOf: CivilDate? = nil) throws(RegistryError) -> CanonicalRecord {
        let rows = try session.records(.certificate, select(on: asOf ?? session.today, ["v.certificate_number = \(number.trimmingWhitespace())"]))
        guard let record = rows.first else { throw notFound(number) }
        return record
    }

    /// Without `asOf`: every certificate with its state today. With it: those in force on that
    /// day (issued on or before it, not revoked or invalidated on it), as they stood then.
    public func list(taxCode: TaxCode? = nil, asOf: CivilDate? = nil) throws(RegistryError) -> [CanonicalRecord] {
        try CanonicalRecord.collecting { body throws(RegistryError) in try each(taxCode: taxCode, asOf: asOf, body) }
    }

    /// The same as `list`, one record at a time; `named`, with the enterprise's name for a table.
    public func each(taxCode: TaxCode? = nil, asOf: CivilDate? = nil, named: Bool = true, _ body: (CanonicalRecord) throws -> Void) throws(RegistryError) {
        if let taxCode { _ = try EnterpriseRegister(session).find(taxCode) }
        var conditions: [Query] = []
        if let taxCode { conditions.append("v.tax_code = \(taxCode)") }
        if asOf != nil { conditions.append("v.status = 'valid'") }
        try session.eachRecord(.certificate, select(on: asOf ?? session.today, conditions, named: named) + " ORDER BY r.certificate_number", body)
    }

    private func notFound(_ number: String) -> RegistryError {
        RegistryError.notFound(
            "certificate_number", number,
            vi: "Không có giấy chứng nhận doanh nghiệp KH&CN số \(number) trong sổ đăng ký.",
            en: "No S&T enterprise certificate numbered \(number) is registered.")
    }
}
