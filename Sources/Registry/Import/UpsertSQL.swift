/// The set-based SQL of an import, per kind: checks that need the registry (duplicates in the
/// file, unknown enterprises, clashes with other records), and the upsert by natural key.
/// Every statement reads the staging table `import_staging` (text columns, one per canonical
/// column) and takes $1 = province; upserts also take $2 = one line (null: every line).
struct ImportSQL {
    /// How a statement's outcome adds to the report: INSERT's row count, UPDATE's
    /// `SELECT count(*)`, or nothing (IP counts through `import_touched`).
    enum Counts { case inserted, updated, none }

    struct Field {
        let column: String
        /// The staged value with its type, e.g. `s.established_on::date`.
        let staged: String
        /// Value for a new record (default: `staged`).
        var insert: String?
        /// Value for an existing record `x` (default: `coalesce(staged, x.column)`: a blank cell never erases).
        var merge: String?
    }

    let table: String
    let keys: [Field]
    let fields: [Field]

    /// The key as audit and reports write it (columns joined by '/').
    func keyText(_ alias: String) -> String {
        keys.map { "\(alias).\($0.column)::text" }.joined(separator: " || '/' || ")
    }

    static let lineFilter = "NOT s.rejected AND ($2::int IS NULL OR s.line = $2)"

    /// UPDATE of the changed records; `tracked` also lists their keys in `import_touched`
    /// (for IP, whose events may change a record too), otherwise the row count says it all.
    func update(tracked: Bool) -> String {
        let keyMatch = keys.map { "x.\($0.column) = \($0.staged)" }.joined(separator: " AND ")
        let merged = (keys.map { "\($0.staged) AS \($0.column)" }
            + fields.map { "\($0.merge ?? "coalesce(\($0.staged), x.\($0.column))") AS \($0.column)" }).joined(separator: ",\n       ")
        let targetMatch = keys.map { "t.\($0.column) = m.\($0.column)" }.joined(separator: " AND ")
        return """
            WITH merged AS (
                SELECT \(merged)
                  FROM import_staging s JOIN \(table) x ON x.province_code = $1 AND \(keyMatch)
                 WHERE \(Self.lineFilter)),
            changed AS (
                UPDATE \(table) t SET \(fields.map { "\($0.column) = m.\($0.column)" }.joined(separator: ", "))
                  FROM merged m
                 WHERE t.province_code = $1 AND \(targetMatch)
                   AND (\(fields.map { "t.\($0.column)" }.joined(separator: ", "))) IS DISTINCT FROM (\(fields.map { "m.\($0.column)" }.joined(separator: ", ")))
                RETURNING \(keyText("t")) AS key)
            \(tracked ? "INSERT INTO import_touched SELECT key, 'updated' FROM changed" : "SELECT count(*) FROM changed")
            """
    }

    /// How many staged rows name an existing record, and how many would change it (a dry
    /// run's counts, in one pass, nothing written).
    var existingAndChanged: String {
        let keyMatch = keys.map { "x.\($0.column) = \($0.staged)" }.joined(separator: " AND ")
        let merged = fields.map { $0.merge ?? "coalesce(\($0.staged), x.\($0.column))" }.joined(separator: ", ")
        return """
            SELECT count(x.province_code),
                   count(x.province_code) FILTER (WHERE (\(fields.map { "x.\($0.column)" }.joined(separator: ", "))) IS DISTINCT FROM (\(merged)))
              FROM import_staging s LEFT JOIN \(table) x ON x.province_code = $1 AND \(keyMatch)
             WHERE \(Self.lineFilter)
            """
    }

    /// INSERT of the new records (row count = inserted; `tracked` also lists their keys).
    func insert(tracked: Bool) -> String {
        let columns = (keys + fields).map(\.column).joined(separator: ", ")
        let values = (keys + fields).map { $0.insert ?? $0.staged }.joined(separator: ", ")
        let keyMatch = keys.map { "x.\($0.column) = \($0.staged)" }.joined(separator: " AND ")
        let insert = """
            INSERT INTO \(table) (province_code, \(columns))
            SELECT $1, \(values)
              FROM import_staging s
             WHERE \(Self.lineFilter)
               AND NOT EXISTS (SELECT 1 FROM \(table) x WHERE x.province_code = $1 AND \(keyMatch))
            """
        guard tracked else { return insert }
        return """
            WITH added AS (\(insert)
                RETURNING \(keyText(table)) AS key)
            INSERT INTO import_touched SELECT key, 'inserted' FROM added
            """
    }

