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
        // Two single-byte Vietnamese code pages: decode with both and keep the one that reads
        // as Vietnamese. When they are close, say so rather than guess.
        let cp1258 = score(sample, .windows1258)
        let tcvn3 = score(sample, .tcvn3)
        if cp1258 > 0.9 && cp1258 - tcvn3 > 0.15 { return DetectedEncoding(encoding: .windows1258, bom: false, skip: 0) }
        if tcvn3 > 0.9 && tcvn3 - cp1258 > 0.15 { return DetectedEncoding(encoding: .tcvn3, bom: false, skip: 0) }
        throw ImportProblem(
            .encoding, line: nil,
            vi: "Không nhận ra bảng mã của tệp (không phải UTF-8; Windows-1258 \(percent(cp1258)), TCVN3 \(percent(tcvn3)) ký tự đọc được như tiếng Việt). Hãy chỉ rõ bằng --encoding windows-1258 hoặc --encoding tcvn3.",
            en: "Cannot tell the file's encoding (not UTF-8; Windows-1258 reads \(percent(cp1258)), TCVN3 \(percent(tcvn3)) of its letters as Vietnamese). Say which with --encoding windows-1258 or --encoding tcvn3.")
    }

    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// Valid UTF-8, allowing the sample to end inside a character.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.firstInvalid(in: bytes[...]) == nil
    }

    /// The share of words with non-ASCII letters that read as Vietnamese once decoded: made of
    /// letters only, at most one tone mark (a syllable has one), no capital after a small letter.
    /// The wrong code page turns "phường" into "phýừèng" or "ph­êng".
    static func score(_ sample: [UInt8], _ encoding: SourceEncoding) -> Double {
        guard let converter = try? IconvConverter(from: encoding.iconvName!),
              let decoded = try? converter.convert(sample[...], final: true) else { return 0 }
        let text = String(decoding: decoded, as: UTF8.self).precomposedStringWithCanonicalMapping
        let separators: Set<Character> = [" ", ",", ";", "\t", "\n", "\r", "\"", "(", ")", ".", "/", "-", ":"]
        var plausible = 0, total = 0
        for word in text.split(whereSeparator: { separators.contains($0) }) where word.contains(where: { !$0.isASCII }) {
            total += 1
            var tones = 0
            var ok = true
            var previousLower = false
            for character in word {
                if !character.isASCII && !vietnameseLetters.contains(character) { ok = false; break }
                if !character.isLetter && !character.isNumber { ok = false; break }
                if character.isUppercase && previousLower { ok = false; break }
                previousLower = character.isLowercase
                for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars
                where [0x300, 0x301, 0x303, 0x309, 0x323].contains(scalar.value) {
                    tones += 1
                }
            }
            if ok && tones <= 1 { plausible += 1 }
        }
        return total == 0 ? 0 : Double(plausible) / Double(total)
    }

    static let vietnameseLetters: Set<Character> = Set(
        "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
        + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ")
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
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if pending > 0 {
                guard byte >= lower && byte <= upper else { return index - bytes.startIndex }
                pending -= 1
                lower = 0x80
                upper = 0xBF
            } else if byte < 0x80 {
                // fast path for ASCII
            } else if byte >= 0xC2 && byte <= 0xDF {
                pending = 1
            } else if byte >= 0xE0 && byte <= 0xEF {
                pending = 2
                if byte == 0xE0 { lower = 0xA0 } else if byte == 0xED { upper = 0x9F }
            } else if byte >= 0xF0 && byte <= 0xF4 {
                pending = 3
                if byte == 0xF0 { lower = 0x90 } else if byte == 0xF4 { upper = 0x8F }
            } else {
                return index - bytes.startIndex
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
