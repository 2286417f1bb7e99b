import Postgres

/// The checks of an import that need the registry or the whole file, run set-based on the
/// staging table before anything is written: duplicate keys in the file, unknown enterprises,
/// clashes with other records. Each names the database rule it mirrors (`mirrors`); they
/// exist so that every refused row is reported with its LINE (contract §6), which a refused
/// set-based upsert could not tell. Rows they refuse are marked `rejected` in the staging table.
struct RegistryChecks {
    let session: RegistrySession
    let kind: RecordKind

    /// One set-based check: its query returns `line`, `record`, `value` and `detail` (what the
    /// message quotes) for each staged row it refuses.
    struct Check {
        let type: ImportProblem.Kind
        let field: String
        /// The database rules this check reports early; empty for the import's own rules
        /// (a key twice in one file; a certificate number of another holder).
        let mirrors: [MirroredRule]
        let query: Query
        /// Builds the message from the check's `detail` column.
        let message: (String?) -> (vi: String, en: String)
        /// The check of a key twice in the file, which staging may have ruled out (`StagedKeys`).
        var keyTwiceInFile = false
    }

    /// `keysMayRepeat` false: staging saw every key once, so the check of a key twice in the
    /// file would find nothing and is not run. `staged`: the rows staged (`gathersStatistics`).
    func run(into report: inout ImportReport, keysMayRepeat: Bool = true, staged: Int) throws {
        let connection = session.connection
        let checks = RegistryChecks.checks(kind, in: session.province).filter { keysMayRepeat || !$0.keyTwiceInFile }
        if RegistryChecks.gathersStatistics(checks: checks.count, staged: staged) {
            try connection.execute(script: RegistryChecks.analyzeScript(kind))
        }
        for check in checks {
            let rows = try connection.query(check.query).rows
            guard !rows.isEmpty else { continue }
            var lines: [Int] = []
            for row in rows {
                let line = try row.decode("line", as: Int.self)
                let message = check.message(row["detail"])
                var problem = ImportProblem(check.type, line: line, record: try row.decodeIfPresent("record", as: Int.self),
                                            field: check.field, value: row["value"], vi: message.vi, en: message.en)
                problem.rule = check.mirrors.first?.rawValue
                report.add(problem)
                lines.append(line)
            }
            let marked = try connection.query(
                "UPDATE import_staging SET rejected = true WHERE line = ANY(\(lines)::int[]) RETURNING line, end_line")
            for row in marked.rows {
                report.reject(line: try row.decode("line", as: Int.self), endLine: try row.decode("end_line", as: Int.self))
            }
        }
    }

    /// How many values the staging statistics keep per column (PostgreSQL samples 300 times as
    /// many rows). Statistics on the staging table let the planner join 10,000 rows to a
    /// registry of a million through its indexes instead of scanning it; what its plans read is
    /// the row count (counted over every page of a file of 10,000 rows, the same at either
    /// target), whether keys repeat, and the share of rejected rows, which 3,000 sampled rows
    /// tell as well as 30,000. The default target (100) sorted 30,000 sampled keys: the
    /// everyday file's statistics took 14 ms, 4.7 ms at 10 (issue 15, measured by hand).
    static let statisticsTarget = 10

    /// Whether the staging table is analysed: when a check will join it, or the file is more
    /// than `ImportUpsert.rowByRowLimit` rows (its statements may join the whole file to the
    /// table, and a dry run of it counts by a join, `DryRunEstimate`). A smaller file with no
    /// check to run (an everyday file of enterprises, its keys seen once each) goes straight to
    /// the upsert, which asks the table for its keys through the key index whatever the planner
    /// estimates (`UpsertSQL.Existing`, the `= ANY` of the staged keys), and where it joins
    /// instead (a table under four times the file) the join's estimates come from the key
    /// column's uniqueness on the table's side and the staging table's pages: the statistics
    /// cost 4–5 ms there for the same plan (issue 15, stop 30: the everyday MERGE's plan at
    /// 1,000,000 enterprises is the same hash join over the key index with and without them).
    static func gathersStatistics(checks: Int, staged: Int) -> Bool {
        checks > 0 || staged > ImportUpsert.rowByRowLimit
    }

    /// The statistics of `analyzedColumns`, at `statisticsTarget`, in one round trip.
    static func analyzeScript(_ kind: RecordKind) -> String {
        let columns = analyzedColumns(kind)
        let targets = columns.map { "ALTER COLUMN \($0) SET STATISTICS \(statisticsTarget)" }.joined(separator: ", ")
        return "ALTER TABLE import_staging \(targets);\nANALYZE import_staging (\(columns.joined(separator: ", ")));"
    }

