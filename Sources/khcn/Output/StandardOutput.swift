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

    /// A list's record, one level in (`[` opens the list): the JSON the database wrote,
    /// re-indented byte for byte as `JSON.rendered()` prints it, through `JSON` itself only
    /// where `PrettyJSON` declines.
    mutating func appendNested(_ record: CanonicalRecord) {
        var text = record.json
        let done = text.withUTF8 { PrettyJSON.append($0, level: 1, to: &bytes) }
        if !done {
            // Strings never hold a raw line break (they are escaped), so indenting every line nests the object.
            append(JSON.parse(record.json).rendered().replacingOccurrences(of: "\n", with: "\n  "))
        }
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        fflush(nil)
        try? FileHandle.standardOutput.write(contentsOf: bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
