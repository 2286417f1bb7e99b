import Postgres

/// The set-based upsert of an import, per kind, by natural key: UPDATE the records whose
/// staged values differ, INSERT the new ones, and for IP add the events carried as date
/// columns. Every statement reads the staging table `import_staging` (text columns, one per
/// canonical column) and writes within the session's province; `line` nil reads every row
/// not rejected, a line number that row alone (the row-by-row fallback of `ImportUpsert`).
/// The database's constraints and triggers are the rules; nothing here re-checks them.
struct UpsertSQL {
    /// How a statement's outcome adds to the report: INSERT's row count, UPDATE's
    /// `count(*) AS changed`, nothing (IP counts through `import_touched`), or a MERGE's, whose
    /// one total `ImportUpsert` splits by the transaction's own row counts (`TransactionRowCounts`).
    enum Counts { case inserted, updated, none, merged }

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

    private var keyMatch: String { keys.map { "x.\($0.column) = \($0.staged)" }.joined(separator: " AND ") }

    /// The staged rows a statement reads: every row not rejected, or one line of them.
    static func rows(_ line: Int?) -> Query {
        guard let line else { return "NOT s.rejected" }
        return "NOT s.rejected AND s.line = \(line)"
    }

    /// How the INSERT tells the staged rows the province already holds from the new ones.
    enum Existing {
        /// The province holds none of the table's records: every staged row is new, and no
        /// anti-join reads the table while the INSERT fills it. (With statistics that say the
        /// table is empty, as after an operator's `VACUUM ANALYZE` before a first load, the
        /// planner made that anti-join a nested loop over a scan of the table, and each staged
        /// row re-read every page inserted so far: 100,000 certificates 187 s, issue 15.)
        case nothingHeld
        /// Few staged rows beside the table's: a probe of the key index for each.
        case probedByKey
        /// Many: the anti-join the planner chooses (a hash of the table's keys).
        case joined
        /// Few, as `.probedByKey`, written by one MERGE (`merge(in:)`) that finds each staged
        /// key once, where the UPDATE and the INSERT each probed all of them. Not for IP, whose
        /// statements list what they touch; `.probedByKey` where the server counts no rows.
        case merged
        /// Many, as `.joined`, written by one MERGE that joins the file to the table once, where
        /// the UPDATE joined them and the INSERT's anti-join joined them again (issue 15, stop
        /// 27: a re-import of a million enterprises, by hand as a clerk, three alternations:
        /// 2.49–2.61 s in those two statements, 1.89–1.91 s merged). As `.merged`, not for IP,
        /// and `.joined` where the server counts no rows.
        case mergedJoined

        /// The table's rows are asked for by the staged keys (`stagedKeysProbed`).
        var probesByKey: Bool { self == .probedByKey || self == .merged }
        /// One MERGE writes the file (`merge(in:probed:)`).
        var merges: Bool { self == .merged || self == .mergedJoined }
        /// The statements read the whole file at once: a first load's INSERT, or a join to the
        /// table (`ImportUpsert.holdWholeFileInMemory`).
        var readsWholeFile: Bool { !probesByKey }
    }

    /// The statements of one upsert, in order, with how each adds to the report.
    static func statements(_ kind: RecordKind, in province: some PostgresBindable, line: Int?,
                           existing: Existing = .joined) -> [(query: Query, counts: Counts)] {
        let spec = spec(kind)
        if existing.merges, line == nil, kind != .ip {
            return [(spec.merge(in: province, probed: existing.probesByKey), .merged)]
        }
        if kind == .ip {
            return [(spec.update(in: province, line: line, tracked: true, existing: existing), .none),
                    (spec.insert(in: province, line: line, tracked: true, existing: existing), .none),
                    (ipEvents(in: province, line: line), .none)]
        }
        return [(spec.update(in: province, line: line, tracked: false, existing: existing), .updated),
                (spec.insert(in: province, line: line, tracked: false, existing: existing), .inserted)]
    }

    /// UPDATE of the changed records; `tracked` also lists their keys in `import_touched`
    /// (for IP, whose events may change a record too), otherwise the row count says it all.
    /// One join of the staged rows to the table, the merge computed against the stored row
    /// itself (a re-import of a million unchanged rows reads the table once, issue 15).
    /// `.probedByKey`: the table's rows are also asked for by the staged keys (`= ANY` of
    /// them, one probe of the key index each), so that the planner cannot read the whole table
    /// for a few thousand rows. Without it, as a clerk, it merge-joined an everyday file's
    /// 10,000 staged rows with a scan of a million in key order (the policy's `= ANY` of the
    /// clerk's provinces prices each probe as ten): the scan was 0.46 s of that join's 0.59 s,
    /// and the UPDATE went from 0.68–0.70 s to 0.46–0.54 s (issue 15, by hand at 1,000,000).
    /// The usual key match still pairs each row with its staged row, so a row a concurrent
    /// transaction changes is re-checked as in any UPDATE.
    func update(in province: some PostgresBindable, line: Int?, tracked: Bool, existing: Existing = .joined) -> Query {
        let probed: Query = existing.probesByKey ? "\n   AND \(stagedKeysProbed(line))" : ""
        let outcome = tracked ? "INSERT INTO import_touched SELECT key, 'updated' FROM changed" : "SELECT count(*) AS changed FROM changed"
        return """
            WITH changed AS (
                UPDATE \(sql: table) x SET \(sql: assignments)
                  FROM import_staging s
                 WHERE x.province_code = \(province) AND \(sql: keyMatch) AND \(Self.rows(line))\(probed)
                   AND \(sql: changes)
                RETURNING \(sql: keyText("x")) AS key)
            \(sql: outcome)
            """
    }

