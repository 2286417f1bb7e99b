extension EnterpriseRegister {
    /// Contract §5: a delete is refused (65) while other records point at the enterprise; the
    /// message names them (issue 12), so that the clerk knows what to deal with first.
    func referencedError(_ taxCode: TaxCode, sqlstate: String?) throws(RegistryError) -> RegistryError {
        let rows = try session.read {
            try session.connection.query(
                """
                SELECT 'certificate' AS kind, certificate_number AS key FROM st_certificate WHERE province_code = \(session.province) AND tax_code = \(taxCode)
                UNION ALL SELECT 'fund', established_on::text FROM st_fund WHERE province_code = \(session.province) AND tax_code = \(taxCode)
                UNION ALL SELECT 'ip', application_number FROM ip_application WHERE province_code = \(session.province) AND applicant_tax_code = \(taxCode)
                ORDER BY 1, 2
                """).rows
        }
        func keys(_ kind: String) -> [String] { rows.filter { $0["kind"] == kind }.compactMap { $0["key"] } }
        let funds = keys("fund").compactMap { CivilDate(iso: $0) }
        var named: [(vi: String, en: String)] = []
        if !keys("certificate").isEmpty {
            let list = keys("certificate").joined(separator: ", ")
            named.append(("giấy chứng nhận \(list)", "certificate\(keys("certificate").count > 1 ? "s" : "") \(list)"))
        }
        if !funds.isEmpty {
            named.append(("quỹ KH&CN lập ngày \(funds.map(\.vietnamese).joined(separator: ", "))",
                          "S&T fund\(funds.count > 1 ? "s" : "") established on \(funds.map(\.description).joined(separator: ", "))"))
        }
        if !keys("ip").isEmpty {
            let list = keys("ip").joined(separator: ", ")
            named.append(("đơn sở hữu trí tuệ \(list)", "IP application\(keys("ip").count > 1 ? "s" : "") \(list)"))
        }
        let which = named.isEmpty
            ? ("hồ sơ khác (giấy chứng nhận, quỹ, đơn sở hữu trí tuệ)", "other records (certificates, funds, IP applications)")
            : (named.map(\.vi).joined(separator: "; "), named.map(\.en).joined(separator: "; "))
        return RegistryError(
            .rule, type: "foreign-key-error", field: "tax_code", value: taxCode.description,
            vi: "Không xóa được doanh nghiệp \(taxCode): còn \(which.0) trỏ tới nó. Hãy xử lý các hồ sơ đó trước; nếu mã số thuế bị ghi nhầm, dùng khcn enterprise rekey.",
            en: "Cannot delete enterprise \(taxCode): \(which.1) still point at it. Deal with those records first; if the tax code was mistyped, use khcn enterprise rekey.",
            sqlstate: sqlstate)
    }
}
