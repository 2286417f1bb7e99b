import Foundation

/// Reads an imported file as clerks have it and hands on UTF-8, chunk by chunk, in constant
/// memory: it hashes the original bytes (SHA-256 for the batch record), detects or applies the
/// encoding, converts through glibc iconv, and locates any invalid byte by line and column.
final class SourceReader {
    static let chunkSize = 1 << 20

    let path: String
    let detected: DetectedEncoding
    private let handle: FileHandle
    private let digest = SHA256Digest()
    private var converter: IconvConverter?
    private var validator = UTF8Validator()
    private var tracker = LineTracker()
    private var first: [UInt8]?
    private var finished = false
    private(set) var sha256 = ""
    /// Bytes read so far, for the progress bar.
    private(set) var bytesRead = 0
    let fileSize: Int

    /// Opens the file; a missing file or a directory is exit 66, an empty file a header-error.
    init(path: String, encoding requested: SourceEncoding?) throws(RegistryError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                                vi: "Không có tệp \(path).", en: "No such file: \(path).")
        }
        if isDirectory.boolValue {
            throw RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                                vi: "\(path) là một thư mục, không phải tệp CSV.", en: "\(path) is a directory, not a CSV file.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RegistryError(.inputFile, type: "file-error", field: "file", value: path,
                                vi: "Không đọc được tệp \(path) (quyền truy cập?).", en: "Cannot read \(path) (permissions?).")
        }
        self.handle = handle
        self.fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let sample = (try? handle.read(upToCount: SourceReader.chunkSize)).map { [UInt8]($0) } ?? []
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
        sample.withUnsafeBytes { digest.update($0) }
        bytesRead = sample.count
        first = Array(sample.dropFirst(detected.skip))
    }

    deinit { try? handle.close() }

    /// The next piece of the file as UTF-8, or nil at the end.
    func next() throws(ImportProblem) -> [UInt8]? {
        if finished { return nil }
        var chunk: [UInt8]
        if let pending = first {
            chunk = pending
            first = nil
        } else {
            let data = (try? handle.read(upToCount: SourceReader.chunkSize)) ?? Data()
            chunk = [UInt8](data)
            chunk.withUnsafeBytes { digest.update($0) }
            bytesRead += chunk.count
        }
        let atEnd = chunk.isEmpty || bytesRead >= fileSize
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

/// Counts physical lines (LF, CRLF or CR) and the character column in UTF-8 text.
struct LineTracker {
    private(set) var line = 1
    private(set) var column = 1
    private var afterCR = false

    mutating func advance(over bytes: ArraySlice<UInt8>) {
        for byte in bytes {
            if byte == 0x0A {
                if !afterCR { line += 1 }
                column = 1
                afterCR = false
            } else if byte == 0x0D {
                line += 1
                column = 1
                afterCR = true
            } else {
                afterCR = false
                if byte & 0xC0 != 0x80 { column += 1 }
            }
        }
    }
}