    static func spec(_ kind: RecordKind) -> ImportSQL {
        func field(_ column: String, _ type: String? = nil, insert: String? = nil, merge: String? = nil) -> Field {
            Field(column: column, staged: type.map { "s.\(column)::\($0)" } ?? "s.\(column)", insert: insert, merge: merge)
        }
        switch kind {
        case .enterprise:
            return ImportSQL(table: "enterprise", keys: [field("tax_code")], fields: [
                field("name"), field("established_on", "date"), field("address"), field("commune_code"), field("legal_form"),
                Field(column: "vsic", staged: "string_to_array(s.vsic, '|')", insert: "coalesce(string_to_array(s.vsic, '|'), '{}')"),
                // Industry codes without a version are taken as VSIC 2025 (in force since 15/11/2025).
                Field(column: "vsic_version", staged: "s.vsic_version::smallint",
                      insert: "coalesce(s.vsic_version::smallint, CASE WHEN s.vsic IS NOT NULL THEN 2025 END)",
                      merge: "coalesce(s.vsic_version::smallint, x.vsic_version, CASE WHEN s.vsic IS NOT NULL THEN 2025 END)"),
                field("status", insert: "coalesce(s.status, 'active')"),
                // A status dated on the founding day moves with a corrected founding date.
                field("status_on", "date", insert: "coalesce(s.status_on::date, s.established_on::date)",
                      merge: "coalesce(s.status_on::date, CASE WHEN x.status_on = x.established_on AND x.status = coalesce(s.status, x.status) THEN coalesce(s.established_on::date, x.status_on) ELSE x.status_on END)"),
                field("former_province"),
            ])
        case .certificate:
            return ImportSQL(table: "st_certificate", keys: [field("certificate_number")], fields: [
                field("tax_code"), field("issued_on", "date"), field("issuer"), field("basis"),
                field("revoked_on", "date"), field("revoke_reason"),
                field("revocation_kind", insert: "coalesce(s.revocation_kind, CASE WHEN s.revoked_on IS NOT NULL THEN 'revoked' END)",
                      merge: "coalesce(s.revocation_kind, x.revocation_kind, CASE WHEN s.revoked_on IS NOT NULL THEN 'revoked' END)"),
            ])
        case .fund:
            return ImportSQL(table: "st_fund", keys: [field("tax_code"), field("established_on", "date")], fields: [
                field("decision"), field("capital", "bigint"), field("notified_on", "date"), field("closed_on", "date"),
            ])
        case .fundAllocation:
            return ImportSQL(table: "st_fund_allocation", keys: [field("tax_code"), field("established_on", "date"), field("year", "smallint")], fields: [
                field("allocated", "bigint"), field("spent", "bigint"), field("report_received_on", "date"),
            ])
        case .ip:
            return ImportSQL(table: "ip_application", keys: [field("application_number")], fields: [
                field("kind"), field("filed_on", "date"), field("title"), field("applicant_tax_code"),
                // A person's name is stored as their id (SQL/0023): the same name again changes nothing.
                field("applicant_name", merge: """
                    CASE WHEN x.applicant_person_id IS NOT NULL AND coalesce(s.applicant_type, x.applicant_type) = 'person'
                              AND s.applicant_name IS NOT DISTINCT FROM (SELECT p.name FROM person_visible p WHERE p.id = x.applicant_person_id)
                         THEN x.applicant_name ELSE coalesce(s.applicant_name, x.applicant_name) END
                    """),
                Field(column: "ipc", staged: "string_to_array(s.ipc, '|')", insert: "coalesce(string_to_array(s.ipc, '|'), '{}')"),
                field("applicant_type", insert: "coalesce(s.applicant_type, 'organisation')"),
                field("priority_on", "date"),
            ])
        case .gi:
            return ImportSQL(table: "gi_certificate", keys: [field("certificate_number")], fields: [
                field("name"), field("product"), field("granted_on", "date"), field("decision"), field("managing_org"),
                field("area"), field("application_number"), field("cancelled_on", "date"),
            ])
        case .ipFee:
            return ImportSQL(table: "ip_fee_payment", keys: [field("application_number"), field("year", "smallint")], fields: [field("paid_on", "date")])
        case .giManager:
            return ImportSQL(table: "gi_manager", keys: [field("certificate_number"), field("from_on", "date")], fields: [
                field("managing_org"), field("decision"),
            ])
        case .giUser:
            return ImportSQL(table: "gi_user", keys: [field("certificate_number"), field("tax_code"), field("from_on", "date")], fields: [
                field("until_on", "date"), field("decision"),
            ])
        case .ipEvent:
            return ImportSQL(table: "ip_event", keys: [], fields: [])
        }
    }

