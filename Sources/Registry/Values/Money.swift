/// An amount of Vietnamese đồng: always an integer (contract §4). Parsing accepts what clerks
/// write: `1000000`, `1.000.000`, `1 000 000`, and a `,0`/`,00` decimal part.
public struct Money: Hashable, Sendable {
    public let dong: Int64

    public init(dong: Int64) { self.dong = dong }

    public enum Problem: Error, Sendable, Equatable {
        /// Not a number of đồng at all (text, a real decimal part, misplaced separators).
        case shape(String)
        /// A well-formed negative amount.
        case negative(Int64)
    }

    public init(parsing raw: String) throws(Problem) {
        var text = raw.trimmingWhitespace().replacingOccurrences(of: "\u{00A0}", with: " ")
        for suffix in [" đ", "đ", " VND", "VND", " vnd"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        if let comma = text.firstIndex(of: ",") {
            let decimals = text[text.index(after: comma)...]
            guard decimals == "0" || decimals == "00" else { throw .shape(raw) }
            text = String(text[..<comma])
        }
        let groups = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == " " })
        guard !text.isEmpty, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw .shape(raw)
        }
        if groups.count > 1 {
            // Thousands separators: every group after the first has exactly three digits.
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), groups[0].count <= 3 else { throw .shape(raw) }
        }
        guard let value = Int64(groups.joined()) else { throw .shape(raw) }
        if negative && value != 0 { throw .negative(-value) }
        self.dong = value
    }
}
