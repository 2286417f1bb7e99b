@testable import Registry

/// Fuzzes `TaxCode(parsing:)`: whatever a clerk typed, the parser either explains the problem
/// or returns a code that passes the check-digit rule (Circular 105/2020/TT-BTC) and survives
/// parse → format → parse unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTaxCode(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let raw = String(decoding: FuzzInput(data, count).payload, as: UTF8.self)
    let parsed: TaxCode
    do {
        parsed = try TaxCode(parsing: raw)
    } catch {
        require(!error.vietnamese.isEmpty && !error.english.isEmpty, "a refusal without words")
        if raw.utf8.count == 10, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            require(!isValidBase(Array(raw.utf8)), "refused the valid code \(raw)")
        }
        return 0
    }
    let text = parsed.description
    let digits = Array(text.utf8.filter { $0 != UInt8(ascii: "-") })
    require(text.utf8.count == 10 || (text.utf8.count == 14 && Array(text.utf8)[10] == UInt8(ascii: "-")), "stored form \(text)")
    require(digits.allSatisfy { $0 >= 48 && $0 <= 57 } && (digits.count == 10 || digits.count == 13), "stored form \(text)")
    require(isValidBase(Array(digits.prefix(10))), "accepted \(text), whose check digit is wrong")
    require(digits.count == 10 || digits.suffix(3) != Array("000".utf8), "accepted the dependent-unit suffix 000")
    // The parser removes spaces, dots and a hyphen; it never invents, drops or reorders a digit.
    let typed = raw.unicodeScalars.filter { $0.isASCII && $0.properties.numericType != nil }.map { UInt8($0.value) }
    require(typed == digits, "“\(raw)” became \(text)")
    let again = try? TaxCode(parsing: text)
    require(again == parsed, "\(text) does not parse back to itself")
    // The fast path for ten plain digits and the general path agree.
    if raw.unicodeScalars.allSatisfy(\.isASCII) {
        require((try? TaxCode(parsing: " " + raw + " ")) == parsed, "padding “\(raw)” with spaces changes the result")
    }
    return 0
}

/// The check-digit rule restated independently: partition not 00, digits 3–9 not all zero,
/// 10th digit = 10 − (Σ weightᵢ × digitᵢ mod 11), and no code where that remainder is 0.
private func isValidBase(_ ascii: [UInt8]) -> Bool {
    let value = ascii.map { Int($0) - 48 }
    guard value.count == 10, value.allSatisfy({ (0...9).contains($0) }) else { return false }
    guard value[0] + value[1] > 0, value[2...8].contains(where: { $0 > 0 }) else { return false }
    let sum = zip(value, [31, 29, 23, 19, 17, 13, 7, 5, 3]).reduce(0) { $0 + $1.0 * $1.1 }
    return sum % 11 != 0 && value[9] == 10 - sum % 11
}