    /// How many staged rows name an existing record (`existing`), and how many would change it
    /// (`changed`): a dry run's counts, in one pass, nothing written.
    func existingAndChanged(in province: some PostgresBindable) -> Query {
        """
            SELECT count(x.province_code) AS existing,
                   count(x.province_code) FILTER (WHERE \(sql: changes)) AS changed
              FROM import_staging s LEFT JOIN \(sql: table) x ON x.province_code = \(province) AND \(sql: keyMatch)
             WHERE \(Self.rows(nil))
            """
    }

    /// INSERT of the new records (row count = inserted; `tracked` also lists their keys).
    /// `.probedByKey`: the test "not yet in the table" is a subquery run for each staged row,
    /// one probe of the key index, which PostgreSQL never turns into a hash of the whole
    /// table: an everyday file of 10,000 rows beside a million (as a clerk, under the
    /// province policy, the planner hashed the table even for 2,000 rows; issue 15). A whole
    /// file re-imported is faster hashed (200,000 rows: 0.2 s against 0.5 s probing).
    func insert(in province: some PostgresBindable, line: Int?, tracked: Bool, existing: Existing = .joined) -> Query {
        let absent: Query = switch existing {
        case .nothingHeld: "true"
        case .probedByKey, .merged: "(SELECT true FROM \(sql: table) x WHERE x.province_code = \(province) AND \(sql: keyMatch) LIMIT 1) IS NULL"
        case .joined, .mergedJoined: "NOT EXISTS (SELECT 1 FROM \(sql: table) x WHERE x.province_code = \(province) AND \(sql: keyMatch))"
        }
        let insert: Query = """
            INSERT INTO \(sql: table) (province_code, \(sql: insertedColumns))
            SELECT \(province), \(sql: insertedValues)
              FROM import_staging s
             WHERE \(Self.rows(line))
               AND \(absent)
            """
        guard tracked else { return insert }
        return """
            WITH added AS (\(insert)
                RETURNING \(sql: keyText(table)) AS key)
            INSERT INTO import_touched SELECT key, 'inserted' FROM added
            """
    }

    /// `.merged` and `.mergedJoined`: changed records updated and new ones inserted by one
    /// MERGE, which pairs each staged row with the record of its key, if any, in one pass.
    /// `probed` (`.merged`, a few rows): the staged keys are asked for as `= ANY` (one probe of
    /// the key index each, as in `update`, so that the plan never reads the whole table) and
    /// hashed against the staged rows. The UPDATE and INSERT it stands for probed every staged
    /// key twice (issue 15: an everyday file of 10,000 rows into a million, as a clerk, by hand:
    /// 0.70–0.77 s in those two statements, 0.62–0.71 s merged). Otherwise the file and the
    /// table are joined as the planner chooses (a hash of one of them). Triggers fire as for
    /// the two statements: the INSERT's and the UPDATE's statement triggers, each over its rows.
    func merge(in province: some PostgresBindable, probed: Bool = true) -> Query {
        let probe: Query = probed ? " AND \(stagedKeysProbed(nil))" : ""
        return """
        MERGE INTO \(sql: table) x
        USING (SELECT * FROM import_staging s WHERE \(Self.rows(nil))) s
           ON x.province_code = \(province) AND \(sql: keyMatch)\(probe)
         WHEN MATCHED AND \(sql: changes) THEN
              UPDATE SET \(sql: assignments)
         WHEN NOT MATCHED THEN
              INSERT (province_code, \(sql: insertedColumns)) VALUES (\(province), \(sql: insertedValues))
        """
    }

    /// The values of a record `x` merged with its staged row `s`.
    private var merged: [String] { fields.map { $0.merge ?? "coalesce(\($0.staged), x.\($0.column))" } }

    private var assignments: String {
        zip(fields, merged).map { "\($0.column) = \($1)" }.joined(separator: ",\n       ")
    }

