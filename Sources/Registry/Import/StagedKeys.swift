/// Whether a key may stand twice in the file, learnt while the rows are staged (issue 15): the
/// set-based check "a key twice in one file" (`RegistryChecks`) groups every staged row by its
/// key, 0.15–0.3 s of a re-import of 200,000 rows. Each staged row's key is hashed here as it
/// goes by; when no hash comes twice no key does, and the check is skipped. When one does (a
/// real duplicate, or two keys whose hashes meet), the check runs as before and names the lines.
///
/// Only kinds whose key columns are compared as staged text (`UpsertSQL.Field.staged` without a
/// cast) are tracked: equal keys are then equal bytes. A key compared as a date or a number
/// (funds, allocations, fees, GI managers and users) always gets the SQL check.
/// Memory: one `Int` per staged row, about 16 MB at a million, up to `limit` rows: past it the
/// file is taken as one that may repeat a key (the SQL check runs, cheap beside a file that
/// size), so memory stays bounded whatever the file size (contract §8: under 100 MB). Tracking
/// stops, and the set is freed, at the first repeat or at the limit.
final class StagedKeys {
    /// 2²⁰ rows: a set of that many hashes peaks near 40 MB while it grows (review, issue 15:
    /// 3.2M rows tracked reached 108 MB).
    static let limit = 1 << 20

    /// Positions of the key columns among the kind's canonical columns; nil: not tracked.
    private let positions: [Int]?
    private let limit: Int
    private var seen: Set<Int> = []
    private(set) var mayRepeat: Bool

    init(_ kind: RecordKind, columns: [ImportColumn], limit: Int = StagedKeys.limit) {
        self.limit = limit
        let keys = UpsertSQL.spec(kind).keys
        let plain = !keys.isEmpty && keys.allSatisfy { $0.staged == "s.\($0.column)" }
        let positions = keys.compactMap { key in columns.firstIndex { $0.name == key.column } }
        self.positions = plain && positions.count == keys.count ? positions : nil
        self.mayRepeat = self.positions == nil
    }

    /// Notes the key of a row that is being staged (`values` as `RowDecoder` filled them).
    func add(_ record: CSVRecord, _ values: [StagedValue?]) {
        guard !mayRepeat, let positions else { return }
        var hasher = Hasher()
        record.bytes.withUnsafeBufferPointer { bytes in
            for position in positions {
                switch values[position] {
                case .cell(let range)?:
                    hasher.combine(range.count)
                    hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])))
                case .text(var text)?:
                    hasher.combine(text.utf8.count)
                    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                case nil:
                    hasher.combine(-1)
                }
            }
        }
        if !seen.insert(hasher.finalize()).inserted || seen.count >= limit {
            mayRepeat = true
            seen = []
        }
    }
}
