import Foundation

/// Reads an imported file as clerks have it and hands on UTF-8, chunk by chunk, in constant
/// memory: it hashes the original bytes (SHA-256 for the batch record), detects or applies the
/// encoding, converts through glibc iconv, and locates any invalid byte by line and column.
/// The input is read to its end whatever it is (file, pipe, FIFO, standard input), and the
/// batch's SHA-256 and size cover exactly the bytes read.
final class SourceReader {
    /// 64 KB: the staging COPY sends each piece as soon as it is checked, so the server stores
    /// the first rows while the rest is still being read (issue 15: at 1 MB, the everyday
    /// file of 1.6 MB reached the server in two pieces, the first after 17 ms of parsing; the
    /// COPY took 27–35 ms, 24 ms now, by the client's own timeline, three runs each).
    static let chunkSize = 1 << 16

    let path: String
    let detected: DetectedEncoding
    private let input: SourceInput
    private let digest = SHA256Digest()
    private var converter: IconvConverter?
    private var validator = UTF8Validator()
    private var tracker = LineTracker()
    private var first: [UInt8]?
    private let firstIsLast: Bool
    private var finished = false
    private let spool: SourceSpool?
    private(set) var sha256 = ""
    /// Bytes read so far: the progress bar's position, and the batch's size once finished.
    private(set) var bytesRead = 0
    /// A regular file's size; nil for a pipe (the progress bar then shows no total).
    var fileSize: Int? { input.size }
    /// The file name a batch records (`stdin` for `-`).
    var name: String { input.name }
    var identity: (device: UInt64, inode: UInt64) { input.identity }
    /// Where the original bytes can be read again (for the rejects file): the file itself, or
    /// the copy kept of a pipe when `keepCopy` was asked for.
    var replayPath: String? { input.canBeReadAgain ? path : spool?.path }

    /// Opens the input; a missing file or a directory is exit 66, an empty file a header-error.
    /// `keepCopy`: keep the bytes of a pipe, which cannot be read twice, for `replayPath`.
    init(path: String, encoding requested: SourceEncoding?, keepCopy: Bool = false) throws(RegistryError) {
        self.path = path
        input = try SourceInput(path: path)
        spool = keepCopy && !input.canBeReadAgain ? try SourceSpool() : nil
        let sample = try input.read(upTo: SourceReader.chunkSize)
        if sample.isEmpty {
            throw RegistryError(.rule, type: "header-error", field: "header", value: "",
                                vi: "Tệp \(path) rỗng: cần ít nhất dòng tiêu đề.", en: "\(path) is empty: a header line is needed at least.")
        }
        do {
            self.detected = try EncodingDetector.detect(sample: Array(sample.prefix(65536)), requested: requested)
        } catch {
            throw RegistryError(.rule, type: error.kind.rawValue, field: "encoding", value: nil, vi: error.vietnamese, en: error.english)
        }
        switch detected.encoding {
        case .utf8: converter = nil
        case .utf16: converter = try? IconvConverter(from: detected.bigEndian ? "UTF-16BE" : "UTF-16LE")
        default: converter = try? IconvConverter(from: detected.encoding.iconvName!)
        }
        // A read comes back short only at the end of the input.
        firstIsLast = sample.count < SourceReader.chunkSize
        try consume(sample)
        first = Array(sample.dropFirst(detected.skip))
    }

    /// Counts, hashes and (for a pipe) keeps every byte read.
    private func consume(_ bytes: [UInt8]) throws(RegistryError) {
        bytes.withUnsafeBytes { digest.update($0) }
        bytesRead += bytes.count
        try spool?.append(bytes)
    }

