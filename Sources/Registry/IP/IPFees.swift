/// Maintenance fees (phí duy trì hiệu lực, IP Law art. 94) and the priority date: what the
/// watch list's `ip-annuity` and `ip-examination-request` rules read (contract §5, §10).
extension IPRegister {
    /// Records that the fees of validity `years` (counted from the grant date) were paid on
    /// `date`. A payment changes no status and is exempt from the event-order rule (it may be
    /// recorded after later events); a year already paid is refused (65), naming its date.
    public func payFees(
        number: ApplicationNumber, years: [Int], on date: CivilDate, context: ChangeContext
    ) throws(RegistryError) -> (CanonicalRecord, [Warning]) {
        _ = try find(number)   // an unknown application is exit 3, before anything else
        let term = number.kind == .invention ? 20 : 10
        guard !years.isEmpty else {
            throw RegistryError(.usage, type: "usage-error", field: "year", vi: "Sự kiện fee-paid cần ít nhất một --year.", en: "The fee-paid event needs at least one --year.")
        }
        for year in years where !(1...term).contains(year) {
            throw RegistryError.invalid(
                "year", String(year), vi: "Năm hiệu lực từ 1 đến \(term) (\(number.kind.vietnamese.lowercased()) được bảo hộ \(term) năm).",
                en: "A validity year is 1 to \(term) (a \(number.kind.rawValue) is protected for \(term) years).")
        }
        if Set(years).count != years.count {
            throw RegistryError.invalid("year", years.map(String.init).joined(separator: ","), vi: "Một năm hiệu lực được ghi hai lần.", en: "A validity year is given twice.")
        }
        let paid = try session.read {
            try session.connection.query(
                """
                SELECT year::text AS year, paid_on::text AS paid_on FROM ip_fee_payment
                 WHERE province_code = \(session.province) AND application_number = \(number.description) AND year = ANY (\(years)::int[])
                 ORDER BY year
                """).rows
        }
        // Mirrors ip_fee_payment_pkey, naming the year and the day it was paid.
        if let first = paid.first, let year = first["year"], let day = first["paid_on"].flatMap({ CivilDate(iso: $0) }) {
            throw RegistryError.duplicate("year", year,
                                vi: "Phí năm hiệu lực \(year) của đơn \(number) đã ghi nộp ngày \(day.vietnamese).",
                                en: "The fee of validity year \(year) of application \(number) was already recorded as paid on \(day).")
        }
        var warnings: [Warning] = []
        let granted = try session.read {
            try session.connection.query(
                "SELECT min(event_on)::text AS granted_on FROM ip_event WHERE province_code = \(session.province) AND application_number = \(number.description) AND event = 'granted'").first?["granted_on"]
        }
        if granted == nil, years.contains(where: { $0 > 1 }) {
            warnings.append(Warning(vi: "Đơn \(number) chưa được ghi cấp bằng; năm hiệu lực tính từ ngày cấp bằng.",
                                    en: "Application \(number) has no grant recorded; validity years count from the grant date."))
        }
        let record = try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO ip_fee_payment (province_code, application_number, year, paid_on)
                SELECT \(session.province), \(number.description), y, \(date)::date FROM unnest(\(years.sorted())::int[]) AS y
                """)
            return try find(number)
        }
        return (record, warnings)
    }

    /// A priority date is the earlier filing whose priority is claimed: never after the filing
    /// here, and normally within 12 months of it (Paris Convention art. 4C; IP Law art. 91).
    static func checkPriority(_ priority: CivilDate, filed: CivilDate, warnings: inout [Warning]) throws(RegistryError) {
        // Mirrors ip_application_priority_not_after_filing, naming both dates.
        if priority > filed {
            throw RegistryError.invalid(
                "priority_on", priority.description, vi: "Ngày ưu tiên \(priority.vietnamese) sau ngày nộp đơn \(filed.vietnamese).",
                en: "The priority date \(priority) is after the filing date \(filed).")
        }
        if let limit = priority.adding(months: 12), filed > limit {
            warnings.append(Warning(
                vi: "Ngày ưu tiên \(priority.vietnamese) sớm hơn ngày nộp đơn quá 12 tháng; hãy kiểm tra lại.",
                en: "The priority date \(priority) is more than 12 months before the filing date; check it."))
        }
    }
}
