/// A Vietnamese enterprise tax code (mã số thuế = mã số doanh nghiệp), valid by construction:
/// 10 digits with a correct check digit, or 13 written `XXXXXXXXXX-NNN` for a dependent unit.
///
/// The same rule lives in SQL as `khcn_tax_code_is_valid` (the guarantee); tests assert that
/// both agree on one table of cases.
public struct TaxCode: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The 10-digit enterprise number.
    public let base: String
    /// The 3-digit dependent-unit suffix (001–999), if any.
    public let suffix: String?

    public var description: String { suffix.map { "\(base)-\($0)" } ?? base }

    public static func < (lhs: TaxCode, rhs: TaxCode) -> Bool { lhs.description < rhs.description }

    /// Weights of digits 1–9 (Circular 105/2020/TT-BTC numbering scheme).
    static let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]

    /// Why a text is not a tax code, in words a clerk can act on.
    public struct Problem: Error, Sendable, Equatable {
        public let vietnamese: String
        public let english: String
    }

    /// Parses what a clerk or a spreadsheet wrote: spaces and dots are stripped, the suffix
    /// may be written with or without `-`.
    public init(parsing raw: String) throws(Problem) {
        // Fast path for what most rows hold: exactly ten ASCII digits with a right check digit.
        if raw.utf8.count == 10, let fast = TaxCode.tenDigits(raw) {
            self = fast
            return
        }
        let trimmed = raw.trimmingWhitespace()
        if trimmed.isEmpty {
            throw Problem(vietnamese: "Mã số thuế bị bỏ trống.", english: "The tax code is empty.")
        }
        if TaxCode.looksLikeExcelScientific(trimmed) {
            throw Problem(
                vietnamese: "“\(trimmed)” là số đã bị Excel đổi sang dạng khoa học; hãy định dạng cột mã số thuế là Text và nhập lại.",
                english: "“\(trimmed)” was mangled by Excel into scientific notation; format the tax-code column as Text and re-enter it.")
        }
        let compact = trimmed.filter { $0 != " " && $0 != "." && $0 != "\u{00A0}" }
        var digits = ""
        var hyphens = 0
        for character in compact {
            if character == "-" { hyphens += 1; continue }
            guard character.isASCII, character.isNumber else {
                throw Problem(
                    vietnamese: "Mã số thuế chỉ gồm chữ số (10 số, hoặc 13 số dạng XXXXXXXXXX-NNN); “\(trimmed)” có ký tự “\(character)”.",
                    english: "A tax code has digits only (10, or 13 written XXXXXXXXXX-NNN); “\(trimmed)” contains “\(character)”.")
            }
            digits.append(character)
        }
        let hyphenAfterTen = compact.count == 14 && compact.dropFirst(10).first == "-"
        if hyphens > 1 || (hyphens == 1 && !hyphenAfterTen) {
            throw Problem(
                vietnamese: "Mã số thuế 13 số viết dạng XXXXXXXXXX-NNN; “\(trimmed)” đặt dấu gạch sai chỗ.",
                english: "A 13-digit tax code is written XXXXXXXXXX-NNN; “\(trimmed)” has its hyphen in the wrong place.")
        }
        switch digits.count {
        case 10, 13:
            break
        case 9:
            let restored = "0" + digits
            let hint = (try? TaxCode(parsing: restored)) != nil
                ? " (0\(digits) là mã hợp lệ)" : ""
            let hintEN = (try? TaxCode(parsing: restored)) != nil ? " (0\(digits) is a valid code)" : ""
            throw Problem(
                vietnamese: "Mã số thuế “\(trimmed)” chỉ có 9 chữ số: có lẽ đã mất số 0 ở đầu (thường do Excel), hãy ghi 0\(digits)\(hint).",
                english: "Tax code “\(trimmed)” has 9 digits: it probably lost its leading zero (Excel does this); write 0\(digits)\(hintEN).")
        case 12:
            // Contract §4: a 13-digit code that lost its leading zero, or a personal ID number.
            // The first is offered only when it passes the check (as the 9-digit hint does).
            let restored = "0\(digits.prefix(9))-\(digits.suffix(3))"
            if (try? TaxCode(parsing: restored)) != nil {
                throw Problem(
                    vietnamese: "“\(trimmed)” có 12 chữ số: hoặc là mã 13 số đã mất số 0 ở đầu (\(restored) là mã hợp lệ), hoặc là số định danh cá nhân — không phải mã số thuế doanh nghiệp.",
                    english: "“\(trimmed)” has 12 digits: either a 13-digit code that lost its leading zero (\(restored) is a valid code) or a personal ID number, which is not an enterprise tax code.")
            }
            throw Problem(
                vietnamese: "“\(trimmed)” có 12 chữ số: không phải mã số thuế doanh nghiệp (thêm số 0 ở đầu cũng không thành mã hợp lệ); có lẽ là số định danh cá nhân. Mã số thuế có 10 chữ số, hoặc 13 dạng XXXXXXXXXX-NNN.",
                english: "“\(trimmed)” has 12 digits: it is not an enterprise tax code (adding a leading zero does not make a valid one either); perhaps a personal ID number. A tax code has 10 digits, or 13 written XXXXXXXXXX-NNN.")
        default:
            throw Problem(
                vietnamese: "Mã số thuế phải có 10 chữ số, hoặc 13 dạng XXXXXXXXXX-NNN; “\(trimmed)” có \(digits.count) chữ số.",
                english: "A tax code has 10 digits, or 13 written XXXXXXXXXX-NNN; “\(trimmed)” has \(digits.count).")
        }
        let base = String(digits.prefix(10))
        let suffix = digits.count == 13 ? String(digits.suffix(3)) : nil
        let values = base.compactMap { $0.wholeNumberValue }
        if base.hasPrefix("00") {
            throw Problem(
                vietnamese: "Mã số thuế \(base) không hợp lệ: hai chữ số đầu không thể là 00.",
                english: "Tax code \(base) is invalid: its first two digits cannot be 00.")
        }
        if values[2..<9].allSatisfy({ $0 == 0 }) {
            throw Problem(
                vietnamese: "Mã số thuế \(base) không hợp lệ: chữ số thứ 3 đến 9 không thể đều là 0.",
                english: "Tax code \(base) is invalid: digits 3 to 9 cannot all be zero.")
        }
        if suffix == "000" {
            throw Problem(
                vietnamese: "Mã đơn vị phụ thuộc không thể là 000 (từ 001 đến 999).",
                english: "A dependent-unit suffix cannot be 000 (it runs from 001 to 999).")
        }
        let remainder = zip(values.prefix(9), TaxCode.weights).map(*).reduce(0, +) % 11
        if remainder == 0 {
            throw Problem(
                vietnamese: "Mã số thuế \(base) không hợp lệ: 9 chữ số đầu cho số dư 0, không có chữ số kiểm tra nào đúng (mã như vậy không được cấp).",
                english: "Tax code \(base) is invalid: its first 9 digits leave remainder 0, for which no check digit exists (such codes are never issued).")
        }
        let expected = 10 - remainder
        if values[9] != expected {
            throw Problem(
                vietnamese: "Mã số thuế \(base) sai chữ số kiểm tra: chữ số thứ 10 phải là \(expected), không phải \(values[9]).",
                english: "Tax code \(base) has a wrong check digit: the 10th digit should be \(expected), not \(values[9]).")
        }
        self.base = base
        self.suffix = suffix
    }

    /// Ten ASCII digits that pass every rule, without allocating; nil to take the slow path
    /// (which explains what is wrong).
    private static func tenDigits(_ raw: String) -> TaxCode? {
        var total = 0, leading = 0, middle = 0, check = 0, position = 0
        for byte in raw.utf8 {
            guard byte >= 48 && byte <= 57 else { return nil }
            let digit = Int(byte - 48)
            switch position {
            case 0, 1: leading += digit
            case 9: check = digit
            default: middle += digit
            }
            if position < 9 { total += digit * weights[position] }
            position += 1
        }
        // Not 00 first, digits 3 to 9 not all zero, and the check digit right.
        guard leading != 0, middle != 0 else { return nil }
        let remainder = total % 11
        guard remainder != 0, check == 10 - remainder else { return nil }
        return TaxCode(base: raw, suffix: nil)
    }

    private init(base: String, suffix: String?) {
        self.base = base
        self.suffix = suffix
    }

    /// Excel turns long numbers into `1.23457E+09`.
    private static func looksLikeExcelScientific(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return false }
        let mantissa = upper[..<e].replacingOccurrences(of: ",", with: ".")
        let exponent = upper[upper.index(after: e)...]
        return !mantissa.isEmpty && mantissa.allSatisfy { $0.isNumber || $0 == "." }
            && exponent.hasPrefix("+") && exponent.dropFirst().allSatisfy(\.isNumber)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
