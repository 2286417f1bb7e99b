/// The stages of an import, in the order they run, reported through `Importer.run`'s `phase`
/// callback so that a terminal can say what the database is busy with (issue 12: the bar sat
/// at 97% for 30 s while the registry was written). The same stages are timed under
/// `KHCN_TRACE=1`.
public enum ImportPhase: String, Sendable, CaseIterable {
    /// Decoding, parsing and checking each row in Swift while COPY stages it.
    case reading
    /// The checks that need the registry (unknown enterprises, duplicates), in SQL.
    case checking
    /// The upsert by natural key with its audit rows (in a dry run, undone afterwards), and
    /// the batch's counts and commit.
    case writing
    /// Rebuilding the search indexes set aside for a first load into an empty table.
    case indexing
}
