import Foundation

/// A value that can travel as a statement parameter, in PostgreSQL's text format. The
/// registry's own values (tax codes, dates, money, province codes) conform, so a query says
/// `\(taxCode)` and never formats a value by hand.
public protocol PostgresBindable {
    /// The text PostgreSQL parses; nil is SQL NULL.
    var postgresText: String? { get }
}

/// A value read back from PostgreSQL's text format.
public protocol PostgresDecodable {
    init?(postgresText: String)
}

extension String: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { self }
    public init?(postgresText: String) { self = postgresText }
}

extension Substring: PostgresBindable {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int64: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Double: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Bool: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { self ? "true" : "false" }
    /// PostgreSQL writes booleans as `t` and `f`.
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension Decimal: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { description }
    public init?(postgresText: String) { self.init(string: postgresText, locale: Locale(identifier: "en_US_POSIX")) }
}

/// A one-dimensional `text[]` (or any array the server casts from it), e.g. `\(results)::text[]`.
extension Array: PostgresBindable where Element: PostgresBindable {
    public var postgresText: String? {
        "{" + map { element in
            guard let text = element.postgresText else { return "NULL" }
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"" + escaped + "\""
        }.joined(separator: ",") + "}"
    }
}
