import Foundation
import Registry
import Synchronization

/// Standard output in 64 KiB writes: a `print` per record takes a lock and a `String` each,
/// and a streamed list (contract §8) prints tens of megabytes. What `print` wrote before is
/// flushed first, so the two never interleave out of order.
struct StandardOutput {
    private var bytes: [UInt8] = []
    /// A write that failed (a full disk): the output is cut (`requireOutputWritten`, exit 66).
    private static let failure = Atomic<Bool>(false)
    static var failed: Bool { failure.load(ordering: .relaxed) }

    init() {
        bytes.reserveCapacity(1 << 17)
    }

    /// Output of a streamed document (`StreamedDocument`: it has begun once anything is appended).
    mutating func append(_ text: String) {
        StreamedDocument.begin()
        bytes.append(contentsOf: text.utf8)
    }

    /// A list's record, one level in (`[` opens the list), as `PrettyJSON.render` writes it.
    mutating func appendNested(_ record: CanonicalRecord) {
        StreamedDocument.begin()
        PrettyJSON.render(record.json, level: 1, to: &bytes)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        fflush(nil)   // what `print` buffered goes first
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 { offset += written; continue }
                if written < 0 && errno == EINTR { continue }
                Self.failure.store(true, ordering: .relaxed)
                return
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