    /// IP applications also carry their events as date columns; new ones are added in date
    /// order (the database checks each against the life cycle).
    static let ipEvents = """
        WITH events AS (
            SELECT s.application_number, v.event, v.event_on, v.rank,
                   CASE WHEN v.event = 'granted' THEN s.grant_number END AS grant_number
              FROM import_staging s
             CROSS JOIN LATERAL (VALUES
                   ('published', s.published_on::date, 1), ('examination-requested', s.examination_requested_on::date, 2),
                   ('granted', s.granted_on::date, 3), ('refused', s.refused_on::date, 3), ('withdrawn', s.withdrawn_on::date, 3),
                   ('lapsed', s.lapsed_on::date, 4), ('restored', s.restored_on::date, 5), ('invalidated', s.invalidated_on::date, 6),
                   ('checked', s.checked_on::date, 9)) AS v(event, event_on, rank)
             WHERE \(lineFilter) AND v.event_on IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ip_event e
                                WHERE e.province_code = $1 AND e.application_number = s.application_number
                                  AND e.event = v.event AND e.event_on = v.event_on)),
        added AS (
            INSERT INTO ip_event (province_code, application_number, event, event_on, grant_number)
            SELECT $1, application_number, event, event_on, grant_number FROM events ORDER BY application_number, event_on, rank
            RETURNING application_number)
        INSERT INTO import_touched SELECT DISTINCT application_number, 'updated' FROM added
        """

    /// A check returns (line, record, field, value, message key, detail) for each row it refuses.
    struct Check {
        let type: ImportProblem.Kind
        let field: String
        let sql: String
        /// Builds the message from the check's detail column.
        let message: (String?) -> (vi: String, en: String)
    }

