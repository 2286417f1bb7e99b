import Postgres

/// The rows this transaction has inserted and updated in a table, as PostgreSQL counts them for
/// its statistics: `pg_stat_get_xact_tuples_inserted` and `_updated` are the running
/// transaction's own counts of what its statements did to the table, readable by any role. A
/// MERGE reports one total for its inserts and updates (PostgreSQL 15 has no RETURNING for it);
/// these counts read before and after it split that total (`ImportUpsert`).
/// The server counts only while `track_counts` is on (its default, which autovacuum needs), so
/// the MERGE is chosen only then (`ImportUpsert.existingRecords`).
struct TransactionRowCounts {
    var inserted: Int
    var updated: Int

    static func read(_ connection: Connection, table: String) throws -> TransactionRowCounts {
        let row = try connection.query("""
            SELECT pg_stat_get_xact_tuples_inserted(\(table)::regclass) AS inserted,
                   pg_stat_get_xact_tuples_updated(\(table)::regclass) AS updated
            """).first
        return TransactionRowCounts(inserted: try row?.decode("inserted", as: Int.self) ?? 0,
                                    updated: try row?.decode("updated", as: Int.self) ?? 0)
    }

    /// What was written between `earlier` and these counts.
    func since(_ earlier: TransactionRowCounts) -> TransactionRowCounts {
        TransactionRowCounts(inserted: inserted - earlier.inserted, updated: updated - earlier.updated)
    }
}
