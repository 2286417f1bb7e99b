import Postgres

/// A province's code on the national list of administrative units (Tuyên Quang = 08): two
/// ASCII digits, valid by construction. It is the tenant key that scopes every query (contract
/// §4, §9); whether the code is one of the 34 provinces in force is the database's to say
/// (table `province`, SQL/0014), since the list changes by decision, not by release.
public struct ProvinceCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The two digits, e.g. `08`.
    public let code: String

    /// nil unless `text` is exactly two ASCII digits.
    public init?(_ text: String) {
        guard text.utf8.count == 2, text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        code = text
    }

    /// Tuyên Quang: the province of logins khcn did not make (contract §9).
    public static let tuyenQuang = ProvinceCode("08")!

    public var description: String { code }

    public static func < (lhs: ProvinceCode, rhs: ProvinceCode) -> Bool { lhs.code < rhs.code }
}

extension ProvinceCode: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { code }
    public init?(postgresText: String) { self.init(postgresText) }
}
