import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The encodings clerks' spreadsheets arrive in (contract §6).
public enum SourceEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1258 = "windows-1258"
    case tcvn3

    /// glibc iconv's name for it (both Vietnamese code pages compose to NFC on the way out).
    var iconvName: String? {
        switch self {
        case .utf8: nil
        case .utf16: nil   // chosen by byte order: UTF-16LE / UTF-16BE
        case .windows1258: "WINDOWS-1258"
        case .tcvn3: "TCVN5712-1"
        }
    }
}

/// What the first bytes of a file say about its encoding.
struct DetectedEncoding {
    var encoding: SourceEncoding
    var bom: Bool
    var bigEndian = false
    /// Bytes to skip at the start (the BOM).
    var skip: Int
}

enum EncodingDetector {
    /// Looks at the BOM, then at the sample; `requested` (not `auto`) is trusted after the BOM.
    static func detect(sample: [UInt8], requested: SourceEncoding?) throws(ImportProblem) -> DetectedEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return DetectedEncoding(encoding: .utf8, bom: true, skip: 3) }
        if sample.starts(with: [0xFF, 0xFE]) { return DetectedEncoding(encoding: .utf16, bom: true, skip: 2) }
        if sample.starts(with: [0xFE, 0xFF]) { return DetectedEncoding(encoding: .utf16, bom: true, bigEndian: true, skip: 2) }
        if let requested {
            if requested == .utf16 {
                // No BOM: guess the byte order from where the zero bytes of ASCII text sit.
                let evenZeros = stride(from: 0, to: min(sample.count, 4096), by: 2).filter { sample[$0] == 0 }.count
                return DetectedEncoding(encoding: .utf16, bom: false, bigEndian: evenZeros > 0, skip: 0)
            }
            return DetectedEncoding(encoding: requested, bom: false, skip: 0)
        }
        if sample.isEmpty || isUTF8(sample) { return DetectedEncoding(encoding: .utf8, bom: false, skip: 0) }
        // Two single-byte Vietnamese code pages: decode with both and keep the one whose words
        // read as Vietnamese syllables, by a clear margin. A 2-row file holds enough words.
        let windows = reading(sample, as: .windows1258)
        let tcvn = reading(sample, as: .tcvn3)
        if let chosen = clearChoice(windows1258: windows, tcvn3: tcvn) {
            return DetectedEncoding(encoding: chosen, bom: false, skip: 0)
        }
        let cp1258 = percent(windows), tcvn3 = percent(tcvn)
        throw ImportProblem(
            .encoding, line: nil, field: "encoding",
            vi: "Không nhận ra bảng mã của tệp (không phải UTF-8; đọc theo Windows-1258 thì \(cp1258), theo TCVN3 thì \(tcvn3) số từ có dấu là âm tiết tiếng Việt). Hãy chỉ rõ bằng --encoding windows-1258 hoặc --encoding tcvn3.",
            en: "Cannot tell the file's encoding (not UTF-8; read as Windows-1258, \(cp1258) of its accented words are Vietnamese syllables; as TCVN3, \(tcvn3)). Say which with --encoding windows-1258 or --encoding tcvn3.")
    }

    /// The share of syllables a reading must reach, and its lead over the other reading:
    /// the right code page reads nearly every word, the wrong one at most half.
    static let enoughShare = 0.8
    static let enoughLead = 0.3

    /// The code page that reads clearly better, or nil when neither does (contract §6: when
    /// unsure, stop and name the flag). A code page that cannot decode the bytes reads nothing.
    static func clearChoice(windows1258: VietnameseTally?, tcvn3: VietnameseTally?) -> SourceEncoding? {
        if clearlyBetter(windows1258, than: tcvn3) { return .windows1258 }
        if clearlyBetter(tcvn3, than: windows1258) { return .tcvn3 }
        return nil
    }

    /// Most words read in one and far fewer in the other; or, in a small file, every word
    /// reads in one and some word cannot be Vietnamese in the other ("xã" in Windows-1258 is
    /// "xaị" in TCVN3, a tone on the wrong vowel).
    private static func clearlyBetter(_ reading: VietnameseTally?, than other: VietnameseTally?) -> Bool {
        guard let reading, reading.syllables > 0 else { return false }
        let other = other ?? VietnameseTally("")
        if reading.share >= enoughShare && reading.share - other.share >= enoughLead { return true }
        return reading.others == 0 && other.others > 0
    }

    private static func percent(_ tally: VietnameseTally?) -> String {
        guard let tally else { return "0%" }
        return "\(Int((tally.share * 100).rounded()))% (\(tally.syllables)/\(tally.syllables + tally.others))"
    }

    /// Valid UTF-8, allowing the sample to end inside a character.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.firstInvalid(in: bytes[...]) == nil
    }

    /// How the sample reads once decoded with a single-byte code page and composed to NFC
    /// (glibc composes most tone marks, not all); nil when the code page cannot decode it.
    static func reading(_ sample: [UInt8], as encoding: SourceEncoding) -> VietnameseTally? {
        guard let name = encoding.iconvName, let converter = try? IconvConverter(from: name),
              let decoded = try? converter.convert(sample[...], final: true) else { return nil }
        return VietnameseTally(String(decoding: decoded, as: UTF8.self).precomposedStringWithCanonicalMapping)
    }

    /// The delimiter of the header line, read from the raw bytes (`,` `;` and tab are ASCII in
    /// every code page but UTF-16), for the dialect line printed when the encoding is unknown.
    static func delimiter(ofFileAt path: String) -> UInt8 {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0x2C }
        defer { try? handle.close() }
        let sample = (try? handle.read(upToCount: 65536)).map { [UInt8]($0) } ?? []
        return CSVParser.detectDelimiter(sample)
    }
}

