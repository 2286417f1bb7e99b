import Foundation
import Registry

/// Where a document is written as it is made (contract §8: every command streams, reports
/// included): a temporary file beside the target, renamed into place by `finish`, so that a
/// failure half-way never leaves half a report (as `Data.write(options: .atomic)` did when the
/// report was one string). Text goes out in 64 KB writes.
final class TextSink {
    let path: String
    private let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Contract §3: a folder that is missing or not writable is 66 (`inputFile`), and nothing is written.
    init(path: String) throws(RegistryError) {
        self.path = path
        // Hidden beside the target (`.report.html.partial-PID`): a run killed by a signal,
        // which no handler here catches, leaves it out of the clerk's listing.
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".partial-\(getpid())").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw TextSink.cannotWrite(path)
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    static func cannotWrite(_ path: String) -> RegistryError {
        RegistryError(.inputFile, type: "file-error", field: "output", value: path,
                      vi: "Không ghi được \(path) (thư mục không có hoặc không có quyền ghi).",
                      en: "Cannot write \(path) (the folder is missing or not writable).")
    }

    func write(_ text: String) throws(RegistryError) {
        buffer.append(contentsOf: text.utf8)
        guard buffer.count >= 1 << 16 else { return }
        do { try flush() } catch { throw TextSink.cannotWrite(path) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in place (rename(2): the old file is replaced in one step).
    func finish() throws(RegistryError) {
        do {
            try flush()
            try handle.close()
        } catch {
            abandon()
            throw TextSink.cannotWrite(path)
        }
        guard rename(temporary, path) == 0 else {
            abandon()
            throw TextSink.cannotWrite(path)
        }
    }

    /// Removes the partial file after a failure.
    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }

    /// Runs `body` writing into a sink for `path`: finished when it returns, removed when it throws.
    static func writing(to path: String, _ body: (TextSink) throws -> Void) throws {
        let sink = try TextSink(path: path)
        do {
            try body(sink)
        } catch {
            sink.abandon()
            throw error
        }
        try sink.finish()
    }
}
