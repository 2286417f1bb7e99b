import Foundation
import Registry

/// Standard output in 64 KiB writes: a `print` per record takes a lock and a `String` each,
/// and a streamed list (contract §8) prints tens of megabytes. What `print` wrote before is
/// flushed first, so the two never interleave out of order.
struct StandardOutput {
    private var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1 << 17)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A list's record, one level in (`[` opens the list), as `PrettyJSON.render` writes it.
    mutating func appendNested(_ record: CanonicalRecord) {
        PrettyJSON.render(record.json, level: 1, to: &bytes)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        fflush(nil)
        try? FileHandle.standardOutput.write(contentsOf: bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
