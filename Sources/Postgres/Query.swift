/// A statement and the values bound to it. Written as string interpolation, each interpolated
/// value becomes a placeholder (`$1`, `$2`, …) and travels beside the text, never inside it,
/// as postgres-nio's `PostgresQuery` does:
///
///     let query: Query = "SELECT name FROM enterprise WHERE tax_code = \(taxCode)"
///
/// Placeholders are numbered when the statement is sent, so queries compose (`a + b`, or a
/// query interpolated into another) without anyone counting by hand. Trusted SQL text (a
/// column list the code itself built) goes in with `\(sql: text)`; it is never a value.
public struct Query: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Piece: Sendable {
        case text(String)
        case value(String?)
    }

    var pieces: [Piece]

    /// SQL without values, e.g. a statement built from the code's own column lists.
    public init(sql: String) { pieces = [.text(sql)] }

    public init(stringLiteral value: String) { self.init(sql: value) }

    public init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.pieces }

    /// The text PostgreSQL receives, with `$n` where the values go.
    public var sql: String { render().sql }

    /// The values, in placeholder order (text format; nil is SQL NULL).
    public var bindings: [String?] { pieces.compactMap { if case .value(let value) = $0 { value } else { nil } } }

    public var description: String { sql }

    func render() -> (sql: String, bindings: [String?]) {
        var sql = ""
        var bindings: [String?] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                sql += text
            case .value(let value):
                bindings.append(value)
                sql += "$\(bindings.count)"
            }
        }
        return (sql, bindings)
    }

    /// The statement with every value written in as a quoted literal, for the statements that
    /// take no parameters (COPY). `quote` is the server's own quoting (`PQescapeLiteral`).
    func inlined(_ quote: (String) throws -> String) rethrows -> String {
        var sql = ""
        for piece in pieces {
            switch piece {
            case .text(let text): sql += text
            case .value(let value?): sql += try quote(value)
            case .value(nil): sql += "NULL"
            }
        }
        return sql
    }

    public static func + (left: Query, right: Query) -> Query {
        var joined = left
        joined.pieces += right.pieces
        return joined
    }

    public static func += (left: inout Query, right: Query) { left.pieces += right.pieces }

    /// `parts` joined by `separator` (e.g. conditions joined by " AND ").
    public static func joined(_ parts: [Query], separator: String) -> Query {
        var joined = Query(sql: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { joined.pieces.append(.text(separator)) }
            joined.pieces += part.pieces
        }
        return joined
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(2 * interpolationCount + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { pieces.append(.text(literal)) }
        }

        /// A bound value: becomes `$n`.
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value) {
            pieces.append(.value(value.postgresText))
        }

        /// A bound value that may be SQL NULL.
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value?) {
            pieces.append(.value(value?.postgresText))
        }

        /// Another query, values and all (its placeholders are renumbered in place).
        public mutating func appendInterpolation(_ query: Query) {
            pieces += query.pieces
        }

        /// SQL text the code itself wrote (an identifier or column list from a fixed table),
        /// never a value from outside.
        public mutating func appendInterpolation(sql text: String) {
            pieces.append(.text(text))
        }
    }
}
