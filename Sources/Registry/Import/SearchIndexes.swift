import Dispatch
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
    /// them: no pass over the staging table) and the table empty. Returns whether it did: they
    /// are built again by `buildSetAside` once the load has committed, or by `rebuild` if the
    /// load goes on row by row. Indexes that a load whose process died after its commit left
    /// set aside are built first, in this transaction.
    func setAsideForLargeLoad(staged: Int) throws -> Bool {
        try rebuild()
        guard staged >= SearchIndexes.threshold else { return false }
        let dropped = try connection.query("SELECT khcn_defer_search_indexes(\(table)::regclass) AS dropped").first?
            .decode("dropped", as: Int.self) ?? 0
        return dropped > 0
    }

    /// Builds again, in the current transaction, whatever is set aside for the table.
    func rebuild() throws {
        try connection.query("SELECT khcn_rebuild_search_indexes(\(table)::regclass)")
    }

    /// Builds what the committed load set aside, each index in a transaction of its own, shared
    /// between this connection and a second one opened with its settings: PostgreSQL 15 builds
    /// a GIN index on one core, so the trigram index of a million enterprises (~10 s) and their
    /// list-order b-tree (~5 s on one core) take ~11 s side by side against ~15 s one after the
    /// other (issue 15). An index the second connection did not build (it could not connect,
    /// or its build failed) is built here after it, and this one's error is the one reported.
    func buildSetAside() throws {
        let names = try connection.query("SELECT khcn_deferred_search_indexes(\(table)::regclass) AS name").rows
            .map { try $0.decode("name", as: String.self) }
        guard names.count > 1 else {
            for name in names { try SearchIndexes.build(name, of: table, on: connection, besideAnother: false) }
            return
        }
        let second = SecondBuilder(settings: connection.settings, table: table,
                                   names: stride(from: 1, to: names.count, by: 2).map { names[$0] })
        for index in stride(from: 0, to: names.count, by: 2) {
            try SearchIndexes.build(names[index], of: table, on: connection, besideAnother: true)
        }
        second.wait()
        try connection.transaction {
            try connection.query("SET LOCAL maintenance_work_mem = '512MB'")
            try rebuild()
        }
    }

    /// One set-aside index built in a transaction of its own. Beside another build, without
    /// parallel workers: the two builds already keep both cores of the bench machine busy.
    static func build(_ name: String, of table: String, on connection: Connection, besideAnother: Bool) throws {
        try connection.transaction {
            // Building a b-tree of a million names goes faster with room to sort in memory.
            try connection.query("SET LOCAL maintenance_work_mem = '512MB'")
            if besideAnother { try connection.query("SET LOCAL max_parallel_maintenance_workers = 0") }
            try connection.query("SELECT khcn_rebuild_search_indexes(\(table)::regclass, \(name))")
        }
    }
}

/// The second session of `SearchIndexes.buildSetAside`: builds its share on a connection it
/// opens on a thread of its own (a connection never crosses threads). It reports nothing:
/// what it leaves set aside, the first connection builds.
private final class SecondBuilder: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(settings: String, table: String, names: [String]) {
        DispatchQueue.global().async { [done] in
            defer { done.signal() }
            guard let connection = try? Connection(settings) else { return }
            for name in names {
                try? SearchIndexes.build(name, of: table, on: connection, besideAnother: true)
            }
        }
    }

    func wait() { done.wait() }
}

extension RegistryError {
    /// A first load committed, then building its search indexes failed: the rows are kept (a
    /// clerk told only "the connection was lost" would take the batch for lost), the indexes
    /// stay set aside until the next import of the table or `khcn db migrate` builds them.
    static func searchIndexesNotBuilt(batch: Int?, _ error: PostgresError) -> RegistryError {
        let cause = error.message.firstLine
        let batch = batch.map(String.init) ?? "?"
        return RegistryError(
            RegistryError(error).kind, type: "indexes-not-built",
            vi: "Lô nhập số \(batch) đã được ghi đủ, nhưng chưa dựng lại được các chỉ mục tìm kiếm (\(cause)). Không cần nhập lại: "
                + "lần nhập sau vào cùng bảng, hoặc “khcn db migrate”, sẽ dựng chúng; trong lúc chờ, tìm kiếm chậm hơn.",
            en: "Import batch \(batch) is recorded in full, but its search indexes could not be built yet (\(cause)). No need to "
                + "import again: the next import into the same table, or “khcn db migrate”, builds them; until then searches are slower.",
            sqlstate: error.sqlstate)
    }
}
