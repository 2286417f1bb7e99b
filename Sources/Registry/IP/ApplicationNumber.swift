import Foundation

/// Kinds of industrial property the registry follows (the plan counts both).
public enum IPKind: String, Sendable, CaseIterable {
    case invention
    case utilitySolution = "utility-solution"

    /// The type digit that opens its application and grant numbers.
    public var typeDigit: Character { self == .invention ? "1" : "2" }
    /// Protection lasts this many years from filing if fees are paid.
    public var termYears: Int { self == .invention ? 20 : 10 }

    public var vietnamese: String { self == .invention ? "Sáng chế" : "Giải pháp hữu ích" }
    public var english: String { self == .invention ? "Invention" : "Utility solution" }

    /// Accepts the canonical words and the Vietnamese ones (`sáng chế`, `giải pháp hữu ích`).
    public init?(word: String) {
        let folded = word.trimmingWhitespace().lowercased().folding(options: [.diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "đ", with: "d")
        switch folded {
        case "invention", "sang che": self = .invention
        case "utility-solution", "utility solution", "giai phap huu ich": self = .utilitySolution
        default: return nil
        }
    }
}

/// A patent application number `T-YYYY-NNNNN` (T = 1 invention, 2 utility solution).
public struct ApplicationNumber: Hashable, Sendable, CustomStringConvertible {
    public let typeDigit: Character
    public let year: Int
    public let serial: String

    public var description: String { "\(typeDigit)-\(String(format: "%04d", year))-\(serial)" }

    public init(parsing raw: String) throws(RegistryError) {
        let text = raw.trimmingWhitespace()
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 1, parts[1].count == 4, parts[2].count == 5,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let type = parts[0].first, let year = Int(parts[1]) else {
            throw RegistryError.invalid(
                "application_number", raw,
                vi: "Số đơn “\(raw)” phải có dạng T-YYYY-NNNNN (T = 1 sáng chế, 2 giải pháp hữu ích), ví dụ 1-2024-01234.",
                en: "Application number “\(raw)” must look like T-YYYY-NNNNN (T = 1 invention, 2 utility solution), e.g. 1-2024-01234.")
        }
        guard type == "1" || type == "2" else {
            throw RegistryError.invalid(
                "application_number", raw,
                vi: "Số đơn “\(raw)” có chữ số loại \(type): sổ này chỉ giữ sáng chế (1) và giải pháp hữu ích (2).",
                en: "Application number “\(raw)” has type digit \(type): this register keeps inventions (1) and utility solutions (2) only.")
        }
        self.typeDigit = type
        self.year = year
        self.serial = String(parts[2])
    }

    public var kind: IPKind { typeDigit == "1" ? .invention : .utilitySolution }
}

/// An application's status on a date (contract §5), as SQL/0027 `ip_as_of` derives it from the
/// events dated up to that day: the one rule for lists, shows, the watch list and the event
/// order (SQL/0031).
public enum IPStatus: String, Sendable, CaseIterable, CustomStringConvertible {
    case filed, published
    case underExamination = "under_examination"
    case granted, refused, withdrawn, lapsed
    /// A granted title past its term (Civil Code art. 147–148: from the day after `expires_on`).
    case expired
    case invalidated

    public var description: String { rawValue }
}

/// Dated events of an application's life (contract §5).
public enum IPEvent: String, Sendable, CaseIterable {
    case published
    case examinationRequested = "examination-requested"
    case granted, refused, withdrawn, lapsed, invalidated, restored
    /// The day the status was compared with the IP Office's register; changes nothing.
    case checked
    /// The maintenance fee of one or more validity years was paid (SQL/0027 `ip_fee_payment`):
    /// changes no status, and may be dated before the latest event.
    case feePaid = "fee-paid"
}