    /// Whether the staged row changes the record.
    private var changes: String {
        "(\(fields.map { "x.\($0.column)" }.joined(separator: ", "))) IS DISTINCT FROM (\(merged.joined(separator: ", ")))"
    }

    private var insertedColumns: String { (keys + fields).map(\.column).joined(separator: ", ") }
    private var insertedValues: String { (keys + fields).map { $0.insert ?? $0.staged }.joined(separator: ", ") }

    /// The table's rows asked for by the staged keys. The inner `s` is the staging table again
    /// (it hides the outer one in the subquery).
    private func stagedKeysProbed(_ line: Int?) -> Query {
        "x.\(sql: keys[0].column) = ANY (ARRAY(SELECT \(sql: keys[0].staged) FROM import_staging s WHERE \(Self.rows(line))))"
    }

    static func spec(_ kind: RecordKind) -> UpsertSQL {
        func field(_ column: String, _ type: String? = nil, insert: String? = nil, merge: String? = nil) -> Field {
            Field(column: column, staged: type.map { "s.\(column)::\($0)" } ?? "s.\(column)", insert: insert, merge: merge)
        }
        switch kind {
        case .enterprise:
            return UpsertSQL(table: "enterprise", keys: [field("tax_code")], fields: [
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
            return UpsertSQL(table: "st_certificate", keys: [field("certificate_number")], fields: [
                field("tax_code"), field("issued_on", "date"), field("issuer"), field("basis"),
                field("revoked_on", "date"), field("revoke_reason"),
                field("revocation_kind", insert: "coalesce(s.revocation_kind, CASE WHEN s.revoked_on IS NOT NULL THEN 'revoked' END)",
                      merge: "coalesce(s.revocation_kind, x.revocation_kind, CASE WHEN s.revoked_on IS NOT NULL THEN 'revoked' END)"),
            ])
        case .fund:
            return UpsertSQL(table: "st_fund", keys: [field("tax_code"), field("established_on", "date")], fields: [
                field("decision"), field("capital", "bigint"), field("notified_on", "date"), field("closed_on", "date"),
            ])
        case .fundAllocation:
            return UpsertSQL(table: "st_fund_allocation", keys: [field("tax_code"), field("established_on", "date"), field("year", "smallint")], fields: [
                field("allocated", "bigint"), field("spent", "bigint"), field("report_received_on", "date"),
            ])
        case .ip:
            return UpsertSQL(table: "ip_application", keys: [field("application_number")], fields: [
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
            return UpsertSQL(table: "gi_certificate", keys: [field("certificate_number")], fields: [
                field("name"), field("product"), field("granted_on", "date"), field("decision"), field("managing_org"),
                field("area"), field("application_number"), field("cancelled_on", "date"),
            ])
        case .ipFee:
            return UpsertSQL(table: "ip_fee_payment", keys: [field("application_number"), field("year", "smallint")], fields: [field("paid_on", "date")])
        case .giManager:
            return UpsertSQL(table: "gi_manager", keys: [field("certificate_number"), field("from_on", "date")], fields: [
                field("managing_org"), field("decision"),
            ])
        case .giUser:
            return UpsertSQL(table: "gi_user", keys: [field("certificate_number"), field("tax_code"), field("from_on", "date")], fields: [
                field("until_on", "date"), field("decision"),
            ])
        case .ipEvent:
            return UpsertSQL(table: "ip_event", keys: [], fields: [])
        }
    }

    /// IP applications also carry their events as date columns; new ones are added in date
    /// order (the database checks each against the life cycle).
    static func ipEvents(in province: some PostgresBindable, line: Int?) -> Query {
        """
        WITH events AS (
            SELECT s.application_number, v.event, v.event_on, v.rank,
                   CASE WHEN v.event = 'granted' THEN s.grant_number END AS grant_number
              FROM import_staging s
             CROSS JOIN LATERAL (VALUES
                   ('published', s.published_on::date, 1), ('examination-requested', s.examination_requested_on::date, 2),
                   ('granted', s.granted_on::date, 3), ('refused', s.refused_on::date, 3), ('withdrawn', s.withdrawn_on::date, 3),
                   ('lapsed', s.lapsed_on::date, 4), ('restored', s.restored_on::date, 5), ('invalidated', s.invalidated_on::date, 6),
                   ('checked', s.checked_on::date, 9)) AS v(event, event_on, rank)
             WHERE \(rows(line)) AND v.event_on IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ip_event e
                                WHERE e.province_code = \(province) AND e.application_number = s.application_number
                                  AND e.event = v.event AND e.event_on = v.event_on)),
        added AS (
            INSERT INTO ip_event (province_code, application_number, event, event_on, grant_number)
            SELECT \(province), application_number, event, event_on, grant_number FROM events ORDER BY application_number, event_on, rank
            RETURNING application_number)
        INSERT INTO import_touched SELECT DISTINCT application_number, 'updated' FROM added
        """
    }
}
