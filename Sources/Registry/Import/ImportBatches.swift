import Postgres

/// Recorded imports: what `khcn import list` shows and `khcn import revert` undoes, and the
/// batch row an import writes in its own transaction (numbered without gaps, SQL/0015).
public struct ImportBatches {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// Newest first, as canonical JSON objects.
    public func list() throws(RegistryError) -> [String] {
        try session.read {
            try session.connection.query(
                """
                SELECT row_to_json(b)::text AS batch FROM (
                    SELECT id, kind, file_name, sha256, size, encoding, delimiter, bom, rows, inserted, updated, unchanged, rejected,
                           actor, db_user,
                           to_char(imported_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS imported_at,
                           to_char(reverted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS reverted_at,
                           reverted_by, revert_reason
                      FROM import_batch WHERE province_code = \(session.province) ORDER BY id DESC) b
                """).rows.map { $0["batch"] ?? "{}" }
        }
    }

    /// Puts back every record the batch inserted or changed (SQL function `khcn_revert_batch`);
    /// refused, naming the records, if any of them changed after the batch. Returns how many
    /// records were put back.
    public func revert(_ batch: Int, context: ChangeContext) throws(RegistryError) -> Int {
        let known = try session.read {
            try session.connection.query("SELECT 1 AS known FROM import_batch WHERE id = \(batch) AND province_code = \(session.province)").rows
        }
        guard !known.isEmpty else {
            throw RegistryError.notFound("batch", String(batch), vi: "Không có lô nhập số \(batch).", en: "No import batch \(batch).")
        }
        return try session.write(context, right: .importBatches) {
            try session.connection.query("SELECT khcn_revert_batch(\(batch)) AS restored").first?.decode("restored", as: Int.self) ?? 0
        }
    }

    /// Records the batch of the import under way (inside its `write`) and returns its number.
    /// The counts are filled in by `close` once the upsert has run. The audit rows written from
    /// here on point at the batch (`khcn.batch`, transaction-local): set in the same round trip.
    func open(_ kind: RecordKind, reader: SourceReader, report: ImportReport, actor: String) throws -> Int {
        let recorded = try session.connection.query(
            """
            INSERT INTO import_batch (province_code, kind, file_name, sha256, size, encoding, delimiter, bom, actor)
            VALUES (\(session.province), \(kind.fileKind), \(reader.name), \(reader.sha256), \(reader.bytesRead),
                    \(reader.detected.encoding.rawValue), \(String(UnicodeScalar(report.delimiter))), \(report.bom), \(actor))
            RETURNING id, set_config('khcn.batch', id::text, true) AS audited
            """)
        guard let row = recorded.first else { throw PostgresError(kind: .client, message: "INSERT INTO import_batch returned no id") }
        return try row.decode("id", as: Int.self)
    }

    /// The counts of the batch, as the report gives them (contract §6).
    func close(_ batch: Int, report: ImportReport) throws {
        try session.connection.query(
            """
            UPDATE import_batch SET rows = \(report.rows), inserted = \(report.inserted), updated = \(report.updated),
                                    unchanged = \(report.unchanged), rejected = \(report.rejected)
             WHERE id = \(batch)
            """)
    }
}
