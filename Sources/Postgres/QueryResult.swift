/// The rows of one statement, every value in PostgreSQL's text format (`nil` for SQL NULL).
///
/// Text format keeps the wrapper independent of type OIDs; rows are read by column name, so
/// a query's select list and the code that reads it cannot drift apart silently.
public struct QueryResult: Sendable {
    public let columns: Columns
    public let rows: [Row]
    /// The command tag, e.g. `INSERT 0 1` or `UPDATE 3`.
    public let commandTag: String
    /// Rows affected by INSERT/UPDATE/DELETE/COPY, 0 when not applicable.
    public let affectedRows: Int

    init(columns: Columns, values: [[String?]], commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.rows = values.map { Row(columns: columns, values: $0) }
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// The first column of the first row, or nil (for `SELECT count(*) …` and the like).
    public var scalar: String? { rows.first?.values.first ?? nil }

    /// The first row, if any.
    public var first: Row? { rows.first }
}

/// The names of a result's columns, shared by all its rows.
public final class Columns: Sendable {
    public let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        self.index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One row, read by column name.
public struct Row: Sendable {
    let columns: Columns
    /// The values in select-list order (for code that hands a whole row on, e.g. a table printer).
    public let values: [String?]

    init(columns: Columns, values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// The text of `column`, nil for SQL NULL. Naming a column the query did not select is a
    /// bug in the query's caller, not a data error.
    public subscript(_ column: String) -> String? {
        guard let position = columns.index[column] else {
            preconditionFailure("column \(column) was not selected (selected: \(columns.names.joined(separator: ", ")))")
        }
        return values[position]
    }

    /// Whether the query selected `column`.
    public func has(_ column: String) -> Bool { columns.index[column] != nil }

    /// `column` decoded as `T`; throws when it is NULL or not a `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let text = self[column] else {
            throw PostgresError(kind: .client, message: "column \(column) is NULL")
        }
        guard let value = T(postgresText: text) else {
            throw PostgresError(kind: .client, message: "column \(column) holds \(text), which is not a \(T.self)")
        }
        return value
    }

    /// `column` decoded as `T`, nil for SQL NULL; throws when it is not a `T`.
    public func decodeIfPresent<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard self[column] != nil else { return nil }
        return try decode(column, as: T.self)
    }

}
