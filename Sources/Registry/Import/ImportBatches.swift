/// Recorded imports: what `khcn import list` shows and `khcn import revert` undoes.
public struct ImportBatches {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// Newest first, as canonical JSON objects.
    public func list() throws(RegistryError) -> [String] {
        try session.read {
            try session.connection.query(
                """
                SELECT row_to_json(b)::text FROM (
                    SELECT id, kind, file_name, sha256, size, encoding, delimiter, bom, rows, inserted, updated, unchanged, rejected,
                           actor, db_user,
                           to_char(imported_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS imported_at,
                           to_char(reverted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS reverted_at,
                           reverted_by, revert_reason
                      FROM import_batch WHERE province_code = \(session.province) ORDER BY id DESC) b
                """).rows.map { $0[0] ?? "{}" }
        }
    }

    /// Puts back every record the batch inserted or changed (SQL function `khcn_revert_batch`);
    /// refused, naming the records, if any of them changed after the batch. Returns how many
    /// records were put back.
    public func revert(_ batch: Int, context: ChangeContext) throws(RegistryError) -> Int {
        let known = try session.read {
            try session.connection.query("SELECT 1 FROM import_batch WHERE id = \(String(batch)) AND province_code = \(session.province)").rows
        }
        guard !known.isEmpty else {
            throw RegistryError.notFound("batch", String(batch), vi: "Không có lô nhập số \(batch).", en: "No import batch \(batch).")
        }
        return try session.write(context, right: .importBatches) {
            Int(try session.connection.query("SELECT khcn_revert_batch(\(String(batch)))").scalar ?? "0") ?? 0
        }
    }
}
