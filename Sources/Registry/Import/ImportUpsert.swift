import Postgres

/// Writes the staged rows: updates changed records and inserts new ones, set-based (one
/// statement per kind of change, so a million rows cost a few statements, contract §8). If
/// the database refuses the set (a rule only it can check, e.g. an IP event out of life-cycle
/// order), each row is tried on its own under a savepoint to name the lines at fault, and
/// the rest are kept when `--max-errors` allows (contract §6).
struct ImportUpsert {
    /// Above this many rows, a refused upsert is not retried row by row (and a dry run stops
    /// at `DryRunEstimate`): the database's own message is reported for the file instead.
    static let rowByRowLimit = 20_000

    let session: RegistrySession
    let kind: RecordKind

    /// The search indexes a large first load sets aside are built after the commit
    /// (`report.searchIndexesSetAside`, `Importer`), unless the rows go in one by one.
    func run(into report: inout ImportReport) throws {
        let connection = session.connection
        let indexes = SearchIndexes(connection: connection, table: UpsertSQL.spec(kind).table)
        let staged = report.rows - report.rejectedLines.count
        let rebuild = try indexes.setAsideForLargeLoad(staged: staged)
        let existing = try existingRecords(staged: staged)
        if existing.readsWholeFile { try ImportUpsert.holdWholeFileInMemory(connection, staged: staged) }
        let trace = PhaseTrace()
        let merger = kind == .enterprise && !rebuild && staged >= NameTrigramMerger.threshold
            ? NameTrigramMerger(settings: connection.settings) : nil
        defer { merger?.finish() }
        try connection.query("SAVEPOINT import_upsert")
        do {
            for statement in UpsertSQL.statements(kind, in: session.province, line: nil, existing: existing) {
                try run(statement, table: indexes.table, into: &report)
                trace.mark("  statement")
            }
            try connection.query("RELEASE SAVEPOINT import_upsert")
            report.searchIndexesSetAside = rebuild
            return
        } catch let error as PostgresError where error.kind == .server && !error.isTransient {
            try connection.query("ROLLBACK TO SAVEPOINT import_upsert")
            report.inserted = 0
            report.updated = 0
        }
        // Trying rows one by one names the lines at fault; past a few thousand rows that would
        // take too long, so the database's own message is reported for the file.
        guard try ImportStaging.remaining(connection) <= ImportUpsert.rowByRowLimit else { throw try refusalOfTheWholeFile(existing) }
        // A refused file rolls back, and the indexes it set aside come back with it; only rows
        // kept one by one need them built here (never so far: a load sets them aside from
        // `SearchIndexes.threshold` rows, more than are ever tried one by one).
        if rebuild { try indexes.rebuild() }
        try rowByRow(into: &report)
    }

    /// The statements over the whole of a large file (`SearchIndexes.threshold` rows or more)
    /// keep it in memory for the rest of the transaction (`SET LOCAL work_mem = '512MB'`, the
    /// server's own being 32 MB on the clusters of `Scripts/`, 4 MB by PostgreSQL's default):
    /// - a first load (the province holds none of the table's records): the rows its INSERT hands
    ///   to its statement triggers (the audit, the provinces' check) are 250 MB for a million
    ///   enterprises, which went to a temporary file and were read back by each (issue 15: ~1 s);
    /// - a file joined to the table (a re-import, and the count of a large dry run,
    ///   `DryRunEstimate`): the hash of a million enterprises is ~225 MB, in eight batches
    ///   written to temporary files and read back at 32 MB, in one at 512 MB (issue 15, stop 27,
    ///   1M registry, three alternations of binaries: a dry run 3.76–3.96 s → 3.31–3.64 s, a
    ///   re-import 4.36–4.66 s → 4.06–4.33 s; the dry run's count 2.4–2.7 s → 2.15 s by
    ///   `EXPLAIN ANALYZE`).
    /// A file matched by key (an everyday one) hashes only itself and needs none of it.
    static func holdWholeFileInMemory(_ connection: Connection, staged: Int) throws {
        guard staged >= SearchIndexes.threshold else { return }
        try connection.query("SET LOCAL work_mem = '512MB'")
    }

    /// One statement of the set, counted into the report: a MERGE by the table's rows this
    /// transaction wrote while it ran (`TransactionRowCounts`), any other by its own result.
    private func run(_ statement: (query: Query, counts: UpsertSQL.Counts), table: String, into report: inout ImportReport) throws {
        let connection = session.connection
        guard statement.counts == .merged else {
            return try report.count(statement.counts, try connection.query(statement.query))
        }
        let before = try TransactionRowCounts.read(connection, table: table)
        try connection.query(statement.query)
        let written = try TransactionRowCounts.read(connection, table: table).since(before)
        report.inserted += written.inserted
        report.updated += written.updated
    }