    /// The staged columns that the checks and the upsert join, group or filter on: statistics
    /// of these are what the plans need. Gathering them for every column as well cost 2–3 times
    /// as much (a re-import of 200,000 rows: 0.4 s against 0.15 s; issue 15).
    static func analyzedColumns(_ kind: RecordKind) -> [String] {
        let staged = Set(ImportColumns.columns(kind).map(\.name))
        let matched = UpsertSQL.spec(kind).keys.map(\.column)
            + ["tax_code", "applicant_tax_code", "grant_number", "certificate_number", "application_number", "established_on"]
        var columns = ["line", "rejected"]
        for column in matched where staged.contains(column) && !columns.contains(column) { columns.append(column) }
        return columns
    }

    /// The checks of `kind`, in the order they run (a row refused by one is not checked again).
    static func checks(_ kind: RecordKind, in province: some PostgresBindable) -> [Check] {
        let spec = UpsertSQL.spec(kind)
        var checks: [Check] = []
        if !spec.keys.isEmpty {
            let partition = spec.keys.map(\.staged).joined(separator: ", ")
            let grouped = spec.keys.enumerated().map { "\($1.staged) AS k\($0)" }.joined(separator: ", ")
            let sameKey = spec.keys.enumerated().map { "\($1.staged) = d.k\($0)" }.joined(separator: " AND ")
            let keyText = spec.keys.map { "\($0.staged)::text" }.joined(separator: " || '/' || ")
            // The import's own rule: a key twice in one file (the upsert would keep either).
            // Keys are required cells, never NULL; grouping by hash finds the keys seen twice
            // without sorting the whole file (a re-import of a million rows, issue 15).
            checks.append(Check(
                type: .unique, field: spec.keys.map(\.column).joined(separator: "+"), mirrors: [],
                query: """
                    SELECT s.line, s.record, \(sql: keyText) AS value, d.first::text AS detail
                      FROM (SELECT \(sql: grouped), min(s.line) AS first FROM import_staging s WHERE NOT s.rejected
                             GROUP BY \(sql: partition) HAVING count(*) > 1) d
                      JOIN import_staging s ON \(sql: sameKey)
                     WHERE NOT s.rejected AND s.line <> d.first
                     ORDER BY s.line
                    """,
                message: { first in ("Trùng khóa với dòng \(first ?? "?") (dòng đầu tiên được giữ).", "Same key as line \(first ?? "?") (the first row counts).") },
                keyTwiceInFile: true))
        }
        let unknownEnterprise: (String?) -> (vi: String, en: String) = { _ in
            ("Không có doanh nghiệp mang mã số thuế này trong sổ đăng ký; hãy nhập doanh nghiệp trước.",
             "No enterprise with this tax code is registered; import the enterprise first.")
        }
        func enterpriseMustExist(_ column: String, _ rule: MirroredRule) -> Check {
            Check(type: .foreignKey, field: column, mirrors: [rule], query: """
                SELECT s.line, s.record, s.\(sql: column) AS value, NULL AS detail FROM import_staging s
                 WHERE NOT s.rejected AND s.\(sql: column) IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.province_code = \(province) AND e.tax_code = s.\(sql: column))
                """, message: unknownEnterprise)
        }
        switch kind {
        case .certificate:
            checks.append(enterpriseMustExist("tax_code", .certificateEnterprise))
            // The import's own rule: a file does not move a certificate to another holder.
            checks.append(Check(type: .unique, field: "certificate_number", mirrors: [], query: """
                SELECT s.line, s.record, s.certificate_number AS value, c.tax_code AS detail FROM import_staging s
                  JOIN st_certificate c ON c.province_code = \(province) AND c.certificate_number = s.certificate_number AND c.tax_code <> s.tax_code
                 WHERE NOT s.rejected
                """, message: { owner in ("Số giấy chứng nhận này đã cấp cho doanh nghiệp \(owner ?? "khác").", "This certificate number belongs to enterprise \(owner ?? "another").") }))
            checks.append(Check(type: .constraint, field: "issued_on", mirrors: [.certificateIssuedPlausible, .certificateHolderNotDissolved], query: """
                SELECT s.line, s.record, s.issued_on AS value, e.established_on::text AS detail FROM import_staging s
                  JOIN enterprise e ON e.province_code = \(province) AND e.tax_code = s.tax_code
                 WHERE NOT s.rejected AND (s.issued_on::date < e.established_on
                       OR enterprise_status_on(\(province), s.tax_code, s.issued_on::date) = 'dissolved')
                """, message: { _ in ("Ngày cấp trước ngày thành lập, hoặc khi doanh nghiệp đã giải thể.", "Issued before the enterprise was established, or after it was dissolved.") }))
        case .fund:
            checks.append(enterpriseMustExist("tax_code", .fundEnterprise))
            checks.append(Check(type: .constraint, field: "established_on", mirrors: [.fundEstablishedPlausible], query: """
                SELECT s.line, s.record, s.established_on AS value, e.established_on::text AS detail FROM import_staging s
                  JOIN enterprise e ON e.province_code = \(province) AND e.tax_code = s.tax_code
                 WHERE NOT s.rejected AND (s.established_on::date < e.established_on
                       OR enterprise_status_on(\(province), s.tax_code, s.established_on::date) = 'dissolved')
                """, message: { founded in ("Quỹ lập trước ngày thành lập doanh nghiệp (\(founded ?? "?")) hoặc khi doanh nghiệp đã giải thể.",
                                            "The fund was set up before the enterprise was established (\(founded ?? "?")) or after it was dissolved.") }))
            checks.append(Check(type: .constraint, field: "established_on", mirrors: [.fundOneOpenPerEnterprise], query: """
                SELECT s.line, s.record, s.established_on AS value, coalesce(f.established_on::text, o.established_on) AS detail FROM import_staging s
                  LEFT JOIN st_fund f ON f.province_code = \(province) AND f.tax_code = s.tax_code AND f.established_on <> s.established_on::date
                       AND daterange(f.established_on, f.closed_on, '[)') && daterange(s.established_on::date, s.closed_on::date, '[)')
                  LEFT JOIN import_staging o ON o.tax_code = s.tax_code AND o.line < s.line AND NOT o.rejected
                       AND o.established_on <> s.established_on
                       AND daterange(o.established_on::date, o.closed_on::date, '[)') && daterange(s.established_on::date, s.closed_on::date, '[)')
                 WHERE NOT s.rejected AND (f.tax_code IS NOT NULL OR o.line IS NOT NULL)
                """, message: { other in ("Trùng thời gian với quỹ lập ngày \(other ?? "?"): mỗi lúc một doanh nghiệp chỉ có một quỹ.", "Overlaps the fund set up on \(other ?? "?"): one fund at a time per enterprise.") }))
        case .fundAllocation:
            checks.append(Check(type: .foreignKey, field: "established_on", mirrors: [.fundAllocationFund], query: """
                SELECT s.line, s.record, s.tax_code || '/' || s.established_on AS value, NULL AS detail FROM import_staging s
                 WHERE NOT s.rejected AND NOT EXISTS (SELECT 1 FROM st_fund f
                        WHERE f.province_code = \(province) AND f.tax_code = s.tax_code AND f.established_on = s.established_on::date)
                """, message: { _ in ("Không có quỹ nào của doanh nghiệp này lập ngày đó; hãy nhập quỹ trước.", "No fund of this enterprise was set up on that date; import the fund first.") }))
        case .ip:
            checks.append(enterpriseMustExist("applicant_tax_code", .ipApplicantEnterprise))
            checks.append(Check(type: .unique, field: "grant_number", mirrors: [.ipGrantNumberUnique], query: """
                SELECT s.line, s.record, s.grant_number AS value, coalesce(e.application_number, o.application_number) AS detail FROM import_staging s
                  LEFT JOIN ip_event e ON e.province_code = \(province) AND e.grant_number = s.grant_number AND e.application_number <> s.application_number
                  LEFT JOIN import_staging o ON o.grant_number = s.grant_number AND o.line < s.line AND NOT o.rejected
                       AND o.application_number <> s.application_number
                 WHERE NOT s.rejected AND s.grant_number IS NOT NULL AND (e.id IS NOT NULL OR o.line IS NOT NULL)
                """, message: { other in ("Số bằng này đã thuộc đơn \(other ?? "khác").", "This grant number already belongs to application \(other ?? "another").") }))
        case .ipFee:
            checks.append(Check(type: .foreignKey, field: "application_number", mirrors: [.ipFeeApplication], query: """
                SELECT s.line, s.record, s.application_number AS value, NULL AS detail FROM import_staging s
                 WHERE NOT s.rejected AND NOT EXISTS (SELECT 1 FROM ip_application a
                        WHERE a.province_code = \(province) AND a.application_number = s.application_number)
                """, message: { _ in ("Không có đơn số này trong sổ đăng ký; hãy nhập đơn trước.", "No application with this number is registered; import the application first.") }))
        case .giManager, .giUser:
            checks.append(Check(type: .foreignKey, field: "certificate_number", mirrors: [kind == .giUser ? .giUserCertificate : .giManagerCertificate], query: """
                SELECT s.line, s.record, s.certificate_number AS value, NULL AS detail FROM import_staging s
                 WHERE NOT s.rejected AND NOT EXISTS (SELECT 1 FROM gi_certificate g
                        WHERE g.province_code = \(province) AND g.certificate_number = s.certificate_number)
                """, message: { _ in ("Không có văn bằng chỉ dẫn địa lý số này; hãy nhập chỉ dẫn địa lý trước.", "No GI certificate with this number is registered; import the GI first.") }))
            if kind == .giUser { checks.append(enterpriseMustExist("tax_code", .giUserEnterprise)) }
        default:
            break
        }
        return checks
    }
}
