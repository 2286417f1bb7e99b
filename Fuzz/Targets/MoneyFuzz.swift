@testable import Registry

/// Fuzzes `Money(parsing:)` (contract §4: integer đồng; `1.000.000`, `1 000 000`, `1000000`,
/// a `,0`/`,00` tail): any text, however long its digits, gives an Int64 or a typed problem,
/// never an overflow trap; what it gives is what was written, and reads back from every form.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMoney(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let raw = String(decoding: FuzzInput(data, count).payload, as: UTF8.self)
    checkTrimming(raw)
    let money: Money
    do {
        money = try Money(parsing: raw)
    } catch {
        switch error {
        case .shape(let text): require(text == raw, "the problem quotes “\(text)”, not what was written")
        case .negative(let value): require(value < 0, "a negative-amount problem holding \(value)")
        }
        return 0
    }
    require(money.dong >= 0, "accepted a negative amount \(money.dong)")
    // The digits before any decimal comma are the amount, leading zeros aside.
    let integral = raw.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let written = String(integral.unicodeScalars.filter { $0.isASCII && $0.properties.numericType != nil }.map(Character.init))
    let significant = written.drop { $0 == "0" }
    require(String(money.dong) == (significant.isEmpty ? "0" : String(significant)), "“\(raw)” read as \(money.dong)")
    // Every form the contract accepts reads back to the same amount.
    let plain = String(money.dong)
    var groups: [Substring] = []
    var end = plain.endIndex
    while end > plain.startIndex {
        let start = plain.index(end, offsetBy: -3, limitedBy: plain.startIndex) ?? plain.startIndex
        groups.insert(plain[start..<end], at: 0)
        end = start
    }
    for form in [plain, groups.joined(separator: "."), groups.joined(separator: " "), groups.joined(separator: "\u{00A0}"),
                 plain + ",00", plain + " đ", groups.joined(separator: ".") + " VND", " \(plain)\t"] {
        require((try? Money(parsing: form)) == money, "\(form) does not read back as \(money.dong)")
    }
    if money.dong > 0 {
        require((try? Money(parsing: "-" + plain)) == nil, "-\(plain) was accepted")
    }
    return 0
}

/// `trimmingWhitespace` (used by every value parser) only removes whitespace at the ends.
private func checkTrimming(_ raw: String) {
    let trimmed = raw.trimmingWhitespace()
    require(trimmed.first?.isWhitespace != true && trimmed.last?.isWhitespace != true, "“\(trimmed)” still has whitespace at an end")
    require(trimmed.isEmpty || raw.contains(trimmed), "trimming “\(raw)” gave text that is not inside it")
}
