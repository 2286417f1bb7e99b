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

/// Checks UTF-8 across chunk boundaries.
struct UTF8Validator {
    /// Continuation bytes still expected by the character in progress.
    private var pending = 0
    /// Allowed range of the next byte (narrower right after some lead bytes).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// Offset of the first byte that cannot be UTF-8, or nil. A character cut off at the end
    /// of the chunk is carried to the next one.
    mutating func firstInvalid(in bytes: ArraySlice<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalid(in: $0) }
    }

    private mutating func firstInvalid(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let words = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index < bytes.count {
            if pending == 0 {
                // ASCII eight bytes at a time: most of a Vietnamese file is ASCII.
                while index + 8 <= bytes.count && words.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < bytes.count else { break }
                // A two- or three-byte character wholly in this chunk (every Vietnamese letter)
                // at once; the same first bad byte as the byte-by-byte path below.
                let lead = bytes[index]
                if lead >= 0xC2 && lead <= 0xDF && index + 1 < bytes.count {
                    guard bytes[index + 1] & 0xC0 == 0x80 else { return index + 1 }
                    index += 2
                    continue
                }
                if lead >= 0xE0 && lead <= 0xEF && index + 2 < bytes.count {
                    let second = bytes[index + 1]
                    guard second >= (lead == 0xE0 ? 0xA0 : 0x80) && second <= (lead == 0xED ? 0x9F : 0xBF) else { return index + 1 }
                    guard bytes[index + 2] & 0xC0 == 0x80 else { return index + 2 }
                    index += 3
                    continue
                }
            }
            let byte = bytes[index]
            if pending > 0 {
                guard byte >= lower && byte <= upper else { return index }
                pending -= 1
                lower = 0x80
                upper = 0xBF
            } else if byte < 0x80 {
                // ASCII
            } else if byte >= 0xC2 && byte <= 0xDF {
                pending = 1
            } else if byte >= 0xE0 && byte <= 0xEF {
                pending = 2
                if byte == 0xE0 { lower = 0xA0 } else if byte == 0xED { upper = 0x9F }
            } else if byte >= 0xF0 && byte <= 0xF4 {
                pending = 3
                if byte == 0xF0 { lower = 0x90 } else if byte == 0xF4 { upper = 0x8F }
            } else {
                return index
            }
            index += 1
        }
        return nil
    }

    /// True when the input ended in the middle of a character.
    var isIncomplete: Bool { pending > 0 }
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