    static func checks(_ kind: RecordKind) -> [Check] {
        let spec = spec(kind)
        var checks: [Check] = []
        if !spec.keys.isEmpty {
            let partition = spec.keys.map(\.staged).joined(separator: ", ")
            let keyText = spec.keys.map { "\($0.staged)::text" }.joined(separator: " || '/' || ")
            checks.append(Check(
                type: .unique, field: spec.keys.map(\.column).joined(separator: "+"),
                sql: """
                    SELECT line, record, key, first::text FROM (
                        SELECT s.line, s.record, \(keyText) AS key, min(s.line) OVER (PARTITION BY \(partition)) AS first
                          FROM import_staging s WHERE NOT s.rejected) d
                     WHERE line <> first
                    """,
                message: { first in ("Trùng khóa với dòng \(first ?? "?") (dòng đầu tiên được giữ).", "Same key as line \(first ?? "?") (the first row counts).") }))
        }
        let unknownEnterprise: (String?) -> (vi: String, en: String) = { _ in
            ("Không có doanh nghiệp mang mã số thuế này trong sổ đăng ký; hãy nhập doanh nghiệp trước.",
             "No enterprise with this tax code is registered; import the enterprise first.")
        }
        func enterpriseMustExist(_ column: String) -> Check {
            Check(type: .foreignKey, field: column, sql: """
                SELECT s.line, s.record, s.\(column), NULL FROM import_staging s
                 WHERE NOT s.rejected AND s.\(column) IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.province_code = $1 AND e.tax_code = s.\(column))
                """, message: unknownEnterprise)
        }
        switch kind {
        case .certificate:
            checks.append(enterpriseMustExist("tax_code"))
            checks.append(Check(type: .unique, field: "certificate_number", sql: """
                SELECT s.line, s.record, s.certificate_number, c.tax_code FROM import_staging s
                  JOIN st_certificate c ON c.province_code = $1 AND c.certificate_number = s.certificate_number AND c.tax_code <> s.tax_code
                 WHERE NOT s.rejected
                """, message: { owner in ("Số giấy chứng nhận này đã cấp cho doanh nghiệp \(owner ?? "khác").", "This certificate number belongs to enterprise \(owner ?? "another").") }))
            checks.append(Check(type: .constraint, field: "issued_on", sql: """
                SELECT s.line, s.record, s.issued_on, e.established_on::text FROM import_staging s
                  JOIN enterprise e ON e.province_code = $1 AND e.tax_code = s.tax_code
                 WHERE NOT s.rejected AND (s.issued_on::date < e.established_on
                       OR enterprise_status_on($1, s.tax_code, s.issued_on::date) = 'dissolved')
                """, message: { _ in ("Ngày cấp trước ngày thành lập, hoặc khi doanh nghiệp đã giải thể.", "Issued before the enterprise was established, or after it was dissolved.") }))
        case .fund:
            checks.append(enterpriseMustExist("tax_code"))
            checks.append(Check(type: .constraint, field: "established_on", sql: """
                SELECT s.line, s.record, s.established_on, e.established_on::text FROM import_staging s
                  JOIN enterprise e ON e.province_code = $1 AND e.tax_code = s.tax_code
                 WHERE NOT s.rejected AND (s.established_on::date < e.established_on
                       OR enterprise_status_on($1, s.tax_code, s.established_on::date) = 'dissolved')
                """, message: { founded in ("Quỹ lập trước ngày thành lập doanh nghiệp (\(founded ?? "?")) hoặc khi doanh nghiệp đã giải thể.",
                                            "The fund was set up before the enterprise was established (\(founded ?? "?")) or after it was dissolved.") }))
            checks.append(Check(type: .constraint, field: "established_on", sql: """
                SELECT s.line, s.record, s.established_on, coalesce(f.established_on::text, o.established_on) FROM import_staging s
                  LEFT JOIN st_fund f ON f.province_code = $1 AND f.tax_code = s.tax_code AND f.established_on <> s.established_on::date
                       AND daterange(f.established_on, f.closed_on, '[)') && daterange(s.established_on::date, s.closed_on::date, '[)')
                  LEFT JOIN import_staging o ON o.tax_code = s.tax_code AND o.line < s.line AND NOT o.rejected
                       AND o.established_on <> s.established_on
                       AND daterange(o.established_on::date, o.closed_on::date, '[)') && daterange(s.established_on::date, s.closed_on::date, '[)')
                 WHERE NOT s.rejected AND (f.tax_code IS NOT NULL OR o.line IS NOT NULL)
                """, message: { other in ("Trùng thời gian với quỹ lập ngày \(other ?? "?"): mỗi lúc một doanh nghiệp chỉ có một quỹ.", "Overlaps the fund set up on \(other ?? "?"): one fund at a time per enterprise.") }))
        case .fundAllocation:
            checks.append(Check(type: .foreignKey, field: "established_on", sql: """
                SELECT s.line, s.record, s.tax_code || '/' || s.established_on, NULL FROM import_staging s
                 WHERE NOT s.rejected AND NOT EXISTS (SELECT 1 FROM st_fund f
                        WHERE f.province_code = $1 AND f.tax_code = s.tax_code AND f.established_on = s.established_on::date)
                """, message: { _ in ("Không có quỹ nào của doanh nghiệp này lập ngày đó; hãy nhập quỹ trước.", "No fund of this enterprise was set up on that date; import the fund first.") }))
        case .ip:
            checks.append(enterpriseMustExist("applicant_tax_code"))
            checks.append(Check(type: .unique, field: "grant_number", sql: """
                SELECT s.line, s.record, s.grant_number, coalesce(e.application_number, o.application_number) FROM import_staging s
                  LEFT JOIN ip_event e ON e.province_code = $1 AND e.grant_number = s.grant_number AND e.application_number <> s.application_number
                  LEFT JOIN import_staging o ON o.grant_number = s.grant_number AND o.line < s.line AND NOT o.rejected
                       AND o.application_number <> s.application_number
                 WHERE NOT s.rejected AND s.grant_number IS NOT NULL AND (e.id IS NOT NULL OR o.line IS NOT NULL)
                """, message: { other in ("Số bằng này đã thuộc đơn \(other ?? "khác").", "This grant number already belongs to application \(other ?? "another").") }))
        case .ipFee:
            checks.append(Check(type: .foreignKey, field: "application_number", sql: """
                SELECT s.line, s.record, s.application_number, NULL FROM import_staging s
                 WHERE NOT s.rejected AND NOT EXISTS (SELECT 1 FROM ip_application a
                        WHERE a.province_code = $1 AND a.application_number = s.application_number)
                """, message: { _ in ("Không có đơn số này trong sổ đăng ký; hãy nhập đơn trước.", "No application with this number is registered; import the application first.") }))
        case .giManager, .giUser:
            checks.append(Check(type: .foreignKey, field: "certificate_number", sql: """
                SELECT s.line, s.record, s.certificate_number, NULL FROM import_staging s
                 WHERE NOT s.rejected AND NOT EXISTS (SELECT 1 FROM gi_certificate g
                        WHERE g.province_code = $1 AND g.certificate_number = s.certificate_number)
                """, message: { _ in ("Không có văn bằng chỉ dẫn địa lý số này; hãy nhập chỉ dẫn địa lý trước.", "No GI certificate with this number is registered; import the GI first.") }))
            if kind == .giUser { checks.append(enterpriseMustExist("tax_code")) }
        default:
            break
        }
        return checks
    }
}