    /// How the INSERT finds the staged rows already recorded (`UpsertSQL.Existing`), in one
    /// round trip: none to find when the province holds no record of the table (one probe of the
    /// key index); else by key for a file under a quarter of the table's rows as the statistics
    /// estimate them (read from the catalogue, 0 before the first ANALYZE), else joined; either
    /// in one MERGE when the server counts each transaction's rows (`TransactionRowCounts`) and
    /// the kind is not IP.
    /// In the same query, pages are priced as cached for the rest of the transaction
    /// (`SET LOCAL random_page_cost = 1.1`): the registry's tables stay in shared buffers
    /// (README, "Performance"), and priced as such the planner finds an everyday file's few
    /// thousand keys through the primary key instead of hashing a million rows (as a clerk,
    /// whose policy hides the row count from its estimate; issue 15).
    func existingRecords(staged: Int) throws -> UpsertSQL.Existing {
        let table = UpsertSQL.spec(kind).table
        let row = try session.connection.query("""
            SELECT greatest(reltuples, 0)::bigint AS estimate, set_config('random_page_cost', '1.1', true) AS priced,
                   EXISTS (SELECT 1 FROM \(sql: table) WHERE province_code = \(session.province)) AS held,
                   current_setting('track_counts')::boolean AS counted
              FROM pg_class WHERE oid = \(table)::regclass
            """).first
        guard try row?.decode("held", as: Bool.self) ?? true else { return .nothingHeld }
        let merges = try kind != .ip && row?.decode("counted", as: Bool.self) == true
        guard try staged * 4 < (row?.decode("estimate", as: Int.self) ?? 0) else { return merges ? .mergedJoined : .joined }
        return merges ? .merged : .probedByKey
    }

    /// The set again, to have the database's message about the first row it refuses.
    private func refusalOfTheWholeFile(_ existing: UpsertSQL.Existing) throws -> ImportProblem {
        let connection = session.connection
        try connection.query("SAVEPOINT import_upsert")
        do {
            for statement in UpsertSQL.statements(kind, in: session.province, line: nil, existing: existing) {
                try connection.query(statement.query)
            }
        } catch let error as PostgresError where error.kind == .server {
            let explained = RegistryError(error)
            return ImportProblem(ImportProblem.Kind(rawValue: explained.type) ?? .constraint, field: explained.field,
                                 vi: explained.vietnamese + " (tệp quá lớn để chỉ ra từng dòng; hãy tách tệp)",
                                 en: explained.english + " (the file is too large to name each line; split it)")
        }
        return ImportProblem(.constraint, vi: "Cơ sở dữ liệu từ chối tệp.", en: "The database refused the file.")
    }

    /// Each staged row under its own savepoint: a row the database refuses is reported with
    /// its line and the database's message, and marked rejected; the others are written.
    private func rowByRow(into report: inout ImportReport) throws {
        let connection = session.connection
        try connection.query("CREATE INDEX ON import_staging (line)")
        let staged = try connection.query("SELECT line, record, end_line FROM import_staging WHERE NOT rejected ORDER BY line").rows
        for row in staged {
            let line = try row.decode("line", as: Int.self)
            try connection.query("SAVEPOINT import_row")
            do {
                var counted: [(UpsertSQL.Counts, QueryResult)] = []
                for statement in UpsertSQL.statements(kind, in: session.province, line: line) {
                    counted.append((statement.counts, try connection.query(statement.query)))
                }
                try connection.query("RELEASE SAVEPOINT import_row")
                for (counts, result) in counted { try report.count(counts, result) }
            } catch let error as PostgresError where error.kind == .server && !error.isTransient {
                try connection.query("ROLLBACK TO SAVEPOINT import_row")
                // The rule's own words from khcn_rule, readable again after the rollback.
                let explained = session.explained(RegistryError(error))
                report.add(ImportProblem(
                    ImportProblem.Kind(rawValue: explained.type) ?? .constraint, line: line, record: try row.decodeIfPresent("record", as: Int.self),
                    field: explained.field, value: nil, vi: explained.vietnamese, en: explained.english))
                report.reject(line: line, endLine: try row.decode("end_line", as: Int.self))
                try connection.query("UPDATE import_staging SET rejected = true WHERE line = \(line)")
            }
        }
    }

    /// IP counts an application once: inserted, or updated by its fields or by new events
    /// (the statements list what they touched in `import_touched`).
    func countTouchedApplications(into report: inout ImportReport) throws {
        let counts = try session.connection.query("""
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE updated AND NOT inserted) AS updated
              FROM (SELECT bool_or(action = 'inserted') AS inserted, bool_or(action = 'updated') AS updated
                      FROM import_touched GROUP BY key) t
            """).first
        report.inserted = try counts?.decode("inserted", as: Int.self) ?? 0
        report.updated = try counts?.decode("updated", as: Int.self) ?? 0
    }
}

extension ImportReport {
    /// Adds what one upsert statement did to the counts.
    mutating func count(_ counts: UpsertSQL.Counts, _ result: QueryResult) throws {
        switch counts {
        case .inserted: inserted += result.affectedRows
        case .updated: updated += try result.first?.decode("changed", as: Int.self) ?? 0
        case .none, .merged: break   // a MERGE's rows: `ImportUpsert.run`, from `TransactionRowCounts`
        }
    }
}
