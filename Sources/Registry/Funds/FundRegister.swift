import Postgres

/// Enterprise S&T development funds (Quỹ phát triển KH&CN của doanh nghiệp) and their yearly
/// allocations. One fund open at a time per enterprise; money in integer đồng.
public struct FundRegister {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The funds meeting `conditions` (on `v`) as they stood on `day` (SQL/0013 `fund_as_of`, the
    /// one rule of a fund's state on a date): canonical columns, `status`, and the yearly
    /// `allocations` as known that day, each with what is used of it, first-in first-out across
    /// the fund's allocations (CIT Law art. 17; Circular 67/2022/TT-BTC; SQL/0027
    /// `fund_allocation_use`): `used`, `balance`, `share_used` (0–1) and `short_of_70`, the amount
    /// still to spend within the five years for 70% of it to be used. `named`: with the name.
    func select(on day: CivilDate, _ conditions: [Query], named: Bool = false) -> Query {
        """
        SELECT row_to_json(r)::text AS record\(sql: named ? ", e.name AS enterprise_name" : "") FROM (
            SELECT v.tax_code, v.established_on, v.decision, v.capital, v.notified_on, v.closed_on, v.status,
                   coalesce(a.allocations, '[]') AS allocations
              FROM fund_as_of(\(session.province), \(day)::date) v
              LEFT JOIN LATERAL (
                  SELECT json_agg(json_build_object(
                             'tax_code', u.tax_code, 'established_on', u.established_on, 'year', u.year, 'allocated', u.allocated,
                             'spent', u.spent, 'report_received_on', u.report_received_on, 'used', u.used, 'balance', u.balance,
                             'share_used', CASE WHEN u.allocated > 0 THEN round(u.used::numeric / u.allocated, 4) END,
                             'short_of_70', greatest(0, ceil(u.allocated * 0.7)::bigint - u.used_in_time)) ORDER BY u.year) AS allocations
                    FROM fund_allocation_use(\(session.province), \(day)::date) u
                   WHERE u.tax_code = v.tax_code AND u.established_on = v.established_on) a ON true
             WHERE \(Query.joined(conditions.isEmpty ? ["true"] : conditions, separator: " AND "))) r\(named ? session.joiningEnterprise(on: "tax_code") : "")
        """
    }

    public func add(
        taxCode: TaxCode, established: CivilDate, decision: String?, capital: Money?, notified: CivilDate?,
        context: ChangeContext
    ) throws(RegistryError) -> (CanonicalRecord, [Warning]) {
        let decision = try CleanText.clean(decision, field: "decision", label: ("Quyết định", "The decision"), maxLength: 200, required: false)
        _ = try EnterpriseRegister(session).find(taxCode)
        var warnings: [Warning] = []
        if let notified, let deadline = established.adding(days: 30), notified > deadline {
            warnings.append(Warning(
                vi: "Thông báo ngày \(notified.vietnamese), quá 30 ngày sau khi lập quỹ (hạn \(deadline.vietnamese)).",
                en: "Notified on \(notified), more than 30 days after the fund was set up (deadline \(deadline))."))
        }
        // Mirrors st_fund_notified_after_established, naming both dates.
        if let notified, notified < established {
            throw RegistryError.invalid(
                "notified_on", notified.description, vi: "Ngày thông báo \(notified.vietnamese) trước ngày lập quỹ \(established.vietnamese).",
                en: "The notification date \(notified) is before the fund's establishment \(established).")
        }
        // Mirrors st_fund_one_open_per_enterprise, naming the open fund and what to do.
        if let open = try openFund(taxCode) {
            throw RegistryError.invalid(
                "established_on", established.description,
                vi: "Doanh nghiệp \(taxCode) đã có quỹ đang hoạt động (lập ngày \(open.vietnamese)); hãy đóng quỹ đó trước (khcn fund close).",
                en: "Enterprise \(taxCode) already has an open fund (set up on \(open)); close it first (khcn fund close).")
        }
        let record = try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO st_fund (province_code, tax_code, established_on, decision, capital, notified_on)
                VALUES (\(session.province), \(taxCode), \(established)::date, \(decision), \(capital)::bigint, \(notified)::date)
                """)
            return try find(taxCode, established: established)
        }
        return (record, warnings)
    }

    /// Records (or corrects) one fiscal year's allocation of the fund that was open that year.
    public func allocate(
        taxCode: TaxCode, year: Int, allocated: Money, spent: Money?, reportReceived: CivilDate?, context: ChangeContext
    ) throws(RegistryError) -> CanonicalRecord {
        _ = try EnterpriseRegister(session).find(taxCode)
        let fund = try session.read {
            try session.connection.query(
                """
                SELECT established_on::text AS established_on FROM st_fund
                 WHERE province_code = \(session.province) AND tax_code = \(taxCode)
                   AND established_on <= make_date(\(year)::int, 12, 31)
                   AND (closed_on IS NULL OR closed_on >= make_date(\(year)::int, 1, 1))
                 ORDER BY established_on DESC LIMIT 1
                """).first?["established_on"]
        }
        guard let fund, let established = CivilDate(iso: fund) else {
            throw RegistryError.invalid(
                "year", String(year), vi: "Doanh nghiệp \(taxCode) không có quỹ KH&CN nào hoạt động trong năm \(year).",
                en: "Enterprise \(taxCode) had no S&T fund in \(year).")
        }
        return try session.write(context) {
            try session.connection.query(
                """
                INSERT INTO st_fund_allocation (province_code, tax_code, established_on, year, allocated, spent, report_received_on)
                VALUES (\(session.province), \(taxCode), \(established)::date, \(year)::smallint, \(allocated)::bigint, \(spent)::bigint, \(reportReceived)::date)
                ON CONFLICT (province_code, tax_code, established_on, year) DO UPDATE
                   SET allocated = EXCLUDED.allocated,
                       spent = coalesce(EXCLUDED.spent, st_fund_allocation.spent),
                       report_received_on = coalesce(EXCLUDED.report_received_on, st_fund_allocation.report_received_on)
                """)
            return try find(taxCode, established: established)
        }
    }

    /// Closes the enterprise's open fund.
    public func close(taxCode: TaxCode, on date: CivilDate, context: ChangeContext) throws(RegistryError) -> CanonicalRecord {
        _ = try EnterpriseRegister(session).find(taxCode)
        guard let established = try openFund(taxCode) else {
            throw RegistryError.invalid(
                "tax_code", taxCode.description, vi: "Doanh nghiệp \(taxCode) không có quỹ nào đang hoạt động.",
                en: "Enterprise \(taxCode) has no open fund.")
        }
        // Mirrors st_fund_closed_after_established, naming both dates.
        if date < established {
            throw RegistryError.invalidOn(date, vi: "Ngày giải thể quỹ \(date.vietnamese) trước ngày lập quỹ \(established.vietnamese).",
                en: "The closure date \(date) is before the fund's establishment \(established).")
        }
        return try session.write(context) {
            try session.connection.query(
                "UPDATE st_fund SET closed_on = \(date)::date WHERE province_code = \(session.province) AND tax_code = \(taxCode) AND established_on = \(established)::date")
            return try find(taxCode, established: established)
        }
    }

    public func find(_ taxCode: TaxCode, established: CivilDate) throws(RegistryError) -> CanonicalRecord {
        let rows = try session.records(
            .fund, select(on: session.today, ["v.tax_code = \(taxCode)", "v.established_on = \(established)::date"]))
        guard let record = rows.first else {
            throw RegistryError.notFound(
                "tax_code", taxCode.description, vi: "Không có quỹ của \(taxCode) lập ngày \(established.vietnamese).",
                en: "No fund of \(taxCode) established on \(established).")
        }
        return record
    }

    /// Without `asOf`: every fund with its state today. With it: funds established on or
    /// before that day and not closed on it, as they stood then.
    public func list(taxCode: TaxCode? = nil, asOf: CivilDate? = nil) throws(RegistryError) -> [CanonicalRecord] {
        try CanonicalRecord.collecting { body throws(RegistryError) in try each(taxCode: taxCode, asOf: asOf, body) }
    }

    /// The same as `list`, one record at a time; `named`, with the enterprise's name for a table.
    public func each(taxCode: TaxCode? = nil, asOf: CivilDate? = nil, named: Bool = true, _ body: (CanonicalRecord) throws -> Void) throws(RegistryError) {
        var conditions: [Query] = []
        if let taxCode { conditions.append("v.tax_code = \(taxCode)") }
        if asOf != nil { conditions.append("v.status = 'open'") }
        try session.eachRecord(.fund, select(on: asOf ?? session.today, conditions, named: named) + " ORDER BY r.tax_code, r.established_on", body)
    }

    private func openFund(_ taxCode: TaxCode) throws(RegistryError) -> CivilDate? {
        try session.read {
            try session.connection.query(
                "SELECT established_on::text AS established_on FROM st_fund WHERE province_code = \(session.province) AND tax_code = \(taxCode) AND closed_on IS NULL").first?["established_on"].flatMap { CivilDate(iso: $0) }
        }
    }
}
