import Foundation

/// Re-indents the compact JSON text PostgreSQL writes (`row_to_json`) into exactly the bytes
/// that `JSON.parse(text).rendered()` would print, without building a `JSON` value or a
/// `String` on the way: a list of 200,000 applications is 150 MB of `--json` (contract §8:
/// within 3× of `khcn export ip`). Whatever it cannot reproduce byte for byte (a surrogate
/// pair, text that is not JSON) it refuses, and the caller takes the `JSON` path for that
/// record, so the output never depends on which path ran.
struct PrettyJSON {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Appends the JSON text `json` (a record the database wrote) as `JSON.rendered()` prints
    /// it nested at `level` (the first line not indented): re-indented where `append` can,
    /// else through `JSON` itself.
    static func render(_ json: String, level: Int, to out: inout [UInt8]) {
        var text = json
        if text.withUTF8({ append($0, level: level, to: &out) }) { return }
        out.append(contentsOf: JSON.parse(json).rendered(depth: level).utf8)
    }

    /// Appends `compact` rendered at nesting `level` (its first line not indented: the caller
    /// has placed it), or returns false with `out` as it was.
    static func append(_ compact: UnsafeBufferPointer<UInt8>, level: Int, to out: inout [UInt8]) -> Bool {
        let mark = out.count
        var reader = PrettyJSON(compact)
        guard reader.value(level: level, into: &out), reader.atEnd() else {
            out.removeSubrange(mark...)
            return false
        }
        return true
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private mutating func atEnd() -> Bool {
        skipSpace()
        return position == bytes.count
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// A line break and the indentation of `level`, as `JSON.rendered()` writes them.
    private static func newline(_ level: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private mutating func value(level: Int, into out: inout [UInt8]) -> Bool {
        skipSpace()
        guard let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "{"): return sequence(close: UInt8(ascii: "}"), level: level, into: &out, keyed: true)
        case UInt8(ascii: "["): return sequence(close: UInt8(ascii: "]"), level: level, into: &out, keyed: false)
        case UInt8(ascii: "\""): return string(into: &out)
        case UInt8(ascii: "t"): return literal("true", into: &out)
        case UInt8(ascii: "f"): return literal("false", into: &out)
        case UInt8(ascii: "n"): return literal("null", into: &out)
        default: return number(into: &out)
        }
    }

    /// An object's members or an array's items, one a line; `{}` and `[]` when empty.
    private mutating func sequence(close: UInt8, level: Int, into out: inout [UInt8], keyed: Bool) -> Bool {
        out.append(bytes[position])
        position += 1
        skipSpace()
        if peek() == close {
            position += 1
            out.append(close)
            return true
        }
        while true {
            PrettyJSON.newline(level + 1, into: &out)
            if keyed {
                skipSpace()
                guard peek() == UInt8(ascii: "\""), string(into: &out) else { return false }
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { return false }
                position += 1
                out.append(contentsOf: [UInt8(ascii: ":"), 0x20])
            }
            guard value(level: level + 1, into: &out) else { return false }
            skipSpace()
            guard let next = peek() else { return false }
            position += 1
            if next == close { break }
            guard next == UInt8(ascii: ",") else { return false }
            out.append(next)
        }
        PrettyJSON.newline(level, into: &out)
        out.append(close)
        return true
    }

    private mutating func literal(_ word: StaticString, into out: inout [UInt8]) -> Bool {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard position + text.count <= bytes.count, bytes[position..<position + text.count].elementsEqual(text) else { return false }
        position += text.count
        out.append(contentsOf: text)
        return true
    }

    /// A number, read and printed by the very rules of `JSON.parse` and `JSON.rendered()`
    /// (an integer as `Int` prints it, else a `Double`): a fund's `share_used` is a fraction.
    private mutating func number(into out: inout [UInt8]) -> Bool {
        let start = position
        while let byte = peek(), "+-0123456789.eE".utf8.contains(byte) { position += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if let integer = Int(text) {
            out.append(contentsOf: String(integer).utf8)
        } else if let value = Double(text) {
            out.append(contentsOf: JSON.number(value).rendered(pretty: false).utf8)
        } else {
            return false
        }
        return true
    }

    /// A string, its escapes decoded and written again as `JSON` escapes them: the same
    /// scalars, with C0/C1 controls and bidirectional overrides as `\uXXXX` (contract §4).
    private mutating func string(into out: inout [UInt8]) -> Bool {
        position += 1
        out.append(UInt8(ascii: "\""))
        var run = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
                // Copy the plain bytes before this one, then see what it is.
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<position]))
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    out.append(byte)
                    return true
                }
                guard let scalar = nextScalar() else { return false }
                PrettyJSON.escape(scalar, into: &out)
                run = position
            } else {
                position += 1
            }
        }
        return false
    }

    /// The scalar at `position` (an escape, or a raw byte sequence that may need escaping),
    /// moving past it; nil where `JSON.parse` would not read exactly one scalar.
    private mutating func nextScalar() -> UInt32? {
        let byte = bytes[position]
        if byte == UInt8(ascii: "\\") {
            guard position + 1 < bytes.count else { return nil }
            let escaped = bytes[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "n"): return 0x0A
            case UInt8(ascii: "r"): return 0x0D
            case UInt8(ascii: "t"): return 0x09
            case UInt8(ascii: "b"): return 0x08
            case UInt8(ascii: "f"): return 0x0C
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count else { return nil }
                var code: UInt32 = 0
                for digit in bytes[position..<position + 4] {
                    guard let value = PrettyJSON.hexValue(digit) else { return nil }
                    code = code << 4 | value
                }
                position += 4
                // Surrogates: `JSON.parse` pairs them its own way; let it.
                return (0xD800...0xDFFF).contains(code) ? nil : code
            default:
                return escaped < 0x80 ? UInt32(escaped) : nil
            }
        }
        // A raw scalar: one byte, or the two- and three-byte forms whose lead bytes were flagged.
        let length = byte < 0x80 ? 1 : byte == 0xC2 ? 2 : 3
        guard position + length <= bytes.count else { return nil }
        let code: UInt32
        switch length {
        case 1: code = UInt32(byte)
        case 2: code = UInt32(byte & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F)
        default: code = UInt32(byte & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F)
        }
        for index in 1..<length where bytes[position + index] & 0xC0 != 0x80 { return nil }
        position += length
        return code
    }

    private static func hexValue(_ digit: UInt8) -> UInt32? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(digit - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(digit - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(digit - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// `JSON.escape` for one scalar.
    private static func escape(_ code: UInt32, into out: inout [UInt8]) {
        switch code {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [0x5C, UInt8(ascii: "u"), hex[Int(code >> 12 & 0xF)], hex[Int(code >> 8 & 0xF)],
                                    hex[Int(code >> 4 & 0xF)], hex[Int(code & 0xF)]])
        default:
            guard let scalar = Unicode.Scalar(code) else { return }
            out.append(contentsOf: UTF8.encode(scalar)!)
        }
    }
}
