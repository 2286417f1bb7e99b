import Postgres

/// A first load into an empty table builds its search indexes once afterwards, which is far
/// cheaper than maintaining them row by row (contract §8: a million enterprises). Dropping an
/// index needs the table's owner: SQL/0021's definer functions do it for a clerk, only when
/// the whole table (every province) is empty, and rebuild exactly what they dropped.
struct SearchIndexes {
    /// Fewer rows than this are loaded with the indexes in place (and, by ImportUpsert, within
    /// the server's `work_mem`): a first load of this many rows or more is a large one.
    static let threshold = 50_000

    let connection: Connection
    let table: String

    /// Sets the indexes aside when the load is large (`staged` rows, as the report counts
    /// them: no pass over the staging table) and the table empty. Returns whether they must
    /// be rebuilt (`rebuild`) before the transaction ends.
    func setAsideForLargeLoad(staged: Int) throws -> Bool {
        guard staged >= SearchIndexes.threshold else { return false }
        let dropped = try connection.query("SELECT khcn_defer_search_indexes(\(table)::regclass) AS dropped").first?
            .decode("dropped", as: Int.self) ?? 0
        guard dropped > 0 else { return false }
        // Building a GIN index in one pass goes faster with room to sort in.
        try connection.query("SET LOCAL maintenance_work_mem = '512MB'")
        return true
    }

    /// Builds again what `setAsideForLargeLoad` dropped.
    func rebuild() throws {
        try connection.query("SELECT khcn_rebuild_search_indexes(\(table)::regclass)")
    }
}
