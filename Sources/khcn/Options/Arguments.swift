import ArgumentParser
import Foundation
import Registry

// How a value is read from the command line: the shape is checked while parsing (a usage
// error, exit 64, contract §3), what the shape cannot say when the value is used (65).

/// A `YYYY-MM-DD` argument: the shape is checked while parsing (exit 64), the calendar when
/// used (2025-02-31 is a rule violation, exit 65).
struct DateArgument: ExpressibleByArgument {
    let text: String
    let parts: (Int, Int, Int)

    init?(argument: String) {
        guard let parts = CivilDate.isoShape(argument) else { return nil }
        self.text = argument
        self.parts = parts
    }

    func date(field: String) throws(RegistryError) -> CivilDate {
        guard let date = CivilDate(year: parts.0, month: parts.1, day: parts.2) else {
            throw RegistryError.invalid(
                field, text, vi: "Ngày \(text) không tồn tại trong lịch.", en: "The date \(text) does not exist in the calendar.")
        }
        return date
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension TaxCode {
    /// Parses a tax code named on the command line; a malformed one is a rule violation (65).
    static func argument(_ raw: String, field: String = "tax_code") throws(RegistryError) -> TaxCode {
        do {
            return try TaxCode(parsing: raw)
        } catch {
            throw RegistryError.invalid(field, raw, vi: error.vietnamese, en: error.english)
        }
    }

    /// An optional tax code (a list's `--tax-code` filter), parsed as above when given.
    static func argument(ifGiven raw: String?, field: String = "tax_code") throws(RegistryError) -> TaxCode? {
        guard let raw else { return nil }
        return try argument(raw, field: field)
    }
}

/// An amount of đồng on the command line: text is a usage error (64), a negative amount a
/// rule violation (65).
struct MoneyArgument: ExpressibleByArgument {
    let outcome: Result<Money, Money.Problem>

    init?(argument: String) {
        do {
            outcome = .success(try Money(parsing: argument))
        } catch {
            guard case .negative = error else { return nil }
            outcome = .failure(error)
        }
    }

    func money(field: String) throws(RegistryError) -> Money {
        switch outcome {
        case .success(let money): return money
        case .failure(let problem):
            let shown: String
            if case .negative(let value) = problem { shown = String(value) } else { shown = "" }
            throw RegistryError.invalid(field, shown, vi: "Số tiền không được âm.", en: "An amount of money cannot be negative.")
        }
    }
}

extension IPStatus: ExpressibleByArgument {}

extension IPKind: ExpressibleByArgument {}
extension ApplicantType: ExpressibleByArgument {}
extension IPEvent: ExpressibleByArgument {}

enum EncodingArgument: String, ExpressibleByArgument, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1258 = "windows-1258"
    case tcvn3

    var encoding: SourceEncoding? { self == .auto ? nil : SourceEncoding(rawValue: rawValue) }
}

enum DelimiterArgument: String, ExpressibleByArgument, CaseIterable {
    case auto
    case comma = ","
    case semicolon = ";"
    case tab

    var byte: UInt8? {
        switch self {
        case .auto: nil
        case .comma: 0x2C
        case .semicolon: 0x3B
        case .tab: 0x09
        }
    }
}

extension DateOrder: ExpressibleByArgument {}
extension CSVHeaders: ExpressibleByArgument {}

/// A target value as a clerk writes it: `0,85` (the decimal comma this tool itself prints in
/// Vietnamese) or `0.85`; `-3` too, so that the target's rule can say why it is refused.
struct TargetValue {
    let number: Double

    init?(argument: String) {
        let text = argument.contains(".") ? argument : argument.replacingOccurrences(of: ",", with: ".")
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let number = Double(text), number.isFinite else { return nil }
        self.number = number
    }
}

enum IPRule: String, ExpressibleByArgument, CaseIterable {
    case filed, granted
}

struct FileKindArgument: ExpressibleByArgument {
    let kind: RecordKind

    init?(argument: String) {
        guard let kind = RecordKind(fileKind: argument) else { return nil }
        self.kind = kind
    }

    static var allValueStrings: [String] { RecordKind.allCases.compactMap(\.fileKind) }
}

enum VSICVersionArgument: Int, ExpressibleByArgument, CaseIterable {
    case v2018 = 2018
    case v2025 = 2025
}

extension FormerProvince: ExpressibleByArgument {}
extension EnterpriseStatus: ExpressibleByArgument {}

extension ClearableField: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {}

extension Role: ExpressibleByArgument {}

extension WatchList.Kind: ExpressibleByArgument {}
