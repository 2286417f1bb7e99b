import Foundation

/// Whether a key may stand twice in the file, learnt while the rows are staged (issue 15): the
/// set-based check "a key twice in one file" (`RegistryChecks`) groups every staged row by its
/// key, 0.15–0.3 s of a re-import of 200,000 rows. When no key can come twice the check is
/// skipped; when one may (a real duplicate, or two keys whose hashes meet), it runs as before
/// and names the lines.
///
/// Most files come sorted by their key (an export, a register kept in order): while each key's
/// bytes sort after the previous key's, no key has come twice, which costs one comparison per
/// row. Each key is also hashed into a plain list (8 bytes a row), which is sorted only if the
/// order breaks, to look for two equal hashes. (A set of the hashes, probed at every row, was
/// 10% of the client's time in a dry run of a million rows.)
///
/// Only kinds whose key columns are compared as staged text (`UpsertSQL.Field.staged` without a
/// cast) are tracked: equal keys are then equal bytes. A key compared as a date or a number
/// (funds, allocations, fees, GI managers and users) always gets the SQL check.
/// Memory: at most `limit` hashes (8 MB): a file still in order past that many rows needs none
/// (its order alone rules a repeat out), one out of order past it is taken as one that may
/// repeat a key (the SQL check runs, cheap beside a file that size), so memory stays bounded
/// whatever the file size (contract §8: under 100 MB).
final class StagedKeys {
    static let limit = 1 << 20

    /// Positions of the key columns among the kind's canonical columns; nil: not tracked.
    private let positions: [Int]?
    private let limit: Int
    private var hashes: [Int] = []
    /// The key of the previous row and of this one, each column's bytes followed by 0xFF (a
    /// byte no UTF-8 text holds, so that two different keys never give the same bytes).
    private var previous: [UInt8] = []
    private var current: [UInt8] = []
    private var rows = 0
    private var ascending = true
    /// Untracked kind, or too many rows out of order: the SQL check must run.
    private var untracked: Bool
    private var repeated: Bool?

    init(_ kind: RecordKind, columns: [ImportColumn], limit: Int = StagedKeys.limit) {
        self.limit = limit
        let keys = UpsertSQL.spec(kind).keys
        let plain = !keys.isEmpty && keys.allSatisfy { $0.staged == "s.\($0.column)" }
        let positions = keys.compactMap { key in columns.firstIndex { $0.name == key.column } }
        self.positions = plain && positions.count == keys.count ? positions : nil
        self.untracked = self.positions == nil
    }

    /// Whether two staged rows may have the same key.
    var mayRepeat: Bool {
        if untracked { return true }
        if ascending { return false }
        if let repeated { return repeated }
        hashes.sort()
        let found = zip(hashes, hashes.dropFirst()).contains { $0 == $1 }
        repeated = found
        return found
    }

    /// Notes the key of a row that is being staged (`values` as `RowDecoder` filled them).
    func add(_ record: CSVRecord, _ values: [StagedValue?]) {
        guard !untracked, let positions else { return }
        repeated = nil
        current.removeAll(keepingCapacity: true)
        var hasher = Hasher()
        record.bytes.withUnsafeBufferPointer { bytes in
            for position in positions {
                switch values[position] {
                case .cell(let range)?:
                    hasher.combine(range.count)
                    let cell = UnsafeBufferPointer(rebasing: bytes[range])
                    hasher.combine(bytes: UnsafeRawBufferPointer(cell))
                    current.append(contentsOf: cell)
                case .text(var text)?:
                    hasher.combine(text.utf8.count)
                    text.withUTF8 {
                        hasher.combine(bytes: UnsafeRawBufferPointer($0))
                        current.append(contentsOf: $0)
                    }
                case nil:
                    hasher.combine(-1)
                    current.append(0xFE)
                }
                current.append(0xFF)
            }
        }
        if ascending && rows > 0 && !Self.precedes(previous, current) { ascending = false }
        swap(&previous, &current)
        rows += 1
        if hashes.count < limit { hashes.append(hasher.finalize()) }
        if !ascending && rows >= limit {
            untracked = true
            hashes = []
        }
    }

    /// Whether `a` sorts strictly before `b`, byte by byte (a prefix first).
    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let order = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count)) }
        }
        return order < 0 || order == 0 && a.count < b.count
    }
}