/// Checks UTF-8 across chunk boundaries, as a shift-based DFA: a state is a bit offset, and
/// each byte's row of the table holds, at each state's offset, the state that byte leads to,
/// so a byte costs one load and one shift with no branch (issue 15: the reader keeps pace
/// with the parser). The states follow RFC 3629's table of well-formed sequences.
struct UTF8Validator {
    /// The states, as offsets into a row. `error` is 0, so that it never leaves itself.
    private static let error: UInt64 = 0, accept: UInt64 = 6, tail1: UInt64 = 12, tail2: UInt64 = 18, tail3: UInt64 = 24
    /// After E0 (next A0–BF), ED (80–9F: no surrogates), F0 (90–BF), F4 (80–8F: ≤ U+10FFFF).
    private static let afterE0: UInt64 = 30, afterED: UInt64 = 36, afterF0: UInt64 = 42, afterF4: UInt64 = 48

    private static let rows: [UInt64] = (0...255).map { (byte: Int) -> UInt64 in
        var row: UInt64 = 0
        func on(_ state: UInt64, to next: UInt64) { row |= next << state }
        switch byte {
        case 0x00...0x7F: on(accept, to: accept)
        case 0xC2...0xDF: on(accept, to: tail1)
        case 0xE0: on(accept, to: afterE0)
        case 0xE1...0xEC, 0xEE...0xEF: on(accept, to: tail2)
        case 0xED: on(accept, to: afterED)
        case 0xF0: on(accept, to: afterF0)
        case 0xF1...0xF3: on(accept, to: tail3)
        case 0xF4: on(accept, to: afterF4)
        default: break
        }
        if (0x80...0xBF).contains(byte) {
            on(tail1, to: accept)
            on(tail2, to: tail1)
            on(tail3, to: tail2)
            if byte >= 0xA0 { on(afterE0, to: tail1) }
            if byte <= 0x9F { on(afterED, to: tail1) }
            if byte >= 0x90 { on(afterF0, to: tail2) }
            if byte <= 0x8F { on(afterF4, to: tail2) }
        }
        return row
    }

    private var state = UTF8Validator.accept

    /// Offset of the first byte that cannot be UTF-8, or nil. A character cut off at the end
    /// of the chunk is carried to the next one.
    mutating func firstInvalid(in bytes: ArraySlice<UInt8>) -> Int? {
        UTF8Validator.rows.withUnsafeBufferPointer { rows in
            bytes.withUnsafeBufferPointer { bytes in
                // Blocks without a check per byte; a block that fails is read again byte by byte.
                var start = 0
                while start < bytes.count {
                    let end = min(start + 4096, bytes.count)
                    var state = self.state
                    for byte in UnsafeBufferPointer(rebasing: bytes[start..<end]) { state = (rows[Int(byte)] &>> state) & 63 }
                    if state == UTF8Validator.error {
                        for index in start..<end {
                            self.state = (rows[Int(bytes[index])] &>> self.state) & 63
                            if self.state == UTF8Validator.error { return index }
                        }
                    }
                    self.state = state
                    start = end
                }
                return nil
            }
        }
    }

    /// True when the input ended in the middle of a character.
    var isIncomplete: Bool { state != UTF8Validator.accept }
}

/// glibc iconv to UTF-8, fed chunk by chunk. Both Vietnamese converters hold the last
/// character back until the final flush, which `convert(final: true)` performs.
final class IconvConverter {
    private let descriptor: iconv_t
    private var carry: [UInt8] = []

    struct Failure: Error {
        /// Offset, in the bytes given so far to this call (after the carry), of the bad byte.
        let offset: Int
        let byte: UInt8
    }

    init(from encoding: String) throws {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { throw Failure(offset: 0, byte: 0) }
        self.descriptor = descriptor!
    }

    deinit { iconv_close(descriptor) }

    func convert(_ chunk: ArraySlice<UInt8>, final: Bool) throws(Failure) -> [UInt8] {
        var input = carry + chunk
        carry.removeAll()
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var produced = 0
        var consumed = 0
        let count = input.count
        var failure: Failure?
        input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(source.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = target.count
                while inLeft > 0 {
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    if result != -1 { break }
                    let error = errno
                    if error == EINVAL {
                        // A character cut by the chunk boundary: keep it for next time.
                        break
                    }
                    let offset = count - inLeft
                    failure = Failure(offset: offset, byte: source[offset])
                    return
                }
                consumed = count - inLeft
                if final {
                    _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                }
                produced = target.count - outLeft
            }
        }
        if let failure { throw failure }
        if consumed < count {
            if final { throw Failure(offset: consumed, byte: input[consumed]) }
            carry = Array(input[consumed...])
        }
        return Array(output.prefix(produced))
    }
}
