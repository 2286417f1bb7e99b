import Foundation

/// A JSON value that keeps object keys in the order they were written, so that `--json`
/// output reads in the contract's column order and can be diffed.
enum JSON: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.rendered(pretty: false) == rhs.rendered(pretty: false) }

    static func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
    static func optional(_ number: Int?) -> JSON { number.map(JSON.int) ?? .null }

    /// Adds or replaces a key of an object (appended at the end when new).
    /// An object's members by key (the first of a repeated key), for reading a document the
    /// registry built (an import batch, a person's file).
    var members: [String: JSON] {
        guard case .object(let pairs) = self else { return [:] }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// A member as a table cell: text and whole numbers as written, anything else "—".
    func cell(_ key: String) -> String {
        switch members[key] {
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        default: return "—"
        }
    }

    func adding(_ key: String, _ value: JSON) -> JSON {
        guard case .object(var pairs) = self else { return self }
        if let index = pairs.firstIndex(where: { $0.0 == key }) { pairs[index].1 = value } else { pairs.append((key, value)) }
        return .object(pairs)
    }

    func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? 0 : nil)
        return out
    }

    /// Pretty, as it reads nested `depth` levels deep in a document printed piece by piece
    /// (a list's element: 1); the same text as `rendered()` with "\n" indented, without a
    /// second pass over it.
    func rendered(depth: Int) -> String {
        var out = ""
        write(to: &out, indent: depth)
        return out
    }

    private func write(to out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value):
            out += value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) : "null"
        case .string(let value): JSON.escape(value, into: &out)
        case .array(let values):
            if values.isEmpty { out += "[]"; return }
            out += "["
            for (position, value) in values.enumerated() {
                if position > 0 { out += "," }
                JSON.newline(&out, indent.map { $0 + 1 })
                value.write(to: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (position, (key, value)) in pairs.enumerated() {
                if position > 0 { out += "," }
                JSON.newline(&out, indent.map { $0 + 1 })
                JSON.escape(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(to: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    private static func escape(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Contract §4: C1 controls and bidirectional overrides are escaped too, so that JSON
            // printed to a terminal cannot drive it either.
            case let c where c.value < 0x20 || (0x7F...0x9F).contains(c.value) || (0x202A...0x202E).contains(c.value)
                || (0x2066...0x2069).contains(c.value):
                out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Parses JSON text (PostgreSQL's jsonb output, which is always well formed), ordering
    /// object keys by `keyOrder` first, then alphabetically.
    static func parse(_ text: String, keyOrder: [String] = []) -> JSON {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value() else { return .string(text) }
        if keyOrder.isEmpty { return value }
        let rank = Dictionary(keyOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return value.ordered(rank)
    }

    private func ordered(_ rank: [String: Int]) -> JSON {
        switch self {
        case .array(let values): return .array(values.map { $0.ordered(rank) })
        case .object(let pairs):
            return .object(pairs.map { ($0.0, $0.1.ordered(rank)) }
                .sorted { (rank[$0.0] ?? Int.max, $0.0) < (rank[$1.0] ?? Int.max, $1.0) })
        default: return self
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        /// The items of an object or array, the opening bracket under `position`: each read by
        /// `item`, separated by commas, up to `close`; nil where the text is not JSON.
        mutating func sequence<Item>(closedBy close: Unicode.Scalar, _ item: (inout Parser) -> Item?) -> [Item]? {
            position += 1
            var items: [Item] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: close) { position += 1; return items }
            while true {
                guard let next = item(&self) else { return nil }
                items.append(next)
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: close) { position += 1; return items }
                return nil
            }
        }

        mutating func value() -> JSON? {
            skipSpace()
            guard position < bytes.count else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                return sequence(closedBy: "}") { parser -> (String, JSON)? in
                    parser.skipSpace()
                    guard let key = parser.string() else { return nil }
                    parser.skipSpace()
                    guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: ":") else { return nil }
                    parser.position += 1
                    return parser.value().map { (key, $0) }
                }.map(JSON.object)
            case UInt8(ascii: "["):
                return sequence(closedBy: "]") { $0.value() }.map(JSON.array)
            case UInt8(ascii: "\""):
                return string().map(JSON.string)
            case UInt8(ascii: "t"): position += 4; return .bool(true)
            case UInt8(ascii: "f"): position += 5; return .bool(false)
            case UInt8(ascii: "n"): position += 4; return .null
            default:
                let start = position
                while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                if let integer = Int(text) { return .int(integer) }
                return Double(text).map(JSON.number)
            }
        }

        mutating func string() -> String? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\"), position < bytes.count else { out.append(byte); continue }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          var code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else { return nil }
                    position += 4
                    // A surrogate pair spells one scalar outside the BMP.
                    if (0xD800...0xDBFF).contains(code), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                       let low = UInt32(String(decoding: bytes[position + 2..<position + 6], as: UTF8.self), radix: 16) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "?").utf8))
                default: out.append(escaped)
                }
            }
            return nil
        }
    }
}