    /// The next piece of the input as UTF-8, or nil at the end. Throws an `ImportProblem` for
    /// bytes that are not text, a `RegistryError` (66) when the input cannot be read.
    func next() throws -> [UInt8]? {
        if finished { return nil }
        var chunk: [UInt8]
        let atEnd: Bool
        if let pending = first {
            chunk = pending
            first = nil
            atEnd = firstIsLast
        } else {
            chunk = try input.read(upTo: SourceReader.chunkSize)
            try consume(chunk)
            atEnd = chunk.count < SourceReader.chunkSize
        }
        if atEnd {
            finished = true
            sha256 = digest.hexDigest()
        }
        guard let converter else {
            if let bad = validator.firstInvalid(in: chunk[...]) {
                tracker.advance(over: chunk[..<bad])
                throw invalidByte(chunk[bad])
            }
            if atEnd && validator.isIncomplete {
                tracker.advance(over: chunk[...])
                throw ImportProblem(
                    .encoding, line: tracker.line, field: "encoding",
                    vi: "Tệp kết thúc giữa một ký tự UTF-8 (dòng \(tracker.line)): tệp bị cắt cụt hoặc không phải UTF-8.",
                    en: "The file ends inside a UTF-8 character (line \(tracker.line)): truncated, or not UTF-8.")
            }
            tracker.advance(over: chunk[...])
            return chunk.isEmpty && atEnd ? nil : chunk
        }
        do {
            let output = try converter.convert(chunk[...], final: atEnd)
            tracker.advance(over: output[...])
            return output.isEmpty && atEnd ? nil : output
        } catch {
            // Convert the good part before the bad byte to find its line and column.
            if let good = try? IconvConverter(from: detected.encoding == .utf16 ? (detected.bigEndian ? "UTF-16BE" : "UTF-16LE") : detected.encoding.iconvName!),
               let prefix = try? good.convert(chunk[..<min(error.offset, chunk.count)], final: false) {
                tracker.advance(over: prefix[...])
            }
            throw invalidByte(error.byte)
        }
    }

    private func invalidByte(_ byte: UInt8) -> ImportProblem {
        let hex = String(format: "0x%02X", byte)
        let name = detected.encoding.rawValue
        return ImportProblem(
            .encoding, line: tracker.line, field: "encoding", value: hex,
            vi: "Byte \(hex) ở dòng \(tracker.line), cột \(tracker.column) không hợp lệ trong bảng mã \(name). Nếu tệp lưu từ Excel cũ, thử --encoding windows-1258 hoặc --encoding tcvn3.",
            en: "Byte \(hex) at line \(tracker.line), column \(tracker.column) is not valid \(name). If the file was saved by an old Excel, try --encoding windows-1258 or --encoding tcvn3.")
    }
}

/// Counts physical lines (LF, CRLF or CR) and the character column in UTF-8 text. A chunk is
/// counted in passes the compiler vectorises (issue 15: the reader keeps pace with the parser);
/// the column only matters after the chunk's last line break.
struct LineTracker {
    private(set) var line = 1
    private(set) var column = 1
    private var afterCR = false

    mutating func advance(over bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { advance(over: $0) }
    }

    private mutating func advance(over bytes: UnsafeBufferPointer<UInt8>) {
        guard let last = bytes.last else { return }
        // Every CR ends a line, and every LF but the one of a CRLF.
        var returns = 0, feeds = 0
        for byte in bytes {
            returns &+= byte == 0x0D ? 1 : 0
            feeds &+= byte == 0x0A ? 1 : 0
        }
        var pairs = afterCR && bytes[0] == 0x0A ? 1 : 0
        if returns > 0 {
            for index in 1..<bytes.count { pairs &+= bytes[index] == 0x0A && bytes[index - 1] == 0x0D ? 1 : 0 }
        }
        line += returns + feeds - pairs
        afterCR = last == 0x0D
        // Characters after the last line break (a character starts at any byte but 10xxxxxx).
        let lastBreak = bytes.lastIndex { $0 == 0x0A || $0 == 0x0D }
        var characters = 0
        for byte in bytes[(lastBreak.map { $0 + 1 } ?? 0)...] { characters &+= byte & 0xC0 != 0x80 ? 1 : 0 }
        column = lastBreak == nil ? column + characters : 1 + characters
    }
}
